"""A render skips its checks only where the template was proved to need none (renderproof), and
skipping them changes no byte: every case below renders the same with the proof and without."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator import directrender, rendering, renderproof
from generator.documents import ALL_DOCUMENTS, MONTHLY_REPORT
from generator.resources import shipped_templates
from tests.conftest import examples

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PROPERTIES = rendering._properties(dt.datetime(2021, 3, 1), "t")
_HEAD = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
)
_TAIL = b"</w:document>"


def _proof(body: str) -> renderproof.Proof:
    environment = rendering.shared_environment()
    return renderproof.prove(environment.parse(body), _HEAD, _TAIL)


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _prepared(data: bytes) -> directrender.DirectTemplate:
    prepared = rendering._direct(data)
    assert prepared is not None
    return prepared


def _render(prepared: directrender.DirectTemplate, context: dict) -> bytes:
    cleaned = {key: rendering._clean(value) for key, value in context.items()}
    return directrender.render(prepared, cleaned, rendering.shared_environment(), _PROPERTIES)


def _unproven(prepared: directrender.DirectTemplate) -> directrender.DirectTemplate:
    return dataclasses.replace(prepared, proof=renderproof.NOTHING)


def _paragraphs(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]


def _grids(data: bytes) -> list[list[str | None]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [[column.get(f"{_W}w") for column in grid.iter(f"{_W}gridCol")] for grid in root.iter(f"{_W}tblGrid")]


def _same_as_docxtpl(data: bytes, context: dict) -> bytes:
    """The direct render, after checking it against docxtpl's and against the unproven render."""
    prepared = _prepared(data)
    direct = _render(prepared, context)
    assert direct == _render(_unproven(prepared), context), "the proof changed the render"
    naive = rendering.render_with_docxtpl(data, context, _PROPERTIES)
    assert _paragraphs(direct) == _paragraphs(naive)
    assert _grids(direct) == _grids(naive)
    return direct


@pytest.mark.parametrize("spec", ALL_DOCUMENTS, ids=lambda spec: spec.template)
def test_every_shipped_template_is_proved_and_renders_the_same_unchecked(spec, sources):
    prepared = _prepared(rendering._template_bytes(shipped_templates() / spec.template))
    assert prepared.proof.balanced
    for source in sources:
        context = spec.context(source)
        assert _render(prepared, context) == _render(_unproven(prepared), context)


def test_the_monthly_reports_column_loop_table_is_the_one_grid_read_on_each_render():
    prepared = _prepared(rendering._template_bytes(shipped_templates() / MONTHLY_REPORT.template))
    # its tables: the heading, the recipients, biểu 01, biểu 02 (a column per criterion), biểu 03
    assert prepared.proof.steady_grids == frozenset({0, 1, 2, 4})


def test_a_render_printing_only_plain_values_is_proven():
    with renderproof.watching() as printed:
        rendering.shared_environment().from_string("{{ a }} {{ b }} {{ c }}").render(a="Bình Xa & <x>", b=3, c=None)
    assert printed.plain


@pytest.mark.parametrize(
    "template, values",
    [
        ("{{ a }}", {"a": "dòng 1\ndòng 2"}),  # docxtpl's listing makes a line break of it
        ("{{ a }}", {"a": "cột\tcột"}),
        ("{{ a|safe }}", {"a": "<w:p>"}),  # Markup: printed unescaped
        ('{{ "%c"|format(1) }}', {}),  # a character XML forbids, made by the template
        ('{{ "\\x01" }}', {}),  # the same, as a constant (never folded at compile time)
        ("{{ a }}", {"a": object()}),  # a str nobody has read
    ],
)
def test_a_render_printing_a_value_that_is_not_plain_is_checked(template, values):
    with renderproof.watching() as printed:
        rendering.jinja_environment().from_string(template).render(values)
    assert not printed.plain


@pytest.mark.parametrize(
    "body",
    [
        '<w:body><w:p {% if a %}w:rsidR="1"{% endif %}/></w:body>',  # a block inside a tag
        "<w:body><w:p><w:{{ a }}/></w:p></w:body>",  # a value as an element's name
        "<w:body><w:p {{ a }}/></w:body>",  # a value among attributes
        "<w:body>{% if a %}<w:p>{% endif %}<w:r/>{% if a %}</w:p>{% endif %}</w:body>",  # an if opened, closed in another
        "<w:body>{% macro m() %}<w:p/>{% endmacro %}{{ m() }}</w:body>",
        "<w:body>{% filter upper %}<w:p/>{% endfilter %}</w:body>",
        "<w:body>{% autoescape false %}<w:p>{{ a }}</w:p>{% endautoescape %}</w:body>",
        "<w:body><!-- {{ a }} --><w:p/></w:body>",  # a value in a comment
        "<w:body><w:p><w:r><w:t>a\nb</w:t></w:r></w:p></w:body>",  # the listing's newline in the text
    ],
)
def test_a_template_that_can_print_malformed_xml_is_not_proved(body):
    assert _proof(body) == renderproof.NOTHING


def test_a_template_of_values_ifs_and_loops_between_elements_is_proved():
    body = (
        '<w:body><w:p w:rsidR="{{ id }}"><w:r><w:t>{{ a }} {% if b %}có{% else %}không{% endif %}</w:t></w:r></w:p>'
        "{% for x in xs %}<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>{% endfor %}{% set n = 1 %}</w:body>"
    )
    assert _proof(body).balanced


