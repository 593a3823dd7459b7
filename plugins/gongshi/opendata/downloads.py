"""CSV downloads of the public view: only published records, masked and scrubbed columns as
published, never-columns absent; safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

import re

import pandas as pd

from ..feeds.schema import Dataset
from ..pages.penalties import SHOWN

# A cell starting with one of these is read as a formula by Excel/WPS/LibreOffice — also in
# their full-width forms (WPS folds them), and after leading spaces or zero-width characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣")
_FORMULA_RE = re.compile("^[\\s\u200b\u200c\u200d\u2060\ufeff\u3000]*[" + re.escape("".join(FORMULA_STARTS)) + "]")


def neutralise_formula(value: str) -> str:
    """Prefix a would-be formula with an apostrophe so it is shown as text (OWASP advice)."""
    return "'" + value if _FORMULA_RE.match(value) else value


# What makes csv.writer (QUOTE_MINIMAL, lineterminator "\r\n") quote a field.
QUOTED_IF_HOLDING = (",", '"', "\r", "\n")
# A formula start right after the NUL that precedes every value in `_column_cells`' search text.
_FORMULA_AFTER_NUL = re.compile("\x00[\\s\u200b\u200c\u200d\u2060\ufeff\u3000]*["
                                + re.escape("".join(FORMULA_STARTS)) + "]")


def csv_field(value: str) -> str:
    """A value as csv.writer writes it: quoted, its quotes doubled, if it needs quotes."""
    if any(char in value for char in QUOTED_IF_HOLDING):
        return '"' + value.replace('"', '""') + '"'
    return value


def _column_cells(column: pd.Series) -> list[str]:
    """The column's CSV cells: neutralised, then quoted as csv.writer would. One search text
    for the whole column first, since almost no column of 200,000 values holds a formula start,
    a comma, a quote or a line break (a hit only means "look closer": a value may hold a NUL)."""
    values = column.tolist()
    try:
        text = "\x00" + "\x00".join(values)
    except TypeError:  # a value that is not text (a number, a missing value): as str() writes it
        values = list(map(str, values))  # (only then: str() on every value of a column costs)
        text = "\x00" + "\x00".join(values)
    if _FORMULA_AFTER_NUL.search(text):
        values = [neutralise_formula(value) for value in values]
    if any(char in text for char in QUOTED_IF_HOLDING):  # (the apostrophe added needs no quotes)
        values = [csv_field(value) for value in values]
    return values


def table_csv(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> bytes:
    """UTF-8 with BOM (what Excel on Chinese Windows needs to read UTF-8), CRLF rows: the bytes
    csv.writer writes, but built a column at a time (csv.writer looks at each of 200,000 x 25
    cells; here a column is searched once and its cells are joined as they are)."""
    cells = [_column_cells(frame[key]) for key, _ in columns]
    rows = [",".join(csv_field(header) for _, header in columns), *map(",".join, zip(*cells))]
    if len(columns) == 1:  # csv.writer quotes a row's lone empty field (else it is no row)
        rows = [row or '""' for row in rows]
    rows[0] = "\ufeff" + rows[0]
    rows.append("")  # (the last row's CRLF; the text is large: no concatenating it again)
    return "\r\n".join(rows).encode("utf-8")


PENALTY_COLUMNS = [(c.key, c.header) for c in SHOWN] + [("last_day", "公示截止日期（含）")]


def penalties_csv(decisions: pd.DataFrame) -> bytes:
    return table_csv(decisions, PENALTY_COLUMNS)


def inspection_columns() -> list[tuple[str, str]]:
    """Published spot-check results (natural persons' names masked, 整改要求 scrubbed)."""
    from ..feeds.datasets import INSPECTIONS

    return [(c.key, c.header) for c in INSPECTIONS.published_columns()]


def supervision_columns() -> list[tuple[str, str]]:
    """Published supervision outcomes, with the rectification status on the build day (逾期)."""
    from ..feeds.datasets import SUPERVISION

    return [(c.key, c.header) for c in SUPERVISION.columns] + [("rect_label", "整改状态（按生成日期）")]


def with_rectification_label(outcomes: pd.DataFrame) -> pd.DataFrame:
    from ..schedule.oversight import RECTIFICATION_LABELS

    return outcomes.assign(rect_label=outcomes["rect_status"].map(RECTIFICATION_LABELS))


def shown_frame(dataset: Dataset, records: pd.DataFrame) -> pd.DataFrame:
    """A schema-published dataset's records (pages.generic.published_records) as its pages show
    them: text cells, enumerations joined with 、, the never-columns absent."""
    from ..pages.generic import shown_value

    return pd.DataFrame({c.key: [shown_value(c, v) for v in records[c.key].tolist()]
                         for c in dataset.published_columns()}, index=records.index)

