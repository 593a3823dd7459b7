"""A business types its 统一社会信用代码 (or its full name) and reaches its page with its
decisions and remedies — on a phone, in Chromium."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gongshi.privacy import make_public
from gongshi.schedule.calendar import WorkCalendar
from gongshi.schedule.penalties import PenaltyRules, penalty_states


@pytest.fixture(scope="module")
def decisions(feed_tables, site) -> pd.DataFrame:  # noqa: ANN001
    frame = make_public(feed_tables)["penalties"].frame
    if frame.empty:
        pytest.fail("the sample feeds have no penalty decisions (data_feeds/penalties)")
    return penalty_states(frame, dt.date.fromisoformat(site.today), WorkCalendar(), PenaltyRules())


def busiest_company(decisions: pd.DataFrame) -> tuple[str, str, list[str]]:
    public = decisions[(decisions["pub_state"] == "public") & (decisions["party_uscc"] != "")
                       & (decisions["party_type"] == "法人及非法人组织")]
    uscc = public.groupby("party_uscc").size().sort_values(ascending=False).index[0]
    mine = public[public["party_uscc"] == uscc]
    return uscc, mine["party_name"].iloc[0], mine["decision_no"].tolist()


def test_business_finds_its_page_by_code_and_sees_decisions_and_remedies(page, site, decisions) -> None:  # noqa: ANN001
    uscc, name, numbers = busiest_company(decisions)
    page.goto(site.url("/"))
    page.fill("#search-q", uscc.lower())  # typed in lower case: normalised by the script
    page.click("form.search-form button")
    page.wait_for_url(f"**/companies/{uscc}/")
    assert page.locator("h1").inner_text() == name
    body = page.locator("main").inner_text()
    for number in numbers:
        assert number in body
    assert "行政复议" in body and "行政诉讼" in body and "公示至" in body
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_business_finds_its_page_by_full_name(page, site, decisions) -> None:  # noqa: ANN001
    uscc, name, _ = busiest_company(decisions)
    page.goto(site.url("/penalties/"))
    page.fill("#company-q", f" {name} ")
    page.click("form:has(#company-q) button")
    page.wait_for_url(f"**/companies/{uscc}/")


def test_unknown_code_says_what_was_looked_up_and_goes_on_to_the_full_search(page, site) -> None:  # noqa: ANN001
    page.goto(site.url("/penalties/"))
    page.fill("#company-q", "91339900MA00000000")
    page.click("form:has(#company-q) button")
    page.wait_for_url("**/search/?q=91339900MA00000000")
    assert "没有公示中的" not in page.locator("main").inner_text()


def test_a_partial_company_name_reaches_its_decisions(page, site, decisions) -> None:  # noqa: ANN001
    _, name, numbers = busiest_company(decisions)
    partial = name.removeprefix("江临市").removesuffix("有限公司").removesuffix("有限责任公司")[:6]
    assert partial != name
    page.goto(site.url("/"))
    page.fill("#search-q", partial)
    page.click("form.search-form button")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("(numbers) => numbers.some(n => document.querySelector('main').innerText.includes(n))",
                           arg=numbers, timeout=15000)


def test_decision_page_shows_remedy_dates(page, site, decisions) -> None:  # noqa: ANN001
    served = decisions[(decisions["pub_state"] == "public") & (decisions["review_by"] != "")].iloc[0]
    from gongshi.pages import urls

    page.goto(site.url("/" + urls.decision(served["decision_no"])))
    text = page.locator("#remedies ~ ul, section:has(#remedies)").first.inner_text()
    assert served["review_by"] in text and served["litigation_by"] in text


def test_a_passed_remedy_date_reads_as_passed(page, site, decisions) -> None:  # noqa: ANN001
    # A business reading its decision after the 60 days for 行政复议 must not think it still open.
    passed = decisions[(decisions["pub_state"] == "public") & (decisions["review_passed"] == "已届满")]
    open_ = decisions[(decisions["pub_state"] == "public") & (decisions["review_by"] > site.today)]
    assert len(passed) and len(open_)  # (the sample holds both)
    from gongshi.pages import urls

    for row, expected in ((passed.iloc[0], True), (open_.iloc[0], False)):
        page.goto(site.url("/" + urls.decision(row["decision_no"])))
        review = page.locator("section:has(#remedies) li").first.inner_text()
        assert row["review_by"] in review and ("已届满" in review) is expected
