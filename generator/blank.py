"""`ntm init`: new input workbooks with headers, formats, dropdown lists and a `Hướng dẫn` sheet.

Two kinds (SPEC §2, §3):

* the main workbook of a commune and plan year — every sheet of `schema.MAIN_SHEETS`, blank
  or, given a `Commune`, with this year's lists carried over to start next year's book;
* a per-unit activity log — `Nhật ký` only, its `Đơn vị` column filled with the unit and its
  `Thôn` column offering the unit's assigned villages.

The sheets and columns come from `schema.py`, the instructions sheet is generated from it too,
so none of them drifts from what the reader expects. Only openpyxl is used; nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from generator.cells import put_text, put_value
from generator.files import write_atomically
from generator import schema as S
from generator.errors import OutputExists, OutputProblem, UsageError
from enum import Enum

from generator.model import COMMUNE_CENTRE, Commune
from generator.text import ascii_slug, fold
from generator.validation import NameIndex
from generator.workbook_guide import (  # noqa: F401 - importable from here as before
    INFO_NOTE_HEADER,
    INFO_NOTE_HELP,
    SHEET_HELP,
    INFO_NOTES,
    FORMAT_GUIDE,
    COMMAND_GUIDE,
)

GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"  # hidden: the sources of the Thôn (and per-unit) dropdown lists

LAST_ROW = 3001
"""Validations, dropdowns and the autofilter reach this row (3000 data rows: a year's log of a
commune is several hundred rows). Number formats are column styles, so they cover every row."""
LIST_ROWS = 300
"""Entries a dropdown's source range holds: units, villages, criteria of one commune."""
UNIT_LOG_FILLED_ROWS = 200
"""Data rows of a per-unit log whose `Đơn vị` cell is filled with the unit (rows 2–201)."""

FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

DATE_FORMAT = "dd/mm/yyyy"
COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0"
# Quantities keep Excel's "General": "#,##0.###" shows a whole number with a trailing
# decimal separator ("5," / "5."), which looks like a typing mistake to a clerk.
AMOUNT_FORMAT = "General"
TEXT_FORMAT = "@"



def _headers_of(kind: S.Kind) -> frozenset[str]:
    return frozenset(c.header for sheet in S.MAIN_SHEETS for c in sheet.columns if c.kind is kind)


# The headers of each kind, as schema.py gives them (read by the tests).
DATE_HEADERS = _headers_of(S.Kind.DATE)
COUNT_HEADERS = _headers_of(S.Kind.COUNT)
AMOUNT_HEADERS = _headers_of(S.Kind.AMOUNT)
MONEY_HEADERS = _headers_of(S.Kind.MONEY)
TEXT_HEADERS = _headers_of(S.Kind.MONTH)  # "03/2021" must stay text, not become a date

ALL_DOCUMENTS = S.ALL_DOCUMENTS

_NUMBER_FORMATS = {
    S.Kind.TEXT: "General",
    S.Kind.DATE: DATE_FORMAT,
    S.Kind.COUNT: COUNT_FORMAT,
    S.Kind.AMOUNT: AMOUNT_FORMAT,
    S.Kind.MONEY: MONEY_FORMAT,
    S.Kind.MONTH: TEXT_FORMAT,
}

# ---------------------------------------------------------------- styles

FONT_NAME = "Calibri"  # openpyxl's default; a Font without a name falls back to another face
PLAIN_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FONT = BOLD_FONT
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
NOTE_FONT = Font(name=FONT_NAME, size=11, italic=True, color="FF595959")
EMPHASIS_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFC00000")
SECTION_FILL = PatternFill(fill_type="solid", start_color="FFF2F2F2", end_color="FFF2F2F2")

_ALL_INFO_KEYS = tuple(key for key, _ in S.INFO_KEYS)
MAX_NARROW_WIDTH = 16  # a long header of a number column wraps instead of widening the column

# ---------------------------------------------------------------- public API


