"""Shared fixtures: the sample's documents generated once per session and copied where a test
changes them; the quick run's smaller hypothesis profile.

`python -m pytest` runs everything (the README's command, and CI); `python -m pytest -m "not slow"`
is the quick run (pyproject.toml names what `slow` covers).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner
from hypothesis import settings

from generator import pipeline
from generator.cli import main
from generator.documents import Source

REPO = Path(__file__).resolve().parent.parent
INPUTS = REPO / "inputs"
SAMPLE = INPUTS / "binh-xa-2021.xlsx"
SEED = Path(__file__).resolve().parent / "data" / "ke-hoach-11-KH-DU-2021.txt"  # copy of shared/seed
GOLDEN = Path(__file__).resolve().parent / "golden"

# Hypothesis: its own default (100 examples, or what a test asks for) in the whole run; the quick
# run tries a few examples of each property, enough to catch a property that no longer holds at all.
settings.register_profile("full", deadline=None)
settings.register_profile("quick", deadline=None, max_examples=10)
QUICK_EXAMPLES = 10


def pytest_configure(config: pytest.Config) -> None:
    global QUICK_RUN
    QUICK_RUN = "not slow" in (config.option.markexpr or "")
    if not config.getoption("hypothesis_profile", None):  # --hypothesis-profile wins
        settings.load_profile("quick" if QUICK_RUN else "full")


QUICK_RUN = False


def examples(full: int) -> int:
    """Hypothesis examples for a property that asks for more than the default: `full` in the whole
    run, the quick profile's few in the quick run (evaluated when the test module is imported,
    after pytest_configure)."""
    return min(full, QUICK_EXAMPLES) if QUICK_RUN else full


class Sample(NamedTuple):
    folder: Path  # an office folder: outputs/<year>/… as `ntm generate` writes it, no archive/
    documents: dict[str, Path]  # by type ('KH', 'PL', 'KHT', 'BC', 'BCN'), in the order written


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """Every document of the shipped sample (March for the monthly ones), generated once per
    session. Read only: a test that changes a document copies it first (`drafts_office`)."""
    folder = tmp_path_factory.mktemp("sample")
    result = pipeline.generate([INPUTS], folder / "outputs", docs="kh,pl,kht,bc,bcn", archive=folder / "archive")
    return Sample(folder, {d.doc_type.value: d.path for d in result.documents})


@pytest.fixture(scope="session")
def sample_outputs(sample: Sample) -> dict[str, Path]:
    """The sample's documents by type (read only)."""
    return sample.documents


@pytest.fixture
def drafts_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: Sample) -> Path:
    """A clerk's office folder, the current directory, with the sample's drafts of every document
    in outputs/ (a copy of the session's: a test may issue or change them)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(sample.folder / "outputs", tmp_path / "outputs")
    return tmp_path


DRAFT_MONTHS = ("2021-02", "2021-03", "2021-04")


@pytest.fixture(scope="session")
def monthly_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office folder where `ntm generate INPUTS --month M` ran for February, March and April:
    outputs/2021/ holds the plan and the annex, outputs/2021/2021-MM/ each month's plan and report.
    Made once per session; `copy_drafts` gives a test its own copy."""
    folder = tmp_path_factory.mktemp("monthly-drafts")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        for month in DRAFT_MONTHS:
            result = CliRunner().invoke(main, ["generate", str(INPUTS), "--month", month, "--quiet"])
            assert result.exit_code == 0, result.output
    return folder


def copy_drafts(monthly_drafts: Path, office: Path, months: Iterable[str] = DRAFT_MONTHS) -> None:
    """Copies into `office`/outputs the yearly drafts and those of the given months."""
    year = office / "outputs" / "2021"
    year.mkdir(parents=True)
    for path in (monthly_drafts / "outputs" / "2021").iterdir():
        if path.is_file():
            shutil.copy2(path, year / path.name)
        elif path.name in months:
            shutil.copytree(path, year / path.name)


@pytest.fixture
def inputs_copy(tmp_path: Path) -> Path:
    """A copy of the sample inputs that a test may change."""
    target = tmp_path / "inputs"
    shutil.copytree(INPUTS, target)
    return target


@pytest.fixture(scope="session")
def sources() -> list[Source]:
    """What the documents of March and of December 2021 are made from, out of the shipped sample."""
    inputs = pipeline.load_inputs([INPUTS])
    return [Source(inputs.commune, inputs.activities, inputs.planned, dt.date(2021, month, 1)) for month in (3, 12)]
