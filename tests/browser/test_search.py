"""Search on a phone, in Chromium: part of a company name, a full 执法证号 or 统一社会信用代码
(straight to its page), a facet filter in the URL with a working back button, the message
without JavaScript; and the browser agreeing with Python — the analyzer over tricky strings,
and whoosh over whole result lists."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

from gongshi.search import staff
from gongshi.search.analyzer import (
    fetch_terms,
    index_terms,
    matches,
    normalise,
    query_parts,
    query_terms,
    searchable_text,
)
from gongshi.search.documents import rank_key
from gongshi.settings import _folder_key

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cache_dir(site):  # noqa: ANN001, ANN201
    return site.output.parent / "cache" / _folder_key(site.output.resolve())


@pytest.fixture(scope="module")
def docs(cache_dir):  # noqa: ANN001, ANN201
    """The public documents the build indexed, in display order."""
    return staff.load_docs(cache_dir)


def substring_results(docs, query: str, dataset: str = "") -> list[str]:  # noqa: ANN001
    """Plain substring matching over every public record: the reference answer."""
    parts = query_parts(query)
    return [unquote(d.url) for d in docs
            if matches(parts, searchable_text(d.fields)) and (not dataset or d.dataset == dataset)]


def ranked_results(docs, query: str, dataset: str = "") -> list[str]:  # noqa: ANN001
    """substring_results ranked (documents.rank_key): what staff.py and searchAll give."""
    parts = query_parts(query)
    found = [(rank_key(d, parts, n), unquote(d.url)) for n, d in enumerate(docs)
             if matches(parts, searchable_text(d.fields)) and (not dataset or d.dataset == dataset)]
    return [url for _, url in sorted(found)]


def page_order(page, docs, query: str, dataset: str = "") -> list[str]:  # noqa: ANN001
    """What the page lists: every result ranked when it verified them all at once, else in
    display order (the documents' numbers)."""
    ranked = page.locator("#search-app").get_attribute("data-ranked") == "all"
    return (ranked_results if ranked else substring_results)(docs, query, dataset)


def shown_urls(page) -> list[str]:  # noqa: ANN001
    return [unquote(href).split("/", 3)[3] for href in
            page.locator(".search-result__title a").evaluate_all("links => links.map(a => a.href)")]


def wait_done(page) -> None:  # noqa: ANN001
    expect(page.locator("#search-app")).to_have_attribute("data-state", "done")


def load_all(page) -> None:  # noqa: ANN001
    while page.locator(".search-more").is_visible():
        count = page.locator(".search-result").count()
        page.locator(".search-more").click()
        expect(page.locator(".search-result")).not_to_have_count(count)
        wait_done(page)


def busiest_company(docs):  # noqa: ANN001, ANN201
    counts: dict[tuple[str, str], int] = {}
    for d in docs:
        if d.dataset == "penalties" and d.fields[2] and "某" not in d.fields[0]:
            counts[(d.fields[2], d.fields[0])] = counts.get((d.fields[2], d.fields[0]), 0) + 1
    return max(sorted(counts), key=counts.get)


def test_search_by_part_of_a_company_name(page, site, docs, network):  # noqa: ANN001
    uscc, name = busiest_company(docs)
    part = name[3:7]  # inside the name: neither the city prefix nor the company form
    expected = substring_results(docs, part)
    assert len(expected) >= 1
    page.goto(site.url("/"))
    page.fill("#search-q", part)
    page.click("form.search-form button")
    page.wait_for_url("**/search/?q=*")
    assert unquote(page.url).endswith(f"/search/?q={part}")
    wait_done(page)
    load_all(page)
    assert shown_urls(page) == page_order(page, docs, part)
    status = page.locator(".search-status").inner_text()
    assert f"共 {len(expected)} 条结果" in status
    first = page.locator(".search-result").first.inner_text()
    assert "行政处罚决定" in first or "执法" in first or "权责" in first
    for text in page.locator(".search-result").all_inner_texts():
        assert normalise(part) in normalise(text)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert network.foreign() == [] and network.page_errors == [] and network.console_errors == []


def test_full_certificate_number_jumps_to_the_officer(page, site, officers):  # noqa: ANN001
    number = officers["certificate_no"].iloc[0]
    page.goto(site.url("/search/"))
    page.fill("#search-q", " " + number.lower() + " ")
    page.click("form.search-form button")
    page.wait_for_url(f"**/officers/{number}/")
    page.go_back()  # back to the search page as it was, which does not jump again
    page.wait_for_url(site.url("/search/"))
    expect(page.locator("#search-app")).to_have_attribute("data-state", "idle")
    page.wait_for_timeout(500)
    assert page.url == site.url("/search/")


def test_full_credit_code_jumps_to_the_company(page, site, docs):  # noqa: ANN001
    uscc, name = busiest_company(docs)
    page.goto(site.url("/"))
    page.goto(site.url(f"/search/?q={uscc}"))  # a shared link
    page.wait_for_url(f"**/companies/{uscc}/")
    assert page.locator("h1").inner_text() == name
    page.go_back()  # the link was replaced by the company page: back is where we were
    page.wait_for_url(site.url("/"))


def test_a_credit_code_without_a_company_page_is_searched(page, site, docs):  # noqa: ANN001
    agency = next(d for d in docs if d.dataset == "agencies")
    page.goto(site.url(f"/search/?q={agency.key}"))
    wait_done(page)
    assert shown_urls(page)[0] == agency.url


def test_facet_filter_is_in_the_url_and_back_undoes_it(page, site, docs):  # noqa: ANN001
    page.goto(site.url("/search/?q=" + quote("食品")))
    wait_done(page)
    mixed = shown_urls(page)
    page.locator(".search-facets summary").click()  # the filters fold away on a phone
    page.get_by_role("list", name="类型").get_by_role("link", name="行政处罚决定").click()
    page.wait_for_url("**dataset=penalties**")
    wait_done(page)
    load_all(page)
    assert shown_urls(page) == page_order(page, docs, "食品", "penalties")
    assert all(t.startswith("行政处罚决定") for t in page.locator(".search-result__type").all_inner_texts())
    page.go_back()
    page.wait_for_url(lambda url: "dataset=" not in url)
    wait_done(page)
    assert shown_urls(page) == mixed


def test_without_javascript_the_page_explains_and_links_to_listings(new_context, site):  # noqa: ANN001
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("/"))
    page.fill("#search-q", "食品")
    page.click("form.search-form button")  # a plain GET form
    page.wait_for_url("**/search/?q=*")
    message = page.locator(".search-nojs")
    expect(message).to_be_visible()
    expect(message).to_contain_text("搜索需要浏览器启用脚本")
    for href in ("officers/", "penalties/", "agencies/", "powers/"):
        expect(message.locator(f'a[href$="/{href}"]')).to_have_count(1)
    expect(page.locator("#search-app")).to_be_hidden()
    expect(message).not_to_contain_text("输入完整的执法证号或统一社会信用代码查询")  # (it cannot, without JS)
    expect(message).to_contain_text("二维码")  # (what a citizen holds: no address to type)
    expect(message).not_to_contain_text("地址栏")


