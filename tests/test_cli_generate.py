"""`ntm generate` as the clerk runs it (SPEC §2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests import docx_text
from tests.conftest import GOLDEN, INPUTS, SAMPLE

EXPECTED_FILES = [
    "outputs/2021/2021-03/bao-cao-thang-03.docx",
    "outputs/2021/2021-03/ke-hoach-thang-03.docx",
    "outputs/2021/ke-hoach-2021.docx",
    "outputs/2021/phu-luc-phan-cong-2021.docx",
]


@pytest.fixture
def runner():
    return CliRunner()


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_generate_without_arguments_uses_the_shipped_sample(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert _listing(tmp_path) == EXPECTED_FILES
    assert "Đã tạo 4 văn bản (bản nháp):" in result.output
    assert "  outputs/2021/ke-hoach-2021.docx" in result.output.splitlines()
    assert result.output.splitlines()[-1] == "Không có lỗi, không có cảnh báo."


def test_generate_reads_the_local_inputs_folder_first(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(INPUTS, tmp_path / "inputs")
    workbook = openpyxl.load_workbook(tmp_path / "inputs" / SAMPLE.name)
    sheet = workbook["Thông tin"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Người ký":
            row[1].value = "Nguyễn Văn Bình"
    workbook.save(tmp_path / "inputs" / SAMPLE.name)
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert "Nguyễn Văn Bình" in docx_text.text(tmp_path / "outputs/2021/ke-hoach-2021.docx")
    assert f"  {Path('inputs') / SAMPLE.name}" in result.output.splitlines()


def test_docs_option_selects_documents(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["generate", str(INPUTS), "--docs", "PL", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _listing(out) == ["2021/phu-luc-phan-cong-2021.docx"]


def test_unknown_document_kind_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["generate", str(INPUTS), "--docs", "kh,xyz", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Không có loại văn bản 'xyz'. Các loại có thể chọn: kh, pl, kht, bc, bcn." in result.output
    assert not (tmp_path / "out").exists()


def test_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["generate", str(tmp_path / "khong-co.xlsx"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Không tìm thấy" in result.output and "khong-co.xlsx" in result.output


def test_same_inputs_give_byte_identical_documents(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = CliRunner().invoke(main, ["generate", str(INPUTS), "--out", str(out), "--quiet", "--docs", "kh,pl,kht,bc,bcn"])
        assert result.exit_code == 0, result.output
    names = _listing(first)
    assert len(names) == 5 and names == _listing(second)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        with zipfile.ZipFile(first / name) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _break_sheet(path: Path, sheet: str, cell: str, value: object) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


def test_faulty_workbook_exits_3_lists_problems_and_writes_nothing(runner, inputs_copy, tmp_path):
    out = tmp_path / "outputs"
    (out / "2021").mkdir(parents=True)
    earlier = out / "2021" / "ke-hoach-2021.docx"
    earlier.write_bytes(b"an earlier draft")
    workbook = openpyxl.load_workbook(inputs_copy / SAMPLE.name)
    villages = workbook["Phân công"]
    villages["D5"] = "Thọ Bình1"  # the row of Trạm y tế
    workbook["Thôn"]["D3"] = "nhiều"
    workbook.save(inputs_copy / SAMPLE.name)
    result = runner.invoke(main, ["generate", str(inputs_copy), "--out", str(out)])
    assert result.exit_code == 3
    assert "binh-xa-2021.xlsx › Thôn!D3  [E-GIA-TRI-SAI] lỗi: Cột 'Số hộ': 'nhiều' không phải là số." in result.output
    assert (
        "binh-xa-2021.xlsx › Phân công!D5  [E-TEN-KHONG-CO] lỗi: Thôn 'Thọ Bình1' không có trong trang 'Thôn'. "
        "Có phải 'Thọ Bình 1'?" in result.output
    )
    assert "Dữ liệu đầu vào có lỗi: chưa tạo văn bản nào. Có 2 lỗi, " in result.output
    assert _listing(out) == ["2021/ke-hoach-2021.docx"]
    assert earlier.read_bytes() == b"an earlier draft"


def test_village_typed_without_diacritics_is_a_warning_and_documents_are_made(runner, inputs_copy, tmp_path):
    _break_sheet(inputs_copy / SAMPLE.name, "Phân công", "D3", "Dong Chua 1, Đồng Chùa 2")
    result = runner.invoke(main, ["generate", str(inputs_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Phân công!D3  [W-TEN-KHONG-DAU] cảnh báo: Thôn 'Dong Chua 1' được hiểu là 'Đồng Chùa 1'" in result.output
    assert result.output.splitlines()[-1] == "Cảnh báo: 1."


def test_unreadable_workbook_is_an_operational_error_with_its_name(runner, inputs_copy, tmp_path):
    (inputs_copy / "hong.xlsx").write_bytes(b"this is not a workbook")
    result = runner.invoke(main, ["generate", str(inputs_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "hong.xlsx  [E-TEP-KHONG-DOC-DUOC] lỗi: Không mở được tệp" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_sheet_is_reported_with_its_headers(runner, inputs_copy, tmp_path):
    workbook = openpyxl.load_workbook(inputs_copy / SAMPLE.name)
    del workbook["Tiêu chí"]
    workbook.save(inputs_copy / SAMPLE.name)
    result = runner.invoke(main, ["generate", str(inputs_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "binh-xa-2021.xlsx › Tiêu chí  [E-THIEU-TRANG] lỗi: Tệp thiếu trang (sheet) 'Tiêu chí'." in result.output


def test_template_with_unknown_variable_stops_with_the_template_name(runner, tmp_path):
    import docx

    templates = tmp_path / "templates"
    shutil.copytree(INPUTS.parent / "templates", templates)
    document = docx.Document(str(templates / "phu-luc-phan-cong.docx"))
    paragraph = next(p for p in document.paragraphs if "{{ nam }}" in p.text)
    run = next(r for r in paragraph.runs if "{{ nam }}" in r.text)
    run.text = run.text.replace("{{ nam }}", "{{ nam_ke_hoach }}")
    document.save(str(templates / "phu-luc-phan-cong.docx"))
    result = runner.invoke(main, ["generate", str(INPUTS), "--templates", str(templates), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Mẫu 'phu-luc-phan-cong.docx' có 1 lỗi, chưa tạo văn bản nào:" in result.output
    assert (
        "[T-BIEN-LA] lỗi: đoạn 2 «Các chi bộ, các tổ chức…»: {{ nam_ke_hoach }}: không có biến 'nam_ke_hoach'; "
        "có phải 'ngay_ke_hoach'?" in result.output
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "name", ["ke-hoach-2021", "phu-luc-phan-cong-2021", "ke-hoach-thang-03", "bao-cao-thang-03", "bao-cao-nam-2021"]
)
def test_documents_match_their_golden_text(sample_outputs, name):
    path = next(p for p in sample_outputs.values() if p.stem == name)
    generated = "\n".join(docx_text.lines(path)) + "\n"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("NTM_UPDATE_GOLDEN"):
        golden.write_text(generated, encoding="utf-8")
    assert generated == golden.read_text(encoding="utf-8")


@pytest.mark.slow
def test_python_dash_m_generator_is_the_same_command(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(INPUTS), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert _listing(tmp_path / "out") == [f.removeprefix("outputs/") for f in EXPECTED_FILES]


def test_month_option_renders_that_months_plan_and_report(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["generate", str(INPUTS), "--month", "2021-02", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _listing(out) == ["2021/2021-02/bao-cao-thang-02.docx", "2021/2021-02/ke-hoach-thang-02.docx"]
    text = docx_text.text(out / "2021/2021-02/bao-cao-thang-02.docx")
    assert "Trong tháng 2/2021, các chi bộ, tổ chức đã chủ trì" in text
    assert "Bình Xa, ngày tháng 02 năm 2021" in text  # a draft: the day is left blank


@pytest.mark.parametrize(("month", "message"), [("2022-01", "không thuộc năm kế hoạch 2021"), ("tháng ba", "không đúng dạng")])
def test_bad_month_is_a_usage_error(runner, tmp_path, month, message):
    result = runner.invoke(main, ["generate", str(INPUTS), "--month", month, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_a_month_without_planned_activities_still_gets_its_plan_and_report(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["generate", str(INPUTS), "--month", "2021-07", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = docx_text.text(out / "2021/2021-07/bao-cao-thang-07.docx")
    assert "Trong tháng 7/2021, các chi bộ, tổ chức chưa tổ chức hoạt động nào." in text


def test_a_tag_broken_across_paragraphs_in_word_stops_generate_with_the_paragraph(runner, tmp_path):
    import copy

    import docx

    templates = tmp_path / "templates"
    shutil.copytree(INPUTS.parent / "templates", templates)
    document = docx.Document(str(templates / "ke-hoach.docx"))
    cell = document.tables[0].cell(0, 0)
    paragraph = next(p for p in cell.paragraphs if "{{ co_quan_cap_tren }}" in p.text)
    second = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(second)
    paragraph.runs[0].text = "{{ co_quan"  # the clerk pressed Enter inside the tag
    docx.text.paragraph.Paragraph(second, paragraph._parent).runs[0].text = "_cap_tren }}"
    document.save(str(templates / "ke-hoach.docx"))
    result = runner.invoke(main, ["generate", str(INPUTS), "--templates", str(templates), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "[T-THE-TACH-DOAN] lỗi: bảng 1, dòng 1, ô 1, đoạn 1" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
