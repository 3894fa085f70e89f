"""Each DOCX ntm renders carries its type as a custom property (ntm-loai), which the register and
the template check read before any title."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner
from lxml import etree

from generator import docprops, rendering
from generator.cli import main
from generator.register import describe_draft, list_documents
from generator.register.draft import _doc_type
from generator.templatecheck import template_kind
from tests.office import convert, needs_soffice

_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"


def _custom_properties_through_the_package(path: Path) -> dict[str, str]:
    """The custom properties as python-docx finds them: the part the package relates to."""
    package = docx.Document(str(path)).part.package
    [part] = [rel.target_part for rel in package.rels.values() if rel.reltype == docprops.CUSTOM_REL]
    assert part.content_type == docprops.CUSTOM_TYPE
    root = etree.fromstring(part.blob)
    return {p.get("name"): p.find(f"{_VT}lpwstr").text for p in root.iter(f"{_CUSTOM}property")}


def test_every_generated_document_carries_its_type(sample_outputs):
    assert set(sample_outputs) == {"KH", "PL", "KHT", "BC", "BCN"}
    for doc_type, path in sample_outputs.items():
        properties = _custom_properties_through_the_package(path)
        assert properties[docprops.KIND_PROPERTY] == doc_type.lower()
        assert properties["ntm-template-version"]  # the template's own property is kept
        with zipfile.ZipFile(path) as package:
            types = package.read("[Content_Types].xml").decode()
            assert f'PartName="/{docprops.CUSTOM_PART}"' in types and docprops.CUSTOM_TYPE in types


def _template_without_custom_part(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("{{ ten }}")
    path = tmp_path / "mau-rieng.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as package:
        assert docprops.CUSTOM_PART not in package.namelist()
    return path


def test_a_template_without_custom_properties_gets_the_part_and_its_declarations(tmp_path):
    template = _template_without_custom_part(tmp_path)
    stamp = dt.datetime(2021, 3, 1)
    direct = rendering.render_docx(template, {"ten": "Bình Xa"}, stamp, "t", "bcn")
    data = rendering._template_bytes(template)
    fallback = rendering.render_with_docxtpl(
        data, {"ten": "Bình Xa"}, rendering._properties(stamp, "t"), {docprops.KIND_PROPERTY: "bcn"}
    )
    for number, rendered in enumerate((direct, fallback)):
        path = tmp_path / f"out-{number}.docx"
        path.write_bytes(rendered)
        assert _custom_properties_through_the_package(path) == {docprops.KIND_PROPERTY: "bcn"}
        assert docprops.stamped_type(rendered) is not None and docprops.stamped_type(rendered).value == "BCN"
        assert [p.text for p in docx.Document(str(path)).paragraphs] == ["BÁO CÁO", "Bình Xa"]


def test_a_render_without_a_kind_stamps_nothing(tmp_path):
    template = _template_without_custom_part(tmp_path)
    rendered = rendering.render_docx(template, {"ten": "x"}, dt.datetime(2021, 3, 1), "t")
    assert docprops.read_properties(rendered) == {}
    assert docx.Document(io.BytesIO(rendered)).paragraphs[1].text == "x"


def _retitled(source: Path, target: Path) -> Path:
    """The monthly report with its title changed by the clerk: 'tháng 3 năm 2021' → 'quý I năm 2021'."""
    document = docx.Document(str(source))
    run = document.paragraphs[1].runs[0]
    assert "tháng 3 năm 2021" in run.text
    run.text = run.text.replace("tháng 3 năm 2021", "quý I năm 2021")
    document.save(str(target))
    return target


def test_a_draft_whose_title_was_edited_issues_as_its_stamped_type(sample_outputs, tmp_path, monkeypatch):
    draft = _retitled(sample_outputs["BC"], tmp_path / "bao-cao.docx")
    summary = describe_draft(draft)
    assert _doc_type(summary.type_symbol, summary.title) == "BCN"  # what the title alone would say
    assert summary.doc_type == "BC"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["issue", str(draft), "--date", "20/03/2021"])
    assert result.exit_code == 0, result.output
    [issued] = list_documents(tmp_path / "archive")
    assert issued.doc_type == "BC"
    [archived] = (tmp_path / "archive").rglob("*.docx")
    assert docprops.read_properties(archived.read_bytes())[docprops.KIND_PROPERTY] == "bc"  # kept by the filling in


def test_a_docx_ntm_did_not_make_is_still_told_by_its_title(sample_outputs, tmp_path):
    """A clerk's own file (or a draft from before the stamp): the custom property removed."""
    draft = tmp_path / "cua-van-phong.docx"
    with zipfile.ZipFile(sample_outputs["BC"]) as source, zipfile.ZipFile(draft, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == docprops.CUSTOM_PART:
                data = docprops.custom_xml(None, {"ntm-template-version": "x"})
            target.writestr(info, data)
    assert docprops.stamped_type(draft.read_bytes()) is None
    assert describe_draft(draft).doc_type == "BC"  # the month in its title
    assert describe_draft(_retitled(draft, tmp_path / "sua.docx")).doc_type == "BCN"


def test_the_template_check_reads_the_stamp_before_the_name_and_title(sample_outputs, tmp_path):
    renamed = tmp_path / "mau-cua-xa.docx"
    _retitled(sample_outputs["BC"], renamed)
    assert template_kind(renamed) == "bc"
    shipped_name = tmp_path / "ke-hoach.docx"  # a shipped template's name, but a report inside
    shutil.copy(sample_outputs["BC"], shipped_name)
    assert template_kind(shipped_name) == "bc"


def test_a_stamp_naming_no_type_is_no_type(tmp_path):
    template = _template_without_custom_part(tmp_path)
    rendered = rendering.render_docx(template, {"ten": "x"}, dt.datetime(2021, 3, 1), "t", "xyz")
    assert docprops.read_properties(rendered) == {docprops.KIND_PROPERTY: "xyz"}
    assert docprops.stamped_type(rendered) is None


@needs_soffice
def test_libreoffice_converts_a_stamped_document(sample_outputs, tmp_path):
    template = _template_without_custom_part(tmp_path)
    made = tmp_path / "moi.docx"  # the custom part added by ntm, not the template's
    made.write_bytes(rendering.render_docx(template, {"ten": "Bình Xa"}, dt.datetime(2021, 3, 1), "t", "kh"))
    for source in (made, sample_outputs["BC"]):
        pdf = convert(source, "pdf", tmp_path)
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
