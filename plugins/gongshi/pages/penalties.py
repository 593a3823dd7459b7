"""Penalty decisions: which pages exist, and the plain data of each (company pages: companies.py).

Only the privacy stage's public table reaches here. What a page shows depends on the record's
state on the day (schedule stage): `public` records get a full page and appear in listings,
company pages, lookups, feeds and downloads; `withdrawn` and `ended` ones keep a short page at
their URL saying why, with no party details; `scheduled` ones do not exist yet.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment

from ..feeds.datasets import PENALTIES
from ..feeds.load import ColumnRows, records
from ..feeds.schema import Privacy
from ..privacy.gate import PrivacyGate
from ..schedule.penalties import STATE_LABELS
from . import urls
from .render import LazyJobs, PageJob, RowDrawer
from .site import paginate

FACETS = {  # facet -> (column, heading)
    "authority": ("authority", "处罚机关"),
    "year": ("year", "决定年度"),
    "violation": ("violation_type", "违法行为类型"),
    "kind": ("penalty_kinds", "处罚类别"),
}
LATEST = 20  # newest decisions on /penalties/
SHOWN = [c for c in PENALTIES.columns if c.privacy is not Privacy.NEVER and c.key not in {
    "party_is_minor", "state", "withdrawn_on", "withdrawal_reason", "published_on", "served_on",
    "legal_application_note", "credit_repaired_on"}]


@functools.cache  # amounts repeat a lot over the decisions
def yuan(wan: str) -> str:
    """An amount in 万元 shown as people read it: 0.5 -> "0.5万元（5,000元）"."""
    if not wan:
        return ""
    amount = Decimal(wan) * 10000
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return f"{wan}万元（{text}元）"


_FIELDS = [(c.key, c.required) for c in SHOWN]  # (looked up once, not per record)
# Columns labelled by another column's value (labelIf: a 个体工商户's 法定代表人 reads 经营者):
# key -> (other column, value, key of the other label in field_labels).
_LABEL_IF = {c.key: (c.label_if[0], c.label_if[1], c.conditional_key) for c in SHOWN if c.label_if}


def decision_fields(row: dict[str, Any]) -> dict[str, str]:
    """Column key -> value as shown, in schema order; blank optional fields are left out. (A
    dict, not a list: decision pages are rendered by shape, see skeleton.py; the labels are the
    template's, `field_labels`; a column labelled by the record, labelIf, is under its
    Column.conditional_key when that label applies.)"""
    fields = {}
    for key, required in _FIELDS:
        value = row.get(key, "")
        if value:
            if key == "fine" or key == "confiscation":
                value = yuan(value)
            elif key == "penalty_kinds":
                value = "、".join(value.split(";"))
        elif not required:
            continue
        if key in _LABEL_IF and row.get(_LABEL_IF[key][0]) == _LABEL_IF[key][1]:
            key = _LABEL_IF[key][2]
        fields[key] = value
    return fields


# What penalty.html reads of the record besides `fields` (a context holds only what its page
# shows: every value is walked, fingerprinted and substituted once per decision).
PAGE_KEYS = ("decision_no", "party_name", "authority", "last_day", "credit_repaired_on", "major",
             "legal_application_note", "served_on", "review_by", "litigation_by", "review_passed", "litigation_passed", "repair_from")
LISTING_COLUMNS = ["decision_no", "party_name", "violation_type", "penalty_kinds", "authority", "decided_on",
                   "fine", "party_uscc"]  # what listing_row reads
COMPANY_COLUMNS = LISTING_COLUMNS + ["last_day", "review_by", "litigation_by", "review_passed", "litigation_passed",
                                     "legal_basis"]


def listing_row(row: dict[str, Any]) -> dict[str, Any]:
    return {"decision_no": row["decision_no"], "url": urls.decision(row["decision_no"]),
            "party": row["party_name"], "violation": row["violation_type"],
            "kinds": "、".join(row["penalty_kinds"].split(";")), "authority": row["authority"],
            "decided_on": row["decided_on"], "fine": yuan(row["fine"]),
            "company_url": urls.company(row["party_uscc"]) if row["party_uscc"] else ""}


def ordered_public(frame: pd.DataFrame) -> pd.DataFrame:
    """Published decisions, newest first (display order everywhere)."""
    # 决定日期 descending, then 决定书文号: two stable sorts of the published rows' positions and
    # one take, faster than filtering and sort_values on the two columns (which factorizes
    # every distinct number first).
    public = np.flatnonzero(frame["pub_state"] == "public").tolist()
    numbers, days = frame["decision_no"].tolist(), frame["decided_on"].tolist()
    order = sorted(public, key=numbers.__getitem__)
    order.sort(key=days.__getitem__, reverse=True)  # (reverse=True keeps ties in order)
    return frame.take(order)


# What decision_page reads (a record per decision holds only these: one is made per decision).
DECISION_COLUMNS = frozenset({*PAGE_KEYS, *(key for key, _ in _FIELDS), "pub_state", "party_uscc", "authority",
                              "decided_on", "withdrawn_on", "withdrawal_reason", "last_day"})


def remedy_bodies(agencies: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Each agency's 行政复议机关 and 行政诉讼管辖法院 (agencies feed), by name: where a party
    takes its remedies (blank: the decision page gives the periods only)."""
    return {a["name"]: {"review_body": a["review_body"], "court": a["court"]}
            for a in agencies[["name", "review_body", "court"]].to_dict("records")}


