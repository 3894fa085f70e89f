"""The one exception tree of ntm, the problem codes, and the Problem record that validation returns.

The library raises these; only cli.py (and the web desk) turn them into messages and exit codes.
Every class an ntm command can let reach the clerk is defined here, so this is the whole tree
(exit code in brackets):

    NtmError (1)                      base: a Vietnamese sentence for the clerk
    ├── UsageError (2)                the command was asked for something it cannot do
    │   └── DraftRefused (3)          this file cannot be issued (numbered already, no number line…)
    ├── WorkbookUnreadable (1)        one workbook cannot be opened (caught into a Problem)
    ├── PackageRefused (1)            a zip (xlsx, docx) breaks a size, ratio or entity guard
    ├── DocumentUnreadable (1)        a file is not a Word document that can be opened
    │   └── DraftUnreadable (1)       the draft to be issued cannot be opened
    ├── ValidationFailed (3)          the inputs hold errors: nothing is written
    │   └── InputsUnreadable (1)      some input workbooks cannot be opened at all
    ├── DraftHasProblems (3)          the format check found problems in a draft: no number taken
    ├── TemplateProblem (1)           a Word template cannot be rendered
    ├── RegisterProblem (1)           the register cannot be opened, is locked, or is too new
    ├── OutputProblem (1)             a document cannot be written where it should go
    │   ├── OutputExists (1)          a file to be written new is already there
    │   │   └── ArchiveConflict (1)   a file of that name is already in the archive
    │   └── PdfConversionFailed (1)   LibreOffice failed or timed out
    └── LibreOfficeMissing (1)        LibreOffice is not installed (INSTALL_HINT says how)

Internal signals that never leave their module: validation.ValueProblem (becomes a Problem),
rendering.TemplateLimitExceeded and rendering._RenderTimeout (become TemplateProblem).

A class that translates a lower error raises `… from err`, so that `NTM_DEBUG=1` prints the
chain down to where the fault came from; the clerk reads the same sentence either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path


class ProblemCode(StrEnum):
    """The stable code of each problem validation reports; the value is what the clerk reads."""

    FILE_UNREADABLE = "E-TEP-KHONG-DOC-DUOC"
    NO_MAIN_BOOK = "E-KHONG-CO-SO-CHINH"
    SEVERAL_MAIN_BOOKS = "E-NHIEU-SO-CHINH"
    NOT_A_BOOK = "E-KHONG-PHAI-SO"
    MISSING_SHEET = "E-THIEU-TRANG"
    MISSING_COLUMN = "E-THIEU-COT"
    MISSING_ITEM = "E-THIEU-MUC"
    DUPLICATE_ITEM = "E-MUC-TRUNG"
    EMPTY_CELL = "E-O-TRONG"
    BAD_VALUE = "E-GIA-TRI-SAI"
    DUPLICATE_NAME = "E-TEN-TRUNG"
    UNKNOWN_NAME = "E-TEN-KHONG-CO"
    EMPTY_SHEET = "E-TRANG-TRONG"
    BAD_DATE = "E-NGAY-SAI"
    DATE_OUTSIDE_YEAR = "E-NGAY-NGOAI-NAM"
    DATE_OUTSIDE_MONTH = "E-NGAY-NGOAI-THANG"
    BAD_COUNT = "E-SO-NGUYEN"
    BAD_TOTAL = "E-TONG-LUOT"
    BAD_NUMBER = "E-SO-SAI"
    NEGATIVE_NUMBER = "E-SO-AM"
    BAD_UNIT = "E-DVT"
    UNCALCULATED_FORMULA = "E-CONG-THUC"
    EXCEL_ERROR = "E-O-LOI"
    DUPLICATE_ROW = "E-DONG-TRUNG"
    SAME_NAMED_SHEETS = "E-TRANG-TRUNG-TEN"
    ANNOTATION_NOT_WRITTEN = "W-KHONG-GHI-BAN-DANH-DAU"
    NAME_WITHOUT_MARKS = "W-TEN-KHONG-DAU"
    BLANK_ROW = "W-DONG-TRONG"
    HOLIDAY = "W-NGAY-LE"
    LEGACY_ENCODING = "W-MA-CU"
    OUTSIDE_ASSIGNMENT = "W-NGOAI-PHAN-CONG"

    @property
    def is_warning(self) -> bool:
        return self.value.startswith("W-")

    @property
    def help(self) -> str:
        """The README's line for this code: its meaning and how to fix it."""
        return CODE_HELP[self]


