"""The 2021 sample: commune Bình Xa, plan year 2021, with the real plan Kế hoạch số 11-KH/ĐU of
15/01/2021 (its Căn cứ, section IV and annex, verbatim) and illustrative logs of January–March.

It also holds what the activity rows are drawn from (criteria per unit, people, contents, notes),
which the 2026 sample extends.
"""

from __future__ import annotations

import datetime as dt

from sample_workbooks.common import ILLUSTRATIVE, MADE_BY, OUT_DIR, ROOT

MAIN_FILE = OUT_DIR / "binh-xa-2021.xlsx"
UNIT_FILE = OUT_DIR / "nhat-ky-truong-thcs-2021.xlsx"
SEED_FILE = ROOT.parent / "shared" / "seed" / "ke-hoach-11-KH-DU-2021.txt"  # only used by check()

RNG_SEED = 2021
YEAR = 2021
FIXED_TIME = dt.datetime(2021, 1, 15, 0, 0, 0)  # document properties and zip entries

# Public holidays of 2021 in the months used (1 Jan; Tết Tân Sửu 10–16 Feb;
# Giỗ Tổ Hùng Vương 21 Apr; 30 Apr, 1 May).
HOLIDAYS = frozenset(
    [dt.date(2021, 1, 1)]
    + [dt.date(2021, 2, d) for d in range(10, 17)]
    + [dt.date(2021, 4, 21), dt.date(2021, 4, 30), dt.date(2021, 5, 1)]
)

# --------------------------------------------------------------------------
# Sheet Thông tin
# --------------------------------------------------------------------------

CAN_CU = (
    "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tuyên Quang lần thứ XVII, "
    "Nghị quyết Đại hội đại biểu Đảng bộ huyện Hàm Yên lần thứ XXI, nhiệm kỳ 2020-2025 "
    "và Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ XXIII, nhiệm kỳ 2020-2025; "
    "Thực hiện Kế hoạch số 22-KH/HU, ngày 28/12/2020 của Ban Thường vụ Huyện ủy về tổ chức "
    "phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang trực "
    "tiếp tham gia các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ sở, "
    "Ban Chấp hành Đảng bộ xã ban hành Kế hoạch, như sau:"
)

INFO = [
    ("Cơ quan cấp trên", "ĐẢNG BỘ HUYỆN HÀM YÊN"),
    ("Cơ quan ban hành", "ĐẢNG ỦY XÃ BÌNH XA"),
    ("Ký hiệu cơ quan", "ĐU"),
    ("Địa danh", "Bình Xa"),
    ("Năm kế hoạch", 2021),
    ("Số kế hoạch", 11),
    ("Ngày ban hành kế hoạch", dt.date(2021, 1, 15)),
    ("Thẩm quyền ký", "T/M ĐẢNG ỦY"),
    ("Chức vụ người ký", "BÍ THƯ"),
    ("Người ký", "Lê Ngọc Duyên"),
    ("Nơi nhận báo cáo", "Thường trực Huyện ủy (qua Ban Dân vận Huyện ủy)"),
    ("Hạn kế hoạch tháng", 5),
    ("Hạn báo cáo tháng", 28),
    ("Căn cứ", CAN_CU),
    # the superior level's wording in the plan (III.1, V.1), as the 2021 plan has it
    ("Cấp trên", "huyện"),
    ("Cấp ủy cấp trên", "Huyện ủy"),
    ("Ban tham mưu cấp trên", "Ban Dân vận Huyện ủy"),
    ("Văn bản chỉ đạo nội dung", "Thực hiện theo Chỉ thị số 01-CT/HU, ngày 18/12/2020 của Ban Thường vụ Huyện ủy."),
]

# --------------------------------------------------------------------------
# Sheet Nơi nhận: (Văn bản, Nơi nhận, Ghi chú)
# --------------------------------------------------------------------------

