"""The five documents ntm writes: for each its type, template, file path, title and context.

`ALL_DOCUMENTS` is in the order of the year's work: plan, annex, monthly plan, monthly report,
annual report; `DOCUMENTS_BY_KEY` finds one by its type symbol as `--docs` takes it ('kh', 'bc').
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.documents.annual_report import annual_period, annual_report_context, months_covered
from generator.documents.common import MOVEMENT, Source
from generator.documents.monthly_plan import monthly_plan_context
from generator.documents.monthly_report import monthly_report_context
from generator.documents.plan import annex_context, plan_context
from generator.model import DocType
from generator.text import fold


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its template, where it is written, and how it is filled."""

    doc_type: DocType
    template: str
    monthly: bool
    relative_path: Callable[[Source], PurePosixPath]
    title: Callable[[Source], str]
    context: Callable[[Source], Mapping[str, Any]]

    @property
    def key(self) -> str:
        return self.doc_type.value.lower()


def _yearly(stem: str) -> Callable[[Source], PurePosixPath]:
    return lambda source: PurePosixPath(str(source.year), f"{stem}-{source.year}.docx")


def _monthly(stem: str) -> Callable[[Source], PurePosixPath]:
    def path(source: Source) -> PurePosixPath:
        month = source.the_month
        return PurePosixPath(str(month.year), f"{month:%Y-%m}", f"{stem}-{month:%m}.docx")

    return path


PLAN = DocumentSpec(
    DocType.PLAN,
    "ke-hoach.docx",
    False,
    _yearly("ke-hoach"),
    lambda s: f"Kế hoạch {MOVEMENT} năm {s.year}",
    plan_context,
)
ANNEX = DocumentSpec(
    DocType.ANNEX,
    "phu-luc-phan-cong.docx",
    False,
    _yearly("phu-luc-phan-cong"),
    lambda s: f"Phân công các chi bộ, tổ chức tham gia xây dựng nông thôn mới năm {s.year}",
    annex_context,
)
MONTHLY_PLAN = DocumentSpec(
    DocType.MONTHLY_PLAN,
    "ke-hoach-thang.docx",
    True,
    _monthly("ke-hoach-thang"),
    lambda s: f"Kế hoạch hoạt động tháng {s.the_month.month} năm {s.year}",
    monthly_plan_context,
)
MONTHLY_REPORT = DocumentSpec(
    DocType.MONTHLY_REPORT,
    "bao-cao-thang.docx",
    True,
    _monthly("bao-cao-thang"),
    lambda s: f"Báo cáo kết quả tháng {s.the_month.month} năm {s.year}",
    monthly_report_context,
)
ANNUAL_REPORT = DocumentSpec(
    DocType.ANNUAL_REPORT,
    "bao-cao-nam.docx",
    False,
    _yearly("bao-cao-nam"),
    lambda s: f"Báo cáo {'kết quả' if months_covered(s) == 12 else 'sơ kết'} {annual_period(s)}",
    annual_report_context,
)


ALL_DOCUMENTS: tuple[DocumentSpec, ...] = (PLAN, ANNEX, MONTHLY_PLAN, MONTHLY_REPORT, ANNUAL_REPORT)
DOCUMENTS_BY_KEY: dict[str, DocumentSpec] = {fold(d.doc_type.value): d for d in ALL_DOCUMENTS}
