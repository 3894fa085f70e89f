"""The register of outgoing documents (sổ đăng ký văn bản đi) and the archive (SPEC §7).

`archive/so-dang-ky.sqlite` holds one row per issued document. Issuing a draft
happens inside ONE SQLite write transaction (BEGIN IMMEDIATE): the next number is
read, the final DOCX (and PDF) written under `archive/<year>/`, the row inserted,
then COMMIT. A second `ntm issue` waits for the first, so two runs never get the
same number; anything that fails before COMMIT rolls back and removes the files
written, so the number is not consumed. Numbers are never reused: a withdrawn
document keeps its row.

Standard library only (sqlite3), python-docx for the drafts, openpyxl for the export.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
import re
import sqlite3
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator import vnformat
from generator.cells import put_value
from generator.errors import (  # noqa: F401 - the errors issue raises, importable from here as before
    ArchiveConflict,
    DraftHasProblems,
    DraftRefused,
    DraftUnreadable,
    NtmError,
    OutputProblem,
    RegisterProblem,
    UsageError,
)
from generator.errors import PackageRefused
from generator.zipguard import guard_docx
from generator.files import TEMPORARY_SUFFIX, process_gone as _process_gone, temporary_prefix
from generator.model import DocType
from generator.text import ascii_slug, fold, nfc, strip_diacritics

DEFAULT_ARCHIVE = Path("archive")
REGISTER_FILE = "so-dang-ky.sqlite"
EXPORT_FILE = "so-dang-ky-van-ban-di.xlsx"
BUSY_TIMEOUT = 30.0  # seconds a second `ntm issue` waits for the first one
ARCHIVE_OFFICE = "VPĐU"

ISSUED = "issued"
WITHDRAWN = "withdrawn"

# The type line of a document (its centred caps name) by the type part of its number.
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "TTr": "TỜ TRÌNH",
    "CV": "CÔNG VĂN",
}

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class RegisteredDocument:
    """A row of the register. File names are relative to the archive root, with '/'."""

    id: int
    number: int
    type_symbol: str  # KH, BC…: the series the number belongs to
    doc_type: str  # KH, KHT, BC, BCN (DocType values), or the type symbol for other documents
    body_symbol: str  # ĐU
    symbol: str  # 05-BC/ĐU
    issued_on: dt.date
    year: int
    term: str
    title: str  # "Báo cáo kết quả thực hiện … tháng 3 năm 2021": type and trích yếu
    signer: str
    recipients: tuple[str, ...]
    docx_file: str
    docx_sha256: str
    pdf_file: str | None
    pdf_sha256: str | None
    status: str
    withdrawn_on: dt.date | None
    note: str
    draft_file: str
    draft_sha256: str
    created_at: str

    @property
    def withdrawn(self) -> bool:
        return self.status == WITHDRAWN

    @property
    def number_line(self) -> str:
        """'Số 05-BC/ĐU'."""
        return f"Số {self.symbol}"

    @property
    def sent_to(self) -> tuple[str, ...]:
        """The recipients other than the office's own copy (`Lưu VPĐU`)."""
        return tuple(r for r in self.recipients if not _is_archive_copy(r))

    @property
    def kept_by(self) -> str:
        """Who keeps the archive copy: 'VPĐU xã' from '- Lưu VPĐU xã.'."""
        for line in self.recipients:
            if _is_archive_copy(line):
                kept = re.sub(r"^lưu\s*:?\s*", "", line, flags=re.IGNORECASE).strip()
                return kept or ARCHIVE_OFFICE
        return ARCHIVE_OFFICE

    @property
    def copies(self) -> int:
        """Copies made: one per recipient, and the archive copy."""
        return len(self.sent_to) + 1


@dataclass(frozen=True)
class IssuedDocument:
    record: RegisteredDocument
    docx: Path
    pdf: Path | None

    @property
    def symbol(self) -> str:
        return self.record.symbol


@dataclass(frozen=True)
class VerifyReport:
    """`ntm verify`: each archived file of the register, re-hashed; files nobody registered."""

    ok: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    unregistered: list[Path] = field(default_factory=list)
    unsafe: list[tuple[Path, str]] = field(default_factory=list)  # hashes match, but the zip guard refuses it

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.unregistered or self.unsafe)


# ---------------------------------------------------------------- the database

