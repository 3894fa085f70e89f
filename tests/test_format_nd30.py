"""The state rule table (Nghị định 30/2020/NĐ-CP, Phụ lục I): a state plan made from the
generated Party plan, clean under ND30; then one change, one rule."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from generator.formatcheck import check_docx
from tests.docx_text import squash


def _find(d: Document, text: str) -> Paragraph:
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if squash(paragraph.text) == text:
                        return paragraph
    for paragraph in d.paragraphs:
        if squash(paragraph.text) == text:
            return paragraph
    raise AssertionError(text)


def _set(paragraph: Paragraph, text: str, size: float | None = None) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    if size is not None:
        runs[0].font.size = Pt(size)


def _as_state_plan(d: Document) -> None:
    """The plan as a commune People's Committee would issue it under ND30."""
    _set(_find(d, "ĐẢNG BỘ HUYỆN HÀM YÊN"), "UBND HUYỆN HÀM YÊN", 13)
    _set(_find(d, "ĐẢNG ỦY XÃ BÌNH XA"), "ỦY BAN NHÂN DÂN XÃ BÌNH XA", 13)
    star = _find(d, "*")
    star._p.getparent().remove(star._p)
    _set(_find(d, "Số 11-KH/ĐU"), "Số: 11/KH-UBND", 13)
    title = _find(d, "ĐẢNG CỘNG SẢN VIỆT NAM")
    motto = copy.deepcopy(title._p)
    title._p.addnext(motto)
    border = title._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
    title._p.pPr.remove(border)
    _set(title, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13)
    _set(Paragraph(motto, title._parent), "Độc lập - Tự do - Hạnh phúc", 14)
    for run in _find(d, "KẾ HOẠCH").runs:
        run.font.size = Pt(14)
    for run in _find(d, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ").runs:
        run.text = run.text.replace("CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ", "Của Ủy ban nhân dân xã")
    closing = next(t for t in d.tables if squash(t.cell(0, 0).paragraphs[0].text) == "Nơi nhận:")
    label = closing.cell(0, 0).paragraphs[0]
    for run in label.runs:
        run.font.size, run.font.bold, run.font.italic, run.font.underline = Pt(12), True, True, None
    lines = [p for p in closing.cell(0, 0).paragraphs[1:] if p.text.strip()]
    for paragraph in lines[:-1]:
        _set(paragraph, squash(paragraph.text).rstrip(",") + ";", 11)
    _set(lines[-1], "- Lưu: VT.", 11)


def _state(sample: Path, target: Path, *changes: Callable[[Document], None]) -> Path:
    document = docx.Document(str(sample))
    _as_state_plan(document)
    for change in changes:
        change(document)
    document.save(str(target))
    return target


def test_a_state_plan_written_to_decree_30_is_clean(sample_outputs, tmp_path):
    report = check_docx(_state(sample_outputs["KH"], tmp_path / "ke-hoach-ubnd.docx"))
    assert report.guidance is not None and report.guidance.name.startswith("Nghị định 30/2020/NĐ-CP")
    assert report.findings == (), "\n".join(str(f) for f in report.findings)


def _no_colon(d: Document) -> None:
    _set(_find(d, "Số: 11/KH-UBND"), "Số 11/KH-UBND", 13)


def _comma_recipient(d: Document) -> None:
    closing = next(t for t in d.tables if squash(t.cell(0, 0).paragraphs[0].text) == "Nơi nhận:")
    first = closing.cell(0, 0).paragraphs[1]
    _set(first, squash(first.text).rstrip(";") + ",", 11)


def _underlined_label(d: Document) -> None:
    closing = next(t for t in d.tables if squash(t.cell(0, 0).paragraphs[0].text) == "Nơi nhận:")
    for run in closing.cell(0, 0).paragraphs[0].runs:
        run.font.bold, run.font.italic, run.font.underline = None, None, True


def _title_15(d: Document) -> None:
    for run in _find(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs:
        run.font.size = Pt(15)


def _type_16(d: Document) -> None:
    for run in _find(d, "KẾ HOẠCH").runs:
        run.font.size = Pt(16)


def _motto_plain(d: Document) -> None:
    for run in _find(d, "Độc lập - Tự do - Hạnh phúc").runs:
        run.font.bold = False


def _top_margin_30(d: Document) -> None:
    d.sections[0].top_margin = Pt(30 * 72 / 25.4)


ND30_BROKEN = [
    ("so-khong-hai-cham", _no_colon, "F-SO-KY-HIEU"),
    ("noi-nhan-dau-phay", _comma_recipient, "F-NOI-NHAN"),
    ("noi-nhan-gach-chan", _underlined_label, "F-NOI-NHAN"),
    ("quoc-hieu-15", _title_15, "F-QUOC-HIEU"),
    ("tieu-ngu-khong-dam", _motto_plain, "F-QUOC-HIEU"),
    ("loai-16", _type_16, "F-LOAI-VAN-BAN"),
    ("le-tren-30", _top_margin_30, "F-LE"),
]


@pytest.mark.parametrize(("name", "change", "rule"), ND30_BROKEN, ids=[b[0] for b in ND30_BROKEN])
def test_one_change_breaks_exactly_its_decree_30_rule(sample_outputs, tmp_path, name, change, rule):
    findings = check_docx(_state(sample_outputs["KH"], tmp_path / f"{name}.docx", change)).findings
    assert {f.rule for f in findings} == {rule}, "\n".join(str(f) for f in findings)
    assert all(f.is_error for f in findings)
