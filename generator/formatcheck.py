"""`ntm check`: the format rules of SPEC §6 on any DOCX, and the checks of a docxtpl template.

A library: it reads, it returns findings, it never prints or exits. The rule set is data —
one table of rules per guidance version (`GUIDANCES`), chosen by the document's date — so a
new guidance is one new entry. Formatting is resolved as Word resolves it: the run, its
character style, the paragraph style chain, the table style, then the document defaults.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import docx
import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from jinja2 import nodes

from generator.errors import NtmError, Severity, UsageError
from generator.zipguard import guard_docx

if TYPE_CHECKING:  # generator.documents draws in matplotlib: imported only where needed
    from generator.documents import DocumentSpec
    from generator.pipeline import LoadedInputs

# lxml elements as python-docx hands them out; lxml ships no type information.
Element = Any


class DocumentUnreadable(NtmError):
    """The file is not a Word document that can be opened."""


@dataclass(frozen=True)
class Finding:
    """One rule broken, with where: what was found and what the rule requires."""

    rule: str
    place: str
    found: str
    required: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"[{self.rule}] {self.severity.value}: {self.place}: {self.found} — yêu cầu: {self.required}"


@dataclass(frozen=True)
class Issue:
    """What a rule's check returns; the engine adds the rule's code and severity."""

    place: str
    found: str
    required: str


# ===================================================================== the Word XML


def _w(name: str) -> str:
    return qn(f"w:{name}")


W_P, W_R, W_T, W_TBL, W_TR, W_TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
W_PPR, W_RPR = _w("pPr"), _w("rPr")
W_SDT, W_SDT_CONTENT = _w("sdt"), _w("sdtContent")
_DRAWINGS = (_w("drawing"), _w("pict"), _w("object"))
_FALSE = ("0", "false", "off", "none")
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_NO_BORDER = ("nil", "none")
TWIPS_PER_MM = 1440 / 25.4


def _attr(element: Element | None, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(_w(name))
    return None if value is None else str(value)


def _child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = element.find(_w(name))
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
        elif child.tag == _w("tab"):
            parts.append("\t")
        elif child.tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif child.tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph: Element) -> str:
    return unicodedata.normalize("NFC", "".join(run_text(r) for r in own_runs(paragraph))).replace("\u00a0", " ")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def has_drawing(paragraph: Element) -> bool:
    return any(next(paragraph.iter(tag), None) is not None for tag in _DRAWINGS)


def _snippet(text: str, words: int = 6, width: int = 40) -> str:
    flat = squash(text)
    short = " ".join(flat.split(" ")[:words])
    if len(short) > width:
        short = short[:width].rstrip()
    return short + ("…" if short != flat else "")


def _quote(text: str) -> str:
    return f"«{_snippet(text)}»" if text.strip() else "(đoạn trống)"


def _sub_children(container: Element) -> Iterator[Element]:
    """Block-level children, looking through content controls (w:sdt)."""
    for child in container:
        if child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _sub_children(content)
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
        for style in styles_element.iter(_w("style")):
            style_id = _attr(style, "styleId")
            if style_id is None:
                continue
            self.by_id[style_id] = style
            kind = _attr(style, "type") or "paragraph"
            if (_attr(style, "default") or "").lower() in ("1", "true", "on"):
                self.default.setdefault(kind, style_id)
        self.rpr_default = _child(styles_element, "docDefaults", "rPrDefault", "rPr")
        self.ppr_default = _child(styles_element, "docDefaults", "pPrDefault", "pPr")

    def chain(self, style_id: str | None, kind: str) -> list[Element]:
        """The style and those it is based on, nearest first."""
        found: list[Element] = []
        current = style_id if style_id is not None else self.default.get(kind)
        seen: set[str] = set()
        while current is not None and current not in seen and current in self.by_id:
            seen.add(current)
            style = self.by_id[current]
            found.append(style)
            current = _attr(_child(style, "basedOn"), "val")
        return found

    def _table_of(self, paragraph: Element) -> Element | None:
        parent = paragraph.getparent()
        while parent is not None and parent.tag != W_TBL:
            parent = parent.getparent()
        return parent

    def _paragraph_chains(self, paragraph: Element) -> tuple[list[Element], list[Element]]:
        style_id = _attr(_child(paragraph, "pPr", "pStyle"), "val")
        paragraph_styles = self.chain(style_id, "paragraph")
        table = self._table_of(paragraph)
        table_styles: list[Element] = []
        if table is not None:
            table_styles = self.chain(_attr(_child(table, "tblPr", "tblStyle"), "val"), "table")
        return paragraph_styles, table_styles

    def run_levels(self, run: Element, paragraph: Element) -> list[Element]:
        """The rPr elements that may set a property of the run, nearest first."""
        paragraph_styles, table_styles = self._paragraph_chains(paragraph)
        rpr = run.find(W_RPR)
        character = self.chain(_attr(_child(rpr, "rStyle"), "val"), "character") if rpr is not None else self.chain(None, "character")
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
            value = _attr(level.find(_w("sz")), "val")
            if value is not None:
                try:
                    return int(value) / 2
                except ValueError:
                    return None
        return None

    def flag(self, run: Element, paragraph: Element, name: str) -> bool:
        """A toggle property (b, i, caps…): the nearest level that sets it decides."""
        for level in self.run_levels(run, paragraph):
            element = level.find(_w(name))
            if element is not None:
                return (_attr(element, "val") or "true").lower() not in _FALSE
        return False

    def underline(self, run: Element, paragraph: Element) -> bool:
        for level in self.run_levels(run, paragraph):
            element = level.find(_w("u"))
            if element is not None:
                return (_attr(element, "val") or "single").lower() not in _FALSE
        return False

    def fonts(self, run: Element, paragraph: Element) -> dict[str, str]:
        """The ascii and hAnsi fonts; a theme font reads 'theo chủ đề (minorHAnsi)' (never TNR)."""
        resolved: dict[str, str] = {}
        for level in self.run_levels(run, paragraph):
            fonts = level.find(_w("rFonts"))
            if fonts is None:
                continue
            for slot in ("ascii", "hAnsi"):
                if slot in resolved:
                    continue
                theme = _attr(fonts, f"{slot}Theme")
                value = _attr(fonts, slot)
                if theme:
                    resolved[slot] = f"theo chủ đề ({theme})"
                elif value:
                    resolved[slot] = value
        return resolved

    def color(self, run: Element, paragraph: Element) -> str | None:
        for level in self.run_levels(run, paragraph):
            element = level.find(_w("color"))
            if element is not None:
                return _attr(element, "val") or (_attr(element, "themeColor") and f"màu chủ đề {_attr(element, 'themeColor')}")
        return None

    # ---------------------------------------------------------------- paragraph properties

    def paragraph_attr(self, paragraph: Element, child: str, name: str) -> str | None:
        for level in self.paragraph_levels(paragraph):
            value = _attr(level.find(_w(child)), name)
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
        return [c for c in _sub_children(self.element) if c.tag == W_TR]

    def cells(self, row: Element) -> list[Element]:
        return [c for c in _sub_children(row) if c.tag == W_TC]

    def cell_paragraphs(self, row_index: int, cell_index: int) -> list[Para]:
        rows = self.rows()
        if row_index >= len(rows):
            return []
        cells = self.cells(rows[row_index])
        if cell_index >= len(cells):
            return []
        return _cell_paras(cells[cell_index], self.number, row_index + 1, cell_index + 1)

    def all_paragraphs(self) -> Iterator[Para]:
        for r, row in enumerate(self.rows(), start=1):
            for c, cell in enumerate(self.cells(row), start=1):
                yield from _cell_paras(cell, self.number, r, c)
                for inner in (t for t in _sub_children(cell) if t.tag == W_TBL):
                    for p in inner.iter(W_P):
                        yield Para(p, f"bảng {self.number}, dòng {r}, ô {c} (bảng lồng) {_quote(paragraph_text(p))}", paragraph_text(p))


def _cell_paras(cell: Element, table: int, row: int, column: int) -> list[Para]:
    found = []
    paragraphs = [p for p in _sub_children(cell) if p.tag == W_P]
    for k, p in enumerate(paragraphs, start=1):
        text = paragraph_text(p)
        found.append(Para(p, f"bảng {table}, dòng {row}, ô {column}, đoạn {k} {_quote(text)}", text))
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


def _is_table_borderless(table: Element, styles: Styles) -> bool:
    return all(v in _NO_BORDER for v in _table_borders(table, styles).values()) and not any(
        (_attr(edge, "val") or "nil") not in _NO_BORDER
        for tc_borders in table.iter(_w("tcBorders"))
        for edge in tc_borders
    )


def _table_borders(table: Element, styles: Styles) -> dict[str, str]:
    """Each outer and inner edge's line style: direct, then the table style chain; 'nil' when none."""
    style_id = _attr(_child(table, "tblPr", "tblStyle"), "val")
    levels = [_child(table, "tblPr", "tblBorders")]
    levels += [_child(s, "tblPr", "tblBorders") for s in styles.chain(style_id, "table")]
    found: dict[str, str] = {}
    for edge in _EDGES:
        for level in levels:
            value = _attr(_child(level, edge), "val")
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
            raise DocumentUnreadable(f"Không mở được '{path}' như một văn bản Word (.docx): {exc}.") from None
        self.path = path
        self.styles = Styles(self.document.styles.element)
        self.body: Element = self.document.element.body
        self.blocks: list[Block] = []
        section = 0
        paragraphs = tables = 0
        for child in _sub_children(self.body):
            if child.tag == W_P:
                paragraphs += 1
                text = paragraph_text(child)
                self.blocks.append(Block(Para(child, f"đoạn {paragraphs} {_quote(text)}", text, paragraphs), None, section))
                if _child(child, "pPr", "sectPr") is not None:
                    section += 1
            elif child.tag == W_TBL:
                tables += 1
                self.blocks.append(Block(None, Table(child, tables, section), section))
        self.sections = self._sections()
        even_odd = self.document.settings.element.find(_w("evenAndOddHeaders"))
        self.even_and_odd_headers = even_odd is not None and (_attr(even_odd, "val") or "1").lower() not in _FALSE
        self._analysis: Analysis | None = None

    # ---------------------------------------------------------------- sections

    def _sections(self) -> list[SectionInfo]:
        sect_prs = [p.element.find(W_PPR).find(_w("sectPr")) for b in self.blocks if (p := b.para) is not None and _child(p.element, "pPr", "sectPr") is not None]
        final = self.body.find(_w("sectPr"))
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
                for reference in sect_pr.findall(_w(tag)):
                    kind = _attr(reference, "type") or "default"
                    rid = reference.get(qn("r:id"))
                    part = related.get(rid) if rid else None
                    target[kind] = getattr(part, "element", None)
            title_page = sect_pr.find(_w("titlePg"))
            found.append(
                SectionInfo(
                    number,
                    sect_pr,
                    headers,
                    footers,
                    title_page is not None and (_attr(title_page, "val") or "1").lower() not in _FALSE,
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
                for inner in block.para.element.iter(W_P):
                    if inner is not block.para.element:
                        text = paragraph_text(inner)
                        yield Para(inner, f"khung chữ trong {block.para.place}: {_quote(text)}", text)
            elif block.table is not None:
                yield from block.table.all_paragraphs()
        seen: set[int] = set()
        for section in self.sections:
            for label, parts in (("đầu trang", section.headers), ("chân trang", section.footers)):
                for kind, part in parts.items():
                    if part is None or id(part) in seen:
                        continue
                    seen.add(id(part))
                    for k, p in enumerate(part.iter(W_P), start=1):
                        text = paragraph_text(p)
                        yield Para(p, f"{label} ({_KIND[kind]}) phần {section.number + 1}, đoạn {k} {_quote(text)}", text)

    def text_runs(self, para: Para) -> list[Element]:
        return [r for r in own_runs(para.element) if run_text(r).strip()]

    @property
    def analysis(self) -> Analysis:
        if self._analysis is None:
            self._analysis = Analysis(self)
        return self._analysis


_KIND = {"default": "các trang", "first": "trang đầu", "even": "trang chẵn"}


# ===================================================================== where things are


_DASHES = re.compile(r"^-{3,8}$")
_HEADING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[-.)/:]\s*[^\W\d_]|^[a-zđA-ZĐ][.)]\s*\S")
_HEADING_36 = re.compile(r"^(?:[IVXLC]+-|\d+-|\d+(?:\.\d+)+-|[a-zđ]\))\s*\S")
_DATE_LOOSE = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
_ANNEX_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def _is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


