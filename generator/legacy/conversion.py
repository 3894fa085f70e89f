"""Converting TCVN3 and VNI text to Unicode, word by word."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from generator.legacy.syllables import is_vietnamese_syllable
from generator.legacy.tables import (
    TCVN3,
    TCVN3_ALIASES,
    TCVN3_CODES,
    TCVN3_LOWER_LETTERS,
    TCVN3_TONED,
    TCVN3_UPPER_LETTERS,
    VNI_CODES,
    VNI_PAIRS,
    VNI_SINGLES,
)

# --------------------------------------------------------------------------
# Conversion.  Both encodings are converted word by word: a "word" is a run of
# letters and code characters (several TCVN3 codes, such as ¸ or §, are not
# letters to Unicode).  Each word converter also reports whether every
# non-ASCII character was a code of the encoding, which the detector needs.


_ANY_CODE: Final = TCVN3_CODES | VNI_CODES


def _is_word_char(char: str) -> bool:
    return char.isalpha() or char in _ANY_CODE


def _segments(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into (chunk, is_word) runs.

    Words are cut with the codes of *both* encodings, so that VNI sees
    "§¶NG" as one word with two characters it cannot read, rather than as
    "NG" between two punctuation marks, and gives up on it.
    """
    out: list[tuple[str, bool]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _is_word_char(text[index]) != _is_word_char(text[start]):
            out.append((text[start:index], _is_word_char(text[start])))
            start = index
    return out


_O_HORN_FAMILY: Final = frozenset("ơờởỡớợ")


def _restore_lost_u_horn(word: str) -> str:
    """Put back the ư that TCVN3 stores as a soft hyphen when it was lost.

    TCVN3 codes ư as U+00AD, which Excel and copy-paste routinely drop, so
    "Tr\xadêng" (Trường) arrives as "Trêng", read "Trờng".  ơ before ng, c
    or u is not Vietnamese (only ương, ước, ượu are), so there the ư is
    certainly missing.  Elsewhere (ơi, ơn, ...) both readings are real words
    and nothing is changed.
    """
    out: list[str] = []
    lowered = word.lower()
    for index, char in enumerate(word):
        if lowered[index] in _O_HORN_FAMILY:
            previous = lowered[index - 1] if index else ""
            if previous not in ("u", "ư") and lowered[index + 1 :] in ("ng", "c", "u"):
                out.append("Ư" if char.isupper() else "ư")
        out.append(char)
    return "".join(out)


_TCVN3_TONED_CODES: Final = frozenset("".join(TCVN3_TONED.values())) | frozenset(TCVN3_ALIASES)


def _tcvn3_word_case(word: str) -> bool | None:
    """True: written in capitals; False: not; None: the word alone cannot tell.

    Only ASCII letters and the codes of Ă Â Ê Ô Ơ Ư Đ / ă â ê ô ơ ư đ carry
    a case in TCVN3; the toned-vowel codes do not.  A capital after the
    first letter ("ñY", Ủy or ỦY) means capitals; a single leading capital
    ("X·") may be either.
    """
    upper: list[int] = []
    for index, char in enumerate(word):
        if char in TCVN3_LOWER_LETTERS or (char.isascii() and char.islower()):
            return False
        if char in TCVN3_UPPER_LETTERS or (char.isascii() and char.isupper()):
            upper.append(index)
    if len(upper) >= 2 or any(index > 0 for index in upper):
        return True
    return None


def _tcvn3_raw_word(word: str) -> tuple[str, bool]:
    """One TCVN3 word to Unicode in small letters, and whether every non-ASCII char was a code."""
    chars: list[str] = []
    complete = True
    for char in word:
        if char in TCVN3:
            chars.append(TCVN3[char])
        else:
            chars.append(char)
            complete = complete and char.isascii()
    return _restore_lost_u_horn("".join(chars)), complete


def _tcvn3_capitals(words: Sequence[str], converted: Sequence[str]) -> list[bool]:
    """Which words of a TCVN3 text are written in capitals.

    A word that cannot tell by itself ("VÖ", "X·") is in capitals when the
    nearest word that can, on either side, is ("§¶NG ñY X· B" is "ĐẢNG ỦY XÃ
    B", "BÝ TH¦" is "BÍ THƯ"), otherwise capitalised ("VÖ sinh" is "Vệ
    sinh").  A toned vowel that begins a word is small ("ñy ban" is "ủy
    ban"): that is what the TCVN3 font showed, as it has no capital Ủ.  Only
    capitals that look like words count, those with a toned vowel or a
    syllable of three letters or more: abbreviations (KH, §U, LHPN) sit in
    ordinary sentences too, "Sè 11-KH/§U" is "Số 11-KH/ĐU".
    """
    own = [_tcvn3_word_case(word) for word in words]
    signal: list[bool | None] = []
    for word, unicode_word, case in zip(words, converted, own, strict=True):
        wordlike = any(c in _TCVN3_TONED_CODES for c in word) or (len(unicode_word) >= 3 and is_vietnamese_syllable(unicode_word))
        signal.append(False if case is False else (True if case and wordlike else None))
    result: list[bool] = []
    for index, case in enumerate(own):
        if case is not None:
            result.append(case)
            continue
        before = next((c for c in reversed(signal[:index]) if c is not None), None)
        after = next((c for c in signal[index + 1 :] if c is not None), None)
        result.append(before is True or after is True)
    return result


def _tcvn3_words(words: Sequence[str]) -> list[tuple[str, bool]]:
    raw = [_tcvn3_raw_word(word) for word in words]
    capitals = _tcvn3_capitals(words, [unicode_word for unicode_word, _ in raw])
    return [
        (unicode_word.upper() if caps else unicode_word, complete)
        for (unicode_word, complete), caps in zip(raw, capitals, strict=True)
    ]


def _vni_word(word: str) -> tuple[str, bool]:
    """One VNI word to Unicode, and whether every non-ASCII char was consumed."""
    out: list[str] = []
    complete = True
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        if pair in VNI_PAIRS:
            out.append(VNI_PAIRS[pair])
            index += 2
            continue
        char = word[index]
        if char in VNI_SINGLES:
            out.append(VNI_SINGLES[char])
        else:
            out.append(char)
            complete = complete and char.isascii()
        index += 1
    return "".join(out), complete


def _vni_words(words: Sequence[str]) -> list[tuple[str, bool]]:
    return [_vni_word(word) for word in words]


@dataclass(frozen=True)
class Encoding:
    """What the converter and the detector need to know of one encoding."""

    name: str
    codes: frozenset[str]
    # all the words of one text -> (Unicode word, every char was a code);
    # the whole text is passed because TCVN3 case depends on the neighbours
    convert_words: Callable[[Sequence[str]], list[tuple[str, bool]]]


TCVN3_ENCODING: Final = Encoding("TCVN3", TCVN3_CODES, _tcvn3_words)
VNI_ENCODING: Final = Encoding("VNI", VNI_CODES, _vni_words)


def convert_segments(text: str, encoding: Encoding) -> list[tuple[str, str, bool, bool]]:
    """(original chunk, converted chunk, is_word, complete) for each run of ``text``."""
    # a run of symbols that are no letters of this encoding ("×" to VNI) is punctuation
    segments = [(chunk, is_word and any(c.isalpha() or c in encoding.codes for c in chunk)) for chunk, is_word in _segments(text)]
    converted = iter(encoding.convert_words([chunk for chunk, is_word in segments if is_word]))
    out: list[tuple[str, str, bool, bool]] = []
    for chunk, is_word in segments:
        if is_word:
            unicode_word, complete = next(converted)
            out.append((chunk, unicode_word, True, complete))
        else:
            out.append((chunk, chunk, False, True))
    return out


def _convert(text: str, encoding: Encoding) -> str:
    parts = [converted for _, converted, _, _ in convert_segments(text, encoding)]
    return unicodedata.normalize("NFC", "".join(parts))


def tcvn3_to_unicode(text: str) -> str:
    """Unicode (NFC) form of text typed with a TCVN3 (ABC) font.

    Characters that are not TCVN3 codes are kept.  Capitals among the toned
    vowels, which TCVN3 cannot mark, are recovered from the surrounding
    letters (see ``_tcvn3_capitals``), and an ư lost with its soft hyphen is
    put back where the spelling demands it.
    """
    return _convert(text, TCVN3_ENCODING)


def vni_to_unicode(text: str) -> str:
    """Unicode (NFC) form of text typed with a VNI-Windows font.

    A mark character that does not follow a letter it can modify is kept
    as it is.
    """
    return _convert(text, VNI_ENCODING)
