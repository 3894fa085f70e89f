"""Direct rendering gives the documents docxtpl's own render gives, on every shipped template."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from lxml import etree

from generator import directrender, docprops, rendering, templateversion
from generator.documents import ALL_DOCUMENTS
from generator.files import FIXED_ZIP_TIME
from generator.resources import shipped_templates

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _part_texts(data: bytes) -> dict[str, list[str]]:
    """Each XML part of the Word document: its paragraphs' text, in order."""
    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if (
                name.startswith("word/")
                and name.endswith(".xml")
                and ("document" in name or "header" in name or "footer" in name or "footnotes" in name)
            ):
                root = etree.fromstring(archive.read(name))
                texts[name] = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
    return texts


def _core(data: bytes) -> tuple[object, ...]:
    core = docx.Document(io.BytesIO(data)).core_properties
    return (
        core.title,
        core.author,
        core.last_modified_by,
        core.created,
        core.modified,
        core.last_printed,
        core.revision,
        core.subject,
    )


@pytest.mark.parametrize("spec", ALL_DOCUMENTS, ids=lambda spec: spec.template)
def test_direct_render_has_the_text_of_docxtpls_render(spec, sources):
    template = shipped_templates() / spec.template
    data = rendering._template_bytes(template)
    assert rendering._direct(data) is not None, "the shipped template takes the direct path"
    for source in sources:
        context = spec.context(source)
        properties = rendering._properties(dt.datetime(2021, 3, 1), spec.title(source))
        direct = rendering.render_docx(template, context, dt.datetime(2021, 3, 1), spec.title(source), spec.key)
        naive = rendering.render_with_docxtpl(data, context, properties, docprops.kind_properties(spec.key))
        assert _part_texts(direct) == _part_texts(naive)
        assert _core(direct) == _core(naive)
        assert (
            docprops.read_properties(direct)
            == docprops.read_properties(naive)
            == {"ntm-template-version": templateversion.CURRENT, "ntm-loai": spec.key}
        )
        assert docx.Document(io.BytesIO(direct)).paragraphs  # python-docx opens it


def test_the_same_inputs_give_the_same_bytes(sources):
    spec = ALL_DOCUMENTS[3]
    template = shipped_templates() / spec.template
    context = spec.context(sources[0])
    first = rendering.render_docx(template, context, dt.datetime(2021, 3, 1), "x")
    assert first == rendering.render_docx(template, dict(context), dt.datetime(2021, 3, 1), "x")


def test_unchanged_parts_are_copied_from_the_template(sources):
    spec = ALL_DOCUMENTS[0]
    template = shipped_templates() / spec.template
    rendered = rendering.render_docx(template, spec.context(sources[0]), dt.datetime(2021, 3, 1), "x")
    with zipfile.ZipFile(template) as original, zipfile.ZipFile(io.BytesIO(rendered)) as result:
        assert sorted(original.namelist()) == sorted(result.namelist())
        assert result.read("word/styles.xml") == original.read("word/styles.xml")
        assert {info.date_time for info in result.infolist()} == {FIXED_ZIP_TIME}


def test_a_body_left_malformed_is_recovered_as_docxtpl_recovers_it(tmp_path):
    """An 'if' opened in a paragraph and closed in a table cell leaves the body malformed when false:
    docxtpl repairs it with lxml's recovering parser, and the direct path gives the same text."""
    document = docx.Document()
    document.add_paragraph("x {% if a %} y")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "{% endif %} z"
    document.add_paragraph("sau bảng")
    path = tmp_path / "t.docx"
    document.save(path)
    data = path.read_bytes()
    prepared = rendering._direct(data)
    assert prepared is not None
    properties = rendering._properties(dt.datetime(2021, 3, 1), "t")
    direct = directrender.render(prepared, {"a": False}, rendering.shared_environment(), properties)
    assert _part_texts(direct) == _part_texts(rendering.render_with_docxtpl(data, {"a": False}, properties))


def test_a_header_left_malformed_is_left_to_docxtpl(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "x {% if a %} y"
    document.sections[0].header.add_table(rows=1, cols=1, width=docx.shared.Mm(50)).cell(0, 0).text = "{% endif %} z"
    document.add_paragraph("thân")
    path = tmp_path / "t.docx"
    document.save(path)
    prepared = rendering._direct(path.read_bytes())
    assert prepared is not None
    with pytest.raises(directrender.NotDirect):
        directrender.render(prepared, {"a": False}, rendering.shared_environment(), {})


def test_the_text_scan_of_tables_fixes_grids_as_the_whole_parse_does(sources):
    """The monthly report's column loops widen a grid on every render: both ways give the same XML."""
    import dataclasses

    spec = ALL_DOCUMENTS[3]
    data = rendering._template_bytes(shipped_templates() / spec.template)
    prepared = rendering._direct(data)
    assert prepared is not None and prepared.flat_tables
    context = {key: rendering._clean(value) for key, value in spec.context(sources[0]).items()}
    properties = rendering._properties(dt.datetime(2021, 3, 1), "x")
    environment = rendering.shared_environment()
    flat = directrender.render(prepared, context, environment, properties)
    whole = directrender.render(dataclasses.replace(prepared, flat_tables=False), context, environment, properties)
    canonical = [
        etree.tostring(etree.fromstring(zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml")), method="c14n")
        for d in (flat, whole)
    ]
    assert canonical[0] == canonical[1]


def test_row_shapes_count_cells_and_spans_row_by_row():
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>'
        '<w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr/><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc w:x="1"><w:p/></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
    )  # a cell holds at least a paragraph in Word's XML, so it is never written <w:tc/>
    assert directrender._row_shapes(table) == {(2, (2,)), (4, ()), (1, (3,))}
