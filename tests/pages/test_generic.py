"""A dataset published from its schema alone: a region's 行政征收 described by a schema file under
the feeds folder builds into pages, listings, downloads, a feed and search entries — no code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gongshi.search import staff
from tests.feedkit import AGENCY_A, AGENCY_A_USCC, COMPANY_USCC, csv_bytes, fix_uscc, penalties, write_feeds
from tests.search.test_stage import cache_of, static_search
from tests.sitekit import SAMPLE_FEEDS, build_site, tree

TODAY = "2026-11-23"
AGENCY_A_CODE = fix_uscc(AGENCY_A_USCC[:17])

LEVY_SCHEMA = {
    "name": "levies",
    "title": "行政征收",
    "description": "依法征收的税费以外的行政事业性收费、土地及房屋征收决定。",
    "primaryKey": ["levy_no"],
    "titleField": "levy_no",
    "feedDate": "decided_on",
    "companyFields": ["payer_uscc", "payer"],
    "agencyField": "authority",
    "fields": [
        {"name": "levy_no", "title": "征收决定书文号", "type": "string", "constraints": {"required": True, "unique": True},
         "privacy": "public"},
        {"name": "payer", "title": "被征收人", "type": "string", "privacy": "party"},
        {"name": "payer_type", "title": "被征收人类别", "type": "string", "privacy": "public",
         "constraints": {"enum": ["法人及非法人组织", "自然人", "个体工商户"]}},
        {"name": "payer_uscc", "title": "统一社会信用代码", "type": "string", "code": True, "privacy": "public"},
        {"name": "payer_id", "title": "证件号码", "type": "string", "privacy": "never"},
        {"name": "kind", "title": "征收类别", "type": "string", "privacy": "public", "facet": True},
        {"name": "amount", "title": "征收金额（元）", "type": "number", "privacy": "public"},
        {"name": "notes", "title": "征收说明", "type": "string"},  # (no privacy class: scrubbed, with a warning)
        {"name": "authority", "title": "征收机关", "type": "string", "privacy": "public"},
        {"name": "decided_on", "title": "决定日期", "type": "date", "privacy": "public", "facet": True},
        {"name": "published_on", "title": "公示日期", "type": "date", "privacy": "public"},
    ],
    "partyTypeField": "payer_type",
}


def levy_rows() -> list[dict[str, str]]:
    company = fix_uscc(COMPANY_USCC)
    base = {"被征收人类别": "法人及非法人组织", "被征收人": "江临市鲜果坊食品有限公司", "统一社会信用代码": company,
            "征收类别": "国有土地上房屋征收", "征收金额（元）": "126000", "征收机关": AGENCY_A,
            "决定日期": "2026-09-01", "公示日期": "2026-09-03", "征收说明": "依据征收补偿方案实施"}
    return [
        base | {"征收决定书文号": "江临征〔2026〕1号"},
        base | {"征收决定书文号": "江临征〔2026〕2号", "被征收人类别": "自然人", "被征收人": "赵国强", "统一社会信用代码": "",
                "证件号码": "330782197811023515", "征收类别": "集体土地征收",
                "征收说明": "被征收人赵国强（电话13905791234）已签订补偿协议", "决定日期": "2026-10-10", "公示日期": "2026-10-12"},
        base | {"征收决定书文号": "江临征〔2026〕3号", "决定日期": "2026-11-20", "公示日期": "2026-12-01"},  # scheduled
    ]


def levy_feeds(folder: Path) -> Path:
    feeds = write_feeds(folder, penalty_rows=penalties())
    (feeds / "schemas").mkdir()
    (feeds / "schemas" / "levies.json").write_text(json.dumps(LEVY_SCHEMA, ensure_ascii=False), encoding="utf-8")
    (feeds / "levies.csv").write_bytes(csv_bytes(levy_rows()))
    return feeds


@pytest.fixture(scope="module")
def levy_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("levies")
    output = base / "output"
    code, _ = build_site(levy_feeds(base / "feeds"), output, TODAY)
    assert code == 0
    return output


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_each_published_record_has_a_page_with_every_published_field(levy_site: Path) -> None:
    page = page_text(levy_site / "levies" / "江临征-2026-1号" / "index.html")
    for label, value in [("征收决定书文号", "江临征〔2026〕1号"), ("被征收人", "江临市鲜果坊食品有限公司"),
                         ("征收类别", "国有土地上房屋征收"), ("征收金额（元）", "126000"), ("决定日期", "2026-09-01")]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page
    assert "证件号码" not in page  # a never-column is not even labelled
    assert f'href="/agencies/{AGENCY_A_CODE}/"' in page
    assert f'href="/companies/{fix_uscc(COMPANY_USCC)}/"' in page


def test_a_natural_person_is_masked_and_the_never_column_reaches_no_file(levy_site: Path) -> None:
    page = page_text(levy_site / "levies" / "江临征-2026-2号" / "index.html")
    assert "<dd>赵某某</dd>" in page
    files = tree(levy_site)
    for secret in ("赵国强", "13905791234", "330782197811023515"):
        assert not [name for name, data in files.items() if secret.encode() in data], secret


def test_a_scheduled_record_is_not_published_before_its_day(levy_site: Path) -> None:
    assert not (levy_site / "levies" / "江临征-2026-3号").exists()
    listing = page_text(levy_site / "levies" / "index.html")
    assert "共 2 条公示中的记录" in listing and "江临征〔2026〕3号" not in listing


def test_the_listing_its_facets_the_menu_and_the_home_page(levy_site: Path) -> None:
    listing = page_text(levy_site / "levies" / "index.html")
    assert listing.index("江临征〔2026〕2号") < listing.index("江临征〔2026〕1号")  # newest first
    assert "按征收类别浏览" in listing and "按年度浏览" in listing and "按征收机关浏览" in listing
    facet = levy_site / "levies" / "by-kind" / "集体土地征收" / "index.html"
    assert "江临征〔2026〕2号" in page_text(facet) and "江临征〔2026〕1号" not in page_text(facet)
    assert (levy_site / "levies" / "by-decided_on" / "2026" / "index.html").exists()
    for page in ("index.html", "penalties/index.html", "about/index.html", "search/index.html"):
        assert '<a href="/levies/">行政征收</a>' in page_text(levy_site / page), page
    assert "<strong>2</strong> 条行政征收" in page_text(levy_site / "index.html")


def test_company_and_agency_pages_gain_a_section(levy_site: Path) -> None:
    company = page_text(levy_site / "companies" / fix_uscc(COMPANY_USCC) / "index.html")
    assert "行政征收（1 条公示中）" in company and "/levies/%E6%B1%9F%E4%B8%B4%E5%BE%81-2026-1%E5%8F%B7/" in company
    agency = page_text(levy_site / "agencies" / AGENCY_A_CODE / "index.html")
    assert "/levies/by-authority/" in agency and "条行政征收" in agency


def test_downloads_feed_search_and_data_dictionary(levy_site: Path) -> None:
    csv_text = (levy_site / "downloads" / "levies.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "征收决定书文号,被征收人,被征收人类别,统一社会信用代码,征收类别,征收金额（元）,征收说明,征收机关,决定日期,公示日期"
    assert len(csv_text.splitlines()) == 3 and "赵某某" in csv_text
    document = json.loads((levy_site / "downloads" / "levies.json").read_bytes())
    assert document["count"] == 2 and document["generated_on"] == TODAY
    assert [r["levy_no"] for r in document["records"]] == ["江临征〔2026〕2号", "江临征〔2026〕1号"]
    assert "payer_id" not in document["records"][0]
    feed = page_text(levy_site / "levies" / "feed.xml")
    assert feed.count("<entry>") == 2 and "行政征收：江临征〔2026〕2号" in feed
    meta = json.loads((levy_site / "search" / "meta.json").read_bytes())
    described = {d["name"]: d for d in meta["datasets"]}
    assert described["levies"]["label"] == "行政征收" and described["levies"]["fields"][0] == "征收决定书文号"
    assert "levies/江临征-2026-1号/" in static_search(levy_site, "鲜果坊")  # the site's own search
    assert static_search(levy_site, "集体土地征收") == ["levies/江临征-2026-2号/"]
    assert static_search(levy_site, "赵国强") == []  # a masked name cannot be found
    staff.sync(cache_of(levy_site))  # and staff's (gongshi search)
    assert [d.url for d in staff.search(cache_of(levy_site), "集体土地征收")] == ["levies/江临征-2026-2号/"]
    dictionary = page_text(levy_site / "data-dictionary" / "index.html")
    assert "行政征收" in dictionary and "征收决定书文号" in dictionary
    assert (levy_site / "downloads" / "templates" / "levies.xlsx").exists()


def test_the_sample_publishes_coercive_measures_from_their_schema(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build_site(SAMPLE_FEEDS, output, "2026-12-03")[0] == 0
    listing = page_text(output / "coercive" / "index.html")
    assert "行政强制措施" in listing and "共 5 条公示中的记录" in listing
    page = page_text(output / "coercive" / "江临市监强-2026-11号" / "index.html")
    assert "<dd>王某某</dd>" in page and "王建军" not in page
    assert (output / "downloads" / "coercive.csv").exists() and (output / "coercive" / "feed.xml").exists()
    # Its schema's deadline (20 working days from 决定日期) is measured on /timeliness/.
    report = json.loads((output / "reports" / "timeliness.json").read_bytes())
    assert [(r["dataset"], r["working_days"]) for r in report["rules"] if r["dataset"] == "coercive"] == [("coercive", 20)]
    assert len([r for r in report["records"] if r["dataset"] == "coercive"]) == 5
    assert "行政强制措施" in page_text(output / "timeliness" / "index.html")


def test_the_sample_publishes_every_schema_dataset(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build_site(SAMPLE_FEEDS, output, "2026-12-03")[0] == 0
    home = page_text(output / "index.html")
    for folder, label in [("licences", "行政许可"), ("coercive", "行政强制"), ("discretion", "裁量基准"),
                          ("inspection-plans", "检查计划"), ("check-items", "抽查事项")]:
        assert f'<a href="/{folder}/">{label}</a>' in home, folder
        assert (output / "downloads" / f"{folder.replace('-', '_')}.csv").exists()
    # A benchmark is keyed by 基准编号 and 裁量阶次: one page per tier.
    assert (output / "discretion" / "SJ-SP-001-从重处罚" / "index.html").exists()
    # A plan whose 公示日期 is in the future waits for it.
    assert not (output / "inspection-plans" / "JL-SJ-JH-2027").exists()
    licence = page_text(output / "licences" / "江临交许-2026-31号" / "index.html")
    assert "王建军" not in licence and "13905791234" not in licence and "<dd>王某某</dd>" in licence


def licence_feeds(folder: Path, valid_until: str) -> Path:
    feeds = write_feeds(folder)
    (feeds / "licences.csv").write_bytes(csv_bytes([{
        "XK_WSH": "江临市监许〔2026〕9号", "XK_XDR_MC": "江临市鲜果坊食品有限公司", "XK_XDR_LB": "法人及非法人组织",
        "XK_XDR_SHXYM": fix_uscc(COMPANY_USCC), "XK_XKLB": "普通", "XK_XKZS": "食品经营许可证", "XK_NR": "预包装食品销售",
        "XK_JDRQ": "2026-01-05", "XK_YXQZI": valid_until, "XK_XKJG": AGENCY_A, "公示日期": "2026-01-07"}]))
    return feeds


@pytest.mark.parametrize(("today", "expired"), [("2026-11-30", False), ("2026-12-01", True)])
def test_a_licence_shows_expired_from_the_day_after_its_last_valid_day(tmp_path: Path, today: str,
                                                                      expired: bool) -> None:
    output = tmp_path / "output"
    assert build_site(licence_feeds(tmp_path / "feeds", "2026-11-30"), output, today)[0] == 0  # (双公示 codes as headers)
    page = page_text(output / "licences" / "江临市监许-2026-9号" / "index.html")
    assert ("<strong>已过期</strong>：有效期至 2026-11-30" in page) is expired
    assert ("已过期" in page_text(output / "licences" / "index.html")) is expired
    plan = json.loads((output / "rebuild.json").read_bytes())
    if not expired:  # the build knows the day it must run again
        assert plan["next_rebuild"] == "2026-12-01T00:00:00+08:00"


def coercive_feeds(folder: Path, released_on: str) -> Path:
    feeds = write_feeds(folder)
    (feeds / "coercive.csv").write_bytes(csv_bytes([{
        "文书号": "江临市监强〔2026〕21号", "当事人名称": "江临市鲜果坊食品有限公司", "当事人类别": "法人及非法人组织",
        "统一社会信用代码": fix_uscc(COMPANY_USCC), "强制措施类型": "扣押财物", "启动依据": "《中华人民共和国食品安全法》第一百一十条",
        "标的物名称": "过期食品", "期限起": "2026-11-01", "期限止": "2026-11-30", "实施机关": AGENCY_A,
        "解除日期": released_on, "决定日期": "2026-11-01", "公示日期": "2026-11-03"}]))
    return feeds


@pytest.mark.parametrize(("today", "released_on", "flagged"), [
    ("2026-11-30", "", False), ("2026-12-01", "", True), ("2026-12-01", "2026-11-28", False)])
def test_a_measure_past_its_term_without_a_release_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                             caplog: pytest.LogCaptureFixture, today: str,
                                                             released_on: str, flagged: bool) -> None:
    output = tmp_path / "output"
    assert build_site(coercive_feeds(tmp_path / "feeds", released_on), output, today)[0] == 0
    page = page_text(output / "coercive" / "江临市监强-2026-21号" / "index.html")
    assert ("<strong>强制措施期限已届满，未见解除日期</strong>：期限至 2026-11-30" in page) is flagged
    assert ("期限届满未解除" in page_text(output / "timeliness" / "index.html")) is flagged
    report = json.loads((output / "reports" / "timeliness.json").read_bytes())
    assert [r["key"] for r in report["overdue"]] == (["江临市监强〔2026〕21号"] if flagged else [])
    warned = [m for m in caplog.messages if "coercive.csv" in m and "期限止" in m]
    assert bool(warned) is flagged


def test_staff_search_in_a_new_process_knows_the_schema_datasets(levy_site: Path) -> None:
    """`gongshi serve` and `gongshi search` run in processes that never built the index (a
    background stage did): the result types come from the build's cache."""
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from gongshi.search import staff; cache = Path(sys.argv[1]); "
              "staff.sync(cache); docs = staff.search(cache, '集体土地征收'); "
              "print([(d.url, staff.result(d)['type']) for d in docs])")
    done = subprocess.run([sys.executable, "-c", script, str(cache_of(levy_site))], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('levies/江临征-2026-2号/', '行政征收')]"


