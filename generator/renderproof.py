"""What a direct render may leave unchecked, proved once per template.

Each render of the direct path (directrender) checked its body: expat parsed it to be sure it
is well-formed XML, and every table's rows were read to know whether docxtpl's grid fix is
needed. Together that was half of a render. Both can be decided once per template, from the
Jinja syntax tree of its body, and one watch during the render:

- **The template is balanced** (`prove`): the body as a whole, and every body of an
  ``{% if %}``, ``{% elif %}``, ``{% else %}`` and ``{% for %}``, is well-formed XML on its own,
  with every ``{{ value }}`` standing in an element's text or an attribute's value and every
  block standing between elements. Then any choice of branches and any number of loop turns
  gives well-formed XML. The template may use only output, ``if``, ``for`` and ``set``: the
  output of a macro, a call, a filter block or an include does not pass the watch below, and
  an autoescape block turns escaping off. Its text holds no newline or tab (docxtpl's listing
  would turn them into markup).
- **Every value the render prints is plain** (`finalize`, Jinja's hook on each printed value):
  a str with no character that XML forbids and no newline or tab, or a number, a date, a bool
  or None. Such a value, escaped by Jinja's autoescape, is text wherever it stands. Markup
  (``|safe``, a macro's output), which Jinja does not escape, is not plain; nor is an object
  whose ``str`` nobody has read.

When both hold, the body needs neither expat nor docxtpl's listing. Otherwise the render is
checked as before, and a malformed body goes to docxtpl's recovering parser.

**Steady grids.** In a balanced template whose tables all stand outside any block, the tables
of a render are the template's, one for one and in order. A table whose rows are fixed in the
template or repeated whole by a block (``{%tr for %}``, ``{%tr if %}``), and whose fixed rows
fill its grid, has the same grid on every render: docxtpl's fix_tables never changes it. Its
rows need no reading. A table with a column loop (``{%tc for %}``) is read on each render.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# stands for a printed value: an entity and a double hyphen, valid in an element's text or an
# attribute's value, and nowhere else (a tag's name, between attributes, a comment)
_VALUE = "&amp;--"
# stands for a block: an element, valid only between elements
_BLOCK = "ntm-block"
# Characters, as the inside of a regex class: those XML 1.0 forbids in text (a cell may hold
# them, pasted from other programs; a DOCX may not), and those docxtpl's listing turns into
# markup inside <w:t> text (tab, line break, paragraph and page break).
XML_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
LISTED = "\n\t\a\f"
_LISTING = re.compile(f"[{LISTED}]")
# in a printed str: what XML forbids (lone surrogates too), and what the listing turns into markup
_NOT_PLAIN = re.compile(f"[{XML_FORBIDDEN}\ud800-\udfff{LISTED}]")
_PLAIN_TYPES = frozenset({int, float, decimal.Decimal, bool, dt.date, dt.datetime, type(None)})
# the table structure that docxtpl's fix_tables reads
_TABLE_PARTS = frozenset(f"{_W}{name}" for name in ("tbl", "tr", "tc", "tcPr", "gridSpan", "tblGrid", "gridCol"))
_STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class Proof:
    """`balanced`: a render whose printed values are all plain is well-formed XML and needs no
    listing. `steady_grids`: the indexes, in body order, of the tables whose grid docxtpl never
    changes (meaningful only for such a render)."""

    balanced: bool
    steady_grids: frozenset[int]


NOTHING = Proof(balanced=False, steady_grids=frozenset())


class Printed:
    """What one render printed: `plain` stays True while every value was plain."""

    __slots__ = ("plain",)

    def __init__(self) -> None:
        self.plain = True


_PRINTED: ContextVar[Printed | None] = ContextVar("ntm_printed_values", default=None)


@jinja2.pass_eval_context
def finalize(eval_context: Any, value: Any) -> Any:
    """Jinja's `finalize`: every printed value, unchanged, noted when it is not plain.

    It takes the evaluation context so that Jinja never folds a constant output at compile
    time: then every printed value, constant or not, passes here during a render."""
    if value.__class__ is str:
        if _NOT_PLAIN.search(value) is None:
            return value
    elif value.__class__ in _PLAIN_TYPES:
        return value
    printed = _PRINTED.get()
    if printed is not None:
        printed.plain = False
    return value


@contextlib.contextmanager
def watching() -> Iterator[Printed]:
    """Watches the values printed by the renders run inside it (in this thread)."""
    printed = Printed()
    token = _PRINTED.set(printed)
    try:
        yield printed
    finally:
        _PRINTED.reset(token)


class _Unproven(Exception):
    pass


class _Skeleton:
    """A body's XML with a stand-in for each value and each block; the blocks' bodies kept apart."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []  # each block's bodies, as skeletons

    def of(self, body: Sequence[nodes.Node]) -> str:
        pieces = []
        for node in body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    if isinstance(child, nodes.TemplateData):
                        if _LISTING.search(child.data):
                            raise _Unproven("a newline or tab in the template's text")
                        if "<!" in child.data or "<?" in child.data:
                            # a comment, CDATA or processing instruction: a stand-in inside one
                            # would parse as its text, while what it stands for may end it
                            raise _Unproven("a comment, CDATA or processing instruction")
                        pieces.append(child.data)
                    else:
                        pieces.append(_VALUE)
            elif isinstance(node, nodes.If):
                pieces.append(self._block([node.body, *(branch.body for branch in node.elif_), node.else_]))
            elif isinstance(node, nodes.For):
                pieces.append(self._block([node.body, node.else_]))
            elif not isinstance(node, nodes.Assign):
                raise _Unproven(type(node).__name__)
        return "".join(pieces)

    def _block(self, bodies: list[list[nodes.Node]]) -> str:
        index = len(self.blocks)
        self.blocks.append([])
        self.blocks[index] = [self.of(body) for body in bodies]
        return f'<{_BLOCK} n="{index}"/>'


