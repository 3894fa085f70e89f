"""Vietnamese phrasing shared by the reports: lists of names, villages, the participation sentence.

Every figure is formatted with vnformat; the groups of participants overlap, so the sentences give
them as 'trong đó có', never as parts that add up.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator import vnformat
from generator.model import COMMUNE_CENTRE, Totals
from generator.text import fold


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def name_list(names: Sequence[str], limit: int = 6, others: str = "nơi") -> str:
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" và {rest} {others} khác" if rest > 0 else "")


def _is_called_village(name: str) -> bool:
    """'Thôn Đo' already says thôn: never 'thôn Thôn Đo'."""
    return fold(name).startswith(("thôn ", "thon "))


def villages_named(names: Sequence[str], limit: int = 6) -> str:
    """'thôn Chợ Bợ 1', 'các thôn Tân Bình 1, Tân Bình 2'; the commune centre by its own name."""
    villages = [n for n in names if n != COMMUNE_CENTRE]
    parts = []
    if len(villages) == 1 and _is_called_village(villages[0]):
        parts.append(villages[0])
    elif villages:
        parts.append(("thôn " if len(villages) == 1 else "các thôn ") + name_list(villages, limit, "thôn"))
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
    return (
        f"{period}, các chi bộ, tổ chức đã chủ trì {vnformat.number(totals.activities)} buổi ra quân, thu hút "
        f"{vnformat.number(totals.participants)} lượt cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng "
        f"vũ trang, đoàn viên, hội viên và Nhân dân tham gia{among}, với {vnformat.number(totals.workdays)} ngày "
        f"công{money_clause(totals)}{land_clause(totals)}."
    )


def money_clause(totals: Totals) -> str:
    if not totals.money:
        return ""
    parts = []
    if totals.cash:
        parts.append(f"tiền mặt {vnformat.money(totals.cash)}")
    if totals.in_kind:
        parts.append(f"hiện vật quy đổi {vnformat.money(totals.in_kind)}")
    detail = f" ({', '.join(parts)})" if len(parts) > 1 else ""
    return f"; huy động {vnformat.money(totals.money)}{detail}"


def land_clause(totals: Totals) -> str:
    return f"; Nhân dân hiến {vnformat.number(totals.land_m2)} m² đất" if totals.land_m2 else ""