# The README's table of problem codes is these lines, in this order (tests/test_readme.py).
CODE_HELP: dict[ProblemCode, str] = {
    ProblemCode.FILE_UNREADABLE: "tệp hỏng, có mật khẩu, không phải bảng tính, hoặc có ô ngày tháng không đọc được: mở bằng Excel, lưu lại (mã thoát 1)",
    ProblemCode.NO_MAIN_BOOK: "không có tệp nào có trang `Thông tin`",
    ProblemCode.SEVERAL_MAIN_BOOKS: "có hơn một sổ chính trong thư mục",
    ProblemCode.NOT_A_BOOK: "tệp không có trang `Thông tin` hay `Nhật ký`: bỏ tệp ra khỏi thư mục",
    ProblemCode.MISSING_SHEET: "thiếu một trang bắt buộc",
    ProblemCode.MISSING_COLUMN: "thiếu một cột bắt buộc (ô báo lỗi là ô đầu dòng tiêu đề)",
    ProblemCode.MISSING_ITEM: "trang `Thông tin` thiếu một mục bắt buộc",
    ProblemCode.DUPLICATE_ITEM: "một mục của `Thông tin` ghi hai lần",
    ProblemCode.EMPTY_CELL: "ô bắt buộc để trống",
    ProblemCode.BAD_VALUE: "giá trị không đúng kiểu hoặc không có trong danh mục cho phép (số hộ, loại đơn vị, cách tính…)",
    ProblemCode.DUPLICATE_NAME: "một tên (đơn vị, thôn, mã tiêu chí) ghi hai lần",
    ProblemCode.UNKNOWN_NAME: "tên đơn vị, thôn, mã tiêu chí không có trong danh mục; có gợi ý tên gần nhất",
    ProblemCode.EMPTY_SHEET: "trang danh mục chưa có dòng nào",
    ProblemCode.BAD_DATE: "không phải ngày (nhận ngày của Excel, `15/01/2021`, `5/1/2021`, `2021-01-15`) hoặc tháng (`03/2021`)",
    ProblemCode.DATE_OUTSIDE_YEAR: "ngày, tháng không thuộc năm kế hoạch",
    ProblemCode.DATE_OUTSIDE_MONTH: "ngày dự kiến không thuộc tháng của dòng kế hoạch tháng",
    ProblemCode.BAD_COUNT: "số người không phải số nguyên không âm",
    ProblemCode.BAD_TOTAL: 'tổng lượt người bằng 0 hoặc nhỏ hơn một nhóm (các nhóm là "trong đó" của tổng)',
    ProblemCode.BAD_NUMBER: "khối lượng, ngày công, tiền không phải số (nhận `0,3`, `1.250.000`, `1 250 000`); tiền có phần lẻ; số có hơn 15 chữ số phần nguyên (giới hạn của Excel)",
    ProblemCode.NEGATIVE_NUMBER: "số âm",
    ProblemCode.BAD_UNIT: "đơn vị tính không đổi được sang đơn vị của tiêu chí (đổi được m ↔ km, m² ↔ ha)",
    ProblemCode.UNCALCULATED_FORMULA: "ô có công thức nhưng chưa có kết quả: mở bằng Excel, bấm lưu",
    ProblemCode.EXCEL_ERROR: "ô có giá trị lỗi của Excel (`#REF!`, `#DIV/0!`…): sửa công thức hoặc gõ số",
    ProblemCode.DUPLICATE_ROW: "một dòng nhật ký trùng hệt dòng khác (kể cả ở tệp khác); báo cả hai nơi",
    ProblemCode.SAME_NAMED_SHEETS: "hai trang cùng là một trang cần đọc khi bỏ qua chữ hoa, dấu, khoảng trắng (`Nhật ký` và `NHAT KY`); báo tên cả hai, không đọc trang nào",
    ProblemCode.ANNOTATION_NOT_WRITTEN: "không ghi được bản đánh dấu lỗi `.loi.xlsx` (thư mục chỉ đọc…); các lỗi vẫn được in ra đủ",
    ProblemCode.NAME_WITHOUT_MARKS: 'tên khớp khi bỏ dấu ("Dong Chua 1"): đã nhận theo tên đúng',
    ProblemCode.BLANK_ROW: "dòng trống giữa dữ liệu: bỏ qua",
    ProblemCode.HOLIDAY: "hoạt động vào ngày nghỉ lễ, Tết",
    ProblemCode.LEGACY_ENCODING: 'chữ gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI ("Lμng DÞa"); kèm chữ Unicode đã chuyển ("Làng Dịa")',
    ProblemCode.OUTSIDE_ASSIGNMENT: "đơn vị hoạt động ở thôn không được phân công",
}


