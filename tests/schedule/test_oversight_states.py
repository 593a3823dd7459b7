"""Spot-check and supervision states on the day: scheduled until 公示日期, 逾期 from the day
after 整改期限 while 整改中, and the days on which the site changes by itself."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from gongshi.schedule.oversight import oversight_changes, oversight_states


def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    inspections = pd.DataFrame({"task_no": ["T1", "T1", "T2"], "subject_uscc": ["", "91X", ""],
                                "subject_name": ["王某某", "甲公司", "乙公司"],
                                "published_on": ["2026-11-01", "", "2026-12-01"]})
    supervision = pd.DataFrame({
        "kind": ["案卷评查"] * 5, "title": list("ABCDE"), "unit": ["局"] * 5,
        "rectify_by": ["2026-11-20", "2026-11-19", "2026-11-01", "", "2026-10-01"],
        "rectification_state": ["整改中", "整改中", "已整改", "", "逾期未整改"],
        "published_on": ["", "", "", "2026-12-15", ""]})
    return inspections, supervision


def test_publication_and_rectification_states_on_the_deadline_and_the_day_after() -> None:
    inspections, supervision = frames()
    checks, outcomes = oversight_states(inspections, supervision, dt.date(2026, 11, 20))
    assert checks["pub_state"].tolist() == ["public", "public", "scheduled"]
    assert checks["record_key"].tolist() == ["T1/王某某", "T1/91X", "T2/乙公司"]
    assert outcomes["rect_status"].tolist() == ["in_progress", "overdue", "done", "none", "overdue_unrectified"]
    assert outcomes["pub_state"].tolist() == ["public"] * 3 + ["scheduled", "public"]
    _, later = oversight_states(inspections, supervision, dt.date(2026, 11, 21))
    assert later["rect_status"].tolist()[0] == "overdue"


def test_changes_name_the_overdue_day_and_the_appearance_days_without_keys() -> None:
    checks, outcomes = oversight_states(*frames(), dt.date(2026, 11, 20))
    changes = oversight_changes(checks, outcomes, dt.date(2026, 11, 20))
    assert (dt.date(2026, 11, 21), "supervision", "案卷评查/A/局", "整改期限届满，仍为整改中的事项显示为逾期") in changes
    assert (dt.date(2026, 12, 1), "inspections", "", "一条双随机抽查结果到达公示日期，开始公示") in changes
    assert (dt.date(2026, 12, 15), "supervision", "", "一项监督考核结果到达公示日期，开始公示") in changes
    assert len(changes) == 3  # B is overdue already; done and 逾期未整改 do not change by themselves
