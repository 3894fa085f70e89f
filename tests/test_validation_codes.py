"""Every error and warning of SPEC §3, each triggered by one change to a copy of the sample."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from generator.errors import Severity
from generator.pipeline import check_inputs
from tests.conftest import SAMPLE
from tests.workbooks import append_copy, edit, put, ref

LOG = "Nhật ký"
UNIT_LOG = "nhat-ky-truong-thcs-2021.xlsx"


@dataclass(frozen=True)
class Case:
    code: str
    change: Callable[[Path], None]  # gets the copied inputs folder
    file: str
    sheet: str
    cell: Callable[[openpyxl.Workbook], str] | str  # "" for a file- or sheet-level problem
    words: tuple[str, ...]
    severity: Severity = Severity.ERROR


def _main(change: Callable[[openpyxl.Workbook], None]) -> Callable[[Path], None]:
    return lambda folder: edit(folder / SAMPLE.name, change)


def _log_cell(header: str, row: int = 2) -> Callable[[openpyxl.Workbook], str]:
    return lambda wb: ref(wb[LOG], header, row)


def _set_log(header: str, value: object, row: int = 2) -> Callable[[Path], None]:
    return _main(lambda wb: put(wb[LOG], row, header, value))


def _write_garbage(folder: Path) -> None:
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a zip")


def _only_unit_log(folder: Path) -> None:
    (folder / SAMPLE.name).unlink()


def _second_main(folder: Path) -> None:
    shutil.copy(folder / SAMPLE.name, folder / "binh-xa-2021-ban-sao.xlsx")


def _unrelated_book(folder: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Bảng lương"
    workbook.save(folder / "bang-luong.xlsx")


def _drop_info_key(wb: openpyxl.Workbook) -> None:
    sheet = wb["Thông tin"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Người ký":
            sheet.delete_rows(row[0].row)
            return


def _repeat_info_key(wb: openpyxl.Workbook) -> None:
    wb["Thông tin"].append(["Năm kế hoạch", 2022])


def _blank_row_in_log(wb: openpyxl.Workbook) -> None:
    wb[LOG].insert_rows(5)


def _duplicate_log_row(wb: openpyxl.Workbook) -> None:
    append_copy(wb[LOG], 3)


def _duplicate_across_files(folder: Path) -> None:
    unit_book = openpyxl.load_workbook(folder / UNIT_LOG)
    values = [c.value for c in unit_book[LOG][2]]
    edit(folder / SAMPLE.name, lambda wb: wb[LOG].append(values))


def _formula_without_value(wb: openpyxl.Workbook) -> None:
    put(wb[LOG], 4, "Ngày công", "=F4*0.5")


def _empty_units(wb: openpyxl.Workbook) -> None:
    sheet = wb["Đơn vị"]
    sheet.delete_rows(2, sheet.max_row)


def _drop_log_column(wb: openpyxl.Workbook) -> None:
    sheet = wb[LOG]
    for cell in sheet[1]:
        if cell.value == "Khối lượng":
            sheet.delete_cols(cell.column)
            return


def _plan_day_in_other_month(wb: openpyxl.Workbook) -> None:
    put(wb["Kế hoạch tháng"], 2, "Ngày dự kiến", dt.datetime(2021, 3, 6))


def _unit_outside_assignment(wb: openpyxl.Workbook) -> None:
    put(wb[LOG], 2, "Thôn", "Nam Ninh")  # row 2 is Trường mầm non, assigned Làng Dịa


CASES = [
    Case("E-TEP-KHONG-DOC-DUOC", _write_garbage, "hong.xlsx", "", "", ("Không mở được tệp",)),
    Case("E-KHONG-CO-SO-CHINH", _only_unit_log, "", "", "", ("Không có sổ chính", "ntm init")),
    Case("E-NHIEU-SO-CHINH", _second_main, "binh-xa-2021.xlsx", "Thông tin", "", ("hơn một sổ chính",)),
    Case("E-KHONG-PHAI-SO", _unrelated_book, "bang-luong.xlsx", "", "", ("không có trang 'Thông tin'",)),
    Case("E-THIEU-TRANG", _main(lambda wb: wb.remove(wb["Phân công"])), SAMPLE.name, "Phân công", "", ("thiếu trang",)),
    Case("E-THIEU-COT", _main(_drop_log_column), SAMPLE.name, LOG, "A1", ("thiếu cột", "'Khối lượng'")),
    Case("E-THIEU-MUC", _main(_drop_info_key), SAMPLE.name, "Thông tin", "A1", ("thiếu mục 'Người ký'",)),
    Case("E-MUC-TRUNG", _main(_repeat_info_key), SAMPLE.name, "Thông tin", "A20", ("ghi hai lần",)),
    Case(
        "E-O-TRONG",
        _set_log("Nội dung hoạt động", None),
        SAMPLE.name,
        LOG,
        _log_cell("Nội dung hoạt động"),
        ("không được để trống",),
    ),
    Case(
        "E-GIA-TRI-SAI",
        _main(lambda wb: put(wb["Thôn"], 3, "Số hộ", "nhiều")),
        SAMPLE.name,
        "Thôn",
        "D3",
        ("'nhiều' không phải là số",),
    ),
    Case(
        "E-TEN-TRUNG",
        _main(lambda wb: put(wb["Thôn"], 3, "Tên thôn", "Làng Dịa")),
        SAMPLE.name,
        "Thôn",
        "B3",
        ("đã có ở dòng 2",),
    ),
    Case(
        "E-TEN-KHONG-CO",
        _set_log("Thôn", "Làng Dịa2"),
        SAMPLE.name,
        LOG,
        _log_cell("Thôn"),
        ("không có trong trang 'Thôn'", "Có phải 'Làng Dịa'?"),
    ),
    Case("E-TRANG-TRONG", _main(_empty_units), SAMPLE.name, "Đơn vị", "", ("chưa có dòng dữ liệu",)),
    Case("E-NGAY-SAI", _set_log("Ngày", "32/01/2021"), SAMPLE.name, LOG, _log_cell("Ngày"), ("không phải là ngày", "15/01/2021")),
    Case(
        "E-NGAY-NGOAI-NAM",
        _set_log("Ngày", dt.datetime(2020, 12, 26)),
        SAMPLE.name,
        LOG,
        _log_cell("Ngày"),
        ("26/12/2020", "năm kế hoạch 2021"),
    ),
    Case("E-SO-NGUYEN", _set_log("Đảng viên", "2,5"), SAMPLE.name, LOG, _log_cell("Đảng viên"), ("số nguyên không âm",)),
    Case("E-TONG-LUOT", _set_log("Tổng lượt người", 0), SAMPLE.name, LOG, _log_cell("Tổng lượt người"), ("lớn hơn 0",)),
    Case(
        "E-TONG-LUOT",
        _set_log("Nhân dân", 500),
        SAMPLE.name,
        LOG,
        _log_cell("Nhân dân"),
        ("(500) lớn hơn Tổng lượt người", "trong đó"),
    ),
    Case("E-SO-AM", _set_log("Khối lượng", -1), SAMPLE.name, LOG, _log_cell("Khối lượng"), ("số âm",)),
    Case(
        "E-SO-SAI",
        _set_log("Tiền mặt (đồng)", "hai triệu"),
        SAMPLE.name,
        LOG,
        _log_cell("Tiền mặt (đồng)"),
        ("không phải là số", "1.250.000"),
    ),
    Case("E-DVT", _set_log("ĐVT", "tấn", row=3), SAMPLE.name, LOG, _log_cell("ĐVT", 3), ("'tấn' không đổi được sang 'km'",)),
    Case(
        "E-CONG-THUC",
        _main(_formula_without_value),
        SAMPLE.name,
        LOG,
        _log_cell("Ngày công", 4),
        ("công thức", "chưa có kết quả"),
    ),
    Case("E-O-LOI", _set_log("Ngày công", "#DIV/0!", row=5), SAMPLE.name, LOG, _log_cell("Ngày công", 5), ("#DIV/0!",)),
    Case("E-O-LOI", _set_log("Tổng lượt người", "#REF!", row=6), SAMPLE.name, LOG, _log_cell("Tổng lượt người", 6), ("#REF!",)),
    Case("E-DONG-TRUNG", _main(_duplicate_log_row), SAMPLE.name, LOG, "A172", ("trùng hệt dòng 3",)),
    Case("E-DONG-TRUNG", _duplicate_across_files, UNIT_LOG, LOG, "A2", ("trùng hệt dòng 172 của binh-xa-2021.xlsx",)),
    Case(
        "E-NGAY-NGOAI-THANG",
        _main(_plan_day_in_other_month),
        SAMPLE.name,
        "Kế hoạch tháng",
        "B2",
        ("06/03/2021", "tháng 02/2021"),
    ),
    Case(
        "W-TEN-KHONG-DAU",
        _set_log("Thôn", "Lang Dia"),
        SAMPLE.name,
        LOG,
        _log_cell("Thôn"),
        ("được hiểu là 'Làng Dịa'",),
        Severity.WARNING,
    ),
    Case("W-DONG-TRONG", _main(_blank_row_in_log), SAMPLE.name, LOG, "A5", ("Dòng 5 trống",), Severity.WARNING),
    Case(
        "W-NGAY-LE",
        _set_log("Ngày", dt.datetime(2021, 2, 13)),
        SAMPLE.name,
        LOG,
        _log_cell("Ngày"),
        ("13/02/2021", "nghỉ lễ", "Tết"),
        Severity.WARNING,
    ),
    Case(
        "W-MA-CU",
        _set_log("Nội dung hoạt động", "VÖ sinh nhµ v¨n hãa"),
        SAMPLE.name,
        LOG,
        _log_cell("Nội dung hoạt động"),
        ("TCVN3", "'Vệ sinh nhà văn hóa'"),
        Severity.WARNING,
    ),
    Case(
        "W-NGOAI-PHAN-CONG",
        _main(_unit_outside_assignment),
        SAMPLE.name,
        LOG,
        _log_cell("Thôn"),
        ("Trường mầm non không được phân công", "Nam Ninh"),
        Severity.WARNING,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{i}" for i, c in enumerate(CASES)])
def test_each_problem_is_found_where_it_is(case, inputs_copy):
    case.change(inputs_copy)
    report = check_inputs([inputs_copy])
    cell = case.cell(openpyxl.load_workbook(inputs_copy / SAMPLE.name)) if callable(case.cell) else case.cell
    found = [p for p in report.problems if p.code == case.code]
    assert found, f"{case.code} not reported; got {[str(p) for p in report.problems]}"
    matching = [
        p
        for p in found
        if (not case.file or p.location.file == case.file)
        and p.location.sheet == case.sheet
        and p.location.cell == cell
        and all(word in p.message for word in case.words)
    ]
    assert matching, f"expected {case.file} › {case.sheet}!{cell} {case.words}; got {[str(p) for p in found]}"
    assert all(p.severity is case.severity for p in matching)


def test_the_sample_itself_is_clean():
    from tests.conftest import INPUTS

    report = check_inputs([INPUTS])
    assert [str(p) for p in report.problems] == []
    assert len(report.activities) == 180


def test_all_problems_are_collected_not_only_the_first(inputs_copy):
    def break_many(wb):
        put(wb[LOG], 2, "Ngày", "hôm qua")
        put(wb[LOG], 3, "Thôn", "Thọ Bình1")
        put(wb[LOG], 4, "Khối lượng", -3)
        put(wb["Thôn"], 5, "Số hộ", "?")

    edit(inputs_copy / SAMPLE.name, break_many)
    report = check_inputs([inputs_copy])
    assert [p.code for p in report.problems if p.is_error] == ["E-NGAY-SAI", "E-TEN-KHONG-CO", "E-SO-AM", "E-GIA-TRI-SAI"]


def test_problems_are_sorted_by_file_sheet_and_row(inputs_copy):
    def break_many(wb):
        put(wb[LOG], 9, "Khối lượng", -3)
        put(wb[LOG], 4, "Khối lượng", -3)

    edit(inputs_copy / SAMPLE.name, break_many)
    report = check_inputs([inputs_copy])
    assert [p.location.row for p in report.problems] == [4, 9]


def test_quantities_in_metres_are_converted_to_the_criterion_unit(inputs_copy):
    def metres(wb):
        put(wb[LOG], 3, "Khối lượng", 250)
        put(wb[LOG], 3, "ĐVT", " M ")

    edit(inputs_copy / SAMPLE.name, metres)
    report = check_inputs([inputs_copy])
    assert not report.problems
    converted = [a for a in report.activities if a.source == f"{SAMPLE.name} › Nhật ký!A3"]
    from decimal import Decimal

    assert [a.quantity for a in converted] == [Decimal("0.250")]
