"""The one exception tree of ntm, and the Problem record that validation returns.

The library raises these; only cli.py turns them into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


UNREADABLE = "E-TEP-KHONG-DOC-DUOC"


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: file, sheet and cell (any of the last two may be absent)."""

    file: str
    sheet: str = ""
    cell: str = ""
    row: int = 0  # for sorting by row; 0 = the sheet or file as a whole

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"{self.file} › {self.sheet}!{self.cell}"
        if self.sheet:
            return f"{self.file} › {self.sheet}"
        return self.file


@dataclass(frozen=True)
class Problem:
    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location} [{self.code}] {self.severity.value}: {self.message}"


def sorted_problems(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """By file, sheet, row, then cell: the order a clerk walks through the workbook."""
    return sorted(
        problems,
        key=lambda p: (p.location.file, p.location.sheet, p.location.row, p.location.cell, p.code),
    )


class NtmError(Exception):
    """Base of every error ntm reports to the clerk. The message is Vietnamese."""

    exit_code = 1


class UsageError(NtmError):
    """The command was asked for something it cannot do (bad option value…)."""

    exit_code = 2


class WorkbookUnreadable(NtmError):
    """A workbook cannot be opened at all: damaged, not a workbook, password-protected."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ValidationFailed(NtmError):
    """The inputs hold errors: nothing is written."""

    exit_code = 3

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("Dữ liệu đầu vào có lỗi: chưa tạo văn bản nào.")
        self.problems = problems


class InputsUnreadable(ValidationFailed):
    """Some input workbooks cannot be opened: an operational error, not bad data."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.args = (f"Không mở được {sum(1 for p in problems if p.code == UNREADABLE)} tệp Excel: chưa tạo văn bản nào.",)


class TemplateProblem(NtmError):
    """A Word template cannot be rendered: missing variable, broken tag…"""


class OutputProblem(NtmError):
    """A document cannot be written where it should go."""