def test_what_the_no_javascript_message_promises_works(new_context, site, officers, docs):  # noqa: ANN001
    page = new_context(java_script_enabled=False).new_page()
    number = officers["certificate_no"].iloc[0]
    page.goto(site.url("/officers/"))  # the lookup form only opens the listing, as the message says
    page.fill("#cert-no", number)
    page.click("form.lookup button")
    page.wait_for_url("**/officers/?no=*")
    page.goto(site.url(f"/officers/{number}/"))  # the address the card's QR code holds
    expect(page.locator("h1")).to_contain_text(officers["name"].iloc[0])
    uscc, name = busiest_company(docs)
    page.goto(site.url(f"/companies/{uscc}/"))  # (a company page needs no script either)
    expect(page.locator("h1")).to_have_text(name)


TRICKY = ["江临市监罚〔2026〕101号", "ＡＢＣ１２３　江临", "91339900MA2B3C4D5X", "监督管理 局", "  ", "",
          "Ⅻ㍿ﬁ①", "e\u0301café", "张某某（个体）", "\U00020000\U0002a6d6𠀀", "a-b_c.d", "市\u3000场\t监\u00a0管",
          "Ⅷ号〈2024〉第0012号", "①②③", "ＡＢ－１２", "ǅǈ", "㈱有限公司", "食品经营·许可", "\u200b江\u200d临", "ß İ"]


