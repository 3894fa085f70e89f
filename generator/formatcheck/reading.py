"""The reading layer: a DOCX turned into blocks, sections, styles, headers and footers.

Formatting is resolved as Word resolves it: the run, its character style, the paragraph
style chain, the table style, then the document defaults. Nothing here judges a rule.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from generator.docxwalk import paragraph_elements
from generator.errors import DocumentUnreadable
from generator.zipguard import guard_docx

# lxml elements as python-docx hands them out; lxml ships no type information.
Element = Any


# ===================================================================== the Word XML


def w(name: str) -> str:
    return qn(f"w:{name}")


W_P, W_R, W_T, W_TBL, W_TR, W_TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
W_PPR, W_RPR = w("pPr"), w("rPr")
W_SDT, W_SDT_CONTENT = w("sdt"), w("sdtContent")
DRAWINGS = (w("drawing"), w("pict"), w("object"))
FALSE = ("0", "false", "off", "none")
EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
NO_BORDER = ("nil", "none")
TWIPS_PER_MM = 1440 / 25.4


def attr(element: Element | None, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(w(name))
    return None if value is None else str(value)


def find_child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = element.find(w(name))
    return element


def _owner_paragraph(element: Element) -> Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != W_P:
        parent = parent.getparent()
    return parent


def own_runs(paragraph: Element) -> list[Element]:
    """The runs of this paragraph, not those of a text box inside it."""
    return [r for r in paragraph.iter(W_R) if _owner_paragraph(r) is paragraph]


def run_text(run: Element) -> str:
    parts = []
    for child in run:
        if child.tag == W_T:
            parts.append(child.text or "")
        elif child.tag == w("tab"):
            parts.append("\t")
        elif child.tag in (w("br"), w("cr")):
            parts.append("\n")
        elif child.tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph: Element) -> str:
    return unicodedata.normalize("NFC", "".join(run_text(r) for r in own_runs(paragraph))).replace("\u00a0", " ")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def has_drawing(paragraph: Element) -> bool:
    return any(next(paragraph.iter(tag), None) is not None for tag in DRAWINGS)


def snippet(text: str, words: int = 6, width: int = 40) -> str:
    flat = squash(text)
    short = " ".join(flat.split(" ")[:words])
    if len(short) > width:
        short = short[:width].rstrip()
    return short + ("…" if short != flat else "")


def quote(text: str) -> str:
    return f"«{snippet(text)}»" if text.strip() else "(đoạn trống)"


def sub_children(container: Element) -> Iterator[Element]:
    """Block-level children, looking through content controls (w:sdt)."""
    for child in container:
        if child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from sub_children(content)
        else:
            yield child


# ===================================================================== styles


class Styles:
    """Effective formatting, resolved as Word does: direct → character style → paragraph
    style chain → table style chain → document defaults."""

    def __init__(self, styles_element: Element | None) -> None:
        self.by_id: dict[str, Element] = {}
        self.default: dict[str, str] = {}
        self.rpr_default: Element | None = None
        self.ppr_default: Element | None = None
        if styles_element is None:
            return
        for style in styles_element.iter(w("style")):
            style_id = attr(style, "styleId")
            if style_id is None:
                continue
            self.by_id[style_id] = style
            kind = attr(style, "type") or "paragraph"
            if (attr(style, "default") or "").lower() in ("1", "true", "on"):
                self.default.setdefault(kind, style_id)
        self.rpr_default = find_child(styles_element, "docDefaults", "rPrDefault", "rPr")
        self.ppr_default = find_child(styles_element, "docDefaults", "pPrDefault", "pPr")

    def chain(self, style_id: str | None, kind: str) -> list[Element]:
        """The style and those it is based on, nearest first."""
        found: list[Element] = []
        current = style_id if style_id is not None else self.default.get(kind)
        seen: set[str] = set()
        while current is not None and current not in seen and current in self.by_id:
            seen.add(current)
            style = self.by_id[current]
            found.append(style)
            current = attr(find_child(style, "basedOn"), "val")
        return found

    def _table_of(self, paragraph: Element) -> Element | None:
        parent = paragraph.getparent()
        while parent is not None and parent.tag != W_TBL:
            parent = parent.getparent()
        return parent

    def _paragraph_chains(self, paragraph: Element) -> tuple[list[Element], list[Element]]:
        style_id = attr(find_child(paragraph, "pPr", "pStyle"), "val")
        paragraph_styles = self.chain(style_id, "paragraph")
        table = self._table_of(paragraph)
        table_styles: list[Element] = []
        if table is not None:
            table_styles = self.chain(attr(find_child(table, "tblPr", "tblStyle"), "val"), "table")
        return paragraph_styles, table_styles

    def run_levels(self, run: Element, paragraph: Element) -> list[Element]:
        """The rPr elements that may set a property of the run, nearest first."""
        paragraph_styles, table_styles = self._paragraph_chains(paragraph)
        rpr = run.find(W_RPR)
        character = (
            self.chain(attr(find_child(rpr, "rStyle"), "val"), "character") if rpr is not None else self.chain(None, "character")
        )
        levels = [rpr]
        levels += [s.find(W_RPR) for s in character]
        levels += [s.find(W_RPR) for s in paragraph_styles]
        levels += [s.find(W_RPR) for s in table_styles]
        levels.append(self.rpr_default)
        return [level for level in levels if level is not None]

    def paragraph_levels(self, paragraph: Element) -> list[Element]:
        paragraph_styles, table_styles = self._paragraph_chains(paragraph)
        levels = [paragraph.find(W_PPR)]
        levels += [s.find(W_PPR) for s in paragraph_styles]
        levels += [s.find(W_PPR) for s in table_styles]
        levels.append(self.ppr_default)
        return [level for level in levels if level is not None]

    # ---------------------------------------------------------------- run properties

    def size(self, run: Element, paragraph: Element) -> float | None:
        for level in self.run_levels(run, paragraph):
            value = attr(level.find(w("sz")), "val")
            if value is not None:
                try:
                    return int(value) / 2
                except ValueError:
                    return None
        return None

    def flag(self, run: Element, paragraph: Element, name: str) -> bool:
        """A toggle property (b, i, caps…): the nearest level that sets it decides."""
        for level in self.run_levels(run, paragraph):
            element = level.find(w(name))
            if element is not None:
                return (attr(element, "val") or "true").lower() not in FALSE
        return False

    def underline(self, run: Element, paragraph: Element) -> bool:
        for level in self.run_levels(run, paragraph):
            element = level.find(w("u"))
            if element is not None:
                return (attr(element, "val") or "single").lower() not in FALSE
        return False

    def fonts(self, run: Element, paragraph: Element) -> dict[str, str]:
        """The ascii and hAnsi fonts; a theme font reads 'theo chủ đề (minorHAnsi)' (never TNR)."""
        resolved: dict[str, str] = {}
        for level in self.run_levels(run, paragraph):
            fonts = level.find(w("rFonts"))
            if fonts is None:
                continue
            for slot in ("ascii", "hAnsi"):
                if slot in resolved:
                    continue
                theme = attr(fonts, f"{slot}Theme")
                value = attr(fonts, slot)
                if theme:
                    resolved[slot] = f"theo chủ đề ({theme})"
                elif value:
                    resolved[slot] = value
        return resolved

    def color(self, run: Element, paragraph: Element) -> str | None:
        for level in self.run_levels(run, paragraph):
            element = level.find(w("color"))
            if element is not None:
                return attr(element, "val") or (attr(element, "themeColor") and f"màu chủ đề {attr(element, 'themeColor')}")
        return None

    # ---------------------------------------------------------------- paragraph properties

    def paragraph_attr(self, paragraph: Element, child: str, name: str) -> str | None:
        for level in self.paragraph_levels(paragraph):
            value = attr(level.find(w(child)), name)
            if value is not None:
                return value
        return None

    def alignment(self, paragraph: Element) -> str:
        value = self.paragraph_attr(paragraph, "jc", "val") or "left"
        return {"start": "left", "end": "right"}.get(value, value)

    def twips(self, paragraph: Element, child: str, name: str) -> int | None:
        value = self.paragraph_attr(paragraph, child, name)
        if value is None:
            return None
        try:
            return int(float(value))
        except ValueError:
            return None


# ===================================================================== the document, read once


@dataclass
class Para:
    element: Element
    place: str
    text: str
    number: int = 0  # 1-based among the top-level paragraphs; 0 inside tables


@dataclass
class Table:
    element: Element
    number: int  # 1-based among the top-level tables
    section: int

    def rows(self) -> list[Element]:
        return [c for c in sub_children(self.element) if c.tag == W_TR]

    def cells(self, row: Element) -> list[Element]:
        return [c for c in sub_children(row) if c.tag == W_TC]

    def cell_paragraphs(self, row_index: int, cell_index: int) -> list[Para]:
        rows = self.rows()
        if row_index >= len(rows):
            return []
        cells = self.cells(rows[row_index])
        if cell_index >= len(cells):
            return []
        return cell_paras(cells[cell_index], self.number, row_index + 1, cell_index + 1)

    def all_paragraphs(self) -> Iterator[Para]:
        for r, row in enumerate(self.rows(), start=1):
            for c, cell in enumerate(self.cells(row), start=1):
                yield from cell_paras(cell, self.number, r, c)
                for inner in (t for t in sub_children(cell) if t.tag == W_TBL):
                    for p in paragraph_elements(inner):
                        yield Para(
                            p, f"bảng {self.number}, dòng {r}, ô {c} (bảng lồng) {quote(paragraph_text(p))}", paragraph_text(p)
                        )


def cell_paras(cell: Element, table: int, row: int, column: int) -> list[Para]:
    found = []
    paragraphs = [p for p in sub_children(cell) if p.tag == W_P]
    for k, p in enumerate(paragraphs, start=1):
        text = paragraph_text(p)
        found.append(Para(p, f"bảng {table}, dòng {row}, ô {column}, đoạn {k} {quote(text)}", text))
    return found


@dataclass
class Block:
    para: Para | None
    table: Table | None
    section: int


@dataclass
class SectionInfo:
    number: int  # 0-based
    sect_pr: Element
    headers: dict[str, Element | None]  # effective header part element by type (inherited)
    footers: dict[str, Element | None]
    title_page: bool


def is_table_borderless(table: Element, styles: Styles) -> bool:
    return all(v in NO_BORDER for v in table_borders(table, styles).values()) and not any(
        (attr(edge, "val") or "nil") not in NO_BORDER for tc_borders in table.iter(w("tcBorders")) for edge in tc_borders
    )


def table_borders(table: Element, styles: Styles) -> dict[str, str]:
    """Each outer and inner edge's line style: direct, then the table style chain; 'nil' when none."""
    style_id = attr(find_child(table, "tblPr", "tblStyle"), "val")
    levels = [find_child(table, "tblPr", "tblBorders")]
    levels += [find_child(s, "tblPr", "tblBorders") for s in styles.chain(style_id, "table")]
    found: dict[str, str] = {}
    for edge in EDGES:
        for level in levels:
            value = attr(find_child(level, edge), "val")
            if value is not None:
                found[edge] = value
                break
        else:
            found[edge] = "nil"
    return found