# Each migration is a list of statements; PRAGMA user_version counts those applied.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL CHECK (number > 0),
            type_symbol TEXT NOT NULL,
            doc_type TEXT NOT NULL,
            body_symbol TEXT NOT NULL,
            symbol TEXT NOT NULL,
            term TEXT NOT NULL DEFAULT '',
            year INTEGER NOT NULL,
            issued_on TEXT NOT NULL,
            title TEXT NOT NULL,
            signer TEXT NOT NULL,
            recipients TEXT NOT NULL,
            docx_file TEXT NOT NULL UNIQUE,
            docx_sha256 TEXT NOT NULL,
            pdf_file TEXT UNIQUE,
            pdf_sha256 TEXT,
            status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'withdrawn')),
            withdrawn_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            draft_file TEXT NOT NULL,
            draft_sha256 TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            UNIQUE (type_symbol, term, year, number)
        )
        """,
        "CREATE INDEX documents_series ON documents (type_symbol, term, year, number)",
        """
        CREATE TABLE starting_numbers (
            type_symbol TEXT NOT NULL,
            term TEXT NOT NULL DEFAULT '',
            year INTEGER NOT NULL DEFAULT 0,
            last_number INTEGER NOT NULL CHECK (last_number >= 0),
            PRIMARY KEY (type_symbol, term, year)
        )
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def register_path(archive: Path) -> Path:
    return archive / REGISTER_FILE


def _register_files(archive: Path) -> set[Path]:
    base = register_path(archive)
    return {base, *(base.with_name(base.name + suffix) for suffix in ("-journal", "-wal", "-shm"))}


