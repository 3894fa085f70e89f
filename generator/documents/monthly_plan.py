"""The monthly activity plan (Kế hoạch hoạt động tháng, KHT), due before the 5th.

Its table is the month's rows of `Kế hoạch tháng`; a unit with nothing planned is asked to add
its activity before it is held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from generator import vnformat
from generator.aggregation import next_month
from generator.documents.common import Source, advisory_body, body_in_sentence, common_context, reporter, row
from generator.documents.phrasing import name_list
from generator.model import COMMUNE_CENTRE, Criterion, DocType, PlannedActivity
from generator.text import fold


def planned_in(planned: Iterable[PlannedActivity], month: dt.date) -> list[PlannedActivity]:
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
    planned = {p.unit for p in planned_in(source.planned, month)}
    return tuple(u.name for u in source.commune.units if u.name not in planned)


def monthly_plan_context(source: Source) -> dict[str, Any]:
    month = source.the_month
    info = source.commune.info
    planned = planned_in(source.planned, month)
    criteria = {c.code: c for c in source.commune.criteria}
    leaders = source.commune.leaders
    context = common_context(source, DocType.MONTHLY_PLAN)
    deadline = deadline_in(month, info.monthly_report_deadline)
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
            f"trước ngày {vnformat.date_short(deadline_in(month, info.unit_report_deadline))}"
            if info.unit_report_deadline
            else "ngay sau mỗi hoạt động"
        ),
        co_quan_dau_moi=advisory_body(info),
        so_bao_cao=vnformat.number_symbol(None, DocType.MONTHLY_PLAN.number_symbol, info.body_symbol),
        ngay_ban_hanh=vnformat.date_short_or_blank(None, info.year),  # the issue date, written in by `ntm issue`
        ten_co_quan_ban_hanh=body_in_sentence(info.issuing_body, info.place),
        chua_dang_ky=(
            [
                f"- {name_list(without, 20)} chưa đăng ký hoạt động trong tháng; chủ động phối hợp với chi bộ thôn được "
                "phân công bổ sung nội dung, báo cáo Ban Thường vụ Đảng ủy (qua "
                f"{advisory_body(info)}) trước khi tổ chức."
            ]
            if without and planned
            else []
        ),
    )
    return context


def deadline_in(month: dt.date, day: int) -> dt.date:
    last = (next_month(month) - dt.timedelta(days=1)).day
    return month.replace(day=min(day, last))
