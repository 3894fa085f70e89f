"""read → validate → aggregate → render → write: the one path that cli and tests use."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator import schema as S
from generator.aggregation import Progress, aggregate_month, months_with_data, next_month
from generator.documents import ALL_DOCUMENTS, ANNEX, DOCUMENTS_BY_KEY, MONTHLY_PLAN, MONTHLY_REPORT, PLAN, DocumentSpec, Source, missing_causes
from generator.files import write_atomically
from generator.pdf import LibreOfficeMissing, convert_to_pdf, find_soffice, merge_pdfs
from generator.errors import (
    ProblemCode,
    UNREADABLE,
    InputsUnreadable,
    Location,
    OutputProblem,
    Problem,
    Severity,
    TemplateProblem,
    UsageError,
    ValidationFailed,
    WorkbookUnreadable,
    sorted_problems,
)
from generator.model import Activity, Commune, DocType, PlannedActivity
from generator.reading import ANNOTATED_SUFFIX, DOUBLED_SHEET, WORKBOOK_SUFFIXES, WorkbookData, find_workbooks, missing_sheet, read_workbook
from generator.resources import shipped_inputs, shipped_templates
from generator.text import fold
from generator.validation import formula_problems, validate_activities, validate_commune, validate_monthly_plan

if TYPE_CHECKING:  # Word, Excel-writing and register code is imported by the commands that use it
    from generator.formatcheck import Finding
    from generator.issuedates import IssueWindow
    from generator.register import IssuedDocument, RebuildReport, RegisteredDocument, VerifyReport


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
    reminders: tuple[str, ...] = ()  # what the clerk should still add (the month's Nguyên nhân)


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
        doubled = [p for p in book.problems if p.code == DOUBLED_SHEET]
        if book.is_main:
            if book.table(S.ACTIVITY_LOG) is None:
                if not any(fold(p.message).find(fold(S.ACTIVITY_LOG.name)) >= 0 for p in doubled):
                    problems.append(missing_sheet(book.label, S.ACTIVITY_LOG, str(book.path)))
            else:
                log_books.append(book)
        elif doubled:
            problems.extend(book.problems)
        elif book.table(S.ACTIVITY_LOG) is None:
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
    if not chosen:
        known = ", ".join(d.key for d in ALL_DOCUMENTS)
        raise UsageError(f"--docs '{docs}' không chọn văn bản nào. Hãy ghi một hoặc vài loại, cách nhau dấu phẩy: {known}.")
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
    from generator.templatecheck import check_template
    from generator.rendering import render_docx

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
    return render_docx(template, context, _stamp(source), spec.title(source), spec.key)


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    findings: tuple[Finding, ...]
    guidance: str  # the guidance the document was checked against ('' for templates)


def check_files(paths: Sequence[Path], templates: bool = False, kind: str | None = None) -> tuple[CheckedFile, ...]:
    """`ntm check`: the format rules on documents (with their printed pages when LibreOffice
    is installed, all in one run), or the template checks on templates.

    A template's kind is `kind` when given, else read from its name or its own title."""
    from generator.formatcheck import check_printed
    from generator.templatecheck import check_template, template_kind
    from generator.templateversion import version_findings

    for path in paths:
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp '{path}'.")
    if not templates:
        return tuple(CheckedFile(r.path, r.findings, r.guidance_name) for r in check_printed(list(paths)))
    checked = []
    for path in paths:
        found = kind or template_kind(path)
        if found is None:
            known = ", ".join(f"{d.key} ({d.template})" for d in ALL_DOCUMENTS)
            raise UsageError(f"Không biết '{path.name}' là mẫu của văn bản nào: hãy ghi loại bằng --kind (một trong: {known}).")
        findings = [*check_template(path, provided_context(found)), *version_findings(path)]
        checked.append(CheckedFile(path, tuple(findings), ""))
    return tuple(checked)


@functools.cache
def _sample_inputs() -> LoadedInputs:
    return load_inputs([shipped_inputs()])


@functools.cache
def provided_context(spec_key: str) -> Mapping[str, object]:
    """The context the renderer gives a document kind ('kh', 'pl', 'kht', 'bc', 'bcn' or a
    template's file name), built from the shipped sample (March for the monthly ones)."""
    spec = _spec_of(spec_key)
    inputs = _sample_inputs()
    month = dt.date(inputs.commune.info.year, 3, 1) if spec.monthly else None
    source = Source(inputs.commune, inputs.activities, inputs.planned, month)
    return MappingProxyType(dict(spec.context(source)))