def _sqlite_problem(archive: Path, exc: sqlite3.Error) -> RegisterProblem:
    text = str(exc)
    path = register_path(archive)
    if "locked" in text or "busy" in text:
        return RegisterProblem(
            f"Sổ đăng ký '{path}' đang được một lệnh khác dùng quá {BUSY_TIMEOUT:g} giây. "
            "Hãy chờ lệnh đó xong rồi chạy lại."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return RegisterProblem(
            f"Không ghi được vào sổ đăng ký '{path}': thư mục lưu trữ '{archive}' hoặc tệp sổ đang ở chế độ chỉ đọc "
            "(hoặc không có quyền ghi). Hãy cho phép ghi vào thư mục đó rồi chạy lại; chưa cấp số nào."
        )
    if "full" in text:
        return RegisterProblem(
            f"Ổ đĩa chứa thư mục lưu trữ '{archive}' đã đầy: không ghi được sổ đăng ký. "
            "Hãy giải phóng chỗ trống rồi chạy lại; chưa cấp số nào."
        )
    if "not a database" in text or "malformed" in text:
        return RegisterProblem(
            f"Tệp sổ đăng ký '{path}' bị hỏng (không phải cơ sở dữ liệu SQLite dùng được). {REBUILD_HINT}"
        )
    return RegisterProblem(f"Không dùng được sổ đăng ký '{path}': {text}.")


REBUILD_HINT = (
    "Cách xử lý: chép lại tệp so-dang-ky.sqlite từ bản sao lưu mới nhất, hoặc chạy 'ntm verify --rebuild' để dựng lại "
    "sổ từ các văn bản đã lưu trong thư mục lưu trữ (mỗi văn bản mang số của nó; sổ hỏng được giữ lại bên cạnh)."
)


def _open(archive: Path, create: bool) -> sqlite3.Connection | None:
    """The register, migrated to the current schema; None when absent and not to be created."""
    path = register_path(archive)
    if not path.is_file():
        if not create:
            return None
        try:
            archive.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputProblem(f"Không tạo được thư mục lưu trữ '{archive}': {exc.strerror or exc}.") from exc
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise RegisterProblem(
                f"Sổ đăng ký '{path}' được tạo bởi phiên bản ntm mới hơn (lược đồ {version}); hãy cập nhật ntm."
            )
        if version < SCHEMA_VERSION:
            connection.execute("BEGIN IMMEDIATE")
            try:
                version = int(connection.execute("PRAGMA user_version").fetchone()[0])
                for statements in MIGRATIONS[version:]:
                    for statement in statements:
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        connection.close()
        raise _sqlite_problem(archive, exc) from exc
    except BaseException:
        connection.close()
        raise
    connection.row_factory = sqlite3.Row
    return connection


def _record(row: sqlite3.Row) -> RegisteredDocument:
    try:
        return _record_of(row)
    except (ValueError, TypeError, AttributeError) as exc:
        raise RegisterProblem(
            f"Sổ đăng ký có dòng {row['id']} (văn bản {row['symbol']}) ghi sai: {exc}. Ngày phải ghi dạng năm-tháng-ngày "
            "(ví dụ 2021-03-20). Hãy sửa dòng đó bằng chương trình mở SQLite, hoặc chép lại sổ từ bản sao lưu."
        ) from exc


def _record_of(row: sqlite3.Row) -> RegisteredDocument:
    return RegisteredDocument(
        id=row["id"],
        number=row["number"],
        type_symbol=row["type_symbol"],
        doc_type=row["doc_type"],
        body_symbol=row["body_symbol"],
        symbol=row["symbol"],
        issued_on=dt.date.fromisoformat(row["issued_on"]),
        year=row["year"],
        term=row["term"],
        title=row["title"],
        signer=row["signer"],
        recipients=tuple(line for line in row["recipients"].split("\n") if line),
        docx_file=row["docx_file"],
        docx_sha256=row["docx_sha256"],
        pdf_file=row["pdf_file"],
        pdf_sha256=row["pdf_sha256"],
        status=row["status"],
        withdrawn_on=dt.date.fromisoformat(row["withdrawn_on"]) if row["withdrawn_on"] else None,
        note=row["note"],
        draft_file=row["draft_file"],
        draft_sha256=row["draft_sha256"],
        created_at=row["created_at"],
    )


def _next_number(connection: sqlite3.Connection, type_symbol: str, term: str, year: int | None) -> int:
    """One more than the highest number of the series, withdrawn ones included (never reused).

    Without a year the series is the whole term; with one (reset each year) that year only.
    """
    if year is None:
        highest = connection.execute(
            "SELECT MAX(number) FROM documents WHERE type_symbol = ? AND term = ?", (type_symbol, term)
        ).fetchone()[0]
    else:
        highest = connection.execute(
            "SELECT MAX(number) FROM documents WHERE type_symbol = ? AND term = ? AND year = ?",
            (type_symbol, term, year),
        ).fetchone()[0]
    start = connection.execute(
        "SELECT last_number FROM starting_numbers WHERE type_symbol = ? AND term = ? AND year = ?",
        (type_symbol, term, year or 0),
    ).fetchone()
    return max(highest or 0, start[0] if start else 0) + 1


def set_last_number(archive: Path, type_symbol: str, last_number: int, *, year: int | None = None, term: str = "") -> None:
    """For an office that starts using ntm mid-term: the last number it already gave this type
    by hand (`KH`, 11 → the next plan gets 12). `year` for a register that resets each year."""
    if last_number < 0:
        raise UsageError("Số cuối cùng đã cấp phải là số không âm.")
    connection = _open(archive, create=True)
    assert connection is not None
    try:
        connection.execute(
            "INSERT INTO starting_numbers (type_symbol, term, year, last_number) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (type_symbol, term, year) DO UPDATE SET last_number = excluded.last_number",
            (type_symbol, term, year or 0, last_number),
        )
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()


# ---------------------------------------------------------------- reading a draft

_GAP = r"[ \t\u00a0.…_]*"
_NUMBER_LINE = re.compile(r"Số\s*:?" + _GAP + r"(?P<number>[0-9]*)" + _GAP + r"-\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<body>[^\s/]+?)\.?")
_DATE = re.compile(
    r"ngày" + _GAP + r"(?:\d{1,2})?" + _GAP + r"tháng" + _GAP + r"(?:\d{1,2})?" + _GAP + r"năm" + r"(?:[ \t\u00a0]*\d{4}|" + _GAP + r")"
)
_DASHES = re.compile(r"^[-–—_=*\s]+$")
_MONTHLY = re.compile(r"\btháng\s+\d{1,2}\b")
_YEARLY = re.compile(r"\bnăm\s+\d{4}\b")
_RECIPIENT_MARK = re.compile(r"^\s*[-–—+•]\s*")


def _is_archive_copy(line: str) -> bool:
    return fold(line).startswith("lưu")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cells(table: Any) -> Iterator[Any]:
    """Each cell once (a merged cell appears in several grid positions)."""
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                yield cell


def _table_paragraphs(table: Any) -> Iterator[Any]:
    for cell in _cells(table):
        yield from cell.paragraphs
        for inner in cell.tables:
            yield from _table_paragraphs(inner)


def _all_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs, table cells (nested too), and the headers and footers of each section."""
    yield from document.paragraphs
    for table in document.tables:
        yield from _table_paragraphs(table)
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:  # no part of its own: reading would create one
                continue
            yield from part.paragraphs
            for table in part.tables:
                yield from _table_paragraphs(table)


def _run_text(paragraph: Any) -> str:
    return "".join(run.text for run in paragraph.runs)


def _normalised_text(paragraph: Any) -> str:
    """The paragraph's text from its runs, in NFC; text typed as NFD is rewritten as NFC in place."""
    text = _run_text(paragraph)
    if unicodedata.is_normalized("NFC", text):
        return text
    for run in paragraph.runs:
        original = run.text
        normal = unicodedata.normalize("NFC", original)
        if normal != original:
            run.text = normal
    return _run_text(paragraph)


def _replace_span(paragraph: Any, start: int, end: int, new: str) -> None:
    """Replaces characters start:end of the runs' text; the first run touched takes the new text
    (with its formatting), the others lose their part: every run keeps its formatting."""
    position = 0
    placed = False
    for run in paragraph.runs:
        text = run.text
        low, high = position, position + len(text)
        position = high
        if high <= start or low >= end:
            if not placed and low == start == end:
                run.text = new + text
                placed = True
            continue
        cut_from, cut_to = max(start, low) - low, min(end, high) - low
        if not placed:
            run.text = text[:cut_from] + new + text[cut_to:]
            placed = True
        else:
            run.text = text[:cut_from] + text[cut_to:]


def _is_bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


@dataclass
class _Draft:
    """What issuing needs to know about a draft, with the paragraphs it fills."""

    document: Any
    number_paragraph: Any
    date_paragraph: Any
    type_symbol: str
    body_symbol: str
    doc_type: str
    title: str
    signer: str
    recipients: tuple[str, ...]


def _header_paragraphs(document: Any) -> list[Any]:
    """Where the number and the place-date line are: the header table, or the first paragraphs."""
    paragraphs: list[Any] = []
    if document.tables:
        paragraphs.extend(_table_paragraphs(document.tables[0]))
    paragraphs.extend(document.paragraphs[:12])
    return paragraphs


def _match_line(text: str) -> tuple[re.Match[str], int] | None:
    """The number line filling the whole paragraph (spaces around allowed), and its offset."""
    stripped = text.strip()
    match = _NUMBER_LINE.fullmatch(stripped)
    return (match, len(text) - len(text.lstrip())) if match else None


def _number_line(paragraphs: Sequence[Any]) -> tuple[Any, re.Match[str]] | None:
    for paragraph in paragraphs:
        found = _match_line(_normalised_text(paragraph))
        if found:
            return paragraph, found[0]
    return None


def _title(document: Any, type_symbol: str, fallback: str) -> str:
    """'Báo cáo kết quả thực hiện …': the type and the lines under the type line (the caps line
    naming the body, as in 'KẾ HOẠCH / CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ', left out)."""
    name = TYPE_NAMES.get(type_symbol)
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs[:40]):
        if name is None or fold(paragraph.text) != fold(name):
            continue
        lines = []
        for following in paragraphs[index + 1 : index + 6]:
            text = nfc(following.text)
            if not text or _DASHES.match(text):
                break
            if text.upper() == text and any(c.isalpha() for c in text):
                continue
            lines.append(text)
        if lines:
            return f"{name.capitalize()} {' '.join(lines)}"
        break
    return fallback


