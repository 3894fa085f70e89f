"""The monthly figures of a log read as columns (polars group-bys) are those of the row reader's objects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.activitylog import ActivityLog
from generator.aggregation import aggregate_month, months_with_data
from generator.pipeline import check_inputs
from tests.conftest import INPUTS, SAMPLE
from tests.workbooks import append_copy, edit, put


def _figures_match(folder) -> int:
    rows = check_inputs([folder], columnar=False)
    columns = check_inputs([folder], columnar=True)
    assert not rows.has_errors, [str(p) for p in rows.problems]
    assert isinstance(columns.log, ActivityLog)
    months = months_with_data(rows.activities)
    assert months_with_data(columns.log) == months
    for month in months:
        by_rows = aggregate_month(rows.commune, rows.activities, month)
        by_columns = aggregate_month(columns.commune, columns.log, month)
        assert by_columns == by_rows, month
        # the printed figures come from these: the same digits, Decimal('0.3') as Decimal('0.3')
        assert [str(p.cumulative_quantity.normalize()) for p in by_columns.progress] == [
            str(p.cumulative_quantity.normalize()) for p in by_rows.progress
        ]
        assert tuple(by_columns.month_activities) == tuple(by_rows.month_activities)
    return len(months)


def test_every_month_of_the_sample_has_the_same_figures_both_ways():
    assert _figures_match(INPUTS) == 3


def test_the_figures_of_march_are_those_the_documents_print():
    report = check_inputs([INPUTS], columnar=True)
    march = aggregate_month(report.commune, report.log, dt.date(2021, 3, 1))
    assert march.month_totals.activities == len([a for a in report.activities if a.day.month == 3])
    assert march.cumulative_totals.activities == 180
    assert isinstance(march.cumulative_totals.workdays, Decimal)


@pytest.mark.parametrize("unit", ["m", "km"])
def test_converted_and_fractional_quantities_sum_exactly(inputs_copy, unit):
    def change(wb):
        sheet = wb["Nhật ký"]
        for n, quantity in enumerate((0.1, 0.2, 1250.5, 0.30000000000000004)):
            row = append_copy(sheet, 3, Ngày=dt.datetime(2021, 3, 20 + n))
            put(sheet, row, "Khối lượng", quantity)
            put(sheet, row, "ĐVT", unit)
            put(sheet, row, "Ngày công", 0.1 * (n + 1))

    edit(inputs_copy / SAMPLE.name, change)
    assert _figures_match(inputs_copy) == 3


def test_a_generated_log_of_several_thousand_rows_has_the_same_figures(tmp_path):
    from bench.data import make_workbook

    make_workbook(tmp_path / "in" / SAMPLE.name, 3_000)
    assert _figures_match(tmp_path / "in") == 3
