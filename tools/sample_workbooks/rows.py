"""The drawn rows of a sample: the villages' household figures, the activity log (Nhật ký) and the
monthly plans (Kế hoạch tháng), from `random.Random(<year>)` and nothing else, so that every run
draws the same rows."""

from __future__ import annotations

import datetime as dt
import random

from generator.model import COMMUNE_CENTRE
from sample_workbooks.binh_xa_2021 import (
    CENTRE_CONTENTS,
    CODE_NOTES,
    CONTENTS,
    LAND_CONTENTS,
    ONCE_PER_PLACE,
    PLAN_NOTES,
    PLAN_ROWS,
    UPKEEP_CODES,
    VILLAGE_NOTES,
)
from sample_workbooks.common import CATEGORIES
from sample_workbooks.samples import Sample


def weekend_days(s: Sample, month: int) -> list[dt.date]:
    """Saturdays and Sundays of the month that are not public holidays."""
    day = dt.date(s.year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() >= 5 and day not in s.holidays:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def num(x: float) -> int | float:
    """An int when the value is whole, else the float rounded to 2 places."""
    x = round(x, 2)
    return int(x) if x == int(x) else x


def money(rng: random.Random, lo: int, hi: int, step: int = 50_000) -> int:
    return rng.randint(lo // step, hi // step) * step


def make_villages(s: Sample, rng: random.Random) -> list[list]:
    rows = []
    for i, (name, far) in enumerate(s.villages, 1):
        households = rng.randint(70, 260)
        breeders = round(households * rng.uniform(0.40, 0.80))
        baseline = round(breeders * rng.uniform(0.40, 0.70))
        rows.append([i, name, "x" if far else None, households, breeders, baseline])
    return rows


def quantity(rng: random.Random, code: str) -> int | float:
    if code == "VS":
        return num(rng.randint(5, 20) / 10)
    if code == "DH":
        return rng.choice([0.1, 0.15, 0.2, 0.25, 0.3])
    if code == "BCD":
        return rng.randint(2, 6)
    if code == "HR":
        return rng.randint(5, 25)
    if code == "CN":
        return rng.randint(2, 10)
    if code == "GDHN":
        return rng.randint(1, 3)
    return 1  # NVH, DTS, PT, KV


def allowed_codes(s: Sample, unit: str, village: str, once_done: set) -> dict[str, int]:
    out = {}
    far = s.far_villages
    for code, weight in s.unit_criteria[unit].items():
        if village == COMMUNE_CENTRE and code not in CENTRE_CONTENTS:
            continue
        if code == "HR" and village not in far:
            continue
        if code in ONCE_PER_PLACE and (code, village) in once_done:
            continue
        out[code] = weight
    return out


def pick_code(rng: random.Random, weights: dict[str, int]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[c] for c in codes])[0]


def content_for(rng: random.Random, code: str, village: str) -> str:
    return rng.choice(CENTRE_CONTENTS[code] if village == COMMUNE_CENTRE else CONTENTS[code])


def people(s: Sample, rng: random.Random, unit: str, code: str) -> dict[str, int]:
    """Participations: the total and each (overlapping) category."""
    core_cat, core_lo, core_hi, nd_lo, nd_hi = s.unit_people[unit]
    if code == "GDHN":  # a few party members help a household
        core, residents = rng.randint(3, 8), rng.randint(0, 4)
    elif code in ("HR", "CN"):
        core, residents = rng.randint(max(3, core_lo // 2), max(5, core_hi // 2)), rng.randint(nd_lo + 5, nd_hi + 10)
    else:
        core, residents = rng.randint(core_lo, core_hi), rng.randint(nd_lo, nd_hi)
    extra_officials = 0 if core_cat == "Cán bộ, công chức" else rng.choice([0, 0, 0, 1, 2])
    total = core + residents + extra_officials
    cats = {c: 0 for c in CATEGORIES}
    cats[core_cat] += core
    cats["Nhân dân"] += residents
    cats["Cán bộ, công chức"] += extra_officials
    if code == "GDHN":
        party = core  # the helpers are party members
    else:
        party = round(core * rng.uniform(0.25, 0.6)) + rng.randint(0, residents // 5)
    cats["Đảng viên"] = min(total, max(cats["Đảng viên"], party))
    if core_cat != "Đoàn viên, hội viên":
        members = rng.randint(0, residents // 2)
        if unit == "Công đoàn CS xã":  # union members
            members += core
        cats["Đoàn viên, hội viên"] = min(total, members)
    return {"Tổng lượt người": total, **cats}


def log_row(s: Sample, rng: random.Random, unit: str, village: str, day: dt.date, code: str) -> dict:
    ppl = people(s, rng, unit, code)
    total = ppl["Tổng lượt người"]
    factor = 0.5 if code in ("PT", "KV") else rng.choice([0.5, 1, 1])
    cash_p, cash_lo, cash_hi = {
        "DTS": (0.8, 1_000_000, 5_000_000),
        "BCD": (0.5, 200_000, 1_500_000),
        "DH": (0.3, 200_000, 1_000_000),
        "NVH": (0.4, 500_000, 3_000_000),
        "GDHN": (0.5, 200_000, 1_000_000),
    }.get(code, (0.08, 200_000, 500_000))
    kind_p, kind_lo, kind_hi = {
        "DH": (0.5, 200_000, 2_000_000),
        "NVH": (0.7, 500_000, 3_000_000),
        "DTS": (0.6, 1_000_000, 5_000_000),
        "HR": (0.2, 200_000, 800_000),
        "CN": (0.3, 300_000, 1_500_000),
        "GDHN": (0.5, 300_000, 2_000_000),
        "KV": (0.4, 200_000, 1_500_000),
        "VS": (0.1, 200_000, 500_000),
    }.get(code, (0.0, 0, 0))
    cash = money(rng, cash_lo, cash_hi) if rng.random() < cash_p else 0
    kind = money(rng, kind_lo, kind_hi) if rng.random() < kind_p else 0
    content = content_for(rng, code, village)
    logged_code = UPKEEP_CODES.get(content, code)
    if content in LAND_CONTENTS and rng.random() < 0.4:
        land: int | None = rng.randint(2, 15) * 10
    else:
        land = 0 if rng.random() < 0.6 else None
    notes = s.notes + CODE_NOTES.get(code, []) + (VILLAGE_NOTES if village != COMMUNE_CENTRE else [])
    return {
        "Ngày": day,
        "Đơn vị": unit,
        "Thôn": village,
        "Mã tiêu chí": logged_code,
        "Nội dung hoạt động": content,
        **ppl,
        "Ngày công": num(total * factor),
        "Khối lượng": quantity(rng, code),
        "ĐVT": s.criterion_unit[code],
        "Tiền mặt (đồng)": cash,
        "Hiện vật quy đổi (đồng)": kind,
        "Hiến đất (m²)": land,
        "Ghi chú": rng.choice(notes) if rng.random() < 0.07 else None,
    }


def unit_month_rows(s: Sample, rng, unit, month, count, used, once_done) -> list[dict]:
    """`count` rows of one unit in one month, its villages in turn (each covered)."""
    villages = s.assigned[unit]
    days = weekend_days(s, month)
    start = rng.randrange(len(villages))
    rows = []
    for k in range(count):
        village = villages[(start + k) % len(villages)]
        for _ in range(200):
            code = pick_code(rng, allowed_codes(s, unit, village, once_done))
            day = rng.choice(days)
            key = (day, unit, village, code)
            if key not in used:
                break
        else:  # pragma: no cover - the constants leave plenty of room
            raise RuntimeError(f"no free slot for {unit} {village} {month}")
        used.add(key)
        if code in ONCE_PER_PLACE:
            once_done.add((code, village))
        rows.append(log_row(s, rng, unit, village, day, code))
    return rows


def sort_log(s: Sample, rows: list[dict]) -> list[dict]:
    names = s.unit_names
    return sorted(rows, key=lambda r: (r["Ngày"], names.index(r["Đơn vị"]), r["Thôn"], r["Mã tiêu chí"]))


def make_logs(s: Sample, rng: random.Random) -> tuple[list[dict], list[dict]]:
    used: set = set()
    once_done: set = set()
    main_rows: list[dict] = []
    for unit in s.unit_names:
        for month, count in zip(s.log_months, s.log_counts[unit]):
            main_rows += unit_month_rows(s, rng, unit, month, count, used, once_done)
    unit_rows: list[dict] = []
    for month, count in zip(s.log_months, s.per_unit_counts):
        unit_rows += unit_month_rows(s, rng, s.per_unit_unit, month, count, used, once_done)
    # a few quantities in metres, to exercise unit conversion (m -> km)
    candidates = [r for r in main_rows if r["Mã tiêu chí"] in ("DH", "CSDH", "VS")]
    for r in rng.sample(candidates, s.metre_rows):
        r["Khối lượng"] = round(r["Khối lượng"] * 1000)
        r["ĐVT"] = "m"
    return sort_log(s, main_rows), sort_log(s, unit_rows)


def make_plan(s: Sample, rng: random.Random) -> list[list]:
    rows = []
    names = s.unit_names
    for month in s.plan_months:
        n = rng.randint(*PLAN_ROWS)
        units = rng.sample(names, n)
        days = weekend_days(s, month)
        month_rows = []
        for unit in units:
            village = rng.choice(s.assigned[unit])
            weights = allowed_codes(s, unit, village, set())
            if rng.random() < 0.5:  # fewer planned NVH rows
                weights.pop("NVH", None)
            code = pick_code(rng, weights)
            budget = 0 if rng.random() < 0.4 else rng.randint(1, 30) * 100_000
            day, content = rng.choice(days), content_for(rng, code, village)
            month_rows.append(
                [
                    f"{month:02d}/{s.year}",
                    day,
                    unit,
                    village,
                    UPKEEP_CODES.get(content, code),
                    content,
                    rng.randint(15, 60),
                    quantity(rng, code),
                    s.criterion_unit[code],
                    budget,
                    rng.choice(PLAN_NOTES) if rng.random() < 0.1 else None,
                ]
            )
        month_rows.sort(key=lambda r: (r[1], names.index(str(r[2]))))
        rows += month_rows
    return rows
