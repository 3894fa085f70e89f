"""Vietnam's public holidays by year, with their Vietnamese names (Tết Nguyên Đán, Giỗ Tổ Hùng
Vương and their "nghỉ bù" days included), for the holiday warning on a log's dates.

The years ntm accepts as a plan year (FIRST_YEAR–LAST_YEAR) are read from vnholidays.tsv, a
table written from the `holidays` package by tools/make_holidays.py and checked against that
package, year by year, by tests/test_vnholidays.py. Reading it costs well under a millisecond,
where importing `holidays` (its registry of every country) costs 0.1–0.2 s of each `ntm
generate`. A year outside the table falls back to the package itself, imported only then.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the plan years the CLI accepts
TABLE = Path(__file__).with_name("vnholidays.tsv")


@functools.cache
def _table() -> Mapping[int, Mapping[dt.date, str]]:
    years: dict[int, dict[dt.date, str]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        day_text, name = line.split("\t", 1)
        day = dt.date.fromisoformat(day_text)
        years.setdefault(day.year, {})[day] = name
    return MappingProxyType({year: MappingProxyType(days) for year, days in years.items()})


def from_package(year: int) -> dict[dt.date, str]:
    """The `holidays` package's own answer (the source of the table, and the fallback)."""
    import holidays

    return {day: str(name) for day, name in holidays.country_holidays("VN", years=year, language="vi").items()}


def vietnam_holidays(year: int) -> Mapping[dt.date, str]:
    """{date: Vietnamese name} of the public holidays of `year`."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return _table().get(year, MappingProxyType({}))
    return from_package(year)
