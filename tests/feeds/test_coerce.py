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
