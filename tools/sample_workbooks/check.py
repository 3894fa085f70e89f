"""Reading a sample's workbooks back with openpyxl: a summary printed, the rules of the sample
asserted (weekends only, assigned villages only, no duplicate rows, the seed's texts verbatim)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from pathlib import Path

import openpyxl

from generator import blank
from generator import schema as S
from generator.model import COMMUNE_CENTRE
from generator.workbook_sheets import DATE_FORMAT
from sample_workbooks.binh_xa_2021 import (
    ASSIGNMENTS,
    CAN_CU,
    CRITERIA,
    INFO,
    MARCH_IDLE_UNITS,
    ONCE_PER_PLACE,
    PLAN_ROWS,
    SEED_FILE,
    YEAR,
)
from sample_workbooks.binh_xa_2026 import FEBRUARY_IDLE_UNITS_2026
from sample_workbooks.common import (
    CATEGORIES,
    H_ASSIGN,
    H_CRITERIA,
    H_GUIDE,
    H_INFO,
    H_LOG,
    H_PLAN,
    H_RECIPIENTS,
    H_UNITS,
    H_VILLAGES,
    ILLUSTRATIVE,
    ROOT,
)
from sample_workbooks.samples import Sample


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _read(ws) -> tuple[list[str], list[dict]]:
    """The header and the rows of a sheet; a row with only its prefilled `Đơn vị` is no row."""
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    read = [dict(zip(headers, r)) for r in rows[1:]]
    return headers, [r for r in read if any(v is not None for h, v in r.items() if h != "Đơn vị")]


def _check_sheet_format(ws, headers: list[str]) -> None:
    assert [c.value for c in ws[1]] == headers, (ws.title, [c.value for c in ws[1]])
    assert all(c.font.bold for c in ws[1]), ws.title
    assert ws.freeze_panes == "A2", ws.title
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert unicodedata.is_normalized("NFC", cell.value), (ws.title, cell.coordinate)
            if isinstance(cell.value, dt.datetime):
                assert cell.number_format == DATE_FORMAT, (ws.title, cell.coordinate)


def _check_log(s: Sample, rows: list[dict], where: str) -> None:
    assigned, far, criterion_unit = s.assigned, s.far_villages, s.criterion_unit
    for i, r in enumerate(rows, 2):
        at = f"{where}!{i}"
        day = _as_date(r["Ngày"])
        assert isinstance(day, dt.date) and day.year == s.year and day.month in s.log_months, at
        assert day.weekday() >= 5, (at, day, "not a weekend")
        assert day not in s.holidays, (at, day, "holiday")
        unit, village, code = r["Đơn vị"], r["Thôn"], r["Mã tiêu chí"]
        assert unit in s.unit_names and code in criterion_unit, at
        assert village in assigned[unit], (at, unit, village, "not assigned")
        if code == "HR":
            assert village in far, at
        total = r["Tổng lượt người"]
        assert isinstance(total, int) and total >= 1, at
        for c in CATEGORIES:
            assert isinstance(r[c], int) and 0 <= r[c] <= total, (at, c)
        assert isinstance(r["Ngày công"], (int, float)) and r["Ngày công"] > 0, at
        assert (r["Ngày công"] * 2) == int(r["Ngày công"] * 2), at
        assert isinstance(r["Khối lượng"], (int, float)) and r["Khối lượng"] > 0, at
        if r["ĐVT"] == "m":
            assert code in ("DH", "CSDH", "VS") and isinstance(r["Khối lượng"], int), at
        else:
            assert r["ĐVT"] == criterion_unit[code], at
        for c in ("Tiền mặt (đồng)", "Hiện vật quy đổi (đồng)"):
            v = r[c]
            assert isinstance(v, int) and v >= 0 and v % 50_000 == 0, (at, c)
            assert v == 0 or 200_000 <= v <= 5_000_000, (at, c)
        land = r["Hiến đất (m²)"]
        assert land is None or (isinstance(land, int) and (land == 0 or 20 <= land <= 150)), at
        assert r["Nội dung hoạt động"], at


def _check_against_seed(seed: str) -> None:
    """The annex rows and section IV texts appear verbatim in the seed."""
    for tt, unit, content, villages in ASSIGNMENTS:
        for text in (str(tt), unit, content, villages):
            if text:
                assert f"\t{text}\n" in seed, text
    for crit in CRITERIA:
        if crit[7]:
            assert crit[7] in seed, crit[0]
    assert CAN_CU.replace("văn minh tại cơ sở, Ban", "văn mình tại cơ sở, Ban") in seed
    directive = str(dict(INFO)["Văn bản chỉ đạo nội dung"])
    assert directive.replace("Chỉ thị số", "Chỉ thị sổ") in seed  # a typo of the seed


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def check(s: Sample) -> None:
    """Read the sample's workbooks back, print a summary and assert the sample's rules."""
    wb = openpyxl.load_workbook(s.main_file)
    expected = [blank.GUIDE_SHEET, *(sheet.name for sheet in S.MAIN_SHEETS), blank.LISTS_SHEET]
    print("Sổ chính:", _label(s.main_file))
    print("  Các trang:", ", ".join(wb.sheetnames))
    assert wb.sheetnames == expected, wb.sheetnames
    for ws in wb.worksheets:
        print(f"  {ws.title}: {ws.max_row - 1} dòng")
    headers = {
        "Hướng dẫn": H_GUIDE,
        "Thông tin": H_INFO,
        "Nơi nhận": H_RECIPIENTS,
        "Đơn vị": H_UNITS,
        "Thôn": H_VILLAGES,
        "Tiêu chí": H_CRITERIA,
        "Phân công": H_ASSIGN,
        "Kế hoạch tháng": H_PLAN,
        "Nhật ký": H_LOG,
    }
    for name, hdr in headers.items():
        _check_sheet_format(wb[name], hdr)

    # Hướng dẫn
    guide = "\n".join(str(v) for row in wb["Hướng dẫn"].iter_rows(values_only=True) for v in row if v)
    assert ILLUSTRATIVE in guide and "tools/make_sample.py" in guide and "trong đó" in guide

    # Thông tin
    _, info = _read(wb["Thông tin"])
    got = [(r["Mục"], _as_date(r["Giá trị"]) if isinstance(r["Giá trị"], dt.datetime) else r["Giá trị"]) for r in info]
    assert dict(got) == dict(s.info) and len(got) == len(s.info), got  # in the schema's order of keys
    can_cu = dict(s.info)["Căn cứ"]
    assert "đô thị văn minh tại cơ sở" in can_cu and "văn mình" not in can_cu

    # Nơi nhận, Đơn vị, Thôn, Tiêu chí, Phân công
    _, rec = _read(wb["Nơi nhận"])
    assert [(r["Văn bản"], r["Nơi nhận"], r["Ghi chú"]) for r in rec] == s.recipients
    _, units = _read(wb["Đơn vị"])
    assert [r["Tên đơn vị"] for r in units] == s.unit_names
    assert [r["TT"] for r in units] == list(range(1, len(s.units) + 1))
    _, vil = _read(wb["Thôn"])
    assert [r["Tên thôn"] for r in vil] == s.village_names
    for r in vil:
        assert (r["Xa trung tâm"] == "x") == (r["Tên thôn"] in s.far_villages)
        assert 70 <= r["Số hộ"] <= 260
        assert 0.4 * r["Số hộ"] - 0.5 <= r["Số hộ chăn nuôi"] <= 0.8 * r["Số hộ"] + 0.5
        base, breeders = r["Hộ chăn nuôi đạt VSMT năm trước"], r["Số hộ chăn nuôi"]
        assert 0.4 * breeders - 0.5 <= base <= 0.7 * breeders + 0.5
    _, crit = _read(wb["Tiêu chí"])
    assert [tuple(r[h] for h in H_CRITERIA) for r in crit] == s.criteria
    _, ann = _read(wb["Phân công"])
    assert [(r["TT"], r["Chi bộ, tổ chức"], r["Nội dung phụ trách"], r["Thôn phụ trách"]) for r in ann] == s.assignments
    assert all(r["Ghi chú"] is None for r in ann)
    assert {v for villages in s.assigned.values() for v in villages} == set(s.village_names + [COMMUNE_CENTRE]), (
        "every village is looked after"
    )

    # Kế hoạch tháng
    _, plan = _read(wb["Kế hoạch tháng"])
    per_plan_month = Counter(r["Tháng"] for r in plan)
    print("  Kế hoạch tháng theo tháng:", dict(per_plan_month))
    assert sorted(per_plan_month) == [f"{m:02d}/{s.year}" for m in s.plan_months]
    assert all(PLAN_ROWS[0] <= n <= PLAN_ROWS[1] for n in per_plan_month.values())
    for r in plan:
        day = _as_date(r["Ngày dự kiến"])
        assert isinstance(r["Tháng"], str) and r["Tháng"] == f"{day.month:02d}/{day.year}"
        assert day.weekday() >= 5 and day not in s.holidays, day
        assert r["Thôn"] in s.assigned[r["Đơn vị"]]
        assert r["ĐVT"] == s.criterion_unit[r["Mã tiêu chí"]]
        assert isinstance(r["Lực lượng dự kiến"], int) and r["Lực lượng dự kiến"] > 0
        assert isinstance(r["Kinh phí dự kiến"], int) and r["Kinh phí dự kiến"] % 100_000 == 0

    # Nhật ký of the main workbook
    _, log = _read(wb["Nhật ký"])
    _check_log(s, log, f"{s.main_file.name}:Nhật ký")
    per_unit = Counter(r["Đơn vị"] for r in log)
    per_month = Counter(_as_date(r["Ngày"]).month for r in log)
    print(f"  Nhật ký: {len(log)} dòng; theo tháng:", ", ".join(f"T{m}: {per_month[m]}" for m in s.log_months))
    print(f"  Nhật ký theo đơn vị ({'/'.join(f'T{m}' for m in s.log_months)}):")
    for unit in s.unit_names:
        months = Counter(_as_date(r["Ngày"]).month for r in log if r["Đơn vị"] == unit)
        print(f"    {unit:<26} {per_unit[unit]:>3}  ({'/'.join(str(months[m]) for m in s.log_months)})")
        assert tuple(months[m] for m in s.log_months) == s.log_counts[unit], unit
    assert {r["Thôn"] for r in log} == set(s.village_names + [COMMUNE_CENTRE])
    metres = [r for r in log if r["ĐVT"] == "m"]
    assert len(metres) == s.metre_rows, len(metres)
    print("  Dòng ghi khối lượng bằng m:", len(metres))

    ulog: list[dict] = []
    if s.unit_file is not None:
        ulog = _check_unit_workbook(s)
    if s.year == YEAR:
        _check_2021(s, log)
    else:
        _check_2026(s, wb, log)

    # No duplicates, within or across the files; NVH/DTS once per village
    everything = log + ulog
    keys = [
        (_as_date(r["Ngày"]), r["Đơn vị"], r["Thôn"], r["Nội dung hoạt động"], tuple(r[h] for h in H_LOG[5:18]))
        for r in everything
    ]
    assert len(set(keys)) == len(keys), "duplicate activity rows"
    full = [tuple(r.values()) for r in everything]
    assert len(set(full)) == len(full)
    once = Counter((r["Mã tiêu chí"], r["Thôn"]) for r in everything if r["Mã tiêu chí"] in ONCE_PER_PLACE)
    assert all(n == 1 for n in once.values()), once
    print("Kiểm tra: đạt.")


def _check_unit_workbook(s: Sample) -> list[dict]:
    assert s.unit_file is not None
    wbu = openpyxl.load_workbook(s.unit_file)
    print("Sổ đơn vị:", _label(s.unit_file))
    print("  Các trang:", ", ".join(wbu.sheetnames))
    assert wbu.sheetnames == [blank.GUIDE_SHEET, S.ACTIVITY_LOG.name, blank.LISTS_SHEET], wbu.sheetnames
    _check_sheet_format(wbu["Hướng dẫn"], H_GUIDE)
    _check_sheet_format(wbu["Nhật ký"], H_LOG)
    guide = "\n".join(str(v) for row in wbu["Hướng dẫn"].iter_rows(values_only=True) for v in row if v)
    assert ILLUSTRATIVE in guide and "tools/make_sample.py" in guide
    _, ulog = _read(wbu["Nhật ký"])
    _check_log(s, ulog, f"{s.unit_file.name}:Nhật ký")
    umonth = Counter(_as_date(r["Ngày"]).month for r in ulog)
    print(f"  Nhật ký: {len(ulog)} dòng; theo tháng:", ", ".join(f"T{m}: {umonth[m]}" for m in s.log_months))
    assert len(ulog) == sum(s.per_unit_counts)
    assert {r["Đơn vị"] for r in ulog} == {s.per_unit_unit}
    assert {r["Thôn"] for r in ulog} <= set(s.assigned[s.per_unit_unit])
    return ulog


def _check_2021(s: Sample, log: list[dict]) -> None:
    """The 2021 sample: the seed's texts, March's idle units and villages."""
    if SEED_FILE.exists():
        _check_against_seed(SEED_FILE.read_text(encoding="utf-8"))
        print("  Đối chiếu văn bản gốc (Căn cứ, mục III.1, mục IV, phụ lục): khớp")
    assert len(log) >= 160, len(log)
    per_unit = Counter(r["Đơn vị"] for r in log)
    assert all(per_unit[u] >= 6 for u in s.unit_names), per_unit
    march = [r for r in log if _as_date(r["Ngày"]).month == 3]
    idle_units = set(s.unit_names) - {r["Đơn vị"] for r in march}
    idle_places = set(s.village_names + [COMMUNE_CENTRE]) - {r["Thôn"] for r in march}
    print("  Tháng 3 không có hoạt động: đơn vị", sorted(idle_units), "; thôn", sorted(idle_places))
    assert idle_units == MARCH_IDLE_UNITS, idle_units
    # units log only in their assigned villages: Hội CCB is the only unit of Tân Bình 1 and 2,
    # BCHQS xã the only one of Thác Lường, so those villages get nothing in March either
    assert idle_places == {v for u in MARCH_IDLE_UNITS for v in s.assigned[u]}, idle_places


_DISTRICT_WORDS = re.compile(r"huyện|/HU\b", re.IGNORECASE)


def _check_2026(s: Sample, wb, log: list[dict]) -> None:
    """The 2026 sample: the province as superior, no district body anywhere."""
    assert len(log) >= 80, len(log)
    info = dict(s.info)
    assert info["Cơ quan cấp trên"] == "ĐẢNG BỘ TỈNH TUYÊN QUANG"
    for ws in wb.worksheets:
        if ws.title == "Hướng dẫn":  # it explains that there is no district level any more
            continue
        # ntm's notes on `Thông tin` (its last column, not read) give examples of both levels
        notes = len(H_INFO) if ws.title == S.INFO.name else None
        for row in ws.iter_rows(values_only=True):
            for value in row[: notes - 1] if notes else row:
                if isinstance(value, str):
                    assert not _DISTRICT_WORDS.search(value), (ws.title, value)
    assert not any(_DISTRICT_WORDS.search(r[1]) for r in s.recipients)
    assert s.recipients[-1] == ("tất cả", "Lưu VPĐU", None)
    feb = [r for r in log if _as_date(r["Ngày"]).month == 2]
    idle_units = set(s.unit_names) - {r["Đơn vị"] for r in feb}
    print("  Tháng 2 không có hoạt động: đơn vị", sorted(idle_units))
    assert idle_units == FEBRUARY_IDLE_UNITS_2026, idle_units
    livestock = next(c for c in s.criteria if c[0] == "CN")
    assert "so với năm 2025" in livestock[7], livestock
