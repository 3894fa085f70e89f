"""What each document says: the inputs → the template's context (SPEC §5).

All the wording that depends on data is decided here, and every figure is
formatted here with vnformat, so that templates only place text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from generator import vnformat
from generator.aggregation import HUNDRED, MonthlyFigures, Progress, Totals, aggregate_month, month_start, next_month
from generator.model import (
    COMMUNE_CENTRE,
    PHRASE_SLOT,
    Activity,
    Commune,
    Criterion,
    DocType,
    Method,
    NoteKind,
    PlanInfo,
    PlannedActivity,
    Recipient,
)
from generator.text import fold, fold_ascii

ARCHIVE_LINE = "Lưu VPĐU"
DEFAULT_ADVISORY_BODY = "Khối dân vận Đảng ủy"
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
        except KeyError as err:
            raise AttributeError(name) from err


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
    # monthly plans found in the register: month → (number and symbol '05-KH/ĐU', issue date)
    issued_monthly_plans: Mapping[dt.date, tuple[str, dt.date]] = field(default_factory=dict)

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
        bo_tieu_chi=info.criteria_set or "18 tiêu chí xây dựng nông thôn mới nâng cao",
        muc_tieu_dat_chuan=info.standard_goal or f"xây dựng xã đạt chuẩn nông thôn mới nâng cao năm {info.year}",
        co_quan_dau_moi=advisory_body(info),
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


def _planned_amount(planned: PlannedActivity, criteria: Mapping[str, Criterion]) -> str:
    """In the criterion's unit; none for a meeting or session, whose size is not a quantity."""
    criterion = criteria.get(planned.criterion)
    unit = planned.quantity_unit or (criterion.unit if criterion else "")
    if not planned.planned_quantity or fold(unit) == "buổi":
        return ""
    return vnformat.quantity(planned.planned_quantity, unit)


def units_without_plan(source: Source, month: dt.date) -> tuple[str, ...]:
    """Units with nothing in the month's `Kế hoạch tháng`: a real plan gives each unit a task."""
    planned = {p.unit for p in _planned_in(source.planned, month)}
    return tuple(u.name for u in source.commune.units if u.name not in planned)


def monthly_plan_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    info = source.commune.info
    planned = _planned_in(source.planned, month)
    criteria = {c.code: c for c in source.commune.criteria}
    leaders = source.commune.leaders
    context = common_context(source, DocType.MONTHLY_PLAN)
    deadline = _deadline(month, info.monthly_report_deadline)
    without = units_without_plan(source, month)
    context.update(
        thang=str(month.month),
        nguoi_bao_cao=reporter(info),
        hoat_dong=[
            row(
                stt=str(n),
                noi_dung=p.content,
                thoi_gian=vnformat.date_short(p.day) if p.day else f"Tháng {month.month}",
                dia_diem="Trung tâm xã" if p.village == COMMUNE_CENTRE else p.village,
                don_vi=p.unit + (f" (đ/c {leaders[p.unit]})" if p.unit in leaders else ""),
                luc_luong=vnformat.number(p.planned_people),
                khoi_luong=_planned_amount(p, criteria),
                kinh_phi=vnformat.number(p.planned_budget, 0),
                ghi_chu=p.note,
            )
            for n, p in enumerate(planned, start=1)
        ],
        tong_luc_luong=vnformat.number(sum(p.planned_people for p in planned)),
        tong_kinh_phi=vnformat.number(sum(p.planned_budget for p in planned), 0),
        han_bao_cao=vnformat.date_short(deadline),
        han_don_vi=(
            f"trước ngày {vnformat.date_short(_deadline(month, info.unit_report_deadline))}"
            if info.unit_report_deadline
            else "ngay sau mỗi hoạt động"
        ),
        co_quan_dau_moi=advisory_body(info),
        so_bao_cao=vnformat.number_symbol(None, DocType.MONTHLY_PLAN.number_symbol, info.body_symbol),
        ten_co_quan_ban_hanh=body_in_sentence(info.issuing_body, info.place),
        chua_dang_ky=(
            [f"- {_names(without, 20)} chưa đăng ký hoạt động trong tháng; chủ động phối hợp với chi bộ thôn được "
             "phân công bổ sung nội dung, báo cáo Ban Thường vụ Đảng ủy (qua "
             f"{advisory_body(info)}) trước khi tổ chức."]
            if without and planned
            else []
        ),
    )
    return context


def _deadline(month: dt.date, day: int) -> dt.date:
    last = (next_month(month) - dt.timedelta(days=1)).day
    return month.replace(day=min(day, last))


# ---------------------------------------------------------------- monthly report


def reporter(info: PlanInfo) -> str:
    """Who reports is who signs (`Thẩm quyền ký`): T/M ĐẢNG ỦY → 'Đảng ủy xã Bình Xa',
    T/M BAN THƯỜNG VỤ → 'Ban Thường vụ Đảng ủy xã Bình Xa'."""
    body = body_in_sentence(info.issuing_body, info.place)
    if "thường vụ" in fold(info.signing_authority):
        return f"Ban Thường vụ {body}"
    return body