def _spec_of(key: str) -> DocumentSpec:
    spec = DOCUMENTS_BY_KEY.get(fold(key)) or next((d for d in ALL_DOCUMENTS if d.template == Path(key).name), None)
    if spec is None:
        known = ", ".join(f"{d.key} ({d.template})" for d in ALL_DOCUMENTS)
        raise UsageError(f"Không biết loại văn bản '{key}'. Các loại có mẫu: {known}.")
    return spec


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
    archive: Path = Path("archive"),
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
    # the report cites the month's plan by number once `ntm issue` has registered it; with no
    # archive folder there is no register, and its modules (sqlite3, the Excel export) stay unloaded
    cited: Mapping[dt.date, tuple[str, dt.date]] = {}
    if archive.is_dir():
        from generator.register import issued_monthly_plans

        cited = issued_monthly_plans(archive, inputs.commune.info.year)
    source = Source(inputs.commune, inputs.activities, inputs.planned, report_month, cited)
    rendered = [(spec, render_document(spec, source, templates)) for spec in specs]
    written: list[WrittenDocument] = []
    for spec, data in rendered:
        target = out_dir.joinpath(*spec.relative_path(source).parts)
        write_atomically(target, data)
        written.append(WrittenDocument(spec.doc_type, target))
    reminders = cause_reminder(source) if MONTHLY_REPORT in specs else ()
    if not pdf or not written:
        return GenerateResult(inputs, tuple(written), report_month, reminders=reminders)
    pdfs = convert_to_pdf([w.path for w in written], profile=office_profile)
    bundle = merge_pdfs(pdfs, out_dir / str(inputs.commune.info.year) / PRINT_BUNDLE)
    return GenerateResult(inputs, tuple(written), report_month, tuple(pdfs), bundle, reminders)


def cause_reminder(source: Source) -> tuple[str, ...]:
    """A month whose report has no `Nguyên nhân` of the office: the clerk is reminded."""
    if source.month is None or not missing_causes(source):
        return ()
    return (
        f"Nhắc: báo cáo tháng {source.month.month}/{source.month.year} chưa có Nguyên nhân. Hãy ghi vào trang "
        f"'{S.ASSESSMENT.name}' của sổ chính (Tháng {source.month:%m/%Y}, Mục Nguyên nhân) rồi soạn lại.",
    )


PRINT_BUNDLE = "in-tat-ca.pdf"


@dataclass(frozen=True)
class IssueOutcome:
    """What `ntm issue` did: the document issued, and the format warnings of the issued copy."""

    issued: IssuedDocument
    warnings: tuple[Finding, ...]  # checked on the final copy, with its number and issue date
    window: IssueWindow | None  # the issue dates that make sense for it (None: no rule for its type)

    @property
    def record(self) -> RegisteredDocument:
        return self.issued.record

    @property
    def docx(self) -> Path:
        return self.issued.docx

    @property
    def pdf(self) -> Path | None:
        return self.issued.pdf


def issue_date(window: IssueWindow | None, day: dt.date | None, today: dt.date, force: bool) -> dt.date:
    """The issue date: `day`, or today when today falls in the document's window.

    A date outside the window (today's date on last year's report) is refused, naming the
    window, unless `force` says the office knows better.
    """
    if window is None:
        return day or today
    if day is None:
        if window.allows(today):
            return today
        raise UsageError(
            f"Hôm nay ({today:%d/%m/%Y}) không nằm trong thời gian phát hành {window.what} ({window}). "
            "Hãy ghi ngày đã ký phát hành: --date NGÀY/THÁNG/NĂM."
        )
    if window.allows(day) or force:
        return day
    raise UsageError(
        f"Ngày {day:%d/%m/%Y} nằm ngoài thời gian phát hành {window.what} ({window}): chưa cấp số. "
        "Hãy kiểm tra lại --date; nếu văn phòng thật sự phát hành vào ngày đó, chạy lại lệnh với --force "
        "(sổ đăng ký sẽ ghi chú việc này)."
    )