BAO_CAO = "(báo cáo)"
RECIPIENTS = [
    ("KH", "BTV Huyện ủy", BAO_CAO),
    ("KH", "Đ/c Lê Anh Tuấn - Ủy viên BTV Huyện ủy, Chỉ huy Trưởng BCHQS huyện", None),
    ("KH", "Đ/c Trần Danh Tuyên ủy viên BCH Đảng bộ huyện", None),
    ("KH", "TT. HĐND, UBND xã", None),
    ("KH", "UB MTTQ, các đoàn thể xã", None),
    ("KH", "Bí thư các chi bộ", None),
    ("KH", "Các đ/c đảng ủy viên", None),
    ("KHT", "Thường trực Huyện ủy", BAO_CAO),
    ("KHT", "Ban Dân vận Huyện ủy", BAO_CAO),
    ("KHT", "Bí thư các chi bộ", None),
    ("BC", "Thường trực Huyện ủy", BAO_CAO),
    ("BC", "Ban Dân vận Huyện ủy", BAO_CAO),
    ("BC", "Các đ/c đảng ủy viên", None),
    ("BCN", "Ban Thường vụ Huyện ủy", BAO_CAO),
    ("BCN", "Ban Dân vận Huyện ủy", BAO_CAO),
    ("BCN", "TT. HĐND, UBND xã", None),
    ("BCN", "Các đ/c đảng ủy viên", None),
    ("tất cả", "Lưu VPĐU xã", None),
]

# --------------------------------------------------------------------------
# Sheet Đơn vị: (Tên đơn vị, Loại, Người phụ trách)
# --------------------------------------------------------------------------

CHI_BO = "Chi bộ"
TCCTXH = "Tổ chức chính trị - xã hội"
CO_QUAN = "Cơ quan"
UNITS = [
    ("Trường mầm non", CHI_BO, "Nguyễn Thị Hoa"),
    ("Trường tiểu học", CHI_BO, "Hoàng Văn Thắng"),
    ("Trường THCS", CHI_BO, "Trần Thị Thu Hà"),
    ("Trạm y tế", CHI_BO, "Phạm Thị Lan"),
    ("Công an xã", CHI_BO, "Lý Văn Cường"),
    ("MTTQ xã", TCCTXH, "Ma Văn Sơn"),
    ("Hội LHPN xã", TCCTXH, "Bàn Thị Mai"),
    ("Hội nông dân xã", TCCTXH, "Nông Văn Hải"),
    ("Đoàn thanh niên", TCCTXH, "Triệu Văn Tùng"),
    ("Hội CCB", TCCTXH, "Đỗ Văn Bình"),
    ("Công đoàn CS xã", TCCTXH, "Vũ Thị Hằng"),
    ("Đảng ủy xã", CO_QUAN, "Hà Văn Long"),
    ("UBND xã", CO_QUAN, "Lương Văn Quân"),
    ("BCHQS xã", CHI_BO, "Quan Văn Dũng"),
    ("TT HĐND xã", CO_QUAN, "Chu Thị Nga"),
]

# --------------------------------------------------------------------------
# Sheet Thôn: (Tên thôn, xa trung tâm?) – household figures drawn by the RNG
# --------------------------------------------------------------------------

VILLAGES = [
    ("Làng Dịa", True),
    ("Đồng Chùa 1", False),
    ("Đồng Chùa 2", False),
    ("Soi Dịa", True),
    ("Yên Bình", False),
    ("Thọ Bình 1", False),
    ("Thọ Bình 2", False),
    ("Đồng Cỏm", False),
    ("Nam Ninh", False),
    ("Chợ Bợ 1", False),
    ("Chợ Bợ 2", False),
    ("Đồng Vầu", True),
    ("Tân Bình 1", False),
    ("Tân Bình 2", False),
    ("Đồng Lường", True),
    ("Thôn Đo", False),
    ("Thác Lường", True),
    ("Đèo Ảng", True),
]

# --------------------------------------------------------------------------
# Sheet Tiêu chí: (Mã, Nội dung, ĐVT, mỗi thôn, trung tâm xã, Cách tính, Áp dụng, Diễn giải)
# Diễn giải: the plan's section IV, verbatim.
# --------------------------------------------------------------------------

