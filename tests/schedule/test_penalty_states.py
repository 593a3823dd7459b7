from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gongshi.feeds.datasets import PENALTIES
from gongshi.schedule.calendar import WorkCalendar
from gongshi.schedule.penalties import PenaltyRules, add_months, penalty_states

D = dt.date


def decisions(*rows: dict[str, str]) -> pd.DataFrame:
    base = {c.key: "" for c in PENALTIES.columns} | {"state": "正常", "party_type": "法人及非法人组织"}
    return pd.DataFrame([base | row for row in rows])


def state_on(today: dt.date, **row: str) -> dict:
    return penalty_states(decisions(row), today, WorkCalendar(), PenaltyRules()).iloc[0].to_dict()


def test_window_by_severity_from_the_decision_date() -> None:
    warning = dict(decided_on="2026-03-05", penalty_kinds="警告")
    fine = dict(decided_on="2026-03-05", penalty_kinds="罚款", fine="2")
    revoked = dict(decided_on="2026-03-05", penalty_kinds="罚款;吊销许可证件", fine="2")
    assert state_on(D(2026, 6, 4), **warning)["pub_state"] == "public"  # 3 months, last day inclusive
    assert state_on(D(2026, 6, 5), **warning)["pub_state"] == "ended"
    assert state_on(D(2027, 3, 4), **fine)["last_day"] == "2027-03-04"  # 1 year
    assert state_on(D(2027, 3, 5), **revoked)["severity"] == "serious"
    assert state_on(D(2029, 3, 4), **revoked)["pub_state"] == "public"  # 3 years
    assert state_on(D(2029, 3, 5), **revoked)["pub_state"] == "ended"


def test_small_fine_is_minor_and_the_thresholds_are_settings() -> None:
    assert state_on(D(2026, 3, 5), decided_on="2026-03-05", penalty_kinds="罚款", fine="0.2")["severity"] == "minor"
    assert state_on(D(2026, 3, 5), decided_on="2026-03-05", penalty_kinds="罚款", fine="51")["severity"] == "serious"
    strict = penalty_states(decisions(dict(decided_on="2026-03-05", penalty_kinds="罚款", fine="0.2")),
                            D(2026, 3, 5), WorkCalendar(), PenaltyRules(minor_fine_organisation=0.1))
    assert strict.iloc[0]["severity"] == "general"


def test_publish_until_governs_and_credit_repair_ends_early() -> None:
    row = dict(decided_on="2026-03-05", penalty_kinds="罚款", fine="2", publish_until="2026-05-31")
    assert state_on(D(2026, 5, 31), **row)["pub_state"] == "public"
    assert state_on(D(2026, 6, 1), **row)["pub_state"] == "ended"
    repaired = dict(decided_on="2026-03-05", penalty_kinds="罚款", fine="2", credit_repaired_on="2026-04-10")
    assert state_on(D(2026, 4, 9), **repaired)["pub_state"] == "public"
    assert state_on(D(2026, 4, 10), **repaired)["pub_state"] == "ended"


def test_future_publication_date_is_scheduled_and_withdrawal_wins() -> None:
    assert state_on(D(2026, 3, 5), decided_on="2026-03-05", penalty_kinds="警告", published_on="2026-03-09")["pub_state"] == "scheduled"
    assert state_on(D(2026, 3, 9), decided_on="2026-03-05", penalty_kinds="警告", published_on="2026-03-09")["pub_state"] == "public"
    assert state_on(D(2026, 3, 9), decided_on="2026-03-05", penalty_kinds="警告", state="撤回",
                    withdrawn_on="2026-03-08")["pub_state"] == "withdrawn"


@pytest.mark.parametrize("row, major", [
    (dict(penalty_kinds="罚款", fine="50.01"), True), (dict(penalty_kinds="罚款", fine="50"), False),
    (dict(penalty_kinds="吊销许可证件"), True),
    (dict(penalty_kinds="责令停产停业", penalty_content="责令停产停业6个月"), True),
    (dict(penalty_kinds="责令停产停业", penalty_content="责令停产停业2个月"), False),
])
def test_major_penalty(row: dict, major: bool) -> None:
    assert bool(state_on(D(2026, 3, 5), decided_on="2026-03-05", **row)["major"]) is major


