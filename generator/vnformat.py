"""Vietnamese formatting (SPEC §8, §6) and the grammar of document numbers and dates.

The only module that uses babel. Numbers use '.' for thousands and ',' for decimals; rounding
is half-up, as a clerk rounds by hand, not babel's default half-even.

The patterns at the end read back what the functions above write (and what a clerk or another
office writes by hand): the register finds a draft's number and date lines with them, the
linter checks a header's lines against Hướng dẫn 36 and Nghị định 30 with them. The tests
parse what the formatters write, so the two halves cannot drift apart.
"""

from __future__ import annotations

import re
from datetime import date, datetime
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


def parse_date_short(text: str) -> date:
    """The grammar of date_short read back, day first: '03/04/2021' (or '3/4/2021') is 3 April
    2021, whatever the language of the computer or the browser. Raises ValueError otherwise."""
    return datetime.strptime(text.strip(), "%d/%m/%Y").date()


def date_short_or_blank(day: date | None, year: int) -> str:
    """A citation's date, or the gaps a draft leaves for it: '    /    /2021' (filled at issue)."""
    return date_short(day) if day is not None else f"{BLANK_DAY}/{BLANK_DAY}/{year}"


def number_symbol(doc_number: int | None, type_symbol: str, body_symbol: str) -> str:
    """'11-KH/ĐU', '05-BC/ĐU' (1–9 padded); a draft: '     -BC/ĐU'."""
    shown = BLANK_NUMBER if doc_number is None else f"{doc_number:02d}"
    return f"{shown}-{type_symbol}/{body_symbol}"


def document_number(doc_number: int | None, type_symbol: str, body_symbol: str) -> str:
    """The header's number line, without a colon: 'Số 11-KH/ĐU'."""
    return f"Số {number_symbol(doc_number, type_symbol, body_symbol)}"


# ---------------------------------------------------------------- reading numbers and dates back

# the gap a draft leaves for a number or a day: spaces, dots, an ellipsis or underscores
GAP = r"[ \t\u00a0.…_]*"

# the number line as ntm writes it or a clerk types it, filled or not: 'Số 11-KH/ĐU', 'Số:  -BC/ĐU'
NUMBER_LINE = re.compile(r"Số\s*:?" + GAP + r"(?P<number>[0-9]*)" + GAP + r"-\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<body>[^\s/]+?)\.?")
# a number and symbol typed by a clerk on the command line: '05-BC/ĐU', 'số 5-BC/ĐU'
NUMBER_SYMBOL = re.compile(r"(?:số\s*)?0*(?P<number>\d+)\s*-\s*(?P<type>[^\W\d_]+)\s*/\s*(?P<body>\S+)", re.IGNORECASE)
# the date words of a header line, day and month possibly left as gaps: 'ngày    tháng 3 năm 2021'
DATE_GAPPED = re.compile(
    r"ngày"
    + GAP
    + r"(?:\d{1,2})?"
    + GAP
    + r"tháng"
    + GAP
    + r"(?:\d{1,2})?"
    + GAP
    + r"năm"
    + r"(?:[ \t\u00a0]*\d{4}|"
    + GAP
    + r")"
)
# the date words with their figures (day and month optional, the year not): 'ngày 15 tháng 01 năm 2021'
DATE_WORDS = re.compile(r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})")
# a line shaped like a date line, whatever its figures
DATE_SHAPE = re.compile(r"ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
# the short date of a draft's citation of itself, left as gaps: 'ngày     /    /2021'
SHORT_DATE_GAPPED = re.compile(r"ngày" + GAP + r"/" + GAP + r"/[ \t\u00a0]*\d{4}")
# a short date after "ngày" in running text (date_short): 'ngày 15/01/2021'
SHORT_DATE = re.compile(r"ngày\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
# a month in a title or a sentence: 'tháng 3 năm 2021', 'tháng 3/2021'
MONTH_OF_YEAR = re.compile(r"\btháng\s+(?P<month>\d{1,2})\s*(?:/|năm)\s*(?P<year>\d{4})\b")

# What the guidelines require, as the linter checks it ("X" stands for a figure in a model form).
# Hướng dẫn 36-HD/VPTW: 'Số 11-KH/ĐU', two digits at least; a draft 'Số      -KH/ĐU'
NUMBER_LINE_36 = re.compile(r"^Số (\d{2,}|X)-(?:[A-ZĐ]+|TTr)/[A-ZĐ]+(?:-[A-ZĐ]+)*$")
DRAFT_NUMBER_LINE_36 = re.compile(r"^Số\s+-(?:[A-ZĐ]+|TTr)/[A-ZĐ]+(?:-[A-ZĐ]+)*$")
# Nghị định 30/2020/NĐ-CP: 'Số: 12/UBND-VP', 'Số: 05/2021/QĐ-UBND'
NUMBER_LINE_30 = re.compile(r"^Số:\s*(?:\d+|X)?\s*/(?:\d{4}/)?[A-ZĐa-z&]+(?:-[A-ZĐa-z&]+)*$")
# the place-date line of Hướng dẫn 36: a month of 1–2 padded, of 3–12 not
DATE_LINE_36 = re.compile(r"^.+, ngày\s+(?:(?:\d{2}|X)\s+)?tháng\s+(?:(?:01|02|[3-9]|1[0-2]|X)\s+)?năm (?:\d{4}|X)$")
