"""The only module that opens workbooks: located raw rows out, nothing interpreted.

Sheets and headers are found by their folded names (SPEC §3): case, spacing,
Unicode form and diacritics do not matter, column order is free, extra columns
are ignored. Every value leaves with the cell it came from.
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
import zipfile
from xml.etree import ElementTree
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from generator.errors import UNREADABLE, Location, Problem, Severity, WorkbookUnreadable
from generator.schema import ACTIVITY_LOG, INFO, MAIN_SHEETS, SheetSchema
from generator.text import fold_ascii

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")

# Limits against damaged and hostile files (README, "Giới hạn"): a workbook is
# refused before it is parsed when it breaks one of them.
MAX_FILE_BYTES = 200 * 1024 * 1024  # on disk
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all parts of the zip, inflated
MAX_PARTS = 10_000
MAX_RATIO = 100  # inflated ÷ packed, for a part larger than RATIO_FROM_BYTES
RATIO_FROM_BYTES = 20 * 1024 * 1024
ANNOTATED_SUFFIX = ".loi.xlsx"
HEADER_SEARCH_ROWS = 20

CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class RawCell:
    value: CellValue
    ref: str  # "C12"

    @property
    def is_blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def text(self) -> str:
        """The value as NFC text, '' for blank; numbers that are whole print without '.0'."""
        if self.is_blank:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return unicodedata.normalize("NFC", str(self.value)).strip()


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """Where a sheet's known columns are: shared by all its rows."""

    positions: dict[str, int]  # canonical header → index in RawRow.values
    letters: dict[str, str]  # canonical header → column letter

    @classmethod
    def of(cls, columns: Sequence[tuple[str, str]]) -> ColumnLayout:
        return cls({h: i for i, (h, _) in enumerate(columns)}, dict(columns))


def _is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row of a sheet: its 1-based row number and its values by canonical header.

    Values are kept in one tuple per row, with the column layout shared by the
    sheet, because a log may hold hundreds of thousands of rows.
    """

    file: str
    sheet: str
    number: int
    layout: ColumnLayout
    values: tuple[CellValue, ...]

    @classmethod
    def of(cls, file: str, sheet: str, number: int, cells: Sequence[tuple[str, CellValue, str]]) -> RawRow:
        """A row from (header, value, column letter) triples — for tests and rebuilt sheets."""
        layout = ColumnLayout.of([(h, letter) for h, _, letter in cells])
        return cls(file, sheet, number, layout, tuple(v for _, v, _ in cells))

    def cell(self, header: str) -> RawCell:
        index = self.layout.positions.get(header)
        if index is None:
            return RawCell(None, "")
        return RawCell(self.values[index], f"{self.layout.letters[header]}{self.number}")

    @property
    def cells(self) -> tuple[tuple[str, RawCell], ...]:
        return tuple((h, self.cell(h)) for h in self.layout.positions)

    def value(self, header: str) -> CellValue:
        index = self.layout.positions.get(header)
        return None if index is None else self.values[index]

    def text(self, header: str) -> str:
        index = self.layout.positions.get(header)
        if index is None:
            return ""
        value = self.values[index]
        if isinstance(value, str):
            return value.strip()  # already NFC (see _normalise)
        return RawCell(value, "").text

    def location(self, header: str | None = None) -> Location:
        ref = self.cell(header).ref if header else ""
        return Location(self.file, self.sheet, ref or f"A{self.number}", self.number)

    @property
    def is_blank(self) -> bool:
        return all(_is_blank(v) for v in self.values)


@dataclass(frozen=True)
class SheetTable:
    schema: SheetSchema
    file: str
    name: str  # as spelt in the workbook
    header_row: int
    columns: tuple[tuple[str, str], ...]  # canonical header → column letter
    rows: tuple[RawRow, ...]
    blank_rows: tuple[int, ...]  # empty rows between data rows

    def has_column(self, header: str) -> bool:
        return any(key == header for key, _ in self.columns)


@dataclass(frozen=True)
class WorkbookData:
    path: Path
    label: str  # the file name, for messages
    tables: dict[str, SheetTable] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # per sheet (as spelt in the workbook): cells read as blank that are not (see unknown_cells)
    unknown: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def table(self, schema: SheetSchema) -> SheetTable | None:
        return self.tables.get(schema.name)

    @property
    def is_main(self) -> bool:
        return INFO.name in self.tables


def _normalise(value: object) -> CellValue:
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, (float, int, bool, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return value
    return None if value is None else str(value)


def _find_header(
    grid: Sequence[Sequence[object]], schema: SheetSchema
) -> tuple[int, dict[str, int]]:
    """The row (0-based) among the first ones that names most of the schema's columns."""
    wanted = {fold_ascii(c.header): c.header for c in schema.columns}
    best_row, best_map = 0, dict[str, int]()
    for r, values in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(values):
            if isinstance(value, str) and value.strip():
                key = wanted.get(fold_ascii(value))
                if key and key not in found:
                    found[key] = c
        if len(found) > len(best_map):
            best_row, best_map = r, found
    return best_row, best_map


