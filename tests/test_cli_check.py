"""`ntm check` through the command line (SPEC §2, §6)."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Mm

from generator.cli import main
from tests.conftest import REPO

# `ntm check` on a document prints it with LibreOffice (where installed) for the page rules: slow
PRINTS = pytest.mark.slow


@PRINTS
def test_every_generated_document_passes(sample_outputs):
    paths = [str(p) for p in sample_outputs.values()]
    result = CliRunner().invoke(main, ["check", *paths])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "Đã kiểm tra 5 tệp: 0 lỗi."
    verdicts = [line for line in lines[:-1] if not line.startswith("  ")]
    assert len(verdicts) == 5
    assert all(
        line.endswith("(theo Hướng dẫn 36-HD/VPTW).") or "0 lỗi" in line and "(theo Hướng dẫn 36-HD/VPTW)" in line
        for line in verdicts
    )
    # what the printed pages of the shipped templates show with the sample (closing note of issue
    # 13): the monthly plan's last table row alone on a page; the monthly report's page 2 half
    # empty before the chart; the annual report's signature alone on its last page. Warnings.
    warnings = {line.split("]")[0].strip(" [") for line in lines if line.startswith("  [")}
    assert warnings <= {"F-IN-DONG-LE", "F-IN-TRANG-KY", "F-IN-TRANG-TRONG", "F-BAN-IN"}, result.output


@PRINTS
def test_a_broken_document_exits_3_with_the_rule_and_place(sample_outputs, tmp_path):
    broken = tmp_path / "le-trai-25.docx"
    document = docx.Document(str(sample_outputs["KH"]))
    document.sections[0].left_margin = Mm(25)
    document.save(str(broken))
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 3
    assert "[F-LE] lỗi: phần 1" in result.output
    assert result.output.splitlines()[-1] == "Đã kiểm tra 1 tệp: 1 lỗi."


@PRINTS
def test_the_district_header_on_a_2026_date_is_a_warning_only(sample_outputs, tmp_path):
    dated = tmp_path / "ke-hoach-2026.docx"
    document = docx.Document(str(sample_outputs["KH"]))
    for paragraph in document.tables[0].cell(0, 1).paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("năm 2021", "năm 2026")
    document.save(str(dated))
    result = CliRunner().invoke(main, ["check", str(dated)])
    assert result.exit_code == 0, result.output
    assert "[F-CAP-TREN] cảnh báo:" in result.output
    assert "0 lỗi, 1 cảnh báo" in result.output


def test_templates_pass_and_a_misspelt_attribute_is_named_with_its_place(tmp_path):
    shipped = sorted(str(p) for p in (REPO / "templates").glob("*.docx"))
    result = CliRunner().invoke(main, ["check", "--template", *shipped])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "phu-luc-phan-cong.docx"
    shutil.copy(REPO / "templates" / "phu-luc-phan-cong.docx", copy)
    document = docx.Document(str(copy))
    for row in document.tables[0].rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace("{{ r.thon }}", "{{ r.thn }}")
    document.save(str(copy))
    result = CliRunner().invoke(main, ["check", "--template", str(copy)])
    assert result.exit_code == 3
    assert "[T-THUOC-TINH-LA] lỗi: bảng 1" in result.output
    assert "có phải 'thon'?" in result.output


def test_a_template_of_any_name_is_known_by_its_title(tmp_path):
    other = tmp_path / "mau-bao-cao-cua-xa.docx"
    shutil.copy(REPO / "templates" / "bao-cao-thang.docx", other)
    result = CliRunner().invoke(main, ["check", "--template", str(other)])
    assert result.exit_code == 0, result.output
    assert "mẫu dùng được" in result.output


def test_a_template_whose_kind_cannot_be_read_needs_the_kind_option(tmp_path):
    other = tmp_path / "mau-khac.docx"
    document = docx.Document()
    document.add_paragraph("Năm {{ nam }}")
    document.save(str(other))
    result = CliRunner().invoke(main, ["check", "--template", str(other)])
    assert result.exit_code == 2
    assert "Không biết 'mau-khac.docx' là mẫu của văn bản nào" in result.output and "--kind" in result.output
    result = CliRunner().invoke(main, ["check", "--template", "--kind", "kh", str(other)])
    assert result.exit_code == 0, result.output


def test_a_malformed_tag_is_named(tmp_path):
    other = tmp_path / "mau-khac.docx"
    document = docx.Document()
    document.add_paragraph("Tên chi uỷ nơi cư trú: {chi_uy}}, năm {{ nam }}.")
    document.save(str(other))
    result = CliRunner().invoke(main, ["check", "--template", "--kind", "kh", str(other)])
    assert result.exit_code == 3
    assert "[T-THE-SAI-DANG] lỗi: đoạn 1" in result.output and "«{chi_uy}}»" in result.output


@PRINTS
def test_a_state_document_is_checked_against_decree_30(sample_outputs, tmp_path):
    state = tmp_path / "quyet-dinh.docx"
    document = docx.Document(str(sample_outputs["KH"]))
    for paragraph in document.tables[0].cell(0, 1).paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.save(str(state))
    result = CliRunner().invoke(main, ["check", str(state)])
    assert "(theo Nghị định 30/2020/NĐ-CP, Phụ lục I" in result.output
    assert "Hướng dẫn 36" not in result.output.splitlines()[0]
    assert "[F-SO-KY-HIEU] lỗi:" in result.output and "thiếu dấu hai chấm" in result.output  # ND30 writes «Số:»


@PRINTS
def test_a_document_of_neither_kind_is_told_so_in_one_line(tmp_path):
    other = tmp_path / "bien-ban-chi-doan.docx"
    document = docx.Document()
    for text in ("ĐOÀN TNCS HỒ CHÍ MINH", "BIÊN BẢN", "Hôm nay chi đoàn họp."):
        document.add_paragraph(text)
    document.save(str(other))
    result = CliRunner().invoke(main, ["check", str(other)])
    assert result.exit_code == 0, result.output
    findings = [line for line in result.output.splitlines() if line.startswith("  [")]
    assert len(findings) == 1 and findings[0].startswith("  [F-KHONG-AP-DUNG] cảnh báo:")
