"""Rebuilding the register from the archived files, which carry their numbers."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import vnformat
from generator.errors import (
    DraftRefused,
    NtmError,
    RegisterProblem,
    UsageError,
)
from generator.register.archive import (
    _ARCHIVE_NAME,
    _archive_write_problem,
    _recover,
    _relative,
    archived_files,
)
from generator.register.draft import (
    _closing,
    _header_paragraphs,
    _number_line,
    _open_docx,
    _title,
    document_type,
)
from generator.register.store import (
    DEFAULT_ARCHIVE,
    ISSUED,
    REGISTER_FILE,
    _file_sha256,
    _open,
    _sha256,
    register_path,
    write_transaction,
)
from generator.text import nfc, strip_diacritics

# ---------------------------------------------------------------- rebuilding the register


@dataclass(frozen=True)
class RebuildReport:
    """`ntm verify --rebuild`: the rows added from archived files, the files left out and why."""

    added: tuple[str, ...]  # '05-BC/ĐU (2021/bao-cao-thang-03-so-05-BC.docx)'
    skipped: tuple[tuple[Path, str], ...]
    kept_aside: Path | None  # the unusable register, renamed beside the new one


def _set_aside(archive: Path) -> Path | None:
    """Renames an empty or damaged register (never deletes it) so that a new one can be made."""
    path = register_path(archive)
    if not path.exists():
        return None
    if path.stat().st_size > 0:
        try:
            connection = _open(archive, create=False)
        except RegisterProblem:
            connection = None
        else:
            if connection is not None:
                try:
                    connection.execute("SELECT COUNT(*) FROM documents").fetchone()
                    return None  # usable: rows are added to it
                except sqlite3.Error:
                    pass
                finally:
                    connection.close()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{REGISTER_FILE}.hong-{stamp}")
    try:
        os.replace(path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise _archive_write_problem(archive, exc) from exc
    return aside


def _archived_record(path: Path, archive: Path) -> tuple[dict[str, Any], str]:
    """The register row an archived DOCX carries: its number line, date, title, signer, recipients."""
    data = path.read_bytes()
    document = _open_docx(path.name, data)
    found = _number_line(_header_paragraphs(document))
    if found is None or not found[1]["number"]:
        raise DraftRefused("không thấy dòng số, ký hiệu có số ở đầu văn bản")
    match = found[1]
    number, type_symbol, body_symbol = int(match["number"]), match["type"], match["body"]
    name = _ARCHIVE_NAME.fullmatch(_relative(path, archive))
    kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(type_symbol)) or "VB"
    if name is None or int(name["number"]) != number or name["kind"] != kind:
        raise DraftRefused(f"tên tệp không khớp số {number:02d}-{type_symbol}/{body_symbol} ghi trong văn bản")
    day = None
    for paragraph in _header_paragraphs(document):
        hit = vnformat.DATE_WORDS.search(nfc(paragraph.text))
        if hit and hit["day"] and hit["month"]:
            try:
                day = dt.date(int(hit["year"]), int(hit["month"]), int(hit["day"]))
            except ValueError:
                day = None
            break
    if day is None:
        raise DraftRefused("không thấy ngày ban hành hợp lệ ở đầu văn bản")
    fallback = nfc(document.core_properties.title or "") or path.stem
    title = _title(document, type_symbol, fallback)
    signer, recipients = _closing(document)
    row = {
        "number": number,
        "type_symbol": type_symbol,
        "doc_type": document_type(data, type_symbol, title),
        "body_symbol": body_symbol,
        "symbol": vnformat.number_symbol(number, type_symbol, body_symbol),
        "year": day.year,
        "issued_on": day.isoformat(),
        "title": title,
        "signer": signer,
        "recipients": "\n".join(recipients),
        "docx_file": _relative(path, archive),
        "docx_sha256": _sha256(data),
    }
    return row, _sha256(data)


def rebuild_register(archive: Path = DEFAULT_ARCHIVE) -> RebuildReport:
    """Rebuilds the register from the archived files, which carry their number.

    An empty or damaged register is renamed aside (kept, never deleted) and a new one
    made; a usable one (an old backup) keeps its rows and gains the archived documents
    it does not know. Withdrawals recorded only in a lost register cannot be recovered
    from the files: the report says so.
    """
    held = [p for p in archived_files(archive) if p.suffix == ".docx"]
    if not held:
        raise UsageError(f"Thư mục lưu trữ '{archive}' không có văn bản đã phát hành nào: không có gì để dựng lại sổ.")
    aside = _set_aside(archive)
    connection = _open(archive, create=True)
    assert connection is not None
    added: list[str] = []
    skipped: list[tuple[Path, str]] = []
    with write_transaction(connection, archive):
        _recover(connection, archive)
        registered = {
            name for row in connection.execute("SELECT docx_file, pdf_file FROM documents") for name in (row[0], row[1]) if name
        }
        for path in held:
            if _relative(path, archive) in registered or not path.is_file():
                continue
            try:
                row, sha = _archived_record(path, archive)
            except (NtmError, OSError) as exc:
                skipped.append((path, str(exc)))
                continue
            pdf = path.with_suffix(".pdf")
            pdf_name = _relative(pdf, archive) if pdf.is_file() and _relative(pdf, archive) not in registered else None
            try:
                connection.execute(
                    """INSERT INTO documents (number, type_symbol, doc_type, body_symbol, symbol, term, year, issued_on,
                           title, signer, recipients, docx_file, docx_sha256, pdf_file, pdf_sha256, status, note,
                           draft_file, draft_sha256, created_at)
                       VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        row["number"],
                        row["type_symbol"],
                        row["doc_type"],
                        row["body_symbol"],
                        row["symbol"],
                        row["year"],
                        row["issued_on"],
                        row["title"],
                        row["signer"],
                        row["recipients"],
                        row["docx_file"],
                        row["docx_sha256"],
                        pdf_name,
                        _file_sha256(pdf) if pdf_name else None,
                        ISSUED,
                        "Dựng lại từ tệp lưu trữ",
                        path.name,
                        f"dung-lai:{sha}",
                        dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    ),
                )
            except sqlite3.IntegrityError:
                skipped.append((path, f"sổ đã có văn bản số {row['symbol']} năm {row['year']} với tệp khác"))
                continue
            added.append(f"{row['symbol']} ({row['docx_file']})")
    return RebuildReport(tuple(added), tuple(skipped), aside)
