"""Company pages (`/companies/<统一社会信用代码>/`): everything published about one business,
in sections like the tabs of the national enterprise credit portal — 行政处罚 (published
decisions with remedies) and 抽查检查 (双随机 results) — joined on 统一社会信用代码. A business
with only inspection results gets a page too; the company lookup finds every page by code or
by full name.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..feeds.load import ColumnRows
from ..feeds.schema import Dataset
from . import generic, urls
from .inspections import COLUMNS as INSPECTION_COLUMNS
from .inspections import result_row
from .penalties import COMPANY_COLUMNS, positions_by_value, yuan
from .render import LazyJobs, PageJob

# 统一社会信用代码 -> the sections of datasets published from their schema (pages.generic) that
# hold records about it: [{"title", "rows": [{"title", "url", "date", "name"}]}].
SchemaSections = dict[str, list[dict[str, Any]]]


def schema_sections(published: list[tuple[Dataset, pd.DataFrame]]) -> SchemaSections:
    """The company-page sections of the datasets published from their schema (companyFields)."""
    sections: SchemaSections = {}
    for dataset, frame in published:
        for uscc, rows in generic.company_entries(dataset, frame).items():
            sections.setdefault(uscc, []).append({"title": dataset.title, "rows": rows})
    return sections


def company_codes(penalties: pd.DataFrame, inspections: pd.DataFrame, sections: SchemaSections) -> frozenset[str]:
    """Every 统一社会信用代码 that has a company page."""
    codes = set(penalties["party_uscc"].tolist()) | set(inspections["subject_uscc"].tolist()) | set(sections)
    return frozenset(codes - {""})


def company_jobs(penalties: pd.DataFrame, inspections: pd.DataFrame, sections: SchemaSections | None = None) -> LazyJobs:
    """A page per 统一社会信用代码 among published decisions, published inspection results
    (both frames already public-only and newest first) and the records of datasets published
    from their schema, made on demand by whichever process renders it. The parent only groups
    row positions by code (one sort, not a dict per row)."""
    sections = sections or {}
    decisions = positions_by_value(penalties["party_uscc"])
    checks = positions_by_value(inspections["subject_uscc"])
    codes = sorted(decisions.keys() | checks.keys() | sections.keys())
    return LazyJobs([(uscc, decisions.get(uscc, ()), checks.get(uscc, ())) for uscc in codes],
                    functools.partial(company_page, decision_rows=ColumnRows.of(penalties, COMPANY_COLUMNS),
                                      check_rows=ColumnRows.of(inspections, INSPECTION_COLUMNS), sections=sections))


def company_page(company: tuple[str, Sequence[int], Sequence[int]], decision_rows: ColumnRows,
                 check_rows: ColumnRows, sections: SchemaSections | None = None) -> PageJob:
    """`company`: its code and the positions of its decisions and inspection results."""
    uscc, decision_positions, check_positions = company
    mine = [decision_rows(p) for p in decision_positions]
    checked = [check_rows(p) for p in check_positions]
    others = (sections or {}).get(uscc, [])
    names = [r["party_name"] for r in mine] + [r["subject_name"] for r in checked] + [
        r["name"] for s in others for r in s["rows"] if r["name"]]
    # A page never joins a masked person (李某某) to a trade name under one code: that would
    # tell whose business it is. The trade names stand; a masked name only when there is none.
    trade_names = [n for n in names if "某" not in n]
    shown = trade_names or names
    return PageJob(urls.file_of(urls.company(str(uscc))), "company.html", {
        "section": "",
        "company": {"uscc": uscc, "name": shown[0], "names": sorted(set(shown))},
        "decisions": [decision_card(r) for r in mine],
        "inspections": [result_row(r) for r in checked],
        "others": [{"title": s["title"], "anchor": f"other-{i}", "rows": s["rows"]} for i, s in enumerate(others, 1)],
    })


def decision_card(row: dict[str, Any]) -> dict[str, Any]:
    """A decision as company.html shows it (only what it shows: every value is walked and
    fingerprinted on 100,000 pages)."""
    return {"decision_no": row["decision_no"], "url": urls.decision(row["decision_no"]),
            "violation": row["violation_type"], "kinds": "、".join(row["penalty_kinds"].split(";")),
            "fine": yuan(row["fine"]), "legal_basis": row["legal_basis"], "authority": row["authority"],
            "decided_on": row["decided_on"], "review_by": row["review_by"], "litigation_by": row["litigation_by"],
            "review_passed": row["review_passed"], "litigation_passed": row["litigation_passed"],
            "last_day": row["last_day"]}


def company_lookup_entries(penalties: pd.DataFrame, inspections: pd.DataFrame,
                           sections: SchemaSections | None = None) -> dict[str, str]:
    """Lookup key (full 统一社会信用代码, or full name) -> the company's USCC."""
    entries: dict[str, str] = {}
    # (distinct pairs, in order: a business with many decisions is looked at once)
    pairs = dict.fromkeys(zip(penalties["party_uscc"].tolist(), penalties["party_name"].tolist()))
    pairs.update(dict.fromkeys(zip(inspections["subject_uscc"].tolist(), inspections["subject_name"].tolist())))
    pairs.update(dict.fromkeys((uscc, r["name"]) for uscc, found in (sections or {}).items()
                               for s in found for r in s["rows"]))
    for uscc, name in pairs:
        if uscc:
            entries[uscc] = uscc
            if "某" not in name:  # a masked operator's name (李某某) names no one business
                entries.setdefault(lookup_name(name), uscc)
    return entries


def lookup_name(name: str) -> str:
    """How a typed name is compared: the browser does the same (NFKC, no spaces, upper case)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).upper()
