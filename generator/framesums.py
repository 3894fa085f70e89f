"""The monthly sums of aggregation.py over a log read column by column: polars group-bys.

Counts and money sum as 64-bit integers (columnar.py keeps each value below 2⁴⁰), quantities
and workdays as polars Decimals, exact like Python's Decimal sums. Only the month's rows
become `Activity` objects (the report lists them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import polars as pl

from generator.activitylog import DECIMAL_FIELDS, INT_FIELDS, ActivityLog
from generator.model import Activity, Totals

_SUMS = [pl.len().alias("activities"), *(pl.col(n).sum() for n in INT_FIELDS), *(pl.col(n).sum() for n in DECIMAL_FIELDS)]


def _totals(row: dict[str, Any]) -> Totals:
    figures: dict[str, Any] = {n: int(row[n]) for n in ("activities", *INT_FIELDS)}
    return Totals(**figures, workdays=Decimal(row["workdays"]), land_m2=Decimal(row["land_m2"]))


def _grouped(frame: pl.DataFrame, keys: list[str]) -> dict[Any, Totals]:
    """Totals by `keys`, in the order of each group's first row."""
    if not frame.height:
        return {}
    table = frame.group_by(keys, maintain_order=True).agg(_SUMS)
    return {tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]: _totals(row) for row in table.iter_rows(named=True)}


def frame_sums(
    log: ActivityLog, year_start: dt.date, start: dt.date, end: dt.date
) -> tuple[
    Totals,
    Totals,
    dict[str, tuple[Totals, Totals]],
    dict[str, tuple[Totals, Totals]],
    dict[tuple[str, str], Totals],
    dict[tuple[str, str], tuple[Decimal, Decimal]],
    Sequence[Activity],
]:
    """aggregation._Sums' fields, in its order."""
    cumulative = log.frame.filter(pl.col("day").is_between(year_start, end, closed="left"))
    in_month = cumulative.filter(pl.col("day") >= start)
    month_totals = _grouped(in_month.with_columns(pl.lit(0).alias("_all")), ["_all"]).get(0, Totals())
    cumulative_totals = _grouped(cumulative.with_columns(pl.lit(0).alias("_all")), ["_all"]).get(0, Totals())

    def by(key: str) -> dict[str, tuple[Totals, Totals]]:
        month = _grouped(in_month, [key])
        return {name: (month.get(name, Totals()), totals) for name, totals in _grouped(cumulative, [key]).items()}

    quantities: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    if cumulative.height:
        summed = cumulative.group_by(["village", "criterion"], maintain_order=True).agg(
            pl.col("quantity").filter(pl.col("day") >= start).sum().alias("month"), pl.col("quantity").sum().alias("all")
        )
        for village, criterion, month_q, all_q in summed.iter_rows():
            quantities[(village, criterion)] = (Decimal(month_q or 0), Decimal(all_q))
    return (
        month_totals,
        cumulative_totals,
        by("unit"),
        by("village"),
        _grouped(in_month, ["unit", "village"]),
        quantities,
        ActivityLog(in_month, log.sources, log.decimals),
    )
