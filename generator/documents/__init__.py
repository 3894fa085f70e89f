"""What each document says: the inputs → the template's context (SPEC §5).

All the wording that depends on data is decided here, and every figure is formatted here with
vnformat, so that templates only place text. One module per document, and what they share:

* common.py – the `Source` of a document, the values a template receives (`Row`, `Picture`,
  `Group`), and the frame every document has (header, signature, Nơi nhận);
* phrasing.py – Vietnamese lists of names and villages, the participation sentence;
* targets.py – the plan's targets as the reports word them;
* plan.py – the yearly plan and its assignment annex;
* monthly_plan.py – the monthly activity plan;
* monthly_report.py, report_tables.py – the monthly result report and its Biểu 01–03;
* annual_report.py – the annual report;
* registry.py – `DocumentSpec` and the five documents: template, file path, title, context.

The names other modules use are importable from `generator.documents` itself.
"""

from __future__ import annotations

from generator.documents.annual_report import annual_period, annual_report_context
from generator.documents.common import Group, Picture, Row, Source, row
from generator.documents.monthly_plan import deadline_in, monthly_plan_context, units_without_plan
from generator.documents.monthly_report import missing_causes, monthly_report_context
from generator.documents.plan import (
    SuperiorLevel,
    annex_context,
    default_content_directive,
    default_preamble,
    derived_superior_level,
    plan_context,
    superior_level,
)
from generator.documents.registry import (
    ALL_DOCUMENTS,
    ANNEX,
    ANNUAL_REPORT,
    DOCUMENTS_BY_KEY,
    MONTHLY_PLAN,
    MONTHLY_REPORT,
    PLAN,
    DocumentSpec,
)

__all__ = [
    "ALL_DOCUMENTS",
    "ANNEX",
    "ANNUAL_REPORT",
    "DOCUMENTS_BY_KEY",
    "MONTHLY_PLAN",
    "MONTHLY_REPORT",
    "PLAN",
    "DocumentSpec",
    "Group",
    "Picture",
    "Row",
    "Source",
    "SuperiorLevel",
    "annex_context",
    "annual_period",
    "annual_report_context",
    "deadline_in",
    "default_content_directive",
    "default_preamble",
    "derived_superior_level",
    "missing_causes",
    "monthly_plan_context",
    "monthly_report_context",
    "plan_context",
    "row",
    "superior_level",
    "units_without_plan",
]
