"""The monthly result report (Báo cáo kết quả tháng, BC), due before the 28th.

Section II gives the month's participation and a line per target; section III says what the data
show (Ưu điểm, Hạn chế, Nguyên nhân) before the clerk's own sentences; section IV draws the next
month's tasks from its plan, the idle units and the slow targets. The annexed tables are in
report_tables.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from generator import vnformat
from generator.aggregation import HUNDRED, MonthlyFigures, Progress, aggregate_month, month_start, next_month
from generator.documents.common import (
    Group,
    Source,
    advisory_body,
    body_in_sentence,
    closing,
    common_context,
    note_lines,
    numbered_sections,
    reporter,
)
from generator.documents.monthly_plan import planned_in
from generator.documents.phrasing import (
    land_clause,
    lower_first,
    money_clause,
    name_list,
    participation_sentence,
    upper_first,
    villages_named,
)
from generator.documents.report_tables import people_row, people_rows, progress_table, resource_row
from generator.documents.targets import done_phrase, met_villages, places_of, points, share_of, slow_targets, untouched_clause
from generator.model import COMMUNE_CENTRE, Criterion, DocType, Method, NoteKind, PlannedActivity


def _cumulative_sentence(figures: MonthlyFigures, month: dt.date) -> str:
    totals = figures.cumulative_totals
    return (
        f"Lũy kế từ đầu năm đến hết tháng {vnformat.month_year(month.month, month.year)}: "
        f"{vnformat.number(totals.activities)} buổi, {vnformat.number(totals.participants)} lượt người tham gia, "
        f"{vnformat.number(totals.workdays)} ngày công{money_clause(totals)}{land_clause(totals)}."
    )


def _rate(done: Decimal | int, households: int) -> str:
    return vnformat.percent(Decimal(done) / households * HUNDRED) if households else "0%"


def _met_clause(places: Sequence[Progress]) -> str:
    met, of = met_villages(places)
    if not of:
        return ""
    if not met:
        return "chưa có thôn nào đạt chỉ tiêu"
    named = f" ({name_list(met, 4)})" if len(met) <= 4 else ""
    return f"{len(met)}/{of} thôn đạt chỉ tiêu{named}"


def target_line(figures: MonthlyFigures, overall: Progress) -> str:
    """One natural sentence per target: what was done this month (the criterion's verb phrase),
    the cumulative figure, and for a target its base and how many villages meet it."""
    criterion = overall.criterion
    unit = criterion.unit
    places = places_of(figures, criterion)
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
        share = vnformat.percent(share_of(capped, overall.target))
        met, of = met_villages(with_target)
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
        target = f"; chỉ tiêu tăng tối thiểu {points(overall.target)}" if overall.target is not None else ""
        text = (
            f"- {head}; lũy kế {vnformat.quantity(cumulative, unit)}, nâng số {lower_first(criterion.content)} "
            f"từ {vnformat.number(before)} lên {vnformat.number(after)}/{vnformat.number(households)} hộ (tỷ lệ từ "
            f"{_rate(before, households)} lên {_rate(after, households)}, tăng {points(overall.value)}{target})"
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
            f"{lower_first(done_phrase(p.criterion, p.month_quantity))} (lũy kế {vnformat.quantity(p.cumulative_quantity, p.criterion.unit)})"
            for p in others
            if p.month_quantity
        ]
        if parts:
            lines.append(f"- Các nội dung khác: {'; '.join(parts)}.")
    return lines


def planned_not_done(source: Source, month: dt.date) -> list[PlannedActivity]:
    """Rows of the month's `Kế hoạch tháng` with no logged activity of that unit, in that place,
    under that criterion in the month."""
    done = {(a.unit, a.village, a.criterion) for a in source.activities if month_start(a.day) == month}
    return [p for p in planned_in(source.planned, month) if (p.unit, p.village, p.criterion) not in done]


def _newly_met(figures: MonthlyFigures, before: MonthlyFigures | None) -> list[tuple[Criterion, list[str]]]:
    earlier = {(p.place, p.criterion.code) for p in before.progress if p.met} if before else set()
    found = []
    for overall in figures.commune_progress:
        names = [p.place for p in places_of(figures, overall.criterion) if p.met and (p.place, p.criterion.code) not in earlier]
        if names:
            found.append((overall.criterion, names))
    return found


def _where(planned: PlannedActivity) -> str:
    place = villages_named([planned.village])
    when = f"ngày {planned.day.day}/{planned.day.month}" if planned.day else ""
    return ", ".join(part for part in (when, place) if part)


def evaluation(source: Source, figures: MonthlyFigures) -> list[Group]:
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
            + "; ".join(f"{lower_first(criterion.content)} ({name_list(names, 20)})" for criterion, names in newly)
            + "."
        )
    strengths += note_lines(commune, month, NoteKind.STRENGTH)

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
        line = f"- {name_list(figures.idle_units, 20)} chưa tổ chức hoạt động trong tháng"
        line += f"; {'; '.join(detail)}" if detail else ""
        if figures.idle_villages:
            line += f"; {villages_named(figures.idle_villages, 20)} chưa có hoạt động"
        weaknesses.append(line + ".")
    others = [p for p in missed if p.unit not in figures.idle_units]
    if others:
        weaknesses.append(
            f"- {len(others)}/{len(planned_in(source.planned, month))} hoạt động đăng ký trong Kế hoạch tháng chưa "
            f"thực hiện đúng nội dung ({name_list(sorted({p.unit for p in others}), 20)})."
        )
    if figures.idle_villages and not figures.idle_units:
        weaknesses.append(f"- {upper_first(villages_named(figures.idle_villages, 20))} chưa có hoạt động trong tháng.")
    for overall in slow_targets(figures):
        criterion = overall.criterion
        if criterion.method is Method.SUM:
            state = f"mới đạt {vnformat.percent(share_of(overall.value, overall.target or Decimal(1)))} chỉ tiêu"
        elif criterion.method is Method.HOUSEHOLD_RATE:
            state = f"mới đạt {vnformat.percent(overall.value)} số hộ"
        elif criterion.method is Method.RATE_RISE_POINTS:
            state = f"mới tăng {points(overall.value)}"
        else:
            state = f"mới tăng {vnformat.percent(overall.value)}"
        weaknesses.append(
            f"- Tiến độ {lower_first(criterion.content)} còn chậm: toàn xã {state}{untouched_clause(figures, criterion)}."
        )
    weaknesses += note_lines(commune, month, NoteKind.WEAKNESS)
    causes = note_lines(commune, month, NoteKind.CAUSE)

    return numbered_sections([("Ưu điểm", strengths), ("Hạn chế", weaknesses), ("Nguyên nhân", causes)])


def next_tasks(source: Source, figures: MonthlyFigures) -> list[str]:
    """Section IV: 3–6 task lines from next month's plan, the idle units and the slow targets,
    then the clerk's own `Nhiệm vụ`."""
    month = figures.month
    following = next_month(month)
    lines: list[str] = []
    planned = planned_in(source.planned, following) if following.year == month.year else []
    if planned:
        counts: dict[str, int] = {}
        for item in planned:
            counts[item.criterion] = counts.get(item.criterion, 0) + 1
        by_code = {c.code: c for c in source.commune.criteria}
        focus = [
            lower_first(by_code[code].content) for code, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2] if code in by_code
        ]
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
        line = f"- {name_list(figures.idle_units, 20)} tổ chức ngay hoạt động tại {villages_named(places, 20)}"
        if without and planned:
            line += f"; {name_list(without, 20)} đăng ký bổ sung hoạt động vào Kế hoạch tháng {following.month}"
        lines.append(line + ".")
    slow = slow_targets(figures)
    if slow:
        lines.append(
            "- Tập trung đẩy nhanh tiến độ các mục tiêu còn chậm: "
            + "; ".join(lower_first(p.criterion.content) for p in slow)
            + ", nhất là ở các thôn chưa thực hiện."
        )
    lines += note_lines(source.commune, month, NoteKind.TASK)
    return lines[:6]


