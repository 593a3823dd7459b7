"""The credential-lookup index: which 执法证号 have a page, split into small shards.

A browser hashes the typed number (FNV-1a, 32 bit, over its UTF-8 bytes), fetches
`officers/lookup/<hash % shards>.json` and looks for the number there. The shard count grows
with the number of officers so that a shard stays near `TARGET_PER_SHARD` keys: about 6 KB
whether the city has 300 officers or 300,000.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

TARGET_PER_SHARD = 512
INDEX_VERSION = 1


def fnv1a32(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_count(keys: int) -> int:
    count = 1
    while count * TARGET_PER_SHARD < keys:
        count *= 2
    return count


def lookup_files(keys: Iterable[str], folder: str = "officers/lookup") -> dict[str, bytes]:
    """{relpath: bytes} of the meta file and every shard (empty shards included)."""
    keys = sorted(set(keys))
    shards = shard_count(len(keys))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for key in keys:
        buckets[fnv1a32(key) % shards].append(key)
    files = {f"{folder}/meta.json": _dump({"version": INDEX_VERSION, "hash": "fnv1a32",
                                           "shards": shards, "keys": len(keys)})}
    for number, bucket in enumerate(buckets):
        files[f"{folder}/{number}.json"] = _dump({"keys": bucket})
    return files


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