CRITERIA = [
    (
        "PT",
        "Tổ chức phong trào thường xuyên",
        "buổi",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        (
            "- Tổ chức thường xuyên, hiệu quả phong trào này, bám sát các nội dung trọng tâm trên. "
            "Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách."
        ),
        "tổ chức [số] buổi tuyên truyền, họp thôn, ra quân tổng vệ sinh",
    ),
    (
        "BCD",
        "Gắn biển chỉ dẫn ranh giới thôn",
        "biển",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        ("- Thực hiện gắn biển chỉ dẫn ranh giới giữa các thôn ở các tuyến đường chính liên xã, liên thôn."),
        "gắn [số] biển chỉ dẫn ranh giới thôn",
    ),
    (
        "NVH",
        "Nhà văn hóa thôn có cổng, hàng rào, được chỉnh trang",
        "nhà",
        1,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        (
            "- 100% nhà văn hóa thôn có cổng, hàng rào kiên cố hoặc hàng rào cây xanh; được vệ sinh, "
            "chỉnh trang thường xuyên, quét sơn hoặc vôi ve sạch, đẹp."
        ),
        "làm cổng, hàng rào, chỉnh trang [số] nhà văn hóa thôn",
    ),
    (
        "DH",
        "Tuyến đường hoa điển hình",
        "km",
        0.6,
        0.8,
        "Cộng dồn",
        "Tất cả thôn",
        (
            "- 100% các thôn thực hiện đắp lề đường các tuyến đã được kiên cố hóa, trồng tuyến đường "
            "hoa và duy trì hoạt động vệ sinh đường liên thôn, ngõ xóm; trong đó: mỗi thôn tạo được "
            "ít nhất 2 tuyến đường hoa điển hình, chiều dài mỗi tuyến tối thiểu 0,3 km, gắn với các "
            "mô hình “Nhà sạch, vườn đẹp”. Trung tâm xã 0,8 km đường hoa."
        ),
        "trồng mới [số] km đường hoa",
    ),
    (
        "DTS",
        "Tuyến đường điện thắp sáng",
        "tuyến",
        1,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        "- Xây dựng tối thiểu 01 tuyến đường điện thắp sáng/thôn.",
        "lắp đặt [số] tuyến đường điện thắp sáng",
    ),
    (
        "HR",
        "Hộ làm hố rác, chôn lấp hoặc ủ rác hữu cơ",
        "hộ",
        80,
        None,
        "Tỷ lệ hộ",
        "Thôn xa trung tâm",
        (
            "- Vận động Nhân dân đóng góp xã hội hóa thực hiện thu gom rác, vận chuyển đến bãi rác "
            "tập trung của xã để xử lý; các thôn xa trung tâm xã, vận động trên 80% hộ dân làm hố "
            "rác, chôn lấp hoặc ủ rác hữu cơ thành phân bón để giảm thiểu gây ô nhiễm môi trường."
        ),
        "vận động thêm [số] hộ ở các thôn xa trung tâm làm hố rác, chôn lấp hoặc ủ rác hữu cơ",
    ),
    (
        "CN",
        "Hộ chăn nuôi đảm bảo vệ sinh môi trường",
        "hộ",
        10,
        None,
        "Tăng tỷ lệ so năm trước",
        "Tất cả thôn",
        "- Tỷ lệ hộ chăn nuôi đảm bảo vệ sinh môi trường tăng thêm tối thiểu 10% so với năm 2020.",
        "hướng dẫn, vận động thêm [số] hộ chăn nuôi làm chuồng trại bảo đảm vệ sinh môi trường",
    ),
    (
        "KV",
        "Chỉnh trang khuôn viên cơ quan, đơn vị; gắn biển tên",
        "buổi",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        (
            "- Các cơ quan, đơn vị, trường học, trạm y tế thường xuyên chỉnh trang khuôn viên; "
            "tuyên truyền, thực hiện tốt công tác vệ sinh môi trường.\n"
            "Thực hiện gắn biển tên các cơ quan, đơn vị, tổ chức chính trị - xã hội đã giúp đỡ, hỗ "
            "trợ thực hiện công trình, tuyến đường; gắn biển mô hình “Nhà sạch, vườn đẹp” đối với "
            "hộ gia đình."
        ),
        "tổ chức [số] buổi chỉnh trang khuôn viên cơ quan, đơn vị, gắn biển tên, biển mô hình",
    ),
    (
        "GDHN",
        "Đảng viên giúp đỡ hộ nghèo, gia đình chính sách",
        "hộ",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        "- Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách.",
        "đảng viên giúp đỡ [số] hộ nghèo, gia đình chính sách",
    ),
    (
        "VS",
        "Vệ sinh nhà văn hóa, đường thôn, xóm",
        "km",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        None,
        "vệ sinh [số] km đường thôn, xóm, khuôn viên nhà văn hóa",
    ),
    # Upkeep of what exists: participation, not progress toward the new works above (SPEC §4).
    (
        "DTNVH",
        "Duy tu, quét vôi nhà văn hóa thôn",
        "nhà",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        None,
        "duy tu, quét vôi [số] nhà văn hóa thôn",
    ),
    (
        "CSDH",
        "Chăm sóc, trồng dặm tuyến đường hoa hiện có",
        "km",
        None,
        None,
        "Cộng dồn",
        "Tất cả thôn",
        None,
        "chăm sóc, trồng dặm [số] km đường hoa hiện có",
    ),
]
# Upkeep contents: drawn as the work they maintain (so the random draws stay the same), logged
# under their own criterion.
UPKEEP_CODES = {
    "Chỉnh trang, quét vôi nhà văn hóa": "DTNVH",
    "Chăm sóc, trồng dặm tuyến đường hoa": "CSDH",
    "Chăm sóc, trồng dặm tuyến đường hoa trung tâm xã": "CSDH",
}

