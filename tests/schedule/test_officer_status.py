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


def test_a_status_change_dated_after_the_build_day_has_not_happened_yet() -> None:
    from gongshi.schedule import plan_rebuild

    officers = pd.DataFrame([{"status": "吊销", "valid_until": "2030-01-01", "status_changed_on": "2026-06-20",
                              "certificate_no": "33990001000001"}])
    assert officer_status(officers, dt.date(2026, 6, 19)).tolist() == ["valid"]
    assert officer_status(officers, dt.date(2026, 6, 20)).tolist() == ["revoked"]
    officers["state"] = officer_status(officers, dt.date(2026, 6, 19))
    agencies = pd.DataFrame({"uscc": [], "valid_until": [], "state": []}, dtype=object)
    changes = [c for c in plan_rebuild(officers, agencies, dt.date(2026, 6, 19)).changes if c.dataset == "officers"]
    assert [(c.on, c.key, c.what) for c in changes if "吊销" in c.what] == \
        [(dt.date(2026, 6, 20), "33990001000001", "执法证件吊销生效")]
