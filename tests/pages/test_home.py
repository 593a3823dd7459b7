"""The home page as a citizen meets it: one search box, the newest decisions and spot-check
results, what is new; a 个体工商户's person column reads 经营者; printouts carry the build day."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.feedkit import inspections, penalties, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"
SOLE_TRADER = "92339900MA2D1E2F3"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.feedkit import fix_uscc

    rows = penalties()
    base = rows[0]
    rows += [base | {"决定书文号": f"江临市监罚〔2026〕{n}号", "处罚决定日期": day, "公示日期": ""}
             for n, day in ((201, "2026-11-18"), (202, "2026-11-19"), (203, "2026-11-16"))]
    rows.append(base | {"决定书文号": "江临市监罚〔2026〕204号", "当事人类别": "个体工商户",
                        "当事人名称": "江临市远辉水果店", "统一社会信用代码": fix_uscc(SOLE_TRADER),
                        "法定代表人": "魏志强", "处罚决定日期": "2026-11-02", "公示日期": "2026-11-04"})
    root = tmp_path_factory.mktemp("home")
    output = root / "output"
    assert build_site(write_feeds(root / "feeds", penalty_rows=rows, inspection_rows=inspections()), output, TODAY)[0] == 0
    return output


def test_the_home_page_has_one_search_box_that_works_as_a_plain_form(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    forms = re.findall(r"<form[^>]*>", html)
    assert len(forms) == 1, forms
    assert 'action="/search/"' in forms[0] and 'method="get"' in forms[0]
    assert 'name="q"' in html


def test_the_newest_decisions_are_listed_newest_first_with_a_link_to_all(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    section = html[html.index('id="latest-penalties"'):html.index('id="latest-inspections"')]
    numbers = re.findall(r"江临市监罚〔2026〕(\d+)号</a>", section)
    # 101: 2026-10-20, 106: 2026-10-20, 201: 11-18, 202: 11-19, 203: 11-16, 204: 11-02
    assert numbers == ["202", "201", "203", "204", "101"]
    assert "查看全部" in section and 'href="/penalties/"' in section
    assert 'id="latest-inspections"' in html


def test_what_is_new_counts_the_last_seven_days_by_publication_day(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    section = html[html.index('id="new"'):html.index('id="latest-penalties"')]
    assert "2026-11-17" in section and "2026-11-23" in section
    assert "行政处罚决定 2 件" in section  # 201 and 202 (no 公示日期: by 决定日期); 203 is before the window


def test_a_sole_traders_person_reads_as_operator_and_a_companys_as_legal_representative(site: Path) -> None:
    trader = (site / "penalties" / "江临市监罚-2026-204号" / "index.html").read_text("utf-8")
    company = (site / "penalties" / "江临市监罚-2026-101号" / "index.html").read_text("utf-8")
    assert "<dt>经营者</dt><dd>魏某某</dd>" in trader and "<dt>法定代表人</dt>" not in trader
    assert "<dt>法定代表人</dt><dd>王建国</dd>" in company and "经营者" not in company


def test_a_printout_carries_the_portal_the_address_and_the_build_day(site: Path) -> None:
    page = (site / "penalties" / "江临市监罚-2026-101号" / "index.html").read_text("utf-8")
    assert "网址：https://zfgs.example.gov.cn/penalties/江临市监罚-2026-101号/" in page
    assert 'href="/theme/css/print-day.css" media="print"' in page and 'class="print-day"' in page
    assert f"数据生成日期：{TODAY}" in (site / "theme" / "css" / "print-day.css").read_text("utf-8")
