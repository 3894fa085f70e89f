"""A draft read with python-docx: its number and date lines, title, signer, recipients; and filling them."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import docprops, docxwalk, vnformat
from generator.errors import (
    DraftRefused,
    DraftUnreadable,
)
from generator.model import TYPE_NAMES, DocType
from generator.text import fold, nfc
from generator.zipguard import guard_docx

# ---------------------------------------------------------------- reading a draft

_GAP = vnformat.GAP
_NUMBER_LINE = vnformat.NUMBER_LINE
_DATE = vnformat.DATE_GAPPED
_CITED_DATE = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?P<date>" + vnformat.SHORT_DATE_GAPPED.pattern + ")")
_DASHES = re.compile(r"^[-–—_=*\s]+$")
_MONTHLY = re.compile(r"\btháng\s+\d{1,2}\b")
_YEARLY = re.compile(r"\bnăm\s+\d{4}\b")
_RECIPIENT_MARK = re.compile(r"^\s*[-–—+•]\s*")


def _run_text(paragraph: Any) -> str:
    return "".join(run.text for run in paragraph.runs)


def _normalised_text(paragraph: Any) -> str:
    """The paragraph's text from its runs, in NFC; text typed as NFD is rewritten as NFC in place."""
    text = _run_text(paragraph)
    if unicodedata.is_normalized("NFC", text):
        return text
    for run in paragraph.runs:
        original = run.text
        normal = unicodedata.normalize("NFC", original)
        if normal != original:
            run.text = normal
    return _run_text(paragraph)


def _replace_span(paragraph: Any, start: int, end: int, new: str) -> None:
    """Replaces characters start:end of the runs' text; the first run touched takes the new text
    (with its formatting), the others lose their part: every run keeps its formatting."""
    position = 0
    placed = False
    for run in paragraph.runs:
        text = run.text
        low, high = position, position + len(text)
        position = high
        if high <= start or low >= end:
            if not placed and low == start == end:
                run.text = new + text
                placed = True
            continue
        cut_from, cut_to = max(start, low) - low, min(end, high) - low
        if not placed:
            run.text = text[:cut_from] + new + text[cut_to:]
            placed = True
        else:
            run.text = text[:cut_from] + text[cut_to:]


def _is_bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


@dataclass
class _Draft:
    """What issuing needs to know about a draft, with the paragraphs it fills."""

    document: Any
    number_paragraph: Any
    date_paragraph: Any
    type_symbol: str
    body_symbol: str
    doc_type: str
    title: str
    signer: str
    recipients: tuple[str, ...]


def _header_paragraphs(document: Any) -> list[Any]:
    """Where the number and the place-date line are: the header table, or the first paragraphs."""
    paragraphs: list[Any] = []
    if document.tables:
        paragraphs.extend(docxwalk.table_paragraphs(document.tables[0]))
    paragraphs.extend(document.paragraphs[:12])
    return paragraphs


def _match_line(text: str) -> tuple[re.Match[str], int] | None:
    """The number line filling the whole paragraph (spaces around allowed), and its offset."""
    stripped = text.strip()
    match = _NUMBER_LINE.fullmatch(stripped)
    return (match, len(text) - len(text.lstrip())) if match else None


def _number_line(paragraphs: Sequence[Any]) -> tuple[Any, re.Match[str]] | None:
    for paragraph in paragraphs:
        found = _match_line(_normalised_text(paragraph))
        if found:
            return paragraph, found[0]
    return None


def _title(document: Any, type_symbol: str, fallback: str) -> str:
    """'Báo cáo kết quả thực hiện …': the type and the lines under the type line (the caps line
    naming the body, as in 'KẾ HOẠCH / CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ', left out)."""
    name = TYPE_NAMES.get(type_symbol)
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs[:40]):
        if name is None or fold(paragraph.text) != fold(name):
            continue
        lines = []
        for following in paragraphs[index + 1 : index + 6]:
            text = nfc(following.text)
            if not text or _DASHES.match(text):
                break
            if text.upper() == text and any(c.isalpha() for c in text):
                continue
            lines.append(text)
        if lines:
            return f"{name.capitalize()} {' '.join(lines)}"
        break
    return fallback