def issue(
    draft: Path,
    archive: Path,
    day: dt.date | None,
    pdf: bool = False,
    reset_each_year: bool = False,
    *,
    force: bool = False,
    today: dt.date | None = None,
) -> IssueOutcome:
    """`ntm issue`: the next number from the register, filled in, archived read-only.

    The issue date must make sense for the document (issuedates); a draft that breaks a format
    rule (ntm check) is refused before any number is taken. The issued copy is then checked
    with its real date, so that a rule that depends on the date (no district level from
    1 July 2025) is reported, as a warning.
    """
    from generator.formatcheck import check_document
    from generator.issuedates import forced_note, issue_window
    from generator.register import describe_draft, issue_document

    if not draft.is_file():
        raise UsageError(f"Không tìm thấy tệp '{draft}'.")
    summary = describe_draft(draft)
    window = issue_window(summary.doc_type, summary.title)
    chosen = issue_date(window, day, today or dt.date.today(), force)
    note = forced_note(window, chosen) if window is not None and not window.allows(chosen) else ""
    issued = issue_document(
        draft,
        archive,
        chosen,
        pdf=pdf,
        reset_each_year=reset_each_year,
        check=lambda path: [f for f in check_document(path) if f.is_error],
        note=note,
    )
    warnings = tuple(f for f in check_document(issued.docx) if not f.is_error)
    return IssueOutcome(issued, warnings, window)


@dataclass(frozen=True)
class RegisterListing:
    documents: tuple[RegisteredDocument, ...]
    exported: Path | None


def find_register(archive: Path) -> Path | None:
    """The register file of `archive`, or None when nothing was ever issued there."""
    from generator.register import register_path

    path = register_path(archive)
    return path if path.is_file() else None


def register_listing(archive: Path, year: int | None, export: Path | None) -> RegisterListing:
    """`ntm register`: the issued documents, and the register as an Excel file on request."""
    from generator.register import export_register, list_documents

    documents = tuple(list_documents(archive, year))
    exported = export_register(archive, export, year) if export is not None else None
    return RegisterListing(documents, exported)


def rebuild_register(archive: Path) -> RebuildReport:
    """`ntm verify --rebuild`: the register rebuilt from the archived files, which carry their numbers."""
    from generator import register

    return register.rebuild_register(archive)


def verify(archive: Path) -> VerifyReport:
    """`ntm verify`: every archived file against the SHA-256 recorded when it was issued."""
    from generator.register import verify_archive

    return verify_archive(archive)


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
            not_written.append(Problem(Location(path.name, path=str(path)), ProblemCode.ANNOTATION_NOT_WRITTEN, f"{exc} Các lỗi vẫn được liệt kê ở đây.", Severity.WARNING))
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


@dataclass(frozen=True)
class Deadline:
    doc_type: DocType
    title: str
    due: dt.date  # to be sent before this day
    days_left: int  # negative when past
    draft: Path
    draft_exists: bool
    issued: RegisteredDocument | None = None  # the register's copy of it, when issued


@dataclass(frozen=True)
class StatusReport:
    month: dt.date
    today: dt.date
    deadlines: tuple[Deadline, ...]
    idle_units: tuple[str, ...]
    idle_villages: tuple[str, ...]
    activities_in_month: int
    reminders: tuple[str, ...] = ()
    progress: tuple[Progress, ...] = ()  # per village (and commune centre) × target, cumulative to the month
    months_with_data: tuple[dt.date, ...] = ()


def _issued_for(documents: Sequence[RegisteredDocument], doc_type: DocType, month: dt.date) -> RegisteredDocument | None:
    """The first document of the register, not withdrawn, of that type for that month."""
    from generator.issuedates import document_month

    for document in documents:
        if document.withdrawn or document.doc_type != doc_type.value:
            continue
        if document_month(document.title) == (month.year, month.month):
            return document
    return None


def status(
    paths: Sequence[Path], out_dir: Path, month: dt.date | None, today: dt.date, archive: Path | None = None
) -> StatusReport:
    """`ntm status`: the month's deadlines, what the register says was issued for them, its
    drafts, and who logged nothing in it."""
    from generator.register import DEFAULT_ARCHIVE, list_documents

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
    registered = list_documents(archive if archive is not None else DEFAULT_ARCHIVE)
    deadlines = []
    for spec, day in ((MONTHLY_PLAN, info.monthly_plan_deadline), (MONTHLY_REPORT, info.monthly_report_deadline)):
        due = month.replace(day=min(day, (next_month(month) - dt.timedelta(days=1)).day))
        draft = out_dir.joinpath(*spec.relative_path(source).parts)
        issued = _issued_for(registered, spec.doc_type, month)
        deadlines.append(
            Deadline(spec.doc_type, spec.title(source), due, (due - today).days, draft, draft.is_file(), issued)
        )
    return StatusReport(
        month,
        today,
        tuple(deadlines),
        figures.idle_units,
        figures.idle_villages,
        figures.month_totals.activities,
        cause_reminder(source),
        figures.progress,
        tuple(months_with_data(inputs.activities)),
    )
