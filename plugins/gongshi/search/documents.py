"""What is searchable: one small builder per dataset, in a registry.

A builder takes the public tables (after the privacy and schedule stages) and yields one
`SearchDoc` per record that has a public page. Its `DocType` says how the browser shows a
result: the type label, the labels of the searchable fields, which field is the title and
which are shown under it. The index, whoosh and the browser all read these documents, so
adding a dataset to search is one `DocType` and one function:

    def inspection_docs(public: PublicTables) -> Iterator[SearchDoc]:
        for row in records(public["inspections"].frame, [...]):
            yield SearchDoc("inspections", row["task_no"], _path(urls.inspection(row["task_no"])),
                            fields=(row["task_name"], row["task_no"], row["party_name"], ...),
                            extras=(row["result"],), agency=row["agency"],
                            year=row["inspected_on"][:4], status=row["result"],
                            date=row["inspected_on"])

    register_dataset(DocType("inspections", "双随机抽查", ("抽查事项", "任务编号", "检查对象", ...),
                     extras=("抽查结果",), build=inspection_docs))

Yield only records that have a public page on the build day (as penalty_docs keeps 公示中 only);
`url` is the page path without percent-encoding (`_path`). A dataset missing from the public
tables (an older feed folder) simply yields nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple
from urllib.parse import unquote

import numpy as np
import pandas as pd

from ..feeds.load import records
from ..feeds.schema import ColumnType, Dataset
from ..pages import urls
from ..schedule import OFFICER_STATUS_LABELS
from ..schedule.penalties import STATE_LABELS


class SearchDoc(NamedTuple):
    """A named tuple, not a dataclass: a province builds millions of them."""

    dataset: str
    key: str  # natural key, unique within the dataset
    url: str  # site-relative page path, not percent-encoded: "penalties/江临市监罚-2026-101号/"
    fields: tuple[str, ...]  # searchable values, labelled by DocType.fields
    extras: tuple[str, ...] = ()  # shown with the result, not searched (status, dates)
    agency: str = ""  # facet values
    year: str = ""
    status: str = ""
    date: str = ""  # ISO date deciding display order: newest first

    def facets(self) -> dict[str, str]:
        return {facet: getattr(self, field) for facet, field in FACET_FIELDS.items()}


FACET_FIELDS = {"d": "dataset", "a": "agency", "y": "year", "s": "status"}  # facet -> SearchDoc field


@dataclass(frozen=True)
class DocType:
    dataset: str
    label: str  # type label shown with each result
    fields: tuple[str, ...]  # labels of SearchDoc.fields
    build: Callable[..., Iterable[SearchDoc]] = field(compare=False)
    title: int = 0  # which field is the result's title
    shown: tuple[int, ...] = ()  # fields shown under the title
    extras: tuple[str, ...] = ()  # labels of SearchDoc.extras
    schema: bool = field(default=False, compare=False)  # made from a schema (register_schema_doctypes)
    keys: tuple[int, ...] = ()  # identifier fields: the whole query equal to one ranks the record first

    def describe(self) -> dict[str, object]:
        """What the browser needs to show a result of this type (meta.json)."""
        return {"name": self.dataset, "label": self.label, "fields": list(self.fields),
                "title": self.title, "shown": list(self.shown), "extras": list(self.extras),
                "keys": list(self.keys)}


REGISTRY: dict[str, DocType] = {}


def register_dataset(doctype: DocType) -> None:
    REGISTRY[doctype.dataset] = doctype


def collect(public) -> list[SearchDoc]:  # noqa: ANN001 - PublicTables
    """Every searchable record of every registered dataset, in display order (display_order_key),
    so numbering is deterministic."""
    docs: list[SearchDoc] = []
    for name, doctype in REGISTRY.items():
        if name in public.tables:
            docs.extend(doctype.build(public))
    return [docs[i] for i in display_order(docs).tolist()]


# The order of result types for citizens and businesses: what someone usually looks up (a
# company's decisions, whether an officer is real) before the reference catalogues; the
# power list, mostly read by staff, last. Datasets not named here (schema-published ones)
# come after these, before the power list, in registry order.
TYPE_ORDER = ("penalties", "officers", "inspections", "agencies", "supervision")
LAST_TYPES = ("powers",)
# Statuses of records that no longer hold (a cancelled power, a card no longer valid, an
# agency no longer competent): shown after every current record.
INACTIVE_STATUSES = frozenset({"已取消", "已过期", "暂扣", "注销", "吊销", "主体资格已届满", "公示期满", "已撤回"})


def type_rank(name: str) -> int:
    if name in TYPE_ORDER:
        return TYPE_ORDER.index(name)
    if name in LAST_TYPES:
        return len(REGISTRY) + len(TYPE_ORDER) + LAST_TYPES.index(name)
    return len(TYPE_ORDER) + _dataset_rank(name)


def display_order(docs: list[SearchDoc]) -> np.ndarray:
    """The positions of `docs` sorted by display_order_key (stable), as one np.lexsort of
    integers: the dates ranked by sorting the few distinct ones, the keys by sorting them as
    numpy strings (UTF-8 bytes, so code point order, as Python compares str) in C rather than
    with Python comparisons."""
    rank = {name: type_rank(name) for name in REGISTRY}
    dates = list(map(_DATE, docs))
    date_rank, _ = pd.factorize(np.array(dates, dtype=object), sort=True, use_na_sentinel=False)
    try:
        keys = np.array(list(map(_KEY, docs)), dtype=np.dtypes.StringDType())
    except (TypeError, UnicodeEncodeError, ValueError):  # (a key numpy cannot hold: surrogates)
        keys = np.array(list(map(_KEY, docs)), dtype=object)
    key_rank = np.empty(len(docs), dtype=np.int64)  # distinct: equal keys keep their order
    key_rank[np.argsort(keys, kind="stable")] = np.arange(len(docs))
    undated = np.fromiter((date == "" for date in dates), dtype=bool, count=len(docs))
    dataset = np.fromiter((rank[name] for name in map(_DATASET, docs)), dtype=np.int64, count=len(docs))
    inactive = np.fromiter((status in INACTIVE_STATUSES for status in map(_STATUS, docs)), dtype=bool,
                           count=len(docs))
    return np.lexsort((key_rank, -date_rank, undated, dataset, inactive))


_DATE, _KEY, _DATASET, _STATUS = (itemgetter(SearchDoc._fields.index(name))
                                  for name in ("date", "key", "dataset", "status"))


def display_order_key(doc: SearchDoc) -> tuple[bool, int, bool, str, str]:
    """Records that no longer hold last; then by type (type_rank); then newest first (undated
    last); then by key. Documents are numbered in this order, so the browser ranks by number."""
    return (doc.status in INACTIVE_STATUSES, type_rank(doc.dataset), doc.date == "", _negated(doc.date), doc.key)


def rank_key(doc: SearchDoc, parts: list[str], order: object) -> tuple[bool, bool, bool, object]:
    """Where a result of the query `parts` (analyzer.query_parts) ranks, given its place in
    display order (`order`: its number, or display_order_key): an identifier typed in full
    (执法证号, 统一社会信用代码, 文号, 事项编码: DocType.keys) first, then current before
    no longer holding, then records whose title holds every part, then display order.
    search.js ranks the same way (rankOf)."""
    from .analyzer import normalise, occurs

    doctype = REGISTRY.get(doc.dataset)
    whole = "".join(parts)
    keyed = doctype is not None and any(normalise(doc.fields[i]).replace(" ", "") == whole for i in doctype.keys
                                        if i < len(doc.fields))
    title = normalise(doc.fields[doctype.title if doctype else 0]) if doc.fields else ""
    titled = bool(parts) and all(occurs(p, title) for p in parts)
    return (not keyed, doc.status in INACTIVE_STATUSES, not titled, order)


def _dataset_rank(name: str) -> int:
    return list(REGISTRY).index(name)


def _negated(iso: str) -> str:
    """Sorts ISO dates descending inside an ascending sort."""
    return iso.translate(_NEGATE)


_NEGATE = str.maketrans("0123456789", "9876543210")


# -- the datasets -------------------------------------------------------------------------------
def _path(url: str) -> str:
    """A page path from pages.urls, percent-decoding undone (the browser encodes it again)."""
    return unquote(url) if "%" in url else url


def _agency_names(public) -> dict[str, str]:  # noqa: ANN001
    frame = public["agencies"].frame
    return dict(zip(frame["uscc"], frame["name"]))


def penalty_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    """Decisions in their publication window only (公示中): withdrawn, ended and scheduled
    ones are not searchable."""
    frame = public["penalties"].frame
    frame = frame[frame["pub_state"] == "public"]
    columns = ["decision_no", "party_name", "party_uscc", "violation_type", "penalty_kinds", "legal_basis",
               "authority", "decided_on", "fine"]
    label = STATE_LABELS["public"]
    numbers = frame["decision_no"].tolist()
    # Tuples straight from the columns: the largest dataset, so no dict per record, no call of
    # SearchDoc's Python __new__ (tuple.__new__ makes the same named tuple), and the slugs of
    # all the numbers in one pass (the per-record Python work dominated collect's time).
    for number, url, party, uscc, violation, kinds, basis, authority, decided_on, fine in zip(
            numbers, urls.slug_all(numbers), *(frame[c].tolist() for c in columns[1:])):
        yield _new_doc(SearchDoc, ("penalties", number, f"penalties/{url}/",
                                   (party, number, uscc, violation, "、".join(kinds.split(";")), authority, basis),
                                   (decided_on, f"{fine}万元" if fine else ""), authority, decided_on[:4], label,
                                   decided_on))


_new_doc = tuple.__new__
def officer_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    names = _agency_names(public)
    columns = ["name", "certificate_no", "agency_uscc", "category", "region", "issued_on", "valid_until", "state"]
    for r in records(public["officers"].frame, columns):
        agency = names.get(r["agency_uscc"], "")
        status = OFFICER_STATUS_LABELS[r["state"]]
        yield SearchDoc("officers", r["certificate_no"], _path(urls.officer(r["certificate_no"])),
                        (r["name"], r["certificate_no"], agency, r["category"], r["region"]),
                        extras=(status, r["valid_until"]), agency=agency, year=r["issued_on"][:4],
                        status=status, date=r["issued_on"])


def agency_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    columns = ["name", "uscc", "kind", "region", "domain", "updated_on", "state"]
    for r in records(public["agencies"].frame, columns):
        status = "有效" if r["state"] == "valid" else "主体资格已届满"
        yield SearchDoc("agencies", r["uscc"], _path(urls.agency(r["uscc"])),
                        (r["name"], r["uscc"], r["kind"], r["region"], r["domain"]),
                        extras=(status,), agency=r["name"], year=r["updated_on"][:4], status=status,
                        date=r["updated_on"])


def power_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    names = _agency_names(public)
    columns = ["name", "code", "kind", "agency_uscc", "domain", "legal_basis", "status", "updated_on"]
    for r in records(public["powers"].frame, columns):
        agency = names.get(r["agency_uscc"], "")
        yield SearchDoc("powers", r["code"], _path(urls.power(r["code"])),
                        (r["name"], r["code"], r["kind"], agency, r["domain"], r["legal_basis"]),
                        extras=(r["status"],), agency=agency, year=r["updated_on"][:4], status=r["status"],
                        date=r["updated_on"])


def inspection_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    """One document per checked subject of a published spot-check task (natural persons'
    names already masked by the privacy stage); it leads to the task's page."""
    frame = public["inspections"].frame
    frame = frame[frame["pub_state"] == "public"]
    columns = ["record_key", "task_no", "task_name", "check_items", "subject_name", "subject_uscc", "authority",
               "completed_on", "result"]
    for r in records(frame, columns):
        yield SearchDoc("inspections", r["record_key"], _path(urls.inspection_task(r["task_no"])),
                        (r["subject_name"], r["task_no"], r["subject_uscc"], r["task_name"], r["check_items"],
                         r["authority"]),
                        extras=(r["result"], r["completed_on"]), agency=r["authority"],
                        year=r["completed_on"][:4], status=r["result"], date=r["completed_on"])


