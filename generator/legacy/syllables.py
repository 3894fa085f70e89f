"""Whether a word is a well-formed Vietnamese syllable: the test that tells a legacy text from
ordinary text, on both sides of a conversion."""

from __future__ import annotations

import unicodedata
from typing import Final

from generator.legacy.tables import ACUTE, DOT, TONE_MARKS

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
            "",
            "b",
            "c",
            "ch",
            "d",
            "đ",
            "g",
            "gh",
            "gi",
            "h",
            "k",
            "kh",
            "l",
            "m",
            "n",
            "ng",
            "ngh",
            "nh",
            "p",
            "ph",
            "qu",
            "r",
            "s",
            "t",
            "th",
            "tr",
            "v",
            "x",
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


def could_be_syllable(word: str) -> bool:
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
        if char in TONE_MARKS and letters:
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
        rhyme = bare[len(initial) :]
        if initial == "gi" and rhyme == "":
            rhyme_ok, positions = True, frozenset({-1})  # gì: the tone sits on the i
        else:
            rhyme_ok = rhyme in _RHYMES and _spelling_allowed(initial, rhyme)
            positions = _tone_positions(rhyme) if rhyme_ok else frozenset()
        if not rhyme_ok:
            continue
        if tones and tones[0][0] - len(initial) not in positions:
            continue
        if strict_tone and rhyme.endswith(_STOP_FINALS) and not (tones and tones[0][1] in (ACUTE, DOT)):
            continue
        return True
    return False