def advisory_body(info: PlanInfo) -> str:
    """The committee's focal point for the movement (plan, section V.6)."""
    return info.advisory_body or DEFAULT_ADVISORY_BODY


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(names: Sequence[str], limit: int = 6, others: str = "nơi") -> str:
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" và {rest} {others} khác" if rest > 0 else "")


def _is_called_village(name: str) -> bool:
    """'Thôn Đo' already says thôn: never 'thôn Thôn Đo'."""
    return fold(name).startswith(("thôn ", "thon "))


def _villages_named(names: Sequence[str], limit: int = 6) -> str:
    """'thôn Chợ Bợ 1', 'các thôn Tân Bình 1, Tân Bình 2'; the commune centre by its own name."""
    villages = [n for n in names if n != COMMUNE_CENTRE]
    parts = []
    if len(villages) == 1 and _is_called_village(villages[0]):
        parts.append(villages[0])
    elif villages:
        parts.append(("thôn " if len(villages) == 1 else "các thôn ") + _names(villages, limit, "thôn"))
    if COMMUNE_CENTRE in names:
        parts.append("trung tâm xã")
    return " và ".join(parts)


def participation_sentence(totals: Totals, period: str) -> str:
    """The honest sentence: the total, then the groups that matter; the groups overlap, so they
    are given as 'trong đó có', never as parts that add up."""
    if not totals.activities:
        return f"{period}, các chi bộ, tổ chức chưa tổ chức hoạt động nào."
    groups = [
        f"{vnformat.number(count)} lượt {label}"
        for count, label in ((totals.party_members, "đảng viên"), (totals.residents, "Nhân dân"))
        if count
    ]
    overlap = totals.party_members + totals.residents > totals.participants
    note = "; một người có thể thuộc cả hai thành phần" if overlap else ""
    among = f" (trong đó có {' và '.join(groups)}{note})" if groups else ""
    land = f"; Nhân dân hiến {vnformat.number(totals.land_m2)} m² đất" if totals.land_m2 else ""
    return (
        f"{period}, các chi bộ, tổ chức đã chủ trì {vnformat.number(totals.activities)} buổi ra quân, thu hút "
        f"{vnformat.number(totals.participants)} lượt cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng "
        f"vũ trang, đoàn viên, hội viên và Nhân dân tham gia{among}, với {vnformat.number(totals.workdays)} ngày "
        f"công{_money_clause(totals)}{land}."
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


def _cumulative_sentence(figures: MonthlyFigures, month: dt.date) -> str:
    totals = figures.cumulative_totals
    land = f"; Nhân dân hiến {vnformat.number(totals.land_m2)} m² đất" if totals.land_m2 else ""
    return (
        f"Lũy kế từ đầu năm đến hết tháng {vnformat.month_year(month.month, month.year)}: "
        f"{vnformat.number(totals.activities)} buổi, {vnformat.number(totals.participants)} lượt người tham gia, "
        f"{vnformat.number(totals.workdays)} ngày công{_money_clause(totals)}{land}."
    )


def done_phrase(criterion: Criterion, amount: Decimal) -> str:
    """'gắn 11 biển chỉ dẫn ranh giới thôn' from `Cách ghi kết quả`; without one,
    'Gắn biển chỉ dẫn ranh giới thôn: 11 biển'."""
    if criterion.phrase:
        return _upper_first(criterion.phrase.replace(PHRASE_SLOT, vnformat.number(amount)))
    return f"{criterion.content}: {vnformat.quantity(amount, criterion.unit)}"


def _places_of(figures: MonthlyFigures, criterion: Criterion) -> list[Progress]:
    return [p for p in figures.progress if p.criterion.code == criterion.code]


def _met_villages(places: Sequence[Progress]) -> tuple[list[str], int]:
    """(names of villages that met their target, number of villages with a target)."""
    villages = [p for p in places if p.place != COMMUNE_CENTRE and p.met is not None]
    return [p.place for p in villages if p.met], len(villages)


def _share(value: Decimal, target: Decimal) -> Decimal:
    return value / target * HUNDRED if target else Decimal(0)


def _points(value: Decimal) -> str:
    return f"{vnformat.number(value, 1)} điểm %"


def _rate(done: Decimal | int, households: int) -> str:
    return vnformat.percent(Decimal(done) / households * HUNDRED) if households else "0%"


def _met_clause(places: Sequence[Progress]) -> str:
    met, of = _met_villages(places)
    if not of:
        return ""
    if not met:
        return "chưa có thôn nào đạt chỉ tiêu"
    named = f" ({_names(met, 4)})" if len(met) <= 4 else ""
    return f"{len(met)}/{of} thôn đạt chỉ tiêu{named}"


def target_line(figures: MonthlyFigures, overall: Progress) -> str:
    """One natural sentence per target: what was done this month (the criterion's verb phrase),
    the cumulative figure, and for a target its base and how many villages meet it."""
    criterion = overall.criterion
    unit = criterion.unit
    places = _places_of(figures, criterion)
    if overall.month_quantity:
        head = done_phrase(criterion, overall.month_quantity)
    else:
        head = f"{criterion.content}: trong tháng chưa có thêm kết quả"
    cumulative = overall.cumulative_quantity
    if criterion.method is Method.SUM:
        if overall.target is None:
            return f"- {head} (lũy kế {vnformat.quantity(cumulative, unit)})."
        with_target = [p for p in places if p.target is not None]
        capped = overall.value
        share = vnformat.percent(_share(capped, overall.target))
        met, of = _met_villages(with_target)
        if all(p.target == 1 for p in with_target) and cumulative == len(met):
            # one work per village, none twice: "lũy kế 6/18 thôn đạt chỉ tiêu" says it all
            parts = [f"lũy kế {len(met)}/{of} thôn đạt chỉ tiêu"]
        else:
            parts = [f"lũy kế {vnformat.quantity(cumulative, unit)}"]
            if capped < cumulative:
                parts.append(
                    f"tính theo chỉ tiêu của từng thôn, trung tâm xã (không tính phần vượt) đạt "
                    f"{vnformat.number(capped)}/{vnformat.quantity(overall.target, unit)}, bằng {share} chỉ tiêu"
                )
            else:
                parts.append(f"đạt {share} chỉ tiêu ({vnformat.number(capped)}/{vnformat.quantity(overall.target, unit)})")
            clause = _met_clause(with_target)
            if clause:
                parts.append(clause)
        centre = next((p for p in with_target if p.place == COMMUNE_CENTRE), None)
        if centre is not None and centre.target is not None:
            parts.append(
                f"trung tâm xã {vnformat.number(centre.cumulative_quantity)}/{vnformat.quantity(centre.target, unit)}"
                + (" (đạt)" if centre.met else "")
            )
        return f"- {head}; " + "; ".join(parts) + "."
    households = overall.households
    if criterion.method is Method.HOUSEHOLD_RATE:
        target = f" (chỉ tiêu {vnformat.percent(overall.target)} số hộ)" if overall.target is not None else ""
        text = (
            f"- {head}; lũy kế từ đầu năm {vnformat.number(cumulative)}/{vnformat.number(households)} hộ, "
            f"đạt {vnformat.percent(overall.value)}{target}"
        )
    elif criterion.method is Method.RATE_RISE_POINTS:
        before, after = overall.baseline, overall.baseline + cumulative
        target = f"; chỉ tiêu tăng tối thiểu {_points(overall.target)}" if overall.target is not None else ""
        text = (
            f"- {head}; lũy kế {vnformat.quantity(cumulative, unit)}, nâng số {_lower_first(criterion.content)} "
            f"từ {vnformat.number(before)} lên {vnformat.number(after)}/{vnformat.number(households)} hộ (tỷ lệ từ "
            f"{_rate(before, households)} lên {_rate(after, households)}, tăng {_points(overall.value)}{target})"
        )
    else:
        target = f"; chỉ tiêu tăng {vnformat.percent(overall.target)}" if overall.target is not None else ""
        text = (
            f"- {head}; lũy kế {vnformat.quantity(cumulative, unit)}, tăng {vnformat.percent(overall.value)} so với "
            f"{vnformat.number(overall.baseline)} hộ đạt năm trước{target}"
        )
    clause = _met_clause(places)
    return text + (f"; {clause}" if clause else "") + "."


def target_lines(figures: MonthlyFigures) -> list[str]:
    """A line per target; the works without a target (sessions, upkeep) together in one line."""
    applicable = [p for p in figures.commune_progress if p.applicable]
    lines = [target_line(figures, p) for p in applicable if p.target is not None]
    others = [p for p in applicable if p.target is None and (p.month_quantity or p.cumulative_quantity)]
    if others:
        parts = [
            f"{_lower_first(done_phrase(p.criterion, p.month_quantity))} (lũy kế {vnformat.quantity(p.cumulative_quantity, p.criterion.unit)})"
            for p in others
            if p.month_quantity
        ]
        if parts:
            lines.append(f"- Các nội dung khác: {'; '.join(parts)}.")
    return lines


# ----- section III: what the data say, and the clerk's own sentences


def planned_not_done(source: Source, month: dt.date) -> list[PlannedActivity]:
    """Rows of the month's `Kế hoạch tháng` with no logged activity of that unit, in that place,
    under that criterion in the month."""
    done = {(a.unit, a.village, a.criterion) for a in source.activities if month_start(a.day) == month}
    return [p for p in _planned_in(source.planned, month) if (p.unit, p.village, p.criterion) not in done]


def _slow_targets(figures: MonthlyFigures) -> list[Progress]:
    """Targets behind the calendar: commune share below the share of the year gone by."""
    elapsed = Decimal(figures.month.month) / 12 * HUNDRED
    slow = []
    for overall in figures.commune_progress:
        if not overall.applicable or overall.target is None or overall.met:
            continue
        share = _share(overall.value, overall.target)
        if share < elapsed:
            slow.append(overall)
    return slow


def _newly_met(figures: MonthlyFigures, before: MonthlyFigures | None) -> list[tuple[Criterion, list[str]]]:
    earlier = {(p.place, p.criterion.code) for p in before.progress if p.met} if before else set()
    found = []
    for overall in figures.commune_progress:
        names = [p.place for p in _places_of(figures, overall.criterion) if p.met and (p.place, p.criterion.code) not in earlier]
        if names:
            found.append((overall.criterion, names))
    return found


def _where(planned: PlannedActivity) -> str:
    place = _villages_named([planned.village])
    when = f"ngày {planned.day.day}/{planned.day.month}" if planned.day else ""
    return ", ".join(part for part in (when, place) if part)


def evaluation(source: Source, figures: MonthlyFigures) -> list[Row]:
    """Section III: 1- Ưu điểm, 2- Hạn chế, 3- Nguyên nhân, each only with something to say."""
    commune = source.commune
    month = figures.month
    before = aggregate_month(commune, source.activities, dt.date(month.year, month.month - 1, 1)) if month.month > 1 else None
    units, villages = len(commune.units), len(commune.villages)
    strengths: list[str] = []
    # the idle units and villages are named under Hạn chế: the counts are not said twice
    if figures.month_totals.activities and not figures.idle_units and not figures.idle_villages:
        strengths.append(f"- Tất cả {units} chi bộ, tổ chức và {villages}/{villages} thôn đều có hoạt động trong tháng.")
    newly = _newly_met(figures, before)
    if newly:
        strengths.append(
            "- Trong tháng có thêm thôn đạt chỉ tiêu: "
            + "; ".join(f"{_lower_first(criterion.content)} ({_names(names, 20)})" for criterion, names in newly)
            + "."
        )
    strengths += [f"- {t}" for t in commune.notes_of(month, NoteKind.STRENGTH)]

    weaknesses: list[str] = []
    missed = planned_not_done(source, month)
    missed_by_unit: dict[str, list[PlannedActivity]] = {}
    for item in missed:
        missed_by_unit.setdefault(item.unit, []).append(item)
    if figures.idle_units:
        detail = [
            f"{unit} chưa thực hiện nội dung đã đăng ký ({'; '.join(_where(p) for p in missed_by_unit[unit])})"
            for unit in figures.idle_units
            if unit in missed_by_unit
        ]
        line = f"- {_names(figures.idle_units, 20)} chưa tổ chức hoạt động trong tháng"
        line += f"; {'; '.join(detail)}" if detail else ""
        if figures.idle_villages:
            line += f"; {_villages_named(figures.idle_villages, 20)} chưa có hoạt động"
        weaknesses.append(line + ".")
    others = [p for p in missed if p.unit not in figures.idle_units]
    if others:
        weaknesses.append(
            f"- {len(others)}/{len(_planned_in(source.planned, month))} hoạt động đăng ký trong Kế hoạch tháng chưa "
            f"thực hiện đúng nội dung ({_names(sorted({p.unit for p in others}), 20)})."
        )
    if figures.idle_villages and not figures.idle_units:
        weaknesses.append(f"- {_upper_first(_villages_named(figures.idle_villages, 20))} chưa có hoạt động trong tháng.")
    for overall in _slow_targets(figures):
        criterion = overall.criterion
        places = _places_of(figures, criterion)
        untouched = [p.place for p in places if p.target is not None and not p.cumulative_quantity]
        if criterion.method is Method.SUM:
            state = f"mới đạt {vnformat.percent(_share(overall.value, overall.target or Decimal(1)))} chỉ tiêu"
        elif criterion.method is Method.HOUSEHOLD_RATE:
            state = f"mới đạt {vnformat.percent(overall.value)} số hộ"
        elif criterion.method is Method.RATE_RISE_POINTS:
            state = f"mới tăng {_points(overall.value)}"
        else:
            state = f"mới tăng {vnformat.percent(overall.value)}"
        if len(untouched) > 6:
            where = f"; {len(untouched)}/{len(places)} thôn chưa thực hiện"
        else:
            where = f"; {_villages_named(untouched)} chưa thực hiện" if untouched else ""
        weaknesses.append(f"- Tiến độ {_lower_first(criterion.content)} còn chậm: toàn xã {state}{where}.")
    weaknesses += [f"- {t}" for t in commune.notes_of(month, NoteKind.WEAKNESS)]
    causes = [f"- {t}" for t in commune.notes_of(month, NoteKind.CAUSE)]

    groups = [("Ưu điểm", strengths), ("Hạn chế", weaknesses), ("Nguyên nhân", causes)]
    shown = [(title, lines) for title, lines in groups if lines]
    return [row_of_lines(f"{n}- {title}", lines) for n, (title, lines) in enumerate(shown, start=1)]


@dataclass(frozen=True)
class Group:
    """A sub-heading and its lines, for a nested paragraph loop in a template."""

    tieu_de: str
    dong: tuple[str, ...]


def row_of_lines(title: str, lines: Sequence[str]) -> Any:
    return Group(title, tuple(lines))


def next_tasks(source: Source, figures: MonthlyFigures) -> list[str]:
    """Section IV: 3–6 task lines from next month's plan, the idle units and the slow targets,
    then the clerk's own `Nhiệm vụ`."""
    month = figures.month
    following = next_month(month)
    lines: list[str] = []
    planned = _planned_in(source.planned, following) if following.year == month.year else []
    if planned:
        counts: dict[str, int] = {}
        for item in planned:
            counts[item.criterion] = counts.get(item.criterion, 0) + 1
        by_code = {c.code: c for c in source.commune.criteria}
        focus = [_lower_first(by_code[code].content) for code, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2] if code in by_code]
        lines.append(
            f"- Thực hiện {len(planned)} hoạt động của Kế hoạch hoạt động tháng {following.month} năm {following.year}, "
            f"trọng tâm: {'; '.join(focus)}."
        )
    else:
        lines.append("- Các chi bộ, tổ chức tiếp tục duy trì hoạt động tại các thôn được phân công.")
    if figures.idle_units:
        assigned = {a.unit: a.villages for a in source.commune.assignments}
        places = [v for unit in figures.idle_units for v in assigned.get(unit, ())]
        planned_units = {p.unit for p in planned}
        without = [u for u in figures.idle_units if u not in planned_units]
        line = f"- {_names(figures.idle_units, 20)} tổ chức ngay hoạt động tại {_villages_named(places, 20)}"
        if without and planned:
            line += f"; {_names(without, 20)} đăng ký bổ sung hoạt động vào Kế hoạch tháng {following.month}"
        lines.append(line + ".")
    slow = _slow_targets(figures)
    if slow:
        lines.append(
            "- Tập trung đẩy nhanh tiến độ các mục tiêu còn chậm: "
            + "; ".join(_lower_first(p.criterion.content) for p in slow)
            + ", nhất là ở các thôn chưa thực hiện."
        )
    lines += [f"- {t}" for t in source.commune.notes_of(month, NoteKind.TASK)]
    return lines[:6]