def test_realistic_exports_of_schema_datasets_publish_nothing_personal(tmp_path: Path) -> None:
    """行政许可 as an .xls with a title row and a two-row header (Chinese names over 双公示 codes),
    行政强制 as a GB18030 CSV whose free text names witnesses, an employee, a wife and numbers with
    odd separators: every row is published, nobody is."""
    import xlwt

    from gongshi.feeds.checkdigits import uscc_check_char

    feeds = write_feeds(tmp_path / "feeds")
    book = xlwt.Workbook()
    sheet = book.add_sheet("行政许可")
    sheet.write(0, 0, "江临市行政许可信息公示表（2026年11月）")
    header = [("行政许可决定文书号", "XK_WSH"), ("行政相对人名称", "XK_XDR_MC"), ("行政相对人类别", "XK_XDR_LB"),
              ("统一社会信用代码", "XK_XDR_SHXYM"), ("许可内容", "XK_NR"), ("许可决定日期", "XK_JDRQ"), ("许可机关", "XK_XKJG")]
    sole_trader = "92339900700123456" + uscc_check_char("92339900700123456")
    rows = [["江临市监许〔2026〕41号", "江临市鲜果坊食品有限公司", "法人及非法人组织", fix_uscc(COMPANY_USCC), "预包装食品销售",
             "2026-10-09", AGENCY_A],
            ["江临市监许〔2026〕42号", "张建华", "个体工商户", sole_trader,
             "经营者张建华（身份证 330782 19781102 3515，其妻李秀梅协助经营）", "2026-10-10", AGENCY_A]]
    for column, (chinese, code) in enumerate(header):
        sheet.write(1, column, chinese)
        sheet.write(2, column, code)
    for r, row in enumerate(rows, 3):
        for column, value in enumerate(row):
            sheet.write(r, column, value)
    book.save(str(feeds / "licences.xls"))
    (feeds / "coercive.csv").write_bytes((
        "文书号,当事人名称,当事人类别,统一社会信用代码,强制措施类型,启动依据,标的物名称,期限起,期限止,实施机关,决定日期\r\n"
        f"江临市监强〔2026〕31号,江临市鲜果坊食品有限公司,法人及非法人组织,{fix_uscc(COMPANY_USCC)},扣押财物,"
        "《中华人民共和国食品安全法》第一百一十条,\"过期冷冻肉制品，现场证人刘德海（手机 139-0579-1234）及员工陈小燕在场\","
        f"2026-11-01,2026-11-20,{AGENCY_A},2026-11-01\r\n").encode("gb18030"))
    output = tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    licence = page_text(output / "licences" / "江临市监许-2026-42号" / "index.html")
    assert "<dd>张某某</dd>" in licence and "其妻李某某" in licence and "〔身份证号已隐去〕" in licence
    measure = page_text(output / "coercive" / "江临市监强-2026-31号" / "index.html")
    assert "证人刘某某（手机 〔手机号码已隐去〕）及员工陈某某" in measure
    assert (output / "licences" / "江临市监许-2026-41号" / "index.html").exists()
    for secret in ("张建华", "李秀梅", "刘德海", "陈小燕", "0579-1234", "19781102"):
        assert not [name for name, data in tree(output).items() if secret.encode() in data], secret