class Analysis:
    """The parts of a party document: header table, type, title, body, Nơi nhận and signature."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        blocks = doc.blocks
        first = next((i for i, b in enumerate(blocks) if b.table is not None or (b.para is not None and b.para.text.strip())), None)
        self.header: Table | None = None
        self.annex_title: Para | None = None
        self.annex_citation: Para | None = None
        start = 0
        if first is not None:
            block = blocks[first]
            if block.table is not None and self._looks_like_header(block.table):
                self.header = block.table
                start = first + 1
            elif block.para is not None:
                following = [b.para for b in blocks[first : first + 8] if b.para is not None and b.para.text.strip()][:5]
                citation = next((p for p in following if squash(p.text).startswith("(Kèm theo")), None)
                if citation is not None:
                    self.annex_title = block.para
                    self.annex_citation = citation
        self.type_line: Para | None = None
        self.title_lines: list[Para] = []
        self.dashes: Para | None = None
        body_start = start
        if self.annex_title is None:
            rest = [(i, b.para) for i, b in enumerate(blocks) if i >= start and b.para is not None and b.para.text.strip()]
            tables_before = [i for i, b in enumerate(blocks) if i >= start and b.table is not None]
            if rest and (not tables_before or rest[0][0] < tables_before[0]):
                index, self.type_line = rest[0]
                body_start = index + 1
                for index, para in rest[1:8]:
                    if _DASHES.match(squash(para.text)):
                        self.dashes = para
                        body_start = index + 1
                        break
                    if doc.styles.alignment(para.element) != "center":
                        break
                    self.title_lines.append(para)
                    body_start = index + 1
        else:
            body_start = len(blocks)
        self.recipients: Table | None = None
        end = len(blocks)
        for i, block in enumerate(blocks[body_start:], start=body_start):
            table = block.table
            if table is not None and squash(" ".join(p.text for p in table.cell_paragraphs(0, 0))).casefold().startswith("nơi nhận"):
                self.recipients = table
                end = i
                break
        self.body: list[Block] = blocks[body_start:end]

    def _looks_like_header(self, table: Table) -> bool:
        rows = table.rows()
        return bool(rows) and len(table.cells(rows[0])) == 2 and any(
            "ĐẢNG CỘNG SẢN" in p.text.upper() or squash(p.text).startswith("Số") for c in (0, 1) for p in table.cell_paragraphs(0, c)
        )

    def header_lines(self, column: int) -> list[Para]:
        if self.header is None:
            return []
        return [p for p in self.header.cell_paragraphs(0, column) if p.text.strip()]

    @property
    def date_line(self) -> Para | None:
        right = self.header_lines(1)
        return right[1] if len(right) > 1 else None

    @property
    def date(self) -> dt.date | None:
        """The document's date: the place-date line (a draft without day: its month), or an annex's citation."""
        if self.date_line is not None:
            match = _DATE_LOOSE.search(squash(self.date_line.text))
            if match:
                year = int(match.group(3))
                month = int(match.group(2)) if match.group(2) else 1
                day = int(match.group(1)) if match.group(1) else 1
                return _safe_date(year, month, day)
        if self.annex_citation is not None:
            match = _ANNEX_DATE.search(self.annex_citation.text)
            if match:
                return _safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        try:
            return dt.date(year, max(1, min(month, 12)), 1)
        except ValueError:
            return None


# ===================================================================== the checks

_A4 = (210.0, 297.0)
_TOLERANCE_MM = 1.0
_MARGINS = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}
_MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
TNR = "Times New Roman"
_BLACK = ("auto", "000000")
_ALIGN_NAMES = {"left": "căn trái", "right": "căn phải", "center": "căn giữa", "both": "căn đều hai bên", "distribute": "dàn đều"}


def _mm(twips: str | None) -> float | None:
    if twips is None:
        return None
    try:
        return abs(float(twips)) / TWIPS_PER_MM
    except ValueError:
        return None


def _fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _section_place(section: SectionInfo) -> str:
    return f"phần {section.number + 1} (section)"


def check_paper(doc: Doc) -> Iterator[Issue]:
    for section in doc.sections:
        size = section.sect_pr.find(_w("pgSz"))
        width, height = _mm(_attr(size, "w")), _mm(_attr(size, "h"))
        if width is None or height is None:
            yield Issue(_section_place(section), "không ghi khổ giấy", "khổ A4 (210 × 297 mm)")
            continue
        short, long = sorted((width, height))
        if abs(short - _A4[0]) > _TOLERANCE_MM or abs(long - _A4[1]) > _TOLERANCE_MM:
            yield Issue(_section_place(section), f"khổ giấy {_fmt(width)} × {_fmt(height)} mm", "khổ A4 (210 × 297 mm)")
            continue
        landscape = width > height or _attr(size, "orient") == "landscape"
        layout = (doc.analysis.header, doc.analysis.recipients)
        if landscape and not any(b.table is not None and b.table not in layout for b in doc.section_blocks(section.number)):
            yield Issue(_section_place(section), "trang nằm ngang nhưng phần này không có bảng", "trang dọc; chỉ phần chứa bảng (phụ lục, biểu) được để ngang")


def check_margins(doc: Doc) -> Iterator[Issue]:
    for section in doc.sections:
        margins = section.sect_pr.find(_w("pgMar"))
        wrong = []
        for side, wanted in _MARGINS.items():
            value = _mm(_attr(margins, side))
            if side == "left" and value is not None:
                value += _mm(_attr(margins, "gutter")) or 0.0
            if value is None or abs(value - wanted) > _TOLERANCE_MM:
                shown = "không ghi" if value is None else f"{_fmt(value)} mm"
                wrong.append(f"lề {_MARGIN_NAMES[side]} {shown}")
        if wrong:
            yield Issue(_section_place(section), "; ".join(wrong), "lề trên 20, dưới 20, trái 30, phải 15 mm (±1 mm)")


def check_font(doc: Doc) -> Iterator[Issue]:
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
            yield Issue(para.place, f"{shown} ở «{_snippet(text)}»", f"phông {TNR} cho mọi chữ")


def check_colour(doc: Doc) -> Iterator[Issue]:
    for para in doc.all_paragraphs():
        for run in doc.text_runs(para):
            colour = doc.styles.color(run, para.element)
            if colour is not None and colour.lower() not in _BLACK:
                yield Issue(para.place, f"chữ màu {colour} ở «{_snippet(run_text(run))}»", "chữ màu đen")
                break


# ---------------------------------------------------------------- run formatting helpers


@dataclass(frozen=True)
class Look:
    """How a line must look; None = not checked."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    align: str | None = None
    size_range: tuple[float, float] | None = None

    def describe(self) -> str:
        parts = []
        if self.size is not None:
            parts.append(f"cỡ {_fmt(self.size)}")
        if self.size_range is not None:
            parts.append(f"cỡ {_fmt(self.size_range[0])}–{_fmt(self.size_range[1])}")
        if self.caps:
            parts.append("chữ in hoa")
        if self.bold is not None:
            parts.append("đậm" if self.bold else "không đậm")
        if self.italic is not None:
            parts.append("nghiêng" if self.italic else "không nghiêng")
        if self.underline:
            parts.append("gạch chân")
        if self.align is not None:
            parts.append(_ALIGN_NAMES.get(self.align, self.align))
        return ", ".join(parts)