def plan_citation(source: Source, month: dt.date) -> str:
    """The month's plan by number and date when the register has it, otherwise by title."""
    issued = source.issued_monthly_plans.get(month)
    title = f"Kế hoạch hoạt động tháng {month.month} năm {month.year}"
    if issued is None:
        return title
    symbol, day = issued
    return f"Kế hoạch số {symbol}, ngày {vnformat.date_short(day)} về hoạt động tháng {month.month} năm {month.year}"


# ----- the annexed tables


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


def _people_rows(figures: MonthlyFigures, commune: Commune) -> list[Row]:
    """Biểu 01: every unit, each of its places with activity, and the idle units with zeros."""
    rows: list[Row] = []
    by_unit: dict[str, list[tuple[str, Totals]]] = {}
    for unit, place, totals in figures.unit_places:
        by_unit.setdefault(unit, []).append((place, totals))
    assigned = {a.unit: a.villages for a in commune.assignments}
    n = 0
    for member in commune.units:
        places = by_unit.get(member.name) or [(", ".join(assigned.get(member.name, ())), Totals())]
        for place, totals in places:
            n += 1
            rows.append(_people_row(totals, stt=str(n), don_vi=member.name, thon=place))
    return rows


def main_targets(commune: Commune) -> list[Criterion]:
    """The targets with a number per village: those Biểu 02 follows."""
    return [c for c in commune.criteria if c.target_per_village is not None]


