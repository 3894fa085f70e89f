"""Pure validation: located raw rows in, model objects and every problem out.

Nothing here opens a file or stops at the first problem: each rule adds a
Problem (location, stable code, Vietnamese message) and the checking goes on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator import schema as S
from generator.errors import Location, Problem, ProblemCode, Severity
from generator.legacy import detect_legacy
from generator.model import (
    COMMUNE_CENTRE,
    PHRASE_SLOT,
    Activity,
    AssessmentNote,
    Assignment,
    Commune,
    Criterion,
    DocType,
    Method,
    NoteKind,
    PlanInfo,
    PlannedActivity,
    PreviousYearMonth,
    Recipient,
    Scope,
    Unit,
    Village,
)
from generator.reading import RawCell, RawRow, SheetTable, WorkbookData, blank_row_warnings, missing_sheet
from generator.text import fold, fold_ascii, nfc
from generator.vnholidays import vietnam_holidays

# ---------------------------------------------------------------- values


class ValueProblem(ValueError):
    """A cell value that cannot be read as what its column holds; the text says why."""


_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


# Excel stores numbers as floats, and a log repeats few of them: each is converted once.
_DECIMALS: dict[float, Decimal] = {}


def parse_decimal(cell: RawCell) -> Decimal | None:
    """A number as Excel holds it or as a clerk types it: '0,3', '1.250.000', '1 250 000'.

    None for a blank cell. A dot followed by groups of three digits is a thousands
    separator (Vietnamese); a lone dot before other digits is taken as a decimal point.
    """
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"'{value}' không phải là số")
    if isinstance(value, float):
        known = _DECIMALS.get(value)
        if known is None:
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueProblem("ô không chứa số hợp lệ")
            known = _bounded(Decimal(repr(value)))
            if len(_DECIMALS) < 100_000:
                _DECIMALS[value] = known
        return known
    if isinstance(value, int):
        return _bounded(Decimal(value))
    if not isinstance(value, str):
        raise ValueProblem(f"'{cell.text}' không phải là số")
    text = re.sub(r"[\s\u00a0\u202f]", "", value)
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if _THOUSANDS_DOTS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN_NUMBER.match(text):
        text = text.replace(",", ".")
    else:
        raise ValueProblem(f"'{nfc(value)[:40]}' không phải là số")
    try:
        result = Decimal(text)
    except InvalidOperation as err:
        raise ValueProblem(f"'{nfc(value)[:40]}' không phải là số") from err
    return _bounded(-result if negative else result)


# Excel keeps 15 significant digits; no figure of a commune needs more whole digits, and
# Decimal arithmetic (28 digits) would fail far beyond them.
MAX_WHOLE_DIGITS = 15
_TOO_BIG = Decimal(10) ** MAX_WHOLE_DIGITS


def _bounded(value: Decimal) -> Decimal:
    if abs(value) >= _TOO_BIG:
        raise ValueProblem(
            f"số '{value:.0f}' quá lớn: một ô số có tối đa {MAX_WHOLE_DIGITS} chữ số phần nguyên" if abs(value) < Decimal(10) ** 60
            else f"số quá lớn: một ô số có tối đa {MAX_WHOLE_DIGITS} chữ số phần nguyên"
        )
    return value


def parse_count(cell: RawCell) -> int | None:
    """A whole number ≥ 0 (people, households)."""
    value = parse_decimal(cell)
    if value is None:
        return None
    if value < 0 or value != value.to_integral_value():
        raise ValueProblem(f"'{cell.text}' phải là số nguyên không âm")
    return int(value)


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(cell: RawCell) -> dt.date | None:
    """A real Excel date, or text dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd."""
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    if isinstance(value, (dt.time, dt.timedelta)):
        # Excel's date serial 0 (or a bare time): the cell is formatted as a date but holds no day
        raise ValueProblem(
            "ô có định dạng ngày nhưng chỉ chứa số 0 hoặc một giờ, không có ngày nào; "
            "hãy gõ dạng ngày/tháng/năm, ví dụ 15/01/2021"
        )
    raise ValueProblem(f"'{cell.text[:40]}' không phải là ngày; hãy gõ dạng ngày/tháng/năm, ví dụ 15/01/2021")


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class NameMatch:
    name: str | None  # the canonical name, None when nothing matches
    by_diacritics_only: bool = False
    suggestion: str | None = None


class NameIndex:
    """Canonical names looked up as a clerk types them (SPEC §3)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)
        self._exact = {fold(n): n for n in self.names}
        self._plain: dict[str, list[str]] = {}
        for n in self.names:
            self._plain.setdefault(fold_ascii(n), []).append(n)
        self._compact = {fold_ascii(n).replace(" ", ""): n for n in self.names}
        self._seen: dict[str, NameMatch] = {}

    def match(self, typed: str) -> NameMatch:
        """The canonical name of `typed`; a log repeats few spellings, so each is looked up once."""
        known = self._seen.get(typed)
        if known is None:
            known = self._seen[typed] = self._lookup(typed)
        return known

    def _lookup(self, typed: str) -> NameMatch:
        if fold(typed) in self._exact:
            return NameMatch(self._exact[fold(typed)])
        plain = self._plain.get(fold_ascii(typed), [])
        if len(plain) == 1:
            return NameMatch(plain[0], by_diacritics_only=True)
        compact = self._compact.get(fold_ascii(typed).replace(" ", ""))
        if compact:
            return NameMatch(None, suggestion=compact)
        close = difflib.get_close_matches(fold_ascii(typed), list(self._plain), n=1, cutoff=0.75)
        suggestion = self._plain[close[0]][0] if close else None
        return NameMatch(None, suggestion=suggestion)


