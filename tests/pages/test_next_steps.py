"""What a citizen or a business can do when the answer is bad: report someone enforcing with a
card that is not 有效, ask for a record to be corrected, request 信用修复 (issue #21, point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedkit import AGENCY_A, AGENCY_B, agencies, penalties, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("next-steps")
    rows = agencies()
    rows[1]["投诉举报电话"] = "0579-85009999"  # agency B has a line of its own; A is reached on its 联系电话
    rows[0]["投诉举报电话"] = ""
    rows[0]["行政复议机关"] = "江临市人民政府"  # (A names its review body and leaves the court blank)
    rows[0]["行政诉讼管辖法院"] = ""
    output = root / "output"
    assert build_site(write_feeds(root / "feeds", agency_rows=rows, penalty_rows=penalties()), output, TODAY)[0] == 0
    return output


def test_an_officer_whose_card_is_revoked_says_whom_to_report_to(site: Path) -> None:
    page = (site / "officers/33990002000001/index.html").read_text("utf-8")  # 赵敏, 吊销, agency B
    step = page[page.index('id="credential-next"'):page.index("</section>", page.index('id="credential-next"'))]
    assert " hidden" not in step.split(">", 1)[0]
    assert AGENCY_B in step and "0579-85009999" in step and "12345政务服务便民热线" in step and "/contact/" in step


def test_a_valid_officer_keeps_the_step_for_the_day_the_card_expires(site: Path) -> None:
    # Without JS it stays hidden; officer-status.js shows it once the visitor's date is past 有效期至.
    page = (site / "officers/33990001000001/index.html").read_text("utf-8")
    opening = page[page.index('<section class="next-step"'):].split(">", 1)[0]
    assert opening.endswith(" hidden") and "0579-85001234" in page  # (agency A: its 联系电话)


def test_the_contact_page_lists_every_agency_line_and_the_correction_route(site: Path) -> None:
    page = (site / "contact/index.html").read_text("utf-8")
    for text in (AGENCY_A, "0579-85001234", AGENCY_B, "0579-85009999", "12345政务服务便民热线",
                 'id="correction"', "第四十一条", 'id="credit-repair"', "信用中国"):
        assert text in page, text
    assert "0579-85005678" not in page  # (B's office line: its complaint line is the one to call)
    assert 'href="/contact/"' in (site / "index.html").read_text("utf-8")  # (in every page's footer)


def test_a_decision_says_from_when_credit_repair_may_be_requested(site: Path) -> None:
    # 警告；罚款 0.5万元 for an organisation is a general penalty: 3 months from 2026-10-20.
    page = (site / "penalties/江临市监罚-2026-101号/index.html").read_text("utf-8")
    repair = page[page.index('id="credit-repair"'):]
    assert '<time datetime="2027-01-20">' in repair and "信用中国" in repair and "/contact/#correction" in repair


def test_a_company_page_offers_correction_and_repair(site: Path) -> None:
    from tests.feedkit import COMPANY_USCC, fix_uscc

    page = (site / f"companies/{fix_uscc(COMPANY_USCC)}/index.html").read_text("utf-8")
    assert "/contact/#correction" in page and "/contact/#credit-repair" in page


def test_public_pages_speak_to_readers_not_to_staff(sample_site: Path) -> None:
    # #21 point 8: no library or feed-file names, no "type a URL", words not run together oddly.
    timeliness = (sample_site / "timeliness/index.html").read_text("utf-8")
    assert "chinese-calendar" not in timeliness and "calendar.csv" not in timeliness
    pages = [p.read_text("utf-8") for p in sample_site.rglob("*.html")]
    for words in ("地址栏", "订阅（Atom）", "罚款；罚款 ", "可在 江临市 内"):
        assert not any(words in page for page in pages), words


def test_a_decision_names_where_to_apply_for_review_and_leaves_out_a_court_not_given(site: Path) -> None:
    page = (site / "penalties/江临市监罚-2026-101号/index.html").read_text("utf-8")
    remedies = page[page.index('id="remedies"'):page.index("</section>", page.index('id="remedies"'))]
    review = remedies[remedies.index("<strong>行政复议</strong>"):remedies.index("</li>")]
    litigation = remedies[remedies.index("<strong>行政诉讼</strong>"):]
    assert "六十日内向江临市人民政府提出" in review
    assert "六个月内提起" in litigation and "人民法院" not in litigation
    pages = [p.read_text("utf-8") for p in (site / "agencies").glob("*/index.html")]
    assert any("行政复议机关" in p and "江临市人民政府" in p for p in pages)  # (and on the agency's own page)
