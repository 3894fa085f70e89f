"""A reviewable text dump of a Word template: its paragraphs, tables and sections in body order,
with the formatting that matters on the printed page. A change made in Word shows as a diff of
the dump under tests/templates/ (the templates are the source; nothing rebuilds them)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

_ALIGN = {None: "", 0: "left", 1: "center", 2: "right", 3: "justify"}


def _mm(length: Length | None) -> str:
    return "" if length is None else f"{length.mm:.0f}mm"


def _paragraph(paragraph: Paragraph) -> str:
    runs = [r for r in paragraph.runs if r.text]
    marks = []
    fmt = paragraph.paragraph_format
    align = _ALIGN.get(fmt.alignment if fmt.alignment is None else int(fmt.alignment), "")
    if align:
        marks.append(align)
    if runs:
        first = runs[0]
        if first.font.size is not None:
            marks.append(f"{first.font.size.pt:g}pt")
        if all(r.bold for r in runs):
            marks.append("bold")
        if all(r.italic for r in runs):
            marks.append("italic")
        if all(r.underline for r in runs):
            marks.append("underline")
    if fmt.keep_with_next:
        marks.append("keep-next")
    if fmt.page_break_before:
        marks.append("page-break-before")
    section = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    line = f"[{' '.join(marks)}] {paragraph.text}".rstrip()
    if section is not None:
        line += "\n" + _section(section)
    return line


def _section(sect_pr) -> str:
    size = sect_pr.find(qn("w:pgSz"))
    orient = size.get(qn("w:orient")) if size is not None else None
    return f"=== section ends: {'landscape' if orient == 'landscape' else 'portrait'} ==="


def _table(table: Table) -> list[str]:
    widths = [int(c.get(qn("w:w"))) / 56.7 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    lines = [f"┌ table, columns (mm): {', '.join(f'{w:.0f}' for w in widths)}"]
    for row in table.rows:
        header = row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        cells = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" / ".join(p.text for p in cell.paragraphs if p.text) or "·")
        lines.append(("│h " if header else "│  ") + " ‖ ".join(cells))
    lines.append("└")
    return lines


def dump(path: Path) -> str:
    document = docx.Document(str(path))
    lines: list[str] = []
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            if paragraph.text.strip() or paragraph._p.xpath(".//w:fldSimple|.//w:instrText"):
                line = f"header: {paragraph.text or '{PAGE}'}"
                if line not in lines:
                    lines.append(line)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table(Table(child, document)))
        elif child.tag == qn("w:sectPr"):
            lines.append(_section(child).replace("ends", "last"))
    return "\n".join(lines) + "\n"
