"""CSV downloads: every cell a spreadsheet would read as a formula is neutralised, and the file
is, byte for byte, what Python's csv.writer writes (QUOTE_MINIMAL, CRLF) after a UTF-8 BOM."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from gongshi.opendata.downloads import neutralise_formula, table_csv

HOSTILE = st.text(alphabet=st.sampled_from(list("=+-@\t\r\n,\"'a1罚款 é\x00")), max_size=6)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)  # (no lone surrogates)
NOT_TEXT = st.one_of(st.none(), st.integers(), st.floats(), st.booleans())


def reference_csv(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> bytes:
    """csv.writer over the neutralised str() of every value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    writer.writerows([neutralise_formula(str(value)) for value in row]
                     for row in zip(*(frame[key].tolist() for key, _ in columns)))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


@st.composite
def tables(draw: st.DrawFn) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    width, height = draw(st.integers(1, 4)), draw(st.integers(0, 8))
    columns = [(f"c{i}", draw(st.one_of(HOSTILE, ANY_TEXT))) for i in range(width)]
    data = {}
    for key, _ in columns:
        cells = st.one_of(HOSTILE, ANY_TEXT, NOT_TEXT) if draw(st.booleans()) else st.one_of(HOSTILE, ANY_TEXT)
        data[key] = pd.Series(draw(st.lists(cells, min_size=height, max_size=height)), dtype=object)
        if draw(st.booleans()) and all(isinstance(v, str) for v in data[key]):
            data[key] = data[key].astype("string")  # (the loader's text columns are of both kinds)
    return pd.DataFrame(data), columns


@given(tables())
def test_the_csv_is_what_csv_writer_writes_of_the_neutralised_cells(table: tuple[pd.DataFrame, list]) -> None:
    frame, columns = table
    assert table_csv(frame, columns) == reference_csv(frame, columns)


def test_a_string_column_with_missing_values_is_written_as_str_writes_them() -> None:
    frame = pd.DataFrame({"a": pd.Series(["x", None], dtype="string"), "b": ["=1", "2"]})
    columns = [("a", "甲"), ("b", "乙")]
    assert table_csv(frame, columns) == reference_csv(frame, columns)
    assert table_csv(frame, columns).decode("utf-8-sig").splitlines()[2] == "<NA>,2"


def test_formula_starts_get_an_apostrophe_and_quoting_is_csv_quoting() -> None:
    cells = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "罚款", "a=b", "a,b", "一\n二", ""]
    text = table_csv(pd.DataFrame({"v": cells}), [("v", "值")]).decode("utf-8")
    assert text.split("\r\n") == ["\ufeff值", "\"'=HYPERLINK(\"\"http://x\"\")\"", "'+1", "'-2", "'@SUM(A1)", "'\tx",
                                  "\"'\rx\"", "罚款", "a=b", "\"a,b\"", "\"一\n二\"", "\"\"", ""]
