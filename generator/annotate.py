"""The annotated copy `<name>.loi.xlsx` that `ntm validate` writes beside a faulty workbook (SPEC §2).

Every problem that names a cell gets a fill on that cell (red for errors,
yellow for warnings) and a comment "[CODE] message"; a first sheet `Lỗi`
lists every problem, with a link to its cell. The original file is never
written to: the copy is made in memory and saved atomically beside it.

.xlsx/.xlsm are loaded with openpyxl (values, formulas, formats and other
sheets kept; macros, images and charts are not carried over). .xls and .ods
cannot be loaded by openpyxl: their copy is rebuilt from the values that
python-calamine reads, every cell at its own position.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from copy import copy
from pathlib import Path

import openpyxl
import python_calamine
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import column_index_from_string, quote_sheetname
from openpyxl.utils.exceptions import IllegalCharacterError, InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from generator.cells import put_text
from generator.errors import OutputProblem, Problem, Severity
from generator.files import write_atomically
from generator.reading import ANNOTATED_SUFFIX
from generator.text import fold

PROBLEM_SHEET = "Lỗi"
COMMENT_AUTHOR = "ntm"
ERROR_FILL = "FF9999"
WARNING_FILL = "FFEB9C"
HEADERS = ("STT", "Mức", "Trang", "Ô", "Mã", "Nội dung")
WIDTHS = (6, 11, 18, 9, 24, 110)

# Comments (Excel's notes) only on the first cells marked: a workbook with 100,000 problems
# would take more than a minute to write with one each. Every problem stays in the sheet `Lỗi`.
MAX_COMMENTS = 1_000
_MAX_CELL_TEXT = 32767  # Excel's limit for the text of one cell
_MAX_SHEET_TITLE = 31
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")  # control characters a cell cannot hold
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")


def annotated_path(original: Path) -> Path:
    """'so-moi.xlsx' → 'so-moi.xlsx.loi.xlsx' beside it: named after the whole file name, so that
    so-moi.xlsx, so-moi.ods and so-moi.xls each get their own copy."""
    return original.with_name(original.name + ANNOTATED_SUFFIX)


def write_annotated_copy(original: Path, problems: Sequence[Problem]) -> Path:
    """Writes `<name>.loi.xlsx` beside `original` (replacing an earlier one) and returns its path.

    Raises OutputProblem when the workbook cannot be opened or the copy cannot be written.
    """
    target = annotated_path(original)
    if _same_file(original, target):  # cannot happen with the naming rule; never overwrite the input
        raise OutputProblem(f"Không thể ghi bản đánh dấu lỗi đè lên chính tệp gốc '{original}'.")
    workbook, titles = _load_copy(original)
    _mark_cells(workbook, titles, original, problems)
    _add_problem_sheet(workbook, titles, original, problems)
    _save_atomically(workbook, target)
    return target


# --- loading ---------------------------------------------------------------------------------


def _load_copy(original: Path) -> tuple[Workbook, dict[str, str]]:
    """The workbook to annotate, and each sheet name as spelt in the original → its title in the copy."""
    if original.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "extension is not supported and will be removed" …
                workbook = openpyxl.load_workbook(original, keep_vba=False, rich_text=True)
        except OSError as exc:
            raise OutputProblem(f"Không đọc được tệp '{original}' để tạo bản đánh dấu lỗi: {exc.strerror or exc}.") from exc
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError):
            pass  # an unusual writer: fall back to the values, as for .xls/.ods
        else:
            return workbook, {ws.title: ws.title for ws in workbook.worksheets}
    return _rebuild_from_values(original)


def _rebuild_from_values(original: Path) -> tuple[Workbook, dict[str, str]]:
    try:
        source = python_calamine.CalamineWorkbook.from_path(str(original))
    except OSError as exc:
        raise OutputProblem(f"Không đọc được tệp '{original}' để tạo bản đánh dấu lỗi: {exc.strerror or exc}.") from exc
    except (python_calamine.CalamineError, ValueError) as exc:
        raise OutputProblem(
            f"Không mở được tệp '{original}' nên không tạo được bản đánh dấu lỗi ({exc.__class__.__name__})."
        ) from exc
    workbook = Workbook()
    workbook.remove(workbook.active)
    titles: dict[str, str] = {}
    try:
        for name in source.sheet_names:
            title = _sheet_title(name, set(titles.values()))
            titles[name] = title
            sheet = workbook.create_sheet(title)
            try:
                grid = source.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except (python_calamine.CalamineError, ValueError):
                continue  # a chart sheet or an unreadable one: kept as an empty sheet
            for r, values in enumerate(grid, start=1):
                for c, value in enumerate(values, start=1):
                    if value is None or value == "":
                        continue
                    _put_value(sheet.cell(row=r, column=c), value)
    finally:
        source.close()
    if not workbook.worksheets:
        workbook.create_sheet("Sheet1")
    return workbook, titles


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid openpyxl sheet title for `name` (at most 31 characters, no []:*?/\\), unique."""
    base = _BAD_TITLE.sub("_", name).strip("'") or "Trang"
    title = base[:_MAX_SHEET_TITLE]
    number = 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        title = base[: _MAX_SHEET_TITLE - len(suffix)] + suffix
        number += 1
    return title


