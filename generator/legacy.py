"""Recognise and repair Vietnamese typed with the legacy 8-bit fonts TCVN3 and VNI.

Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3 (the "ABC"
fonts, .VnTime, .VnArial ...) and VNI-Windows (VNI-Times, VNI-Helve ...).  The
file stores plain bytes and only the font draws them as Vietnamese letters, so
when such a sheet is read as Unicode the cells hold the Latin-1/CP1252
characters of those bytes: TCVN3 "Lµng DÞa" and VNI "Laøng Dòa" both mean
"Làng Dịa".  Names typed that way never match the names of a Unicode sheet.

This module is pure (no I/O):

* ``tcvn3_to_unicode`` and ``vni_to_unicode`` convert text the caller already
  knows to be in that encoding;
* ``detect_legacy`` decides whether a text looks legacy-encoded and, if so,
  returns its Unicode form.  Most Latin-1 letters (à, ê, ô, ...) are also
  ordinary Vietnamese Unicode letters, so the detector must be sceptical: it
  answers only when the text cannot be ordinary Vietnamese and its conversion
  reads as Vietnamese syllables throughout; otherwise it returns ``None``.

Both conversion tables are built from data (letter family x tone) rather than
typed out letter by letter, and tests/test_legacy.py checks them by encoding
every Vietnamese letter back with an independently written encoder.
"""

from __future__ import annotations

import functools
import re

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "LegacyText",
    "detect_legacy",
    "is_vietnamese_syllable",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]


@dataclass(frozen=True)
class LegacyText:
    """A text recognised as legacy-encoded, with its Unicode form.

    ``encoding`` is kept so that a caller can tell the clerk *why* a cell was
    rewritten ("typed with a TCVN3 font") instead of changing it silently.
    """

    encoding: str  # "TCVN3" or "VNI"
    converted: str  # the Unicode (NFC) text


# --------------------------------------------------------------------------
# Marks.  Vietnamese letters are a base letter, at most one "shape" mark
# (circumflex, breve, horn) and at most one tone mark; composing them with
# NFC gives the precomposed letter, which lets us derive tables instead of
# typing 134 letters by hand.

_GRAVE: Final = "\u0300"  # huyền
_ACUTE: Final = "\u0301"  # sắc
_TILDE: Final = "\u0303"  # ngã
_HOOK: Final = "\u0309"  # hỏi
_DOT: Final = "\u0323"  # nặng
_TONE_MARKS: Final = frozenset({_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT})
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

_TCVN3_TONE_ORDER: Final = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)

