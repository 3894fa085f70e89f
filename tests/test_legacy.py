"""Legacy font encodings (TCVN3, VNI): the conversion tables and the detector.

The tables are checked against encoders written here independently, as
literal tables in a different layout from generator/legacy.py: a slip in
either shows up as a letter that does not come back.  The detector is held to
two promises: it converts the legacy strings a clerk pastes into Excel, and it
leaves ordinary text (Unicode Vietnamese, NFD, ASCII, numbers, other
languages) alone.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.legacy import (
    LegacyText,
    detect_legacy,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    vni_to_unicode,
)

# ---------------------------------------------------------------------------
# Independent Unicode -> legacy encoders.

# TCVN3, in the order of the Vietnamese alphabet and of the tones as taught
# (huyền, sắc, hỏi, ngã, nặng); the module lays its table out differently.
TCVN3_SMALL: dict[str, str] = {
    "à": "µ",
    "á": "¸",
    "ả": "¶",
    "ã": "·",
    "ạ": "¹",
    "ă": "¨",
    "ằ": "»",
    "ắ": "¾",
    "ẳ": "¼",
    "ẵ": "½",
    "ặ": "Æ",
    "â": "©",
    "ầ": "Ç",
    "ấ": "Ê",
    "ẩ": "È",
    "ẫ": "É",
    "ậ": "Ë",
    "đ": "®",
    "è": "Ì",
    "é": "Ð",
    "ẻ": "Î",
    "ẽ": "Ï",
    "ẹ": "Ñ",
    "ê": "ª",
    "ề": "Ò",
    "ế": "Õ",
    "ể": "Ó",
    "ễ": "Ô",
    "ệ": "Ö",
    "ì": "×",
    "í": "Ý",
    "ỉ": "Ø",
    "ĩ": "Ü",
    "ị": "Þ",
    "ò": "ß",
    "ó": "ã",
    "ỏ": "á",
    "õ": "â",
    "ọ": "ä",
    "ô": "«",
    "ồ": "å",
    "ố": "è",
    "ổ": "æ",
    "ỗ": "ç",
    "ộ": "é",
    "ơ": "¬",
    "ờ": "ê",
    "ớ": "í",
    "ở": "ë",
    "ỡ": "ì",
    "ợ": "î",
    "ù": "ï",
    "ú": "ó",
    "ủ": "ñ",
    "ũ": "ò",
    "ụ": "ô",
    "ư": "\u00ad",
    "ừ": "õ",
    "ứ": "ø",
    "ử": "ö",
    "ữ": "÷",
    "ự": "ù",
    "ỳ": "ú",
    "ý": "ý",
    "ỷ": "û",
    "ỹ": "ü",
    "ỵ": "þ",
}
# The only capitals with codes of their own.
TCVN3_CAPITALS: dict[str, str] = {
    "Ă": "¡",
    "Â": "¢",
    "Ê": "£",
    "Ô": "¤",
    "Ơ": "¥",
    "Ư": "¦",
    "Đ": "§",
}


def tcvn3_encode(text: str) -> str:
    """Unicode -> TCVN3; a toned capital gets the code of its small letter, as in the fonts."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in TCVN3_CAPITALS:
            out.append(TCVN3_CAPITALS[char])
        else:
            out.append(TCVN3_SMALL.get(char.lower(), char))
    return "".join(out)


# VNI capitals, one row per letter family, columns: no tone, sắc, huyền, hỏi,
# ngã, nặng.  Small letters are the lower-case of both columns.
VNI_ROWS: dict[str, tuple[str, ...]] = {
    "AÁÀẢÃẠ": ("A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ"),
    "ÂẤẦẨẪẬ": ("AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ"),
    "ĂẮẰẲẴẶ": ("AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË"),
    "EÉÈẺẼẸ": ("E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ"),
    "ÊẾỀỂỄỆ": ("EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ"),
    "IÍÌỈĨỊ": ("I", "Í", "Ì", "Æ", "Ó", "Ò"),
    "OÓÒỎÕỌ": ("O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ"),
    "ÔỐỒỔỖỘ": ("OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ"),
    "ƠỚỜỞỠỢ": ("Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ"),
    "UÚÙỦŨỤ": ("U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ"),
    "ƯỨỪỬỮỰ": ("Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ"),
    "YÝỲỶỸỴ": ("Y", "YÙ", "YØ", "YÛ", "YÕ", "Î"),
}
VNI: dict[str, str] = {"Đ": "Ñ", "đ": "ñ"}
for _letters, _codes in VNI_ROWS.items():
    for _letter, _code in zip(_letters, _codes, strict=True):
        VNI[_letter] = _code
        VNI[_letter.lower()] = _code.lower()


