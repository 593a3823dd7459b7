"""Builds with spot-check results and supervision outcomes, checked as a business, a citizen
and a reader of the downloads and feeds would."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gongshi.pages import urls
from tests.feedkit import (
    AGENCY_A,
    COMPANY_USCC,
    INSPECTION_ONLY_USCC,
    SOLE_TRADER_USCC,
    TASK_A,
    fix_uscc,
    inspections,
    penalties,
    supervision,
    write_feeds,
)
from tests.sitekit import build_site

TODAY = "2026-11-23"
TASK_PAGE = urls.file_of(urls.inspection_task(TASK_A))
UNIT_A_PAGE = urls.file_of(urls.supervision_unit(AGENCY_A))


def build(root: Path, today: str) -> Path:
    feeds = write_feeds(root / "feeds", penalty_rows=penalties(), inspection_rows=inspections(),
                        supervision_rows=supervision())
    assert build_site(feeds, root / "output", today)[0] == 0
    return root / "output"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("oversight"), TODAY)


def everything(site: Path) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file())


def text_of(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_task_page_lists_each_subject_with_result_rectification_and_deadline(site: Path) -> None:
    html = (site / TASK_PAGE).read_text("utf-8")
    for text in ("2026年食品经营者双随机抽查", "食品经营许可情况", "江临市鲜果坊食品有限公司", "江临市清源水务有限公司",
                 "发现问题已责令改正", "完善进货查验记录", "2026-12-10", "未发现开展本次抽查涉及的经营活动"):
        assert text in html, text
    assert "本任务的检查对象及检查结果（共 4 户）" in html
    # a subject with a code links to its company page
    assert f'href="/companies/{fix_uscc(INSPECTION_ONLY_USCC)}/"' in html


def test_listings_by_authority_year_and_result(site: Path) -> None:
    for facet, value in (("authority", AGENCY_A), ("year", "2026"), ("result", "发现问题已责令改正")):
        html = (site / urls.file_of(urls.inspections_by(facet, urls.slug(value)))).read_text("utf-8")
        assert "江临市鲜果坊食品有限公司" in html, facet
    by_result = (site / urls.file_of(urls.inspections_by("result", urls.slug("未发现问题")))).read_text("utf-8")
    assert "清源水务" in by_result and "鲜果坊" not in by_result
    index = (site / "inspections/index.html").read_text("utf-8")
    assert "按检查结果浏览" in index and 'href="/inspections/result/' in index


def test_natural_person_and_sole_trader_are_masked_everywhere(site: Path) -> None:
    html = text_of((site / TASK_PAGE).read_text("utf-8"))
    assert "陈某某" in html and "李某某" in html
    assert "李某某应于期限内办理健康证明" in html  # the name in 整改要求 is masked the same way
    text = everything(site)  # pages, CSV downloads, Atom feeds, lookup shards, reports
    for secret in ("陈大文", "李四", "13912345670", "13800001111"):
        assert secret not in text, secret
    rows = list(csv.DictReader(io.StringIO((site / "downloads/inspections.csv").read_text("utf-8-sig"))))
    assert {r["检查对象名称"] for r in rows} >= {"陈某某", "李某某"}
    feed = (site / "inspections/feed.xml").read_text("utf-8")
    assert "陈某某" in feed and "陈大文" not in feed


def test_rectification_text_is_scrubbed(site: Path) -> None:
    html = (site / TASK_PAGE).read_text("utf-8")
    assert "整改情况报联系人（手机〔手机号码已隐去〕）" in html
    unit = (site / UNIT_A_PAGE).read_text("utf-8")
    assert "承办人联系电话〔手机号码已隐去〕写入卷宗封面" in unit


def test_scheduled_records_are_invisible_everywhere(site: Path) -> None:
    text = everything(site)
    for hidden in ("JL-SJ-2026-002", "未来化工", "2026年度行政执法考核"):
        assert hidden not in text, hidden
    assert not (site / "inspections/task/JL-SJ-2026-002").exists()


def test_company_page_joins_penalties_and_inspections(site: Path) -> None:
    html = (site / f"companies/{fix_uscc(COMPANY_USCC)}/index.html").read_text("utf-8")
    assert 'href="#penalties">行政处罚（2）' in html and 'href="#inspections">抽查检查（1）' in html
    assert 'id="penalties"' in html and 'id="inspections"' in html
    assert "江临市监罚〔2026〕101号" in html and "2026年食品经营者双随机抽查" in html
    assert "发现问题已责令改正" in html and "2026-12-10" in html


def test_company_with_only_inspection_results_has_a_page_and_is_found(site: Path) -> None:
    from gongshi.pages.lookup import fnv1a32

    uscc = fix_uscc(INSPECTION_ONLY_USCC)
    html = (site / f"companies/{uscc}/index.html").read_text("utf-8")
    assert "<h1>江临市清源水务有限公司</h1>" in html
    assert "目前没有公示中的行政处罚决定。" in html and "未发现问题" in html
    shards = json.loads((site / "companies/lookup/meta.json").read_text())["shards"]
    for key in (uscc, "江临市清源水务有限公司"):
        shard = json.loads((site / f"companies/lookup/{fnv1a32(key) % shards}.json").read_text())
        assert shard["keys"][key] == uscc
    # a sole trader's masked name is no lookup key (李某某 names no one business); its code is
    sole = fix_uscc(SOLE_TRADER_USCC)
    shard = json.loads((site / f"companies/lookup/{fnv1a32(sole) % shards}.json").read_text())
    assert shard["keys"][sole] == sole
    assert "李某某" not in (site / "companies/lookup").joinpath("0.json").read_text("utf-8")


def test_supervision_section_shows_each_kind_grades_scores_and_charts(site: Path) -> None:
    html = (site / "supervision/index.html").read_text("utf-8")
    for text in ("案卷评查", "专项监督", "执法考核", "整改进度", "各单位历次等次"):
        assert text in html, text
    assert html.count("<svg") >= 3  # progress, 案卷评查 scores, 执法考核 scores: drawn at build time
    assert "<script" not in html.split("</head>")[1].split("</main>")[0]  # (the head holds JSON-LD data only)
    review = (site / "supervision/case-review/index.html").read_text("utf-8")
    for text in ("2026年度行政处罚案卷评查", "30 件", "良好 / 86.5 分", "补齐送达回证"):
        assert text in review, text


def test_unit_page_shows_history_across_periods(site: Path) -> None:
    html = (site / UNIT_A_PAGE).read_text("utf-8")
    cards = html.split("</figure>")[1]  # after the chart (which reads oldest first)
    assert cards.index("2026年度行政处罚案卷评查") < cards.index("2025年度行政处罚案卷评查")  # newest first
    assert "78 分" in html and "86.5 分" in html and "已整改" in html
    assert "<svg" in html  # 历次得分 chart


def test_overdue_rectification_from_the_day_after_the_deadline(tmp_path: Path) -> None:
    """整改期限 2026-11-20 is the last day: 整改中 that day, 逾期 from 2026-11-21, and 2026-11-21
    is in rebuild.json as a day on which the site changes."""
    before = build(tmp_path / "before", "2026-11-20")
    after = build(tmp_path / "after", "2026-11-21")
    html_before = (before / UNIT_A_PAGE).read_text("utf-8")
    html_after = (after / UNIT_A_PAGE).read_text("utf-8")
    assert "逾期（整改中，已过整改期限）" not in html_before and ">整改中</span>" in html_before
    assert "逾期（整改中，已过整改期限）" in html_after and ">整改中</span>" not in html_after
    assert "逾期未整改" in html_after or "逾期未整改" in (after / "supervision/index.html").read_text("utf-8")
    plan = json.loads((before / "rebuild.json").read_text("utf-8"))
    assert plan["next_rebuild"] == "2026-11-21T00:00:00+08:00"
    assert {"dataset": "supervision", "key": f"案卷评查/2026年度行政处罚案卷评查/{AGENCY_A}",
            "what": "整改期限届满，仍为整改中的事项显示为逾期", "when": "2026-11-21T00:00:00+08:00"} in plan["reasons"]
    rows = list(csv.DictReader(io.StringIO((after / "downloads/supervision.csv").read_text("utf-8-sig"))))
    assert {r["整改状态（按生成日期）"] for r in rows if r["项目名称"] == "2026年度行政处罚案卷评查"} == {
        "逾期（整改中，已过整改期限）"}


def test_scheduled_records_appearance_date_is_in_the_rebuild_plan(tmp_path: Path) -> None:
    site = build(tmp_path, "2026-11-28")  # after the scheduled penalty (11-27), before the inspection (12-01)
    plan = json.loads((site / "rebuild.json").read_text("utf-8"))
    assert plan["next_rebuild"] == "2026-12-01T00:00:00+08:00"
    assert [r["dataset"] for r in plan["reasons"]] == ["inspections"]
    assert plan["reasons"][0]["key"] == ""  # a scheduled record is named nowhere, rebuild.json included
    appeared = build(tmp_path / "later", "2026-12-01")
    assert (appeared / "inspections/task/JL-SJ-2026-002/index.html").is_file()


def test_atom_feeds_and_csv_downloads_of_both_datasets(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for path, count in (("inspections/feed.xml", 4), ("supervision/feed.xml", 4)):
        root = ET.fromstring((site / path).read_bytes())
        entries = root.findall(f"{atom}entry")
        assert len(entries) == count, path
        assert all(e.find(f"{atom}link").get("href").startswith("https://zfgs.example.gov.cn/") for e in entries)
    for path in ("inspections/feed.xml", "supervision/feed.xml"):
        ids = [e.find(f"{atom}id").text for e in ET.fromstring((site / path).read_bytes()).findall(f"{atom}entry")]
        assert len(set(ids)) == len(ids), path  # each result / outcome has its own id (its page + fragment)
    rows = list(csv.DictReader(io.StringIO((site / "downloads/supervision.csv").read_text("utf-8-sig"))))
    assert len(rows) == 4 and {r["类型"] for r in rows} == {"案卷评查", "专项监督", "执法考核"}


def test_csv_download_neutralises_formulas(tmp_path: Path) -> None:
    rows = inspections()
    rows[1] = rows[1] | {"整改要求": "=HYPERLINK(\"http://evil\")"}
    feeds = write_feeds(tmp_path / "feeds", inspection_rows=rows, supervision_rows=supervision())
    assert build_site(feeds, tmp_path / "out", TODAY)[0] == 0
    text = (tmp_path / "out/downloads/inspections.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_timeliness_report_includes_both_datasets(site: Path) -> None:
    report = json.loads((site / "reports/timeliness.json").read_text("utf-8"))
    rules = {r["rule"] for r in report["records"]}
    assert {"双随机抽查结果", "案卷评查结果", "专项监督结果", "执法考核结果"} <= rules
    inspection_keys = [r["key"] for r in report["records"] if r["dataset"] == "inspections"]
    assert len(inspection_keys) == 4 and len(set(inspection_keys)) == 4  # one per published subject
    assert f"{TASK_A}/陈某某" in inspection_keys  # keyed by the public (masked) name
    review = next(r for r in report["records"] if r["key"] == f"案卷评查/2026年度行政处罚案卷评查/{AGENCY_A}")
    # completed 2026-10-15 (Thu), 15 working days -> 2026-11-05; published 10-30: on time
    assert review["due_by"] == "2026-11-05" and review["on_time"]
    assert all("2026年度行政执法考核" not in r["key"] for r in report["records"])  # scheduled: not measured
    page = (site / "timeliness/index.html").read_text("utf-8")
    assert "双随机抽查结果" in page and "监督考核结果" in page


def test_home_page_counts_and_navigation(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    assert "<strong>4</strong> 户次双随机抽查结果" in html and "1 个抽查任务" in html
    assert "<strong>4</strong> 项监督考核结果" in html
    assert 'href="/inspections/">抽查检查' in html and 'href="/supervision/">执法监督' in html


def test_data_dictionary_documents_the_new_datasets_and_the_or_key(site: Path) -> None:
    html = (site / "data-dictionary/index.html").read_text("utf-8")
    assert 'id="inspections"' in html and 'id="supervision"' in html
    assert "任务编号、统一社会信用代码（无则）检查对象名称" in html


def test_agency_page_links_to_what_it_published_and_how_it_was_assessed(site: Path) -> None:
    import re

    from tests.feedkit import AGENCY_A_USCC, AGENCY_B, AGENCY_B_USCC

    def disclosures(uscc17: str) -> dict[str, str]:
        html = (site / urls.file_of(urls.agency(fix_uscc(uscc17)))).read_text("utf-8")
        section = html.split('id="disclosures"', 1)[1].split("</section>", 1)[0] if 'id="disclosures"' in html else ""
        return {text: href for href, text in re.findall(r'<a href="/([^"]+)">([^<]+)</a>', section)}

    a = disclosures(AGENCY_A_USCC[:17])
    # agency A: decisions 101, 104 and 106 in their window (102 scheduled, 103 withdrawn,
    # 〔2025〕9 ended, 105 withheld); one public task; two published 案卷评查 (the 执法考核 is scheduled)
    assert set(a) == {"3 件行政处罚决定公示中", "1 个双随机抽查任务结果", "2 项执法监督考核结果"}
    assert a["1 个双随机抽查任务结果"] == urls.inspections_by("authority", urls.slug(AGENCY_A))
    b = disclosures(AGENCY_B_USCC[:17])
    assert set(b) == {"2 项执法监督考核结果"}  # its only spot-check task is still scheduled
    assert b["2 项执法监督考核结果"] == urls.supervision_unit(AGENCY_B)
    for href in [*a.values(), *b.values()]:
        assert (site / urls.file_of(href)).is_file(), href
