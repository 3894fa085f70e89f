"""A sample: everything that differs between the sample workbooks, and the two samples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import COMMUNE_CENTRE
from sample_workbooks.binh_xa_2021 import (
    ASSESSMENT,
    ASSIGNMENTS,
    CRITERIA,
    FIXED_TIME,
    GUIDE_MAIN,
    GUIDE_UNIT,
    HOLIDAYS,
    INFO,
    LOG_COUNTS,
    LOG_MONTHS,
    MAIN_FILE,
    METRE_ROWS,
    NOTES,
    PER_UNIT_COUNTS,
    PER_UNIT_WORKBOOK_UNIT,
    PLAN_MONTHS,
    PREVIOUS_YEAR,
    RECIPIENTS,
    RNG_SEED,
    UNIT_CRITERIA,
    UNIT_FILE,
    UNIT_PEOPLE,
    UNITS,
    VILLAGES,
    YEAR,
)
from sample_workbooks.binh_xa_2026 import (
    ASSESSMENT_2026,
    ASSIGNMENTS_2026,
    CRITERIA_2026,
    FIXED_TIME_2026,
    GUIDE_MAIN_2026,
    HOLIDAYS_2026,
    INFO_2026,
    LOG_COUNTS_2026,
    LOG_MONTHS_2026,
    MAIN_FILE_2026,
    METRE_ROWS_2026,
    NOTES_2026,
    PLAN_MONTHS_2026,
    RECIPIENTS_2026,
    UNIT_CRITERIA_2026,
    UNIT_PEOPLE_2026,
    UNITS_2026,
    VILLAGES_2026,
    YEAR_2026,
    renamed,
)


@dataclass(frozen=True)
class Sample:
    main_file: Path
    year: int
    rng_seed: int
    fixed_time: dt.datetime  # document properties and zip entries
    holidays: frozenset[dt.date]  # no activity on these days
    info: list[tuple]
    recipients: list[tuple]
    units: list[tuple]
    villages: list[tuple]
    criteria: list[tuple]
    assignments: list[tuple]
    log_months: tuple[int, ...]
    log_counts: Mapping[str, tuple[int, ...]]
    metre_rows: int
    plan_months: tuple[int, ...]
    unit_criteria: dict[str, dict[str, int]]
    unit_people: dict[str, tuple]
    notes: list[str]
    guide_main: list[tuple[str, str]]
    # the per-unit activity-log workbook, if any: (file, unit, rows per log month, guide)
    unit_file: Path | None = None
    per_unit_unit: str = ""
    per_unit_counts: tuple[int, ...] = ()
    guide_unit: list[tuple[str, str]] | None = None
    assessment: list[tuple[str, str, str]] = field(default_factory=list)  # the `Đánh giá` sheet
    previous_year: list[tuple[int, int, int, int, int]] = field(default_factory=list)  # `Năm trước`

    @property
    def unit_names(self) -> list[str]:
        return [u[0] for u in self.units]

    @property
    def village_names(self) -> list[str]:
        return [v[0] for v in self.villages]

    @property
    def far_villages(self) -> frozenset[str]:
        return frozenset(v[0] for v in self.villages if v[1])

    @property
    def criterion_unit(self) -> dict[str, str]:
        return {c[0]: c[2] for c in self.criteria}

    @property
    def assigned(self) -> dict[str, list[str]]:
        return {
            unit: ([v.strip() for v in villages.split(",")] if villages else [COMMUNE_CENTRE])
            for _, unit, _, villages in self.assignments
        }


def sample_2021() -> Sample:
    """Bình Xa 2021: the real plan 11-KH/ĐU, illustrative logs of January–March."""
    return Sample(
        main_file=MAIN_FILE,
        year=YEAR,
        rng_seed=RNG_SEED,
        fixed_time=FIXED_TIME,
        holidays=HOLIDAYS,
        info=INFO,
        recipients=RECIPIENTS,
        units=UNITS,
        villages=VILLAGES,
        criteria=CRITERIA,
        assignments=ASSIGNMENTS,
        log_months=LOG_MONTHS,
        log_counts=LOG_COUNTS,
        metre_rows=METRE_ROWS,
        plan_months=PLAN_MONTHS,
        unit_criteria=UNIT_CRITERIA,
        unit_people=UNIT_PEOPLE,
        notes=NOTES,
        guide_main=GUIDE_MAIN,
        unit_file=UNIT_FILE,
        per_unit_unit=PER_UNIT_WORKBOOK_UNIT,
        per_unit_counts=PER_UNIT_COUNTS,
        guide_unit=GUIDE_UNIT,
        assessment=ASSESSMENT,
        previous_year=PREVIOUS_YEAR,
    )


def sample_2026() -> Sample:
    """Bình Xa 2026, the merged commune under the province: logs of January–February."""
    return Sample(
        main_file=MAIN_FILE_2026,
        year=YEAR_2026,
        rng_seed=YEAR_2026,
        fixed_time=FIXED_TIME_2026,
        holidays=HOLIDAYS_2026,
        info=INFO_2026,
        recipients=RECIPIENTS_2026,
        units=[(renamed(u[0]), *u[1:]) for u in UNITS_2026],
        villages=VILLAGES_2026,
        criteria=CRITERIA_2026,
        assignments=[(a[0], renamed(a[1]), *a[2:]) for a in ASSIGNMENTS_2026],
        log_months=LOG_MONTHS_2026,
        log_counts={renamed(k): v for k, v in LOG_COUNTS_2026.items()},
        metre_rows=METRE_ROWS_2026,
        plan_months=PLAN_MONTHS_2026,
        unit_criteria={renamed(k): v for k, v in UNIT_CRITERIA_2026.items()},
        unit_people={renamed(k): v for k, v in UNIT_PEOPLE_2026.items()},
        notes=NOTES_2026,
        guide_main=GUIDE_MAIN_2026,
        assessment=ASSESSMENT_2026,
    )