def _doc_type(type_symbol: str, title: str) -> str:
    """KH/KHT, BC/BCN told apart by the period in the title ('tháng 3 năm 2021' or 'năm 2021')."""
    folded = fold(title)
    if type_symbol == DocType.PLAN.value:
        return DocType.MONTHLY_PLAN.value if _MONTHLY.search(folded) else DocType.PLAN.value
    if type_symbol == DocType.MONTHLY_REPORT.value:
        if _MONTHLY.search(folded) or not _YEARLY.search(folded):
            return DocType.MONTHLY_REPORT.value
        return DocType.ANNUAL_REPORT.value
    return type_symbol


def _closing(document: Any) -> tuple[str, tuple[str, ...]]:
    """The signer (last bold line of the signature cell) and the `Nơi nhận` lines."""
    for table in document.tables:
        for row in table.rows:
            cells: list[Any] = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1]._tc:
                    cells.append(cell)
            for index, cell in enumerate(cells):
                paragraphs = cell.paragraphs
                first = next((p for p in paragraphs if p.text.strip()), None)
                if first is None or not fold(first.text).startswith("nơi nhận"):
                    continue
                recipients = []
                for paragraph in paragraphs:
                    text = nfc(paragraph.text)
                    if _RECIPIENT_MARK.match(text):
                        line = _RECIPIENT_MARK.sub("", text).rstrip(" ,.;")
                        if line:
                            recipients.append(line)
                signer = ""
                for other in cells[index + 1 :]:
                    bold = [nfc(p.text) for p in other.paragraphs if p.text.strip() and _is_bold(p)]
                    if bold:
                        signer = bold[-1]
                        break
                return signer, tuple(recipients)
    return "", ()


def _open_docx(name: str, data: bytes) -> Any:
    """python-docx's document, after the zip guard; any damage becomes one sentence for the clerk."""
    import docx

    guard_docx(data, name, DraftUnreadable)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any damage of the file: one sentence for the clerk
        raise DraftUnreadable(
            f"Không đọc được tệp Word '{name}' ({type(exc).__name__}). Hãy mở và lưu lại tệp bằng Word."
        ) from exc


