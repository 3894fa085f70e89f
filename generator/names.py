"""Canonical names (units, villages, criteria) looked up as a clerk types them (SPEC §3)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.errors import Location, Problem, ProblemCode, Severity
from generator.text import fold, fold_ascii


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
        self._seen: dict[str, NameMatch] = {}

    def match(self, typed: str) -> NameMatch:
        """The canonical name of `typed`; a log repeats few spellings, so each is looked up once."""
        known = self._seen.get(typed)
        if known is None:
            known = self._seen[typed] = self._lookup(typed)
        return known

    def _lookup(self, typed: str) -> NameMatch:
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


def name_problems(match: NameMatch, typed: str, location: Location, what: str, where: str) -> list[Problem]:
    """The problem (if any) of a looked-up name: a warning for missing diacritics only."""
    if match.name and match.by_diacritics_only:
        return [
            Problem(
                location,
                ProblemCode.NAME_WITHOUT_MARKS,
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
            ProblemCode.UNKNOWN_NAME,
            f"{what} '{typed}' không có trong trang '{where}'.{hint}",
        )
    ]
