"""The only module that opens workbooks: located raw rows out, nothing interpreted.

Sheets and headers are found by their folded names (SPEC §3): case, spacing,
Unicode form and diacritics do not matter, column order is free, extra columns
are ignored. Every value leaves with the cell it came from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import operator
import unicodedata
import zipfile
from xml.etree import ElementTree
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import python_calamine

from generator.errors import Location, Problem, ProblemCode, Severity, UNREADABLE, WorkbookUnreadable
from generator.schema import ACTIVITY_LOG, INFO, MAIN_SHEETS, SheetSchema
from generator.text import fold_ascii
from generator.errors import PackageRefused
from generator.zipguard import guard_workbook

if TYPE_CHECKING:  # polars and fastexcel are imported where a big log is read (columnar ingest)
    import polars as pl

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")

ANNOTATED_SUFFIX = ".loi.xlsx"
DOUBLED_SHEET = ProblemCode.SAME_NAMED_SHEETS  # two sheets whose names fold to the same required sheet
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
    path: str = ""  # the whole path of the workbook (Location.path)

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
        return Location(self.file, self.sheet, ref or f"A{self.number}", self.number, self.path)

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
    path: str = ""  # the whole path of the workbook (Location.path)

    def has_column(self, header: str) -> bool:
        return any(key == header for key, _ in self.columns)


@dataclass(frozen=True)
class LogColumns:
    """A log sheet read column by column into Arrow memory (fastexcel, as a polars frame).

    The frame has one column per header of the schema that the sheet has, named by the
    canonical header, and a row per sheet row from row 2 (the header is row 1): frame row i
    is sheet row i + 2. Dates are read as text, so that a date typed as text is not lost;
    number columns hold numbers only (a sheet whose number column holds text is read row by
    row instead, see read_log_columns).
    """

    schema: SheetSchema
    file: str
    name: str  # as spelt in the workbook
    columns: tuple[tuple[str, str], ...]  # canonical header → column letter
    frame: pl.DataFrame
    path: str  # the whole path of the workbook

    FIRST_ROW = 2

    def letter(self, header: str) -> str:
        return dict(self.columns)[header]

    def has_column(self, header: str) -> bool:
        return any(key == header for key, _ in self.columns)

    def rows(self) -> SheetTable:
        """The same sheet read row by row (python-calamine), for the rows that hold a problem:
        their messages are worded from the cells' own values."""
        with _open(Path(self.path), self.file) as workbook:
            grid = _grid(workbook, self.file, self.name, Path(self.path))
        table, _ = _read_table(self.file, self.name, grid, self.schema, self.path)
        return table


@dataclass(frozen=True)
class WorkbookData:
    path: Path
    label: str  # the file name, for messages
    tables: dict[str, SheetTable] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # per sheet (as spelt in the workbook): cells read as blank that are not (see unknown_cells)
    unknown: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    # sheets read column by column (only the activity log, when it is big): see read_log_columns
    columnar: dict[str, LogColumns] = field(default_factory=dict)

    def table(self, schema: SheetSchema) -> SheetTable | None:
        return self.tables.get(schema.name)

    def log(self) -> SheetTable | LogColumns | None:
        """The activity log, however it was read."""
        return self.columnar.get(ACTIVITY_LOG.name) or self.tables.get(ACTIVITY_LOG.name)

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


