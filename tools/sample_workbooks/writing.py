"""Writing a sample's workbooks through `ntm init`'s own builders, byte for byte the same at
every run (fixed document properties and zip timestamps), then checking them."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from generator import blank
from generator import schema as S
from generator.files import write_atomically, zip_entry
from generator.pipeline import load_inputs
from sample_workbooks.check import check
from sample_workbooks.common import H_LOG, ROOT
from sample_workbooks.rows import make_logs, make_plan, make_villages
from sample_workbooks.samples import Sample, sample_2021, sample_2026


def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def nfc_rows(rows) -> list[list]:
    return [[nfc(v) for v in row] for row in rows]


def log_table(rows: list[dict]) -> list[list]:
    return [[r[h] for h in H_LOG] for r in rows]


def guide_intro(rows: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The sample's own opening notes as rows of blank's Hướng dẫn sheet (the first one in red)."""
    return [("note" if i == 0 else "item", title, nfc(text)) for i, (title, text) in enumerate(rows)]


def fix_properties(wb, fixed_time: dt.datetime) -> None:
    props = wb.properties
    props.creator = "tools/make_sample.py"
    props.lastModifiedBy = "tools/make_sample.py"
    props.created = fixed_time
    props.modified = fixed_time
    props.title = "Sổ mẫu ntm (số liệu minh họa)"


def workbook_bytes(wb, fixed_time: dt.datetime) -> bytes:
    """Save, then re-zip with fixed timestamps and a fixed 'modified' property."""
    raw = io.BytesIO()
    wb.save(raw)
    stamp = fixed_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data
                )
            zout.writestr(zip_entry(info.filename, fixed_time.timetuple()[:6]), data)
    return out.getvalue()


def build(s: Sample) -> tuple[bytes, bytes | None]:
    """The main workbook of the sample and its per-unit workbook (None when it has none)."""
    rng = random.Random(s.rng_seed)
    villages = make_villages(s, rng)
    main_log, unit_log = make_logs(s, rng)
    plan = make_plan(s, rng)

    rows = {
        S.RECIPIENTS.name: [list(r) for r in s.recipients],
        S.UNITS.name: [[i, *u] for i, u in enumerate(s.units, 1)],
        S.VILLAGES.name: villages,
        S.CRITERIA.name: [list(r) for r in s.criteria],
        S.ASSIGNMENTS.name: [[*r, None] for r in s.assignments],
        S.MONTHLY_PLAN.name: plan,
        S.ASSESSMENT.name: [list(r) for r in s.assessment or []],
        S.PREVIOUS_YEAR.name: [list(r) for r in s.previous_year or []],
        S.ACTIVITY_LOG.name: log_table(main_log),
    }
    info = {key: nfc(value) for key, value in s.info}
    wb = blank.main_workbook(
        "",
        blank.main_guide(guide_intro(s.guide_main)),
        info,
        {name: nfc_rows(r) for name, r in rows.items()},
        info_keys=list(info),
        places=[nfc(v[1]) for v in villages],
    )
    fix_properties(wb, s.fixed_time)
    main_bytes = workbook_bytes(wb, s.fixed_time)
    if s.unit_file is None or s.guide_unit is None or s.per_unit_unit is None:
        return main_bytes, None

    # the per-unit log is `ntm init --unit`'s, from the commune of the main workbook just made
    with tempfile.TemporaryDirectory() as folder:
        main_copy = Path(folder) / s.main_file.name
        main_copy.write_bytes(main_bytes)
        commune = load_inputs([main_copy]).commune
    wb = blank.unit_log_workbook(commune, s.per_unit_unit, nfc_rows(log_table(unit_log)), intro=guide_intro(s.guide_unit))
    fix_properties(wb, s.fixed_time)
    return main_bytes, workbook_bytes(wb, s.fixed_time)


def write_sample(s: Sample) -> None:
    main_bytes, unit_bytes = build(s)
    write_atomically(s.main_file, main_bytes)
    written = [s.main_file]
    if unit_bytes is not None and s.unit_file is not None:
        write_atomically(s.unit_file, unit_bytes)
        written.append(s.unit_file)
    print("Đã ghi " + " và ".join(str(p.relative_to(ROOT)) for p in written))
    check(s)


def main() -> None:
    for sample in (sample_2021(), sample_2026()):
        write_sample(sample)
