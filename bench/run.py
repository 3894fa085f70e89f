"""ntm side by side with what a user would otherwise do, in one run on one machine.

    python -m bench.run            # the full bench (200,000 rows, 500 renders, 20 PDFs)
    python -m bench.run --quick    # a small one, to check that the bench works

Each figure is the median of --repeat runs; each row prints ntm's figure, the
baseline's, and the ratio. See bench/README.md for the last results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.data import make_workbook  # noqa: E402


@dataclass(frozen=True)
class Figure:
    label: str
    ntm: float
    baseline: float
    unit: str
    note: str = ""
    ntm_best: float | None = None  # the fastest of the runs, where several were taken
    baseline_best: float | None = None

    @property
    def ratio(self) -> float:
        return self.baseline / self.ntm if self.ntm else float("inf")


def _median_child(args: list[str], repeat: int) -> tuple[float, float, int]:
    """Median seconds and peak MiB of a `python -m bench.ingest …` child run."""
    seconds, peaks, rows = [], [], 0
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-m", "bench.ingest", *args], cwd=REPO, capture_output=True, text=True, check=True)
        elapsed, peak, rows_seen = done.stdout.split()
        seconds.append(float(elapsed))
        peaks.append(float(peak))
        rows = int(rows_seen)
    return statistics.median(seconds), max(peaks), rows


def ingest(rows: int, repeat: int, work: Path) -> list[Figure]:
    folder = work / f"ingest-{rows}"
    if not folder.exists():
        make_workbook(folder / "binh-xa-2021.xlsx", rows)
    ntm_s, ntm_mib, ntm_rows = _median_child(["ntm", str(folder)], repeat)
    base_s, base_mib, _ = _median_child(["openpyxl", str(folder)], repeat)
    rows_s, rows_mib, by_rows = _median_child(["ntm-rows", str(folder)], repeat)
    assert ntm_rows == rows == by_rows, f"ntm accepted {ntm_rows} (row by row: {by_rows}) of {rows} rows"
    return [
        Figure(f"1. ingest {rows:,} rows: read+validate+aggregate vs openpyxl read-only pass", ntm_s, base_s, "s"),
        Figure("   peak memory (MiB, lower is better)", ntm_mib, base_mib, "MiB"),
        Figure("   the same row by row (ntm before issue 17) vs openpyxl", rows_s, base_s, "s"),
        Figure("   its peak memory (MiB)", rows_mib, base_mib, "MiB"),
    ]


def _timed(action: Callable[[], object], repeat: int) -> float:
    return _timed_runs(action, repeat)[0]


def _timed_runs(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def render(count: int, repeat: int, work: Path) -> list[Figure]:
    """`count` monthly reports of one template with different data: ntm vs the naive docxtpl loop."""
    from docxtpl import DocxTemplate

    from generator.documents import MONTHLY_REPORT, Source
    from generator.pipeline import load_inputs
    from generator.rendering import _with_images, jinja_environment, render_docx
    from generator.resources import shipped_templates
    from tests.docx_text import lines

    inputs = load_inputs([REPO / "inputs"])
    template = shipped_templates() / MONTHLY_REPORT.template
    base = Source(inputs.commune, inputs.activities, inputs.planned, dt.date(2021, 3, 1))
    # different data per document: March with one activity left out each time (10 real
    # contexts, each with its chart), then a numbered summary so that no two are the same
    real = []
    for n in range(min(count, 10)):
        activities = inputs.activities[:n] + inputs.activities[n + 1 :]
        real.append(MONTHLY_REPORT.context(Source(base.commune, activities, base.planned, base.month)))
    contexts = [{**real[n % len(real)], "tom_tat": f"{real[n % len(real)]['tom_tat']} (bản {n + 1})"} for n in range(count)]
    stamp = dt.datetime(2021, 3, 1)
    ours_dir, naive_dir = work / "render-ntm", work / "render-naive"
    for folder in (ours_dir, naive_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def ours() -> None:
        for n, context in enumerate(contexts):
            # with the document's type stamped (ntm-loai), as `ntm generate` writes it
            (ours_dir / f"{n}.docx").write_bytes(render_docx(template, context, stamp, "bench", MONTHLY_REPORT.key))

    def naive() -> None:
        for n, context in enumerate(contexts):
            document = DocxTemplate(str(template))
            document.render(_with_images(document, context), jinja_env=jinja_environment())
            document.save(str(naive_dir / f"{n}.docx"))

    # ntm's first run includes preparing the template (docxtpl's patch, the Jinja compile, the
    # unchanged parts' zip), as a run of `ntm generate` does
    ntm_runs, base_runs = [], []
    for _ in range(repeat):  # in turns, so that a busy moment of the shared machine weighs on both
        ntm_runs.append(_timed_runs(ours, 1)[0])
        base_runs.append(_timed_runs(naive, 1)[0])
    for n in range(count):
        assert lines(ours_dir / f"{n}.docx") == lines(naive_dir / f"{n}.docx"), f"render {n} differs in text"
    ntm_s, base_s = statistics.median(ntm_runs), statistics.median(base_runs)
    ntm_best, base_best = min(ntm_runs), min(base_runs)
    return [
        Figure(
            f"2. render {count} monthly reports vs naive docxtpl loop (texts identical)",
            ntm_s,
            base_s,
            "s",
            ntm_best=ntm_best,
            baseline_best=base_best,
        ),
        Figure(
            "   per document (ms)",
            1000 * ntm_s / count,
            1000 * base_s / count,
            "ms",
            ntm_best=1000 * ntm_best / count,
            baseline_best=1000 * base_best / count,
        ),
    ]


def pdf(count: int, repeat: int, work: Path) -> list[Figure]:
    """`count` DOCX to PDF: ntm's pool of warm LibreOffice instances vs one soffice per document,
    in turns in one run; and the floor, the layout time per document inside one warm instance."""
    from generator import office as ntm_office
    from generator import pdf as ntm_pdf
    from generator.pipeline import generate

    soffice = ntm_pdf.find_soffice()
    if soffice is None:
        return [Figure(f"3. PDF of {count} documents: LibreOffice not installed", float("nan"), float("nan"), "s")]
    folder = work / "pdf"
    shutil.rmtree(folder, ignore_errors=True)
    documents: list[Path] = []
    month = 1
    while len(documents) < count:
        result = generate(
            [REPO / "inputs"], folder / f"run-{month}", docs="kh,pl,kht,bc,bcn", month=dt.date(2021, (month - 1) % 12 + 1, 1)
        )
        documents.extend(d.path for d in result.documents)
        month += 1
    documents = documents[:count]
    size = ntm_office.pool_size()  # the rule, taken before this row loads the machine itself
    cold_s, warm_s, floor_s, naive_s = [], [], [], []

    def timed_once(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    def naive() -> None:
        for document in documents:
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(
                    [
                        str(soffice),
                        f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(document.parent),
                        str(document),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )

    for _ in range(repeat):  # in turns, so that a busy moment of a shared machine weighs on both
        naive_s.append(timed_once(naive))
        pool = ntm_office.Office(size)
        try:
            # what `ntm generate --pdf` pays: the pool starts with the batch
            cold_s.append(timed_once(lambda: ntm_pdf.convert_to_pdf(documents, office=pool)))
            # what the web page pays for its next batch: the same pool, warm
            warm_s.append(timed_once(lambda: ntm_pdf.convert_to_pdf(documents, office=pool)))
        finally:
            pool.stop()
        single = ntm_office.Office(1)
        try:
            ntm_pdf.convert_to_pdf(documents[:1], office=single)  # started and warm before the clock
            floor_s.append(timed_once(lambda: ntm_pdf.convert_to_pdf(documents, office=single)))
        finally:
            single.stop()
    naive_m, cold_m, warm_m, floor_m = (statistics.median(v) for v in (naive_s, cold_s, warm_s, floor_s))
    label = f"{size} instance{'s' if size > 1 else ''}"
    return [
        Figure(
            f"3. PDF of {count} documents: ntm's pool ({label}, started with the batch) vs one soffice per document",
            cold_m,
            naive_m,
            "s",
        ),
        Figure("   the same pool already warm (the web page's next batch) vs one soffice per document", warm_m, naive_m, "s"),
        Figure(
            f"   floor: layout per document inside one warm instance ({count} documents ÷ {count})",
            1000 * floor_m / count,
            float("nan"),
            "ms",
        ),
        Figure(
            f"   bound for {label}: the floor ÷ {size} per document vs one soffice per document",
            1000 * floor_m / count / size,
            1000 * naive_m / count,
            "ms",
        ),
    ]


# The build before issue 15 (lazy imports, click in Vietnamese): start-up and end-to-end rows
# run it and this build one after the other, each as whole `python -m generator` processes.
BASELINE_BUILD = "f0719dd"


def baseline_tree(work: Path, commit: str = BASELINE_BUILD) -> Path | None:
    """The files of `commit` (git archive), extracted once under the bench's work folder."""
    target = (work / f"build-{commit}").resolve()
    if (target / "generator" / "cli.py").is_file():
        return target
    done = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True)
    if done.returncode != 0:
        return None
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(target, filter="data")
    # compiled once, as an installed build is: both builds then start from their .pyc files
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target / "generator")], check=True)
    return target


