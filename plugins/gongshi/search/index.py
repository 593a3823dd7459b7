"""The static, sharded inverted index the browser searches (format in FORMAT.md beside this file).

Documents are numbered in display order (newest first), so the head of every posting list
holds the first results. A term's entry lives in one term shard, `t/<crc32(term) % shards>.json`:
its document frequency, the first `head` postings, and — for a long list — where the rest is:
blocks of `block` postings in `p/<shard>-<n>.txt`, with the document number before each block
(a skip list), so a query can fetch exactly the block that holds a given document. Stored
documents, `chunk` to a file in `d/<n>.json`, carry the fields the browser verifies and shows.
A short list longer than a page also has the field values holding its term, packed with other
terms' in `x/<shard>-<k>.json`: the browser rejects candidates by them without fetching their
stored documents.

Postings are delta-encoded, five bits to a character (FINAL ends a number, CONTINUE carries
its higher bits). Neither alphabet has a digit, so an encoded list can never look like an ID or
phone number to the privacy gate.

The postings are built with numpy: each distinct field value is analysed once into term codes,
every (term, document) pair becomes one 64-bit key, and one sort of the keys makes every posting
list. `meta.json` is made last, from the content hashes of all the other files.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np
import pandas as pd

from ..compactjson import compact_json
from ..output import content_hash
from .analyzer import SEPARATOR_RANGES, facet_term, lower_ascii, normalise_each
from .documents import FACET_FIELDS, INACTIVE_STATUSES, REGISTRY, SearchDoc

FINAL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
CONTINUE = "ghijklmnopqrstuvwxyz!#$%&()*+,-."
FORMAT_VERSION = 2  # 2: value files x/ and the entry [df, head, value file]
FOLDER = "search"
_FINAL_BYTES = np.frombuffer(FINAL.encode(), dtype=np.uint8)
_CONTINUE_BYTES = np.frombuffer(CONTINUE.encode(), dtype=np.uint8)
_CP_BITS = 21  # bits of one Unicode code point
_WORD_TAG = 1 << 42  # term codes: unigram < 2^21 <= bigram < 2^42 <= word < 2^43 <= facet
_FACET_TAG = 1 << 43
_VALUE_SHIFT = 43  # value-term keys: (value in its batch << 43) | term code (< 2^43)
_FIELDS = itemgetter(SearchDoc._fields.index("fields"))


@dataclass(frozen=True)
class IndexFormat:
    head: int = 256  # postings kept in the term's shard entry
    block: int = 4096  # postings per continuation block
    chunk: int = 8  # stored documents per file: a scattered first page fetches `page` of them
    shard_bytes: int = 4000  # target size of a term shard
    page: int = 10  # results the browser shows at a time
    values_bytes: int = 4000  # target size of a value file x/<shard>-<k>.json
    values_cap: int = 16000  # a term whose values alone are longer gets none (plain verification)


@dataclass
class TermValues:
    """The normalised field values holding each term of `terms` (the terms whose lists are
    short but longer than a page), and for each posting the values of that document holding it.

    Term `terms[j]` has the values texts[v] for v in value_ids[value_starts[j]:value_starts[j+1]]
    and its postings' value numbers, encoded, in encoded[index_chars[j]:index_chars[j+1]]: for
    each posting in list order, one or more numbers 2 * (index into the term's values) + more,
    where more = 1 when another index of the same posting follows."""

    terms: np.ndarray  # term numbers, ascending
    value_starts: np.ndarray
    value_ids: np.ndarray
    texts: list[str]
    encoded: bytes
    index_chars: np.ndarray

    def row(self, j: int) -> tuple[list[str], str]:
        texts = self.texts
        values = [texts[v] for v in self.value_ids[self.value_starts[j]:self.value_starts[j + 1]].tolist()]
        return values, self.encoded[self.index_chars[j]:self.index_chars[j + 1]].decode("ascii")


@dataclass
class Postings:
    """All posting lists: terms[i] has documents docs[starts[i]:starts[i+1]] (ascending)."""

    terms: list[str]
    starts: np.ndarray
    docs: np.ndarray
    values: TermValues | None = None  # made when build_postings is given the format

    def of(self, term: str) -> list[int]:
        i = self.terms.index(term)
        return self.docs[self.starts[i]:self.starts[i + 1]].tolist()


def crc32(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


# -- encoding ---------------------------------------------------------------------------------
def encode_numbers(values: list[int]) -> str:
    out = []
    for value in values:
        digits = [FINAL[value & 31]]
        value >>= 5
        while value:
            digits.append(CONTINUE[value & 31])
            value >>= 5
        out.append("".join(reversed(digits)))
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    values, value = [], 0
    for char in text:
        final = FINAL.find(char)
        if final >= 0:
            values.append(value * 32 + final)
            value = 0
        else:
            value = value * 32 + CONTINUE.index(char)
    return values


def decode_postings(text: str, base: int = -1) -> list[int]:
    docs = []
    for delta in decode_numbers(text):
        base += delta
        docs.append(base)
    return docs


def _encode_deltas(deltas: np.ndarray) -> tuple[bytes, np.ndarray]:
    """All deltas as one byte string, and the character offset at which each one ends."""
    # characters per number: 1 + how many of 32, 1024, ... it reaches; one comparison pass per
    # limit up to the largest number (the few passes it takes beat np.searchsorted into the
    # limits)
    lengths = np.ones(len(deltas), dtype=np.int64)
    top = int(deltas.max()) if len(deltas) else 0
    for limit in _FIVE_BIT_LIMITS.tolist():
        if limit > top:
            break
        lengths += deltas >= limit
    ends = np.cumsum(lengths)
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    out[ends - 1] = _FINAL_BYTES[deltas & 31]  # lowest five bits last
    # higher five-bit groups, right to left, for the ever fewer numbers that have them
    rest = np.flatnonzero(lengths > 1)
    values, at = deltas[rest] >> 5, ends[rest] - 2
    while len(values):
        out[at] = _CONTINUE_BYTES[values & 31]
        more = values >= 32
        values, at = values[more] >> 5, at[more] - 1
    return out.tobytes(), ends


_FIVE_BIT_LIMITS = np.array([1 << bits for bits in range(5, 63, 5)], dtype=np.int64)  # 32, 1024, ...


# -- postings -----------------------------------------------------------------------------------
def _separator_table() -> np.ndarray:
    """Code point -> 0 CJK-run character, 1 separator, 2 ASCII letter/digit."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for first, last in SEPARATOR_RANGES:
        table[first:last + 1] = 1
    for char in "0123456789abcdefghijklmnopqrstuvwxyz":
        table[ord(char)] = 2
    table[ord("A"):ord("Z") + 1] = 2  # never present after normalisation; kept out of CJK runs
    return table


def build_postings(docs: list[SearchDoc], fmt: IndexFormat | None = None, batch: int = 1 << 16) -> Postings:
    """Every document's terms (`index_terms` of its searchable text, and its facet terms).

    Field values repeat a lot (agencies, violation types, legal bases), so each distinct value
    is normalised and analysed once: its terms become a list of term codes, and a document's
    postings are the lists of its fields' values. One sort of (term, document) keys then makes
    every posting list. Terms are ordered by code: single characters, bigrams, then words and
    facet terms each numbered by first appearance in document order (the shard files list
    them in this order, so it must not depend on anything else). Given the format, it also
    finds the values of the terms that get value lists (`term_values`)."""
    fields = list(map(_FIELDS, docs))  # (operator.itemgetter and chain: no Python loop per value)
    counts = np.fromiter(map(len, fields), dtype=np.int64, count=len(docs))
    entry_value, values = pd.factorize(np.fromiter(chain.from_iterable(fields), dtype=object, count=int(counts.sum())),
                                       sort=False)
    # Values are numbered by first appearance in document-then-field order, and so, within
    # them, are their words: numbering words in that order is numbering them as they first
    # appear in the documents' text.
    value_codes, value_starts, words, texts = _value_terms(list(values), batch)
    facet_codes, facet_docs, facets = _facet_postings(docs)
    term_codes = _sorted_unique(np.concatenate((value_codes, facet_codes)))
    value_ranks = np.searchsorted(term_codes, value_codes)
    # (term rank, document) of every field value of every document, then of the facets
    entry_doc = np.repeat(np.arange(len(docs), dtype=np.int64), counts)
    lengths = np.diff(value_starts)[entry_value]
    ends = np.cumsum(lengths)
    at = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    at += np.repeat(value_starts[entry_value] - (ends - lengths), lengths)
    doc_bits = max(len(docs).bit_length(), 1)
    keys = np.concatenate(((value_ranks[at] << doc_bits) | np.repeat(entry_doc, lengths),
                           (np.searchsorted(term_codes, facet_codes) << doc_bits) | facet_docs))
    keys = _sorted_unique(keys)  # a term in several fields of a document is one posting
    ranks = keys >> doc_bits
    starts = np.zeros(len(term_codes) + 1, dtype=np.int64)
    np.cumsum(np.bincount(ranks, minlength=len(term_codes)), out=starts[1:])
    terms = [_term_of(code, words, facets) for code in term_codes.tolist()]
    postings = Postings(terms, starts, keys & ((1 << doc_bits) - 1))
    if fmt is not None:
        df = np.diff(starts)
        qualifying = (df > fmt.page) & (df <= fmt.head) & (term_codes < _FACET_TAG)
        postings.values = term_values(qualifying, value_ranks, value_starts, texts, entry_value, entry_doc,
                                      doc_bits)
    return postings


def term_values(qualifying: np.ndarray, value_ranks: np.ndarray, value_starts: np.ndarray, texts: list[str],
                entry_value: np.ndarray, entry_doc: np.ndarray, doc_bits: int) -> TermValues:
    """The values of the `qualifying` terms (a mask over term numbers), from the structures the
    postings are made of: the terms of each distinct value (value_ranks, by value_starts) and
    the value of each field of each document (entry_value, entry_doc). No text is searched:
    a document's values holding a term are the values of its fields whose terms include it."""
    term_number = np.cumsum(qualifying) - 1  # term -> its number among the qualifying ones
    hits = np.flatnonzero(qualifying[value_ranks])  # (value, term) pairs of qualifying terms
    held = np.bincount(np.searchsorted(value_starts, hits, side="right") - 1, minlength=len(value_starts) - 1)
    held_from = np.zeros(len(held) + 1, dtype=np.int64)  # value v's: held_terms[held_from[v]:held_from[v + 1]]
    np.cumsum(held, out=held_from[1:])
    held_terms = term_number[value_ranks[hits]]
    # one (qualifying term, document, value) for every field of every document and every
    # qualifying term of its value
    entries = np.flatnonzero(held[entry_value])
    lengths = held[entry_value[entries]]
    ends = np.cumsum(lengths)
    at = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    at += np.repeat(held_from[entry_value[entries]] - (ends - lengths), lengths)
    pair_value, used = pd.factorize(np.repeat(entry_value[entries], lengths), sort=False)
    value_bits = max(len(used).bit_length(), 1)
    doc_shift = value_bits
    term_shift = value_bits + doc_bits
    if term_shift + max(int(qualifying.sum()).bit_length(), 1) > 63:
        raise ValueError("too many documents and values for the value lists' 64-bit keys")
    keys = (held_terms[at] << term_shift) | (np.repeat(entry_doc[entries], lengths) << doc_shift) | pair_value
    keys = _sorted_unique(keys)  # by term, document, value; a value in two fields of a document once
    key_term = keys >> term_shift
    key_doc = (keys >> doc_shift) & ((1 << doc_bits) - 1)
    term_and_value = (key_term << value_bits) | (keys & ((1 << value_bits) - 1))
    # each term's values numbered in order of first appearance: the numbering of (term, value)
    # by first appearance is consecutive within a term, as the keys are grouped by term
    pair_number, firsts = pd.factorize(term_and_value, sort=False)
    firsts = np.asarray(firsts, dtype=np.int64)
    group_starts = np.zeros(int(qualifying.sum()) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key_term, minlength=len(group_starts) - 1), out=group_starts[1:])
    local = pair_number - pair_number[group_starts[:-1]][key_term] if len(keys) else pair_number
    more = np.zeros(len(keys), dtype=np.int64)
    more[:-1] = (key_term[1:] == key_term[:-1]) & (key_doc[1:] == key_doc[:-1])
    encoded, char_ends = _encode_deltas(local * 2 + more)
    char_at = np.concatenate(([0], char_ends))
    value_starts_of_terms = np.zeros(len(group_starts), dtype=np.int64)
    np.cumsum(np.bincount(firsts >> value_bits, minlength=len(group_starts) - 1), out=value_starts_of_terms[1:])
    used_texts = [texts[v] for v in np.asarray(used, dtype=np.int64).tolist()]
    return TermValues(np.flatnonzero(qualifying), value_starts_of_terms, firsts & ((1 << value_bits) - 1),
                      used_texts, encoded, char_at[group_starts])


