"""SPEC §8 and the date rule of §6: inputs and the exact strings a clerk expects."""

import datetime as dt
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import vnformat


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.3"), "0,3"),
        (Decimal("0.30"), "0,3"),
        (1250, "1.250"),
        (1250000, "1.250.000"),
        (0, "0"),
        (Decimal("12.5"), "12,5"),
        (Decimal("1234567.891"), "1.234.567,891"),
        (Decimal("0.0005"), "0,001"),  # half-up at the third place
        (Decimal("-2.5"), "-2,5"),
    ],
)
def test_number(value, expected):
    assert vnformat.number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12500000, "12.500.000 đồng"), (0, "0 đồng"), (950, "950 đồng")],
)
def test_money(value, expected):
    assert vnformat.money(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(Decimal("0.3"), "km", "0,3 km"), (Decimal("0.8"), "km", "0,8 km"), (2, "tuyến", "2 tuyến")],
)
def test_quantity(value, unit, expected):
    assert vnformat.quantity(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("106.66"), "106,7%"),
        (Decimal("106.65"), "106,7%"),  # half-up, not babel's half-even
        (Decimal("80"), "80%"),
        (Decimal("0"), "0%"),
        (Decimal("33.333"), "33,3%"),
    ],
)
def test_percent(value, expected):
    assert vnformat.percent(value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
        (date(2021, 1, 15), "ngày 15 tháng 01 năm 2021"),
        (date(2021, 2, 1), "ngày 01 tháng 02 năm 2021"),
        (date(2021, 3, 3), "ngày 03 tháng 3 năm 2021"),
        (date(2021, 4, 3), "ngày 03 tháng 4 năm 2021"),
        (date(2021, 10, 28), "ngày 28 tháng 10 năm 2021"),
        (date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
    ],
)
def test_date_long_pads_day_always_and_month_only_for_january_and_february(day, expected):
    assert vnformat.date_long(day) == expected


def test_date_line_of_the_header():
    assert vnformat.date_line("Bình Xa", date(2021, 1, 15), 2021) == "Bình Xa, ngày 15 tháng 01 năm 2021"


def test_date_line_of_a_draft_without_date_keeps_gaps():
    assert vnformat.date_line("Bình Xa", None, 2021) == "Bình Xa, ngày    tháng    năm 2021"


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2021, 1, 15), "15/01/2021"), (date(2020, 12, 28), "28/12/2020"), (date(2021, 3, 5), "05/03/2021")],
)
def test_date_short_for_citations(day, expected):
    assert vnformat.date_short(day) == expected


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (11, "KH", "Số 11-KH/ĐU"),
        (5, "BC", "Số 05-BC/ĐU"),
        (1, "KH", "Số 01-KH/ĐU"),
        (123, "BC", "Số 123-BC/ĐU"),
        (None, "BC", "Số      -BC/ĐU"),
    ],
)
def test_document_number_has_no_colon_and_pads_one_to_nine(number, symbol, expected):
    assert vnformat.document_number(number, symbol, "ĐU") == expected


@pytest.mark.parametrize(
    ("month", "expected"), [(1, "Bình Xa, ngày    tháng 01 năm 2021"), (3, "Bình Xa, ngày    tháng 3 năm 2021")]
)
def test_date_line_of_a_monthly_draft_shows_its_month(month, expected):
    assert vnformat.date_line("Bình Xa", None, 2021, month) == expected


# ---------------------------------------------------------------- the same grammar read back


@pytest.mark.parametrize(("number", "type_symbol", "body"), [(11, "KH", "ĐU"), (5, "BC", "ĐU"), (123, "KHT", "ĐU-VP")])
def test_an_issued_number_line_reads_back(number: int, type_symbol: str, body: str) -> None:
    line = vnformat.document_number(number, type_symbol, body)
    match = vnformat.NUMBER_LINE.fullmatch(line)
    assert match is not None and (int(match["number"]), match["type"], match["body"]) == (number, type_symbol, body)
    assert vnformat.NUMBER_LINE_36.match(line)
    symbol = vnformat.NUMBER_SYMBOL.fullmatch(vnformat.number_symbol(number, type_symbol, body))
    assert symbol is not None and int(symbol["number"]) == number


def test_a_draft_number_line_reads_back_with_its_gap() -> None:
    line = vnformat.document_number(None, "BC", "ĐU")
    match = vnformat.NUMBER_LINE.fullmatch(line)
    assert match is not None and match["number"] == "" and match["type"] == "BC"
    assert vnformat.DRAFT_NUMBER_LINE_36.match(line) and not vnformat.NUMBER_LINE_36.match(line)


@pytest.mark.parametrize("day", [date(2021, 1, 5), date(2021, 2, 28), date(2021, 4, 3), date(2021, 12, 31)])
def test_a_date_line_reads_back(day: date) -> None:
    line = vnformat.date_line("Bình Xa", day, day.year)
    assert vnformat.DATE_LINE_36.match(line) and vnformat.DATE_GAPPED.search(line)
    match = vnformat.DATE_WORDS.search(line)
    assert match is not None and date(int(match["year"]), int(match["month"]), int(match["day"])) == day
    short = vnformat.SHORT_DATE.search("ngày " + vnformat.date_short(day))
    assert short is not None and date(int(short["year"]), int(short["month"]), int(short["day"])) == day


@pytest.mark.parametrize("month", [None, 2, 3])
def test_a_draft_date_line_reads_back_with_its_gaps(month: int | None) -> None:
    line = vnformat.date_line("Bình Xa", None, 2021, month)
    assert vnformat.DATE_GAPPED.search(line) and vnformat.DATE_LINE_36.match(line)
    match = vnformat.DATE_WORDS.search(line)
    assert match is not None and match["day"] is None and match["year"] == "2021"
    assert match["month"] == (None if month is None else f"{month:02d}" if month <= 2 else str(month))


def test_a_month_reads_back_from_words_and_figures() -> None:
    for text in ("Báo cáo kết quả tháng 3 năm 2021", f"trong tháng {vnformat.month_year(3, 2021)}"):
        match = vnformat.MONTH_OF_YEAR.search(text)
        assert match is not None and (match["month"], match["year"]) == ("3", "2021")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_short_date_reads_back_as_the_same_day(day):
    assert vnformat.parse_date_short(vnformat.date_short(day)) == day


@pytest.mark.parametrize("text", ["2021-03-02", "02/13/2021", "32/01/2021", "02/03/21", "", "hôm nay"])
def test_only_day_month_year_is_read_as_a_date(text):
    with pytest.raises(ValueError):
        vnformat.parse_date_short(text)
