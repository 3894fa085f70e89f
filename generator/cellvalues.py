"""Cell values as a clerk types them, read as what their column holds: numbers, counts, dates, months.

A value that cannot be read raises ValueProblem, whose text says why; the caller turns it
into a located Problem. Pure: nothing here opens a file.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from generator.reading import RawCell
from generator.text import nfc


class ValueProblem(ValueError):
    """A cell value that cannot be read as what its column holds; the text says why."""


_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


# Excel stores numbers as floats, and a log repeats few of them: each is converted once.
_DECIMALS: dict[float, Decimal] = {}


def parse_decimal(cell: RawCell) -> Decimal | None:
    """A number as Excel holds it or as a clerk types it: '0,3', '1.250.000', '1 250 000'.

    None for a blank cell. A dot followed by groups of three digits is a thousands
    separator (Vietnamese); a lone dot before other digits is taken as a decimal point.
    """
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"'{value}' không phải là số")
    if isinstance(value, float):
        known = _DECIMALS.get(value)
        if known is None:
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueProblem("ô không chứa số hợp lệ")
            known = _bounded(Decimal(repr(value)))
            if len(_DECIMALS) < 100_000:
                _DECIMALS[value] = known
        return known
    if isinstance(value, int):
        return _bounded(Decimal(value))
    if not isinstance(value, str):
        raise ValueProblem(f"'{cell.text}' không phải là số")
    text = re.sub(r"[\s\u00a0\u202f]", "", value)
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if _THOUSANDS_DOTS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN_NUMBER.match(text):
        text = text.replace(",", ".")
    else:
        raise ValueProblem(f"'{nfc(value)[:40]}' không phải là số")
    try:
        result = Decimal(text)
    except InvalidOperation as err:
        raise ValueProblem(f"'{nfc(value)[:40]}' không phải là số") from err
    return _bounded(-result if negative else result)


# Excel keeps 15 significant digits; no figure of a commune needs more whole digits, and
# Decimal arithmetic (28 digits) would fail far beyond them.
MAX_WHOLE_DIGITS = 15
_TOO_BIG = Decimal(10) ** MAX_WHOLE_DIGITS


def _bounded(value: Decimal) -> Decimal:
    if abs(value) >= _TOO_BIG:
        raise ValueProblem(
            f"số '{value:.0f}' quá lớn: một ô số có tối đa {MAX_WHOLE_DIGITS} chữ số phần nguyên"
            if abs(value) < Decimal(10) ** 60
            else f"số quá lớn: một ô số có tối đa {MAX_WHOLE_DIGITS} chữ số phần nguyên"
        )
    return value


def parse_count(cell: RawCell) -> int | None:
    """A whole number ≥ 0 (people, households)."""
    value = parse_decimal(cell)
    if value is None:
        return None
    if value < 0 or value != value.to_integral_value():
        raise ValueProblem(f"'{cell.text}' phải là số nguyên không âm")
    return int(value)


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(cell: RawCell) -> dt.date | None:
    """A real Excel date, or text dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd."""
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    if isinstance(value, (dt.time, dt.timedelta)):
        # Excel's date serial 0 (or a bare time): the cell is formatted as a date but holds no day
        raise ValueProblem(
            "ô có định dạng ngày nhưng chỉ chứa số 0 hoặc một giờ, không có ngày nào; "
            "hãy gõ dạng ngày/tháng/năm, ví dụ 15/01/2021"
        )
    raise ValueProblem(f"'{cell.text[:40]}' không phải là ngày; hãy gõ dạng ngày/tháng/năm, ví dụ 15/01/2021")


def parse_month(cell: RawCell) -> dt.date | None:
    """'03/2021', '3/2021', '2021-03' or a date → the first day of that month."""
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = cell.text
    for pattern in (r"^(\d{1,2})\s*[/.-]\s*(\d{4})$", r"^(\d{4})\s*-\s*(\d{1,2})$"):
        match = re.match(pattern, text)
        if match:
            first, second = (int(g) for g in match.groups())
            month, year = (first, second) if first <= 12 and second > 12 else (second, first)
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
    raise ValueProblem(f"'{text[:20]}' không phải là tháng; hãy ghi dạng tháng/năm, ví dụ 03/2021")
