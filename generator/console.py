"""What the `ntm` process sets up before click reads its arguments: Vietnamese for click's own
messages, and output streams that can carry Vietnamese on any console.

Standard library only: this runs before every command, `ntm --help` included.
"""

from __future__ import annotations

import gettext
import io
import os
import sys
from pathlib import Path
from typing import TextIO

# click marks its messages for gettext ("Usage:", "Missing argument …"); this catalog,
# compiled with babel from generator/locale/vi/LC_MESSAGES/click.po, gives them in Vietnamese.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "click"
LANGUAGE = "vi"

# Every letter a Vietnamese message may hold, and the punctuation ntm prints (–, …, ›, ², ₫).
VIETNAMESE_SAMPLE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
    "–…›²₫"
)


def use_vietnamese_messages() -> None:
    """Routes click's gettext calls to the shipped Vietnamese catalog, whatever the system locale.

    click calls the module-level `gettext.gettext`, which looks in the current text domain for
    the languages named by LANGUAGE, LC_ALL, LC_MESSAGES or LANG: ntm names its domain and asks
    for Vietnamese first. A message the catalog lacks stays as click wrote it.
    """
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = LANGUAGE


def _cannot_write_vietnamese(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        VIETNAMESE_SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def _utf8(stream: TextIO) -> TextIO:
    """The same stream writing UTF-8 (a character it still cannot take becomes '?', never an error)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="replace")
            return stream
        except (ValueError, OSError, io.UnsupportedOperation):
            pass
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return stream
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", line_buffering=True)


def safe_streams() -> None:
    """UTF-8 on stdout and stderr where their encoding cannot hold Vietnamese.

    On Windows, output redirected to a file or a pipe (`ntm validate inputs > log.txt`) uses the
    ANSI code page (cp1252, cp1258), which has no 'Đ' or 'ệ': printing would end in a
    UnicodeEncodeError. The file gets UTF-8 instead, which Notepad and Excel open. A real
    Windows console is written in Unicode by Python itself and is left alone.
    """
    if _cannot_write_vietnamese(sys.stdout):
        sys.stdout = _utf8(sys.stdout)
    if _cannot_write_vietnamese(sys.stderr):
        sys.stderr = _utf8(sys.stderr)
