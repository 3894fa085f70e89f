"""`ntm status`: the month's deadlines, what was issued for them, and who logged nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.aggregation import Progress, aggregate_month, months_with_data
from generator.documents import MONTHLY_PLAN, MONTHLY_REPORT, Source, deadline_in
from generator.errors import UsageError
from generator.model import DocType
from generator.pipeline.generating import cause_reminder
from generator.pipeline.inputs import load_inputs

if TYPE_CHECKING:  # Word and register code is imported by the functions that use it
    from generator.register import RegisteredDocument


@dataclass(frozen=True)
class Deadline:
    doc_type: DocType
    title: str
    due: dt.date  # to be sent before this day
    days_left: int  # negative when past
    draft: Path
    draft_exists: bool
    issued: RegisteredDocument | None = None  # the register's copy of it, when issued

    @property
    def standing(self) -> str:
        """The days left, in the words the console and the web page both show. A deadline of a
        past year is only said to be past: a count of hundreds of days tells the clerk nothing."""
        if self.days_left > 0:
            return f"còn {self.days_left} ngày"
        if self.days_left == 0:
            return "hôm nay là hạn"
        today = self.due - dt.timedelta(days=self.days_left)
        if self.due.year < today.year:
            return f"đã quá hạn (năm {self.due.year} đã qua)"
        return f"đã quá hạn {-self.days_left} ngày"


@dataclass(frozen=True)
class StatusReport:
    month: dt.date
    today: dt.date
    deadlines: tuple[Deadline, ...]
    idle_units: tuple[str, ...]
    idle_villages: tuple[str, ...]
    activities_in_month: int
    reminders: tuple[str, ...] = ()
    progress: tuple[Progress, ...] = ()  # per village (and commune centre) × target, cumulative to the month
    months_with_data: tuple[dt.date, ...] = ()


def _issued_for(documents: Sequence[RegisteredDocument], doc_type: DocType, month: dt.date) -> RegisteredDocument | None:
    """The first document of the register, not withdrawn, of that type for that month."""
    from generator.issuedates import document_month

    for document in documents:
        if document.withdrawn or document.doc_type != doc_type.value:
            continue
        if document_month(document.title) == (month.year, month.month):
            return document
    return None


def status(
    paths: Sequence[Path], out_dir: Path, month: dt.date | None, today: dt.date, archive: Path | None = None
) -> StatusReport:
    """`ntm status`: the month's deadlines, what the register says was issued for them, its
    drafts, and who logged nothing in it."""
    from generator.register import DEFAULT_ARCHIVE, list_documents

    inputs = load_inputs(paths)
    info = inputs.commune.info
    if month is None:
        months = months_with_data(inputs.activities)
        if today.year == info.year:
            month = today.replace(day=1)
        else:
            month = months[-1] if months else dt.date(info.year, 1, 1)
    elif month.year != info.year:
        raise UsageError(f"Tháng {month:%m/%Y} không thuộc năm kế hoạch {info.year} của sổ chính.")
    source = Source(inputs.commune, inputs.activities, inputs.planned, month)
    figures = aggregate_month(inputs.commune, inputs.activities, month)
    registered = list_documents(archive if archive is not None else DEFAULT_ARCHIVE)
    deadlines = []
    for spec, day in ((MONTHLY_PLAN, info.monthly_plan_deadline), (MONTHLY_REPORT, info.monthly_report_deadline)):
        due = deadline_in(month, day)
        draft = out_dir.joinpath(*spec.relative_path(source).parts)
        issued = _issued_for(registered, spec.doc_type, month)
        deadlines.append(Deadline(spec.doc_type, spec.title(source), due, (due - today).days, draft, draft.is_file(), issued))
    return StatusReport(
        month,
        today,
        tuple(deadlines),
        figures.idle_units,
        figures.idle_villages,
        figures.month_totals.activities,
        cause_reminder(source),
        figures.progress,
        tuple(months_with_data(inputs.activities)),
    )