def code_table() -> list[str]:
    """The rows of the README's "Mã lỗi" table, written from ProblemCode."""
    return [f"| `{code.value}` | {'cảnh báo' if code.is_warning else 'lỗi'} | {code.help} |" for code in ProblemCode]


UNREADABLE = ProblemCode.FILE_UNREADABLE


class Severity(Enum):
    """How much a problem weighs: an error stops the documents, a warning only reminds."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: file, sheet and cell (any of the last two may be absent).

    `file` is the name the clerk reads; `path` the whole path of the workbook, which tells two
    workbooks of the same name in two folders apart (empty where no one workbook is meant).
    """

    file: str
    sheet: str = ""
    cell: str = ""
    row: int = 0  # for sorting by row; 0 = the sheet or file as a whole
    path: str = field(default="", compare=False)  # equal locations read the same to the clerk

    @property
    def workbook(self) -> str:
        """What tells the workbook apart: its whole path, else its name."""
        return self.path or self.file

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"{self.file} › {self.sheet}!{self.cell}"
        if self.sheet:
            return f"{self.file} › {self.sheet}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One thing found wrong in the inputs, with where it is and how to fix it."""

    location: Location
    code: ProblemCode
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
        key=lambda p: (p.location.file, p.location.path, p.location.sheet, p.location.row, p.location.cell, p.code),
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


class PackageRefused(NtmError):
    """A package broke a limit or is not safe to parse; `reason` and `hint` are Vietnamese."""

    def __init__(self, label: str, reason: str, hint: str) -> None:
        super().__init__(f"Không mở được tệp '{label}': {reason}. {hint}")
        self.label = label
        self.reason = reason
        self.hint = hint


class DocumentUnreadable(NtmError):
    """The file is not a Word document that can be opened."""


class DraftUnreadable(DocumentUnreadable):
    """The draft to be issued cannot be opened as a Word document."""


class DraftRefused(UsageError):
    """This file cannot be issued: it has a number already, has no number line, was issued before…"""

    exit_code = 3  # the file is refused, not the command mistyped (README: exit codes)


class DraftHasProblems(NtmError):
    """The format check found problems in the draft: no number is taken."""

    exit_code = 3

    def __init__(self, draft: Path, findings: Sequence[object]) -> None:
        shown = "; ".join(str(f) for f in findings[:10])
        more = f"; và {len(findings) - 10} điểm khác" if len(findings) > 10 else ""
        super().__init__(
            f"Bản nháp '{draft.name}' chưa đúng thể thức ({len(findings)} điểm): {shown}{more}. "
            "Hãy sửa rồi cấp số lại; chưa lấy số nào."
        )
        self.findings = list(findings)


class RegisterProblem(NtmError):
    """The register cannot be opened, is locked too long, or was made by a newer ntm."""


class OutputExists(OutputProblem):
    """A file to be written new is already there: ntm never overwrites it."""


class ArchiveConflict(OutputExists):
    """A file of that name is already in the archive: it is never overwritten."""


class PdfConversionFailed(OutputProblem):
    """LibreOffice failed, timed out, or did not write every PDF."""


# What the clerk reads wherever LibreOffice is needed and absent (the web page shows it too).
INSTALL_HINT = (
    "Cần LibreOffice để in ra PDF. "
    "Windows: tải tại https://www.libreoffice.org/download/ và cài đặt (giữ thư mục cài đặt mặc định); "
    "Ubuntu/Debian: sudo apt-get install libreoffice-writer; "
    "Fedora: sudo dnf install libreoffice-writer; "
    "macOS: tải tại libreoffice.org hoặc brew install --cask libreoffice. "
    "Nếu LibreOffice cài ở thư mục khác, hãy đặt biến môi trường NTM_SOFFICE là đường dẫn tới tệp soffice."
)


class LibreOfficeMissing(NtmError):
    """LibreOffice is not installed (or not where it is looked for)."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)
