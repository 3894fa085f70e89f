"""The tables annexed to the monthly report: Biểu 01 (people), Biểu 02 (progress toward the
targets, one row per village) and Biểu 03 (resources), with their totals rows.
"""

from __future__ import annotations

from typing import Any

from generator import vnformat
from generator.aggregation import MonthlyFigures, Progress
from generator.documents.common import Row, row
from generator.documents.targets import main_targets, met_villages, places_of, target_cell
from generator.model import COMMUNE_CENTRE, Commune, Method, Totals


def people_row(totals: Totals, **names: str) -> Row:
    return row(
        **names,
        so_buoi=vnformat.number(totals.activities),
        luot=vnformat.number(totals.participants),
        can_bo=vnformat.number(totals.officials),
        dang_vien=vnformat.number(totals.party_members),
        vien_chuc=vnformat.number(totals.public_employees),
        llvt=vnformat.number(totals.armed_forces),
        doan_vien=vnformat.number(totals.association_members),
        nhan_dan=vnformat.number(totals.residents),
        ngay_cong=vnformat.number(totals.workdays),
    )


def resource_row(totals: Totals, **names: str) -> Row:
    return row(
        **names,
        so_buoi=vnformat.number(totals.activities),
        ngay_cong=vnformat.number(totals.workdays),
        tien_mat=vnformat.number(totals.cash, 0),
        hien_vat=vnformat.number(totals.in_kind, 0),
        tong_tien=vnformat.number(totals.money, 0),
        dat_hien=vnformat.number(totals.land_m2),
    )


def people_rows(figures: MonthlyFigures, commune: Commune) -> list[Row]:
    """Biểu 01: every unit, each of its places with activity, and the idle units with zeros."""
    rows: list[Row] = []
    by_unit: dict[str, list[tuple[str, Totals]]] = {}
    for unit, place, totals in figures.unit_places:
        by_unit.setdefault(unit, []).append((place, totals))
    assigned = {a.unit: a.villages for a in commune.assignments}
    n = 0
    for member in commune.units:
        places = by_unit.get(member.name) or [(", ".join(assigned.get(member.name, ())), Totals())]
        for place, totals in places:
            n += 1
            rows.append(people_row(totals, stt=str(n), don_vi=member.name, thon=place))
    return rows


def _cell(progress: Progress | None) -> str:
    """'trong tháng / lũy kế' of one place and target; rates with their per cent."""
    if progress is None:
        return "-"
    text = f"{vnformat.number(progress.month_quantity)} / {vnformat.number(progress.cumulative_quantity)}"
    if progress.criterion.method is Method.HOUSEHOLD_RATE:
        text += f" ({vnformat.percent(progress.value)})"
    return text


def progress_table(figures: MonthlyFigures, commune: Commune) -> dict[str, Any]:
    """Biểu 02 pivoted: one row per village (+ Trung tâm xã, + Toàn xã), one column per target."""
    targets = main_targets(commune)
    at = {(p.place, p.criterion.code): p for p in figures.progress}
    overall = {p.criterion.code: p for p in figures.commune_progress}
    places = [v.name for v in commune.villages] + [COMMUNE_CENTRE]
    rows = [
        row(thon=place, o=[_cell(at.get((place, c.code))) for c in targets])  # type: ignore[arg-type]
        for place in places
    ]
    met_row = []
    for c in targets:
        met, of = met_villages(places_of(figures, c))
        met_row.append(f"{len(met)}/{of}")
    return {
        "bieu02_cot": [row(ten=f"{c.content} ({c.unit})", chi_tieu=f"({target_cell(c)})") for c in targets],
        "bieu02": rows,
        "bieu02_toan_xa": [_cell(overall.get(c.code)) for c in targets],
        "bieu02_dat": met_row,
    }
