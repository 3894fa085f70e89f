"""The only module that opens workbooks: located raw rows (or, for a big log, Arrow columns) out, nothing interpreted.

Every zip passes the guards of zipguard.py before any parsing. The grid of a sheet becomes
located rows in sheets.py; a big log is read column by column here (read_log_columns).
Every value leaves with the cell it came from.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import importlib
import logging
import re
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import python_calamine

from generator.errors import UNREADABLE, Location, PackageRefused, Problem, ProblemCode, WorkbookUnreadable
from generator.schema import ACTIVITY_LOG, INFO, MAIN_SHEETS, SheetSchema
from generator.sheets import (
    HEADER_SEARCH_ROWS,
    CellValue,
    ColumnLayout,
    RawCell,
    RawRow,
    SheetTable,
    blank_row_warnings,
    column_letter,
    find_header,
    missing_sheet,
    read_table,
)
from generator.text import fold_ascii
from generator.zipguard import guard_workbook

if TYPE_CHECKING:  # polars and fastexcel are imported where a big log is read (columnar ingest)
    import polars as pl

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")

ANNOTATED_SUFFIX = ".loi.xlsx"
DOUBLED_SHEET = ProblemCode.SAME_NAMED_SHEETS  # two sheets whose names fold to the same required sheet


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
    # columns read as text because they hold two kinds of value (text in a number column)
    as_text: frozenset[str] = frozenset()

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
        table, _ = read_table(self.file, self.name, grid, self.schema, self.path)
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


@functools.cache
def columnar_libraries_run() -> bool:
    """True where fastexcel and polars import. False where they cannot run here (a big log is
    then read row by row): missing or broken, or a CPU without the instructions (AVX2, FMA…) of
    polars' default build. polars warns of that before it loads its binary, which would then
    stop the process at the first instruction the CPU lacks: the warning is taken as a refusal."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Missing required CPU features", category=RuntimeWarning)
        try:
            for name in ("fastexcel", "polars"):
                importlib.import_module(name)
        except (ImportError, OSError, RuntimeError, RuntimeWarning):
            # nothing half-imported stays for a later import to find
            for name in [name for name in sys.modules if name.split(".")[0] == "polars" or name.startswith("_polars")]:
                del sys.modules[name]
            return False
    return True


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
    zipped = path.suffix.lower() in (".xlsx", ".xlsm")
    log_scan: concurrent.futures.Future[dict[str, tuple[tuple[str, str], ...]]] | None = None
    log_sheet = ""
    with _open(path, label) as workbook, concurrent.futures.ThreadPoolExecutor(1, "ntm-scan") as beside:
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
                if zipped:
                    # the log's byte scan for formulas and errors runs beside fastexcel's parse, which
                    # lets go of the GIL: it was a seventh of a 200,000-row read
                    log_scan, log_sheet = beside.submit(unknown_cells, path, [actual]), actual
                log = read_log_columns(path, label, actual, schema, min_bytes=0 if columnar else COLUMNAR_MIN_BYTES)
                if log is not None:
                    by_columns[schema.name] = log
                    continue
            grid = _grid(workbook, label, actual, path)
            table, table_problems = read_table(label, actual, grid, schema, str(path))
            tables[schema.name] = table
            problems.extend(table_problems)
    unknown: dict[str, tuple[tuple[str, str], ...]] = {}
    if zipped:
        sheets = [t.name for t in tables.values()] + [c.name for c in by_columns.values()]
        scanned = log_scan.result() if log_scan is not None else {}
        unknown = {**unknown_cells(path, [name for name in sheets if name != log_sheet]), **scanned}
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


# how many columns holding two kinds of value are read again as text before the row reader takes the log
_RETYPED_COLUMNS = 3


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
    _, found = find_header([[header.get(i) for i in range(max(header) + 1)]], schema)
    if any(column.required and column.header not in found for column in schema.columns):
        return None  # reported by the row reader, which also finds a header further down
    if not columnar_libraries_run():
        return None
    import fastexcel
    import polars as pl

    # fastexcel logs, through Python's logging, that an empty column is read as text: no news for a clerk
    logging.getLogger("fastexcel").addHandler(logging.NullHandler())
    ordered = sorted(found.items(), key=lambda item: item[1])
    letters = ",".join(column_letter(index) for _, index in ordered)
    # dates as text: fastexcel would turn a date typed as text into null, and a number in a date
    # column into a date; numbers and texts are typed by looking at every row, strictly
    dtypes: dict[str | int, fastexcel.DType] = {index: "string" for key, index in ordered if schema.column(key).kind == "date"}
    as_text: set[str] = set()
    reader = fastexcel.read_excel(str(path))
    for _ in range(_RETYPED_COLUMNS + 1):
        try:
            loaded = reader.load_sheet(
                sheet, header_row=0, use_columns=letters, dtypes=dtypes or None, schema_sample_rows=None, dtype_coercion="strict"
            )
            by_index = {info.absolute_index: info.name for info in loaded.selected_columns}
            frame = pl.DataFrame(loaded.to_polars())
            break
        except fastexcel.UnsupportedColumnTypeCombinationError as exc:
            # a column holding two kinds of value (text in a number column): read again with it
            # as text; its cells that are not plain text go to the row reader (columnar.py)
            mixed = re.search(r"could not determine dtype for column (.*)$", str(exc), re.MULTILINE)
            index = next((i for i, text in header.items() if mixed and text == mixed.group(1)), None)
            key = next((k for k, i in ordered if i == index), None)
            if index is None or key is None or index in dtypes:
                return None
            dtypes[index] = "string"
            as_text.add(key)
        except Exception:  # fastexcel's other errors: the row reader words them
            return None
        except BaseException as exc:  # a panic of its Rust core on an odd cell
            if not _is_panic(exc):
                raise
            return None
    else:
        return None
    names = {by_index[index]: key for key, index in ordered if index in by_index}
    if len(names) != len(ordered):
        return None
    frame = frame.select([pl.col(name).alias(key) for name, key in names.items()])
    texts = [key for key, _ in ordered if frame.schema[key] == pl.String]
    head = frame.head(HEADER_SEARCH_ROWS - 1).select(texts).rows()
    if texts and find_header([list(r) for r in head], schema)[1]:
        return None  # a row under row 1 names columns too: the row reader decides which is the header
    columns = tuple((key, column_letter(index)) for key, index in ordered)
    return LogColumns(schema, label, sheet, columns, frame, str(path), frozenset(as_text))


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


__all__ = [
    "ACTIVITY_LOG",
    "HEADER_SEARCH_ROWS",
    "CellValue",
    "ColumnLayout",
    "LogColumns",
    "column_letter",
    "RawCell",
    "RawRow",
    "SheetTable",
    "WorkbookData",
    "blank_row_warnings",
    "find_workbooks",
    "missing_sheet",
    "read_workbook",
]
