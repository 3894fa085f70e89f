"""Whatever a cell of `Nhật ký` holds, validation returns problems or clean rows; it never raises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schema as S
from generator.pipeline import check_inputs, load_inputs
from generator.reading import RawRow, SheetTable
from generator.validation import validate_activities
from tests.conftest import INPUTS, SAMPLE, examples

HEADERS = [c.header for c in S.ACTIVITY_LOG.columns]
LETTERS = "ABCDEFGHIJKLMNOPQRS"

cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=5000),
    st.text(alphabet="\x00\x01\x07\x0b\x1f\ufffe\u200b", max_size=10),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(),
    st.sampled_from(
        [
            "=SUM(A1:A3)",
            "0,3",
            "1.250.000",
            "1 250 000",
            "15/01/2021",
            "31/02/2021",
            "Thọ Bình1",
            "Lμng DÞa",
            "DH",
            "km",
            "m",
            "ha",
            "Trường THCS",
            "Soi Dịa",
            "-0",
            "1e309",
            "NaN",
            "٣",
        ]
    ),
)


@pytest.fixture(scope="module")
def commune():
    return load_inputs([INPUTS]).commune


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell_values, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=5))
def test_validation_of_any_cells_never_raises(commune, rows):
    raw_rows = tuple(
        RawRow.of("x.xlsx", "Nhật ký", n + 2, [(h, v, LETTERS[i]) for i, (h, v) in enumerate(zip(HEADERS, values))])
        for n, values in enumerate(rows)
    )
    table = SheetTable(S.ACTIVITY_LOG, "x.xlsx", "Nhật ký", 1, tuple(zip(HEADERS, LETTERS)), raw_rows, ())
    activities, problems = validate_activities(commune, [table])
    accepted = {int(a.source.rsplit("!A", 1)[1]) for a in activities}
    refused = {p.location.row for p in problems if p.is_error}
    assert accepted | refused == {r.number for r in raw_rows}, "each row is either accepted or has an error"
    assert not accepted & refused
    for problem in problems:
        assert problem.location.sheet == "Nhật ký" and problem.location.cell
        assert problem.code and problem.message


excel_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=200),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["=1/0", "=A2+1", '="x"', "0,3", "1.250.000"]),
)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(excel_values, min_size=len(HEADERS), max_size=len(HEADERS)))
def test_a_real_workbook_with_any_row_is_read_and_validated(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("fuzz")
    workbook = openpyxl.load_workbook(SAMPLE)
    sheet = workbook["Nhật ký"]
    for column, value in enumerate(values, start=1):
        sheet.cell(row=2, column=column).value = value
    workbook.save(folder / SAMPLE.name)
    report = check_inputs([Path(folder)])
    assert all(p.location.file == SAMPLE.name for p in report.problems)
    if report.commune is None:
        # python-calamine cannot read a date-formatted number far outside the calendar:
        # the file is refused as a whole, with the sheet named
        [problem] = report.problems
        assert problem.code == "E-TEP-KHONG-DOC-DUOC" and "'Nhật ký'" in problem.message
