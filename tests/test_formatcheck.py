"""`ntm check` as a library: §6 on the generated documents, a corpus of broken copies,
the hierarchy warning, and the checks of docxtpl templates."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from generator import formatcheck
from generator.errors import Severity
from generator.formatcheck import check_document, format_report, guidance_for
from generator.pipeline import provided_context
from generator.rendering import render_docx
from generator.templatecheck import check_template, template_kind
from tests.docx_text import squash

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"
KINDS = ["KH", "PL", "KHT", "BC", "BCN"]


# sample_outputs: the session fixture of conftest.py (the five documents, generated once)


# ---------------------------------------------------------------- helpers


def _paragraphs(document: Document) -> list[Paragraph]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def _find(document: Document, text: str) -> Paragraph:
    for paragraph in _paragraphs(document):
        if squash(paragraph.text) == text:
            return paragraph
    raise AssertionError(f"no paragraph {text!r}")


def _starting(document: Document, start: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _set_text(paragraph: Paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _remove(paragraph: Paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def _rules(path: Path) -> set[str]:
    return {f.rule for f in check_document(path)}


def _changed(source: Path, target: Path, change: Callable[[Document], None]) -> Path:
    document = docx.Document(str(source))
    change(document)
    document.save(str(target))
    return target


# ---------------------------------------------------------------- the generated documents are clean


@pytest.mark.parametrize("kind", KINDS)
def test_every_generated_document_is_clean(sample_outputs, kind):
    report = format_report(sample_outputs[kind])
    assert report.findings == (), "\n".join(str(f) for f in report.findings)
    assert report.guidance.name == "Hướng dẫn 36-HD/VPTW"


def test_the_date_of_a_document_chooses_the_guidance(sample_outputs):
    assert format_report(sample_outputs["KH"]).date == dt.date(2021, 1, 15)
    assert format_report(sample_outputs["BC"]).date == dt.date(2021, 3, 1)  # a draft: its month
    assert format_report(sample_outputs["PL"]).date == dt.date(2021, 1, 15)  # an annex: its citation
    assert guidance_for(dt.date(2021, 1, 15)).name == "Hướng dẫn 36-HD/VPTW"
    assert "2026" in guidance_for(dt.date(2026, 1, 1)).name
    assert guidance_for(None) is formatcheck.GUIDANCES[-1]
    assert all(g.rules is formatcheck.RULES_2018 for g in formatcheck.GUIDANCES)
    codes = [r.code for r in formatcheck.RULES_2018]
    assert len(codes) == len(set(codes))


# ---------------------------------------------------------------- one change, one rule

_KH = "KH"


def _left_margin(d: Document) -> None:
    d.sections[0].left_margin = Mm(25)


def _arial(d: Document) -> None:
    _starting(d, "Thực hiện Nghị quyết").runs[0].font.name = "Arial"


def _theme_font(d: Document) -> None:
    run = _starting(d, "Thực hiện Nghị quyết").runs[0]
    fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")


def _colon(d: Document) -> None:
    _set_text(_find(d, "Số 11-KH/ĐU"), "Số: 11-KH/ĐU")


def _unpadded_number(d: Document) -> None:
    number = next(p for p in d.tables[0].cell(0, 0).paragraphs if p.text.startswith("Số"))
    _set_text(number, "Số 5-BC/ĐU")


def _unpadded_date(d: Document) -> None:
    _set_text(_find(d, "Bình Xa, ngày 15 tháng 01 năm 2021"), "Bình Xa, ngày 5 tháng 1 năm 2021")


def _padded_month(d: Document) -> None:
    _set_text(_find(d, "Bình Xa, ngày 15 tháng 01 năm 2021"), "Bình Xa, ngày 03 tháng 04 năm 2021")


def _no_underline(d: Document) -> None:
    for run in _find(d, "Nơi nhận:").runs:
        run.font.underline = None


def _last_not_archive(d: Document) -> None:
    _remove(_find(d, "- Lưu VPĐU xã."))


def _no_party_line(d: Document) -> None:
    party = _find(d, "ĐẢNG CỘNG SẢN VIỆT NAM")
    border = party._p.pPr.find(qn("w:pBdr"))
    assert border is not None
    party._p.pPr.remove(border)


def _number_on_page_one(d: Document) -> None:
    d.sections[0].different_first_page_header_footer = False


def _page_number_in_footer(d: Document) -> None:
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    footer.paragraphs[0]._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )


def _body_12(d: Document) -> None:
    for run in _starting(d, "Thực hiện Nghị quyết").runs:
        run.font.size = Pt(12)


def _title_upper(d: Document) -> None:
    for run in _starting(d, "về tổ chức phong trào").runs:
        run.text = run.text.upper()


def _no_star(d: Document) -> None:
    _remove(_find(d, "*"))


def _type_14(d: Document) -> None:
    for run in _find(d, "KẾ HOẠCH").runs:
        run.font.size = Pt(14)


def _issuing_not_bold(d: Document) -> None:
    for run in _find(d, "ĐẢNG ỦY XÃ BÌNH XA").runs:
        run.font.bold = None


def _superior_bold(d: Document) -> None:
    for run in _find(d, "ĐẢNG BỘ HUYỆN HÀM YÊN").runs:
        run.font.bold = True


def _date_not_italic(d: Document) -> None:
    for run in _find(d, "Bình Xa, ngày 15 tháng 01 năm 2021").runs:
        run.font.italic = None


def _no_header_row(d: Document) -> None:
    tr_pr = d.tables[0].rows[0]._tr.trPr
    tr_pr.remove(tr_pr.find(qn("w:tblHeader")))


def _rows_may_split(d: Document) -> None:
    tr_pr = d.tables[0].rows[3]._tr.trPr
    tr_pr.remove(tr_pr.find(qn("w:cantSplit")))


def _table_at_14(d: Document) -> None:
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "STT")
    for run in table.rows[1].cells[1].paragraphs[0].runs:
        run.font.size = Pt(14)


def _heading_with_dot(d: Document) -> None:
    _set_text(_find(d, "I- MỤC ĐÍCH, YÊU CẦU"), "I. MỤC ĐÍCH, YÊU CẦU")


def _red(d: Document) -> None:
    _starting(d, "Thực hiện Nghị quyết").runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)


def _letter(d: Document) -> None:
    d.sections[0].page_width = Inches(8.5)
    d.sections[0].page_height = Inches(11)


def _landscape_text(d: Document) -> None:
    section = d.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width


def _left_aligned(d: Document) -> None:
    _starting(d, "Thực hiện Nghị quyết").alignment = WD_ALIGN_PARAGRAPH.LEFT


def _name_not_bold(d: Document) -> None:
    for run in _find(d, "Lê Ngọc Duyên").runs:
        run.font.bold = None


def _citation_upright(d: Document) -> None:
    citation = next(p for p in d.paragraphs if p.text.startswith("(Kèm theo"))
    for run in citation.runs:
        run.font.italic = None


def _recipient_at_14(d: Document) -> None:
    for run in _find(d, "- Bí thư các chi bộ,").runs:
        run.font.size = Pt(14)


def _signature_gap(d: Document) -> None:
    cell = next(t for t in d.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:").cell(0, 1)
    empty = [p for p in cell.paragraphs if not p.text.strip()]
    for paragraph in empty[:2]:
        _remove(paragraph)


BROKEN = [
    ("le-trai-25", _KH, _left_margin, "F-LE"),
    ("arial", _KH, _arial, "F-PHONG-CHU"),
    ("phong-chu-de", _KH, _theme_font, "F-PHONG-CHU"),
    ("so-co-hai-cham", _KH, _colon, "F-SO-KY-HIEU"),
    ("so-chua-them-0", "BC", _unpadded_number, "F-SO-KY-HIEU"),
    ("ngay-5-thang-1", _KH, _unpadded_date, "F-DIA-DANH-NGAY"),
    ("thang-04", _KH, _padded_month, "F-DIA-DANH-NGAY"),
    ("noi-nhan-khong-gach-chan", _KH, _no_underline, "F-NOI-NHAN"),
    ("khong-luu", _KH, _last_not_archive, "F-NOI-NHAN"),
    ("noi-nhan-co-14", "KHT", _recipient_at_14, "F-NOI-NHAN"),
    ("khong-gach-duoi-quoc-hieu", _KH, _no_party_line, "F-GACH-DUOI-QUOC-HIEU"),
    ("so-trang-trang-1", _KH, _number_on_page_one, "F-SO-TRANG"),
    ("so-trang-chan-trang", "BCN", _page_number_in_footer, "F-SO-TRANG"),
    ("than-12", _KH, _body_12, "F-THAN-VAN-BAN"),
    ("trich-yeu-in-hoa", _KH, _title_upper, "F-TRICH-YEU"),
    ("trich-yeu-in-hoa-bc", "BC", lambda d: _title_upper_from(d, "kết quả thực hiện"), "F-TRICH-YEU"),
    ("thieu-sao", _KH, _no_star, "F-SAO"),
    ("loai-14", _KH, _type_14, "F-LOAI-VAN-BAN"),
    ("co-quan-khong-dam", _KH, _issuing_not_bold, "F-CO-QUAN-BAN-HANH"),
    ("cap-tren-dam", _KH, _superior_bold, "F-CO-QUAN-CAP-TREN"),
    ("ngay-khong-nghieng", _KH, _date_not_italic, "F-DIA-DANH-NGAY"),
    ("bang-khong-lap-tieu-de", "PL", _no_header_row, "F-BANG"),
    ("bang-ngat-dong", "PL", _rows_may_split, "F-BANG"),
    ("bang-co-14", "KHT", _table_at_14, "F-BANG"),
    ("chu-do", _KH, _red, "F-MAU-CHU"),
    ("kho-letter", _KH, _letter, "F-KHO-GIAY"),
    ("ngang-khong-co-bang", _KH, _landscape_text, "F-KHO-GIAY"),
    ("can-trai", _KH, _left_aligned, "F-THAN-VAN-BAN"),
    ("de-muc-cham", _KH, _heading_with_dot, "F-DE-MUC"),
    ("ten-khong-dam", _KH, _name_not_bold, "F-CHU-KY"),
    ("thieu-cho-ky", "BC", _signature_gap, "F-CHU-KY"),
    ("kem-theo-khong-nghieng", "PL", _citation_upright, "F-PHU-LUC"),
]


def _title_upper_from(d: Document, start: str) -> None:
    for run in _starting(d, start).runs:
        run.text = run.text.upper()


@pytest.mark.parametrize(("name", "kind", "change", "rule"), BROKEN, ids=[b[0] for b in BROKEN])
def test_one_change_breaks_exactly_its_rule(sample_outputs, tmp_path, name, kind, change, rule):
    broken = _changed(sample_outputs[kind], tmp_path / f"{name}.docx", change)
    findings = check_document(broken)
    assert {f.rule for f in findings} == {rule}, "\n".join(str(f) for f in findings)
    # conventions HD36 does not prescribe (tables, heading marks) are reported as warnings
    severity = {r.code: r.severity for r in formatcheck.RULES_2018}[rule]
    assert all(f.severity is severity for f in findings)
    assert all(f.place and f.found and f.required for f in findings)


def test_the_corpus_is_large_enough():
    assert len(BROKEN) >= 18
    assert {rule for *_, rule in BROKEN} >= {
        "F-LE", "F-PHONG-CHU", "F-SO-KY-HIEU", "F-DIA-DANH-NGAY", "F-NOI-NHAN", "F-GACH-DUOI-QUOC-HIEU", "F-SO-TRANG",
        "F-THAN-VAN-BAN", "F-TRICH-YEU", "F-SAO", "F-LOAI-VAN-BAN", "F-CO-QUAN-BAN-HANH", "F-BANG", "F-MAU-CHU",
        "F-KHO-GIAY", "F-CHU-KY",
    }  # fmt: skip


def test_findings_say_where_and_what(sample_outputs, tmp_path):
    [colon] = check_document(_changed(sample_outputs[_KH], tmp_path / "colon.docx", _colon))
    assert colon.place.startswith("bảng 1, dòng 1, ô 1, đoạn 4")
    assert "Số: 11-KH/ĐU" in colon.found and "hai chấm" in colon.found
    [unpadded] = check_document(_changed(sample_outputs[_KH], tmp_path / "day.docx", _unpadded_date))
    assert "«05»" in unpadded.found
    [month] = check_document(_changed(sample_outputs[_KH], tmp_path / "month.docx", _padded_month))
    assert "«04»" in month.found and "«4»" in month.found
    [body] = check_document(_changed(sample_outputs[_KH], tmp_path / "body.docx", _body_12))
    assert body.place.startswith("đoạn ") and "«Thực hiện Nghị quyết" in body.place
    assert "cỡ 12" in body.found
    [margin] = check_document(_changed(sample_outputs[_KH], tmp_path / "margin.docx", _left_margin))
    assert margin.place == "phần 1 (section)" and "lề trái 25 mm" in margin.found


def test_an_unreadable_file_is_an_error(tmp_path):
    bad = tmp_path / "khong-phai.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(formatcheck.DocumentUnreadable):
        check_document(bad)


# ---------------------------------------------------------------- hierarchy (from 1 July 2025)


def _dated(day_line: str, superior: str | None = None) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        _set_text(_find(d, "Bình Xa, ngày 15 tháng 01 năm 2021"), day_line)
        if superior is not None:
            _set_text(_find(d, "ĐẢNG BỘ HUYỆN HÀM YÊN"), superior)

    return change


def test_a_district_superior_after_july_2025_is_a_warning(sample_outputs, tmp_path):
    path = _changed(sample_outputs[_KH], tmp_path / "2026.docx", _dated("Bình Xa, ngày 15 tháng 01 năm 2026"))
    report = format_report(path)
    [warning] = report.findings
    assert warning.rule == "F-CAP-TREN" and warning.severity is Severity.WARNING
    assert warning.required == formatcheck.HIERARCHY_MESSAGE
    assert "HUYỆN HÀM YÊN" in warning.found
    assert "2026" in report.guidance.name


def test_a_province_superior_in_2026_is_clean(sample_outputs, tmp_path):
    change = _dated("Bình Xa, ngày 15 tháng 01 năm 2026", "ĐẢNG BỘ TỈNH TUYÊN QUANG")
    assert check_document(_changed(sample_outputs[_KH], tmp_path / "tinh.docx", change)) == []


def test_the_hierarchy_rule_starts_on_1_july_2025(sample_outputs, tmp_path):
    before = _changed(sample_outputs[_KH], tmp_path / "before.docx", _dated("Bình Xa, ngày 30 tháng 6 năm 2025"))
    assert check_document(before) == []
    on = _changed(sample_outputs[_KH], tmp_path / "on.docx", _dated("Bình Xa, ngày 01 tháng 7 năm 2025"))
    assert _rules(on) == {"F-CAP-TREN"}
    draft = _changed(
        sample_outputs["BC"],
        tmp_path / "draft.docx",
        lambda d: _set_text(_find(d, "Bình Xa, ngày tháng 3 năm 2021"), "Bình Xa, ngày    tháng 7 năm 2025"),
    )
    assert _rules(draft) == {"F-CAP-TREN"}


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_every_shipped_template_is_clean(template):
    kind = template_kind(template)
    assert kind is not None
    assert check_template(template, provided_context(kind)) == []


def test_the_provided_context_knows_the_attribute_names():
    annex = provided_context("pl")
    assert set(annex["phan_cong"][0].values) == {"tt", "don_vi", "noi_dung", "thon", "ghi_chu"}
    assert set(provided_context("ke-hoach.docx")["noi_nhan"][0].values) == {"ten", "ghi_chu"}
    assert provided_context("bc")["thang"] == "3"


def _template_copy(name: str, tmp_path: Path, change: Callable[[Document], None]) -> Path:
    return _changed(TEMPLATES / name, tmp_path / name, change)


def _replace_tag(old: str, new: str) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        for text in d.element.body.iter(qn("w:t")):
            if text.text and old in text.text:
                text.text = text.text.replace(old, new, 1)
                return
        raise AssertionError(old)

    return change


def test_a_misspelt_attribute_in_a_table_loop(tmp_path):
    path = _template_copy("phu-luc-phan-cong.docx", tmp_path, _replace_tag("{{ r.don_vi }}", "{{ r.don_v }}"))
    [finding] = check_template(path, provided_context("pl"))
    assert finding.rule == "T-THUOC-TINH-LA"
    assert finding.place.startswith("bảng 1, dòng ")
    assert "'don_v'" in finding.found and "có phải 'don_vi'?" in finding.found
    assert "{{ r.don_v }}" in finding.found


def test_a_misspelt_variable(tmp_path):
    path = _template_copy("ke-hoach.docx", tmp_path, _replace_tag("{{ nam }}", "{{ nma }}"))
    [finding] = check_template(path, provided_context("kh"))
    assert finding.rule == "T-BIEN-LA"
    assert "có phải 'nam'?" in finding.found
    # the first {{ nam }} of the plan ends its title: "về tổ chức phong trào … năm {{ nam }}"
    assert finding.place == "đoạn 3 «về tổ chức phong trào cán…»"


def test_a_misspelt_attribute_of_a_recipient(tmp_path):
    path = _template_copy("ke-hoach.docx", tmp_path, _replace_tag("{{ n.ten }}", "{{ n.tn }}"))
    [finding] = check_template(path, provided_context("kh"))
    assert finding.found == "{{ n.tn }}: không có thuộc tính 'tn'; có phải 'ten'?"


def test_a_tag_split_across_two_paragraphs(tmp_path):
    def change(d: Document) -> None:
        paragraph = _find(d, "{{ co_quan_cap_tren }}")
        second = copy.deepcopy(paragraph._p)
        _set_text(paragraph, "{{ co_quan")
        paragraph._p.addnext(second)
        _set_text(Paragraph(second, paragraph._parent), "_cap_tren }}")

    path = _template_copy("ke-hoach.docx", tmp_path, change)
    findings = check_template(path, provided_context("kh"))
    assert {f.rule for f in findings} == {"T-THE-TACH-DOAN"}
    [finding] = findings
    assert finding.place.startswith("bảng 1, dòng 1, ô 1, đoạn 1")
    assert "{{ co_quan" in finding.found and "đoạn 2" in finding.found


def test_an_unbalanced_for_block(tmp_path):
    def change(d: Document) -> None:
        paragraphs = d.paragraphs
        start = next(i for i, p in enumerate(paragraphs) if p.text == "{%p for t in muc_tieu %}")
        end = next(p for p in paragraphs[start:] if p.text == "{%p endfor %}")
        _remove(end)

    path = _template_copy("ke-hoach.docx", tmp_path, change)
    findings = check_template(path, provided_context("kh"))
    assert {f.rule for f in findings} == {"T-KHOI"}
    assert any("{%p for t in muc_tieu %}" in f.place or "for t in muc_tieu" in f.found for f in findings)


def _split_with_proof_error(d: Document) -> None:
    """Word's spell checker: '{{ n.' | proofErr | 'ten' | proofErr | ' }}…' in one paragraph."""
    for text in d.element.body.iter(qn("w:t")):
        if text.text and "{{ n.ten }}" in text.text:
            before, after = text.text.split("{{ n.ten }}", 1)
            run = text.getparent()
            pieces = [before + "{{ n.", "ten", " }}" + after]
            text.text = pieces[0]
            text.set(qn("xml:space"), "preserve")
            anchor = run
            for kind, piece in (("spellStart", pieces[1]), ("spellEnd", pieces[2])):
                proof = parse_xml(f'<w:proofErr {nsdecls("w")} w:type="{kind}"/>')
                anchor.addnext(proof)
                clone = copy.deepcopy(run)
                clone.find(qn("w:t")).text = piece
                proof.addnext(clone)
                anchor = clone
            return
    raise AssertionError("no {{ n.ten }}")