def look_problems(doc: Doc, para: Para, look: Look, skip: Callable[[str], bool] = lambda text: False) -> list[str]:
    """What differs from `look`, in words ('cỡ 12', 'không đậm'…); [] when it matches."""
    styles = doc.styles
    problems: list[str] = []
    runs = [r for r in doc.text_runs(para) if not skip(run_text(r))]
    sizes = {styles.size(r, para.element) for r in runs}
    if look.size is not None:
        wrong = sorted((s for s in sizes if s is None or abs(s - look.size) > 0.25), key=lambda s: s or 0)
        if wrong:
            problems.append("cỡ " + ", ".join("không ghi" if s is None else _fmt(s) for s in wrong))
    if look.size_range is not None:
        low, high = look.size_range
        wrong = sorted((s for s in sizes if s is None or not low - 0.25 <= s <= high + 0.25), key=lambda s: s or 0)
        if wrong:
            problems.append("cỡ " + ", ".join("không ghi" if s is None else _fmt(s) for s in wrong))
    for name, wanted, yes, no in (("b", look.bold, "đậm", "không đậm"), ("i", look.italic, "nghiêng", "không nghiêng")):
        if wanted is None:
            continue
        if any(styles.flag(r, para.element, name) is not wanted for r in runs):
            problems.append(no if wanted else yes)
    if look.underline and not all(styles.underline(r, para.element) for r in runs):
        problems.append("không gạch chân")
    if look.caps:
        text = "".join(run_text(r) for r in runs if not styles.flag(r, para.element, "caps"))
        if not text == text.upper():
            problems.append("không in hoa")
    if look.align is not None and styles.alignment(para.element) != look.align:
        problems.append(_ALIGN_NAMES.get(styles.alignment(para.element), styles.alignment(para.element)))
    return problems


def _look_issue(doc: Doc, para: Para, look: Look, what: str) -> Iterator[Issue]:
    problems = look_problems(doc, para, look)
    if problems:
        yield Issue(para.place, f"{what}: {', '.join(problems)}", f"{what}: {look.describe()}")


# ---------------------------------------------------------------- the header


_HEADER_MISSING = "đầu văn bản là bảng hai cột không viền: trái tên cơ quan, «*», số và ký hiệu; phải «ĐẢNG CỘNG SẢN VIỆT NAM», địa danh và ngày tháng"


def check_header_table(doc: Doc) -> Iterator[Issue]:
    analysis = doc.analysis
    if analysis.annex_title is not None:
        return
    if analysis.header is None:
        yield Issue("đầu văn bản", "không có bảng hai cột ở đầu văn bản", _HEADER_MISSING)
        return
    if not _is_table_borderless(analysis.header.element, doc.styles):
        yield Issue(f"bảng {analysis.header.number} (đầu văn bản)", "bảng đầu văn bản có viền", "bảng đầu văn bản không có viền")


def _left_parts(doc: Doc) -> tuple[list[Para], Para | None, Para | None, Para | None]:
    """(superior body lines, issuing body, star, number line) of the header's left column."""
    lines = doc.analysis.header_lines(0)
    number_index = next((i for i, p in enumerate(lines) if squash(p.text).startswith("Số")), len(lines))
    number = lines[number_index] if number_index < len(lines) else None
    star_index = next((i for i, p in enumerate(lines[:number_index]) if squash(p.text) == "*"), None)
    end = star_index if star_index is not None else number_index
    names = lines[:end]
    star = lines[star_index] if star_index is not None else None
    issuing = names[-1] if names else None
    return names[:-1], issuing, star, number


def check_superior_body(doc: Doc) -> Iterator[Issue]:
    superior, _, _, _ = _left_parts(doc)
    for para in superior:
        yield from _look_issue(doc, para, Look(size=14, caps=True, bold=False), "tên cơ quan cấp trên")


def check_issuing_body(doc: Doc) -> Iterator[Issue]:
    if doc.analysis.header is None:
        return
    _, issuing, _, _ = _left_parts(doc)
    if issuing is None:
        yield Issue(f"bảng {doc.analysis.header.number} (đầu văn bản), cột trái", "không có tên cơ quan ban hành", "tên cơ quan ban hành cỡ 14, in hoa, đậm")
        return
    yield from _look_issue(doc, issuing, Look(size=14, caps=True, bold=True), "tên cơ quan ban hành")


def check_star(doc: Doc) -> Iterator[Issue]:
    if doc.analysis.header is None:
        return
    _, _, star, _ = _left_parts(doc)
    if star is None:
        yield Issue(f"bảng {doc.analysis.header.number} (đầu văn bản), cột trái", "không có dấu «*» dưới tên cơ quan ban hành", "dấu «*» căn giữa dưới tên cơ quan ban hành")
    elif doc.styles.alignment(star.element) != "center":
        yield Issue(star.place, f"dấu «*» {_ALIGN_NAMES.get(doc.styles.alignment(star.element), '')}", "dấu «*» căn giữa")


_NUMBER = re.compile(r"^Số (\d{2,})-(?:[A-ZĐ]+|TTr)/[A-ZĐ]+(?:-[A-ZĐ]+)*$")
_DRAFT_NUMBER = re.compile(r"^Số\s+-(?:[A-ZĐ]+|TTr)/[A-ZĐ]+(?:-[A-ZĐ]+)*$")
_NUMBER_REQUIRED = "«Số 11-KH/ĐU» (bản nháp «Số    -BC/ĐU»): không có dấu hai chấm, số 1–9 thêm 0 («Số 05-BC/ĐU»), cỡ 14, không đậm"


def check_number(doc: Doc) -> Iterator[Issue]:
    if doc.analysis.header is None:
        return
    _, _, _, number = _left_parts(doc)
    if number is None:
        yield Issue(f"bảng {doc.analysis.header.number} (đầu văn bản), cột trái", "không có dòng số và ký hiệu", _NUMBER_REQUIRED)
        return
    text = number.text.strip()
    match = _NUMBER.match(text)
    if re.match(r"^Số\s*:", text):
        yield Issue(number.place, f"«{text}» có dấu hai chấm sau «Số»", _NUMBER_REQUIRED)
    elif re.match(r"^Số\s*\d(?!\d)", text):
        yield Issue(number.place, f"«{text}»: số từ 1 đến 9 chưa thêm số 0 ở trước", _NUMBER_REQUIRED)
    elif match and int(match.group(1)) == 0:
        yield Issue(number.place, f"«{text}»: số văn bản bằng 0", _NUMBER_REQUIRED)
    elif not match and not _DRAFT_NUMBER.match(text):
        yield Issue(number.place, f"«{text}» không đúng dạng số và ký hiệu", _NUMBER_REQUIRED)
    yield from _look_issue(doc, number, Look(size=14, bold=False), "số và ký hiệu")


