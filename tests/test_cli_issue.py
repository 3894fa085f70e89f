"""The clerk's last steps through the command line (SPEC §7): issue, register, verify, PDF."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main
from tests import killpoints
from tests.conftest import INPUTS
from tests.docx_text import squash
from tests.office import needs_soffice


@pytest.fixture
def office(drafts_office):
    """A clerk's folder with this month's drafts (generated once per session, a fresh copy for each test)."""
    return drafts_office


REPORT = Path("outputs/2021/2021-03/bao-cao-thang-03.docx")
PLAN = Path("outputs/2021/2021-03/ke-hoach-thang-03.docx")


@pytest.mark.slow  # the final `ntm check` prints the issued copy with LibreOffice
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
    block = (
        document.tables[-1]
        if document.tables[-1].cell(0, 0).paragraphs[0].text == "Nơi nhận:"
        else next(t for t in document.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
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
    processes = [
        subprocess.Popen([*command, str(path)], cwd=office, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in (REPORT, second)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    numbers = sorted(out.split("Số ")[1].split(",")[0] for out, _ in outputs)
    assert numbers == ["01-BC/ĐU", "02-BC/ĐU"]


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
    from generator import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["generate", str(INPUTS), "--pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "LibreOffice" in result.output
    assert not (tmp_path / "out").exists()


# `ntm issue` is one transaction (generator/register): the pending note, the archive copy
# (a temporary file hard-linked into place, then made read-only), the register row, COMMIT, and
# the note removed. (what has happened, the point, whether the document is then issued)
ISSUE_POINTS = [
    ("pending note written, archive copy not begun", "after generator.register.issue._announce", False),
    ("archive copy written under its temporary name", "before os.link .docx", False),
    ("archive copy linked into place, temporary not yet removed", "after os.link .docx", False),
    ("archive copy stored, still writable", "after generator.register.issue._store_new", False),
    ("archive copy read-only, no register row", "after generator.register.issue._read_only", False),
    ("register row inserted, not committed", "before sqlite COMMIT", False),
    ("committed, pending note not yet removed", "after sqlite COMMIT", True),
]
ISSUED = Path("archive/2021/bao-cao-thang-03-so-01-BC.docx")


def _clerks_files(office: Path) -> dict[Path, bytes]:
    """Files of the office's own in the archive, some with names close to ntm's."""
    files = {
        office / "archive/ghi-chu.txt": b"notes",
        office / "archive/2021/word.tmp": b"Word's own temporary file",
        office / "archive/2021/.~lock.bao-cao-thang-03-so-01-BC.docx#": b"LibreOffice's lock",
        # the name ntm gives its temporaries, of a process that is still running (this one)
        office / f"archive/2021/.bao-cao-thang-03-so-01-BC.docx.ntm{os.getpid()}.ab12cd.tmp": b"a live run's file",
    }
    return killpoints.plant(files)


def _verify_names_only(clerks: dict[Path, bytes]) -> None:
    """`ntm verify` finds every registered file intact and names, as not in the register, only the
    office's own files (not the live run's temporary): nothing of the killed issue is left."""
    verify = CliRunner().invoke(main, ["verify"])
    foreign = {f"  KHÔNG CÓ TRONG SỔ: {p.relative_to(Path.cwd())}" for p in clerks if ".ntm" not in p.name}
    assert {line for line in verify.output.splitlines() if line.startswith("  ")} == foreign, verify.output
    assert verify.exit_code == 1 and " 0 bị sửa, 0 bị mất;" in verify.output, verify.output


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize(("point", "issued"), [p[1:] for p in ISSUE_POINTS], ids=[p[0] for p in ISSUE_POINTS])
def test_issue_killed_at_a_write_point_is_recovered_and_no_number_is_given_twice(office, point, issued):
    clerks = _clerks_files(office)
    died = subprocess.run(
        killpoints.command(point, "issue", str(REPORT), "--date", "20/03/2021"), cwd=office, capture_output=True, text=True
    )
    assert died.returncode == -signal.SIGKILL, f"the point '{point}' was not reached: {died.stdout}{died.stderr}"
    assert (office / "archive/.ntm-dang-phat-hanh").exists(), "killed inside the transaction: its note is there"

    _verify_names_only(clerks)
    archived = [
        p.relative_to(office) for p in (office / "archive").rglob("*") if p.suffix in (".docx", ".pdf") and p not in clerks
    ]
    assert archived == ([ISSUED] if issued else []), "an issue that never committed leaves no file"

    rerun = CliRunner().invoke(main, ["issue", str(REPORT), "--date", "20/03/2021"])
    if issued:
        assert rerun.exit_code != 0
        assert "đã được cấp số 01-BC/ĐU ngày 20/03/2021; không cấp số lần nữa" in rerun.output
    else:
        assert rerun.exit_code == 0, rerun.output
        assert "Số 01-BC/ĐU" in rerun.output, "a number never committed is given again, to this draft"
    other = office / "bao-cao-thang-03-ban-2.docx"
    document = docx.Document(str(REPORT))
    document.core_properties.title = "bản 2"  # another draft of the same type
    document.save(str(other))
    second = CliRunner().invoke(main, ["issue", str(other), "--date", "21/03/2021"])
    assert second.exit_code == 0, second.output
    assert "Số 02-BC/ĐU" in second.output, "the next draft gets the next number, never 01 again"

    listing = CliRunner().invoke(main, ["register"])
    assert listing.output.splitlines()[-1] == "Sổ có 2 văn bản.", listing.output
    _verify_names_only(clerks)
    assert (office / ISSUED).stat().st_mode & 0o222 == 0, "the archived copy is read-only"
    killpoints.assert_kept(clerks)
    left = [
        p.name
        for p in (office / "archive").rglob("*")
        if p.is_file() and p.suffix not in (".docx", ".sqlite") and p not in clerks
    ]
    assert left == [], "no temporary file, pending note or register journal stays"
