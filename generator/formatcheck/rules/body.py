"""The body: paragraphs and headings. Only prose is judged as prose: the Kính gửi block, the
signature and date lines, dotted fill-in lines, label lines («Ưu điểm:») and lines that
are a template tag alone are not body paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator import vnformat
from generator.formatcheck.engine import (
    ALIGN_NAMES,
    TWIPS_PER_MM,
    Issue,
    Look,
    Profile,
    fmt,
    fmt_range,
    is_template_tag,
    look_problems,
)
from generator.formatcheck.parts import find_parts, is_caps, is_rule_line
from generator.formatcheck.reading import Doc, Para, attr, find_child, has_drawing, squash

HEADING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[-.)/:]\s*[^\W\d_]|^[a-zđA-ZĐ][.)]\s*\S")
_HEADING_36 = re.compile(r"^(?:[IVXLC]+-|\d+-|\d+(?:\.\d+)+-|[a-zđ]\))\s*\S")
_DATE_SHAPE = vnformat.DATE_SHAPE


def is_heading(doc: Doc, para: Para) -> bool:
    text = squash(para.text)
    if not HEADING.match(text):
        return False
    runs = doc.text_runs(para)
    return bool(runs) and (
        is_caps(text)
        or all(doc.styles.flag(r, para.element, "b") for r in runs)
        or all(doc.styles.flag(r, para.element, "i") for r in runs)
    )


def is_fill_in(text: str) -> bool:
    """A line of a blank form: mostly dots or ellipses to write on by hand."""
    dots = len(re.findall(r"[.…_]", text))
    return dots >= 8 and dots >= len(text) * 0.3


def not_body(doc: Doc, para: Para, kinds: tuple[Para, ...] = ()) -> bool:
    """Lines that stand in the body's place but are not its prose."""
    text = squash(para.text)
    if not text or has_drawing(para.element) or is_rule_line(text) or is_template_tag(text):
        return True
    if doc.styles.alignment(para.element) in ("center", "right") or text.startswith("Biểu"):
        return True  # captions, titles of tables, signature lines set apart
    if text.startswith(("Kính gửi", "* Ghi chú", "Ghi chú:")) or is_fill_in(text):
        return True
    if len(text) <= 60 and text.endswith(":"):
        return True  # a label line: «Ưu điểm:», «QUYẾT ĐỊNH:»
    if _DATE_SHAPE.search(text) and len(text) < 80 and "," in text[:40] and not text.endswith("."):
        return True  # a place-date line above a signature
    return is_caps(text) and not HEADING.match(text)  # titles and signature lines in capitals


def _kinh_gui_lines(doc: Doc) -> set[int]:
    """The «- …» recipient lines right under a «Kính gửi:» line."""
    found: set[int] = set()
    body = [b.para for b in find_parts(doc).body if b.para is not None and b.para.text.strip()]
    for i, para in enumerate(body):
        if squash(para.text).startswith("Kính gửi"):
            for follower in body[i + 1 : i + 8]:
                if not squash(follower.text).startswith(("-", "+")):
                    break
                found.add(id(follower.element))
    return found


def body_required(profile: Profile) -> str:
    return (
        f"đoạn văn cỡ {fmt_range(profile.body)}, căn đều hai bên, thụt đầu dòng 10–12,7 mm, cách đoạn trước hoặc sau ≥ 6 pt, "
        f"giãn dòng từ một dòng đến 1,5 dòng (hoặc đúng {fmt_range(profile.line_exact)} pt)"
    )


def body_problems(doc: Doc, para: Para, profile: Profile) -> list[str]:
    styles = doc.styles
    problems = look_problems(doc, para, Look(size=profile.body))
    alignment = styles.alignment(para.element)
    if alignment != "both":
        problems.append(ALIGN_NAMES.get(alignment, alignment))
    first_line = styles.twips(para.element, "ind", "firstLine")
    hanging = styles.twips(para.element, "ind", "hanging")
    indent_mm = -(hanging / TWIPS_PER_MM) if hanging else (first_line or 0) / TWIPS_PER_MM
    numbered = any(
        (attr(find_child(level, "numPr", "numId"), "val") or "0") != "0" for level in styles.paragraph_levels(para.element)
    )
    if not numbered and not 9.5 <= indent_mm <= 13.2:  # a list item of Word's numbering hangs its mark: not a paragraph indent
        problems.append(f"thụt đầu dòng {fmt(indent_mm)} mm")
    before = styles.twips(para.element, "spacing", "before") or 0
    after = styles.twips(para.element, "spacing", "after") or 0
    if max(before, after) < 120:
        problems.append(f"cách đoạn {fmt(before / 20)} pt trước, {fmt(after / 20)} pt sau")
    line = styles.twips(para.element, "spacing", "line")
    rule = styles.paragraph_attr(para.element, "spacing", "lineRule") or "auto"
    low, high = profile.line_exact
    if line is not None:
        if rule == "auto" and not 0.99 <= line / 240 <= 1.51:
            problems.append(f"giãn dòng {fmt(line / 240)} dòng")
        elif rule == "exact" and not low <= line / 20 <= high:
            problems.append(f"giãn dòng đúng {fmt(line / 20)} pt")
        elif rule == "atLeast" and line / 20 > high:
            problems.append(f"giãn dòng tối thiểu {fmt(line / 20)} pt")
    return problems


def check_body(doc: Doc, profile: Profile) -> Iterator[Issue]:
    skip = _kinh_gui_lines(doc)
    required = body_required(profile)
    for block in find_parts(doc).body:
        para = block.para
        if para is None or id(para.element) in skip or not_body(doc, para):
            continue
        if is_heading(doc, para):
            problems = look_problems(doc, para, Look(size=profile.body))
            if problems:
                yield Issue(para.place, f"đề mục: {', '.join(problems)}", f"đề mục cỡ {fmt_range(profile.body)}")
            continue
        problems = body_problems(doc, para, profile)
        if problems:
            yield Issue(para.place, "; ".join(problems), required)


def check_headings(doc: Doc, profile: Profile) -> Iterator[Issue]:
    """HD36's «I-», «1-» numbering: a convention of Party offices, not prescribed (a warning)."""
    required = "đề mục đánh số «I-», «1-», «1.1-», «a)»"
    for block in find_parts(doc).body:
        para = block.para
        if para is None or not para.text.strip() or doc.styles.alignment(para.element) == "center":
            continue
        text = squash(para.text)
        if is_heading(doc, para) and not _HEADING_36.match(text):
            mark = re.match(r"^\S+", text)
            yield Issue(para.place, f"đề mục đánh số «{mark.group(0) if mark else text}»", required)