def _value_terms(values: list[str], batch: int) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """The sorted distinct term codes of each value (value i: codes[starts[i]:starts[i+1]]),
    the words in order of first appearance (word code = _WORD_TAG | its position), and each
    value `normalise`d (as searchable_text does it to the joined fields: the value lists' texts)."""
    table = _separator_table()
    words: dict[str, int] = {}
    texts: list[str] = []
    codes_parts, counts = [], np.zeros(len(values), dtype=np.int64)
    for first in range(0, len(values), batch):
        part = normalise_each(values[first:first + batch])
        joined = "\0".join(part) + "\0"
        if joined.count("\0") != len(part):  # a value holding NUL: any separator will do
            joined = "\0".join(v.replace("\0", "\n") for v in part) + "\0"
            texts += [lower_ascii(v) for v in part]
            joined = lower_ascii(joined)
        else:  # (lower_ascii maps each character alone: the joined text, cut, is each value's)
            joined = lower_ascii(joined)  # (so the values are `normalise`d, as searchable_text does)
            texts += joined.split("\0")[:-1]
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        value_at = np.cumsum(cp == 0) - (cp == 0)  # the value each character belongs to
        kind = table[cp]
        cjk = kind == 0
        pair = cjk[:-1] & cjk[1:]
        keys = [(value_at[cjk] << _VALUE_SHIFT) | cp[cjk],
                (value_at[:-1][pair] << _VALUE_SHIFT) | (cp[:-1][pair] << _CP_BITS) | cp[1:][pair]]
        # ASCII words: runs of kind 2, their strings numbered with pandas' hash table
        edges = np.diff(np.concatenate(([0], (kind == 2).view(np.int8), [0])))
        run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        if len(run_starts):
            found = [joined[a:b] for a, b in zip(run_starts.tolist(), run_ends.tolist())]
            keys.append((value_at[run_starts] << _VALUE_SHIFT) | _WORD_TAG | _global_ids(found, words))
        unique = _sorted_unique(np.concatenate(keys))  # by value, then code
        codes_parts.append(unique & ((1 << _VALUE_SHIFT) - 1))
        counts[first:first + len(part)] = np.bincount(unique >> _VALUE_SHIFT, minlength=len(part))
    starts = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    codes = np.concatenate(codes_parts) if codes_parts else np.zeros(0, dtype=np.int64)
    return codes, starts, list(words), texts


