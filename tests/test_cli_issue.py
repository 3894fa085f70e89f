"""The clerk's last steps through the command line (SPEC §7): issue, register, verify, PDF."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main
from tests.conftest import INPUTS
from tests.docx_text import squash
from tests.office import needs_soffice



@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """This month's drafts, generated once through the CLI for the whole module."""
    folder = tmp_path_factory.mktemp("generated")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = CliRunner().invoke(main, ["generate", str(INPUTS), "--quiet"])
    assert result.exit_code == 0, result.output
    return folder / "outputs"


@pytest.fixture
def office(tmp_path, monkeypatch, generated):
    """A clerk's folder with this month's drafts (a fresh copy for each test)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(generated, tmp_path / "outputs")
    return tmp_path


REPORT = Path("outputs/2021/2021-03/bao-cao-thang-03.docx")
PLAN = Path("outputs/2021/2021-03/ke-hoach-thang-03.docx")


def test_issue_fills_number_and_date_and_the_result_still_passes_check(office):
    result = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Đã phát hành: Số 01-BC/ĐU, ngày 20/03/2021 — Báo cáo kết quả")
    final = office / "archive/2021/bao-cao-thang-03-so-01-BC.docx"
    header = docx.Document(str(final)).tables[0]
    assert [squash(p.text) for p in header.cell(0, 0).paragraphs if p.text.strip()][-1] == "Số 01-BC/ĐU"
    assert [squash(p.text) for p in header.cell(0, 1).paragraphs if p.text.strip()][-1] == "Bình Xa, ngày 20 tháng 3 năm 2021"
    assert final.stat().st_mode & 0o222 == 0, "archived copy is read-only"
    checked = CliRunner().invoke(main, ["check", str(final)])
    assert checked.exit_code == 0, checked.output


def test_issuing_the_same_draft_again_is_refused(office):
    assert CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"]).exit_code == 0
    again = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "21/03/2021"])
    assert again.exit_code != 0
    assert "đã được cấp số 01-BC/ĐU ngày 20/03/2021; không cấp số lần nữa" in again.output


def test_each_type_has_its_own_series(office):
    assert "Số 01-KH/ĐU" in CliRunner().invoke(main, ["issue", str(PLAN), "--date", "02/03/2021"]).output
    assert "Số 01-BC/ĐU" in CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"]).output
    listing = CliRunner().invoke(main, ["register"])
    assert listing.exit_code == 0
    assert listing.output.splitlines()[-1] == "Sổ có 2 văn bản."


def test_a_draft_that_breaks_a_format_rule_gets_no_number(office):
    document = docx.Document(str(REPORT))
    from docx.shared import Mm

    document.sections[0].left_margin = Mm(25)
    document.save(str(REPORT))
    result = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"])
    assert result.exit_code == 3
    assert "F-LE" in result.output
    assert "Chưa có sổ đăng ký" in CliRunner().invoke(main, ["register"]).output  # no number was taken


def test_register_export_keeps_formula_like_text_as_text(office):
    document = docx.Document(str(REPORT))
    block = document.tables[-1] if document.tables[-1].cell(0, 0).paragraphs[0].text == "Nơi nhận:" else next(
        t for t in document.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    )
    line = next(p for p in block.cell(0, 0).paragraphs if p.text.startswith("- Thường trực"))
    line.runs[0].text = '- =HYPERLINK("http://x","bấm") ,'
    for run in line.runs[1:]:
        run.text = ""
    document.save(str(REPORT))
    assert CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"]).exit_code == 0
    result = CliRunner().invoke(main, ["register", "--export", "so.xlsx"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(office / "so.xlsx").active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung", "Người ký"]
    cells = [c for c in sheet[2] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_verify_finds_a_changed_archived_file(office):
    assert CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"]).exit_code == 0
    clean = CliRunner().invoke(main, ["verify"])
    assert clean.exit_code == 0, clean.output
    final = office / "archive/2021/bao-cao-thang-03-so-01-BC.docx"
    final.chmod(0o644)
    with final.open("ab") as stream:
        stream.write(b"\0")
    result = CliRunner().invoke(main, ["verify"])
    assert result.exit_code == 1
    assert f"BỊ SỬA: {Path('archive/2021/bao-cao-thang-03-so-01-BC.docx')}" in result.output


@pytest.mark.slow
def test_two_issues_started_together_get_consecutive_numbers(office):
    second = office / "bao-cao-thang-03-ban-2.docx"
    shutil.copy(REPORT, second)
    document = docx.Document(str(second))
    document.core_properties.title = "bản 2"  # a different draft
    document.save(str(second))
    command = [sys.executable, "-m", "generator", "issue", "--date", "20/03/2021"]
    processes = [subprocess.Popen([*command, str(path)], cwd=office, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in (REPORT, second)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    numbers = sorted(out.split("Số ")[1].split(",")[0] for out, _ in outputs)
    assert numbers == ["01-BC/ĐU", "02-BC/ĐU"]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1, 1.6])
def test_issue_killed_at_any_moment_leaves_the_register_and_archive_consistent(office, delay):
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "issue", str(REPORT), "--date", "20/03/2021"], cwd=office, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    verify = CliRunner().invoke(main, ["verify"])
    # killed before the register was made: verify says there is none (exit 1), and nothing is left over
    assert verify.exit_code == 0 or "Chưa có sổ đăng ký" in verify.output, verify.output
    assert "KHÔNG CÓ TRONG SỔ" not in verify.output, verify.output
    rerun = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"])
    assert rerun.exit_code == 0 or "không cấp số lần nữa" in rerun.output, rerun.output
    final = CliRunner().invoke(main, ["verify"])
    assert final.exit_code == 0, final.output
    assert CliRunner().invoke(main, ["register"]).output.splitlines()[-1] == "Sổ có 1 văn bản."


@needs_soffice
def test_generate_pdf_writes_a_pdf_beside_each_document_and_the_print_bundle(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(INPUTS), "--month", "2021-03", "--pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == ["2021/2021-03/bao-cao-thang-03.pdf", "2021/2021-03/ke-hoach-thang-03.pdf", "2021/in-tat-ca.pdf"]
    bundle = PdfReader(out / "2021/in-tat-ca.pdf")
    parts = [PdfReader(out / p) for p in pdfs[:2]]
    assert len(bundle.pages) == sum(len(p.pages) for p in parts)
    first = bundle.pages[0]
    assert round(float(first.mediabox.width)) in (595, 596) and round(float(first.mediabox.height)) in (841, 842)
    text = first.extract_text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "KẾ HOẠCH" in text
    assert f"Đã in 2 tệp PDF cạnh các văn bản; tệp in gộp: {out / '2021' / 'in-tat-ca.pdf'}" in result.output


def test_generate_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    from generator.pipeline import generating

    monkeypatch.setattr(generating, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["generate", str(INPUTS), "--pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "LibreOffice" in result.output
    assert not (tmp_path / "out").exists()


KILL_AFTER = """
import os, sys
from generator.register import issue as register  # the steps as the transaction calls them
real = register.{name}
def dying(*args, **kwargs):
    result = real(*args, **kwargs)
    os._exit(9)  # the process dies here: no clean-up, no COMMIT
register.{name} = dying
from generator.cli import main
sys.argv = ["ntm", "issue", sys.argv[1], "--date", "20/03/2021"]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize("step", ["_announce", "_store_new", "_read_only"])
def test_issue_dying_between_its_steps_is_cleaned_up_by_verify_and_the_rerun_gets_01(office, step):
    died = subprocess.run([sys.executable, "-c", KILL_AFTER.format(name=step), str(REPORT)], cwd=office, capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    verify = CliRunner().invoke(main, ["verify"])
    assert verify.exit_code == 0, verify.output
    assert list((office / "archive").rglob("*.docx")) == []
    rerun = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"])
    assert rerun.exit_code == 0, rerun.output
    assert "Số 01-BC/ĐU" in rerun.output
    assert CliRunner().invoke(main, ["verify"]).exit_code == 0
