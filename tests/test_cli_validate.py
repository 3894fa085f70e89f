"""`ntm validate` as the clerk runs it (SPEC §2)."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl
from click.testing import CliRunner

from generator.annotate import annotated_path
from generator.cli import main
from tests.conftest import INPUTS, SAMPLE
from tests.workbooks import edit, put


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_clean_inputs_exit_0_with_a_summary():
    result = CliRunner().invoke(main, ["validate", str(INPUTS)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Đã kiểm tra 2 tệp Excel, 180 dòng nhật ký hợp lệ.",
        f"Bỏ qua 1 tệp Excel trong thư mục con: {INPUTS / '2026' / 'binh-xa-2026.xlsx'}. Chỉ đọc các tệp nằm ngay "
        f"trong thư mục; muốn dùng thì ghi thẳng đường dẫn, ví dụ: {INPUTS / '2026'}",
        "Không có lỗi, không có cảnh báo.",
    ]


def test_faulty_workbook_exit_3_table_on_stderr_and_an_annotated_copy(inputs_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workbook_path = inputs_copy / SAMPLE.name

    def break_log(wb):
        put(wb["Nhật ký"], 12, "Thôn", "Thọ Bình1")
        put(wb["Nhật ký"], 20, "Khối lượng", "-2")

    edit(workbook_path, break_log)
    before = _digest(workbook_path)
    result = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:2] == [
        "  binh-xa-2021.xlsx › Nhật ký!C12  [E-TEN-KHONG-CO] lỗi: Thôn 'Thọ Bình1' không có trong trang 'Thôn'. Có phải 'Thọ Bình 1'?",
        "  binh-xa-2021.xlsx › Nhật ký!N20  [E-SO-AM] lỗi: Cột 'Khối lượng' có số âm (-2); hãy ghi số không âm.",
    ]
    annotated = inputs_copy / "binh-xa-2021.xlsx.loi.xlsx"
    assert f"Bản đánh dấu lỗi: {annotated}" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("Có 2 lỗi")
    assert _digest(workbook_path) == before, "the original is never modified"
    copy = openpyxl.load_workbook(annotated)
    assert copy["Nhật ký"]["C12"].fill.fgColor.rgb.endswith("FF9999")
    assert "[E-TEN-KHONG-CO]" in copy["Nhật ký"]["C12"].comment.text
    listing = [row for row in copy["Lỗi"].iter_rows(min_row=2, values_only=True)]
    assert [(r[2], r[3], r[4]) for r in listing] == [("Nhật ký", "C12", "E-TEN-KHONG-CO"), ("Nhật ký", "N20", "E-SO-AM")]
    assert not (tmp_path / "outputs").exists()


def test_validate_needs_a_path():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2


def test_annotated_copies_in_the_inputs_folder_are_not_read_as_inputs(inputs_copy):
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb["Nhật ký"], 12, "Thôn", "Thọ Bình1"))
    CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert (inputs_copy / "binh-xa-2021.xlsx.loi.xlsx").exists()
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb["Nhật ký"], 12, "Thôn", "Thọ Bình 1"))
    result = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert "Đã kiểm tra 2 tệp Excel" in result.output


def test_same_named_workbooks_in_two_folders_are_each_annotated_in_their_own_folder(tmp_path):
    """`ntm validate a b`, a log.xlsx in each: b's error is painted in b's copy, never in a's."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLE, tmp_path / folder / "log.xlsx")
    book = openpyxl.load_workbook(tmp_path / "b" / "log.xlsx")
    book["Nhật ký"]["A2"] = "32/13/2021"
    book.save(tmp_path / "b" / "log.xlsx")
    book = openpyxl.load_workbook(tmp_path / "a" / "log.xlsx")
    book["Nhật ký"]["A3"] = "31/02/2021"
    book.save(tmp_path / "a" / "log.xlsx")

    result = CliRunner().invoke(main, ["validate", str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 3, result.output

    def marked(folder: str) -> list[str]:
        copy = openpyxl.load_workbook(annotated_path(tmp_path / folder / "log.xlsx"))
        return [
            f"{c.coordinate}" for row in copy["Nhật ký"].iter_rows() for c in row if c.comment and "E-NGAY-SAI" in c.comment.text
        ]

    assert marked("a") == ["A3"]
    assert marked("b") == ["A2"]
