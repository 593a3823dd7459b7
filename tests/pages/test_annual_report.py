"""The 行政执法统计年报 generated from the feeds: its figures on the page and in the downloads,
no party detail in any of its files, and the day each year's report appears."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.feedkit import (
    AGENCY_A,
    AGENCY_B,
    COMPANY_USCC,
    INSPECTION_ONLY_USCC,
    SOLE_TRADER_USCC,
    csv_bytes,
    fix_uscc,
    write_feeds,
)
from tests.sitekit import build_site

PERSON_ID = "11010519491231002X"
MINOR_ID = "339901201201010018"
SOLE_TRADER = fix_uscc(SOLE_TRADER_USCC)


def decisions() -> list[dict[str, str]]:
    """2025: an ended one, a 重大 one, a withdrawn one, a natural person's, a sole trader's and a
    minor's (withheld); 2026: two."""
    base = {"当事人类别": "法人及非法人组织", "统一社会信用代码": fix_uscc(COMPANY_USCC), "当事人名称": "江临市鲜果坊食品有限公司",
            "法定代表人": "王建国", "违法行为类型": "销售过期食品", "违法事实": "该公司销售超过保质期的食品。",
            "处罚依据": "《中华人民共和国食品安全法》第一百二十四条", "处罚类别": "警告；罚款",
            "处罚内容": "警告，罚款人民币5000元", "罚款金额（万元）": "0.5", "处罚机关": AGENCY_A, "状态": "正常"}
    person = {"当事人类别": "自然人", "统一社会信用代码": "", "法定代表人": "", "当事人证件类型": "身份证"}
    return [
        # general window of a year: ended on 2026-03-09, still counted
        base | {"决定书文号": "江临市监罚〔2025〕1号", "处罚决定日期": "2025-03-10", "公示日期": "2025-03-12"},
        base | {"决定书文号": "江临市监罚〔2025〕2号", "处罚决定日期": "2025-06-10", "公示日期": "2025-06-12",
                "处罚类别": "罚款；吊销许可证件", "罚款金额（万元）": "60",
                "没收违法所得、没收非法财物的金额（万元）": "1.25", "处罚内容": "罚款人民币60万元，吊销食品经营许可证",
                "法律适用说明": "情节严重，适用从重处罚阶次。"},
        base | {"决定书文号": "江临市环罚〔2025〕3号", "处罚机关": AGENCY_B, "处罚决定日期": "2025-08-01",
                "公示日期": "2025-08-05", "处罚类别": "罚款", "罚款金额（万元）": "2", "状态": "撤回",
                "撤回日期": "2025-09-01", "撤回原因": "经行政复议，原处罚决定被撤销"},
        base | person | {"决定书文号": "江临市环罚〔2025〕4号", "处罚机关": AGENCY_B, "当事人名称": "张三",
                         "当事人证件号码": PERSON_ID, "处罚决定日期": "2025-11-05", "公示日期": "2025-11-07",
                         "处罚类别": "罚款", "罚款金额（万元）": "0.2", "当事人住址": "江临市临江区幸福路1号",
                         "违法事实": f"张三（身份证号 {PERSON_ID}）无证排放污水。"},
        base | {"决定书文号": "江临市监罚〔2025〕5号", "当事人类别": "个体工商户", "当事人名称": "李四",
                "统一社会信用代码": SOLE_TRADER, "法定代表人": "李四", "处罚决定日期": "2025-12-20",
                "公示日期": "2025-12-22", "处罚类别": "罚款", "罚款金额（万元）": "0.1"},
        base | person | {"决定书文号": "江临市监罚〔2025〕6号", "当事人名称": "王小明", "当事人证件号码": MINOR_ID,
                         "当事人是否未成年人": "是", "处罚决定日期": "2025-04-01", "公示日期": "2025-04-03",
                         "罚款金额（万元）": "0.05"},
        base | {"决定书文号": "江临市监罚〔2026〕7号", "处罚决定日期": "2026-10-20", "公示日期": "2026-10-23"},
        base | {"决定书文号": "江临市环罚〔2026〕8号", "处罚机关": AGENCY_B, "处罚决定日期": "2026-05-10",
                "公示日期": "2026-05-12", "处罚类别": "没收违法所得；罚款", "罚款金额（万元）": "1",
                "没收违法所得、没收非法财物的金额（万元）": "0.3"},
    ]


def checks() -> list[dict[str, str]]:
    task = {"任务编号": "JL-SJ-2025-001", "任务名称": "2025年食品经营者双随机抽查", "抽查事项": "食品经营许可情况",
            "检查机关": AGENCY_A, "检查完成日期": "2025-10-10", "公示日期": "2025-10-20"}
    return [
        task | {"检查对象名称": "江临市鲜果坊食品有限公司", "统一社会信用代码": fix_uscc(COMPANY_USCC), "检查结果": "未发现问题"},
        task | {"检查对象名称": "陈大文", "检查对象类别": "自然人", "检查结果": "发现问题已责令改正"},
        {"任务编号": "JL-SJ-2026-001", "任务名称": "2026年排污单位双随机抽查", "抽查事项": "排污许可执行情况",
         "检查对象名称": "江临市未来化工有限公司", "检查机关": AGENCY_B, "检查完成日期": "2026-04-10",
         "检查结果": "未发现问题", "公示日期": "2026-04-20"},
    ]