def test_a_licence_state_exported_as_its_code_reads_as_its_word(tmp_path: Path) -> None:
    # The 双公示 template's XK_ZT is 1 (有效) or 2 (无效): a licence exported that way publishes the word.
    feeds = licence_feeds(tmp_path / "feeds", "2027-12-31")
    rows = [dict(r) for r in csv.DictReader(io.StringIO((feeds / "licences.csv").read_text("utf-8-sig")))]
    rows = [rows[0] | {"XK_ZT": "1"}, rows[0] | {"XK_WSH": "江临市监许〔2026〕10号", "XK_ZT": "2"}]
    (feeds / "licences.csv").write_bytes(csv_bytes(rows))
    output = tmp_path / "output"
    assert build_site(feeds, output, "2026-11-30")[0] == 0
    assert "<dd>有效</dd>" in page_text(output / "licences" / "江临市监许-2026-9号" / "index.html")
    assert "<dd>无效</dd>" in page_text(output / "licences" / "江临市监许-2026-10号" / "index.html")


def test_restricting_personal_freedom_always_shows_why_it_was_necessary(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    # 限制公民人身自由 without its 必要性说明 is refused (naming the row); with it, the page shows it
    # and the person masked.
    row = {"文书号": "江临公强〔2026〕3号", "当事人名称": "张建华", "当事人类别": "自然人", "强制措施类型": "限制公民人身自由",
           "启动依据": "《中华人民共和国行政强制法》第十八条", "期限起": "2026-11-01", "期限止": "2026-11-02",
           "实施机关": AGENCY_A, "决定日期": "2026-11-01", "公示日期": "2026-11-03"}
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "coercive.csv").write_bytes(csv_bytes([row]))
    assert build_site(feeds, tmp_path / "refused", "2026-11-30")[0] == 1
    assert "必要性说明" in capsys.readouterr().err
    (feeds / "coercive.csv").write_bytes(csv_bytes([row | {"必要性说明": "当事人张建华拒不配合现场检查并试图转移证据。"}]))
    output = tmp_path / "output"
    assert build_site(feeds, output, "2026-11-30")[0] == 0
    page = page_text(output / "coercive" / "江临公强-2026-3号" / "index.html")
    assert "必要性说明" in page and "拒不配合现场检查" in page and "张建华" not in page
