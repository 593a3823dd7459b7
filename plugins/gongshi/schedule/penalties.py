"""Penalty decisions on DISCLOSURE_TODAY: publication window, state, major penalty, remedies.

RULES.md, "Publication windows" and "Remedies". Every number is a `PenaltyRules` field, so a
region changes it in its settings, not in code. All "until" dates are inclusive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from ..feeds.load import records
from .calendar import WorkCalendar

ONE_DAY = dt.timedelta(days=1)
SERIOUS_KINDS = frozenset({"吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级"})
MINOR_KINDS = frozenset({"警告", "通报批评"})
STATE_LABELS = {"scheduled": "待公示", "public": "公示中", "withdrawn": "已撤回", "ended": "公示期满"}


@dataclass(frozen=True)
class PenaltyRules:
    minor_months: int = 3
    general_months: int = 12
    serious_months: int = 36
    # 简易程序 limits (行政处罚法 第51条) as the "small fine" of a minor penalty, in 万元
    minor_fine_organisation: float = 0.3
    minor_fine_person: float = 0.02
    major_fine: float = 50.0  # 万元: above it a penalty is 重大 and serious
    major_suspension_months: int = 3
    review_days: int = 60  # 行政复议法 第20条
    litigation_months: int = 6  # 行政诉讼法 第46条


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _amount(text: str) -> float:
    return float(text) if text else 0.0


_SUSPENSION_RE = re.compile(r"停产停业\s*(\d+)\s*个?月")


def is_major(kinds: set[str], fine: float, content: str, rules: PenaltyRules) -> bool:
    """重大行政处罚: fine above the threshold, 吊销许可证件, or 责令停产停业 over N months."""
    if fine > rules.major_fine or "吊销许可证件" in kinds:
        return True
    if "责令停产停业" in kinds:
        match = _SUSPENSION_RE.search(content)
        return bool(match) and int(match.group(1)) > rules.major_suspension_months
    return False


def severity(kinds: set[str], fine: float, is_person: bool, rules: PenaltyRules) -> str:
    if kinds & SERIOUS_KINDS or fine > rules.major_fine:
        return "serious"
    small = rules.minor_fine_person if is_person else rules.minor_fine_organisation
    if kinds <= MINOR_KINDS or (kinds <= MINOR_KINDS | {"罚款"} and 0 < fine <= small):
        return "minor"
    return "general"


def last_public_day(row: dict, level: str, rules: PenaltyRules) -> dt.date:
    """The last day the record is shown: 公示截止期 if given, else the window by severity,
    ended early by 信用修复日期 (not shown from that date on)."""
    if row["publish_until"]:
        last = dt.date.fromisoformat(row["publish_until"])
    else:
        months = {"minor": rules.minor_months, "general": rules.general_months,
                  "serious": rules.serious_months}[level]
        last = add_months(dt.date.fromisoformat(row["decided_on"]), months) - ONE_DAY
    if row["credit_repaired_on"]:
        last = min(last, dt.date.fromisoformat(row["credit_repaired_on"]) - ONE_DAY)
    return last


def remedy_deadlines(served_on: str, calendar: WorkCalendar, rules: PenaltyRules) -> tuple[str, str]:
    """Last days for 行政复议 and 行政诉讼, counted in calendar days from 送达日期; a last day
    that is not a working day moves to the next working day."""
    if not served_on:
        return "", ""
    served = dt.date.fromisoformat(served_on)
    review = calendar.roll_to_workday(served + dt.timedelta(days=rules.review_days))
    litigation = calendar.roll_to_workday(add_months(served, rules.litigation_months))
    return review.isoformat(), litigation.isoformat()


def penalty_states(frame: pd.DataFrame, today: dt.date, calendar: WorkCalendar,
                   rules: PenaltyRules) -> pd.DataFrame:
    """Columns added: severity, major, last_day, pub_state, review_by, litigation_by."""
    out = frame.copy()
    severities, majors, last_days, states, reviews, litigations = [], [], [], [], [], []
    needed = ["penalty_kinds", "fine", "party_type", "publish_until", "decided_on", "credit_repaired_on",
              "state", "published_on", "served_on", "penalty_content"]
    # Only the columns the rules read, as plain dicts: pandas' to_dict boxes every cell.
    today_iso = today.isoformat()
    remedies: dict[str, tuple[str, str]] = {}  # 送达日期 -> deadlines: decisions share few days
    for row in records(frame, needed):
        kinds = set(filter(None, row["penalty_kinds"].split(";")))
        fine = _amount(row["fine"])
        level = severity(kinds, fine, row["party_type"] == "自然人", rules)
        last = last_public_day(row, level, rules)
        if row["state"] == "撤回":
            state = "withdrawn"
        elif row["published_on"] and row["published_on"] > today_iso:
            state = "scheduled"
        elif today > last:
            state = "ended"
        else:
            state = "public"
        served_on = row["served_on"]
        if served_on not in remedies:
            remedies[served_on] = remedy_deadlines(served_on, calendar, rules)
        review, litigation = remedies[served_on]
        severities.append(level)
        majors.append(is_major(kinds, fine, row["penalty_content"], rules))
        last_days.append(last.isoformat())
        states.append(state)
        reviews.append(review)
        litigations.append(litigation)
    out["severity"] = severities
    out["major"] = majors
    out["last_day"] = last_days
    out["pub_state"] = states
    out["review_by"] = reviews
    out["litigation_by"] = litigations
    return out
