"""What both samples share: where they are written, the headers of their sheets (from the
schema), and the notes that say the figures are illustrative and who made the file."""

from __future__ import annotations

from pathlib import Path

from generator import schema as S
from generator.workbook_guide import INFO_NOTE_HEADER
from generator.workbook_sheets import GUIDE_HEADERS

ROOT = Path(__file__).resolve().parent.parent.parent
OUT_DIR = ROOT / "inputs"


def headers_of(sheet: S.SheetSchema) -> list[str]:
    return [c.header for c in sheet.columns]


H_GUIDE = list(GUIDE_HEADERS)
H_INFO = headers_of(S.INFO) + [INFO_NOTE_HEADER]
H_RECIPIENTS = headers_of(S.RECIPIENTS)
H_UNITS = headers_of(S.UNITS)
H_VILLAGES = headers_of(S.VILLAGES)
H_CRITERIA = headers_of(S.CRITERIA)
H_ASSESSMENT = headers_of(S.ASSESSMENT)
H_ASSIGN = headers_of(S.ASSIGNMENTS)
H_PLAN = headers_of(S.MONTHLY_PLAN)
H_PREVIOUS_YEAR = headers_of(S.PREVIOUS_YEAR)
H_LOG = headers_of(S.ACTIVITY_LOG)
# the participant groups, between the total and the workdays (they overlap: never summed)
CATEGORIES = H_LOG[H_LOG.index("Tổng lượt người") + 1 : H_LOG.index("Ngày công")]

ILLUSTRATIVE = "Các số liệu trong tệp mẫu này là số liệu minh họa, không phải số liệu thực tế."
MADE_BY = (
    "Tệp này được tạo tự động bằng công cụ tools/make_sample.py của chương trình ntm "
    "(chạy lại: python tools/make_sample.py tại thư mục gốc); chạy lại sẽ ghi đè tệp."
)
