"""Accessibility of the portal on a phone: axe-core finds no violations, the language is
declared, the skip link works and nothing scrolls sideways at 390 px."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390
AXE = Axe()


def _first(frame: pd.DataFrame, column: str, where: pd.Series | None = None) -> str:
    values = sorted(frame[column] if where is None else frame.loc[where, column])
    assert values, f"the sample feeds have no {column}"
    return values[0]


def site_pages(tables, officers) -> dict[str, str]:  # noqa: ANN001
    """Page id -> path. The pages the brief names first, then one officer page per status
    (each status has its own colours) and the other page types."""
    from gongshi.pages import urls
    from gongshi.privacy import make_public
    from gongshi.schedule.calendar import WorkCalendar
    from gongshi.schedule.penalties import PenaltyRules, penalty_states

    agencies, powers = tables["agencies"].frame, tables["powers"].frame
    uscc = _first(agencies, "uscc")
    decisions = penalty_states(make_public(tables)["penalties"].frame, dt.date(2026, 11, 23), WorkCalendar(),
                               PenaltyRules())
    decision = {state: "/" + urls.decision(_first(decisions, "decision_no", decisions["pub_state"] == state))
                for state in ("public", "withdrawn", "ended")}
    company = _first(decisions, "party_uscc", (decisions["pub_state"] == "public") & (decisions["party_uscc"] != ""))
    officer = {state: _first(officers, "certificate_no", officers["state"] == state)
               for state in ("valid", "expired", "suspended", "revoked")}
    oversight = oversight_pages(tables, decisions)
    return {
        "home": "/",
        "officers": "/officers/",
        "officer": f"/officers/{officer['valid']}/",
        "agencies": "/agencies/",
        "agency": f"/agencies/{uscc}/",
        "powers": "/powers/",
        "power": f"/powers/{_first(powers, 'code')}/",
        # more of the same checks on the rest of the site
        "officer-expired": f"/officers/{officer['expired']}/",
        "officer-suspended": f"/officers/{officer['suspended']}/",
        "officer-revoked": f"/officers/{officer['revoked']}/",
        "power-cancelled": f"/powers/{_first(powers, 'code', powers['status'] == '已取消')}/",
        "officers-of-agency": f"/officers/agency/{uscc}/",
        "powers-of-agency": f"/powers/agency/{uscc}/",
        "about": "/about/",
        "not-found": "/404.html",
        "penalties": "/penalties/",
        "penalty": decision["public"],
        "penalty-withdrawn": decision["withdrawn"],
        "penalty-ended": decision["ended"],
        "penalties-of-year": "/penalties/year/2026/",
        "company": f"/companies/{company}/",
        "timeliness": "/timeliness/",
        "data-dictionary": "/data-dictionary/",
        **oversight,
    }


def oversight_pages(tables, decisions: pd.DataFrame) -> dict[str, str]:  # noqa: ANN001
    """The spot-check, supervision, company and content page types (issue 5)."""
    from gongshi.pages import urls
    from gongshi.privacy import make_public
    from gongshi.schedule.oversight import oversight_states

    public = make_public(tables)
    checks, outcomes = oversight_states(public["inspections"].frame, public["supervision"].frame,
                                        dt.date(2026, 11, 23))
    checks = checks[checks["pub_state"] == "public"]
    outcomes = outcomes[outcomes["pub_state"] == "public"]
    penalised = set(decisions.loc[decisions["pub_state"] == "public", "party_uscc"]) - {""}
    checked = set(checks["subject_uscc"]) - {""}
    assert penalised & checked and checked - penalised, "the sample needs both kinds of company page"
    return {
        "inspections": "/inspections/",
        "inspection-task": "/" + urls.inspection_task(_first(checks, "task_no")),
        "inspections-by-result": "/" + urls.inspections_by("result", urls.slug("发现问题已责令改正")),
        "supervision": "/supervision/",
        "supervision-kind": "/" + urls.supervision_kind("case-review"),
        "supervision-unit": "/" + urls.supervision_unit(_first(outcomes, "unit")),
        "company-both": "/" + urls.company(sorted(penalised & checked)[0]),
        "company-inspections-only": "/" + urls.company(sorted(checked - penalised)[0]),
        "process": "/process/",
        "reports": "/reports/",
        "report": "/reports/2025/",
        "case": "/cases/2026-food-safety/",
        "search": "/search/?q=%E9%A3%9F%E5%93%81",  # 食品: results, facets and "more"
        # Published from their schema alone (pages.generic): listing, facet page, record, an expired licence.
        "licences": "/licences/",
        "licence-expired": "/" + urls.record("licences", urls.slug("江临环许〔2026〕9号")),
        "coercive-by-measure": "/" + urls.record_facet("coercive", "measure", urls.slug("扣押财物")),
        "discretion": "/discretion/",
    }


PAGE_IDS = ["home", "officers", "officer", "agencies", "agency", "powers", "power",
            "officer-expired", "officer-suspended", "officer-revoked", "power-cancelled",
            "officers-of-agency", "powers-of-agency", "about", "not-found",
            "penalties", "penalty", "penalty-withdrawn", "penalty-ended", "penalties-of-year", "company",
            "timeliness", "data-dictionary",
            "inspections", "inspection-task", "inspections-by-result", "supervision", "supervision-kind",
            "supervision-unit", "company-both", "company-inspections-only", "process", "reports", "report", "case",
            "search", "licences", "licence-expired", "coercive-by-measure", "discretion"]


@pytest.fixture(scope="module")
def pages(feed_tables, officers) -> dict[str, str]:  # noqa: ANN001
    found = site_pages(feed_tables, officers)
    assert list(found) == PAGE_IDS
    return found


def open_page(page, site, path: str):  # noqa: ANN001, ANN201
    response = page.goto(site.url(path))
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    if path.startswith("/search/"):  # results arrive after the page loads
        expect(page.locator("#search-app")).to_have_attribute("data-state", "done")
    page.evaluate("document.fonts.ready.then(() => true)")  # final layout, for contrast and width
    return page


def violations_report(results) -> str:  # noqa: ANN001
    lines = []
    for v in results.response["violations"]:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html']}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_axe_violations(page, label: str) -> None:  # noqa: ANN001
    results = AXE.run(page)
    assert results.violations_count == 0, (
        f"axe-core found {results.violations_count} violation(s) on {label} ({page.url}):\n"
        + violations_report(results))


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_axe_finds_no_violations(site, pages, page, network, page_id):
    open_page(page, site, pages[page_id])
    assert_no_axe_violations(page, page_id)
    assert network.foreign() == [], f"requests to other hosts: {network.foreign()}"


def test_axe_finds_no_violations_in_the_lookup_miss_message(site, page):
    open_page(page, site, "/officers/")
    box = page.locator("form.lookup input[name=no]")
    box.fill("33990099999999")
    page.locator("form.lookup:has(input[name=no])").get_by_role("button", name="查询").click()
    expect(page.locator("form.lookup:has(input[name=no]) .lookup__result")).to_contain_text("未查询到该执法证号")
    assert_no_axe_violations(page, "the officers page after a failed lookup")


def test_axe_finds_no_violations_in_the_recheck_warning(site, pages, page):
    import datetime as dt

    page.clock.set_fixed_time(dt.datetime(2099, 1, 1, 4, tzinfo=dt.UTC))
    open_page(page, site, pages["officer"])
    expect(page.locator("#credential-recheck")).to_be_visible()
    assert_no_axe_violations(page, "an officer page with the recheck warning")


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_language_skip_link_and_no_sideways_scroll(site, pages, page, page_id):
    open_page(page, site, pages[page_id])
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    # The first Tab reaches the skip link, which then shows; Enter moves focus to <main>.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")
    # ...and the next Tab goes on from main, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("""() => {
        const e = document.activeElement;
        return e !== document.body && !document.querySelector('.site-header').contains(e)
            && !e.classList.contains('skip-link');
    }"""), "after the skip link, Tab went to " + page.evaluate("document.activeElement.outerHTML.slice(0, 200)")

    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.viewport_size["width"] == PHONE_WIDTH
    assert width <= PHONE_WIDTH, (
        f"{page_id} scrolls sideways at {PHONE_WIDTH}px (scrollWidth {width}); widest elements: "
        + repr(page.evaluate("""w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 120))""", PHONE_WIDTH)))
