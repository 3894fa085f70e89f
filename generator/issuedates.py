"""When a document may be dated: the period it covers, and the window of issue dates that make sense.

A monthly plan is issued before or early in its month (it is due before the 5th); a monthly
report in its month or just after (due before the 28th); an annual report in or after December
of its year; a mid-year review ("sơ kết 6 tháng đầu năm") at the end of its months. A date outside
the window is almost always a slip (today's date on last year's report), so `ntm issue` refuses
it unless the office says `--force`. Pure functions: the date is an argument, never the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import vnformat
from generator.model import DocType
from generator.text import fold

PLAN_EARLY_DAYS = 15  # a monthly plan may still be issued up to the 15th of its month
REPORT_LATE_DAYS = 15  # a monthly report up to the 15th of the next month
ANNUAL_LAST_MONTH = 3  # an annual report up to the end of March of the next year

# The windows in words, for `ntm issue --help`.
WINDOWS_TEXT = (
    f"kế hoạch hoạt động tháng: từ đầu tháng trước đến ngày {PLAN_EARLY_DAYS} của tháng; "
    f"báo cáo tháng: từ đầu tháng đến ngày {REPORT_LATE_DAYS} tháng sau; "
    f"báo cáo năm: từ 01/12 đến hết tháng {ANNUAL_LAST_MONTH} năm sau"
)

_MONTH = vnformat.MONTH_OF_YEAR
_FIRST_MONTHS = re.compile(r"\b(?P<months>\d{1,2})\s+tháng\s+đầu\s+năm\s+(?P<year>\d{4})\b")
_YEAR = re.compile(r"\bnăm\s+(?P<year>\d{4})\b")


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _month_end(year: int, month: int) -> dt.date:
    return _month_start(year, month + 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class IssueWindow:
    """The issue dates that make sense for one document, and what the document is."""

    what: str  # "kế hoạch hoạt động tháng 3/2021"
    first: dt.date
    last: dt.date

    def allows(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return f"từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"


def document_month(title: str) -> tuple[int, int] | None:
    """(year, month) of a monthly document's title ("… tháng 3 năm 2021"), else None."""
    match = _MONTH.search(fold(title))
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    return int(match["year"]), int(match["month"])


def issue_window(doc_type: str, title: str) -> IssueWindow | None:
    """The window of `doc_type` (KHT, BC, BCN, KH as the register records it) whose title names
    its period ("… tháng 3 năm 2021", "… năm 2021", "… 6 tháng đầu năm 2021"); None when the
    title names no period or the type has no rule (then any date is accepted)."""
    text = fold(title)
    month = _MONTH.search(text)
    if doc_type == DocType.MONTHLY_PLAN.value and month:
        year, number = int(month["year"]), int(month["month"])
        if 1 <= number <= 12:
            first = _month_start(year, number - 1)
            return IssueWindow(f"kế hoạch hoạt động tháng {number}/{year}", first, dt.date(year, number, PLAN_EARLY_DAYS))
    if doc_type == DocType.MONTHLY_REPORT.value and month:
        year, number = int(month["year"]), int(month["month"])
        if 1 <= number <= 12:
            last = _month_start(year, number + 1).replace(day=REPORT_LATE_DAYS)
            return IssueWindow(f"báo cáo tháng {number}/{year}", dt.date(year, number, 1), last)
    if doc_type == DocType.ANNUAL_REPORT.value:
        review = _FIRST_MONTHS.search(text)
        if review:
            year, months = int(review["year"]), int(review["months"])
            if 1 <= months <= 11:
                last = _month_start(year, months + 1).replace(day=REPORT_LATE_DAYS)
                return IssueWindow(f"báo cáo sơ kết {months} tháng đầu năm {year}", _month_start(year, months), last)
        year_match = _YEAR.search(text)
        if year_match:
            year = int(year_match["year"])
            return IssueWindow(f"báo cáo năm {year}", dt.date(year, 12, 1), _month_end(year + 1, ANNUAL_LAST_MONTH))
    if doc_type == DocType.PLAN.value:
        year_match = _YEAR.search(text)
        if year_match:
            year = int(year_match["year"])
            return IssueWindow(f"kế hoạch năm {year}", dt.date(year - 1, 11, 1), _month_end(year, ANNUAL_LAST_MONTH))
    return None


def forced_note(window: IssueWindow, day: dt.date) -> str:
    """What the register keeps (column Ghi chú) when the office issues outside the window."""
    return f"Ngày phát hành {day:%d/%m/%Y} ngoài khoảng thường lệ của {window.what} ({window}); văn phòng xác nhận bằng --force."
