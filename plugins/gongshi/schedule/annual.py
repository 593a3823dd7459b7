"""The 行政执法统计年报: which years have one on the build day, when each appears, and the
annual duty it meets (国办发〔2018〕118号: the previous year's report by 31 January).

A report is a pure function of the feeds and the build day, so the report for Y exists on
every build from 1 January Y+1: that day is recorded as its publication date (a rebuild reason
makes sure a build runs then), not the first day some build happened to produce it, which
would make the output depend on the build history.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

ANNUAL_REPORT_BY = (1, 31)
# The event that places a record in a year, per dataset the report counts.
EVENT_COLUMNS = {"penalties": "decided_on", "licences": "decided_on", "coercive": "starts_on",
                 "inspections": "completed_on", "supervision": "completed_on"}


def counted_mask(frame: pd.DataFrame) -> pd.Series:
    """Which records a report may count: not withdrawn (撤回 in effect), and no longer scheduled
    (a record before its 公示日期 is not visible anywhere, not even as a number)."""
    if "pub_state" not in frame.columns:
        return pd.Series(True, index=frame.index)
    return ~frame["pub_state"].isin(["withdrawn", "scheduled"])


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[counted_mask(frame)]


def earliest_year(frames: dict[str, pd.DataFrame]) -> int | None:
    years = []
    for name, column in EVENT_COLUMNS.items():
        frame = frames.get(name)
        if frame is None or frame.empty or column not in frame.columns:
            continue
        days = frame[column][counted_mask(frame) & (frame[column] != "")]  # (no copy of the whole table)
        if len(days):
            years.append(int(days.min()[:4]))
    return min(years, default=None)


def report_years(frames: dict[str, pd.DataFrame], today: dt.date) -> list[int]:
    """Every calendar year that has ended by the build day, from the first year with a record."""
    first = earliest_year(frames)
    return [] if first is None else list(range(first, today.year))


def published_on(year: int) -> dt.date:
    return dt.date(year + 1, 1, 1)


def report_changes(frames: dict[str, pd.DataFrame], today: dt.date) -> list[tuple[dt.date, str, str, str]]:
    """This year's report appears on 1 January next year (schedule.Change fields)."""
    first = earliest_year(frames)
    if first is None or first > today.year:
        return []
    return [(published_on(today.year), "statistics", str(today.year), f"{today.year}年度行政执法统计年报生成")]


def report_duties(years: list[int], today: dt.date) -> list[dict[str, object]]:
    """The duty of the build day's year: last year's report, due by 31 January."""
    last = today.year - 1
    if last not in years:
        return []
    month, day = ANNUAL_REPORT_BY
    published = published_on(last)
    due = dt.date(today.year, month, day)
    return [{"duty": f"{last}年度行政执法统计年报", "year": last, "due_by": due.isoformat(),
             "published_on": published.isoformat(), "on_time": published <= due}]
