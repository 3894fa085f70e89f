"""Issuing a draft (`ntm issue`) and the register's commands: listing, export, verify, rebuild."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import UsageError

if TYPE_CHECKING:  # Word and register code is imported by the functions that use it
    from generator.formatcheck import Finding
    from generator.issuedates import IssueWindow
    from generator.office import Office
    from generator.register import IssuedDocument, RebuildReport, RegisteredDocument, VerifyReport


@dataclass(frozen=True)
class IssueOutcome:
    """What `ntm issue` did: the document issued, and the format warnings of the issued copy."""

    issued: IssuedDocument
    warnings: tuple[Finding, ...]  # checked on the final copy, with its number and issue date
    window: IssueWindow | None  # the issue dates that make sense for it (None: no rule for its type)

    @property
    def record(self) -> RegisteredDocument:
        return self.issued.record

    @property
    def docx(self) -> Path:
        return self.issued.docx

    @property
    def pdf(self) -> Path | None:
        return self.issued.pdf


def issue_date(window: IssueWindow | None, day: dt.date | None, today: dt.date, force: bool) -> dt.date:
    """The issue date: `day`, or today when today falls in the document's window.

    A date outside the window (today's date on last year's report) is refused, naming the
    window, unless `force` says the office knows better.
    """
    if window is None:
        return day or today
    if day is None:
        if window.allows(today):
            return today
        raise UsageError(
            f"Hôm nay ({today:%d/%m/%Y}) không nằm trong thời gian phát hành {window.what} ({window}). "
            "Hãy ghi ngày đã ký phát hành: --date NGÀY/THÁNG/NĂM."
        )
    if window.allows(day) or force:
        return day
    raise UsageError(
        f"Ngày {day:%d/%m/%Y} nằm ngoài thời gian phát hành {window.what} ({window}): chưa cấp số. "
        "Hãy kiểm tra lại --date; nếu văn phòng thật sự phát hành vào ngày đó, chạy lại lệnh với --force "
        "(sổ đăng ký sẽ ghi chú việc này)."
    )


def issue(
    draft: Path,
    archive: Path,
    day: dt.date | None,
    pdf: bool = False,
    reset_each_year: bool = False,
    *,
    force: bool = False,
    today: dt.date | None = None,
    office: Office | None = None,
) -> IssueOutcome:
    """`ntm issue`: the next number from the register, filled in, archived read-only.

    The issue date must make sense for the document (issuedates); a draft that breaks a format
    rule (ntm check) is refused before any number is taken. The issued copy is then checked
    with its real date, so that a rule that depends on the date (no district level from
    1 July 2025) is reported, as a warning.
    """
    from generator.formatcheck import check_document
    from generator.issuedates import forced_note, issue_window
    from generator.register import describe_draft, issue_document

    if not draft.is_file():
        raise UsageError(f"Không tìm thấy tệp '{draft}'.")
    summary = describe_draft(draft)
    window = issue_window(summary.doc_type, summary.title)
    chosen = issue_date(window, day, today or dt.date.today(), force)
    note = forced_note(window, chosen) if window is not None and not window.allows(chosen) else ""
    issued = issue_document(
        draft,
        archive,
        chosen,
        pdf=pdf,
        office=office,
        reset_each_year=reset_each_year,
        check=lambda path: [f for f in check_document(path) if f.is_error],
        note=note,
    )
    warnings = tuple(f for f in check_document(issued.docx) if not f.is_error)
    return IssueOutcome(issued, warnings, window)


@dataclass(frozen=True)
class RegisterListing:
    documents: tuple[RegisteredDocument, ...]
    exported: Path | None


def find_register(archive: Path) -> Path | None:
    """The register file of `archive`, or None when nothing was ever issued there."""
    from generator.register import register_path

    path = register_path(archive)
    return path if path.is_file() else None


def register_listing(archive: Path, year: int | None, export: Path | None) -> RegisterListing:
    """`ntm register`: the issued documents, and the register as an Excel file on request."""
    from generator.register import export_register, list_documents

    documents = tuple(list_documents(archive, year))
    exported = export_register(archive, export, year) if export is not None else None
    return RegisterListing(documents, exported)


def rebuild_register(archive: Path) -> RebuildReport:
    """`ntm verify --rebuild`: the register rebuilt from the archived files, which carry their numbers."""
    from generator import register

    return register.rebuild_register(archive)


def verify(archive: Path) -> VerifyReport:
    """`ntm verify`: every archived file against the SHA-256 recorded when it was issued."""
    from generator.register import verify_archive

    return verify_archive(archive)