def vni_encode(text: str) -> str:
    """Unicode -> VNI-Windows."""
    return "".join(VNI.get(char, char) for char in unicodedata.normalize("NFC", text))


# Every Vietnamese letter that is not ASCII: 66 vowels in each case, đ and Đ.
VIETNAMESE_LETTERS: list[str] = [
    letter for letters in VNI_ROWS for letter in letters + letters.lower() if not letter.isascii()
] + ["đ", "Đ"]
SMALL_LETTERS = [letter for letter in VIETNAMESE_LETTERS if letter.islower()]
CAPITAL_LETTERS = [letter for letter in VIETNAMESE_LETTERS if letter.isupper()]


def test_the_alphabet_has_134_letters() -> None:
    assert len(set(VIETNAMESE_LETTERS)) == 134
    assert all(unicodedata.is_normalized("NFC", letter) and len(letter) == 1 for letter in VIETNAMESE_LETTERS)
    assert set(TCVN3_SMALL) == set(SMALL_LETTERS)


# ---------------------------------------------------------------------------
# Round trips of the tables.


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_vni_round_trip_of_every_letter(letter: str) -> None:
    assert vni_to_unicode(vni_encode(letter)) == letter
    # inside a word as well, where a mark must attach to the right base
    word = f"x{letter}n"
    assert vni_to_unicode(vni_encode(word)) == word


@pytest.mark.parametrize("letter", SMALL_LETTERS + list(TCVN3_CAPITALS))
def test_tcvn3_round_trip_of_letters_with_their_own_code(letter: str) -> None:
    assert tcvn3_to_unicode(tcvn3_encode(letter)) == letter
    word = f"x{letter}x" if letter.islower() else f"X{letter}X"
    assert tcvn3_to_unicode(tcvn3_encode(word)) == word


@pytest.mark.parametrize("letter", [c for c in CAPITAL_LETTERS if c not in TCVN3_CAPITALS])
def test_tcvn3_round_trip_of_toned_capitals_in_a_capital_word(letter: str) -> None:
    """TCVN3 has no codes for toned capitals; the case comes from the word around them."""
    assert tcvn3_encode(letter) == tcvn3_encode(letter.lower())
    word = f"X{letter}X"
    assert tcvn3_to_unicode(tcvn3_encode(word)) == word
    assert tcvn3_to_unicode(tcvn3_encode(letter)) == letter.lower()


def test_whole_alphabet_round_trips_in_one_string() -> None:
    text = " ".join(VIETNAMESE_LETTERS)
    assert vni_to_unicode(vni_encode(text)) == text
    small = " ".join(SMALL_LETTERS)
    assert tcvn3_to_unicode(tcvn3_encode(small)) == small


def test_every_legacy_code_is_understood() -> None:
    """Each code of the independent tables converts to a Vietnamese letter."""
    for code in list(TCVN3_SMALL.values()) + list(TCVN3_CAPITALS.values()):
        assert tcvn3_to_unicode(code) in VIETNAMESE_LETTERS, repr(code)
    for letter, code in VNI.items():
        assert vni_to_unicode(code) == letter


# ---------------------------------------------------------------------------
# The detector on legacy text.

