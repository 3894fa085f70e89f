"""What the printed page shows (LibreOffice → PDF → pypdf): broken copies of the generated
documents, each with one fault a secretary sees on paper and the DOCX rules cannot."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from generator.errors import Severity
from generator.formatcheck import FormatReport, check_docx, check_printed
from generator.formatcheck.printed import PRINT_SKIPPED
from tests.docx_text import squash
from tests.office import needs_soffice  # noqa: E402


def _page_break() -> object:
    return parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')


def _closing_table(d: Document) -> object:
    return next(t for t in d.tables if squash(t.cell(0, 0).paragraphs[0].text) == "Nơi nhận:")


def _signature_alone(d: Document) -> None:
    """A page break before Nơi nhận and the signature: they print alone on the last page."""
    _closing_table(d)._tbl.addprevious(_page_break())


def _tnr(run: object, size: float) -> None:
    run.font.name = "Times New Roman"  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]


def _orphan_row(d: Document) -> None:
    """A table starting on a fresh page, rows of exactly 10 mm: the page holds the header and
    24 rows (257 mm of text area), so row 25 and the total print alone on the next page."""
    body = d.element.body
    body.insert(len(body) - 1, _page_break())
    table = d.add_table(rows=27, cols=3)
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    texts = (
        [("STT", "Nội dung hoạt động", "Thôn")]
        + [(str(i), f"Hoạt động thứ {i:02d} của bảng thử", "Thôn Đo") for i in range(1, 26)]
        + [("", "Tổng cộng các hoạt động", "25")]
    )
    for r, row in enumerate(table.rows):
        row.height = Mm(10)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        if r == 0:
            tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for c, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            _tnr(paragraph.add_run(texts[r][c]), 13)


def _png(width: int, height: int) -> bytes:
    """A plain grey PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _picture_too_tall(tmp: Path) -> Callable[[Document], None]:
    """A 200 mm picture after the first paragraph: it cannot fit under the header and title,
    so page 1 ends half empty and the picture starts page 2."""

    def change(d: Document) -> None:
        image = tmp / "hinh.png"
        image.write_bytes(_png(16, 20))
        first = next(p for p in d.paragraphs if p.text.startswith("Thực hiện Nghị quyết"))
        picture = d.add_paragraph()
        picture.alignment = 1
        picture.add_run().add_picture(str(image), width=Mm(150), height=Mm(200))
        first._p.addnext(picture._p)

    return change


def _tiny_table_text(d: Document) -> None:
    """One cell of the annex table printed at 8 pt."""
    for run in d.tables[0].rows[2].cells[2].paragraphs[0].runs:
        run.font.size = Pt(8)


def _no_page_numbers(d: Document) -> None:
    """The page number field taken out of the header: pages 2… print without a number."""
    for section in d.sections:
        for paragraph in section.header.paragraphs:
            for child in list(paragraph._p):
                if child.tag != qn("w:pPr"):
                    paragraph._p.remove(child)


PRINTED = [
    ("chu-ky-trang-rieng", "KH", lambda tmp: _signature_alone, {"F-IN-TRANG-KY"}),
    ("dong-bang-le-loi", "KH", lambda tmp: _orphan_row, {"F-IN-DONG-LE"}),
    ("trang-trong-truoc-hinh", "KH", _picture_too_tall, {"F-IN-TRANG-TRONG"}),
    ("chu-in-8-pt", "PL", lambda tmp: _tiny_table_text, {"F-IN-CO-CHU", "F-BANG"}),
    ("khong-in-so-trang", "KH", lambda tmp: _no_page_numbers, {"F-SO-TRANG"}),
]


@pytest.fixture(scope="module")
def printed_reports(sample_outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, FormatReport]:
    """The broken copies, printed in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("printed")
    paths = []
    for name, kind, make, _ in PRINTED:
        document = docx.Document(str(sample_outputs[kind]))
        make(folder)(document)
        target = folder / f"{name}.docx"
        document.save(str(target))
        paths.append(target)
    return {r.path.stem: r for r in check_printed(paths)}


@needs_soffice
@pytest.mark.parametrize(("name", "rules"), [(p[0], p[3]) for p in PRINTED], ids=[p[0] for p in PRINTED])
def test_one_printed_fault_one_finding(printed_reports, name, rules):
    report = printed_reports[name]
    assert {f.rule for f in report.findings} == rules, "\n".join(str(f) for f in report.findings)
    for finding in report.findings:
        assert finding.place.startswith("bản in, trang ") or finding.rule == "F-BANG"
    # page numbers are prescribed (an error); the layout faults are what a careful office avoids (warnings)
    assert all(f.is_error == (f.rule == "F-SO-TRANG") for f in report.findings)


@needs_soffice
def test_the_findings_say_which_page(printed_reports):
    [alone] = printed_reports["chu-ky-trang-rieng"].findings
    assert "chỉ có Nơi nhận và chữ ký" in alone.found
    [orphan] = printed_reports["dong-bang-le-loi"].findings
    assert orphan.place.endswith("bảng 3") and "chỉ có 2 dòng cuối" in orphan.found  # the header, the closing table, this one
    [blank] = printed_reports["trang-trong-truoc-hinh"].findings
    assert blank.place == "bản in, trang 1" and "trang 2" in blank.found
    small = next(f for f in printed_reports["chu-in-8-pt"].findings if f.rule == "F-IN-CO-CHU")
    assert "8 pt" in small.found
    [numbers] = printed_reports["khong-in-so-trang"].findings
    assert numbers.place.startswith("bản in, trang 2")


def test_without_libreoffice_the_printed_checks_say_they_were_skipped(sample_outputs, monkeypatch):
    monkeypatch.setattr("generator.pdf.find_soffice", lambda: None)
    [report] = check_printed([sample_outputs["KH"]])
    assert report.findings == (PRINT_SKIPPED,)
    assert PRINT_SKIPPED.severity is Severity.WARNING and "LibreOffice" in PRINT_SKIPPED.found
    assert check_docx(sample_outputs["KH"]).findings == ()  # the DOCX rules alone say nothing of printing