def write_blank_workbook(path: Path, commune: Commune | None = None, *, year: int | None = None) -> Path:
    """A new main workbook: every sheet of schema.MAIN_SHEETS in that order after a first sheet `Hướng dẫn`.

    Each sheet has its header row (bold, grey, frozen, filtered), column formats, number
    validations and dropdown lists; a hidden sheet `Danh mục` feeds the `Thôn` dropdowns.
    Given `commune` (this year's book), `Thông tin`, `Nơi nhận`, `Đơn vị`, `Thôn`, `Tiêu chí` and
    `Phân công` are filled from it and `Nhật ký`, `Kế hoạch tháng` left empty. Given also a
    `year` other than the commune's, `Năm kế hoạch` becomes that year and `Số kế hoạch`,
    `Ngày ban hành kế hoạch` are left blank for the new plan.

    A path without a suffix gets `.xlsx`; the written path is returned. An existing file is
    never overwritten (OutputProblem).
    """
    target = _target(path)
    rows = {sheet.name: _commune_rows(sheet, commune) for sheet in S.MAIN_SHEETS}
    workbook = main_workbook(
        _main_title(commune, year), _main_guide(commune, year), _info_values(commune, year), rows
    )
    _save(workbook, target)
    return target


def main_workbook(
    title: str,
    guide: Sequence[GuideRow],
    info: Mapping[str, object],
    rows: Mapping[str, Sequence[Sequence[object]]],
    info_keys: Sequence[str] = _ALL_INFO_KEYS,
    places: Sequence[str] | None = None,
) -> Any:
    """The main workbook (not yet saved) with `info` in `Thông tin` and `rows` (by sheet name, in
    the schema's column order) in the other sheets: `ntm init` and tools/make_sample.py write it.

    `Thông tin` lists `info_keys` (every key of the schema unless told), in the schema's order.
    The `Thôn` dropdowns offer what the `Thôn` sheet holds (a formula per row of `Danh mục`), or
    `places` as fixed values when given (the shipped sample, which holds no formula)."""
    workbook = _new_workbook(title)
    _write_guide(workbook, guide)
    for sheet in S.MAIN_SHEETS:
        if sheet is S.INFO:
            _write_info(workbook, info, info_keys)
        else:
            _write_data_sheet(workbook, sheet, rows.get(sheet.name, ()))
    _write_main_lists(workbook, places)
    for sheet in S.MAIN_SHEETS:
        _add_validations(workbook[sheet.name], sheet, _main_list_sources(sheet))
    return workbook


def write_unit_log_workbook(path: Path, commune: Commune, unit: str) -> Path:
    """A per-unit activity log: `Hướng dẫn`, `Nhật ký` with the unit's name prefilled in the `Đơn vị` column.

    `unit` is matched against the commune's units as names are everywhere (case, spacing and,
    if nothing else matches, diacritics ignored); an unknown unit is a UsageError with the
    nearest name. The `Đơn vị` cells of data rows 2–201 hold the unit's canonical name, so a
    row whose only filled cell is `Đơn vị` is an empty row. The `Thôn` dropdown offers the
    villages assigned to the unit in `Phân công` (`Trung tâm xã` for an assignment without
    villages; every place when the unit has no assignment), `Mã tiêu chí` the commune's codes,
    both listed on the hidden sheet `Danh mục`; dates are limited to the plan year.
    """
    name = canonical_unit(commune, unit)
    target = _target(path)
    _save(unit_log_workbook(commune, name), target)
    return target


