"""Folding of Vietnamese text, for matching names and for making file names.

A clerk may type "Nhật ký", "Nhat ky", "NHẬT  KÝ" or the same word in decomposed
Unicode (some keyboard tools emit NFD); all of them must meet the same name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def nfc(text: str) -> str:
    """NFC with runs of whitespace collapsed and the ends trimmed (cached: logs repeat their words)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Key for comparing names: NFC, collapsed whitespace, case-folded."""
    return unicodedata.normalize("NFC", nfc(text).casefold())


def strip_diacritics(text: str) -> str:
    """'Đồng Chùa' → 'Dong Chua'; đ/Đ are letters of their own, not d with a mark."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_ascii(text: str) -> str:
    """Key for comparing names when diacritics are ignored."""
    return strip_diacritics(fold(text))


def ascii_slug(text: str) -> str:
    """A file-name-safe ASCII form: 'Báo cáo tháng 03' → 'bao-cao-thang-03'."""
    plain = strip_diacritics(nfc(text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug or "van-ban"
