"""What each document says: the inputs → the template's context (SPEC §5).

All the wording that depends on data is decided here, and every figure is
formatted here with vnformat, so that templates only place text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from generator import vnformat
from generator.aggregation import HUNDRED, MonthlyFigures, Progress, Totals, aggregate_month, month_start, next_month
from generator.charts import Series, progress_chart
from generator.model import (
    COMMUNE_CENTRE,
    Activity,
    Commune,
    Criterion,
    DocType,
    Method,
    PlanInfo,
    PlannedActivity,
    Recipient,
)
from generator.text import fold, fold_ascii

ARCHIVE_LINE = "Lưu VPĐU"
MOVEMENT = (
    "phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang trực tiếp tham gia "
    "các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ sở"
)


@dataclass(frozen=True)
class Row:
    """A line of a table or list in a template: attributes by the template's names."""

    values: Mapping[str, str]

    def __getattr__(self, name: str) -> str:
        if name.startswith("__") or name == "values":
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def row(**values: str) -> Row:
    return Row(values)


@dataclass(frozen=True)
class Picture:
    """An image for the template; rendering turns it into a docxtpl InlineImage."""

    png: bytes
    width_mm: float


@dataclass(frozen=True)
class Source:
    """What a document is made from."""

    commune: Commune
    activities: tuple[Activity, ...]
    planned: tuple[PlannedActivity, ...]
    month: dt.date | None = None  # the first day of the month, for the monthly documents

    @property
    def year(self) -> int:
        return self.commune.info.year

    @property
    def the_month(self) -> dt.date:
        if self.month is None:
            raise ValueError("a monthly document needs its month")
        return self.month


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its template, where it is written, and how it is filled."""

    doc_type: DocType
    template: str
    monthly: bool
    relative_path: Callable[[Source], PurePosixPath]
    title: Callable[[Source], str]
    context: Callable[[Source], Mapping[str, Any]]

    @property
    def key(self) -> str:
        return self.doc_type.value.lower()


def body_in_sentence(issuing_body: str, place: str) -> str:
    """'ĐẢNG ỦY XÃ BÌNH XA', 'Bình Xa' → 'Đảng ủy xã Bình Xa' (for citations in running text)."""
    lowered = issuing_body.lower()
    place_key = place.lower()
    if place and place_key in lowered:
        start = lowered.index(place_key)
        lowered = lowered[:start] + place + lowered[start + len(place_key) :]
    return lowered[:1].upper() + lowered[1:]


def recipient_lines(recipients: tuple[Recipient, ...]) -> list[Recipient]:
    """The Nơi nhận list, with the office's own copy (`Lưu …`) last and always present."""
    ordinary = [r for r in recipients if not r.is_archive_copy]
    archive = [r for r in recipients if r.is_archive_copy][:1] or [Recipient(None, ARCHIVE_LINE)]
    return ordinary + archive




def common_context(source: Source, doc_type: DocType, number: int | None = None, day: dt.date | None = None) -> dict[str, Any]:
    info = source.commune.info
    draft_month = source.month.month if source.month is not None and day is None else None
    return {
        "co_quan_cap_tren": info.superior_body,
        "co_quan_ban_hanh": info.issuing_body,
        "so_ky_hieu": vnformat.document_number(number, doc_type.number_symbol, info.body_symbol),
        "dia_danh_ngay": vnformat.date_line(info.place, day, info.year, draft_month),
        "nam": str(info.year),
        "tham_quyen_ky": info.signing_authority,
        "chuc_vu_nguoi_ky": info.signer_title,
        "nguoi_ky": info.signer,
        "noi_nhan": [row(ten=r.name, ghi_chu=r.note) for r in recipient_lines(source.commune.recipients_of(doc_type))],
        "so_ke_hoach_ky_hieu": vnformat.number_symbol(info.plan_number, DocType.PLAN.number_symbol, info.body_symbol),
        "ngay_ke_hoach": vnformat.date_short(info.plan_date) if info.plan_date else f"{vnformat.BLANK_DAY}/{vnformat.BLANK_DAY}/{info.year}",
        "noi_nhan_bao_cao": info.report_recipient,
    }