def outcomes() -> list[dict[str, str]]:
    return [{"类型": "案卷评查", "项目名称": "2025年度行政处罚案卷评查", "被评查单位": AGENCY_A, "完成日期": "2025-10-20",
             "评查案卷数": "25", "等次": "合格", "得分": "78", "整改状态": "已整改", "公示日期": "2025-11-05"}]


def licences() -> list[dict[str, str]]:
    return [{"行政许可决定文书号": "江临市监许〔2025〕1号", "行政相对人名称": "江临市清源水务有限公司",
             "行政相对人类别": "法人及非法人组织", "统一社会信用代码": fix_uscc(INSPECTION_ONLY_USCC),
             "许可内容": "食品经营许可", "许可决定日期": "2025-05-06", "许可机关": AGENCY_A, "公示日期": "2025-05-08"}]


def coercive() -> list[dict[str, str]]:
    return [{"文书号": "江临市环强〔2025〕1号", "当事人名称": "江临市未来化工有限公司", "当事人类别": "法人及非法人组织",
             "强制措施类型": "查封场所、设施或者财物", "启动依据": "《中华人民共和国环境保护法》第二十五条",
             "期限起": "2025-07-01", "期限止": "2025-07-30", "解除日期": "2025-07-30", "实施机关": AGENCY_B,
             "决定日期": "2025-07-01", "公示日期": "2025-07-03"}]


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_feeds(tmp_path_factory.mktemp("feeds") / "data_feeds", penalty_rows=decisions(),
                         inspection_rows=checks(), supervision_rows=outcomes())
    (folder / "licences.csv").write_bytes(csv_bytes(licences()))
    (folder / "coercive.csv").write_bytes(csv_bytes(coercive()))
    return folder