LEGACY: list[tuple[str, str, str]] = [
    # (as it arrives in Excel, encoding, Unicode)
    ("Lμng DÞa", "TCVN3", "Làng Dịa"),  # µ after NFKC became Greek μ
    ("Lµng DÞa", "TCVN3", "Làng Dịa"),
    ("Trêng THCS", "TCVN3", "Trường THCS"),  # the soft hyphen of ư was lost
    ("Tr\u00adêng THCS", "TCVN3", "Trường THCS"),
    ("§ång Chïa", "TCVN3", "Đồng Chùa"),
    ("VÖ sinh nhµ v¨n hãa, ®êng th«n", "TCVN3", "Vệ sinh nhà văn hóa, đường thôn"),
    ("Mêng Kh¬ng", "TCVN3", "Mường Khương"),
    ("Héi LHPN x·", "TCVN3", "Hội LHPN xã"),
    ("NguyÔn ThÞ Hoa", "TCVN3", "Nguyễn Thị Hoa"),
    ("¤ng Lª V¨n T¸m", "TCVN3", "Ông Lê Văn Tám"),
    ("¡n uèng", "TCVN3", "Ăn uống"),
    ("¦u tiªn", "TCVN3", "Ưu tiên"),
    ("¥n nghÜa", "TCVN3", "Ơn nghĩa"),
    ("Ng\u00adêi d©n", "TCVN3", "Người dân"),
    ("Tæng sè ®¶ng viªn: 25", "TCVN3", "Tổng số đảng viên: 25"),
    ("Kú häp thø 5", "TCVN3", "Kỳ họp thứ 5"),
    ("TR¦êNG THCS §åNG CHïA", "TCVN3", "TRƯỜNG THCS ĐỒNG CHÙA"),
    ("TRêNG THCS", "TCVN3", "TRƯỜNG THCS"),  # ư lost in a capital word too
    ("§¶NG ñY X· B×NH XA", "TCVN3", "ĐẢNG ỦY XÃ BÌNH XA"),
    ("TT H§ND x· Quang Trung", "TCVN3", "TT HĐND xã Quang Trung"),
    ("Laøng Dòa", "VNI", "Làng Dịa"),
    ("Ñoàng Chuøa", "VNI", "Đồng Chùa"),
    ("ÑOÀNG CHUØA", "VNI", "ĐỒNG CHÙA"),
    ("Tröôøng THCS", "VNI", "Trường THCS"),
    ("TRÖÔØNG THCS", "VNI", "TRƯỜNG THCS"),
    ("Hoäi LHPN xaõ", "VNI", "Hội LHPN xã"),
    ("Nguyeãn Thò Hoa", "VNI", "Nguyễn Thị Hoa"),
    ("Veä sinh nhaø vaên hoùa, ñöôøng thoân", "VNI", "Vệ sinh nhà văn hóa, đường thôn"),
    ("AÊn uoáng", "VNI", "Ăn uống"),
    ("ÔÛ ñaây", "VNI", "Ở đây"),
    ("UÛy ban nhaân daân xaõ", "VNI", "Ủy ban nhân dân xã"),
    ("Ñaëng Vaên Laâm", "VNI", "Đặng Văn Lâm"),
    ("Khuyeán khích, Kyø hoïp thöù 5", "VNI", "Khuyến khích, Kỳ họp thứ 5"),
    ("Xaây döïng noâng thoân môùi", "VNI", "Xây dựng nông thôn mới"),
    ("TT HÑND xaõ", "VNI", "TT HĐND xã"),
]


@pytest.mark.parametrize(("legacy", "encoding", "expected"), LEGACY)
def test_detects_and_converts_legacy_text(legacy: str, encoding: str, expected: str) -> None:
    assert detect_legacy(legacy) == LegacyText(encoding=encoding, converted=expected)


@pytest.mark.parametrize(("legacy", "encoding", "expected"), LEGACY)
def test_the_converter_of_the_encoding_agrees(legacy: str, encoding: str, expected: str) -> None:
    convert = tcvn3_to_unicode if encoding == "TCVN3" else vni_to_unicode
    assert convert(legacy) == expected


@pytest.mark.parametrize(("legacy", "encoding", "expected"), LEGACY)
def test_result_is_nfc(legacy: str, encoding: str, expected: str) -> None:
    found = detect_legacy(legacy)
    assert found is not None
    assert unicodedata.is_normalized("NFC", found.converted)
    assert unicodedata.is_normalized("NFC", tcvn3_to_unicode(legacy))
    assert unicodedata.is_normalized("NFC", vni_to_unicode(legacy))


def test_the_table_above_matches_the_encoders() -> None:
    """The hand-typed legacy strings are what the fonts store (lost soft hyphens aside)."""
    for legacy, encoding, expected in LEGACY:
        if encoding == "VNI":
            assert vni_encode(expected) == legacy
            continue
        stored = legacy.replace("μ", "µ")
        encoded = tcvn3_encode(expected)
        if "\u00ad" not in stored:
            encoded = encoded.replace("\u00ad", "")
        if stored != encoded:  # a capital ư written with the small code, then lost
            assert expected.isupper() and encoded.replace("¦", "") == stored, legacy


# ---------------------------------------------------------------------------
# The detector on ordinary text.

ORDINARY: list[str] = [
    "Trường THCS",
    "Hội LHPN xã",
    "Nguyễn Thị Hoa",
    "Làng Dịa",
    "Đồng Chùa",
    "Vệ sinh nhà văn hóa, đường thôn",
    unicodedata.normalize("NFD", "Trường THCS"),
    unicodedata.normalize("NFD", "Nguyễn Thị Hoa"),
    unicodedata.normalize("NFD", "Làng Dịa"),
    unicodedata.normalize("NFD", "Lê Thị Bé"),
    "DH",
    "THCS",
    "UBND",
    "12345",
    "1.250.000",
    "15/01/2021",
    "",
    "   ",
    "Hello world",
    "Total: 25 km",
    "“Tôi là Lê”",
    "“Trường”",
    "m²",
    "50 m²",
    "§",
    "§ 5",
    "SPEC §4",
    "El Niño",
    "España",
    "señor",
    "ñ",
    "Lê",
    "bé",
    "cà phê",
    "Tô Hà",
    "Ghi chú",
    "Thôn Bên",
    "Café",
    "naïve",
    "Hôtel",
    "Müller",
    "São Paulo",
    "José María",
    "Tôt",  # Tốt without its tone, not TCVN3 "Tụt"
    "3×4 m",
    "a · b",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "VÖ",  # TCVN3 "Vệ" or VNI "VƯ"
        "Sè hé",  # TCVN3 "Số hộ", but also plain "sè hé"
    ],
)
def test_ambiguous_text_gets_no_answer(text: str) -> None:
    assert detect_legacy(text) is None


