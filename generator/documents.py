"""What each document says: model → the template's context (SPEC §5).

All the wording that depends on data is decided here, so that templates only
place and format it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator import vnformat
from generator.model import Commune, DocType, Recipient
from generator.text import ascii_slug, fold

ARCHIVE_LINE = "Lưu VPĐU"


@dataclass(frozen=True)
class RecipientLine:
    ten: str
    ghi_chu: str


@dataclass(frozen=True)
class AnnexRow:
    tt: str
    don_vi: str
    noi_dung: str
    thon: str
    ghi_chu: str


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its template, its output file, and how to fill it."""

    doc_type: DocType
    template: str
    file_name: Callable[[Commune], str]
    title: Callable[[Commune], str]
    context: Callable[[Commune], Mapping[str, Any]]


def body_in_sentence(issuing_body: str, place: str) -> str:
    """'ĐẢNG ỦY XÃ BÌNH XA', 'Bình Xa' → 'Đảng ủy xã Bình Xa' (for citations in running text)."""
    lowered = issuing_body.lower()
    place_key = place.lower()
    if place and place_key in lowered:
        start = lowered.index(place_key)
        lowered = lowered[:start] + place + lowered[start + len(place_key) :]
    return lowered[:1].upper() + lowered[1:]


def recipient_lines(recipients: tuple[Recipient, ...]) -> list[RecipientLine]:
    """The Nơi nhận list, with the office's own copy (`Lưu …`) last and always present."""
    ordinary = [r for r in recipients if not r.is_archive_copy]
    archive = [r for r in recipients if r.is_archive_copy][:1] or [Recipient(None, ARCHIVE_LINE)]
    return [RecipientLine(r.name, r.note) for r in ordinary + archive]


def common_context(commune: Commune, doc_type: DocType, number: int | None, day: dt.date | None) -> dict[str, Any]:
    info = commune.info
    return {
        "co_quan_cap_tren": info.superior_body,
        "co_quan_ban_hanh": info.issuing_body,
        "so_ky_hieu": vnformat.document_number(number, doc_type.number_symbol, info.body_symbol),
        "dia_danh_ngay": vnformat.date_line(info.place, day, info.year),
        "nam": str(info.year),
        "tham_quyen_ky": info.signing_authority,
        "chuc_vu_nguoi_ky": info.signer_title,
        "nguoi_ky": info.signer,
        "noi_nhan": recipient_lines(commune.recipients_of(doc_type)),
    }


def default_preamble(year: int) -> str:
    return (
        "Ban Chấp hành Đảng bộ xã ban hành Kế hoạch tổ chức phong trào cán bộ, đảng viên, công chức, "
        "viên chức, chiến sỹ lực lượng vũ trang trực tiếp tham gia các hoạt động xây dựng nông thôn mới, "
        f"đô thị văn minh tại cơ sở năm {year}, như sau:"
    )


def plan_context(commune: Commune) -> dict[str, Any]:
    info = commune.info
    context = common_context(commune, DocType.PLAN, info.plan_number, info.plan_date)
    context.update(
        can_cu=info.preamble or default_preamble(info.year),
        muc_tieu=[line for c in commune.criteria for line in c.explanation.splitlines() if line.strip()],
        noi_nhan_bao_cao=info.report_recipient,
        han_ke_hoach_thang=str(info.monthly_plan_deadline),
        han_bao_cao_thang=str(info.monthly_report_deadline),
    )
    return context


def annex_context(commune: Commune) -> dict[str, Any]:
    info = commune.info
    return {
        "nam": str(info.year),
        "so_ke_hoach_ky_hieu": vnformat.number_symbol(info.plan_number, DocType.PLAN.number_symbol, info.body_symbol),
        "ngay_ke_hoach": vnformat.date_short(info.plan_date) if info.plan_date else f"{vnformat.BLANK_DAY}/{vnformat.BLANK_DAY}/{info.year}",
        "ten_co_quan_ban_hanh": body_in_sentence(info.issuing_body, info.place),
        "phan_cong": [AnnexRow(a.order, a.unit, a.tasks, a.villages_text, a.note) for a in commune.assignments],
    }


def _year_file(stem: str) -> Callable[[Commune], str]:
    return lambda commune: f"{ascii_slug(stem)}-{commune.info.year}.docx"


PLAN = DocumentSpec(
    DocType.PLAN,
    "ke-hoach.docx",
    _year_file("ke hoach"),
    lambda c: f"Kế hoạch phong trào xây dựng nông thôn mới năm {c.info.year}",
    plan_context,
)
ANNEX = DocumentSpec(
    DocType.ANNEX,
    "phu-luc-phan-cong.docx",
    _year_file("phu luc phan cong"),
    lambda c: f"Phân công các chi bộ, tổ chức tham gia xây dựng nông thôn mới năm {c.info.year}",
    annex_context,
)

YEARLY_DOCUMENTS: tuple[DocumentSpec, ...] = (PLAN, ANNEX)
DOCUMENTS_BY_KEY: dict[str, DocumentSpec] = {fold(d.doc_type.value): d for d in YEARLY_DOCUMENTS}
