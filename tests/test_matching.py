"""SPEC §3 matching: sheet names, headers and names as a clerk may type them."""

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from generator import schema as S
from generator.errors import Location, Severity
from generator.reading import RawCell, read_workbook
from generator.validation import NameIndex, ValueProblem, name_problems, parse_count, parse_date, parse_decimal

VILLAGES = NameIndex(["Thọ Bình 1", "Thọ Bình 2", "Đồng Chùa 1", "Làng Dịa", "Trung tâm xã"])


def _book(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize("sheet_name", ["Nhật ký", "Nhat ky", "NHẬT  KÝ", " nhật ký ", unicodedata.normalize("NFD", "Nhật ký")])
def test_sheet_found_whatever_the_case_spacing_form_or_diacritics(tmp_path, sheet_name):
    path = _book(tmp_path / "a.xlsx", sheet_name, [list(S.ACTIVITY_LOG.required_headers)])
    book = read_workbook(path, [S.ACTIVITY_LOG])
    assert book.table(S.ACTIVITY_LOG) is not None
    assert book.problems == ()


def test_headers_in_any_order_any_form_and_extra_columns_ignored(tmp_path):
    headers = ["Cột thêm", "Ma tieu chi", unicodedata.normalize("NFD", "Đơn vị"), "  ngày  "] + [
        h for h in S.ACTIVITY_LOG.required_headers if h not in ("Mã tiêu chí", "Đơn vị", "Ngày")
    ]
    path = _book(tmp_path / "a.xlsx", "Nhật ký", [headers, ["x", "DH", "Trường THCS", "15/01/2021"]])
    table = read_workbook(path, [S.ACTIVITY_LOG]).table(S.ACTIVITY_LOG)
    assert table is not None
    row = table.rows[0]
    assert row.text("Mã tiêu chí") == "DH"
    assert row.cell("Đơn vị").ref == "C2"
    assert row.text("Ngày") == "15/01/2021"


def test_header_below_title_rows_is_found_and_cells_keep_their_real_address(tmp_path):
    path = _book(
        tmp_path / "a.xlsx",
        "Thôn",
        [["DANH SÁCH THÔN"], [], [c.header for c in S.VILLAGES.columns], [1, "Làng Dịa", "x", 120, 60, 30]],
    )
    table = read_workbook(path, [S.VILLAGES]).table(S.VILLAGES)
    assert table is not None and table.header_row == 3
    assert table.rows[0].cell("Tên thôn").ref == "B4"


def test_missing_required_column_is_a_located_problem(tmp_path):
    headers = [h for h in S.VILLAGES.required_headers if h != "Số hộ"]
    path = _book(tmp_path / "a.xlsx", "Thôn", [headers])
    book = read_workbook(path, [S.VILLAGES])
    [problem] = book.problems
    assert problem.code == "E-THIEU-COT"
    assert problem.location == Location("a.xlsx", "Thôn", "A1", 1)
    assert "'Số hộ'" in problem.message


def test_blank_rows_inside_data_are_recorded_but_trailing_ones_are_not(tmp_path):
    headers = list(S.UNITS.required_headers)
    path = _book(tmp_path / "a.xlsx", "Đơn vị", [headers, ["A", "Chi bộ"], [None, None], ["B", "Cơ quan"], [None], [None]])
    table = read_workbook(path, [S.UNITS]).table(S.UNITS)
    assert table is not None
    assert [r.number for r in table.rows] == [2, 4]
    assert table.blank_rows == (3,)


def test_exact_name_after_case_spacing_and_unicode_folding():
    assert VILLAGES.match("thọ  bình 1").name == "Thọ Bình 1"
    assert VILLAGES.match(unicodedata.normalize("NFD", "Làng Dịa")).name == "Làng Dịa"
    assert not VILLAGES.match("LÀNG DỊA").by_diacritics_only


def test_name_matching_only_without_diacritics_is_accepted_with_a_warning():
    match = VILLAGES.match("Dong Chua 1")
    assert match.name == "Đồng Chùa 1" and match.by_diacritics_only
    [warning] = name_problems(match, "Dong Chua 1", Location("a.xlsx", "Nhật ký", "C2", 2), "Thôn", "Thôn")
    assert warning.severity is Severity.WARNING
    assert warning.code == "W-TEN-KHONG-DAU"
    assert "'Đồng Chùa 1'" in warning.message


def test_near_miss_is_an_error_with_a_suggestion():
    match = VILLAGES.match("Thọ Bình1")
    assert match.name is None and match.suggestion == "Thọ Bình 1"
    [error] = name_problems(match, "Thọ Bình1", Location("a.xlsx", "Nhật ký", "C2", 2), "Thôn", "Thôn")
    assert error.severity is Severity.ERROR
    assert error.message == "Thôn 'Thọ Bình1' không có trong trang 'Thôn'. Có phải 'Thọ Bình 1'?"


def test_unknown_name_without_anything_close_has_no_suggestion():
    match = VILLAGES.match("Hà Nội")
    assert match.name is None and match.suggestion is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0,3", "0.3"),
        ("1.250.000", "1250000"),
        ("1 250 000", "1250000"),
        (0.3, "0.3"),
        (5.0, "5"),
        ("12", "12"),
        ("1.250,5", "1250.5"),
    ],
)
def test_numbers_as_excel_holds_them_or_as_typed(value, expected):
    from decimal import Decimal

    assert parse_decimal(RawCell(value, "A1")) == Decimal(expected)


@pytest.mark.parametrize("value", ["mười", "1,2,3", "5 km", True])
def test_text_that_is_not_a_number_is_refused(value):
    with pytest.raises(ValueProblem):
        parse_decimal(RawCell(value, "A1"))


@pytest.mark.parametrize("value", ["-1", "2,5", -3.0])
def test_counts_are_whole_and_not_negative(value):
    with pytest.raises(ValueProblem):
        parse_count(RawCell(value, "A1"))


@pytest.mark.parametrize("value", ["15/01/2021", "5/1/2021", "2021-01-05"])
def test_dates_as_text(value):
    from datetime import date

    assert parse_date(RawCell(value, "A1")) in (date(2021, 1, 15), date(2021, 1, 5))


def test_a_date_that_is_not_a_date_says_how_to_type_it():
    with pytest.raises(ValueProblem, match="ngày/tháng/năm"):
        parse_date(RawCell("32/01/2021", "A1"))
