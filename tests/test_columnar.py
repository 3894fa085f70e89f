"""The columnar ingest (fastexcel columns, column-wise rules) finds what the row reader finds.

Every faulty workbook of the validation tests is checked both ways: the same problems (code,
cell, whole path, message, severity) and the same activities, and each expected problem at
its cell when the log is read column by column.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from generator import schema as S
from generator.activitylog import ActivityLog
from generator.pipeline import InputsReport, check_inputs
from generator.reading import LogColumns, read_workbook
from tests.conftest import INPUTS, SAMPLE
from tests.test_validation_codes import CASES, Case
from tests.workbooks import append_copy, edit, put

LOG = "Nhật ký"


def _both(folder: Path) -> tuple[InputsReport, InputsReport]:
    rows = check_inputs([folder], columnar=False)
    columns = check_inputs([folder], columnar=True)
    assert [(p.code, p.location, p.message, p.severity) for p in columns.problems] == [
        (p.code, p.location, p.message, p.severity) for p in rows.problems
    ]
    assert columns.activities == rows.activities
    assert [a.source for a in columns.activities] == [a.source for a in rows.activities]
    return rows, columns


def test_the_sample_log_is_read_column_by_column_and_gives_the_same_rows():
    book = read_workbook(SAMPLE, columnar=True)
    assert isinstance(book.log(), LogColumns)
    rows, columns = _both(INPUTS)
    assert isinstance(columns.log, ActivityLog) and len(columns.log) == 180
    # the same Decimal objects as the row reader: Decimal('25.0') stays Decimal('25.0')
    assert [str(a.quantity) for a in columns.activities] == [str(a.quantity) for a in rows.activities]


def _every_fourth_quick(values: list, ids: list[str]) -> list:
    """The exhaustive both-ways comparison runs whole in the full suite; the quick run
    (`-m "not slow"`) keeps every fourth case, so that each kind of cell still meets both readers."""
    return [pytest.param(v, id=i, marks=() if n % 4 == 0 else pytest.mark.slow) for n, (v, i) in enumerate(zip(values, ids))]


@pytest.mark.parametrize("case", _every_fourth_quick(list(CASES), [f"{c.code}-{i}" for i, c in enumerate(CASES)]))
def test_each_problem_is_found_at_the_same_cell_column_by_column(case: Case, inputs_copy):
    case.change(inputs_copy)
    _, report = _both(inputs_copy)
    cell = case.cell(openpyxl.load_workbook(inputs_copy / SAMPLE.name)) if callable(case.cell) else case.cell
    assert any(
        p.code == case.code
        and (not case.file or p.location.file == case.file)
        and p.location.sheet == case.sheet
        and p.location.cell == cell
        and all(word in p.message for word in case.words)
        for p in report.problems
    ), [str(p) for p in report.problems]


def _log(change: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]) -> Callable[[openpyxl.Workbook], None]:
    return lambda wb: change(wb[LOG])


ODD_LOGS: dict[str, Callable[[openpyxl.Workbook], None]] = {
    "error value": _log(lambda ws: put(ws, 7, "Khối lượng", "#REF!")),
    "date before 1900 as text": _log(lambda ws: put(ws, 2, "Ngày", "15/01/1899")),
    "date serial as text": _log(lambda ws: put(ws, 2, "Ngày", "44198")),
    "date typed as text": _log(lambda ws: put(ws, 3, "Ngày", "06/03/2021")),
    "a number in the date column": _log(lambda ws: put(ws, 3, "Ngày", 44262)),
    "date serial 0": _log(lambda ws: put(ws, 3, "Ngày", dt.time(0, 0))),
    "a date with a time": _log(lambda ws: put(ws, 3, "Ngày", dt.datetime(2021, 3, 6, 10, 30))),
    "text in a count column": _log(lambda ws: put(ws, 4, "Đảng viên", "mười")),
    "a count typed as text": _log(lambda ws: put(ws, 4, "Đảng viên", "3")),
    "a fraction in a count": _log(lambda ws: put(ws, 4, "Đảng viên", 2.5)),
    "a huge count": _log(lambda ws: put(ws, 4, "Tổng lượt người", 10**14)),
    "a boolean in a number column": _log(lambda ws: put(ws, 4, "Ngày công", True)),
    "a boolean in a text column": _log(lambda ws: put(ws, 4, "Ghi chú", True)),
    "a number in a text column": _log(lambda ws: put(ws, 4, "Nội dung hoạt động", 12.5)),
    "white space in a number column": _log(lambda ws: put(ws, 4, "Ngày công", "   ")),
    "a negative zero": _log(lambda ws: put(ws, 4, "Tiền mặt (đồng)", "-0")),
    "a real negative zero": _log(lambda ws: put(ws, 4, "Khối lượng", -0.0)),
    "money with a fraction": _log(lambda ws: put(ws, 4, "Tiền mặt (đồng)", 1000.5)),
    "a number past 15 digits": _log(lambda ws: put(ws, 4, "Khối lượng", 1e16)),
    "a float with 17 digits": _log(lambda ws: put(ws, 4, "Ngày công", 0.1 + 0.2)),
    "metres for km": _log(lambda ws: put(ws, 3, "ĐVT", "m")),
    "decomposed name": _log(lambda ws: put(ws, 2, "Thôn", unicodedata.normalize("NFD", "Làng Dịa"))),
    "name without marks": _log(lambda ws: put(ws, 2, "Đơn vị", "truong mam non")),
    "legacy encoding name": _log(lambda ws: put(ws, 2, "Thôn", "Lµng DÞa")),
    "padded texts": _log(lambda ws: put(ws, 5, "Nội dung hoạt động", "  Trồng hoa  ")),
    "a blank row": _log(lambda ws: ws.insert_rows(6, 2)),
    "only the unit filled in": _log(lambda ws: ws.cell(row=ws.max_row + 2, column=2, value="Trường THCS")),
    "title rows above the header": _log(lambda ws: ws.insert_rows(1, 2)),
    "a header typed twice": _log(lambda ws: ws.cell(row=1, column=20, value="Ngày")),
    "a required column missing": _log(lambda ws: ws.delete_cols(13)),
    "an optional column missing": _log(lambda ws: ws.delete_cols(18)),
    "an extra column of mixed values": _log(
        lambda ws: (
            [ws.cell(row=1, column=21, value="Phụ")]
            + [ws.cell(row=r, column=21, value=r if r % 2 else "x") for r in range(2, 40)]
        )
    ),
    "two identical rows": _log(lambda ws: append_copy(ws, 3)),
    "the same row with 1000 m and 1 km": _log(
        lambda ws: (put(ws, append_copy(ws, 3), "Khối lượng", 1000), put(ws, ws.max_row, "ĐVT", "m"))
    ),
    "a holiday": _log(lambda ws: put(ws, 2, "Ngày", dt.datetime(2021, 2, 13))),
    "outside the assignment": _log(lambda ws: put(ws, 2, "Thôn", "Nam Ninh")),
    "a long text": _log(lambda ws: put(ws, 2, "Ghi chú", "chữ " * 8000)),
    "a formula": _log(lambda ws: put(ws, 4, "Ngày công", "=F4*0.5")),
    "text in an amount column": _log(lambda ws: put(ws, 5, "Ngày công", "mười")),
    "a money typed as text": _log(
        lambda ws: (put(ws, 5, "Tiền mặt (đồng)", "1.250.000"), put(ws, 6, "Tiền mặt (đồng)", "500000"))
    ),
    "many kinds in one count column": _log(
        lambda ws: [put(ws, r, "Đảng viên", v) for r, v in ((3, "3"), (4, 2.5), (5, "x"), (6, True), (7, " 2 "), (8, "-1"))]
    ),
    "three mixed columns": _log(lambda ws: [put(ws, 9, h, v) for h, v in (("Nhân dân", "năm"), ("LLVT", "0"), ("Ghi chú", 7))]),
    "four mixed columns": _log(
        lambda ws: [put(ws, 9, h, v) for h, v in (("Nhân dân", "năm"), ("LLVT", "0"), ("Khối lượng", "1,5"), ("Ghi chú", 7))]
    ),
    "a log starting in column B": _log(lambda ws: ws.insert_cols(1)),
    "a rich-text header": _log(
        lambda ws: setattr(ws["E1"], "value", CellRichText("Nội dung ", TextBlock(InlineFont(b=True), "hoạt động")))
    ),
}
# the cases the row reader takes whole (a header below row 1, a required column missing): every
# other one is read and checked column by column, its faulty rows worded by the row reader (a
# column holding two kinds of value is read as text, and its cells that are not plain go there)
# (more than three columns of two kinds of value: each costs one more parse, so the row reader takes it)
READ_ROW_BY_ROW = {"title rows above the header", "a required column missing", "four mixed columns"}


@pytest.mark.parametrize("name", _every_fourth_quick(list(ODD_LOGS), list(ODD_LOGS)))
def test_odd_logs_give_the_same_problems_and_rows_both_ways(name, inputs_copy):
    edit(inputs_copy / SAMPLE.name, ODD_LOGS[name])
    columns = isinstance(read_workbook(inputs_copy / SAMPLE.name, columnar=True).log(), LogColumns)
    assert columns is (name not in READ_ROW_BY_ROW)
    _both(inputs_copy)


excel_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["=1/0", "0,3", "1.250.000", "15/01/2021", "Làng Dịa", "Lang Dia", "DH", "km", "m", "", " "]),
)
HEADERS = [c.header for c in S.ACTIVITY_LOG.columns]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(st.integers(2, 181), st.lists(excel_values, min_size=len(HEADERS), max_size=len(HEADERS))),
        min_size=1,
        max_size=4,
    )
)
def test_any_cells_in_a_real_log_give_the_same_result_both_ways(tmp_path_factory, rows):
    import shutil

    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(SAMPLE, folder / SAMPLE.name)

    def change(wb: openpyxl.Workbook) -> None:
        for number, values in rows:
            for column, value in enumerate(values, start=1):
                wb[LOG].cell(row=number, column=column).value = value

    edit(folder / SAMPLE.name, change)
    try:
        rows_report = check_inputs([folder], columnar=False)
    except Exception as exc:  # pragma: no cover - the row reader's own tests cover this
        pytest.fail(f"the row reader raised {exc!r}")
    if rows_report.commune is None:
        return  # a date-formatted number outside the calendar: the file is refused as a whole
    _both(folder)


def test_a_small_log_is_read_row_by_row_without_the_columnar_libraries():
    """The sample's logs are small: `ntm generate` on them does not pay polars' import."""
    import subprocess
    import sys

    from tests.conftest import REPO

    assert not isinstance(read_workbook(SAMPLE).log(), LogColumns)
    code = (
        "import sys; from pathlib import Path; from generator.pipeline import check_inputs; "
        f"r = check_inputs([Path({str(INPUTS)!r})]); print(len(r.activities), 'polars' in sys.modules, 'fastexcel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["180", "False", "False"]


def test_an_xls_or_ods_log_is_read_row_by_row(tmp_path):
    from generator.reading import read_log_columns

    for suffix in (".xls", ".ods"):
        assert read_log_columns(tmp_path / f"x{suffix}", "x", LOG, S.ACTIVITY_LOG) is None


def test_a_cpu_polars_cannot_run_on_reads_a_big_log_row_by_row():
    """polars' default build needs AVX2, which older office PCs lack: polars warns, then its
    binary stops the process at the first such instruction. ntm takes the warning as a refusal
    and reads the log row by row, with the same result. Here an import hook plays polars on
    such a CPU (the warning, then SIGILL), in a process of its own."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = f"""
import importlib.abc, importlib.util, os, signal, sys, warnings
from pathlib import Path

class OldCpu(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "polars" else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        warnings.warn("Missing required CPU features.\\n\\nThe following required CPU features were not detected:\\n    avx2, fma", RuntimeWarning)
        os.kill(os.getpid(), signal.SIGILL)  # the binary's first instruction the CPU lacks

sys.meta_path.insert(0, OldCpu())
from generator.activitylog import ActivityLog
from generator.pipeline import check_inputs
columns = check_inputs([Path({str(INPUTS)!r})], columnar=True)
rows = check_inputs([Path({str(INPUTS)!r})], columnar=False)
print(len(columns.activities), isinstance(columns.log, ActivityLog), columns.activities == rows.activities, "polars" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["180", "False", "True", "False"]
