"""The rule tables: Hướng dẫn 36-HD/VPTW (Party documents, and its 2026 successor) and
Nghị định 30/2020/NĐ-CP Phụ lục I (state documents). Which one applies is read from the
document's own header (`parts.Family`), and for Party documents which version from its date.

Only what the guidance prescribes is an error; conventions that print well (table rows,
heading marks) are warnings.
"""

from __future__ import annotations

import datetime as dt

from generator.errors import Severity
from generator.formatcheck.engine import Guidance, Profile, Rule
from generator.formatcheck.parts import Family, Kind
from generator.formatcheck.rules.body import check_body, check_headings
from generator.formatcheck.rules.closing import HIERARCHY_MESSAGE, check_annex, check_hierarchy, check_recipients, check_signature
from generator.formatcheck.rules.header import (
    check_header_block,
    check_issuing_body,
    check_national_title,
    check_number,
    check_place_date,
    check_star,
    check_superior_body,
    check_title,
    check_title_underline,
    check_type,
)
from generator.formatcheck.rules.page import check_colour, check_font, check_margins, check_page_numbers, check_paper
from generator.formatcheck.rules.tables import check_tables

ORGAN = frozenset({Kind.ORGAN})

HD36 = Profile(
    name="Hướng dẫn 36-HD/VPTW",
    margins={"top": (20, 20), "bottom": (20, 20), "left": (30, 30), "right": (15, 15)},
    national_title=(15, 15),
    organ=(14, 14),
    number=(14, 14),
    date=(14, 14),
    type_line=(16, 16),
    trich_yeu=(14, 14),
    body=(14, 14),
    signature=(14, 14),
    page_number=(14, 14),
    recipients_label=(14, 14),
    recipients_line=(12, 12),
    number_colon=False,
    star=True,
    recipient_end=",",
    label_bold_italic=False,
    line_exact=(18, 22),
)

