"""Problems found in feeds: collected, never thrown one at a time.

Each problem names the file, the sheet (workbooks only), the row as a spreadsheet shows it
(header = row 1 when it is the first row), the column, what was expected and what was found.
Errors fail the build; warnings are printed; notes (提示) only say how a file was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number; None for file-level problems
    column: str  # the header as written in the file (or the canonical header)
    expected: str
    found: str
    severity: Severity = Severity.ERROR
    sheet: str = ""  # the worksheet of a workbook; "" for CSV and file-level problems

    def __str__(self) -> str:
        where = self.file + (f"「{self.sheet}」" if self.sheet else "")
        if self.row is not None:
            where += f":{self.row}"
        column = f" 列「{self.column}」" if self.column else ""
        if self.severity is Severity.NOTE or not self.expected:  # (no "expected": a whole message)
            return f"{SEVERITY_LABEL[self.severity]} {where}{column}: {self.found}"
        found = self.found if len(self.found) <= 80 else self.found[:77] + "…"
        return (f"{SEVERITY_LABEL[self.severity]} {where}{column}: "
                f"应为{self.expected}，实际为「{found}」")

    def sort_key(self) -> tuple:
        # File-level problems (row None) come first in their file; the dataclass's own order
        # cannot compare None with a row number.
        return (self.file, self.sheet, -1 if self.row is None else self.row, self.column,
                self.expected, self.found, self.severity.value)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()


@dataclass
class ProblemLog:
    problems: list[Problem] = field(default_factory=list)

    def error(self, file: str, row: int | None, column: str, expected: str, found: str,
              sheet: str = "") -> None:
        self.problems.append(Problem(file, row, column, expected, found, Severity.ERROR, sheet))

    def warning(self, file: str, row: int | None, column: str, expected: str, found: str,
                sheet: str = "") -> None:
        self.problems.append(Problem(file, row, column, expected, found, Severity.WARNING, sheet))

    def note(self, file: str, row: int | None, column: str, expected: str, found: str,
             sheet: str = "") -> None:
        self.problems.append(Problem(file, row, column, expected, found, Severity.NOTE, sheet))

    def extend(self, other: ProblemLog) -> None:
        self.problems.extend(other.problems)

    def _of(self, severity: Severity) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> list[Problem]:
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return self._of(Severity.WARNING)

    @property
    def notes(self) -> list[Problem]:
        return self._of(Severity.NOTE)

    def report(self) -> str:
        lines = [str(p) for p in self.errors + self.warnings + self.notes]
        lines.append(f"共 {len(self.errors)} 个错误，{len(self.warnings)} 个警告。")
        return "\n".join(lines)


READABLE_FILE = "可读取的 CSV（UTF-8、GB18030 或带 BOM 的 UTF-16）或 Excel/ODS 文件"


class UnreadableFeed(ValueError):
    """A file that cannot be read at all; `row` and `column` point into it when known."""

    def __init__(self, message: str, row: int | None = None, column: str = "", expected: str = ""):
        super().__init__(message)
        self.row, self.column = row, column
        self.expected = expected or READABLE_FILE


class FeedError(Exception):
    """The feeds have errors: the build stops before anything is written."""

    exitcode = 1

    def __init__(self, log: ProblemLog):
        self.log = log
        super().__init__("数据源有错误，未发布任何内容：\n" + log.report())