def test_a_tag_split_across_runs_of_one_paragraph_renders(tmp_path):
    path = _template_copy("ke-hoach.docx", tmp_path, _split_with_proof_error)
    xml = docx.Document(str(path)).element.body.xml
    assert "<w:proofErr" in xml and ">{{ n.<" not in xml.replace(" ", "")  # the tag is really split
    assert any(t.text and t.text.endswith("{{ n.") for t in docx.Document(str(path)).element.body.iter(qn("w:t")))
    assert check_template(path, provided_context("kh")) == []
    rendered = tmp_path / "rendered.docx"
    rendered.write_bytes(render_docx(path, provided_context("kh"), dt.datetime(2021, 1, 15), "thử"))
    texts = [squash(p.text) for p in _paragraphs(docx.Document(str(rendered)))]
    assert "- BTV Huyện ủy (báo cáo)," in texts
    assert not any("{{" in t or "}}" in t for t in texts)


def test_a_paragraph_tag_with_other_text_loses_the_text(tmp_path):
    path = _template_copy(
        "ke-hoach.docx", tmp_path, _replace_tag("{%p for t in muc_tieu %}", "Mục tiêu: {%p for t in muc_tieu %}")
    )
    assert {f.rule for f in check_template(path, provided_context("kh"))} == {"T-THE-DOCXTPL"}


