"""A sheet's grid read as located rows: the header found by its folded names, every value with its cell.

Pure: the grid comes from reading.py, the only module that opens workbooks. Sheets and
headers are found by their folded names (SPEC §3): case, spacing, Unicode form and
diacritics do not matter, column order is free, extra columns are ignored.
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.errors import Location, Problem, ProblemCode, Severity
from generator.schema import SheetSchema
from generator.text import fold_ascii

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


def _normalise(value: object) -> CellValue:
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, (float, int, bool, dt.date, dt.datetime, dt.time, dt.timedelta)):
        return value
    return None if value is None else str(value)


def find_header(grid: Sequence[Sequence[object]], schema: SheetSchema) -> tuple[int, dict[str, int]]:
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


def read_table(
    label: str, sheet_name: str, grid: Sequence[Sequence[object]], schema: SheetSchema, where: str = ""
) -> tuple[SheetTable, list[Problem]]:
    problems: list[Problem] = []
    header_index, found = find_header(grid, schema)
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
            values = tuple(nfc("NFC", v) if type(v) is str and not v.isascii() else v for v in pick(line))
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


def missing_sheet(label: str, schema: SheetSchema, where: str = "") -> Problem:
    return Problem(
        Location(label, schema.name, path=where),
        ProblemCode.MISSING_SHEET,
        f"Tệp thiếu trang (sheet) '{schema.name}'. Hãy thêm trang này với dòng tiêu đề: "
        + ", ".join(schema.required_headers)
        + ".",
    )


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
