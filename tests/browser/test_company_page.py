"""A business's page on a phone: its penalties and its spot-check results side by side, like the
tabs of the national enterprise credit portal, reachable by in-page links without script; and a
business with only spot-check results is found by the lookup."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gongshi.pages import urls
from gongshi.privacy import make_public
from gongshi.schedule.calendar import WorkCalendar
from gongshi.schedule.oversight import oversight_states
from gongshi.schedule.penalties import PenaltyRules, penalty_states

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public(feed_tables, site) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: ANN001
    today = dt.date.fromisoformat(site.today)
    tables = make_public(feed_tables)
    decisions = penalty_states(tables["penalties"].frame, today, WorkCalendar(), PenaltyRules())
    checks, _ = oversight_states(tables["inspections"].frame, tables["supervision"].frame, today)
    return (decisions[decisions["pub_state"] == "public"], checks[checks["pub_state"] == "public"])


def test_company_page_shows_penalties_and_spot_checks_at_390px(page, site, public) -> None:  # noqa: ANN001
    decisions, checks = public
    both = sorted((set(decisions["party_uscc"]) & set(checks["subject_uscc"])) - {""})
    assert both, "the sample has no business with both penalties and spot-check results"
    uscc = both[0]
    mine = decisions[decisions["party_uscc"] == uscc]
    checked = checks[checks["subject_uscc"] == uscc]
    page.goto(site.url("/" + urls.company(uscc)))
    tabs = page.get_by_role("navigation", name="本企业的公示信息")
    penalties_link = tabs.get_by_role("link", name=f"行政处罚（{len(mine)}）")
    checks_link = tabs.get_by_role("link", name=f"抽查检查（{len(checked)}）")
    assert penalties_link.is_visible() and checks_link.is_visible()
    checks_link.click()
    assert page.url.endswith("#inspections")
    section = page.locator("section#inspections")
    assert section.is_visible() and section.bounding_box()["y"] < 844  # scrolled into view
    text = section.inner_text()
    for task_name, result in zip(checked["task_name"], checked["result"]):
        assert task_name in text and result in text
    body = page.locator("section#penalties").inner_text()
    for number in mine["decision_no"]:
        assert number in body
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_company_sections_work_without_javascript(new_context, site, public) -> None:  # noqa: ANN001
    decisions, checks = public
    uscc = sorted((set(decisions["party_uscc"]) & set(checks["subject_uscc"])) - {""})[0]
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("/" + urls.company(uscc) + "#inspections"))
    assert page.locator("section#inspections h2").is_visible()
    assert page.locator("section#penalties h2").count() == 1


def test_lookup_finds_a_business_with_only_spot_check_results(page, site, public) -> None:  # noqa: ANN001
    decisions, checks = public
    only = checks[~checks["subject_uscc"].isin(set(decisions["party_uscc"])) & (checks["subject_uscc"] != "")
                  & (checks["subject_type"] == "法人及非法人组织")].sort_values("subject_uscc").iloc[0]
    page.goto(site.url("/"))
    page.fill("#search-q", only["subject_name"])
    page.click("form.search-form button")
    page.wait_for_url(f"**/companies/{only['subject_uscc']}/")
    assert page.locator("h1").inner_text() == only["subject_name"]
    assert "目前没有公示中的行政处罚决定" in page.locator("section#penalties").inner_text()
    assert only["task_name"] in page.locator("section#inspections").inner_text()
