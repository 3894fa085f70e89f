"""Custom document properties (docProps/custom.xml; Word: File › Properties › Custom).

ntm stamps each document it renders with its type, `ntm-loai` = kh | pl | kht | bc | bcn (the
lower-case register type), so that the register and the template check read what the
document is instead of guessing it from its title, which the clerk may edit. Word and
LibreOffice keep custom properties when they save a file, and python-docx keeps the part when
`ntm issue` fills in the number.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from lxml import etree

from generator.model import DocType

KIND_PROPERTY = "ntm-loai"

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word gives every custom property
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_MAX_PART = 64 * 1024  # a property part is a few hundred bytes: anything larger is not read
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse(xml: bytes) -> etree._Element | None:
    if len(xml) > _MAX_PART or b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        return None
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return None


def custom_xml(existing: bytes | None, values: Mapping[str, str]) -> bytes:
    """The custom properties part `existing` (None: a new one) with `values` set as text
    properties, replacing any property of the same name and keeping the others."""
    root = _parse(existing) if existing else None
    if root is None or root.tag != f"{{{_NS}}}Properties":
        root = etree.Element(f"{{{_NS}}}Properties", nsmap={None: _NS, "vt": _VT})
    for child in list(root):
        if child.get("name") in values:
            root.remove(child)
    pids = [int(p) for p in (child.get("pid") for child in root) if p and p.isdigit()]
    pid = max([1, *pids])  # Word numbers custom properties from 2
    for name, value in values.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    return _serialized(root)


def registered(content_types: bytes, package_rels: bytes) -> tuple[bytes, bytes]:
    """[Content_Types].xml and _rels/.rels of a package that had no custom properties part,
    declaring docProps/custom.xml (its content type and the package's relationship to it)."""
    types = etree.fromstring(content_types, _PARSER)
    if not any(o.get("PartName") == f"/{CUSTOM_PART}" for o in types.iter(f"{{{_TYPES_NS}}}Override")):
        etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName=f"/{CUSTOM_PART}", ContentType=CUSTOM_TYPE)
    rels = etree.fromstring(package_rels, _PARSER)
    if not any(r.get("Type") == CUSTOM_REL for r in rels):
        ids = {r.get("Id") for r in rels}
        new_id = next(f"rIdNtm{n}" for n in range(1, len(ids) + 2) if f"rIdNtm{n}" not in ids)
        etree.SubElement(rels, f"{{{_RELS_NS}}}Relationship", Id=new_id, Type=CUSTOM_REL, Target=CUSTOM_PART)
    return _serialized(types), _serialized(rels)


def _serialized(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def custom_part_name(package_rels: bytes) -> str | None:
    """The zip member of the package's custom properties part, None when it has none."""
    root = _parse(package_rels)
    if root is None:
        return None
    for rel in root:
        if rel.get("Type") == CUSTOM_REL and rel.get("TargetMode") != "External":
            return str(rel.get("Target", "")).lstrip("/") or None
    return None


def read_properties(data: bytes) -> dict[str, str]:
    """The text custom properties of a DOCX's bytes ({} when it has none or is no readable zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            try:
                rels = package.getinfo("_rels/.rels")
            except KeyError:
                return {}
            name = custom_part_name(package.read(rels)) if rels.file_size <= _MAX_PART else None
            if name is None or name not in package.namelist() or package.getinfo(name).file_size > _MAX_PART:
                return {}
            root = _parse(package.read(name))
    except (OSError, zipfile.BadZipFile, KeyError):
        return {}
    if root is None:
        return {}
    found = {}
    for prop in root:
        value = prop.find(f"{{{_VT}}}lpwstr")
        if prop.get("name") and value is not None:
            found[str(prop.get("name"))] = value.text or ""
    return found


def kind_properties(kind: str | None) -> dict[str, str]:
    """The custom properties a rendered document of `kind` ('kh', 'bc'…) carries."""
    return {KIND_PROPERTY: kind} if kind else {}


def stamped_type(data: bytes) -> DocType | None:
    """The type ntm stamped into a DOCX when it rendered it; None for a document ntm did not
    make (or made before the stamp existed), or a stamp that names no type."""
    value = read_properties(data).get(KIND_PROPERTY, "").strip().upper()
    return next((t for t in DocType if t.value == value), None)