def unit_log_workbook(
    commune: Commune, name: str, rows: Sequence[Sequence[object]] = (), intro: Sequence[GuideRow] = ()
) -> Any:
    """The per-unit log of the unit `name` (canonical), not yet saved, its `Nhật ký` holding `rows`;
    `intro` replaces the guide's opening rows (tools/make_sample.py's own notes)."""
    places = unit_places(commune, name)
    year = commune.info.year
    workbook = _new_workbook(f"Sổ nhật ký {name} – {commune.info.place} {year}")
    guide = _unit_guide(commune, name, places)
    _write_guide(workbook, [*intro, *guide[_UNIT_INTRO_ROWS:]] if intro else guide)
    sheet = _write_data_sheet(workbook, S.ACTIVITY_LOG, rows)
    unit_column = _column_index(S.ACTIVITY_LOG, "Đơn vị")
    for row in range(len(rows) + 2, UNIT_LOG_FILLED_ROWS + 2):
        _put(sheet, row, unit_column, S.ACTIVITY_LOG.column("Đơn vị"), name)
    header = sheet.cell(row=1, column=unit_column)
    header.comment = _comment(f"Sổ của đơn vị: {name}. Cột này đã ghi sẵn tên đơn vị; không cần sửa.")
    lists = _write_unit_lists(workbook, commune, name, places)
    _add_validations(sheet, S.ACTIVITY_LOG, lists, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return workbook


def canonical_unit(commune: Commune, typed: str) -> str:
    """The commune's name of the unit `typed`; UsageError with a suggestion when there is none."""
    match = NameIndex(u.name for u in commune.units).match(typed)
    if match.name is not None:
        return match.name
    if match.suggestion:
        hint = f" Có phải '{match.suggestion}'?"
    else:
        hint = " Các đơn vị trong sổ chính: " + ", ".join(u.name for u in commune.units) + "."
    raise UsageError(f"Không có đơn vị '{typed}' trong sổ chính.{hint}")


def unit_places(commune: Commune, unit: str) -> tuple[str, ...]:
    """The places assigned to `unit` in `Phân công`, in annex order; every place if it has none."""
    places: list[str] = []
    for assignment in commune.assignments:
        if fold(assignment.unit) == fold(unit):
            for village in assignment.villages or (COMMUNE_CENTRE,):
                if village not in places:
                    places.append(village)
    return tuple(places) or (COMMUNE_CENTRE, *(v.name for v in commune.villages))


def unit_log_file_name(commune: Commune, unit: str) -> str:
    """An ASCII file name for a unit's log: 'nhat-ky-truong-thcs-2021.xlsx'."""
    return f"nhat-ky-{ascii_slug(canonical_unit(commune, unit))}-{commune.info.year}.xlsx"


# ---------------------------------------------------------------- target and saving


def _target(path: Path) -> Path:
    if not path.suffix:
        path = path.with_name(path.name + ".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"Tệp mới phải có đuôi .xlsx (đang là '{path.name}').")
    if path.is_dir():
        raise OutputProblem(f"'{path}' là một thư mục; hãy ghi tên tệp, ví dụ {path / 'so-moi.xlsx'}.")
    if path.exists():
        raise OutputProblem(
            f"Tệp '{path}' đã có; ntm init không ghi đè tệp cũ. Hãy chọn tên khác hoặc đổi tên tệp cũ."
        )
    return path


def _save(workbook: Any, path: Path) -> None:
    """Writes the new workbook whole, never over a file (one that appeared while we were writing)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    try:
        write_atomically(path, buffer.getvalue(), overwrite=False)
    except OutputExists as err:
        raise OutputExists(f"Tệp '{path}' vừa được tạo bởi chương trình khác; không ghi đè.") from err


def _new_workbook(title: str) -> Any:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "ntm"
    workbook.properties.lastModifiedBy = "ntm"
    workbook.properties.title = title
    return workbook


def _main_title(commune: Commune | None, year: int | None) -> str:
    if commune is None:
        return "Sổ chính ntm" + (f" năm {year}" if year else "")
    return f"Sổ chính ntm – {commune.info.issuing_body} – năm {year or commune.info.year}"


# ---------------------------------------------------------------- columns


def _column_index(sheet: S.SheetSchema, header: str) -> int:
    """1-based column of `header` in the written sheet."""
    for index, column in enumerate(sheet.columns, start=1):
        if column.header == header:
            return index
    raise KeyError(header)


def column_range(sheet: S.SheetSchema, header: str, first: int = 2, last: int = LIST_ROWS + 1) -> str:
    """An absolute reference to a column of a written sheet: 'Đơn vị'!$B$2:$B$301."""
    letter = get_column_letter(_column_index(sheet, header))
    return f"{quote_sheetname(sheet.name)}!${letter}${first}:${letter}${last}"


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


def _comment(text: str) -> Comment:
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


def _write_header(ws: Any, columns: Sequence[S.Column]) -> None:
    lines = 1
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        if column.help:
            cell.comment = _comment(column.help)
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = _width(column)
        # column styles: what the clerk types anywhere below gets the format
        dimension.number_format = _number_format(column)
        dimension.alignment = _cell_alignment(column)
        lines = max(lines, _header_lines(column.header, dimension.width))
    ws.row_dimensions[1].height = 15 * lines + 4
    ws.freeze_panes = "A2"
    _page_setup(ws, landscape=len(columns) > 4)


def _page_setup(ws: Any, landscape: bool) -> None:
    """A4, as wide as one page, the header row repeated on each printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _plain(value: object) -> object:
    """A model value as a cell value: Decimal → int or float, None stays blank."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _put(ws: Any, row: int, index: int, column: S.Column, value: object) -> Any:
    cell = put_value(ws.cell(row=row, column=index), _plain(value))
    cell.number_format = _number_format(column)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    cell.alignment = _cell_alignment(column)
    return cell


def _write_data_sheet(workbook: Any, sheet: S.SheetSchema, rows: Sequence[Sequence[object]]) -> Any:
    ws = workbook.create_sheet(sheet.name)
    _write_header(ws, sheet.columns)
    for number, values in enumerate(rows, start=2):
        lines = 1
        for index, (column, value) in enumerate(zip(sheet.columns, values), start=1):
            if value is not None and value != "":
                _put(ws, number, index, column, value)
                if column.wrap:
                    lines = max(lines, _text_lines(str(value), _width(column)))
        if lines > 1:  # wrapped cells keep the default height unless told (LibreOffice, Excel)
            ws.row_dimensions[number].height = 15 * lines
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(LAST_ROW, len(rows) + 1)}"
    return ws


# ---------------------------------------------------------------- contents from a commune


def _order(text: str) -> object:
    """`TT` as typed: a number stays a number."""
    return int(text) if text.isdigit() else text


_ROWS_OF = {
    S.RECIPIENTS.name: "recipients",
    S.UNITS.name: "units",
    S.VILLAGES.name: "villages",
    S.CRITERIA.name: "criteria",
    S.ASSIGNMENTS.name: "assignments",
}


def _commune_rows(sheet: S.SheetSchema, commune: Commune | None) -> list[list[object]]:
    """The sheet's rows carried over from `commune`: each column's `field` of each object."""
    if commune is None or sheet.name not in _ROWS_OF:
        return []
    return [[_cell_value(item, column) for column in sheet.columns] for item in getattr(commune, _ROWS_OF[sheet.name])]


def _cell_value(item: object, column: S.Column) -> object:
    """A model attribute as the clerk types it: an Enum by its value, a yes as "x", "" as blank."""
    value = getattr(item, column.field)
    if value is None and column.choices and S.ALL_DOCUMENTS in column.choices:
        return S.ALL_DOCUMENTS
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "x" if value else None
    if isinstance(value, str) and column.header == "TT":
        return _order(value)
    return value or None if isinstance(value, str) else value


def _info_values(commune: Commune | None, year: int | None) -> dict[str, object]:
    if commune is None:
        return {"Năm kế hoạch": year} if year else {}
    info = commune.info
    new_year = year is not None and year != info.year
    return {
        "Cơ quan cấp trên": info.superior_body,
        "Cơ quan ban hành": info.issuing_body,
        "Ký hiệu cơ quan": info.body_symbol,
        "Địa danh": info.place,
        "Năm kế hoạch": year if new_year else info.year,
        "Số kế hoạch": None if new_year else info.plan_number,
        "Ngày ban hành kế hoạch": None if new_year else info.plan_date,
        "Thẩm quyền ký": info.signing_authority,
        "Chức vụ người ký": info.signer_title,
        "Người ký": info.signer,
        "Nơi nhận báo cáo": info.report_recipient,
        "Hạn kế hoạch tháng": info.monthly_plan_deadline,
        "Hạn báo cáo tháng": info.monthly_report_deadline,
        "Hạn đơn vị báo cáo": info.unit_report_deadline,
        "Căn cứ": info.preamble or None,
        "Cấp trên": info.superior_level or None,
        "Cấp ủy cấp trên": info.superior_committee or None,
        "Ban tham mưu cấp trên": info.superior_advisory_board or None,
        "Văn bản chỉ đạo nội dung": info.content_directive or None,
        "Cơ quan đầu mối": info.advisory_body or None,
        "Bộ tiêu chí": info.criteria_set or None,
        "Mục tiêu đạt chuẩn": info.standard_goal or None,
    }


def _write_info(workbook: Any, values: Mapping[str, object], listed: Sequence[str]) -> None:
    ws = workbook.create_sheet(S.INFO.name)
    headers = [*S.INFO.columns, S.Column(INFO_NOTE_HEADER, width=70, wrap=True, help=INFO_NOTE_HELP)]
    _write_header(ws, headers)
    key_column = _column_index(S.INFO, "Mục")
    value_column = _column_index(S.INFO, "Giá trị")
    keys = [(key, required) for key, required in S.INFO_KEYS if key in listed]
    for number, (key, required) in enumerate(keys, start=2):
        key_cell = ws.cell(row=number, column=key_column, value=key)
        key_cell.font = BOLD_FONT if required else PLAIN_FONT
        key_cell.alignment = Alignment(vertical="top")
        value = values.get(key)
        value_cell = put_value(ws.cell(row=number, column=value_column), _plain(value))
        value_cell.alignment = Alignment(vertical="top", wrap_text=True)
        if key == "Ngày ban hành kế hoạch":
            value_cell.number_format = DATE_FORMAT
        note_cell = ws.cell(row=number, column=len(headers), value=INFO_NOTES.get(key, ""))
        note_cell.font = NOTE_FONT
        note_cell.alignment = Alignment(vertical="top", wrap_text=True)
        longest = max(len(INFO_NOTES.get(key, "")) / 75, len(str(value or "")) / 65)
        ws.row_dimensions[number].height = 15 * max(1, math.ceil(longest)) + 2
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(keys) + 1}"


def _info_validations(ws: Any) -> None:
    letter = get_column_letter(_column_index(S.INFO, "Giá trị"))
    keys = get_column_letter(_column_index(S.INFO, "Mục"))
    rows = {cell.value: cell.row for cell in ws[keys][1:]}
    for key, low, high in (
        ("Năm kế hoạch", 2000, 2100),
        ("Số kế hoạch", 1, 9999),
        ("Hạn kế hoạch tháng", 1, 28),
        ("Hạn báo cáo tháng", 1, 31),
        ("Hạn đơn vị báo cáo", 1, 31),
    ):
        if key in rows:
            rule = _whole(low, high, f"Mục '{key}' là số nguyên từ {low} đến {high}.")
            ws.add_data_validation(rule)
            rule.add(f"{letter}{rows[key]}")
    if "Ngày ban hành kế hoạch" in rows:
        rule = _date_rule(FIRST_DATE, LAST_DATE)
        ws.add_data_validation(rule)
        rule.add(f"{letter}{rows['Ngày ban hành kế hoạch']}")


# ---------------------------------------------------------------- validations and lists

_LIST_TITLE = "Không có trong danh sách"
_NUMBER_TITLE = "Số không hợp lệ"


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _date_rule(first: dt.date, last: dt.date) -> DataValidation:
    example = dt.date(first.year if first.year == last.year else dt.date.today().year, 3, 6)
    return DataValidation(
        type="date",
        operator="between",
        formula1=str(_excel_serial(first)),
        formula2=str(_excel_serial(last)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày không hợp lệ",
        error=(
            f"Hãy gõ một ngày từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}, dạng ngày/tháng/năm, ví dụ "
            f"{example:%d/%m/%Y}. Nếu máy không nhận, gõ năm-tháng-ngày: {example:%Y-%m-%d}."
        ),
    )


def _whole(low: int, high: int | None, error: str) -> DataValidation:
    return DataValidation(
        type="whole",
        operator="between" if high is not None else "greaterThanOrEqual",
        formula1=str(low),
        formula2=str(high) if high is not None else None,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_NUMBER_TITLE,
        error=error,
    )


def _decimal(error: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_NUMBER_TITLE,
        error=error,
    )


def _list(source: str, error: str, style: str = "stop") -> DataValidation:
    """A dropdown; openpyxl's showDropDown is inverted (True hides the arrow), so it stays unset."""
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle=style,
        errorTitle=_LIST_TITLE,
        error=error,
    )


def _inline(choices: Sequence[str]) -> str:
    return '"' + ",".join(choices) + '"'


ListSources = dict[str, tuple[str, str, str]]  # header → (formula1, error message, error style)


def _main_list_sources(sheet: S.SheetSchema) -> ListSources:
    """Dropdowns of the main workbook that point at other sheets."""
    units = column_range(S.UNITS, "Tên đơn vị")
    criteria = column_range(S.CRITERIA, "Mã")
    places = f"{quote_sheetname(LISTS_SHEET)}!$A$2:$A${LIST_ROWS + 2}"
    choose = "Hãy chọn trong danh sách (bấm mũi tên bên phải ô)."
    sources = {
        S.Dropdown.UNITS: (units, f"{choose} Tên đơn vị phải có ở trang '{S.UNITS.name}'.", "stop"),
        S.Dropdown.PLACES: (
            places,
            f"{choose} Tên thôn phải có ở trang '{S.VILLAGES.name}', hoặc ghi “{COMMUNE_CENTRE}”.",
            "stop",
        ),
        S.Dropdown.CRITERIA: (criteria, f"{choose} Mã tiêu chí phải có ở trang '{S.CRITERIA.name}'.", "stop"),
    }
    return {c.header: sources[c.dropdown] for c in sheet.columns if c.dropdown is not None}


def _add_validations(
    ws: Any,
    sheet: S.SheetSchema,
    lists: ListSources,
    dates: tuple[dt.date, dt.date] = (FIRST_DATE, LAST_DATE),
) -> None:
    if sheet is S.INFO:
        _info_validations(ws)
        return
    rules: dict[str, DataValidation] = {}  # one rule per kind, many columns in its sqref

    def rule(kind: str, make: Any) -> DataValidation:
        if kind not in rules:
            rules[kind] = make()
            ws.add_data_validation(rules[kind])
        return rules[kind]

    for index, column in enumerate(sheet.columns, start=1):
        header = column.header
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{LAST_ROW}"
        fixed = column.choices or None
        if header in lists:
            source, error, style = lists[header]
            validation = _list(source, error, style)
            ws.add_data_validation(validation)
            validation.add(cells)
        elif fixed is not None:
            validation = _list(_inline(fixed), "Hãy chọn trong danh sách: " + " / ".join(fixed) + ".")
            ws.add_data_validation(validation)
            validation.add(cells)
        elif column.kind is S.Kind.DATE:
            rule("date", lambda: _date_rule(*dates)).add(cells)
        elif column.kind is S.Kind.COUNT:
            rule("count", lambda: _whole(0, None, "Hãy gõ số nguyên không âm (0, 1, 2…), không gõ chữ.")).add(cells)
        elif column.kind is S.Kind.MONEY:
            rule(
                "money",
                lambda: _whole(0, None, "Hãy gõ số tiền bằng đồng, số nguyên không âm, gõ liền không dấu chấm: 1250000."),
            ).add(cells)
        elif column.kind is S.Kind.AMOUNT:
            rule(
                "amount",
                lambda: _decimal("Hãy gõ một số không âm; phần thập phân dùng dấu thập phân của máy, ví dụ 0,5."),
            ).add(cells)


def _lists_sheet(workbook: Any) -> Any:
    ws = workbook.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    return ws


def _write_main_lists(workbook: Any, places: Sequence[str] | None) -> None:
    """`Danh mục`!A: 'Trung tâm xã', then each name of the `Thôn` sheet (blank rows stay blank),
    or `places` as they are."""
    ws = _lists_sheet(workbook)
    ws["A1"] = "Thôn (tự động lấy từ trang Thôn; không sửa)"
    ws["A1"].font = HEADER_FONT
    ws.column_dimensions["A"].width = 40
    ws["A2"] = COMMUNE_CENTRE
    if places is not None:
        for number, place in enumerate(places, start=3):
            put_text(ws.cell(row=number, column=1), place)
        return
    letter = get_column_letter(_column_index(S.VILLAGES, "Tên thôn"))
    villages = quote_sheetname(S.VILLAGES.name)
    for offset in range(LIST_ROWS):
        source = f"{villages}!{letter}{offset + 2}"
        ws.cell(row=offset + 3, column=1, value=f'=IF({source}="","",{source})')


def _write_unit_lists(workbook: Any, commune: Commune, unit: str, places: Sequence[str]) -> ListSources:
    """`Danh mục` of a per-unit log: the unit, its places, the criteria (code, content, ĐVT)."""
    ws = _lists_sheet(workbook)
    columns = (
        ("Đơn vị", [unit]),
        ("Thôn", list(places)),
        ("Mã tiêu chí", [c.code for c in commune.criteria]),
        ("Nội dung tiêu chí", [c.content for c in commune.criteria]),
        ("ĐVT", [c.unit for c in commune.criteria]),
    )
    sources: dict[str, str] = {}
    for index, (title, values) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=title).font = HEADER_FONT
        ws.column_dimensions[letter].width = 40 if index == 4 else 22
        for number, value in enumerate(values, start=2):
            put_value(ws.cell(row=number, column=index), value)
        sources[title] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    choose = "Hãy chọn trong danh sách (bấm mũi tên bên phải ô)."
    return {
        "Đơn vị": (sources["Đơn vị"], f"Sổ này là của {unit}; cột Đơn vị chỉ ghi '{unit}'.", "stop"),
        "Thôn": (
            sources["Thôn"],
            f"Thôn này không có trong phân công của {unit}. Bấm Yes (Có) để vẫn ghi, No (Không) để chọn lại.",
            "warning",
        ),
        "Mã tiêu chí": (
            sources["Mã tiêu chí"],
            f"{choose} Mã này không có trong sổ chính; bấm Yes (Có) nếu văn phòng đã thêm mã mới.",
            "warning",
        ),
    }