def test_remedy_last_days_move_off_holidays() -> None:
    # served 2025-08-02: +60 days = 2025-10-01 (国庆) -> 2025-10-09; +6 months = 2026-02-02 (Monday)
    row = state_on(D(2025, 8, 2), decided_on="2025-08-01", penalty_kinds="警告", served_on="2025-08-02")
    assert (row["review_by"], row["litigation_by"]) == ("2025-10-09", "2026-02-02")


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)


def test_rules_worked_out_once_per_combination_equal_the_rules_row_by_row() -> None:
    """penalty_states applies each rule once per distinct combination of what it reads; every
    row must still get what the rule gives that row."""
    import itertools

    from gongshi.schedule.penalties import is_major, last_public_day, remedy_deadlines, severity

    values = dict(penalty_kinds=["警告", "罚款", "罚款;吊销许可证件", "责令停产停业", "通报批评;罚款"],
                  fine=["", "0.01", "0.2", "50", "60"], party_type=["自然人", "法人及非法人组织"],
                  publish_until=["", "2026-05-31"], decided_on=["2025-08-01", "2026-03-05"],
                  credit_repaired_on=["", "2026-04-10"], state=["正常", "撤回"], published_on=["", "2026-06-01"],
                  withdrawn_on=["", "2026-05-01", "2026-05-02"], served_on=["", "2025-08-02"],
                  penalty_content=["责令停产停业6个月", "责令停产停业2个月", "罚款"])
    rows = [dict(zip(values, combination)) for combination in itertools.product(*values.values())][::7]
    today, calendar, rules = D(2026, 5, 1), WorkCalendar(), PenaltyRules()
    out = penalty_states(decisions(*rows), today, calendar, rules)
    for row, got in zip(rows, out.to_dict("records")):
        kinds = set(filter(None, row["penalty_kinds"].split(";")))
        fine = float(row["fine"] or 0)
        level = severity(kinds, fine, row["party_type"] == "自然人", rules)
        last = last_public_day(row, level, rules)
        state = ("withdrawn" if row["state"] == "撤回" and row["withdrawn_on"] <= today.isoformat() else "scheduled" if row["published_on"] > today.isoformat()
                 else "ended" if today > last else "public")
        assert (got["severity"], got["major"], got["last_day"], got["pub_state"], (got["review_by"], got["litigation_by"])) \
            == (level, is_major(kinds, fine, row["penalty_content"], rules), last.isoformat(), state,
                remedy_deadlines(row["served_on"], calendar, rules))
    assert len(rows) > 1000 and out["major"].dtype == bool


def test_credit_repair_may_be_requested_after_the_shortest_publication() -> None:
    from gongshi.schedule.penalties import PenaltyRules, repair_from

    rules = PenaltyRules()
    assert repair_from("2026-10-20", "general", rules) == "2027-01-20"
    assert repair_from("2026-08-31", "general", rules) == "2026-11-30"  # (no 31 November)
    assert repair_from("2026-10-20", "serious", rules) == "2027-10-20"
    assert repair_from("2026-10-20", "minor", rules) == ""  # it leaves publication after 3 months anyway
    assert repair_from("2026-10-20", "serious", PenaltyRules(repair_serious_months=6)) == "2027-04-20"


def test_a_withdrawal_dated_after_the_build_day_has_not_happened_yet() -> None:
    # RULES.md, "Time: events after the build day": the decision stays public until its 撤回日期,
    # and rebuild.json names that day.
    from gongshi.schedule import penalty_changes

    row = dict(decided_on="2026-03-05", penalty_kinds="罚款", fine="0.5", state="撤回", withdrawn_on="2026-03-10")
    assert state_on(D(2026, 3, 9), **row)["pub_state"] == "public"
    assert state_on(D(2026, 3, 10), **row)["pub_state"] == "withdrawn"
    frame = penalty_states(decisions(row), D(2026, 3, 9), WorkCalendar(), PenaltyRules())
    assert [(c.on, c.what) for c in penalty_changes(frame, D(2026, 3, 9)) if "撤回" in c.what] \
        == [(D(2026, 3, 10), "撤回生效，停止公示")]
