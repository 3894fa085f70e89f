"""The targets of the plan (`Tiêu chí`) as the reports word them: what was done, the share of the
target, the villages that met theirs, the targets behind the calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from generator import vnformat
from generator.aggregation import HUNDRED, MonthlyFigures, Progress
from generator.documents.phrasing import upper_first, villages_named
from generator.model import COMMUNE_CENTRE, PHRASE_SLOT, Commune, Criterion, Method


def done_phrase(criterion: Criterion, amount: Decimal) -> str:
    """'gắn 11 biển chỉ dẫn ranh giới thôn' from `Cách ghi kết quả`; without one,
    'Gắn biển chỉ dẫn ranh giới thôn: 11 biển'."""
    if criterion.phrase:
        return upper_first(criterion.phrase.replace(PHRASE_SLOT, vnformat.number(amount)))
    return f"{criterion.content}: {vnformat.quantity(amount, criterion.unit)}"


def main_targets(commune: Commune) -> list[Criterion]:
    """The targets with a number per village: those Biểu 02 follows."""
    return [c for c in commune.criteria if c.target_per_village is not None]


def places_of(figures: MonthlyFigures, criterion: Criterion) -> list[Progress]:
    return [p for p in figures.progress if p.criterion.code == criterion.code]


def met_villages(places: Sequence[Progress]) -> tuple[list[str], int]:
    """(names of villages that met their target, number of villages with a target)."""
    villages = [p for p in places if p.place != COMMUNE_CENTRE and p.met is not None]
    return [p.place for p in villages if p.met], len(villages)


def share_of(value: Decimal, target: Decimal) -> Decimal:
    return value / target * HUNDRED if target else Decimal(0)


def points(value: Decimal) -> str:
    return f"{vnformat.number(value, 1)} điểm %"


def target_cell(criterion: Criterion) -> str:
    per_village = criterion.target_per_village
    if per_village is None:
        return ""
    if criterion.method is Method.SUM:
        text = vnformat.quantity(per_village, criterion.unit)
        if criterion.target_centre is not None:
            text += f", TTX {vnformat.quantity(criterion.target_centre, criterion.unit)}"
        return text
    if criterion.method is Method.HOUSEHOLD_RATE:
        return f"{vnformat.percent(per_village)} số hộ"
    if criterion.method is Method.RATE_RISE_POINTS:
        return f"tăng {points(per_village)}"
    return f"tăng {vnformat.percent(per_village)}"


def slow_targets(figures: MonthlyFigures) -> list[Progress]:
    """Targets behind the calendar: commune share below the share of the year gone by."""
    elapsed = Decimal(figures.month.month) / 12 * HUNDRED
    slow = []
    for overall in figures.commune_progress:
        if not overall.applicable or overall.target is None or overall.met:
            continue
        share = share_of(overall.value, overall.target)
        if share < elapsed:
            slow.append(overall)
    return slow


def untouched_clause(figures: MonthlyFigures, criterion: Criterion) -> str:
    """'; thôn Làng Dịa chưa thực hiện': the villages with a target and nothing done toward it yet,
    counted instead of named when they are more than six."""
    places = places_of(figures, criterion)
    untouched = [p.place for p in places if p.target is not None and not p.cumulative_quantity]
    if len(untouched) > 6:
        return f"; {len(untouched)}/{len(places)} thôn chưa thực hiện"
    return f"; {villages_named(untouched)} chưa thực hiện" if untouched else ""
