"""The register of outgoing documents (sổ đăng ký văn bản đi) and the archive (SPEC §7).

`archive/so-dang-ky.sqlite` holds one row per issued document. Issuing a draft
happens inside ONE SQLite write transaction (BEGIN IMMEDIATE): the next number is
read, the final DOCX (and PDF) written under `archive/<year>/`, the row inserted,
then COMMIT. A second `ntm issue` waits for the first, so two runs never get the
same number; anything that fails before COMMIT rolls back and removes the files
written, so the number is not consumed. Numbers are never reused: a withdrawn
document keeps its row.

Standard library only (sqlite3), python-docx for the drafts, openpyxl for the export.

The package, each module importing only those above it:

    store       constants, records, migrations, opening the database
    draft       a draft read and filled with python-docx (number line, date, title, signer)
    archive     the archive files (exclusive store, read-only) and interrupted-issue recovery
    numbering   the next number, starting a type from a given number, withdrawing, listing
    issue       issue_document: the one transaction
    export      the register as an Excel file; verifying the archive
    rebuild     the register rebuilt from the archived files

Every public name is importable from `generator.register` as before.
"""

from __future__ import annotations

from generator.errors import (
    ArchiveConflict,
    DraftHasProblems,
    DraftRefused,
    DraftUnreadable,
    OutputProblem,
    RegisterProblem,
)
from generator.model import ARCHIVE_OFFICE, TYPE_NAMES
from generator.register import archive, draft, export, issue, numbering, rebuild, store
from generator.register.archive import (
    PENDING_NAME,
    _read_only,
    _store_new,
    archive_name,
    archived_files,
    recover,
)
from generator.register.draft import DraftSummary, describe_draft
from generator.register.export import EXPORT_COLUMNS, export_register, verify_archive
from generator.register.issue import issue_document
from generator.register.numbering import (
    issued_monthly_plans,
    list_documents,
    next_number,
    set_last_number,
    withdraw,
)
from generator.register.rebuild import RebuildReport, rebuild_register
from generator.register.store import (
    BUSY_TIMEOUT,
    DEFAULT_ARCHIVE,
    EXPORT_FILE,
    ISSUED,
    MIGRATIONS,
    REBUILD_HINT,
    REGISTER_FILE,
    SCHEMA_VERSION,
    WITHDRAWN,
    IssuedDocument,
    RegisteredDocument,
    VerifyReport,
    _sqlite_problem,
    register_path,
)

__all__ = [
    "ARCHIVE_OFFICE",
    "ArchiveConflict",
    "BUSY_TIMEOUT",
    "DEFAULT_ARCHIVE",
    "DraftHasProblems",
    "DraftRefused",
    "DraftSummary",
    "DraftUnreadable",
    "OutputProblem",
    "EXPORT_COLUMNS",
    "EXPORT_FILE",
    "ISSUED",
    "IssuedDocument",
    "MIGRATIONS",
    "PENDING_NAME",
    "REBUILD_HINT",
    "REGISTER_FILE",
    "RebuildReport",
    "RegisterProblem",
    "RegisteredDocument",
    "SCHEMA_VERSION",
    "TYPE_NAMES",
    "VerifyReport",
    "WITHDRAWN",
    "_read_only",
    "_sqlite_problem",
    "_store_new",
    "archive",
    "archive_name",
    "archived_files",
    "describe_draft",
    "draft",
    "export",
    "export_register",
    "issue",
    "issue_document",
    "issued_monthly_plans",
    "list_documents",
    "next_number",
    "numbering",
    "rebuild",
    "rebuild_register",
    "recover",
    "register_path",
    "set_last_number",
    "store",
    "verify_archive",
    "withdraw",
]
