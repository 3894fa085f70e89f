"""Data tables (not the layout tables of the header and the signature)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.formatcheck.engine import Issue, Look, Profile, look_problems
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import (
    FALSE,
    NO_BORDER,
    Doc,
    Element,
    Table,
    attr,
    find_child,
    is_table_borderless,
    table_borders,
    w,
)


def data_tables(doc: Doc) -> Iterator[Table]:
    parts = find_parts(doc)
    layout = (parts.header.table if parts.header else None, parts.recipients)
    for table in doc.tables:
        if table in layout or is_table_borderless(table.element, doc.styles):
            continue
        yield table


def _row_flag(row: Element, name: str) -> bool:
    element = find_child(row, "trPr", name)
    return element is not None and (attr(element, "val") or "true").lower() not in FALSE


def check_tables(doc: Doc, profile: Profile) -> Iterator[Issue]:
    """Conventions for tables that print well; not prescribed by the guidance (a warning)."""
    for table in data_tables(doc):
        rows = table.rows()
        if not rows:
            continue
        where = f"bảng {table.number}"
        if len(rows) > 2 and not _row_flag(rows[0], "tblHeader"):
            yield Issue(
                f"{where}, dòng 1",
                "dòng tiêu đề của bảng không lặp lại ở đầu mỗi trang",
                "dòng tiêu đề lặp lại ở mỗi trang (Lặp lại hàng tiêu đề)",
            )
        split = [i for i, row in enumerate(rows, start=1) if not _row_flag(row, "cantSplit")]
        if split:
            more = f" (và {len(split) - 1} dòng khác)" if len(split) > 1 else ""
            yield Issue(
                f"{where}, dòng {split[0]}{more}",
                "dòng của bảng có thể bị ngắt sang trang sau",
                "mỗi dòng của bảng không bị ngắt qua hai trang",
            )
        borders = table_borders(table.element, doc.styles)
        odd = {edge: value for edge, value in borders.items() if value != "single"}
        cell_odd = {
            str(attr(edge, "val"))
            for tc_borders in table.element.iter(w("tcBorders"))
            for edge in tc_borders
            if (attr(edge, "val") or "nil") not in (*NO_BORDER, "single")
        }
        if odd or cell_odd:
            shown = ", ".join(f"{edge}: {value}" for edge, value in odd.items()) or ", ".join(sorted(cell_odd))
            yield Issue(where, f"viền bảng không phải nét đơn ({shown})", "bảng kẻ viền nét đơn (single) ở mọi cạnh")
        wrong = [(p, problems) for p in table.all_paragraphs() if (problems := look_problems(doc, p, Look(size=(12, 13))))]
        if wrong:
            para, problems = wrong[0]
            more = f" (và {len(wrong) - 1} đoạn khác)" if len(wrong) > 1 else ""
            yield Issue(para.place + more, f"chữ trong bảng {', '.join(problems)}", "chữ trong bảng cỡ 12–13")