_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _party_line(doc: Doc) -> Para | None:
    right = doc.analysis.header_lines(1)
    return right[0] if right and squash(right[0].text).upper() == _PARTY else None


def check_party_line(doc: Doc) -> Iterator[Issue]:
    header = doc.analysis.header
    if header is None:
        return
    party = _party_line(doc)
    if party is None:
        right = doc.analysis.header_lines(1)
        found = f"«{_snippet(right[0].text)}»" if right else "ô trống"
        yield Issue(f"bảng {header.number} (đầu văn bản), cột phải", f"dòng đầu cột phải là {found}", f"«{_PARTY}» cỡ 15, in hoa, đậm")
        return
    if squash(party.text) != _PARTY:
        yield Issue(party.place, f"«{squash(party.text)}»", f"«{_PARTY}» viết hoa đúng chính tả")
    yield from _look_issue(doc, party, Look(size=15, caps=True, bold=True), f"tiêu đề «{_PARTY}»")


def _solid(value: str | None) -> bool:
    return value is not None and value.lower() in ("single", "thick")


def check_party_underline(doc: Doc) -> Iterator[Issue]:
    party = _party_line(doc)
    if party is None or doc.analysis.header is None:
        return
    for level in doc.styles.paragraph_levels(party.element):
        if _solid(_attr(_child(level, "pBdr", "bottom"), "val")):
            return
    if has_drawing(party.element):
        return
    cell = party.element.getparent()
    siblings = [c for c in cell if c.tag == W_P]
    index = siblings.index(party.element)
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    if following is not None and (has_drawing(following) or _solid(_attr(_child(following, "pPr", "pBdr", "top"), "val"))):
        return
    yield Issue(party.place, f"không có đường kẻ liền dưới «{_PARTY}»", f"một đường kẻ liền (viền dưới đoạn hoặc đường vẽ) dưới «{_PARTY}»")


_DATE_LINE = re.compile(r"^.+, ngày (\d{2}|\s+) tháng (01|02|[3-9]|1[0-2]|\s+) năm \d{4}$")
_DATE_REQUIRED = "«Bình Xa, ngày 15 tháng 01 năm 2021»: ngày 2 chữ số, tháng 1 và 2 thêm 0, tháng 3–12 không thêm 0; cỡ 14, nghiêng"


def check_place_date(doc: Doc) -> Iterator[Issue]:
    header = doc.analysis.header
    if header is None:
        return
    line = doc.analysis.date_line
    if line is None:
        yield Issue(f"bảng {header.number} (đầu văn bản), cột phải", "không có dòng địa danh, ngày tháng", _DATE_REQUIRED)
        return
    text = line.text.strip()
    if not _DATE_LINE.match(text):
        loose = re.search(r"ngày\s*(\S*)\s+tháng\s*(\S*)\s+năm", text)
        why = "không đúng dạng «<địa danh>, ngày … tháng … năm …»"
        if loose:
            day, month = loose.group(1), loose.group(2)
            if day.isdigit() and len(day) == 1:
                why = f"ngày «{day}» chưa thêm số 0 (viết «0{day}»)"
            elif month in ("1", "2"):
                why = f"tháng «{month}» chưa thêm số 0 (viết «0{month}»)"
            elif month.isdigit() and len(month) == 2 and month.startswith("0") and month not in ("01", "02"):
                why = f"tháng «{month}» thêm số 0 thừa (viết «{int(month)}»)"
        yield Issue(line.place, f"«{text}»: {why}", _DATE_REQUIRED)
    else:
        match = _DATE_LOOSE.search(text)
        if match and match.group(1) and match.group(2):
            try:
                dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                yield Issue(line.place, f"«{text}»: ngày không có thật", _DATE_REQUIRED)
    yield from _look_issue(doc, line, Look(size=14, italic=True), "địa danh, ngày tháng")


# ---------------------------------------------------------------- type and title


def check_type(doc: Doc) -> Iterator[Issue]:
    analysis = doc.analysis
    if analysis.annex_title is not None:
        return
    line = analysis.type_line
    if line is None:
        yield Issue("sau đầu văn bản", "không có tên loại văn bản", "tên loại (KẾ HOẠCH, BÁO CÁO…) căn giữa, cỡ 16, in hoa, đậm")
        return
    yield from _look_issue(doc, line, Look(size=16, caps=True, bold=True, align="center"), "tên loại văn bản")


def check_title(doc: Doc) -> Iterator[Issue]:
    analysis = doc.analysis
    if analysis.annex_title is not None or analysis.type_line is None:
        return
    required = "trích yếu căn giữa, cỡ 14, đậm, bắt đầu bằng chữ thường; dưới là dòng «-----» căn giữa"
    lines = analysis.title_lines
    main = [p for p in lines if not _is_caps(p.text)]
    if not lines:
        yield Issue(analysis.type_line.place, "không có trích yếu dưới tên loại văn bản", required)
    elif not main:
        yield Issue(lines[-1].place, "trích yếu viết in hoa toàn bộ", required)
    else:
        first = next((c for c in squash(main[0].text) if c.isalpha()), "")
        if first and not first.islower():
            yield Issue(main[0].place, f"trích yếu bắt đầu bằng chữ hoa «{first}»", required)
    for para in lines:
        problems = look_problems(doc, para, Look(size=14, bold=True, align="center"))
        if problems:
            yield Issue(para.place, f"trích yếu: {', '.join(problems)}", required)
    if lines and analysis.dashes is None:
        yield Issue(lines[-1].place, "không có dòng «-----» dưới trích yếu", required)
    elif analysis.dashes is not None and doc.styles.alignment(analysis.dashes.element) != "center":
        yield Issue(analysis.dashes.place, "dòng «-----» không căn giữa", required)


# ---------------------------------------------------------------- body


def _is_heading(doc: Doc, para: Para) -> bool:
    text = squash(para.text)
    if not _HEADING.match(text):
        return False
    runs = doc.text_runs(para)
    return bool(runs) and (
        _is_caps(text)
        or all(doc.styles.flag(r, para.element, "b") for r in runs)
        or all(doc.styles.flag(r, para.element, "i") for r in runs)
    )


_BODY_REQUIRED = "đoạn văn cỡ 14, căn đều hai bên, thụt đầu dòng 10–12,7 mm, cách đoạn trước hoặc sau ≥ 6 pt, giãn dòng từ một dòng đến 1,5 dòng (hoặc đúng 18–22 pt)"


def body_problems(doc: Doc, para: Para) -> list[str]:
    styles = doc.styles
    problems = look_problems(doc, para, Look(size=14))
    alignment = styles.alignment(para.element)
    if alignment != "both":
        problems.append(_ALIGN_NAMES.get(alignment, alignment))
    first_line = styles.twips(para.element, "ind", "firstLine")
    hanging = styles.twips(para.element, "ind", "hanging")
    indent_mm = -(hanging / TWIPS_PER_MM) if hanging else (first_line or 0) / TWIPS_PER_MM
    if not 9.5 <= indent_mm <= 13.2:
        problems.append(f"thụt đầu dòng {_fmt(indent_mm)} mm")
    before = styles.twips(para.element, "spacing", "before") or 0
    after = styles.twips(para.element, "spacing", "after") or 0
    if max(before, after) < 120:
        problems.append(f"cách đoạn {_fmt(before / 20)} pt trước, {_fmt(after / 20)} pt sau")
    line = styles.twips(para.element, "spacing", "line")
    rule = styles.paragraph_attr(para.element, "spacing", "lineRule") or "auto"
    if line is not None:
        if rule == "auto" and not 0.99 <= line / 240 <= 1.51:
            problems.append(f"giãn dòng {_fmt(line / 240)} dòng")
        elif rule == "exact" and not 18 <= line / 20 <= 22:
            problems.append(f"giãn dòng đúng {_fmt(line / 20)} pt")
        elif rule == "atLeast" and line / 20 > 22:
            problems.append(f"giãn dòng tối thiểu {_fmt(line / 20)} pt")
    return problems


def check_body(doc: Doc) -> Iterator[Issue]:
    for block in doc.analysis.body:
        para = block.para
        if para is None or not para.text.strip() or has_drawing(para.element):
            continue
        if doc.styles.alignment(para.element) == "center" or squash(para.text).startswith("Biểu"):
            continue  # captions and the titles of tables
        if _is_heading(doc, para):
            problems = look_problems(doc, para, Look(size=14))
            if problems:
                yield Issue(para.place, f"đề mục: {', '.join(problems)}", "đề mục cỡ 14")
            continue
        problems = body_problems(doc, para)
        if problems:
            yield Issue(para.place, "; ".join(problems), _BODY_REQUIRED)


def check_headings(doc: Doc) -> Iterator[Issue]:
    required = "đề mục đánh số «I-», «1-», «1.1-», «a)»"
    for block in doc.analysis.body:
        para = block.para
        if para is None or not para.text.strip() or doc.styles.alignment(para.element) == "center":
            continue
        text = squash(para.text)
        if _is_heading(doc, para) and not _HEADING_36.match(text):
            mark = re.match(r"^\S+", text)
            yield Issue(para.place, f"đề mục đánh số «{mark.group(0) if mark else text}»", required)


