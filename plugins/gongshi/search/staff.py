"""whoosh for staff: an incremental index of the same public records, in the build's cache
folder (never in output/), behind `gongshi search` and the optional /api/search of
`gongshi serve`.

The search stage saves the public documents (`docs.marshal`); `sync` brings the whoosh index up
to date with them — adding new records, re-indexing changed ones (by a hash of the record),
deleting the ones gone — so only what changed is written. Queries use the same analyzer
(`GongshiTokenizer` wraps it) and the same substring verification as the browser, so both
return the same records in the same order.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from whoosh import index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.query import And, Term

from ..output import atomic_write
from .analyzer import index_terms, matches, query_parts, query_terms, searchable_text
from .documents import REGISTRY, DocType, SearchDoc, display_order_key, rank_key, register_dataset

DOCS_FILE = "docs.marshal"
DOCTYPES_FILE = "doctypes.json"  # (marshal: loads and saves tuples of str faster than pickle)
WHOOSH_FOLDER = "whoosh"
FACET_FIELDS = {"dataset": "dataset", "agency": "agency", "year": "year", "status": "status"}


class GongshiTokenizer(Tokenizer):
    """whoosh's side of the shared analyzer: a record's text in, its index terms out."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,  # noqa: ANN001, ANN204
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, term in enumerate(sorted(index_terms(searchable_text([value])))):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + position
            yield token


def schema() -> Schema:
    return Schema(key=ID(stored=True, unique=True), dataset=ID(stored=True), agency=ID, year=ID, status=ID,
                  text=TEXT(analyzer=GongshiTokenizer(), phrase=False), doc=STORED, order=STORED, hash=STORED)


def search_cache(cache_dir: Path) -> Path:
    return cache_dir / "search"


def save_docs(cache_dir: Path, docs: list[SearchDoc]) -> None:
    folder = search_cache(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    # marshal version 2: no references to objects already written, which versions 3 and 4
    # look up for every object: faster to write, for a somewhat larger file. load_docs reads
    # every version.
    atomic_write(folder / DOCS_FILE, marshal.dumps(list(map(tuple, docs)), 2))
    # The result types of the build, in order (a region's schema-published datasets among them):
    # a later process (gongshi search, serve) knows them from here, not from its own registry.
    atomic_write(folder / DOCTYPES_FILE, json.dumps([d.describe() for d in REGISTRY.values()],
                                                    ensure_ascii=False).encode("utf-8"))


def docs_saved(cache_dir: Path) -> bool:
    return (search_cache(cache_dir) / DOCS_FILE).is_file()


def load_docs(cache_dir: Path) -> list[SearchDoc]:
    path = search_cache(cache_dir) / DOCS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} 不存在：请先运行 gongshi build（搜索索引在构建时生成）")
    try:
        rows = marshal.loads(path.read_bytes())  # our own cache file
    except (EOFError, ValueError, TypeError) as error:  # (damaged, or written by another Python)
        raise FileNotFoundError(f"{path} 无法读取（{error}）：请重新运行 gongshi build") from error
    register_saved_doctypes(cache_dir)
    return [SearchDoc(*row) for row in rows]


def register_saved_doctypes(cache_dir: Path) -> None:
    """The build's schema-published result types, as its save_docs recorded them."""
    path = search_cache(cache_dir) / DOCTYPES_FILE
    if not path.is_file():
        return
    saved = json.loads(path.read_bytes())
    for described in saved:
        if described["name"] not in REGISTRY:
            register_dataset(DocType(described["name"], described["label"], tuple(described["fields"]),
                                     build=lambda public: (), title=described["title"], shown=tuple(described["shown"]),
                                     extras=tuple(described["extras"]), schema=True,
                                     keys=tuple(described.get("keys", ()))))


def doc_id(doc: SearchDoc) -> str:
    return f"{doc.dataset}/{doc.key}"


