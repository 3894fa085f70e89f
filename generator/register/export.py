"""The register as an Excel file, and verifying the archive against it."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path, PurePosixPath

from generator import vnformat
from generator.cells import put_value
from generator.errors import (
    PackageRefused,
)
from generator.files import process_gone as _process_gone
from generator.register.archive import (
    _pending_path,
    _refuse_archive_without_register,
    _relative,
    recover,
)
from generator.register.numbering import list_documents
from generator.register.store import (
    DEFAULT_ARCHIVE,
    REGISTER_FILE,
    RegisteredDocument,
    VerifyReport,
    _file_sha256,
    _register_files,
)
from generator.zipguard import guard_docx

# ---------------------------------------------------------------- export

EXPORT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Số, ký hiệu", 14),
    ("Ngày tháng", 12),
    ("Tên loại và trích yếu nội dung", 55),
    ("Người ký", 20),
    ("Nơi nhận", 40),
    ("Đơn vị, người nhận bản lưu", 18),
    ("Số lượng bản", 10),
    ("Ghi chú", 22),
)


def _note(document: RegisteredDocument) -> str:
    if not document.withdrawn:
        return document.note
    when = f" ngày {vnformat.date_short(document.withdrawn_on)}" if document.withdrawn_on else ""
    return f"Đã thu hồi{when}" + (f": {document.note}" if document.note else "")


def export_register(archive: Path, target: Path, year: int | None = None) -> Path:
    """The register as a workbook with the columns of a sổ đăng ký văn bản đi.

    Every text is stored as text: a recipient typed as '=HYPERLINK(…)' stays words and never
    becomes a formula when the clerk opens the file.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, Side

    from generator.workbook_sheets import page_setup

    documents = list_documents(archive, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Văn bản đi {year}" if year else "Văn bản đi"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, (heading, width) in enumerate(EXPORT_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column, value=heading)
        cell.font = Font(name="Times New Roman", size=12, bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    for row_number, document in enumerate(documents, start=2):
        values: list[object] = [
            document.symbol,
            document.issued_on,
            document.title,
            document.signer,
            "\n".join(document.sent_to),
            document.kept_by,
            document.copies,
            _note(document),
        ]
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = put_value(sheet.cell(row=row_number, column=column), value)  # text stays text, never a formula
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            cell.font = font
            cell.alignment = wrap
            cell.border = border
    page_setup(sheet, landscape=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    from generator.files import write_atomically

    write_atomically(target, buffer.getvalue())
    return target


# ---------------------------------------------------------------- verify


def verify_archive(archive: Path = DEFAULT_ARCHIVE) -> VerifyReport:
    """Re-hashes every file the register lists; lists files under the archive it does not know.

    The files of an `ntm issue` killed before it committed are removed first: they were
    never issued, and the register does not know them.
    """
    _refuse_archive_without_register(archive)
    recover(archive)
    report = VerifyReport()
    known: set[str] = set()
    for document in list_documents(archive):
        for name, expected in ((document.docx_file, document.docx_sha256), (document.pdf_file, document.pdf_sha256)):
            if name is None or expected is None:
                continue
            known.add(os.path.normcase(name))
            path = archive.joinpath(*PurePosixPath(name).parts)
            if not path.is_file():
                report.missing.append(path)
                continue
            try:
                actual = _file_sha256(path)
            except OSError:
                report.missing.append(path)
                continue
            (report.ok if actual == expected else report.changed).append(path)
            if actual == expected and path.suffix.lower() == ".docx":
                try:
                    guard_docx(path, path.name)  # issued by an older ntm, before the guard existed
                except PackageRefused as exc:
                    report.unsafe.append((path, exc.reason))
    if archive.is_dir():
        ignored = {os.path.normcase(str(p)) for p in (*_register_files(archive), _pending_path(archive))}
        for path in sorted(archive.rglob("*")):
            if not path.is_file() or os.path.normcase(str(path)) in ignored or _is_ours_at_work(path):
                continue
            if os.path.normcase(_relative(path, archive)) not in known:
                report.unregistered.append(path)
    return report


def _is_ours_at_work(path: Path) -> bool:
    """A temporary file of an ntm process still running (an issue in progress), or a rebuilt
    register's predecessor kept beside it."""
    if path.parent.name == REGISTER_FILE or path.name.startswith(f"{REGISTER_FILE}.hong-"):
        return True
    match = re.fullmatch(r"\..+\.ntm(\d+)\.(?:[A-Za-z0-9_]+\.)?tmp", path.name)
    return match is not None and not _process_gone(match[1])
