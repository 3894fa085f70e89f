"""read → validate → aggregate → render → write: the one path that the CLI, the web page and
the tests use. Each command of the clerk is one function here:

    inputs       check_inputs, load_inputs   every workbook read once, validated together
                 validate                    `ntm validate`: the problems and the annotated copies
                 init_workbook               `ntm init`
    generating   generate                    `ntm generate`: drafts, PDFs and the print bundle
                 check_files                 `ntm check`: documents and templates
    issuing      issue                       `ntm issue`: the number, the date, the archive
                 register_listing, verify,   `ntm register`, `ntm verify [--rebuild]`
                 rebuild_register
    status       status                      `ntm status`: the month's deadlines

Word, Excel-writing, register and LibreOffice code is imported inside the functions that use it,
so that `ntm --help` and `ntm validate` load none of it.
"""

from generator.pipeline.generating import (
    PRINT_BUNDLE,
    CheckedFile,
    GenerateResult,
    WrittenDocument,
    cause_reminder,
    check_files,
    generate,
    parse_month_option,
    provided_context,
    render_document,
    select_documents,
)
from generator.pipeline.inputs import (
    InputsReport,
    LoadedInputs,
    ValidationResult,
    check_inputs,
    init_workbook,
    load_inputs,
    validate,
    workbooks_in_subfolders,
)
from generator.pipeline.issuing import (
    IssueOutcome,
    RegisterListing,
    find_register,
    issue,
    issue_date,
    rebuild_register,
    register_listing,
    verify,
)
from generator.pipeline.status import Deadline, StatusReport, status

__all__ = [
    "PRINT_BUNDLE",
    "CheckedFile",
    "Deadline",
    "GenerateResult",
    "InputsReport",
    "IssueOutcome",
    "LoadedInputs",
    "RegisterListing",
    "StatusReport",
    "ValidationResult",
    "WrittenDocument",
    "cause_reminder",
    "check_files",
    "check_inputs",
    "find_register",
    "generate",
    "init_workbook",
    "issue",
    "issue_date",
    "load_inputs",
    "parse_month_option",
    "provided_context",
    "rebuild_register",
    "register_listing",
    "render_document",
    "select_documents",
    "status",
    "validate",
    "verify",
    "workbooks_in_subfolders",
]
