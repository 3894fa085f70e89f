"""The one DOCX walker: every paragraph a reader sees, once each, in document order."""

from pathlib import Path

import docx

from generator import docxwalk


def _document(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("trước bảng")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).paragraphs[0].text = "ô gộp"
    table.cell(1, 0).paragraphs[0].text = "ô thường"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = "bảng lồng"
    document.add_paragraph("sau bảng")
    document.sections[0].header.paragraphs[0].text = "đầu trang"
    document.sections[0].footer.paragraphs[0].text = "chân trang"
    document.save(str(path))
    return path


def test_every_paragraph_once_in_document_order(tmp_path: Path) -> None:
    document = docx.Document(str(_document(tmp_path / "d.docx")))
    texts = [p.text for p in docxwalk.paragraphs(document) if p.text]
    assert texts == ["trước bảng", "ô gộp", "ô thường", "bảng lồng", "sau bảng", "đầu trang", "chân trang"]
    body = [p.text for p in docxwalk.paragraphs(document, body_only=True) if p.text]
    assert body == texts[:5]


def test_a_table_is_walked_cell_by_cell_with_its_nested_tables(tmp_path: Path) -> None:
    document = docx.Document(str(_document(tmp_path / "d.docx")))
    texts = [p.text for p in docxwalk.table_paragraphs(document.tables[0]) if p.text]
    assert texts == ["ô gộp", "ô thường", "bảng lồng"]


def test_a_linked_header_is_not_created_by_walking(tmp_path: Path) -> None:
    path = _document(tmp_path / "d.docx")
    document = docx.Document(str(path))
    document.add_section()
    assert document.sections[1].header.is_linked_to_previous
    assert [p.text for p in docxwalk.paragraphs(document) if p.text].count("đầu trang") == 1
    assert document.sections[1].header.is_linked_to_previous