def _cell(progress: Progress | None) -> str:
    """'trong tháng / lũy kế' of one place and target; rates with their per cent."""
    if progress is None:
        return "-"
    text = f"{vnformat.number(progress.month_quantity)} / {vnformat.number(progress.cumulative_quantity)}"
    if progress.criterion.method is Method.HOUSEHOLD_RATE:
        text += f" ({vnformat.percent(progress.value)})"
    return text


def _target_cell(criterion: Criterion) -> str:
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
        return f"tăng {_points(per_village)}"
    return f"tăng {vnformat.percent(per_village)}"


def progress_table(figures: MonthlyFigures, commune: Commune) -> dict[str, Any]:
    """Biểu 02 pivoted: one row per village (+ Trung tâm xã, + Toàn xã), one column per target."""
    targets = main_targets(commune)
    at = {(p.place, p.criterion.code): p for p in figures.progress}
    overall = {p.criterion.code: p for p in figures.commune_progress}
    places = [v.name for v in commune.villages] + [COMMUNE_CENTRE]
    rows = [
        row(thon=place, o=[_cell(at.get((place, c.code))) for c in targets])  # type: ignore[arg-type]
        for place in places
    ]
    met_row = []
    for c in targets:
        met, of = _met_villages(_places_of(figures, c))
        met_row.append(f"{len(met)}/{of}")
    return {
        "bieu02_cot": [row(ten=f"{c.content} ({c.unit})", chi_tieu=f"({_target_cell(c)})") for c in targets],
        "bieu02": rows,
        "bieu02_toan_xa": [_cell(overall.get(c.code)) for c in targets],
        "bieu02_dat": met_row,
    }