def _facet_postings(docs: list[SearchDoc]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(code, document) of every facet term (`doc_facet_terms`), and the facet terms in order
    of first appearance (facet code = _FACET_TAG | its position)."""
    columns = [(name, pd.factorize(np.fromiter(map(itemgetter(SearchDoc._fields.index(field)), docs), dtype=object,
                                               count=len(docs)), sort=False))
               for name, field in FACET_FIELDS.items()]
    local = np.empty((len(docs), len(columns)), dtype=np.int64)  # (document, facet) -> term number
    names: list[str] = []
    for k, (name, (numbers, found)) in enumerate(columns):
        absent = numbers < 0  # None: no facet, as an empty value
        for i, value in enumerate(found):
            if not value:
                absent |= numbers == i
        local[:, k] = np.where(absent, -1, numbers + len(names))
        names += [facet_term(name, value) for value in found]
    flat = local.ravel()
    present = np.flatnonzero(flat >= 0)
    order, firsts = pd.factorize(flat[present], sort=False)  # numbered by first appearance
    return (_FACET_TAG | order.astype(np.int64), present // len(columns),
            [names[n] for n in firsts.tolist()])




def _global_ids(strings: list[str], numbering: dict[str, int]) -> np.ndarray:
    """Each string's number in `numbering` (new strings get the next numbers, in order of
    first appearance, so numbering is deterministic)."""
    local, uniques = pd.factorize(pd.Series(strings, dtype=object), sort=False)
    ids = np.fromiter((numbering.setdefault(u, len(numbering)) for u in uniques), dtype=np.int64,
                      count=len(uniques))
    return ids[local]


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting: numpy's default hash-based unique is slower here."""
    values.sort()
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _term_of(code: int, words: list[str], facets: list[str]) -> str:
    if code >= _FACET_TAG:
        return facets[code - _FACET_TAG]
    if code >= _WORD_TAG:
        return words[code - _WORD_TAG]
    if code >= 1 << _CP_BITS:
        return chr(code >> _CP_BITS) + chr(code & ((1 << _CP_BITS) - 1))
    return chr(code)


