from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.schedule import calendar_from_table
from gongshi.schedule.calendar import WorkCalendar
from tests.feedkit import csv_bytes, write_feeds

D = dt.date


def test_seventh_working_day_after_a_decision_crosses_national_day_2025() -> None:
    assert WorkCalendar().add_working_days(D(2025, 9, 26), 7) == D(2025, 10, 13)


@pytest.mark.parametrize("day, working", [
    (D(2026, 2, 14), True), (D(2026, 2, 28), True),  # 调休 Saturdays (RULES.md)
    (D(2026, 2, 17), False),  # 春节
    (D(2026, 6, 19), False),  # 端午 2026
    (D(2026, 6, 22), True),
])
def test_official_2026_arrangement(day: dt.date, working: bool) -> None:
    assert WorkCalendar().is_workday(day) is working


def test_period_ending_on_a_holiday_moves_to_the_next_working_day() -> None:
    assert WorkCalendar().roll_to_workday(D(2025, 10, 1)) == D(2025, 10, 9)
    assert WorkCalendar().roll_to_workday(D(2025, 10, 9)) == D(2025, 10, 9)


def test_year_outside_the_package_falls_back_and_says_so() -> None:
    calendar = WorkCalendar()
    assert calendar.is_workday(D(2027, 10, 1)) is False  # National Day, from the fallback
    assert calendar.is_workday(D(2027, 10, 9)) is False  # a Saturday: no 调休 known
    assert calendar.fallback_years == {2027}
    assert "2027" in calendar.fallback_warning() and "calendar.csv" in calendar.fallback_warning()


def test_calendar_csv_adds_an_announced_year(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "calendar.csv").write_bytes(csv_bytes([
        {"日期": "2027-10-01", "类型": "休", "说明": "国庆节"},
        {"日期": "2027-10-04", "类型": "休", "说明": "国庆节"},
        {"日期": "2027-10-09", "类型": "班", "说明": "调休上班"},
    ]))
    log = ProblemLog()
    calendar = calendar_from_table(load_feeds(feeds, log)["calendar"].frame)
    assert not log.errors
    assert calendar.is_workday(D(2027, 10, 9)) is True
    assert calendar.is_workday(D(2027, 10, 4)) is False
    assert calendar.is_workday(D(2027, 10, 5)) is True  # staff's year: only their 休 days
    assert calendar.fallback_years == set()