# --------------------------------------------------------------------------
# Sheet Phân công: the plan's annex, verbatim (TT, Chi bộ/tổ chức, Nội dung, Thôn)
# --------------------------------------------------------------------------

ND_CHUNG = "Vệ sinh Nhà văn hóa, đường thôn, xóm, Đường hoa, gắn biển chỉ dẫn thôn"
ASSIGNMENTS = [
    (1, "Trường mầm non", ND_CHUNG, "Làng Dịa"),
    (2, "Trường tiểu học", ND_CHUNG, "Đồng Chùa 1, Đồng Chùa 2"),
    (3, "Trường THCS", ND_CHUNG, "Soi Dịa, Yên Bình"),
    (4, "Trạm y tế", ND_CHUNG, "Thọ Bình 1"),
    (5, "Công an xã", ND_CHUNG, "Thọ Bình 2"),
    (6, "MTTQ xã", ND_CHUNG, "Đồng Cỏm"),
    (7, "Hội LHPN xã", ND_CHUNG, "Nam Ninh"),
    (8, "Hội nông dân xã", ND_CHUNG, "Chợ Bợ 1, Chợ Bợ 2"),
    (9, "Đoàn thanh niên", ND_CHUNG, "Đồng Vầu"),
    (10, "Hội CCB", ND_CHUNG, "Tân Bình 1, Tân Bình 2"),
    (11, "Công đoàn CS xã", "Trồng hoa, cây xanh Khuân viên trụ sở xã, Nhà bia ghi tên liệt sỹ, gắn biển chỉ dẫn thôn", None),
    (12, "Đảng ủy xã", ND_CHUNG, "Đồng Lường"),
    (13, "UBND xã", ND_CHUNG, "Thôn Đo"),
    (14, "BCHQS xã", "Vệ sinh Nhà văn hóa, đường thôn, xóm, Đường hoa", "Thác Lường"),
    (15, "TT HĐND xã", ND_CHUNG, "Đèo Ảng"),
]

# --------------------------------------------------------------------------
# Activity log (Nhật ký): how many rows per unit and month (Jan, Feb, Mar)
# Hội CCB and BCHQS xã log nothing in March.
# --------------------------------------------------------------------------

LOG_MONTHS = (1, 2, 3)
LOG_COUNTS = {
    "Trường mầm non": (4, 3, 5),
    "Trường tiểu học": (5, 3, 5),
    "Trường THCS": (3, 2, 3),
    "Trạm y tế": (4, 3, 4),
    "Công an xã": (5, 3, 5),
    "MTTQ xã": (4, 3, 4),
    "Hội LHPN xã": (5, 3, 5),
    "Hội nông dân xã": (5, 4, 5),
    "Đoàn thanh niên": (5, 3, 5),
    "Hội CCB": (5, 3, 0),
    "Công đoàn CS xã": (4, 3, 4),
    "Đảng ủy xã": (4, 3, 5),
    "UBND xã": (5, 3, 5),
    "BCHQS xã": (4, 3, 0),
    "TT HĐND xã": (4, 3, 4),
}
MARCH_IDLE_UNITS = frozenset({"Hội CCB", "BCHQS xã"})
PER_UNIT_WORKBOOK_UNIT = "Trường THCS"
PER_UNIT_COUNTS = (4, 2, 4)  # rows of the per-unit workbook, Jan, Feb, Mar
METRE_ROWS = 5  # DH/VS rows of the main workbook whose quantity is given in metres

