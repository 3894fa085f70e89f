"""The March 2021 report says what plain sums over the sample's rows say (SPEC §4, §5).

The expected figures are computed here independently of ntm: openpyxl reads the
rows, plain Python adds them up, and the report's text must hold the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import docx
import pytest

from generator import vnformat
from tests.conftest import INPUTS
from tests.docx_text import squash, table_cells
from tests.workbooks import records

CATEGORIES = ["Cán bộ, công chức", "Đảng viên", "Viên chức", "LLVT", "Đoàn viên, hội viên", "Nhân dân"]


def _march_rows() -> list[dict]:
    rows = []
    for path in sorted(INPUTS.glob("*.xlsx")):
        for record in records(path, "Nhật ký"):
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


def test_participation_sentence_holds_the_plain_sums_and_never_adds_groups(march, report):
    text = squash(" ".join(p.text for p in report.paragraphs))
    cash, in_kind = int(_sum(march, "Tiền mặt (đồng)")), int(_sum(march, "Hiện vật quy đổi (đồng)"))
    expected = (
        f"Trong tháng 3/2021, các chi bộ, tổ chức đã chủ trì {len(march)} buổi ra quân, thu hút "
        f"{_n(_sum(march, 'Tổng lượt người'))} lượt cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang, "
        f"đoàn viên, hội viên và Nhân dân tham gia (trong đó có {_n(_sum(march, 'Đảng viên'))} lượt đảng viên và "
        f"{_n(_sum(march, 'Nhân dân'))} lượt Nhân dân), với {_n(_sum(march, 'Ngày công'))} ngày công; "
        f"huy động {_n(cash + in_kind)} đồng (tiền mặt {_n(cash)} đồng, hiện vật quy đổi {_n(in_kind)} đồng); "
        f"Nhân dân hiến {_n(_sum(march, 'Hiến đất (m²)'))} m² đất."
    )
    assert _sum(march, "Đảng viên") + _sum(march, "Nhân dân") <= _sum(march, "Tổng lượt người")  # no overlap note needed
    assert expected in text
    assert "trong đó:" not in text


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
    expected = [
        str(len(march)),
        _n(_sum(march, "Tổng lượt người")),
        _n(_sum(march, "Đảng viên")),
        _n(_sum(march, "Nhân dân")),
        _n(_sum(march, "Ngày công")),
    ]
    assert numbers == expected


def test_bieu_01_has_a_row_per_unit_and_village_with_activity_and_the_idle_units(march, report):
    table = table_cells(_tables_after(report, "Biểu 01"))
    pairs = {(r["Đơn vị"], r["Thôn"]) for r in march}
    body = [row for row in table if row[0].isdigit()]
    active = [row for row in body if row[3] != "0"]
    assert {(row[1], row[2]) for row in active} == pairs
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r in march:
        counts[(r["Đơn vị"], r["Thôn"])] += 1
    assert {(row[1], row[2]): int(row[3]) for row in active} == dict(counts)
    idle = {row[1] for row in body if row[3] == "0"}
    assert idle == {"Hội CCB", "BCHQS xã"}


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


def _sheet(name: str) -> list[dict]:
    return records(INPUTS / "binh-xa-2021.xlsx", name)


def _by_place(code: str, month_only: bool = False) -> dict[str, Decimal]:
    """Quantity per place (villages and Trung tâm xã) since 1 January, metres as km."""
    done: dict[str, Decimal] = defaultdict(Decimal)
    for path in sorted(INPUTS.glob("*.xlsx")):
        for record in records(path, "Nhật ký"):
            day = record["Ngày"]
            if record["Mã tiêu chí"] != code or not day or day >= dt.datetime(2021, 4, 1):
                continue
            if month_only and day < dt.datetime(2021, 3, 1):
                continue
            quantity = Decimal(str(record["Khối lượng"]))
            done[record["Thôn"]] += quantity / 1000 if record["ĐVT"] == "m" else quantity
    return done


def _line(report, start: str) -> str:
    lines = [squash(p.text) for p in report.paragraphs if squash(p.text).startswith(start)]
    assert len(lines) == 1, start
    return lines[0]


def test_the_commune_centre_counts_in_every_all_village_work(report):
    sessions = _by_place("KV")
    assert sessions["Trung tâm xã"] > 0  # the trụ sở and the Nhà bia are at the centre
    text = squash(" ".join(p.text for p in report.paragraphs))
    assert (
        f"chỉnh trang khuôn viên cơ quan, đơn vị, gắn biển tên, biển mô hình (lũy kế {_n(sum(sessions.values()))} buổi)" in text
    )
    cleaning = _by_place("VS")
    assert f"(lũy kế {_n(sum(cleaning.values()))} km)" in text


def test_flower_routes_are_capped_at_each_place_target(report):
    criteria = {c["Mã"]: c for c in _sheet("Tiêu chí")}
    per_village, centre = Decimal(str(criteria["DH"]["Chỉ tiêu mỗi thôn"])), Decimal(str(criteria["DH"]["Chỉ tiêu trung tâm xã"]))
    villages = [v["Tên thôn"] for v in _sheet("Thôn")]
    done = _by_place("DH")
    target = per_village * len(villages) + centre
    capped = sum((min(done[v], per_village) for v in villages), Decimal(0)) + min(done["Trung tâm xã"], centre)
    assert capped < sum(done.values())  # overshoot in some villages
    met = [v for v in villages if done[v] >= per_village]
    line = _line(report, "- Trồng mới")
    assert f"lũy kế {_n(sum(done.values()))} km" in line
    assert f"đạt {_n(capped)}/{_n(target)} km, bằng {vnformat.percent(capped / target * 100)} chỉ tiêu" in line
    assert f"{len(met)}/{len(villages)} thôn đạt chỉ tiêu" in line
    assert "nơi đạt" not in line


def test_household_rate_is_given_with_its_base(report):
    remote = [v for v in _sheet("Thôn") if v["Xa trung tâm"]]
    households = sum(v["Số hộ"] for v in remote)
    done = sum(_by_place("HR").values())
    line = _line(report, "- Vận động thêm")
    assert (
        f"lũy kế từ đầu năm {_n(done)}/{_n(households)} hộ, đạt {vnformat.percent(done / households * 100)} (chỉ tiêu 80% số hộ)"
        in line
    )


def test_livestock_rise_is_in_points_with_its_base(report):
    villages = _sheet("Thôn")
    criteria = {c["Mã"]: c for c in _sheet("Tiêu chí")}
    assert criteria["CN"]["Cách tính"] == "Tăng tỷ lệ so năm trước"
    breeders = sum(v["Số hộ chăn nuôi"] for v in villages)
    before = sum(v["Hộ chăn nuôi đạt VSMT năm trước"] for v in villages)
    done = sum(_by_place("CN").values())
    line = _line(report, "- Hướng dẫn, vận động thêm")
    assert f"từ {_n(before)} lên {_n(before + done)}/{_n(breeders)} hộ" in line
    assert f"tăng {vnformat.number(Decimal(done) / breeders * 100, 1)} điểm %" in line


def test_upkeep_is_not_counted_as_new_gates_or_routes(report):
    cultural = _by_place("NVH")
    line = _line(report, "- Nhà văn hóa thôn")
    met = sum(1 for q in cultural.values() if q >= 1)
    assert f"{met}/18 thôn đạt chỉ tiêu" in line
    assert sum(_by_place("DTNVH").values()) > 0 and sum(_by_place("CSDH").values()) > 0
    text = squash(" ".join(p.text for p in report.paragraphs))
    assert "duy tu, quét vôi" in text and "chăm sóc, trồng dặm" in text


def test_sections_follow_a_commune_report(report):
    headings = [
        squash(p.text)
        for p in report.paragraphs
        if p.runs and p.runs[0].bold and squash(p.text)[:3] in ("I- ", "II-", "III", "IV-", "V- ")
    ]
    assert headings == [
        "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II- KẾT QUẢ THỰC HIỆN",
        "III- ĐÁNH GIÁ CHUNG",
        "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 4",
        "V- ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    text = squash(" ".join(p.text for p in report.paragraphs))
    for sub in ("1- Ưu điểm", "2- Hạn chế", "3- Nguyên nhân"):
        assert sub in text
    assert "Đảng ủy xã Bình Xa báo cáo kết quả thực hiện tháng 3 năm 2021" in text  # the signer reports
    for jargon in ("sổ nhật ký", "khối lượng 1 buổi", "Số liệu tổng hợp", " nơi đạt", "Thôn Thôn"):
        assert jargon not in text


def test_idle_units_and_missed_plan_rows_are_hạn_chế(report, march):
    text = squash(" ".join(p.text for p in report.paragraphs))
    assert (
        "- Hội CCB, BCHQS xã chưa tổ chức hoạt động trong tháng; BCHQS xã chưa thực hiện nội dung đã đăng ký "
        "(ngày 13/3, thôn Thác Lường); các thôn Tân Bình 1, Tân Bình 2, Thác Lường chưa có hoạt động." in text
    )
    # the clerk's own sentences from the Đánh giá sheet
    for note in _sheet("Đánh giá"):
        if note["Tháng"] == "03/2021":
            assert note["Nội dung"] in text


def test_every_annexed_table_says_which_report_it_belongs_to(report):
    attached = [squash(p.text) for p in report.paragraphs if squash(p.text).startswith("(Kèm theo Báo cáo số")]
    assert attached == ["(Kèm theo Báo cáo số -BC/ĐU, ngày / /2021 của Đảng ủy xã Bình Xa)"] * 3


def test_bieu_02_has_one_row_per_village_with_month_and_cumulative(report):
    table = table_cells(_tables_after(report, "Biểu 02"))
    names = [row[0] for row in table]
    villages = [v["Tên thôn"] for v in _sheet("Thôn")]
    assert names[1 : 1 + len(villages) + 1] == villages + ["Trung tâm xã"]
    assert names[-2:] == ["Toàn xã", "Số thôn đạt chỉ tiêu"]
    header = table[0]
    [flower] = [n for n, cell in enumerate(header) if cell.startswith("Tuyến đường hoa điển hình (km)")]
    assert header[flower].endswith("(0,6 km, TTX 0,8 km)")
    month, cumulative = _by_place("DH", month_only=True), _by_place("DH")
    assert table[-2][flower] == f"{_n(sum(month.values()))} / {_n(sum(cumulative.values()))}"