# ---------------------------------------------------------------------------
# Properties.

# Real Vietnamese words, many of them made of Latin-1 letters only (the ones a
# careless detector would take for legacy codes).
WORDS: list[str] = """
làng dịa trường đồng chùa hội xã nguyễn thị hoa vệ sinh nhà văn hóa hoá đường
thôn lê bé cá phê cà tôi là có và mà ở ạ ý bà mẹ con cháu già gì giữ giếng
nghiêng nghĩ quốc quý quê quyết khuya khuỷu ngoài ngoẹo xoáy hoài mía mùa mưa
cứu gửi rượu hươu người thuở huế thuê tuyên quang yên yêu oanh khoẻ khỏe xoè
hoàng thuận khuấy tuần chuẩn nguyệt uyên huynh huých thích ếch kênh ánh sách
học tốt lớp cướp bắt đặt nhập xuất tiếp biết việc chiều miền tiền điện bình
minh cánh ruộng trồng cây lúa ngô khoai sắn đập mương cầu cống sáng xanh sạch
đẹp đoàn thanh niên phụ nữ cựu chiến binh nông dân ủy ban nhân mặt trận tổ
chi bộ đảng viên kế hoạch báo cáo tháng năm số tên ghi chú tô hà bên xóm ao
cô thì hè è ê ơ ừ ô ồ ì yểng ngoằn ngoèo toét hộ sè hé mục lỗi
""".split()


def test_the_word_list_is_vietnamese() -> None:
    assert all(is_vietnamese_syllable(word) for word in WORDS)
    assert not any(is_vietnamese_syllable(word) for word in ["Lμng", "Laøng", "Trêng", "thoõng", "xaõ"])


_cased_words = st.sampled_from(WORDS).flatmap(lambda word: st.sampled_from([word, word.capitalize(), word.upper()]))
_tokens = st.one_of(_cased_words, st.from_regex(r"[0-9]{1,4}", fullmatch=True))
_separators = st.sampled_from([" ", "  ", ", ", " - ", "\n"])


@st.composite
def vietnamese_texts(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(_tokens, min_size=1, max_size=8))
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(_separators) + token
    return unicodedata.normalize("NFC", text)


@given(vietnamese_texts())
def test_ordinary_vietnamese_is_never_detected(text: str) -> None:
    assert detect_legacy(text) is None


_UNICODE_ONLY = "ăĂđĐĩĨũŨơƠưƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
_ANY_LETTERS = "".join(VIETNAMESE_LETTERS) + "abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 "


@given(st.text(_ANY_LETTERS), st.sampled_from(_UNICODE_ONLY), st.text(_ANY_LETTERS))
def test_text_with_a_unicode_only_letter_is_never_detected(before: str, letter: str, after: str) -> None:
    assert detect_legacy(before + letter + after) is None


@given(st.text(_ANY_LETTERS))
def test_vni_round_trip_of_any_vietnamese_text(text: str) -> None:
    assert vni_to_unicode(vni_encode(text)) == text


@given(vietnamese_texts())
def test_tcvn3_round_trip_of_small_letter_text(text: str) -> None:
    small = text.lower()
    assert tcvn3_to_unicode(tcvn3_encode(small)) == small


@given(vietnamese_texts())
def test_legacy_forms_of_vietnamese_are_never_misread(text: str) -> None:
    """A legacy text is converted back to its own words, or left alone when it is ambiguous."""
    for encode, encoding in ((tcvn3_encode, "TCVN3"), (vni_encode, "VNI")):
        found = detect_legacy(encode(text))
        if found is None:
            continue
        assert found.encoding == encoding
        if encoding == "VNI":
            assert found.converted == text
        else:  # TCVN3 cannot say whether a toned vowel was a capital
            assert found.converted.lower() == text.lower()


def test_vni_tolerates_mixed_case_marks_and_the_long_y_dot() -> None:
    """Hand-edited sheets mix a capital base with a small mark; the base decides the case."""
    assert vni_to_unicode("Aø aØ yï") == "À à ỵ"


def test_a_lone_mark_is_kept() -> None:
    """A VNI mark with nothing to modify is no letter; the converter leaves it."""
    assert vni_to_unicode("Lê") == "Lê"
    assert detect_legacy("Lê") is None