# ---------------------------------------------------------------- tables


def _data_tables(doc: Doc) -> Iterator[Table]:
    analysis = doc.analysis
    for table in doc.tables:
        if table is analysis.header or table is analysis.recipients:
            continue
        if _is_table_borderless(table.element, doc.styles):
            continue  # a layout table
        yield table


def _row_flag(row: Element, name: str) -> bool:
    element = _child(row, "trPr", name)
    return element is not None and (_attr(element, "val") or "true").lower() not in _FALSE


def check_tables(doc: Doc) -> Iterator[Issue]:
    for table in _data_tables(doc):
        rows = table.rows()
        if not rows:
            continue
        where = f"bảng {table.number}"
        if not _row_flag(rows[0], "tblHeader"):
            yield Issue(f"{where}, dòng 1", "dòng tiêu đề của bảng không lặp lại ở đầu mỗi trang", "dòng tiêu đề lặp lại ở mỗi trang (Lặp lại hàng tiêu đề)")
        split = [i for i, row in enumerate(rows, start=1) if not _row_flag(row, "cantSplit")]
        if split:
            more = f" (và {len(split) - 1} dòng khác)" if len(split) > 1 else ""
            yield Issue(f"{where}, dòng {split[0]}{more}", "dòng của bảng có thể bị ngắt sang trang sau", "mỗi dòng của bảng không bị ngắt qua hai trang")
        borders = _table_borders(table.element, doc.styles)
        odd = {edge: value for edge, value in borders.items() if value != "single"}
        cell_odd = {
            str(_attr(edge, "val")) for tc_borders in table.element.iter(_w("tcBorders")) for edge in tc_borders if (_attr(edge, "val") or "nil") not in (*_NO_BORDER, "single")
        }
        if odd or cell_odd:
            shown = ", ".join(f"{edge}: {value}" for edge, value in odd.items()) or ", ".join(sorted(cell_odd))
            yield Issue(where, f"viền bảng không phải nét đơn ({shown})", "bảng kẻ viền nét đơn (single) ở mọi cạnh")
        wrong = [(p, problems) for p in table.all_paragraphs() if (problems := look_problems(doc, p, Look(size_range=(12, 13))))]
        if wrong:
            para, problems = wrong[0]
            more = f" (và {len(wrong) - 1} đoạn khác)" if len(wrong) > 1 else ""
            yield Issue(para.place + more, f"chữ trong bảng {', '.join(problems)}", "chữ trong bảng cỡ 12–13")


# ---------------------------------------------------------------- signature and Nơi nhận


def _missing_block(doc: Doc) -> Issue | None:
    if doc.analysis.annex_title is not None or doc.analysis.recipients is not None:
        return None
    return Issue("cuối văn bản", "không có bảng «Nơi nhận» và chữ ký", "cuối văn bản: bảng không viền, trái «Nơi nhận:», phải thẩm quyền ký, chức vụ, chữ ký, họ tên")


def check_signature(doc: Doc) -> Iterator[Issue]:
    table = doc.analysis.recipients
    if table is None:
        return
    paragraphs = table.cell_paragraphs(0, 1)
    required = "bên phải: thẩm quyền ký (T/M ĐẢNG ỦY) cỡ 14 in hoa đậm; chức vụ (BÍ THƯ) cỡ 14 in hoa không đậm; ít nhất 3 dòng trống để ký, đóng dấu; họ tên cỡ 14 đậm"
    filled = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    if len(filled) < 2:
        yield Issue(f"bảng {table.number}, dòng 1, ô 2", "không có đủ thẩm quyền ký, chức vụ và họ tên người ký", required)
        return
    authority = paragraphs[filled[0]]
    name_index = filled[-1]
    name = paragraphs[name_index]
    before_name = [i for i in filled[1:-1]]
    gap_start = before_name[-1] if before_name else filled[0]
    yield from _look_issue(doc, authority, Look(size=14, caps=True, bold=True), "thẩm quyền ký")
    for i in before_name:
        yield from _look_issue(doc, paragraphs[i], Look(size=14, caps=True, bold=False), "chức vụ người ký")
    gap = name_index - gap_start - 1
    if gap < 3:
        yield Issue(name.place, f"chỉ có {gap} dòng trống để ký, đóng dấu", required)
    yield from _look_issue(doc, name, Look(size=14, bold=True), "họ tên người ký")


def check_recipients(doc: Doc) -> Iterator[Issue]:
    missing = _missing_block(doc)
    if missing is not None:
        yield missing
        return
    table = doc.analysis.recipients
    if table is None:
        return
    lines = [p for p in table.cell_paragraphs(0, 0) if p.text.strip()]
    label = lines[0]
    label_required = "«Nơi nhận:» cỡ 14, gạch chân"
    problems = look_problems(doc, label, Look(size=14, underline=True), skip=lambda text: not text.strip(" :"))
    if problems:
        yield Issue(label.place, f"«Nơi nhận:»: {', '.join(problems)}", label_required)
    recipients = lines[1:]
    required = "mỗi nơi nhận một dòng cỡ 12, bắt đầu «- », kết thúc «,»; dòng cuối «- Lưu VPĐU.» kết thúc «.»"
    if not recipients:
        yield Issue(label.place, "không có nơi nhận nào", required)
        return
    for index, para in enumerate(recipients):
        text = squash(para.text)
        last = index == len(recipients) - 1
        wrong = look_problems(doc, para, Look(size=12))
        if not text.startswith("- "):
            wrong.append("không bắt đầu bằng «- »")
        if last:
            if not re.match(r"^- Lưu\b", text):
                wrong.append("dòng cuối không phải «- Lưu …»")
            if not text.endswith("."):
                wrong.append("dòng cuối không kết thúc bằng «.»")
        elif not text.endswith(","):
            wrong.append("không kết thúc bằng «,»")
        if wrong:
            yield Issue(para.place, "; ".join(wrong), required)


# ---------------------------------------------------------------- page numbers


_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE(?![A-Z])")


def _page_paragraphs(part: Element | None) -> list[Element]:
    """The paragraphs of a header or footer part that hold a PAGE field."""
    if part is None:
        return []
    found = []
    for p in part.iter(W_P):
        simple = any(_PAGE_FIELD.search(_attr(f, "instr") or "") for f in p.iter(_w("fldSimple")))
        instructions = "".join(t.text or "" for t in p.iter(_w("instrText")))
        if simple or _PAGE_FIELD.search(instructions):
            found.append(p)
    return found


def _part_has_text(part: Element | None) -> bool:
    return part is not None and any(paragraph_text(p).strip() for p in part.iter(W_P))


def check_page_numbers(doc: Doc) -> Iterator[Issue]:
    required = "số trang ở đầu trang, căn giữa, cỡ 14; trang 1 không đánh số"
    for section in doc.sections:
        where = _section_place(section)
        if section.number == 0:
            first = section.headers["first"] if section.title_page else section.headers["default"]
            if not section.title_page:
                yield Issue(where, "trang 1 dùng chung đầu trang với các trang sau (không bật «Trang đầu khác»)", required)
            elif _page_paragraphs(first) or _part_has_text(first):
                yield Issue(f"đầu trang (trang đầu) {where}", "trang 1 có số trang hoặc chữ ở đầu trang", required)
        elif section.title_page and not _page_paragraphs(section.headers["first"]):
            yield Issue(f"đầu trang (trang đầu) {where}", "trang đầu của phần này không có số trang", required)
        numbered = _page_paragraphs(section.headers["default"])
        if not numbered:
            yield Issue(f"đầu trang {where}", "không có số trang ở đầu trang", required)
        if doc.even_and_odd_headers and not _page_paragraphs(section.headers["even"]):
            yield Issue(f"đầu trang (trang chẵn) {where}", "trang chẵn không có số trang", required)
        for p in numbered:
            para = Para(p, f"đầu trang {where}", paragraph_text(p))
            problems = []
            if doc.styles.alignment(p) != "center":
                problems.append(_ALIGN_NAMES.get(doc.styles.alignment(p), doc.styles.alignment(p)))
            field_runs = [r for r in own_runs(p) if run_text(r).strip() or r.find(_w("fldChar")) is not None or r.find(_w("instrText")) is not None]
            sizes = {doc.styles.size(r, p) for r in field_runs}
            for f in p.iter(_w("fldSimple")):
                sizes.update(doc.styles.size(r, p) for r in f.iter(W_R))
            wrong = sorted((s for s in sizes if s is None or abs(s - 14) > 0.25), key=lambda s: s or 0)
            if wrong:
                problems.append("cỡ " + ", ".join("không ghi" if s is None else _fmt(s) for s in wrong))
            if problems:
                yield Issue(para.place, f"số trang: {', '.join(problems)}", required)
        for kind, part in section.footers.items():
            if _page_paragraphs(part):
                yield Issue(f"chân trang ({_KIND[kind]}) {where}", "số trang đặt ở chân trang", required)


