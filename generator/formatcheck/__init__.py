"""`ntm check`: the format rules on any DOCX (SPEC §6).

A library: it reads, it returns findings, it never prints or exits. Layers:
`reading` (the DOCX as blocks, sections, styles), `parts` (header, type, body, Nơi nhận,
signature; family and kind), `engine` (rules, findings), `rules/*` (one module per part),
`guidance` (the rule tables: HD36 for Party documents, ND30 for state documents) and
`printed` (what the printed page shows, through LibreOffice).

`check_docx` is the one entry point for a document.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DocumentUnreadable, Severity
from generator.formatcheck.engine import Finding, Guidance, Rule, run_rules
from generator.formatcheck.guidance import GUIDANCES, HIERARCHY_MESSAGE, RULES_2018, RULES_ND30, STATE_GUIDANCE, guidance_for
from generator.formatcheck.parts import Family, Kind, find_parts
from generator.formatcheck.printed import PRINT_SKIPPED, printed_findings
from generator.formatcheck.reading import Doc

NOT_CHECKED = "F-KHONG-AP-DUNG"


@dataclass(frozen=True)
class FormatReport:
    path: Path
    date: dt.date | None
    guidance: Guidance | None  # None: neither a Party nor a state document
    kind: Kind
    findings: tuple[Finding, ...]

    @property
    def guidance_name(self) -> str:
        return "" if self.guidance is None else self.guidance.name


def check_docx(path: Path, pdf: Path | None = None, printed: bool = False) -> FormatReport:
    """The findings of `path` under the rule table its header calls for.

    `pdf` is the document as LibreOffice prints it (made once by the caller for many files);
    with `printed` and no `pdf`, the printed checks say they were skipped.
    """
    doc = Doc(path)
    parts = find_parts(doc)
    day = parts.date
    if parts.family is None:
        finding = Finding(
            NOT_CHECKED,
            "đầu văn bản",
            "không có tiêu đề «ĐẢNG CỘNG SẢN VIỆT NAM» hay quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»: không phải văn bản của Đảng hay văn bản hành chính nhà nước, không kiểm tra thể thức",
            "Hướng dẫn 36-HD/VPTW áp dụng cho văn bản của Đảng, Nghị định 30/2020/NĐ-CP cho văn bản hành chính nhà nước",
            Severity.WARNING,
        )
        return FormatReport(path, day, None, parts.kind, (finding,))
    guidance = guidance_for(day, parts.family)
    findings = run_rules(doc, guidance, parts.kind, day)
    if pdf is not None:
        findings += printed_findings(doc, pdf, guidance.profile)
    elif printed:
        findings.append(PRINT_SKIPPED)
    return FormatReport(path, day, guidance, parts.kind, tuple(findings))


def format_report(path: Path) -> FormatReport:
    """The findings of `path` from the DOCX alone (no printing)."""
    return check_docx(path)


def check_document(path: Path) -> list[Finding]:
    """Every rule that `path` breaks, in the order of its rule table (no printing)."""
    return list(check_docx(path).findings)


def check_printed(paths: Sequence[Path]) -> list[FormatReport]:
    """The reports of many documents with their printed pages: one LibreOffice run for all.

    Without LibreOffice, each report says that its printed checks were skipped.
    """
    from generator.errors import NtmError
    from generator.pdf import convert_to_pdf, find_soffice

    readable = []
    for path in paths:
        Doc(path)  # an unreadable file stops here, before LibreOffice is started
        readable.append(path)
    if find_soffice() is None or not readable:
        return [check_docx(p, printed=True) for p in readable]
    with tempfile.TemporaryDirectory(prefix="ntm-check-") as work:
        try:
            pdfs: list[Path | None] = list(convert_to_pdf(readable, Path(work)))
        except NtmError:
            pdfs = [None] * len(readable)
        return [check_docx(p, pdf, printed=True) for p, pdf in zip(readable, pdfs)]


__all__ = [
    "GUIDANCES",
    "HIERARCHY_MESSAGE",
    "NOT_CHECKED",
    "RULES_2018",
    "RULES_ND30",
    "STATE_GUIDANCE",
    "DocumentUnreadable",
    "Family",
    "Finding",
    "FormatReport",
    "Guidance",
    "Kind",
    "Rule",
    "check_docx",
    "check_document",
    "check_printed",
    "format_report",
    "guidance_for",
]
