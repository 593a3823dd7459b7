from __future__ import annotations

import pytest

from gongshi.privacy.gate import PrivacyGate, PrivacyLeak


@pytest.mark.parametrize("text", [
    "当事人身份证号11010519491231002X。", "号码 440524188001010014", "证号１１０１０５１９４９１２３１００２ｘ",
    "联系电话13912345678", "电话：+86 13912345678", "手机 8613912345678 请回电",
])
def test_identity_and_mobile_numbers_are_caught(text: str) -> None:
    assert PrivacyGate().scan_text("x.html", text)
    assert PrivacyGate().scan_bytes("x.html", text.encode())  # the bytes fast path agrees


@pytest.mark.parametrize("text", [
    "办公电话 0579-85001234", "统一社会信用代码 91350100M000100Y43", "执法证号 33990001000001",
    "事项编码 339900100001", "一个校验位不对的 110105194912310021", "日期 20260305",
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
