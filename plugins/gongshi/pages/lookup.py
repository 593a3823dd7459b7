"""Static lookup indexes, split into small shards: which 执法证号 have a page (officers), which
统一社会信用代码 or full business names have a company page (companies).

A browser normalises what was typed (NFKC, no spaces, upper case), hashes it (FNV-1a, 32 bit,
over its UTF-8 bytes), fetches `<folder>/<hash % shards>.json` and finds the key there, with
the path segment of the page it leads to. The shard count grows
with the number of officers so that a shard stays near `TARGET_PER_SHARD` keys: a shard is
as small for a province as for a small city.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from ..compactjson import compact_json

TARGET_PER_SHARD = 512
INDEX_VERSION = 2


def fnv1a32(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def fnv1a32_each(texts: list[str]) -> np.ndarray:
    """fnv1a32 of many texts at once: byte position by byte position over all the texts still
    that long (uint32 arithmetic wraps as the & 0xFFFFFFFF does), not a Python loop per key."""
    encoded = [text.encode("utf-8") for text in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    values = np.full(len(encoded), 0x811C9DC5, dtype=np.uint32)
    if not len(encoded) or not lengths.max():
        return values
    # Longest first, so that the texts that have a byte at a position are the first `alive` ones.
    order = np.argsort(-lengths, kind="stable")
    longest_first, starts = lengths[order], (np.cumsum(lengths) - lengths)[order]
    alive = np.searchsorted(-longest_first, -np.arange(int(longest_first[0])), side="left")
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    hashed = values[order]
    for position, count in enumerate(alive.tolist()):
        hashed[:count] = (hashed[:count] ^ data[starts[:count] + position]) * np.uint32(0x01000193)
    values[order] = hashed
    return values


def shard_count(keys: int) -> int:
    count = 1
    while count * TARGET_PER_SHARD < keys:
        count *= 2
    return count


def lookup_files(entries: Mapping[str, str] | Iterable[str], folder: str) -> dict[str, bytes]:
    """{relpath: bytes} of the meta file and every shard (empty shards included).

    `entries` maps a lookup key to the path segment of its page; a plain list of keys
    means each key is its own segment (执法证号)."""
    if not isinstance(entries, Mapping):
        entries = {key: key for key in entries}
    shards = shard_count(len(entries))
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    keys = sorted(entries)
    for key, shard in zip(keys, (fnv1a32_each(keys) % shards).tolist()):
        buckets[shard][key] = entries[key]
    files = {f"{folder}/meta.json": compact_json({"version": INDEX_VERSION, "hash": "fnv1a32",
                                           "shards": shards, "keys": len(entries)})}
    identity = all(key == target for key, target in entries.items())
    for number, bucket in enumerate(buckets):
        # Keys that are their own page (执法证号) are listed, not mapped: half the bytes.
        files[f"{folder}/{number}.json"] = compact_json({"keys": list(bucket) if identity else bucket})
    return files
