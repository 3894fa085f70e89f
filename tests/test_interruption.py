"""A run killed at any moment leaves each output complete and valid, or absent; a new run finishes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import INPUTS

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")]

COMMAND = [sys.executable, "-m", "generator", "generate", str(INPUTS), "--docs", "kh,pl,kht,bc,bcn", "--quiet", "--out"]


def _check_outputs(out: Path) -> list[str]:
    """Every document present is a whole, valid DOCX; returns their names."""
    names = []
    for path in sorted(out.rglob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
        docx.Document(str(path))
        names.append(path.name)
    return names


@pytest.mark.parametrize("delay", [0.2, 0.8, 1.4, 2.0, 2.6, 3.2])
def test_generate_killed_then_run_again(tmp_path, delay):
    out = tmp_path / "out"
    process = subprocess.Popen([*COMMAND, str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _check_outputs(out)
    finished = subprocess.run([*COMMAND, str(out)], capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert sorted(_check_outputs(out)) == sorted(
        ["bao-cao-nam-2021.docx", "bao-cao-thang-03.docx", "ke-hoach-2021.docx", "ke-hoach-thang-03.docx", "phu-luc-phan-cong-2021.docx"]
    )
    assert [p.name for p in out.rglob("*") if p.is_file() and not p.name.endswith(".docx")] == [], "no temporary file stays"


def test_a_fault_between_writes_leaves_the_earlier_documents_whole(tmp_path, monkeypatch):
    from generator import pipeline
    from generator.errors import OutputProblem
    from generator.pipeline import generating

    written = []
    real = generating.write_atomically

    def fail_on_third(path, data):
        if len(written) == 2:
            raise OutputProblem("ổ đĩa bị rút ra")
        real(path, data)
        written.append(path)

    monkeypatch.setattr(generating, "write_atomically", fail_on_third)
    with pytest.raises(OutputProblem):
        pipeline.generate([INPUTS], tmp_path / "out", docs="kh,pl,kht,bc")
    assert sorted(_check_outputs(tmp_path / "out")) == sorted(p.name for p in written)
