from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from gongshi.schedule.calendar import WorkCalendar
from gongshi.schedule.deadlines import DEFAULT_RULES, annual_refresh_flags, measure, sorted_order
from tests.feedkit import AGENCY_A, AGENCY_B, penalties, write_feeds
from tests.sitekit import build_site

D = dt.date


def decisions(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{"decision_no": f"罚{i}", "authority": AGENCY_A, "published_on": "", "pub_state": "public"} | r
                         for i, r in enumerate(rows)])


AGENCIES = pd.DataFrame([{"name": AGENCY_A, "updated_on": "2026-01-10"}, {"name": AGENCY_B, "updated_on": "2025-12-30"}])


def test_seventh_working_day_is_the_deadline_across_a_holiday() -> None:
    frame = decisions({"decided_on": "2025-09-26", "published_on": "2025-10-13"},
                      {"decided_on": "2025-09-26", "published_on": "2025-10-14"})
    result = measure({"penalties": frame}, AGENCIES, DEFAULT_RULES, WorkCalendar(), D(2025, 11, 1))
    assert [(r["due_by"], r["on_time"]) for r in result.records] == [("2025-10-13", True), ("2025-10-13", False)]
    (total,) = result.totals(("agency", "dataset"))
    assert (total["records"], total["on_time"], total["rate"]) == (2, 1, 0.5)


def test_blank_publication_date_counts_as_the_build_date_and_scheduled_is_not_measured() -> None:
    frame = decisions({"decided_on": "2026-11-20"}, {"decided_on": "2026-11-20", "pub_state": "scheduled",
                                                     "published_on": "2026-11-27"})
    on_time = measure({"penalties": frame}, AGENCIES, DEFAULT_RULES, WorkCalendar(), D(2026, 11, 23))
    assert [(r["published_on"], r["on_time"]) for r in on_time.records] == [("2026-11-23", True)]
    late = measure({"penalties": frame}, AGENCIES, DEFAULT_RULES, WorkCalendar(), D(2026, 12, 2))
    assert late.records[0]["due_by"] == "2026-12-01" and late.records[0]["on_time"] is False


def test_coverage_counts_agencies_publishing_in_each_dataset() -> None:
    result = measure({"penalties": decisions({"decided_on": "2026-11-20"})}, AGENCIES, DEFAULT_RULES,
                     WorkCalendar(), D(2026, 11, 23))
    assert result.coverage == [{"dataset": "penalties", "agencies": 2, "publishing": 1, "rate": 0.5,
                                "not_publishing": [AGENCY_B]}]


def test_annual_refresh_is_flagged_only_after_31_january() -> None:
    assert annual_refresh_flags(AGENCIES, D(2026, 1, 31)) == []
    flags = annual_refresh_flags(AGENCIES, D(2026, 2, 1))
    assert [f["agency"] for f in flags] == [AGENCY_B]


def test_report_and_page_in_the_build(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build_site(write_feeds(tmp_path / "feeds", penalty_rows=penalties()), output, "2026-11-23")[0] == 0
    report = json.loads((output / "reports/timeliness.json").read_text())
    keys = {r["key"] for r in report["records"]}
    assert "江临市监罚〔2026〕101号" in keys
    assert "江临市监罚〔2026〕102号" not in keys  # scheduled: not published, not measured
    assert "江临市监罚〔2026〕105号" not in keys  # a minor's record is withheld everywhere
    record = next(r for r in report["records"] if r["key"] == "江临市监罚〔2026〕101号")
    assert {k: record[k] for k in ("dataset", "agency", "event_date", "due_by", "published_on", "on_time")} == {
        "dataset": "penalties", "agency": AGENCY_A, "event_date": "2026-10-20", "due_by": "2026-10-29",
        "published_on": "2026-10-23", "on_time": True}
    page = (output / "timeliness/index.html").read_text("utf-8")
    assert '<svg class="chart' in page and "各执法主体公开及时率" in page
    assert "<script" not in page.split("<main")[1]


@given(st.lists(st.tuples(*[st.sampled_from(["", "a", "b", "B", "ab", "张", "a\u0300"])] * 4), max_size=40))
def test_records_are_ordered_as_sorted_orders_them(rows: list[tuple[str, ...]]) -> None:
    columns = [[row[k] for row in rows] for k in range(4)]
    assert sorted_order(columns) == sorted(range(len(rows)), key=lambda i: rows[i])  # ties stay in place
