"""Makes the benchmark's inputs: the sample's main workbook with N activity rows.

The rows are drawn from the sample's own rows (dates shifted so that no two are
identical), so that they are valid and the figures stay believable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "inputs" / "binh-xa-2021.xlsx"


def make_workbook(target: Path, rows: int) -> Path:
    """Writes `target`: every sheet of the sample, `Nhật ký` grown to `rows` data rows."""
    source = openpyxl.load_workbook(SAMPLE)
    out = openpyxl.Workbook(write_only=True)
    for sheet in source.worksheets:
        values = list(sheet.iter_rows(values_only=True))
        new = out.create_sheet(sheet.title)
        if sheet.title != "Nhật ký":
            for row in values:
                new.append(row)
            continue
        header, data = values[0], [r for r in values[1:] if any(v is not None for v in r)]
        new.append(header)
        for n in range(rows):
            row = list(data[n % len(data)])
            # a different head-count per copy keeps every row distinct (no duplicate errors)
            row[5] = int(row[5]) + n // len(data)
            row[11] = min(int(row[11] or 0), row[5])
            day = row[0].date() if isinstance(row[0], dt.datetime) else row[0]
            row[0] = day
            new.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    out.save(target)
    return target
