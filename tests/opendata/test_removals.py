"""Removals as data: the decisions that have left publication (撤回, 公示期满, 信用修复) as JSON,
CSV and Atom, with the day each left, and nothing about the party."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from tests.feedkit import COMPANY_USCC, fix_uscc, penalties, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"
NEXT_DAY = "2026-11-24"
BASE = "https://zfgs.example.gov.cn/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
FILES = ("downloads/removals.json", "downloads/removals.csv", "feeds/removals.atom")
PERSON = "孟凡星"  # a natural person's decision that was withdrawn
WITHDRAWAL_REASON = "复议机关撤销原决定，承办人孟凡星另行调查"
COLUMNS = ["dataset", "key", "url", "reason", "reason_label", "date"]
Builds = dict[str, dict[str, bytes]]  # "today" / "next" -> file -> bytes


def number(n: int, year: int = 2026) -> str:
    return f"江临市监罚〔{year}〕{n}号"


def url(n: int, year: int = 2026) -> str:
    return BASE + quote(f"penalties/江临市监罚-{year}-{n}号/", safe="/-._~")


def removal(n: int, reason: str, label: str, day: str, year: int = 2026) -> dict[str, str]:
    return {"dataset": "penalties", "key": number(n, year), "url": url(n, year), "reason": reason,
            "reason_label": label, "date": day}


def decisions(*, withdrawn: bool = True) -> list[dict[str, str]]:
    base = penalties()[0]  # an organisation's general penalty (one year), decided 2026-10-20
    person = {"当事人类别": "自然人", "当事人名称": PERSON, "统一社会信用代码": "", "法定代表人": "",
              "法定代表人证件号码": ""}
    return [
        base | {"决定书文号": number(201)},  # public
        base | person | {"决定书文号": number(202)}
        | ({"状态": "撤回", "撤回日期": "2026-11-02", "撤回原因": WITHDRAWAL_REASON} if withdrawn else {}),
        # minor: shown 3 months from 2025-05-06, to 2025-08-05
        base | {"决定书文号": number(9, 2025), "处罚决定日期": "2025-05-06", "公示日期": "2025-05-08",
                "送达日期": "", "处罚类别": "警告", "罚款金额（万元）": ""},
        # minor, ended 2025-04-10 by its window: a 信用修复 after that changes nothing
        base | {"决定书文号": number(3, 2025), "处罚决定日期": "2025-01-10", "公示日期": "2025-01-12",
                "送达日期": "", "处罚类别": "警告", "罚款金额（万元）": "", "信用修复日期": "2025-06-01"},
        base | {"决定书文号": number(203), "处罚决定日期": "2026-01-10", "公示日期": "2026-01-12",
                "送达日期": "", "信用修复日期": "2026-09-15"},  # repaired: not shown from 2026-09-15
        base | {"决定书文号": number(205), "公示截止期": TODAY},  # its last day is the build day
        base | {"决定书文号": number(204), "信用修复日期": NEXT_DAY},  # repaired from tomorrow
    ]


ON_TODAY = [removal(202, "withdrawn", "撤回", "2026-11-02"),
            removal(203, "credit_repaired", "信用修复", "2026-09-15"),
            removal(9, "expired", "公示期满", "2025-08-06", 2025),
            removal(3, "expired", "公示期满", "2025-04-10", 2025)]
# The next day: the two that end today are listed; the withdrawal, taken out of the feed, is not.
ON_NEXT_DAY = [removal(204, "credit_repaired", "信用修复", NEXT_DAY), removal(205, "expired", "公示期满", NEXT_DAY),
               *ON_TODAY[1:]]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """The three files on the build day, and the next day (same output folder, as a scheduled
    rebuild runs) after the withdrawal was taken out of the feed; and the tombstone page."""
    root = tmp_path_factory.mktemp("removals")
    output = root / "output"
    assert build_site(write_feeds(root / "feeds", penalty_rows=decisions()), output, TODAY)[0] == 0
    today = {name: (output / name).read_bytes() for name in FILES}
    today["tombstone"] = (output / "penalties/江临市监罚-2026-202号/index.html").read_bytes()
    today["data-dictionary"] = (output / "data-dictionary/index.html").read_bytes()
    today["datapackage"] = (output / "datapackage.json").read_bytes()
    today["catalog"] = (output / "catalog.jsonld").read_bytes()
    today["sitemap"] = (output / "sitemap.xml").read_bytes()
    assert build_site(write_feeds(root / "feeds-next", penalty_rows=decisions(withdrawn=False)), output,
                      NEXT_DAY)[0] == 0
    return {"today": today, "next": {name: (output / name).read_bytes() for name in FILES}}


def csv_records(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["数据集", "记录键", "页面地址", "停止公示原因代码", "停止公示原因", "停止公示日期"]
    return [dict(zip(COLUMNS, row)) for row in rows[1:]]


def feed_entries(data: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(data)
    assert root.findtext("a:title", namespaces=ATOM).endswith("：停止公示的记录")
    return [{"title": e.findtext("a:title", namespaces=ATOM), "id": e.findtext("a:id", namespaces=ATOM),
             "link": e.find("a:link", ATOM).get("href"), "updated": e.findtext("a:updated", namespaces=ATOM)}
            for e in root.findall("a:entry", ATOM)]


def expected_entries(removals: list[dict[str, str]]) -> list[dict[str, str]]:
    # The feeds' order: newest first, ties by key (as every feed of the site orders them)
    newest = sorted(removals, key=lambda r: (r["date"], "penalties/" + r["key"]), reverse=True)
    return [{"title": f"{r['reason_label']}：{r['key']}", "id": f"{r['url']}#removed-{r['reason']}",
             "link": r["url"], "updated": f"{r['date']}T00:00:00+08:00"} for r in newest]


@pytest.mark.parametrize(("day", "expected"), [("today", ON_TODAY), ("next", ON_NEXT_DAY)])
def test_json_lists_each_removal_newest_first_with_reason_and_day(builds: Builds, day: str, expected: list[dict[str, str]]) -> None:
    document = json.loads(builds[day]["downloads/removals.json"])
    assert document == {"generated": TODAY if day == "today" else NEXT_DAY, "count": len(expected),
                        "records": expected}


@pytest.mark.parametrize(("day", "expected"), [("today", ON_TODAY), ("next", ON_NEXT_DAY)])
def test_csv_holds_the_same_records(builds: Builds, day: str, expected: list[dict[str, str]]) -> None:
    assert csv_records(builds[day]["downloads/removals.csv"]) == expected


@pytest.mark.parametrize(("day", "expected"), [("today", ON_TODAY), ("next", ON_NEXT_DAY)])
def test_atom_feed_has_an_entry_per_removal_linking_to_its_page(builds: Builds, day: str, expected: list[dict[str, str]]) -> None:
    assert feed_entries(builds[day]["feeds/removals.atom"]) == expected_entries(expected)


def test_no_party_detail_nor_withdrawal_reason_in_any_file(builds: Builds) -> None:
    # (the reason is on the record's own page: its absence here is the files' doing)
    assert WITHDRAWAL_REASON[:8] in builds["today"]["tombstone"].decode("utf-8")
    secrets = [PERSON, "孟某某", "鲜果坊", "王建国", fix_uscc(COMPANY_USCC), WITHDRAWAL_REASON[:8], "销售过期食品",
               "复议", "江临市临江区"]
    for day in ("today", "next"):
        for name in FILES:
            text = builds[day][name].decode("utf-8")
            for secret in secrets:
                assert secret not in text, (day, name, secret)


def test_catalogs_and_data_dictionary_list_the_removals(builds: Builds) -> None:
    package = json.loads(builds["today"]["datapackage"])
    resource = next(r for r in package["resources"] if r["name"] == "removals")
    assert resource["path"] == "downloads/removals.csv"
    assert [f["name"] for f in resource["schema"]["fields"]] == COLUMNS
    assert {"name": "date", "title": "停止公示日期", "type": "date",
            "description": "撤回的为撤回日期；其余为不再公示的第一天（公示截止日期的次日）"} in resource["schema"]["fields"]
    catalog = json.loads(builds["today"]["catalog"])
    dataset = next(d for d in catalog["dcat:dataset"] if d["@id"] == BASE + "downloads/removals")
    assert [(d["dct:format"], d["dcat:downloadURL"]["@id"]) for d in dataset["dcat:distribution"]] == [
        ("CSV", BASE + "downloads/removals.csv"), ("JSON", BASE + "downloads/removals.json"),
        ("Atom", BASE + "feeds/removals.atom")]
    html = builds["today"]["data-dictionary"].decode("utf-8")
    for name in FILES:
        assert f'href="/{name}"' in html, name


def test_tombstones_stay_out_of_the_sitemap(builds: Builds) -> None:
    sitemap = builds["today"]["sitemap"].decode("utf-8")
    assert url(201) in sitemap
    for r in ON_TODAY:
        assert r["url"] not in sitemap
