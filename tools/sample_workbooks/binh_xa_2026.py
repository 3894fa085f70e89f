"""The 2026 sample: the merged commune Bình Xa after the 2025 reorganisation (no district level
from 1 July 2025: the superior body is the province's), logs of January–February.

It extends the 2021 sample: the same units, villages and criteria, and those of the merged
neighbouring commune (their names illustrative).
"""

from __future__ import annotations

import datetime as dt

from sample_workbooks.binh_xa_2021 import (
    ASSIGNMENTS,
    BAO_CAO,
    BASE_WEIGHTS,
    CHI_BO,
    CRITERIA,
    ND_CHUNG,
    UNIT_CRITERIA,
    UNIT_PEOPLE,
    UNITS,
    VILLAGES,
)
from sample_workbooks.common import ILLUSTRATIVE, MADE_BY, OUT_DIR

DIR_2026 = OUT_DIR / "2026"  # a subfolder: `ntm generate` on inputs/ keeps one main workbook
MAIN_FILE_2026 = DIR_2026 / "binh-xa-2026.xlsx"
YEAR_2026 = 2026
FIXED_TIME_2026 = dt.datetime(2026, 1, 12, 0, 0, 0)

# No activity on public holidays (1 Jan; Tết Bính Ngọ 16–20 Feb) nor on the
# weekends of the Tết break around them (14–15 and 21–22 Feb).
HOLIDAYS_2026 = frozenset(
    [dt.date(2026, 1, 1)] + [dt.date(2026, 2, d) for d in range(16, 21)] + [dt.date(2026, 2, d) for d in (14, 15, 21, 22)]
)