def default_preamble(year: int) -> str:
    return (
        "Ban Chấp hành Đảng bộ xã ban hành Kế hoạch tổ chức phong trào cán bộ, đảng viên, công chức, "
        "viên chức, chiến sỹ lực lượng vũ trang trực tiếp tham gia các hoạt động xây dựng nông thôn mới, "
        f"đô thị văn minh tại cơ sở năm {year}, như sau:"
    )


@dataclass(frozen=True)
class SuperiorLevel:
    """How the plan names the level above the commune: 'huyện', 'Huyện ủy', 'Ban Dân vận Huyện ủy'."""

    level: str
    committee: str
    advisory_board: str


# `Cơ quan cấp trên` → its level; the first level word found wins ("ĐẢNG BỘ HUYỆN …", "ĐẢNG BỘ
# TỈNH …"). A district-level committee has a Ban Dân vận; since 2025 a province's (or a centrally
# run city's) has a merged Ban Tuyên giáo và Dân vận.
_SUPERIOR_LEVELS: tuple[tuple[str, SuperiorLevel], ...] = (
    ("huyện", SuperiorLevel("huyện", "Huyện ủy", "Ban Dân vận Huyện ủy")),
    ("quận", SuperiorLevel("quận", "Quận ủy", "Ban Dân vận Quận ủy")),
    ("thị xã", SuperiorLevel("thị xã", "Thị ủy", "Ban Dân vận Thị ủy")),
    ("thành phố", SuperiorLevel("thành phố", "Thành ủy", "Ban Tuyên giáo và Dân vận Thành ủy")),
    ("tỉnh", SuperiorLevel("tỉnh", "Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy")),
)
# typed without diacritics: only the words that cannot be another one ("quan" is also "cơ quan")
_ASCII_LEVELS = frozenset({"huyen", "thi xa", "thanh pho", "tinh"})
# after 1 July 2025 a commune's superior body is the province's: the default when no level is named
_PROVINCE = _SUPERIOR_LEVELS[-1][1]


def _first_level(words: str, levels: Iterable[tuple[str, SuperiorLevel]]) -> SuperiorLevel | None:
    found = [(words.find(f" {key} "), level) for key, level in levels if f" {key} " in words]
    return min(found, key=lambda f: f[0])[1] if found else None


def derived_superior_level(superior_body: str) -> SuperiorLevel:
    """The level named in `Cơ quan cấp trên` ('ĐẢNG BỘ HUYỆN HÀM YÊN' → huyện, Huyện ủy, …)."""
    words = f" {' '.join(fold(superior_body).replace('-', ' ').split())} "
    ascii_levels = [(fold_ascii(k), v) for k, v in _SUPERIOR_LEVELS if fold_ascii(k) in _ASCII_LEVELS]
    return _first_level(words, _SUPERIOR_LEVELS) or _first_level(fold_ascii(words), ascii_levels) or _PROVINCE


def superior_level(info: PlanInfo) -> SuperiorLevel:
    """`Cấp trên`, `Cấp ủy cấp trên`, `Ban tham mưu cấp trên` as given, the missing ones derived."""
    derived = derived_superior_level(info.superior_body)
    return SuperiorLevel(
        info.superior_level or derived.level,
        info.superior_committee or derived.committee,
        info.superior_advisory_board or derived.advisory_board,
    )


def default_content_directive(committee: str) -> str:
    return f"Thực hiện theo các văn bản chỉ đạo của Ban Thường vụ {committee} về xây dựng nông thôn mới."