def test_browser_analyzer_is_the_python_analyzer(page, site):  # noqa: ANN001
    page.goto(site.url("/search/"))
    got = page.evaluate("""texts => texts.map(t => {
        const n = GongshiSearch.normalise(t);
        return [n, GongshiSearch.indexTerms(n), GongshiSearch.queryParts(t),
                GongshiSearch.queryParts(t).map(GongshiSearch.queryTerms),
                GongshiSearch.queryParts(t).map(GongshiSearch.fetchTerms)];
    })""", TRICKY)
    for text, (normalised, terms, parts, part_terms, fetched) in zip(TRICKY, got):
        assert normalised == normalise(text), text
        assert terms == sorted(index_terms(normalise(text))), text
        assert parts == query_parts(text), text
        assert part_terms == [query_terms(p) for p in query_parts(text)], text
        assert fetched == [fetch_terms(p) for p in query_parts(text)], text


PARITY_QUERIES = ["江临", "食品", "市场监督", "督管", "食品经营", "罚款", "2026", "某某", "局", "有限公司 罚款",
                  "〔2026〕", "行政处罚", "环境", "不存在的词"]


def test_whoosh_and_the_browser_return_the_same_records(page, site, cache_dir, docs):  # noqa: ANN001
    staff.sync(cache_dir)
    page.goto(site.url("/search/"))
    for query in PARITY_QUERIES:
        browser = page.evaluate("q => GongshiSearch.searchAll('/search/', q)", query)
        whoosh = [unquote(d.url) for d in staff.search(cache_dir, query)]
        assert browser == whoosh, query
        assert browser == ranked_results(docs, query), query
    for dataset in ("penalties", "officers"):
        browser = page.evaluate("([q, d]) => GongshiSearch.searchAll('/search/', q, {d: d})", ["江临", dataset])
        whoosh = [unquote(d.url) for d in staff.search(cache_dir, "江临", {"dataset": dataset})]
        assert browser == whoosh == ranked_results(docs, "江临", dataset)


