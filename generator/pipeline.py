"""read → validate → aggregate → render → write: the one path that cli and tests use."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import schema as S
from generator.documents import DOCUMENTS_BY_KEY, YEARLY_DOCUMENTS, DocumentSpec
from generator.errors import UNREADABLE, InputsUnreadable, Location, OutputProblem, Problem, UsageError, ValidationFailed, WorkbookUnreadable
from generator.model import Commune, DocType
from generator.reading import WorkbookData, blank_row_warnings, find_workbooks, read_workbook
from generator.rendering import render_docx
from generator.resources import shipped_templates
from generator.text import fold
from generator.validation import validate_commune


@dataclass(frozen=True)
class LoadedInputs:
    commune: Commune
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


def load_inputs(paths: Sequence[Path]) -> LoadedInputs:
    """Reads every workbook once and validates them together; raises on any error."""
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
    for book in books:
        if not book.is_main:
            log = book.table(S.ACTIVITY_LOG)
            if log is None:
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
                problems.extend(blank_row_warnings(log))
    if any(p.code == UNREADABLE for p in problems):
        raise InputsUnreadable(problems)
    if not main_books:
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
    if main_books:
        commune, commune_problems = validate_commune(main_books[0])
        problems.extend(commune_problems)
    if commune is None or any(p.is_error for p in problems):
        raise ValidationFailed(problems)
    return LoadedInputs(commune, tuple(workbooks), tuple(problems))


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
