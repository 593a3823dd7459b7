"""The home page's lists: the newest published decisions and spot-check results, and what
became public in the last days before the build day.

"New" is counted from the records' own dates, not from what the previous build published:
same feeds + same day must give the same bytes (a rebuild equals a cold build), so nothing
the cache remembers may change a page. A record's day of publication is its 公示日期, or,
when the feed leaves it blank (published at once), its 决定日期 / 检查完成日期. "New" is every
published record whose day falls in the `NEW_DAYS` days ending on the build day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..feeds.load import records
from . import inspections, penalties

LATEST = 5  # decisions and spot-check results listed on the home page
NEW_DAYS = 7  # "新近公示": the last 7 calendar days, the build day included


def newest_decisions(in_public: pd.DataFrame, count: int = LATEST) -> list[dict[str, Any]]:
    """The first `count` rows of /penalties/'s order (决定日期 newest first, then 文号), sorting
    only the decisions of the newest days rather than every published one."""
    days = sorted(pd.unique(in_public["decided_on"]), reverse=True)
    taken, cut = 0, ""
    for day in days:
        cut = day
        taken += int((in_public["decided_on"] == day).sum())
        if taken >= count:
            break
    newest = penalties.ordered_public(in_public[in_public["decided_on"] >= cut]) if days else in_public
    return [penalties.listing_row(r) for r in records(newest.head(count), penalties.LISTING_COLUMNS)]


def newest_results(checks: pd.DataFrame, count: int = LATEST) -> list[dict[str, Any]]:
    """The first `count` results of /inspections/'s order (`checks` is inspections.ordered_public)."""
    return inspections.public_rows(checks.head(count))


def _published_day(frame: pd.DataFrame, fallback: str) -> pd.Series:
    return frame["published_on"].where(frame["published_on"] != "", frame[fallback])


def new_since(in_public: pd.DataFrame, checks: pd.DataFrame, outcomes: pd.DataFrame,
              today: dt.date) -> dict[str, Any]:
    """Counts of the records that became public in the NEW_DAYS days ending on `today`."""
    first = (today - dt.timedelta(days=NEW_DAYS - 1)).isoformat()
    last = today.isoformat()

    def within(days: pd.Series) -> pd.Series:
        return (days >= first) & (days <= last)

    outcomes = outcomes[outcomes["pub_state"] == "public"]
    new_checks = checks[within(_published_day(checks, "completed_on"))]
    return {
        "from": first, "to": last, "days": NEW_DAYS,
        "penalties": int(within(_published_day(in_public, "decided_on")).sum()),
        "inspections": len(new_checks), "inspection_tasks": int(new_checks["task_no"].nunique()),
        "supervision": int(within(_published_day(outcomes, "completed_on")).sum()),
    }
