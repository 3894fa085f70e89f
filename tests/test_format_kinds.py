"""Which rules a document gets: its family (Party: HD36; state: ND30; neither: not checked),
its kind (a document of an organ, or a personal paper) and its layout as saved by another
program. Broken copies of the generated documents, checked from the DOCX alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from generator.formatcheck import NOT_CHECKED, Family, Kind, check_docx
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import Doc
from tests.docx_text import squash


def _changed(source: Path, target: Path, change: Callable[[Document], None]) -> Path:
    document = docx.Document(str(source))
    change(document)
    document.save(str(target))
    return target


def _replace(old: str, new: str) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        for text in d.element.body.iter(qn("w:t")):
            if text.text and old in text.text:
                text.text = text.text.replace(old, new)
                return
        raise AssertionError(old)

    return change


def _closing_table(d: Document) -> object:
    return next(t for t in d.tables if squash(t.cell(0, 0).paragraphs[0].text) == "Nơi nhận:")


def _as_personal_paper(d: Document) -> None:
    """The plan turned into a bản tự kiểm điểm: no Nơi nhận, signed in paragraphs."""
    _replace("KẾ HOẠCH", "BẢN TỰ KIỂM ĐIỂM")(d)
    table = _closing_table(d)._tbl
    table.getparent().remove(table)


def test_a_personal_paper_is_not_asked_for_nơi_nhận_number_or_trích_yếu(sample_outputs, tmp_path):
    path = _changed(sample_outputs["KH"], tmp_path / "ban-tu-kiem-diem.docx", _as_personal_paper)
    report = check_docx(path)
    assert report.kind is Kind.PAPER
    assert report.findings == (), "\n".join(str(f) for f in report.findings)


def test_the_same_document_of_an_organ_without_nơi_nhận_is_an_error(sample_outputs, tmp_path):
    def no_closing(d: Document) -> None:
        table = _closing_table(d)._tbl
        table.getparent().remove(table)

    report = check_docx(_changed(sample_outputs["KH"], tmp_path / "khong-noi-nhan.docx", no_closing))
    assert report.kind is Kind.ORGAN
    assert {f.rule for f in report.findings} == {"F-NOI-NHAN"}


def test_a_state_header_chooses_decree_30(sample_outputs, tmp_path):
    path = _changed(
        sample_outputs["KH"], tmp_path / "nha-nuoc.docx", _replace("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    )
    report = check_docx(path)
    assert find_parts(Doc(path)).family is Family.STATE
    assert report.guidance is not None and report.guidance.name.startswith("Nghị định 30/2020/NĐ-CP")
    rules = {f.rule for f in report.findings}
    assert "F-SO-KY-HIEU" in rules  # «Số 11-KH/ĐU» has no colon: ND30 writes «Số:»
    assert "F-SAO" not in rules  # the «*» is the Party's


def test_a_party_document_with_a_sentence_naming_the_state_stays_a_party_document(sample_outputs):
    assert find_parts(Doc(sample_outputs["KH"])).family is Family.PARTY


def test_a_document_with_no_national_title_is_not_checked_in_one_line(tmp_path):
    path = tmp_path / "de-kiem-tra.docx"
    document = docx.Document()
    document.add_paragraph("TRƯỜNG TIỂU HỌC A")
    document.add_paragraph("ĐỀ KIỂM TRA CUỐI KỲ")
    document.add_paragraph("Câu 1. Tính 2 + 3.")
    document.save(str(path))
    report = check_docx(path)
    assert report.guidance is None
    assert [f.rule for f in report.findings] == [NOT_CHECKED]


def _libreoffice_first_section(d: Document) -> None:
    """What LibreOffice writes for the monthly plan's one-page first section: no «different
    first page», and an empty header of its own."""
    section = d.sections[0]
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = False
    for paragraph in section.header.paragraphs:
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)


def test_a_one_page_first_section_without_different_first_page_prints_the_same(sample_outputs, tmp_path):
    path = _changed(sample_outputs["KHT"], tmp_path / "ke-hoach-thang-luu-lai.docx", _libreoffice_first_section)
    assert check_docx(path).findings == ()


def test_a_number_on_page_one_is_still_an_error(sample_outputs, tmp_path):
    def numbered(d: Document) -> None:
        d.sections[0].different_first_page_header_footer = False

    [finding] = check_docx(_changed(sample_outputs["KH"], tmp_path / "trang-1.docx", numbered)).findings
    assert finding.rule == "F-SO-TRANG" and "trang 1 in số trang" in finding.found


@pytest.mark.parametrize(
    ("text", "is_body"),
    [
        ("Kính gửi: Ban Thường vụ Đảng ủy xã", False),
        ("Ưu điểm:", False),
        ("Bình Xa, ngày 05 tháng 3 năm 2021", False),
        ("NGƯỜI TỰ KIỂM ĐIỂM", False),
        ("Họ và tên: ...........................................", False),
        ("{{ ho_ten }}", False),
        ("Chi bộ đã tổ chức sinh hoạt chuyên đề, có 25/27 đảng viên tham gia.", True),
    ],
)
def test_lines_that_are_not_prose_are_not_judged_as_body(sample_outputs, tmp_path, text, is_body):
    def change(d: Document) -> None:
        paragraph = next(p for p in d.paragraphs if p.text.startswith("Thực hiện Nghị quyết"))
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.runs[0].text = text
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)

    report = check_docx(_changed(sample_outputs["KH"], tmp_path / "dong.docx", change))
    assert ({f.rule for f in report.findings} == {"F-THAN-VAN-BAN"}) is is_body, "\n".join(str(f) for f in report.findings)


# ---------------------------------------------------------------- header layouts of real offices


def _document(path: Path, build: Callable[[Document], None]) -> Doc:
    document = docx.Document()
    build(document)
    document.save(str(path))
    return Doc(path)


def _centred(d: Document, text: str) -> None:
    d.add_paragraph(text).alignment = 1


def test_a_three_column_header_with_an_empty_middle(tmp_path):
    def build(d: Document) -> None:
        table = d.add_table(rows=1, cols=3)
        for text in ("ĐẢNG BỘ BỘ PHẬN", "CHI BỘ SINH VIÊN", "Số 05-NQ/CB", "*"):
            table.cell(0, 0).add_paragraph(text)
        for text in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Đà Nẵng, ngày 05 tháng 3 năm 2026"):
            table.cell(0, 2).add_paragraph(text)
        _centred(d, "NGHỊ QUYẾT")
        _centred(d, "đề nghị công nhận đảng viên chính thức")
        d.add_paragraph("Căn cứ Điều lệ Đảng;")

    parts = find_parts(_document(tmp_path / "nq.docx", build))
    assert parts.family is Family.PARTY and parts.kind is Kind.ORGAN
    assert parts.header is not None and [line.text for line in parts.left_lines()][-2:] == ["Số 05-NQ/CB", "*"]
    assert parts.date_line is not None and parts.date_line.text.startswith("Đà Nẵng")
    assert parts.type_line is not None and parts.type_line.text == "NGHỊ QUYẾT"
    assert [p.text for p in parts.title_lines] == ["đề nghị công nhận đảng viên chính thức"]


def test_a_header_laid_out_with_tabs(tmp_path):
    def build(d: Document) -> None:
        for text in (
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH BÌNH DƯƠNG\tĐộc lập - Tự do - Hạnh phúc",
            "Số: 09/2009/CT-UBND\tThủ Dầu Một, ngày 15 tháng 4 năm 2009",
        ):
            d.add_paragraph(text)
        _centred(d, "CHỈ THỊ")
        _centred(d, "Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở")
        d.add_paragraph("Trong thời gian qua, hoạt động khoa học và công nghệ được quan tâm.")

    parts = find_parts(_document(tmp_path / "ct.docx", build))
    assert parts.family is Family.STATE and parts.header is not None and parts.header.layout == "tabs"
    assert [line.text for line in parts.left_lines()] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "Số: 09/2009/CT-UBND"]
    assert parts.date_line is not None and parts.date_line.text == "Thủ Dầu Một, ngày 15 tháng 4 năm 2009"
    assert parts.type_line is not None and parts.type_line.text == "CHỈ THỊ"


def test_the_single_line_header_of_a_personal_paper(tmp_path):
    def build(d: Document) -> None:
        _centred(d, "ĐẢNG CỘNG SẢN VIỆT NAM")
        _centred(d, "BẢN TỰ KIỂM ĐIỂM")
        _centred(d, "của đảng viên dự bị")
        d.add_paragraph("Kính gửi: Chi ủy Chi bộ")
        d.add_paragraph("Tôi tự nhận thấy có đủ điều kiện trở thành đảng viên chính thức.")
        _centred(d, "Đà Nẵng, ngày 05 tháng 3 năm 2026")
        _centred(d, "NGƯỜI TỰ KIỂM ĐIỂM")
        _centred(d, "Nguyễn Văn An")

    parts = find_parts(_document(tmp_path / "bkd.docx", build))
    assert parts.family is Family.PARTY and parts.kind is Kind.PAPER
    assert parts.header is not None and parts.header.layout == "single-line"
    assert parts.type_line is not None and parts.type_line.text == "BẢN TỰ KIỂM ĐIỂM"
    assert [p.text for p in parts.closing] == ["Đà Nẵng, ngày 05 tháng 3 năm 2026", "NGƯỜI TỰ KIỂM ĐIỂM", "Nguyễn Văn An"]
    assert [b.para.text for b in parts.body if b.para is not None and b.para.text] == [
        "Kính gửi: Chi ủy Chi bộ",
        "Tôi tự nhận thấy có đủ điều kiện trở thành đảng viên chính thức.",
    ]