def _environment(build: Path, work: Path) -> dict[str, str]:
    """The environment that runs `build`, checked: the process imports that build's generator."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(build.resolve())
    where = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(build.resolve()), f"measured {where.stdout}, not {build}"
    return env


def _process_seconds(env: dict[str, str], args: list[str], folder: Path) -> float:
    """Wall time of one `python -m generator ARGS` process, in a fresh folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    assert done.stdout or list(folder.rglob("*.docx")), f"{args} did nothing"
    return elapsed


def _side_by_side(label: str, args: Callable[[Path], list[str]], repeat: int, work: Path) -> Figure:
    """Median and best of `repeat` runs of each build, taken in turns (new, old, new, old…) so
    that a busy moment of a shared machine weighs on both alike. `args` gets the old build's
    tree (whose sample workbook both builds read)."""
    work.mkdir(parents=True, exist_ok=True)
    old = baseline_tree(work)
    if old is None:
        return Figure(f"{label}: build {BASELINE_BUILD} not in this clone", float("nan"), float("nan"), "s")
    new_env, old_env = _environment(REPO, work), _environment(old, work)
    new_s, old_s = [], []
    for n in range(repeat):
        new_s.append(_process_seconds(new_env, args(old), work / f"run-new-{n}"))
        try:
            old_s.append(_process_seconds(old_env, args(old), work / f"run-old-{n}"))
        except subprocess.CalledProcessError as exc:
            # the old build draws its chart with matplotlib (the test extra installs it); anything
            # else that stops it is reported here, not hidden
            reason = (exc.stderr or "").strip().splitlines()[-1:] or [f"exit {exc.returncode}"]
            return Figure(
                f"{label}: this build (build {BASELINE_BUILD} does not run here: {reason[0]})",
                statistics.median(new_s),
                float("nan"),
                "s",
            )
    return Figure(
        f"{label}: this build vs build {BASELINE_BUILD}",
        statistics.median(new_s),
        statistics.median(old_s),
        "s",
        ntm_best=min(new_s),
        baseline_best=min(old_s),
    )


