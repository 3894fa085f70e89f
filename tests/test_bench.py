"""The bench's own code keeps working: a small run, checked for correct outputs (not timings)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # a browser, a process or many generated cases: not in the quick run


def test_small_ingest_run_reads_every_row(tmp_path):
    from bench.data import make_workbook

    make_workbook(tmp_path / "in" / "binh-xa-2021.xlsx", 2_000)
    for which, rows in (("ntm", 2_000), ("openpyxl", None)):
        done = subprocess.run(
            [sys.executable, "-m", "bench.ingest", which, str(tmp_path / "in")],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, peak, seen = done.stdout.split()
        assert float(seconds) > 0 and float(peak) > 0
        if rows is not None:
            assert int(seen) == rows  # ntm accepted every generated row: they are valid
        else:
            assert int(seen) >= 2_000


def test_small_render_run_gives_the_same_text_as_the_naive_loop(tmp_path):
    from bench.run import render

    figure, per_document = render(5, 1, tmp_path)  # asserts inside that every output's text equals the naive loop's
    assert figure.ntm > 0 and figure.baseline > 0
    assert per_document.ntm == 1000 * figure.ntm / 5
    assert len(list((tmp_path / "render-ntm").glob("*.docx"))) == 5


def test_start_up_row_runs_this_build_and_the_baseline_build_side_by_side(tmp_path):
    from bench.run import BASELINE_BUILD, baseline_tree, startup

    if baseline_tree(tmp_path / "startup") is None:
        import pytest

        pytest.skip(f"build {BASELINE_BUILD} is not in this clone's history")
    [figure] = startup(1, tmp_path)  # asserts inside that each process ran the build it names
    if figure.baseline != figure.baseline:  # NaN: the old build does not run in this environment
        assert figure.ntm > 0 and "does not run here" in figure.label
        return
    assert figure.ntm > 0 and figure.baseline > 0
    assert BASELINE_BUILD in figure.label


def test_end_to_end_row_runs_both_builds_on_the_same_workbooks(tmp_path):
    from bench.run import BASELINE_BUILD, baseline_tree, end_to_end

    if baseline_tree(tmp_path / "e2e") is None:
        pytest.skip(f"build {BASELINE_BUILD} is not in this clone's history")
    both, alone = end_to_end(1, tmp_path, runs=1)  # asserts inside that each process ran the build it names and wrote documents
    assert both.ntm > 0 and both.baseline > 0, both.label  # the baseline build runs here (matplotlib from the test extra)
    assert BASELINE_BUILD in both.label and alone.ntm > 0
    assert sorted(p.name for p in (tmp_path / "e2e" / "run-old-0").rglob("*.docx")) == [
        "bao-cao-thang-03.docx",
        "ke-hoach-thang-03.docx",
    ]
