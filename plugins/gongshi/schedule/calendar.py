"""The official working-day calendar (法定节假日 and 调休 workdays).

Sources, in order: `data_feeds/calendar.csv` (staff add a year the State Council has announced
before the package ships it), then chinese-calendar (the official arrangement, 2004–2026 in
1.11.0). For a year neither covers, weekends + statutory holidays from the `holidays` package,
without 调休 — and every build that relies on such a year says so (`fallback_years`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar
import holidays as holiday_tables

ONE_DAY = dt.timedelta(days=1)
CALENDAR_HEADER = "日期,类型,说明"  # the header line of data_feeds/calendar.csv (feeds/datasets.py CALENDAR)


@dataclass
class WorkCalendar:
    # date -> True for an adjusted workday (班), False for a holiday (休)
    overrides: dict[dt.date, bool] = field(default_factory=dict)
    fallback_years: set[int] = field(default_factory=set)  # years guessed at, so far
    _fallback: dict[int, set[dt.date]] = field(default_factory=dict, repr=False)
    _known: dict[dt.date, bool] = field(default_factory=dict, repr=False)  # answers so far
    # (start, count) -> day: many decisions fall on the same few days
    _added: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict, repr=False)

    @property
    def override_years(self) -> set[int]:
        return {day.year for day in self.overrides}

    def is_workday(self, day: dt.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._is_workday(day)
        return known

    def _is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.override_years:  # a year staff entered: weekends + their 休/班
            return day.weekday() < 5
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5 and day not in self._statutory_holidays(day.year)

    def _statutory_holidays(self, year: int) -> set[dt.date]:
        if year not in self._fallback:
            self.fallback_years.add(year)
            self._fallback[year] = set(holiday_tables.China(years=year))
        return self._fallback[year]

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (the day of the event is not counted)."""
        found = self._added.get((start, count))
        if found is not None:
            return found
        day, left = start, count
        while left > 0:
            day += ONE_DAY
            if self.is_workday(day):
                left -= 1
        self._added[(start, count)] = day
        return day

    def roll_to_workday(self, day: dt.date) -> dt.date:
        """A period ending on a non-working day ends on the next working day (民法典 第203条)."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def staff_warning(self, file: str = "data_feeds/calendar.csv") -> str:
        """What staff read (`gongshi check`, `gongshi build`): the years guessed at, and the file
        that fixes it, header line included."""
        years = sorted(self.fallback_years)
        shown = "、".join(str(y) for y in years)
        return (f"{shown} 年的官方放假安排未收录（chinese-calendar 与 {file} 均无），按周末及法定节日推算工作日，"
                f"未计调休，公开时效和救济期限可能差几天。国务院公布该年放假安排后，请新建（或补充）{file}："
                f"第一行为表头“{CALENDAR_HEADER}”，其后每行一天，如“{years[0]}-10-01,休,国庆节”"
                f"“{years[0]}-09-26,班,调休上班”（类型：休 为放假，班 为调休上班）。")

    def fallback_warning(self) -> str:
        years = "、".join(str(y) for y in sorted(self.fallback_years))
        return (f"{years} 年的官方放假安排未收录（chinese-calendar 与 calendar.csv 均无），"
                "按周末及法定节日推算工作日，未计调休；请在 data_feeds/calendar.csv 中补充")
