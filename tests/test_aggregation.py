"""SPEC §4 on small hand-made data: every Cách tính, conversions, idle units and villages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.aggregation import aggregate_month, total
from generator.model import (
    COMMUNE_CENTRE,
    Activity,
    Assignment,
    Commune,
    Criterion,
    Method,
    PlanInfo,
    Scope,
    Unit,
    Village,
)

INFO = PlanInfo("ĐẢNG BỘ HUYỆN A", "ĐẢNG ỦY XÃ B", "ĐU", "B", 2021, 1, dt.date(2021, 1, 15), "T/M ĐẢNG ỦY", "BÍ THƯ", "C", "D")
ROAD = Criterion("DH", "Đường hoa", "km", Decimal("0.6"), Decimal("0.8"), Method.SUM, Scope.ALL_VILLAGES)
PITS = Criterion("HR", "Hố rác", "hộ", Decimal("80"), None, Method.HOUSEHOLD_RATE, Scope.REMOTE_VILLAGES)
LIVESTOCK = Criterion("CN", "Chăn nuôi", "hộ", Decimal("10"), None, Method.RISE_OVER_BASELINE, Scope.ALL_VILLAGES)
NEAR = Village(1, "Gần", False, 100, 50, 20)
FAR = Village(2, "Xa", True, 50, 40, 30)
COMMUNE = Commune(
    INFO,
    (),
    (Unit(1, "Đoàn", "Tổ chức chính trị - xã hội"), Unit(2, "Hội", "Tổ chức chính trị - xã hội"), Unit(3, "Chi bộ", "Chi bộ")),
    (NEAR, FAR),
    (ROAD, PITS, LIVESTOCK),
    (Assignment("1", "Đoàn", "", "Gần", "", ("Gần",)), Assignment("2", "Hội", "", "Xa", "", ("Xa",))),
)


def activity(day, unit, village, code, quantity, people=10, cash=0, in_kind=0, workdays="5", **categories):
    return Activity(
        day=day,
        unit=unit,
        village=village,
        criterion=code,
        content="x",
        participants=people,
        officials=categories.get("officials", 0),
        party_members=categories.get("party_members", 0),
        public_employees=0,
        armed_forces=0,
        association_members=categories.get("association_members", 0),
        residents=categories.get("residents", 0),
        workdays=Decimal(workdays),
        quantity=Decimal(quantity),
        cash=cash,
        in_kind=in_kind,
        land_m2=Decimal(0),
        note="",
        source="t",
    )


JAN, FEB, MAR = dt.date(2021, 1, 9), dt.date(2021, 2, 6), dt.date(2021, 3, 6)
LOG = [
    activity(JAN, "Đoàn", "Gần", "DH", "0.3", people=20, party_members=5, residents=12, cash=100000),
    activity(MAR, "Đoàn", "Gần", "DH", "0.25", people=15, party_members=4, residents=15, cash=50000, in_kind=200000),
    activity(MAR, "Hội", "Xa", "HR", "30", people=12, association_members=12, workdays="6.5"),
    activity(FEB, "Hội", "Xa", "HR", "12"),
    activity(MAR, "Đoàn", COMMUNE_CENTRE, "DH", "0.8"),
    activity(MAR, "Hội", "Gần", "CN", "3"),
    activity(dt.date(2021, 4, 3), "Đoàn", "Gần", "DH", "1"),  # after March: not in March's figures
]


@pytest.fixture(scope="module")
def march():
    return aggregate_month(COMMUNE, LOG, dt.date(2021, 3, 1))


def _progress(figures, place, code):
    [found] = [p for p in figures.progress if p.place == place and p.criterion.code == code]
    return found


def test_month_and_cumulative_totals(march):
    assert march.month_totals.activities == 4
    assert march.cumulative_totals.activities == 6
    assert march.month_totals.participants == 15 + 12 + 10 + 10
    assert march.cumulative_totals.participants == 20 + 15 + 12 + 10 + 10 + 10


def test_categories_are_summed_each_on_its_own_never_into_the_total(march):
    assert march.month_totals.party_members == 4
    assert march.month_totals.residents == 15
    assert march.month_totals.association_members == 12
    assert march.month_totals.participants == 47  # not 47 + 4 + 15 + 12


def test_money_and_workdays_are_exact(march):
    assert march.month_totals.cash == 50000 and march.month_totals.in_kind == 200000
    assert march.month_totals.money == 250000
    assert march.month_totals.workdays == Decimal("21.5")
    assert march.cumulative_totals.cash == 150000


def test_sum_method_cumulative_quantity_against_each_village_target(march):
    near = _progress(march, "Gần", "DH")
    assert near.month_quantity == Decimal("0.25")
    assert near.cumulative_quantity == Decimal("0.55")
    assert near.target == Decimal("0.6") and near.met is False
    centre = _progress(march, COMMUNE_CENTRE, "DH")
    assert centre.target == Decimal("0.8") and centre.met is True


def test_household_rate_applies_to_remote_villages_only(march):
    far = _progress(march, "Xa", "HR")
    assert far.cumulative_quantity == Decimal(42)
    assert far.value == Decimal(84)  # 42 of 50 households
    assert far.met is True
    assert not [p for p in march.progress if p.place == "Gần" and p.criterion.code == "HR"]


def test_rise_over_baseline_is_percent_of_last_years_households(march):
    near = _progress(march, "Gần", "CN")
    assert near.value == Decimal(15)  # 3 new of 20 last year
    assert near.met is True
    far = _progress(march, "Xa", "CN")
    assert far.value == 0 and far.met is False


def test_commune_wide_progress(march):
    by_code = {p.criterion.code: p for p in march.commune_progress}
    assert by_code["DH"].cumulative_quantity == Decimal("1.35")
    assert by_code["DH"].target == Decimal("2.0")  # 0,6 + 0,6 + 0,8 at the centre
    assert by_code["HR"].value == Decimal(84)
    assert by_code["CN"].value == Decimal(6)  # 3 of 50


def test_units_and_villages_without_activity_in_the_month(march):
    assert march.idle_units == ("Chi bộ",)
    feb = aggregate_month(COMMUNE, LOG, dt.date(2021, 2, 1))
    assert feb.idle_units == ("Đoàn", "Chi bộ")
    assert feb.idle_villages == ("Gần",)


def test_rows_per_unit_and_place_keep_sheet_order(march):
    assert [r.name for r in march.units] == ["Đoàn", "Hội", "Chi bộ"]
    assert [r.name for r in march.places] == ["Gần", "Xa", COMMUNE_CENTRE]
    assert [(u, p) for u, p, _ in march.unit_places] == [("Đoàn", "Gần"), ("Đoàn", COMMUNE_CENTRE), ("Hội", "Gần"), ("Hội", "Xa")]


def test_totals_of_nothing_are_zero():
    assert total([]).activities == 0 and total([]).workdays == Decimal(0)


# ---------------------------------------------------------------- issue 11: figures a reviewer would not query

SESSIONS = Criterion("KV", "Khuôn viên", "buổi", None, None, Method.SUM, Scope.ALL_VILLAGES)


def D(month: int, day: int) -> dt.date:
    return dt.date(2021, month, day)


GATES = Criterion("NVH", "Nhà văn hóa", "nhà", Decimal(1), None, Method.SUM, Scope.ALL_VILLAGES)
RATE = Criterion("CN", "Chăn nuôi", "hộ", Decimal("10"), None, Method.RATE_RISE_POINTS, Scope.ALL_VILLAGES)


def _commune(*criteria):
    return Commune(INFO, (), COMMUNE.units, (NEAR, FAR), tuple(criteria), COMMUNE.assignments)


def _overall(figures, code):
    return next(p for p in figures.commune_progress if p.criterion.code == code)


def test_the_commune_centre_counts_in_an_all_village_sum_without_a_target_of_its_own():
    logs = [activity(D(3, 6), "Đoàn", "Gần", "KV", "1"), activity(D(3, 7), "Chi bộ", COMMUNE_CENTRE, "KV", "1")]
    figures = aggregate_month(_commune(SESSIONS, GATES), logs, D(3, 1))
    assert _overall(figures, "KV").cumulative_quantity == 2
    centre = [p for p in figures.progress if p.place == COMMUNE_CENTRE]
    assert {p.criterion.code for p in centre} == {"KV", "NVH"}
    assert all(p.met is None for p in centre if p.criterion.code == "NVH")  # no centre target: never "chưa đạt"


def test_overshoot_in_one_village_does_not_make_up_for_another():
    logs = [activity(D(3, 6), "Đoàn", "Gần", "DH", "1.4"), activity(D(3, 7), "Hội", "Xa", "DH", "0.2")]
    overall = _overall(aggregate_month(_commune(ROAD), logs, D(3, 1)), "DH")
    assert overall.cumulative_quantity == Decimal("1.6")
    assert overall.target == Decimal("0.6") * 2 + Decimal("0.8")
    assert overall.value == Decimal("0.6") + Decimal("0.2")  # each place at most its target
    assert overall.met is False


def test_a_rise_in_rate_is_in_points_of_the_livestock_households():
    logs = [activity(D(3, 6), "Đoàn", "Gần", "CN", "5"), activity(D(3, 7), "Hội", "Xa", "CN", "4")]
    figures = aggregate_month(_commune(RATE), logs, D(3, 1))
    near = next(p for p in figures.progress if p.place == "Gần")
    assert near.value == Decimal(5) / 50 * 100 and near.met is True  # 10 points of 50 livestock households
    overall = _overall(figures, "CN")
    assert (overall.households, overall.baseline) == (90, 50)
    assert overall.value == Decimal(9) / 90 * 100
    # the relative reading of the same logs is another number: the choice is the workbook's
    relative = _overall(aggregate_month(_commune(LIVESTOCK), logs, D(3, 1)), "CN")
    assert relative.value == Decimal(9) / 50 * 100
