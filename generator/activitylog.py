"""The validated activity log as columns (a polars frame), and its sums by group.

A log of 200,000 rows is kept as one frame instead of 200,000 `Activity` objects: the
monthly figures are polars group-bys over it (aggregation.py), and the objects are made
only when a document walks through the rows (`ActivityLog` is a sequence of them, made on
first use). Quantities stay exact: the frame holds each Decimal column twice, as a polars
Decimal (exact fixed-point sums) and as an index into the list of the Decimals the
validation made, so that an `Activity` made from the frame is the one the row reader makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, overload

from generator.model import Activity

if TYPE_CHECKING:
    import polars as pl

INT_FIELDS = (
    "participants",
    "officials",
    "party_members",
    "public_employees",
    "armed_forces",
    "association_members",
    "residents",
    "cash",
    "in_kind",
)
DECIMAL_FIELDS = ("workdays", "quantity", "land_m2")
TEXT_FIELDS = ("unit", "village", "criterion", "content", "note")
# polars' Decimal is 38 digits: a column keeps at most this many places, and room for sums
MAX_SCALE = 20
_SUM_ROOM = 8  # digits left for the sum of up to 10⁸ rows
# an integer column of the frame sums in 64 bits: each value stays below this
MAX_INT = 1 << 40


class NotColumnar(Exception):
    """Values the frame cannot hold exactly (a count beyond 2⁴⁰, a number with more than
    20 decimal places): the caller keeps the row reader's objects instead."""


def decimal_series(name: str, values: Sequence[Decimal]) -> pl.Series:
    """`values` as one exact polars Decimal column, or NotColumnar."""
    import polars as pl

    scale = max((max(0, -int(d.as_tuple().exponent)) for d in values), default=0)
    if scale > MAX_SCALE:
        raise NotColumnar(name)
    limit = Decimal(10) ** (38 - scale - _SUM_ROOM)
    if any(abs(d) >= limit for d in values):
        raise NotColumnar(name)
    return pl.Series(name, list(values), dtype=pl.Decimal(38, scale))


def frame_of(activities: Sequence[tuple[int, int, Activity]], decimals: dict[str, DecimalIndex]) -> pl.DataFrame:
    """Activities of the row reader as frame rows: (table, row number, activity). Their
    Decimals join `decimals` (column → Decimal → index), so that they keep their own."""
    import polars as pl

    columns: dict[str, list[object]] = {name: [] for name in ("t", "row", "day", *TEXT_FIELDS, *INT_FIELDS)}
    keys: dict[str, list[int]] = {f"{name}_k": [] for name in DECIMAL_FIELDS}
    for table, number, activity in activities:
        columns["t"].append(table)
        columns["row"].append(number)
        columns["day"].append(activity.day)
        for name in (*TEXT_FIELDS, *INT_FIELDS):
            value = getattr(activity, name)
            if name in INT_FIELDS and abs(value) >= MAX_INT:
                raise NotColumnar(name)
            columns[name].append(value)
        for name in DECIMAL_FIELDS:
            keys[f"{name}_k"].append(index_of(decimals[name], getattr(activity, name)))
    schema = {"t": pl.UInt32, "row": pl.UInt32, "day": pl.Date}
    schema |= {name: pl.String for name in TEXT_FIELDS} | {name: pl.Int64 for name in INT_FIELDS}
    frame = pl.DataFrame(columns, schema=schema)
    return frame.with_columns(pl.Series(name, values, dtype=pl.UInt32) for name, values in keys.items())


# a column's distinct Decimals → their index; keyed with the digits too, so that Decimal('1.0')
# and Decimal('1') stay two entries: each row keeps the Decimal it was read as
DecimalIndex = dict[tuple[Decimal, object], int]


def index_of(known: DecimalIndex, value: Decimal) -> int:
    key = (value, value.as_tuple())
    found = known.get(key)
    if found is None:
        found = known[key] = len(known)
    return found


class ActivityLog(Sequence[Activity]):
    """The valid activity rows of every log, in file and row order, as one frame.

    `frame` columns: t (the table's index in `sources`), row (its row number), day, the text,
    integer and Decimal fields of `Activity`, and `<decimal field>_k`, the index of the row's
    own Decimal in `decimals[field]`.
    """

    def __init__(self, frame: pl.DataFrame, sources: Sequence[tuple[str, str]], decimals: dict[str, list[Decimal]]) -> None:
        self.frame = frame
        self.sources = tuple(sources)
        self.decimals = decimals
        self._objects: tuple[Activity, ...] | None = None

    @classmethod
    def build(
        cls, parts: Sequence[pl.DataFrame], sources: Sequence[tuple[str, str]], decimals: dict[str, DecimalIndex]
    ) -> ActivityLog:
        """From frame parts holding t, row, day, texts, integers and `<field>_k` columns."""
        import polars as pl

        frame = pl.concat(parts, how="vertical") if parts else frame_of([], {n: {} for n in DECIMAL_FIELDS})
        lists: dict[str, list[Decimal]] = {}
        for name in DECIMAL_FIELDS:
            ordered = sorted(decimals[name].items(), key=lambda item: item[1])
            lists[name] = [value for (value, _), _ in ordered]
            lookup = decimal_series(name, lists[name])
            column = lookup.gather(frame[f"{name}_k"]) if len(lookup) else pl.Series(name, [], dtype=lookup.dtype)
            frame = frame.with_columns(column.alias(name))
        return cls(frame.sort("t", "row"), sources, lists)

    def activities(self, frame: pl.DataFrame | None = None) -> tuple[Activity, ...]:
        """The rows of `frame` (a filter of this log's frame; all rows by default) as objects."""
        if frame is None:
            if self._objects is None:
                self._objects = self.activities(self.frame)
            return self._objects
        workdays, quantity, land = (self.decimals[name] for name in DECIMAL_FIELDS)
        names = ("t", "row", "day", *TEXT_FIELDS, *INT_FIELDS, "workdays_k", "quantity_k", "land_m2_k")
        made = []
        for t, row, day, unit, village, code, content, note, p, o, pm, pe, af, am, r, cash, in_kind, wk, qk, lk in frame.select(
            names
        ).iter_rows():
            file, sheet = self.sources[t]
            made.append(
                Activity(
                    day, unit, village, code, content, p, o, pm, pe, af, am, r,
                    workdays[wk], quantity[qk], cash, in_kind, land[lk], note, f"{file} › {sheet}!A{row}",
                )
            )  # fmt: skip
        return tuple(made)

    def months(self) -> list[dt.date]:
        import polars as pl

        return sorted(self.frame.select(pl.col("day").dt.truncate("1mo").unique())["day"].to_list())

    def __len__(self) -> int:
        return self.frame.height

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same activities (a tuple of the row reader's objects)."""
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, index: int) -> Activity: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Activity]: ...
    def __getitem__(self, index: int | slice) -> Activity | Sequence[Activity]:
        return self.activities()[index]

    def __iter__(self) -> Iterator[Activity]:
        return iter(self.activities())
