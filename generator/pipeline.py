"""read → validate → aggregate → render → write: the one path that cli and tests use."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import schema as S
from generator.annotate import write_annotated_copy
from generator.blank import unit_log_file_name, write_blank_workbook, write_unit_log_workbook
from generator.documents import DOCUMENTS_BY_KEY, YEARLY_DOCUMENTS, DocumentSpec
from generator.errors import (
    UNREADABLE,
    InputsUnreadable,
    Location,
    OutputProblem,
    Problem,
    UsageError,
    ValidationFailed,
    WorkbookUnreadable,
    sorted_problems,
)
from generator.model import Activity, Commune, DocType, PlannedActivity
from generator.reading import WorkbookData, find_workbooks, missing_sheet, read_workbook
from generator.rendering import render_docx
from generator.resources import shipped_templates
from generator.text import fold
from generator.validation import formula_problems, validate_activities, validate_commune, validate_monthly_plan


@dataclass(frozen=True)
class InputsReport:
    """What reading and validating the inputs found, errors included."""

    workbooks: tuple[Path, ...]
    problems: tuple[Problem, ...]
    commune: Commune | None
    activities: tuple[Activity, ...]
    planned: tuple[PlannedActivity, ...]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class LoadedInputs:
    commune: Commune
    activities: tuple[Activity, ...]
    planned: tuple[PlannedActivity, ...]
    workbooks: tuple[Path, ...]
    problems: tuple[Problem, ...]  # warnings only: errors raise ValidationFailed


@dataclass(frozen=True)
class WrittenDocument:
    doc_type: DocType
    path: Path


@dataclass(frozen=True)
class GenerateResult:
    inputs: LoadedInputs
    documents: tuple[WrittenDocument, ...]


def write_atomically(path: Path, data: bytes) -> None:
    """Writes beside the target then renames: a reader sees the old file or the whole new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputProblem(f"Không tạo được thư mục hoặc tệp trong '{path.parent}': {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputProblem(f"Không ghi được tệp '{path}': {exc.strerror or exc}.") from None


def check_inputs(paths: Sequence[Path]) -> InputsReport:
    """Reads every workbook once and validates them together; every problem is returned."""
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"Không tìm thấy '{path}'. Hãy kiểm tra lại đường dẫn tệp hoặc thư mục.")
    workbooks = find_workbooks(paths)
    books: list[WorkbookData] = []
    for path in workbooks:
        try:
            books.append(read_workbook(path))
        except WorkbookUnreadable as exc:
            problems.append(exc.problem)
    main_books = [b for b in books if b.is_main]
    log_books: list[WorkbookData] = []
    for book in books:
        problems.extend(formula_problems(book))
        if book.is_main:
            if book.table(S.ACTIVITY_LOG) is None:
                problems.append(missing_sheet(book.label, S.ACTIVITY_LOG))
            else:
                log_books.append(book)
        elif book.table(S.ACTIVITY_LOG) is None:
            problems.append(
                Problem(
                    Location(book.label),
                    "E-KHONG-PHAI-SO",
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
                "E-KHONG-CO-SO-CHINH",
                "Không có sổ chính (tệp có trang 'Thông tin'). Hãy chép sổ chính của xã vào thư mục đầu vào "
                "hoặc tạo sổ mới bằng lệnh 'ntm init'.",
            )
        )
    for extra in main_books[1:]:
        problems.append(
            Problem(
                Location(extra.label, S.INFO.name),
                "E-NHIEU-SO-CHINH",
                f"Có hơn một sổ chính: '{main_books[0].label}' và '{extra.label}'. "
                "Mỗi lần chạy chỉ dùng sổ chính của một xã, một năm.",
            )
        )
    commune = None
    activities: list[Activity] = []
    planned: list[PlannedActivity] = []
    if main_books:
        main = main_books[0]
        commune, commune_problems = validate_commune(main)
        problems.extend(commune_problems)
        if commune is not None:
            logs = [t for b in log_books if (t := b.table(S.ACTIVITY_LOG)) is not None]
            uncalculated = {(b.label, sheet): refs for b in books for sheet, refs in b.uncalculated.items()}
            activities, activity_problems = validate_activities(commune, logs, uncalculated)
            problems.extend(activity_problems)
            plan_table = main.table(S.MONTHLY_PLAN)
            if plan_table is not None:
                planned, plan_problems = validate_monthly_plan(commune, plan_table)
                problems.extend(plan_problems)
    return InputsReport(tuple(workbooks), tuple(sorted_problems(problems)), commune, tuple(activities), tuple(planned))


