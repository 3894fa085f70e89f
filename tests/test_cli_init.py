"""`ntm init` through the command line (SPEC §2)."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import check_inputs
from tests.conftest import INPUTS


def test_init_writes_a_blank_main_workbook(tmp_path):
    target = tmp_path / "so-moi.xlsx"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Đã tạo sổ chính mới: {target}"
    sheets = openpyxl.load_workbook(target).sheetnames
    assert sheets[0] == "Hướng dẫn"
    assert {"Thông tin", "Nơi nhận", "Đơn vị", "Thôn", "Tiêu chí", "Phân công", "Kế hoạch tháng", "Nhật ký"} <= set(sheets)


def test_init_refuses_to_overwrite(tmp_path):
    target = tmp_path / "so.xlsx"
    target.write_bytes(b"clerk's work")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 1
    assert "không ghi đè" in result.output
    assert target.read_bytes() == b"clerk's work"


def test_init_unit_log_offers_only_the_units_villages_and_validates_with_the_main_book(tmp_path):
    target = tmp_path / "nhat-ky-thcs.xlsx"
    result = CliRunner().invoke(main, ["init", str(target), "--unit", "Trường THCS", "--from", str(INPUTS / "binh-xa-2021.xlsx")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Đã tạo sổ nhật ký của Trường THCS: {target}"
    book = openpyxl.load_workbook(target)
    places = [c.value for c in book["Danh mục"]["B"][1:] if c.value]
    assert places == ["Soi Dịa", "Yên Bình"]
    # an untouched per-unit log adds nothing and breaks nothing
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "binh-xa-2021.xlsx").write_bytes((INPUTS / "binh-xa-2021.xlsx").read_bytes())
    target.rename(folder / target.name)
    report = check_inputs([folder])
    assert report.problems == () and len(report.activities) == 170


def test_init_unit_that_does_not_exist_suggests_the_closest(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "x.xlsx"), "--unit", "Trường THPT", "--from", str(INPUTS)])
    assert result.exit_code == 2
    assert "Không có đơn vị 'Trường THPT' trong sổ chính. Có phải 'Trường THCS'?" in result.output
