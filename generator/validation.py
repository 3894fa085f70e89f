"""Pure validation of the main workbook's own sheets: located raw rows in, the commune and every problem out.

Nothing here opens a file or stops at the first problem: each rule adds a Problem
(location, stable code, Vietnamese message) and the checking goes on. Cell values are read
by cellvalues.py, names looked up by names.py, rows read by rowcheck.py; the activity logs and
the monthly plan are checked by logcheck.py (row by row) and columnar.py (column by column).
The names below are re-exported so that this stays the one entry point of validation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from generator import schema as S
from generator.cellvalues import MAX_WHOLE_DIGITS, ValueProblem, parse_count, parse_date, parse_decimal, parse_month
from generator.errors import Location, Problem, ProblemCode
from generator.logcheck import (
    Catalogue,
    conversion_factor,
    formula_problems,
    validate_activities,
    validate_monthly_plan,
)
from generator.model import (
    COMMUNE_CENTRE,
    PHRASE_SLOT,
    AssessmentNote,
    Assignment,
    Commune,
    Criterion,
    DocType,
    Method,
    NoteKind,
    PlanInfo,
    PreviousYearMonth,
    Recipient,
    Scope,
    Unit,
    Village,
)
from generator.names import NameIndex, NameMatch, name_problems
from generator.reading import RawCell, RawRow, SheetTable, WorkbookData, blank_row_warnings, missing_sheet
from generator.rowcheck import Collector, RowReader
from generator.text import fold, fold_ascii, nfc


def _info(table: SheetTable, out: Collector) -> PlanInfo | None:
    keys = {fold_ascii(k): k for k, _ in S.INFO_KEYS}
    values: dict[str, tuple[RawRow, RawCell]] = {}
    for row in table.rows:
        key = keys.get(fold_ascii(row.text("Mục")))
        if key is None:
            continue
        if key in values:
            out.add(
                row.location("Mục"),
                ProblemCode.DUPLICATE_ITEM,
                f"Mục '{key}' ghi hai lần (lần đầu ở dòng {values[key][0].number}).",
            )
            continue
        values[key] = (row, row.cell("Giá trị"))
    for key, required in S.INFO_KEYS:
        if required and key not in values:
            out.add(
                Location(table.file, table.name, f"A{table.header_row}", table.header_row, table.path),
                ProblemCode.MISSING_ITEM,
                f"Trang '{table.name}' thiếu mục '{key}'. Hãy thêm một dòng: cột Mục '{key}', cột Giá trị.",
            )
    if any(p.code == ProblemCode.MISSING_ITEM for p in out.problems):
        return None

    def text(key: str, required: bool = True) -> str:
        if key not in values:
            return ""
        row, cell = values[key]
        if required and cell.is_blank and key not in ("Số kế hoạch", "Ngày ban hành kế hoạch"):
            out.add(row.location("Giá trị"), ProblemCode.EMPTY_CELL, f"Mục '{key}' chưa có giá trị.")
        return nfc(cell.text)

    def whole(key: str, default: int | None, low: int, high: int, required: bool = False) -> int | None:
        if key not in values or values[key][1].is_blank:
            if required and key in values:
                out.add(values[key][0].location("Giá trị"), ProblemCode.EMPTY_CELL, f"Mục '{key}' chưa có giá trị.")
            return default
        row, cell = values[key]
        try:
            result = parse_count(cell)
        except ValueProblem as error:
            out.value_error(row, "Giá trị", error, f"Mục '{key}' phải là số nguyên.")
            return default
        if result is None or not low <= result <= high:
            out.add(row.location("Giá trị"), ProblemCode.BAD_VALUE, f"Mục '{key}' phải nằm trong khoảng {low}–{high}.")
            return default
        return result

    year = whole("Năm kế hoạch", None, 2000, 2100, required=True)
    number = whole("Số kế hoạch", None, 1, 9999)
    plan_date: dt.date | None = None
    if "Ngày ban hành kế hoạch" in values:
        row, cell = values["Ngày ban hành kế hoạch"]
        try:
            plan_date = parse_date(cell)
        except ValueProblem as error:
            out.value_error(row, "Giá trị", error, "Mục 'Ngày ban hành kế hoạch' phải là ngày.")
    fields = {k: text(k, r) for k, r in S.INFO_KEYS if k not in ("Năm kế hoạch", "Số kế hoạch", "Ngày ban hành kế hoạch")}
    plan_deadline = whole("Hạn kế hoạch tháng", 5, 1, 28)
    report_deadline = whole("Hạn báo cáo tháng", 28, 1, 31)
    unit_deadline = whole("Hạn đơn vị báo cáo", None, 1, 31)
    if year is None:
        return None
    return PlanInfo(
        superior_body=fields["Cơ quan cấp trên"],
        issuing_body=fields["Cơ quan ban hành"],
        body_symbol=fields["Ký hiệu cơ quan"],
        place=fields["Địa danh"],
        year=year,
        plan_number=number,
        plan_date=plan_date,
        signing_authority=fields["Thẩm quyền ký"],
        signer_title=fields["Chức vụ người ký"],
        signer=fields["Người ký"],
        report_recipient=fields["Nơi nhận báo cáo"],
        monthly_plan_deadline=plan_deadline or 5,
        monthly_report_deadline=report_deadline or 28,
        unit_report_deadline=unit_deadline,
        preamble=fields["Căn cứ"],
        superior_level=fields["Cấp trên"],
        superior_committee=fields["Cấp ủy cấp trên"],
        superior_advisory_board=fields["Ban tham mưu cấp trên"],
        content_directive=fields["Văn bản chỉ đạo nội dung"],
        advisory_body=fields["Cơ quan đầu mối"],
        criteria_set=fields["Bộ tiêu chí"],
        standard_goal=fields["Mục tiêu đạt chuẩn"],
    )


_DOC_TYPES = {fold_ascii(t.value): t for t in DocType}
_ALL_DOCS = fold_ascii("tất cả")


def _recipients(table: SheetTable, out: Collector) -> list[Recipient]:
    found: list[Recipient] = []
    for row in table.rows:
        kind = fold_ascii(row.text("Văn bản"))
        name = out.required(row, "Nơi nhận")
        if kind == _ALL_DOCS:
            doc_type = None
        elif kind in _DOC_TYPES:
            doc_type = _DOC_TYPES[kind]
        else:
            out.add(
                row.location("Văn bản"),
                ProblemCode.BAD_VALUE,
                f"Cột 'Văn bản' có '{row.text('Văn bản')}'; chỉ được ghi KH, PL, KHT, BC, BCN hoặc 'tất cả'.",
            )
            continue
        if name:
            found.append(Recipient(doc_type, name, nfc(row.text("Ghi chú"))))
    return found


def _unique(row: RawRow, header: str, name: str, seen: dict[str, int], out: Collector) -> bool:
    key = fold(name)
    if key in seen:
        out.add(row.location(header), ProblemCode.DUPLICATE_NAME, f"'{name}' đã có ở dòng {seen[key]}; mỗi tên chỉ ghi một lần.")
        return False
    seen[key] = row.number
    return True


UNIT_KINDS = S.UNITS.column("Loại").choices


def _units(table: SheetTable, out: Collector) -> list[Unit]:
    units: list[Unit] = []
    seen: dict[str, int] = {}
    kinds = NameIndex(UNIT_KINDS)
    for index, row in enumerate(table.rows, start=1):
        name = out.required(row, "Tên đơn vị")
        kind_text = out.required(row, "Loại")
        if not name or not _unique(row, "Tên đơn vị", name, seen, out):
            continue
        kind = kind_text or ""
        if kind_text:
            match = kinds.match(kind_text)
            if match.name is None:
                out.add(
                    row.location("Loại"),
                    ProblemCode.BAD_VALUE,
                    f"Loại '{kind_text}' không hợp lệ; chỉ được ghi: " + " / ".join(UNIT_KINDS) + ".",
                )
            else:
                kind = match.name
        units.append(Unit(index, name, kind, nfc(row.text("Người phụ trách"))))
    return units


def _count(row: RawRow, header: str, out: Collector) -> int | None:
    try:
        value = parse_count(row.cell(header))
    except ValueProblem as error:
        out.value_error(row, header, error, "Hãy ghi một số nguyên không âm.")
        return None
    if value is None:
        out.add(row.location(header), ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
    return value


def _villages(table: SheetTable, out: Collector) -> list[Village]:
    villages: list[Village] = []
    seen: dict[str, int] = {fold(COMMUNE_CENTRE): 0}
    for index, row in enumerate(table.rows, start=1):
        name = out.required(row, "Tên thôn")
        remote_text = fold(row.text("Xa trung tâm"))
        if remote_text not in ("", "x"):
            out.add(row.location("Xa trung tâm"), ProblemCode.BAD_VALUE, "Cột 'Xa trung tâm' chỉ ghi 'x' hoặc để trống.")
        households = _count(row, "Số hộ", out)
        livestock = _count(row, "Số hộ chăn nuôi", out)
        baseline = _count(row, "Hộ chăn nuôi đạt VSMT năm trước", out)
        if not name or not _unique(row, "Tên thôn", name, seen, out):
            continue
        if households is not None and livestock is not None and livestock > households:
            out.add(
                row.location("Số hộ chăn nuôi"),
                ProblemCode.BAD_VALUE,
                f"Số hộ chăn nuôi ({livestock}) lớn hơn số hộ ({households}).",
            )
        if livestock is not None and baseline is not None and baseline > livestock:
            out.add(
                row.location("Hộ chăn nuôi đạt VSMT năm trước"),
                ProblemCode.BAD_VALUE,
                f"Số hộ chăn nuôi đạt VSMT năm trước ({baseline}) lớn hơn số hộ chăn nuôi ({livestock}).",
            )
        villages.append(Village(index, name, remote_text == "x", households or 0, livestock or 0, baseline or 0))
    return villages


def _enum_value(row: RawRow, header: str, options: Sequence[str], out: Collector) -> str | None:
    typed = row.text(header)
    match = NameIndex(options).match(typed)
    if match.name is None:
        out.add(
            row.location(header),
            ProblemCode.BAD_VALUE,
            f"Cột '{header}' có '{typed}'; chỉ được ghi: " + " / ".join(options) + ".",
        )
    return match.name


def _target(row: RawRow, header: str, out: Collector) -> Decimal | None:
    try:
        value = parse_decimal(row.cell(header))
    except ValueProblem as error:
        out.value_error(row, header, error, "Chỉ tiêu là một số, ví dụ 0,3; để trống nếu không có.")
        return None
    if value is not None and value < 0:
        out.add(row.location(header), ProblemCode.BAD_VALUE, f"Cột '{header}': chỉ tiêu không được âm.")
        return None
    return value


def _criteria(table: SheetTable, out: Collector) -> list[Criterion]:
    criteria: list[Criterion] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        code = out.required(row, "Mã")
        content = out.required(row, "Nội dung")
        unit = out.required(row, "ĐVT")
        per_village = _target(row, "Chỉ tiêu mỗi thôn", out)
        centre = _target(row, "Chỉ tiêu trung tâm xã", out)
        method = _enum_value(row, "Cách tính", [m.value for m in Method], out)
        scope = _enum_value(row, "Áp dụng", [s.value for s in Scope], out)
        if not (code and content and unit and method and scope) or not _unique(row, "Mã", code, seen, out):
            continue
        explanation = "\n".join(nfc(line) for line in str(row.cell("Diễn giải").value or "").splitlines() if line.strip())
        phrase = " ".join(nfc(row.text("Cách ghi kết quả")).split())
        if phrase and PHRASE_SLOT not in phrase:
            out.add(
                row.location("Cách ghi kết quả"),
                ProblemCode.BAD_VALUE,
                f"Cột 'Cách ghi kết quả' phải có {PHRASE_SLOT} ở chỗ ghi khối lượng, ví dụ: gắn {PHRASE_SLOT} biển chỉ dẫn ranh giới thôn.",
            )
            continue
        criteria.append(Criterion(code, content, unit, per_village, centre, Method(method), Scope(scope), explanation, phrase))
    return criteria


def _previous_year(table: SheetTable, out: Collector) -> list[PreviousYearMonth]:
    """The optional `Năm trước` sheet: one row per month of the previous year, each month once."""
    months: list[PreviousYearMonth] = []
    if not all(table.has_column(h) for h in table.schema.required_headers):
        return months
    seen: set[int] = set()
    for row in table.rows:
        read = RowReader(row, out)
        month = read.count("Tháng", None)
        if read.ok and not 1 <= month <= 12:
            read.fail("Tháng", ProblemCode.BAD_VALUE, f"Cột 'Tháng' có {row.text('Tháng')}; hãy ghi số tháng từ 1 đến 12.")
        elif read.ok and month in seen:
            read.fail("Tháng", ProblemCode.DUPLICATE_NAME, f"Tháng {month} đã có ở một dòng trước; mỗi tháng ghi một dòng.")
        record = PreviousYearMonth(
            month,
            read.count("Số buổi", None),
            read.count("Lượt người", None),
            read.amount("Ngày công"),
            read.money("Nguồn lực huy động (đồng)"),
        )
        if read.ok:
            seen.add(month)
            months.append(record)
    return months


def _assessment(table: SheetTable, year: int, out: Collector) -> list[AssessmentNote]:
    """The optional `Đánh giá` sheet: the clerk's own sentences, by month and Mục."""
    notes: list[AssessmentNote] = []
    if not all(table.has_column(h) for h in table.schema.required_headers):
        return notes
    for row in table.rows:
        try:
            month = parse_month(row.cell("Tháng"))
        except ValueProblem as error:
            out.add(row.location("Tháng"), ProblemCode.BAD_DATE, f"Cột 'Tháng': {error}.")
            continue
        kind = _enum_value(row, "Mục", [k.value for k in NoteKind], out)
        text = " ".join(nfc(row.text("Nội dung")).split())
        if month is None:
            out.add(row.location("Tháng"), ProblemCode.EMPTY_CELL, "Cột 'Tháng' không được để trống.")
            continue
        if month.year != year:
            out.add(row.location("Tháng"), ProblemCode.DATE_OUTSIDE_YEAR, f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {year}.")
            continue
        if not text:
            out.add(row.location("Nội dung"), ProblemCode.EMPTY_CELL, "Cột 'Nội dung' không được để trống.")
            continue
        if kind is not None:
            notes.append(AssessmentNote(month, NoteKind(kind), text))
    return notes


def _assignments(table: SheetTable, units: NameIndex, villages: NameIndex, out: Collector) -> list[Assignment]:
    found: list[Assignment] = []
    for row in table.rows:
        unit_text = out.required(row, "Chi bộ, tổ chức")
        if not unit_text:
            continue
        match = units.match(unit_text)
        out.problems.extend(name_problems(match, unit_text, row.location("Chi bộ, tổ chức"), "Đơn vị", S.UNITS.name))
        villages_text = nfc(row.text("Thôn phụ trách"))
        names: list[str] = []
        for typed in (part.strip() for part in villages_text.split(",")):
            if not typed:
                continue
            village = villages.match(typed)
            out.problems.extend(name_problems(village, typed, row.location("Thôn phụ trách"), "Thôn", S.VILLAGES.name))
            if village.name:
                names.append(village.name)
        found.append(
            Assignment(
                order=row.text("TT"),
                unit=match.name or unit_text,
                tasks=nfc(row.text("Nội dung phụ trách")),
                villages_text=villages_text,
                note=nfc(row.text("Ghi chú")),
                villages=tuple(names) or (COMMUNE_CENTRE,),
            )
        )
    return found


def validate_commune(book: WorkbookData) -> tuple[Commune | None, list[Problem]]:
    """The main workbook's sheets other than the logs: the commune, or None and why."""
    out = Collector(list(book.problems))
    tables: dict[str, SheetTable] = {}
    for sheet in (S.INFO, S.RECIPIENTS, S.UNITS, S.VILLAGES, S.CRITERIA, S.ASSIGNMENTS):
        table = book.table(sheet)
        if table is None:
            out.problems.append(missing_sheet(book.label, sheet, str(book.path)))
        else:
            tables[sheet.name] = table
            out.problems.extend(blank_row_warnings(table))
    if any(p.code in (ProblemCode.MISSING_SHEET, ProblemCode.MISSING_COLUMN) for p in out.problems):
        return None, out.problems
    info = _info(tables[S.INFO.name], out)
    recipients = _recipients(tables[S.RECIPIENTS.name], out)
    units = _units(tables[S.UNITS.name], out)
    villages = _villages(tables[S.VILLAGES.name], out)
    criteria = _criteria(tables[S.CRITERIA.name], out)
    assignments = _assignments(
        tables[S.ASSIGNMENTS.name],
        NameIndex(u.name for u in units),
        NameIndex([v.name for v in villages] + [COMMUNE_CENTRE]),
        out,
    )
    for sheet, items in ((S.UNITS, units), (S.VILLAGES, villages), (S.CRITERIA, criteria)):
        if not items and not any(p.location.sheet == tables[sheet.name].name for p in out.problems):
            out.add(
                Location(book.label, tables[sheet.name].name, path=str(book.path)),
                ProblemCode.EMPTY_SHEET,
                f"Trang '{sheet.name}' chưa có dòng dữ liệu nào.",
            )
    if info is None:
        return None, out.problems
    # Returned even with errors in its rows, so that the logs are checked against it
    # too and the clerk sees every problem in one run; the errors still block documents.
    notes: list[AssessmentNote] = []
    assessment = book.table(S.ASSESSMENT)
    if assessment is not None:
        out.problems.extend(blank_row_warnings(assessment))
        notes = _assessment(assessment, info.year, out)
    previous: list[PreviousYearMonth] = []
    previous_table = book.table(S.PREVIOUS_YEAR)
    if previous_table is not None:
        out.problems.extend(blank_row_warnings(previous_table))
        previous = _previous_year(previous_table, out)
    commune = Commune(
        info, tuple(recipients), tuple(units), tuple(villages), tuple(criteria), tuple(assignments), tuple(notes), tuple(previous)
    )
    return commune, out.problems


__all__ = [
    "MAX_WHOLE_DIGITS",
    "Catalogue",
    "NameIndex",
    "NameMatch",
    "ValueProblem",
    "conversion_factor",
    "formula_problems",
    "name_problems",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_month",
    "validate_activities",
    "validate_commune",
    "validate_monthly_plan",
]
