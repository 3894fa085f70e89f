"""The activity logs (`Nhật ký`) and the monthly plan (`Kế hoạch tháng`), row by row.

Every row of a log is checked against the commune: dates, names, counts, amounts, units,
assignments, and duplicates across files. columnar.py does the same column by column and
sends here only the rows that hold a problem, so the messages are worded here alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator import schema as S
from generator.cellvalues import ValueProblem, parse_month
from generator.errors import Location, Problem, ProblemCode, Severity
from generator.model import COMMUNE_CENTRE, Activity, Commune, Criterion, PlannedActivity
from generator.names import NameIndex
from generator.reading import RawRow, SheetTable, WorkbookData, blank_row_warnings
from generator.rowcheck import Collector, RowReader, legacy_warnings
from generator.text import fold, nfc
from generator.vnholidays import vietnam_holidays

# Units a quantity may be typed in, by kind, with their size in the kind's base unit.
_CONVERTIBLE_UNITS: dict[str, tuple[str, Decimal]] = {
    "m": ("dài", Decimal(1)),
    "km": ("dài", Decimal(1000)),
    "m2": ("diện tích", Decimal(1)),
    "m²": ("diện tích", Decimal(1)),
    "ha": ("diện tích", Decimal(10000)),
    "km2": ("diện tích", Decimal(1000000)),
    "km²": ("diện tích", Decimal(1000000)),
}

PEOPLE_CATEGORIES = ("Cán bộ, công chức", "Đảng viên", "Viên chức", "LLVT", "Đoàn viên, hội viên", "Nhân dân")
TOTAL = "Tổng lượt người"


def _unit_key(text: str) -> str:
    return fold(text).replace(" ", "")


def conversion_factor(typed_unit: str, criterion_unit: str) -> Decimal | None:
    """How many criterion units one typed unit is (m → km: 0.001); None when they do not convert."""
    typed, wanted = _unit_key(typed_unit), _unit_key(criterion_unit)
    if not typed or typed == wanted:
        return Decimal(1)
    if typed in _CONVERTIBLE_UNITS and wanted in _CONVERTIBLE_UNITS:
        typed_kind, typed_size = _CONVERTIBLE_UNITS[typed]
        wanted_kind, wanted_size = _CONVERTIBLE_UNITS[wanted]
        if typed_kind == wanted_kind:
            return typed_size / wanted_size
    return None


@dataclass(frozen=True)
class Catalogue:
    """The commune's names, looked up as typed; one lookup per distinct spelling."""

    units: NameIndex
    places: NameIndex
    criteria: NameIndex
    criteria_by_code: dict[str, Criterion]
    assigned: dict[str, frozenset[str]]  # unit → villages it looks after

    @classmethod
    def of(cls, commune: Commune) -> Catalogue:
        assigned: dict[str, set[str]] = {}
        for assignment in commune.assignments:
            assigned.setdefault(assignment.unit, set()).update(assignment.villages)
        return cls(
            NameIndex(u.name for u in commune.units),
            NameIndex([v.name for v in commune.villages] + [COMMUNE_CENTRE]),
            NameIndex(c.code for c in commune.criteria),
            {c.code: c for c in commune.criteria},
            {unit: frozenset(villages) for unit, villages in assigned.items()},
        )