# ---------------------------------------------------------------- annex


def check_annex(doc: Doc) -> Iterator[Issue]:
    analysis = doc.analysis
    title, citation = analysis.annex_title, analysis.annex_citation
    if title is None or citation is None:
        return
    required = "phụ lục: tên «PHỤ LỤC» hoặc tên riêng in hoa, đậm; dòng «(Kèm theo … số …, ngày … của …)» nghiêng"
    problems = look_problems(doc, title, Look(caps=True, bold=True))
    if problems:
        yield Issue(title.place, f"tên phụ lục: {', '.join(problems)}", required)
    problems = look_problems(doc, citation, Look(italic=True))
    if problems:
        yield Issue(citation.place, f"dòng «(Kèm theo …)»: {', '.join(problems)}", required)


# ---------------------------------------------------------------- hierarchy (from 1 July 2025)


_DISTRICT = re.compile(r"\bHUYỆN\b|/HU\b|\bQUẬN\b|\bTHỊ XÃ\b")
HIERARCHY_MESSAGE = "Từ 01/07/2025 không còn cấp huyện: cơ quan cấp trên của xã là cấp tỉnh (ví dụ ĐẢNG BỘ TỈNH TUYÊN QUANG)"


def check_hierarchy(doc: Doc) -> Iterator[Issue]:
    lines = doc.analysis.header_lines(0)
    for para in lines:
        upper = unicodedata.normalize("NFC", squash(para.text)).upper()
        match = _DISTRICT.search(upper)
        if match:
            yield Issue(para.place, f"đầu văn bản ghi cấp huyện («{squash(para.text)}»)", HIERARCHY_MESSAGE)
            return


# ===================================================================== the rule tables


@dataclass(frozen=True)
class Rule:
    code: str
    element: str  # the row of §6, in words
    check: Callable[[Doc], Iterable[Issue]]
    severity: Severity = Severity.ERROR
    since: dt.date | None = None  # applies to documents dated from this day (an undated one: always)


HIERARCHY_FROM = dt.date(2025, 7, 1)

RULES_2018: tuple[Rule, ...] = (
    Rule("F-KHO-GIAY", "khổ giấy A4, trang dọc (bảng phụ lục được để ngang)", check_paper),
    Rule("F-LE", "lề trên 20, dưới 20, trái 30, phải 15 mm", check_margins),
    Rule("F-PHONG-CHU", "phông Times New Roman", check_font),
    Rule("F-MAU-CHU", "chữ màu đen", check_colour),
    Rule("F-DAU-VAN-BAN", "đầu văn bản: bảng hai cột không viền", check_header_table),
    Rule("F-CO-QUAN-CAP-TREN", "tên cơ quan cấp trên cỡ 14, in hoa, không đậm", check_superior_body),
    Rule("F-CO-QUAN-BAN-HANH", "tên cơ quan ban hành cỡ 14, in hoa, đậm", check_issuing_body),
    Rule("F-SAO", "dấu «*» căn giữa dưới tên cơ quan ban hành", check_star),
    Rule("F-SO-KY-HIEU", "số và ký hiệu «Số 11-KH/ĐU» cỡ 14", check_number),
    Rule("F-QUOC-HIEU", "tiêu đề «ĐẢNG CỘNG SẢN VIỆT NAM» cỡ 15, in hoa, đậm", check_party_line),
    Rule("F-GACH-DUOI-QUOC-HIEU", "đường kẻ liền dưới «ĐẢNG CỘNG SẢN VIỆT NAM»", check_party_underline),
    Rule("F-DIA-DANH-NGAY", "địa danh, ngày tháng cỡ 14, nghiêng", check_place_date),
    Rule("F-LOAI-VAN-BAN", "tên loại văn bản căn giữa, cỡ 16, in hoa, đậm", check_type),
    Rule("F-TRICH-YEU", "trích yếu căn giữa, cỡ 14, đậm, chữ thường; dòng «-----»", check_title),
    Rule("F-THAN-VAN-BAN", "nội dung cỡ 14, căn đều, thụt đầu dòng, cách đoạn, giãn dòng", check_body),
    Rule("F-DE-MUC", "đề mục đánh số I-, 1-, 1.1-, a)", check_headings),
    Rule("F-BANG", "bảng cỡ 12–13, lặp dòng tiêu đề, không ngắt dòng, viền đơn", check_tables),
    Rule("F-CHU-KY", "thẩm quyền ký, chức vụ, họ tên người ký", check_signature),
    Rule("F-NOI-NHAN", "«Nơi nhận:» gạch chân; các dòng cỡ 12, dòng cuối «- Lưu …»", check_recipients),
    Rule("F-SO-TRANG", "số trang ở đầu trang, giữa, cỡ 14; trang 1 không đánh số", check_page_numbers),
    Rule("F-PHU-LUC", "phụ lục: tên in hoa đậm, dòng «(Kèm theo …)» nghiêng", check_annex),
    Rule("F-CAP-TREN", "từ 01/07/2025 không còn cấp huyện", check_hierarchy, Severity.WARNING, HIERARCHY_FROM),
)


class Guidance(NamedTuple):
    start: dt.date
    name: str
    rules: tuple[Rule, ...]


GUIDANCES: tuple[Guidance, ...] = (
    Guidance(dt.date(2018, 4, 3), "Hướng dẫn 36-HD/VPTW", RULES_2018),
    Guidance(dt.date(2026, 1, 1), "Hướng dẫn thể thức văn bản của Đảng năm 2026 (kế thừa 36-HD/VPTW)", RULES_2018),
)

MAX_PER_RULE = 20


def guidance_for(day: dt.date | None) -> Guidance:
    """The guidance in force on `day`: the newest for an undated document, the oldest before the first."""
    ordered = sorted(GUIDANCES, key=lambda g: g.start)
    if day is None:
        return ordered[-1]
    chosen = ordered[0]
    for guidance in ordered:
        if guidance.start <= day:
            chosen = guidance
    return chosen


@dataclass(frozen=True)
class FormatReport:
    path: Path
    date: dt.date | None
    guidance: Guidance
    findings: tuple[Finding, ...]


def format_report(path: Path) -> FormatReport:
    """The findings of `path`, with the date read from it and the guidance applied."""
    doc = Doc(path)
    day = doc.analysis.date
    guidance = guidance_for(day)
    findings: list[Finding] = []
    for rule in guidance.rules:
        if rule.since is not None and day is not None and day < rule.since:
            continue
        issues = list(rule.check(doc))
        for issue in issues[:MAX_PER_RULE]:
            findings.append(Finding(rule.code, issue.place, issue.found, issue.required, rule.severity))
        if len(issues) > MAX_PER_RULE:
            findings.append(
                Finding(rule.code, "nhiều chỗ khác", f"và {len(issues) - MAX_PER_RULE} chỗ khác cùng lỗi", issues[0].required, rule.severity)
            )
    return FormatReport(path, day, guidance, tuple(findings))


def check_document(path: Path) -> list[Finding]:
    """Every §6 rule that `path` breaks, in the order of the rule table."""
    return list(format_report(path).findings)


# ===================================================================== templates


T_SPLIT = "T-THE-TACH-DOAN"
T_BROKEN = "T-THE-HONG"
T_DOCXTPL = "T-THE-DOCXTPL"
T_BLOCK = "T-KHOI"
T_SYNTAX = "T-CU-PHAP"
T_VARIABLE = "T-BIEN-LA"
T_ATTRIBUTE = "T-THUOC-TINH-LA"
T_FILTER = "T-BO-LOC-LA"
T_RENDER = "T-KHONG-DUNG-DUOC"

_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"\{[{%#]")
_DOCXTPL_LEVEL = re.compile(r"^\{([{%])(tr|tc|p|r) ")
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans"}
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}


@dataclass(frozen=True)
class Tag:
    written: str  # as in the document: '{%p for t in muc_tieu %}'
    source: str  # as Jinja reads it after docxtpl: '{% for t in muc_tieu %}'
    place: str
    level: str | None  # docxtpl's p / tr / tc / r, if any
    paragraph: Element = field(compare=False, hash=False, repr=False)


@dataclass
class _TemplatePart:
    name: str
    paragraphs: list[Para]
    tags: list[Tag]


