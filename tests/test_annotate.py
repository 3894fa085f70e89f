"""The annotated copy `<name>.loi.xlsx` of a faulty workbook (SPEC §2, `ntm validate`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from generator.annotate import (
    ERROR_FILL,
    PROBLEM_SHEET,
    WARNING_FILL,
    annotated_path,
    write_annotated_copy,
)
from generator.errors import Location, OutputProblem, Problem, Severity
from tests.office import SOFFICE, convert

LOG = "Nhật ký"
UNITS = "Đơn vị"
HEADERS = ["Ngày", "Đơn vị", "Thôn", "Mã tiêu chí", "Nội dung hoạt động", "Tổng lượt người"]
ROWS = [
    [dt.datetime(2021, 3, 2), "Chi bộ thôn Làng Ải", "Làng Ải", "TC01", "Phát quang đường", 25],
    [dt.datetime(2021, 3, 9), "Hội Phụ nữ", "Thọ Bình 1", "TC02", "Dọn vệ sinh", 0],
    ["31/02/2021", "Đoàn Thanh niên", "Đồng Chùa", "TC09", "Trồng cây", 12],
]


def make_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    log = workbook.active
    assert isinstance(log, Worksheet)
    log.title = LOG
    log.append(HEADERS)
    for row in ROWS:
        log.append(row)
    log["A2"].number_format = "dd/mm/yyyy"
    log["B1"].font = openpyxl.styles.Font(bold=True)
    log["G2"] = "=F2*2"
    units = workbook.create_sheet(UNITS)
    units.append(["TT", "Tên đơn vị", "Loại"])
    units.append([1, "Chi bộ thôn Làng Ải", "Chi bộ"])
    units.append([2, "Hội Phụ nữ", "Tổ chức chính trị - xã hội"])
    workbook.save(path)
    return path


def problem(
    sheet: str, cell: str, code: str, message: str, severity: Severity = Severity.ERROR, file: str = "binh-xa-2021.xlsx"
) -> Problem:
    row = int("".join(ch for ch in cell if ch.isdigit()) or 0)
    return Problem(Location(file, sheet, cell, row), code, message, severity)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rgb(cell: object) -> str:
    fill = getattr(cell, "fill")
    if fill is None or fill.fill_type != "solid":
        return ""
    return str(fill.fgColor.rgb)[-6:]


@pytest.fixture
def original(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "binh-xa-2021.xlsx")


PROBLEMS = [
    problem(LOG, "A4", "E-NGAY", "Ngày '31/02/2021' không phải ngày hợp lệ."),
    problem(LOG, "F3", "E-TONG-LUOT", "Tổng lượt người phải lớn hơn 0."),
    problem(LOG, "C3", "W-THON-PHAN-CONG", "Hội Phụ nữ không được phân công ở thôn Thọ Bình 1.", Severity.WARNING),
    problem(LOG, "F3", "E-DUP", "Dòng 3 trùng với dòng 7."),
    Problem(Location("binh-xa-2021.xlsx", "Tiêu chí"), "E-THIEU-TRANG", "Tệp thiếu trang (sheet) 'Tiêu chí'."),
    Problem(Location("binh-xa-2021.xlsx"), "E-FILE", "Lỗi cấp tệp."),
]


def test_annotated_path() -> None:
    # named after the whole file name: a.xlsx, a.xls and a.ods each get their own copy
    assert annotated_path(Path("/x/binh-xa-2021.xlsx")) == Path("/x/binh-xa-2021.xlsx.loi.xlsx")
    assert annotated_path(Path("a.xls")) == Path("a.xls.loi.xlsx")
    assert annotated_path(Path("a.ods")) == Path("a.ods.loi.xlsx")
    assert annotated_path(Path("a.xlsm")) == Path("a.xlsm.loi.xlsx")
    assert annotated_path(Path("a.loi.xlsx")) != Path("a.loi.xlsx")


def test_cells_marked_and_original_unchanged(original: Path) -> None:
    before = digest(original)
    target = write_annotated_copy(original, PROBLEMS)
    assert target == original.with_name("binh-xa-2021.xlsx.loi.xlsx")
    assert digest(original) == before

    book = openpyxl.load_workbook(target)
    log = book[LOG]
    assert rgb(log["A4"]) == ERROR_FILL
    assert rgb(log["F3"]) == ERROR_FILL
    assert rgb(log["C3"]) == WARNING_FILL
    for untouched in ("A2", "B2", "F2", "C4", "A1"):
        assert rgb(log[untouched]) == ""
        assert log[untouched].comment is None

    assert log["A4"].comment.text == "[E-NGAY] Ngày '31/02/2021' không phải ngày hợp lệ."
    assert log["A4"].comment.author == "ntm"
    assert log["C3"].comment.text == "[W-THON-PHAN-CONG] Hội Phụ nữ không được phân công ở thôn Thọ Bình 1."
    both = log["F3"].comment.text
    assert "[E-TONG-LUOT] Tổng lượt người phải lớn hơn 0." in both
    assert "[E-DUP] Dòng 3 trùng với dòng 7." in both
    assert both.index("E-TONG-LUOT") < both.index("E-DUP")


def test_values_and_formats_preserved(original: Path) -> None:
    target = write_annotated_copy(original, PROBLEMS)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [PROBLEM_SHEET, LOG, UNITS]
    log = book[LOG]
    assert [c.value for c in log[1]][: len(HEADERS)] == HEADERS
    for r, row in enumerate(ROWS, start=2):
        assert [c.value for c in log[r]][: len(row)] == row
    assert log["A2"].number_format == "dd/mm/yyyy"
    assert log["B1"].font.bold
    assert log["G2"].value == "=F2*2"  # formulas stay formulas
    units = book[UNITS]
    assert [[c.value for c in row] for row in units.iter_rows()] == [
        ["TT", "Tên đơn vị", "Loại"],
        [1, "Chi bộ thôn Làng Ải", "Chi bộ"],
        [2, "Hội Phụ nữ", "Tổ chức chính trị - xã hội"],
    ]


def test_problem_sheet(original: Path) -> None:
    target = write_annotated_copy(original, PROBLEMS)
    book = openpyxl.load_workbook(target)
    sheet = book[PROBLEM_SHEET]
    assert book.active.title == PROBLEM_SHEET
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["STT", "Mức", "Trang", "Ô", "Mã", "Nội dung"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["A"].width
    assert len(rows) == 1 + len(PROBLEMS)
    for index, (row, given) in enumerate(zip(rows[1:], PROBLEMS), start=1):
        assert row[0] == index
        assert row[1] == given.severity.value
        assert (row[2] or "") == given.location.sheet
        assert (row[3] or "") == given.location.cell
        assert row[4] == given.code
        assert row[5] == given.message
    assert rows[3][1] == "cảnh báo" and rows[1][1] == "lỗi"
    link = sheet["D2"].hyperlink
    assert link is not None and link.location == "'Nhật ký'!A4"
    assert sheet["D3"].hyperlink.location == "'Nhật ký'!F3"
    # the missing sheet and the file-level problem: listed, no link, no sheet invented
    assert sheet["D6"].hyperlink is None and sheet["D7"].hyperlink is None
    assert "Tiêu chí" not in book.sheetnames


def test_formula_like_messages_stay_text(original: Path) -> None:
    nasty = [
        problem(LOG, "B2", "E-X", '=HYPERLINK("http://evil.example","bấm vào")'),
        problem(LOG, "B3", "E-Y", "+1+2"),
        problem(LOG, "B4", "E-Z", "-3"),
        problem(LOG, "D2", "@SUM", "@SUM(A1:A2)"),
        Problem(Location("binh-xa-2021.xlsx", "=1+1"), "=CODE()", "ok"),
    ]
    target = write_annotated_copy(original, nasty)
    book = openpyxl.load_workbook(target)
    sheet = book[PROBLEM_SHEET]
    assert sheet["F2"].value == '=HYPERLINK("http://evil.example","bấm vào")'
    assert sheet["F2"].data_type == "s"
    assert sheet["F3"].value == "+1+2" and sheet["F3"].data_type == "s"
    assert sheet["F4"].value == "-3" and sheet["F4"].data_type == "s"
    assert sheet["F5"].value == "@SUM(A1:A2)" and sheet["F5"].data_type == "s"
    assert sheet["C6"].value == "=1+1" and sheet["C6"].data_type == "s"
    assert sheet["E6"].value == "=CODE()" and sheet["E6"].data_type == "s"
    # and with the values as Excel would show them (no formula was stored)
    values = openpyxl.load_workbook(target, data_only=True)[PROBLEM_SHEET]
    assert values["F2"].value == '=HYPERLINK("http://evil.example","bấm vào")'


def test_existing_problem_sheet_and_copy_replaced(original: Path) -> None:
    first = write_annotated_copy(original, PROBLEMS)
    # running on the annotated copy itself: its `Lỗi` sheet is replaced, not duplicated
    second = write_annotated_copy(first, PROBLEMS[:1])
    assert second != first and second.name == "binh-xa-2021.xlsx.loi.xlsx.loi.xlsx"
    book = openpyxl.load_workbook(second)
    assert book.sheetnames.count(PROBLEM_SHEET) == 1 and book.sheetnames[0] == PROBLEM_SHEET
    assert book[PROBLEM_SHEET].max_row == 2
    # writing again over an existing .loi.xlsx replaces it
    again = write_annotated_copy(original, PROBLEMS[:2])
    assert again == first
    assert openpyxl.load_workbook(again)[PROBLEM_SHEET].max_row == 3
    leftovers = [p.name for p in original.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_sheet_found_by_nfc_and_case(original: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "nhật ký")
    target = write_annotated_copy(original, [problem(decomposed, "b2", "E-X", "lỗi")])
    log = openpyxl.load_workbook(target)[LOG]
    assert rgb(log["B2"]) == ERROR_FILL


def test_merged_cell_marks_its_range(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    book[UNITS].merge_cells("B2:C2")
    book.save(path)
    target = write_annotated_copy(path, [problem(UNITS, "C2", "E-X", "gộp ô", file="m.xlsx")])
    units = openpyxl.load_workbook(target)[UNITS]
    assert units["B2"].comment.text == "[E-X] gộp ô"
    assert rgb(units["B2"]) == ERROR_FILL


def test_existing_clerk_comment_kept(original: Path) -> None:
    book = openpyxl.load_workbook(original)
    book[LOG]["B2"].comment = Comment("Hỏi lại anh Tuấn", "Văn thư")
    book.save(original)
    target = write_annotated_copy(original, [problem(LOG, "B2", "E-X", "sai tên")])
    text = openpyxl.load_workbook(target)[LOG]["B2"].comment.text
    assert text.startswith("[E-X] sai tên") and "Hỏi lại anh Tuấn" in text


def test_xlsm_written_as_xlsx(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "x.xlsx")
    xlsm = tmp_path / "x.xlsm"
    shutil.copy(source, xlsm)
    target = write_annotated_copy(xlsm, [problem(LOG, "A2", "E-X", "m", file="x.xlsm")])
    assert target.name == "x.xlsm.loi.xlsx"
    book = openpyxl.load_workbook(target)
    assert rgb(book[LOG]["A2"]) == ERROR_FILL
    with zipfile.ZipFile(target) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "macroEnabled" not in types and "sheet.main+xml" in types


def test_unwritable_folder_is_output_problem(original: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = original.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputProblem) as raised:
            write_annotated_copy(original, PROBLEMS)
        assert "binh-xa-2021.xlsx.loi.xlsx" in str(raised.value)
    finally:
        folder.chmod(0o755)


def test_target_that_cannot_be_replaced_is_output_problem(original: Path) -> None:
    (original.parent / "binh-xa-2021.xlsx.loi.xlsx").mkdir()  # a folder in the way: os.replace fails
    with pytest.raises(OutputProblem) as raised:
        write_annotated_copy(original, PROBLEMS)
    assert "binh-xa-2021.xlsx.loi.xlsx" in str(raised.value)
    assert [p.name for p in original.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_unreadable_original_is_output_problem(tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook at all")
    with pytest.raises(OutputProblem):
        write_annotated_copy(broken, [])


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"'
)


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.datetime):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    text = escape(str(value))
    if text.startswith("=") and "*" in text:  # a formula with its saved result: "=F2*2|50"
        formula, result = text.split("|")
        return (
            f'<table:table-cell table:formula="of:{formula.replace("F2", "[.F2]")}" '
            f'office:value-type="float" office:value="{result}"><text:p>{result}</text:p></table:table-cell>'
        )
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A minimal OpenDocument spreadsheet, written by hand (no LibreOffice Calc needed)."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _convert(source: Path, fmt: str) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    converted = convert(source, fmt, source.parent, check=False)
    if not converted.exists():
        pytest.skip(f"soffice could not convert to {fmt} (LibreOffice Calc missing?)")
    return converted


def _source(tmp_path: Path, how: str) -> Path:
    if how == "ods-by-hand":
        log = [HEADERS + [None, None]]
        log += [list(row) for row in ROWS]
        log[1] += ["=F2*2|50"]
        log[3] += [None, "=chữ, không phải công thức"]
        units = [
            ["TT", "Tên đơn vị", "Loại"],
            [1, "Chi bộ thôn Làng Ải", "Chi bộ"],
            [2, "Hội Phụ nữ", "Tổ chức chính trị - xã hội"],
        ]
        return write_ods(tmp_path / "don-vi.ods", {LOG: log, UNITS: units})
    source = make_workbook(tmp_path / "don-vi.xlsx")
    book = openpyxl.load_workbook(source)
    book[LOG]["H4"] = "=chữ, không phải công thức"
    book[LOG]["H4"].data_type = "s"
    book.save(source)
    converted = _convert(source, how)
    source.unlink()
    return converted


@pytest.mark.slow
@pytest.mark.parametrize("how", ["ods-by-hand", "ods", "xls"])
def test_ods_and_xls_rebuilt_from_values(tmp_path: Path, how: str) -> None:
    converted = _source(tmp_path, how)
    before = digest(converted)
    problems = [
        problem(LOG, "F3", "E-TONG-LUOT", "Tổng lượt người phải lớn hơn 0.", file=converted.name),
        problem(LOG, "C3", "W-X", "cảnh báo", Severity.WARNING, file=converted.name),
        Problem(Location(converted.name, "Tiêu chí"), "E-THIEU-TRANG", "Tệp thiếu trang 'Tiêu chí'."),
    ]
    target = write_annotated_copy(converted, problems)
    assert digest(converted) == before
    assert target.name == f"{converted.name}.loi.xlsx"
    result = openpyxl.load_workbook(target)
    assert result.sheetnames == [PROBLEM_SHEET, LOG, UNITS]
    log = result[LOG]
    assert [c.value for c in log[1]][: len(HEADERS)] == HEADERS
    assert log["B3"].value == "Hội Phụ nữ"
    assert log["F2"].value == 25 and log["F3"].value == 0
    assert log["A4"].value == "31/02/2021"
    assert log["A2"].value == dt.datetime(2021, 3, 2)
    assert log["G2"].value == 50  # the formula's saved result
    assert log["H4"].value == "=chữ, không phải công thức" and log["H4"].data_type == "s"
    assert rgb(log["F3"]) == ERROR_FILL and log["F3"].comment.text.startswith("[E-TONG-LUOT]")
    assert rgb(log["C3"]) == WARNING_FILL
    assert rgb(log["F2"]) == ""
    assert result[UNITS]["B3"].value == "Hội Phụ nữ"
    sheet = result[PROBLEM_SHEET]
    assert sheet.max_row == 4
    assert sheet["D2"].hyperlink.location == "'Nhật ký'!F3"
    assert sheet["D4"].hyperlink is None


def test_ods_values_keep_their_position(tmp_path: Path) -> None:
    """Leading empty rows and columns are not squeezed out (skip_empty_area=False)."""
    path = write_ods(tmp_path / "lech.ods", {LOG: [[None, None], [None, None, "C2"], [None, "B3"]]})
    target = write_annotated_copy(path, [problem(LOG, "C2", "E-X", "ô C2", file=path.name)])
    log = openpyxl.load_workbook(target)[LOG]
    assert log["C2"].value == "C2" and log["B3"].value == "B3"
    assert log["C2"].comment.text == "[E-X] ô C2"
