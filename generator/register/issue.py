"""Issuing a draft: the one transaction (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import vnformat
from generator.errors import (
    ArchiveConflict,
    DraftHasProblems,
    DraftRefused,
    DraftUnreadable,
    LibreOfficeMissing,
    UsageError,
)
from generator.register.archive import (
    _announce,
    _archive_write_problem,
    _Pending,
    _pending_path,
    _read_only,
    _recover,
    _refuse_archive_without_register,
    _refuse_number_held,
    _relative,
    _remove,
    _store_new,
    archive_name,
)
from generator.register.draft import _fill, _read_draft
from generator.register.numbering import _next_number
from generator.register.store import (
    DEFAULT_ARCHIVE,
    ISSUED,
    WITHDRAWN,
    IssuedDocument,
    _open,
    _record,
    _sha256,
    _sqlite_problem,
)

if TYPE_CHECKING:
    from generator.office import Office

# ---------------------------------------------------------------- issuing


def issue_document(
    draft: Path,
    archive: Path = DEFAULT_ARCHIVE,
    day: dt.date | None = None,
    *,
    reset_each_year: bool = False,
    pdf: bool = False,
    office: Office | None = None,
    check: Callable[[Path], Sequence[object]] | None = None,
    term: str = "",
    note: str = "",
) -> IssuedDocument:
    """`ntm issue`: gives the draft the next number of its type, fills number and date, stores
    the final DOCX (and PDF) read-only under `archive/<year>/`, and records it.

    `day` is the issue date (today by default); with `reset_each_year` the numbers of each
    type start from 01 every year, otherwise they run for the committee's term (`term`).
    `check` (the format linter) is run on the draft first: any finding refuses the draft
    before a number is taken. `note` goes to the register's Ghi chú (an issue date the office
    confirmed with --force). `office`: the LibreOffice that makes the PDF (ntm serve's warm one);
    the process's by default.
    """
    day = day or dt.date.today()
    if not draft.is_file():
        raise UsageError(f"Không tìm thấy tệp '{draft}'. Hãy kiểm tra lại đường dẫn.")
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise DraftUnreadable(f"Không đọc được tệp '{draft}': {exc.strerror or exc}.") from exc
    draft_sha = _sha256(data)
    parsed = _read_draft(draft, data)
    if check is not None:
        findings = list(check(draft))
        if findings:
            raise DraftHasProblems(draft, findings)
    if pdf:
        from generator.pdf import find_soffice, warm_up

        if find_soffice() is None:
            raise LibreOfficeMissing()
        warm_up(1, office)  # LibreOffice starts while the register takes the number
    _refuse_archive_without_register(archive)
    connection = _open(archive, create=True)
    assert connection is not None
    created: list[Path] = []
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _sqlite_problem(archive, exc) from exc
        try:
            _recover(connection, archive)
            earlier = connection.execute(
                "SELECT symbol, issued_on, status FROM documents WHERE draft_sha256 = ?", (draft_sha,)
            ).fetchone()
            if earlier is not None:
                withdrawn = " (đã thu hồi)" if earlier["status"] == WITHDRAWN else ""
                try:
                    when = vnformat.date_short(dt.date.fromisoformat(earlier["issued_on"]))
                except (TypeError, ValueError):
                    when = str(earlier["issued_on"])  # a row edited by hand: shown as written
                raise DraftRefused(
                    f"Bản nháp '{draft.name}' đã được cấp số {earlier['symbol']} ngày {when}{withdrawn}; không cấp số lần nữa."
                )
            number = _next_number(connection, parsed.type_symbol, term, day.year if reset_each_year else None)
            symbol = vnformat.number_symbol(number, parsed.type_symbol, parsed.body_symbol)
            _refuse_number_held(connection, archive, parsed.type_symbol, number, symbol, day.year if reset_each_year else None)
            final = _fill(parsed, number, day)
            folder = archive / str(day.year)
            docx_path = folder / archive_name(draft, number, parsed.type_symbol)
            pdf_path = docx_path.with_suffix(".pdf") if pdf else None
            for target in (docx_path, pdf_path):
                if target is not None and target.exists():
                    raise ArchiveConflict(
                        f"Đã có tệp '{target}' trong thư mục lưu trữ; ntm không bao giờ ghi đè tệp đã lưu. "
                        "Hãy kiểm tra bằng lệnh 'ntm verify' và chuyển tệp đó ra chỗ khác nếu nó không thuộc sổ đăng ký."
                    )
            announced = ((_relative(docx_path, archive), _sha256(final)),)
            _announce(archive, _Pending(os.getpid(), parsed.type_symbol, number, announced))
            _store_new(docx_path, final)
            created.append(docx_path)
            _read_only(docx_path)
            pdf_sha = None
            if pdf_path is not None:
                pdf_name = _relative(pdf_path, archive)
                pdf_sha = _archive_pdf(
                    docx_path,
                    pdf_path,
                    office,
                    created,
                    lambda sha: _announce(
                        archive, _Pending(os.getpid(), parsed.type_symbol, number, (*announced, (pdf_name, sha)))
                    ),
                )
            connection.execute(
                """INSERT INTO documents (number, type_symbol, doc_type, body_symbol, symbol, term, year, issued_on,
                       title, signer, recipients, docx_file, docx_sha256, pdf_file, pdf_sha256, status,
                       note, draft_file, draft_sha256, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    number,
                    parsed.type_symbol,
                    parsed.doc_type,
                    parsed.body_symbol,
                    symbol,
                    term,
                    day.year,
                    day.isoformat(),
                    parsed.title,
                    parsed.signer,
                    "\n".join(parsed.recipients),
                    _relative(docx_path, archive),
                    _sha256(final),
                    _relative(pdf_path, archive) if pdf_path is not None else None,
                    pdf_sha,
                    ISSUED,
                    note,
                    draft.name,
                    draft_sha,
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                ),
            )
            row_id = connection.execute("SELECT last_insert_rowid()").fetchone()[0]
            connection.execute("COMMIT")
            _remove(_pending_path(archive))
        except BaseException as exc:
            if connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite rolls back by itself when the journal cannot be written
            for path in reversed(created):
                _remove(path)
            _remove(_pending_path(archive))
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_problem(archive, exc) from exc
            if isinstance(exc, OSError):
                raise _archive_write_problem(archive, exc) from exc
            raise
        row = connection.execute("SELECT * FROM documents WHERE id = ?", (row_id,)).fetchone()
        return IssuedDocument(_record(row), docx_path, pdf_path)
    finally:
        connection.close()


def _archive_pdf(
    docx_path: Path, pdf_path: Path, office: Office | None, created: list[Path], announce: Callable[[str], None]
) -> str:
    from generator.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="ntm-issue-") as work:
        converted = convert_to_pdf([docx_path], out_dir=Path(work), office=office)[0]
        data = converted.read_bytes()
    announce(_sha256(data))
    _store_new(pdf_path, data)
    created.append(pdf_path)
    _read_only(pdf_path)
    return _sha256(data)
