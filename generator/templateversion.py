"""The version stamped into each shipped template, so that an office's older copy is noticed.

The templates are the source, edited as documents in Word; each carries a custom document
property (Word: File › Properties › Custom) naming its version. `ntm check --template` compares
an office's template with the one shipped with ntm and warns when the office's copy is older or
unstamped. `stamp` rewrites only the property part, never the document's text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from generator import docprops
from generator.errors import Severity
from generator.files import write_atomically, zip_entry
from generator.formatcheck import Finding
from generator.resources import shipped_templates

PROPERTY = "ntm-template-version"
# the version of the shipped templates: the date of their last change and the issue that made it
CURRENT = "2026.12-14"

_ZIP_TIME = (2021, 1, 1, 0, 0, 0)


def read_version(path: Path) -> str | None:
    """The template's stamped version, or None when it has none (or is no readable DOCX)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    version = docprops.read_properties(data).get(PROPERTY, "").strip()[:100]
    return version or None


def stamp(path: Path, version: str = CURRENT) -> None:
    """Write `version` into the template's custom properties, keeping its other properties (the
    rest of the file is copied part for part; entries keep a fixed time so that the file stays
    reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        existing = source.read(docprops.CUSTOM_PART) if docprops.CUSTOM_PART in names else None
        declared: dict[str, bytes] = {}
        if existing is None:
            types, rels = docprops.registered(source.read("[Content_Types].xml"), source.read("_rels/.rels"))
            declared = {"[Content_Types].xml": types, "_rels/.rels": rels}
        for name in names:
            if name != docprops.CUSTOM_PART:
                target.writestr(_entry(name), declared.get(name) or source.read(name))
        target.writestr(_entry(docprops.CUSTOM_PART), docprops.custom_xml(existing, {PROPERTY: version}))
    write_atomically(path, out.getvalue())


def _entry(name: str) -> zipfile.ZipInfo:
    return zip_entry(name, _ZIP_TIME)


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
