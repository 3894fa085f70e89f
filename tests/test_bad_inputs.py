"""Broken and hostile inputs (issue 7): each gives a located Vietnamese answer, never a traceback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from generator import zipguard
from generator.cli import main
from generator.pipeline import check_inputs, generate
from tests.conftest import SAMPLE
from tests.docx_text import text as document_text
from tests.workbooks import edit, put

LOG = "Nhật ký"


def _codes(folder: Path, file: str | None = None) -> list[tuple[str, str, str]]:
    report = check_inputs([folder])
    return [(p.code, p.location.sheet, p.location.cell) for p in report.problems if file is None or p.location.file == file]


def _only_problem(folder: Path, file: str):
    report = check_inputs([folder])
    found = [p for p in report.problems if p.location.file == file]
    assert len(found) == 1, [str(p) for p in report.problems]
    return found[0]


def test_a_text_file_named_xlsx(inputs_copy):
    (inputs_copy / "ghi-chu.xlsx").write_text("không phải bảng tính", encoding="utf-8")
    problem = _only_problem(inputs_copy, "ghi-chu.xlsx")
    assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "không phải tệp nén hợp lệ" in problem.message


def test_a_truncated_xlsx(inputs_copy):
    data = SAMPLE.read_bytes()
    (inputs_copy / "cat-do.xlsx").write_bytes(data[: len(data) // 2])
    problem = _only_problem(inputs_copy, "cat-do.xlsx")
    assert problem.code == "E-TEP-KHONG-DOC-DUOC"


def test_an_encrypted_workbook_says_password(inputs_copy):
    # Excel's "encrypt with password" writes an OLE container, whatever the name says
    (inputs_copy / "mat-khau.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    problem = _only_problem(inputs_copy, "mat-khau.xlsx")
    assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "mật khẩu" in problem.message


def test_an_empty_workbook_is_not_an_input(inputs_copy):
    openpyxl.Workbook().save(inputs_copy / "trong.xlsx")
    problem = _only_problem(inputs_copy, "trong.xlsx")
    assert problem.code == "E-KHONG-PHAI-SO"


def _zip_with(path: Path, name: str, payload: bytes | None = None, size: int = 0) -> None:
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        if payload is not None:
            target.writestr(name, payload)
        else:
            with target.open(name, "w") as stream:
                chunk = b"0" * (1 << 20)
                for _ in range(size // len(chunk)):
                    stream.write(chunk)


def test_a_zip_bomb_is_refused_before_it_is_inflated(inputs_copy):
    _zip_with(inputs_copy / "bom.xlsx", "xl/media/bom.bin", size=40 * 1024 * 1024)
    assert (inputs_copy / "bom.xlsx").stat().st_size < 1024 * 1024
    problem = _only_problem(inputs_copy, "bom.xlsx")
    assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "nén bất thường" in problem.message


def test_a_workbook_that_inflates_past_the_limit_is_refused(inputs_copy, monkeypatch):
    monkeypatch.setattr(zipguard, "WORKBOOK_LIMITS", dataclasses.replace(zipguard.WORKBOOK_LIMITS, unpacked_bytes=100_000))
    problem = _only_problem(inputs_copy, SAMPLE.name)
    assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "quá giới hạn" in problem.message


def test_a_file_past_the_size_limit_is_refused(inputs_copy, monkeypatch):
    monkeypatch.setattr(zipguard, "WORKBOOK_LIMITS", dataclasses.replace(zipguard.WORKBOOK_LIMITS, file_bytes=10_000))
    problem = _only_problem(inputs_copy, SAMPLE.name)
    assert "tách sổ nhật ký" in problem.message


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst><si><t>&lol3;</t></si></sst>'
)


def test_an_entity_expansion_workbook_is_refused(inputs_copy):
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(inputs_copy / "cuoi.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml" or (item.filename == "xl/workbook.xml"):
                doctype = BILLION_LAUGHS[len(b'<?xml version="1.0"?>') : BILLION_LAUGHS.index(b"<sst")]
                if data.startswith(b"<?xml"):
                    end = data.index(b"?>") + 2
                    data = data[:end] + doctype + data[end:]
                else:
                    data = doctype + data
            target.writestr(item, data)
    problem = _only_problem(inputs_copy, "cuoi.xlsx")
    assert "DOCTYPE" in problem.message


def test_error_values_in_cells_are_located(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 7, "Khối lượng", "#REF!"))
    assert ("E-O-LOI", LOG, "N7") in _codes(inputs_copy)


def test_a_date_before_1900_typed_as_text(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 2, "Ngày", "15/01/1899"))
    assert ("E-NGAY-NGOAI-NAM", LOG, "A2") in _codes(inputs_copy)


def test_a_date_serial_number_typed_as_text(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 2, "Ngày", "44198"))
    assert ("E-NGAY-SAI", LOG, "A2") in _codes(inputs_copy)


def test_a_hidden_log_sheet_and_hidden_rows_are_still_read(inputs_copy):
    def hide(wb):
        wb[LOG].sheet_state = "hidden"
        wb[LOG].row_dimensions[3].hidden = True

    edit(inputs_copy / SAMPLE.name, hide)
    report = check_inputs([inputs_copy])
    assert report.problems == () and len(report.activities) == 180


def test_merged_title_cells_above_the_header_row(inputs_copy):
    def title(wb):
        sheet = wb[LOG]
        sheet.insert_rows(1, 2)
        sheet["A1"] = "SỔ NHẬT KÝ HOẠT ĐỘNG NĂM 2021"
        sheet.merge_cells("A1:S1")

    edit(inputs_copy / SAMPLE.name, title)
    report = check_inputs([inputs_copy])
    assert report.problems == () and len(report.activities) == 180


@pytest.mark.slow
def test_a_sheet_reaching_the_last_excel_row(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: wb[LOG].cell(row=1_048_576, column=19, value="ghi chú lạc"))
    report = check_inputs([inputs_copy])
    codes = [(p.code, p.location.cell) for p in report.problems if p.is_error]
    assert codes == [
        ("E-O-TRONG", "A1048576"),
        ("E-O-TRONG", "B1048576"),
        ("E-O-TRONG", "C1048576"),
        ("E-O-TRONG", "D1048576"),
        ("E-O-TRONG", "E1048576"),
        ("E-O-TRONG", "F1048576"),
    ]
    [warning] = [p for p in report.problems if not p.is_error]
    assert warning.code == "W-DONG-TRONG" and warning.message.startswith("Các dòng 172–1048575 trống")


HOSTILE = "{{ co_quan_ban_hanh }} {% for x in y %} <w:p> & < > \x01\x0b\x1f xong"


def test_template_syntax_and_xml_in_data_appear_literally_in_the_docx(inputs_copy, tmp_path):
    def hostile(wb):
        sheet = wb["Nơi nhận"]
        sheet.insert_rows(2)
        # Excel writes control characters as _xHHHH_ escapes, which the reader turns back
        escaped = HOSTILE.replace("\x01", "_x0001_").replace("\x0b", "_x000B_").replace("\x1f", "_x001F_")
        sheet["A2"], sheet["B2"] = "KH", escaped
        put(wb["Thông tin"], 15, "Giá trị", escaped)  # Căn cứ: the opening paragraph

    edit(inputs_copy / SAMPLE.name, hostile)
    result = generate([inputs_copy], tmp_path / "out", docs="kh")
    [plan] = result.documents
    text = document_text(plan.path)
    assert "{{ co_quan_ban_hanh }} {% for x in y %} <w:p> & < > xong" in text
    docx.Document(str(plan.path))  # still a valid document


def test_control_characters_are_removed_not_fatal(inputs_copy, tmp_path):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb["Thông tin"], 11, "Giá trị", "Lê Ngọc_x0002_ Duyên"))
    result = generate([inputs_copy], tmp_path / "out", docs="kh")
    assert "Lê Ngọc Duyên" in document_text(result.documents[0].path)


def test_no_traceback_reaches_the_clerk_for_any_of_these(inputs_copy, tmp_path):
    (inputs_copy / "ghi-chu.xlsx").write_text("x", encoding="utf-8")
    openpyxl.Workbook().save(inputs_copy / "trong.xlsx")
    result = CliRunner().invoke(main, ["generate", str(inputs_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_read_only_output_folder_gives_a_clear_error(tmp_path, monkeypatch):
    from generator import files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(main, ["generate", str(SAMPLE.parent), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Không tạo được thư mục hoặc tệp" in result.output and "Permission denied" in result.output
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_full_disk_leaves_no_half_written_file(tmp_path, monkeypatch):
    from generator import files

    real_fdopen = files.os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, handle):
            self.inner = real_fdopen(handle, "wb")

        def write(self, data):
            raise OSError(28, "No space left on device")

        def close(self):
            self.inner.close()

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()

    monkeypatch.setattr(files.os, "fdopen", lambda handle, mode: Full(handle))
    result = CliRunner().invoke(main, ["generate", str(SAMPLE.parent), "--out", str(tmp_path / "out"), "--docs", "kh"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert [p.name for p in (tmp_path / "out").rglob("*") if p.is_file()] == []


def test_dates_as_real_excel_dates_beyond_9999_do_not_crash(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 2, "Ngày", dt.datetime(9999, 12, 31)))
    assert ("E-NGAY-NGOAI-NAM", LOG, "A2") in _codes(inputs_copy)


def test_an_xls_file_renamed_xlsx_is_refused_with_a_reason(inputs_copy):
    (inputs_copy / "cu.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 2048)
    problem = _only_problem(inputs_copy, "cu.xlsx")
    assert problem.code == "E-TEP-KHONG-DOC-DUOC"


def test_a_csv_in_the_inputs_folder_is_ignored(inputs_copy):
    (inputs_copy / "ghi-chu.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert check_inputs([inputs_copy]).problems == ()


def test_a_workbook_named_on_the_command_line_with_a_wrong_suffix(inputs_copy):
    other = inputs_copy / "so.txt"
    other.write_text("x", encoding="utf-8")
    report = check_inputs([inputs_copy / SAMPLE.name, other])
    [problem] = [p for p in report.problems if p.location.file == "so.txt"]
    assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "đuôi tệp" in problem.message


def test_a_header_typed_twice_uses_the_first_column(inputs_copy):
    def twice(wb):
        sheet = wb[LOG]
        sheet.cell(row=1, column=20, value="Ghi chú")
        sheet.cell(row=2, column=20, value="cột trùng")

    edit(inputs_copy / SAMPLE.name, twice)
    report = check_inputs([inputs_copy])
    assert report.problems == () and all(a.note != "cột trùng" for a in report.activities)


def test_a_very_long_text_cell_is_kept_whole(inputs_copy):
    long_text = "Vệ sinh đường thôn " * 1500  # about 28,000 characters, below Excel's 32,767
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 2, "Nội dung hoạt động", long_text))
    report = check_inputs([inputs_copy])
    assert report.problems == ()
    assert any(a.content == long_text.strip() for a in report.activities)


def test_decomposed_unicode_names_match(inputs_copy):
    import unicodedata

    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 2, "Thôn", unicodedata.normalize("NFD", "Làng Dịa")))
    assert check_inputs([inputs_copy]).problems == ()


@pytest.mark.parametrize("value", ["1,2,3", "1..5", "--3", "3-", "½", "1e5"])
def test_odd_number_texts_are_refused_with_their_cell(inputs_copy, value):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 4, "Khối lượng", value))
    assert ("E-SO-SAI", LOG, "N4") in _codes(inputs_copy)


def test_a_negative_zero_is_zero(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb[LOG], 4, "Tiền mặt (đồng)", "-0"))
    assert check_inputs([inputs_copy]).problems == ()


def test_a_unit_log_with_unknown_extra_columns_and_sheets(inputs_copy):
    def extra(wb):
        wb[LOG].cell(row=1, column=25, value="Người ghi")
        wb.create_sheet("Ghi chép riêng")["A1"] = "không liên quan"

    edit(inputs_copy / "nhat-ky-truong-thcs-2021.xlsx", extra)
    assert check_inputs([inputs_copy]).problems == ()


@pytest.mark.parametrize("unit_name", ["../../ngoai", "a/b\\c:d", "CON", "NUL.txt", "..", "Trường THCS/../../x"])
def test_names_that_look_like_paths_never_leave_the_target_folder(tmp_path, unit_name):
    from dataclasses import replace

    from generator.blank import unit_log_file_name
    from generator.model import Unit
    from generator.pipeline import load_inputs

    commune = load_inputs([SAMPLE.parent]).commune
    commune = replace(commune, units=(*commune.units, Unit(99, unit_name, "Cơ quan")))  # a unit named so in `Đơn vị`
    name = unit_log_file_name(commune, unit_name)
    assert "/" not in name and "\\" not in name and ":" not in name and not name.startswith(".")
    assert name.endswith(".xlsx") and name.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_an_issued_draft_named_like_a_path_stays_in_the_archive(tmp_path, monkeypatch):
    import shutil

    from generator.pipeline import generate, issue

    monkeypatch.chdir(tmp_path)
    result = generate([SAMPLE.parent], tmp_path / "out", docs="bc")
    hostile = tmp_path / "out" / "..báo cáo CON:x.docx"
    shutil.copy(result.documents[0].path, hostile)
    issued = issue(hostile, tmp_path / "archive", dt.date(2021, 3, 20))
    assert issued.docx.resolve().parent == (tmp_path / "archive" / "2021").resolve()
    assert issued.docx.name.isascii() and ":" not in issued.docx.name
