"""What the printed page shows: the PDF that LibreOffice makes of the document, read with
pypdf. Four faults a secretary sees at once and the DOCX alone cannot tell: a last page
holding only Nơi nhận and the signature, a table whose last page holds one orphan row and
its total, a page more than half blank inside the body, printed text under 9 pt; and
page numbers judged on paper (pages 2… numbered at the top, page 1 not).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.docxwalk import paragraph_elements
from generator.errors import Severity
from generator.formatcheck.engine import Finding, Profile, fmt
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import Doc, attr, find_child, paragraph_text, snippet, squash, w
from generator.formatcheck.rules.page import page_number_required
from generator.formatcheck.rules.tables import data_tables

PT_PER_MM = 72 / 25.4
MIN_PRINTED_PT = 9.0
# The guidance prescribes page numbers (an error when missing on paper); the four layout
# faults are what a careful office avoids, not what HD36 or ND30 words: warnings.
LAYOUT = Severity.WARNING

PRINT_SKIPPED = Finding(
    "F-BAN-IN",
    "trang in",
    "chưa kiểm tra trang in (trang cuối chỉ có chữ ký, dòng bảng lẻ loi, trang trống quá nửa, chữ dưới 9 pt, số trang) vì máy chưa cài LibreOffice",
    "cài LibreOffice (https://www.libreoffice.org/download/) để ntm in thử văn bản",
    Severity.WARNING,
)


@dataclass
class Piece:
    text: str
    x: float
    y: float  # from the bottom of the page, pt
    size: float  # pt as printed


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    pieces: list[Piece] = field(default_factory=list)
    drawn: list[float] = field(default_factory=list)  # the lower edge of each picture or form drawn, pt

    @property
    def has_images(self) -> bool:
        return bool(self.drawn)

    @property
    def flat(self) -> str:
        return _flat(" ".join(p.text for p in self.pieces))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def read_pages(pdf: Path) -> list[Page]:
    pages = []
    from pypdf import PdfReader  # only a printed check reads a PDF: generate never pays its import

    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        box = page.mediabox
        found = Page(number, float(box.width), float(box.height))

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float, found: Page = found) -> None:
            if not text.strip():
                return
            m = _multiply([float(v) for v in tm], [float(v) for v in cm])
            scale = math.hypot(m[2], m[3]) or 1.0
            found.pieces.append(Piece(text, m[4], m[5], float(size) * scale))

        def operator(op: bytes, operands: list[object], cm: list[float], tm: list[float], found: Page = found) -> None:
            if op == b"Do":  # a picture (or a drawing LibreOffice wrapped as a form) drawn in the unit square under cm
                m = [float(v) for v in cm]
                found.drawn.append(min(m[5], m[5] + m[3]))

        page.extract_text(visitor_text=visit, visitor_operand_before=operator)
        pages.append(found)
    return pages


def _top_number(page: Page) -> bool:
    """Whether the page prints its own number in the top margin."""
    top = page.height - 30 * PT_PER_MM
    return any(
        p.y >= top and len(p.text.strip()) <= 12 and re.sub(r"\D", "", p.text) == str(page.number) for p in page.pieces
    )  # «2», «- 2 -», «Trang 2»


def _body_pieces(page: Page) -> list[Piece]:
    """Pieces other than a page number in the top margin."""
    top = page.height - 30 * PT_PER_MM
    return [p for p in page.pieces if not (p.y >= top and p.text.strip().isdigit())]


def printed_findings(doc: Doc, pdf: Path, profile: Profile) -> list[Finding]:
    pages = read_pages(pdf)
    findings: list[Finding] = []
    findings += _page_numbers(pages, profile)
    findings += _signature_page(doc, pages)
    findings += _orphan_rows(doc, pages)
    findings += _blank_pages(doc, pages)
    findings += _small_text(pages)
    return findings


def _page_numbers(pages: list[Page], profile: Profile) -> Iterator[Finding]:
    if len(pages) < 2:
        return
    missing = [p.number for p in pages[1:] if not _top_number(p)]
    if missing:
        shown = ", ".join(str(n) for n in missing[:8]) + ("…" if len(missing) > 8 else "")
        yield Finding(
            "F-SO-TRANG", f"bản in, trang {shown}", "trang không in số trang ở đầu trang", page_number_required(profile)
        )


def _closing_lines(doc: Doc) -> list[str]:
    parts = find_parts(doc)
    lines: list[str] = []
    if parts.recipients is not None:
        lines = [paragraph_text(p) for p in paragraph_elements(parts.recipients.element)]
    else:
        lines = [p.text for p in parts.closing]
    return [_flat(t) for t in lines if _flat(t)]


def _signature_page(doc: Doc, pages: list[Page]) -> Iterator[Finding]:
    lines = _closing_lines(doc)
    if len(pages) < 2 or len(lines) < 2:
        return
    best = max(pages, key=lambda page: sum(1 for line in lines if line in page.flat))
    if best.number == 1 or sum(1 for line in lines if line in best.flat) < 2:
        return
    rest = _flat(" ".join(p.text for p in _body_pieces(best)))
    for line in sorted(lines, key=len, reverse=True):
        rest = rest.replace(line, "", 1)
    if len(re.sub(r"\W", "", rest)) < 12 and not re.search(r"[.…]{10,}", rest):  # dotted fill-in lines are content
        yield Finding(
            "F-IN-TRANG-KY",
            f"bản in, trang {best.number}",
            "trang chỉ có Nơi nhận và chữ ký, tách khỏi nội dung văn bản",
            "chữ ký đứng cùng trang với ít nhất vài dòng cuối của nội dung (bớt dòng trống, co khoảng cách, hoặc đưa đoạn cuối sang trang sau)",
            LAYOUT,
        )


def _row_key(table_row_texts: list[str]) -> str:
    longest = max(table_row_texts, key=len, default="")
    return _flat(longest)[:24]


def _orphan_rows(doc: Doc, pages: list[Page]) -> Iterator[Finding]:
    flats = [p.flat for p in pages]
    for table in data_tables(doc):
        rows = table.rows()
        if len(rows) < 5:
            continue
        located: list[int] = []
        page_index = 0
        for r in range(1, len(rows)):
            texts = [squash(p.text) for c in range(len(table.cells(rows[r]))) for p in table.cell_paragraphs(r, c)]
            key = _row_key(texts)
            if len(key) < 4:
                continue
            where = next((i for i in range(page_index, len(flats)) if key in flats[i]), None)
            if where is None:
                continue
            page_index = where
            located.append(where)
        if len(located) < 4 or located[0] == located[-1]:
            continue
        last = located[-1]
        on_last = sum(1 for i in located if i == last)
        if on_last <= 2:
            yield Finding(
                "F-IN-DONG-LE",
                f"bản in, trang {last + 1}, bảng {table.number}",
                f"trang chỉ có {on_last} dòng cuối của bảng, tách khỏi phần bảng ở trang trước",
                "không để một, hai dòng cuối (và dòng tổng cộng) của bảng lẻ loi sang trang sau",
                LAYOUT,
            )


def _deliberate_starts(doc: Doc) -> list[str]:
    """The first words after each page or section break: a page that ends early before them is meant."""
    starts: list[str] = []
    take_next = False
    for para_element in paragraph_elements(doc.body):
        text = _flat(paragraph_text(para_element))
        before = find_child(para_element, "pPr", "pageBreakBefore")
        if before is not None and (attr(before, "val") or "1").lower() not in ("0", "false", "off"):
            take_next = True
        if take_next and text:
            starts.append(text[:16])
            take_next = False
        if (
            any(attr(br, "type") == "page" for br in para_element.iter(w("br")))
            or find_child(para_element, "pPr", "sectPr") is not None
        ):
            take_next = True
    return starts


def _blank_pages(doc: Doc, pages: list[Page]) -> Iterator[Finding]:
    if len(pages) < 2:
        return
    starts = _deliberate_starts(doc)
    for page, following in zip(pages, pages[1:]):
        body = _body_pieces(page)
        if not body:
            continue
        lowest = min([p.y for p in body] + page.drawn)
        if lowest < page.height / 2:
            continue
        top = sorted(_body_pieces(following), key=lambda p: (-p.y, p.x))
        head = _flat(" ".join(p.text for p in top[:6]))
        if any(start and head.startswith(start[: min(len(start), len(head))]) or start in head[:60] for start in starts):
            continue
        blank = round(100 * (lowest - 20 * PT_PER_MM) / (page.height - 40 * PT_PER_MM))
        yield Finding(
            "F-IN-TRANG-TRONG",
            f"bản in, trang {page.number}",
            f"trang bỏ trống khoảng {blank}% phía dưới rồi nội dung mới tiếp ở trang {following.number}",
            "trang trong thân văn bản không bỏ trống quá nửa (thu nhỏ hình, bảng hoặc cho chữ chảy quanh)",
            LAYOUT,
        )


def _small_text(pages: list[Page]) -> Iterator[Finding]:
    for page in pages:
        small = [p for p in page.pieces if p.size < MIN_PRINTED_PT - 0.05 and sum(c.isalnum() for c in p.text) > 2]
        if small:
            sizes = sorted({round(p.size, 1) for p in small})
            yield Finding(
                "F-IN-CO-CHU",
                f"bản in, trang {page.number}",
                f"chữ in cỡ {', '.join(fmt(s) for s in sizes)} pt ở «{snippet(small[0].text)}»",
                f"chữ in ra không nhỏ hơn {MIN_PRINTED_PT:g} pt",
                LAYOUT,
            )