def name_problems(
    match: NameMatch, typed: str, location: Location, what: str, where: str
) -> list[Problem]:
    """The problem (if any) of a looked-up name: a warning for missing diacritics only."""
    if match.name and match.by_diacritics_only:
        return [
            Problem(
                location,
                ProblemCode.NAME_WITHOUT_MARKS,
                f"{what} '{typed}' được hiểu là '{match.name}' (khác dấu). Nên gõ đúng '{match.name}'.",
                Severity.WARNING,
            )
        ]
    if match.name:
        return []
    hint = f" Có phải '{match.suggestion}'?" if match.suggestion else ""
    return [
        Problem(
            location,
            ProblemCode.UNKNOWN_NAME,
            f"{what} '{typed}' không có trong trang '{where}'.{hint}",
        )
    ]


# ---------------------------------------------------------------- sheets


@dataclass
class _Collector:
    problems: list[Problem]

    def add(self, location: Location, code: ProblemCode, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(location, code, message, severity))

    def value_error(self, row: RawRow, header: str, error: ValueProblem, expected: str) -> None:
        self.add(row.location(header), ProblemCode.BAD_VALUE, f"Cột '{header}': {error}. {expected}")

    def required(self, row: RawRow, header: str) -> str | None:
        text = nfc(row.text(header))
        if not text:
            self.add(row.location(header), ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
            return None
        return text


def _info(table: SheetTable, out: _Collector) -> PlanInfo | None:
    keys = {fold_ascii(k): k for k, _ in S.INFO_KEYS}
    values: dict[str, tuple[RawRow, RawCell]] = {}
    for row in table.rows:
        key = keys.get(fold_ascii(row.text("Mục")))
        if key is None:
            continue
        if key in values:
            out.add(row.location("Mục"), ProblemCode.DUPLICATE_ITEM, f"Mục '{key}' ghi hai lần (lần đầu ở dòng {values[key][0].number}).")
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


def _recipients(table: SheetTable, out: _Collector) -> list[Recipient]:
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


def _unique(row: RawRow, header: str, name: str, seen: dict[str, int], out: _Collector) -> bool:
    key = fold(name)
    if key in seen:
        out.add(row.location(header), ProblemCode.DUPLICATE_NAME, f"'{name}' đã có ở dòng {seen[key]}; mỗi tên chỉ ghi một lần.")
        return False
    seen[key] = row.number
    return True


UNIT_KINDS = S.UNITS.column("Loại").choices


def _units(table: SheetTable, out: _Collector) -> list[Unit]:
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


def _count(row: RawRow, header: str, out: _Collector) -> int | None:
    try:
        value = parse_count(row.cell(header))
    except ValueProblem as error:
        out.value_error(row, header, error, "Hãy ghi một số nguyên không âm.")
        return None
    if value is None:
        out.add(row.location(header), ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
    return value


def _villages(table: SheetTable, out: _Collector) -> list[Village]:
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
            out.add(row.location("Số hộ chăn nuôi"), ProblemCode.BAD_VALUE, f"Số hộ chăn nuôi ({livestock}) lớn hơn số hộ ({households}).")
        if livestock is not None and baseline is not None and baseline > livestock:
            out.add(
                row.location("Hộ chăn nuôi đạt VSMT năm trước"),
                ProblemCode.BAD_VALUE,
                f"Số hộ chăn nuôi đạt VSMT năm trước ({baseline}) lớn hơn số hộ chăn nuôi ({livestock}).",
            )
        villages.append(Village(index, name, remote_text == "x", households or 0, livestock or 0, baseline or 0))
    return villages


def _enum_value(row: RawRow, header: str, options: Sequence[str], out: _Collector) -> str | None:
    typed = row.text(header)
    match = NameIndex(options).match(typed)
    if match.name is None:
        out.add(row.location(header), ProblemCode.BAD_VALUE, f"Cột '{header}' có '{typed}'; chỉ được ghi: " + " / ".join(options) + ".")
    return match.name


def _target(row: RawRow, header: str, out: _Collector) -> Decimal | None:
    try:
        value = parse_decimal(row.cell(header))
    except ValueProblem as error:
        out.value_error(row, header, error, "Chỉ tiêu là một số, ví dụ 0,3; để trống nếu không có.")
        return None
    if value is not None and value < 0:
        out.add(row.location(header), ProblemCode.BAD_VALUE, f"Cột '{header}': chỉ tiêu không được âm.")
        return None
    return value


def _criteria(table: SheetTable, out: _Collector) -> list[Criterion]:
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


def _previous_year(table: SheetTable, out: _Collector) -> list[PreviousYearMonth]:
    """The optional `Năm trước` sheet: one row per month of the previous year, each month once."""
    months: list[PreviousYearMonth] = []
    if not all(table.has_column(h) for h in table.schema.required_headers):
        return months
    seen: set[int] = set()
    for row in table.rows:
        read = _RowReader(row, out)
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


def _assessment(table: SheetTable, year: int, out: _Collector) -> list[AssessmentNote]:
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


def _assignments(table: SheetTable, units: NameIndex, villages: NameIndex, out: _Collector) -> list[Assignment]:
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
    out = _Collector(list(book.problems))
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
            out.add(Location(book.label, tables[sheet.name].name, path=str(book.path)), ProblemCode.EMPTY_SHEET, f"Trang '{sheet.name}' chưa có dòng dữ liệu nào.")
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


# ---------------------------------------------------------------- activity logs

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

_PEOPLE_CATEGORIES = ("Cán bộ, công chức", "Đảng viên", "Viên chức", "LLVT", "Đoàn viên, hội viên", "Nhân dân")
_TOTAL = "Tổng lượt người"


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


class _RowReader:
    """Reads one row's cells into typed values, adding a problem for each bad cell."""

    def __init__(self, row: RawRow, out: _Collector) -> None:
        self.row = row
        self.out = out
        self.ok = True

    def fail(self, header: str, code: ProblemCode, message: str) -> None:
        self.ok = False
        self.out.add(self.row.location(header), code, message)

    def text(self, header: str, required: bool = True) -> str:
        value = nfc(self.row.text(header))
        if required and not value:
            self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
        return value

    def name(self, header: str, index: NameIndex, sheet: str, what: str) -> str:
        typed = self.text(header)
        if not typed:
            return ""
        match = index.match(typed)
        if match.name is None:
            legacy = detect_legacy(typed)
            if legacy is not None:
                converted = index.match(legacy.converted)
                if converted.name is not None:
                    return converted.name  # the legacy-encoding warning is added by the caller
        if match.name is not None and not match.by_diacritics_only:
            return match.name
        problems = name_problems(match, typed, self.row.location(header), what, sheet)
        for problem in problems:
            if problem.is_error:
                self.ok = False
        self.out.problems.extend(problems)
        return match.name or ""

    def count(self, header: str, default: int | None = 0) -> int:
        raw = RawCell(self.row.value(header), "").value
        if type(raw) is float and raw >= 0 and raw.is_integer():
            return int(raw)  # the common case, as Excel stores counts
        try:
            value = parse_count(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(header, ProblemCode.BAD_COUNT, f"Cột '{header}': {error}. Hãy ghi số người là số nguyên không âm, ví dụ 25.")
            return 0
        if value is None:
            if default is None:
                self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
                return 0
            return default
        return value

    def amount(self, header: str) -> Decimal:
        try:
            value = parse_decimal(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(header, ProblemCode.BAD_NUMBER, f"Cột '{header}': {error}. Hãy ghi một số, ví dụ 0,3 hoặc 1.250.000.")
            return Decimal(0)
        if value is None:
            return Decimal(0)
        if value < 0:
            self.fail(header, ProblemCode.NEGATIVE_NUMBER, f"Cột '{header}' có số âm ({self.row.text(header)}); hãy ghi số không âm.")
            return Decimal(0)
        return value

    def money(self, header: str) -> int:
        value = self.amount(header)
        if value != value.to_integral_value():
            self.fail(header, ProblemCode.BAD_NUMBER, f"Cột '{header}': số tiền phải là số đồng nguyên, không có phần lẻ.")
            return 0
        return int(value)

    def day(self, header: str, year: int | None, holidays: Mapping[dt.date, str]) -> dt.date | None:
        try:
            value = parse_date(RawCell(self.row.value(header), ""))
        except ValueProblem as error:
            self.fail(header, ProblemCode.BAD_DATE, f"Cột '{header}': {error}.")
            return None
        if value is None:
            self.fail(header, ProblemCode.EMPTY_CELL, f"Cột '{header}' không được để trống.")
            return None
        if year is not None and value.year != year:
            self.fail(
                header,
                ProblemCode.DATE_OUTSIDE_YEAR,
                f"Ngày {value:%d/%m/%Y} không thuộc năm kế hoạch {year}. Hãy kiểm tra lại năm.",
            )
        elif value in holidays:
            self.out.add(
                self.row.location(header),
                ProblemCode.HOLIDAY,
                f"Ngày {value:%d/%m/%Y} là ngày nghỉ lễ ({holidays[value]}). Hãy kiểm tra lại ngày.",
                Severity.WARNING,
            )
        return value


_LEGACY_CHECKED = ("Đơn vị", "Thôn", "Nội dung hoạt động", "Ghi chú")


def _legacy_warnings(row: RawRow, out: _Collector, headers: Sequence[str] = _LEGACY_CHECKED) -> None:
    for header in headers:
        text = row.text(header)
        if not text or text.isascii():
            continue
        legacy = detect_legacy(text)
        if legacy is not None:
            out.add(
                row.location(header),
                ProblemCode.LEGACY_ENCODING,
                f"'{text}' có vẻ gõ bằng bảng mã cũ {legacy.encoding}; chữ Unicode là: '{legacy.converted}'. "
                "Hãy gõ lại bằng Unicode (Unikey: bảng mã Unicode).",
                Severity.WARNING,
            )


def _activity(
    row: RawRow, catalogue: Catalogue, year: int, holidays: Mapping[dt.date, str], out: _Collector
) -> Activity | None:
    read = _RowReader(row, out)
    _legacy_warnings(row, out)
    day = read.day("Ngày", year, holidays)
    unit = read.name("Đơn vị", catalogue.units, S.UNITS.name, "Đơn vị")
    village = read.name("Thôn", catalogue.places, S.VILLAGES.name, "Thôn")
    code = read.name("Mã tiêu chí", catalogue.criteria, S.CRITERIA.name, "Mã tiêu chí")
    content = read.text("Nội dung hoạt động")
    total = read.count(_TOTAL, default=None)
    categories = [read.count(header) for header in _PEOPLE_CATEGORIES]
    if read.ok and total == 0:
        read.fail(_TOTAL, ProblemCode.BAD_TOTAL, "Tổng lượt người phải lớn hơn 0.")
    for header, value in zip(_PEOPLE_CATEGORIES, categories):
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
            location = Location(book.label, sheet, ref, _cell_order(ref)[0], str(book.path))
            if error:
                problems.append(
                    Problem(location, ProblemCode.EXCEL_ERROR, f"Ô {ref} có lỗi công thức {error}. Hãy sửa công thức hoặc gõ giá trị vào ô.")
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
    out = _Collector([])
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
            activity = _activity(row, catalogue, commune.info.year, holidays, out)
            if activity is None:
                continue
            key = _duplicate_key(activity)
            if key in first_seen:
                earlier = first_seen[key]
                out.add(
                    row.location(),
                    ProblemCode.DUPLICATE_ROW,
                    f"Dòng {row.number} trùng hệt dòng {earlier.number} của {earlier.file} › {earlier.sheet} "
                    "(cùng ngày, đơn vị, thôn, nội dung và số liệu). Hãy xóa một trong hai dòng.",
                )
                continue
            first_seen[key] = row
            activities.append(activity)
    return activities, out.problems


def _cell_order(ref: str) -> tuple[int, str]:
    match = re.match(r"([A-Z]+)(\d+)$", ref)
    return (int(match.group(2)), match.group(1)) if match else (0, ref)


# ---------------------------------------------------------------- monthly plans


def parse_month(cell: RawCell) -> dt.date | None:
    """'03/2021', '3/2021', '2021-03' or a date → the first day of that month."""
    value = cell.value
    if cell.is_blank:
        return None
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = cell.text
    for pattern in (r"^(\d{1,2})\s*[/.-]\s*(\d{4})$", r"^(\d{4})\s*-\s*(\d{1,2})$"):
        match = re.match(pattern, text)
        if match:
            first, second = (int(g) for g in match.groups())
            month, year = (first, second) if first <= 12 and second > 12 else (second, first)
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
    raise ValueProblem(f"'{text[:20]}' không phải là tháng; hãy ghi dạng tháng/năm, ví dụ 03/2021")


def validate_monthly_plan(commune: Commune, table: SheetTable) -> tuple[list[PlannedActivity], list[Problem]]:
    """The rows of `Kế hoạch tháng`."""
    out = _Collector(list(blank_row_warnings(table)))
    catalogue = Catalogue.of(commune)
    planned: list[PlannedActivity] = []
    if not all(table.has_column(h) for h in table.schema.required_headers):
        return planned, out.problems
    for row in table.rows:
        read = _RowReader(row, out)
        _legacy_warnings(row, out)
        try:
            month = parse_month(row.cell("Tháng"))
        except ValueProblem as error:
            read.fail("Tháng", ProblemCode.BAD_DATE, f"Cột 'Tháng': {error}.")
            month = None
        if month is None and read.ok:
            read.fail("Tháng", ProblemCode.EMPTY_CELL, "Cột 'Tháng' không được để trống.")
        elif month is not None and month.year != commune.info.year:
            read.fail("Tháng", ProblemCode.DATE_OUTSIDE_YEAR, f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {commune.info.year}.")
        day: dt.date | None = None
        if not row.cell("Ngày dự kiến").is_blank:
            day = read.day("Ngày dự kiến", commune.info.year, {})
            if day is not None and month is not None and (day.year, day.month) != (month.year, month.month):
                read.fail("Ngày dự kiến", ProblemCode.DATE_OUTSIDE_MONTH, f"Ngày dự kiến {day:%d/%m/%Y} không thuộc tháng {month:%m/%Y}.")
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
                PlannedActivity(month, day, unit, village, code, content, people, quantity, quantity_unit, budget, nfc(row.text("Ghi chú")))
            )
    return planned, out.problems