PLAN_MONTHS = (2, 3, 4)  # Kế hoạch tháng: 02/2021, 03/2021, 04/2021
PLAN_ROWS = (8, 12)  # rows per month, inclusive range

# Criteria each unit works on, with weights.
BASE_WEIGHTS = {"VS": 5, "DH": 4, "BCD": 2, "NVH": 2, "DTS": 1, "PT": 2, "GDHN": 1, "KV": 1}
UNIT_CRITERIA = {
    "Trường mầm non": {**BASE_WEIGHTS, "HR": 2},
    "Trường tiểu học": dict(BASE_WEIGHTS),
    "Trường THCS": {**BASE_WEIGHTS, "HR": 2},
    "Trạm y tế": {**BASE_WEIGHTS, "KV": 2},
    "Công an xã": {**BASE_WEIGHTS, "DTS": 2},
    "MTTQ xã": {**BASE_WEIGHTS, "KV": 2},
    "Hội LHPN xã": {"DH": 7, "VS": 3, "KV": 4, "NVH": 2, "BCD": 1, "PT": 2},
    "Hội nông dân xã": {"CN": 7, "VS": 3, "DH": 2, "BCD": 1, "NVH": 2, "DTS": 1, "PT": 2},
    "Đoàn thanh niên": {"DTS": 6, "VS": 4, "DH": 3, "HR": 2, "BCD": 2, "NVH": 2, "PT": 1},
    "Hội CCB": {"GDHN": 6, "VS": 4, "DH": 2, "BCD": 1, "NVH": 2, "DTS": 1, "PT": 2},
    "Công đoàn CS xã": {"KV": 7, "DH": 4, "VS": 2, "BCD": 1, "PT": 1},
    "Đảng ủy xã": {**BASE_WEIGHTS, "HR": 2, "GDHN": 2},
    "UBND xã": {**BASE_WEIGHTS, "DTS": 2},
    "BCHQS xã": {"VS": 5, "DH": 3, "NVH": 2, "HR": 2, "DTS": 2, "PT": 1},
    "TT HĐND xã": {**BASE_WEIGHTS, "HR": 2},
}
ONCE_PER_PLACE = frozenset({"NVH", "DTS"})  # done at most once per village (across both files)

# Who the unit's own people are: (category column, min, max) and how many
# residents (Nhân dân) join: (min, max).
UNIT_PEOPLE = {
    "Trường mầm non": ("Viên chức", 8, 18, 0, 25),
    "Trường tiểu học": ("Viên chức", 12, 28, 0, 30),
    "Trường THCS": ("Viên chức", 15, 30, 0, 30),
    "Trạm y tế": ("Viên chức", 4, 9, 5, 25),
    "Công an xã": ("LLVT", 6, 12, 5, 30),
    "MTTQ xã": ("Đoàn viên, hội viên", 12, 35, 5, 25),
    "Hội LHPN xã": ("Đoàn viên, hội viên", 15, 45, 0, 20),
    "Hội nông dân xã": ("Đoàn viên, hội viên", 12, 40, 0, 20),
    "Đoàn thanh niên": ("Đoàn viên, hội viên", 15, 40, 0, 20),
    "Hội CCB": ("Đoàn viên, hội viên", 10, 30, 0, 15),
    "Công đoàn CS xã": ("Cán bộ, công chức", 12, 25, 0, 10),
    "Đảng ủy xã": ("Cán bộ, công chức", 6, 12, 10, 40),
    "UBND xã": ("Cán bộ, công chức", 8, 18, 10, 40),
    "BCHQS xã": ("LLVT", 10, 25, 5, 25),
    "TT HĐND xã": ("Cán bộ, công chức", 3, 8, 12, 40),
}

