"""`ntm init`: new input workbooks with headers, formats, dropdown lists and a `Hướng dẫn` sheet.

Two kinds (SPEC §2, §3):

* the main workbook of a commune and plan year — every sheet of `schema.MAIN_SHEETS`, blank
  or, given a `Commune`, with this year's lists carried over to start next year's book;
* a per-unit activity log — `Nhật ký` only, its `Đơn vị` column filled with the unit and its
  `Thôn` column offering the unit's assigned villages.

The sheets and columns come from `schema.py`, the instructions sheet is generated from it too,
so none of them drifts from what the reader expects. This module decides what goes in each
workbook; workbook_sheets.py lays the sheets out, workbook_dropdowns.py adds the lists and
validations, workbook_guide.py holds the prose. Nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from generator import schema as S
from generator.errors import OutputExists, OutputProblem, UsageError
from generator.files import write_atomically
from generator.model import COMMUNE_CENTRE, Commune
from generator.text import ascii_slug, fold
from generator.validation import NameIndex
from generator.workbook_dropdowns import LISTS_SHEET, add_validations, main_list_sources, write_main_lists, write_unit_lists
from generator.workbook_guide import (
    COMMAND_GUIDE,
    FORMAT_GUIDE,
    INFO_NOTE_HEADER,  # noqa: F401 - importable from here as before
    INFO_NOTES,
    SHEET_HELP,
)
from generator.workbook_sheets import (
    GUIDE_SHEET,
    LAST_ROW,
    GuideRow,
    cell_comment,
    column_index,
    new_workbook,
    put_cell,
    write_data_sheet,
    write_guide,
    write_info,
)

UNIT_LOG_FILLED_ROWS = 200
"""Data rows of a per-unit log whose `Đơn vị` cell is filled with the unit (rows 2–201)."""


def _headers_of(kind: S.Kind) -> frozenset[str]:
    return frozenset(c.header for sheet in S.MAIN_SHEETS for c in sheet.columns if c.kind is kind)


# The headers of each kind, as schema.py gives them (read by the tests).
DATE_HEADERS = _headers_of(S.Kind.DATE)
COUNT_HEADERS = _headers_of(S.Kind.COUNT)
AMOUNT_HEADERS = _headers_of(S.Kind.AMOUNT)
MONEY_HEADERS = _headers_of(S.Kind.MONEY)
TEXT_HEADERS = _headers_of(S.Kind.MONTH)  # "03/2021" must stay text, not become a date


_ALL_INFO_KEYS = tuple(key for key, _ in S.INFO_KEYS)


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
    workbook = main_workbook(_main_title(commune, year), _main_guide(commune, year), _info_values(commune, year), rows)
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
    workbook = new_workbook(title)
    write_guide(workbook, guide)
    for sheet in S.MAIN_SHEETS:
        if sheet is S.INFO:
            write_info(workbook, info, info_keys)
        else:
            write_data_sheet(workbook, sheet, rows.get(sheet.name, ()))
    write_main_lists(workbook, places)
    for sheet in S.MAIN_SHEETS:
        add_validations(workbook[sheet.name], sheet, main_list_sources(sheet))
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


def unit_log_workbook(commune: Commune, name: str, rows: Sequence[Sequence[object]] = (), intro: Sequence[GuideRow] = ()) -> Any:
    """The per-unit log of the unit `name` (canonical), not yet saved, its `Nhật ký` holding `rows`;
    `intro` replaces the guide's opening rows (tools/make_sample.py's own notes)."""
    places = unit_places(commune, name)
    year = commune.info.year
    workbook = new_workbook(f"Sổ nhật ký {name} – {commune.info.place} {year}")
    guide = _unit_guide(commune, name, places)
    write_guide(workbook, [*intro, *guide[_UNIT_INTRO_ROWS:]] if intro else guide)
    sheet = write_data_sheet(workbook, S.ACTIVITY_LOG, rows)
    unit_column = column_index(S.ACTIVITY_LOG, "Đơn vị")
    for row in range(len(rows) + 2, UNIT_LOG_FILLED_ROWS + 2):
        put_cell(sheet, row, unit_column, S.ACTIVITY_LOG.column("Đơn vị"), name)
    header = sheet.cell(row=1, column=unit_column)
    header.comment = cell_comment(f"Sổ của đơn vị: {name}. Cột này đã ghi sẵn tên đơn vị; không cần sửa.")
    lists = write_unit_lists(workbook, commune, name, places)
    add_validations(sheet, S.ACTIVITY_LOG, lists, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
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


def _target(path: Path) -> Path:
    if not path.suffix:
        path = path.with_name(path.name + ".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"Tệp mới phải có đuôi .xlsx (đang là '{path.name}').")
    if path.is_dir():
        raise OutputProblem(f"'{path}' là một thư mục; hãy ghi tên tệp, ví dụ {path / 'so-moi.xlsx'}.")
    if path.exists():
        raise OutputProblem(f"Tệp '{path}' đã có; ntm init không ghi đè tệp cũ. Hãy chọn tên khác hoặc đổi tên tệp cũ.")
    return path


def _save(workbook: Any, path: Path) -> None:
    """Writes the new workbook whole, never over a file (one that appeared while we were writing)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    try:
        write_atomically(path, buffer.getvalue(), overwrite=False)
    except OutputExists as err:
        raise OutputExists(f"Tệp '{path}' vừa được tạo bởi chương trình khác; không ghi đè.") from err


