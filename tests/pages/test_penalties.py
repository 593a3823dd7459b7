"""Builds with penalty decisions in every state, checked as a business and a citizen would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.feedkit import COMPANY_USCC, fix_uscc, penalties, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"
SLUG = "penalties/江临市监罚-2026-{}号/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("penalties")
    output = root / "output"
    assert build_site(write_feeds(root / "feeds", penalty_rows=penalties()), output, TODAY)[0] == 0
    return output


def everything(site: Path) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file())


def test_public_decision_page_has_fields_amounts_remedies_and_window(site: Path) -> None:
    html = (site / SLUG.format(101)).read_text("utf-8")
    for text in ("江临市鲜果坊食品有限公司", "《中华人民共和国食品安全法》第一百二十四条", "警告、罚款",
                 "0.5万元（5,000元）", "行政复议", "行政诉讼", "公示至"):
        assert text in html, text
    # served 2026-10-21: +60 days = 2026-12-20 (a Sunday) -> Monday 2026-12-21; +6 months = 2027-04-21
    assert "最后一日为 <strong><time datetime=\"2026-12-21\">" in html
    assert "2027-04-21" in html
    assert "2027-10-19" in html  # general penalty: shown for one year from the decision, inclusive


@pytest.mark.parametrize(("today", "review_passed", "litigation_passed"), [
    ("2026-12-21", False, False),  # the last day of 行政复议 itself: still open
    ("2026-12-22", True, False),
    ("2027-04-22", True, True),
])
def test_a_remedy_whose_last_day_has_passed_reads_as_passed(tmp_path: Path, today: str, review_passed: bool,
                                                            litigation_passed: bool) -> None:
    # RULES.md: remedy last days that have passed are shown as passed (已届满), on the decision
    # page and the company page, from the day after; that day is a rebuild reason.
    rows = [penalties()[0]]  # (decided 2026-10-20: public until 2027-10-19, every day tried)
    output = tmp_path / "output"
    assert build_site(write_feeds(tmp_path / "feeds", penalty_rows=rows), output, today)[0] == 0
    page = (output / SLUG.format(101)).read_text("utf-8")
    review = page[page.index("<strong>行政复议</strong>"):page.index("<strong>行政诉讼</strong>")]
    litigation = page[page.index("<strong>行政诉讼</strong>"):page.index("</ul>", page.index("<strong>行政诉讼</strong>"))]
    assert ("已届满" in review, "已届满" in litigation) == (review_passed, litigation_passed)
    company = (output / f"companies/{fix_uscc(COMPANY_USCC)}/index.html").read_text("utf-8")
    assert ("2026-12-21，已届满" in company, "2027-04-21，已届满" in company) == (review_passed, litigation_passed)
    reasons = json.loads((output / "rebuild.json").read_text("utf-8"))["reasons"]
    remedy_days = [r["when"][:10] for r in reasons if "期限届满，页面标为已届满" in r["what"]]
    assert ("2026-12-22" in remedy_days) is (today <= "2026-12-21")


def test_scheduled_decision_exists_nowhere(site: Path) -> None:
    assert not (site / SLUG.format(102)).exists()
    assert "〔2026〕102号" not in everything(site)


def test_withdrawn_decision_keeps_a_page_without_party_details(site: Path) -> None:
    html = (site / SLUG.format(103)).read_text("utf-8")
    assert "已撤回" in html and "2026-11-02" in html and "经行政复议，原处罚决定被撤销" in html
    assert "鲜果坊" not in html
    listing = (site / "penalties/index.html").read_text("utf-8")
    assert "〔2026〕103号" not in listing
    assert "〔2026〕103号" not in (site / "downloads/penalties.csv").read_text("utf-8-sig")


def test_ended_window_keeps_a_page_saying_so(site: Path) -> None:
    html = (site / "penalties/江临市监罚-2025-9号/index.html").read_text("utf-8")
    assert "公示期已届满" in html and "2025-08-05" in html and "鲜果坊" not in html


def test_natural_person_is_masked_and_personal_numbers_are_gone_everywhere(site: Path) -> None:
    html = (site / SLUG.format(104)).read_text("utf-8")
    assert "张某某" in html and "无证销售食品" in html
    text = everything(site)
    for secret in ("张三", "11010519491231002X", "19491231", "139-1234-5678", "幸福路1号", "339901198503120016"):
        assert secret not in text, secret


def test_minor_party_is_withheld_everywhere(site: Path) -> None:
    assert not (site / SLUG.format(105)).exists()
    text = everything(site)
    assert "〔2026〕105号" not in text and "王小明" not in text and "王某某" not in text


def test_major_penalty_shows_its_legal_application_section(site: Path) -> None:
    html = (site / SLUG.format(106)).read_text("utf-8")
    assert "法律适用说明（重大行政处罚）" in html and "60万元（600,000元）" in html


def test_company_page_lists_its_published_decisions_and_lookup_finds_it(site: Path) -> None:
    uscc = fix_uscc(COMPANY_USCC)
    html = (site / "companies" / uscc / "index.html").read_text("utf-8")
    assert "〔2026〕101号" in html and "〔2026〕106号" in html
    assert "〔2026〕103号" not in html and "〔2026〕102号" not in html
    meta = json.loads((site / "companies/lookup/meta.json").read_text())
    entries = {}
    for n in range(meta["shards"]):
        entries |= json.loads((site / f"companies/lookup/{n}.json").read_text())["keys"]
    assert entries == {uscc: uscc, "江临市鲜果坊食品有限公司": uscc}


def test_listings_by_authority_year_violation_and_kind(site: Path) -> None:
    for path in ("penalties/authority/江临市市场监督管理局/index.html", "penalties/year/2026/index.html",
                 "penalties/violation/销售过期食品/index.html", "penalties/kind/罚款/index.html"):
        html = (site / path).read_text("utf-8")
        assert "〔2026〕101号" in html, path
        assert "〔2026〕103号" not in html, path


def test_atom_feeds_site_wide_and_per_authority(site: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path in ("penalties/feed.xml", "penalties/authority/江临市市场监督管理局/feed.xml"):
        feed = ET.parse(site / path).getroot()
        titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
        assert any("〔2026〕101号" in t for t in titles)
        assert not any("〔2026〕103号" in t or "〔2026〕102号" in t for t in titles)


def test_csv_download_is_the_public_view(site: Path) -> None:
    text = (site / "downloads/penalties.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["决定书文号"] for r in rows} == {"江临市监罚〔2026〕101号", "江临市监罚〔2026〕104号", "江临市监罚〔2026〕106号"}
    assert "当事人证件号码" not in rows[0] and "法定代表人证件号码" not in rows[0]
    assert {r["当事人名称"] for r in rows} >= {"张某某"}


def test_hostile_values_are_escaped_and_formulas_neutralised(tmp_path: Path) -> None:
    rows = penalties()[:1]
    rows[0] = rows[0] | {"违法行为类型": '"><img src=x onerror=alert(1)>', "违法事实": "<script>alert(1)</script>{{ 7*7 }}",
                         "处罚依据": '=HYPERLINK("http://evil.example","点我")', "处罚机关": rows[0]["处罚机关"],
                         "备注": "@SUM(A1:A9)", "处罚内容": "javascript:alert(1)"}
    output = tmp_path / "output"
    assert build_site(write_feeds(tmp_path / "feeds", penalty_rows=rows), output, TODAY)[0] == 0
    for page in output.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page
    decision = (output / SLUG.format(101)).read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in decision
    feed = (output / "penalties/feed.xml").read_text("utf-8")
    assert "<img" not in feed
    rows_out = list(csv.reader(io.StringIO((output / "downloads/penalties.csv").read_bytes().decode("utf-8-sig"))))
    cells = [c for r in rows_out[1:] for c in r]
    assert """'=HYPERLINK("http://evil.example","点我")""" in cells
    assert "'@SUM(A1:A9)" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_major_penalty_without_note_is_a_warning_not_a_block(tmp_path: Path, capsys) -> None:
    output = tmp_path / "output"
    code, _ = build_site(write_feeds(tmp_path / "feeds", penalty_rows=penalties()), output, TODAY)
    assert code == 0
    from gongshi.pipeline import current_state

    warnings = [p for p in current_state().log.warnings if p.column == "法律适用说明"]
    assert [w.row for w in warnings] == [8]


