"""read → validate → aggregate → render → write: the one path that cli and tests use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import schema as S
from generator.annotate import write_annotated_copy
from generator.blank import unit_log_file_name, write_blank_workbook, write_unit_log_workbook
from generator.aggregation import Progress, aggregate_month, months_with_data, next_month
from generator.documents import ALL_DOCUMENTS, ANNEX, DOCUMENTS_BY_KEY, MONTHLY_PLAN, MONTHLY_REPORT, PLAN, DocumentSpec, Source
from generator.files import write_atomically
from generator.formatcheck import Finding, check_document, check_template, format_report, provided_context, template_kind
from generator.pdf import LibreOfficeMissing, convert_to_pdf, find_soffice, merge_pdfs
from generator.register import (
    IssuedDocument,
    RegisteredDocument,
    VerifyReport,
    export_register,
    issue_document,
    list_documents,
    verify_archive,
)
from generator.errors import (
    UNREADABLE,
    InputsUnreadable,
    Location,
    OutputProblem,
    Problem,
    TemplateProblem,
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
    month: dt.date | None  # the month of the monthly documents, if any
    pdfs: tuple[Path, ...] = ()
    bundle: Path | None = None  # in-tat-ca.pdf: every PDF of the run, in print order


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
            uncalculated = {(b.label, sheet): [ref for ref, _ in cells] for b in books for sheet, cells in b.unknown.items()}
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


def select_documents(docs: str | None, month_given: bool) -> tuple[DocumentSpec, ...]:
    """`--docs kh,pl` → the specs, in print order. Without it: the plan, the annex and the
    monthly documents; with only `--month`: that month's documents."""
    if not docs:
        return tuple(d for d in ALL_DOCUMENTS if d.monthly) if month_given else (PLAN, ANNEX, MONTHLY_PLAN, MONTHLY_REPORT)
    chosen: list[DocumentSpec] = []
    for key in (fold(part) for part in docs.split(",")):
        if not key:
            continue
        spec = DOCUMENTS_BY_KEY.get(key)
        if spec is None:
            known = ", ".join(d.key for d in ALL_DOCUMENTS)
            raise UsageError(f"Không có loại văn bản '{key}'. Các loại có thể chọn: {known}.")
        if spec not in chosen:
            chosen.append(spec)
    return tuple(sorted(chosen, key=ALL_DOCUMENTS.index))


