from __future__ import annotations

import datetime as dt

import pandas as pd

from gongshi.schedule import officer_status


def frame(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"status": s, "valid_until": u} for s, u in rows])


def test_valid_until_is_inclusive() -> None:
    officers = frame(("有效", "2026-06-15"))
    assert officer_status(officers, dt.date(2026, 6, 15)).tolist() == ["valid"]
    assert officer_status(officers, dt.date(2026, 6, 16)).tolist() == ["expired"]


def test_recorded_status_outranks_expiry() -> None:
    officers = frame(("暂扣", "2020-01-01"), ("注销", "2030-01-01"), ("吊销", "2020-01-01"), ("有效", "2020-01-01"))
    assert officer_status(officers, dt.date(2026, 6, 16)).tolist() == ["suspended", "cancelled", "revoked", "expired"]
