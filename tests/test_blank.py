"""`ntm init`: blank main workbooks and per-unit logs, written for real and read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from generator import schema as S
from generator.blank import (
    AMOUNT_HEADERS,
    COUNT_HEADERS,
    DATE_HEADERS,
    GUIDE_SHEET,
    INFO_NOTE_HEADER,
    INFO_NOTES,
    LAST_ROW,
    LISTS_SHEET,
    MONEY_HEADERS,
    SHEET_HELP,
    TEXT_HEADERS,
    UNIT_LOG_FILLED_ROWS,
    unit_log_file_name,
    write_blank_workbook,
    write_unit_log_workbook,
)
from generator.errors import OutputProblem, UsageError, ValidationFailed
from generator.model import Commune
from generator.pipeline import LoadedInputs, load_inputs
from generator.reading import read_workbook
from tests.conftest import INPUTS, SAMPLE

ALL_HEADERS = {c.header for sheet in S.MAIN_SHEETS for c in sheet.columns}


@pytest.fixture(scope="module")
def sample() -> LoadedInputs:
    return load_inputs([INPUTS])


@pytest.fixture(scope="module")
def commune(sample: LoadedInputs) -> Commune:
    return sample.commune


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return write_blank_workbook(tmp_path / "so-moi.xlsx")


def headers(ws: Any) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


def column_of(ws: Any, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def validation_at(ws: Any, header: str, row: int = 2) -> Any:
    """The data validation that covers the column of `header` at `row` (exactly one)."""
    column = column_of(ws, header)
    found = []
    for validation in ws.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            min_col, min_row, max_col, max_row = range_boundaries(cells.coord)
            if min_col <= column <= max_col and min_row <= row <= max_row:
                found.append(validation)
    assert len(found) == 1, (ws.title, header, found)
    return found[0]


def list_values(workbook: Any, formula: str) -> list[Any]:
    """The cells a list validation's range formula points at, as openpyxl reads them."""
    sheet, cells = formula.rsplit("!", 1)
    ws = workbook[sheet.strip("'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]


# ---------------------------------------------------------------- the blank main workbook


def test_blank_workbook_has_every_sheet_with_the_schema_headers(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    assert wb.sheetnames == [GUIDE_SHEET, *(s.name for s in S.MAIN_SHEETS), LISTS_SHEET]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb.properties.creator == "ntm" and wb.properties.title
    for sheet in S.MAIN_SHEETS:
        ws = wb[sheet.name]
        expected = [c.header for c in sheet.columns] + ([INFO_NOTE_HEADER] if sheet is S.INFO else [])
        assert headers(ws) == expected
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        for cell in ws[1]:
            assert cell.font.b and cell.alignment.wrap_text, (sheet.name, cell.coordinate)
            assert cell.fill.fgColor.rgb == "FFD9D9D9", (sheet.name, cell.coordinate)
        for column in sheet.columns:
            dimension = ws.column_dimensions[get_column_letter(column_of(ws, column.header))]
            assert dimension.width >= 6
            if column.header in DATE_HEADERS:
                assert dimension.number_format == "dd/mm/yyyy"
            elif column.header in COUNT_HEADERS or column.header in MONEY_HEADERS:
                assert dimension.number_format == "#,##0"
            elif column.header in TEXT_HEADERS:
                assert dimension.number_format == "@"
    assert wb[GUIDE_SHEET].freeze_panes == "A2"


def test_blank_workbook_reads_with_every_column_found(blank: Path) -> None:
    book = read_workbook(blank)
    assert book.is_main
    assert book.problems == ()
    assert book.unknown == {}  # the formulas of Danh mục are not on a sheet that is read
    for sheet in S.MAIN_SHEETS:
        table = book.table(sheet)
        assert table is not None, sheet.name
        assert all(table.has_column(c.header) for c in sheet.columns), sheet.name
        assert table.header_row == 1
    assert [r.text("Mục") for r in book.tables[S.INFO.name].rows] == [k for k, _ in S.INFO_KEYS]
    for sheet in S.MAIN_SHEETS[1:]:
        assert book.tables[sheet.name].rows == (), sheet.name


def test_thong_tin_lists_every_key_with_a_note(blank: Path) -> None:
    ws = openpyxl.load_workbook(blank)[S.INFO.name]
    key, value, note = (column_of(ws, h) for h in ("Mục", "Giá trị", INFO_NOTE_HEADER))
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[key - 1] for r in rows] == [k for k, _ in S.INFO_KEYS]
    assert all(r[value - 1] is None for r in rows)
    assert all(r[note - 1] for r in rows)
    assert "ĐẢNG ỦY XÃ BÌNH XA" in INFO_NOTES["Cơ quan ban hành"]
    date_row = 2 + [k for k, _ in S.INFO_KEYS].index("Ngày ban hành kế hoạch")
    assert ws.cell(row=date_row, column=value).number_format == "dd/mm/yyyy"
    assert validation_at(ws, "Giá trị", date_row).type == "date"


def test_dropdowns_point_at_the_right_lists(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    units = "'Đơn vị'!$B$2:$B$301"
    places = "'Danh mục'!$A$2:$A$302"
    criteria = "'Tiêu chí'!$A$2:$A$301"
    expected = {
        (S.RECIPIENTS.name, "Văn bản"): '"KH,PL,KHT,BC,BCN,tất cả"',
        (S.UNITS.name, "Loại"): '"Chi bộ,Tổ chức chính trị - xã hội,Cơ quan"',
        (S.VILLAGES.name, "Xa trung tâm"): '"x"',
        (S.CRITERIA.name, "Cách tính"): '"Cộng dồn,Tỷ lệ hộ,Tăng so năm trước,Tăng tỷ lệ so năm trước"',
        (S.CRITERIA.name, "Áp dụng"): '"Tất cả thôn,Thôn xa trung tâm"',
        (S.ASSIGNMENTS.name, "Chi bộ, tổ chức"): units,
        (S.ACTIVITY_LOG.name, "Đơn vị"): units,
        (S.ACTIVITY_LOG.name, "Thôn"): places,
        (S.ACTIVITY_LOG.name, "Mã tiêu chí"): criteria,
        (S.MONTHLY_PLAN.name, "Đơn vị"): units,
        (S.MONTHLY_PLAN.name, "Thôn"): places,
        (S.MONTHLY_PLAN.name, "Mã tiêu chí"): criteria,
    }
    for (sheet, header), formula in expected.items():
        ws = wb[sheet]
        for row in (2, LAST_ROW):
            validation = validation_at(ws, header, row)
            assert validation.type == "list", (sheet, header)
            assert validation.formula1 == formula, (sheet, header, validation.formula1)
            assert not validation.showDropDown  # openpyxl: True would hide the arrow
            assert validation.showErrorMessage and "danh sách" in validation.error
        letter = get_column_letter(column_of(ws, header))
        assert any(f"{letter}2:{letter}{LAST_ROW}" == str(r) for v in ws.data_validations.dataValidation for r in v.sqref.ranges)
    # the columns named in the lists are the schema's
    assert get_column_letter(column_of(wb[S.UNITS.name], "Tên đơn vị")) == "B"
    assert get_column_letter(column_of(wb[S.CRITERIA.name], "Mã")) == "A"
    # Danh mục: the commune centre, then the Thôn sheet's names through formulas
    lists = wb[LISTS_SHEET]
    village_letter = get_column_letter(column_of(wb[S.VILLAGES.name], "Tên thôn"))
    assert lists["A2"].value == "Trung tâm xã"
    assert lists["A3"].value == f"=IF('Thôn'!{village_letter}2=\"\",\"\",'Thôn'!{village_letter}2)"
    assert lists["A302"].value == f"=IF('Thôn'!{village_letter}301=\"\",\"\",'Thôn'!{village_letter}301)"
    assert lists["A303"].value is None


def test_number_and_date_columns_are_validated(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    log = wb[S.ACTIVITY_LOG.name]
    day = validation_at(log, "Ngày")
    assert (day.type, day.operator, day.formula1, day.formula2) == ("date", "between", "36526", "73415")
    for header in ("Tổng lượt người", "Đảng viên", "Nhân dân"):
        count = validation_at(log, header)
        assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    for header in ("Ngày công", "Khối lượng", "Hiến đất (m²)"):
        assert validation_at(log, header).type == "decimal"
    for header in ("Tiền mặt (đồng)", "Hiện vật quy đổi (đồng)"):
        assert validation_at(log, header).type == "whole"
    assert validation_at(wb[S.MONTHLY_PLAN.name], "Ngày dự kiến").type == "date"
    assert validation_at(wb[S.MONTHLY_PLAN.name], "Lực lượng dự kiến").type == "whole"
    assert validation_at(wb[S.VILLAGES.name], "Số hộ").type == "whole"
    assert validation_at(wb[S.CRITERIA.name], "Chỉ tiêu mỗi thôn").type == "decimal"
    # Excel refuses a workbook whose messages are too long
    for ws in wb.worksheets:
        for validation in ws.data_validations.dataValidation:
            assert validation.error and len(validation.error) <= 255, (ws.title, validation.error)
            assert validation.errorTitle and len(validation.errorTitle) <= 32, (ws.title, validation.errorTitle)


def test_column_kinds_name_real_columns() -> None:
    for kind in (DATE_HEADERS, COUNT_HEADERS, AMOUNT_HEADERS, MONEY_HEADERS, TEXT_HEADERS):
        assert kind <= ALL_HEADERS, kind - ALL_HEADERS
    assert not (COUNT_HEADERS & AMOUNT_HEADERS) and not (COUNT_HEADERS & MONEY_HEADERS)
    assert set(SHEET_HELP) == {s.name for s in S.MAIN_SHEETS}
    assert all(c.help for sheet in S.MAIN_SHEETS for c in sheet.columns)
    assert set(INFO_NOTES) == {k for k, _ in S.INFO_KEYS}


def test_guide_is_generated_from_the_schema(blank: Path) -> None:
    ws = openpyxl.load_workbook(blank)[GUIDE_SHEET]
    assert headers(ws) == ["Mục", "Hướng dẫn"]
    text = "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    for sheet in S.MAIN_SHEETS:
        assert f"Trang {sheet.name}" in text
        for column in sheet.columns:
            assert column.header in text
    for needed in ("trong đó", "ngày/tháng/năm", "ntm validate", "ntm generate", "1250000", "0,5"):
        assert needed in text, needed
    assert "Kế hoạch tháng (không bắt buộc)" in text


# ---------------------------------------------------------------- filled by a clerk


def fill(ws: Any, rows: list[dict[str, Any]], first: int = 2) -> None:
    for number, values in enumerate(rows, start=first):
        for header, value in values.items():
            ws.cell(row=number, column=column_of(ws, header), value=value)


def test_a_filled_blank_workbook_validates_clean(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    info = wb[S.INFO.name]
    values: dict[str, Any] = {
        "Cơ quan cấp trên": "ĐẢNG BỘ TỈNH TUYÊN QUANG",
        "Cơ quan ban hành": "ĐẢNG ỦY XÃ MẪU",
        "Ký hiệu cơ quan": "ĐU",
        "Địa danh": "Mẫu",
        "Năm kế hoạch": 2023,
        "Số kế hoạch": 7,
        "Ngày ban hành kế hoạch": dt.date(2023, 1, 10),
        "Thẩm quyền ký": "T/M ĐẢNG ỦY",
        "Chức vụ người ký": "BÍ THƯ",
        "Người ký": "Nguyễn Văn A",
        "Nơi nhận báo cáo": "Ban Thường vụ Tỉnh ủy",
    }
    for row in info.iter_rows(min_row=2):
        key = row[column_of(info, "Mục") - 1].value
        if key in values:
            row[column_of(info, "Giá trị") - 1].value = values[key]
    fill(
        wb[S.RECIPIENTS.name],
        [
            {"Văn bản": "KH", "Nơi nhận": "Ban Thường vụ Tỉnh ủy", "Ghi chú": "(báo cáo)"},
            {"Văn bản": "tất cả", "Nơi nhận": "Lưu VPĐU xã"},
        ],
    )
    fill(
        wb[S.UNITS.name],
        [
            {"TT": 1, "Tên đơn vị": "Chi bộ thôn Đông", "Loại": "Chi bộ", "Người phụ trách": "Lê Thị B"},
            {"TT": 2, "Tên đơn vị": "Hội nông dân xã", "Loại": "Tổ chức chính trị - xã hội"},
        ],
    )
    village = {"Số hộ": 120, "Số hộ chăn nuôi": 60, "Hộ chăn nuôi đạt VSMT năm trước": 30}
    fill(
        wb[S.VILLAGES.name],
        [
            {"TT": 1, "Tên thôn": "Thôn Đông", "Xa trung tâm": "x", **village},
            {"TT": 2, "Tên thôn": "Thôn Tây", **village},
            {"TT": 3, "Tên thôn": "Bản Giữa", **village},
        ],
    )
    fill(
        wb[S.CRITERIA.name],
        [
            {
                "Mã": "DH",
                "Nội dung": "Tuyến đường hoa",
                "ĐVT": "km",
                "Chỉ tiêu mỗi thôn": 0.6,
                "Chỉ tiêu trung tâm xã": 0.8,
                "Cách tính": "Cộng dồn",
                "Áp dụng": "Tất cả thôn",
            },
            {
                "Mã": "HR",
                "Nội dung": "Hộ làm hố rác",
                "ĐVT": "hộ",
                "Chỉ tiêu mỗi thôn": 80,
                "Cách tính": "Tỷ lệ hộ",
                "Áp dụng": "Thôn xa trung tâm",
                "Diễn giải": "- Trên 80% hộ làm hố rác.",
            },
        ],
    )
    fill(
        wb[S.ASSIGNMENTS.name],
        [
            {
                "TT": 1,
                "Chi bộ, tổ chức": "Chi bộ thôn Đông",
                "Nội dung phụ trách": "Đường hoa",
                "Thôn phụ trách": "Thôn Đông, Thôn Tây",
            },
            {"TT": 2, "Chi bộ, tổ chức": "Hội nông dân xã", "Nội dung phụ trách": "Đường hoa", "Thôn phụ trách": None},
        ],
    )
    people = {
        "Tổng lượt người": 20,
        "Cán bộ, công chức": 0,
        "Đảng viên": 8,
        "Viên chức": 0,
        "LLVT": 0,
        "Đoàn viên, hội viên": 5,
        "Nhân dân": 12,
        "Tiền mặt (đồng)": 0,
        "Hiện vật quy đổi (đồng)": 500000,
    }
    fill(
        wb[S.ACTIVITY_LOG.name],
        [
            {
                "Ngày": dt.date(2023, 3, 4),
                "Đơn vị": "Chi bộ thôn Đông",
                "Thôn": "Thôn Đông",
                "Mã tiêu chí": "DH",
                "Nội dung hoạt động": "Trồng hoa đường trục thôn",
                **people,
                "Ngày công": 10,
                "Khối lượng": 300,
                "ĐVT": "m",
            },
            {
                "Ngày": dt.date(2023, 3, 5),
                "Đơn vị": "Chi bộ thôn Đông",
                "Thôn": "Thôn Đông",
                "Mã tiêu chí": "HR",
                "Nội dung hoạt động": "Vận động hộ làm hố rác",
                **people,
                "Ngày công": 2.5,
                "Khối lượng": 15,
                "ĐVT": "hộ",
            },
            {
                "Ngày": dt.date(2023, 3, 11),
                "Đơn vị": "Hội nông dân xã",
                "Thôn": "Trung tâm xã",
                "Mã tiêu chí": "DH",
                "Nội dung hoạt động": "Trồng hoa đường trung tâm xã",
                **people,
                "Ngày công": 10,
                "Khối lượng": 0.2,
                "ĐVT": "km",
                "Hiến đất (m²)": 30,
            },
        ],
    )
    wb.save(blank)
    try:
        loaded = load_inputs([blank])
    except ValidationFailed as failure:  # pragma: no cover - shows why
        pytest.fail("\n".join(str(p) for p in failure.problems))
    commune = loaded.commune
    assert commune.info.year == 2023 and commune.info.plan_number == 7
    assert [u.name for u in commune.units] == ["Chi bộ thôn Đông", "Hội nông dân xã"]
    assert [v.name for v in commune.villages] == ["Thôn Đông", "Thôn Tây", "Bản Giữa"]
    assert [c.code for c in commune.criteria] == ["DH", "HR"]
    assert commune.assignments[1].villages == ("Trung tâm xã",)
    assert len(loaded.activities) == 3
    assert loaded.activities[0].quantity == Decimal("0.3")  # 300 m in km
    assert not [p for p in loaded.problems if p.code == "W-DONG-TRONG"]


# ---------------------------------------------------------------- next year's book


def test_a_book_started_from_a_commune_carries_its_lists(tmp_path: Path, commune: Commune) -> None:
    path = write_blank_workbook(tmp_path / "binh-xa-2021-ban-sao.xlsx", commune)
    loaded = load_inputs([path])
    assert loaded.commune == replace(commune, notes=(), previous_year=())  # Đánh giá, Năm trước stay with their year
    assert loaded.activities == () and loaded.planned == ()
    wb = openpyxl.load_workbook(path)
    assert wb[S.ACTIVITY_LOG.name].max_row == 1 and wb[S.MONTHLY_PLAN.name].max_row == 1
    assert wb[S.UNITS.name]["B2"].value == commune.units[0].name


def test_a_new_year_leaves_the_plan_number_and_date_blank(tmp_path: Path, commune: Commune) -> None:
    path = write_blank_workbook(tmp_path / "binh-xa-2022", commune, year=2022)
    assert path.name == "binh-xa-2022.xlsx"
    info = load_inputs([path]).commune.info
    assert info.year == 2022 and info.plan_number is None and info.plan_date is None
    assert info.issuing_body == commune.info.issuing_body and info.preamble == commune.info.preamble


# ---------------------------------------------------------------- per-unit log


def test_unit_log_offers_only_the_units_villages(tmp_path: Path, commune: Commune) -> None:
    path = write_unit_log_workbook(tmp_path / "don-vi" / "nhat-ky.xlsx", commune, "Trường THCS")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [GUIDE_SHEET, S.ACTIVITY_LOG.name, LISTS_SHEET]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert "Trường THCS" in (wb.properties.title or "")
    log = wb[S.ACTIVITY_LOG.name]
    assert headers(log) == [c.header for c in S.ACTIVITY_LOG.columns]
    assert log.freeze_panes == "A2"
    village = validation_at(log, "Thôn")
    assert list_values(wb, village.formula1) == ["Soi Dịa", "Yên Bình"]
    assert village.errorStyle == "warning"  # another village is a warning in validation too
    unit = validation_at(log, "Đơn vị")
    assert list_values(wb, unit.formula1) == ["Trường THCS"]
    codes = validation_at(log, "Mã tiêu chí")
    assert list_values(wb, codes.formula1) == [c.code for c in commune.criteria]
    day = validation_at(log, "Ngày")
    assert (day.formula1, day.formula2) == ("44197", "44561")  # 01/01/2021 – 31/12/2021
    unit_column = column_of(log, "Đơn vị")
    filled = [log.cell(row=r, column=unit_column).value for r in range(2, UNIT_LOG_FILLED_ROWS + 3)]
    assert filled == ["Trường THCS"] * UNIT_LOG_FILLED_ROWS + [None]
    guide = "\n".join(str(v) for row in wb[GUIDE_SHEET].iter_rows(values_only=True) for v in row if v)
    assert "Trường THCS" in guide and "Soi Dịa, Yên Bình" in guide and "trong đó" in guide

    book = read_workbook(path)
    assert not book.is_main and book.problems == ()
    table = book.table(S.ACTIVITY_LOG)
    assert table is not None and all(table.has_column(c.header) for c in S.ACTIVITY_LOG.columns)
    # every row read so far holds the unit's name only: the reader is to treat them as empty
    for row in table.rows:
        assert [h for h, cell in row.cells if not cell.is_blank] == ["Đơn vị"]


def test_unit_name_is_matched_like_every_name(tmp_path: Path, commune: Commune) -> None:
    path = write_unit_log_workbook(tmp_path / "a.xlsx", commune, "Truong THCS")
    log = openpyxl.load_workbook(path)[S.ACTIVITY_LOG.name]
    assert log.cell(row=2, column=column_of(log, "Đơn vị")).value == "Trường THCS"
    assert write_unit_log_workbook(tmp_path / "b.xlsx", commune, "  trường  thcs ").exists()
    with pytest.raises(UsageError) as error:
        write_unit_log_workbook(tmp_path / "c.xlsx", commune, "Trường THPT")
    assert str(error.value) == "Không có đơn vị 'Trường THPT' trong sổ chính. Có phải 'Trường THCS'?"
    assert not (tmp_path / "c.xlsx").exists()
    with pytest.raises(UsageError, match="Các đơn vị trong sổ chính: Trường mầm non"):
        write_unit_log_workbook(tmp_path / "d.xlsx", commune, "Xyz")
    assert unit_log_file_name(commune, "truong thcs") == "nhat-ky-truong-thcs-2021.xlsx"


def test_a_unit_without_villages_gets_the_commune_centre(tmp_path: Path, commune: Commune) -> None:
    path = write_unit_log_workbook(tmp_path / "cd.xlsx", commune, "Công đoàn CS xã")
    wb = openpyxl.load_workbook(path)
    assert list_values(wb, validation_at(wb[S.ACTIVITY_LOG.name], "Thôn").formula1) == ["Trung tâm xã"]


def test_a_filled_unit_log_loads_with_the_main_workbook(tmp_path: Path, commune: Commune, sample: LoadedInputs) -> None:
    path = write_unit_log_workbook(tmp_path / "nhat-ky-thcs.xlsx", commune, "Trường THCS")
    wb = openpyxl.load_workbook(path)
    fill(
        wb[S.ACTIVITY_LOG.name],
        [
            {
                "Ngày": dt.date(2021, 4, 10),
                "Thôn": "Soi Dịa",
                "Mã tiêu chí": "VS",
                "Nội dung hoạt động": "Vệ sinh đường thôn",
                "Tổng lượt người": 25,
                "Cán bộ, công chức": 0,
                "Đảng viên": 9,
                "Viên chức": 20,
                "LLVT": 0,
                "Đoàn viên, hội viên": 3,
                "Nhân dân": 5,
                "Ngày công": 12.5,
                "Khối lượng": 1.5,
                "ĐVT": "km",
                "Tiền mặt (đồng)": 0,
                "Hiện vật quy đổi (đồng)": 0,
            },
        ],
    )
    wb.save(path)
    loaded = load_inputs([SAMPLE, path])
    assert len(loaded.activities) == len(load_inputs([SAMPLE]).activities) + 1


# ---------------------------------------------------------------- the target file


def test_never_overwrites_an_existing_file(tmp_path: Path, commune: Commune) -> None:
    target = tmp_path / "so.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputProblem, match="đã có"):
        write_blank_workbook(target)
    with pytest.raises(OutputProblem, match="đã có"):
        write_unit_log_workbook(target, commune, "Trường THCS")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["so.xlsx"]  # no temporary file left


def test_creates_folders_and_checks_the_suffix(tmp_path: Path) -> None:
    nested = write_blank_workbook(tmp_path / "a" / "b" / "so.XLSX")
    assert nested.is_file() and nested.parent == tmp_path / "a" / "b"
    assert sorted(p.name for p in nested.parent.iterdir()) == ["so.XLSX"]
    with pytest.raises(UsageError, match=".xlsx"):
        write_blank_workbook(tmp_path / "so.xls")
    assert write_blank_workbook(tmp_path / "a") == tmp_path / "a.xlsx"  # no suffix: .xlsx added
    (tmp_path / "thu-muc.xlsx").mkdir()
    with pytest.raises(OutputProblem, match="thư mục"):
        write_blank_workbook(tmp_path / "thu-muc.xlsx")


def validated_columns(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Each sheet's (header, validation type) pairs: which columns have a dropdown, a date rule…"""
    book = openpyxl.load_workbook(path)
    found: dict[str, set[tuple[str, str]]] = {}
    for ws in book.worksheets:
        pairs = found.setdefault(ws.title, set())
        for validation in ws.data_validations.dataValidation:
            for cells in validation.sqref.ranges:
                min_col, _, max_col, _ = range_boundaries(cells.coord)
                pairs.update((ws.cell(row=1, column=c).value, validation.type) for c in range(min_col, max_col + 1))
    return found


def test_the_sample_has_the_dropdowns_of_a_new_workbook(blank: Path) -> None:
    sample = validated_columns(SAMPLE)
    assert sample == validated_columns(blank)
    assert ("Thôn", "list") in sample[S.ACTIVITY_LOG.name] and ("Loại", "list") in sample[S.UNITS.name]
    assert openpyxl.load_workbook(SAMPLE).sheetnames[0] == GUIDE_SHEET


def test_the_sample_unit_log_has_the_dropdowns_of_ntm_init_unit(tmp_path: Path, commune: Commune) -> None:
    made = write_unit_log_workbook(tmp_path / "thcs.xlsx", commune, "Trường THCS")
    assert validated_columns(INPUTS / "nhat-ky-truong-thcs-2021.xlsx") == validated_columns(made)
