"""Penalty decisions on DISCLOSURE_TODAY: publication window, state, major penalty, remedies.

RULES.md, "Publication windows" and "Remedies". Every number is a `PenaltyRules` field, so a
region changes it in its settings, not in code. All "until" dates are inclusive.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .calendar import WorkCalendar

ONE_DAY = dt.timedelta(days=1)
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
    # 信用修复管理办法 (2025): a decision may be repaired once it has been public this long from
    # its decision date (a minor one simply leaves publication when its window ends).
    repair_general_months: int = 3
    repair_serious_months: int = 12
    review_days: int = 60  # 行政复议法 第20条
    litigation_months: int = 6  # 行政诉讼法 第46条
    # The kinds that make a penalty serious (published serious_months), and those that alone
    # make it minor (RULES.md "Publication windows": configuration, by region).
    serious_kinds: tuple[str, ...] = ("吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级")
    minor_kinds: tuple[str, ...] = ("警告", "通报批评")

    def __post_init__(self) -> None:  # (sorted tuples: the settings fingerprint is their repr)
        object.__setattr__(self, "serious_kinds", tuple(sorted(set(self.serious_kinds))))
        object.__setattr__(self, "minor_kinds", tuple(sorted(set(self.minor_kinds))))

    @functools.cached_property
    def serious(self) -> frozenset[str]:
        return frozenset(self.serious_kinds)

    @functools.cached_property
    def minor(self) -> frozenset[str]:
        return frozenset(self.minor_kinds)


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
        return long_suspension(content, rules)
    return False


def long_suspension(content: str, rules: PenaltyRules) -> bool:
    """处罚内容 orders 停产停业 for more than the major penalty's number of months."""
    match = _SUSPENSION_RE.search(content)
    return bool(match) and int(match.group(1)) > rules.major_suspension_months


def severity(kinds: set[str], fine: float, is_person: bool, rules: PenaltyRules) -> str:
    if kinds & rules.serious or fine > rules.major_fine:
        return "serious"
    small = rules.minor_fine_person if is_person else rules.minor_fine_organisation
    if kinds <= rules.minor or (kinds <= rules.minor | {"罚款"} and 0 < fine <= small):
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
    """Columns added: severity, major, last_day, pub_state, review_by, litigation_by, and
    review_passed / litigation_passed ("已届满" once that last day is before the build day), and
    repair_from (the first day 信用修复 may be requested).

    Each rule is worked out once per distinct combination of the columns it reads, then spread
    over the rows: 200,000 decisions share a few kinds, amounts and days."""
    out = frame.copy(deep=False)  # (copy-on-write: the columns added below never reach `frame`)

    def level_of(kinds: str, fine: str, party_type: str) -> str:
        return severity(_kinds(kinds), _amount(fine), party_type == "自然人", rules)

    def last_day_of(publish_until: str, decided_on: str, credit_repaired_on: str, level: str) -> str:
        row = {"publish_until": publish_until, "decided_on": decided_on, "credit_repaired_on": credit_repaired_on}
        return last_public_day(row, level, rules).isoformat()

    levels = per_distinct(frame, ["penalty_kinds", "fine", "party_type"], level_of)
    last_days = per_distinct(frame.assign(_level=levels),
                             ["publish_until", "decided_on", "credit_repaired_on", "_level"], last_day_of)
    remedies = per_distinct(frame, ["served_on"], lambda served_on: remedy_deadlines(served_on, calendar, rules))
    out["severity"] = levels.tolist()
    out["major"] = major_penalties(frame, rules).tolist()
    out["last_day"] = last_days.tolist()
    out["pub_state"] = publication_states(frame, last_days, today).tolist()
    out["review_by"] = [review for review, _ in remedies.tolist()]
    out["litigation_by"] = [litigation for _, litigation in remedies.tolist()]
    out["repair_from"] = per_distinct(frame.assign(_level=levels), ["decided_on", "_level"],
                                      lambda decided_on, level: repair_from(decided_on, level, rules)).tolist()
    # RULES.md: a remedy's last day that has passed is shown as passed, not as if still open.
    today_iso = today.isoformat()
    for column, last in (("review_passed", "review_by"), ("litigation_passed", "litigation_by")):
        days = out[last].to_numpy(dtype=object)
        out[column] = np.where((days != "") & (days < today_iso), "已届满", "")
    return out


def repair_from(decided_on: str, level: str, rules: PenaltyRules) -> str:
    """The first day 信用修复 may be requested (ISO), "" for a minor penalty (it needs none)."""
    months = {"general": rules.repair_general_months, "serious": rules.repair_serious_months}.get(level)
    if months is None or not decided_on:
        return ""
    return add_months(dt.date.fromisoformat(decided_on), months).isoformat()


