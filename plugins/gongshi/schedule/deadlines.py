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

import pandas as pd

from ..feeds.load import records
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
        # One pass over the records (200,000 of them) for every breakdown a build asks for.
        return Counter(map(operator.itemgetter("agency", "dataset", "on_time"), self.records))

    def document(self, rules: tuple[DeadlineRule, ...]) -> dict[str, Any]:
        return {"rules": [asdict(r) for r in rules],
                "records": self.records,
                "totals": {"by_agency_and_dataset": self.totals(("agency", "dataset")),
                           "by_dataset": self.totals(("dataset",)),
                           "by_agency": self.totals(("agency",))},
                "coverage": self.coverage,
                "annual_duties": self.annual_flags}


def measure(frames: dict[str, pd.DataFrame], agencies: pd.DataFrame, rules: tuple[DeadlineRule, ...],
            calendar: WorkCalendar, today: dt.date) -> Timeliness:
    """Every published record under a rule, with its due date and whether it was on time."""
    result = Timeliness()
    today_iso = today.isoformat()
    for rule in rules:
        frame = frames.get(rule.dataset)
        if frame is None or frame.empty:
            continue
        if "pub_state" in frame.columns:
            frame = frame[frame["pub_state"] != "scheduled"]  # not published yet: not measured
        if rule.only_if:
            frame = frame[frame[rule.only_if[0]] == rule.only_if[1]]
        needed = list(dict.fromkeys([rule.event_column, rule.key_column, rule.agency_column, "published_on"]))
        needed = [c for c in needed if c in frame.columns]
        due_of: dict[str, str] = {}  # event day -> due day: records share few days
        for row in records(frame, needed):
            event = row[rule.event_column]
            if not event:
                continue
            due = due_of.get(event)
            if due is None:
                due = due_of[event] = calendar.add_working_days(dt.date.fromisoformat(event),
                                                                rule.working_days).isoformat()
            published = row.get("published_on") or today_iso
            result.records.append({"dataset": rule.dataset, "rule": rule.label, "key": row[rule.key_column],
                                   "agency": row[rule.agency_column], "event_date": event, "due_by": due,
                                   "published_on": published, "published_on_given": bool(row.get("published_on")),
                                   "on_time": published <= due})
    result.records.sort(key=lambda r: (r["dataset"], r["agency"], r["event_date"], r["key"]))
    names = sorted(agencies["name"])
    for rule_dataset in sorted({r.dataset for r in rules if r.dataset in frames}):
        publishing = {r["agency"] for r in result.records if r["dataset"] == rule_dataset}
        covered = [n for n in names if n in publishing]
        result.coverage.append({"dataset": rule_dataset, "agencies": len(names), "publishing": len(covered),
                                "rate": round(len(covered) / len(names), 4) if names else 0.0,
                                "not_publishing": [n for n in names if n not in publishing]})
    result.annual_flags = annual_refresh_flags(agencies, today)
    return result


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
