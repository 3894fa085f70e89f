from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline

REPO = Path(__file__).resolve().parent.parent
INPUTS = REPO / "inputs"
SAMPLE = INPUTS / "binh-xa-2021.xlsx"
SEED = Path(__file__).resolve().parent / "data" / "ke-hoach-11-KH-DU-2021.txt"  # copy of shared/seed
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every document of the shipped sample (March for the monthly ones), generated once."""
    out = tmp_path_factory.mktemp("outputs")
    result = pipeline.generate([INPUTS], out, docs="kh,pl,kht,bc,bcn")
    return {d.doc_type.value: d.path for d in result.documents}


@pytest.fixture
def inputs_copy(tmp_path: Path) -> Path:
    """A copy of the sample inputs that a test may change."""
    target = tmp_path / "inputs"
    shutil.copytree(INPUTS, target)
    return target
