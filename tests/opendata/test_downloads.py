"""CSV downloads: every cell a spreadsheet would read as a formula is neutralised."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongshi.opendata.downloads import neutralise_formula, neutralised

CELL = st.text(alphabet=st.sampled_from(list("=+-@\t\r\n'a1罚款 ")), max_size=6)


@given(st.lists(CELL, max_size=30))
def test_a_column_is_neutralised_cell_by_cell_whatever_its_cells(column: list[str]) -> None:
    assert neutralised(column) == [neutralise_formula(cell) for cell in column]


def test_formula_starts_get_an_apostrophe_and_other_cells_are_kept() -> None:
    assert neutralised(["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "罚款", "a=b"]) == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "罚款", "a=b"]