def _template_paragraphs(root: Element, prefix: str) -> list[Para]:
    """Every paragraph of a part in document order, with its place."""
    found: list[Para] = []
    counters = {"p": 0, "tbl": 0}

    def walk(container: Element) -> None:
        for child in _sub_children(container):
            if child.tag == W_P:
                counters["p"] += 1
                text = paragraph_text(child)
                found.append(Para(child, f"{prefix}đoạn {counters['p']} {_quote(text)}", text, counters["p"]))
                for inner in child.iter(W_P):
                    if inner is not child:
                        inner_text = paragraph_text(inner)
                        found.append(Para(inner, f"{prefix}khung chữ trong đoạn {counters['p']} {_quote(inner_text)}", inner_text))
            elif child.tag == W_TBL:
                counters["tbl"] += 1
                table = Table(child, counters["tbl"], 0)
                for r, row in enumerate(table.rows(), start=1):
                    for c, cell in enumerate(table.cells(row), start=1):
                        paragraphs = [p for p in _sub_children(cell) if p.tag == W_P]
                        for k, p in enumerate(paragraphs, start=1):
                            text = paragraph_text(p)
                            found.append(Para(p, f"{prefix}bảng {table.number}, dòng {r}, ô {c}, đoạn {k} {_quote(text)}", text))
                        for inner in (t for t in _sub_children(cell) if t.tag == W_TBL):
                            for p in inner.iter(W_P):
                                text = paragraph_text(p)
                                found.append(Para(p, f"{prefix}bảng {table.number}, dòng {r}, ô {c} (bảng lồng) {_quote(text)}", text))

    walk(root)
    return found


def _jinja_source(written: str) -> tuple[str, str | None]:
    """docxtpl's reading of one tag: '{%p for …%}' → '{% for …%}', custom tags, smart quotes."""
    level = None
    match = _DOCXTPL_LEVEL.match(written)
    if match:
        level = match.group(2)
        written = "{" + match.group(1) + " " + written[match.end() :]
    for fancy, plain in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        written = written.replace(fancy, plain)
    custom = re.match(r"^\{%-?\s*(vm|hm)\s*-?%\}$", written)
    if custom:
        return "", level
    custom = re.match(r"^\{%-?\s*(colspan|cellbg)\s+(.*?)\s*-?%\}$", written, re.DOTALL)
    if custom:
        return "{{ " + custom.group(2) + " }}", level
    return written.replace("\n", " "), level


def _scan_tags(paragraphs: Sequence[Para]) -> tuple[list[Tag], list[Issue]]:
    tags: list[Tag] = []
    issues: list[Issue] = []
    for index, para in enumerate(paragraphs):
        text = para.text
        position = 0
        while True:
            match = _OPENER.search(text, position)
            if match is None:
                break
            closer = _OPENERS[match.group(0)]
            end = text.find(closer, match.end())
            if end < 0:
                fragment = text[match.start() :]
                later = next((p for p in paragraphs[index + 1 : index + 6] if closer in p.text), None)
                if later is not None:
                    found = f"thẻ «{_snippet(fragment)}» bị tách sang đoạn khác ({later.place}); docxtpl sẽ gộp các đoạn này làm một"
                else:
                    found = f"thẻ «{_snippet(fragment)}» không có «{closer}» trong cùng đoạn"
                issues.append(Issue(para.place, found, "mỗi thẻ {{ … }} hoặc {% … %} nằm trọn trong một đoạn"))
                break
            written = text[match.start() : end + len(closer)]
            position = end + len(closer)
            if written.startswith("{#"):
                continue
            source, level = _jinja_source(written)
            if source:
                tags.append(Tag(written, source, para.place, level, para.element))
    return tags, issues


def _docxtpl_level_issues(tags: Sequence[Tag], paragraphs: Sequence[Para]) -> list[Issue]:
    """docxtpl replaces the whole paragraph / row / cell of a {%p %} / {%tr %} / {%tc %} tag."""
    issues = []
    by_element = {id(p.element): p for p in paragraphs}
    for tag in tags:
        if tag.level not in ("p", "tr", "tc"):
            continue
        container: Element = tag.paragraph
        if tag.level != "p":
            wanted = W_TR if tag.level == "tr" else W_TC
            ancestor = tag.paragraph.getparent()
            while ancestor is not None and ancestor.tag != wanted:
                ancestor = ancestor.getparent()
            if ancestor is None:
                where = "dòng" if tag.level == "tr" else "ô"
                issues.append(Issue(tag.place, f"thẻ «{tag.written}» không nằm trong bảng", f"thẻ {{%{tag.level} … %}} phải nằm trong một {where} của bảng"))
                continue
            container = ancestor
        paragraphs_inside = [by_element.get(id(p)) for p in container.iter(W_P)]
        leftover = "".join(p.text for p in paragraphs_inside if p is not None).replace(tag.written, "", 1)
        if leftover.strip():
            unit = {"p": "đoạn", "tr": "dòng", "tc": "ô"}[tag.level]
            issues.append(
                Issue(tag.place, f"{unit} chứa thẻ «{tag.written}» còn có chữ khác («{_snippet(leftover)}»); docxtpl bỏ cả {unit} khi dựng", f"thẻ {{%{tag.level} … %}} đứng một mình trong {unit} của nó")
            )
    return issues


def _block_name(source: str) -> str | None:
    match = re.match(r"^\{%[-+]?\s*(\w+)", source)
    return match.group(1) if match else None


def _block_issues(tags: Sequence[Tag]) -> list[Issue]:
    required = "mỗi {% for %} có {% endfor %}, mỗi {% if %} có {% endif %}, đóng đúng thứ tự"
    stack: list[tuple[str, Tag]] = []
    issues: list[Issue] = []
    for tag in tags:
        name = _block_name(tag.source)
        if name is None:
            continue
        if name == "set" and "=" not in tag.source:
            stack.append(("set", tag))
        elif name in _BLOCKS:
            stack.append((name, tag))
        elif name in _MIDDLES:
            if not stack or stack[-1][0] not in _MIDDLES[name]:
                issues.append(Issue(tag.place, f"«{tag.written}» không nằm trong khối {' / '.join(sorted(_MIDDLES[name]))} nào", required))
        elif name.startswith("end"):
            opened = name[3:]
            if stack and stack[-1][0] == opened:
                stack.pop()
            elif any(n == opened for n, _ in stack):
                while stack and stack[-1][0] != opened:
                    inner, inner_tag = stack.pop()
                    issues.append(Issue(inner_tag.place, f"khối «{inner_tag.written}» chưa đóng (thiếu {{% end{inner} %}}) trước «{tag.written}»", required))
                stack.pop()
            else:
                issues.append(Issue(tag.place, f"«{tag.written}» không có khối {{% {opened} %}} mở tương ứng", required))
    for name, tag in stack:
        issues.append(Issue(tag.place, f"khối «{tag.written}» không có {{% end{name} %}}", required))
    return issues


