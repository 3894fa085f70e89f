"""The checks Excel makes as the clerk types in a workbook ntm wrote: dropdown lists (units,
villages, criterion codes, the schema's fixed choices), number and date validations, and the
hidden `Danh mục` sheet that feeds the lists.

A main workbook's `Thôn` lists follow the `Thôn` sheet through formulas; a per-unit log lists
its own unit, places and criteria as values, since it has no other sheet to point at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from generator import schema as S
from generator.cells import put_text, put_value
from generator.model import COMMUNE_CENTRE, Commune
from generator.workbook_sheets import HEADER_FONT, LAST_ROW, column_index

LISTS_SHEET = "Danh mục"  # hidden: the sources of the Thôn (and per-unit) dropdown lists


LIST_ROWS = 300
"""Entries a dropdown's source range holds: units, villages, criteria of one commune."""


FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


_LIST_TITLE = "Không có trong danh sách"
_NUMBER_TITLE = "Số không hợp lệ"


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _rule(kind: str, title: str, error: str, **limits: Any) -> DataValidation:
    """A rule of `kind` on what may be typed: a blank cell is allowed, a wrong value stopped with
    `title` and `error` (a warning the clerk may pass for `errorStyle="warning"`)."""
    return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=title, error=error, **limits)


def _date_rule(first: dt.date, last: dt.date) -> DataValidation:
    example = dt.date(first.year if first.year == last.year else dt.date.today().year, 3, 6)
    return _rule(
        "date",
        "Ngày không hợp lệ",
        (
            f"Hãy gõ một ngày từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}, dạng ngày/tháng/năm, ví dụ "
            f"{example:%d/%m/%Y}. Nếu máy không nhận, gõ năm-tháng-ngày: {example:%Y-%m-%d}."
        ),
        operator="between",
        formula1=str(_excel_serial(first)),
        formula2=str(_excel_serial(last)),
    )


def _whole(low: int, high: int | None, error: str) -> DataValidation:
    return _rule(
        "whole",
        _NUMBER_TITLE,
        error,
        operator="between" if high is not None else "greaterThanOrEqual",
        formula1=str(low),
        formula2=str(high) if high is not None else None,
    )


def _decimal(error: str) -> DataValidation:
    return _rule("decimal", _NUMBER_TITLE, error, operator="greaterThanOrEqual", formula1="0")


def _list(source: str, error: str, style: str = "stop") -> DataValidation:
    """A dropdown; openpyxl's showDropDown is inverted (True hides the arrow), so it stays unset."""
    return _rule("list", _LIST_TITLE, error, formula1=source, errorStyle=style)


def _inline(choices: Sequence[str]) -> str:
    return '"' + ",".join(choices) + '"'


ListSources = dict[str, tuple[str, str, str]]  # header → (formula1, error message, error style)


def column_range(sheet: S.SheetSchema, header: str, first: int = 2, last: int = LIST_ROWS + 1) -> str:
    """An absolute reference to a column of a written sheet: 'Đơn vị'!$B$2:$B$301."""
    letter = get_column_letter(column_index(sheet, header))
    return f"{quote_sheetname(sheet.name)}!${letter}${first}:${letter}${last}"


def main_list_sources(sheet: S.SheetSchema) -> ListSources:
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


def _info_validations(ws: Any) -> None:
    letter = get_column_letter(column_index(S.INFO, "Giá trị"))
    keys = get_column_letter(column_index(S.INFO, "Mục"))
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


def add_validations(
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


def write_main_lists(workbook: Any, places: Sequence[str] | None) -> None:
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
    letter = get_column_letter(column_index(S.VILLAGES, "Tên thôn"))
    villages = quote_sheetname(S.VILLAGES.name)
    for offset in range(LIST_ROWS):
        source = f"{villages}!{letter}{offset + 2}"
        ws.cell(row=offset + 3, column=1, value=f'=IF({source}="","",{source})')


def write_unit_lists(workbook: Any, commune: Commune, unit: str, places: Sequence[str]) -> ListSources:
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
