"""双随机抽查结果 pages: one page per task (任务编号), listings by authority, year and 检查结果.

Only published results appear (`pub_state` "public"); scheduled ones (公示日期 in the future)
do not exist yet anywhere. A natural person's name is already masked by the privacy stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..feeds.datasets import INSPECTION_RESULTS
from ..feeds.load import records
from . import urls
from .render import PageJob
from .site import paginate

FACETS = {  # facet -> heading
    "authority": "检查机关",
    "year": "检查年度",
    "result": "检查结果",
}
COLUMNS = ["task_no", "task_name", "check_type", "check_items", "subject_name", "subject_type", "subject_uscc",
           "authority", "completed_on", "result", "rectification", "rectify_by", "published_on"]
PROBLEM_RESULTS = frozenset({"发现问题已责令改正", "发现问题待后续处理"})


def ordered_public(frame: pd.DataFrame) -> pd.DataFrame:
    """Published results, newest task first, subjects by name within a task."""
    public = frame[frame["pub_state"] == "public"]
    return public.sort_values(["completed_on", "task_no", "subject_name"], ascending=[False, True, True],
                              kind="stable")


def result_row(row: dict[str, Any]) -> dict[str, Any]:
    """One checked subject's result, as listings, task pages and company pages show it."""
    return {"task_no": row["task_no"], "task_name": row["task_name"], "task_url": urls.inspection_task(row["task_no"]),
            "subject": row["subject_name"], "subject_type": row["subject_type"], "uscc": row["subject_uscc"],
            "company_url": urls.company(row["subject_uscc"]) if row["subject_uscc"] else "",
            "authority": row["authority"], "completed_on": row["completed_on"], "result": row["result"],
            "problem": row["result"] in PROBLEM_RESULTS,
            "rectification": row["rectification"], "rectify_by": row["rectify_by"],
            "check_items": row["check_items"], "published_on": row["published_on"]}


def public_rows(public: pd.DataFrame) -> list[dict[str, Any]]:
    return [result_row(r) for r in records(public, COLUMNS)]


def task_jobs(rows: list[dict[str, Any]], tasks: list[dict[str, Any]],
              chain: dict[str, dict[str, list[dict[str, str]]]] | None = None) -> Iterator[PageJob]:
    by_task: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_task.setdefault(row["task_no"], []).append(row)
    for task in tasks:
        subjects = by_task[task["task_no"]]
        found = (chain or {}).get(task["task_no"], {})
        yield PageJob(urls.file_of(task["url"]), "inspection_task.html", {
            "section": "inspections", "task": task, "subjects": subjects,
            "items": found.get("check_items", []), "plans": found.get("inspection_plans", []),
            "authority_url": urls.inspections_by("authority", urls.slug(task["authority"])),
            "results": [{"label": r, "count": sum(1 for s in subjects if s["result"] == r),
                         "url": urls.inspections_by("result", urls.slug(r))}
                        for r in INSPECTION_RESULTS if any(s["result"] == r for s in subjects)],
        })


def task_summaries(public: pd.DataFrame, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per task, newest first: what every subject row shares, and counts."""
    tasks: dict[str, dict[str, Any]] = {}
    extra = records(public, ["task_no", "check_type"])
    for row, more in zip(rows, extra):
        task = tasks.get(row["task_no"])
        if task is None:
            task = tasks[row["task_no"]] = {
                "task_no": row["task_no"], "name": row["task_name"], "url": row["task_url"],
                "check_type": more["check_type"], "check_items": row["check_items"], "authority": row["authority"],
                "completed_from": row["completed_on"], "completed_to": row["completed_on"],
                "subjects": 0, "problems": 0}
        task["subjects"] += 1
        task["problems"] += row["problem"]
        task["completed_from"] = min(task["completed_from"], row["completed_on"])
        task["completed_to"] = max(task["completed_to"], row["completed_on"])
    return list(tasks.values())


def facet_value(row: dict[str, Any], facet: str) -> str:
    return row["completed_on"][:4] if facet == "year" else row[facet]


def listing_jobs(rows: list[dict[str, Any]], tasks: list[dict[str, Any]], page_size: int) -> Iterator[PageJob]:
    facets_index = []
    for facet, heading in FACETS.items():
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(facet_value(row, facet), []).append(row)
        if facet == "result":  # the order of the national result list, not alphabetical
            values = [r for r in INSPECTION_RESULTS if r in groups]
        else:
            values = sorted(groups, reverse=(facet == "year"))
        entries = []
        for value in values:
            value_slug = urls.slug(value)
            entries.append({"label": value, "url": urls.inspections_by(facet, value_slug), "count": len(groups[value])})
            for url, pagination in paginate(lambda n, f=facet, s=value_slug: urls.inspections_by(f, s, n),
                                            groups[value], page_size):
                yield PageJob(urls.file_of(url), "inspection_list.html", {
                    "section": "inspections", "heading": f"{heading}：{value}", "pagination": pagination})
        facets_index.append({"key": facet, "heading": heading, "entries": entries})
    yield PageJob(urls.file_of("inspections/"), "inspections.html", {
        "section": "inspections", "total": len(rows), "tasks_total": len(tasks), "tasks": tasks[:30],
        "facets": facets_index})


def inspection_jobs(frame: pd.DataFrame, page_size: int,
                    chain: dict[str, dict[str, list[dict[str, str]]]] | None = None) -> list[PageJob]:
    public = ordered_public(frame)
    rows = public_rows(public)
    tasks = task_summaries(public, rows)
    return [*task_jobs(rows, tasks, chain), *listing_jobs(rows, tasks, page_size)]