# What was done: texts per criterion, in a village and at the commune centre.
CONTENTS = {
    "VS": [
        "Vệ sinh đường thôn, phát quang bụi rậm",
        "Vệ sinh nhà văn hóa và đường thôn, xóm",
        "Phát quang, dọn cỏ hai bên đường liên thôn",
        "Khơi thông cống rãnh, vệ sinh đường ngõ xóm",
        "Thu gom rác thải, vệ sinh đường trục thôn",
    ],
    "DH": [
        "Trồng hoa tuyến đường trục thôn",
        "Trồng hoa tuyến đường từ nhà văn hóa ra đường liên xã",
        "Đắp lề đường, trồng hoa tuyến đường liên thôn",
        "Chăm sóc, trồng dặm tuyến đường hoa",
    ],
    "NVH": [
        "Chỉnh trang, quét vôi nhà văn hóa",
        "Làm cổng, trồng hàng rào cây xanh nhà văn hóa",
        "Sơn sửa cổng, chỉnh trang khuôn viên nhà văn hóa",
    ],
    "DTS": ["Lắp đặt tuyến đường điện thắp sáng", "Kéo dây, lắp bóng đèn tuyến đường điện thắp sáng"],
    "BCD": ["Gắn biển chỉ dẫn ranh giới thôn", "Làm và gắn biển chỉ dẫn trên đường liên thôn"],
    "HR": ["Hướng dẫn hộ dân đào hố rác, ủ rác hữu cơ", "Vận động hộ dân làm hố rác, chôn lấp rác thải"],
    "CN": [
        "Hướng dẫn hộ chăn nuôi làm chuồng trại xa nhà ở, hố xử lý chất thải",
        "Vận động hộ chăn nuôi vệ sinh chuồng trại, rắc vôi tiêu độc",
        "Hướng dẫn làm đệm lót sinh học trong chăn nuôi",
    ],
    "GDHN": [
        "Đảng viên giúp hộ nghèo dọn dẹp nhà cửa, cải tạo vườn",
        "Thăm, giúp đỡ gia đình chính sách chỉnh trang nhà ở",
        "Giúp hộ nghèo làm chuồng trại chăn nuôi",
    ],
    "PT": [
        "Ra quân tổng vệ sinh hưởng ứng phong trào",
        "Họp thôn triển khai phong trào xây dựng nông thôn mới",
        "Tuyên truyền, vận động Nhân dân tham gia phong trào",
    ],
    "KV": [
        "Gắn biển mô hình “Nhà sạch, vườn đẹp” cho hộ gia đình",
        "Gắn biển tên đơn vị đã hỗ trợ thực hiện công trình",
        "Hướng dẫn hộ gia đình chỉnh trang nhà ở theo mô hình “Nhà sạch, vườn đẹp”",
    ],
}
CENTRE_CONTENTS = {
    "VS": ["Vệ sinh đường trung tâm xã", "Quét dọn, thu gom rác đường trung tâm xã"],
    "DH": ["Trồng hoa tuyến đường trung tâm xã", "Chăm sóc, trồng dặm tuyến đường hoa trung tâm xã"],
    "BCD": ["Gắn biển chỉ dẫn thôn tại ngã ba trung tâm xã"],
    "PT": ["Ra quân tổng vệ sinh trung tâm xã"],
    "KV": [
        "Trồng hoa, cây xanh khuôn viên trụ sở xã",
        "Vệ sinh, chỉnh trang Nhà bia ghi tên liệt sỹ",
        "Chỉnh trang khuôn viên trụ sở xã",
    ],
}
NOTES = ["Kết hợp tuyên truyền phòng, chống dịch Covid-19", "Chuyển từ tuần trước do trời mưa"]
VILLAGE_NOTES = ["Phối hợp với chi bộ thôn", "Phối hợp với Đoàn thanh niên thôn"]
CODE_NOTES = {"DH": ["Nhân dân góp cây giống"], "DTS": ["Nhân dân góp tiền mua bóng đèn"]}
# Contents during which land may be donated (road widening, poles).
LAND_CONTENTS = frozenset(
    {
        "Đắp lề đường, trồng hoa tuyến đường liên thôn",
        "Phát quang, dọn cỏ hai bên đường liên thôn",
        "Lắp đặt tuyến đường điện thắp sáng",
    }
)
PLAN_NOTES = ["Phối hợp với chi bộ thôn", "Nếu trời mưa chuyển sang tuần sau"]

