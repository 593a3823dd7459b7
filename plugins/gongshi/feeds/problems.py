"""Problems found in feeds: collected, never thrown one at a time.

Each problem names the file, the row as a spreadsheet shows it (header = row 1), the column,
what was expected and what was found. Errors fail the build; warnings are printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number; None for file-level problems
    column: str  # the header as written in the file (or the canonical header)
    expected: str
    found: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" 列「{self.column}」" if self.column else ""
        found = self.found if len(self.found) <= 80 else self.found[:77] + "…"
        return (f"{SEVERITY_LABEL[self.severity]} {where}{column}: "
                f"应为{self.expected}，实际为「{found}」")


@dataclass
class ProblemLog:
    problems: list[Problem] = field(default_factory=list)

    def error(self, file: str, row: int | None, column: str, expected: str, found: str) -> None:
        self.problems.append(Problem(file, row, column, expected, found, Severity.ERROR))

    def warning(self, file: str, row: int | None, column: str, expected: str, found: str) -> None:
        self.problems.append(Problem(file, row, column, expected, found, Severity.WARNING))

    def extend(self, other: ProblemLog) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.WARNING)

    def report(self) -> str:
        lines = [str(p) for p in self.errors + self.warnings]
        lines.append(f"共 {len(self.errors)} 个错误，{len(self.warnings)} 个警告。")
        return "\n".join(lines)


class FeedError(Exception):
    """The feeds have errors: the build stops before anything is written."""

    exitcode = 1

    def __init__(self, log: ProblemLog):
        self.log = log
        super().__init__("数据源有错误，未发布任何内容：\n" + log.report())
