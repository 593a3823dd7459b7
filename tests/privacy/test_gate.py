from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongshi.privacy.gate import PrivacyGate, PrivacyLeak, values_view


@pytest.mark.parametrize("text", [
    "当事人身份证号11010519491231002X。", "号码 440524188001010014", "证号１１０１０５１９４９１２３１００２ｘ",
    "联系电话13912345678", "电话：+86 13912345678", "手机 8613912345678 请回电",
    # RULES.md: a wrong check digit is still a person's number; separators of any kind and length
    "一个校验位不对的 110105194912310021", "号码 1101\u200b0519 4912--3100\u30002X", "手机 138·1234·5678",
    "电话 一三八一二三四五六七八", "护照号码 E12345678", "住房 苏（2023）南京市不动产权第0012345号",
])
def test_identity_and_mobile_numbers_are_caught(text: str) -> None:
    assert PrivacyGate().scan_text("x.html", text)
    assert PrivacyGate().scan_bytes("x.html", text.encode())  # the bytes fast path agrees


@pytest.mark.parametrize("text", [
    "公司总机 0579-85001234", "统一社会信用代码 91350100M000100Y43", "执法证号 33990001000001",
    "事项编码 339900100001", "日期 20260305", "2026-08-08 2026-10-08 2027-02-11",
    "<path d=\"M4 4h7v1h-7z\"/>",
])
def test_office_lines_codes_and_wrong_checksums_pass(text: str) -> None:
    assert PrivacyGate().scan_text("x.html", text) == []
    assert PrivacyGate().scan_bytes("x.html", text.encode()) == []


def test_never_column_values_are_caught_as_whole_tokens_only() -> None:
    gate = PrivacyGate.from_values(["A1234567", "护照号E99887766"])
    assert gate.scan_text("x.json", '{"note":"A1234567"}')
    assert PrivacyGate.from_values(["A1234567"]).scan_bytes("x.json", b'{"note":"A1234567"}')
    assert PrivacyGate.from_values(["A1234567"]).scan_bytes("x.json", b"ZA12345678") == []
    assert gate.scan_text("x.json", "旧护照号E99887766已注销")
    assert gate.scan_text("x.json", "ZA12345678") == []  # part of a longer code, not the value


def test_check_raises_with_a_masked_excerpt() -> None:
    with pytest.raises(PrivacyLeak) as caught:
        PrivacyGate().check("officers/1/index.html", "电话13912345678".encode())
    message = str(caught.value)
    assert "officers/1/index.html" in message and "手机号码" in message
    assert "13912345678" not in message  # the report itself must not leak it


def test_fingerprint_changes_with_the_never_values() -> None:
    assert PrivacyGate.from_values(["A1234567"]).fingerprint != PrivacyGate.from_values(["A1234568"]).fingerprint


# -- pages checked by their values (privacy.gate.values_view, pages/skeleton.py) --------------
_PIECES = ["<dd>", "</dd>\n", ' href="/companies/', "/", "号", "x", "4", "13", "0", "X", "ab12", "：", "", " "]
_LEAKY = ["11010519491231002X", "13912345678", "8613912345678", "A1234567", "110105", "19491231002X",
          "139", "12345678", "A123", "4567"]


def _joined(pieces: list[str], most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=most).map("".join)


@given(st.lists(_joined(_PIECES, 4), min_size=2, max_size=8), st.data())
@settings(max_examples=400, deadline=None)
def test_a_page_checked_by_its_values_finds_exactly_what_the_whole_page_holds(texts, data) -> None:
    # Fixed texts and values cut so that leaks straddle them: a value ending in half an ID
    # number, the text after it holding the rest, values side by side with no text between.
    gate = PrivacyGate.from_values(["A1234567"])
    values = [data.draw(_joined(_LEAKY + _PIECES, 3)) for _ in texts[1:]]
    edges = gate.fixed_text_edges(texts)
    assume(edges is not None)  # (texts that leak on their own are checked whole)
    page = values_view(texts, values).encode()
    view = values_view(edges, values).encode()
    whole = {(leak.kind, leak.excerpt) for leak in gate.scan_bytes("p", page)}
    assert {(leak.kind, leak.excerpt) for leak in gate.scan_bytes("p", view)} == whole


def test_a_leak_split_between_template_text_and_a_value_is_caught_from_the_view() -> None:
    gate = PrivacyGate()
    texts = ["<p>电话1391", "</p>"]
    edges = gate.fixed_text_edges(texts)
    assert edges == texts  # (short texts are kept whole: detectors read the words around a number)
    with pytest.raises(PrivacyLeak):
        gate.check("x.html", values_view(texts, ["2345678"]).encode(), values_view(edges, ["2345678"]).encode())


