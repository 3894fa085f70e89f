"""Changing a copy of the sample workbook the way a clerk would get it wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def edit(path: Path, change: Callable[[Workbook], None]) -> None:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)


def column(sheet: Worksheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def ref(sheet: Worksheet, header: str, row: int) -> str:
    return f"{get_column_letter(column(sheet, header))}{row}"


def put(sheet: Worksheet, row: int, header: str, value: Any) -> None:
    sheet.cell(row=row, column=column(sheet, header)).value = value


def row_values(sheet: Worksheet, row: int) -> list[Any]:
    return [c.value for c in sheet[row]]


def append_copy(sheet: Worksheet, row: int, **changes: Any) -> int:
    """Appends a copy of `row` (with some values changed); returns the new row's number."""
    values = row_values(sheet, row)
    target = sheet.max_row + 1
    for index, value in enumerate(values, start=1):
        sheet.cell(row=target, column=index, value=value)
    for header, value in changes.items():
        put(sheet, target, header.replace("_", " "), value)
    return target


def records(path: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows as header → value, read by openpyxl (the tests' own reader, independent of
    ntm's; a formula's value as Excel last saved it), blank rows left out; the workbook is closed again."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        values = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    return [dict(zip(values[0], line)) for line in values[1:] if any(v is not None for v in line)]