# --------------------------------------------------------------------------
# Sheet Đánh giá: the office's own sentences for a month's report (illustrative)
# --------------------------------------------------------------------------

ASSESSMENT = [
    ("02/2021", "Nguyên nhân", "Tháng 2 trùng dịp Tết Nguyên đán Tân Sửu, thời tiết rét đậm nên một số hoạt động phải lùi lịch."),
    (
        "03/2021",
        "Ưu điểm",
        "Nhân dân đồng tình hưởng ứng, tự nguyện hiến đất mở rộng lề đường, góp cây giống, bóng đèn cùng các chi bộ, tổ chức.",
    ),
    (
        "03/2021",
        "Nguyên nhân",
        "Hội CCB, BCHQS xã tập trung lực lượng cho công tác giao, nhận quân và huấn luyện dân quân "
        "nên chưa bố trí được buổi ra quân tại các thôn được phân công.",
    ),
    (
        "03/2021",
        "Nguyên nhân",
        "Một số cấp ủy chi bộ thôn chưa chủ động phối hợp với đơn vị được phân công; việc vận động hộ "
        "dân làm hố rác ở các thôn xa trung tâm còn chậm.",
    ),
    ("03/2021", "Nhiệm vụ", "Chuẩn bị sơ kết phong trào quý I, biểu dương các tập thể, cá nhân tiêu biểu."),
    (
        "03/2021",
        "Đề xuất",
        "Đề nghị Ban Dân vận Huyện ủy quan tâm hỗ trợ xi măng, cây giống để các thôn xa trung tâm "
        "hoàn thành tuyến đường hoa điển hình.",
    ),
]
# Sheet Năm trước: the 2020 month totals (illustrative), for the annual report's comparison
PREVIOUS_YEAR = [
    (1, 52, 1650, 1180, 26_500_000),
    (2, 38, 1190, 860, 18_200_000),
    (3, 55, 1720, 1245, 31_900_000),
    (4, 58, 1810, 1300, 30_400_000),
    (5, 60, 1890, 1365, 33_750_000),
    (6, 57, 1760, 1270, 29_300_000),
    (7, 50, 1540, 1105, 24_800_000),
    (8, 54, 1690, 1220, 27_650_000),
    (9, 56, 1745, 1260, 28_900_000),
    (10, 61, 1905, 1380, 34_100_000),
    (11, 59, 1850, 1330, 32_450_000),
    (12, 62, 1960, 1415, 36_200_000),
]

# The sample's own notes open its Hướng dẫn sheet; the sheets, columns and formats that follow
# are those of an `ntm init` workbook (blank.main_guide), made from the schema.
GUIDE_MAIN = [
    ("Lưu ý", ILLUSTRATIVE),
    (
        "Sổ này",
        (
            "Sổ chính của Đảng ủy xã Bình Xa, năm kế hoạch 2021, dùng cho chương trình ntm "
            "soạn kế hoạch, phụ lục phân công, kế hoạch hoạt động tháng, báo cáo kết quả "
            "tháng và báo cáo năm của phong trào cán bộ, đảng viên, công chức, viên chức, "
            "chiến sỹ lực lượng vũ trang trực tiếp tham gia xây dựng nông thôn mới, đô thị "
            "văn minh tại cơ sở."
        ),
    ),
    ("Tạo tệp", MADE_BY),
    (
        "Cách dùng",
        (
            "Chép sổ này và các sổ nhật ký của đơn vị (mọi sổ có trang “Nhật ký”) vào "
            "thư mục inputs/, rồi chạy lệnh: ntm generate. Không đổi tên trang, tên cột; "
            "thứ tự cột có thể đổi, cột thêm vào sẽ bị bỏ qua."
        ),
    ),
]
GUIDE_UNIT = [
    ("Lưu ý", ILLUSTRATIVE),
    (
        "Sổ này",
        (
            "Sổ nhật ký hoạt động của Trường THCS (thôn phụ trách: Soi Dịa, Yên Bình), "
            "năm 2021. Nộp cho Văn phòng Đảng ủy xã để chép vào thư mục inputs/ cùng sổ "
            "chính."
        ),
    ),
    ("Tạo tệp", MADE_BY),
]
