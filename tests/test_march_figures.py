"""The March 2021 report says what plain sums over the sample's rows say (SPEC §4, §5).

The expected figures are computed here independently of ntm: openpyxl reads the
rows, plain Python adds them up, and the report's text must hold the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import docx
import openpyxl
import pytest

from generator import vnformat
from tests.conftest import INPUTS
from tests.docx_text import squash, table_cells

CATEGORIES = ["Cán bộ, công chức", "Đảng viên", "Viên chức", "LLVT", "Đoàn viên, hội viên", "Nhân dân"]


def _march_rows() -> list[dict]:
    rows = []
    for path in sorted(INPUTS.glob("*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True, data_only=True)["Nhật ký"]
        values = list(sheet.iter_rows(values_only=True))
        header = values[0]
        for line in values[1:]:
            record = dict(zip(header, line))
            day = record["Ngày"]
            if isinstance(day, dt.datetime) and (day.year, day.month) == (2021, 3):
                rows.append(record)
    return rows


@pytest.fixture(scope="module")
def march():
    rows = _march_rows()
    assert len(rows) > 40
    return rows


@pytest.fixture(scope="module")
def report(sample_outputs):
    return docx.Document(str(sample_outputs["BC"]))


def _n(value) -> str:
    return vnformat.number(Decimal(str(value)))


def _sum(rows, column) -> Decimal:
    return sum((Decimal(str(r[column] or 0)) for r in rows), Decimal(0))


def test_summary_sentence_holds_the_plain_sums(march, report):
    text = squash(" ".join(p.text for p in report.paragraphs))
    cash, in_kind = int(_sum(march, "Tiền mặt (đồng)")), int(_sum(march, "Hiện vật quy đổi (đồng)"))
    expected = (
        f"Trong tháng 3/2021, các chi bộ, tổ chức đã tổ chức {len(march)} buổi, thu hút {_n(_sum(march, 'Tổng lượt người'))} "
        f"lượt người tham gia, trong đó: {_n(_sum(march, 'Cán bộ, công chức'))} lượt cán bộ, công chức, "
        f"{_n(_sum(march, 'Đảng viên'))} lượt đảng viên, {_n(_sum(march, 'Viên chức'))} lượt viên chức, "
        f"{_n(_sum(march, 'LLVT'))} lượt lực lượng vũ trang, {_n(_sum(march, 'Đoàn viên, hội viên'))} lượt đoàn viên, hội viên, "
        f"{_n(_sum(march, 'Nhân dân'))} lượt Nhân dân; tương đương {_n(_sum(march, 'Ngày công'))} ngày công; "
        f"huy động {_n(cash + in_kind)} đồng (tiền mặt {_n(cash)} đồng, hiện vật quy đổi {_n(in_kind)} đồng); "
        f"Nhân dân hiến {_n(_sum(march, 'Hiến đất (m²)'))} m² đất."
    )
    assert expected in text


def _tables_after(report, title_start: str):
    """The table that follows the paragraph whose text starts with `title_start`."""
    body = report.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and "".join(child.itertext()).strip().startswith(title_start):
            seen = True
        elif seen and child.tag.endswith("}tbl"):
            return docx.table.Table(child, report)
    raise AssertionError(f"no table after {title_start!r}")


def test_bieu_01_total_row(march, report):
    table = table_cells(_tables_after(report, "Biểu 01"))
    total = table[-1]
    assert "Tổng cộng" in total
    numbers = [c for c in total if c and c != "Tổng cộng"]
    expected = [str(len(march)), _n(_sum(march, "Tổng lượt người"))] + [_n(_sum(march, c)) for c in CATEGORIES] + [_n(_sum(march, "Ngày công"))]
    assert numbers == expected


def test_bieu_01_has_a_row_per_unit_and_village_with_activity(march, report):
    table = table_cells(_tables_after(report, "Biểu 01"))
    pairs = {(r["Đơn vị"], r["Thôn"]) for r in march}
    body = [row for row in table if row[0].isdigit()]
    assert {(row[1], row[2]) for row in body} == pairs
    counts = defaultdict(int)
    for r in march:
        counts[(r["Đơn vị"], r["Thôn"])] += 1
    assert {(row[1], row[2]): int(row[3]) for row in body} == dict(counts)


def test_bieu_03_total_row(march, report):
    table = table_cells(_tables_after(report, "Biểu 03"))
    total = ["Tổng cộng"] + [c for c in table[-1] if c and c != "Tổng cộng"]  # merged cells repeat their text
    cash, in_kind = int(_sum(march, "Tiền mặt (đồng)")), int(_sum(march, "Hiện vật quy đổi (đồng)"))
    assert total == [
        "Tổng cộng",
        str(len(march)),
        _n(_sum(march, "Ngày công")),
        _n(cash),
        _n(in_kind),
        _n(cash + in_kind),
        _n(_sum(march, "Hiến đất (m²)")),
    ]


def _cumulative_km(code: str) -> Decimal:
    total = Decimal(0)
    for path in sorted(INPUTS.glob("*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True)["Nhật ký"]
        values = list(sheet.iter_rows(values_only=True))
        header = values[0]
        for line in values[1:]:
            record = dict(zip(header, line))
            if record["Mã tiêu chí"] == code and record["Ngày"] and record["Ngày"] < dt.datetime(2021, 4, 1):
                quantity = Decimal(str(record["Khối lượng"]))
                total += quantity / 1000 if record["ĐVT"] == "m" else quantity
    return total


def test_bieu_02_commune_rows_hold_the_cumulative_quantities(report):
    table = table_cells(_tables_after(report, "Biểu 02"))
    flower = [row for row in table if "Toàn xã" in row and "Tuyến đường hoa điển hình" in row]
    assert flower, table[-6:]
    assert vnformat.number(_cumulative_km("DH")) in flower[0]


def test_the_progress_chart_is_embedded_as_a_picture(sample_outputs):
    document = docx.Document(str(sample_outputs["BC"]))
    images = [rel.target_part for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG")
    assert len(document.inline_shapes) == 1
    assert 140 <= document.inline_shapes[0].width.mm <= 160


def test_units_and_villages_without_activity_are_named(report, march):
    text = squash(" ".join(p.text for p in report.paragraphs))
    idle_units = [u for u in ("Hội CCB", "BCHQS xã") if u not in {r["Đơn vị"] for r in march}]
    assert f"Các chi bộ, tổ chức chưa tổ chức hoạt động trong tháng: {', '.join(idle_units)}." in text
    assert "Các thôn chưa có hoạt động trong tháng: Tân Bình 1, Tân Bình 2, Thác Lường." in text