class Doc:
    """A DOCX read once: blocks in order with their sections, styles, headers and footers."""

    def __init__(self, path: Path) -> None:
        guard_docx(path, path.name, DocumentUnreadable)  # sizes, entities, macros, password: before python-docx parses anything
        try:
            self.document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise DocumentUnreadable(f"Không mở được '{path}' như một văn bản Word (.docx): {exc}.") from exc
        self.path = path
        self.styles = Styles(self.document.styles.element)
        self.body: Element = self.document.element.body
        self.blocks: list[Block] = []
        section = 0
        paragraphs = tables = 0
        for child in sub_children(self.body):
            if child.tag == W_P:
                paragraphs += 1
                text = paragraph_text(child)
                self.blocks.append(Block(Para(child, f"đoạn {paragraphs} {quote(text)}", text, paragraphs), None, section))
                if find_child(child, "pPr", "sectPr") is not None:
                    section += 1
            elif child.tag == W_TBL:
                tables += 1
                self.blocks.append(Block(None, Table(child, tables, section), section))
        self.sections = self._sections()
        even_odd = self.document.settings.element.find(w("evenAndOddHeaders"))
        self.even_and_odd_headers = even_odd is not None and (attr(even_odd, "val") or "1").lower() not in FALSE
        self.cache: dict[str, object] = {}  # what the parts layer works out, once

    # ---------------------------------------------------------------- sections

    def _sections(self) -> list[SectionInfo]:
        sect_prs = [
            p.element.find(W_PPR).find(w("sectPr"))
            for b in self.blocks
            if (p := b.para) is not None and find_child(p.element, "pPr", "sectPr") is not None
        ]
        final = self.body.find(w("sectPr"))
        if final is not None:
            sect_prs.append(final)
        related = self.document.part.related_parts
        found: list[SectionInfo] = []
        headers: dict[str, Element | None] = {"default": None, "first": None, "even": None}
        footers: dict[str, Element | None] = {"default": None, "first": None, "even": None}
        for number, sect_pr in enumerate(sect_prs):
            headers = dict(headers)
            footers = dict(footers)
            for tag, target in (("headerReference", headers), ("footerReference", footers)):
                for reference in sect_pr.findall(w(tag)):
                    kind = attr(reference, "type") or "default"
                    rid = reference.get(qn("r:id"))
                    part = related.get(rid) if rid else None
                    target[kind] = getattr(part, "element", None)
            title_page = sect_pr.find(w("titlePg"))
            found.append(
                SectionInfo(
                    number,
                    sect_pr,
                    headers,
                    footers,
                    title_page is not None and (attr(title_page, "val") or "1").lower() not in FALSE,
                )
            )
        return found

    def section_blocks(self, number: int) -> list[Block]:
        return [b for b in self.blocks if b.section == number]

    # ---------------------------------------------------------------- paragraphs

    @property
    def top_paragraphs(self) -> list[Para]:
        return [b.para for b in self.blocks if b.para is not None]

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def all_paragraphs(self) -> Iterator[Para]:
        """Every paragraph with text that a reader sees: body, tables, text boxes, headers, footers."""
        for block in self.blocks:
            if block.para is not None:
                yield block.para
                for inner in paragraph_elements(block.para.element):
                    if inner is not block.para.element:
                        text = paragraph_text(inner)
                        yield Para(inner, f"khung chữ trong {block.para.place}: {quote(text)}", text)
            elif block.table is not None:
                yield from block.table.all_paragraphs()
        seen: set[int] = set()
        for section in self.sections:
            for label, parts in (("đầu trang", section.headers), ("chân trang", section.footers)):
                for kind, part in parts.items():
                    if part is None or id(part) in seen:
                        continue
                    seen.add(id(part))
                    for k, p in enumerate(paragraph_elements(part), start=1):
                        text = paragraph_text(p)
                        yield Para(p, f"{label} ({PART_KIND[kind]}) phần {section.number + 1}, đoạn {k} {quote(text)}", text)

    def text_runs(self, para: Para) -> list[Element]:
        return [r for r in own_runs(para.element) if run_text(r).strip()]


PART_KIND = {"default": "các trang", "first": "trang đầu", "even": "trang chẵn"}
