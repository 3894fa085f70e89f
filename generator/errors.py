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


# The console shows this many problems of each code; the rest are counted (a log of 200,000
# duplicate rows would otherwise print 200,000 lines). `ntm validate` lists them all in the
# sheet `Lỗi` of the annotated copy.
MAX_SHOWN_PER_CODE = 20


def problem_lines(problems: list[Problem] | tuple[Problem, ...], per_code: int = MAX_SHOWN_PER_CODE) -> list[str]:
    """The console listing: the first `per_code` problems of each code in workbook order, then
    one line per code counting the others."""
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    lines = []
    for problem in sorted_problems(problems):
        if shown.get(problem.code, 0) >= per_code:
            hidden[problem.code] = hidden.get(problem.code, 0) + 1
            continue
        shown[problem.code] = shown.get(problem.code, 0) + 1
        lines.append(f"  {problem.location}  [{problem.code}] {problem.severity.value}: {problem.message}")
    for code, count in sorted(hidden.items()):
        more = f"{count:,}".replace(",", ".")
        lines.append(
            f"  … và {more} điểm khác cùng mã [{code}] không in ra đây; lệnh 'ntm validate' ghi đủ mọi điểm "
            "vào trang 'Lỗi' của bản đánh dấu lỗi <tên>.loi.xlsx."
        )
    return lines


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