_NO_BODIES = {"review_body": "", "court": ""}


def decision_page(row: dict[str, Any], remedies: dict[str, dict[str, str]] | None = None,
                  cited: dict[str, list[dict[str, str]]] | None = None) -> PageJob:
    file = urls.decision_file(row["decision_no"])
    state = row["pub_state"]
    if state == "public":
        return PageJob(file, "penalty.html", {
            "section": "penalties",
            "d": {key: row[key] for key in PAGE_KEYS},
            "remedy": (remedies or {}).get(row["authority"], _NO_BODIES),
            "fields": decision_fields(row),
            "company_url": urls.company(row["party_uscc"]) if row["party_uscc"] else "",
            "authority_url": urls.penalties_by("authority", urls.slug(row["authority"])),
            "benchmarks": (cited or {}).get(row["decision_no"], []),  # 裁量基准 citing the same provision
        })
    # withdrawn or ended: a short page, no party details
    return PageJob(file, "penalty_gone.html", {
        "section": "penalties",
        "gone": {"decision_no": row["decision_no"], "state": state, "label": STATE_LABELS[state],
                 "authority": row["authority"], "decided_on": row["decided_on"],
                 "withdrawn_on": row["withdrawn_on"] if state == "withdrawn" else "",
                 "reason": row["withdrawal_reason"] if state == "withdrawn" else "",
                 "last_day": row["last_day"] if state == "ended" else ""},
    })


def decision_jobs(frame: pd.DataFrame, remedies: dict[str, dict[str, str]] | None = None,
                  cited: dict[str, list[dict[str, str]]] | None = None) -> LazyJobs:
    """A page per decision that has been published (scheduled ones do not exist yet), made on
    demand by whichever process renders it."""
    shown = frame[frame["pub_state"] != "scheduled"]
    return LazyJobs(records(shown, [c for c in shown.columns if c in DECISION_COLUMNS]),
                    functools.partial(decision_page, remedies=remedies, cited=cited))


def facet_values(public: pd.DataFrame, facet: str) -> pd.Series:
    column = FACETS[facet][0]
    if facet == "year":
        return public["decided_on"].str[:4]
    if facet == "kind":
        return public["penalty_kinds"].str.split(";")
    return public[column]


def positions_by_value(values: pd.Series) -> dict[str, list[int]]:
    """Each non-blank facet value -> the positions of the rows holding it, in row order (a value
    listed twice in one row counts once). Lists (处罚类别) are spread over their items. One sort
    of the value codes, not a Python pass per row: 200,000 rows in four facets."""
    items = values.tolist()
    if items and isinstance(items[0], list):
        lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
        positions = np.repeat(np.arange(len(items)), lengths)
        items = list(itertools.chain.from_iterable(items))
    else:
        positions = np.arange(len(items))
    flat = pd.Series(items, dtype=object)
    codes, uniques = pd.factorize(flat)
    keep = (codes >= 0) & (flat.to_numpy() != "")
    codes, positions = codes[keep], positions[keep]
    order = np.lexsort((positions, codes))  # by value, then by position
    codes, positions = codes[order], positions[order]
    fresh = np.ones(len(codes), dtype=bool)
    fresh[1:] = (codes[1:] != codes[:-1]) | (positions[1:] != positions[:-1])
    codes, positions = codes[fresh], positions[fresh]
    bounds = np.flatnonzero(np.diff(codes)) + 1
    return {uniques[chunk_codes[0]]: chunk.tolist()
            for chunk_codes, chunk in zip(np.split(codes, bounds), np.split(positions, bounds)) if len(chunk)}


