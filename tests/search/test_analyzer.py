"""The shared analyzer: normalisation, terms, and the guarantee the index rests on — every term
of a query occurs in every text the query matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.search.analyzer import (
    facet_term,
    fetch_terms,
    index_terms,
    matches,
    normalise,
    occurs,
    query_parts,
    query_terms,
    searchable_text,
)


def test_full_width_and_case_are_folded():
    assert normalise("ＡＢＣ１２３ｘ　江临") == "abc123x 江临"
    assert normalise("91339900MA2B3C4D5X") == "91339900ma2b3c4d5x"
    # Only ASCII letters change case: no Unicode-version difference between Python and a browser.
    assert normalise("ÄΣ") == "ÄΣ"


def test_decision_number_terms():
    assert index_terms(normalise("江临市监罚〔2026〕101号")) == {
        "江", "临", "市", "监", "罚", "江临", "临市", "市监", "监罚", "2026", "101", "号"}


def test_codes_are_single_exact_terms():
    assert index_terms(normalise("91339900MA2B3C4D5X")) == {"91339900ma2b3c4d5x"}
    assert index_terms(normalise("33990001000001")) == {"33990001000001"}
    assert query_terms(normalise("９１３３９９００ＭＡ２Ｂ３Ｃ４Ｄ５Ｘ")) == ["91339900ma2b3c4d5x"]


def test_query_terms_bigrams_and_single_characters():
    assert query_terms("监督管理") == ["监督", "督管", "管理"]
    assert query_terms("市") == ["市"]
    assert query_terms("食品a经") == ["食品", "a", "经"]
    assert query_terms("〔〕") == []
    assert query_parts(" 江临　食品\t经营 ") == ["江临", "食品", "经营"]
    assert fetch_terms("印染有限公司") == ["印染", "有限", "公司"]
    assert fetch_terms("市场监督管理局") == ["市场", "监督", "管理", "理局"]
    assert fetch_terms("监罚〔2026〕1号") == ["监罚", "2026", "1", "号"]


def test_letters_and_digits_match_whole_runs_cjk_any_substring():
    text = searchable_text(["江临市监罚〔2026〕101号", "市场监督管理局"])
    assert occurs("2026", text) and occurs("〔2026〕101", text) and occurs("督管", text)
    assert not occurs("202", text) and not occurs("01号", text)
    assert occurs("1号", text) is False  # "101" is one run: "1号" starts inside it
    assert not occurs("罚〔2026〕101号市", text), "a match never spans two fields"
    assert matches(["江临", "督管"], text) and not matches(["江临", "环境"], text)
    assert not matches([], text)


def test_facet_terms_cannot_collide_with_text_terms():
    term = facet_term("d", "penalties")
    assert term.startswith("~") and term not in index_terms(normalise("~d:penalties"))


TEXT = st.text(alphabet=st.sampled_from(list("江临市监督管理局食品经营某张三ＡａＢ１２aZ09〔〕（）() \n-·、．") + ["\U00020000"]),
               max_size=30)


@given(TEXT, st.data())
@settings(max_examples=400, deadline=None)
def test_every_query_term_is_in_every_text_the_query_matches(raw, data):
    text = normalise(raw)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    part = text[start:end]
    if occurs(part, text):
        assert set(query_terms(part)) <= index_terms(text), (part, text)
        assert set(fetch_terms(part)) <= set(query_terms(part))
