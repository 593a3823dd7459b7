"""The static index format: posting lists split into a head and blocks with a skip list,
documents in display order, deterministic bytes; and exact answers on the sample feeds."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace

import pytest

from gongshi.search.analyzer import (
    fetch_terms,
    index_terms,
    matches,
    normalise,
    occurs,
    query_parts,
    searchable_text,
)
from gongshi.search.documents import SearchDoc, display_order_key, rank_key
from gongshi.search.index import (
    CONTINUE,
    FINAL,
    IndexFormat,
    crc32,
    decode_numbers,
    decode_postings,
    encode_numbers,
    index_files,
)
from gongshi.search.index import doc_facet_terms as facet_terms

SMALL = IndexFormat(head=2, block=3, chunk=2, shard_bytes=60)


class StaticIndex:
    """A reader of the files, written from FORMAT.md: what search.js does, without the browser.
    `fetched` holds every file read, in order (each once), as the browser would fetch them."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.fetched: dict[str, None] = {}  # (ordered, and fast to look up at 1M)
        self.parsed: dict[str, object] = {}
        self.meta = self.json("meta.json")

    def file(self, path: str) -> bytes:
        self.fetched[path] = None
        return self.files[f"search/{path}"]

    def json(self, path: str):  # noqa: ANN201 - parsed once, as the browser caches files
        if path.startswith("d/"):  # (all of them at 1M would not fit in memory parsed)
            return json.loads(self.file(path))
        if path not in self.parsed:
            self.parsed[path] = json.loads(self.file(path))
        else:
            self.fetched[path] = None
        return self.parsed[path]

    def entry(self, term: str) -> tuple[int, list] | None:
        shard = crc32(term) % self.meta["shards"]
        entry = self.json(f"t/{shard}.json").get(term)
        return None if entry is None else (shard, entry)

    def postings(self, term: str) -> list[int] | None:
        found = self.entry(term)
        if found is None:
            return None
        shard, entry = found
        docs = decode_postings(entry[1])
        if len(entry) == 4:  # a long list: [df, head, first block, skips]
            bases = []
            for delta in decode_numbers(entry[3]):
                bases.append((bases[-1] if bases else 0) + delta)
            for k, base in enumerate(bases):
                docs += decode_postings(self.file(f"p/{shard}-{entry[2] + k}.txt").decode(), base)
        assert len(docs) == entry[0], f"{term}: df {entry[0]}, {len(docs)} postings"
        return docs

    def values(self, term: str) -> dict[int, list[str]] | None:
        """document -> its values holding the term, for a term with values ([df, head, k])."""
        found = self.entry(term)
        if found is None or len(found[1]) != 3:
            return None
        shard, entry = found
        texts, numbers = self.json(f"x/{shard}-{entry[2]}.json")[term]
        held: list[list[str]] = [[]]
        for number in decode_numbers(numbers):  # 2 * value index + (another follows)
            held[-1].append(texts[number >> 1])
            if not number & 1:
                held.append([])
        docs = decode_postings(entry[1])
        assert len(held) - 1 == len(docs) == entry[0], term
        return dict(zip(docs, held))

    def doc(self, number: int) -> list:
        chunk = self.meta["chunk"]
        return self.json(f"d/{number // chunk}.json")[number % chunk]

    def search(self, query: str) -> list[int]:
        parts = query_parts(query)
        terms = {t for p in parts for t in fetch_terms(p)}  # what search.js fetches
        if not terms:
            return []
        entries = {t: self.entry(t) for t in terms}
        if any(found is None for found in entries.values()):
            return []
        lists = {t: self.postings(t) for t in sorted(terms)}
        candidates = set.intersection(*(set(found) for found in lists.values()))
        # search.js: a part whose rarest list has values is checked against them, when the
        # short lists leave more candidates than a page
        short = [set(lists[t]) for t in terms if len(entries[t][1]) != 4]
        if short and len(set.intersection(*short)) > self.meta["page"]:
            for part in parts:
                rarest = min(fetch_terms(part), key=lambda t: entries[t][1][0], default=None)
                held = self.values(rarest) if rarest and rarest != part else None  # a part that is a term: exact
                if held is not None:
                    candidates = {n for n in candidates if any(occurs(part, v) for v in held.get(n, ()))}
        return sorted(n for n in candidates if matches(parts, searchable_text(self.doc(n)[2])))

    def ranked(self, query: str) -> list[int]:
        """search(query) ranked as search.js ranks every result (searchAll) and staff.py does."""
        parts = query_parts(query)

        def rank(n: int) -> tuple:
            stored = self.doc(n)
            name = self.meta["datasets"][stored[0]]["name"]
            return rank_key(SearchDoc(name, "", stored[1], tuple(stored[2]), status=stored[6]), parts, n)

        return sorted(self.search(query), key=rank)


