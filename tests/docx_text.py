"""Reading generated documents back as a person reads them: text in document order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def blocks(document: Document) -> Iterator[Paragraph | Table]:
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def table_lines(table: Table) -> Iterator[str]:
    """Cell by cell, row by row; a merged cell once."""
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                yield paragraph.text
            for inner in cell.tables:
                yield from table_lines(inner)


def lines(path: Path) -> list[str]:
    document = docx.Document(str(path))
    found: list[str] = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            found.append(block.text)
        else:
            found.extend(table_lines(block))
    return found


def text(path: Path) -> str:
    """The whole document as one whitespace-normalised string."""
    return squash(" ".join(lines(path)))


def table_cells(table: Table) -> list[list[str]]:
    return [[squash(cell.text) for cell in row.cells] for row in table.rows]
