"""Numbers: the next number of a type, starting a type from a given number, withdrawing, listing."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from pathlib import Path

import generator.register.store as store
from generator import vnformat
from generator.errors import (
    UsageError,
)
from generator.model import DocType
from generator.register.archive import _refuse_archive_without_register
from generator.register.store import (
    DEFAULT_ARCHIVE,
    ISSUED,
    WITHDRAWN,
    RegisteredDocument,
    _open,
    _record,
    _sqlite_problem,
    register_path,
    write_transaction,
)
from generator.text import fold, nfc


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


def next_number(archive: Path, type_symbol: str, *, year: int | None = None, term: str = "") -> int:
    """The number the next document of this type will get; nothing is taken."""
    connection = _open(archive, create=False)
    if connection is None:
        return 1
    try:
        return _next_number(connection, type_symbol, term, year)
    except sqlite3.Error as exc:
        raise _sqlite_problem(archive, exc) from exc
    finally:
        connection.close()


# ---------------------------------------------------------------- withdrawing, listing


def withdraw(
    archive: Path, symbol: str, *, year: int | None = None, day: dt.date | None = None, reason: str = ""
) -> RegisteredDocument:
    """Marks a document withdrawn (thu hồi). Its row and files stay; its number is never given again.
    `year` tells documents of the same symbol apart in a register that resets each year."""
    match = vnformat.NUMBER_SYMBOL.fullmatch(nfc(symbol))
    if match is None:
        raise UsageError(f"'{symbol}' không phải số, ký hiệu văn bản (ví dụ 05-BC/ĐU).")
    connection = _open(archive, create=False)
    if connection is None:
        raise UsageError(f"Chưa có sổ đăng ký trong '{archive}': chưa văn bản nào được cấp số.")
    with write_transaction(connection, archive):
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
        return _record(connection.execute("SELECT * FROM documents WHERE id = ?", (row["id"],)).fetchone())


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


def issued_monthly_plans(archive: Path, year: int) -> dict[dt.date, tuple[str, dt.date]]:
    """Read-only lookup for the monthly report's citation: month → (symbol, issue date) of each
    monthly plan (KHT) of `year` in force in the register. Opens the file read-only and never
    migrates it; an absent or unreadable register gives nothing."""
    path = register_path(archive)
    if not path.is_file():
        return {}
    found: dict[dt.date, tuple[str, dt.date]] = {}
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=store.BUSY_TIMEOUT)
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
        match = vnformat.MONTH_OF_YEAR.search(unicodedata.normalize("NFC", str(title)).lower())
        if match and 1 <= int(match["month"]) <= 12:
            found[dt.date(int(match["year"]), int(match["month"]), 1)] = (str(symbol), dt.date.fromisoformat(str(issued_on)))
    return found
