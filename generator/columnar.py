"""The activity logs validated column by column (SPEC §3): every rule over whole columns at once.

A big log arrives as Arrow columns (reading.read_log_columns). Each rule of a `Nhật ký` row is
checked here over its column: the dates and their year and holidays, the three names, the
content, the counts and the totals' "trong đó", the amounts and the money, the unit of the
quantity, the assignment, the legacy encodings. A text rule runs once per distinct value, as
the row reader does. A row that passes every rule goes into the frame as it is; a row that
breaks one (or holds a warning) is read again from the workbook row by row and goes through
logcheck.read_activity, which words its problems: messages and codes are logcheck's alone, and
each problem is located at its cell. Duplicates are found over every valid row of every log.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from generator import schema as S
from generator.activitylog import DECIMAL_FIELDS, MAX_INT, ActivityLog, DecimalIndex, NotColumnar, frame_of, index_of
from generator.cellvalues import ValueProblem, parse_decimal
from generator.errors import Location, Problem
from generator.legacy import detect_legacy
from generator.logcheck import (
    PEOPLE_CATEGORIES,
    TOTAL,
    Catalogue,
    cell_order,
    conversion_factor,
    duplicate_problem,
    read_activity,
    validate_activities,
)
from generator.model import COMMUNE_CENTRE, Activity, Commune
from generator.names import NameIndex
from generator.reading import CellValue, ColumnLayout, LogColumns, RawCell, RawRow, SheetTable, blank_row_warnings
from generator.rowcheck import LEGACY_CHECKED, Collector
from generator.text import fold, nfc
from generator.vnholidays import vietnam_holidays

if TYPE_CHECKING:
    import polars as pl

# how fastexcel writes a cell that holds a real date, when the column is read as text
_DATE_CELL = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$"
_AMOUNTS = {"Ngày công": "workdays", "Hiến đất (m²)": "land_m2"}
_MONEY = {"Tiền mặt (đồng)": "cash", "Hiện vật quy đổi (đồng)": "in_kind"}
_PEOPLE = dict(
    zip(
        (TOTAL, *PEOPLE_CATEGORIES),
        ("participants", "officials", "party_members", "public_employees", "armed_forces", "association_members", "residents"),
    )
)
_BOUND = 1e15  # cellvalues.MAX_WHOLE_DIGITS
# how fastexcel writes a number, boolean or date cell in a column read as text
_TYPED_CELL = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$|^(true|false)$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def validate_logs(
    commune: Commune,
    logs: Sequence[SheetTable | LogColumns],
    uncalculated: Mapping[tuple[str, str], Sequence[str]] | None = None,
) -> tuple[Sequence[Activity], list[Problem]]:
    """What logcheck.validate_activities returns for the same sheets, the activities as one
    ActivityLog frame. Where a value does not fit the frame exactly (NotColumnar), every log
    is read row by row instead and the activities are the row reader's objects."""
    try:
        return _validate(commune, logs, uncalculated or {})
    except NotColumnar:
        tables = [log.rows() if isinstance(log, LogColumns) else log for log in logs]
        return validate_activities(commune, tables, uncalculated)


def _validate(
    commune: Commune, logs: Sequence[SheetTable | LogColumns], uncalculated: Mapping[tuple[str, str], Sequence[str]]
) -> tuple[ActivityLog, list[Problem]]:
    out = Collector([])
    checks = _Checks(commune)
    decimals: dict[str, DecimalIndex] = {name: {} for name in DECIMAL_FIELDS}
    parts: list[pl.DataFrame] = []
    by_rows: list[tuple[int, int, Activity]] = []
    for t, log in enumerate(logs):
        if not all(log.has_column(h) for h in log.schema.required_headers):
            continue  # reported as E-THIEU-COT by reading; its rows cannot be read
        skipped = set(uncalculated.get((log.file, log.name), ()))
        rows: list[RawRow] = []
        if isinstance(log, SheetTable):
            out.problems.extend(blank_row_warnings(log))
            rows = [r for r in log.rows if not (skipped and any(c.ref in skipped for _, c in r.cells))]
        else:
            letters = {letter for _, letter in log.columns}
            skipped_rows = {cell_order(ref)[0] for ref in skipped if ref.rstrip("0123456789") in letters}
            clean, suspect, blank_rows = checks.run(log, t, skipped_rows, decimals)
            blank = SheetTable(log.schema, log.file, log.name, 1, log.columns, (), tuple(blank_rows), log.path)
            out.problems.extend(blank_row_warnings(blank))
            parts.append(clean)
            if suspect:
                rebuilt, unsure = _raw_rows(log, suspect)
                if unsure:  # cells whose kind the columns do not tell: the sheet is read again, row by row
                    by_number = {r.number: r for r in log.rows().rows}
                    rebuilt += [by_number[n] for n in unsure if n in by_number]
                rows = sorted(rebuilt, key=lambda r: r.number)
        for row in rows:
            activity = read_activity(row, checks.catalogue, checks.year, checks.holidays, out)
            if activity is not None:
                by_rows.append((t, row.number, activity))
    if by_rows:
        parts.append(frame_of(by_rows, decimals))
    paths = [log.path for log in logs]
    built = ActivityLog.build(parts, [(log.file, log.name) for log in logs], decimals)
    return _without_duplicates(built, paths, out)