def monthly_report_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    commune = source.commune
    info = commune.info
    figures = aggregate_month(commune, source.activities, month)
    context = common_context(source, DocType.MONTHLY_REPORT)
    proposals = [f"- {t}" for t in commune.notes_of(month, NoteKind.PROPOSAL)]
    context.update(
        thang=str(month.month),
        thang_sau=str(next_month(month).month),
        nguoi_bao_cao=reporter(info),
        ten_co_quan_ban_hanh=body_in_sentence(info.issuing_body, info.place),
        so_bao_cao=vnformat.number_symbol(None, DocType.MONTHLY_REPORT.number_symbol, info.body_symbol),
        lanh_dao=[
            f"- {reporter(info)} ban hành {plan_citation(source, month)}, phân công các chi bộ, tổ chức phối hợp với "
            "chi bộ, ban công tác mặt trận các thôn tổ chức thực hiện.",
            f"- {advisory_body(info)} theo dõi, đôn đốc việc thực hiện.",
        ],
        tom_tat=participation_sentence(figures.month_totals, f"Trong tháng {vnformat.month_year(month.month, month.year)}"),
        luy_ke=_cumulative_sentence(figures, month),
        ket_qua_tieu_chi=target_lines(figures),
        danh_gia=evaluation(source, figures),
        **closing(next_tasks(source, figures), proposals),
        bieu01=_people_rows(figures, commune),
        bieu01_tong=_people_row(figures.month_totals, stt="", don_vi="Tổng cộng", thon=""),
        bieu03=[_resource_row(r.month, stt=str(n), thon=r.name) for n, r in enumerate(figures.places, start=1)],
        bieu03_tong=_resource_row(figures.month_totals, stt="", thon="Tổng cộng"),
        **progress_table(figures, commune),
    )
    return context


