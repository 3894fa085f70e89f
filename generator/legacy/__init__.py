"""Recognise and repair Vietnamese typed with the legacy 8-bit fonts TCVN3 and VNI.

Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3 (the "ABC"
fonts, .VnTime, .VnArial ...) and VNI-Windows (VNI-Times, VNI-Helve ...).  The
file stores plain bytes and only the font draws them as Vietnamese letters, so
when such a sheet is read as Unicode the cells hold the Latin-1/CP1252
characters of those bytes: TCVN3 "Lµng DÞa" and VNI "Laøng Dòa" both mean
"Làng Dịa".  Names typed that way never match the names of a Unicode sheet.

This package is pure (no I/O):

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

tables.py holds the two code tables, syllables.py the spelling test of a
Vietnamese syllable, conversion.py the word-by-word converters and
detection.py the detector.
"""

from __future__ import annotations

from generator.legacy.conversion import tcvn3_to_unicode, vni_to_unicode
from generator.legacy.detection import LegacyText, detect_legacy
from generator.legacy.syllables import is_vietnamese_syllable

__all__ = [
    "LegacyText",
    "detect_legacy",
    "is_vietnamese_syllable",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]