# -- files ------------------------------------------------------------------------------------------
def doc_facet_terms(doc: SearchDoc) -> list[str]:
    return [facet_term(k, v) for k, v in doc.facets().items() if v]


def index_files(docs: list[SearchDoc], fmt: IndexFormat = IndexFormat()) -> Iterator[tuple[str, bytes]]:
    """(path under output/, bytes) of every file of the index, meta.json last."""
    files = [*document_files(docs, fmt), *term_files(docs, fmt)]
    yield from files
    yield meta_file(len(docs), fmt, [(path, content_hash(data)) for path, data in files], type_runs(docs))


def type_runs(docs: list[SearchDoc]) -> list[list[int]]:
    """[first document, dataset index] of each run of documents of one type: documents are
    numbered by type (display_order_key), so the browser counts results per type from their
    numbers alone, without their stored documents."""
    position = {name: i for i, name in enumerate(REGISTRY)}
    runs: list[list[int]] = []
    for number, name in enumerate(map(itemgetter(0), docs)):
        if not runs or runs[-1][1] != position[name]:
            runs.append([number, position[name]])
    return runs


def meta_file(doc_count: int, fmt: IndexFormat, hashes: list[tuple[str, str]],
              runs: list[list[int]] | None = None) -> tuple[str, bytes]:
    """meta.json, from the (path, content hash) of every other file of the index: its `build`
    is a hash of them, so it changes whenever any file does (the browser's cache key)."""
    digest = hashlib.blake2b(repr((FORMAT_VERSION, fmt)).encode(), digest_size=8)
    digest.update("\n".join(f"{path}\0{value}" for path, value in sorted(hashes)).encode())
    shards = sum(1 for path, _ in hashes if path.startswith(f"{FOLDER}/t/"))
    meta = {"version": FORMAT_VERSION, "build": digest.hexdigest(), "docs": doc_count, "shards": shards,
            "hash": "crc32", "head": fmt.head, "block": fmt.block, "chunk": fmt.chunk, "page": fmt.page,
            "datasets": [REGISTRY[name].describe() for name in REGISTRY], "runs": runs or [],
            "inactive": sorted(INACTIVE_STATUSES)}
    return f"{FOLDER}/meta.json", _dump(meta)