def closing(tasks: Sequence[str], proposals: Sequence[str]) -> dict[str, Any]:
    """Sections IV and V with the body's last line apart (`dong_cuoi`), which the template keeps
    with the signature. `tasks` is never empty."""
    tasks, proposals = list(tasks), list(proposals)
    has_proposals = bool(proposals)
    last = proposals.pop() if proposals else tasks.pop()
    return {"nhiem_vu": tasks, "de_xuat": proposals, "co_de_xuat": has_proposals, "dong_cuoi": last}


def missing_causes(source: Source) -> bool:
    """The reported month has no `Nguyên nhân` of the clerk: generate and status remind them."""
    return source.month is not None and not source.commune.notes_of(source.month, NoteKind.CAUSE)


# ---------------------------------------------------------------- annual report


def _months_covered(source: Source) -> int:
    """The last month of the plan year that has activities (0 when none)."""
    months = [a.day.month for a in source.activities if a.day.year == source.year]
    return max(months, default=0)


def annual_period(source: Source) -> str:
    """'năm 2021', or for data that do not cover the year 'sơ kết 3 tháng đầu năm 2021'."""
    last = _months_covered(source)
    return f"năm {source.year}" if last == 12 else f"{last} tháng đầu năm {source.year}"


def _unit_achievements(source: Source, unit: str, end: dt.date) -> list[str]:
    """What a unit did toward the targets since 1 January: 'trồng mới 0,9 km đường hoa'."""
    done: dict[str, Decimal] = {}
    for activity in source.activities:
        if activity.unit == unit and activity.day.year == source.year and activity.day < end:
            done[activity.criterion] = done.get(activity.criterion, Decimal(0)) + activity.quantity
    return [
        _lower_first(done_phrase(c, done[c.code]))
        for c in main_targets(source.commune)
        if done.get(c.code)
    ]


def _change(now: Decimal | int, before: Decimal | int) -> str:
    if not before:
        return "—"
    rate = (Decimal(now) - Decimal(before)) / Decimal(before) * HUNDRED
    if not rate.quantize(Decimal("0.1")):
        return "bằng"
    return f"{'tăng' if rate > 0 else 'giảm'} {vnformat.percent(abs(rate))}"