def supervision_docs(public) -> Iterator[SearchDoc]:  # noqa: ANN001
    """One document per published supervision outcome; it leads to the outcome on its unit's
    page. Its status is the rectification state on the build day (逾期 included)."""
    from ..pages.supervision import anchor
    from ..schedule.oversight import RECTIFICATION_LABELS

    frame = public["supervision"].frame
    frame = frame[frame["pub_state"] == "public"]
    columns = ["record_key", "kind", "title", "unit", "completed_on", "grade", "score", "rect_status"]
    for r in records(frame, columns):
        status = RECTIFICATION_LABELS[r["rect_status"]]
        grade = "，".join(filter(None, [r["grade"], f"{r['score']}分" if r["score"] else ""]))
        url = f"{_path(urls.supervision_unit(r['unit']))}#{anchor(r['kind'], r['title'], r['unit'])}"
        yield SearchDoc("supervision", r["record_key"], url, (r["unit"], r["title"], r["kind"]),
                        extras=(grade, status, r["completed_on"]), agency=r["unit"],
                        year=r["completed_on"][:4], status=status, date=r["completed_on"])


def _labels(dataset: str, *fields: str) -> tuple[str, ...]:
    """The labels of a result's fields, from the dataset's schema (the one labels source);
    "=…" for a value the search shows that is not a column (等次/得分) or a shorter label."""
    from ..feeds.datasets import DATASETS

    return tuple(f[1:] if f.startswith("=") else DATASETS[dataset].column(f).display_label for f in fields)


