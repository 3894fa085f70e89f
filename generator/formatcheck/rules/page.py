"""The page: paper size, margins, font, colour and page numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.docxwalk import paragraph_elements
from generator.formatcheck.engine import ALIGN_NAMES, TNR, TWIPS_PER_MM, Issue, Profile, fmt, fmt_range
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import (
    PART_KIND,
    W_R,
    Doc,
    Element,
    Para,
    SectionInfo,
    attr,
    own_runs,
    paragraph_text,
    run_text,
    snippet,
    w,
)

_A4 = (210.0, 297.0)
_TOLERANCE_MM = 1.0
_MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_BLACK = ("auto", "000000")


def mm(twips: str | None) -> float | None:
    if twips is None:
        return None
    try:
        return abs(float(twips)) / TWIPS_PER_MM
    except ValueError:
        return None


def section_place(section: SectionInfo) -> str:
    return f"phần {section.number + 1} (section)"


def check_paper(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    layout = (parts.header.table if parts.header else None, parts.recipients)
    for section in doc.sections:
        size = section.sect_pr.find(w("pgSz"))
        width, height = mm(attr(size, "w")), mm(attr(size, "h"))
        if width is None or height is None:
            yield Issue(section_place(section), "không ghi khổ giấy", "khổ A4 (210 × 297 mm)")
            continue
        short, long = sorted((width, height))
        if abs(short - _A4[0]) > _TOLERANCE_MM or abs(long - _A4[1]) > _TOLERANCE_MM:
            yield Issue(section_place(section), f"khổ giấy {fmt(width)} × {fmt(height)} mm", "khổ A4 (210 × 297 mm)")
            continue
        landscape = width > height or attr(size, "orient") == "landscape"
        if landscape and not any(b.table is not None and b.table not in layout for b in doc.section_blocks(section.number)):
            yield Issue(
                section_place(section),
                "trang nằm ngang nhưng phần này không có bảng",
                "trang dọc; chỉ phần chứa bảng (phụ lục, biểu) được để ngang",
            )


def check_margins(doc: Doc, profile: Profile) -> Iterator[Issue]:
    wanted_text = ", ".join(f"{_MARGIN_NAMES[side]} {fmt_range(r)}" for side, r in profile.margins.items())
    for section in doc.sections:
        margins = section.sect_pr.find(w("pgMar"))
        wrong = []
        for side, (low, high) in profile.margins.items():
            value = mm(attr(margins, side))
            if side == "left" and value is not None:
                value += mm(attr(margins, "gutter")) or 0.0
            if value is None or not low - _TOLERANCE_MM <= value <= high + _TOLERANCE_MM:
                shown = "không ghi" if value is None else f"{fmt(value)} mm"
                wrong.append(f"lề {_MARGIN_NAMES[side]} {shown}")
        if wrong:
            yield Issue(section_place(section), "; ".join(wrong), f"lề {wanted_text} mm (±1 mm)")


def check_font(doc: Doc, profile: Profile) -> Iterator[Issue]:
    for para in doc.all_paragraphs():
        bad: dict[str, str] = {}
        for run in doc.text_runs(para):
            fonts = doc.styles.fonts(run, para.element)
            for slot in ("ascii", "hAnsi"):
                name = fonts.get(slot, "(không ghi phông)")
                if name != TNR:
                    bad.setdefault(name, run_text(run))
        for name, text in bad.items():
            shown = f"phông {name}" if name.startswith("theo chủ đề") else f"phông «{name}»"
            yield Issue(para.place, f"{shown} ở «{snippet(text)}»", f"phông {TNR} cho mọi chữ")


def check_colour(doc: Doc, profile: Profile) -> Iterator[Issue]:
    for para in doc.all_paragraphs():
        for run in doc.text_runs(para):
            colour = doc.styles.color(run, para.element)
            if colour is not None and colour.lower() not in _BLACK:
                yield Issue(para.place, f"chữ màu {colour} ở «{snippet(run_text(run))}»", "chữ màu đen")
                break


# ---------------------------------------------------------------- page numbers

_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE(?![A-Z])")


def page_paragraphs(part: Element | None) -> list[Element]:
    """The paragraphs of a header or footer part that hold a PAGE field."""
    if part is None:
        return []
    found = []
    for p in paragraph_elements(part):
        simple = any(_PAGE_FIELD.search(attr(f, "instr") or "") for f in p.iter(w("fldSimple")))
        instructions = "".join(t.text or "" for t in p.iter(w("instrText")))
        if simple or _PAGE_FIELD.search(instructions):
            found.append(p)
    return found


def has_page_numbers(doc: Doc) -> bool:
    return any(page_paragraphs(part) for s in doc.sections for part in s.headers.values())


def page_number_required(profile: Profile) -> str:
    return f"số trang ở đầu trang, căn giữa, cỡ {fmt_range(profile.page_number)}; trang 1 không đánh số"


def check_page_numbers(doc: Doc, profile: Profile) -> Iterator[Issue]:
    """What the header and footer parts make print for certain, whatever the page count.

    Whether pages 2… carry their number depends on how many pages a section prints; that
    is judged on the printed page (printed.py). A one-page document needs no number, and
    a re-save by LibreOffice or Word that drops «different first page» from an empty
    one-page section changes nothing on paper.
    """
    required = page_number_required(profile)
    for section in doc.sections:
        where = section_place(section)
        if section.number == 0:
            first = section.headers["first"] if section.title_page else section.headers["default"]
            if page_paragraphs(first):
                yield Issue(f"đầu trang (trang đầu) {where}", "trang 1 in số trang", required)
        elif section.title_page and not page_paragraphs(section.headers["first"]) and has_page_numbers(doc):
            yield Issue(
                f"đầu trang (trang đầu) {where}", "trang đầu của phần này (không phải trang 1) không có số trang", required
            )
        elif not section.title_page and not page_paragraphs(section.headers["default"]) and has_page_numbers(doc):
            yield Issue(f"đầu trang {where}", "phần này (từ trang 2 trở đi) không có số trang ở đầu trang", required)
        numbered = page_paragraphs(section.headers["default"])
        if numbered and doc.even_and_odd_headers and not page_paragraphs(section.headers["even"]):
            yield Issue(f"đầu trang (trang chẵn) {where}", "trang chẵn không có số trang", required)
        low, high = profile.page_number
        for p in numbered:
            para = Para(p, f"đầu trang {where}", paragraph_text(p))
            problems = []
            if doc.styles.alignment(p) != "center":
                problems.append(ALIGN_NAMES.get(doc.styles.alignment(p), doc.styles.alignment(p)))
            field_runs = [
                r
                for r in own_runs(p)
                if run_text(r).strip() or r.find(w("fldChar")) is not None or r.find(w("instrText")) is not None
            ]
            sizes = {doc.styles.size(r, p) for r in field_runs}
            for f in p.iter(w("fldSimple")):
                sizes.update(doc.styles.size(r, p) for r in f.iter(W_R))
            wrong = sorted((s for s in sizes if s is None or not low - 0.25 <= s <= high + 0.25), key=lambda s: s or 0)
            if wrong:
                problems.append("cỡ " + ", ".join("không ghi" if s is None else fmt(s) for s in wrong))
            if problems:
                yield Issue(para.place, f"số trang: {', '.join(problems)}", required)
        for kind, part in section.footers.items():
            if page_paragraphs(part):
                yield Issue(f"chân trang ({PART_KIND[kind]}) {where}", "số trang đặt ở chân trang", required)