def prove(tree: nodes.Template, head: bytes, tail: bytes) -> Proof:
    """The proof for a body's syntax tree; `head` and `tail` are the document part around the
    body (they declare its namespaces)."""
    skeleton = _Skeleton()
    try:
        top = _parsed(skeleton.of(tree.body), head, tail)
        blocks = [[_parsed(body, head, tail) for body in bodies] for bodies in skeleton.blocks]
    except (_Unproven, etree.XMLSyntaxError):
        return NOTHING
    return Proof(balanced=True, steady_grids=_steady_grids(top, blocks))


def _parsed(skeleton: str, head: bytes, tail: bytes) -> Any:
    """The skeleton's elements, parsed strictly inside the document part: raises where it is not
    well-formed on its own."""
    document = etree.fromstring(head + f"<ntm-fragment>{skeleton}</ntm-fragment>".encode() + tail, _STRICT)
    return next(document.iter("ntm-fragment"))


def _steady_grids(top: Any, blocks: list[list[Any]]) -> frozenset[int]:
    if any(body.find(f".//{_W}tbl") is not None for bodies in blocks for body in bodies):
        return frozenset()  # a table inside a block: a render's tables are not the template's, one for one
    return frozenset(index for index, table in enumerate(top.iter(f"{_W}tbl")) if _steady(table, blocks))


def _steady(table: Any, blocks: list[list[Any]]) -> bool:
    """True where docxtpl's fix_tables leaves this table's grid as it is on every render: no row
    it can have is wider in cells than the grid, and a row present on every render fills it."""
    grid = table.find(f"{_W}tblGrid")
    if grid is None or _holds_blocks(grid):
        return False
    columns = len(grid.findall(f"{_W}gridCol"))
    always: list[Any] = []
    sometimes: list[Any] = []
    for child in table:
        if child.tag == f"{_W}tr":
            always.append(child)
        elif child.tag == _BLOCK:
            rows = _rows_of(child, blocks)
            if rows is None:
                return False
            sometimes += rows
        elif any(_structural(marker, blocks) for marker in child.iter(_BLOCK)):
            return False
    shapes = [_shape(row, blocks) for row in always + sometimes]
    if any(shape is None or shape[0] > columns for shape in shapes):
        return False
    widths = [shape[1] for shape in shapes[: len(always)] if shape is not None]
    return max(widths, default=0) >= columns


def _rows_of(marker: Any, blocks: list[list[Any]]) -> list[Any] | None:
    """The rows a block between a table's rows can print, or None where it prints anything else."""
    rows = []
    for body in blocks[int(marker.get("n"))]:
        if (body.text or "").strip():
            return None
        for child in body:
            if (child.tail or "").strip():
                return None
            if child.tag == f"{_W}tr":
                rows.append(child)
            elif child.tag == _BLOCK:
                inner = _rows_of(child, blocks)
                if inner is None:
                    return None
                rows += inner
            else:
                return None
    return rows


def _shape(row: Any, blocks: list[list[Any]]) -> tuple[int, int] | None:
    """A row's cells and the grid columns they span, or None where a block can change them."""
    if any(_structural(marker, blocks) for marker in row.iter(_BLOCK)):
        return None
    cells = row.findall(f"{_W}tc")
    width = 0
    for cell in cells:
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        if span is None:
            width += 1
            continue
        value = span.get(f"{_W}val", "")
        if not value.isdigit():
            return None  # a printed span, or none at all: read on each render
        width += int(value)
    return len(cells), width


def _structural(marker: Any, blocks: list[list[Any]]) -> bool:
    """True where the block prints (or may print, through the blocks in it) table structure."""
    for body in blocks[int(marker.get("n"))]:
        for element in body.iter():
            if element.tag in _TABLE_PARTS:
                return True
            if element.tag == _BLOCK and _structural(element, blocks):
                return True
    return False


def _holds_blocks(element: Any) -> bool:
    return next(element.iter(_BLOCK), None) is not None