register_dataset(DocType("penalties", "行政处罚决定",
                 _labels("penalties", "party_name", "decision_no", "party_uscc", "violation_type", "penalty_kinds",
                         "authority", "legal_basis"),
                 penalty_docs, title=0, shown=(1, 3, 4, 5), keys=(1, 2), extras=_labels("penalties", "decided_on", "=罚款金额")))
register_dataset(DocType("officers", "执法人员", _labels("officers", "name", "certificate_no", "agency", "category", "region"),
                 officer_docs, title=0, shown=(1, 2, 3), keys=(1,), extras=_labels("officers", "status", "valid_until")))
register_dataset(DocType("agencies", "执法主体", _labels("agencies", "name", "uscc", "kind", "region", "domain"),
                 agency_docs, title=0, shown=(1, 2, 4), keys=(1,), extras=("主体资格",)))
register_dataset(DocType("powers", "权责清单事项", _labels("powers", "name", "code", "kind", "agency", "domain", "legal_basis"),
                 power_docs, title=0, shown=(1, 2, 3), keys=(1,), extras=_labels("powers", "status")))
register_dataset(DocType("inspections", "双随机抽查结果",
                 _labels("inspections", "=检查对象", "task_no", "subject_uscc", "task_name", "check_items", "authority"),
                 inspection_docs, title=0, shown=(3, 1, 5), keys=(1, 2), extras=_labels("inspections", "result", "completed_on")))