# ---------------------------------------------------------------- Hướng dẫn

GuideRow = tuple[str, str, str]  # (kind, title, text); kind: "note", "section", "item", "column"
_MAIN_INTRO_ROWS = 2  # "Sổ này", "Cách dùng": what a sample's own notes replace
_UNIT_INTRO_ROWS = 1  # "Sổ này"


def main_guide(intro: Sequence[GuideRow]) -> list[GuideRow]:
    """The Hướng dẫn rows of a blank main workbook, `intro` in place of its opening rows."""
    return [*intro, *_main_guide(None, None)[_MAIN_INTRO_ROWS:]]



def _sheet_rows(sheet: S.SheetSchema) -> list[GuideRow]:
    optional = "" if sheet.required else " (không bắt buộc)"
    rows: list[GuideRow] = [("section", f"Trang {sheet.name}{optional}", SHEET_HELP.get(sheet.name, ""))]
    if sheet is S.INFO:
        for key, required in S.INFO_KEYS:
            rows.append(("column", key, INFO_NOTES.get(key, "")))
        return rows
    for column in sheet.columns:
        need = "Bắt buộc." if column.required else "Không bắt buộc."
        rows.append(("column", column.header, f"{column.help} {need}".strip()))
    return rows


def _main_guide(commune: Commune | None, year: int | None) -> list[GuideRow]:
    if commune is None:
        about = (
            "Sổ chính của một xã cho một năm kế hoạch, dùng cho chương trình ntm soạn kế hoạch, phụ lục "
            "phân công, kế hoạch hoạt động tháng, báo cáo kết quả tháng và báo cáo năm của phong trào cán "
            "bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang trực tiếp tham gia xây dựng "
            "nông thôn mới, đô thị văn minh tại cơ sở. Điền lần lượt các trang theo hướng dẫn dưới đây."
        )
    else:
        new_year = year or commune.info.year
        about = (
            f"Sổ chính của {commune.info.issuing_body}, năm kế hoạch {new_year}, lập từ sổ năm "
            f"{commune.info.year}: các trang Thông tin, Nơi nhận, Đơn vị, Thôn, Tiêu chí, Phân công đã "
            "chép sang; trang Nhật ký, Kế hoạch tháng để trống. Hãy soát lại từng trang (số hộ, chỉ "
            "tiêu, phân công, người ký) cho năm mới."
        )
    rows: list[GuideRow] = [
        ("note", "Sổ này", about),
        (
            "item",
            "Cách dùng",
            ("Điền các trang theo thứ tự; các đơn vị có thể ghi nhật ký ở trang Nhật ký của sổ này hoặc ở "
            "sổ nhật ký riêng (tạo bằng lệnh: ntm init <tệp> --unit \"<tên đơn vị>\"). Trang Danh mục "
            "được ẩn, chương trình tự lập để làm danh sách chọn thôn; không sửa trang này."),
        ),
    ]
    for sheet in S.MAIN_SHEETS:
        rows.extend(_sheet_rows(sheet))
    rows.append(("section", "Cách ghi", ""))
    rows.extend(("item", title, text) for title, text in FORMAT_GUIDE)
    rows.append(("section", "Chạy chương trình", ""))
    rows.extend(("item", title, text) for title, text in COMMAND_GUIDE)
    return rows