_TCVN3_TONED: Final[Mapping[str, str]] = {
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

_TCVN3_UPPER_LETTERS: Final[Mapping[str, str]] = {
    "\u00a1": "Ă",  # ¡
    "\u00a2": "Â",  # ¢
    "\u00a3": "Ê",  # £
    "\u00a4": "Ô",  # ¤
    "\u00a5": "Ơ",  # ¥
    "\u00a6": "Ư",  # ¦
    "\u00a7": "Đ",  # §
}

_TCVN3_LOWER_LETTERS: Final[Mapping[str, str]] = {
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
_TCVN3_ALIASES: Final[Mapping[str, str]] = {"\u03bc": "\u00b5"}


def _build_tcvn3() -> dict[str, str]:
    """Code character -> Unicode letter (toned vowels in lower case)."""
    table: dict[str, str] = {}
    for base, codes in _TCVN3_TONED.items():
        for tone, code in zip(_TCVN3_TONE_ORDER, codes, strict=True):
            table[code] = _compose(base, tone)
    table.update(_TCVN3_UPPER_LETTERS)
    table.update(_TCVN3_LOWER_LETTERS)
    for alias, code in _TCVN3_ALIASES.items():
        table[alias] = table[code]
    return table


_TCVN3: Final[Mapping[str, str]] = _build_tcvn3()

# --------------------------------------------------------------------------
# VNI-Windows.
#
# A letter is a base letter followed by one mark character; the marks for
# capitals are the upper-case forms of those for small letters ("aø" à,
# "AØ" À).  ơ ư đ are single characters (ô ö ñ), and so are the toned i's
# and ỵ, which the fonts draw whole.

_VNI_TONE_MARKS: Final[Mapping[str, str]] = {
    _GRAVE: "ø", _ACUTE: "ù", _HOOK: "û", _TILDE: "õ", _DOT: "ï",
}
_VNI_CIRCUMFLEX_MARKS: Final[Mapping[str, str]] = {
    "": "â", _GRAVE: "à", _ACUTE: "á", _HOOK: "å", _TILDE: "ã", _DOT: "ä",
}
_VNI_BREVE_MARKS: Final[Mapping[str, str]] = {
    "": "ê", _GRAVE: "è", _ACUTE: "é", _HOOK: "ú", _TILDE: "ü", _DOT: "ë",
}
# Unicode base letter (toneless) -> its VNI spelling, for the letters that
# take a following tone mark.
_VNI_TONED_BASES: Final[Mapping[str, str]] = {
    "a": "a", "â": "a", "ă": "a", "e": "e", "ê": "e", "o": "o", "ô": "o",
    "ơ": "ô", "u": "u", "ư": "ö", "y": "y",
}
_VNI_WHOLE_LETTERS: Final[Mapping[str, str]] = {
    "ơ": "ô", "ư": "ö", "đ": "ñ",
    "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
}


def _vni_spelling(letter: str) -> str | None:
    """The VNI spelling of one lower-case Vietnamese letter (None: not Vietnamese)."""
    if letter in _VNI_WHOLE_LETTERS:
        return _VNI_WHOLE_LETTERS[letter]
    marks = unicodedata.normalize("NFD", letter)
    base, rest = marks[0], marks[1:]
    tone = "".join(m for m in rest if m in _TONE_MARKS)
    shape = "".join(m for m in rest if m not in _TONE_MARKS)
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


_VNI_SINGLES, _VNI_PAIRS = _build_vni()
_VNI_CODES: Final = frozenset("".join(_VNI_SINGLES) + "".join(_VNI_PAIRS)) - frozenset(
    "aeouyAEOUY"
)
_TCVN3_CODES: Final = frozenset(_TCVN3)

# --------------------------------------------------------------------------
# Vietnamese syllables.  A syllable is an optional initial consonant and a
# rhyme (medial, nucleus, final); the stop finals c ch p t only carry the
# acute or dot tone.  The lists follow the standard spelling (Quốc ngữ), with
# two loan rhymes (uyn, uyp).  The rare loans oong, ooc (xoong, soóc) are left
# out on purpose: with them VNI "Thoâng" (Thông) also reads as TCVN3
# "Thoõng", and a text that fits both encodings gets no answer.

_INITIALS: Final = tuple(
    sorted(
        (
            "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m",
            "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
        ),
        key=len,
        reverse=True,
    )
)

_RHYMES: Final = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uân uâng uât uây uê uêch uênh uơ
    uôc uôi uôm uôn uông uôt
    uy uya uych uyên uyêt uyn uynh uyp uyt uyu
    ư ưa ưc ưi ưm ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """.split()
)

_STOP_FINALS: Final = ("c", "ch", "p", "t")
_FRONT_VOWELS: Final = ("i", "e", "ê", "y")


def _spelling_allowed(initial: str, rhyme: str) -> bool:
    """Quốc ngữ spelling rules that tell real syllables from look-alikes."""
    front = rhyme.startswith(_FRONT_VOWELS)
    if initial in ("k", "gh", "ngh"):
        return front
    if initial in ("c", "ng"):
        return not front
    if initial == "g":
        return not rhyme.startswith(("e", "ê", "y"))
    if initial == "qu":
        return not rhyme.startswith(("u", "o"))
    return True


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (any case, NFC or NFD) is a well-formed Vietnamese syllable.

    Used on both sides of a conversion: legacy text read as Unicode is full of
    non-syllables ("Lµng", "Laøng"), and a correct conversion yields syllables
    only ("Làng").  The check is spelling, not a dictionary, so it accepts
    some syllables nobody uses; that is fine for telling encodings apart.
    """
    return _syllable(word, strict_tone=True)


def _could_be_syllable(word: str) -> bool:
    """Like ``is_vietnamese_syllable`` but forgiving a missing tone on c, ch, p, t.

    Used on the text as it stands: "Tôt" is a clerk's "Tốt" without its
    tone, not a TCVN3 "Tụt", and must not count as evidence of a legacy font.
    A tone on the wrong vowel is not forgiven: VNI "xaõ" (xã) reads as
    "xao" with a tilde on the o, which no keyboard produces.
    """
    return _syllable(word, strict_tone=False)


_VOWELS: Final = frozenset("aăâeêioôơuưy")


def _tone_positions(rhyme: str) -> frozenset[int]:
    """Where the tone mark may sit in ``rhyme`` (indices into it).

    On the vowel with a circumflex, breve or horn (ơ of ươ); else on the
    last vowel before a final consonant; else on the first vowel of an open
    diphthong (mái, mùa) or the middle one of a triphthong (ngoài, khuỷu),
    with oa, oe, uy taking either place (hòa and hoà are both in use).
    """
    vowels = ""
    for char in rhyme:
        if char not in _VOWELS:
            break
        vowels += char
    shaped = [index for index, char in enumerate(vowels) if char in "ăâêôơ"]
    if shaped:
        return frozenset({shaped[-1]})
    if "ư" in vowels:
        return frozenset({vowels.index("ư")})
    if len(rhyme) > len(vowels) or len(vowels) == 1:
        return frozenset({len(vowels) - 1})
    if len(vowels) == 2:
        return frozenset({0, 1}) if vowels in ("oa", "oe", "uy") else frozenset({0})
    return frozenset({1})


def _syllable(word: str, *, strict_tone: bool) -> bool:
    """Spelling check shared by the strict and the forgiving variant."""
    letters: list[str] = []  # toneless letters, one per base character
    tones: list[tuple[int, str]] = []  # (letter index, tone mark)
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONE_MARKS and letters:
            tones.append((len(letters) - 1, char))
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    bare_letters = [unicodedata.normalize("NFC", letter) for letter in letters]
    if len(tones) > 1 or any(len(letter) != 1 for letter in bare_letters):
        return False
    bare = "".join(bare_letters)
    for initial in _INITIALS:
        if not bare.startswith(initial):
            continue
        rhyme = bare[len(initial):]
        if initial == "gi" and rhyme == "":
            rhyme_ok, positions = True, frozenset({-1})  # gì: the tone sits on the i
        else:
            rhyme_ok = rhyme in _RHYMES and _spelling_allowed(initial, rhyme)
            positions = _tone_positions(rhyme) if rhyme_ok else frozenset()
        if not rhyme_ok:
            continue
        if tones and tones[0][0] - len(initial) not in positions:
            continue
        if (
            strict_tone
            and rhyme.endswith(_STOP_FINALS)
            and not (tones and tones[0][1] in (_ACUTE, _DOT))
        ):
            continue
        return True
    return False


# --------------------------------------------------------------------------
# Conversion.  Both encodings are converted word by word: a "word" is a run of
# letters and code characters (several TCVN3 codes, such as ¸ or §, are not
# letters to Unicode).  Each word converter also reports whether every
# non-ASCII character was a code of the encoding, which the detector needs.


_ANY_CODE: Final = _TCVN3_CODES | _VNI_CODES


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
            if previous not in ("u", "ư") and lowered[index + 1:] in ("ng", "c", "u"):
                out.append("Ư" if char.isupper() else "ư")
        out.append(char)
    return "".join(out)


_TCVN3_TONED_CODES: Final = frozenset("".join(_TCVN3_TONED.values())) | frozenset(_TCVN3_ALIASES)


def _tcvn3_word_case(word: str) -> bool | None:
    """True: written in capitals; False: not; None: the word alone cannot tell.

    Only ASCII letters and the codes of Ă Â Ê Ô Ơ Ư Đ / ă â ê ô ơ ư đ carry
    a case in TCVN3; the toned-vowel codes do not.  A capital after the
    first letter ("ñY", Ủy or ỦY) means capitals; a single leading capital
    ("X·") may be either.
    """
    upper: list[int] = []
    for index, char in enumerate(word):
        if char in _TCVN3_LOWER_LETTERS or (char.isascii() and char.islower()):
            return False
        if char in _TCVN3_UPPER_LETTERS or (char.isascii() and char.isupper()):
            upper.append(index)
    if len(upper) >= 2 or any(index > 0 for index in upper):
        return True
    return None


def _tcvn3_raw_word(word: str) -> tuple[str, bool]:
    """One TCVN3 word to Unicode in small letters, and whether every non-ASCII char was a code."""
    chars: list[str] = []
    complete = True
    for char in word:
        if char in _TCVN3:
            chars.append(_TCVN3[char])
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
        wordlike = any(c in _TCVN3_TONED_CODES for c in word) or (
            len(unicode_word) >= 3 and is_vietnamese_syllable(unicode_word)
        )
        signal.append(False if case is False else (True if case and wordlike else None))
    result: list[bool] = []
    for index, case in enumerate(own):
        if case is not None:
            result.append(case)
            continue
        before = next((c for c in reversed(signal[:index]) if c is not None), None)
        after = next((c for c in signal[index + 1:] if c is not None), None)
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
        pair = word[index:index + 2]
        if pair in _VNI_PAIRS:
            out.append(_VNI_PAIRS[pair])
            index += 2
            continue
        char = word[index]
        if char in _VNI_SINGLES:
            out.append(_VNI_SINGLES[char])
        else:
            out.append(char)
            complete = complete and char.isascii()
        index += 1
    return "".join(out), complete


def _vni_words(words: Sequence[str]) -> list[tuple[str, bool]]:
    return [_vni_word(word) for word in words]


@dataclass(frozen=True)
class _Encoding:
    """What the converter and the detector need to know of one encoding."""

    name: str
    codes: frozenset[str]
    # all the words of one text -> (Unicode word, every char was a code);
    # the whole text is passed because TCVN3 case depends on the neighbours
    convert_words: Callable[[Sequence[str]], list[tuple[str, bool]]]


_TCVN3_ENCODING: Final = _Encoding("TCVN3", _TCVN3_CODES, _tcvn3_words)
_VNI_ENCODING: Final = _Encoding("VNI", _VNI_CODES, _vni_words)


def _convert_segments(text: str, encoding: _Encoding) -> list[tuple[str, str, bool, bool]]:
    """(original chunk, converted chunk, is_word, complete) for each run of ``text``."""
    # a run of symbols that are no letters of this encoding ("×" to VNI) is punctuation
    segments = [
        (chunk, is_word and any(c.isalpha() or c in encoding.codes for c in chunk))
        for chunk, is_word in _segments(text)
    ]
    converted = iter(encoding.convert_words([chunk for chunk, is_word in segments if is_word]))
    out: list[tuple[str, str, bool, bool]] = []
    for chunk, is_word in segments:
        if is_word:
            unicode_word, complete = next(converted)
            out.append((chunk, unicode_word, True, complete))
        else:
            out.append((chunk, chunk, False, True))
    return out


def _convert(text: str, encoding: _Encoding) -> str:
    parts = [converted for _, converted, _, _ in _convert_segments(text, encoding)]
    return unicodedata.normalize("NFC", "".join(parts))


def tcvn3_to_unicode(text: str) -> str:
    """Unicode (NFC) form of text typed with a TCVN3 (ABC) font.

    Characters that are not TCVN3 codes are kept.  Capitals among the toned
    vowels, which TCVN3 cannot mark, are recovered from the surrounding
    letters (see ``_tcvn3_capitals``), and an ư lost with its soft hyphen is
    put back where the spelling demands it.
    """
    return _convert(text, _TCVN3_ENCODING)


def vni_to_unicode(text: str) -> str:
    """Unicode (NFC) form of text typed with a VNI-Windows font.

    A mark character that does not follow a letter it can modify is kept
    as it is.
    """
    return _convert(text, _VNI_ENCODING)


# --------------------------------------------------------------------------
# Detection.


def _is_genuine_unicode_vietnamese(char: str) -> bool:
    """Letters that no legacy text read as Latin-1 can contain.

    Legacy bytes become characters below U+0100 (plus μ); ă đ ĩ ũ ơ ư, the
    Latin Extended Additional letters and combining marks only appear in text
    that was typed in Unicode.
    """
    code = ord(char)
    return (
        char in "ăĂđĐĩĨũŨơƠưƯ"
        or 0x1EA0 <= code <= 0x1EF9
        or unicodedata.combining(char) != 0
    )


def _is_d_abbreviation(word: str) -> bool:
    """Abbreviations with Đ, common in office text: HĐND, VPĐU, ĐU, đ/c.

    They are not syllables but convert correctly and must not make the
    detector give up.  At most one vowel, so that Spanish capitals such as
    "PEÑA" (VNI "PEĐA") are not taken for one.
    """
    if word in ("đ", "Đ"):
        return True
    return (
        "Đ" in word
        and all(c == "Đ" or (c.isascii() and c.isupper()) for c in word)
        and sum(c in "AEIOUY" for c in word) <= 1
    )


def _attempt(text: str, encoding: _Encoding) -> str | None:
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
    for chunk, converted, is_word, complete in _convert_segments(text, encoding):
        parts.append(converted)
        if not is_word or chunk.isascii():
            continue
        if not complete or not (
            is_vietnamese_syllable(converted) or _is_d_abbreviation(converted)
        ):
            return None
        if not _could_be_syllable(chunk):
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
        for encoding in (_TCVN3_ENCODING, _VNI_ENCODING)
        if (converted := _attempt(text, encoding)) is not None
    }
    if len(found) != 1:
        return None
    ((name, converted),) = found.items()
    return LegacyText(encoding=name, converted=converted)