def read_activity(
    row: RawRow, catalogue: Catalogue, year: int, holidays: Mapping[dt.date, str], out: Collector
) -> Activity | None:
    read = RowReader(row, out)
    legacy_warnings(row, out)
    day = read.day("Ngày", year, holidays)
    unit = read.name("Đơn vị", catalogue.units, S.UNITS.name, "Đơn vị")
    village = read.name("Thôn", catalogue.places, S.VILLAGES.name, "Thôn")
    code = read.name("Mã tiêu chí", catalogue.criteria, S.CRITERIA.name, "Mã tiêu chí")
    content = read.text("Nội dung hoạt động")
    total = read.count(TOTAL, default=None)
    categories = [read.count(header) for header in PEOPLE_CATEGORIES]
    if read.ok and total == 0:
        read.fail(TOTAL, ProblemCode.BAD_TOTAL, "Tổng lượt người phải lớn hơn 0.")
    for header, value in zip(PEOPLE_CATEGORIES, categories):
        if value > total and total > 0:
            read.fail(
                header,
                ProblemCode.BAD_TOTAL,
                f"Cột '{header}' ({value}) lớn hơn Tổng lượt người ({total}). Các nhóm là 'trong đó' của tổng: "
                "tổng phải lớn hơn hoặc bằng từng nhóm.",
            )
    workdays = read.amount("Ngày công")
    quantity = read.amount("Khối lượng")
    cash = read.money("Tiền mặt (đồng)")
    in_kind = read.money("Hiện vật quy đổi (đồng)")
    land = read.amount("Hiến đất (m²)")
    if code:
        criterion = catalogue.criteria_by_code[code]
        typed_unit = read.text("ĐVT", required=False)
        factor = conversion_factor(typed_unit, criterion.unit)
        if factor is None:
            read.fail(
                "ĐVT",
                ProblemCode.BAD_UNIT,
                f"Đơn vị tính '{typed_unit}' không đổi được sang '{criterion.unit}' của tiêu chí {code}. "
                f"Hãy ghi khối lượng theo '{criterion.unit}'.",
            )
        else:
            quantity *= factor
    if unit and village and village != COMMUNE_CENTRE:
        assigned = catalogue.assigned.get(unit, frozenset())
        if village not in assigned:
            out.add(
                row.location("Thôn"),
                ProblemCode.OUTSIDE_ASSIGNMENT,
                f"{unit} không được phân công phụ trách thôn {village} (trang 'Phân công'). Hãy kiểm tra lại thôn.",
                Severity.WARNING,
            )
    if not read.ok or day is None:
        return None
    return Activity(
        day=day,
        unit=unit,
        village=village,
        criterion=code,
        content=content,
        participants=total,
        officials=categories[0],
        party_members=categories[1],
        public_employees=categories[2],
        armed_forces=categories[3],
        association_members=categories[4],
        residents=categories[5],
        workdays=workdays,
        quantity=quantity,
        cash=cash,
        in_kind=in_kind,
        land_m2=land,
        note=nfc(row.text("Ghi chú")),
        source=f"{row.file} › {row.sheet}!A{row.number}",
    )


def _duplicate_key(activity: Activity) -> tuple[object, ...]:
    return (
        activity.day,
        activity.unit,
        activity.village,
        activity.criterion,
        fold(activity.content),
        activity.participants,
        activity.officials,
        activity.party_members,
        activity.public_employees,
        activity.armed_forces,
        activity.association_members,
        activity.residents,
        activity.workdays,
        activity.quantity,
        activity.cash,
        activity.in_kind,
        activity.land_m2,
    )


def formula_problems(book: WorkbookData) -> list[Problem]:
    """Cells read as blank that are not: a formula never calculated, or an error value."""
    problems = []
    for sheet, cells in book.unknown.items():
        for ref, error in cells:
            location = Location(book.label, sheet, ref, cell_order(ref)[0], str(book.path))
            if error:
                problems.append(
                    Problem(
                        location,
                        ProblemCode.EXCEL_ERROR,
                        f"Ô {ref} có lỗi công thức {error}. Hãy sửa công thức hoặc gõ giá trị vào ô.",
                    )
                )
            else:
                problems.append(
                    Problem(
                        location,
                        ProblemCode.UNCALCULATED_FORMULA,
                        f"Ô {ref} có công thức nhưng chưa có kết quả (tệp được lưu khi chưa tính). "
                        "Hãy mở tệp bằng Excel, bấm lưu, rồi chạy lại.",
                    )
                )
    return problems


