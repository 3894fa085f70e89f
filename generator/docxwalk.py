"""The paragraphs of a DOCX as a reader meets them, in document order: the one walker.

The register (a draft's number line, date line and citations of its number), the linter (the
paragraphs of the body and of each header and footer) and the tests (a generated document's
paragraphs) all walk a document with it, so they agree on what a document holds: the body's
paragraphs with those of its tables (each cell once, nested tables too) and text boxes, then
each header and footer part once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

# python-docx is imported where a paragraph is made, not here: a command that reads no document
# (ntm numbering, ntm verify on an empty archive) does not load it
W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def paragraph_elements(container: Any) -> Iterator[Any]:
    """Every `w:p` element under `container` (a body, header, footer, table or cell element) in
    document order, those of nested tables and text boxes included."""
    yield from container.iter(W_P)


def stories(document: Any) -> Iterator[tuple[Any, Any]]:
    """(element, python-docx parent) of the body, then of each header and footer part once; a part
    linked to the previous section's has no element of its own (reading it would create one)."""
    yield document.element.body, document
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield part._element, part


def paragraphs(document: Any, *, body_only: bool = False) -> Iterator[Paragraph]:
    """The python-docx paragraphs of the whole document (or of its body only), in document order."""
    from docx.text.paragraph import Paragraph

    for element, parent in stories(document):
        for p in paragraph_elements(element):
            yield Paragraph(p, parent)
        if body_only:
            return


def table_paragraphs(table: Any) -> Iterator[Paragraph]:
    """The paragraphs of a python-docx table, cell by cell (each cell once), nested tables included."""
    from docx.text.paragraph import Paragraph

    for p in paragraph_elements(table._tbl):
        yield Paragraph(p, table)
