"""How the sheets of the workbooks ntm writes look: header row, column formats and widths,
data rows, the `Thông tin` sheet, the `Hướng dẫn` sheet and the printed page (`ntm init`,
`ntm init --unit` and the sample workbook; the register export shares the page setup).

Formats are column styles, so what the clerk types anywhere below the header gets them. Only
openpyxl is used; user text goes through cells.put_text, never becoming a formula.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from generator import schema as S
from generator.cells import put_text, put_value
from generator.workbook_guide import INFO_NOTE_HEADER, INFO_NOTE_HELP, INFO_NOTES

GUIDE_SHEET = "Hướng dẫn"
GUIDE_HEADERS = ("Mục", "Hướng dẫn")
GuideRow = tuple[str, str, str]  # (kind, title, text); kind: "note", "section", "item", "column"


LAST_ROW = 3001
"""Validations, dropdowns and the autofilter reach this row (3000 data rows: a year's log of a
commune is several hundred rows). Number formats are column styles, so they cover every row."""


DATE_FORMAT = "dd/mm/yyyy"
COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0"
# Quantities keep Excel's "General": "#,##0.###" shows a whole number with a trailing
# decimal separator ("5," / "5."), which looks like a typing mistake to a clerk.
AMOUNT_FORMAT = "General"
TEXT_FORMAT = "@"


_NUMBER_FORMATS = {
    S.Kind.TEXT: "General",
    S.Kind.DATE: DATE_FORMAT,
    S.Kind.COUNT: COUNT_FORMAT,
    S.Kind.AMOUNT: AMOUNT_FORMAT,
    S.Kind.MONEY: MONEY_FORMAT,
    S.Kind.MONTH: TEXT_FORMAT,
}


FONT_NAME = "Calibri"  # openpyxl's default; a Font without a name falls back to another face
PLAIN_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FONT = BOLD_FONT
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
NOTE_FONT = Font(name=FONT_NAME, size=11, italic=True, color="FF595959")
EMPHASIS_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFC00000")
SECTION_FILL = PatternFill(fill_type="solid", start_color="FFF2F2F2", end_color="FFF2F2F2")


MAX_NARROW_WIDTH = 16  # a long header of a number column wraps instead of widening the column


def new_workbook(title: str) -> Any:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "ntm"
    workbook.properties.lastModifiedBy = "ntm"
    workbook.properties.title = title
    return workbook


def column_index(sheet: S.SheetSchema, header: str) -> int:
    """1-based column of `header` in the written sheet."""
    for index, column in enumerate(sheet.columns, start=1):
        if column.header == header:
            return index
    raise KeyError(header)


def _number_format(column: S.Column) -> str:
    return _NUMBER_FORMATS[column.kind]


def _width(column: S.Column) -> float:
    if column.width is not None:
        return column.width
    if column.kind is S.Kind.DATE:
        return 12
    return float(max(8, min(MAX_NARROW_WIDTH, len(column.header) + 2)))


def _cell_alignment(column: S.Column) -> Alignment:
    return Alignment(vertical="top", wrap_text=column.wrap)


def cell_comment(text: str) -> Comment:
    comment = Comment(text, "ntm")
    comment.width = 300
    comment.height = max(60, 20 * math.ceil(len(text) / 45) + 10)
    return comment


def _text_lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a wrapped column `width` characters wide."""
    per_line = max(1.0, width * 1.1 - 2)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _header_lines(header: str, width: float) -> int:
    return max(1, math.ceil(len(header) / max(1.0, width - 2)))


def write_header(ws: Any, columns: Sequence[S.Column]) -> None:
    lines = 1
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        if column.help:
            cell.comment = cell_comment(column.help)
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = _width(column)
        # column styles: what the clerk types anywhere below gets the format
        dimension.number_format = _number_format(column)
        dimension.alignment = _cell_alignment(column)
        lines = max(lines, _header_lines(column.header, dimension.width))
    ws.row_dimensions[1].height = 15 * lines + 4
    ws.freeze_panes = "A2"
    page_setup(ws, landscape=len(columns) > 4)