def plan_context(source: Source) -> dict[str, Any]:
    info = source.commune.info
    context = common_context(source, DocType.PLAN, info.plan_number, info.plan_date)
    del context["so_ke_hoach_ky_hieu"], context["ngay_ke_hoach"]
    superior = superior_level(info)
    context.update(
        can_cu=info.preamble or default_preamble(info.year),
        cap_tren=superior.level,
        cap_uy_cap_tren=superior.committee,
        ban_tham_muu_cap_tren=superior.advisory_board,
        van_ban_chi_dao=info.content_directive or default_content_directive(superior.committee),
        muc_tieu=[line for c in source.commune.criteria for line in c.explanation.splitlines() if line.strip()],
        han_ke_hoach_thang=str(info.monthly_plan_deadline),
        han_bao_cao_thang=str(info.monthly_report_deadline),
    )
    return context


def annex_context(source: Source) -> dict[str, Any]:
    info = source.commune.info
    common = common_context(source, DocType.ANNEX)
    return {
        "nam": str(info.year),
        "so_ke_hoach_ky_hieu": common["so_ke_hoach_ky_hieu"],
        "ngay_ke_hoach": common["ngay_ke_hoach"],
        "ten_co_quan_ban_hanh": body_in_sentence(info.issuing_body, info.place),
        "phan_cong": [
            row(tt=a.order, don_vi=a.unit, noi_dung=a.tasks, thon=a.villages_text, ghi_chu=a.note)
            for a in source.commune.assignments
        ],
    }


# ---------------------------------------------------------------- monthly activity plan


def _planned_in(planned: Iterable[PlannedActivity], month: dt.date) -> list[PlannedActivity]:
    chosen = [p for p in planned if p.month == month]
    return sorted(chosen, key=lambda p: (p.day or p.month, p.unit))


def monthly_plan_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    info = source.commune.info
    planned = _planned_in(source.planned, month)
    context = common_context(source, DocType.MONTHLY_PLAN)
    deadline = _deadline(month, info.monthly_report_deadline)
    context.update(
        thang=str(month.month),
        hoat_dong=[
            row(
                stt=str(n),
                noi_dung=p.content,
                thoi_gian=vnformat.date_short(p.day) if p.day else f"Tháng {month.month}",
                dia_diem=p.village,
                don_vi=p.unit,
                luc_luong=vnformat.number(p.planned_people),
                khoi_luong=vnformat.quantity(p.planned_quantity, p.quantity_unit) if p.planned_quantity else "",
                kinh_phi=vnformat.number(p.planned_budget, 0) if p.planned_budget else "",
                ghi_chu=p.note,
            )
            for n, p in enumerate(planned, start=1)
        ],
        tong_luc_luong=vnformat.number(sum(p.planned_people for p in planned)),
        tong_kinh_phi=vnformat.number(sum(p.planned_budget for p in planned), 0),
        han_bao_cao=vnformat.date_short(deadline),
    )
    return context


def _deadline(month: dt.date, day: int) -> dt.date:
    last = (next_month(month) - dt.timedelta(days=1)).day
    return month.replace(day=min(day, last))


# ---------------------------------------------------------------- monthly report

_CATEGORIES = (
    ("officials", "cán bộ, công chức"),
    ("party_members", "đảng viên"),
    ("public_employees", "viên chức"),
    ("armed_forces", "lực lượng vũ trang"),
    ("association_members", "đoàn viên, hội viên"),
    ("residents", "Nhân dân"),
)


def _money_clause(totals: Totals) -> str:
    if not totals.money:
        return ""
    parts = []
    if totals.cash:
        parts.append(f"tiền mặt {vnformat.money(totals.cash)}")
    if totals.in_kind:
        parts.append(f"hiện vật quy đổi {vnformat.money(totals.in_kind)}")
    detail = f" ({', '.join(parts)})" if len(parts) > 1 else ""
    return f"; huy động {vnformat.money(totals.money)}{detail}"


