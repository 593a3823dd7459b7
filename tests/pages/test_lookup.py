"""The lookup indexes: a browser hashes what was typed with FNV-1a (lookup.js) and opens that
shard, so the build must put every key in the shard of its own hash."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.pages.lookup import fnv1a32, fnv1a32_each, lookup_files


@given(st.lists(st.text(max_size=30), max_size=60))
@settings(max_examples=300, deadline=None)
def test_hashing_many_keys_at_once_gives_each_key_its_own_hash(keys: list[str]) -> None:
    assert fnv1a32_each(keys).tolist() == [fnv1a32(key) for key in keys]


def test_fnv1a32_known_values() -> None:
    # Published FNV-1a 32-bit test vectors (the browser's function must agree).
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968


def test_every_key_is_in_the_shard_of_its_hash() -> None:
    entries = {f"9133990{n:04d}MA0000000X": f"9133990{n:04d}MA0000000X" for n in range(3000)}
    entries["江临市某某建材有限公司"] = "91339900MA05729020"
    files = lookup_files(entries, "companies/lookup")
    shards = json.loads(files["companies/lookup/meta.json"])["shards"]
    assert shards > 1
    for key, target in entries.items():
        shard = json.loads(files[f"companies/lookup/{fnv1a32(key) % shards}.json"])["keys"]
        assert shard[key] == target
