"""The documents' page paths and display order, made in bulk (urls.slug_all, display_order),
must be exactly what urls.slug and display_order_key give one by one: every search result
links to its record's page, and documents are numbered in display order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.pages import urls
from gongshi.search.documents import REGISTRY, SearchDoc, display_order, display_order_key

slugs = urls.slug_all  # (what the documents' page paths are made with)

# decision numbers as feeds write them, and what NFKC and the slug rule treat specially:
# full-width forms, combining marks (at the start of a text too), compatibility characters,
# separators at the ends, line feeds and other white space
TRICKY = ["江临市监罚〔2026〕12号", "江临市监罚［２０２６］１２号", "-〔2026〕-", "〔〕", "", "ＡＢＣ-１２３",
          "\u0301e\u0301", "e\u0301", "ﬁ２", "①号", "\u3000江临\u3000", "a\nb", "\n", "罚\r\n字", "㍿", "Å", "é\u0327",
          "한국", "\u1100\u1161", "〔2026〕\u0308", "x\u2028y"]


def test_slugs_of_tricky_numbers_are_urls_slugs():
    assert slugs(TRICKY) == [urls.slug(t) for t in TRICKY]
    for text in TRICKY:
        assert slugs([text]) == [urls.slug(text)]
    assert slugs([t for t in TRICKY if "\n" not in t]) == [urls.slug(t) for t in TRICKY if "\n" not in t]
    assert slugs([]) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("江临罚〔〕[]（）-—_ 　a-Z9０１ＡＢ\u0301\u0308\u0327eé①ﬁ㍿\n\t.#/号"),
                        max_size=12), max_size=8)
       | st.lists(st.text(max_size=10), max_size=8))
def test_slugs_equal_urls_slug_one_by_one(texts):
    assert slugs(texts) == [urls.slug(t) for t in texts]


datasets = st.sampled_from(list(REGISTRY))
dates = st.sampled_from(["", "2026-11-23", "2026-11-24", "2025-01-01", "2026-11-23", "1999-12-31"])
keys = st.sampled_from(["A1", "a1", "A10", "A2", "江临1", "江临10", "江临２", "", "\U0001f600", "Z\0", "Z", "é", "e\u0301",
                        "K"]) | st.text(max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(datasets, keys, dates), max_size=25))
def test_display_order_is_sorting_by_display_order_key(items):
    docs = [SearchDoc(dataset, key, f"x/{n}/", (key,), date=date) for n, (dataset, key, date) in enumerate(items)]
    expected = sorted(range(len(docs)), key=lambda i: display_order_key(docs[i]))  # (stable, like the sort)
    assert display_order(docs).tolist() == expected


def test_display_order_puts_types_for_citizens_first_and_records_no_longer_holding_last():
    docs = [SearchDoc("powers", "P1", "powers/P1/", ("食品经营许可",), status="有效", date="2026-11-20"),
            SearchDoc("powers", "P0", "powers/P0/", ("食品流通许可",), status="已取消", date="2026-11-22"),
            SearchDoc("penalties", "F1", "penalties/F1/", ("某食品店",), status="公示中", date="2025-01-01"),
            SearchDoc("penalties", "F2", "penalties/F2/", ("某食品厂",), status="公示中", date="2026-01-01"),
            SearchDoc("officers", "O1", "officers/O1/", ("张三",), status="吊销", date="2026-11-23"),
            SearchDoc("officers", "O2", "officers/O2/", ("李四",), status="有效", date="2020-01-01")]
    assert [docs[i].key for i in display_order(docs).tolist()] == ["F2", "F1", "O2", "P1", "O1", "P0"]


def test_rank_key_identifier_then_current_then_title_then_display_order():
    from gongshi.search.analyzer import query_parts
    from gongshi.search.documents import rank_key

    officer = SearchDoc("officers", "33010012345", "officers/33010012345/", ("张三", "33010012345", "江临市场监管局"),
                        status="有效")
    mention = SearchDoc("penalties", "罚-1", "penalties/罚-1/", ("某店", "罚-1", "", "执法人员 33010012345 出示证件"),
                        status="公示中")
    parts = query_parts(" 33010012345 ")
    assert rank_key(officer, parts, 9) < rank_key(mention, parts, 0)  # the 执法证号 itself first
    cancelled = SearchDoc("powers", "C1", "powers/C1/", ("食品经营许可", "C1"), status="已取消")
    current = SearchDoc("powers", "C2", "powers/C2/", ("许可", "C2", "", "", "食品"), status="有效")
    titled = SearchDoc("powers", "C3", "powers/C3/", ("食品生产许可", "C3"), status="有效")
    parts = query_parts("食品")
    ranked = sorted([(cancelled, 0), (current, 1), (titled, 2)], key=lambda pair: rank_key(pair[0], parts, pair[1]))
    assert [doc.key for doc, _ in ranked] == ["C3", "C2", "C1"]  # title, other field, then 已取消
    uscc = SearchDoc("agencies", "11330000MB0000000X", "agencies/x/", ("江临市场监管局", "11330000MB0000000X"))
    assert rank_key(uscc, query_parts("11330000mb0000000x"), 5)[0] is False  # typed in lower case
