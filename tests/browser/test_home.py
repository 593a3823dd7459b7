"""The home page on a phone (390 px): one box for everything, a menu that opens, no sideways scroll."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_home_page_does_not_scroll_sideways_and_its_menu_opens(page, site) -> None:  # noqa: ANN001
    page.goto(site.url("/"))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    menu = page.locator("nav.site-nav a", has_text="行政处罚")
    expect(menu).to_be_hidden()  # the menu starts closed: the page begins right below the header
    assert page.locator(".site-header").bounding_box()["height"] < 120
    page.locator(".site-menu > summary").focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(menu).to_be_visible()
    menu.click()
    page.wait_for_url("**/penalties/")


def test_the_menu_opens_without_javascript(new_context, site) -> None:  # noqa: ANN001
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("/"))
    page.locator(".site-menu > summary").click()
    expect(page.locator("nav.site-nav a", has_text="搜索")).to_be_visible()


def test_a_full_certificate_number_in_the_home_box_opens_the_officer(page, site, officers) -> None:  # noqa: ANN001
    number = officers["certificate_no"].iloc[0]
    page.goto(site.url("/"))
    page.fill("#search-q", number)
    page.click("form.search-form button")
    page.wait_for_url(f"**/officers/{number}/")
    expect(page.locator("#credential")).to_be_visible()


def test_a_partial_company_name_in_the_home_box_lists_its_decisions(page, site, feed_tables) -> None:  # noqa: ANN001
    import datetime as dt

    from gongshi.privacy import make_public
    from gongshi.schedule.calendar import WorkCalendar
    from gongshi.schedule.penalties import PenaltyRules, penalty_states

    frame = penalty_states(make_public(feed_tables)["penalties"].frame, dt.date.fromisoformat(site.today),
                           WorkCalendar(), PenaltyRules())
    row = frame[(frame["pub_state"] == "public") & (frame["party_type"] == "法人及非法人组织")].iloc[0]
    mine = frame[(frame["pub_state"] == "public") & (frame["party_name"] == row["party_name"])]["decision_no"].tolist()
    partial = row["party_name"].removeprefix("江临市")[:5]
    page.goto(site.url("/"))
    page.fill("#search-q", partial)
    page.click("form.search-form button")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("(numbers) => numbers.some(n => document.querySelector('main').innerText.includes(n))",
                           arg=mine, timeout=15000)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