def _read_table(label: str, sheet_name: str, grid: Sequence[Sequence[object]], schema: SheetSchema) -> tuple[SheetTable, list[Problem]]:
    problems: list[Problem] = []
    header_index, found = _find_header(grid, schema)
    header_row = header_index + 1
    for column in schema.columns:
        if column.required and column.header not in found:
            problems.append(
                Problem(
                    Location(label, sheet_name, f"A{header_row}", header_row),
                    "E-THIEU-COT",
                    f"Trang '{sheet_name}' thiếu cột bắt buộc '{column.header}' "
                    f"(dòng tiêu đề là dòng {header_row}). Hãy thêm cột có đúng tiêu đề này.",
                )
            )
    ordered = sorted(found.items(), key=lambda item: item[1])
    columns = tuple((key, column_letter(index)) for key, index in ordered)
    layout = ColumnLayout.of(columns)
    indices = [index for _, index in ordered]
    # Cells a blank workbook from `ntm init` fills in advance do not make a row.
    meaningful = [i for i, (key, _) in enumerate(ordered) if key not in schema.prefilled]
    rows: list[RawRow] = []
    pending_blank: list[int] = []
    blank_rows: list[int] = []
    pick = operator.itemgetter(*indices) if len(indices) > 1 else None
    reach = max(indices, default=-1)
    nfc = unicodedata.normalize
    for r in range(header_index + 1, len(grid)):
        line = grid[r]
        if pick is not None and len(line) > reach:
            # the common case, kept to plain operations: 200,000 rows pass here
            values = tuple(
                nfc("NFC", v) if type(v) is str and not v.isascii() else v for v in pick(line)
            )
        else:
            width = len(line)
            values = tuple(_normalise(line[i]) if i < width else None for i in indices)
        number = r + 1
        if all(_is_blank(values[i]) for i in meaningful):
            pending_blank.append(number)
            continue
        if rows:
            blank_rows.extend(pending_blank)
        pending_blank = []
        rows.append(RawRow(label, sheet_name, number, layout, values))
    table = SheetTable(schema, label, sheet_name, header_row, columns, tuple(rows), tuple(blank_rows))
    return table, problems


_RESAVE = "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại."


def _unreadable(label: str, reason: str, hint: str = _RESAVE) -> WorkbookUnreadable:
    return WorkbookUnreadable(Problem(Location(label), UNREADABLE, f"Không mở được tệp: {reason}. {hint}"))


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


_MIB = 1024 * 1024