def summary_sentence(totals: Totals, period: str) -> str:
    """'Trong tháng 3/2021, … tổ chức 42 buổi, thu hút 1.250 lượt người tham gia, trong đó …;
    tương đương 310 ngày công; huy động 12.500.000 đồng.'"""
    if not totals.activities:
        return f"{period}, các chi bộ, tổ chức chưa ghi nhận hoạt động nào."
    categories = [
        f"{vnformat.number(getattr(totals, name))} lượt {label}" for name, label in _CATEGORIES if getattr(totals, name)
    ]
    among = f", trong đó: {', '.join(categories)}" if categories else ""
    land = f"; Nhân dân hiến {vnformat.number(totals.land_m2)} m² đất" if totals.land_m2 else ""
    return (
        f"{period}, các chi bộ, tổ chức đã tổ chức {vnformat.number(totals.activities)} buổi, thu hút "
        f"{vnformat.number(totals.participants)} lượt người tham gia{among}; tương đương "
        f"{vnformat.number(totals.workdays)} ngày công{_money_clause(totals)}{land}."
    )


def _target_text(criterion: Criterion, target: Decimal | None) -> str:
    if target is None:
        return ""
    if criterion.method is Method.SUM:
        return vnformat.quantity(target, criterion.unit)
    if criterion.method is Method.HOUSEHOLD_RATE:
        return vnformat.percent(target)
    return f"tăng {vnformat.percent(target)}"


def _value_text(progress: Progress) -> str:
    criterion = progress.criterion
    if criterion.method is Method.SUM:
        return vnformat.quantity(progress.cumulative_quantity, criterion.unit)
    return f"{vnformat.quantity(progress.cumulative_quantity, criterion.unit)} ({vnformat.percent(progress.value)})"


def _met_text(progress: Progress) -> str:
    met = progress.met
    return "" if met is None else "Đạt" if met else "Chưa đạt"


def _places_met(figures: MonthlyFigures, criterion: Criterion) -> tuple[int, int]:
    places = [p for p in figures.progress if p.criterion.code == criterion.code and p.met is not None]
    return sum(1 for p in places if p.met), len(places)


def _criterion_line(figures: MonthlyFigures, overall: Progress) -> str:
    criterion = overall.criterion
    month_text = vnformat.quantity(overall.month_quantity, criterion.unit)
    line = f"- {criterion.content}: trong tháng thực hiện {month_text}; lũy kế {_value_text(overall)}"
    if overall.target is not None:
        share = overall.value / overall.target * HUNDRED if overall.target else Decimal(0)
        met, of = _places_met(figures, criterion)
        line += f", đạt {vnformat.percent(share)} chỉ tiêu ({_target_text(criterion, overall.target)}); {met}/{of} nơi đạt chỉ tiêu"
    return line + "."


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _evaluation(figures: MonthlyFigures, commune: Commune) -> list[str]:
    units = len(commune.units)
    active_units = units - len(figures.idle_units)
    villages = len(commune.villages)
    active_villages = villages - len(figures.idle_villages)
    lines = [
        f"- Ưu điểm: {active_units}/{units} chi bộ, tổ chức đã chủ động phối hợp với thôn tổ chức hoạt động; "
        f"{active_villages}/{villages} thôn có hoạt động trong tháng; hoạt động bám sát nội dung được phân công, "
        "thu hút đông đảo đoàn viên, hội viên và Nhân dân tham gia.",
    ]
    if figures.idle_units:
        lines.append(f"- Các chi bộ, tổ chức chưa tổ chức hoạt động trong tháng: {_names(figures.idle_units)}.")
    else:
        lines.append("- Tất cả các chi bộ, tổ chức đều tổ chức hoạt động trong tháng.")
    if figures.idle_villages:
        lines.append(f"- Các thôn chưa có hoạt động trong tháng: {_names(figures.idle_villages)}.")
    else:
        lines.append("- Tất cả các thôn đều có hoạt động trong tháng.")
    behind = [p.criterion.content for p in figures.commune_progress if p.met is False]
    if behind:
        lines.append(f"- Các mục tiêu chưa đạt chỉ tiêu (lũy kế): {'; '.join(behind)}.")
    return lines