def _main_title(commune: Commune | None, year: int | None) -> str:
    if commune is None:
        return "Sổ chính ntm" + (f" năm {year}" if year else "")
    return f"Sổ chính ntm – {commune.info.issuing_body} – năm {year or commune.info.year}"


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


def _how_to_write_and_run() -> list[GuideRow]:
    """The last sections of every Hướng dẫn sheet: how to type dates and numbers, how to run ntm."""
    return [
        ("section", "Cách ghi", ""),
        *(("item", title, text) for title, text in FORMAT_GUIDE),
        ("section", "Chạy chương trình", ""),
        *(("item", title, text) for title, text in COMMAND_GUIDE),
    ]


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
            (
                "Điền các trang theo thứ tự; các đơn vị có thể ghi nhật ký ở trang Nhật ký của sổ này hoặc ở "
                'sổ nhật ký riêng (tạo bằng lệnh: ntm init <tệp> --unit "<tên đơn vị>"). Trang Danh mục '
                "được ẩn, chương trình tự lập để làm danh sách chọn thôn; không sửa trang này."
            ),
        ),
    ]
    for sheet in S.MAIN_SHEETS:
        rows.extend(_sheet_rows(sheet))
    return rows + _how_to_write_and_run()


def _unit_guide(commune: Commune, unit: str, places: Sequence[str]) -> list[GuideRow]:
    info = commune.info
    criteria = "\n".join(f"{c.code}: {c.content} ({c.unit})" for c in commune.criteria)
    rows: list[GuideRow] = [
        (
            "note",
            "Sổ này",
            (
                f"Sổ nhật ký hoạt động của {unit}, năm {info.year} ({info.issuing_body}). Ghi mỗi hoạt "
                "động đã làm một dòng ở trang Nhật ký, rồi nộp tệp cho Văn phòng Đảng ủy xã để chép vào thư mục "
                "inputs/ cùng sổ chính."
            ),
        ),
        ("item", "Đơn vị", f"{unit}. Cột Đơn vị đã ghi sẵn tên đơn vị ở 200 dòng đầu; không cần sửa."),
        ("item", "Thôn phụ trách", ", ".join(places) + ". Cột Thôn có danh sách chọn các thôn này."),
        ("item", "Mã tiêu chí", criteria),
    ]
    rows.extend(_sheet_rows(S.ACTIVITY_LOG))
    return rows + _how_to_write_and_run()


__all__ = [
    "GUIDE_SHEET",
    "LAST_ROW",
    "LISTS_SHEET",
    "UNIT_LOG_FILLED_ROWS",
    "canonical_unit",
    "main_guide",
    "main_workbook",
    "unit_log_workbook",
    "unit_log_file_name",
    "unit_places",
    "write_blank_workbook",
    "write_unit_log_workbook",
]