def previous_year_sentence(commune: Commune, totals: Totals, last: int) -> str:
    """This year beside the same months of the previous year (`Năm trước`), when they are known."""
    months = {m.month: m for m in commune.previous_year}
    if not last or any(m not in months for m in range(1, last + 1)):
        return ""
    same = [months[m] for m in range(1, last + 1)]
    activities = sum(m.activities for m in same)
    participants = sum(m.participants for m in same)
    workdays = sum((m.workdays for m in same), Decimal(0))
    money = sum(m.money for m in same)
    year = commune.info.year - 1
    period = f"năm {year}" if last == 12 else f"cùng kỳ năm {year}"
    return (
        f" So với {period} ({vnformat.number(activities)} buổi, {vnformat.number(participants)} lượt người, "
        f"{vnformat.number(workdays)} ngày công, huy động {vnformat.money(money)}): số buổi "
        f"{_change(totals.activities, activities)}, lượt người {_change(totals.participants, participants)}, ngày công "
        f"{_change(totals.workdays, workdays)}, nguồn lực huy động {_change(totals.money, money)}."
    )


def annual_report_context(source: Source) -> dict[str, Any]:
    commune = source.commune
    info = commune.info
    year = source.year
    last = _months_covered(source)
    full_year = last == 12
    last_month = dt.date(year, max(last, 1), 1)
    figures = aggregate_month(commune, source.activities, last_month)
    end = next_month(last_month)
    # the annual report is dated when it is issued, not in the month of the last data
    context = common_context(replace(source, month=None), DocType.ANNUAL_REPORT)
    per_month = [aggregate_month(commune, source.activities, dt.date(year, m, 1)).month_totals for m in range(1, last + 1)]
    objectives = []
    for n, overall in enumerate((p for p in figures.commune_progress if p.applicable and p.target is not None), start=1):
        criterion = overall.criterion
        if criterion.method is Method.SUM:
            done = vnformat.number(overall.value)
            if overall.value < overall.cumulative_quantity:  # capped at each village's target
                done += f" (tổng {vnformat.number(overall.cumulative_quantity)})"
            share = vnformat.percent(_share(overall.value, overall.target or Decimal(1)))
        elif criterion.method is Method.HOUSEHOLD_RATE:
            done = f"{vnformat.number(overall.cumulative_quantity)}/{vnformat.number(overall.households)} ({vnformat.percent(overall.value)})"
            share = "-"
        elif criterion.method is Method.RATE_RISE_POINTS:
            done = f"tăng {_points(overall.value)}"
            share = "-"
        else:
            done = f"tăng {vnformat.percent(overall.value)}"
            share = "-"
        met, of = _met_villages(_places_of(figures, criterion))
        objectives.append(
            row(
                stt=str(n),
                tieu_chi=criterion.content,
                dvt=criterion.unit,
                chi_tieu=_target_cell(criterion) if criterion.method is not Method.SUM else vnformat.number(overall.target or 0),
                thuc_hien=done,
                ty_le=share,
                dat=f"{len(met)}/{of} thôn" if of else "",
            )
        )
    others = [
        f"- {done_phrase(p.criterion, p.cumulative_quantity)}."
        for p in figures.commune_progress
        if p.applicable and p.target is None and p.cumulative_quantity
    ]
    strengths = [
        f"- {len([r for r in figures.units if r.cumulative.activities])}/{len(commune.units)} chi bộ, tổ chức và "
        f"{len([r for r in figures.places if r.cumulative.activities and r.name != COMMUNE_CENTRE])}/{len(commune.villages)} "
        "thôn có hoạt động."
    ]
    reached = []
    for overall in figures.commune_progress:
        met, of = _met_villages(_places_of(figures, overall.criterion))
        if met:
            reached.append(f"{len(met)}/{of} thôn đạt chỉ tiêu {_lower_first(overall.criterion.content)}")
    if reached:
        strengths.append(f"- {_upper_first('; '.join(reached))}.")
    weaknesses = []
    active_months: dict[str, set[int]] = {}
    for activity in source.activities:
        if activity.day.year == year and activity.day < end:
            active_months.setdefault(activity.unit, set()).add(activity.day.month)
    gaps = {
        u.name: [m for m in range(1, last + 1) if m not in active_months.get(u.name, set())] for u in commune.units
    }
    uneven = [f"{name} (tháng {', '.join(str(m) for m in months)})" for name, months in gaps.items() if months]
    if len(uneven) == 1:
        weaknesses.append(f"- {uneven[0].replace(' (tháng', ' chưa tổ chức hoạt động trong tháng').removesuffix(')')}.")
    elif uneven:
        weaknesses.append(f"- Một số chi bộ, tổ chức có tháng chưa tổ chức hoạt động: {'; '.join(uneven)}.")
    for overall in _slow_targets(figures):
        places = _places_of(figures, overall.criterion)
        untouched = [p.place for p in places if p.target is not None and not p.cumulative_quantity]
        if len(untouched) > 6:
            where = f"; {len(untouched)}/{len(places)} thôn chưa thực hiện"
        else:
            where = f"; {_villages_named(untouched)} chưa thực hiện" if untouched else ""
        weaknesses.append(f"- Tiến độ {_lower_first(overall.criterion.content)} còn chậm{where}.")
    sections = [
        ("Ưu điểm", strengths + [f"- {t}" for t in commune.notes_of(last_month, NoteKind.STRENGTH)]),
        ("Hạn chế", weaknesses + [f"- {t}" for t in commune.notes_of(last_month, NoteKind.WEAKNESS)]),
        ("Nguyên nhân", [f"- {t}" for t in commune.notes_of(last_month, NoteKind.CAUSE)]),
        ("Bài học kinh nghiệm", [f"- {t}" for t in commune.notes_of(last_month, NoteKind.LESSON)]),
    ]
    ranked = sorted((r for r in figures.units if r.cumulative.activities), key=lambda r: (-r.cumulative.participants, r.name))
    assigned = {a.unit: a.villages for a in commune.assignments}
    commended = []
    for unit_row in ranked[:3]:
        achieved = _unit_achievements(source, unit_row.name, end)
        where = _villages_named(assigned.get(unit_row.name, ()))
        text = (
            f"- {unit_row.name}: chủ trì {vnformat.number(unit_row.cumulative.activities)} buổi tại {where}, thu hút "
            f"{vnformat.number(unit_row.cumulative.participants)} lượt người tham gia"
        )
        commended.append(text + (f"; {', '.join(achieved)}." if achieved else "."))
    village_met = {
        v.name: [p.criterion for p in figures.progress if p.place == v.name and p.met] for v in commune.villages
    }
    best = sorted((name for name in village_met if village_met[name]), key=lambda n: -len(village_met[n]))[:2]
    for name in best:
        commended.append(
            f"- {_upper_first(_villages_named([name]))}: đạt chỉ tiêu "
            + "; ".join(_lower_first(c.content) for c in village_met[name])
            + "."
        )
    period = annual_period(source)
    following = f"năm {year + 1}" if full_year else f"những tháng còn lại của năm {year}"
    tasks = [f"- Các chi bộ, tổ chức tiếp tục duy trì hoạt động tại các thôn được phân công trong {following}."]
    slow = _slow_targets(figures)
    if slow:
        tasks.append(
            "- Tập trung hoàn thành các mục tiêu còn chậm: " + "; ".join(_lower_first(p.criterion.content) for p in slow) + "."
        )
    # the month's own task notes belong to its monthly report, not to the year's
    tasks.append(f"- {advisory_body(info)} theo dõi, đôn đốc, tổng hợp, tham mưu Ban Thường vụ Đảng ủy sơ kết, tổng kết phong trào.")
    context.update(
        nguoi_bao_cao=reporter(info),
        loai_bao_cao="kết quả thực hiện" if full_year else f"sơ kết {last} tháng đầu năm thực hiện",
        ky_bao_cao=f"kết quả thực hiện năm {year}" if full_year else f"sơ kết {period}",
        lanh_dao=[
            f"- {reporter(info)} ban hành kế hoạch hoạt động hằng tháng, phân công các chi bộ, tổ chức phối hợp với "
            "chi bộ, ban công tác mặt trận các thôn tổ chức thực hiện.",
            f"- {advisory_body(info)} theo dõi, đôn đốc; hằng tháng tổng hợp, tham mưu báo cáo {info.report_recipient}.",
        ],
        tom_tat=participation_sentence(
            figures.cumulative_totals, f"Năm {year}" if full_year else f"Từ đầu năm đến hết tháng {last}/{year}"
        )
        + previous_year_sentence(commune, figures.cumulative_totals, last),
        muc_tieu=objectives,
        noi_dung_khac=others,
        cac_thang=[
            row(
                thang=f"Tháng {m}",
                so_buoi=vnformat.number(t.activities),
                luot=vnformat.number(t.participants),
                ngay_cong=vnformat.number(t.workdays),
                tien=vnformat.number(t.money, 0),
                dat=vnformat.number(t.land_m2),
            )
            for m, t in enumerate(per_month, start=1)
        ],
        cac_thang_tong=row(
            so_buoi=vnformat.number(figures.cumulative_totals.activities),
            luot=vnformat.number(figures.cumulative_totals.participants),
            ngay_cong=vnformat.number(figures.cumulative_totals.workdays),
            tien=vnformat.number(figures.cumulative_totals.money, 0),
            dat=vnformat.number(figures.cumulative_totals.land_m2),
        ),
        danh_gia=[row_of_lines(f"{n}- {t}", lines) for n, (t, lines) in enumerate([(t, ls) for t, ls in sections if ls], start=1)],
        bieu_duong=commended,
        nhiem_vu_toi=following,
        **closing(tasks, [f"- {t}" for t in commune.notes_of(last_month, NoteKind.PROPOSAL)]),
    )
    return context


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
    lambda s: f"Báo cáo {'kết quả' if _months_covered(s) == 12 else 'sơ kết'} {annual_period(s)}",
    annual_report_context,
)

ALL_DOCUMENTS: tuple[DocumentSpec, ...] = (PLAN, ANNEX, MONTHLY_PLAN, MONTHLY_REPORT, ANNUAL_REPORT)
DOCUMENTS_BY_KEY: dict[str, DocumentSpec] = {fold(d.doc_type.value): d for d in ALL_DOCUMENTS}