def parse_month_option(text: str) -> dt.date:
    """`--month 2021-03` (or 03/2021) → 1 March 2021."""
    for pattern in ("%Y-%m", "%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UsageError(f"Tháng '{text}' không đúng dạng; hãy ghi năm-tháng, ví dụ --month 2021-03.")


def _stamp(source: Source) -> dt.datetime:
    info = source.commune.info
    day = source.month or info.plan_date or dt.date(info.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def render_document(spec: DocumentSpec, source: Source, templates: Path) -> bytes:
    """Checks the template against the context it gets (ntm check --template), then renders
    it once: a failure of that render is a TemplateProblem of its own.

    A clerk's edit in Word that broke a tag stops here with the paragraph named,
    not with a Jinja traceback or a half-filled document.
    """
    template = templates / spec.template
    context = spec.context(source)
    if not template.is_file():
        raise TemplateProblem(f"Không có mẫu '{template}'. Hãy chép lại mẫu đi kèm chương trình vào thư mục này.")
    problems = [f for f in check_template(template, context, prove=False) if f.is_error]
    if problems:
        listing = "\n".join(f"  {f}" for f in problems)
        raise TemplateProblem(
            f"Mẫu '{template.name}' có {len(problems)} lỗi, chưa tạo văn bản nào:\n{listing}\n"
            "Hãy sửa mẫu bằng Word rồi chạy lại (kiểm tra: ntm check --template)."
        )
    return render_docx(template, context, _stamp(source), spec.title(source))


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    findings: tuple[Finding, ...]
    guidance: str  # the guidance the document was checked against ('' for templates)


def check_files(paths: Sequence[Path], templates: bool = False) -> tuple[CheckedFile, ...]:
    """`ntm check`: the §6 format rules on documents, or the template checks on templates."""
    checked = []
    for path in paths:
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp '{path}'.")
        if templates:
            kind = template_kind(path)
            if kind is None:
                known = ", ".join(d.template for d in ALL_DOCUMENTS)
                raise UsageError(f"Không biết '{path.name}' là mẫu của văn bản nào; tên mẫu phải là một trong: {known}.")
            checked.append(CheckedFile(path, tuple(check_template(path, provided_context(kind))), ""))
        else:
            report = format_report(path)
            checked.append(CheckedFile(path, report.findings, report.guidance.name))
    return tuple(checked)


def _report_month(inputs: LoadedInputs, month: dt.date | None) -> dt.date | None:
    """The month asked for, or the latest month that has activities."""
    year = inputs.commune.info.year
    if month is not None:
        if month.year != year:
            raise UsageError(f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {year} của sổ chính.")
        return month
    months = months_with_data(inputs.activities)
    return months[-1] if months else None


def generate(
    paths: Sequence[Path],
    out_dir: Path,
    docs: str | None = None,
    templates: Path | None = None,
    month: dt.date | None = None,
    pdf: bool = False,
    office_profile: Path | None = None,
) -> GenerateResult:
    """The main job: every selected document of the inputs, as drafts under out_dir/<year>/;
    with `pdf`, their PDFs too (one LibreOffice run) and the print bundle in-tat-ca.pdf.
    `office_profile`: the profile of a LibreOffice kept running (ntm serve), which then
    does the conversion at once instead of a new LibreOffice starting."""
    if pdf and find_soffice() is None:
        raise LibreOfficeMissing()
    specs = select_documents(docs, month is not None)
    inputs = load_inputs(paths)
    templates = templates or shipped_templates()
    report_month = _report_month(inputs, month)
    if report_month is None:
        if docs and any(s.monthly for s in specs):
            raise UsageError("Sổ nhật ký chưa có hoạt động nào: hãy chọn tháng bằng --month để soạn văn bản tháng.")
        specs = tuple(s for s in specs if not s.monthly)
    source = Source(inputs.commune, inputs.activities, inputs.planned, report_month)
    rendered = [(spec, render_document(spec, source, templates)) for spec in specs]
    written: list[WrittenDocument] = []
    for spec, data in rendered:
        target = out_dir.joinpath(*spec.relative_path(source).parts)
        write_atomically(target, data)
        written.append(WrittenDocument(spec.doc_type, target))
    if not pdf or not written:
        return GenerateResult(inputs, tuple(written), report_month)
    pdfs = convert_to_pdf([w.path for w in written], profile=office_profile)
    bundle = merge_pdfs(pdfs, out_dir / str(inputs.commune.info.year) / PRINT_BUNDLE)
    return GenerateResult(inputs, tuple(written), report_month, tuple(pdfs), bundle)


PRINT_BUNDLE = "in-tat-ca.pdf"


def issue(draft: Path, archive: Path, day: dt.date, pdf: bool = False, reset_each_year: bool = False) -> IssuedDocument:
    """`ntm issue`: the next number from the register, filled in, archived read-only.

    A draft that breaks a format rule (ntm check) is refused before any number is taken.
    """
    if not draft.is_file():
        raise UsageError(f"Không tìm thấy tệp '{draft}'.")
    return issue_document(
        draft,
        archive,
        day,
        pdf=pdf,
        reset_each_year=reset_each_year,
        check=lambda path: [f for f in check_document(path) if f.is_error],
    )


@dataclass(frozen=True)
class RegisterListing:
    documents: tuple[RegisteredDocument, ...]
    exported: Path | None


def register_listing(archive: Path, year: int | None, export: Path | None) -> RegisterListing:
    """`ntm register`: the issued documents, and the register as an Excel file on request."""
    documents = tuple(list_documents(archive, year))
    exported = export_register(archive, export, year) if export is not None else None
    return RegisterListing(documents, exported)


def verify(archive: Path) -> VerifyReport:
    """`ntm verify`: every archived file against the SHA-256 recorded when it was issued."""
    return verify_archive(archive)


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


@dataclass(frozen=True)
class Deadline:
    doc_type: DocType
    title: str
    due: dt.date  # to be sent before this day
    days_left: int  # negative when past
    draft: Path
    draft_exists: bool


@dataclass(frozen=True)
class StatusReport:
    month: dt.date
    today: dt.date
    deadlines: tuple[Deadline, ...]
    idle_units: tuple[str, ...]
    idle_villages: tuple[str, ...]
    activities_in_month: int
    progress: tuple[Progress, ...] = ()  # per village (and commune centre) × target, cumulative to the month
    months_with_data: tuple[dt.date, ...] = ()


def status(paths: Sequence[Path], out_dir: Path, month: dt.date | None, today: dt.date) -> StatusReport:
    """`ntm status`: the month's deadlines, its drafts, and who logged nothing in it."""
    inputs = load_inputs(paths)
    info = inputs.commune.info
    if month is None:
        months = months_with_data(inputs.activities)
        if today.year == info.year:
            month = today.replace(day=1)
        else:
            month = months[-1] if months else dt.date(info.year, 1, 1)
    elif month.year != info.year:
        raise UsageError(f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {info.year} của sổ chính.")
    source = Source(inputs.commune, inputs.activities, inputs.planned, month)
    figures = aggregate_month(inputs.commune, inputs.activities, month)
    deadlines = []
    for spec, day in ((MONTHLY_PLAN, info.monthly_plan_deadline), (MONTHLY_REPORT, info.monthly_report_deadline)):
        due = month.replace(day=min(day, (next_month(month) - dt.timedelta(days=1)).day))
        draft = out_dir.joinpath(*spec.relative_path(source).parts)
        deadlines.append(Deadline(spec.doc_type, spec.title(source), due, (due - today).days, draft, draft.is_file()))
    return StatusReport(
        month,
        today,
        tuple(deadlines),
        figures.idle_units,
        figures.idle_villages,
        figures.month_totals.activities,
        figures.progress,
        tuple(months_with_data(inputs.activities)),
    )