def _raw_rows(log: LogColumns, numbers: Sequence[int]) -> tuple[list[RawRow], list[int]]:
    """The rows `numbers` as the row reader would read them, made from the columns where every
    cell's value is certain: a number of a number column, a text of a text column, a real date
    (fastexcel writes one as `YYYY-MM-DD hh:mm:ss` in the date column, read as text). The row
    numbers whose cells are not certain (a number in a column read as text, a date before
    1900, which calamine gives as a time) come back to be read again from the workbook."""
    layout = ColumnLayout.of(log.columns)
    headers = [h for h, _ in log.columns]
    picked = log.frame.select(headers)[[n - log.FIRST_ROW for n in numbers]]
    readers = [_cell_reader(log, h, picked.schema[h]) for h in headers]
    rows: list[RawRow] = []
    unsure: list[int] = []
    for number, values in zip(numbers, picked.iter_rows()):
        cells = tuple(read(v) for read, v in zip(readers, values))
        if any(cell is _UNSURE for cell in cells):
            unsure.append(number)
        else:
            rows.append(RawRow(log.file, log.name, number, layout, cast(tuple[CellValue, ...], cells), log.path))
    return rows, unsure


_UNSURE = object()


def _cell_reader(log: LogColumns, header: str, dtype: object) -> Callable[[object], object]:
    """How a value of the column becomes the value python-calamine gives for its cell."""
    import polars as pl

    def text(value: object) -> object:
        if value is None or not isinstance(value, str):
            return value
        return value if value.isascii() else unicodedata.normalize("NFC", value)

    if log.schema.column(header).kind == S.Kind.DATE:

        def day(value: object) -> object:
            if isinstance(value, str) and re.match(_DATE_CELL, value):
                try:
                    moment = dt.datetime.fromisoformat(value)
                except ValueError:
                    return _UNSURE
                return moment if moment.year >= 1900 else _UNSURE
            return text(value)

        return day
    if dtype == pl.String and header in log.as_text:
        return lambda value: _UNSURE if isinstance(value, str) and _TYPED_CELL.match(value) else text(value)
    if dtype in (pl.String, pl.Float64, pl.Boolean, pl.Null):
        return text
    return lambda value: _UNSURE if value is not None else None


def _without_duplicates(log: ActivityLog, paths: Sequence[str], out: Collector) -> tuple[ActivityLog, list[Problem]]:
    """The first of identical rows stays (logcheck's key: the content compared folded)."""
    import polars as pl

    frame = log.frame.with_columns(
        _mapped(log.frame["content"], fold, pl.String).alias("_folded"), pl.int_range(pl.len()).alias("_pos")
    )
    keys = [
        "day",
        "unit",
        "village",
        "criterion",
        "_folded",
        *_PEOPLE.values(),
        "workdays",
        "quantity",
        "cash",
        "in_kind",
        "land_m2",
    ]
    frame = frame.with_columns(pl.col("_pos").min().over(keys).alias("_first"))
    repeated = frame.filter(pl.col("_pos") != pl.col("_first"))
    if repeated.height:
        firsts = frame.select("t", "row")
        for t, row, first in repeated.select("t", "row", "_first").iter_rows():
            earlier_t, earlier_row = firsts.row(first)
            file, sheet = log.sources[t]
            out.problems.append(
                duplicate_problem(Location(file, sheet, f"A{row}", row, paths[t]), earlier_row, *log.sources[earlier_t])
            )
    kept = frame.filter(pl.col("_pos") == pl.col("_first")).drop("_folded", "_pos", "_first")
    return ActivityLog(kept, log.sources, log.decimals), out.problems


