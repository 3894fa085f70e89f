"""SPEC §6 on the generated plan and annex, read back with python-docx."""

from __future__ import annotations

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator import docxwalk
from tests import docx_format as fmt
from tests.docx_text import squash

ALL = ["KH", "PL", "KHT", "BC", "BCN"]
HEADED = ["KH", "KHT", "BC", "BCN"]  # the annex goes with its plan and has no header of its own


@pytest.fixture(scope="module")
def documents(sample_outputs):
    return {kind: docx.Document(str(path)) for kind, path in sample_outputs.items()}


@pytest.fixture(scope="module")
def plan(documents):
    return documents["KH"]


@pytest.fixture(scope="module")
def annex(documents):
    return documents["PL"]


def _paragraph(document, text):
    for paragraph in docxwalk.paragraphs(document, body_only=True):
        if squash(paragraph.text) == text:
            return paragraph
    raise AssertionError(f"no paragraph {text!r}")


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def _assert_runs(document, text, size, bold=False, italic=False, underline=False):
    paragraph = _paragraph(document, text)
    runs = _runs(paragraph)
    assert runs, text
    for run in runs:
        assert fmt.run_size(run, paragraph, document) == Pt(size), (text, run.text)
        assert fmt.run_flag(run, paragraph, "bold") is bold, (text, run.text)
        assert fmt.run_flag(run, paragraph, "italic") is italic, (text, run.text)
        assert fmt.run_flag(run, paragraph, "underline") is underline, (text, run.text)
    return paragraph


def _within(length, mm):
    return abs(length.mm - mm) <= 1


@pytest.mark.parametrize("which", ALL)
def test_a4_and_margins(documents, which):
    document = documents[which]
    for section in document.sections:
        long_side, short_side = max(section.page_width, section.page_height), min(section.page_width, section.page_height)
        assert _within(long_side, 297) and _within(short_side, 210)
        assert _within(section.top_margin, 20) and _within(section.bottom_margin, 20)
        assert _within(section.left_margin, 30) and _within(section.right_margin, 15)


def test_plan_is_portrait_and_annex_is_a_landscape_section(plan, annex):
    assert all(s.orientation == WD_ORIENT.PORTRAIT and s.page_width < s.page_height for s in plan.sections)
    assert all(s.orientation == WD_ORIENT.LANDSCAPE and s.page_width > s.page_height for s in annex.sections)


@pytest.mark.parametrize("which", ALL)
def test_times_new_roman_everywhere_and_black(documents, which):
    document = documents[which]
    paragraphs = list(docxwalk.paragraphs(document, body_only=True))
    for paragraph in paragraphs:
        for run in _runs(paragraph):
            assert fmt.run_fonts(run, paragraph, document) == {"Times New Roman"}, run.text
            assert fmt.run_color(run) in (None, "auto", "000000"), run.text


def test_header_is_a_borderless_two_column_table(plan):
    header = plan.tables[0]
    assert len(header.columns) == 2
    assert fmt.table_has_no_borders(header)
    left = [squash(p.text) for p in header.cell(0, 0).paragraphs if p.text.strip()]
    right = [squash(p.text) for p in header.cell(0, 1).paragraphs if p.text.strip()]
    assert left == ["ĐẢNG BỘ HUYỆN HÀM YÊN", "ĐẢNG ỦY XÃ BÌNH XA", "*", "Số 11-KH/ĐU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bình Xa, ngày 15 tháng 01 năm 2021"]