def test_a_fine_typed_in_yuan_into_the_wanyuan_column_is_listed_for_checking(tmp_path: Path) -> None:
    rows = penalties()
    rows[0] |= {"罚款金额（万元）": "5000", "处罚类别": "罚款"}  # 5000 元 meant: 5000万元 makes it 重大
    rows[1] |= {"罚款金额（万元）": "120", "处罚类别": "罚款；吊销许可证件"}  # 重大 whatever the unit
    output = tmp_path / "output"
    assert build_site(write_feeds(tmp_path / "feeds", penalty_rows=rows), output, TODAY)[0] == 0
    from gongshi.pipeline import current_state

    warnings = [p for p in current_state().log.warnings if p.column == "罚款金额（万元）"]
    assert [w.row for w in warnings] == [2, 3] and "50,000,000元" in str(warnings[0])
    html = (output / "timeliness/index.html").read_text("utf-8")
    assert "罚款金额单位待核实（1 条）" in html
    section = html.split("罚款金额单位待核实（1 条）")[1]
    assert "江临市监罚〔2026〕101号" in section and "102号" not in section


def test_a_decision_page_is_written_where_its_links_point() -> None:
    from gongshi.pages import urls

    for number in ("江临市监罚〔2026〕101号", "临江交执罚[2026]9号", "A/B 100%号", "罚字（2026）第 7 号", "ＡＢ罚-1"):
        assert urls.decision_file(number) == urls.file_of(urls.decision(number)), number


def test_listings_hold_each_decision_once_per_value_in_display_order() -> None:
    import pandas as pd

    from gongshi.pages.penalties import positions_by_value

    assert positions_by_value(pd.Series(["乙", "甲", "", "乙"])) == {"乙": [0, 3], "甲": [1]}
    kinds = pd.Series(["罚款;警告", "警告", "罚款;罚款", ""]).str.split(";")
    assert positions_by_value(kinds) == {"罚款": [0, 2], "警告": [0, 1]}
    assert positions_by_value(pd.Series([], dtype=object)) == {}


def test_page_links_say_which_page_is_shown() -> None:
    from gongshi.pages.site import page_nav

    assert page_nav(1, 1, 7, str) == {}  # one page: no pagination at all
    nav = page_nav(2, 3, 120, lambda n: f"p/{n}/")
    assert (nav["page"], nav["pages"], nav["total"]) == ("2", "3", "120")
    assert nav["prev_url"] == "p/1/" and nav["next_url"] == "p/3/"
    assert [(link["label"], link["url"], link["current"]) for link in nav["links"]] == [
        ("1", "p/1/", False), ("2", "p/2/", True), ("3", "p/3/", False)]
    assert page_nav(5, 30, 1500, str)["links"] == []  # too many pages to link each
