"""`ntm check` through the command line (SPEC §2, §6)."""

from __future__ import annotations

import shutil

import docx
from click.testing import CliRunner
from docx.shared import Mm

from generator.cli import main
from tests.conftest import REPO


def test_every_generated_document_passes(sample_outputs):
    paths = [str(p) for p in sample_outputs.values()]
    result = CliRunner().invoke(main, ["check", *paths])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Đã kiểm tra 5 tệp: 0 lỗi."
    assert all(line.endswith("đúng thể thức (theo Hướng dẫn 36-HD/VPTW).") for line in result.output.splitlines()[:-1])


def test_a_broken_document_exits_3_with_the_rule_and_place(sample_outputs, tmp_path):
    broken = tmp_path / "le-trai-25.docx"
    document = docx.Document(str(sample_outputs["KH"]))
    document.sections[0].left_margin = Mm(25)
    document.save(str(broken))
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 3
    assert "[F-LE] lỗi: phần 1" in result.output
    assert result.output.splitlines()[-1] == "Đã kiểm tra 1 tệp: 1 lỗi."


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


def test_an_unknown_template_name_is_a_usage_error(tmp_path):
    other = tmp_path / "mau-khac.docx"
    shutil.copy(REPO / "templates" / "ke-hoach.docx", other)
    result = CliRunner().invoke(main, ["check", "--template", str(other)])
    assert result.exit_code == 2
    assert "Không biết 'mau-khac.docx' là mẫu của văn bản nào" in result.output
