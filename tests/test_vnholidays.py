"""The holiday table ntm ships (generator/vnholidays.tsv) says what the `holidays` package says."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from generator import vnholidays
from generator.vnholidays import FIRST_YEAR, LAST_YEAR, from_package, vietnam_holidays
from tests.conftest import REPO


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_the_table_matches_the_holidays_package_for_every_year_it_covers(year: int) -> None:
    # fails when a new `holidays` release adds a decision (a "nghỉ bù" day): run tools/make_holidays.py
    assert dict(vietnam_holidays(year)) == from_package(year)


def test_lunar_new_year_and_hung_kings_day_are_on_their_lunar_dates() -> None:
    days_2021 = vietnam_holidays(2021)
    assert days_2021[dt.date(2021, 2, 12)] == "Tết Nguyên Đán"  # 1 tháng Giêng Tân Sửu
    assert days_2021[dt.date(2021, 4, 21)] == "Ngày Giỗ Tổ Hùng Vương"  # 10 tháng Ba âm lịch
    days_2026 = vietnam_holidays(2026)
    assert days_2026[dt.date(2026, 2, 17)] == "Tết Nguyên Đán"  # 1 tháng Giêng Bính Ngọ
    assert days_2026[dt.date(2026, 4, 26)] == "Ngày Giỗ Tổ Hùng Vương"
    assert days_2026[dt.date(2026, 9, 2)] == "Quốc khánh"


def test_a_year_outside_the_table_is_asked_of_the_package() -> None:
    assert FIRST_YEAR - 1 not in {day.year for year in (FIRST_YEAR, LAST_YEAR) for day in vietnam_holidays(year)}
    before = vietnam_holidays(FIRST_YEAR - 1)
    assert dt.date(FIRST_YEAR - 1, 9, 2) in before and before == from_package(FIRST_YEAR - 1)


def test_validation_and_generate_do_not_import_the_holidays_package() -> None:
    code = "import sys, generator.pipeline, generator.validation, generator.vnholidays as v; v.vietnam_holidays(2021); print('holidays' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_table_is_what_the_tool_writes() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from make_holidays import table_text
    finally:
        sys.path.remove(str(REPO / "tools"))
    assert vnholidays.TABLE.read_text(encoding="utf-8") == table_text()