_ROW = "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
_GRID = "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"


@pytest.mark.parametrize(
    "table, steady",
    [
        (f"<w:tbl>{_GRID}{_ROW}{{% for r in rs %}}{_ROW}{{% endfor %}}</w:tbl>", True),  # a row loop under a heading
        (f"<w:tbl>{_GRID}{{% for r in rs %}}{_ROW}{{% endfor %}}</w:tbl>", False),  # no row on every render
        (f"<w:tbl>{_GRID}<w:tr><w:tc><w:p/></w:tc>{{% for c in cs %}}<w:tc><w:p/></w:tc>{{% endfor %}}</w:tr></w:tbl>", False),
        (f"<w:tbl>{_GRID}<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", False),  # narrower than its grid
        (f"<w:tbl>{_GRID}{_ROW}{{% if a %}}<w:tr><w:tc/><w:tc/><w:tc/></w:tr>{{% endif %}}</w:tbl>", False),  # a row too wide
        (f'<w:tbl>{_GRID}<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tc></w:tr></w:tbl>', True),
        (f'<w:tbl>{_GRID}<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{{{{ n }}}}"/></w:tcPr></w:tc></w:tr></w:tbl>', False),
        (f"<w:tbl>{_GRID}{_ROW}<w:tr><w:tc><w:p>{{% if a %}}<w:r/>{{% endif %}}</w:p></w:tc><w:tc/></w:tr></w:tbl>", True),
    ],
)
def test_a_grid_is_steady_only_where_no_render_can_change_it(table, steady):
    proof = _proof(f"<w:body>{table}</w:body>")
    assert proof.balanced
    assert proof.steady_grids == (frozenset({0}) if steady else frozenset())


def test_a_table_inside_a_block_leaves_no_grid_steady():
    proof = _proof(f"<w:body><w:tbl>{_GRID}{_ROW}</w:tbl>{{% if a %}}<w:tbl>{_GRID}{_ROW}</w:tbl>{{% endif %}}</w:body>")
    assert proof.balanced and proof.steady_grids == frozenset()


def test_a_literal_holding_a_paragraph_is_compiled_as_docxtpl_compiles_it():
    data = _docx(lambda d: d.add_paragraph("{{ '<w:p>' if a else 'x' }} {{ b }}"))
    prepared = _prepared(data)
    assert prepared.proof == renderproof.NOTHING
    _same_as_docxtpl(data, {"a": True, "b": "y"})


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            table.cell(number, column).text = text


# pieces of a template, each as a clerk would type it in Word
_PIECES = st.sampled_from(
    [
        ("p", ["Kính gửi: {{ a }}"]),
        ("p", ["{% if f %}có {{ b }}{% else %}không{% endif %}, {{ n }}"]),
        ("p", ["{%p if f %}", "trong if: {{ a }}", "{%p endif %}"]),
        ("p", ["{%p for x in xs %}", "– {{ x }}", "{%p endfor %}"]),
        ("p", ["mở {% if f %} ở đây", "đóng {% endif %} ở đây"]),  # an if across two paragraphs
        ("p", ["mở {% if f %} ở đây"]),  # … and one closed in the next table's cell (see the builder)
        ("rows", ["TT", "Nội dung"], [["{%tr for x in xs %}", ""], ["{{ loop.index }}", "{{ x }}"], ["{%tr endfor %}", ""]]),
        ("rows", ["A", "B", "C"], [["{%tr for x in xs %}", "", ""], ["{{ x }}", "", ""], ["{%tr endfor %}", "", ""]]),
        ("cols", ["Thôn", "{%tc for x in xs %}", "{{ x }}", "{%tc endfor %}"], [["{{ a }}", "", "", ""]]),
        (
            "cols",
            ["Thôn", "{%tc for x in xs %}", "{{ x }}", "{%tc endfor %}"],
            [["{{ a }}", "{%tc for x in xs %}", "{{ x }}", "{%tc endfor %}"]],
        ),
    ]
)
# plain text (what escaping keeps as text), and what docxtpl's listing turns into markup
_TEXTS = st.text(alphabet="aăâbđêôơưạảấ <>&\"'{}_%-", max_size=12)
_LISTED = st.sampled_from(["", "", "\n", "\t", "a\nb"])


@settings(max_examples=examples(60), deadline=None)
@given(
    pieces=st.lists(_PIECES, min_size=1, max_size=5),
    a=_TEXTS,
    b=_TEXTS,
    xs=st.lists(_TEXTS, max_size=6),
    f=st.booleans(),
    listed=_LISTED,
)
def test_any_template_renders_as_docxtpl_renders_it_with_the_proof_or_without(pieces, a, b, xs, f, listed):
    def build(document):
        for piece in pieces:
            if piece[0] == "p":
                for text in piece[1]:
                    document.add_paragraph(text)
                if piece[1] == ["mở {% if f %} ở đây"]:
                    _table(document, ["{% endif %} đóng"], [])
            else:
                _table(document, piece[1], piece[2])
        document.add_paragraph("hết")

    _same_as_docxtpl(_docx(build), {"a": a, "b": b + listed, "n": 7, "xs": xs, "f": f})
