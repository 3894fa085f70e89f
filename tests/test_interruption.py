"""`ntm generate` killed at any point of its writes leaves each document whole (the old or the
new one) or absent, deletes nothing it did not create, and the next run finishes the job.

Each case kills the command at one named point of the write (tests/killpoints.py), not after a
guessed delay: the same point is hit on a fast machine and on a loaded one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests import killpoints
from tests.conftest import INPUTS, Sample

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

ARGUMENTS = ["generate", str(INPUTS), "--docs", "kh,pl,kht,bc,bcn", "--quiet", "--out"]

# The five documents are written one after the other, each to a temporary file that is then
# renamed into place (files.write_atomically): the points are on that path.
# (what the clerk would see, the point, how many documents are then in place)
POINTS = [
    ("first temporary file just created, still empty", "after tempfile.mkstemp #1", 0),
    ("first temporary file written, not yet flushed to disk", "before os.fsync #1", 0),
    ("first document complete under its temporary name", "before os.replace #1 .docx", 0),
    ("first document renamed into place", "after os.replace #1 .docx", 1),
    ("third document complete under its temporary name", "before os.replace #3 .docx", 2),
    ("third document renamed into place", "after os.replace #3 .docx", 3),
    ("last document complete under its temporary name", "before os.replace #5 .docx", 4),
    ("last document renamed into place, run not ended", "after os.replace #5 .docx", 5),
]


def _whole_run(sample: Sample) -> dict[str, bytes]:
    """The documents of a whole run, by name under the output folder, in the order they are written."""
    return {p.relative_to(sample.folder / "outputs").as_posix(): p.read_bytes() for p in sample.documents.values()}


def _documents(out: Path) -> dict[str, bytes]:
    """Every document present, each checked to be a whole, valid DOCX."""
    found = {}
    for path in sorted(out.rglob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
        docx.Document(str(path))
        found[path.relative_to(out).as_posix()] = path.read_bytes()
    return found


def _clerks_files(out: Path) -> dict[Path, bytes]:
    """Files of other programs in the output folders, some with names close to ntm's own."""
    year, month = out / "2021", out / "2021" / "2021-03"
    files = {
        year / "ghi-chu.txt": b"notes",
        year / "word.tmp": b"Word's own temporary file",
        year / ".~lock.ke-hoach-2021.docx#": b"LibreOffice's lock",
        month / ".bao-cao-thang-03.docx.x1y2z3.tmp": b"another program's hidden .tmp",
        # the name ntm gives its temporaries, of a process that is still running (this one)
        month / f".bao-cao-thang-03.docx.ntm{os.getpid()}.ab12cd.tmp": b"a live run's file",
    }
    return killpoints.plant(files)


def _leftovers(out: Path, clerks: dict[Path, bytes]) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.is_file() and p.suffix != ".docx" and p not in clerks)


def _killed(point: str, out: Path) -> int:
    died = subprocess.run(killpoints.command(point, *ARGUMENTS, str(out)), capture_output=True, text=True, check=False)
    assert died.returncode == -signal.SIGKILL, f"the point '{point}' was not reached: {died.stderr}"
    return died.returncode


@pytest.mark.slow
@pytest.mark.parametrize(("point", "in_place"), [p[1:] for p in POINTS], ids=[p[0] for p in POINTS])
def test_generate_killed_at_a_write_point_then_run_again(tmp_path, point, in_place, sample):
    out = tmp_path / "out"
    clerks = _clerks_files(out)
    _killed(point, out)
    expected = _whole_run(sample)
    assert _documents(out) == dict(list(expected.items())[:in_place]), "the documents before the point, whole"
    left = _leftovers(out, clerks)
    assert all(re.fullmatch(r"\..+\.docx\.ntm\d+\.\w+\.tmp", name) for name in left), left  # only ntm's own temporaries
    assert len(left) == (0 if point.startswith("after os.replace") else 1), left

    finished = CliRunner().invoke(main, [*ARGUMENTS, str(out)])
    assert finished.exit_code == 0, finished.output
    assert _documents(out) == expected, "the next run writes every document whole"
    assert _leftovers(out, clerks) == [], "the killed run's temporary file is swept"
    killpoints.assert_kept(clerks)


@pytest.mark.slow
@pytest.mark.parametrize("replaced", [1, 3, 5])
def test_a_run_over_earlier_drafts_killed_at_a_rename_leaves_each_draft_old_or_new(tmp_path, replaced, sample):
    """Drafts are overwritten by the next `ntm generate`: killed at the n-th rename, the first
    n-1 are the new ones, the others still the earlier ones, none half-written."""
    out = tmp_path / "out"
    new = _whole_run(sample)
    order = list(new)
    root = sample.folder / "outputs"
    for name in order:  # the earlier drafts: the same documents, with something of the clerk's
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        document = docx.Document(str(root / name))
        document.core_properties.comments = "bản nháp tháng trước"
        document.save(str(target))
    old = _documents(out)
    assert all(old[name] != new[name] for name in order)
    _killed(f"before os.replace #{replaced} .docx", out)
    assert _documents(out) == {name: (new if i < replaced - 1 else old)[name] for i, name in enumerate(order)}
    finished = CliRunner().invoke(main, [*ARGUMENTS, str(out)])
    assert finished.exit_code == 0, finished.output
    assert _documents(out) == new
    assert _leftovers(out, {}) == []


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
    assert sorted(_documents(tmp_path / "out")) == sorted(p.relative_to(tmp_path / "out").as_posix() for p in written)
