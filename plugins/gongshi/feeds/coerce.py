"""Typing cells per the schema, a whole column at a time.

Every function takes a Series of raw cells (str from CSV, objects from XLSX) and returns the
typed Series (str values: ISO dates, normalised codes, decimal strings) and a boolean mask of
the cells that could not be read. Blank cells become "" and are never "bad" here; required
checks are the caller's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from .schema import Column, ColumnType

DATE_FORMS = "日期（如 2026-03-05、2026/3/5、2026.3.5、2026年3月5日、20260305）"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL_RE = re.compile(r"^\d{5}(?:\.0+)?$")  # Excel serials for 1927..2173
_TIME_TAIL_RE = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
MULTI_SEPARATORS = re.compile(r"[;；、,，]")


def blank_to_empty(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell != cell:  # NaN
        return ""
    return str(cell)


def map_distinct(cells: pd.Series, function: Callable[[Any], Any]) -> pd.Series:
    """`cells.map(function)`, calling it once per distinct cell: enumerations, dates, amounts
    and codes repeat a lot over 200,000 rows. Keyed by type and value, so 1, 1.0 and True
    (equal in Python) are still read each by its own rule."""
    distinct = distinct_texts(cells)
    if distinct is not None:
        numbers, texts = distinct
        return spread(numbers, [function(text) for text in texts], cells.index)
    memo: dict[tuple[type, Any], Any] = {}
    out = []
    for cell in cells.tolist():
        key = (type(cell), cell)
        try:
            out.append(memo[key])
        except KeyError:
            out.append(memo.setdefault(key, function(cell)))
    return pd.Series(out, index=cells.index, dtype=object)


def distinct_texts(cells: pd.Series) -> tuple[np.ndarray, list[str]] | None:
    """(number of each cell's distinct value, the distinct values) when every cell is a str,
    as every CSV cell is; None otherwise (XLSX numbers, dates, blanks). pandas hashes the
    cells in C: far faster than a dict filled from Python. A cell of another type would be
    merged with an equal one (1 with 1.0 and True): then the distinct values are not all str."""
    numbers, values = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=False)
    texts = values.tolist()
    if not all(type(text) is str for text in texts):
        return None
    return numbers, texts


def spread(numbers: np.ndarray, results: list[Any], index: pd.Index) -> pd.Series:
    """The result of each cell's distinct value, as an object Series."""
    table = np.empty(len(results), dtype=object)
    for position, result in enumerate(results):  # (element by element: a result may be a tuple)
        table[position] = result
    return pd.Series(table[numbers], index=index, dtype=object)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def to_text(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    try:  # CSV cells, all str: no conversion needed (str.strip refuses anything else)
        values = pd.Series(list(map(str.strip, cells.tolist())), index=cells.index, dtype=object)
    except TypeError:
        values = cells.map(_cell_text).str.strip()
    return values, pd.Series(False, index=cells.index)


def _cell_text(cell: object) -> str:
    # A workbook number cell (3.0) must read as "3", not "3.0"; 3.3000000000000003 as "3.3".
    if isinstance(cell, float):
        return number_text(cell)
    if isinstance(cell, (dt.datetime, dt.date)):
        return _excel_date(cell)
    return blank_to_empty(cell)


def to_code(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Identifiers: width-normalised, all whitespace removed, upper-cased."""
    distinct = distinct_texts(cells)
    if distinct is not None:  # (CSV: each distinct cell stripped and read once)
        numbers, texts = distinct
        values = spread(numbers, [_code(text.strip()) for text in texts], cells.index)
    else:
        values = map_distinct(to_text(cells)[0], _code)
    return values, pd.Series(False, index=cells.index)


def _code(text: str) -> str:
    return "".join(nfkc(text).split()).upper()


def number_text(number: float) -> str:
    """A spreadsheet number as the spreadsheet shows it: binary floating point makes 1.1 + 2.2
    3.3000000000000003; a spreadsheet keeps 15 significant digits, so do we."""
    if number != number or number in (float("inf"), float("-inf")):
        return ""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return format(Decimal(format(number, ".15g")).normalize(), "f")


def parse_date(cell: object) -> str | None:
    """One cell -> ISO date, "" for blank, None when it is not a date."""
    if isinstance(cell, (dt.datetime, dt.date)):
        return _excel_date(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _serial_date(float(cell))
    text = nfkc(blank_to_empty(cell)).strip()
    if not text:
        return ""
    text = _TIME_TAIL_RE.sub("", text)  # "2026-03-05 00:00:00" from a spreadsheet export
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    if _SERIAL_RE.match(text):
        return _serial_date(float(text))
    return None


def _excel_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def _serial_date(serial: float) -> str | None:
    if not serial.is_integer() or not 10000 <= serial <= 100000:
        return None
    return (_EXCEL_EPOCH + dt.timedelta(days=int(serial))).isoformat()


_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII only: ２０２６-０６-０５ goes through NFKC


def to_date(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    distinct = distinct_texts(cells)
    if distinct is not None:  # each distinct date read once (many rows share a day)
        numbers, texts = distinct
        result = spread(numbers, _dates(texts), cells.index)
    else:
        result = pd.Series(_dates(cells.tolist()), index=cells.index, dtype=object)
    return result.fillna(""), result.isna()


def _dates(cells: list[Any]) -> list[str | None]:
    # Most feeds write ISO dates: check those in one vectorised pass (a real calendar date?),
    # and parse every other form cell by cell.
    values = [c.strip() if type(c) is str else c for c in cells]
    iso = [type(v) is str and bool(_ISO_DATE_RE.fullmatch(v)) for v in values]
    parsed: list[str | None] = [None] * len(values)
    if any(iso):
        iso_values = [v for v, ok in zip(values, iso) if ok]
        real = pd.to_datetime(pd.Series(iso_values), format="%Y-%m-%d", errors="coerce").notna().tolist()
        checked = iter(real)
        for i, ok in enumerate(iso):
            if ok:
                parsed[i] = values[i] if next(checked) else None
    others = [i for i, ok in enumerate(iso) if not ok]
    if others:
        read = map_distinct(pd.Series([values[i] for i in others], dtype=object), parse_date).tolist()
        for i, value in zip(others, read):
            parsed[i] = value
    return parsed


def parse_decimal(cell: object) -> str | None:
    """Plain, thousands-separated or full-width numbers -> canonical decimal string."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and cell != cell:
            return ""
        number = Decimal(number_text(cell) if isinstance(cell, float) else str(cell))
    else:
        text = "".join(nfkc(blank_to_empty(cell)).split()).replace(",", "")
        if not text:
            return ""
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite():
        return None
    return format(number.normalize(), "f")


def to_decimal(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    parsed = map_distinct(cells, parse_decimal)
    return parsed.fillna(""), parsed.isna()


_AMOUNT = re.compile(r"(-?\d+(?:\.\d+)?)(万元|万|元)")
YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10000), "万": Decimal(10000)}


def parse_amount(cell: object, unit: str) -> str | None:
    """An amount in the column's unit: a plain number as parse_decimal reads it, or a number
    written with a unit (5000元, 0.5万元, 5,000 元) converted to the column's unit."""
    plain = parse_decimal(cell)
    if plain is not None or not isinstance(cell, str):
        return plain
    match = _AMOUNT.fullmatch("".join(nfkc(cell).split()).replace(",", ""))
    if match is None:
        return None
    number = Decimal(match.group(1)) * YUAN_PER_UNIT[match.group(2)] / YUAN_PER_UNIT[unit]
    return format(number.normalize(), "f")


def to_amount(cells: pd.Series, unit: str) -> tuple[pd.Series, pd.Series]:
    parsed = map_distinct(cells, lambda cell: parse_amount(cell, unit))
    return parsed.fillna(""), parsed.isna()


def to_integer(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    values, bad = to_decimal(cells)
    not_integral = (values != "") & ~values.str.fullmatch(r"-?\d+")
    return values.where(~not_integral, ""), bad | not_integral


def to_enum(cells: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    choices = {nfkc(c): c for c in column.choices} | {nfkc(code): value for code, value in column.choice_codes}

    def read(cell: object) -> tuple[str, bool]:
        text = nfkc(blank_to_empty(cell)).strip()
        return (choices.get(text, "") if text else column.default), text != "" and text not in choices

    return map_distinct_pairs(cells, read)


def to_multi_enum(cells: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    choices = {nfkc(c): c for c in column.choices} | {nfkc(code): value for code, value in column.choice_codes}

    def split(cell: object) -> tuple[str, bool]:
        parts = [p.strip() for p in MULTI_SEPARATORS.split(nfkc(blank_to_empty(cell)))]
        parts = [p for p in parts if p]
        ok = all(p in choices for p in parts)
        return ";".join(choices.get(p, p) for p in parts), not ok

    return map_distinct_pairs(cells, split)


_TRUE = {"是", "y", "yes", "true", "1"}
_FALSE = {"否", "n", "no", "false", "0"}


def to_boolean(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    def read(cell: object) -> tuple[str, bool]:
        text = nfkc(blank_to_empty(cell)).strip().casefold()
        value = "是" if text in _TRUE else ("否" if text in _FALSE else "")
        return value, text != "" and value == ""

    return map_distinct_pairs(cells, read)


def map_distinct_pairs(cells: pd.Series, function: Callable[[Any], tuple[str, bool]]) -> tuple[pd.Series, pd.Series]:
    """(values, bad mask) from a function that reads one cell into (value, bad), called once per
    distinct cell as map_distinct does."""
    distinct = distinct_texts(cells)
    if distinct is not None:
        numbers, texts = distinct
        values, bad = zip(*[function(text) for text in texts]) if texts else ((), ())
        return spread(numbers, list(values), cells.index), pd.Series(np.array(bad, dtype=bool)[numbers],
                                                                     index=cells.index)
    pairs = map_distinct(cells, function)
    return pairs.map(lambda p: p[0]), pairs.map(lambda p: p[1]).astype(bool)


def coerce_column(cells: pd.Series, column: Column) -> tuple[pd.Series, pd.Series, str]:
    """Return (values, bad mask, what was expected) for one column."""
    kind = column.type
    if kind is ColumnType.DATE:
        return (*to_date(cells), DATE_FORMS)
    if kind is ColumnType.DECIMAL and column.unit:
        return (*to_amount(cells, column.unit), f"以{column.unit}为单位的数字（如 1.5），或带单位的金额（如 5000元）")
    if kind is ColumnType.DECIMAL:
        return (*to_decimal(cells), "数字（如 1200、1,200.50）")
    if kind is ColumnType.INTEGER:
        return (*to_integer(cells), "整数")
    if kind is ColumnType.ENUM:
        return (*to_enum(cells, column), "以下之一：" + " / ".join(column.choices))
    if kind is ColumnType.MULTI_ENUM:
        return (*to_multi_enum(cells, column),
                "以下一项或多项（以；、, 分隔）：" + " / ".join(column.choices))
    if kind is ColumnType.BOOLEAN:
        return (*to_boolean(cells), "是 或 否")
    if kind is ColumnType.CODE:
        return (*to_code(cells), "编码")
    return (*to_text(cells), "文本")