CAN_CU_2026 = (
    "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tuyên Quang lần thứ I, "
    "nhiệm kỳ 2025-2030 và Nghị quyết Đại hội đại biểu Đảng bộ xã Bình Xa lần thứ I, "
    "nhiệm kỳ 2025-2030; Thực hiện Kế hoạch số 12-KH/TU, ngày 26/12/2025 của Ban Thường vụ "
    "Tỉnh ủy về tổ chức phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng "
    "vũ trang trực tiếp tham gia các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ "
    "sở năm 2026, Ban Chấp hành Đảng bộ xã ban hành Kế hoạch, như sau:"
)
VAN_BAN_CHI_DAO_2026 = (
    "Thực hiện theo Chỉ thị số 04-CT/TU, ngày 19/12/2025 của Ban Thường vụ Tỉnh ủy về đẩy mạnh "
    "xây dựng nông thôn mới, đô thị văn minh giai đoạn 2026-2030."
)
INFO_2026 = [
    ("Cơ quan cấp trên", "ĐẢNG BỘ TỈNH TUYÊN QUANG"),
    ("Cơ quan ban hành", "ĐẢNG ỦY XÃ BÌNH XA"),
    ("Ký hiệu cơ quan", "ĐU"),
    ("Địa danh", "Bình Xa"),
    ("Năm kế hoạch", YEAR_2026),
    ("Số kế hoạch", 5),
    ("Ngày ban hành kế hoạch", dt.date(2026, 1, 12)),
    ("Thẩm quyền ký", "T/M ĐẢNG ỦY"),
    ("Chức vụ người ký", "BÍ THƯ"),
    ("Người ký", "Nguyễn Văn Thịnh"),
    ("Nơi nhận báo cáo", "Thường trực Tỉnh ủy (qua Ban Tuyên giáo và Dân vận Tỉnh ủy)"),
    ("Hạn kế hoạch tháng", 5),
    ("Hạn báo cáo tháng", 28),
    ("Căn cứ", CAN_CU_2026),
    ("Cấp trên", "tỉnh"),
    ("Cấp ủy cấp trên", "Tỉnh ủy"),
    ("Ban tham mưu cấp trên", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("Văn bản chỉ đạo nội dung", VAN_BAN_CHI_DAO_2026),
    # prose that changes with time is data: the 2026–2030 criteria (QĐ 51/2025/QĐ-TTg) and
    # the commune committee's focal point after the 2025 reorganisation (illustrative: the
    # office confirms its own body)
    (
        "Bộ tiêu chí",
        (
            "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Quyết định "
            "số 51/2025/QĐ-TTg, ngày 29/12/2025 của Thủ tướng Chính phủ)"
        ),
    ),
    ("Mục tiêu đạt chuẩn", "thực hiện các tiêu chí xã nông thôn mới giai đoạn 2026 - 2030"),
    ("Cơ quan đầu mối", "Ban Xây dựng Đảng"),
]

RECIPIENTS_2026 = [
    ("KH", "Thường trực Tỉnh ủy", BAO_CAO),
    ("KH", "Ban Tuyên giáo và Dân vận Tỉnh ủy", BAO_CAO),
    ("KH", "Đ/c Hoàng Văn Minh - Ủy viên BCH Đảng bộ tỉnh, phụ trách xã", None),
    ("KH", "TT. HĐND, UBND xã", None),
    ("KH", "UB MTTQ, các đoàn thể xã", None),
    ("KH", "Bí thư các chi bộ", None),
    ("KH", "Các đ/c đảng ủy viên", None),
    ("KHT", "Thường trực Tỉnh ủy", BAO_CAO),
    ("KHT", "Ban Tuyên giáo và Dân vận Tỉnh ủy", BAO_CAO),
    ("KHT", "Bí thư các chi bộ", None),
    ("BC", "Thường trực Tỉnh ủy", BAO_CAO),
    ("BC", "Ban Tuyên giáo và Dân vận Tỉnh ủy", BAO_CAO),
    ("BC", "Các đ/c đảng ủy viên", None),
    ("BCN", "Ban Thường vụ Tỉnh ủy", BAO_CAO),
    ("BCN", "Ban Tuyên giáo và Dân vận Tỉnh ủy", BAO_CAO),
    ("BCN", "TT. HĐND, UBND xã", None),
    ("BCN", "Các đ/c đảng ủy viên", None),
    ("tất cả", "Lưu VPĐU", None),
]

# The 15 units of 2021 plus the schools of the merged commune (Minh Hương).
UNITS_2026 = UNITS + [
    ("Trường mầm non Minh Hương", CHI_BO, "Ma Thị Thủy"),
    ("Trường tiểu học Minh Hương", CHI_BO, "Hà Văn Định"),
    ("Trường THCS Minh Hương", CHI_BO, "Lục Thị Ngọc"),
]
# The 18 villages of 2021 plus 6 of the merged commune (names illustrative).
VILLAGES_2026 = VILLAGES + [
    ("Minh Quang", False),
    ("Minh Thái", False),
    ("Khuôn Khoai", True),
    ("Nà Cọ", True),
    ("Đồng Mới", False),
    ("Bản Lá", True),
]

# As in 2021, with the baselines of the new plan year (2025).
CRITERIA_2026 = [c[:7] + (c[7].replace("so với năm 2020", "so với năm 2025") if c[7] else c[7],) + c[8:] for c in CRITERIA]

ASSIGNMENTS_2026 = ASSIGNMENTS + [
    (16, "Trường mầm non Minh Hương", ND_CHUNG, "Minh Quang, Minh Thái"),
    (17, "Trường tiểu học Minh Hương", ND_CHUNG, "Khuôn Khoai, Nà Cọ"),
    (18, "Trường THCS Minh Hương", ND_CHUNG, "Đồng Mới, Bản Lá"),
]

# Nhật ký: rows per unit in January and February 2026 (Hội CCB logs nothing in
# February, the month of Tết, nor do its villages Tân Bình 1 and 2).
LOG_MONTHS_2026 = (1, 2)
LOG_COUNTS_2026 = {
    "Trường mầm non": (4, 2),
    "Trường tiểu học": (5, 3),
    "Trường THCS": (4, 2),
    "Trạm y tế": (4, 2),
    "Công an xã": (5, 3),
    "MTTQ xã": (4, 3),
    "Hội LHPN xã": (5, 3),
    "Hội nông dân xã": (5, 3),
    "Đoàn thanh niên": (5, 3),
    "Hội CCB": (4, 0),
    "Công đoàn CS xã": (4, 2),
    "Đảng ủy xã": (4, 3),
    "UBND xã": (5, 3),
    "BCHQS xã": (4, 2),
    "TT HĐND xã": (4, 2),
    "Trường mầm non Minh Hương": (4, 2),
    "Trường tiểu học Minh Hương": (4, 2),
    "Trường THCS Minh Hương": (4, 2),
}
FEBRUARY_IDLE_UNITS_2026 = frozenset({"Hội CCB"})
PLAN_MONTHS_2026 = (1, 2, 3)  # Kế hoạch tháng: 01/2026 – 03/2026
METRE_ROWS_2026 = 3

UNIT_CRITERIA_2026 = {
    **UNIT_CRITERIA,
    "Trường mầm non Minh Hương": {**BASE_WEIGHTS, "HR": 2},
    "Trường tiểu học Minh Hương": {**BASE_WEIGHTS, "HR": 2},
    "Trường THCS Minh Hương": {**BASE_WEIGHTS, "HR": 2},
}
UNIT_PEOPLE_2026 = {
    **UNIT_PEOPLE,
    "Trường mầm non Minh Hương": ("Viên chức", 6, 14, 0, 20),
    "Trường tiểu học Minh Hương": ("Viên chức", 10, 22, 0, 25),
    "Trường THCS Minh Hương": ("Viên chức", 12, 25, 0, 25),
}
NOTES_2026 = ["Kết hợp tuyên truyền phòng, chống cháy rừng mùa khô", "Chuyển từ tuần trước do trời mưa"]

GUIDE_MAIN_2026 = [
    (
        "Lưu ý",
        ILLUSTRATIVE + " Tên các thôn, đơn vị, người của xã sáp nhập và các văn bản cấp tỉnh được dẫn cũng chỉ là minh họa.",
    ),
    (
        "Sổ này",
        (
            "Sổ chính của Đảng ủy xã Bình Xa (xã mới sau sắp xếp đơn vị hành chính năm "
            "2025: từ 01/7/2025 không còn cấp huyện, cấp trên trực tiếp là Đảng bộ tỉnh "
            "Tuyên Quang), năm kế hoạch 2026, dùng cho chương trình ntm soạn kế hoạch, phụ "
            "lục phân công, kế hoạch hoạt động tháng, báo cáo kết quả tháng và báo cáo năm "
            "của phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ "
            "trang trực tiếp tham gia xây dựng nông thôn mới, đô thị văn minh tại cơ sở. "
            "So với năm 2021 có thêm 6 thôn và 3 chi bộ trường học của xã sáp nhập."
        ),
    ),
    ("Tạo tệp", MADE_BY),
    (
        "Cách dùng",
        (
            "Sổ mẫu này nằm ở thư mục con inputs/2026/, để lệnh ntm generate (mặc định "
            "đọc inputs/) chỉ thấy một sổ chính; soạn văn bản năm 2026 bằng lệnh: ntm "
            "generate inputs/2026. Không đổi tên trang, tên cột; thứ tự cột có thể đổi, "
            "cột thêm vào sẽ bị bỏ qua."
        ),
    ),
]

ASSESSMENT_2026 = [
    (
        "02/2026",
        "Nguyên nhân",
        "Tháng 2 trùng dịp Tết Nguyên đán Bính Ngọ, các chi bộ, tổ chức tập trung cho các hoạt động "
        "mừng Đảng, mừng Xuân nên số buổi ra quân giảm so với tháng 1.",
    ),
]

# After the merger two schools of each kind: the old commune's carry its name too.
RENAMED_2026 = {
    "Trường mầm non": "Trường mầm non Bình Xa",
    "Trường tiểu học": "Trường tiểu học Bình Xa",
    "Trường THCS": "Trường THCS Bình Xa",
}


def renamed(name: str) -> str:
    return RENAMED_2026.get(name, name)
