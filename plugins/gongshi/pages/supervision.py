"""监督考核结果 pages: the 执法监督 section (案卷评查, 专项监督, 执法考核), a page per kind, a page
per assessed unit with its history across periods, and build-time SVG charts (no script).

Rectification is shown as on DISCLOSURE_TODAY (`rect_status` from schedule.oversight): 整改中
past its 整改期限 reads 逾期.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..feeds.datasets import GRADES, SUPERVISION_KIND_SLUGS, SUPERVISION_KINDS
from ..feeds.load import records
from ..schedule.oversight import RECTIFICATION_LABELS, supervision_key
from . import urls
from .charts import NARROW_WIDTH, Bar, bar_chart
from .render import PageJob
from .site import paginate

COLUMNS = ["kind", "title", "unit", "completed_on", "cases_reviewed", "grade", "score", "findings",
           "requirements", "rectify_by", "rectification_state", "published_on", "rect_status"]
SCORED_KINDS = ("案卷评查", "执法考核")  # kinds whose outcomes carry 等次/得分, charted by unit
# how the rectification progress chart orders the states
PROGRESS_ORDER = ("done", "in_progress", "overdue", "overdue_unrectified")


def ordered_public(frame: pd.DataFrame) -> pd.DataFrame:
    """Published outcomes, newest first."""
    public = frame[frame["pub_state"] == "public"]
    return public.sort_values(["completed_on", "kind", "title", "unit"], ascending=[False, True, True, True],
                              kind="stable")


def anchor(kind: str, title: str, unit: str) -> str:
    """A stable fragment id for one outcome (Atom entries link to it)."""
    return "o-" + hashlib.blake2b(supervision_key(kind, title, unit).encode(), digest_size=5).hexdigest()


def outcome_row(row: dict[str, Any]) -> dict[str, Any]:
    unit_url = urls.supervision_unit(row["unit"])
    fragment = anchor(row["kind"], row["title"], row["unit"])
    return {"kind": row["kind"], "kind_url": urls.supervision_kind(SUPERVISION_KIND_SLUGS[row["kind"]]),
            "title": row["title"], "unit": row["unit"], "unit_url": unit_url, "anchor": fragment,
            "url": f"{unit_url}#{fragment}", "completed_on": row["completed_on"],
            "cases_reviewed": row["cases_reviewed"], "grade": row["grade"], "score": row["score"],
            "findings": row["findings"], "requirements": row["requirements"], "rectify_by": row["rectify_by"],
            "status": row["rect_status"], "status_label": RECTIFICATION_LABELS[row["rect_status"]],
            "published_on": row["published_on"]}


def public_rows(public: pd.DataFrame) -> list[dict[str, Any]]:
    return [outcome_row(r) for r in records(public, COLUMNS)]


def _score(text: str) -> str:
    return f"{float(text):g}"


def score_chart(rows: list[dict[str, Any]], kind: str) -> str:
    """Each unit's latest score of one kind, highest first (rows are newest first)."""
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["kind"] == kind and row["score"] and row["unit"] not in latest:
            latest[row["unit"]] = row
    if not latest:
        return ""
    ordered = sorted(latest.values(), key=lambda r: (-float(r["score"]), r["unit"]))
    bars = [Bar(r["unit"], float(r["score"]) / 100, r["grade"], text=f"{_score(r['score'])} 分") for r in ordered]
    return bar_chart(bars, f"{kind}：各单位最近一次得分与等次", target=False, width=NARROW_WIDTH)


def grade_table(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Per unit: how many outcomes of each 等次 across all periods."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["kind"] == kind and row["grade"]:
            counts.setdefault(row["unit"], dict.fromkeys(GRADES, 0))[row["grade"]] += 1
    return [{"unit": unit, "unit_url": urls.supervision_unit(unit), "counts": [counts[unit][g] for g in GRADES]}
            for unit in sorted(counts)]


def progress(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """Rectification progress: outcomes with a rectification state, by status; and its chart."""
    with_state = [r for r in rows if r["status"] != "none"]
    total = len(with_state)
    counts = [{"status": s, "label": RECTIFICATION_LABELS[s], "count": sum(1 for r in with_state if r["status"] == s)}
              for s in PROGRESS_ORDER]
    if not total:
        return counts, ""
    bars = [Bar(c["label"], c["count"] / total, f"{c['count']}/{total}", tone=c["status"]) for c in counts]
    chart = bar_chart(bars, "整改进度：各整改状态占需整改事项的比例", target=False, width=NARROW_WIDTH)
    return counts, chart


def supervision_jobs(frame: pd.DataFrame, page_size: int) -> list[PageJob]:
    rows = public_rows(ordered_public(frame))
    return [*kind_jobs(rows, page_size), *unit_jobs(rows), index_job(rows)]


def kind_jobs(rows: list[dict[str, Any]], page_size: int) -> Iterator[PageJob]:
    for kind in SUPERVISION_KINDS:
        mine = [r for r in rows if r["kind"] == kind]
        kind_slug = SUPERVISION_KIND_SLUGS[kind]
        for url, pagination in paginate(lambda n, s=kind_slug: urls.supervision_kind(s, n), mine, page_size):
            yield PageJob(urls.file_of(url), "supervision_list.html", {
                "section": "supervision", "kind": kind, "pagination": pagination,
                "chart": score_chart(mine, kind) if pagination["page"] == 1 and kind in SCORED_KINDS else ""})


def unit_jobs(rows: list[dict[str, Any]]) -> Iterator[PageJob]:
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_unit.setdefault(row["unit"], []).append(row)
    for unit in sorted(by_unit):
        history = by_unit[unit]
        scored = [r for r in reversed(history) if r["score"]]  # oldest first: a history reads forwards
        chart = bar_chart([Bar(f"{r['completed_on'][:7]} {r['title']}", float(r["score"]) / 100,
                               r["grade"], text=f"{_score(r['score'])} 分") for r in scored],
                          f"{unit}：历次得分", target=False, width=NARROW_WIDTH) if scored else ""
        yield PageJob(urls.file_of(urls.supervision_unit(unit)), "supervision_unit.html", {
            "section": "supervision", "unit": unit, "outcomes": history, "chart": chart,
            "overdue": sum(1 for r in history if r["status"] in ("overdue", "overdue_unrectified"))})


def index_job(rows: list[dict[str, Any]]) -> PageJob:
    counts, progress_chart = progress(rows)
    kinds = [{"kind": k, "url": urls.supervision_kind(SUPERVISION_KIND_SLUGS[k]),
              "count": sum(1 for r in rows if r["kind"] == k),
              "chart": score_chart(rows, k) if k in SCORED_KINDS else "",
              "grades": grade_table(rows, k) if k in SCORED_KINDS else [],
              "latest": [r for r in rows if r["kind"] == k][:5]} for k in SUPERVISION_KINDS]
    per_unit = Counter(r["unit"] for r in rows)
    return PageJob("supervision/index.html", "supervision.html", {
        "section": "supervision", "total": len(rows), "kinds": kinds, "grades": list(GRADES),
        "progress": counts, "progress_chart": progress_chart,
        "overdue": [r for r in rows if r["status"] in ("overdue", "overdue_unrectified")],
        "units": [{"unit": u, "url": urls.supervision_unit(u), "count": per_unit[u]} for u in sorted(per_unit)]})