def _read_table(
    label: str, sheet_name: str, grid: Sequence[Sequence[object]], schema: SheetSchema, where: str = ""
) -> tuple[SheetTable, list[Problem]]:
    problems: list[Problem] = []
    header_index, found = _find_header(grid, schema)
    header_row = header_index + 1
    for column in schema.columns:
        if column.required and column.header not in found:
            problems.append(
                Problem(
                    Location(label, sheet_name, f"A{header_row}", header_row, where),
                    ProblemCode.MISSING_COLUMN,
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
        rows.append(RawRow(label, sheet_name, number, layout, values, where))
    table = SheetTable(schema, label, sheet_name, header_row, columns, tuple(rows), tuple(blank_rows), where)
    return table, problems


_RESAVE = "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại."


def _unreadable(label: str, reason: str, hint: str = _RESAVE, where: str = "") -> WorkbookUnreadable:
    return WorkbookUnreadable(Problem(Location(label, path=where), UNREADABLE, f"Không mở được tệp: {reason}. {hint}"))


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _inspect(path: Path, label: str) -> None:
    """Refuses, before any parsing, what the zip guard refuses (too big, zip bomb, entities,
    password) and anything that is not a regular file (a FIFO would block the reader)."""
    try:
        guard_workbook(path, label, zipped=path.suffix.lower() in ZIP_SUFFIXES)
    except PackageRefused as exc:
        raise _unreadable(label, exc.reason, exc.hint, str(path)) from exc


@contextlib.contextmanager
def _open(path: Path, label: str) -> Iterator[python_calamine.CalamineWorkbook]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as err:
        raise _unreadable(label, "tệp có đặt mật khẩu; hãy gỡ mật khẩu trong Excel", where=str(path)) from err
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise _unreadable(label, f"tệp hỏng hoặc không phải bảng tính Excel ({exc.__class__.__name__})", where=str(path)) from exc
    try:
        yield workbook
    finally:
        workbook.close()


def _grid(workbook: python_calamine.CalamineWorkbook, label: str, actual: str, path: Path) -> Sequence[Sequence[object]]:
    try:
        return workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, ValueError) as exc:
        raise _unreadable(label, f"không đọc được trang '{actual}' ({exc})", where=str(path)) from exc
    except BaseException as exc:
        # python-calamine's Rust core panics (PanicException, a BaseException)
        # on some values, e.g. a date-formatted number beyond year 9999.
        if not _is_panic(exc):
            raise
        raise _unreadable(
            label,
            f"trang '{actual}' có ô không đọc được ({exc})",
            "Thường là một ô định dạng ngày chứa số quá lớn hoặc âm: hãy xem lại các cột ngày của trang này.",
            str(path),
        ) from exc


# A log sheet whose XML is at least this big (about 2,000 rows) is read column by column;
# a smaller one row by row, which spares the columnar libraries' import (~0.3 s).
COLUMNAR_MIN_BYTES = 1 << 20


def read_workbook(path: Path, schemas: Iterable[SheetSchema] = MAIN_SHEETS, columnar: bool | None = None) -> WorkbookData:
    """Reads the sheets of `schemas` that the workbook has; the file is opened once.

    `columnar`: read the activity log column by column (True), row by row (False), or by
    its size (None). A log that the columnar reader cannot take whole is read row by row.
    """
    label = path.name
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise _unreadable(label, f"đuôi tệp '{path.suffix}' không phải .xlsx, .xlsm, .xls hay .ods", where=str(path))
    _inspect(path, label)
    tables: dict[str, SheetTable] = {}
    by_columns: dict[str, LogColumns] = {}
    problems: list[Problem] = []
    with _open(path, label) as workbook:
        by_key: dict[str, list[str]] = {}
        for name in workbook.sheet_names:
            by_key.setdefault(fold_ascii(name), []).append(name)
        plan: list[tuple[SheetSchema, str] | Problem] = []
        for schema in schemas:
            found = by_key.get(fold_ascii(schema.name), [])
            if len(found) == 1:
                plan.append((schema, found[0]))
            elif found:
                # 'Nhật ký' and 'NHAT KY' are the same sheet to ntm: reading one would drop the other's rows
                named = " và ".join(f"'{n}'" for n in found)
                plan.append(
                    Problem(
                        Location(label, found[1], path=str(path)),
                        DOUBLED_SHEET,
                        f"Tệp có {len(found)} trang cùng là trang '{schema.name}' ({named}: tên chỉ khác chữ hoa, dấu "
                        "hoặc khoảng trắng); ntm không biết đọc trang nào. Hãy gộp dữ liệu vào một trang và xóa "
                        "hoặc đổi tên trang kia.",
                    )
                )
        for item in plan:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            schema, actual = item
            if schema is ACTIVITY_LOG and columnar is not False:
                log = read_log_columns(path, label, actual, schema, min_bytes=0 if columnar else COLUMNAR_MIN_BYTES)
                if log is not None:
                    by_columns[schema.name] = log
                    continue
            grid = _grid(workbook, label, actual, path)
            table, table_problems = _read_table(label, actual, grid, schema, str(path))
            tables[schema.name] = table
            problems.extend(table_problems)
    unknown: dict[str, tuple[tuple[str, str], ...]] = {}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        unknown = unknown_cells(path, [t.name for t in tables.values()] + [c.name for c in by_columns.values()])
    return WorkbookData(path, label, tables, tuple(problems), unknown, by_columns)


def _first_row(archive: zipfile.ZipFile, part: str) -> dict[int, str] | None:
    """Row 1 of a sheet part as text by column index, read without parsing the rest of the
    sheet; None when the sheet's first row is not row 1."""
    main = f"{{{_MAIN_NS}}}"
    cells: list[tuple[str, str, str]] = []  # (ref, type, value)
    with archive.open(part) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag != main + "row":
                continue
            if element.get("r", "1") != "1":
                return None
            for cell in element.iter(main + "c"):
                kind = cell.get("t", "n")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in cell.iter(main + "t"))
                else:
                    v = cell.find(main + "v")
                    value = (v.text or "") if v is not None else ""
                cells.append((cell.get("r", ""), kind, value))
            break
    shared = {int(v) for _, kind, v in cells if kind == "s" and v.isdigit()}
    strings: dict[int, str] = {}
    if shared and "xl/sharedStrings.xml" in archive.namelist():
        wanted = max(shared)
        with archive.open("xl/sharedStrings.xml") as stream:
            index = 0
            for _, element in ElementTree.iterparse(stream):
                if element.tag != main + "si":
                    continue
                if index in shared:  # the text of its runs, not of its phonetic guides (rPh)
                    runs = [element.find(main + "t")] + [r.find(main + "t") for r in element.iter(main + "r")]
                    strings[index] = "".join(t.text or "" for t in runs if t is not None)
                if index >= wanted:
                    break
                index += 1
                element.clear()
    row: dict[int, str] = {}
    for position, (ref, kind, value) in enumerate(cells):
        letters = ref.rstrip("0123456789")
        column = _column_index(letters) if letters else position
        row[column] = strings.get(int(value), "") if kind == "s" and value.isdigit() else value
    return row


