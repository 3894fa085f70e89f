"""`ntm check --template` reads every part docxtpl fills: body, headers, footers, footnotes;
and finds the tags docxtpl would not see (printed as they are)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from generator.pipeline import provided_context
from generator.templatecheck import check_template
from tests.conftest import REPO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _with_footnote(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ke-hoach.docx"
    document = docx.Document(str(REPO / "templates" / "ke-hoach.docx"))
    xml = (
        f'<w:footnotes xmlns:w="{W}">'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path


def test_a_misspelt_variable_in_a_footnote_is_found(tmp_path):
    path = _with_footnote(tmp_path, "Theo số liệu năm {{ nma }}.")
    [finding] = check_template(path, provided_context("kh"))
    assert finding.rule == "T-BIEN-LA"
    assert finding.place.startswith("chú thích cuối trang 1, đoạn 1")
    assert "có phải 'nam'?" in finding.found


def test_a_malformed_tag_in_a_footnote_is_found(tmp_path):
    path = _with_footnote(tmp_path, "Năm {nam}}.")
    [finding] = check_template(path, provided_context("kh"))
    assert finding.rule == "T-THE-SAI-DANG"
    assert "«{nam}}»" in finding.found and "{{ nam }}" in finding.required


def test_malformed_tags_in_the_header(tmp_path):
    path = tmp_path / "bao-cao-thang.docx"
    shutil.copy(REPO / "templates" / "bao-cao-thang.docx", path)
    document = docx.Document(str(path))
    header = document.sections[-1].header
    header.is_linked_to_previous = False
    header.add_paragraph("{{ thang } và {nam}")
    document.save(str(path))
    findings = check_template(path, provided_context("bc"))
    malformed = [f for f in findings if f.rule == "T-THE-SAI-DANG"]
    assert {f.found.split("»")[0] for f in malformed} == {"«{{ thang }", "«{nam}"}
    assert all(f.place.startswith("đầu trang") for f in malformed)


def test_well_formed_tags_are_not_taken_for_malformed_ones():
    for name in ("ke-hoach.docx", "bao-cao-thang.docx", "phu-luc-phan-cong.docx"):
        kind = {"ke-hoach.docx": "kh", "bao-cao-thang.docx": "bc", "phu-luc-phan-cong.docx": "pl"}[name]
        assert check_template(REPO / "templates" / name, provided_context(kind)) == []


def test_docxtpl_escapes_are_not_malformed_tags(tmp_path):
    path = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph("Viết {_{ ten }_} hoặc {_% if %_} để in nguyên thẻ; năm {{ nam }}.")
    document.save(str(path))
    assert check_template(path, provided_context("kh")) == []