def page_setup(ws: Any, landscape: bool) -> None:
    """A4, as wide as one page, the header row repeated on each printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def plain_value(value: object) -> object:
    """A model value as a cell value: Decimal → int or float, None stays blank."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def put_cell(ws: Any, row: int, index: int, column: S.Column, value: object) -> Any:
    cell = put_value(ws.cell(row=row, column=index), plain_value(value))
    cell.number_format = _number_format(column)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    cell.alignment = _cell_alignment(column)
    return cell


def write_data_sheet(workbook: Any, sheet: S.SheetSchema, rows: Sequence[Sequence[object]]) -> Any:
    ws = workbook.create_sheet(sheet.name)
    write_header(ws, sheet.columns)
    for number, values in enumerate(rows, start=2):
        lines = 1
        for index, (column, value) in enumerate(zip(sheet.columns, values), start=1):
            if value is not None and value != "":
                put_cell(ws, number, index, column, value)
                if column.wrap:
                    lines = max(lines, _text_lines(str(value), _width(column)))
        if lines > 1:  # wrapped cells keep the default height unless told (LibreOffice, Excel)
            ws.row_dimensions[number].height = 15 * lines
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(LAST_ROW, len(rows) + 1)}"
    return ws


def write_info(workbook: Any, values: Mapping[str, object], listed: Sequence[str]) -> None:
    ws = workbook.create_sheet(S.INFO.name)
    headers = [*S.INFO.columns, S.Column(INFO_NOTE_HEADER, width=70, wrap=True, help=INFO_NOTE_HELP)]
    write_header(ws, headers)
    key_column = column_index(S.INFO, "Mục")
    value_column = column_index(S.INFO, "Giá trị")
    keys = [(key, required) for key, required in S.INFO_KEYS if key in listed]
    for number, (key, required) in enumerate(keys, start=2):
        key_cell = ws.cell(row=number, column=key_column, value=key)
        key_cell.font = BOLD_FONT if required else PLAIN_FONT
        key_cell.alignment = Alignment(vertical="top")
        value = values.get(key)
        value_cell = put_value(ws.cell(row=number, column=value_column), plain_value(value))
        value_cell.alignment = Alignment(vertical="top", wrap_text=True)
        if key == "Ngày ban hành kế hoạch":
            value_cell.number_format = DATE_FORMAT
        note_cell = ws.cell(row=number, column=len(headers), value=INFO_NOTES.get(key, ""))
        note_cell.font = NOTE_FONT
        note_cell.alignment = Alignment(vertical="top", wrap_text=True)
        longest = max(len(INFO_NOTES.get(key, "")) / 75, len(str(value or "")) / 65)
        ws.row_dimensions[number].height = 15 * max(1, math.ceil(longest)) + 2
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(keys) + 1}"


def write_guide(workbook: Any, rows: Sequence[GuideRow]) -> None:
    ws = workbook.create_sheet(GUIDE_SHEET)
    _widths = (30.0, 100.0)
    for index, title in enumerate(GUIDE_HEADERS, start=1):
        cell = ws.cell(row=1, column=index, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        ws.column_dimensions[get_column_letter(index)].width = _widths[index - 1]
    for number, (kind, title, text) in enumerate(rows, start=2):
        first = put_text(ws.cell(row=number, column=1), title)
        second = put_value(ws.cell(row=number, column=2), text or None)
        first.alignment = Alignment(vertical="top", wrap_text=True, indent=1 if kind == "column" else 0)
        second.alignment = Alignment(vertical="top", wrap_text=True)
        if kind in ("note", "section", "item"):
            first.font = BOLD_FONT
        if kind == "section":
            first.fill = SECTION_FILL
            second.fill = SECTION_FILL
        if kind == "note":
            second.font = EMPHASIS_FONT
        lines = sum(max(1, math.ceil(len(part) / 105)) for part in text.split("\n")) if text else 1
        lines = max(lines, math.ceil(len(title) / 28))
        ws.row_dimensions[number].height = 15 * lines + 3
    ws.freeze_panes = "A2"
    page_setup(ws, landscape=False)
