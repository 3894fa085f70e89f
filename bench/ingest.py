"""One ingest run in its own process, so that its peak memory is its own.

    python -m bench.ingest ntm|ntm-rows|openpyxl WORKBOOK_FOLDER

Prints one line: seconds, peak resident memory in MiB, rows seen.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def peak_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the program since it
    started; getrusage's ru_maxrss may carry the parent's peak across fork and exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def ntm(folder: Path) -> int:
    """ntm's read + validate + aggregate, as `ntm generate` does for the latest month with data.

    A big log is read and validated column by column and stays one frame (`inputs.log`); the
    month's figures are group-bys over it. The rows become `Activity` objects only where a
    document walks through them (not measured here: see bench/README.md)."""
    from generator.aggregation import aggregate_month, months_with_data
    from generator.pipeline import load_inputs

    inputs = load_inputs([folder])
    aggregate_month(inputs.commune, inputs.log, months_with_data(inputs.log)[-1])
    return len(inputs.log)


def ntm_rows(folder: Path) -> int:
    """The same, every log read and validated row by row (python-calamine): ntm before issue 17."""
    from generator.aggregation import aggregate_month, months_with_data
    from generator.pipeline import load_inputs

    inputs = load_inputs([folder], columnar=False)
    aggregate_month(inputs.commune, inputs.activities, months_with_data(inputs.activities)[-1])
    return len(inputs.activities)


def openpyxl_rows(folder: Path) -> int:
    """The baseline: a plain openpyxl read-only pass that only iterates the rows."""
    import openpyxl

    count = 0
    for path in sorted(folder.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                count += 1
        workbook.close()
    return count


def main() -> None:
    which, folder = sys.argv[1], Path(sys.argv[2])
    # imports are not the work being measured: load them before the clock starts
    if which in ("ntm", "ntm-rows"):
        import fastexcel  # noqa: F401
        import polars  # noqa: F401

        import generator.aggregation
        import generator.columnar
        import generator.framesums
        import generator.pipeline  # noqa: F401
    else:
        import openpyxl  # noqa: F401
    started = time.perf_counter()
    rows = {"ntm": ntm, "ntm-rows": ntm_rows, "openpyxl": openpyxl_rows}[which](folder)
    print(f"{time.perf_counter() - started:.3f} {peak_mib():.1f} {rows}")


if __name__ == "__main__":
    main()
