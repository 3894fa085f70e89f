"""Writes generator/vnholidays.tsv: Vietnam's public holidays, with their Vietnamese names, for
every year ntm accepts as a plan year (2000–2100), taken from the `holidays` package.

    python tools/make_holidays.py

Run it again when `holidays` adds a year's decisions (a "nghỉ bù" day, a day swapped by the
government): tests/test_vnholidays.py compares the shipped table with the installed package for
every year it covers, and fails until the table is regenerated. ntm reads the table instead of
importing `holidays` (whose import alone costs about 0.2 s on a loaded machine).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.vnholidays import FIRST_YEAR, LAST_YEAR, TABLE, from_package  # noqa: E402


def table_text() -> str:
    lines = [
        "# Ngày nghỉ lễ của Việt Nam theo năm, lấy từ gói holidays (tools/make_holidays.py); không sửa tay.",
        f"# năm {FIRST_YEAR}-{LAST_YEAR}; mỗi dòng: ngày (YYYY-MM-DD), tab, tên ngày lễ",
    ]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for day, name in sorted(from_package(year).items()):
            lines.append(f"{day.isoformat()}\t{unicodedata.normalize('NFC', name)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    TABLE.write_text(table_text(), encoding="utf-8", newline="\n")
    print(f"{TABLE}: {FIRST_YEAR}-{LAST_YEAR}")


if __name__ == "__main__":
    main()
