"""compact_json (orjson) must write exactly json.dumps's bytes: the search index and the
timeliness report are published, and a rebuild must not change a byte of them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.compactjson import compact_json


def reference(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_every_code_point_is_written_as_json_writes_it() -> None:
    # control characters (\b \f \n \r \t and \u00XX), quotes, backslash, DEL, U+2028/2029,
    # BOM, CJK, astral characters: all of Unicode but the surrogates
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert compact_json(chars) == reference(chars)
    assert compact_json({"".join(chars[:0x3000]): "".join(chars)}) == reference({"".join(chars[:0x3000]): "".join(chars)})


def test_small_floats_fall_back_to_json() -> None:
    # orjson writes these as 0.00001 and 1e-7; json as 1e-05 and 1e-07
    for value in (1e-05, -2.5e-05, 1e-07, 1.234e-09, 9.999e-05, 5e-324):
        assert compact_json({"rate": value, "name": "江临"}) == reference({"rate": value, "name": "江临"})


def test_floats_rounded_as_rates_are_the_same() -> None:
    values = [round(a / b, 4) for b in range(1, 400) for a in range(0, b + 1)] + [0.0, -0.0, 1e16, 1.5e300, 0.1 + 0.2]
    assert compact_json(values) == reference(values)


def test_what_orjson_refuses_is_written_by_json() -> None:
    for data in ({1: "a", "b": 2}, [2 ** 64, -(2 ** 63) - 1], {"k": (1, "x", None, True, False)}):
        assert compact_json(data) == reference(data)


def test_text_that_looks_like_a_small_float_is_kept() -> None:
    data = ["fee-2024", "0.00001", "1e-7", {"e-1": "0.0000"}]
    assert compact_json(data) == reference(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2 ** 70), 2 ** 70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_any_json_value_is_written_as_json_writes_it(data: object) -> None:
    try:
        expected = reference(data)
    except UnicodeEncodeError:  # lone surrogates: neither writes them
        return
    assert compact_json(data) == expected