def startup(repeat: int, work: Path, runs: int | None = None) -> list[Figure]:
    """`ntm --help`, a whole process: what the clerk waits for before anything happens."""
    return [_side_by_side("5. start-up, `ntm --help`", lambda _old: ["--help"], runs or max(3, 3 * repeat), work / "startup")]


def end_to_end(repeat: int, work: Path, runs: int | None = None) -> list[Figure]:
    """`ntm generate --month 2021-03` (the monthly plan and report), whole process: both builds on
    the sample workbooks of build f0719dd, which both read (today's sample has criteria and
    dropdown lists that the old build refuses); then this build alone on today's sample."""

    def args(old: Path) -> list[str]:
        return ["generate", str(old / "inputs"), "--month", "2021-03", "--quiet"]

    runs = runs or max(3, repeat)
    both = _side_by_side(
        f"4. `ntm generate --month 2021-03` (DOCX), whole process, sample of {BASELINE_BUILD}", args, runs, work / "e2e"
    )
    env = _environment(REPO, work / "e2e")
    today = [
        _process_seconds(
            env, ["generate", str(REPO / "inputs"), "--month", "2021-03", "--quiet"], work / "e2e" / f"run-today-{n}"
        )
        for n in range(runs)
    ]
    alone = Figure(
        "   the same, this build on today's shipped sample", statistics.median(today), float("nan"), "s", ntm_best=min(today)
    )
    return [both, alone]


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = f", {int(info.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()}"


