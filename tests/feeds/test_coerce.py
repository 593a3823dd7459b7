from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gongshi.feeds.coerce import parse_date, parse_decimal, to_enum, to_multi_enum
from gongshi.feeds.schema import Column, ColumnType


@pytest.mark.parametrize("written", [
    "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305", " 2026-03-05 ",
    "２０２６－０３－０５", "2026-03-05 00:00:00", "46086", 46086, 46086.0,
    dt.date(2026, 3, 5), dt.datetime(2026, 3, 5, 0, 0),
])
def test_every_accepted_date_form_reads_as_the_same_day(written: object) -> None:
    assert parse_date(written) == "2026-03-05"


@pytest.mark.parametrize("written", ["2026-02-30", "2026-13-01", "5/3/2026", "明天", "202603", "46086.5"])
def test_impossible_or_unknown_dates_are_rejected(written: object) -> None:
    assert parse_date(written) is None


def test_blank_date_is_empty_not_an_error() -> None:
    assert parse_date("") == ""
    assert parse_date(None) == ""


@pytest.mark.parametrize("written, value", [
    ("1200", "1200"), ("1,200.50", "1200.5"), ("１２００", "1200"), ("0.5", "0.5"), (3.0, "3"),
])
def test_amount_forms(written: object, value: str) -> None:
    assert parse_decimal(written) == value


def test_bad_amount_is_rejected() -> None:
    assert parse_decimal("一千") is None


def test_enum_accepts_width_variants_and_applies_default() -> None:
    column = Column("status", "状态", ColumnType.ENUM, choices=("有效", "已取消"), default="有效")
    values, bad = to_enum(pd.Series(["已取消", "", " 有效 ", "作废"]), column)
    assert values.tolist() == ["已取消", "有效", "有效", ""]
    assert bad.tolist() == [False, False, False, True]


def test_multi_enum_splits_on_every_separator() -> None:
    column = Column("kinds", "处罚类别", ColumnType.MULTI_ENUM, choices=("警告", "罚款", "没收违法所得"))
    values, bad = to_multi_enum(pd.Series(["警告；罚款", "罚款、没收违法所得", "警告,罚款;没收违法所得", "罚款;拘役"]), column)
    assert values.tolist()[:3] == ["警告;罚款", "罚款;没收违法所得", "警告;罚款;没收违法所得"]
    assert bad.tolist() == [False, False, False, True]


# -- reading each distinct cell once (CSV: all str) gives what reading every cell gives ----------
def _as_mixed(cells: list[object]) -> pd.Series:
    """The same cells, with one non-str among them: the cell-by-cell path (XLSX)."""
    return pd.Series([*cells, None], dtype=object)


@pytest.mark.parametrize("column, cells", [
    (Column("d", "日期", ColumnType.DATE),
     ["2026-03-05", " 2026-03-05", "2026/3/5", "２０２６-０３-０５", "2026-02-30", "", "46086", "x", "2026-03-05"]),
    (Column("c", "代码", ColumnType.CODE), [" 91 33ａb ", "91 33AB", "", "x\u3000y", " 91 33ａb "]),
    (Column("e", "类别", ColumnType.ENUM, choices=("罚款", "警告"), default="罚款"),
     ["罚款", " 警告 ", "", "没收", "罚款", "ＡＢ"]),
    (Column("m", "类别", ColumnType.MULTI_ENUM, choices=("罚款", "警告")),
     ["罚款、警告", "罚款；没收", "", "警告", "罚款、警告"]),
    (Column("b", "是否", ColumnType.BOOLEAN), ["是", "YES", " n ", "maybe", "", "1", "是"]),
    (Column("n", "金额", ColumnType.DECIMAL), ["1,200.50", "１２", "", "abc", "1,200.50"]),
])
def test_csv_cells_read_as_each_cell_read_alone(column: Column, cells: list[str]) -> None:
    from gongshi.feeds.coerce import coerce_column

    values, bad, _ = coerce_column(pd.Series(cells, dtype=object), column)
    one_by_one, bad_alone, _ = coerce_column(_as_mixed(cells), column)
    assert values.tolist() == one_by_one.tolist()[:-1]
    assert bad.tolist() == bad_alone.tolist()[:-1]
    assert values.dtype == object and bad.dtype == bool


def test_equal_cells_of_different_types_are_each_read_by_their_own_rule() -> None:
    from gongshi.feeds.coerce import to_boolean, to_date

    values, bad = to_boolean(pd.Series(["1", 1, True, 1.0], dtype=object))  # 1 == 1.0 == True in Python
    assert (values.tolist(), bad.tolist()) == (["是", "是", "是", ""], [False, False, False, True])  # "1.0" is no 是
    assert to_date(pd.Series(["46086", 46086, "46086"], dtype=object))[0].tolist() == ["2026-03-05"] * 3