def _read_draft(draft: Path, data: bytes) -> _Draft:
    import docx

    guard_docx(data, draft.name, DraftUnreadable)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any damage of the file: one sentence for the clerk
        raise DraftUnreadable(f"Không đọc được tệp Word '{draft}': {exc}. Hãy mở và lưu lại tệp bằng Word.") from exc
    header = _header_paragraphs(document)
    found = _number_line(header)
    if found is None:
        if any("kèm theo" in fold(p.text) for p in document.paragraphs[:10]):
            raise DraftRefused(
                f"'{draft.name}' là phụ lục: phụ lục được ban hành kèm văn bản chính và không có số riêng; "
                "hãy cấp số cho văn bản chính."
            )
        raise DraftRefused(
            f"Không tìm thấy dòng số, ký hiệu (ví dụ 'Số      -BC/ĐU') ở phần đầu văn bản '{draft.name}'; "
            "không cấp số được."
        )
    number_paragraph, match = found
    type_symbol, body_symbol = match["type"], match["body"]
    if match["number"]:
        raise DraftRefused(
            f"Văn bản '{draft.name}' đã có số {match['number']}-{type_symbol}/{body_symbol}: chỉ cấp số cho bản nháp "
            f"có dòng số để trống ('Số      -{type_symbol}/{body_symbol}')."
        )
    date_paragraph = None
    for paragraph in header:
        if paragraph is not number_paragraph and _DATE.search(_normalised_text(paragraph)):
            date_paragraph = paragraph
            break
    if date_paragraph is None:
        raise DraftRefused(
            f"Không tìm thấy dòng địa danh, ngày tháng (ví dụ 'Bình Xa, ngày    tháng 3 năm 2021') ở phần đầu "
            f"văn bản '{draft.name}'; không cấp số được."
        )
    fallback = nfc(document.core_properties.title or "") or nfc(draft.stem)
    title = _title(document, type_symbol, fallback)
    signer, recipients = _closing(document)
    return _Draft(
        document,
        number_paragraph,
        date_paragraph,
        type_symbol,
        body_symbol,
        _doc_type(type_symbol, title),
        title,
        signer,
        recipients,
    )


@dataclass(frozen=True)
class DraftSummary:
    """What the register would record about a draft: its series, its kind and its title."""

    type_symbol: str  # KH, BC…
    doc_type: str  # KHT, BC, BCN… (as in the register's doc_type column)
    title: str


def describe_draft(draft: Path) -> DraftSummary:
    """Reads `draft` as `ntm issue` would, without issuing it; refuses what issue would refuse
    (a number already there, an annex, no number line)."""
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise DraftUnreadable(f"Không đọc được tệp '{draft}': {exc.strerror or exc}.") from exc
    parsed = _read_draft(draft, data)
    return DraftSummary(parsed.type_symbol, parsed.doc_type, parsed.title)


def _fill(draft: _Draft, number: int, day: dt.date) -> bytes:
    """The final document: number, date, and the document's citations of its own number."""
    number_line = vnformat.document_number(number, draft.type_symbol, draft.body_symbol)
    found = _match_line(_normalised_text(draft.number_paragraph))
    assert found is not None
    match, offset = found
    _replace_span(draft.number_paragraph, offset + match.start(), offset + match.end(), number_line)
    text = _normalised_text(draft.date_paragraph)
    date_match = _DATE.search(text)
    assert date_match is not None
    _replace_span(draft.date_paragraph, date_match.start(), date_match.end(), vnformat.date_long(day))
    citation = re.compile(
        r"(?P<word>[Ss]ố|SỐ)" + _GAP + r"-\s*" + re.escape(draft.type_symbol) + r"\s*/\s*" + re.escape(draft.body_symbol)
    )
    symbol = vnformat.number_symbol(number, draft.type_symbol, draft.body_symbol)
    for paragraph in _all_paragraphs(draft.document):
        if paragraph._p is draft.number_paragraph._p:
            continue
        text = _run_text(paragraph)
        if draft.type_symbol not in unicodedata.normalize("NFC", text):
            continue
        text = _normalised_text(paragraph)
        for hit in reversed(list(citation.finditer(text))):
            _replace_span(paragraph, hit.start(), hit.end(), f"{hit['word']} {symbol}")
    buffer = io.BytesIO()
    draft.document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the archive files


def archive_name(draft: Path, number: int, type_symbol: str, suffix: str = ".docx") -> str:
    """'bao-cao-thang-03.docx', 5, 'BC' → 'bao-cao-thang-03-so-05-BC.docx' (ASCII only)."""
    kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(type_symbol)) or "VB"
    return f"{ascii_slug(draft.stem)}-so-{number:02d}-{kind}{suffix}"


def _read_only(path: Path) -> None:
    """Read-only for everyone (on Windows: the read-only attribute)."""
    os.chmod(path, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)