def table(figures: list[Figure]) -> str:
    out = io.StringIO()
    out.write("| measure | ntm | baseline | baseline ÷ ntm |\n|---|---:|---:|---:|\n")
    for f in figures:
        base = "—" if f.baseline != f.baseline else f"{f.baseline:.2f} {f.unit}" + _best(f.baseline_best, f.unit)
        ratio = "—" if f.baseline != f.baseline or f.ntm != f.ntm else f"{f.ratio:.1f}×"
        if f.ntm_best is not None and f.baseline_best is not None and f.baseline == f.baseline:
            ratio += f" (best {f.baseline_best / f.ntm_best:.1f}×)"
        out.write(f"| {f.label} | {f.ntm:.2f} {f.unit}{_best(f.ntm_best, f.unit)} | {base} | {ratio} |\n")
    return out.getvalue()


def _best(value: float | None, unit: str) -> str:
    return "" if value is None else f" (best {value:.2f} {unit})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2,000 rows, 20 renders, 3 PDFs, 1 repetition")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--renders", type=int, default=500)
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="repetitions per figure (median); 2 keeps the full bench under 10 minutes on 2 cores",
    )
    parser.add_argument("--work", type=Path, default=REPO / "bench" / ".work")
    parser.add_argument(
        "--process-runs", type=int, help="runs of each build for rows 4 and 5 (default: 3, and 3 × --repeat for row 5)"
    )
    parser.add_argument(
        "--only", choices=["ingest", "render", "pdf", "e2e", "startup"], action="append", help="run only these rows (repeatable)"
    )
    args = parser.parse_args()
    if args.quick:
        args.rows, args.renders, args.pdfs, args.repeat = 2_000, 20, 3, 1
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    figures: list[Figure] = []
    rows = {
        "ingest": lambda: ingest(args.rows, args.repeat, args.work),
        "render": lambda: render(args.renders, args.repeat, args.work),
        "pdf": lambda: pdf(args.pdfs, args.repeat, args.work),
        "e2e": lambda: end_to_end(args.repeat, args.work, args.process_runs),
        "startup": lambda: startup(args.repeat, args.work, args.process_runs),
    }
    for name, row in rows.items():
        if args.only and name not in args.only:
            continue
        before = os.getloadavg()[0]
        new = row()
        figures.extend(new)
        for figure in new:
            print(
                f"  {figure.label}: ntm {figure.ntm:.2f} {figure.unit}, baseline {figure.baseline:.2f} {figure.unit}", flush=True
            )
        # the machine is shared: the load average says how busy it was around the row
        print(f"  (load average {before:.1f} before, {os.getloadavg()[0]:.1f} after)", flush=True)
    print()
    print(table(figures))


if __name__ == "__main__":
    main()