def _unit_guide(commune: Commune, unit: str, places: Sequence[str]) -> list[GuideRow]:
    info = commune.info
    criteria = "\n".join(f"{c.code}: {c.content} ({c.unit})" for c in commune.criteria)
    rows: list[GuideRow] = [
        (
            "note",
            "Sổ này",
            (f"Sổ nhật ký hoạt động của {unit}, năm {info.year} ({info.issuing_body}). Ghi mỗi hoạt "
            "động đã làm một dòng ở trang Nhật ký, rồi nộp tệp cho Văn phòng Đảng ủy xã để chép vào thư mục "
            "inputs/ cùng sổ chính."),
        ),
        ("item", "Đơn vị", f"{unit}. Cột Đơn vị đã ghi sẵn tên đơn vị ở 200 dòng đầu; không cần sửa."),
        ("item", "Thôn phụ trách", ", ".join(places) + ". Cột Thôn có danh sách chọn các thôn này."),
        ("item", "Mã tiêu chí", criteria),
    ]
    rows.extend(_sheet_rows(S.ACTIVITY_LOG))
    rows.append(("section", "Cách ghi", ""))
    rows.extend(("item", title, text) for title, text in FORMAT_GUIDE)
    rows.append(("section", "Chạy chương trình", ""))
    rows.extend(("item", title, text) for title, text in COMMAND_GUIDE)
    return rows


def _write_guide(workbook: Any, rows: Sequence[GuideRow]) -> None:
    ws = workbook.create_sheet(GUIDE_SHEET)
    _widths = (30.0, 100.0)
    for index, title in enumerate(("Mục", "Hướng dẫn"), start=1):
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
    _page_setup(ws, landscape=False)


__all__ = [
    "GUIDE_SHEET",
    "LAST_ROW",
    "LISTS_SHEET",
    "UNIT_LOG_FILLED_ROWS",
    "canonical_unit",
    "column_range",
    "main_guide",
    "main_workbook",
    "unit_log_workbook",
    "unit_log_file_name",
    "unit_places",
    "write_blank_workbook",
    "write_unit_log_workbook",
]
