"""What every document shares: its source, the values a template receives, and its frame.

The frame is the header (superior and issuing body, number, place and date), the signature, the
Nơi nhận list and the plan's citation, which `common_context` gives every document; `reporter`,
`advisory_body` and `closing` are the wording the plans and reports share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import vnformat
from generator.model import ARCHIVE_OFFICE, Activity, Commune, DocType, NoteKind, PlanInfo, PlannedActivity, Recipient
from generator.text import fold

ARCHIVE_LINE = f"Lưu {ARCHIVE_OFFICE}"
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
class Group:
    """A sub-heading and its lines, for a nested paragraph loop in a template."""

    tieu_de: str
    dong: tuple[str, ...]


def numbered_sections(sections: Sequence[tuple[str, Sequence[str]]]) -> list[Group]:
    """'1- Ưu điểm', '2- Hạn chế', …: only the sections with something to say, numbered in turn."""
    shown = [(title, lines) for title, lines in sections if lines]
    return [Group(f"{n}- {title}", tuple(lines)) for n, (title, lines) in enumerate(shown, start=1)]


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
        "ngay_ke_hoach": vnformat.date_short_or_blank(info.plan_date, info.year),
        "noi_nhan_bao_cao": info.report_recipient,
    }


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


def note_lines(commune: Commune, month: dt.date, kind: NoteKind) -> list[str]:
    """The clerk's own sentences of that kind for the month (`Đánh giá`), as lines of a list."""
    return [f"- {t}" for t in commune.notes_of(month, kind)]


def closing(tasks: Sequence[str], proposals: Sequence[str]) -> dict[str, Any]:
    """Sections IV and V with the body's last line apart (`dong_cuoi`), which the template keeps
    with the signature. `tasks` is never empty."""
    tasks, proposals = list(tasks), list(proposals)
    has_proposals = bool(proposals)
    last = proposals.pop() if proposals else tasks.pop()
    return {"nhiem_vu": tasks, "de_xuat": proposals, "co_de_xuat": has_proposals, "dong_cuoi": last}
