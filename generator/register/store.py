"""The register's SQLite store: constants, records, migrations, opening the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import (
    OutputProblem,
    RegisterProblem,
)
from generator.model import ARCHIVE_OFFICE, is_archive_line

DEFAULT_ARCHIVE = Path("archive")
REGISTER_FILE = "so-dang-ky.sqlite"
EXPORT_FILE = "so-dang-ky-van-ban-di.xlsx"
BUSY_TIMEOUT = 30.0  # seconds a second `ntm issue` waits for the first one

ISSUED = "issued"
WITHDRAWN = "withdrawn"


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
        return tuple(r for r in self.recipients if not is_archive_line(r))

    @property
    def kept_by(self) -> str:
        """Who keeps the archive copy: 'VPĐU xã' from '- Lưu VPĐU xã.'."""
        for line in self.recipients:
            if is_archive_line(line):
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
            f"Sổ đăng ký '{path}' đang được một lệnh khác dùng quá {BUSY_TIMEOUT:g} giây. Hãy chờ lệnh đó xong rồi chạy lại."
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
        return RegisterProblem(f"Tệp sổ đăng ký '{path}' bị hỏng (không phải cơ sở dữ liệu SQLite dùng được). {REBUILD_HINT}")
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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def write_transaction(connection: sqlite3.Connection, archive: Path) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any failure; an SQLite error becomes
    RegisterProblem (its cause kept); the connection is closed in every case."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()
