"""The TCVN3 and VNI code tables, built from data (letter family x tone), not typed letter by letter."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Final

# --------------------------------------------------------------------------
# Marks.  Vietnamese letters are a base letter, at most one "shape" mark
# (circumflex, breve, horn) and at most one tone mark; composing them with
# NFC gives the precomposed letter, which lets us derive tables instead of
# typing 134 letters by hand.

_GRAVE: Final = "\u0300"  # huyền
ACUTE: Final = "\u0301"  # sắc
_TILDE: Final = "\u0303"  # ngã
_HOOK: Final = "\u0309"  # hỏi
DOT: Final = "\u0323"  # nặng
TONE_MARKS: Final = frozenset({_GRAVE, ACUTE, _TILDE, _HOOK, DOT})
_CIRCUMFLEX: Final = "\u0302"
_BREVE: Final = "\u0306"
_HORN: Final = "\u031b"


def _compose(base: str, *marks: str) -> str:
    """One precomposed letter from a base letter and combining marks."""
    return unicodedata.normalize("NFC", base + "".join(marks))


# --------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3 subset, the "ABC" fonts).
#
# Each toned vowel has its own byte; the fonts lay the five tones of a vowel
# out in the order grave, hook, tilde, acute, dot.  VN3 has no codes for
# upper-case toned vowels: the upper-case fonts (.VnTimeH) draw the lower-case
# codes as capitals, so those codes are case-ambiguous.  Only the upper-case
# toneless letters Ă Â Ê Ô Ơ Ư Đ have codes of their own.

_TCVN3_TONE_ORDER: Final = (_GRAVE, _HOOK, _TILDE, ACUTE, DOT)

TCVN3_TONED: Final[Mapping[str, str]] = {
    # base letter: its five toned codes in _TCVN3_TONE_ORDER
    "a": "\u00b5\u00b6\u00b7\u00b8\u00b9",  # µ ¶ · ¸ ¹ -> à ả ã á ạ
    "ă": "\u00bb\u00bc\u00bd\u00be\u00c6",  # » ¼ ½ ¾ Æ -> ằ ẳ ẵ ắ ặ
    "â": "\u00c7\u00c8\u00c9\u00ca\u00cb",  # Ç È É Ê Ë -> ầ ẩ ẫ ấ ậ
    "e": "\u00cc\u00ce\u00cf\u00d0\u00d1",  # Ì Î Ï Ð Ñ -> è ẻ ẽ é ẹ
    "ê": "\u00d2\u00d3\u00d4\u00d5\u00d6",  # Ò Ó Ô Õ Ö -> ề ể ễ ế ệ
    "i": "\u00d7\u00d8\u00dc\u00dd\u00de",  # × Ø Ü Ý Þ -> ì ỉ ĩ í ị
    "o": "\u00df\u00e1\u00e2\u00e3\u00e4",  # ß á â ã ä -> ò ỏ õ ó ọ
    "ô": "\u00e5\u00e6\u00e7\u00e8\u00e9",  # å æ ç è é -> ồ ổ ỗ ố ộ
    "ơ": "\u00ea\u00eb\u00ec\u00ed\u00ee",  # ê ë ì í î -> ờ ở ỡ ớ ợ
    "u": "\u00ef\u00f1\u00f2\u00f3\u00f4",  # ï ñ ò ó ô -> ù ủ ũ ú ụ
    "ư": "\u00f5\u00f6\u00f7\u00f8\u00f9",  # õ ö ÷ ø ù -> ừ ử ữ ứ ự
    "y": "\u00fa\u00fb\u00fc\u00fd\u00fe",  # ú û ü ý þ -> ỳ ỷ ỹ ý ỵ
}

TCVN3_UPPER_LETTERS: Final[Mapping[str, str]] = {
    "\u00a1": "Ă",  # ¡
    "\u00a2": "Â",  # ¢
    "\u00a3": "Ê",  # £
    "\u00a4": "Ô",  # ¤
    "\u00a5": "Ơ",  # ¥
    "\u00a6": "Ư",  # ¦
    "\u00a7": "Đ",  # §
}

TCVN3_LOWER_LETTERS: Final[Mapping[str, str]] = {
    "\u00a8": "ă",  # ¨
    "\u00a9": "â",  # ©
    "\u00aa": "ê",  # ª
    "\u00ab": "ô",  # «
    "\u00ac": "ơ",  # ¬
    "\u00ad": "ư",  # soft hyphen: invisible, and often lost on the way
    "\u00ae": "đ",  # ®
}

# Excel, or a clean-up step that applies NFKC, turns the micro sign µ (the
# TCVN3 code of à) into the Greek letter μ; accept both.
TCVN3_ALIASES: Final[Mapping[str, str]] = {"\u03bc": "\u00b5"}


def _build_tcvn3() -> dict[str, str]:
    """Code character -> Unicode letter (toned vowels in lower case)."""
    table: dict[str, str] = {}
    for base, codes in TCVN3_TONED.items():
        for tone, code in zip(_TCVN3_TONE_ORDER, codes, strict=True):
            table[code] = _compose(base, tone)
    table.update(TCVN3_UPPER_LETTERS)
    table.update(TCVN3_LOWER_LETTERS)
    for alias, code in TCVN3_ALIASES.items():
        table[alias] = table[code]
    return table


TCVN3: Final[Mapping[str, str]] = _build_tcvn3()

# --------------------------------------------------------------------------
# VNI-Windows.
#
# A letter is a base letter followed by one mark character; the marks for
# capitals are the upper-case forms of those for small letters ("aø" à,
# "AØ" À).  ơ ư đ are single characters (ô ö ñ), and so are the toned i's
# and ỵ, which the fonts draw whole.

_VNI_TONE_MARKS: Final[Mapping[str, str]] = {
    _GRAVE: "ø",
    ACUTE: "ù",
    _HOOK: "û",
    _TILDE: "õ",
    DOT: "ï",
}
_VNI_CIRCUMFLEX_MARKS: Final[Mapping[str, str]] = {
    "": "â",
    _GRAVE: "à",
    ACUTE: "á",
    _HOOK: "å",
    _TILDE: "ã",
    DOT: "ä",
}
_VNI_BREVE_MARKS: Final[Mapping[str, str]] = {
    "": "ê",
    _GRAVE: "è",
    ACUTE: "é",
    _HOOK: "ú",
    _TILDE: "ü",
    DOT: "ë",
}
# Unicode base letter (toneless) -> its VNI spelling, for the letters that
# take a following tone mark.
_VNI_TONED_BASES: Final[Mapping[str, str]] = {
    "a": "a",
    "â": "a",
    "ă": "a",
    "e": "e",
    "ê": "e",
    "o": "o",
    "ô": "o",
    "ơ": "ô",
    "u": "u",
    "ư": "ö",
    "y": "y",
}
_VNI_WHOLE_LETTERS: Final[Mapping[str, str]] = {
    "ơ": "ô",
    "ư": "ö",
    "đ": "ñ",
    "ì": "ì",
    "í": "í",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "ỵ": "î",
}


def _vni_spelling(letter: str) -> str | None:
    """The VNI spelling of one lower-case Vietnamese letter (None: not Vietnamese)."""
    if letter in _VNI_WHOLE_LETTERS:
        return _VNI_WHOLE_LETTERS[letter]
    marks = unicodedata.normalize("NFD", letter)
    base, rest = marks[0], marks[1:]
    tone = "".join(m for m in rest if m in TONE_MARKS)
    shape = "".join(m for m in rest if m not in TONE_MARKS)
    if base not in "aeouy" or len(tone) > 1:
        return None
    if shape == "":
        return base + _VNI_TONE_MARKS[tone] if tone else None
    if shape == _CIRCUMFLEX and base in "aeo":
        return base + _VNI_CIRCUMFLEX_MARKS[tone]
    if shape == _BREVE and base == "a":
        return base + _VNI_BREVE_MARKS[tone]
    if shape == _HORN and base in "ou" and tone:
        return _VNI_WHOLE_LETTERS[_compose(base, _HORN)] + _VNI_TONE_MARKS[tone]
    return None


def _lower_vietnamese_letters() -> list[str]:
    """The 67 lower-case non-ASCII Vietnamese letters (66 vowels and đ)."""
    letters = ["đ"]
    for base in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"):
        if not base.isascii():
            letters.append(base)
        letters.extend(_compose(base, tone) for tone in _TCVN3_TONE_ORDER)
    return letters


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    """VNI spelling -> Unicode letter, split into one- and two-character spellings.

    Besides the canonical spellings, a capital base with a small mark ("Aø")
    or the reverse is accepted (the base decides the case), and "yï" is
    accepted for ỵ, because hand-edited sheets contain such mixtures.
    """
    singles: dict[str, str] = {}
    pairs: dict[str, str] = {}
    for letter in _lower_vietnamese_letters():
        spelling = _vni_spelling(letter)
        if spelling is None:  # pragma: no cover - guarded by the tests
            raise AssertionError(f"no VNI spelling for {letter!r}")
        for base_case, mark_case, result in (
            (str.lower, str.lower, letter),
            (str.upper, str.upper, letter.upper()),
            (str.upper, str.lower, letter.upper()),
            (str.lower, str.upper, letter),
        ):
            if len(spelling) == 1:
                singles[base_case(spelling)] = result
            else:
                pairs[base_case(spelling[0]) + mark_case(spelling[1:])] = result
    for base, mark, result in (("y", "ï", "ỵ"), ("Y", "Ï", "Ỵ"), ("Y", "ï", "Ỵ"), ("y", "Ï", "ỵ")):
        pairs.setdefault(base + mark, result)
    return singles, pairs


VNI_SINGLES, VNI_PAIRS = _build_vni()
VNI_CODES: Final = frozenset("".join(VNI_SINGLES) + "".join(VNI_PAIRS)) - frozenset("aeouyAEOUY")
TCVN3_CODES: Final = frozenset(TCVN3)
