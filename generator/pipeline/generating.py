"""The documents: which ones, their context, the template check and the render, written as
drafts (and PDFs); `ntm check` on documents and templates."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator import schema as S
from generator.aggregation import months_with_data
from generator.documents import (
    ALL_DOCUMENTS,
    ANNEX,
    DOCUMENTS_BY_KEY,
    MONTHLY_PLAN,
    MONTHLY_REPORT,
    PLAN,
    DocumentSpec,
    Source,
    missing_causes,
)
from generator.errors import LibreOfficeMissing, TemplateProblem, UsageError
from generator.files import write_atomically
from generator.model import DocType
from generator.pipeline.inputs import LoadedInputs, load_inputs
from generator.resources import shipped_inputs, shipped_templates
from generator.text import fold

if TYPE_CHECKING:  # Word and register code is imported by the functions that use it
    from generator.formatcheck import Finding
    from generator.office import Office


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


PRINT_BUNDLE = "in-tat-ca.pdf"


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
    from generator.rendering import render_docx
    from generator.templatecheck import check_template

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
    office: Office | None = None,
) -> GenerateResult:
    """The main job: every selected document of the inputs, as drafts under out_dir/<year>/;
    with `pdf`, their PDFs too (the process's warm LibreOffice, or `office`: ntm serve's) and
    the print bundle in-tat-ca.pdf. LibreOffice starts before the logs are read, so that its
    start-up runs while the DOCX files are made."""
    if pdf:  # LibreOffice's modules are loaded only by a run that prints
        from generator import pdf as printing

        if printing.find_soffice() is None:
            raise LibreOfficeMissing()
    specs = select_documents(docs, month is not None)
    if pdf:
        printing.warm_up(len(specs), office)
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
    pdfs = printing.convert_to_pdf([w.path for w in written], office=office)
    bundle = printing.merge_pdfs(pdfs, out_dir / str(inputs.commune.info.year) / PRINT_BUNDLE)
    return GenerateResult(inputs, tuple(written), report_month, tuple(pdfs), bundle, reminders)


def cause_reminder(source: Source) -> tuple[str, ...]:
    """A month whose report has no `Nguyên nhân` of the office: the clerk is reminded."""
    if source.month is None or not missing_causes(source):
        return ()
    return (
        f"Nhắc: báo cáo tháng {source.month.month}/{source.month.year} chưa có Nguyên nhân. Hãy ghi vào trang "
        f"'{S.ASSESSMENT.name}' của sổ chính (Tháng {source.month:%m/%Y}, Mục Nguyên nhân) rồi soạn lại.",
    )
