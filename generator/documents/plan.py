"""The yearly plan (Kế hoạch, KH) and its assignment annex (Phụ lục phân công, PL).

The plan cites the level above the commune ('huyện', 'Huyện ủy', 'Ban Dân vận Huyện ủy'): given
in `Thông tin` or derived from `Cơ quan cấp trên`, since 2025 the province's by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.documents.common import Source, advisory_body, body_in_sentence, common_context, row
from generator.model import DocType, PlanInfo
from generator.text import fold, fold_ascii


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
