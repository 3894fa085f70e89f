"""Effective formatting of runs and paragraphs, resolved through styles as Word does."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def _style_chain(paragraph: Paragraph) -> list[Any]:
    chain = []
    style = paragraph.style
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def _defaults_rpr(document: Document) -> Any:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    return defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))


def run_size(run: Run, paragraph: Paragraph, document: Document) -> Length | None:
    if run.font.size is not None:
        return run.font.size
    for style in _style_chain(paragraph):
        if style.font.size is not None:
            return style.font.size
    rpr = _defaults_rpr(document)
    sz = rpr.find(qn("w:sz")) if rpr is not None else None
    return Pt(int(sz.get(qn("w:val"))) / 2) if sz is not None else None


def run_flag(run: Run, paragraph: Paragraph, name: str) -> bool:
    value = getattr(run.font, name)
    if value is not None:
        return bool(value)
    for style in _style_chain(paragraph):
        value = getattr(style.font, name)
        if value is not None:
            return bool(value)
    return False


def run_fonts(run: Run, paragraph: Paragraph, document: Document) -> set[str]:
    """Every font name the run could be shown in (ascii, hAnsi, cs, eastAsia)."""
    names: set[str] = set()
    attributes = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
    candidates = [run._element.rPr] + [s.element.rPr for s in _style_chain(paragraph)] + [_defaults_rpr(document)]
    resolved: dict[str, str] = {}
    for rpr in candidates:
        if rpr is None:
            continue
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        for attribute in attributes:
            value = fonts.get(qn(attribute))
            if value and attribute not in resolved:
                resolved[attribute] = value
            theme = fonts.get(qn(attribute.replace("w:", "w:") + "Theme"))
            if theme and attribute not in resolved:
                resolved[attribute] = f"theme:{theme}"
    names.update(resolved.get(a, "<unset>") for a in attributes)
    return names


def run_color(run: Run) -> str | None:
    color = run._element.rPr.find(qn("w:color")) if run._element.rPr is not None else None
    return None if color is None else color.get(qn("w:val"))


def paragraph_value(paragraph: Paragraph, name: str) -> Any:
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


def has_bottom_border(paragraph: Paragraph) -> bool:
    ppr = paragraph._element.pPr
    border = ppr.find(qn("w:pBdr") + "/" + qn("w:bottom")) if ppr is not None else None
    return border is not None and border.get(qn("w:val")) not in (None, "nil", "none")


def table_has_no_borders(table: Any) -> bool:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is None:
        style = table.style
        return style is None or style.element.find(".//" + qn("w:tblBorders")) is None
    return all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)
