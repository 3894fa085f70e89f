"""Vietnamese formatting (SPEC §8, §6): the only module that uses babel.

Numbers use '.' for thousands and ',' for decimals; rounding is half-up, as a
clerk rounds by hand, not babel's default half-even.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "vi"
BLANK_NUMBER = "     "  # the gap left in a draft's number for the register to fill
BLANK_DAY = "    "


def _rounded(value: Decimal | int, decimals: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Decimal | int, decimals: int = 3) -> str:
    """1250 → '1.250'; Decimal('0.30') → '0,3'; at most `decimals` places, no trailing zeros."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(_rounded(value, decimals), format=pattern, locale=LOCALE)


def money(value: int) -> str:
    """12500000 → '12.500.000 đồng'."""
    return f"{number(value, 0)} đồng"


def quantity(value: Decimal | int, unit: str) -> str:
    """Decimal('0.3'), 'km' → '0,3 km'."""
    return f"{number(value)} {unit}".strip()


def percent(value: Decimal | int, decimals: int = 1) -> str:
    """A value already in per cent: Decimal('106.66') → '106,7%'."""
    return f"{number(value, decimals)}%"


def date_long(day: date) -> str:
    """'ngày 05 tháng 01 năm 2021', 'ngày 03 tháng 4 năm 2021' (HD 36: the month is
    padded only for January and February, so that nobody can add a digit to it)."""
    month = "MM" if day.month <= 2 else "M"
    return format_date(day, f"'ngày' dd 'tháng' {month} 'năm' y", locale=LOCALE)


def date_line(place: str, day: date | None, year: int, month: int | None = None) -> str:
    """The place-date line of the header; a draft without a date keeps gaps to fill by hand
    (the month is shown when known, padded by the same rule)."""
    if day is None:
        shown = BLANK_DAY if month is None else f" {month:02d} " if month <= 2 else f" {month} "
        return f"{place}, ngày{BLANK_DAY}tháng{shown}năm {year}"
    return f"{place}, {date_long(day)}"


def month_year(month: int, year: int) -> str:
    """'3/2021' as in running text ("tháng 3/2021")."""
    return f"{month}/{year}"


def date_short(day: date) -> str:
    """Body citations: '15/01/2021'."""
    return format_date(day, "dd/MM/y", locale=LOCALE)


def number_symbol(doc_number: int | None, type_symbol: str, body_symbol: str) -> str:
    """'11-KH/ĐU', '05-BC/ĐU' (1–9 padded); a draft: '     -BC/ĐU'."""
    shown = BLANK_NUMBER if doc_number is None else f"{doc_number:02d}"
    return f"{shown}-{type_symbol}/{body_symbol}"


def document_number(doc_number: int | None, type_symbol: str, body_symbol: str) -> str:
    """The header's number line, without a colon: 'Số 11-KH/ĐU'."""
    return f"Số {number_symbol(doc_number, type_symbol, body_symbol)}"