def test_false_candidates_are_rejected_by_values_without_their_documents(page, site, docs, network):  # noqa: ANN001
    """安全管理: its bigrams 安全 and 管理 are in many more records than the phrase (安全生产
    监督管理...). The value file of 安全 rejects those; a phone fetches only stored-document
    files that hold a result."""
    import json

    from tests.search.test_index import StaticIndex

    query = "安全管理"
    files = {f"search/{p.relative_to(site.output / 'search').as_posix()}": p.read_bytes()
             for p in (site.output / "search").rglob("*") if p.is_file()}
    index = StaticIndex(files)
    expected = substring_results(docs, query)
    candidates = set(index.postings("安全")) & set(index.postings("管理"))
    chunk = index.meta["chunk"]
    false_chunks = {n // chunk for n in candidates} - {n // chunk for n in index.search(query)}
    assert len(candidates) - len(expected) >= 20 and false_chunks, "the sample has false candidates"
    page.goto(site.url("/search/?q=" + quote(query)))
    wait_done(page)
    load_all(page)
    assert shown_urls(page) == page_order(page, docs, query)
    fetched = [unquote(u).split("/search/", 1)[1].split("?")[0] for u in network.requests if "/search/" in u]
    assert any(p.startswith("x/") for p in fetched)
    for path in (p for p in fetched if p.startswith("d/")):
        urls = [doc[1] for doc in json.loads(files[f"search/{path}"])]
        assert set(urls) & set(expected), f"{path} holds no result"
    assert not {f"d/{n}.json" for n in false_chunks} & set(fetched)


def type_counts(docs, query: str) -> dict[str, int]:  # noqa: ANN001
    by_url = {unquote(d.url): d.dataset for d in docs}
    counts: dict[str, int] = {}
    for url in substring_results(docs, query):
        counts[by_url[url]] = counts.get(by_url[url], 0) + 1
    return counts


@pytest.mark.parametrize("query", ["食品", "江临", "罚款", "有限公司 罚款"])
def test_total_and_type_counts_are_over_every_result(page, site, docs, query):  # noqa: ANN001
    """Exact from the first page when the index answers every part (a term itself, values);
    otherwise "约 N" (the candidates: never fewer than the results), exact once all are shown."""
    expected = substring_results(docs, query)
    assert len(expected) > 10  # more than the first page
    page.goto(site.url("/search/?q=" + quote(query)))
    wait_done(page)
    status = page.locator(".search-status").inner_text()
    assert page.locator(".search-result").count() == 10
    if query in ("食品", "江临", "罚款"):  # a part that is one term: its list answers it
        assert f"共 {len(expected)} 条结果" in status, status
    if status.startswith("约"):
        assert int(status.split()[1]) >= len(expected)
        load_all(page)
        assert f"共 {len(expected)} 条结果" in page.locator(".search-status").inner_text()
    page.locator(".search-facets summary").click()
    types = page.get_by_role("list", name="类型")
    labels = {d["name"]: d["label"] for d in page.evaluate("fetch('/search/meta.json').then(r => r.json())")["datasets"]}
    counts = type_counts(docs, query)
    assert types.get_by_role("link").count() == len(counts)
    for dataset, count in counts.items():
        expect(types.get_by_role("link", name=f"{labels[dataset]}（{count}）", exact=True)).to_have_count(1)


def test_a_full_certificate_number_ranks_its_officer_first(page, site, officers, cache_dir, docs):  # noqa: ANN001
    officer = next(d for d in docs if d.dataset == "officers")
    number = officer.key
    page.goto(site.url("/search/"))
    browser = page.evaluate("q => GongshiSearch.searchAll('/search/', q)", number.lower())
    assert browser[0] == unquote(officer.url)
    staff.sync(cache_dir)
    assert staff.search(cache_dir, number)[0].url == officer.url
    # a 执法证号 also found in other records' text (another record quoting it) still comes second
    assert browser == ranked_results(docs, number.lower())


def test_food_lists_decisions_before_the_power_list_and_cancelled_items_last(page, site, docs):  # noqa: ANN001
    from gongshi.search.documents import INACTIVE_STATUSES

    page.goto(site.url("/search/?q=" + quote("食品")))
    wait_done(page)
    first_page = shown_urls(page)
    by_url = {unquote(d.url): d for d in docs}
    kinds = [by_url[u].dataset for u in first_page]
    assert kinds[0] in ("penalties", "inspections"), kinds  # a decision or a company's result first
    assert "powers" not in kinds or kinds.index("powers") > kinds.index("penalties")
    load_all(page)
    shown = [by_url[u] for u in shown_urls(page)]
    assert len(shown) == len(substring_results(docs, "食品"))
    for i, doc in enumerate(shown):
        if doc.status in INACTIVE_STATUSES:  # no current record of its type after it
            assert not any(d.dataset == doc.dataset and d.status not in INACTIVE_STATUSES for d in shown[i:]), doc


def test_counting_a_long_list_stops_after_two_blocks_and_says_about(page, site, docs, network):  # noqa: ANN001
    """With blocks of 16 postings, counting 江临 (in nearly every record) would fetch dozens of
    blocks: it stops after two. One term: its df is the exact total. Several long lists: an
    estimate, marked 约, that becomes exact once every result is verified."""
    import shutil

    from gongshi.search.index import IndexFormat, index_files

    folder = site.output / "search-small"
    for path, data in index_files(docs, IndexFormat(head=16, block=16, chunk=8, page=10)):
        target = folder / path.split("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        page.goto(site.url("/search/"))
        one = page.evaluate("q => GongshiSearch.counts('/search-small/', q)", "江临")
        assert one["exact"] and one["total"] == len(substring_results(docs, "江临")) > 100
        assert not one["typesExact"]
        blocks = [u for u in network.requests if "/search-small/p/" in u]
        assert 1 <= len(blocks) <= 2
        two = page.evaluate("q => GongshiSearch.counts('/search-small/', q)", "市场 监督")
        assert not two["exact"] and two["total"] > 0
        full = page.evaluate("q => GongshiSearch.searchAll('/search-small/', q)", "市场 监督")
        assert full == ranked_results(docs, "市场 监督")
    finally:
        shutil.rmtree(folder)
