"""Pure aggregation of the activity logs (SPEC §4): month and cumulative from 1 January.

Participation categories are "trong đó" of the total and are summed each on its
own, never into the total. Quantities are Decimal in the criterion's unit and
money is int đồng, so totals are exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from generator.activitylog import ActivityLog
from generator.model import COMMUNE_CENTRE, Activity, Commune, Criterion, Method, Scope, Totals, Village

HUNDRED = Decimal(100)


def total(activities: Iterable[Activity]) -> Totals:
    """Field by field with sum(): a year of logs is hundreds of thousands of rows."""
    items = activities if isinstance(activities, (list, tuple)) else list(activities)
    return Totals(
        len(items),
        sum(a.participants for a in items),
        sum(a.officials for a in items),
        sum(a.party_members for a in items),
        sum(a.public_employees for a in items),
        sum(a.armed_forces for a in items),
        sum(a.association_members for a in items),
        sum(a.residents for a in items),
        sum((a.workdays for a in items), Decimal(0)),
        sum(a.cash for a in items),
        sum(a.in_kind for a in items),
        sum((a.land_m2 for a in items), Decimal(0)),
    )


@dataclass(frozen=True)
class Row:
    """One line of a table: a name, its month figures and its figures since 1 January."""

    name: str
    month: Totals
    cumulative: Totals


@dataclass(frozen=True)
class Progress:
    """One criterion in one place (a village or the commune centre) or commune-wide."""

    place: str
    criterion: Criterion
    month_quantity: Decimal  # in the criterion's unit (households for the rate methods)
    cumulative_quantity: Decimal
    value: Decimal  # what is compared with the target: the quantity, or a per cent
    target: Decimal | None
    applicable: bool
    # the households a rate is taken of (`Số hộ`, or `Số hộ chăn nuôi` for a rise in rate) and the
    # previous year's count (`Hộ chăn nuôi đạt VSMT năm trước`): the base a rate is printed with
    households: int = 0
    baseline: int = 0

    @property
    def met(self) -> bool | None:
        """None where there is no target to meet."""
        if not self.applicable or self.target is None:
            return None
        return self.value >= self.target

    @property
    def share_of_target(self) -> Decimal | None:
        """Per cent of the target reached, for the progress chart (capped at 100)."""
        if not self.applicable or not self.target:
            return None
        return min(HUNDRED, self.value / self.target * HUNDRED)


@dataclass(frozen=True)
class MonthlyFigures:
    month: dt.date  # first day of the month
    month_totals: Totals
    cumulative_totals: Totals
    units: tuple[Row, ...]  # in the order of the `Đơn vị` sheet
    places: tuple[Row, ...]  # villages in sheet order, then the commune centre
    unit_places: tuple[tuple[str, str, Totals], ...]  # (unit, place, month totals) with activity
    progress: tuple[Progress, ...]  # per place × criterion with a target or an applicable method
    commune_progress: tuple[Progress, ...]  # per criterion, commune-wide
    idle_units: tuple[str, ...]
    idle_villages: tuple[str, ...]
    # the month's rows; for a log read as columns, made into objects when first used
    month_activities: Sequence[Activity] = field(repr=False, default=())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _applies(criterion: Criterion, place: str, village: Village | None) -> bool:
    """The commune centre takes part in every "Tất cả thôn" sum, with or without a target of its
    own (SPEC §4): its sessions count. It has no households, so no rate applies to it."""
    if place == COMMUNE_CENTRE:
        return criterion.method is Method.SUM and (criterion.scope is Scope.ALL_VILLAGES or criterion.target_centre is not None)
    if criterion.scope is Scope.REMOTE_VILLAGES:
        return village is not None and village.remote
    return True


def _base(criterion: Criterion, villages: Sequence[Village]) -> tuple[int, int]:
    """(households the rate is taken of, previous year's count) for the criterion's `Cách tính`."""
    baseline = sum(v.hygienic_livestock_baseline for v in villages)
    if criterion.method is Method.HOUSEHOLD_RATE:
        return sum(v.households for v in villages), 0
    if criterion.method in (Method.RISE_OVER_BASELINE, Method.RATE_RISE_POINTS):
        return sum(v.livestock_households for v in villages), baseline
    return 0, 0


def _value(criterion: Criterion, quantity: Decimal, villages: Sequence[Village]) -> Decimal:
    """What a cumulative quantity means for the criterion's `Cách tính`: the quantity, the rate in
    %, the relative rise over last year in %, or the rise of the rate in percentage points."""
    if criterion.method is Method.SUM:
        return quantity
    households, baseline = _base(criterion, villages)
    if criterion.method is Method.RISE_OVER_BASELINE:
        return quantity / baseline * HUNDRED if baseline else Decimal(0)
    return quantity / households * HUNDRED if households else Decimal(0)


def capped_sum(places: Iterable[Progress]) -> Decimal:
    """A commune-wide sum against per-place targets: each place counts up to its own target, so
    overshoot in one village does not make up for another (SPEC §4). Places without a target
    add nothing."""
    return sum((min(p.cumulative_quantity, p.target) for p in places if p.target is not None), Decimal(0))


def _place_target(criterion: Criterion, place: str) -> Decimal | None:
    return criterion.target_centre if place == COMMUNE_CENTRE else criterion.target_per_village


def _commune_target(criterion: Criterion, applicable: Sequence[str]) -> Decimal | None:
    """A sum's target adds up over places; a rate's target is the same rate commune-wide."""
    if criterion.method is not Method.SUM:
        return criterion.target_per_village
    targets = [_place_target(criterion, place) for place in applicable]
    known = [t for t in targets if t is not None]
    return sum(known, Decimal(0)) if known else None


@dataclass(frozen=True)
class _Sums:
    """A month's activities and those since 1 January, summed by the groups the figures need."""

    month_totals: Totals
    cumulative_totals: Totals
    units: dict[str, tuple[Totals, Totals]]  # unit → (month, cumulative), in order of first activity
    places: dict[str, tuple[Totals, Totals]]
    pairs: dict[tuple[str, str], Totals]  # (unit, place) → month totals
    quantities: dict[tuple[str, str], tuple[Decimal, Decimal]]  # (place, criterion) → (month, cumulative)
    month_activities: Sequence[Activity]


def _python_sums(activities: Sequence[Activity], year_start: dt.date, start: dt.date, end: dt.date) -> _Sums:
    cumulative = [a for a in activities if year_start <= a.day < end]
    in_month = [a for a in cumulative if a.day >= start]

    def by(key: str) -> dict[str, tuple[Totals, Totals]]:
        month_by: dict[str, list[Activity]] = {}
        all_by: dict[str, list[Activity]] = {}
        for activity in cumulative:
            name = getattr(activity, key)
            all_by.setdefault(name, []).append(activity)
            if activity.day >= start:
                month_by.setdefault(name, []).append(activity)
        return {n: (total(month_by.get(n, [])), total(items)) for n, items in all_by.items()}

    pairs: dict[tuple[str, str], list[Activity]] = {}
    for activity in in_month:
        pairs.setdefault((activity.unit, activity.village), []).append(activity)
    quantities: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for activity in cumulative:
        month_q, all_q = quantities.get((activity.village, activity.criterion), (Decimal(0), Decimal(0)))
        quantities[(activity.village, activity.criterion)] = (
            month_q + (activity.quantity if activity.day >= start else 0),
            all_q + activity.quantity,
        )
    return _Sums(
        total(in_month),
        total(cumulative),
        by("unit"),
        by("village"),
        {pair: total(items) for pair, items in pairs.items()},
        quantities,
        tuple(in_month),
    )


def aggregate_month(commune: Commune, activities: Sequence[Activity], month: dt.date) -> MonthlyFigures:
    """Figures of `month` and from 1 January to its last day.

    An ActivityLog (a log read column by column) is summed by polars group-bys, exactly: the
    Decimal columns sum as fixed-point decimals. Any other sequence is summed in Python."""
    start = month_start(month)
    end = next_month(start)
    year_start = dt.date(start.year, 1, 1)
    if isinstance(activities, ActivityLog):
        from generator.framesums import frame_sums  # polars: only where a log was read as columns

        sums = _Sums(*frame_sums(activities, year_start, start, end))
    else:
        sums = _python_sums(activities, year_start, start, end)

    def rows(names: Sequence[str], groups: dict[str, tuple[Totals, Totals]]) -> tuple[Row, ...]:
        ordered = list(names) + [n for n in groups if n not in set(names)]
        return tuple(Row(n, *groups.get(n, (Totals(), Totals()))) for n in ordered)

    unit_names = [u.name for u in commune.units]
    place_names = [v.name for v in commune.villages] + [COMMUNE_CENTRE]
    units = rows(unit_names, sums.units)
    places = rows(place_names, sums.places)

    unit_order = {n: i for i, n in enumerate(unit_names)}
    place_order = {n: i for i, n in enumerate(place_names)}
    unit_places = tuple(
        (unit, place, totals)
        for (unit, place), totals in sorted(
            sums.pairs.items(), key=lambda kv: (unit_order.get(kv[0][0], 999), place_order.get(kv[0][1], 999))
        )
    )

    villages = {v.name: v for v in commune.villages}
    quantities = sums.quantities
    progress: list[Progress] = []
    commune_progress: list[Progress] = []
    for criterion in commune.criteria:
        applicable: list[str] = []
        first = len(progress)
        month_sum, all_sum = Decimal(0), Decimal(0)
        for place in place_names:
            village = villages.get(place)
            if not _applies(criterion, place, village):
                continue
            applicable.append(place)
            month_q, all_q = quantities.get((place, criterion.code), (Decimal(0), Decimal(0)))
            month_sum += month_q
            all_sum += all_q
            here = [village] if village else []
            progress.append(
                Progress(
                    place,
                    criterion,
                    month_q,
                    all_q,
                    _value(criterion, all_q, here),
                    _place_target(criterion, place),
                    True,
                    *_base(criterion, here),
                )
            )
        commune_villages = [villages[p] for p in applicable if p in villages]
        commune_target = _commune_target(criterion, applicable)
        value = _value(criterion, all_sum, commune_villages)
        if criterion.method is Method.SUM and commune_target is not None:
            value = capped_sum(progress[first:])
        commune_progress.append(
            Progress(
                "Toàn xã",
                criterion,
                month_sum,
                all_sum,
                value,
                commune_target,
                bool(applicable),
                *_base(criterion, commune_villages),
            )
        )

    active_units = {unit for unit, _ in sums.pairs}
    active_places = {place for _, place in sums.pairs}
    return MonthlyFigures(
        month=start,
        month_totals=sums.month_totals,
        cumulative_totals=sums.cumulative_totals,
        units=units,
        places=places,
        unit_places=unit_places,
        progress=tuple(progress),
        commune_progress=tuple(commune_progress),
        idle_units=tuple(n for n in unit_names if n not in active_units),
        idle_villages=tuple(v.name for v in commune.villages if v.name not in active_places),
        month_activities=sums.month_activities,
    )


def months_with_data(activities: Iterable[Activity]) -> list[dt.date]:
    if isinstance(activities, ActivityLog):
        return activities.months()
    return sorted({month_start(a.day) for a in activities})
