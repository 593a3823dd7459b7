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

from .calendar import WorkCalendar

__all__ = ["DATA_STATUS", "OFFICER_STATUS_LABELS", "Change", "RebuildPlan", "WorkCalendar",
           "calendar_from_table", "officer_status", "plan_rebuild", "register"]

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
    """Status code per officer. A recorded 暂扣/注销/吊销 outranks expiry: it says more."""
    recorded = frame["status"]
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
    changes += expiry_changes(agencies, "agencies", "uscc", today, "主体资格有效期届满")
    return RebuildPlan(today, changes)


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


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("schedule", run)
