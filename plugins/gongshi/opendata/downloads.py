"""CSV downloads of the public view: only published records, masked and scrubbed columns as
published, never-columns absent; safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from ..pages.penalties import SHOWN

# A cell starting with one of these is read as a formula by Excel/WPS/LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Prefix a would-be formula with an apostrophe so it is shown as text (OWASP advice)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


_ANY_FORMULA_START = re.compile("(?:^|\n)[=+\\-@\t\r]")


def neutralised(column: list[str]) -> list[str]:
    """A column's values, each neutralised; one search over the whole column first, since
    almost no column of 200,000 values holds a formula start (a hit only means "look closer")."""
    if not _ANY_FORMULA_START.search("\n".join(column)):
        return column
    return [neutralise_formula(value) for value in column]


def table_csv(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> bytes:
    """UTF-8 with BOM (what Excel on Chinese Windows needs to read UTF-8), CRLF rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    writer.writerows(zip(*(neutralised(list(map(str, frame[key].tolist()))) for key, _ in columns)))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def penalties_csv(decisions: pd.DataFrame) -> bytes:
    columns = [(c.key, c.header) for c in SHOWN] + [("last_day", "公示截止日期（含）")]
    return table_csv(decisions, columns)


def inspections_csv(results: pd.DataFrame) -> bytes:
    """Published spot-check results (natural persons' names masked, 整改要求 scrubbed)."""
    from ..feeds.datasets import INSPECTIONS

    return table_csv(results, [(c.key, c.header) for c in INSPECTIONS.columns])


def supervision_csv(outcomes: pd.DataFrame) -> bytes:
    """Published supervision outcomes, with the rectification status on the build day (逾期)."""
    from ..feeds.datasets import SUPERVISION
    from ..schedule.oversight import RECTIFICATION_LABELS

    frame = outcomes.assign(rect_label=outcomes["rect_status"].map(RECTIFICATION_LABELS))
    return table_csv(frame, [(c.key, c.header) for c in SUPERVISION.columns] + [("rect_label", "整改状态（按生成日期）")])