def document_type(data: bytes, type_symbol: str, title: str) -> str:
    """The register's type (KH, KHT, BC, BCN) of a DOCX whose number line reads `type_symbol`:
    the type ntm stamped into it when it rendered it (docprops; kept when the clerk edits the
    title), else told from its title."""
    stamped = docprops.stamped_type(data)
    if stamped is not None and stamped.number_symbol == type_symbol:
        return stamped.value
    return _doc_type(type_symbol, title)


def _doc_type(type_symbol: str, title: str) -> str:
    """KH/KHT, BC/BCN told apart by the period in the title ('tháng 3 năm 2021' or 'năm 2021').

    Only the fallback of `document_type`, for a DOCX that ntm did not render: a draft made
    before the type was stamped, or a clerk's own file. A stamped document is never guessed."""
    folded = fold(title)
    if type_symbol == DocType.PLAN.value:
        return DocType.MONTHLY_PLAN.value if _MONTHLY.search(folded) else DocType.PLAN.value
    if type_symbol == DocType.MONTHLY_REPORT.value:
        if _MONTHLY.search(folded) or not _YEARLY.search(folded):
            return DocType.MONTHLY_REPORT.value
        return DocType.ANNUAL_REPORT.value
    return type_symbol


def _closing(document: Any) -> tuple[str, tuple[str, ...]]:
    """The signer (last bold line of the signature cell) and the `Nơi nhận` lines."""
    for table in document.tables:
        for row in table.rows:
            cells: list[Any] = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1]._tc:
                    cells.append(cell)
            for index, cell in enumerate(cells):
                paragraphs = cell.paragraphs
                first = next((p for p in paragraphs if p.text.strip()), None)
                if first is None or not fold(first.text).startswith("nơi nhận"):
                    continue
                recipients = []
                for paragraph in paragraphs:
                    text = nfc(paragraph.text)
                    if _RECIPIENT_MARK.match(text):
                        line = _RECIPIENT_MARK.sub("", text).rstrip(" ,.;")
                        if line:
                            recipients.append(line)
                signer = ""
                for other in cells[index + 1 :]:
                    bold = [nfc(p.text) for p in other.paragraphs if p.text.strip() and _is_bold(p)]
                    if bold:
                        signer = bold[-1]
                        break
                return signer, tuple(recipients)
    return "", ()


def _open_docx(name: str, data: bytes) -> Any:
    """python-docx's document, after the zip guard; any damage becomes one sentence for the clerk."""
    import docx

    guard_docx(data, name, DraftUnreadable)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any damage of the file: one sentence for the clerk
        raise DraftUnreadable(
            f"Không đọc được tệp Word '{name}' ({type(exc).__name__}). Hãy mở và lưu lại tệp bằng Word."
        ) from exc


