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


def test_the_guessed_year_is_one_whole_warning_naming_the_file_to_create(tmp_path: Path) -> None:
    """Staff read one sentence, not a cut-off 应为…实际为 pair, and learn what file to write."""
    from gongshi.schedule import warn_guessed_calendar

    calendar = WorkCalendar()
    calendar.add_working_days(D(2027, 9, 28), 5)
    log = ProblemLog()
    warn_guessed_calendar(calendar, tmp_path / "data_feeds", log)
    [line] = [str(p) for p in log.warnings]
    assert line.startswith("警告 data_feeds/calendar.csv: 2027 年的官方放假安排未收录")
    assert "应为" not in line and "…" not in line and line.endswith("。")
    assert "新建（或补充）data_feeds/calendar.csv" in line and "第一行为表头“日期,类型,说明”" in line
    # The header named is the one the feeds stage reads.
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "calendar.csv").write_text("日期,类型,说明\n2027-10-01,休,国庆节\n", "utf-8")
    read = ProblemLog()
    assert len(load_feeds(feeds, read)["calendar"].frame) == 1 and not read.errors and not read.warnings
