"""Context → DOCX bytes: the only module that uses docxtpl.

Templates only format: every figure arrives computed; the Jinja filters are the
Vietnamese formats of vnformat. StrictUndefined turns a misspelt variable into
an error that names the template, never into an empty gap on paper.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from generator import vnformat
from generator.documents import Picture, Row
from generator.errors import TemplateProblem

# Zip entries carry this time, so that the same inputs give the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# docxtpl's resolve_listing only changes these characters inside <w:t> text
_LISTING_CHARACTERS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\n\t\a\f]")


class _PreparedTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, with the work that does not depend on the data kept across renders.

    docxtpl cleans each XML part with regular expressions (patch_xml) and compiles
    it with Jinja on every render; both depend only on the template, so a run that
    renders many documents from one template does them once (the compiling is
    cached by _CachingEnvironment).
    """

    _patched: dict[str, str] = {}

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns \n, \t, \a and \f inside text into breaks, tabs and paragraphs;
        # its scan of every run is most of a render, and most documents hold none of them.
        if not _LISTING_CHARACTERS.search(xml):
            return xml
        return str(super().resolve_listing(xml))

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched



class _CachingEnvironment(jinja2.Environment):
    """Compiles each template source once: docxtpl asks for the same XML on every render."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._sources: dict[str, jinja2.Template] = {}

    def from_string(  # type: ignore[override]
        self, source: str, globals: MutableMapping[str, Any] | None = None, template_class: type[jinja2.Template] | None = None
    ) -> jinja2.Template:
        if globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self._sources.get(source)
        if template is None:
            template = self._sources[source] = super().from_string(source)
        return template


_TEMPLATE_BYTES: dict[tuple[str, int, int], bytes] = {}


def _template_bytes(template: Path) -> bytes:
    """The template file's bytes, read once per run (and again if the file changes)."""
    info = template.stat()
    key = (str(template.resolve()), info.st_mtime_ns, info.st_size)
    data = _TEMPLATE_BYTES.get(key)
    if data is None:
        data = _TEMPLATE_BYTES[key] = template.read_bytes()
    return data


@functools.cache
def shared_environment() -> jinja2.Environment:
    """One environment per process, so that compiled templates are found again."""
    return jinja_environment()


def jinja_environment() -> jinja2.Environment:
    env = _CachingEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(
        number=vnformat.number,
        money=vnformat.money,
        quantity=vnformat.quantity,
        percent=vnformat.percent,
        date_long=vnformat.date_long,
        date_short=vnformat.date_short,
    )
    return env


def _package_bytes(document: DocxTemplate) -> bytes:
    """The rendered package as a zip with fixed entry times, written once.

    This is python-docx's OpcPackage.save with the zip entries dated FIXED_ZIP_TIME,
    so that the same inputs give the same bytes without compressing twice. docxtpl's
    own save adds only picture and media replacement, which ntm does not use.
    """
    package = document.docx.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(uri: PackURI, blob: bytes) -> None:
            info = zipfile.ZipInfo(uri.membername, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, blob)

        put(CONTENT_TYPES_URI, _ContentTypesItem.from_parts(package.parts).blob)  # type: ignore[no-untyped-call]
        put(PACKAGE_URI.rels_uri, package.rels.xml)
        for part in package.parts:
            put(part.partname, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri, part.rels.xml)
    return out.getvalue()


# Characters that XML 1.0 forbids: a cell may hold them (pasted from other programs),
# a DOCX may not. Tab and line breaks stay.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, Row):
        return Row({k: _clean(v) for k, v in value.values.items()})
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _with_images(document: DocxTemplate, context: Mapping[str, Any]) -> dict[str, Any]:
    """Pictures become docxtpl InlineImages, which need the template they go into;
    text loses the characters that XML cannot hold."""
    return {
        key: InlineImage(document, io.BytesIO(value.png), width=Mm(value.width_mm)) if isinstance(value, Picture) else _clean(value)
        for key, value in context.items()
    }


def render_docx(template: Path, context: Mapping[str, Any], stamp: dt.datetime, title: str) -> bytes:
    """Renders one document; `stamp` and `title` become its fixed document properties."""
    try:
        document = _PreparedTemplate(io.BytesIO(_template_bytes(template)))
        document.render(_with_images(document, context), jinja_env=shared_environment())
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"Mẫu '{template.name}' dùng một biến mà chương trình không cung cấp: {exc.message}. "
            f"Hãy sửa tên biến trong mẫu (chạy 'ntm check --template {template.name}')."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"Mẫu '{template.name}' có thẻ {{% … %}} hoặc {{{{ … }}}} viết sai: {exc.message}."
        ) from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateProblem(f"Không đọc được mẫu '{template}': {exc}.") from None
    except Exception as exc:  # noqa: BLE001 - whatever docxtpl raises, the template is at fault
        raise TemplateProblem(f"docxtpl không dựng được mẫu '{template.name}': {type(exc).__name__}: {exc}.") from None
    properties = document.docx.core_properties
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    properties.author = "ntm"
    properties.last_modified_by = "ntm"
    properties.title = title
    return _package_bytes(document)