def _inspect(path: Path, label: str, zipped: bool = False) -> None:
    """Refuses, before any parsing, a file that is too big, a zip bomb or XML with entities.

    Excel never writes a DOCTYPE: one in a part is an entity-expansion attack
    ("billion laughs") or a damaged file, and is refused whatever the parser would do.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _unreadable(label, f"tệp nặng {size // _MIB} MB, quá giới hạn {MAX_FILE_BYTES // _MIB} MB", _SPLIT)
    if not zipped and path.suffix.lower() not in ZIP_SUFFIXES:
        return
    with path.open("rb") as stream:
        if stream.read(8) == _OLE_SIGNATURE:
            # Excel saves a workbook with a password to open as an encrypted OLE container
            raise _unreadable(label, "tệp có đặt mật khẩu", "Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise _unreadable(label, f"tệp có {len(parts)} phần nén, quá giới hạn {MAX_PARTS}", _BROKEN)
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise _unreadable(
                    label, f"tệp giải nén ra {unpacked // _MIB} MB, quá giới hạn {MAX_UNPACKED_BYTES // _MIB} MB", _BROKEN
                )
            for part in parts:
                if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                    raise _unreadable(label, f"phần '{part.filename}' nén bất thường (tỷ lệ trên {MAX_RATIO}:1)", _BROKEN)
                if part.filename.lower().endswith((".xml", ".rels")):
                    with archive.open(part) as stream:
                        head = stream.read(2048)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise _unreadable(label, f"phần '{part.filename}' có khai báo DOCTYPE/ENTITY", _BROKEN)
    except zipfile.BadZipFile:
        raise _unreadable(label, "tệp hỏng hoặc không phải bảng tính Excel (không phải tệp nén hợp lệ)") from None
    except (OSError, RuntimeError, NotImplementedError, EOFError) as exc:  # encrypted parts, odd compression
        raise _unreadable(label, f"tệp hỏng hoặc mã hóa ({exc.__class__.__name__})") from None


def guard_package(path: Path) -> None:
    """The size, zip-bomb and entity guards of the workbooks, for any Office package (a
    Word draft uploaded to `ntm serve` too); raises WorkbookUnreadable."""
    _inspect(path, path.name, zipped=True)


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPLIT = "Hãy tách sổ nhật ký thành nhiều tệp nhỏ hơn (ví dụ mỗi quý một tệp)."
_BROKEN = "Tệp có thể bị hỏng hoặc không an toàn: hãy xin lại tệp gốc hoặc lưu lại bằng Excel."


def read_workbook(path: Path, schemas: Iterable[SheetSchema] = MAIN_SHEETS) -> WorkbookData:
    """Reads the sheets of `schemas` that the workbook has; the file is opened once."""
    label = path.name
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise _unreadable(label, f"đuôi tệp '{path.suffix}' không phải .xlsx, .xlsm, .xls hay .ods")
    _inspect(path, label)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise _unreadable(label, "tệp có đặt mật khẩu; hãy gỡ mật khẩu trong Excel") from None
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise _unreadable(label, f"tệp hỏng hoặc không phải bảng tính Excel ({exc.__class__.__name__})") from None
    try:
        by_key = {fold_ascii(name): name for name in workbook.sheet_names}
        tables: dict[str, SheetTable] = {}
        problems: list[Problem] = []
        for schema in schemas:
            actual = by_key.get(fold_ascii(schema.name))
            if actual is None:
                continue
            try:
                grid = workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
            except (python_calamine.CalamineError, ValueError) as exc:
                raise _unreadable(label, f"không đọc được trang '{actual}' ({exc})") from None
            except BaseException as exc:
                # python-calamine's Rust core panics (PanicException, a BaseException)
                # on some values, e.g. a date-formatted number beyond year 9999.
                if not _is_panic(exc):
                    raise
                raise _unreadable(
                    label,
                    f"trang '{actual}' có ô không đọc được ({exc})",
                    "Thường là một ô định dạng ngày chứa số quá lớn hoặc âm: hãy xem lại các cột ngày của trang này.",
                ) from None
            table, table_problems = _read_table(label, actual, grid, schema)
            tables[schema.name] = table
            problems.extend(table_problems)
    finally:
        workbook.close()
    unknown: dict[str, tuple[tuple[str, str], ...]] = {}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        unknown = unknown_cells(path, [t.name for t in tables.values()])
    return WorkbookData(path, label, tables, tuple(problems), unknown)


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the zip, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PACKAGE_REL_NS}}}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        if target:
            parts[unicodedata.normalize("NFC", sheet.get("name", ""))] = (
                target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            )
    return parts


def _may_hold_unknown_cells(archive: zipfile.ZipFile, part: str) -> bool:
    """A quick byte scan, so that the common sheet without formulas or errors is not parsed twice."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if b"<f>" in window or b"<f " in window or b' t="e"' in window:
                return True
            tail = chunk[-6:]
    return False