def built_on(day: str, feeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp(f"built-{day}") / "output"
    code, _ = build_site(feeds, output, day)
    assert code == 0
    return output


@pytest.fixture(scope="module")
def year_end(feeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_on("2026-12-31", feeds, tmp_path_factory)


@pytest.fixture(scope="module")
def new_year(feeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_on("2027-01-01", feeds, tmp_path_factory)


def page_tables(html: str) -> dict[str, dict[str, list[str]]]:
    """caption -> row name -> its cells, as the page shows them."""
    tables = {}
    for caption, body in re.findall(r"<caption>(.*?)</caption>.*?<tbody>(.*?)</tbody>", html, re.S):
        rows = re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', body, re.S)
        tables[caption] = {name: re.findall(r'<td[^>]*>(.*?)</td>', cells) for name, cells in rows}
    return tables


def csv_figures(data: bytes) -> dict[tuple[str, str, str], str]:
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return {(r["统计表"], r["执法主体或类别"], r["统计项"]): r["数值"] for r in rows}


def test_the_2025_report_counts_what_was_decided_in_2025(year_end: Path) -> None:
    html = (year_end / "reports/2025/statistics/index.html").read_text("utf-8")
    assert "<h1>江临市2025年度行政执法统计年报</h1>" in html
    assert 'datetime="2026-01-01"' in html and 'datetime="2026-12-31"' in html  # published, generated on
    tables = page_tables(html)
    assert tables["执法主体（按主体类别）"] == {"法定行政机关": ["2"], "法律法规授权组织": ["0"], "受委托组织": ["0"], "合计": ["2"]}
    # 王建国 and 李秀英 (valid until 2026-06-15); 赵敏's card was revoked on 2025-09-01
    assert tables["执法人员（2025年12月31日持有效执法证件）"] == {AGENCY_A: ["2"], AGENCY_B: ["0"], "合计": ["2"]}
    # the withdrawn one and the minor's are not counted; the ended one is
    assert tables["行政处罚决定"] == {AGENCY_A: ["3", "1", "60.6", "1.25"], AGENCY_B: ["1", "0", "0.2", "0"],
                                  "合计": ["4", "1", "60.8", "1.25"]}
    assert "<th scope=\"col\" class=\"num\">吊销许可证件</th>" in html
    assert tables["行政处罚决定（按处罚类别）"] == {AGENCY_A: ["1", "3", "1"], AGENCY_B: ["0", "1", "0"],
                                          "合计": ["1", "4", "1"]}  # 警告, 罚款, 吊销许可证件
    assert tables["行政许可决定"] == {AGENCY_A: ["1"], AGENCY_B: ["0"], "合计": ["1"]}
    assert tables["行政强制措施"] == {AGENCY_A: ["0"], AGENCY_B: ["1"], "合计": ["1"]}
    assert tables["双随机抽查"] == {AGENCY_A: ["1", "2", "1", "1"], AGENCY_B: ["0", "0", "0", "0"],
                                "合计": ["1", "2", "1", "1"]}
    assert tables["执法监督"][AGENCY_A] == ["1", "25", "0", "0", "1"]
    assert 'data-label="罚款金额（万元）"' in html  # the cells reflow on a phone with their labels
    assert "已撤回的决定不计入" in html and "未成年人" in html
    assert 'href="/downloads/reports/statistics-2025.csv"' in html


def test_the_downloads_hold_the_same_figures(year_end: Path) -> None:
    figures = csv_figures((year_end / "downloads/reports/statistics-2025.csv").read_bytes())
    assert figures[("行政处罚决定", "合计", "决定件数")] == "4"
    assert figures[("行政处罚决定", "合计", "罚款金额（万元）")] == "60.8"
    assert figures[("行政处罚决定", AGENCY_A, "其中重大行政处罚")] == "1"
    assert figures[("行政处罚决定", "合计", "没收违法所得、没收非法财物金额（万元）")] == "1.25"
    assert figures[("执法人员（2025年12月31日持有效执法证件）", "合计", "人数")] == "2"
    assert figures[("双随机抽查", "合计", "检查对象数")] == "2"
    document = json.loads((year_end / "downloads/reports/statistics-2025.json").read_text("utf-8"))
    assert document["year"] == 2025 and document["published_on"] == "2026-01-01"
    assert {(f["table"], f["row"], f["measure"]): f["value"] for f in document["figures"]} == figures


def test_no_party_detail_in_any_report_file(year_end: Path, new_year: Path) -> None:
    files = [*new_year.glob("reports/*/statistics/index.html"), *new_year.glob("downloads/reports/statistics-*"),
             *year_end.glob("reports/*/statistics/index.html"), *year_end.glob("downloads/reports/statistics-*")]
    assert len(files) == 3 + 3 + 3 + 3 - 3  # 2025 and 2026 on 1 January, 2025 only the day before
    for file in files:
        text = file.read_text("utf-8")
        for detail in ("张三", "张某某", "王小明", "王某某", "李四", "李某某", "陈大文", "鲜果坊", "幸福路",
                       PERSON_ID, MINOR_ID, SOLE_TRADER, fix_uscc(COMPANY_USCC), "〔2025〕"):
            assert detail not in text, (file, detail)


def test_a_year_s_report_appears_on_1_january(year_end: Path, new_year: Path) -> None:
    assert not (year_end / "reports/2026").exists()
    assert not (year_end / "downloads/reports/statistics-2026.csv").exists()
    rebuild = json.loads((year_end / "rebuild.json").read_text("utf-8"))
    assert rebuild["next_rebuild"] == "2027-01-01T00:00:00+08:00"
    assert {"dataset": "statistics", "key": "2026", "what": "2026年度行政执法统计年报生成",
            "when": "2027-01-01T00:00:00+08:00"} in rebuild["reasons"]
    tables = page_tables((new_year / "reports/2026/statistics/index.html").read_text("utf-8"))
    assert tables["行政处罚决定"]["合计"] == ["2", "0", "1.5", "0.3"]
    assert tables["执法人员（2026年12月31日持有效执法证件）"] == {AGENCY_A: ["1"], AGENCY_B: ["0"], "合计": ["1"]}
    # the 2025 report has not changed its figures with the year
    assert page_tables((new_year / "reports/2025/statistics/index.html").read_text("utf-8"))["行政处罚决定"]["合计"] \
        == ["4", "1", "60.8", "1.25"]


def test_the_reports_index_lists_generated_and_written_reports_newest_first(new_year: Path) -> None:
    index = (new_year / "reports/index.html").read_text("utf-8")
    links = re.findall(r'<li><a href="(/reports/[^"]*)">', index)
    assert links == ["/reports/2026/statistics/", "/reports/2025/", "/reports/2025/statistics/"]
    assert "江临市2026年度行政执法统计年报" in index
    narrative = (new_year / "reports/2025/index.html").read_text("utf-8")
    assert 'href="statistics/"' in narrative


def test_the_timeliness_report_shows_last_year_s_report_on_time(new_year: Path) -> None:
    page = (new_year / "timeliness/index.html").read_text("utf-8")
    assert '<a href="/reports/2026/statistics/">2026年度行政执法统计年报</a>' in page and "按时公开" in page
    report = json.loads((new_year / "reports/timeliness.json").read_text("utf-8"))
    assert report["annual_reports"] == [{"duty": "2026年度行政执法统计年报", "year": 2026, "due_by": "2027-01-31",
                                         "published_on": "2027-01-01", "on_time": True}]