def doc_hash(doc: SearchDoc) -> str:
    return hashlib.blake2b(repr(tuple(doc)).encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    deleted: int
    unchanged: int


def sync(cache_dir: Path, docs: list[SearchDoc] | None = None) -> SyncReport:
    """Bring the whoosh index in line with the saved documents; touch only what changed."""
    register_saved_doctypes(cache_dir)
    docs = load_docs(cache_dir) if docs is None else docs
    folder = search_cache(cache_dir) / WHOOSH_FOLDER
    if folder.is_dir() and index.exists_in(str(folder)):
        ix = index.open_dir(str(folder))
    else:
        folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(folder), schema())
    with ix.searcher() as searcher:
        current = {fields["key"]: fields["hash"] for fields in searcher.all_stored_fields()}
    wanted = {doc_id(d): d for d in docs}
    gone = sorted(set(current) - set(wanted))
    changed = [(key, d, h) for key, d in wanted.items() if current.get(key) != (h := doc_hash(d))]
    if gone or changed:
        writer = ix.writer(limitmb=256)
        for key in gone:
            writer.delete_by_term("key", key)
        for key, d, h in changed:
            fields = {"key": key, "dataset": d.dataset, "agency": d.agency, "year": d.year, "status": d.status,
                      "text": "\n".join(d.fields), "doc": tuple(d), "order": display_order_key(d), "hash": h}
            if key in current:
                writer.update_document(**fields)
            else:
                writer.add_document(**fields)
        writer.commit()
    updated = sum(1 for key, _, _ in changed if key in current)
    return SyncReport(len(changed) - updated, updated, len(gone), len(wanted) - len(changed))


def search(cache_dir: Path, query: str, filters: dict[str, str] | None = None) -> list[SearchDoc]:
    """Every public record containing the query (each white-space part), ranked as the browser
    ranks them (documents.rank_key)."""
    register_saved_doctypes(cache_dir)
    parts = query_parts(query)
    terms = list(dict.fromkeys(t for p in parts for t in query_terms(p)))
    if not terms:
        return []
    clauses = [Term("text", t) for t in terms]
    clauses += [Term(FACET_FIELDS[k], v) for k, v in sorted((filters or {}).items()) if v]
    ix = index.open_dir(str(search_cache(cache_dir) / WHOOSH_FOLDER))
    found = []
    with ix.searcher() as searcher:
        for hit in searcher.search(And(clauses), limit=None):
            doc = SearchDoc(*hit["doc"])
            if matches(parts, searchable_text(doc.fields)):  # the same verification as the browser
                # (the order from the document, not the stored one: an unchanged record keeps
                # a stored order from an older build's rules)
                found.append((rank_key(doc, parts, display_order_key(doc)), doc))
    return [doc for _, doc in sorted(found, key=lambda pair: pair[0])]


def readable_url(siteurl: str, path: str) -> str:
    """The page's address as a person reads and pastes it: the site's address and the whole
    path, Chinese left as it is (browsers accept it so); only ASCII that cannot stand in an
    address (a space, quotes, brackets) is percent-encoded."""
    return siteurl.rstrip("/") + "/" + "".join(c if ord(c) > 127 else quote(c, safe="/#-._~") for c in path)


def result(doc: SearchDoc, siteurl: str = "") -> dict[str, object]:
    """A result as the CLI and the JSON endpoint give it: `url` percent-encoded (for programs),
    `page` the readable address (for people)."""
    doctype = REGISTRY[doc.dataset]  # (a schema-published one: from the build, load_docs)
    return {"dataset": doc.dataset, "type": doctype.label, "key": doc.key,
            "title": doc.fields[doctype.title], "url": f"{siteurl}/{quote(doc.url, safe='/#')}",
            "page": readable_url(siteurl, doc.url),
            "fields": {doctype.fields[i]: doc.fields[i] for i in doctype.shown if doc.fields[i]},
            "extras": {label: value for label, value in zip(doctype.extras, doc.extras) if value},
            "agency": doc.agency, "year": doc.year, "status": doc.status}