def _column_index(letters: str) -> int:
    """A → 0, AA → 26."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def read_log_columns(path: Path, label: str, sheet: str, schema: SheetSchema, min_bytes: int = 0) -> LogColumns | None:
    """The log sheet read column by column, or None where it must be read row by row: not an
    .xlsx, smaller than `min_bytes`, its header not on row 1 (or a header among the next rows),
    a required column missing, or a column holding several kinds of value (text in a number
    column: its cells keep their messages through the row reader)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_parts(archive).get(sheet, "")
            if part not in archive.namelist() or archive.getinfo(part).file_size < min_bytes:
                return None
            header = _first_row(archive, part)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    if not header:
        return None
    _, found = _find_header([[header.get(i) for i in range(max(header) + 1)]], schema)
    if any(column.required and column.header not in found for column in schema.columns):
        return None  # reported by the row reader, which also finds a header further down
    import fastexcel
    import polars as pl

    # fastexcel logs, through Python's logging, that an empty column is read as text: no news for a clerk
    logging.getLogger("fastexcel").addHandler(logging.NullHandler())
    ordered = sorted(found.items(), key=lambda item: item[1])
    letters = ",".join(column_letter(index) for _, index in ordered)
    # dates as text: fastexcel would turn a date typed as text into null, and a number in a date
    # column into a date; numbers and texts are typed by looking at every row, strictly
    dates: dict[str | int, fastexcel.DType] = {index: "string" for key, index in ordered if schema.column(key).kind == "date"}
    try:
        loaded = fastexcel.read_excel(str(path)).load_sheet(
            sheet, header_row=0, use_columns=letters, dtypes=dates or None, schema_sample_rows=None, dtype_coercion="strict"
        )
        by_index = {info.absolute_index: info.name for info in loaded.selected_columns}
        frame = pl.DataFrame(loaded.to_polars())
    except Exception:  # fastexcel raises its own errors, and panics on odd cells: the row reader words them
        return None
    names = {by_index[index]: key for key, index in ordered if index in by_index}
    if len(names) != len(ordered):
        return None
    frame = frame.select([pl.col(name).alias(key) for name, key in names.items()])
    texts = [key for key, _ in ordered if frame.schema[key] == pl.String]
    head = frame.head(HEADER_SEARCH_ROWS - 1).select(texts).rows()
    if texts and _find_header([list(r) for r in head], schema)[1]:
        return None  # a row under row 1 names columns too: the row reader decides which is the header
    columns = tuple((key, column_letter(index)) for key, index in ordered)
    return LogColumns(schema, label, sheet, columns, frame, str(path))


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
        while chunk := stream.read(1 << 22):
            window = tail + chunk
            if b' t="e"' in window or _has_formula(window):
                return True
            tail = chunk[-6:]
    return False


def _has_formula(window: bytes) -> bool:
    """A formula element, <f> or <f …>, in one pass: '<f' otherwise starts only the few
    <formula1> of data validations (a log made by `ntm init` has them)."""
    at = window.find(b"<f")
    while at >= 0:
        if window[at + 2 : at + 3] in (b">", b" "):
            return True
        at = window.find(b"<f", at + 2)
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


def missing_sheet(label: str, schema: SheetSchema, where: str = "") -> Problem:
    return Problem(
        Location(label, schema.name, path=where),
        ProblemCode.MISSING_SHEET,
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
                ProblemCode.BLANK_ROW,
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