def _next_tasks(source: Source, month: dt.date) -> list[str]:
    following = next_month(month)
    lines = []
    for planned in _planned_in(source.planned, following):
        when = f"ngày {vnformat.date_short(planned.day)}" if planned.day else f"tháng {following.month}"
        amount = f", khối lượng {vnformat.quantity(planned.planned_quantity, planned.quantity_unit)}" if planned.planned_quantity else ""
        lines.append(f"- {planned.unit}: {planned.content} tại {planned.village} ({when}{amount}).")
    lines.append(
        "- Các chi bộ, tổ chức tiếp tục duy trì hoạt động theo nội dung được phân công, tập trung vào các mục tiêu "
        "chưa đạt; ghi đầy đủ kết quả vào sổ nhật ký và gửi Văn phòng Đảng ủy đúng hạn."
    )
    return lines


def _people_row(totals: Totals, **names: str) -> Row:
    return row(
        **names,
        so_buoi=vnformat.number(totals.activities),
        luot=vnformat.number(totals.participants),
        can_bo=vnformat.number(totals.officials),
        dang_vien=vnformat.number(totals.party_members),
        vien_chuc=vnformat.number(totals.public_employees),
        llvt=vnformat.number(totals.armed_forces),
        doan_vien=vnformat.number(totals.association_members),
        nhan_dan=vnformat.number(totals.residents),
        ngay_cong=vnformat.number(totals.workdays),
    )


def _resource_row(totals: Totals, **names: str) -> Row:
    return row(
        **names,
        so_buoi=vnformat.number(totals.activities),
        ngay_cong=vnformat.number(totals.workdays),
        tien_mat=vnformat.number(totals.cash, 0),
        hien_vat=vnformat.number(totals.in_kind, 0),
        tong_tien=vnformat.number(totals.money, 0),
        dat_hien=vnformat.number(totals.land_m2),
    )


def _progress_row(progress: Progress, **names: str) -> Row:
    criterion = progress.criterion
    return row(
        **names,
        tieu_chi=criterion.content,
        dvt=criterion.unit,
        thang=vnformat.number(progress.month_quantity),
        luy_ke=_value_text(progress).removesuffix(f" {criterion.unit}") if criterion.method is Method.SUM else _value_text(progress),
        chi_tieu=_target_text(criterion, progress.target),
        dat=_met_text(progress),
    )


def main_targets(commune: Commune) -> list[Criterion]:
    """The targets with a number per village: those the chart and Biểu 02 follow."""
    return [c for c in commune.criteria if c.target_per_village is not None]


def chart_of(figures: MonthlyFigures, commune: Commune) -> bytes:
    places = [v.name for v in commune.villages]
    series = []
    for criterion in main_targets(commune):
        share = {p.place: p.share_of_target for p in figures.progress if p.criterion.code == criterion.code}
        series.append(Series(criterion.content, tuple(float(s) if (s := share.get(place)) is not None else None for place in places)))
    title = f"Tiến độ các mục tiêu chính theo thôn, lũy kế đến hết tháng {figures.month.month}/{figures.month.year}"
    return progress_chart(places, series, title)


def monthly_report_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    commune = source.commune
    figures = aggregate_month(commune, source.activities, month)
    context = common_context(source, DocType.MONTHLY_REPORT)
    targets = {c.code for c in main_targets(commune)}
    followed = [p for p in figures.progress if p.criterion.code in targets]
    context.update(
        thang=str(month.month),
        thang_sau=str(next_month(month).month),
        tom_tat=summary_sentence(figures.month_totals, f"Trong tháng {vnformat.month_year(month.month, month.year)}"),
        luy_ke=_cumulative_sentence(figures, month),
        ket_qua_tieu_chi=[_criterion_line(figures, p) for p in figures.commune_progress if p.applicable],
        danh_gia=_evaluation(figures, commune),
        nhiem_vu=_next_tasks(source, month),
        bieu_do=Picture(chart_of(figures, commune), 150),
        bieu01=[
            _people_row(totals, stt=str(n), don_vi=unit, thon=place)
            for n, (unit, place, totals) in enumerate(figures.unit_places, start=1)
        ],
        bieu01_tong=_people_row(figures.month_totals, stt="", don_vi="Tổng cộng", thon=""),
        bieu02=[_progress_row(p, stt=str(n), thon=p.place) for n, p in enumerate(followed, start=1)],
        bieu02_toan_xa=[_commune_row(figures, p) for p in figures.commune_progress if p.criterion.code in targets],
        bieu03=[_resource_row(r.month, stt=str(n), thon=r.name) for n, r in enumerate(figures.places, start=1)],
        bieu03_tong=_resource_row(figures.month_totals, stt="", thon="Tổng cộng"),
    )
    return context


