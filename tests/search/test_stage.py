"""The search stage in a real build: only public records, nothing the privacy stage removed,
same bytes for the same feeds; whoosh kept in step incrementally; `gongshi search`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongshi import cli
from gongshi.search import staff
from gongshi.settings import _folder_key
from tests import feedkit
from tests.search.test_index import StaticIndex
from tests.sitekit import build_site, tree

TODAY = "2026-11-23"


def cache_of(output: Path) -> Path:
    return output.parent / (output.name + "-cache") / _folder_key(output.resolve())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("search")
    feeds = feedkit.write_feeds(work / "feeds", penalty_rows=feedkit.penalties())
    output = work / "out"
    code, _ = build_site(feeds, output, TODAY)
    assert code == 0
    return output


def static_search(output: Path, query: str) -> list[str]:
    index = StaticIndex({p: b for p, b in tree(output).items() if p.startswith("search/")})
    return [index.doc(n)[1] for n in index.ranked(query)]


def whoosh_search(output: Path, query: str, **filters: str) -> list[str]:
    staff.sync(cache_of(output))
    return [doc.url for doc in staff.search(cache_of(output), query, filters)]


def test_masked_names_and_removed_numbers_cannot_be_found(built):
    # 张三 is a natural person: published as 张某某; his ID and phone numbers were removed.
    for query in ("张三", "11010519491231002X", "110105", "19491231", "13912345678", "139-1234-5678", "幸福路"):
        assert static_search(built, query) == [], query
        assert whoosh_search(built, query) == [], query
    for path, data in tree(built).items():
        if path.startswith("search/"):
            text = data.decode("utf-8")
            assert "张三" not in text and "11010519491231002X" not in text, path
    assert static_search(built, "张某某") == ["penalties/江临市监罚-2026-104号/"]
    assert whoosh_search(built, "张某某") == ["penalties/江临市监罚-2026-104号/"]


def test_only_decisions_in_their_publication_window_are_searchable(built):
    found = static_search(built, "江临市监罚")
    assert sorted(found) == ["penalties/江临市监罚-2026-101号/", "penalties/江临市监罚-2026-104号/",
                             "penalties/江临市监罚-2026-106号/"]  # not scheduled 102, withdrawn 103, ended 〔2025〕9, minor's 105
    assert static_search(built, "江临市监罚〔2026〕103号") == []
    assert static_search(built, "王小明") == [] and static_search(built, "王某某") == []


def test_officers_agencies_and_powers_are_searchable(built):
    assert static_search(built, "建国") == ["officers/33990001000001/"]
    assert static_search(built, "33990002000001") == ["officers/33990002000001/"]  # 吊销: page exists
    assert "agencies/" + feedkit.fix_uscc(feedkit.AGENCY_B_USCC[:17]) + "/" in static_search(built, "生态环境局")
    assert static_search(built, "排污") == ["powers/339900200001/"]


def test_whoosh_and_static_index_agree(built):
    for query in ("江临", "食品", "市场监督", "罚款", "2026", "排污 许可", "局", "张某某", "不存在"):
        assert whoosh_search(built, query) == static_search(built, query), query


def test_same_feeds_same_search_files(built, tmp_path):
    feeds = feedkit.write_feeds(tmp_path / "feeds", penalty_rows=feedkit.penalties())
    code, _ = build_site(feeds, tmp_path / "out", TODAY)
    assert code == 0
    mine = {p: b for p, b in tree(tmp_path / "out").items() if p.startswith("search/")}
    theirs = {p: b for p, b in tree(built).items() if p.startswith("search/")}
    assert mine == theirs and "search/meta.json" in mine and "search/index.html" in mine


def test_whoosh_index_is_updated_incrementally(tmp_path):
    feeds = feedkit.write_feeds(tmp_path / "feeds")
    output = tmp_path / "out"
    assert build_site(feeds, output, TODAY)[0] == 0
    first = staff.sync(cache_of(output))
    assert (first.added, first.updated, first.deleted) == (len(staff.load_docs(cache_of(output))), 0, 0)
    assert staff.sync(cache_of(output)).unchanged == first.added  # nothing to do
    officers = feedkit.officers()
    officers[0]["执法类别"] = "食品安全执法"  # changed
    del officers[1]  # gone
    officers.append(officers[0] | {"姓名": "钱多多", "执法证号": "33990001000009"})  # new
    feedkit.write_feeds(feeds, officer_rows=officers)
    assert build_site(feeds, output, TODAY)[0] == 0
    report = staff.sync(cache_of(output))
    assert (report.added, report.updated, report.deleted) == (1, 1, 1)
    assert whoosh_search(output, "食品安全执法") == ["officers/33990001000001/", "officers/33990001000009/"]
    assert whoosh_search(output, "李秀英") == []


def test_cli_search(built, capsys):
    root = Path(__file__).resolve().parents[2]
    args = ["--settings", str(root / "pelicanconf.py"), "--output", str(built),
            "--cache", str(built.parent / (built.name + "-cache"))]
    assert cli.main(["search", "张某某", "--json", *args]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["total"] == 1 and answer["results"][0]["title"] == "张某某"
    assert answer["types"] == {"行政处罚决定": 1}
    assert answer["results"][0]["type"] == "行政处罚决定"
    assert cli.main(["search", "江临", "--dataset", "officers", *args]) == 0
    out = capsys.readouterr().out
    assert "找到 3 条（执法人员 3）" in out and "[执法人员] 王建国" in out
    assert cli.main(["search", "张三", *args]) == 1
    assert "没有找到" in capsys.readouterr().out


def test_cli_search_prints_addresses_a_person_can_read_and_paste(built, capsys):
    """Chinese stays Chinese (no %E6%B1%9F…), and the address is whole: the site's own address
    and the page's path, which opens the page."""
    from urllib.parse import quote, unquote, urlsplit

    root = Path(__file__).resolve().parents[2]
    args = ["--settings", str(root / "pelicanconf.py"), "--output", str(built),
            "--cache", str(built.parent / (built.name + "-cache"))]
    assert cli.main(["search", "张某某", *args]) == 0
    out = capsys.readouterr().out
    [address] = [line.split("网页：", 1)[1] for line in out.splitlines() if "网页：" in line]
    assert address == "http://localhost:8000/penalties/江临市监罚-2026-104号/"
    assert "%" not in out
    path = urlsplit(address).path
    assert (built / path.lstrip("/") / "index.html").is_file()
    assert cli.main(["search", "张某某", "--json", *args]) == 0
    [found] = json.loads(capsys.readouterr().out)["results"]
    assert found["page"] == address and unquote(found["url"]) == address  # `url` stays encoded for programs
    assert found["url"] == "http://localhost:8000/" + quote("penalties/江临市监罚-2026-104号/")