def make_docs(n: int, seed: int = 7) -> list[SearchDoc]:
    rng = random.Random(seed)
    words = ["江临市", "市场监督管理局", "食品经营", "有限公司", "鲜果坊", "张某某", "罚款", "〔2026〕", "MA2B", "１２３"]
    docs = [SearchDoc("penalties", f"K{i:04d}", f"penalties/K{i:04d}/",
                      tuple("".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(3)),
                      agency=rng.choice(["甲局", "乙局"]), year=str(rng.choice([2024, 2025, 2026])), status="公示中",
                      date=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}") for i in range(n)]
    return sorted(docs, key=display_order_key)


def test_numbers_round_trip_without_digits():
    values = [0, 1, 31, 32, 1023, 1024, 99999, 2 ** 30 - 1, 7]
    text = encode_numbers(values)
    assert decode_numbers(text) == values
    assert not re.search(r"[0-9\"\\]", FINAL + CONTINUE), "no digit (privacy gate), nothing JSON escapes"


def test_posting_lists_heads_blocks_and_skips_are_complete():
    docs = make_docs(60)
    files = dict(index_files(docs, SMALL))
    index = StaticIndex(files)
    expected: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for term in index_terms(searchable_text(doc.fields)) | set(facet_terms(doc)):
            expected.setdefault(term, []).append(number)
    assert any(len(v) > SMALL.head + SMALL.block for v in expected.values()), "blocks are exercised"
    for term, numbers in expected.items():
        assert index.postings(term) == numbers
    assert index.meta["docs"] == 60 and index.meta["shards"] > 1
    # stored documents in display order (newest first), `chunk` to a file
    assert [index.doc(n)[1] for n in range(60)] == [d.url for d in docs]
    dates = [d.date for d in docs]
    assert dates == sorted(dates, reverse=True)


def test_same_documents_same_bytes():
    first = dict(index_files(make_docs(80), SMALL))
    second = dict(index_files(make_docs(80), SMALL))
    assert first == second
    changed = dict(index_files(make_docs(80, seed=8), SMALL))
    assert json.loads(changed["search/meta.json"])["build"] != json.loads(first["search/meta.json"])["build"]


@pytest.mark.parametrize("query", ["江临", "督管", "食品经营", "某", "ma2b", "123", "〔2026〕", "鲜果坊 罚款", "不存在的"])
def test_index_answers_equal_plain_substring_search(query):
    docs = make_docs(120)
    index = StaticIndex(dict(index_files(docs, SMALL)))
    parts = query_parts(query)
    expected = [n for n, d in enumerate(docs) if matches(parts, searchable_text(d.fields))]
    assert index.search(query) == expected


def test_sample_feeds_exact_for_every_substring_query(sample_docs):
    """Recall and precision 100% against plain substring matching on the sample: queries are
    2-6 character substrings of the records' own CJK text."""
    docs = sample_docs
    index = StaticIndex(dict(index_files(docs)))
    texts = [searchable_text(d.fields) for d in docs]
    rng = random.Random(1)
    queries = set()
    while len(queries) < 150:
        text = rng.choice(texts)
        cjk = re.findall(r"[\u4e00-\u9fff]{2,}", text)
        if cjk:
            run = rng.choice(cjk)
            size = rng.randint(2, min(6, len(run)))
            start = rng.randint(0, len(run) - size)
            queries.add(run[start:start + size])
    for query in sorted(queries):
        expected = [n for n, t in enumerate(texts) if query in t]
        assert index.search(query) == expected, query


def test_parallel_writing_writes_exactly_the_index(tmp_path):
    from gongshi.output import OutputWriter
    from gongshi.privacy.gate import PrivacyGate
    from gongshi.search import PARALLEL_THRESHOLD, write_index

    docs = make_docs(IndexFormat().chunk * PARALLEL_THRESHOLD + 50)
    expected = dict(index_files(docs))
    writer = OutputWriter(tmp_path / "out", tmp_path / "cache", PrivacyGate())
    assert write_index(writer, docs, IndexFormat(), workers=2) == len(expected)
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
               for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert written == expected
    assert set(writer.produced) == set(expected) and writer.stats.written == len(expected)


# -- values: exact rejection of candidates without their stored documents ----------------------
VALUES = IndexFormat(head=40, block=8, chunk=1, shard_bytes=200, page=3, values_bytes=400)
SHOPS = ["江临市临江区大丰收水果店", "江临市江北区大丰收水果店", "江临市南湖区大丰收水果店"]


def shop_docs(copies: int = 6) -> list[SearchDoc]:
    """The 1M benchmark's case: one shop name in three districts, each many times; every
    bigram of 江区大丰收水 is in all of them (江区 in the address), the part only in 临江区's."""
    docs = []
    for i in range(3 * copies):
        shop = SHOPS[i % 3]
        docs.append(SearchDoc("penalties", f"S{i:03d}", f"penalties/S{i:03d}/",
                              (shop, f"江临市监罚〔2026〕{i}号", "罚款", "临江区滨江路"),
                              agency="甲局", year="2026", status="公示中", date=f"2026-01-{i % 28 + 1:02d}"))
    # a term in two fields of one document, one of them with full-width letters to normalise
    docs.append(SearchDoc("penalties", "S900", "penalties/S900/", ("大丰收水产ＭＡ", "大丰收水果铺", "警告"),
                          agency="乙局", year="2025", status="公示中", date="2025-06-01"))
    return sorted(docs, key=display_order_key)


def expected_values(docs: list[SearchDoc], term: str) -> dict[int, list[str]]:
    """document -> its normalised field values holding the term, straight from the documents."""
    out = {}
    for number, doc in enumerate(docs):
        held = [v for v in dict.fromkeys(normalise(f) for f in doc.fields) if term in index_terms(v)]
        if held:
            out[number] = held
    return out


def test_short_lists_longer_than_a_page_have_their_values():
    docs = shop_docs() + make_docs(30)
    docs.sort(key=display_order_key)
    files = dict(index_files(docs, VALUES))
    index = StaticIndex(files)
    with_values = 0
    expected_terms: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for term in index_terms(searchable_text(doc.fields)) | set(facet_terms(doc)):
            expected_terms.setdefault(term, []).append(number)
    for term, numbers in expected_terms.items():
        kind = len(index.entry(term)[1])
        if term.startswith("~") or not VALUES.page < len(numbers) <= VALUES.head:
            assert kind != 3, term  # facets, lists a page long, long lists: no values
            continue
        assert kind == 3, term
        with_values += 1
        held = index.values(term)
        assert {n: sorted(v) for n, v in held.items()} == {n: sorted(v) for n, v in expected_values(docs, term).items()}
        texts = json.loads(files[f"search/x/{crc32(term) % index.meta['shards']}-{index.entry(term)[1][2]}.json"])[term][0]
        assert len(texts) == len(set(texts)), "each value once per term"
    assert with_values > 20
    # a term in two fields of one document: both values, normalised
    s900 = next(n for n, d in enumerate(docs) if d.key == "S900")
    assert sorted(index.values("丰收")[s900]) == ["大丰收水产ma", "大丰收水果铺"]
    # packed: a file holds several terms, and is over the target only when it holds one
    packs = {p: json.loads(b) for p, b in files.items() if p.startswith("search/x/")}
    assert any(len(terms) > 1 for terms in packs.values())
    for path, terms in packs.items():
        assert len(files[path]) <= VALUES.values_bytes or len(terms) == 1, path


def test_values_reject_false_candidates_without_fetching_their_documents():
    docs = shop_docs()
    index = StaticIndex(dict(index_files(docs, VALUES)))
    texts = [searchable_text(d.fields) for d in docs]
    for query in ("江区大丰收水", "临江区大丰收水果店", "北区大丰收", "大丰收水", "大丰收水 罚款", "丰收水产 警告", "水产ma", "收水果铺"):
        parts = query_parts(query)
        expected = [n for n, t in enumerate(texts) if matches(parts, t)]
        index.fetched.clear()
        assert index.search(query) == expected, query
        fetched_docs = sorted(int(p[2:-5]) for p in index.fetched if p.startswith("d/"))  # chunk = 1
        assert fetched_docs == expected, query  # no false candidate's stored document
    # a part that is itself a term: its list is the answer, no value file is fetched
    index.fetched.clear()
    assert index.search("收水") == [n for n, t in enumerate(texts) if "收水" in t]
    assert len(index.entry("收水")[1]) == 3 and not any(p.startswith("x/") for p in index.fetched)
    # every bigram of 江区大丰收水 is in all 18 shops, the part in the 6 of 临江区: without
    # values (a cap nothing fits under) the 12 others are fetched only to be rejected
    plain = StaticIndex(dict(index_files(docs, replace(VALUES, values_cap=0))))
    assert len(plain.search("江区大丰收水")) == 6
    assert len([p for p in plain.fetched if p.startswith("d/")]) == 18
    assert not any(p.startswith("x/") for p in plain.fetched)


def test_a_term_whose_values_are_too_long_has_none_and_is_still_exact():
    docs = shop_docs() + [SearchDoc("penalties", f"L{i}", f"penalties/L{i}/", ("大丰收" + "长" * 200 + str(i),),
                                    date="2024-01-01") for i in range(20)]
    docs.sort(key=display_order_key)
    fmt = replace(VALUES, values_cap=2000)
    files = dict(index_files(docs, fmt))
    index = StaticIndex(files)
    assert len(index.entry("大丰")[1]) == 2  # 38 postings, 23 values over 600 bytes each: none
    assert len(index.entry("收水")[1]) == 3  # the shops' 3 values fit
    assert not any("大丰" in json.loads(b) for p, b in files.items() if p.startswith("search/x/"))
    texts = [searchable_text(d.fields) for d in docs]
    for query in ("大丰收长长", "丰收水果", "大丰收"):
        assert index.search(query) == [n for n, t in enumerate(texts) if query in t], query


def test_value_files_same_bytes_and_in_the_build_hash():
    def build(seed: int) -> dict[str, bytes]:
        return dict(index_files(sorted(shop_docs() + make_docs(30, seed), key=display_order_key), VALUES))

    first, second = build(7), build(7)
    assert first == second and any(p.startswith("search/x/") for p in first)
    from gongshi.search.index import content_hash, meta_file, type_runs

    runs = type_runs(sorted(shop_docs() + make_docs(30, 7), key=display_order_key))
    hashes = [(p, content_hash(b)) for p, b in first.items() if p != "search/meta.json"]
    assert meta_file(len(shop_docs()) + 30, VALUES, hashes, runs)[1] == first["search/meta.json"]
    x_file = next(p for p, _ in hashes if p.startswith("search/x/"))
    changed = [(p, "0" * len(h) if p == x_file else h) for p, h in hashes]
    assert meta_file(len(shop_docs()) + 30, VALUES, changed, runs)[1] != first["search/meta.json"]


def test_value_texts_are_the_normalised_values_in_every_batch_even_holding_nul():
    """The value lists' texts come from the analysed batches (cut from their joined text, or
    one by one in a batch where a value holds NUL): each is `normalise` of a field value."""
    from gongshi.search.index import build_postings

    odd = [SearchDoc("penalties", f"N{i}", f"penalties/N{i}/", ("大丰收水果\0店ＡＢ", "Ｘ大丰收水产", f"罚{i}号"),
                     agency="丙局", year="2024", status="公示中", date=f"2024-02-{i + 1:02d}") for i in range(5)]
    docs = sorted(shop_docs(2) + odd, key=display_order_key)
    every_field = {normalise(f) for d in docs for f in d.fields}
    seen = None
    for batch in (1, 4, 1 << 16):
        postings = build_postings(docs, VALUES, batch=batch)
        rows = {}
        for j, number in enumerate(postings.values.terms.tolist()):
            term = postings.terms[number]
            values, _ = postings.values.row(j)
            expected = {normalise(f) for d in docs for f in d.fields if term in index_terms(normalise(f))}
            assert set(values) == expected and len(values) == len(expected), (batch, term)
            assert set(values) <= every_field
            rows[term] = values
        assert "大丰收水果\0店ab" in rows["丰收"] and "x大丰收水产" in rows["丰收"]
        assert seen is None or rows == seen  # the same lists, in the same order, whatever the batch
        seen = rows


def test_vectorised_encoding_is_encode_numbers_for_every_length():
    """_encode_deltas (every posting list at once) writes what encode_numbers writes, for
    numbers of one to thirteen characters."""
    import numpy as np

    from gongshi.search.index import _encode_deltas

    values = [0, 1, 31, 32, 33, 1023, 1024, 99999, 2 ** 30 - 1, 2 ** 30, 2 ** 35, 2 ** 50 + 7, 2 ** 60 - 1, 2 ** 60,
              2 ** 62 + 12345, 5, 0]
    encoded, ends = _encode_deltas(np.array(values, dtype=np.int64))
    assert encoded.decode("ascii") == encode_numbers(values)
    assert ends.tolist() == [len(encode_numbers(values[:i + 1])) for i in range(len(values))]
    assert _encode_deltas(np.zeros(0, dtype=np.int64))[0] == b""


def test_the_gate_reads_a_term_shards_terms_not_its_encoded_postings() -> None:
    """Posting lists are numbers written as characters: at 200,000 decisions one read like a
    WeChat ID and stopped the build. The terms, which come from the records, are still gated."""
    import json as _json

    import pytest as _pytest

    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak
    from gongshi.search import gate_view

    gate = PrivacyGate()
    shard = _json.dumps({"食品": [3, ",QQ1234567"], "销售": [2, "wx:IhMq8wertyjJ"]}, ensure_ascii=False).encode()
    assert gate.scan_bytes("search/t/1.json", shard)  # the whole file looks like a leak ...
    gate.check("search/t/1.json", shard, gate_view("search/t/1.json", shard))  # ... its terms are none
    with _pytest.raises(PrivacyLeak):
        leaking = _json.dumps({"13905791234": [1, "a"]}).encode()
        gate.check("search/t/2.json", leaking, gate_view("search/t/2.json", leaking))
    assert gate_view("search/d/0.json", b"[]") is None  # stored documents: scanned whole