def _mapped(series: pl.Series, function: Callable[[str], object], dtype: pl.DataType | type[pl.DataType]) -> pl.Series:
    """`function` of each distinct value of a text column, spread over its rows."""
    import polars as pl

    distinct = series.unique().drop_nulls().to_list()
    if not distinct:
        return pl.repeat(None, series.len(), dtype=dtype, eager=True).alias(series.name)
    return series.replace_strict(distinct, [function(v) for v in distinct], default=None, return_dtype=dtype)


class _Checks:
    """The rules of a `Nhật ký` row, over columns; one lookup per distinct text."""

    def __init__(self, commune: Commune) -> None:
        self.catalogue = Catalogue.of(commune)
        self.year = commune.info.year
        self.holidays = vietnam_holidays(self.year)
        self.criteria = {c.code: c for c in commune.criteria}

    def run(
        self, log: LogColumns, t: int, skipped: set[int], decimals: dict[str, DecimalIndex]
    ) -> tuple[pl.DataFrame, list[int], list[int]]:
        """(the clean rows as frame rows, the row numbers of the other data rows, the blank rows
        between data rows)."""
        import polars as pl

        frame = log.frame
        row = (pl.int_range(pl.len(), dtype=pl.UInt32) + log.FIRST_ROW).alias("row")
        blank = pl.all_horizontal(
            [self._blank(frame, h) for h, _ in log.columns if h not in log.schema.prefilled] or [pl.lit(False)]
        )
        marks = frame.select(row, blank.alias("blank"))
        data = marks.filter(~pl.col("blank"))["row"]
        blank_rows: list[int] = []
        if data.len():
            first, last = data.min(), data.max()
            blank_rows = marks.filter(pl.col("blank") & pl.col("row").is_between(first, last))["row"].to_list()
        columns = {h: frame[h] for h, _ in log.columns}
        values, checks = self._columns(columns, frame.height, decimals, log.as_text)
        checked = (
            frame.select(row, blank.alias("blank"))
            .with_columns(pl.all_horizontal(checks).alias("clean"), *values)
            .filter(~pl.col("blank") & ~pl.col("row").is_in(list(skipped)))
        )
        suspect = checked.filter(~pl.col("clean"))["row"].to_list()
        clean = checked.filter(pl.col("clean")).select(
            pl.lit(t, dtype=pl.UInt32).alias("t"),
            "row",
            "day",
            "unit",
            "village",
            "criterion",
            "content",
            "note",
            *(pl.col(name).cast(pl.Int64) for name in (*_PEOPLE.values(), *_MONEY.values())),
            *(pl.col(f"{name}_k").cast(pl.UInt32) for name in DECIMAL_FIELDS),
        )
        return clean, suspect, blank_rows

    @staticmethod
    def _blank(frame: pl.DataFrame, header: str) -> pl.Expr:
        """reading's blank cell: nothing, or text of white space only."""
        import polars as pl

        column = frame[header]
        if column.dtype == pl.String:
            spaces = [v for v in column.unique().drop_nulls().to_list() if not v.strip()]
            return pl.col(header).is_null() | pl.col(header).is_in(spaces)
        return pl.col(header).is_null()

    def _columns(
        self, columns: dict[str, pl.Series], height: int, decimals: dict[str, DecimalIndex], as_text: frozenset[str]
    ) -> tuple[list[pl.Series], list[pl.Series | pl.Expr]]:
        """(the typed columns of a clean row, one check per rule: True where the row passes)."""
        import polars as pl

        def text(header: str) -> pl.Series:
            column = columns.get(header)
            if column is None or column.dtype == pl.Null:
                return _repeat(header, "", pl.String, height)
            if column.dtype != pl.String:  # numbers or dates in a text column: the row reader reads them
                return column.is_null().replace_strict([True, False], ["", None], return_dtype=pl.String)
            if header in as_text:  # a text column holding numbers, dates or booleans too: those go to the row reader
                return _mapped(column.fill_null(""), lambda v: None if _TYPED_CELL.match(v) else nfc(v.strip()), pl.String)
            return _mapped(column.fill_null(""), lambda v: nfc(v.strip()), pl.String)

        values: list[pl.Series] = []
        checks: list[pl.Series | pl.Expr] = []

        # Ngày: a real date of the plan year, not a holiday (a warning, worded by the row reader)
        day_text = columns["Ngày"]
        if day_text.dtype == pl.String:
            day = day_text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
            checks.append((day_text.str.contains(_DATE_CELL).fill_null(False) & (day.dt.year() == self.year)).fill_null(False))
            checks.append(~day.is_in(list(self.holidays)).fill_null(True))
        else:
            day = _repeat("day", None, pl.Date, height)
            checks.append(_repeat("", False, pl.Boolean, height))
        values.append(day.alias("day"))

        # names: the canonical name, None where the row reader would add a problem
        names = (
            ("Đơn vị", self.catalogue.units, "unit"),
            ("Thôn", self.catalogue.places, "village"),
            ("Mã tiêu chí", self.catalogue.criteria, "criterion"),
        )
        for header, index, name in names:
            found = _mapped(text(header).fill_null(""), _canonical(index, header in LEGACY_CHECKED), pl.String)
            values.append(found.alias(name))
            checks.append(found.is_not_null())
        unit, village, code = values[1], values[2], values[3]

        # texts: the content is required; content and note must not look like a legacy encoding
        for header, name, required in (("Nội dung hoạt động", "content", True), ("Ghi chú", "note", False)):
            typed = text(header)
            values.append(typed.alias(name))
            plain = _mapped(typed.fill_null(""), lambda v: not (v and not v.isascii() and detect_legacy(v)), pl.Boolean)
            checks.append(typed.is_not_null() & plain.fill_null(False))
            if required:
                checks.append(typed != "")

        # counts: whole, not negative, a total of at least 1 and no category above it
        people: dict[str, pl.Series] = {}
        for header, name in _PEOPLE.items():
            column = columns[header]
            required = header == TOTAL
            if column.dtype == pl.Null:
                people[name] = _repeat(name, 0, pl.Int64, height)
                checks.append(_repeat("", not required, pl.Boolean, height))
                continue
            if column.dtype == pl.String:  # text in the column: its whole numbers are read here
                column = _whole_numbers(column, checks)
            elif column.dtype != pl.Float64:  # how calamine gives an .xlsx number; anything else: the row reader
                column = _repeat(header, None, pl.Float64, height)
                checks.append(columns[header].is_null() if not required else _repeat("", False, pl.Boolean, height))
            count = column.cast(pl.Float64)
            whole = (count >= (1 if required else 0)) & (count == count.floor()) & (count < MAX_INT)
            checks.append(whole.fill_null(not required))
            people[name] = count.fill_null(0).cast(pl.Int64, strict=False).alias(name)
        total = people["participants"]
        for name in list(_PEOPLE.values())[1:]:
            checks.append(people[name] <= total)
        values.extend(people.values())

        # amounts and money: numbers, not negative, whole đồng for money, each read as cellvalues reads it
        quantity = _repeat("quantity", None, pl.Float64, height)
        for header, name in (*_AMOUNTS.items(), ("Khối lượng", "quantity"), *_MONEY.items()):
            source = columns.get(header)
            if source is None or source.dtype == pl.Null:
                number = _repeat(header, None, pl.Float64, height)
            elif source.dtype == pl.Float64:
                number = source.cast(pl.Float64)
            elif source.dtype == pl.String and name in _MONEY.values():
                number = _whole_numbers(source, checks)
            else:
                number = _repeat(header, None, pl.Float64, height)
                checks.append(source.is_null())
            negative_zero = (number == 0) & ((1.0 / number) < 0)
            fits = (number >= 0) & number.is_finite() & (number < _BOUND) & ~negative_zero
            if name in _MONEY.values():  # summed in 64 bits: a larger sum of money is read row by row
                fits = fits & (number == number.floor()) & (number < MAX_INT)
                values.append(number.fill_null(0).cast(pl.Int64, strict=False).alias(name))
            checks.append(fits.fill_null(True))
            if name != "quantity" and name not in _MONEY.values():
                values.append(_decimal_keys(number, decimals[name]).alias(f"{name}_k"))
            if name == "quantity":
                quantity = number

        # the quantity in the criterion's unit: one conversion per (quantity, typed unit, criterion)
        typed_unit = text("ĐVT")
        converted = pl.DataFrame({"q": quantity + 0.0, "u": typed_unit, "c": code})
        distinct = converted.unique()
        keys = [self._quantity(q, u, c, decimals["quantity"]) for q, u, c in distinct.iter_rows()]
        lookup = distinct.with_columns(pl.Series("quantity_k", keys, dtype=pl.Int64))
        quantity_k = converted.join(lookup, on=["q", "u", "c"], how="left", nulls_equal=True, maintain_order="left")["quantity_k"]
        checks.append(quantity_k.is_not_null())
        values.append(quantity_k.alias("quantity_k"))

        # the assignment: a unit working outside its villages is a warning, worded by the row reader
        pairs = pl.DataFrame({"unit": unit, "village": village})
        distinct = pairs.unique()
        assigned = [
            not (u and v and v != COMMUNE_CENTRE and v not in self.catalogue.assigned.get(u, frozenset()))
            for u, v in distinct.iter_rows()
        ]
        lookup = distinct.with_columns(pl.Series("assigned", assigned, dtype=pl.Boolean))
        inside = pairs.join(lookup, on=["unit", "village"], how="left", nulls_equal=True, maintain_order="left")["assigned"]
        checks.append(inside.fill_null(False))
        return values, [c.fill_null(False) if isinstance(c, pl.Series) else c for c in checks]

    def _quantity(self, quantity: float | None, typed_unit: str | None, code: str | None, known: DecimalIndex) -> int | None:
        """The index of the row reader's quantity (read, then converted), None when its unit does not convert."""
        if code is None or typed_unit is None or code not in self.criteria:
            return None
        factor = conversion_factor(typed_unit, self.criteria[code].unit)
        if factor is None:
            return None
        value = _decimal(quantity)
        if value is None:
            return None
        return index_of(known, value * factor)