def _kinds(text: str) -> set[str]:
    return set(filter(None, text.split(";")))


def amount_doubts(frame: pd.DataFrame, rules: PenaltyRules, plausible_max: float) -> list[dict[str, str]]:
    """Decisions that are 重大 — kept public longer, with a 法律适用说明 due — only because of a
    fine above any plausible 万元 amount: read as 元 they would not be. The feeds stage warned
    about the cell; the compliance report lists them until staff correct or confirm."""
    doubts = []
    fines = pd.to_numeric(frame["fine"], errors="coerce").fillna(0.0)
    for index in fines[fines > plausible_max].index:
        kinds, fine = _kinds(frame.at[index, "penalty_kinds"]), float(fines[index])
        content = frame.at[index, "penalty_content"]
        if is_major(kinds, fine, content, rules) and not is_major(kinds, fine / 10000, content, rules):
            doubts.append({"key": frame.at[index, "decision_no"], "agency": frame.at[index, "authority"],
                           "fine": frame.at[index, "fine"], "decided_on": frame.at[index, "decided_on"]})
    return doubts


def major_penalties(frame: pd.DataFrame, rules: PenaltyRules) -> np.ndarray:
    """is_major per row. The content is read only where the kinds and fine leave it open
    (责令停产停业 under the fine threshold): 处罚内容 is nearly unique per decision."""
    def settled(kinds_text: str, fine: str) -> bool | None:
        kinds = _kinds(kinds_text)
        if "责令停产停业" in kinds and not (_amount(fine) > rules.major_fine or "吊销许可证件" in kinds):
            return None
        return is_major(kinds, _amount(fine), "", rules)

    majors = per_distinct(frame, ["penalty_kinds", "fine"], settled)
    open_rows = np.flatnonzero(pd.isna(majors))
    if len(open_rows):
        majors[open_rows] = per_distinct(frame.iloc[open_rows], ["penalty_content"],
                                         lambda content: long_suspension(content, rules))
    return majors.astype(bool)


def missing_legal_notes(frame: pd.DataFrame, rules: PenaltyRules) -> pd.Series:
    """Major penalties (RULES.md) not withdrawn whose 法律适用说明 is blank: a compliance
    problem to report, not a reason to withhold. It does not depend on the day, so that
    `gongshi check` reports it as the build does."""
    if frame.empty:
        return pd.Series(False, index=frame.index)
    majors = pd.Series(major_penalties(frame, rules), index=frame.index)
    return majors & (frame["state"] != "撤回") & (frame["legal_application_note"] == "")


def warn_missing_legal_notes(frame: pd.DataFrame, rules: PenaltyRules, log: Any) -> None:  # noqa: ANN401
    missing = missing_legal_notes(frame, rules)
    for index in missing[missing].index:
        log.warning(frame.at[index, "_file"], int(frame.at[index, "_row"]), "法律适用说明",
                    "重大行政处罚应公开法律适用说明（合规提示，不影响公示）", "空白",
                    frame.at[index, "_sheet"] if "_sheet" in frame else "")


def publication_states(frame: pd.DataFrame, last_days: np.ndarray, today: dt.date) -> np.ndarray:
    """withdrawn (撤回, from its 撤回日期 on: RULES.md, a future event has not happened yet), else
    scheduled (公示日期 after today), else ended (after the last day), else public. ISO dates
    compare as their strings do."""
    today_iso = today.isoformat()
    published_on = frame["published_on"].to_numpy(dtype=object)
    withdrawn_on = frame["withdrawn_on"].to_numpy(dtype=object)
    return np.select([(frame["state"].to_numpy(dtype=object) == "撤回") & (withdrawn_on <= today_iso),
                      (published_on != "") & (published_on > today_iso),
                      last_days < today_iso],
                     ["withdrawn", "scheduled", "ended"], default="public").astype(object)


def per_distinct(frame: pd.DataFrame, columns: list[str], function: Callable[..., Any]) -> np.ndarray:
    """function(*values of `columns`) for every row, called once per distinct combination."""
    numbers = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes, values = pd.factorize(frame[column].to_numpy(dtype=object), use_na_sentinel=False)
        # (numbered again after each column, so the combined number never outgrows the rows)
        numbers = pd.factorize(numbers * len(values) + codes)[0]
    distinct, first, spread = np.unique(numbers, return_index=True, return_inverse=True)
    firsts = [frame[column].to_numpy(dtype=object)[first].tolist() for column in columns]
    results = np.empty(len(distinct), dtype=object)
    for position, values in enumerate(zip(*firsts)):
        results[position] = function(*values)
    return results[spread.reshape(-1)]
