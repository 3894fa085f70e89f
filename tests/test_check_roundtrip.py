"""A clerk opens a draft in LibreOffice and saves it as DOCX: the text and the printed page do
not change, so `ntm check` must not change its verdict, and the draft can still be issued."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.formatcheck import check_printed
from tests.office import NEEDS_SOFFICE, convert_all

pytestmark = NEEDS_SOFFICE


@pytest.fixture(scope="module")
def resaved(sample_outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five drafts of the sample, each re-saved by LibreOffice as Word 2007 XML."""
    office = tmp_path_factory.mktemp("office")
    again = office / "resaved"
    again.mkdir()
    convert_all(sorted(sample_outputs.values()), "docx:MS Word 2007 XML", again)
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