def _commune_row(figures: MonthlyFigures, overall: Progress) -> Row:
    met, of = _places_met(figures, overall.criterion)
    base = _progress_row(overall)
    return row(**{**base.values, "dat": f"{met}/{of} nơi đạt"})


def _cumulative_sentence(figures: MonthlyFigures, month: dt.date) -> str:
    totals = figures.cumulative_totals
    return (
        f"Lũy kế từ đầu năm đến hết tháng {vnformat.month_year(month.month, month.year)}: "
        f"{vnformat.number(totals.activities)} buổi, {vnformat.number(totals.participants)} lượt người tham gia, "
        f"{vnformat.number(totals.workdays)} ngày công{_money_clause(totals)}."
    )


# ---------------------------------------------------------------- annual report


def annual_report_context(source: Source) -> dict[str, Any]:
    commune = source.commune
    year = source.year
    figures = aggregate_month(commune, source.activities, dt.date(year, 12, 1))
    # the annual report is dated when it is issued, not in the month of the last data
    context = common_context(replace(source, month=None), DocType.ANNUAL_REPORT)
    months = sorted({month_start(a.day) for a in source.activities if a.day.year == year})
    last = months[-1].month if months else 0
    per_month = [aggregate_month(commune, source.activities, dt.date(year, m, 1)).month_totals for m in range(1, last + 1)]
    objectives = []
    for n, overall in enumerate((p for p in figures.commune_progress if p.applicable), start=1):
        criterion = overall.criterion
        share = ""
        if overall.target:
            share = vnformat.percent(overall.value / overall.target * HUNDRED)
        objectives.append(
            row(
                stt=str(n),
                tieu_chi=criterion.content,
                dvt=criterion.unit if criterion.method is Method.SUM else "%",
                chi_tieu=_target_text(criterion, overall.target),
                thuc_hien=vnformat.number(overall.value) if criterion.method is Method.SUM else vnformat.percent(overall.value),
                ty_le=share,
                dat=_met_text(overall),
            )
        )
    ranked = sorted(figures.units, key=lambda r: (-r.cumulative.participants, r.name))
    active = [r for r in ranked if r.cumulative.activities]
    busiest_places = sorted((r for r in figures.places if r.cumulative.activities), key=lambda r: (-r.cumulative.activities, r.name))
    quiet_places = sorted(figures.places, key=lambda r: (r.cumulative.activities, r.name))
    context.update(
        tom_tat=summary_sentence(figures.cumulative_totals, f"Năm {year}"),
        muc_tieu=objectives,
        cac_thang=[
            row(
                thang=f"Tháng {m}",
                so_buoi=vnformat.number(t.activities),
                luot=vnformat.number(t.participants),
                ngay_cong=vnformat.number(t.workdays),
                tien=vnformat.number(t.money, 0),
            )
            for m, t in enumerate(per_month, start=1)
        ],
        cac_thang_tong=row(
            so_buoi=vnformat.number(figures.cumulative_totals.activities),
            luot=vnformat.number(figures.cumulative_totals.participants),
            ngay_cong=vnformat.number(figures.cumulative_totals.workdays),
            tien=vnformat.number(figures.cumulative_totals.money, 0),
        ),
        danh_gia=_annual_evaluation(figures, last),
        bieu_duong=[
            f"- {r.name}: {vnformat.number(r.cumulative.activities)} buổi, {vnformat.number(r.cumulative.participants)} lượt người tham gia."
            for r in active[:3]
        ]
        + [f"- Thôn {r.name}: {vnformat.number(r.cumulative.activities)} buổi hoạt động." for r in busiest_places[:2] if r.name != COMMUNE_CENTRE],
        chua_tot=[
            f"- {r.name}: {vnformat.number(r.cumulative.activities)} buổi, {vnformat.number(r.cumulative.participants)} lượt người tham gia."
            for r in reversed(ranked[-2:])
        ]
        + [f"- Thôn {r.name}: {vnformat.number(r.cumulative.activities)} buổi hoạt động." for r in quiet_places[:2] if r.name != COMMUNE_CENTRE],
        nhiem_vu=[
            f"- Tiếp tục duy trì phong trào năm {year + 1}; tập trung vào các mục tiêu chưa đạt.",
            "- Rà soát, điều chỉnh phân công các chi bộ, tổ chức phụ trách thôn cho phù hợp.",
            "- Biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu.",
        ],
    )
    return context


