"""Writing a clerk's text into a workbook cell as text, never as a formula.

openpyxl takes any string starting with '=' for a formula: a unit named '=2+3' would
show 5, and '=HYPERLINK(…)' would become a link. Every workbook ntm writes (init,
init --unit, annotated copies, the register export, the sample) puts user text
through put_text.
"""

from __future__ import annotations

from typing import Any

# Excel and LibreOffice read a cell typed starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@")


def put_text(cell: Any, text: str) -> Any:
    """Stores `text` in `cell` as a string; a formula-like start also gets Excel's quote
    prefix, so that the cell stays text when the clerk edits it."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def put_value(cell: Any, value: object) -> Any:
    """Any cell value, strings as text (put_text), others as they are."""
    if isinstance(value, str):
        return put_text(cell, value)
    cell.value = value
    return cell
