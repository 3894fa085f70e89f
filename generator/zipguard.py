"""The one guard every zip package passes before anything parses it: workbooks and Word files.

An .xlsx, .ods or .docx is a zip of XML parts. A file passed on from elsewhere may be
a zip bomb (a megabyte inflating to gigabytes), hold millions of parts or paragraphs,
declare XML entities ("billion laughs"), be encrypted, or carry macros. Each is
refused here, by sizes read from the zip directory and a byte scan of the XML
parts, before python-calamine, python-docx or docxtpl see the file. The limits are
listed in the README ("Giới hạn").
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.errors import NtmError, PackageRefused

_MIB = 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office's encrypted (password) container


@dataclass(frozen=True)
class Limits:
    file_bytes: int  # on disk
    unpacked_bytes: int  # all parts, inflated
    parts: int
    ratio: int  # inflated ÷ packed, for a part larger than ratio_from_bytes
    ratio_from_bytes: int
    xml_part_bytes: int  # one XML part, inflated (0: not checked)
    scan_whole_xml: bool  # scan every XML part for DOCTYPE, depth and paragraphs (else its head only)
    max_depth: int = 0
    max_paragraphs: int = 0


WORKBOOK_LIMITS = Limits(
    file_bytes=200 * _MIB,
    unpacked_bytes=1024 * _MIB,
    parts=10_000,
    ratio=100,
    ratio_from_bytes=20 * _MIB,
    xml_part_bytes=0,
    scan_whole_xml=False,
)
DOCX_LIMITS = Limits(
    file_bytes=50 * _MIB,
    unpacked_bytes=200 * _MIB,
    parts=2_000,
    ratio=100,
    ratio_from_bytes=1 * _MIB,
    xml_part_bytes=20 * _MIB,
    scan_whole_xml=True,
    max_depth=120,
    max_paragraphs=100_000,
)

_MACRO_CONTENT = b"macroEnabled"


BROKEN = "Tệp có thể bị hỏng hoặc không an toàn: hãy xin lại tệp gốc hoặc lưu lại bằng Excel."
WORD_BROKEN = "Tệp có thể bị hỏng hoặc không an toàn: hãy xin lại tệp gốc, hoặc mở bằng Word và lưu lại dạng .docx."
WORD_PASSWORD = (
    "Hãy mở tệp bằng Word, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ tài liệu › Mã hóa bằng mật khẩu, xóa trống) rồi lưu lại."
)
WORD_MACROS = (
    "ntm không mở tệp Word có macro, và không bao giờ đưa macro vào bản lưu chính thức. "
    "Hãy mở tệp bằng Word, chọn Lưu thành › 'Word Document (*.docx)' (Word bỏ macro đi) rồi dùng tệp .docx đó."
)


def refuse_irregular(path: Path, label: str) -> None:
    """A FIFO, a device or a folder under a file's name would block or mislead a reader: refused."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise PackageRefused(
            label, f"không đọc được tệp ({exc.strerror or exc})", "Hãy kiểm tra đường dẫn và quyền đọc tệp."
        ) from exc
    if not stat.S_ISREG(mode):
        kind = "thư mục" if stat.S_ISDIR(mode) else "không phải tệp thường (ống dẫn, thiết bị…)"
        raise PackageRefused(label, f"đây là {kind}", "Hãy chỉ đến một tệp có thật trên đĩa.")


def guard_workbook(path: Path, label: str, zipped: bool) -> None:
    """The checks on an input workbook; `zipped` for .xlsx, .xlsm and .ods."""
    refuse_irregular(path, label)
    size = path.stat().st_size
    limits = WORKBOOK_LIMITS
    if size > limits.file_bytes:
        raise PackageRefused(
            label,
            f"tệp nặng {size // _MIB} MB, quá giới hạn {limits.file_bytes // _MIB} MB",
            "Hãy tách sổ nhật ký thành nhiều tệp nhỏ hơn (ví dụ mỗi quý một tệp).",
        )
    if not zipped:
        return
    with path.open("rb") as stream:
        if stream.read(8) == OLE_SIGNATURE:
            if _legacy_ole(stream, ("Workbook", "Book")):
                raise PackageRefused(
                    label,
                    "tệp là bảng tính Excel 97-2003 (.xls) nhưng mang đuôi " + path.suffix.lower(),
                    "Hãy đổi đuôi tệp thành .xls, hoặc mở bằng Excel và lưu lại dạng .xlsx.",
                )
            raise PackageRefused(
                label,
                "tệp có đặt mật khẩu",
                "Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.",
            )
    with path.open("rb") as stream:
        _guard_zip(stream, label, limits, BROKEN, "bảng tính Excel", "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại.")


def _legacy_ole(stream: IO[bytes], stream_names: tuple[str, ...]) -> bool:
    """Whether an OLE container is an Office 97-2003 file (.doc, .xls) rather than an encrypted
    package: it names one of `stream_names` and no EncryptedPackage stream. The container is
    small here (the size limit was checked first), so it is read whole."""
    stream.seek(0)
    content = stream.read()
    if "EncryptedPackage".encode("utf-16-le") in content:
        return False
    return any(name.encode("utf-16-le") in content for name in stream_names)


def guard_docx(data: bytes | Path, label: str, error: type[NtmError] | None = None) -> None:
    """The checks on a Word file (a draft, a document to check, a template), before python-docx.

    Refuses an encrypted file (saying it has a password), a macro-enabled one (.docm or a
    .docx holding vbaProject.bin), and any package over the DOCX limits. `error` is the
    caller's own exception class for an unreadable file (PackageRefused by default).
    """
    try:
        _guard_docx(data, label)
    except PackageRefused as exc:
        if error is None:
            raise
        raise error(f"Không mở được tệp Word '{label}': {exc.reason}. {exc.hint}") from exc