def plan_citation(source: Source, month: dt.date) -> str:
    """The month's plan by number and date when the register has it, otherwise by title."""
    issued = source.issued_monthly_plans.get(month)
    title = f"Kế hoạch hoạt động tháng {month.month} năm {month.year}"
    if issued is None:
        return title
    symbol, day = issued
    return f"Kế hoạch số {symbol}, ngày {vnformat.date_short(day)} về hoạt động tháng {month.month} năm {month.year}"


def monthly_report_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    commune = source.commune
    info = commune.info
    figures = aggregate_month(commune, source.activities, month)
    context = common_context(source, DocType.MONTHLY_REPORT)
    proposals = note_lines(commune, month, NoteKind.PROPOSAL)
    context.update(
        thang=str(month.month),
        thang_sau=str(next_month(month).month),
        nguoi_bao_cao=reporter(info),
        ten_co_quan_ban_hanh=body_in_sentence(info.issuing_body, info.place),
        so_bao_cao=vnformat.number_symbol(None, DocType.MONTHLY_REPORT.number_symbol, info.body_symbol),
        ngay_ban_hanh=vnformat.date_short_or_blank(None, info.year),  # the issue date, written in by `ntm issue`
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
        bieu01=people_rows(figures, commune),
        bieu01_tong=people_row(figures.month_totals, stt="", don_vi="Tổng cộng", thon=""),
        bieu03=[resource_row(r.month, stt=str(n), thon=r.name) for n, r in enumerate(figures.places, start=1)],
        bieu03_tong=resource_row(figures.month_totals, stt="", thon="Tổng cộng"),
        **progress_table(figures, commune),
    )
    return context


def missing_causes(source: Source) -> bool:
    """The reported month has no `Nguyên nhân` of the clerk: generate and status remind them."""
    return source.month is not None and not source.commune.notes_of(source.month, NoteKind.CAUSE)
