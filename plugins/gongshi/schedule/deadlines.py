"""Disclosure deadlines in working days, and how timely each agency publishes.

Deadline rules are data (RULES.md, "Publication deadlines"): dataset, event column, N working
days, optionally only for records whose column has a value. `GONGSHI_DEADLINES` replaces the
defaults. For each published record the portal measures what it can (RULES.md): 公示日期 — or
the build date when blank — against the Nth working day after the event.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .calendar import WorkCalendar


@dataclass(frozen=True)
class DeadlineRule:
    dataset: str
    event_column: str
    working_days: int
    label: str
    key_column: str
    agency_column: str
    only_if: tuple[str, str] = ()  # (column, value): the rule applies to these records only


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("penalties", "decided_on", 7, "行政处罚决定", "decision_no", "authority"),
    # record_key (schedule.oversight): 任务编号/检查对象 and 类型/项目名称/单位, one per published result
    DeadlineRule("inspections", "completed_on", 20, "双随机抽查结果", "record_key", "authority"),
    DeadlineRule("supervision", "completed_on", 15, "案卷评查结果", "record_key", "unit", ("kind", "案卷评查")),
    DeadlineRule("supervision", "completed_on", 30, "专项监督结果", "record_key", "unit", ("kind", "专项监督")),
    DeadlineRule("supervision", "completed_on", 20, "执法考核结果", "record_key", "unit", ("kind", "执法考核")),
)
# Annual duty (RULES.md): the 执法主体资格清单 is refreshed every year by 1月31日.
ANNUAL_REFRESH_BY = (1, 31)


def rules_from_settings(value: object) -> tuple[DeadlineRule, ...]:
    if not value:
        return DEFAULT_RULES
    return tuple(DeadlineRule(**{**item, "only_if": tuple(item.get("only_if", ()))})  # type: ignore[arg-type]
                 for item in value)  # type: ignore[union-attr]


@dataclass
class Timeliness:
    records: list[dict[str, Any]] = field(default_factory=list)
    annual_flags: list[dict[str, str]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    # Decisions that are 重大 only because of a fine no plausible 万元 amount reaches.
    amount_doubts: list[dict[str, str]] = field(default_factory=list)
    rules: tuple[DeadlineRule, ...] = ()  # what was measured (settings and schemas)
    # Published records past their last day with nothing ending them (a schema's `overdue`).
    overdue: list[dict[str, str]] = field(default_factory=list)
    # The 行政执法统计年报 the portal generates itself (schedule.annual.report_duties).
    annual_reports: list[dict[str, Any]] = field(default_factory=list)

    def totals(self, by: tuple[str, ...]) -> list[dict[str, Any]]:
        """Records, on time, late and the rate per value of `by` (a subset of agency, dataset)."""
        records: Counter[tuple] = Counter()
        on_time: Counter[tuple] = Counter()
        for (agency, dataset, punctual), count in self._counts.items():
            values = {"agency": agency, "dataset": dataset}
            key = tuple(values[k] for k in by)
            records[key] += count
            on_time[key] += count if punctual else 0
        return [dict(zip(by, key)) | {"records": records[key], "on_time": on_time[key],
                                      "late": records[key] - on_time[key],
                                      "rate": round(on_time[key] / records[key], 4)}
                for key in sorted(records)]

    @functools.cached_property
    def _counts(self) -> Counter[tuple[str, str, bool]]:
        # One pass over the records (one per decision) for every breakdown a build asks for.
        return Counter(map(operator.itemgetter("agency", "dataset", "on_time"), self.records))

    def document(self, rules: tuple[DeadlineRule, ...]) -> dict[str, Any]:
        return {"rules": [asdict(r) for r in rules],
                "records": self.records,
                "totals": {"by_agency_and_dataset": self.totals(("agency", "dataset")),
                           "by_dataset": self.totals(("dataset",)),
                           "by_agency": self.totals(("agency",))},
                "coverage": self.coverage,
                "annual_duties": self.annual_flags,
                "annual_reports": self.annual_reports,
                "overdue": self.overdue}


RECORD_FIELDS = ("dataset", "rule", "key", "agency", "event_date", "due_by", "published_on",
                 "published_on_given", "on_time")
SORT_FIELDS = ("dataset", "agency", "event_date", "key")  # the order of Timeliness.records


def measure(frames: dict[str, pd.DataFrame], agencies: pd.DataFrame, rules: tuple[DeadlineRule, ...],
            calendar: WorkCalendar, today: dt.date) -> Timeliness:
    """Every published record under a rule, with its due date and whether it was on time."""
    result = Timeliness(rules=tuple(rules))
    today_iso = today.isoformat()
    columns: dict[str, list[Any]] = {name: [] for name in RECORD_FIELDS}
    for rule in rules:
        frame = frames.get(rule.dataset)
        if frame is None or frame.empty:
            continue
        frame = frame[[c for c in frame.columns if c in rule_columns(rule)]]  # (filtered below: not all 40)
        if "pub_state" in frame.columns:
            frame = frame[frame["pub_state"] != "scheduled"]  # not published yet: not measured
        if rule.only_if:
            frame = frame[frame[rule.only_if[0]] == rule.only_if[1]]
        for name, values in measured(frame, rule, calendar, today_iso).items():
            columns[name] += values
    # Sorted as columns (stable, as sorted() on the records would be), then made records.
    order = sorted_order([columns[name] for name in SORT_FIELDS])
    result.records = [  # (a dict display: faster than dict(zip(...)) once per record)
        {"dataset": dataset, "rule": label, "key": key, "agency": agency, "event_date": event, "due_by": due,
         "published_on": published, "published_on_given": given, "on_time": on_time}
        for dataset, label, key, agency, event, due, published, given, on_time
        in zip(*([values[i] for i in order] for values in columns.values()))]
    names = sorted(agencies["name"])
    for rule_dataset in sorted({r.dataset for r in rules if r.dataset in frames}):
        publishing = {a for d, a in zip(columns["dataset"], columns["agency"]) if d == rule_dataset}
        covered = [n for n in names if n in publishing]
        result.coverage.append({"dataset": rule_dataset, "agencies": len(names), "publishing": len(covered),
                                "rate": round(len(covered) / len(names), 4) if names else 0.0,
                                "not_publishing": [n for n in names if n not in publishing]})
    result.annual_flags = annual_refresh_flags(agencies, today)
    return result


def rule_columns(rule: DeadlineRule) -> set[str]:
    return {rule.event_column, rule.key_column, rule.agency_column, "published_on", "pub_state", *rule.only_if[:1]}


def measured(frame: pd.DataFrame, rule: DeadlineRule, calendar: WorkCalendar,
             today_iso: str) -> dict[str, list[Any]]:
    """The fields of RECORD_FIELDS, as columns, for the records of `frame` with an event date."""
    events = frame[rule.event_column].tolist()
    dated = [i for i, event in enumerate(events) if event]
    given = frame["published_on"].tolist() if "published_on" in frame.columns else [None] * len(events)
    events, given = _pick(events, dated), _pick(given, dated)
    due_of = {event: calendar.add_working_days(dt.date.fromisoformat(event), rule.working_days).isoformat()
              for event in dict.fromkeys(events)}  # records share few days
    due = [due_of[event] for event in events]
    published = [day or today_iso for day in given]
    return {"dataset": [rule.dataset] * len(dated), "rule": [rule.label] * len(dated),
            "key": _pick(frame[rule.key_column].tolist(), dated),
            "agency": _pick(frame[rule.agency_column].tolist(), dated),
            "event_date": events, "due_by": due, "published_on": published,
            "published_on_given": [bool(day) for day in given],
            "on_time": [p <= d for p, d in zip(published, due)]}


def _pick(values: list[Any], positions: list[int]) -> list[Any]:
    return [values[i] for i in positions]


def sorted_order(keys: list[list[Any]]) -> list[int]:
    """The positions of the rows in the order of sorted() on (keys[0][i], keys[1][i], ...),
    ties kept in place, without comparing 200,000 tuples in Python: the rows are first put in
    the order of the last key alone (a plain sort of str), then stably sorted by the ranks of
    the other keys, which have few distinct values."""
    if not keys or not keys[0]:
        return []
    *first, last = keys
    order = np.array(sorted(range(len(last)), key=last.__getitem__), dtype=np.int64)
    if first:
        order = order[np.lexsort([_ranks(values)[order] for values in reversed(first)])]
    return order.tolist()


def _ranks(values: list[Any]) -> np.ndarray:
    """Each value's place among the sorted distinct values."""
    rank_of = {value: rank for rank, value in enumerate(sorted(set(values)))}
    return np.fromiter(map(rank_of.__getitem__, values), dtype=np.int64, count=len(values))


def annual_refresh_flags(agencies: pd.DataFrame, today: dt.date) -> list[dict[str, str]]:
    """After 31 January, agencies whose 更新日期 is not in this year's refresh (or missing)."""
    month, day = ANNUAL_REFRESH_BY
    deadline = dt.date(today.year, month, day)
    if today <= deadline:
        return []
    start = dt.date(today.year, 1, 1).isoformat()
    stale = agencies[(agencies["updated_on"] == "") | (agencies["updated_on"] < start)]
    return [{"agency": name, "updated_on": updated, "due_by": deadline.isoformat(),
             "duty": "执法主体资格清单年度更新"}
            for name, updated in sorted(zip(stale["name"], stale["updated_on"]))]


def timeliness_changes(records: list[dict[str, Any]], today: dt.date) -> list[tuple[dt.date, str, str]]:
    """Days on which the report changes by itself: a record without 公示日期 counts as published
    on the build date, so it turns late the day after its due date."""
    return [(dt.date.fromisoformat(r["due_by"]) + dt.timedelta(days=1), r["dataset"], r["key"])
            for r in records if not r["published_on_given"] and r["on_time"]]
