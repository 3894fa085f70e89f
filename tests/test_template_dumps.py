"""The templates are the source, edited as documents: each has a text dump under tests/templates/
(a change is reviewed as a diff) and carries the version `ntm check --template` compares."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.templateversion import CURRENT, read_version, stamp
from tests.template_dump import dump

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DUMPS = Path(__file__).resolve().parent / "templates"
NAMES = sorted(p.name for p in TEMPLATES.glob("*.docx"))


def test_every_template_has_a_dump():
    assert NAMES == sorted(p.stem + ".docx" for p in DUMPS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_template_matches_its_text_dump(name):
    """Update with NTM_UPDATE_TEMPLATE_DUMPS=1 after editing a template in Word, and review the diff."""
    text = dump(TEMPLATES / name)
    target = DUMPS / name.replace(".docx", ".txt")
    if os.environ.get("NTM_UPDATE_TEMPLATE_DUMPS"):
        target.write_text(text, encoding="utf-8")
    assert text == target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_every_shipped_template_carries_the_current_version(name):
    assert read_version(TEMPLATES / name) == CURRENT


def test_check_template_warns_about_an_older_copy(tmp_path):
    office = tmp_path / "mau" / "bao-cao-thang.docx"
    office.parent.mkdir()
    shutil.copyfile(TEMPLATES / "bao-cao-thang.docx", office)
    stamp(office, "2026.01-1")
    [checked] = pipeline.check_files([office], templates=True)
    [warning] = [f for f in checked.findings if f.rule == "T-PHIEN-BAN"]
    assert not warning.is_error
    assert "2026.01-1" in warning.found and CURRENT in warning.required


def test_the_current_copy_gets_no_version_warning(tmp_path):
    office = tmp_path / "bao-cao-thang.docx"
    shutil.copyfile(TEMPLATES / "bao-cao-thang.docx", office)
    [checked] = pipeline.check_files([office], templates=True)
    assert checked.findings == ()


def test_stamping_keeps_the_text(tmp_path):
    copy = tmp_path / "ke-hoach.docx"
    shutil.copyfile(TEMPLATES / "ke-hoach.docx", copy)
    stamp(copy, "9")
    assert read_version(copy) == "9"
    assert dump(copy) == dump(TEMPLATES / "ke-hoach.docx")


def test_stamping_keeps_the_other_custom_properties(tmp_path):
    from generator import docprops

    stamped = tmp_path / "ke-hoach.docx"
    stamped.write_bytes(pipeline.render_document(*_plan_and_source(), TEMPLATES))  # carries ntm-loai
    stamp(stamped, "9")
    assert docprops.read_properties(stamped.read_bytes()) == {"ntm-template-version": "9", "ntm-loai": "kh"}


def test_a_template_without_custom_properties_gets_the_part_declared(tmp_path):
    import zipfile

    bare = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(TEMPLATES / "ke-hoach.docx") as source, zipfile.ZipFile(bare, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b'<Override PartName="/docProps/custom.xml"', b'<Override PartName="/docProps/x.xml"')
            if item.filename == "_rels/.rels":
                data = data.replace(b"relationships/custom-properties", b"relationships/x")
            if item.filename != "docProps/custom.xml":
                target.writestr(item, data)
    assert read_version(bare) is None
    stamp(bare, "9")
    assert read_version(bare) == "9"
    assert dump(bare) == dump(TEMPLATES / "ke-hoach.docx")


def _plan_and_source():
    from generator.documents import PLAN, Source
    from generator.resources import shipped_inputs

    inputs = pipeline.load_inputs([shipped_inputs()])
    return PLAN, Source(inputs.commune, inputs.activities, inputs.planned, None)