@pytest.mark.parametrize("texts", [["<p>身份证 11010519491231002X</p>", ""],  # leaks by itself
                                   ["<p>证号１２", "</p>"]])  # full-width digits join tokens when folded
def test_template_text_that_cannot_be_reduced_makes_pages_checked_whole(texts) -> None:
    assert PrivacyGate().fixed_text_edges(texts) is None


def test_free_text_never_values_make_pages_checked_whole() -> None:
    # Matched anywhere, across template text and values alike: no view can stand in for the page.
    assert PrivacyGate.from_values(["张三 住址 某街道1号"]).fixed_text_edges(["<p>", "</p>"]) is None


# -- files read piece by piece (PrivacyGate.scan_text: pieces between breaks, context windows) --
_CERTIFIED = "88046493，本局执法人员于二〇二六年三月对当事人经营场所进行检查，发现其未按规定公示许可证件。"
_GATE = PrivacyGate.from_values(["A1234567"], org_numbers=["057985001234"], names=["欧阳娜娜", "阿依古丽·买买提"])
_GATE.certify([_CERTIFIED, "联系人欧阳娜娜在场，当事人对违法事实无异议，本局依法作出处罚，以上事实有现场检查笔录为证。"])
_FRAGMENTS = ["<dd>", "</dt>", '"', ",", "\n", " ", "-", "：", "当事人", "公司的货车", "其妻驾驶", "本局",
              "电话", "联系电话：", "账号", "账户", "微信", "QQ", "浙A", "浙 a", "12", "345", "88046493", "1391234",
              "5678", "13912345678", "6222021234567890123", "0579-88046493", "057985001234", "11010519491231002X",
              "E1234", "A1234567", "欧阳", "娜娜", "阿依古丽·买买提", _CERTIFIED, "号",
              "经查当事人于现场", "本局执法人员依法检查", "至"]  # (fillers: a cue's distance to a break varies)


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join), st.sampled_from(["p/index.html", "d.csv"]))
@settings(max_examples=600, deadline=None)
def test_reading_a_file_piece_by_piece_finds_exactly_what_reading_it_whole_finds(text: str, path: str) -> None:
    # One gate for every example, as in a render worker: what it remembers from earlier files
    # (pieces that passed, a certified value) must never let a later file through.
    assert sorted(map(str, _GATE.scan_text(path, text))) == sorted(map(str, _GATE.scan_whole(path, text)))


@pytest.mark.parametrize("text", [
    "<dt>账号</dt><dd>88046493</dd>",  # the cue in the markup, the number in the value
    f"<dt>账号</dt><dd>{_CERTIFIED}</dd>",  # a certified value whose meaning the text before it changes
    "<dd>银行卡号</dd><dd>6222 0212 3456 7890</dd>", 'note,"13912345678"', "<p>欧阳娜娜</p>",
])
def test_what_a_page_means_across_its_markup_is_caught(text: str) -> None:
    _GATE.scan_text("warm/index.html", text.replace("账号", "日期").replace("卡号", "编号"))  # (pieces remembered)
    assert _GATE.scan_whole("p/index.html", text)
    assert _GATE.scan_text("p/index.html", text)


def test_only_values_that_pass_alone_are_certified() -> None:
    gate = PrivacyGate.from_values([], names=["欧阳娜娜"])
    tail = "，当事人对违法事实无异议。"
    assert gate.certify(["本局执法人员现场检查" + tail, "罚款"]) == 2
    assert gate.certify(["联系电话13912345678" + tail, "证人欧阳娜娜" + tail, "手机13912345678", ""]) == 0
    assert gate.certify(['含有"引号"的文本' + tail, "A&B", "<b>"]) == 0  # (written differently in HTML and JSON)
    assert gate.scan_text("p.html", "<p>证人欧阳娜娜" + tail + "</p>")  # (and what failed is still read)


def test_the_gate_stops_a_build_whose_scrubber_missed_a_number(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    # The last line of defence: with the scrubber blinded, the phone in 违法事实 reaches every file
    # that shows the decision; the gate must refuse it there although it read every other value
    # of the tables once (certify) and remembers the pieces of earlier pages.
    from gongshi.privacy import redact
    from tests.feedkit import penalties, write_feeds
    from tests.sitekit import build_site

    rows = penalties()
    rows[0]["违法事实"] = "经查，当事人员工在店内销售过期食品，联系电话13712349876，现场查获十二件。"
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=rows)
    monkeypatch.setattr(redact, "find_in_texts", lambda texts, contexts: [[] for _ in texts])
    code, _ = build_site(feeds, tmp_path / "output", "2026-11-23")
    assert code == 1
    leaked = [p for p in (tmp_path / "output").rglob("*") if p.is_file() and b"13712349876" in p.read_bytes()]
    assert leaked == []