def _annual_evaluation(figures: MonthlyFigures, months: int) -> list[str]:
    met = [p for p in figures.commune_progress if p.met]
    behind = [p for p in figures.commune_progress if p.met is False]
    lines = [f"- Số liệu tổng hợp từ sổ nhật ký của {months} tháng đầu năm."]
    if met:
        lines.append(f"- Các mục tiêu đã đạt chỉ tiêu: {'; '.join(p.criterion.content for p in met)}.")
    if behind:
        lines.append(f"- Các mục tiêu chưa đạt chỉ tiêu: {'; '.join(p.criterion.content for p in behind)}.")
    return lines


# ---------------------------------------------------------------- the documents


def _yearly(stem: str) -> Callable[[Source], PurePosixPath]:
    return lambda source: PurePosixPath(str(source.year), f"{stem}-{source.year}.docx")


def _monthly(stem: str) -> Callable[[Source], PurePosixPath]:
    def path(source: Source) -> PurePosixPath:
        month = source.the_month
        return PurePosixPath(str(month.year), f"{month:%Y-%m}", f"{stem}-{month:%m}.docx")

    return path


PLAN = DocumentSpec(
    DocType.PLAN,
    "ke-hoach.docx",
    False,
    _yearly("ke-hoach"),
    lambda s: f"Kế hoạch {MOVEMENT} năm {s.year}",
    plan_context,
)
ANNEX = DocumentSpec(
    DocType.ANNEX,
    "phu-luc-phan-cong.docx",
    False,
    _yearly("phu-luc-phan-cong"),
    lambda s: f"Phân công các chi bộ, tổ chức tham gia xây dựng nông thôn mới năm {s.year}",
    annex_context,
)
MONTHLY_PLAN = DocumentSpec(
    DocType.MONTHLY_PLAN,
    "ke-hoach-thang.docx",
    True,
    _monthly("ke-hoach-thang"),
    lambda s: f"Kế hoạch hoạt động tháng {s.the_month.month} năm {s.year}",
    monthly_plan_context,
)
MONTHLY_REPORT = DocumentSpec(
    DocType.MONTHLY_REPORT,
    "bao-cao-thang.docx",
    True,
    _monthly("bao-cao-thang"),
    lambda s: f"Báo cáo kết quả tháng {s.the_month.month} năm {s.year}",
    monthly_report_context,
)
ANNUAL_REPORT = DocumentSpec(
    DocType.ANNUAL_REPORT,
    "bao-cao-nam.docx",
    False,
    _yearly("bao-cao-nam"),
    lambda s: f"Báo cáo kết quả năm {s.year}",
    annual_report_context,
)

ALL_DOCUMENTS: tuple[DocumentSpec, ...] = (PLAN, ANNEX, MONTHLY_PLAN, MONTHLY_REPORT, ANNUAL_REPORT)
DOCUMENTS_BY_KEY: dict[str, DocumentSpec] = {fold(d.doc_type.value): d for d in ALL_DOCUMENTS}