ND30 = Profile(
    name="Nghị định 30/2020/NĐ-CP, Phụ lục I",
    margins={"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)},
    national_title=(12, 13),
    organ=(12, 13),
    number=(13, 13),
    date=(13, 14),
    type_line=(13, 14),
    trich_yeu=(13, 14),
    body=(13, 14),
    signature=(13, 14),
    page_number=(13, 14),
    recipients_label=(12, 12),
    recipients_line=(11, 11),
    number_colon=True,
    star=False,
    recipient_end=";",
    label_bold_italic=True,
    line_exact=(15, 27),
)

HIERARCHY_FROM = dt.date(2025, 7, 1)

RULES_2018: tuple[Rule, ...] = (
    Rule("F-KHO-GIAY", "khổ giấy A4, trang dọc (bảng phụ lục được để ngang)", check_paper),
    Rule("F-LE", "lề trên 20, dưới 20, trái 30, phải 15 mm", check_margins),
    Rule("F-PHONG-CHU", "phông Times New Roman", check_font),
    Rule("F-MAU-CHU", "chữ màu đen", check_colour),
    Rule("F-DAU-VAN-BAN", "đầu văn bản: tên cơ quan bên trái, tiêu đề bên phải", check_header_block, kinds=ORGAN),
    Rule("F-CO-QUAN-CAP-TREN", "tên cơ quan cấp trên cỡ 14, in hoa, không đậm", check_superior_body, kinds=ORGAN),
    Rule("F-CO-QUAN-BAN-HANH", "tên cơ quan ban hành cỡ 14, in hoa, đậm", check_issuing_body, kinds=ORGAN),
    Rule("F-SAO", "dấu «*» căn giữa dưới tên cơ quan ban hành", check_star, kinds=ORGAN),
    Rule("F-SO-KY-HIEU", "số và ký hiệu «Số 11-KH/ĐU» cỡ 14", check_number, kinds=ORGAN),
    Rule("F-QUOC-HIEU", "tiêu đề «ĐẢNG CỘNG SẢN VIỆT NAM» cỡ 15, in hoa, đậm", check_national_title),
    Rule("F-GACH-DUOI-QUOC-HIEU", "đường kẻ liền dưới «ĐẢNG CỘNG SẢN VIỆT NAM»", check_title_underline),
    Rule("F-DIA-DANH-NGAY", "địa danh, ngày tháng cỡ 14, nghiêng", check_place_date),
    Rule("F-LOAI-VAN-BAN", "tên loại văn bản căn giữa, cỡ 16, in hoa, đậm", check_type),
    Rule("F-TRICH-YEU", "trích yếu căn giữa, cỡ 14, đậm, chữ thường; dòng «-----»", check_title, kinds=ORGAN),
    Rule("F-THAN-VAN-BAN", "nội dung cỡ 14, căn đều, thụt đầu dòng, cách đoạn, giãn dòng", check_body),
    Rule("F-DE-MUC", "đề mục đánh số I-, 1-, 1.1-, a) (thói quen, không bắt buộc)", check_headings, Severity.WARNING),
    Rule(
        "F-BANG",
        "bảng cỡ 12–13, lặp dòng tiêu đề, không ngắt dòng, viền đơn (thói quen, không bắt buộc)",
        check_tables,
        Severity.WARNING,
    ),
    Rule("F-CHU-KY", "thẩm quyền ký, chức vụ, họ tên người ký", check_signature, kinds=ORGAN),
    Rule("F-NOI-NHAN", "«Nơi nhận:» gạch chân; các dòng cỡ 12, dòng cuối «- Lưu …»", check_recipients, kinds=ORGAN),
    Rule("F-SO-TRANG", "số trang ở đầu trang, giữa, cỡ 14; trang 1 không đánh số", check_page_numbers),
    Rule("F-PHU-LUC", "phụ lục: tên in hoa đậm, dòng «(Kèm theo …)» nghiêng", check_annex),
    Rule("F-CAP-TREN", "từ 01/07/2025 không còn cấp huyện", check_hierarchy, Severity.WARNING, HIERARCHY_FROM, ORGAN),
)

RULES_ND30: tuple[Rule, ...] = (
    Rule("F-KHO-GIAY", "khổ giấy A4, trang dọc", check_paper),
    Rule("F-LE", "lề trên, dưới 20–25, trái 30–35, phải 15–20 mm", check_margins),
    Rule("F-PHONG-CHU", "phông Times New Roman", check_font),
    Rule("F-MAU-CHU", "chữ màu đen", check_colour),
    Rule("F-DAU-VAN-BAN", "đầu văn bản: tên cơ quan bên trái, quốc hiệu bên phải", check_header_block, kinds=ORGAN),
    Rule("F-CO-QUAN-CAP-TREN", "tên cơ quan chủ quản cỡ 12–13, in hoa, không đậm", check_superior_body, kinds=ORGAN),
    Rule("F-CO-QUAN-BAN-HANH", "tên cơ quan ban hành cỡ 12–13, in hoa, đậm", check_issuing_body, kinds=ORGAN),
    Rule("F-SO-KY-HIEU", "«Số: …/…» có dấu hai chấm, cỡ 13", check_number, kinds=ORGAN),
    Rule("F-QUOC-HIEU", "quốc hiệu cỡ 12–13 in hoa đậm; tiêu ngữ cỡ 13–14 đậm", check_national_title),
    Rule("F-GACH-DUOI-QUOC-HIEU", "đường kẻ liền dưới tiêu ngữ", check_title_underline),
    Rule("F-DIA-DANH-NGAY", "địa danh, ngày tháng cỡ 13–14, nghiêng", check_place_date),
    Rule("F-LOAI-VAN-BAN", "tên loại văn bản căn giữa, cỡ 13–14, in hoa, đậm", check_type),
    Rule("F-TRICH-YEU", "trích yếu căn giữa, cỡ 13–14, đậm", check_title, kinds=ORGAN),
    Rule("F-THAN-VAN-BAN", "nội dung cỡ 13–14, căn đều, thụt đầu dòng, cách đoạn ≥ 6 pt, giãn dòng", check_body),
    Rule("F-BANG", "bảng in rõ (thói quen, không bắt buộc)", check_tables, Severity.WARNING),
    Rule("F-CHU-KY", "quyền hạn, chức vụ, họ tên người ký cỡ 13–14", check_signature, kinds=ORGAN),
    Rule(
        "F-NOI-NHAN",
        "«Nơi nhận:» cỡ 12 nghiêng đậm; các dòng cỡ 11 kết thúc «;», dòng cuối «- Lưu: …»",
        check_recipients,
        kinds=ORGAN,
    ),
    Rule("F-SO-TRANG", "số trang ở giữa lề trên, cỡ 13–14; trang 1 không đánh số", check_page_numbers),
)

GUIDANCES: tuple[Guidance, ...] = (
    Guidance(dt.date(2018, 4, 3), "Hướng dẫn 36-HD/VPTW", RULES_2018, HD36),
    Guidance(dt.date(2026, 1, 1), "Hướng dẫn thể thức văn bản của Đảng năm 2026 (kế thừa 36-HD/VPTW)", RULES_2018, HD36),
)

STATE_GUIDANCE = Guidance(
    dt.date(2020, 3, 5), "Nghị định 30/2020/NĐ-CP, Phụ lục I (văn bản hành chính nhà nước)", RULES_ND30, ND30
)


def guidance_for(day: dt.date | None, family: Family | None = Family.PARTY) -> Guidance:
    """The state table for a state document; for a Party one, the guidance in force on `day`
    (the newest for an undated document, the oldest before the first)."""
    if family is Family.STATE:
        return STATE_GUIDANCE
    ordered = sorted(GUIDANCES, key=lambda g: g.start)
    if day is None:
        return ordered[-1]
    chosen = ordered[0]
    for guidance in ordered:
        if guidance.start <= day:
            chosen = guidance
    return chosen


__all__ = [
    "GUIDANCES",
    "HD36",
    "HIERARCHY_FROM",
    "HIERARCHY_MESSAGE",
    "ND30",
    "RULES_2018",
    "RULES_ND30",
    "STATE_GUIDANCE",
    "guidance_for",
]
