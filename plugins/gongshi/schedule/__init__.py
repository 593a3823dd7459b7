"""Schedule stage: the working-day calendar, and each record's state on DISCLOSURE_TODAY.

Everything that depends on the date is computed here from DISCLOSURE_TODAY, so a build is a
pure function of feeds + day. The stage also finds the first day on which the published site
would become wrong if not rebuilt (`RebuildPlan`), which the opendata stage writes to
rebuild.json. 有效期至 is inclusive (RULES.md): valid all of that day, expired from the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import annual
from .calendar import WorkCalendar
from .deadlines import DEFAULT_RULES, DeadlineRule, Timeliness, measure, timeliness_changes
from .future import warn_future_dates
from .oversight import oversight_changes, oversight_states
from .penalties import PenaltyRules, amount_doubts, penalty_states, warn_missing_legal_notes

__all__ = ["DATA_STATUS", "DEFAULT_RULES", "OFFICER_STATUS_LABELS", "Change", "DeadlineRule", "PenaltyRules",
           "RebuildPlan", "Timeliness", "WorkCalendar",
           "calendar_from_table", "officer_status", "plan_rebuild"]

# status code -> words shown to people
OFFICER_STATUS_LABELS = {
    "valid": "有效",
    "expired": "已过期",
    "suspended": "暂扣",
    "cancelled": "已注销",
    "revoked": "已吊销",
}
# data-status groups 注销 with 吊销 as "revoked": the card may not be used either way.
DATA_STATUS = {"valid": "valid", "expired": "expired", "suspended": "suspended",
               "cancelled": "revoked", "revoked": "revoked"}
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Change:
    """Something the published site must show differently from `on` (00:00 Asia/Shanghai)."""

    on: dt.date
    dataset: str
    key: str
    what: str


@dataclass
class RebuildPlan:
    today: dt.date
    changes: list[Change] = field(default_factory=list)

    @property
    def next_rebuild(self) -> dt.date | None:
        upcoming = [c.on for c in self.changes if c.on > self.today]
        return min(upcoming, default=None)

    @property
    def reasons(self) -> list[Change]:
        next_rebuild = self.next_rebuild
        return sorted(c for c in self.changes if c.on == next_rebuild)


def officer_status(frame: pd.DataFrame, today: dt.date) -> pd.Series:
    """Status code per officer. A recorded 暂扣/注销/吊销 outranks expiry: it says more. One
    whose 状态变更日期 is after the build day has not happened yet (RULES.md)."""
    changed_on = frame["status_changed_on"] if "status_changed_on" in frame else pd.Series("", index=frame.index)
    recorded = frame["status"].where(changed_on <= today.isoformat(), "有效")
    expired = (frame["valid_until"] != "") & (frame["valid_until"] < today.isoformat())
    return pd.Series(np.select(
        [recorded == "吊销", recorded == "注销", recorded == "暂扣", expired],
        ["revoked", "cancelled", "suspended", "expired"], default="valid"),
        index=frame.index, dtype=object)


def expiry_changes(frame: pd.DataFrame, dataset: str, key: str, today: dt.date, what: str) -> list[Change]:
    """A record valid today whose 有效期至 is ahead changes the day after it."""
    live = frame[(frame["state"] == "valid") & (frame["valid_until"] >= today.isoformat())]
    return [Change(dt.date.fromisoformat(until) + ONE_DAY, dataset, k, what)
            for k, until in zip(live[key], live["valid_until"])]


def plan_rebuild(officers: pd.DataFrame, agencies: pd.DataFrame, today: dt.date) -> RebuildPlan:
    changes = expiry_changes(officers, "officers", "certificate_no", today, "执法证件到期，状态变为已过期")
    if "status_changed_on" in officers:
        later = officers[(officers["status_changed_on"] > today.isoformat()) & (officers["status"] != "有效")]
        changes += [Change(dt.date.fromisoformat(d), "officers", k, f"执法证件{s}生效")
                    for k, d, s in zip(later["certificate_no"], later["status_changed_on"], later["status"])]
    changes += expiry_changes(agencies, "agencies", "uscc", today, "主体资格有效期届满")
    # The annual refresh duty (by 31 January) is checked from 1 February: agencies not yet
    # refreshed that year are flagged on the 公开时效 page from then on.
    february = dt.date(today.year, 2, 1)
    next_check = february if today < february else dt.date(today.year + 1, 2, 1)
    changes.append(Change(next_check, "agencies", "", "年度更新义务到期，公开时效报告标出未更新的主体"))
    return RebuildPlan(today, changes)


def penalty_changes(frame: pd.DataFrame, today: dt.date) -> list[Change]:
    """Scheduled decisions appear on 公示日期; public ones leave the day after their last day."""
    # A scheduled decision is invisible everywhere, rebuild.json included: its reason has no key.
    # (.tolist(): iterating a pandas column boxes every cell)
    states = frame["pub_state"].tolist()
    changes = [Change(dt.date.fromisoformat(d), "penalties", "", "一件行政处罚决定到达公示日期，开始公示")
               for d, s in zip(frame["published_on"].tolist(), states) if s == "scheduled"]
    last_days = frame["last_day"].tolist()
    day_after = {d: dt.date.fromisoformat(d) + ONE_DAY for d in set(last_days)}  # (decisions share few days)
    changes += [Change(day_after[d], "penalties", k, "公示期满或信用修复，停止公示")
                for k, d, s in zip(frame["decision_no"].tolist(), last_days, states) if s == "public"]
    withdrawals = frame[(frame["state"] == "撤回") & (frame["withdrawn_on"] > today.isoformat())]
    changes += [Change(dt.date.fromisoformat(d), "penalties", k, "撤回生效，停止公示")
                for k, d in zip(withdrawals["decision_no"].tolist(), withdrawals["withdrawn_on"].tolist())]
    # The day after a remedy's last day its page says 已届满 (one change per day, not per decision).
    public = frame[frame["pub_state"] == "public"]
    remedy_days = set(public["review_by"].tolist()) | set(public["litigation_by"].tolist())
    changes += [Change(dt.date.fromisoformat(d) + ONE_DAY, "penalties", "", "行政复议或行政诉讼期限届满，页面标为已届满")
                for d in sorted(remedy_days) if d and d >= today.isoformat()]
    return changes


def scheduled_states(frame: pd.DataFrame, column: str, today: dt.date) -> pd.DataFrame:
    """A copy with `pub_state` for a dataset published from its schema: "scheduled" until the
    day in `column` (its scheduledBy: 公示日期), "public" from it (or when it is blank)."""
    days = frame[column] if column in frame.columns else pd.Series("", index=frame.index, dtype=object)
    later = (days != "") & (days > today.isoformat())
    return frame.assign(pub_state=np.where(later, "scheduled", "public"))


def schema_table_states(table, today: dt.date) -> list[Change]:  # noqa: ANN001 - Table
    """A schema-published table on the build day: `pub_state` (scheduled until its scheduledBy
    day, default 公示日期) and, with a validUntil, `expired` (past its last valid day; a blank one
    is 长期有效). Returns the days either changes."""
    dataset = table.dataset
    column = dataset.scheduled_by or ("published_on" if "published_on" in table.frame else "")
    table.frame = frame = scheduled_states(table.frame, column, today)
    changes = [Change(dt.date.fromisoformat(d), dataset.name, "", "一条记录到达公示日期，开始公示")
               for d in sorted(set(frame.loc[frame["pub_state"] == "scheduled", column].tolist()))] if column else []
    if dataset.withdrawn_if:
        # 撤销/撤回 on or before the day (a blank day: already): a short page at its URL, no party
        # details; a day after the build day takes effect then (RULES.md, events after the build day).
        state, values, on = dataset.withdrawn_if
        marked = frame[state].isin(values) & (frame["pub_state"] == "public")
        later = marked & (frame[on] != "") & (frame[on] > today.isoformat())
        frame.loc[marked & ~later, "pub_state"] = "withdrawn"
        changes += [Change(dt.date.fromisoformat(d), dataset.name, "", f"{dataset.title}撤销生效，停止公示")
                    for d in sorted(set(frame.loc[later, on].tolist()))]
    if dataset.valid_until:
        until = frame[dataset.valid_until]
        frame["expired"] = ((until != "") & (until < today.isoformat())).to_numpy()
        live = until[(frame["pub_state"] == "public") & ~frame["expired"] & (until != "")]
        changes += [Change(dt.date.fromisoformat(day) + ONE_DAY, dataset.name, "", f"{dataset.title}有效期届满，显示为已过期")
                    for day in sorted(set(live.tolist()))]
    return changes


def schema_deadline_rules(datasets: list, configured: tuple[DeadlineRule, ...]) -> tuple[DeadlineRule, ...]:
    """The deadlines schemas give (their `deadline` key), for datasets no configured rule covers."""
    covered = {rule.dataset for rule in configured}
    return tuple(DeadlineRule(d.name, d.deadline[0], d.deadline[1], d.title, d.key[0], d.agency_field)
                 for d in datasets if d.deadline and d.name not in covered)


def flag_overdue(table, today: dt.date, log) -> list[dict[str, str]]:  # noqa: ANN001 - Table, ProblemLog
    """Published records past their `overdue` last day with the ending column blank: a column
    `overdue` on the table (the record page says so), a warning naming the cell, and the rows
    the 公开时效 page lists."""
    until, unless, label = table.dataset.overdue
    frame = table.frame
    flagged = ((frame["pub_state"] == "public") & (frame[until] != "") & (frame[until] < today.isoformat())
               & (frame[unless] == ""))
    table.frame = frame = frame.assign(overdue=flagged.to_numpy())
    header = table.dataset.column(until).header
    rows = []
    key, agency = table.dataset.key[0], table.dataset.agency_field
    for index in frame.index[flagged.to_numpy()]:
        log.warning(frame.at[index, "_file"], int(frame.at[index, "_row"]), header,
                    f"期限届满前解除，或填写{table.dataset.column(unless).header}（{label}）", frame.at[index, until],
                    frame.at[index, "_sheet"])
        rows.append({"dataset": table.dataset.title, "key": str(frame.at[index, key]), "until": frame.at[index, until],
                     "agency": str(frame.at[index, agency]) if agency else "", "label": label})
    return rows


def overdue_changes(table, today: dt.date) -> list[Change]:  # noqa: ANN001 - Table
    until, unless, _ = table.dataset.overdue
    frame = table.frame
    live = frame[(frame["pub_state"] == "public") & (frame[until] >= today.isoformat()) & (frame[unless] == "")]
    return [Change(dt.date.fromisoformat(day) + ONE_DAY, table.dataset.name, "", f"{table.dataset.title}期限届满，标为未解除")
            for day in sorted(set(live[until].tolist()))]


def calendar_from_table(frame: pd.DataFrame) -> WorkCalendar:
    return WorkCalendar({dt.date.fromisoformat(d): k == "班" for d, k in zip(frame["date"], frame["kind"])})


def run(state) -> None:  # noqa: ANN001 - BuildState
    today = state.settings.today
    officers = state.public["officers"].frame
    officers["state"] = officer_status(officers, today)
    agencies = state.public["agencies"].frame
    until = agencies["valid_until"]
    agencies["state"] = np.where((until != "") & (until < today.isoformat()), "expired", "valid")
    state.calendar = calendar_from_table(state.public["calendar"].frame)
    state.rebuild = plan_rebuild(officers, agencies, today)
    penalties = state.public["penalties"]
    penalties.frame = penalty_states(penalties.frame, today, state.calendar, state.settings.penalty_rules)
    state.rebuild.changes += penalty_changes(penalties.frame, today)
    inspections, supervision = state.public["inspections"], state.public["supervision"]
    inspections.frame, supervision.frame = oversight_states(inspections.frame, supervision.frame, today)
    state.rebuild.changes += [Change(*change) for change in
                              oversight_changes(inspections.frame, supervision.frame, today)]
    for table in state.public.tables.values():  # (the datasets published from their schema alone)
        if not table.dataset.publisher:
            state.rebuild.changes += schema_table_states(table, today)
    frames = {name: table.frame for name, table in state.public.tables.items()}
    rules = state.settings.deadline_rules + schema_deadline_rules(
        [t.dataset for t in state.public.tables.values()], state.settings.deadline_rules)
    state.timeliness = measure(frames, agencies, rules, state.calendar, today)
    state.rebuild.changes += [Change(on, dataset, key, "未填公示日期的记录超过公开期限，公开时效报告随之变化")
                              for on, dataset, key in timeliness_changes(state.timeliness.records, today)]
    for table in state.public.tables.values():
        if not table.dataset.publisher and table.dataset.overdue:
            state.timeliness.overdue += flag_overdue(table, today, state.log)
            state.rebuild.changes += overdue_changes(table, today)
    report_years = annual.report_years(frames, today)
    state.timeliness.annual_reports = annual.report_duties(report_years, today)
    state.rebuild.changes += [Change(*change) for change in annual.report_changes(frames, today)]
    warn_missing_legal_notes(penalties.frame, state.settings.penalty_rules, state.log)
    state.timeliness.amount_doubts = amount_doubts(penalties.frame, state.settings.penalty_rules,
                                                   penalties.dataset.column("fine").plausible_max)
    warn_future_dates(state.public.tables.values(), today, state.log)
    warn_guessed_calendar(state.calendar, state.settings.feeds_dir, state.log)


def warn_guessed_calendar(calendar: WorkCalendar, feeds_dir, log) -> None:  # noqa: ANN001 - Path, ProblemLog
    """One warning when a working day was counted in a year no official arrangement covers
    (the stage has counted every day it needs by now)."""
    if calendar.fallback_years:
        from ..feeds import _shown

        file = _shown(feeds_dir / "calendar.csv", feeds_dir)
        log.warning(file, None, "", "", calendar.staff_warning(file))