def document_files(docs: list[SearchDoc], fmt: IndexFormat = IndexFormat(),
                   chunks: range | None = None) -> Iterator[tuple[str, bytes]]:
    """The stored documents, `fmt.chunk` to a file (only the files numbered in `chunks`, if given)."""
    position = {name: i for i, name in enumerate(REGISTRY)}
    for number in chunks if chunks is not None else range(-(-len(docs) // fmt.chunk)):
        # (tuples are written as lists; unpacking is cheaper than the named tuple's attributes)
        rows = [(position[dataset], url, fields, extras, _agency_of(fields, agency), year, status)
                for dataset, _, url, fields, extras, agency, year, status, _ in
                docs[number * fmt.chunk:(number + 1) * fmt.chunk]]
        yield f"{FOLDER}/d/{number}.json", _dump(rows)


def term_files(docs: list[SearchDoc], fmt: IndexFormat = IndexFormat()) -> list[tuple[str, bytes]]:
    """Term shards and posting blocks (meta.json is `meta_file`, made once every file is known)."""
    plan = TermShards.plan(build_postings(docs, fmt), fmt)
    return plan.files(range(plan.shards))


def _agency_of(fields: tuple[str, ...], agency: str) -> str | int:
    """The agency facet, or the number of the field that holds the same text (fewer bytes)."""
    try:
        return fields.index(agency) if agency else ""
    except ValueError:
        return agency


@dataclass(frozen=True)
class TermShards:
    """Everything the term shards and posting blocks are made from, so that any range of shards
    can be made (and written) on its own: a shard's files depend on its own terms only."""

    postings: Postings
    fmt: IndexFormat
    shards: int
    by_shard: list[int]  # term numbers, by shard, in term order within a shard
    shard_starts: list[int]  # shard n's terms: by_shard[shard_starts[n]:shard_starts[n + 1]]
    encoded: bytes  # every posting list, delta-encoded, end to end
    char_at: np.ndarray  # posting number -> offset of its first character in `encoded`
    heads: list[tuple[int, int]]  # term number -> (first, last) character of its head
    value_rows: dict[int, int]  # term number -> its row in postings.values (terms that have values)

    @classmethod
    def plan(cls, postings: Postings, fmt: IndexFormat) -> TermShards:
        starts, docs = postings.starts, postings.docs
        counts = np.diff(starts)
        deltas = docs.copy()
        deltas[1:] -= docs[:-1]
        deltas[starts[:-1][counts > 0]] = docs[starts[:-1][counts > 0]] + 1  # first of a list: from -1
        encoded, ends = _encode_deltas(deltas)
        char_at = np.concatenate(([0], ends))
        head_from = char_at[starts[:-1]]
        head_to = char_at[np.minimum(starts[:-1] + fmt.head, starts[1:])]
        term_bytes = sum(len(t.encode()) for t in postings.terms)
        estimate = term_bytes + int((head_to - head_from).sum()) + 12 * len(postings.terms)
        shards = 1
        while shards * fmt.shard_bytes < estimate:
            shards *= 2
        shard_of = np.fromiter((crc32(term) % shards for term in postings.terms), dtype=np.int64,
                               count=len(postings.terms))
        shard_starts = np.searchsorted(np.sort(shard_of), np.arange(shards + 1))
        value_rows = {} if postings.values is None else \
            {term: row for row, term in enumerate(postings.values.terms.tolist())}
        return cls(postings, fmt, shards, np.argsort(shard_of, kind="stable").tolist(), shard_starts.tolist(),
                   encoded, char_at, list(zip(head_from.tolist(), head_to.tolist())), value_rows)

    def files(self, shards: range) -> list[tuple[str, bytes]]:
        """`t/<n>.json`, the posting blocks `p/<n>-<k>.txt` and the value files `x/<n>-<k>.json`
        of the shards numbered in `shards`. A shard's terms with values are packed, in term
        order, into value files of about `fmt.values_bytes`."""
        fmt, encoded, char_at = self.fmt, self.encoded, self.char_at
        starts, docs = self.postings.starts.tolist(), self.postings.docs
        text = encoded.decode("ascii")
        files: list[tuple[str, bytes]] = []
        for shard in shards:
            bucket: dict[str, list] = {}
            block_count = 0
            packs: list[list[bytes]] = []  # value files: their '"term":[values,numbers]' items
            pack_size = 0
            for i in self.by_shard[self.shard_starts[shard]:self.shard_starts[shard + 1]]:
                term, (first, last) = self.postings.terms[i], self.heads[i]
                start, end = starts[i], starts[i + 1]
                entry: list = [end - start, text[first:last]]
                row = self.value_rows.get(i)
                if row is not None:
                    body = _dump(self.postings.values.row(row))
                    if len(body) <= fmt.values_cap:
                        item = _dump(term) + b":" + body
                        if not packs or pack_size + len(item) + 1 > fmt.values_bytes:
                            packs.append([])
                            pack_size = 1
                        packs[-1].append(item)
                        pack_size += len(item) + 1
                        entry.append(len(packs) - 1)
                if end - start > fmt.head:
                    bases = []
                    for begin in range(start + fmt.head, end, fmt.block):
                        stop = min(begin + fmt.block, end)
                        bases.append(int(docs[begin - 1]))
                        files.append((f"{FOLDER}/p/{shard}-{block_count + len(bases) - 1}.txt",
                                      encoded[char_at[begin]:char_at[stop]]))
                    skips = encode_numbers([bases[0]] + [b - a for a, b in zip(bases, bases[1:])])
                    entry += [block_count, skips]
                    block_count += len(bases)
                bucket[term] = entry
            files.append((f"{FOLDER}/t/{shard}.json", _dump(bucket)))
            files += [(f"{FOLDER}/x/{shard}-{k}.json", b"{" + b",".join(items) + b"}") for k, items in enumerate(packs)]
        return files


def _dump(data: object) -> bytes:
    return compact_json(data)  # json.dumps's bytes, by orjson: the index is many thousands of files
