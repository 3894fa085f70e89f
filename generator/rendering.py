"""Context → DOCX bytes: the only module that uses docxtpl.

Templates only format: every figure arrives computed; the Jinja filters are the
Vietnamese formats of vnformat. StrictUndefined turns a misspelt variable into
an error that names the template, never into an empty gap on paper.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from generator import vnformat
from generator.documents import Picture
from generator.errors import TemplateProblem

# Zip entries carry this time, so that the same inputs give the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def jinja_environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(
        number=vnformat.number,
        money=vnformat.money,
        quantity=vnformat.quantity,
        percent=vnformat.percent,
        date_long=vnformat.date_long,
        date_short=vnformat.date_short,
    )
    return env


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def _with_images(document: DocxTemplate, context: Mapping[str, Any]) -> dict[str, Any]:
    """Pictures become docxtpl InlineImages, which need the template they go into."""
    return {
        key: InlineImage(document, io.BytesIO(value.png), width=Mm(value.width_mm)) if isinstance(value, Picture) else value
        for key, value in context.items()
    }


def render_docx(template: Path, context: Mapping[str, Any], stamp: dt.datetime, title: str) -> bytes:
    """Renders one document; `stamp` and `title` become its fixed document properties."""
    try:
        document = DocxTemplate(str(template))
        document.render(_with_images(document, context), jinja_env=jinja_environment())
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
    properties = document.docx.core_properties
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    properties.author = "ntm"
    properties.last_modified_by = "ntm"
    properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())
