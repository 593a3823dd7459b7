"""Schedule stage: each record's state on DISCLOSURE_TODAY.

This issue's part: an officer's credential status (有效 / 已过期 / 暂扣 / 已注销 / 已吊销) and an
agency's. 有效期至 is inclusive (RULES.md): valid all of that day, expired from the next.
The working-day calendar, deadlines and the next required rebuild are added here later.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

__all__ = ["OFFICER_STATUS_LABELS", "officer_status", "register"]

# status code (data-status, stable for scripts and tests) -> words shown to people
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


def officer_status(frame: pd.DataFrame, today: dt.date) -> pd.Series:
    """Status code per officer. A recorded 暂扣/注销/吊销 outranks expiry: it says more."""
    recorded = frame["status"]
    expired = (frame["valid_until"] != "") & (frame["valid_until"] < today.isoformat())
    return pd.Series(np.select(
        [recorded == "吊销", recorded == "注销", recorded == "暂扣", expired],
        ["revoked", "cancelled", "suspended", "expired"], default="valid"),
        index=frame.index, dtype=object)


def run(state) -> None:  # noqa: ANN001 - BuildState
    officers = state.public["officers"].frame
    officers["state"] = officer_status(officers, state.settings.today)
    agencies = state.public["agencies"].frame
    until = agencies["valid_until"]
    agencies["state"] = np.where((until != "") & (until < state.settings.today.isoformat()),
                                 "expired", "valid")


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("schedule", run)