@dataclass(frozen=True)
class ListingRows:
    """listing_row of the published decision at each position (newest first), made when its
    row is drawn (RowDrawer.draw)."""

    rows: ColumnRows

    @classmethod
    def of(cls, public: pd.DataFrame) -> ListingRows:
        return cls(ColumnRows.of(public, LISTING_COLUMNS))

    def __call__(self, position: int) -> dict[str, Any]:
        return listing_row(self.rows(position))


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing by authority, year, violation or kind, before its rows are drawn."""

    relpath: str
    heading: str
    feed_url: str
    pagination: dict[str, Any]  # pages.site.paginate's, its items the rows' positions


def listing_pages(public: pd.DataFrame, page_size: int) -> tuple[list[ListingPage], dict[str, list[dict[str, Any]]]]:
    """Every page of the four listings, and each facet's values with their links and counts
    (for /penalties/)."""
    pages: list[ListingPage] = []
    facets_index: dict[str, list[dict[str, Any]]] = {}
    for facet, (_, heading) in FACETS.items():
        groups = positions_by_value(facet_values(public, facet))
        entries = []
        for value in sorted(groups, reverse=(facet == "year")):
            value_slug = urls.slug(value)
            entries.append({"label": value, "url": urls.penalties_by(facet, value_slug), "count": len(groups[value])})
            feed_url = f"penalties/authority/{value_slug}/feed.xml" if facet == "authority" else ""
            for url, pagination in paginate(lambda n, f=facet, s=value_slug: urls.penalties_by(f, s, n),
                                            groups[value], page_size):
                pages.append(ListingPage(urls.file_of(url), f"{heading}：{value}", feed_url, pagination))
        facets_index[facet] = entries
    return pages, facets_index


def listing_job(page: ListingPage, rows: RowDrawer) -> PageJob:
    """A listing page, rendered by shape (its template's shape declaration): what changes from page to
    page are texts and its rows, drawn and gated once each (RowDrawer), never numbers."""
    p = page.pagination
    first, last = p["first_index"], p["first_index"] + len(p["items"]) - 1
    return PageJob(page.relpath, "penalty_list.html", {
        "section": "penalties", "heading": page.heading,
        "page_note": f"（第 {p['page']} 页）" if p["page"] > 1 else "",
        "caption": f"行政处罚决定（第 {first}–{last} 条，共 {p['total']} 条，按决定日期从新到旧）",
        "rows": rows(page.relpath, p["items"]), "nav": p["nav"], "feed_url": page.feed_url},
        fingerprinted=False)  # (one new decision moves every row of its listings down)


def listing_jobs(pages: list[ListingPage], public: pd.DataFrame, env: Environment,
                 gate: PrivacyGate | None) -> LazyJobs:
    """The listing pages (listing_pages(public, ...)), made by whichever render process renders
    them, from rows drawn here, before the pool forks."""
    rows = RowDrawer(env, "rows/penalty_row.html", "d", ListingRows.of(public), gate)
    for page in pages:  # (each row once, named by the first page that lists it)
        rows.draw(page.relpath, page.pagination["items"])
    return LazyJobs(pages, functools.partial(listing_job, rows=rows))


def index_job(public: pd.DataFrame, facets_index: dict[str, list[dict[str, Any]]]) -> PageJob:
    """/penalties/: the facets to browse (listing_pages) and the newest decisions."""
    latest = ListingRows.of(public.head(LATEST))
    return PageJob(urls.file_of("penalties/"), "penalties.html", {
        "section": "penalties", "total": len(public), "latest": [latest(i) for i in range(min(LATEST, len(public)))],
        "facets": [{"key": f, "heading": FACETS[f][1], "entries": facets_index[f]} for f in FACETS]})
