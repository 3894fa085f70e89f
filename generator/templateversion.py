"""The version stamped into each shipped template, so that an office's older copy is noticed.

The templates are the source, edited as documents in Word; each carries a custom document
property (Word: File › Properties › Custom) naming its version. `ntm check --template` compares
an office's template with the one shipped with ntm and warns when the office's copy is older or
unstamped. `stamp` rewrites only the property part, never the document's text.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.errors import Severity
from generator.formatcheck import Finding
from generator.resources import shipped_templates

PROPERTY = "ntm-template-version"
# the version of the shipped templates: the date of their last change and the issue that made it
CURRENT = "2026.12-14"

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_MAX_PART = 64 * 1024  # a property part is a few hundred bytes: anything larger is not read
_VALUE = re.compile(r'name="' + re.escape(PROPERTY) + r'"[^>]*>\s*<vt:lpwstr>([^<]{0,100})</vt:lpwstr>')
_ZIP_TIME = (2021, 1, 1, 0, 0, 0)


def read_version(path: Path) -> str | None:
    """The template's stamped version, or None when it has none (or is no readable DOCX)."""
    try:
        with zipfile.ZipFile(path) as package:
            try:
                info = package.getinfo(_CUSTOM_PART)
            except KeyError:
                return None
            if info.file_size > _MAX_PART:
                return None
            text = package.read(info).decode("utf-8", errors="replace")
    except (OSError, zipfile.BadZipFile):
        return None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None
    match = _VALUE.search(text)
    return match.group(1).strip() if match else None


def _custom_xml(version: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{PROPERTY}"><vt:lpwstr>{escape(version)}</vt:lpwstr></property></Properties>'
    )


def stamp(path: Path, version: str = CURRENT) -> None:
    """Write `version` into the template's custom properties (the rest of the file is copied
    byte for byte; entries keep a fixed time so that the file stays reproducible)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            if name == _CUSTOM_PART:
                continue
            data = source.read(name)
            if name == "[Content_Types].xml" and _CUSTOM_TYPE.encode() not in data:
                data = data.replace(
                    b"</Types>", f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/></Types>'.encode()
                )
            if name == "_rels/.rels" and _CUSTOM_REL.encode() not in data:
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdNtmVersion" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PART}"/></Relationships>'.encode(),
                )
            target.writestr(_entry(name), data)
        target.writestr(_entry(_CUSTOM_PART), _custom_xml(version).encode("utf-8"))
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(out.getvalue())
    temporary.replace(path)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    return info


def version_findings(path: Path) -> list[Finding]:
    """A warning when an office's template is older than (or differs from) the shipped one."""
    shipped = shipped_templates() / path.name
    if not shipped.is_file() or shipped.resolve() == path.resolve():
        return []
    expected = read_version(shipped)
    found = read_version(path)
    if expected is None or found == expected:
        return []
    return [
        Finding(
            "T-PHIEN-BAN",
            path.name,
            f"mẫu phiên bản {found}" if found else "mẫu chưa ghi phiên bản (bản cũ)",
            f"mẫu đi kèm ntm là phiên bản {expected}; hãy đối chiếu với mẫu trong thư mục '{shipped.parent}' "
            "và chép các thay đổi sang mẫu của văn phòng",
            Severity.WARNING,
        )
    ]
