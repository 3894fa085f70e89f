"""The two register commands of an office's life: withdrawing an issued document, and starting the
numbering of a type from a given number (an office that starts using ntm mid-term)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_drafts

MARCH_REPORT = Path("outputs/2021/2021-03/bao-cao-thang-03.docx")
APRIL_REPORT = Path("outputs/2021/2021-04/bao-cao-thang-04.docx")
MARCH_PLAN = Path("outputs/2021/2021-03/ke-hoach-thang-03.docx")


def ntm(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def office(tmp_path, monkeypatch, monthly_drafts):
    """A clerk's folder with the drafts of March and April (generated once, copied)."""
    monkeypatch.chdir(tmp_path)
    copy_drafts(monthly_drafts, tmp_path, ("2021-03", "2021-04"))
    return tmp_path


def test_a_withdrawn_document_keeps_its_number_and_the_export_shows_it_withdrawn(office):
    assert "Số 01-BC/ĐU" in ntm("issue", str(MARCH_REPORT), "--date", "20/03/2021")
    said = ntm("withdraw", "01-BC/ĐU", "--date", "25/03/2021", "--reason", "Số liệu thôn Đông sai")
    assert said.splitlines()[0].startswith("Đã thu hồi văn bản số 01-BC/ĐU (Báo cáo kết quả")
    assert "Số 02-BC/ĐU" in ntm("issue", str(APRIL_REPORT), "--date", "20/04/2021"), "number 01 is never given again"
    listing = ntm("register").splitlines()
    assert listing[0].endswith("(đã thu hồi)") and "01-BC/ĐU" in listing[0]
    assert "02-BC/ĐU" in listing[1] and "thu hồi" not in listing[1]
    assert (office / "archive/2021/bao-cao-thang-03-so-01-BC.docx").is_file(), "the archived copy stays"
    ntm("register", "--export", "so.xlsx")
    rows = list(openpyxl.load_workbook(office / "so.xlsx").active.iter_rows(values_only=True))
    notes = {row[0]: row[-1] for row in rows[1:]}
    assert notes["01-BC/ĐU"] == "Đã thu hồi ngày 25/03/2021: Số liệu thôn Đông sai"
    assert not notes["02-BC/ĐU"]


def test_withdrawing_an_unknown_or_twice_withdrawn_number_is_refused(office):
    ntm("issue", str(MARCH_REPORT), "--date", "20/03/2021")
    unknown = CliRunner().invoke(main, ["withdraw", "07-BC/ĐU"])
    assert unknown.exit_code == 2 and "Sổ đăng ký không có văn bản số 07-BC/ĐU" in unknown.output
    ntm("withdraw", "01-BC/ĐU")
    again = CliRunner().invoke(main, ["withdraw", "01-BC/ĐU"])
    assert again.exit_code == 2 and "đã được thu hồi từ trước" in again.output


def test_an_office_starting_mid_term_continues_its_hand_numbering(office):
    said = ntm("numbering", "kh", "12")
    assert said.strip() == "Văn bản loại KH phát hành tiếp theo sẽ mang số 12."
    assert "Số 12-KH/ĐU" in ntm("issue", str(MARCH_PLAN), "--date", "02/03/2021")
    assert "Số 01-BC/ĐU" in ntm("issue", str(MARCH_REPORT), "--date", "20/03/2021"), "other types are untouched"


def test_starting_below_a_number_already_given_never_gives_it_again(office):
    ntm("numbering", "BC", "5")
    ntm("issue", str(MARCH_REPORT), "--date", "20/03/2021")
    said = ntm("numbering", "BC", "3")
    assert "văn bản phát hành tiếp theo mang số 06, không phải 03" in said
    assert "Số 06-BC/ĐU" in ntm("issue", str(APRIL_REPORT), "--date", "20/04/2021")
