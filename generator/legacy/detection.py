"""Deciding whether a text is legacy-encoded: sceptical, answering only when exactly one encoding
turns it into Vietnamese syllables."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.legacy.conversion import TCVN3_ENCODING, VNI_ENCODING, Encoding, convert_segments
from generator.legacy.syllables import could_be_syllable, is_vietnamese_syllable


@dataclass(frozen=True)
class LegacyText:
    """A text recognised as legacy-encoded, with its Unicode form.

    ``encoding`` is kept so that a caller can tell the clerk *why* a cell was
    rewritten ("typed with a TCVN3 font") instead of changing it silently.
    """

    encoding: str  # "TCVN3" or "VNI"
    converted: str  # the Unicode (NFC) text


# --------------------------------------------------------------------------
# Detection.


def _is_genuine_unicode_vietnamese(char: str) -> bool:
    """Letters that no legacy text read as Latin-1 can contain.

    Legacy bytes become characters below U+0100 (plus μ); ă đ ĩ ũ ơ ư, the
    Latin Extended Additional letters and combining marks only appear in text
    that was typed in Unicode.
    """
    code = ord(char)
    return char in "ăĂđĐĩĨũŨơƠưƯ" or 0x1EA0 <= code <= 0x1EF9 or unicodedata.combining(char) != 0


def _is_d_abbreviation(word: str) -> bool:
    """Abbreviations with Đ, common in office text: HĐND, VPĐU, ĐU, đ/c.

    They are not syllables but convert correctly and must not make the
    detector give up.  At most one vowel, so that Spanish capitals such as
    "PEÑA" (VNI "PEĐA") are not taken for one.
    """
    if word in ("đ", "Đ"):
        return True
    return "Đ" in word and all(c == "Đ" or (c.isascii() and c.isupper()) for c in word) and sum(c in "AEIOUY" for c in word) <= 1


def _attempt(text: str, encoding: Encoding) -> str | None:
    """The conversion of ``text`` if it is convincing, else None.

    Convincing means: every non-ASCII word consists of codes of the
    encoding and becomes a Vietnamese syllable (or an abbreviation with Đ,
    such as HĐND); at least one of those words
    could not be Vietnamese as it stands, even allowing for a forgotten tone
    (so ordinary text that merely uses Latin-1 letters, "Lê", "bé", or a
    typo such as "Tôt", is left alone); and at least one changed word
    contains an ASCII letter (so stray symbols such as "3×4" or a lone "ñ"
    are not taken as evidence).  Pure-ASCII words (codes such as "THCS",
    English) are not judged.
    """
    parts: list[str] = []
    broken_before = 0
    evidence = 0
    for chunk, converted, is_word, complete in convert_segments(text, encoding):
        parts.append(converted)
        if not is_word or chunk.isascii():
            continue
        if not complete or not (is_vietnamese_syllable(converted) or _is_d_abbreviation(converted)):
            return None
        if not could_be_syllable(chunk):
            broken_before += 1
        if converted != chunk and any(c.isascii() and c.isalpha() for c in chunk):
            evidence += 1
    if broken_before == 0 or evidence == 0:
        return None
    return unicodedata.normalize("NFC", "".join(parts))


# A quick test for the common case: most Vietnamese cells hold one of these.
_GENUINE_UNICODE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u036f]")


@functools.lru_cache(maxsize=1 << 16)
def detect_legacy(text: str) -> LegacyText | None:
    """The text's Unicode form when it looks typed in TCVN3 or VNI; None when it is ordinary text.

    The answer is given only when exactly one encoding turns the text into
    Vietnamese syllables (see ``_attempt``) and the text holds no letter
    that only Unicode can produce.  When both encodings fit (a short cell
    such as "VÖ" is "Vệ" in TCVN3 and "VƯ" in VNI) the text is ambiguous and
    the answer is None: leaving a cell unchanged is better than a wrong guess.
    """
    if not text or text.isascii() or _GENUINE_UNICODE.search(text):
        return None
    if any(_is_genuine_unicode_vietnamese(char) for char in text):
        return None
    found = {
        encoding.name: converted
        for encoding in (TCVN3_ENCODING, VNI_ENCODING)
        if (converted := _attempt(text, encoding)) is not None
    }
    if len(found) != 1:
        return None
    ((name, converted),) = found.items()
    return LegacyText(encoding=name, converted=converted)