def test_header_elements_fonts(plan):
    _assert_runs(plan, "ĐẢNG BỘ HUYỆN HÀM YÊN", 14)
    _assert_runs(plan, "ĐẢNG ỦY XÃ BÌNH XA", 14, bold=True)
    star = _paragraph(plan, "*")
    assert fmt.paragraph_value(star, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    number = _assert_runs(plan, "Số 11-KH/ĐU", 14)
    assert ":" not in number.text
    party = _assert_runs(plan, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    assert fmt.has_bottom_border(party), "a solid line under ĐẢNG CỘNG SẢN VIỆT NAM"
    _assert_runs(plan, "Bình Xa, ngày 15 tháng 01 năm 2021", 14, italic=True)


def test_type_title_and_dashes(plan):
    kind = _assert_runs(plan, "KẾ HOẠCH", 16, bold=True)
    assert fmt.paragraph_value(kind, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    title = next(p for p in plan.paragraphs if p.text.startswith("về tổ chức phong trào"))
    assert fmt.paragraph_value(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text[0].islower()
    for run in _runs(title):
        assert fmt.run_size(run, title, plan) == Pt(14) and fmt.run_flag(run, title, "bold")
    texts = [squash(p.text) for p in plan.paragraphs if p.text.strip()]
    after_title = texts[texts.index(squash(title.text)) + 1]
    assert after_title == "-----"
    dashes = _paragraph(plan, "-----")
    assert fmt.paragraph_value(dashes, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    kinds = texts[: texts.index("KẾ HOẠCH") + 1]
    assert kinds[-1] == "KẾ HOẠCH"


def _body_paragraphs(plan):
    texts = [p for p in plan.paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(texts) if p.text.startswith("Thực hiện Nghị quyết"))
    return texts[start:]


def test_body_is_14pt_justified_with_first_line_indent_and_spacing(plan):
    for paragraph in _body_paragraphs(plan):
        assert fmt.paragraph_value(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, paragraph.text[:40]
        indent = fmt.paragraph_value(paragraph, "first_line_indent")
        assert indent is not None and Mm(10) <= indent <= Mm(12.8), paragraph.text[:40]
        after = fmt.paragraph_value(paragraph, "space_after") or 0
        before = fmt.paragraph_value(paragraph, "space_before") or 0
        assert max(after, before) >= Pt(6), paragraph.text[:40]
        spacing = fmt.paragraph_value(paragraph, "line_spacing")
        assert spacing is None or (isinstance(spacing, float) and 1.0 <= spacing <= 1.5) or Pt(18) <= spacing <= Pt(22)
        for run in _runs(paragraph):
            assert fmt.run_size(run, paragraph, plan) == Pt(14), paragraph.text[:40]


@pytest.mark.parametrize(
    "heading",
    [
        "I- MỤC ĐÍCH, YÊU CẦU",
        "II- THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM THỰC HIỆN",
        "IV- MỘT SỐ MỤC TIÊU, NHIỆM VỤ NĂM 2021",
        "V- TỔ CHỨC THỰC HIỆN",
    ],
)
def test_section_headings_are_bold(plan, heading):
    _assert_runs(plan, heading, 14, bold=True)


def test_noi_nhan_block(plan):
    block = plan.tables[-1]
    assert fmt.table_has_no_borders(block)
    left = [p for p in block.cell(0, 0).paragraphs if p.text.strip()]
    label = left[0]
    assert label.text == "Nơi nhận:"
    for run in _runs(label):
        assert fmt.run_size(run, label, plan) == Pt(14) and fmt.run_flag(run, label, "underline")
    lines = [squash(p.text) for p in left[1:]]
    assert lines == [
        "- BTV Huyện ủy (báo cáo),",
        "- Đ/c Lê Anh Tuấn - Ủy viên BTV Huyện ủy, Chỉ huy Trưởng BCHQS huyện,",
        "- Đ/c Trần Danh Tuyên ủy viên BCH Đảng bộ huyện,",
        "- TT. HĐND, UBND xã,",
        "- UB MTTQ, các đoàn thể xã,",
        "- Bí thư các chi bộ,",
        "- Các đ/c đảng ủy viên,",
        "- Lưu VPĐU xã.",
    ]
    for paragraph in left[1:]:
        for run in _runs(paragraph):
            assert fmt.run_size(run, paragraph, plan) == Pt(12)


def test_signature_block(plan):
    right = plan.tables[-1].cell(0, 1)
    paragraphs = right.paragraphs
    texts = [squash(p.text) for p in paragraphs]
    filled = [t for t in texts if t]
    assert filled == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Ngọc Duyên"]
    _assert_runs(plan, "T/M ĐẢNG ỦY", 14, bold=True)
    _assert_runs(plan, "BÍ THƯ", 14)
    _assert_runs(plan, "Lê Ngọc Duyên", 14, bold=True)
    gap = texts.index("Lê Ngọc Duyên") - texts.index("BÍ THƯ") - 1
    assert gap >= 3, "room for the signature and the seal"
    for paragraph in paragraphs:
        if paragraph.text.strip():
            assert fmt.paragraph_value(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize("which", ALL)
def test_page_numbers_top_centre_from_page_two(documents, which):
    document = documents[which]
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert not first.first_page_header.is_linked_to_previous
    assert "PAGE" not in first.first_page_header._element.xml
    # a later (landscape) section starts on a later page: its first page is numbered
    for section in document.sections[1:]:
        assert not section.different_first_page_header_footer
    for section in document.sections:
        header_xml = section.header._element.xml
        assert "PAGE" in header_xml
        [number] = [p for p in section.header.paragraphs if "PAGE" in p._element.xml]
        assert fmt.paragraph_value(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        sizes = number._element.findall(".//" + qn("w:sz"))
        assert sizes and all(s.get(qn("w:val")) == "28" for s in sizes)
        assert "PAGE" not in section.footer._element.xml


def test_annex_table_format(annex):
    [table] = annex.tables
    first = table.rows[0]
    assert first._tr.trPr is not None and first._tr.trPr.find(qn("w:tblHeader")) is not None, "header row repeated"
    for row in table.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None, "rows not split"
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in _runs(paragraph):
                    assert Pt(12) <= fmt.run_size(run, paragraph, annex) <= Pt(13)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = borders.find(qn(f"w:{edge}"))
        assert element is not None and element.get(qn("w:val")) == "single", edge
    for cell in first.cells:
        for paragraph in cell.paragraphs:
            for run in _runs(paragraph):
                assert fmt.run_flag(run, paragraph, "bold")


def test_annex_title_bold_caps_and_italic_citation(annex):
    _assert_runs(annex, "PHÂN CÔNG", 14, bold=True)
    _assert_runs(annex, "(Kèm theo Kế hoạch số 11-KH/ĐU, ngày 15/01/2021 của Đảng ủy xã Bình Xa)", 14, italic=True)


@pytest.mark.parametrize("which", HEADED)
def test_every_headed_document_has_the_party_header(documents, which):
    document = documents[which]
    header = document.tables[0]
    assert fmt.table_has_no_borders(header)
    left = [squash(p.text) for p in header.cell(0, 0).paragraphs if p.text.strip()]
    right = [squash(p.text) for p in header.cell(0, 1).paragraphs if p.text.strip()]
    assert left[:3] == ["ĐẢNG BỘ HUYỆN HÀM YÊN", "ĐẢNG ỦY XÃ BÌNH XA", "*"]
    assert left[3].startswith("Số ") and ":" not in left[3]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[1].startswith("Bình Xa, ngày")
    party = _assert_runs(document, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    assert fmt.has_bottom_border(party)
    _assert_runs(document, right[1], 14, italic=True)


@pytest.mark.parametrize(("which", "number"), [("KHT", "Số      -KH/ĐU"), ("BC", "Số      -BC/ĐU"), ("BCN", "Số      -BC/ĐU")])
def test_monthly_and_annual_documents_are_drafts_with_a_blank_number(documents, which, number):
    left = [p.text for p in documents[which].tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert left[3] == number


@pytest.mark.parametrize("which", HEADED)
def test_every_headed_document_ends_with_noi_nhan_and_signature(documents, which):
    document = documents[which]
    block = next(t for t in document.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    assert fmt.table_has_no_borders(block)
    label = block.cell(0, 0).paragraphs[0]
    assert all(fmt.run_flag(r, label, "underline") for r in _runs(label))
    lines = [squash(p.text) for p in block.cell(0, 0).paragraphs[1:] if p.text.strip()]
    assert lines[-1] == "- Lưu VPĐU xã."
    assert all(line.startswith("- ") and line.endswith(",") for line in lines[:-1])
    signature = [squash(p.text) for p in block.cell(0, 1).paragraphs if p.text.strip()]
    assert signature == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Ngọc Duyên"]


def _data_tables(document):
    return [t for t in document.tables if not fmt.table_has_no_borders(t)]


@pytest.mark.parametrize("which", ["PL", "KHT", "BC", "BCN"])
def test_data_tables_repeat_their_header_keep_rows_whole_and_use_12_to_13_pt(documents, which):
    document = documents[which]
    tables = _data_tables(document)
    assert tables
    for table in tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in _runs(paragraph):
                        assert Pt(12) <= fmt.run_size(run, paragraph, document) <= Pt(13)


@pytest.mark.parametrize("which", ["KHT", "BC", "BCN"])
def test_type_is_16_pt_bold_and_title_starts_lower_case(documents, which):
    document = documents[which]
    texts = [p for p in document.paragraphs if p.text.strip()]
    kind = next(p for p in texts if p.text in ("KẾ HOẠCH", "BÁO CÁO"))
    for run in _runs(kind):
        assert fmt.run_size(run, kind, document) == Pt(16) and fmt.run_flag(run, kind, "bold")
    title = texts[texts.index(kind) + 1]
    assert title.text[0].islower()
    assert squash(texts[texts.index(kind) + 2].text) == "-----"