register_dataset(DocType("supervision", "监督考核结果", _labels("supervision", "unit", "title", "kind"),
                 supervision_docs, title=0, shown=(1, 2),
                 extras=_labels("supervision", "=等次/得分", "rectification_state", "completed_on")))


# -- the datasets published from their schema alone (pages.generic) ---------------------------
def schema_doctype(dataset: Dataset) -> DocType:
    """A dataset's search entry, from its schema: searchFields (else the title and every
    published text, code and enumeration column), its title first; the day that orders it shown."""
    from ..pages import generic

    title = generic.title_field(dataset)
    keys = list(dataset.search_fields) or [c.key for c in dataset.published_columns() if c.type in _SEARCHED]
    keys = [title, *(k for k in keys if k != title)]
    by = generic.order_field(dataset)
    return DocType(dataset.name, dataset.title, tuple(dataset.column(k).display_label for k in keys),
                   functools.partial(schema_docs, dataset=dataset, keys=tuple(keys)), title=0,
                   shown=tuple(range(1, min(len(keys), 4))),
                   extras=(dataset.column(by).display_label,) if by else (), schema=True)


def schema_docs(public, dataset: Dataset, keys: tuple[str, ...]) -> Iterator[SearchDoc]:  # noqa: ANN001
    """The dataset's published records (generic.published_records: scheduled ones are not yet)."""
    from ..pages import generic

    frame = generic.published_records(public[dataset.name])
    columns = [dataset.column(k) for k in keys]
    by = generic.order_field(dataset)
    agency = dataset.agency_field
    for record in frame.to_dict("records"):
        day = record[by] if by else ""
        yield SearchDoc(dataset.name, record["url_key"], _path(urls.record(dataset.url_folder, record["url_key"])),
                        tuple(generic.shown_value(c, record.get(c.key)) for c in columns),
                        extras=(day,) if by else (), agency=record.get(agency, "") if agency else "",
                        year=day[:4], date=day)


def register_schema_doctypes(datasets: Iterable[Dataset]) -> None:
    """REGISTRY holds the built-in datasets' entries and those of this build's schema-published
    datasets (after them: the built-in order is kept); a previous build's are dropped."""
    for name in [name for name, doctype in REGISTRY.items() if doctype.schema]:
        del REGISTRY[name]
    for dataset in datasets:
        if not dataset.publisher:
            register_dataset(schema_doctype(dataset))


_SEARCHED = (ColumnType.TEXT, ColumnType.CODE, ColumnType.ENUM, ColumnType.MULTI_ENUM)