def test_a_readable_address_encodes_only_what_cannot_stand_in_one():
    assert staff.readable_url("https://a.gov.cn/", "penalties/江临 市监罚/") == \
        "https://a.gov.cn/penalties/江临%20市监罚/"


def test_serve_answers_json_searches(built):
    import functools
    import http.server
    import threading
    import urllib.request
    from urllib.parse import quote

    cache = cache_of(built)
    staff.sync(cache)
    handler = type("Handler", (cli._SiteHandler,), {"cache_dir": cache, "log_message": lambda *a: None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        answer = json.loads(urllib.request.urlopen(f"{base}/api/search?q={quote('江临')}&dataset=officers").read())
        assert answer["total"] == 3 and {r["dataset"] for r in answer["results"]} == {"officers"}
        assert [r["url"] for r in answer["results"]] == ["/" + quote(u) for u in whoosh_search(built, "江临", dataset="officers")]
        assert json.loads(urllib.request.urlopen(f"{base}/api/search?q={quote('张三')}").read())["total"] == 0
        assert urllib.request.urlopen(f"{base}/search/").status == 200  # the site itself still served
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def built_oversight(tmp_path_factory) -> Path:
    """The hand-made city with spot checks and supervision outcomes too."""
    work = tmp_path_factory.mktemp("search-oversight")
    feeds = feedkit.write_feeds(work / "feeds", penalty_rows=feedkit.penalties(),
                                inspection_rows=feedkit.inspections(), supervision_rows=feedkit.supervision())
    output = work / "out"
    assert build_site(feeds, output, TODAY)[0] == 0
    return output


def test_spot_check_results_are_searchable_without_persons_names(built_oversight):
    task_page = "inspections/task/" + feedkit.TASK_A + "/"
    assert static_search(built_oversight, "清源水务") == [task_page]
    # 李四 (a sole trader named after its operator) and 陈大文 (a person) are published masked
    for query in ("李四", "陈大文", "大文"):
        assert static_search(built_oversight, query) == [], query
        assert whoosh_search(built_oversight, query) == [], query
    assert static_search(built_oversight, "陈某某") == [task_page]
    assert static_search(built_oversight, "未来化工") == []  # its task is still scheduled


def test_supervision_outcomes_are_searchable_with_their_state_on_the_day(built_oversight):
    from gongshi.pages import supervision, urls
    from gongshi.search.documents import _path

    unit_page = _path(urls.supervision_unit(feedkit.AGENCY_A))
    outcome = {year: f"{unit_page}#{supervision.anchor('案卷评查', f'{year}年度行政处罚案卷评查', feedkit.AGENCY_A)}"
               for year in (2025, 2026)}
    assert static_search(built_oversight, "行政处罚案卷评查") == [outcome[2026], outcome[2025]]  # newest first
    assert static_search(built_oversight, "2026年度行政执法考核") == []  # scheduled: 公示日期 2026-12-15
    # 整改中 with 整改期限 2026-11-20: overdue on 2026-11-23; the 2025 one was rectified
    assert whoosh_search(built_oversight, "案卷评查", status="逾期（整改中，已过整改期限）") == [outcome[2026]]
    assert whoosh_search(built_oversight, "案卷评查", status="已整改") == [outcome[2025]]


def test_whoosh_and_static_index_agree_on_oversight(built_oversight):
    for query in ("双随机", "食品", "某某", "专项监督", "执法考核", "整改", "江临市市场监督管理局"):
        assert whoosh_search(built_oversight, query) == static_search(built_oversight, query), query


def test_value_files_hold_only_published_values(tmp_path):
    """A short list longer than a page carries its records' field values (x/ files): what is
    there must be what the pages show — the person's name masked, the numbers removed."""
    person = feedkit.penalties()[4]  # 张三, his ID and phone numbers in the 违法事实, his address
    rows = feedkit.penalties() + [person | {"决定书文号": f"江临市监罚〔2026〕2{i:02d}号"} for i in range(14)]
    feeds = feedkit.write_feeds(tmp_path / "feeds", penalty_rows=rows)
    output = tmp_path / "out"
    assert build_site(feeds, output, TODAY)[0] == 0
    values = {p: b.decode("utf-8") for p, b in tree(output).items() if p.startswith("search/x/")}
    assert any('"张某某"' in text for text in values.values()), "the person's records have values"
    for path, text in values.items():
        for secret in ("张三", "11010519491231002X", "110105", "19491231", "13912345678", "1234-5678", "幸福路"):
            assert secret not in text, (path, secret)
    assert len(static_search(output, "张某某")) == 15
    assert static_search(output, "张三") == [] and static_search(output, "张三 江临") == []
