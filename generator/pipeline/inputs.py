"""The inputs: every workbook read once and validated together, the annotated copies of
`ntm validate`, and the new workbooks of `ntm init`."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import schema as S
from generator.activitylog import ActivityLog
from generator.errors import (
    UNREADABLE,
    InputsUnreadable,
    Location,
    OutputProblem,
    Problem,
    ProblemCode,
    Severity,
    UsageError,
    ValidationFailed,
    WorkbookUnreadable,
    sorted_problems,
)
from generator.model import Activity, Commune, PlannedActivity
from generator.reading import (
    ANNOTATED_SUFFIX,
    DOUBLED_SHEET,
    WORKBOOK_SUFFIXES,
    SheetTable,
    WorkbookData,
    find_workbooks,
    missing_sheet,
    read_workbook,
)
from generator.text import fold
from generator.validation import formula_problems, validate_activities, validate_commune, validate_monthly_plan


@dataclass(frozen=True)
class InputsReport:
    """What reading and validating the inputs found, errors included."""

    workbooks: tuple[Path, ...]
    problems: tuple[Problem, ...]
    commune: Commune | None
    log: Sequence[Activity]  # an ActivityLog (columns) where a log was read column by column
    planned: tuple[PlannedActivity, ...]

    @property
    def activities(self) -> tuple[Activity, ...]:
        return _objects(self.log)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def _objects(log: Sequence[Activity]) -> tuple[Activity, ...]:
    """The activities as objects: an ActivityLog makes them once, on first use."""
    return log.activities() if isinstance(log, ActivityLog) else tuple(log)


@dataclass(frozen=True)
class LoadedInputs:
    commune: Commune
    log: Sequence[Activity]  # an ActivityLog (columns) where a log was read column by column
    planned: tuple[PlannedActivity, ...]
    workbooks: tuple[Path, ...]
    problems: tuple[Problem, ...]  # warnings only: errors raise ValidationFailed

    @property
    def activities(self) -> tuple[Activity, ...]:
        return _objects(self.log)


def check_inputs(paths: Sequence[Path], columnar: bool | None = None) -> InputsReport:
    """Reads every workbook once and validates them together; every problem is returned.

    `columnar`: read and validate the activity logs column by column (True), row by row
    (False), or by their size (None: a big log column by column)."""
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"Không tìm thấy '{path}'. Hãy kiểm tra lại đường dẫn tệp hoặc thư mục.")
    workbooks = find_workbooks(paths)
    books: list[WorkbookData] = []
    for path in workbooks:
        try:
            books.append(read_workbook(path, columnar=columnar))
        except WorkbookUnreadable as exc:
            problems.append(exc.problem)
    main_books = [b for b in books if b.is_main]
    log_books: list[WorkbookData] = []
    for book in books:
        problems.extend(formula_problems(book))
        doubled = [p for p in book.problems if p.code == DOUBLED_SHEET]
        if book.is_main:
            if book.log() is None:
                if not any(fold(p.message).find(fold(S.ACTIVITY_LOG.name)) >= 0 for p in doubled):
                    problems.append(missing_sheet(book.label, S.ACTIVITY_LOG, str(book.path)))
            else:
                log_books.append(book)
        elif doubled:
            problems.extend(book.problems)
        elif book.log() is None:
            problems.append(
                Problem(
                    Location(book.label, path=str(book.path)),
                    ProblemCode.NOT_A_BOOK,
                    "Tệp không có trang 'Thông tin' (sổ chính) hay 'Nhật ký' (sổ nhật ký đơn vị). "
                    "Hãy bỏ tệp này ra khỏi thư mục đầu vào.",
                )
            )
        else:
            problems.extend(book.problems)
            log_books.append(book)
    if not main_books and not any(p.code == UNREADABLE for p in problems):
        where = ", ".join(str(p) for p in paths)
        problems.append(
            Problem(
                Location(where),
                ProblemCode.NO_MAIN_BOOK,
                "Không có sổ chính (tệp có trang 'Thông tin'). Hãy chép sổ chính của xã vào thư mục đầu vào "
                "hoặc tạo sổ mới bằng lệnh 'ntm init'.",
            )
        )
    for extra in main_books[1:]:
        problems.append(
            Problem(
                Location(extra.label, S.INFO.name, path=str(extra.path)),
                ProblemCode.SEVERAL_MAIN_BOOKS,
                f"Có hơn một sổ chính: '{main_books[0].label}' và '{extra.label}'. "
                "Mỗi lần chạy chỉ dùng sổ chính của một xã, một năm.",
            )
        )
    commune = None
    activities: Sequence[Activity] = ()
    planned: list[PlannedActivity] = []
    if main_books:
        main = main_books[0]
        commune, commune_problems = validate_commune(main)
        problems.extend(commune_problems)
        if commune is not None:
            logs = [t for b in log_books if (t := b.log()) is not None]
            uncalculated = {(b.label, sheet): [ref for ref, _ in cells] for b in books for sheet, cells in b.unknown.items()}
            tables = [t for t in logs if isinstance(t, SheetTable)]
            if len(tables) == len(logs):
                activities, activity_problems = validate_activities(commune, tables, uncalculated)
            else:
                from generator.columnar import validate_logs  # polars: only where a big log was read

                activities, activity_problems = validate_logs(commune, logs, uncalculated)
            problems.extend(activity_problems)
            plan_table = main.table(S.MONTHLY_PLAN)
            if plan_table is not None:
                planned, plan_problems = validate_monthly_plan(commune, plan_table)
                problems.extend(plan_problems)
    log = activities if isinstance(activities, ActivityLog) else tuple(activities)
    return InputsReport(tuple(workbooks), tuple(sorted_problems(problems)), commune, log, tuple(planned))


def load_inputs(paths: Sequence[Path], columnar: bool | None = None) -> LoadedInputs:
    """The validated inputs; raises when any workbook is unreadable or holds an error.
    `columnar`: as check_inputs."""
    report = check_inputs(paths, columnar)
    if any(p.code == UNREADABLE for p in report.problems):
        raise InputsUnreadable(list(report.problems))
    if report.commune is None or report.has_errors:
        raise ValidationFailed(list(report.problems))
    return LoadedInputs(report.commune, report.log, report.planned, report.workbooks, report.problems)


@dataclass(frozen=True)
class ValidationResult:
    report: InputsReport
    annotated: tuple[Path, ...]  # the .loi.xlsx copies written
    removed: tuple[Path, ...] = ()  # earlier copies of workbooks that now have no problem


def workbooks_in_subfolders(paths: Sequence[Path]) -> tuple[Path, ...]:
    """Workbooks inside sub-folders of the folders given: not read (only a folder's own files are),
    so the summary says so."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            continue
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            for candidate in sorted(sub.rglob("*")):
                name = candidate.name
                if (
                    candidate.suffix.lower() in WORKBOOK_SUFFIXES
                    and not name.lower().endswith(ANNOTATED_SUFFIX)
                    and not name.startswith("~$")
                    and candidate.is_file()
                ):
                    found.append(candidate)
    return tuple(found)


def _is_annotated_copy(path: Path) -> bool:
    """True for a workbook ntm's annotate wrote: an .xlsx holding its problem sheet. Anything
    else of that name (the clerk's own file) is left alone."""
    from generator.annotate import PROBLEM_SHEET

    try:
        with zipfile.ZipFile(path) as package:
            listing = package.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{PROBLEM_SHEET}"' in listing


def _stale_annotated_copies(workbooks: Sequence[Path], faulty: set[str]) -> list[Path]:
    """The annotated copies of workbooks that now have no problem: `<file name>.loi.xlsx`, and
    the `<stem>.loi.xlsx` of earlier versions when no workbook of that stem still has one."""
    from generator.annotate import annotated_path

    faulty_stems = {Path(name).stem for name in faulty}
    stale: list[Path] = []
    for path in workbooks:
        if str(path) in faulty or path.name in faulty:
            continue
        candidates = [annotated_path(path)]
        if path.stem not in faulty_stems:
            candidates.append(path.with_name(path.stem + ANNOTATED_SUFFIX))
        for candidate in candidates:
            if candidate not in stale and candidate.is_file() and _is_annotated_copy(candidate):
                stale.append(candidate)
    return stale


def validate(paths: Sequence[Path]) -> ValidationResult:
    """`ntm validate`: every problem, and an annotated copy of each workbook that has one;
    the annotated copy of a workbook that has none any more is removed."""
    from generator.annotate import write_annotated_copy

    report = check_inputs(paths)
    by_file: dict[str, list[Problem]] = {}
    for problem in report.problems:
        by_file.setdefault(problem.location.workbook, []).append(problem)
    annotated: list[Path] = []
    not_written: list[Problem] = []
    for path in report.workbooks:
        ours = by_file.get(str(path), []) + by_file.get(path.name, [])  # by_file[name]: no path kept
        if not ours or any(p.code == UNREADABLE for p in ours):
            continue
        try:
            annotated.append(write_annotated_copy(path, ours))
        except OutputProblem as exc:
            # the problems above are the answer; the marked copy is a help that may fail (read-only folder)
            not_written.append(
                Problem(
                    Location(path.name, path=str(path)),
                    ProblemCode.ANNOTATION_NOT_WRITTEN,
                    f"{exc} Các lỗi vẫn được liệt kê ở đây.",
                    Severity.WARNING,
                )
            )
    if not_written:
        report = dataclasses.replace(report, problems=report.problems + tuple(not_written))
    removed = []
    for stale in _stale_annotated_copies(report.workbooks, set(by_file)):
        try:
            stale.unlink()
        except OSError:
            continue
        removed.append(stale)
    return ValidationResult(report, tuple(annotated), tuple(removed))


def init_workbook(path: Path, unit: str | None, sources: Sequence[Path], year: int | None = None) -> Path:
    """`ntm init`: a blank main workbook, or with `unit` a per-unit log for that unit.

    `sources` (the main workbook or its folder) give the units and villages of a
    per-unit log, or start a main workbook from this year's lists.
    """
    from generator.blank import unit_log_file_name, write_blank_workbook, write_unit_log_workbook

    if unit is None and not sources:
        return write_blank_workbook(path, year=year)
    commune = load_inputs(sources).commune
    if unit is None:
        return write_blank_workbook(path, commune, year=year)
    if path.is_dir():
        path = path / unit_log_file_name(commune, unit)
    return write_unit_log_workbook(path, commune, unit)
