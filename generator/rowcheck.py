"""Row-by-row reading of cells into typed values, one located Problem per bad cell.

Shared by the commune's sheets (validation.py), the activity logs and the monthly plan
(logcheck.py); the columnar path (columnar.py) sends the rows it cannot pass here, so that
every message is worded in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.cellvalues import ValueProblem, parse_count, parse_date, parse_decimal
from generator.errors import Location, Problem, ProblemCode, Severity
from generator.legacy import detect_legacy
from generator.names import NameIndex, name_problems
from generator.reading import RawCell, RawRow
from generator.text import nfc


@dataclass
class Collector:
    problems: list[Problem]

    def add(self, location: Location, code: ProblemCode, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(location, code, message, severity))

    def value_error(self, row: RawRow, header: str, error: ValueProblem, expected: str) -> None:
        self.add(row.location(header), ProblemCode.BAD_VALUE, f"Cột '{header}': {error}. {expected}")

    def required(self, row: RawRow, header: str) -> str | None:
        text = nfc(row.text(header))
        if not text:
            self.add(row.location(header), ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
            return None
        return text


class RowReader:
    """Reads one row's cells into typed values, adding a problem for each bad cell."""

    def __init__(self, row: RawRow, out: Collector) -> None:
        self.row = row
        self.out = out
        self.ok = True

    def fail(self, header: str, code: ProblemCode, message: str) -> None:
        self.ok = False
        self.out.add(self.row.location(header), code, message)

    def text(self, header: str, required: bool = True) -> str:
        value = nfc(self.row.text(header))
        if required and not value:
            self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
        return value

    def name(self, header: str, index: NameIndex, sheet: str, what: str) -> str:
        typed = self.text(header)
        if not typed:
            return ""
        match = index.match(typed)
        if match.name is None:
            legacy = detect_legacy(typed)
            if legacy is not None:
                converted = index.match(legacy.converted)
                if converted.name is not None:
                    return converted.name  # the legacy-encoding warning is added by the caller
        if match.name is not None and not match.by_diacritics_only:
            return match.name
        problems = name_problems(match, typed, self.row.location(header), what, sheet)
        for problem in problems:
            if problem.is_error:
                self.ok = False
        self.out.problems.extend(problems)
        return match.name or ""

    def count(self, header: str, default: int | None = 0) -> int:
        raw = RawCell(self.row.value(header), "").value
        if type(raw) is float and raw >= 0 and raw.is_integer():
            return int(raw)  # the common case, as Excel stores counts
        try:
            value = parse_count(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(
                header, ProblemCode.BAD_COUNT, f"Cột '{header}': {error}. Hãy ghi số người là số nguyên không âm, ví dụ 25."
            )
            return 0
        if value is None:
            if default is None:
                self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
                return 0
            return default
        return value

    def amount(self, header: str) -> Decimal:
        try:
            value = parse_decimal(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(header, ProblemCode.BAD_NUMBER, f"Cột '{header}': {error}. Hãy ghi một số, ví dụ 0,3 hoặc 1.250.000.")
            return Decimal(0)
        if value is None:
            return Decimal(0)
        if value < 0:
            self.fail(
                header, ProblemCode.NEGATIVE_NUMBER, f"Cột '{header}' có số âm ({self.row.text(header)}); hãy ghi số không âm."
            )
            return Decimal(0)
        return value

    def money(self, header: str) -> int:
        value = self.amount(header)
        if value != value.to_integral_value():
            self.fail(header, ProblemCode.BAD_NUMBER, f"Cột '{header}': số tiền phải là số đồng nguyên, không có phần lẻ.")
            return 0
        return int(value)

    def day(self, header: str, year: int | None, holidays: Mapping[dt.date, str]) -> dt.date | None:
        try:
            value = parse_date(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(header, ProblemCode.BAD_DATE, f"Cột '{header}': {error}.")
            return None
        if value is None:
            self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
            return None
        if year is not None and value.year != year:
            self.fail(
                header,
                ProblemCode.DATE_OUTSIDE_YEAR,
                f"Ngày {value:%d/%m/%Y} không thuộc năm kế hoạch {year}. Hãy kiểm tra lại năm.",
            )
        elif value in holidays:
            self.out.add(
                self.row.location(header),
                ProblemCode.HOLIDAY,
                f"Ngày {value:%d/%m/%Y} là ngày nghỉ lễ ({holidays[value]}). Hãy kiểm tra lại ngày.",
                Severity.WARNING,
            )
        return value


LEGACY_CHECKED = ("Đơn vị", "Thôn", "Nội dung hoạt động", "Ghi chú")


def legacy_warnings(row: RawRow, out: Collector, headers: Sequence[str] = LEGACY_CHECKED) -> None:
    for header in headers:
        text = row.text(header)
        if not text or text.isascii():
            continue
        legacy = detect_legacy(text)
        if legacy is not None:
            out.add(
                row.location(header),
                ProblemCode.LEGACY_ENCODING,
                f"'{text}' có vẻ gõ bằng bảng mã cũ {legacy.encoding}; chữ Unicode là: '{legacy.converted}'. "
                "Hãy gõ lại bằng Unicode (Unikey: bảng mã Unicode).",
                Severity.WARNING,
            )