def _put_value(cell: Cell, value: object) -> None:
    if isinstance(value, str):
        _put_text(cell, value)
    elif isinstance(value, bool | int | float):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = "dd/mm/yyyy hh:mm:ss" if value.time() != dt.time() else "dd/mm/yyyy"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
    elif isinstance(value, dt.time | dt.timedelta):
        cell.value = value
    else:
        _put_text(cell, str(value))


def _clean(text: str) -> str:
    text = _ILLEGAL.sub(" ", unicodedata.normalize("NFC", text))
    return text if len(text) <= _MAX_CELL_TEXT else text[: _MAX_CELL_TEXT - 1] + "…"


def _put_text(cell: Cell, text: str) -> None:
    """Stores `text` as text: a leading '=' is never taken for a formula."""
    put_text(cell, _clean(text))


# --- marking cells ---------------------------------------------------------------------------


def _is_ours(problem: Problem, workbook: Path) -> bool:
    """The problems of this workbook: by its whole path (a same-named workbook elsewhere is not it)."""
    location = problem.location
    if location.path:
        return location.path == str(workbook)
    return location.file in ("", workbook.name)


def _find_sheet(workbook: Workbook, titles: dict[str, str], name: str) -> Worksheet | None:
    """The sheet a problem names: its spelling in the original, else the same name after NFC and case folding."""
    if not name:
        return None
    title = titles.get(name)
    if title is None:
        key = fold(name)
        title = next((t for n, t in titles.items() if fold(n) == key), None)
    if title is None or fold(title) == fold(PROBLEM_SHEET) or title not in workbook.sheetnames:
        return None
    sheet = workbook[title]
    return sheet if isinstance(sheet, Worksheet) else None


def _coordinate(ref: str) -> str | None:
    """'f12' → 'F12'; None for anything that is not a single cell reference."""
    match = _CELL_REF.fullmatch(ref.replace("$", "").strip().upper())
    if match is None:
        return None
    column, row = match.group(1), int(match.group(2))
    if not 1 <= row <= _MAX_ROW or column_index_from_string(column) > _MAX_COLUMN:
        return None
    return f"{column}{row}"


def _anchor(sheet: Worksheet, coordinate: str) -> str:
    """The top-left cell of the merged range holding `coordinate` (a merged cell takes no comment)."""
    for merged in sheet.merged_cells.ranges:
        if coordinate in merged:
            return str(merged.start_cell.coordinate)
    return coordinate


def _target(workbook: Workbook, titles: dict[str, str], file_name: Path, problem: Problem) -> tuple[Worksheet, str] | None:
    if not _is_ours(problem, file_name):
        return None
    sheet = _find_sheet(workbook, titles, problem.location.sheet)
    coordinate = _coordinate(problem.location.cell)
    if sheet is None or coordinate is None:
        return None
    return sheet, _anchor(sheet, coordinate)


def _mark_cells(workbook: Workbook, titles: dict[str, str], file_name: Path, problems: Sequence[Problem]) -> None:
    marks: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        target = _target(workbook, titles, file_name, problem)
        if target is not None:
            marks.setdefault((target[0].title, target[1]), []).append(problem)
    fills = {colour: PatternFill(fill_type="solid", fgColor=colour, bgColor=colour) for colour in (ERROR_FILL, WARNING_FILL)}
    for index, ((title, coordinate), found) in enumerate(marks.items()):
        cell = workbook[title][coordinate]
        if isinstance(cell, MergedCell):  # defensive: _anchor gives the top-left cell
            continue
        is_error = any(p.severity is Severity.ERROR for p in found)
        cell.fill = fills[ERROR_FILL if is_error else WARNING_FILL]
        if index >= MAX_COMMENTS:
            continue  # coloured, and listed in the sheet `Lỗi`; a comment each would take minutes to write
        lines = [_clean(f"[{p.code}] {p.message}") for p in found]
        previous = cell.comment
        if previous is not None and previous.author != COMMENT_AUTHOR and previous.text.strip():
            lines.append("— Ghi chú có sẵn: " + previous.text.strip())
        cell.comment = _comment("\n\n".join(lines))