def _guard_docx(data: bytes | Path, label: str) -> None:
    if isinstance(data, Path):
        refuse_irregular(data, label)
        size = data.stat().st_size
        if size > DOCX_LIMITS.file_bytes:
            raise PackageRefused(
                label,
                f"tệp nặng {size // _MIB} MB, quá giới hạn {DOCX_LIMITS.file_bytes // _MIB} MB cho một tệp Word",
                WORD_BROKEN,
            )
        with data.open("rb") as stream:
            _guard_word_stream(stream, label)
        return
    if len(data) > DOCX_LIMITS.file_bytes:
        raise PackageRefused(
            label,
            f"tệp nặng {len(data) // _MIB} MB, quá giới hạn {DOCX_LIMITS.file_bytes // _MIB} MB cho một tệp Word",
            WORD_BROKEN,
        )
    _guard_word_stream(io.BytesIO(data), label)


def _guard_word_stream(stream: IO[bytes], label: str) -> None:
    if stream.read(8) == OLE_SIGNATURE:
        if _legacy_ole(stream, ("WordDocument",)):
            raise PackageRefused(
                label,
                "tệp là văn bản Word 97-2003 (.doc), không phải .docx",
                "Hãy mở tệp bằng Word, chọn Lưu thành › 'Word Document (*.docx)' rồi dùng tệp .docx đó.",
            )
        raise PackageRefused(label, "tệp Word có đặt mật khẩu (đã mã hóa)", WORD_PASSWORD)
    stream.seek(0)
    _guard_zip(stream, label, DOCX_LIMITS, WORD_BROKEN, "văn bản Word (.docx)", WORD_BROKEN, word=True)


_TAG = re.compile(rb"<(/?)([A-Za-z_][^\s/>]*)[^>]*?(/?)>")
_PARAGRAPH = re.compile(rb"<w:p[\s/>]")


def _guard_zip(stream: IO[bytes], label: str, limits: Limits, broken: str, what: str, resave: str, word: bool = False) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            if len(parts) > limits.parts:
                raise PackageRefused(
                    label, f"tệp có {len(parts)} phần nén, quá giới hạn {limits.parts:,}".replace(",", "."), broken
                )
            unpacked = sum(p.file_size for p in parts)
            if unpacked > limits.unpacked_bytes:
                raise PackageRefused(
                    label, f"tệp giải nén ra {unpacked // _MIB} MB, quá giới hạn {limits.unpacked_bytes // _MIB} MB", broken
                )
            names = {p.filename.lower() for p in parts}
            if word:
                if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
                    raise PackageRefused(label, f"tệp không phải {what}", resave)
                if any(n.endswith("vbaproject.bin") for n in names) or _has_macro_content(archive):
                    raise PackageRefused(label, "tệp có macro (VBA, kiểu .docm)", WORD_MACROS)
            for part in parts:
                if part.file_size > limits.ratio_from_bytes and part.file_size > limits.ratio * max(part.compress_size, 1):
                    raise PackageRefused(label, f"phần '{part.filename}' nén bất thường (tỷ lệ trên {limits.ratio}:1)", broken)
                if not part.filename.lower().endswith((".xml", ".rels")):
                    continue
                if limits.xml_part_bytes and part.file_size > limits.xml_part_bytes:
                    raise PackageRefused(
                        label,
                        f"phần '{part.filename}' giải nén ra {part.file_size // _MIB} MB, quá giới hạn {limits.xml_part_bytes // _MIB} MB",
                        broken,
                    )
                _scan_xml(archive, part, label, limits, broken)
    except zipfile.BadZipFile as err:
        raise PackageRefused(label, f"tệp hỏng hoặc không phải {what} (không phải tệp nén hợp lệ)", resave) from err
    except PackageRefused:
        raise
    except (OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:  # encrypted parts, odd compression
        raise PackageRefused(label, f"tệp hỏng hoặc mã hóa ({exc.__class__.__name__})", resave) from exc


def _has_macro_content(archive: zipfile.ZipFile) -> bool:
    try:
        with archive.open("[Content_Types].xml") as stream:
            return _MACRO_CONTENT in stream.read(1 * _MIB)
    except KeyError:
        return False


def _scan_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo, label: str, limits: Limits, broken: str) -> None:
    """DOCTYPE/ENTITY anywhere (or in the head, for big sheets), nesting depth, paragraph count."""
    with archive.open(part) as stream:
        data = stream.read() if limits.scan_whole_xml else stream.read(2048)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageRefused(label, f"phần '{part.filename}' có khai báo DOCTYPE/ENTITY", broken)
    if not limits.scan_whole_xml:
        return
    if limits.max_paragraphs:
        count = len(_PARAGRAPH.findall(data))
        if count > limits.max_paragraphs:
            raise PackageRefused(
                label,
                f"phần '{part.filename}' có {count:,} đoạn văn, quá giới hạn {limits.max_paragraphs:,}".replace(",", "."),
                broken,
            )
    if limits.max_depth:
        depth = 0
        for match in _TAG.finditer(data):
            if match.group(1):
                depth -= 1
            elif not match.group(3):
                depth += 1
                if depth > limits.max_depth:
                    raise PackageRefused(
                        label, f"phần '{part.filename}' lồng nhau quá {limits.max_depth} tầng (bảng trong bảng…)", broken
                    )