def _remove(path: Path) -> None:
    """Removes a file ntm wrote (a symbolic link is removed itself; its target is never touched)."""
    try:
        if not path.is_symlink():
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)  # Windows refuses to delete a read-only file
    except OSError:
        pass
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _store_new(path: Path, data: bytes) -> None:
    """Writes a file that must not exist yet, whole or not at all.

    The bytes go to a temporary file beside it first, which is then hard-linked to the final
    name: unlike a rename, a link never replaces an existing file, even when another process
    creates it at the same moment. Where the disk has no hard links (FAT USB sticks), the
    name is created with exclusive open ('x') instead.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=TEMPORARY_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _archive_write_problem(path.parent, exc) from exc
    temporary = Path(temporary_name)
    conflict = ArchiveConflict(
        f"Đã có tệp '{path}' trong thư mục lưu trữ; ntm không bao giờ ghi đè tệp đã lưu. "
        "Hãy kiểm tra bằng lệnh 'ntm verify' và chuyển tệp đó ra chỗ khác nếu nó không thuộc sổ đăng ký."
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError as err:
            raise conflict from err
        except (OSError, NotImplementedError):
            try:
                with path.open("xb") as stream:
                    try:
                        stream.write(data)
                        stream.flush()
                        os.fsync(stream.fileno())
                    except BaseException:
                        stream.close()
                        _remove(path)
                        raise
            except FileExistsError as err:
                raise conflict from err
    except OSError as exc:
        raise _archive_write_problem(path.parent, exc) from exc
    finally:
        _remove(temporary)


def _relative(path: Path, archive: Path) -> str:
    return PurePosixPath(*path.relative_to(archive).parts).as_posix()


# ---------------------------------------------------------------- interrupted issues

PENDING_NAME = ".ntm-dang-phat-hanh"  # the files an `ntm issue` is writing, until it commits

# The only names an issue ever writes under archive/: '<year>/<ascii name>-so-<NN>-<TYPE>.docx|.pdf'
# (archive_name). A pending note naming anything else is not ntm's, and nothing it names is removed.
_ARCHIVE_NAME = re.compile(r"(?P<year>\d{4})/[A-Za-z0-9][A-Za-z0-9-]*-so-(?P<number>\d{2,})-(?P<kind>[A-Za-z0-9]+)\.(?:docx|pdf)")


def _pending_path(archive: Path) -> Path:
    return archive / PENDING_NAME


@dataclass(frozen=True)
class _Pending:
    """What an issue is about to write: its number, series, and each file with the SHA-256 of its bytes."""

    pid: int
    type_symbol: str
    number: int
    files: tuple[tuple[str, str], ...]  # (name relative to the archive, sha256)


def _announce(archive: Path, pending: _Pending) -> None:
    """Notes, before writing them, the archive files this issue will create, with their hashes.

    If the process is killed before its COMMIT, SQLite forgets the row but the files
    stay: the note lets the next `ntm issue` or `ntm verify` remove exactly those, and
    only while they still hold the bytes this issue wrote.
    """
    note = _pending_path(archive)
    temporary = note.with_name(f"{note.name}.ntm{os.getpid()}.tmp")
    text = json.dumps(
        {"pid": pending.pid, "type": pending.type_symbol, "number": pending.number, "files": [list(f) for f in pending.files]},
        ensure_ascii=False,
    )
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, note)
    except OSError as exc:
        _remove(temporary)
        raise _archive_write_problem(archive, exc) from exc


def _archive_write_problem(archive: Path, exc: OSError) -> OutputProblem:
    if exc.errno == errno.ENOSPC:
        why = "ổ đĩa đã đầy"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "thư mục chỉ đọc hoặc không có quyền ghi"
    else:
        why = str(exc.strerror or exc)
    return OutputProblem(
        f"Không ghi được vào thư mục lưu trữ '{archive}': {why}. Chưa cấp số nào và không để lại tệp dở; "
        "hãy khắc phục rồi chạy lại lệnh."
    )


def _read_pending(note: Path) -> _Pending | None:
    """The note, or None when it is not one ntm wrote (edited, damaged, from an older ntm)."""
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
        files = tuple((str(name), str(sha)) for name, sha in data["files"])
        return _Pending(int(data["pid"]), str(data["type"]), int(data["number"]), files)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _recover(connection: sqlite3.Connection, archive: Path) -> None:
    """Inside BEGIN IMMEDIATE: removes the files of an issue that never committed.

    The write lock proves that the issuing process is no longer inside its transaction.
    A file is removed only when all of these hold, so that no edited note can point
    elsewhere: its name has the shape of an archive file (inside archive/<year>/, never
    the register), carries the number and type the note was issuing, that number is not
    in the register for that type, the register does not know the file, and its bytes
    are those the issue wrote (SHA-256 in the note).
    """
    note = _pending_path(archive)
    if not note.exists():
        return
    pending = _read_pending(note)
    if pending is not None:
        registered = {
            name
            for row in connection.execute("SELECT docx_file, pdf_file FROM documents")
            for name in (row[0], row[1])
            if name
        }
        kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(pending.type_symbol)) or "VB"
        for name, sha in pending.files:
            match = _ARCHIVE_NAME.fullmatch(name)
            if match is None or name in registered:
                continue
            taken = connection.execute(
                "SELECT 1 FROM documents WHERE type_symbol = ? AND number = ? AND year = ? LIMIT 1",
                (pending.type_symbol, pending.number, int(match["year"])),
            ).fetchone()
            if taken is not None:
                continue
            if int(match["number"]) != pending.number or match["kind"] != kind:
                continue
            path = archive.joinpath(*PurePosixPath(name).parts)
            if path.is_file() and not path.is_symlink():
                try:
                    same = _file_sha256(path) == sha
                except OSError:
                    same = False
                if same:
                    _remove(path)
            for stale in path.parent.glob(f".{path.name}.ntm{pending.pid}.*{TEMPORARY_SUFFIX}"):
                _remove(stale)
    _remove(note)
    for stale in archive.glob(f"{PENDING_NAME}.*.tmp"):
        if _process_gone(stale.name.split(".")[-2]):
            _remove(stale)


def recover(archive: Path = DEFAULT_ARCHIVE) -> None:
    """Finishes the clean-up of an interrupted `ntm issue` (nothing to do after a normal one)."""
    # the half-written note an older ntm left on a full disk: its fixed name is ntm's own
    _remove(_pending_path(archive).with_name(PENDING_NAME + ".tmp"))
    if not _pending_path(archive).exists():
        return
    connection = _open(archive, create=False)
    if connection is None:
        _remove(_pending_path(archive))  # no register: nothing was issued, and only the note is ntm's to remove
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            _recover(connection, archive)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()


# ---------------------------------------------------------------- the archive and its register


def archived_files(archive: Path) -> list[Path]:
    """The files an issue wrote: 'archive/<year>/<name>-so-<NN>-<TYPE>.docx|.pdf'."""
    if not archive.is_dir():
        return []
    found = []
    for path in archive.glob("*/*"):
        if path.is_file() and _ARCHIVE_NAME.fullmatch(_relative(path, archive)):
            found.append(path)
    return sorted(found)


def _register_usable(archive: Path) -> bool:
    """A register file that is there and not empty (a damaged one is refused when opened)."""
    path = register_path(archive)
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _refuse_archive_without_register(archive: Path) -> None:
    """An archive holding issued files with no register (lost, or emptied to 0 bytes): a new
    register would give 01 again. Refused, with the way out."""
    if _register_usable(archive):
        return
    held = archived_files(archive)
    if not held:
        return
    path = register_path(archive)
    state = "trống (0 byte)" if path.is_file() else "không còn"
    raise RegisterProblem(
        f"Thư mục lưu trữ '{archive}' đang giữ {len(held)} tệp văn bản đã phát hành (ví dụ '{held[0]}') nhưng sổ đăng ký "
        f"'{path}' {state}: lập sổ mới lúc này sẽ cấp lại những số đã cấp, nên ntm dừng; chưa cấp số nào. {REBUILD_HINT}"
    )


def _refuse_number_held(
    connection: sqlite3.Connection, archive: Path, type_symbol: str, number: int, symbol: str, year: int | None
) -> None:
    """A number is never given while the archive holds a file carrying it that the register does
    not know (a register restored from an old backup, rows deleted by hand)."""
    registered = {
        name for row in connection.execute("SELECT docx_file, pdf_file FROM documents") for name in (row[0], row[1]) if name
    }
    kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(type_symbol)) or "VB"
    for path in archived_files(archive):
        name = _relative(path, archive)
        match = _ARCHIVE_NAME.fullmatch(name)
        if match is None or name in registered or match["kind"] != kind or int(match["number"]) != number:
            continue
        if year is not None and int(match["year"]) != year:
            continue
        raise RegisterProblem(
            f"Thư mục lưu trữ đang giữ tệp '{path}' mang số {symbol} mà sổ đăng ký không ghi (sổ có thể đã được chép lại "
            f"từ bản sao lưu cũ hoặc bị xóa dòng). ntm không cấp số {symbol} lần thứ hai; chưa cấp số nào. {REBUILD_HINT}"
        )


# ---------------------------------------------------------------- issuing


def issue_document(
    draft: Path,
    archive: Path = DEFAULT_ARCHIVE,
    day: dt.date | None = None,
    *,
    reset_each_year: bool = False,
    pdf: bool = False,
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
    confirmed with --force).
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
        from generator.pdf import LibreOfficeMissing, find_soffice

        if find_soffice() is None:
            raise LibreOfficeMissing()
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


def _archive_pdf(docx_path: Path, pdf_path: Path, created: list[Path], announce: Callable[[str], None]) -> str:
    from generator.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="ntm-issue-") as work:
        converted = convert_to_pdf([docx_path], out_dir=Path(work))[0]
        data = converted.read_bytes()
    announce(_sha256(data))
    _store_new(pdf_path, data)
    created.append(pdf_path)
    _read_only(pdf_path)
    return _sha256(data)


# ---------------------------------------------------------------- withdrawing, listing

_SYMBOL = re.compile(r"(?:số\s*)?0*(?P<number>\d+)\s*-\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<body>\S+)", re.IGNORECASE)


def withdraw(
    archive: Path, symbol: str, *, year: int | None = None, day: dt.date | None = None, reason: str = ""
) -> RegisteredDocument:
    """Marks a document withdrawn (thu hồi). Its row and files stay; its number is never given again.
    `year` tells documents of the same symbol apart in a register that resets each year."""
    match = _SYMBOL.fullmatch(nfc(symbol))
    if match is None:
        raise UsageError(f"'{symbol}' không phải số, ký hiệu văn bản (ví dụ 05-BC/ĐU).")
    connection = _open(archive, create=False)
    if connection is None:
        raise UsageError(f"Chưa có sổ đăng ký trong '{archive}': chưa văn bản nào được cấp số.")
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            rows = [
                r
                for r in connection.execute("SELECT * FROM documents WHERE number = ?", (int(match["number"]),))
                if fold(r["type_symbol"]) == fold(match["type"])
                and fold(r["body_symbol"]) == fold(match["body"])
                and (year is None or r["year"] == year)
            ]
            wanted = vnformat.number_symbol(int(match["number"]), match["type"], match["body"])
            if not rows:
                raise UsageError(f"Sổ đăng ký không có văn bản số {wanted}" + (f" năm {year}." if year else "."))
            if len(rows) > 1:
                years = ", ".join(str(r["year"]) for r in rows)
                raise UsageError(f"Có {len(rows)} văn bản số {wanted} (năm {years}); hãy chỉ rõ năm.")
            row = rows[0]
            if row["status"] == WITHDRAWN:
                raise UsageError(f"Văn bản số {row['symbol']} đã được thu hồi từ trước.")
            connection.execute(
                "UPDATE documents SET status = ?, withdrawn_on = ?, note = ? WHERE id = ?",
                (WITHDRAWN, (day or dt.date.today()).isoformat(), nfc(reason), row["id"]),
            )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return _record(connection.execute("SELECT * FROM documents WHERE id = ?", (row["id"],)).fetchone())
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()


def list_documents(archive: Path = DEFAULT_ARCHIVE, year: int | None = None) -> list[RegisteredDocument]:
    """The register in issue order; one year's documents when `year` is given."""
    _refuse_archive_without_register(archive)  # an empty listing would hide the issued documents
    connection = _open(archive, create=False)
    if connection is None:
        return []
    try:
        if year is None:
            rows = connection.execute("SELECT * FROM documents ORDER BY issued_on, id").fetchall()
        else:
            rows = connection.execute("SELECT * FROM documents WHERE year = ? ORDER BY issued_on, id", (year,)).fetchall()
        return [_record(r) for r in rows]
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()