def validate_activities(
    commune: Commune, logs: Sequence[SheetTable], uncalculated: Mapping[tuple[str, str], Sequence[str]] | None = None
) -> tuple[list[Activity], list[Problem]]:
    """Every `Nhật ký` row of every workbook, checked against the commune; duplicates across files too.

    Rows holding a cell of `uncalculated` ((file, sheet) → cells, reported by
    formula_problems) are skipped: their figures are unknown.
    """
    out = Collector([])
    catalogue = Catalogue.of(commune)
    holidays = vietnam_holidays(commune.info.year)
    activities: list[Activity] = []
    first_seen: dict[tuple[object, ...], RawRow] = {}
    for table in logs:
        if not all(table.has_column(h) for h in table.schema.required_headers):
            continue  # reported as E-THIEU-COT by reading; its rows cannot be read
        out.problems.extend(blank_row_warnings(table))
        skipped = set((uncalculated or {}).get((table.file, table.name), ()))
        for row in table.rows:
            if skipped and any(cell.ref in skipped for _, cell in row.cells):
                continue
            activity = read_activity(row, catalogue, commune.info.year, holidays, out)
            if activity is None:
                continue
            key = _duplicate_key(activity)
            if key in first_seen:
                earlier = first_seen[key]
                out.problems.append(duplicate_problem(row.location(), earlier.number, earlier.file, earlier.sheet))
                continue
            first_seen[key] = row
            activities.append(activity)
    return activities, out.problems


def duplicate_problem(location: Location, earlier: int, earlier_file: str, earlier_sheet: str) -> Problem:
    """The row at `location` repeats row `earlier` of `earlier_file` › `earlier_sheet`."""
    return Problem(
        location,
        ProblemCode.DUPLICATE_ROW,
        f"Dòng {location.row} trùng hệt dòng {earlier} của {earlier_file} › {earlier_sheet} "
        "(cùng ngày, đơn vị, thôn, nội dung và số liệu). Hãy xóa một trong hai dòng.",
    )


def cell_order(ref: str) -> tuple[int, str]:
    match = re.match(r"([A-Z]+)(\d+)$", ref)
    return (int(match.group(2)), match.group(1)) if match else (0, ref)


# ---------------------------------------------------------------- monthly plans


def validate_monthly_plan(commune: Commune, table: SheetTable) -> tuple[list[PlannedActivity], list[Problem]]:
    """The rows of `Kế hoạch tháng`."""
    out = Collector(list(blank_row_warnings(table)))
    catalogue = Catalogue.of(commune)
    planned: list[PlannedActivity] = []
    if not all(table.has_column(h) for h in table.schema.required_headers):
        return planned, out.problems
    for row in table.rows:
        read = RowReader(row, out)
        legacy_warnings(row, out)
        try:
            month = parse_month(row.cell("Tháng"))
        except ValueProblem as error:
            read.fail("Tháng", ProblemCode.BAD_DATE, f"Cột 'Tháng': {error}.")
            month = None
        if month is None and read.ok:
            read.fail("Tháng", ProblemCode.EMPTY_CELL, "Cột 'Tháng' không được để trống.")
        elif month is not None and month.year != commune.info.year:
            read.fail(
                "Tháng", ProblemCode.DATE_OUTSIDE_YEAR, f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {commune.info.year}."
            )
        day: dt.date | None = None
        if not row.cell("Ngày dự kiến").is_blank:
            day = read.day("Ngày dự kiến", commune.info.year, {})
            if day is not None and month is not None and (day.year, day.month) != (month.year, month.month):
                read.fail(
                    "Ngày dự kiến",
                    ProblemCode.DATE_OUTSIDE_MONTH,
                    f"Ngày dự kiến {day:%d/%m/%Y} không thuộc tháng {month:%m/%Y}.",
                )
        unit = read.name("Đơn vị", catalogue.units, S.UNITS.name, "Đơn vị")
        village = read.name("Thôn", catalogue.places, S.VILLAGES.name, "Thôn")
        code = read.name("Mã tiêu chí", catalogue.criteria, S.CRITERIA.name, "Mã tiêu chí")
        content = read.text("Nội dung hoạt động")
        people = read.count("Lực lượng dự kiến")
        quantity = read.amount("Khối lượng dự kiến")
        budget = read.money("Kinh phí dự kiến")
        quantity_unit = read.text("ĐVT", required=False)
        if code and not quantity_unit:
            quantity_unit = catalogue.criteria_by_code[code].unit
        if read.ok and month is not None:
            planned.append(
                PlannedActivity(
                    month, day, unit, village, code, content, people, quantity, quantity_unit, budget, nfc(row.text("Ghi chú"))
                )
            )
    return planned, out.problems
