"""SPEC §3: .xlsx, .xlsm, .xls and .ods read alike; a workbook open in Excel is still readable."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.pipeline import check_inputs
from tests.conftest import INPUTS, SAMPLE
from tests.office import convert, needs_soffice


def _convert(source: Path, suffix: str, out: Path) -> Path:
    return convert(source, suffix, out)


def _summary(folder: Path) -> tuple[int, int, list[str]]:
    report = check_inputs([folder])
    return len(report.activities), len(report.planned), [str(p) for p in report.problems]


@needs_soffice
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_ods_and_xls_give_the_same_activities_as_xlsx(tmp_path, suffix):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for workbook in INPUTS.glob("*.xlsx"):
        _convert(workbook, suffix, folder)
    assert sorted(p.suffix for p in folder.glob("*.*")) == [f".{suffix}", f".{suffix}"]
    assert _summary(folder) == _summary(INPUTS)


def test_xlsm_is_read_like_xlsx(inputs_copy):
    workbook = openpyxl.load_workbook(inputs_copy / SAMPLE.name)
    workbook.save(inputs_copy / "binh-xa-2021.xlsm")
    (inputs_copy / SAMPLE.name).unlink()
    assert _summary(inputs_copy) == _summary(INPUTS)


def test_excel_lock_files_are_ignored_and_an_open_workbook_is_still_read(inputs_copy):
    # Excel keeps "~$name.xlsx" beside a workbook it holds open; the workbook itself stays readable.
    (inputs_copy / f"~${SAMPLE.name}").write_bytes(b"\x00" * 165)
    assert _summary(inputs_copy) == _summary(INPUTS)
