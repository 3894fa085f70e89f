"""A clerk opens a draft in LibreOffice and saves it as DOCX: the text and the printed page do
not change, so `ntm check` must not change its verdict, and the draft can still be issued."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.formatcheck import check_printed
from generator.pdf import find_soffice
from tests.office import NEEDS_SOFFICE
from tests.conftest import INPUTS

SOFFICE = find_soffice()
pytestmark = NEEDS_SOFFICE


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five drafts of the sample, each re-saved by LibreOffice as Word 2007 XML."""
    assert SOFFICE is not None
    office = tmp_path_factory.mktemp("office")
    result = CliRunner().invoke(main, ["generate", str(INPUTS), "--out", str(office / "outputs"), "--docs", "kh,pl,kht,bc,bcn", "--month", "2021-03", "--quiet"])
    assert result.exit_code == 0, result.output
    drafts = sorted((office / "outputs").rglob("*.docx"))
    assert len(drafts) == 5
    again = office / "resaved"
    again.mkdir()
    profile = office / "lo-profile"
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(again), *map(str, drafts)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert len(list(again.glob("*.docx"))) == 5
    return office


def test_every_resaved_document_passes_with_zero_errors(resaved):
    reports = check_printed(sorted((resaved / "resaved").glob("*.docx")))
    assert len(reports) == 5
    for report in reports:
        errors = [f for f in report.findings if f.is_error]
        assert errors == [], f"{report.path.name}:\n" + "\n".join(str(f) for f in errors)
        assert report.guidance_name == "Hướng dẫn 36-HD/VPTW"


def test_the_resaved_monthly_plan_and_report_can_be_issued(resaved, monkeypatch):
    monkeypatch.chdir(resaved)
    for name, date in (("ke-hoach-thang-03.docx", "02/03/2021"), ("bao-cao-thang-03.docx", "25/03/2021")):
        draft = resaved / "drafts" / name
        draft.parent.mkdir(exist_ok=True)
        shutil.copy(resaved / "resaved" / name, draft)
        result = CliRunner().invoke(main, ["issue", str(draft), "--date", date])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Đã phát hành: Số 01-")