def _comment(text: str) -> Comment:
    text = text if len(text) <= _MAX_CELL_TEXT else text[: _MAX_CELL_TEXT - 1] + "…"
    comment = Comment(text, COMMENT_AUTHOR)
    width_chars = 60
    lines = sum(max(1, -(-len(line) // width_chars)) for line in text.split("\n"))
    comment.width = 360  # points
    comment.height = min(600, 20 + 15 * lines)
    return comment


# --- the sheet `Lỗi` -------------------------------------------------------------------------


def _add_problem_sheet(workbook: Workbook, titles: dict[str, str], file_name: Path, problems: Sequence[Problem]) -> None:
    key = fold(PROBLEM_SHEET)
    for existing in [*workbook.worksheets, *workbook.chartsheets]:
        if fold(existing.title) == key:
            workbook.remove(existing)  # from an earlier run on an already annotated file
    sheet = workbook.create_sheet(PROBLEM_SHEET, 0)
    bold = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=column)
        _put_text(cell, header)
        cell.font = bold
        cell.fill = PatternFill(fill_type="solid", fgColor="D9D9D9", bgColor="D9D9D9")
        cell.alignment = Alignment(vertical="center")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.freeze_panes = "A2"
    link_font = Font(color="0563C1", underline="single")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    fills = {
        is_error: PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)
        for is_error, colour in ((True, ERROR_FILL), (False, WARNING_FILL))
    }
    # openpyxl hashes every style object set on a cell; with 100,000 problems that is most of the
    # time of writing the copy. Each look is set once, then its style record is copied.
    looks: dict[tuple[object, ...], StyleArray] = {}

    def styled(cell: Cell, look: tuple[object, ...], **styles: object) -> None:
        known = looks.get(look)
        if known is not None:
            cell._style = copy(known)
            return
        for name, value in styles.items():
            setattr(cell, name, value)
        looks[look] = copy(cell._style)

    for index, problem in enumerate(problems, start=1):
        row = index + 1
        location = problem.location
        ours = _is_ours(problem, file_name)
        page = location.sheet if ours else " › ".join(p for p in (location.file, location.sheet) if p)
        number = sheet.cell(row=row, column=1, value=index)
        styled(number, ("number",), alignment=top)
        level = sheet.cell(row=row, column=2)
        _put_text(level, problem.severity.value)
        styled(level, ("level", problem.is_error), fill=fills[problem.is_error], alignment=top)
        page_cell = sheet.cell(row=row, column=3)
        _put_text(page_cell, page)
        styled(page_cell, ("top",), alignment=top)
        where = sheet.cell(row=row, column=4)
        _put_text(where, location.cell)
        target = _target(workbook, titles, file_name, problem)
        if target is not None:
            where.hyperlink = Hyperlink(ref=where.coordinate, location=f"{quote_sheetname(target[0].title)}!{target[1]}")
            styled(where, ("link",), font=link_font, alignment=top)
        else:
            styled(where, ("top",), alignment=top)
        code = sheet.cell(row=row, column=5)
        _put_text(code, problem.code)
        styled(code, ("top",), alignment=top)
        message = sheet.cell(row=row, column=6)
        _put_text(message, problem.message)
        styled(message, ("wrap",), alignment=wrap)
    sheet.auto_filter.ref = f"A1:F{len(problems) + 1}"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = False  # several selected tabs would group the sheets
    sheet.sheet_view.tabSelected = True
    workbook.active = 0


# --- writing ---------------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _save_atomically(workbook: Workbook, target: Path) -> None:
    """Saves to a temporary file in the target's folder, then renames it over the target."""
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except IllegalCharacterError as err:  # _clean removes them; kept as a last guard
        raise OutputProblem(f"Không ghi được bản đánh dấu lỗi '{target}': nội dung có ký tự không hợp lệ.") from err
    try:
        write_atomically(target, buffer.getvalue(), create_folder=False)  # beside its original
    except OutputProblem as exc:
        reason = exc.__cause__.strerror if isinstance(exc.__cause__, OSError) and exc.__cause__.strerror else exc.__cause__
        raise OutputProblem(
            f"Không ghi được bản đánh dấu lỗi '{target}': {reason or exc}. "
            "Hãy kiểm tra thư mục có cho phép ghi không và tệp này có đang mở trong Excel không."
        ) from exc


__all__ = ["ANNOTATED_SUFFIX", "PROBLEM_SHEET", "annotated_path", "write_annotated_copy"]
