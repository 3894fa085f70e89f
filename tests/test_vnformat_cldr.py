"""vnformat writes numbers and dates as babel's Vietnamese (CLDR) patterns do, without loading babel."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from generator import vnformat
from tests.conftest import REPO


def _babel_number(value: Decimal | int, decimals: int) -> str:
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(vnformat._rounded(value, decimals), format=pattern, locale="vi")


@given(
    st.one_of(st.integers(-(10**15), 10**15), st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=6)),
    st.integers(0, 4),
)
def test_numbers_are_written_as_babels_vietnamese_pattern(value, decimals):
    assert vnformat.number(value, decimals) == _babel_number(value, decimals)


def test_numbers_at_the_edges():
    for value in (0, -1, Decimal("-0.0004"), Decimal("999.9995"), Decimal("1E+3"), Decimal("0.30"), 10**12):
        for decimals in range(4):
            assert vnformat.number(value, decimals) == _babel_number(value, decimals)
    assert vnformat.money(12_500_000) == "12.500.000 đồng"
    assert vnformat.percent(Decimal("106.65")) == "106,7%"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_dates_are_written_as_babels_vietnamese_pattern(day):
    month = "MM" if day.month <= 2 else "M"
    assert vnformat.date_long(day) == format_date(day, f"'ngày' dd 'tháng' {month} 'năm' y", locale="vi")
    assert vnformat.date_short(day) == format_date(day, "dd/MM/y", locale="vi")


def test_generate_loads_no_babel():
    code = "import sys, generator.pipeline, generator.rendering, generator.templatecheck; print('babel' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