def _read_draft(draft: Path, data: bytes) -> _Draft:
    import docx

    guard_docx(data, draft.name, DraftUnreadable)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any damage of the file: one sentence for the clerk
        raise DraftUnreadable(f"Không đọc được tệp Word '{draft}': {exc}. Hãy mở và lưu lại tệp bằng Word.") from exc
    header = _header_paragraphs(document)
    found = _number_line(header)
    if found is None:
        if any("kèm theo" in fold(p.text) for p in document.paragraphs[:10]):
            raise DraftRefused(
                f"'{draft.name}' là phụ lục: phụ lục được ban hành kèm văn bản chính và không có số riêng; "
                "hãy cấp số cho văn bản chính."
            )
        raise DraftRefused(
            f"Không tìm thấy dòng số, ký hiệu (ví dụ 'Số      -BC/ĐU') ở phần đầu văn bản '{draft.name}'; không cấp số được."
        )
    number_paragraph, match = found
    type_symbol, body_symbol = match["type"], match["body"]
    if match["number"]:
        raise DraftRefused(
            f"Văn bản '{draft.name}' đã có số {match['number']}-{type_symbol}/{body_symbol}: chỉ cấp số cho bản nháp "
            f"có dòng số để trống ('Số      -{type_symbol}/{body_symbol}')."
        )
    date_paragraph = None
    for paragraph in header:
        if paragraph is not number_paragraph and _DATE.search(_normalised_text(paragraph)):
            date_paragraph = paragraph
            break
    if date_paragraph is None:
        raise DraftRefused(
            f"Không tìm thấy dòng địa danh, ngày tháng (ví dụ 'Bình Xa, ngày    tháng 3 năm 2021') ở phần đầu "
            f"văn bản '{draft.name}'; không cấp số được."
        )
    fallback = nfc(document.core_properties.title or "") or nfc(draft.stem)
    title = _title(document, type_symbol, fallback)
    signer, recipients = _closing(document)
    return _Draft(
        document,
        number_paragraph,
        date_paragraph,
        type_symbol,
        body_symbol,
        document_type(data, type_symbol, title),
        title,
        signer,
        recipients,
    )


@dataclass(frozen=True)
class DraftSummary:
    """What the register would record about a draft: its series, its kind and its title."""

    type_symbol: str  # KH, BC…
    doc_type: str  # KHT, BC, BCN… (as in the register's doc_type column)
    title: str


def describe_draft(draft: Path) -> DraftSummary:
    """Reads `draft` as `ntm issue` would, without issuing it; refuses what issue would refuse
    (a number already there, an annex, no number line)."""
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise DraftUnreadable(f"Không đọc được tệp '{draft}': {exc.strerror or exc}.") from exc
    parsed = _read_draft(draft, data)
    return DraftSummary(parsed.type_symbol, parsed.doc_type, parsed.title)


def _fill(draft: _Draft, number: int, day: dt.date) -> bytes:
    """The final document: number, date, and the document's citations of its own number and date."""
    number_line = vnformat.document_number(number, draft.type_symbol, draft.body_symbol)
    found = _match_line(_normalised_text(draft.number_paragraph))
    assert found is not None
    match, offset = found
    _replace_span(draft.number_paragraph, offset + match.start(), offset + match.end(), number_line)
    text = _normalised_text(draft.date_paragraph)
    date_match = _DATE.search(text)
    assert date_match is not None
    _replace_span(draft.date_paragraph, date_match.start(), date_match.end(), vnformat.date_long(day))
    citation = re.compile(
        r"(?P<word>[Ss]ố|SỐ)" + _GAP + r"-\s*" + re.escape(draft.type_symbol) + r"\s*/\s*" + re.escape(draft.body_symbol)
    )
    symbol = vnformat.number_symbol(number, draft.type_symbol, draft.body_symbol)
    for paragraph in docxwalk.paragraphs(draft.document):
        if paragraph._p is draft.number_paragraph._p:
            continue
        text = _run_text(paragraph)
        if draft.type_symbol not in unicodedata.normalize("NFC", text):
            continue
        text = _normalised_text(paragraph)
        spans = []
        for hit in citation.finditer(text):
            spans.append((hit.start(), hit.end(), f"{hit['word']} {symbol}"))
            # the citation's own date, right after its number: '…-BC/ĐU, ngày     /    /2021'
            dated = _CITED_DATE.match(text, hit.end())
            if dated is not None:
                spans.append((dated.start("date"), dated.end("date"), f"ngày {vnformat.date_short(day)}"))
        for start, end, new in sorted(spans, reverse=True):  # right to left: the earlier spans keep their places
            _replace_span(paragraph, start, end, new)
    buffer = io.BytesIO()
    draft.document.save(buffer)
    return buffer.getvalue()