def _whole_numbers(column: pl.Series, checks: list[pl.Series | pl.Expr]) -> pl.Series:
    """A count or money column read as text (it holds text somewhere): a cell of digits only is
    the same whole number whether Excel holds it as a number or as text; any other cell makes
    its row go to the row reader."""
    import polars as pl

    digits = column.str.contains(r"^\d{1,12}$")
    checks.append((column.is_null() | digits).fill_null(False))
    return pl.Series(column.name, column.cast(pl.Float64, strict=False))


def _repeat(name: str, value: str | int | bool | None, dtype: type[pl.DataType], height: int) -> pl.Series:
    import polars as pl

    return pl.repeat(value, height, dtype=dtype, eager=True).alias(name)


def _decimal(number: float | None) -> Decimal | None:
    """cellvalues' reading of a number cell; None where it would be a problem."""
    try:
        value = parse_decimal(RawCell(number, ""))
    except ValueProblem:
        return None
    return Decimal(0) if value is None else value


def _decimal_keys(number: pl.Series, known: DecimalIndex) -> pl.Series:
    import polars as pl

    number = number + 0.0  # -0.0 is 0.0 here: a row holding it is read by the row reader anyway
    zero = index_of(known, Decimal(0))  # a blank amount, as the row reader reads it
    distinct = number.drop_nulls().unique().to_list()
    if not distinct:
        return _repeat(number.name, zero, pl.Int64, number.len())
    keys = [None if (value := _decimal(d)) is None else index_of(known, value) for d in distinct]
    return number.replace_strict(distinct, keys, default=None, return_dtype=pl.Int64).fill_null(zero)


def _canonical(index: NameIndex, legacy_checked: bool) -> Callable[[str], str | None]:
    """The name the row reader takes for a typed text, None where it would add a problem
    (empty, unknown, diacritics only, or a legacy encoding it warns about)."""

    def canonical(typed: str) -> str | None:
        if not typed:
            return None
        if legacy_checked and not typed.isascii() and detect_legacy(typed) is not None:
            return None
        match = index.match(typed)
        if match.name is None:
            legacy = detect_legacy(typed)
            converted = index.match(legacy.converted) if legacy is not None else None
            return converted.name if converted is not None else None
        return None if match.by_diacritics_only else match.name

    return canonical


__all__ = ["validate_logs"]
