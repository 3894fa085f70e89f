"""Pure validation: located raw rows in, model objects and every problem out.

Nothing here opens a file or stops at the first problem: each rule adds a
Problem (location, stable code, Vietnamese message) and the checking goes on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator import schema as S
from generator.errors import Location, Problem, Severity
from generator.model import (
    COMMUNE_CENTRE,
    Assignment,
    Commune,
    Criterion,
    DocType,
    Method,
    PlanInfo,
    Recipient,
    Scope,
    Unit,
    Village,
)
from generator.reading import RawCell, RawRow, SheetTable, WorkbookData, blank_row_warnings, missing_sheet
from generator.text import fold, fold_ascii, nfc

# ---------------------------------------------------------------- values


class ValueProblem(ValueError):
    """A cell value that cannot be read as what its column holds; the text says why."""


_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


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
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("ô không chứa số hợp lệ")
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
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
    except InvalidOperation:
        raise ValueProblem(f"'{nfc(value)[:40]}' không phải là số") from None
    return -result if negative else result


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

    def match(self, typed: str) -> NameMatch:
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
                "W-TEN-KHONG-DAU",
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
            "E-TEN-KHONG-CO",
            f"{what} '{typed}' không có trong trang '{where}'.{hint}",
        )
    ]


# ---------------------------------------------------------------- sheets


@dataclass
class _Collector:
    problems: list[Problem]

    def add(self, location: Location, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(location, code, message, severity))

    def value_error(self, row: RawRow, header: str, error: ValueProblem, expected: str) -> None:
        self.add(row.location(header), "E-GIA-TRI-SAI", f"Cột '{header}': {error}. {expected}")

    def required(self, row: RawRow, header: str) -> str | None:
        text = nfc(row.text(header))
        if not text:
            self.add(row.location(header), "E-O-TRONG", f"Cột '{header}' không được để trống.")
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
            out.add(row.location("Mục"), "E-MUC-TRUNG", f"Mục '{key}' ghi hai lần (lần đầu ở dòng {values[key][0].number}).")
            continue
        values[key] = (row, row.cell("Giá trị"))
    for key, required in S.INFO_KEYS:
        if required and key not in values:
            out.add(
                Location(table.file, table.name, f"A{table.header_row}", table.header_row),
                "E-THIEU-MUC",
                f"Trang '{table.name}' thiếu mục '{key}'. Hãy thêm một dòng: cột Mục '{key}', cột Giá trị.",
            )
    if any(p.code == "E-THIEU-MUC" for p in out.problems):
        return None

    def text(key: str, required: bool = True) -> str:
        if key not in values:
            return ""
        row, cell = values[key]
        if required and cell.is_blank and key not in ("Số kế hoạch", "Ngày ban hành kế hoạch"):
            out.add(row.location("Giá trị"), "E-O-TRONG", f"Mục '{key}' chưa có giá trị.")
        return nfc(cell.text)

    def whole(key: str, default: int | None, low: int, high: int) -> int | None:
        if key not in values or values[key][1].is_blank:
            return default
        row, cell = values[key]
        try:
            result = parse_count(cell)
        except ValueProblem as error:
            out.value_error(row, "Giá trị", error, f"Mục '{key}' phải là số nguyên.")
            return default
        if result is None or not low <= result <= high:
            out.add(row.location("Giá trị"), "E-GIA-TRI-SAI", f"Mục '{key}' phải nằm trong khoảng {low}–{high}.")
            return default
        return result

    year = whole("Năm kế hoạch", None, 2000, 2100)
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
        preamble=fields["Căn cứ"],
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
                "E-GIA-TRI-SAI",
                f"Cột 'Văn bản' có '{row.text('Văn bản')}'; chỉ được ghi KH, PL, KHT, BC, BCN hoặc 'tất cả'.",
            )
            continue
        if name:
            found.append(Recipient(doc_type, name, nfc(row.text("Ghi chú"))))
    return found


def _unique(row: RawRow, header: str, name: str, seen: dict[str, int], out: _Collector) -> bool:
    key = fold(name)
    if key in seen:
        out.add(row.location(header), "E-TEN-TRUNG", f"'{name}' đã có ở dòng {seen[key]}; mỗi tên chỉ ghi một lần.")
        return False
    seen[key] = row.number
    return True


_UNIT_KINDS = ("Chi bộ", "Tổ chức chính trị - xã hội", "Cơ quan")


def _units(table: SheetTable, out: _Collector) -> list[Unit]:
    units: list[Unit] = []
    seen: dict[str, int] = {}
    kinds = NameIndex(_UNIT_KINDS)
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
                    "E-GIA-TRI-SAI",
                    f"Loại '{kind_text}' không hợp lệ; chỉ được ghi: " + " / ".join(_UNIT_KINDS) + ".",
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
        out.add(row.location(header), "E-O-TRONG", f"Cột '{header}' không được để trống.")
    return value


def _villages(table: SheetTable, out: _Collector) -> list[Village]:
    villages: list[Village] = []
    seen: dict[str, int] = {fold(COMMUNE_CENTRE): 0}
    for index, row in enumerate(table.rows, start=1):
        name = out.required(row, "Tên thôn")
        remote_text = fold(row.text("Xa trung tâm"))
        if remote_text not in ("", "x"):
            out.add(row.location("Xa trung tâm"), "E-GIA-TRI-SAI", "Cột 'Xa trung tâm' chỉ ghi 'x' hoặc để trống.")
        households = _count(row, "Số hộ", out)
        livestock = _count(row, "Số hộ chăn nuôi", out)
        baseline = _count(row, "Hộ chăn nuôi đạt VSMT năm trước", out)
        if not name or not _unique(row, "Tên thôn", name, seen, out):
            continue
        if households is not None and livestock is not None and livestock > households:
            out.add(row.location("Số hộ chăn nuôi"), "E-GIA-TRI-SAI", f"Số hộ chăn nuôi ({livestock}) lớn hơn số hộ ({households}).")
        if livestock is not None and baseline is not None and baseline > livestock:
            out.add(
                row.location("Hộ chăn nuôi đạt VSMT năm trước"),
                "E-GIA-TRI-SAI",
                f"Số hộ chăn nuôi đạt VSMT năm trước ({baseline}) lớn hơn số hộ chăn nuôi ({livestock}).",
            )
        villages.append(Village(index, name, remote_text == "x", households or 0, livestock or 0, baseline or 0))
    return villages


def _enum_value(row: RawRow, header: str, options: Sequence[str], out: _Collector) -> str | None:
    typed = row.text(header)
    match = NameIndex(options).match(typed)
    if match.name is None:
        out.add(row.location(header), "E-GIA-TRI-SAI", f"Cột '{header}' có '{typed}'; chỉ được ghi: " + " / ".join(options) + ".")
    return match.name


def _target(row: RawRow, header: str, out: _Collector) -> Decimal | None:
    try:
        value = parse_decimal(row.cell(header))
    except ValueProblem as error:
        out.value_error(row, header, error, "Chỉ tiêu là một số, ví dụ 0,3; để trống nếu không có.")
        return None
    if value is not None and value < 0:
        out.add(row.location(header), "E-GIA-TRI-SAI", f"Cột '{header}': chỉ tiêu không được âm.")
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
        criteria.append(Criterion(code, content, unit, per_village, centre, Method(method), Scope(scope), explanation))
    return criteria


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
            out.problems.append(missing_sheet(book.label, sheet))
        else:
            tables[sheet.name] = table
            out.problems.extend(blank_row_warnings(table))
    if any(p.code in ("E-THIEU-TRANG", "E-THIEU-COT") for p in out.problems):
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
            out.add(Location(book.label, tables[sheet.name].name), "E-TRANG-TRONG", f"Trang '{sheet.name}' chưa có dòng dữ liệu nào.")
    if info is None or any(p.is_error for p in out.problems):
        return None, out.problems
    commune = Commune(info, tuple(recipients), tuple(units), tuple(villages), tuple(criteria), tuple(assignments))
    return commune, out.problems