_MONTH_IN_TITLE = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def issued_monthly_plans(archive: Path, year: int) -> dict[dt.date, tuple[str, dt.date]]:
    """Read-only lookup for the monthly report's citation: month → (symbol, issue date) of each
    monthly plan (KHT) of `year` in force in the register. Opens the file read-only and never
    migrates it; an absent or unreadable register gives nothing."""
    path = register_path(archive)
    if not path.is_file():
        return {}
    found: dict[dt.date, tuple[str, dt.date]] = {}
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            rows = connection.execute(
                "SELECT symbol, issued_on, title FROM documents WHERE doc_type = ? AND year = ? AND status = ? "
                "ORDER BY issued_on, id",
                (DocType.MONTHLY_PLAN.value, year, ISSUED),
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return {}
    for symbol, issued_on, title in rows:
        match = _MONTH_IN_TITLE.search(unicodedata.normalize("NFC", str(title)).lower())
        if match and 1 <= int(match[1]) <= 12:
            found[dt.date(int(match[2]), int(match[1]), 1)] = (str(symbol), dt.date.fromisoformat(str(issued_on)))
    return found


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
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
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


# ---------------------------------------------------------------- rebuilding the register

_FILLED_DATE = re.compile(r"ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})")


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
        hit = _FILLED_DATE.search(nfc(paragraph.text))
        if hit:
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
        "doc_type": _doc_type(type_symbol, title),
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
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
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
                            row["number"], row["type_symbol"], row["doc_type"], row["body_symbol"], row["symbol"],
                            row["year"], row["issued_on"], row["title"], row["signer"], row["recipients"],
                            row["docx_file"], row["docx_sha256"], pdf_name,
                            _file_sha256(pdf) if pdf_name else None, ISSUED,
                            "Dựng lại từ tệp lưu trữ", path.name, f"dung-lai:{sha}",
                            dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                        ),
                    )
                except sqlite3.IntegrityError:
                    skipped.append((path, f"sổ đã có văn bản số {row['symbol']} năm {row['year']} với tệp khác"))
                    continue
                added.append(f"{row['symbol']} ({row['docx_file']})")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()
    return RebuildReport(tuple(added), tuple(skipped), aside)
