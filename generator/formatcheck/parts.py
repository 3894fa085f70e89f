"""Where things are: a document's header block, type line, trích yếu, body, Nơi nhận and
signature; which family it belongs to (Party, state, neither) and which kind (a document
of an organ, or a personal paper such as a đơn or a bản tự kiểm điểm).

Real documents lay their header out in many ways: a 2-column table (ours, HD36), a
3-column table with an empty middle, a 2- or 3-row table (state decisions), the single
centred «ĐẢNG CỘNG SẢN VIỆT NAM» line of the KNĐ forms, or one paragraph per line with the
two halves separated by tabs. Each is read into the same `HeaderBlock`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from generator import vnformat
from generator.formatcheck.reading import Block, Doc, Para, Table, squash

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_STATE_TITLE = re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM")
_RULE_LINE = re.compile(r"^[-_–—=*.\s]{3,}$")
DASHES = re.compile(r"^(?:-{3,12}|_{3,})$")
DATE_LOOSE = vnformat.DATE_WORDS
_DATE_SHAPE = vnformat.DATE_SHAPE
_ANNEX_DATE = vnformat.SHORT_DATE
# Types of personal papers and fill-in forms: no number, no trích yếu, no Nơi nhận (HD36 §III;
# ND30 Phụ lục I applies to documents of organs).
_PAPER_TYPES = re.compile(
    r"^(?:BẢN\s+(?:TỰ\s+)?KIỂM\s+ĐIỂM|BẢN\s+NHẬN\s+XÉT|BẢN\s+CAM\s+KẾT|BẢN\s+KHAI|ĐƠN\b|GIẤY\s+GIỚI\s+THIỆU|"
    r"SƠ\s+YẾU\s+LÝ\s+LỊCH|LÝ\s+LỊCH|TỜ\s+KHAI|PHIẾU\b|TỔNG\s+HỢP\s+Ý\s+KIẾN\s+NHẬN\s+XÉT)"
)


class Family(enum.Enum):
    PARTY = "party"
    STATE = "state"


class Kind(enum.Enum):
    ORGAN = "văn bản của cơ quan, tổ chức"
    PAPER = "giấy tờ cá nhân, biểu mẫu"


def is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def is_rule_line(text: str) -> bool:
    """A line drawn with characters: «-----», «_______», «***»."""
    return bool(_RULE_LINE.match(text)) and not any(c.isalnum() for c in text)


@dataclass(frozen=True)
class Line:
    """One line of the header: a whole paragraph, or one tab-separated half of it."""

    para: Para
    text: str
    whole: bool = True  # False: part of a tab-laid-out paragraph; its runs are not its own

    @property
    def place(self) -> str:
        return self.para.place


@dataclass
class HeaderBlock:
    left: list[Line] = field(default_factory=list)  # organ names, «*», number
    right: list[Line] = field(default_factory=list)  # national title, motto, place and date
    table: Table | None = None
    layout: str = "table"  # 'table' | 'single-line' | 'tabs'

    @property
    def where(self) -> str:
        return f"bảng {self.table.number} (đầu văn bản)" if self.table is not None else "đầu văn bản"


def para_lines(para: Para) -> list[Line]:
    """A paragraph as header lines: itself, or each piece of it between line breaks
    («CỘNG HÒA …<br>Độc lập - Tự do - Hạnh phúc» in one paragraph)."""
    pieces = [squash(x) for x in para.text.split("\n") if x.strip()]
    if len(pieces) <= 1:
        return [Line(para, squash(para.text))] if para.text.strip() else []
    return [Line(para, piece, whole=False) for piece in pieces]


def _cell_lines(table: Table, column: int) -> list[Line]:
    lines = []
    for r, row in enumerate(table.rows()):
        if column < len(table.cells(row)):
            for p in table.cell_paragraphs(r, column):
                lines += para_lines(p)
    return lines


def _table_header(table: Table) -> HeaderBlock | None:
    rows = table.rows()
    if not rows or len(rows) > 4:
        return None
    widths = {len(table.cells(row)) for row in rows}
    if widths == {1}:
        lines = _cell_lines(table, 0)
        if lines and _family_of([lines[0].text]) is not None:
            return HeaderBlock([], lines, table, "single-line")  # the national title alone, centred in a box
        return None
    if not widths or max(widths) not in (2, 3):
        return None
    columns = max(widths)
    by_column = [_cell_lines(table, c) for c in range(columns)]
    text = " ".join(line.text.upper() for lines in by_column for line in lines)
    if PARTY_TITLE not in text and not _STATE_TITLE.search(text) and not any(line.text.startswith("Số") for line in by_column[0]):
        return None
    filled = [lines for lines in by_column if lines]
    if len(filled) < 2:
        return None
    return HeaderBlock(filled[0], filled[-1], table, "table")


def _title_index(lines: list[Line]) -> int | None:
    return next(
        (i for i, line in enumerate(lines) if PARTY_TITLE in line.text.upper() or _STATE_TITLE.search(line.text.upper())), None
    )


def _tab_header(paras: list[Para]) -> HeaderBlock | None:
    """Header laid out with tabs: «ỦY BAN NHÂN DÂN<tab>CỘNG HÒA …» one paragraph per line."""
    if not any("\t" in p.text and (_STATE_TITLE.search(p.text.upper()) or PARTY_TITLE in p.text.upper()) for p in paras[:2]):
        return None
    block = HeaderBlock(layout="tabs")
    for p in paras:
        pieces = [squash(x) for x in p.text.split("\t") if x.strip()]
        if not pieces:
            continue
        if len(pieces) == 1:
            line = Line(p, pieces[0], whole=False)
            (block.right if _DATE_SHAPE.search(pieces[0]) else block.left).append(line)
        else:
            block.left.append(Line(p, pieces[0], whole=False))
            block.right.append(Line(p, " ".join(pieces[1:]), whole=False))
    return block


@dataclass
class Parts:
    """The parts of one document, found once."""

    family: Family | None
    kind: Kind
    header: HeaderBlock | None
    type_line: Para | None
    title_lines: list[Para]
    dashes: Para | None
    body: list[Block]
    recipients: Table | None  # the closing table: Nơi nhận left, signature right
    closing: list[Para]  # the signature and date lines of a paper, after the body
    annex_title: Para | None
    annex_citation: Para | None

    # ---------------------------------------------------------------- header lines

    def left_lines(self) -> list[Line]:
        return [] if self.header is None else [line for line in self.header.left if not is_rule_line(line.text)]

    def right_lines(self) -> list[Line]:
        return [] if self.header is None else [line for line in self.header.right if not is_rule_line(line.text)]

    @property
    def title_line(self) -> Line | None:
        """The national title: «ĐẢNG CỘNG SẢN VIỆT NAM» or «CỘNG HÒA …»."""
        right = self.right_lines()
        index = _title_index(right)
        return right[index] if index is not None else None

    @property
    def date_line(self) -> Line | None:
        return next(
            (line for line in self.right_lines() if _DATE_SHAPE.search(line.text) or re.match(r"^[^,]{2,40},\s*[{«]", line.text)),
            None,
        )

    @property
    def date(self) -> dt.date | None:
        """The document's date: the place-date line (a draft without day: its month), or an annex's citation."""
        if self.date_line is not None:
            match = DATE_LOOSE.search(squash(self.date_line.text))
            if match:
                year = int(match.group(3))
                month = int(match.group(2)) if match.group(2) else 1
                day = int(match.group(1)) if match.group(1) else 1
                return safe_date(year, month, day)
        if self.annex_citation is not None:
            match = _ANNEX_DATE.search(self.annex_citation.text)
            if match:
                return safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        try:
            return dt.date(year, max(1, min(month, 12)), 1)
        except ValueError:
            return None


def _family_of(texts: list[str]) -> Family | None:
    """From the national title written as a title (in capitals), not from a sentence that names the Party."""
    for text in texts:
        for piece in re.split(r"[\t\n]", text):
            piece = squash(piece)
            if not piece.startswith(("ĐẢNG", "CỘNG")) or not piece[:22] == piece[:22].upper():
                continue
            upper = piece.upper()
            if upper.startswith(PARTY_TITLE):
                return Family.PARTY
            if _STATE_TITLE.match(upper):
                return Family.STATE
    return None


def _find_header(doc: Doc) -> tuple[HeaderBlock | None, int]:
    """The header block and the index of the first block after it."""
    blocks = doc.blocks
    first = next((i for i, b in enumerate(blocks) if b.table is not None or (b.para is not None and b.para.text.strip())), None)
    if first is None:
        return None, 0
    block = blocks[first]
    if block.table is not None:
        header = _table_header(block.table)
        return (header, first + 1) if header is not None else (None, first)
    paras = [
        (i, b.para) for i, b in enumerate(blocks[first : first + 8], start=first) if b.para is not None and b.para.text.strip()
    ]
    tabbed = _tab_header([p for _, p in paras[:4]])
    if tabbed is not None:
        end = first
        for i, p in paras[:4]:
            if "\t" in p.text or _DATE_SHAPE.search(p.text) or p.text.strip().startswith("Số"):
                end = i + 1
            else:
                break
        kept = {id(b.para) for b in blocks[first:end] if b.para is not None}
        tabbed.left = [line for line in tabbed.left if id(line.para) in kept]
        tabbed.right = [line for line in tabbed.right if id(line.para) in kept]
        return tabbed, end
    # the single centred line of the KNĐ forms and of a đơn: «ĐẢNG CỘNG SẢN VIỆT NAM» / «CỘNG HÒA … / Độc lập …»
    if block.para is not None and _family_of([block.para.text]) is not None:
        right = [Line(block.para, squash(block.para.text))]
        end = first + 1
        for i, p in paras[1:3]:
            text = squash(p.text)
            if text.startswith("Độc lập") or is_rule_line(text) or (_DATE_SHAPE.search(text) and len(text) < 90):
                right.append(Line(p, text))
                end = i + 1
            else:
                break
        return HeaderBlock([], right, None, "single-line"), end
    return None, first


def _closing_table(table: Table) -> bool:
    first = squash(" ".join(p.text for p in table.cell_paragraphs(0, 0))).casefold()
    if first.startswith("nơi nhận"):
        return True
    rows = table.rows()
    if len(rows) != 1 or len(table.cells(rows[0])) != 2:
        return False
    right = [squash(p.text) for p in table.cell_paragraphs(0, 1) if p.text.strip()]
    return bool(right) and bool(re.match(r"^(?:T/M|K/T|TM\.|KT\.|TL\.|TUQ\.|Q\.)", right[0])) and not first


_SIGN_WORDS = re.compile(r"^(?:NGƯỜI\s|ĐẢNG VIÊN\b|T/M\b|K/T\b|TM\.|KT\.|XÁC NHẬN\b|Ý KIẾN\b|CHỦ TRÌ\b|THƯ KÝ\b|BÍ THƯ\b)")


def find_parts(doc: Doc) -> Parts:
    cached = doc.cache.get("parts")
    if isinstance(cached, Parts):
        return cached
    parts = _find_parts(doc)
    doc.cache["parts"] = parts
    return parts


def _find_parts(doc: Doc) -> Parts:
    blocks = doc.blocks
    header, start = _find_header(doc)
    annex_title = annex_citation = None
    if header is None:
        first = next((i for i, b in enumerate(blocks) if b.para is not None and b.para.text.strip()), None)
        if first is not None and first == start:
            following = [b.para for b in blocks[first : first + 8] if b.para is not None and b.para.text.strip()][:5]
            citation = next((p for p in following if squash(p.text).startswith("(Kèm theo")), None)
            if citation is not None:
                annex_title, annex_citation = blocks[first].para, citation
    texts = [line.text for line in (header.left + header.right)] if header is not None else []
    texts += [b.para.text for b in blocks[:12] if b.para is not None]
    family = _family_of(texts)
    if family is None and annex_citation is not None:
        # an annex has no header of its own: its citation's number tells («số 11-KH/ĐU» Party, «số 15/QĐ-UBND» state)
        family = Family.STATE if re.search(r"số\s*\d+/", annex_citation.text) else Family.PARTY
    type_line: Para | None = None
    title_lines: list[Para] = []
    dashes: Para | None = None
    body_start = start
    if annex_title is None:
        rest = [(i, b.para) for i, b in enumerate(blocks) if i >= start and b.para is not None and b.para.text.strip()]
        rest = [(i, p) for i, p in rest if not is_rule_line(squash(p.text)) or "*" not in p.text]
        tables_after = [i for i, b in enumerate(blocks) if i >= start and b.table is not None]
        if (
            rest
            and (not tables_after or rest[0][0] < tables_after[0])
            and (doc.styles.alignment(rest[0][1].element) == "center" or is_caps(squash(rest[0][1].text)))
        ):
            index, type_line = rest[0]
            body_start = index + 1
            for index, para in rest[1:8]:
                text = squash(para.text)
                if DASHES.match(text):
                    dashes = para
                    body_start = index + 1
                    break
                if (
                    doc.styles.alignment(para.element) != "center"
                    or text.startswith("Kính gửi")
                    or (is_caps(text) and title_lines)
                ):
                    break
                title_lines.append(para)
                body_start = index + 1
    else:
        body_start = len(blocks)
    kind = Kind.ORGAN
    if (
        header is not None
        and header.layout == "single-line"
        or (type_line is not None and _PAPER_TYPES.match(squash(type_line.text).upper()))
    ):
        kind = Kind.PAPER
    recipients: Table | None = None
    end = len(blocks)
    for i, block in enumerate(blocks[body_start:], start=body_start):
        if block.table is not None and _closing_table(block.table):
            recipients = block.table
            end = i
            break
    body = blocks[body_start:end]
    closing: list[Para] = []
    if recipients is None:
        body, closing = _closing_paragraphs(doc, body)
    return Parts(family, kind, header, type_line, title_lines, dashes, body, recipients, closing, annex_title, annex_citation)


def _closing_paragraphs(doc: Doc, body: list[Block]) -> tuple[list[Block], list[Para]]:
    """The end of a document that signs in paragraphs, not in a table: from «Nơi nhận»
    (laid out with tabs), or the signature lines of a paper (its date line, «NGƯỜI TỰ KIỂM
    ĐIỂM», «(Ký, ghi rõ họ tên)», the name), which stand apart from the prose."""
    start = next((k for k, b in enumerate(body) if b.para is not None and squash(b.para.text).startswith("Nơi nhận")), None)
    if start is not None:
        return body[:start], [b.para for b in body[start:] if b.para is not None and b.para.text.strip()]
    closing: list[Para] = []
    texts_at = [b.para for b in body if b.para is not None and b.para.text.strip()]
    for para in reversed(texts_at):
        text = squash(para.text)
        if (
            _SIGN_WORDS.match(text.upper())
            or (_DATE_SHAPE.search(text) and len(text) < 90)
            or _is_name_line(text)
            or (text.startswith("(") and text.endswith(")") and len(text) < 60)
            or doc.styles.alignment(para.element) in ("center", "right")
            or _left_indent_mm(doc, para) >= 50
        ):
            closing.insert(0, para)
            continue
        break
    if not closing:
        return body, []
    cut = next(k for k, b in enumerate(body) if b.para is closing[0])
    return body[:cut], closing


def _left_indent_mm(doc: Doc, para: Para) -> float:
    """How far the first line starts from the left margin: a signature set to the right with indents."""
    left = doc.styles.twips(para.element, "ind", "left") or doc.styles.twips(para.element, "ind", "start") or 0
    first = doc.styles.twips(para.element, "ind", "firstLine") or 0
    return (left + first) / (1440 / 25.4)


def _is_name_line(text: str) -> bool:
    """A signer's name: a template tag alone, or two to five capitalised words."""
    if re.fullmatch(r"[{«].*[}»]", text):
        return True
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not text.endswith((".", ":", ";", ","))


__all__ = [
    "DASHES",
    "DATE_LOOSE",
    "PARTY_TITLE",
    "STATE_TITLE",
    "Family",
    "HeaderBlock",
    "Kind",
    "Line",
    "Parts",
    "find_parts",
    "is_caps",
    "is_rule_line",
    "safe_date",
]