def _suggest(word: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else None


class _Loop:
    """Stands for Jinja's `loop` inside a for block."""

    ATTRIBUTES = frozenset(
        {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle", "depth", "depth0", "previtem", "nextitem", "changed"}
    )


_SCALARS = (str, int, float, Decimal, bool, dt.date)


def attribute_names(value: object) -> set[str] | None:
    """The attribute names a template may use on `value` (None: cannot tell)."""
    from generator.documents import Row

    if isinstance(value, _Loop):
        return set(_Loop.ATTRIBUTES)
    if isinstance(value, Row):
        return set(value.values)
    if isinstance(value, Mapping):
        return {str(k) for k in value} | {n for n in dir(value) if not n.startswith("_")}
    return {n for n in dir(value) if not n.startswith("_")}


def _items(shape: tuple[object, ...]) -> tuple[object, ...]:
    items: list[object] = []
    for value in shape:
        if isinstance(value, (list, tuple)):
            items.extend(value)
        elif isinstance(value, Mapping):
            items.extend(value.keys())
    return tuple(items)


@dataclass
class _VariableCheck:
    provided: Mapping[str, object]
    environment: jinja2.Environment
    tags: Sequence[Tag]
    issues: list[tuple[str, Issue]] = field(default_factory=list)

    def place(self, node: nodes.Node) -> tuple[str, str]:
        index = (node.lineno or 1) - 1
        tag = self.tags[min(max(index, 0), len(self.tags) - 1)] if self.tags else None
        return (tag.place, tag.written) if tag is not None else ("mẫu", "")

    def shape(self, node: nodes.Node, scope: Mapping[str, tuple[object, ...]]) -> tuple[object, ...]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.provided:
                return (self.provided[node.name],)
            return ()
        if isinstance(node, nodes.Getattr):
            values = []
            for value in self.shape(node.node, scope):
                if isinstance(value, _Loop):
                    continue
                try:
                    values.append(getattr(value, node.attr))
                except (AttributeError, TypeError):
                    if isinstance(value, Mapping) and node.attr in value:
                        values.append(value[node.attr])
            return tuple(values)
        return ()

    def walk(self, node: nodes.Node, scope: dict[str, tuple[object, ...]]) -> None:
        if isinstance(node, nodes.For):
            self.walk(node.iter, scope)
            inner = dict(scope)
            items = _items(self.shape(node.iter, scope))
            self.bind(node.target, inner, items)
            inner["loop"] = (_Loop(),)
            if node.test is not None:
                self.walk(node.test, inner)
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Name):
            if node.ctx == "load" and node.name not in scope and node.name not in self.provided and node.name not in self.environment.globals:
                place, written = self.place(node)
                hint = _suggest(node.name, [*self.provided, *scope])
                found = f"{written}: không có biến '{node.name}'" + (f"; có phải '{hint}'?" if hint else "")
                known = ", ".join(sorted(self.provided))
                self.issues.append((T_VARIABLE, Issue(place, found, f"chỉ dùng các biến chương trình cung cấp cho mẫu này: {known}")))
            return
        if isinstance(node, nodes.Getattr):
            self.walk(node.node, scope)
            values = self.shape(node.node, scope)
            names: set[str] = set()
            for value in values:
                known_names = attribute_names(value)
                if known_names is None:
                    return
                names |= known_names
            if values and node.attr not in names:
                place, written = self.place(node)
                hint = _suggest(node.attr, names)
                owner = _expression(node.node)
                found = f"{written}: không có thuộc tính '{node.attr}'" + (f"; có phải '{hint}'?" if hint else "")
                listed = ", ".join(sorted(n for n in names if not callable(getattr(values[0], n, None))))
                self.issues.append((T_ATTRIBUTE, Issue(place, found, f"các thuộc tính có của {owner}: {listed}")))
            return
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined") and isinstance(node.node, nodes.Name):
            return
        if isinstance(node, nodes.Filter) and node.name not in self.environment.filters:
            place, written = self.place(node)
            hint = _suggest(node.name, self.environment.filters)
            found = f"{written}: không có bộ lọc '{node.name}'" + (f"; có phải '{hint}'?" if hint else "")
            self.issues.append((T_FILTER, Issue(place, found, "chỉ dùng các bộ lọc có sẵn: number, money, quantity, percent, date_long, date_short và bộ lọc của Jinja")))
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in node.iter_child_nodes(exclude=("target",)):
                self.walk(child, scope)
            self.bind(node.target, scope, ())
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for argument in node.args:
                self.bind(argument, inner, ())
            inner.update({"caller": (), "varargs": (), "kwargs": ()})
            for child in node.iter_child_nodes(exclude=("args",)):
                self.walk(child, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = ()
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for value in node.values:
                self.walk(value, scope)
            for target in node.targets:
                self.bind(target, inner, ())
            for child in node.body:
                self.walk(child, inner)
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)

    def bind(self, target: nodes.Node, scope: dict[str, tuple[object, ...]], items: tuple[object, ...]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = items
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = ()


def _expression(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expression(node.node)}.{node.attr}"
    return "biểu thức"


def _template_environment() -> jinja2.Environment:
    from generator.rendering import jinja_environment

    return jinja_environment()


def _check_part(part: _TemplatePart, provided: Mapping[str, object], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
    issues = [(T_DOCXTPL, i) for i in _docxtpl_level_issues(part.tags, part.paragraphs)]
    blocks = _block_issues(part.tags)
    issues += [(T_BLOCK, i) for i in blocks]
    if blocks:
        return issues
    source = "\n".join(t.source for t in part.tags)
    try:
        tree = environment.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        index = (exc.lineno or 1) - 1
        tag = part.tags[min(max(index, 0), len(part.tags) - 1)] if part.tags else None
        place = tag.place if tag else "mẫu"
        written = f"«{tag.written}»: " if tag else ""
        issues.append((T_SYNTAX, Issue(place, f"{written}thẻ viết sai: {exc.message}", "thẻ Jinja viết đúng cú pháp ({{ biến }}, {% for x in danh_sách %} … {% endfor %})")))
        return issues
    check = _VariableCheck(provided, environment, part.tags)
    check.walk(tree, {})
    return issues + check.issues


def _docxtpl_issues(path: Path, parts: Sequence[_TemplatePart], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
    """What docxtpl itself makes of the template: XML left inside a tag, or a Jinja error."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    template.init_docx()
    xml = template.patch_xml(template.get_xml())
    issues: list[tuple[str, Issue]] = []
    all_tags = [t for part in parts for t in part.tags]
    for match in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", xml, re.DOTALL):
        if "<w:" in match.group(0):
            head = re.sub(r"<[^>]+>", "", match.group(0))[:30]
            tag = next((t for t in all_tags if t.source.startswith(head[:12])), None)
            issues.append((T_BROKEN, Issue(tag.place if tag else "mẫu", f"thẻ «{_snippet(head)}» còn lẫn mã XML mà docxtpl không gỡ được", "gõ lại thẻ liền một mạch trong Word")))
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    try:
        environment.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        line = source.splitlines()[(exc.lineno or 1) - 1] if exc.lineno else ""
        text = re.sub(r"<[^>]+>", "", line)
        tag = next((t for t in all_tags if t.source in text or t.written in text), None)
        issues.append((T_SYNTAX, Issue(tag.place if tag else f"mẫu (dòng XML {exc.lineno})", f"docxtpl không đọc được mẫu: {exc.message}", "thẻ Jinja viết đúng cú pháp")))
    return issues


def check_template(path: Path, provided: Mapping[str, object], prove: bool = True) -> list[Finding]:
    """The problems of a docxtpl template: split tags, unbalanced blocks, unknown names.

    `provided` is the context the program gives this template (see `provided_context`).
    When nothing is found and `prove` is set, the template is rendered with `provided` as
    the proof; `ntm generate` renders right after the check, so it does not ask for one.
    """
    doc = Doc(path)
    environment = _template_environment()
    parts = [_TemplatePart("thân", [], [])]
    parts[0].paragraphs = _template_paragraphs(doc.body, "")
    seen: set[int] = set()
    for section in doc.sections:
        for label, refs in (("đầu trang", section.headers), ("chân trang", section.footers)):
            for kind, element in refs.items():
                if element is None or id(element) in seen:
                    continue
                seen.add(id(element))
                prefix = f"{label} ({_KIND[kind]}) phần {section.number + 1}, "
                parts.append(_TemplatePart(prefix, _template_paragraphs(element, prefix), []))
    codes: list[tuple[str, Issue]] = []
    for part in parts:
        part.tags, split = _scan_tags(part.paragraphs)
        codes += [(T_SPLIT, i) for i in split]
    for part in parts:
        codes += _check_part(part, provided, environment)
    if not codes:
        codes += _docxtpl_issues(path, parts, environment)
    if not codes and prove:
        failure = _render_failure(path, provided)
        if failure is not None:
            codes.append((T_RENDER, Issue("toàn mẫu", failure, "mẫu dựng được với dữ liệu chương trình cung cấp")))
    return [Finding(code, issue.place, issue.found, issue.required, Severity.ERROR) for code, issue in codes]


def _render_failure(path: Path, provided: Mapping[str, object]) -> str | None:
    """Renders the template with docxtpl, as `ntm generate` does; the error, if any."""
    from generator.rendering import render_docx

    try:
        render_docx(path, dict(provided), dt.datetime(2000, 1, 1), "ntm check")
    except NtmError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure of the renderer is the finding
        return f"docxtpl không dựng được mẫu: {type(exc).__name__}: {exc}"
    return None


# ===================================================================== what the renderer provides


@functools.cache
def _sample_inputs() -> LoadedInputs:
    from generator.pipeline import load_inputs
    from generator.resources import shipped_inputs

    return load_inputs([shipped_inputs()])


@functools.cache
def provided_context(spec_key: str) -> Mapping[str, object]:
    """The context the renderer gives a document kind ('kh', 'pl', 'kht', 'bc', 'bcn' or a
    template's file name), built from the shipped sample (March for the monthly ones)."""
    from generator.documents import Source

    spec = _spec_of(spec_key)
    inputs = _sample_inputs()
    month = dt.date(inputs.commune.info.year, 3, 1) if spec.monthly else None
    source = Source(inputs.commune, inputs.activities, inputs.planned, month)
    return MappingProxyType(dict(spec.context(source)))


def _spec_of(key: str) -> DocumentSpec:
    from generator.documents import ALL_DOCUMENTS, DOCUMENTS_BY_KEY
    from generator.text import fold

    spec = DOCUMENTS_BY_KEY.get(fold(key)) or next((d for d in ALL_DOCUMENTS if d.template == Path(key).name), None)
    if spec is None:
        known = ", ".join(f"{d.key} ({d.template})" for d in ALL_DOCUMENTS)
        raise UsageError(f"Không biết loại văn bản '{key}'. Các loại có mẫu: {known}.")
    return spec


def template_kind(path: Path) -> str | None:
    """'kh', 'pl'… for a template named like a shipped one; None for another name."""
    from generator.documents import ALL_DOCUMENTS

    return next((d.key for d in ALL_DOCUMENTS if d.template == path.name), None)


__all__ = [
    "GUIDANCES",
    "RULES_2018",
    "DocumentUnreadable",
    "Finding",
    "FormatReport",
    "Guidance",
    "Rule",
    "check_document",
    "check_template",
    "format_report",
    "guidance_for",
    "provided_context",
    "template_kind",
]
