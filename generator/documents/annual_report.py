"""The annual report (Báo cáo năm, BCN): the year's results, or a sơ kết of the months the data
cover, beside the same months of the previous year (`Năm trước`) when they are known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from generator import vnformat
from generator.aggregation import HUNDRED, MonthlyFigures, aggregate_month, next_month
from generator.documents.common import (
    Row,
    Source,
    advisory_body,
    closing,
    common_context,
    note_lines,
    numbered_sections,
    reporter,
    row,
)
from generator.documents.phrasing import lower_first, participation_sentence, upper_first, villages_named
from generator.documents.targets import (
    done_phrase,
    main_targets,
    met_villages,
    places_of,
    points,
    share_of,
    slow_targets,
    target_cell,
    untouched_clause,
)
from generator.model import COMMUNE_CENTRE, Commune, DocType, Method, NoteKind, PlanInfo, Totals


def months_covered(source: Source) -> int:
    """The last month of the plan year that has activities (0 when none)."""
    months = [a.day.month for a in source.activities if a.day.year == source.year]
    return max(months, default=0)


def annual_period(source: Source) -> str:
    """'năm 2021', or for data that do not cover the year 'sơ kết 3 tháng đầu năm 2021'."""
    last = months_covered(source)
    return f"năm {source.year}" if last == 12 else f"{last} tháng đầu năm {source.year}"


def _unit_achievements(source: Source, unit: str, end: dt.date) -> list[str]:
    """What a unit did toward the targets since 1 January: 'trồng mới 0,9 km đường hoa'."""
    done: dict[str, Decimal] = {}
    for activity in source.activities:
        if activity.unit == unit and activity.day.year == source.year and activity.day < end:
            done[activity.criterion] = done.get(activity.criterion, Decimal(0)) + activity.quantity
    return [lower_first(done_phrase(c, done[c.code])) for c in main_targets(source.commune) if done.get(c.code)]


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


def _objectives(figures: MonthlyFigures) -> list[Row]:
    """Section II.1: a row per target, what was done toward it and how many villages met it."""
    objectives = []
    for n, overall in enumerate((p for p in figures.commune_progress if p.applicable and p.target is not None), start=1):
        criterion = overall.criterion
        if criterion.method is Method.SUM:
            done = vnformat.number(overall.value)
            if overall.value < overall.cumulative_quantity:  # capped at each village's target
                done += f" (tổng {vnformat.number(overall.cumulative_quantity)})"
            share = vnformat.percent(share_of(overall.value, overall.target or Decimal(1)))
        elif criterion.method is Method.HOUSEHOLD_RATE:
            done = f"{vnformat.number(overall.cumulative_quantity)}/{vnformat.number(overall.households)} ({vnformat.percent(overall.value)})"
            share = "-"
        elif criterion.method is Method.RATE_RISE_POINTS:
            done = f"tăng {points(overall.value)}"
            share = "-"
        else:
            done = f"tăng {vnformat.percent(overall.value)}"
            share = "-"
        met, of = met_villages(places_of(figures, criterion))
        objectives.append(
            row(
                stt=str(n),
                tieu_chi=criterion.content,
                dvt=criterion.unit,
                chi_tieu=target_cell(criterion) if criterion.method is not Method.SUM else vnformat.number(overall.target or 0),
                thuc_hien=done,
                ty_le=share,
                dat=f"{len(met)}/{of} thôn" if of else "",
            )
        )
    return objectives


def _strengths(commune: Commune, figures: MonthlyFigures) -> list[str]:
    """What the data say under Ưu điểm: how many units and villages were active, the targets met."""
    strengths = [
        f"- {len([r for r in figures.units if r.cumulative.activities])}/{len(commune.units)} chi bộ, tổ chức và "
        f"{len([r for r in figures.places if r.cumulative.activities and r.name != COMMUNE_CENTRE])}/{len(commune.villages)} "
        "thôn có hoạt động."
    ]
    reached = []
    for overall in figures.commune_progress:
        met, of = met_villages(places_of(figures, overall.criterion))
        if met:
            reached.append(f"{len(met)}/{of} thôn đạt chỉ tiêu {lower_first(overall.criterion.content)}")
    if reached:
        strengths.append(f"- {upper_first('; '.join(reached))}.")
    return strengths


def _weaknesses(source: Source, figures: MonthlyFigures, last: int, end: dt.date) -> list[str]:
    """What the data say under Hạn chế: the months a unit held nothing, the slow targets."""
    weaknesses = []
    active_months: dict[str, set[int]] = {}
    for activity in source.activities:
        if activity.day.year == source.year and activity.day < end:
            active_months.setdefault(activity.unit, set()).add(activity.day.month)
    gaps = {u.name: [m for m in range(1, last + 1) if m not in active_months.get(u.name, set())] for u in source.commune.units}
    uneven = [f"{name} (tháng {', '.join(str(m) for m in months)})" for name, months in gaps.items() if months]
    if len(uneven) == 1:
        weaknesses.append(f"- {uneven[0].replace(' (tháng', ' chưa tổ chức hoạt động trong tháng').removesuffix(')')}.")
    elif uneven:
        weaknesses.append(f"- Một số chi bộ, tổ chức có tháng chưa tổ chức hoạt động: {'; '.join(uneven)}.")
    for overall in slow_targets(figures):
        weaknesses.append(
            f"- Tiến độ {lower_first(overall.criterion.content)} còn chậm{untouched_clause(figures, overall.criterion)}."
        )
    return weaknesses


def _commended(source: Source, figures: MonthlyFigures, end: dt.date) -> list[str]:
    """The three units that drew the most people, then the two villages that met the most targets."""
    commune = source.commune
    ranked = sorted((r for r in figures.units if r.cumulative.activities), key=lambda r: (-r.cumulative.participants, r.name))
    assigned = {a.unit: a.villages for a in commune.assignments}
    commended = []
    for unit_row in ranked[:3]:
        achieved = _unit_achievements(source, unit_row.name, end)
        where = villages_named(assigned.get(unit_row.name, ()))
        text = (
            f"- {unit_row.name}: chủ trì {vnformat.number(unit_row.cumulative.activities)} buổi tại {where}, thu hút "
            f"{vnformat.number(unit_row.cumulative.participants)} lượt người tham gia"
        )
        commended.append(text + (f"; {', '.join(achieved)}." if achieved else "."))
    village_met = {v.name: [p.criterion for p in figures.progress if p.place == v.name and p.met] for v in commune.villages}
    best = sorted((name for name in village_met if village_met[name]), key=lambda n: -len(village_met[n]))[:2]
    for name in best:
        commended.append(
            f"- {upper_first(villages_named([name]))}: đạt chỉ tiêu "
            + "; ".join(lower_first(c.content) for c in village_met[name])
            + "."
        )
    return commended


def _tasks(info: PlanInfo, figures: MonthlyFigures, following: str) -> list[str]:
    """Section IV: keep up the assigned villages, finish the slow targets, follow up."""
    tasks = [f"- Các chi bộ, tổ chức tiếp tục duy trì hoạt động tại các thôn được phân công trong {following}."]
    slow = slow_targets(figures)
    if slow:
        tasks.append(
            "- Tập trung hoàn thành các mục tiêu còn chậm: " + "; ".join(lower_first(p.criterion.content) for p in slow) + "."
        )
    # the month's own task notes belong to its monthly report, not to the year's
    tasks.append(
        f"- {advisory_body(info)} theo dõi, đôn đốc, tổng hợp, tham mưu Ban Thường vụ Đảng ủy sơ kết, tổng kết phong trào."
    )
    return tasks


def _month_row(totals: Totals, **names: str) -> Row:
    return row(
        **names,
        so_buoi=vnformat.number(totals.activities),
        luot=vnformat.number(totals.participants),
        ngay_cong=vnformat.number(totals.workdays),
        tien=vnformat.number(totals.money, 0),
        dat=vnformat.number(totals.land_m2),
    )


def annual_report_context(source: Source) -> dict[str, Any]:
    commune = source.commune
    info = commune.info
    year = source.year
    last = months_covered(source)
    full_year = last == 12
    last_month = dt.date(year, max(last, 1), 1)
    figures = aggregate_month(commune, source.activities, last_month)
    end = next_month(last_month)
    # the annual report is dated when it is issued, not in the month of the last data
    context = common_context(replace(source, month=None), DocType.ANNUAL_REPORT)
    per_month = [aggregate_month(commune, source.activities, dt.date(year, m, 1)).month_totals for m in range(1, last + 1)]
    others = [
        f"- {done_phrase(p.criterion, p.cumulative_quantity)}."
        for p in figures.commune_progress
        if p.applicable and p.target is None and p.cumulative_quantity
    ]
    sections = [
        ("Ưu điểm", _strengths(commune, figures) + note_lines(commune, last_month, NoteKind.STRENGTH)),
        ("Hạn chế", _weaknesses(source, figures, last, end) + note_lines(commune, last_month, NoteKind.WEAKNESS)),
        ("Nguyên nhân", note_lines(commune, last_month, NoteKind.CAUSE)),
        ("Bài học kinh nghiệm", note_lines(commune, last_month, NoteKind.LESSON)),
    ]
    period = annual_period(source)
    following = f"năm {year + 1}" if full_year else f"những tháng còn lại của năm {year}"
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
        muc_tieu=_objectives(figures),
        noi_dung_khac=others,
        cac_thang=[_month_row(t, thang=f"Tháng {m}") for m, t in enumerate(per_month, start=1)],
        cac_thang_tong=_month_row(figures.cumulative_totals),
        danh_gia=numbered_sections(sections),
        bieu_duong=_commended(source, figures, end),
        nhiem_vu_toi=following,
        **closing(_tasks(info, figures, following), note_lines(commune, last_month, NoteKind.PROPOSAL)),
    )
    return context