def load_inputs(paths: Sequence[Path]) -> LoadedInputs:
    """The validated inputs; raises when any workbook is unreadable or holds an error."""
    report = check_inputs(paths)
    if any(p.code == UNREADABLE for p in report.problems):
        raise InputsUnreadable(list(report.problems))
    if report.commune is None or report.has_errors:
        raise ValidationFailed(list(report.problems))
    return LoadedInputs(report.commune, report.activities, report.planned, report.workbooks, report.problems)


def select_documents(docs: str | None) -> tuple[DocumentSpec, ...]:
    """`--docs kh,pl` → the specs, in print order; None → every yearly document."""
    if not docs:
        return YEARLY_DOCUMENTS
    chosen: list[DocumentSpec] = []
    for key in (fold(part) for part in docs.split(",")):
        if not key:
            continue
        spec = DOCUMENTS_BY_KEY.get(key)
        if spec is None:
            known = ", ".join(d.doc_type.value.lower() for d in YEARLY_DOCUMENTS)
            raise UsageError(f"Không có loại văn bản '{key}'. Các loại có thể chọn: {known}.")
        if spec not in chosen:
            chosen.append(spec)
    return tuple(sorted(chosen, key=YEARLY_DOCUMENTS.index))


def _stamp(commune: Commune) -> dt.datetime:
    day = commune.info.plan_date or dt.date(commune.info.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def render_document(spec: DocumentSpec, commune: Commune, templates: Path) -> bytes:
    template = templates / spec.template
    return render_docx(template, spec.context(commune), _stamp(commune), spec.title(commune))


def generate(
    paths: Sequence[Path],
    out_dir: Path,
    docs: str | None = None,
    templates: Path | None = None,
) -> GenerateResult:
    """The main job: every selected document of the inputs, as drafts under out_dir/<year>/."""
    specs = select_documents(docs)
    inputs = load_inputs(paths)
    templates = templates or shipped_templates()
    commune = inputs.commune
    rendered = [(spec, render_document(spec, commune, templates)) for spec in specs]
    written: list[WrittenDocument] = []
    year_dir = out_dir / str(commune.info.year)
    for spec, data in rendered:
        target = year_dir / spec.file_name(commune)
        write_atomically(target, data)
        written.append(WrittenDocument(spec.doc_type, target))
    return GenerateResult(inputs, tuple(written))


@dataclass(frozen=True)
class ValidationResult:
    report: InputsReport
    annotated: tuple[Path, ...]  # the .loi.xlsx copies written


def validate(paths: Sequence[Path]) -> ValidationResult:
    """`ntm validate`: every problem, and an annotated copy of each workbook that has one."""
    report = check_inputs(paths)
    by_file: dict[str, list[Problem]] = {}
    for problem in report.problems:
        by_file.setdefault(problem.location.file, []).append(problem)
    annotated = [
        write_annotated_copy(path, by_file[path.name])
        for path in report.workbooks
        if path.name in by_file and not any(p.code == UNREADABLE for p in by_file[path.name])
    ]
    return ValidationResult(report, tuple(annotated))


def init_workbook(path: Path, unit: str | None, sources: Sequence[Path], year: int | None = None) -> Path:
    """`ntm init`: a blank main workbook, or with `unit` a per-unit log for that unit.

    `sources` (the main workbook or its folder) give the units and villages of a
    per-unit log, or start a main workbook from this year's lists.
    """
    if unit is None and not sources:
        return write_blank_workbook(path, year=year)
    commune = load_inputs(sources).commune
    if unit is None:
        return write_blank_workbook(path, commune, year=year)
    if path.is_dir():
        path = path / unit_log_file_name(commune, unit)
    return write_unit_log_workbook(path, commune, unit)