def test_an_unknown_filter(tmp_path):
    path = _template_copy("ke-hoach.docx", tmp_path, _replace_tag("{{ nam }}", "{{ nam | nunber }}"))
    [finding] = check_template(path, provided_context("kh"))
    assert finding.rule == "T-BO-LOC-LA" and "có phải 'number'?" in finding.found


def test_template_kind_and_unknown_kind(tmp_path):
    assert template_kind(TEMPLATES / "bao-cao-thang.docx") == "bc"
    for name, kind in (
        ("ke-hoach-thang.docx", "kht"),
        ("bao-cao-thang.docx", "bc"),
        ("ke-hoach.docx", "kh"),
        ("phu-luc-phan-cong.docx", "pl"),
    ):
        renamed = tmp_path / f"mau-cua-van-phong-{kind}.docx"
        shutil.copy(TEMPLATES / name, renamed)
        assert template_kind(renamed) == kind  # read from the template's own title
    blank = tmp_path / "mau-khac.docx"
    docx.Document().save(str(blank))
    assert template_kind(blank) is None
    with pytest.raises(Exception, match="Không biết loại văn bản"):
        provided_context("xyz")


def test_templates_are_not_changed_by_the_check(tmp_path):
    copy_path = tmp_path / "ke-hoach.docx"
    shutil.copy(TEMPLATES / "ke-hoach.docx", copy_path)
    before = copy_path.read_bytes()
    check_template(copy_path, provided_context("kh"))
    assert copy_path.read_bytes() == before