def unknown_cells(path: Path, sheet_names: Sequence[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Cells whose value python-calamine shows as blank although they are not: per sheet,
    (cell, why) with why '' for a formula without a saved result, or the error (#REF!…).

    A workbook saved with calculation off, or by a program other than Excel, holds
    formulas without results; a broken formula holds an error. Neither is empty.
    """
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    main = f"{{{_MAIN_NS}}}"
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            names = set(archive.namelist())
            for name in sheet_names:
                part = parts.get(name)
                if not part or part not in names or not _may_hold_unknown_cells(archive, part):
                    continue
                cells: list[tuple[str, str]] = []
                with archive.open(part) as stream:
                    for _, element in ElementTree.iterparse(stream):
                        if element.tag == main + "c":
                            value = element.find(main + "v")
                            text = (value.text or "").strip() if value is not None else ""
                            if element.get("t") == "e":
                                cells.append((element.get("r", ""), text or "#N/A"))
                            elif element.find(main + "f") is not None and not text:
                                cells.append((element.get("r", ""), ""))
                            element.clear()
                if cells:
                    found[name] = tuple(cells)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return {}  # calamine has read the file; its cells are left as calamine saw them
    return found


def missing_sheet(label: str, schema: SheetSchema) -> Problem:
    return Problem(
        Location(label, schema.name),
        "E-THIEU-TRANG",
        f"Tệp thiếu trang (sheet) '{schema.name}'. Hãy thêm trang này với dòng tiêu đề: "
        + ", ".join(schema.required_headers)
        + ".",
    )


def find_workbooks(paths: Iterable[Path]) -> list[Path]:
    """The workbooks named, and those inside named folders (not the .loi.xlsx copies)."""
    found: list[Path] = []
    for path in paths:
        candidates: Iterator[Path] = iter(sorted(path.iterdir())) if path.is_dir() else iter([path])
        for candidate in candidates:
            name = candidate.name
            if path.is_dir() and (
                name.startswith("~$")
                or name.lower().endswith(ANNOTATED_SUFFIX)
                or candidate.suffix.lower() not in WORKBOOK_SUFFIXES
                or not candidate.is_file()
            ):
                continue
            found.append(candidate)
    return found


def blank_row_warnings(table: SheetTable) -> list[Problem]:
    """One warning per run of empty rows between data rows."""
    runs: list[list[int]] = []
    for number in table.blank_rows:
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    warnings = []
    for first, last in runs:
        rows = f"Dòng {first}" if first == last else f"Các dòng {first}–{last}"
        warnings.append(
            Problem(
                Location(table.file, table.name, f"A{first}", first),
                "W-DONG-TRONG",
                f"{rows} trống nằm giữa các dòng dữ liệu; bỏ qua.",
                Severity.WARNING,
            )
        )
    return warnings


__all__ = [
    "ACTIVITY_LOG",
    "RawCell",
    "RawRow",
    "SheetTable",
    "WorkbookData",
    "blank_row_warnings",
    "find_workbooks",
    "missing_sheet",
    "read_workbook",
]
