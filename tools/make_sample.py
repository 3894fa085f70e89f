"""Make the two sample input workbooks of ntm (maintainer script).

Writes:

* ``inputs/binh-xa-2021.xlsx`` – the main workbook of commune Bình Xa, plan
  year 2021: sheets ``Hướng dẫn``, ``Thông tin``, ``Nơi nhận``, ``Đơn vị``,
  ``Thôn``, ``Tiêu chí``, ``Phân công``, ``Kế hoạch tháng``, ``Nhật ký``
  (SPEC §3).  The plan's texts (Căn cứ, section IV, the annex) are copied from
  the real Kế hoạch số 11-KH/ĐU of 15/01/2021 (``../shared/seed/``).
* ``inputs/nhat-ky-truong-thcs-2021.xlsx`` – a per-unit activity log of
  "Trường THCS": ``Hướng dẫn`` and ``Nhật ký`` only.

All the fixed data are constants below; the activity rows (Nhật ký, Kế hoạch
tháng) and the household figures of the villages are drawn from
``random.Random(2021)`` – no other randomness – so every run gives the same
workbooks, byte for byte (fixed document properties and zip timestamps).
The figures are illustrative, not real.

Each workbook is written to a temporary file in ``inputs/`` and then moved into
place with ``os.replace``.  After writing, ``check()`` reads both files back
with openpyxl, prints a summary and asserts the rules of the sample.

Rerun from the repository root::

    /work/venv/bin/python tools/make_sample.py      # or: python tools/make_sample.py
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# --------------------------------------------------------------------------
# Paths and fixed settings
# --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "inputs"
MAIN_FILE = OUT_DIR / "binh-xa-2021.xlsx"
UNIT_FILE = OUT_DIR / "nhat-ky-truong-thcs-2021.xlsx"
SEED_FILE = ROOT.parent / "shared" / "seed" / "ke-hoach-11-KH-DU-2021.txt"  # only used by check()

RNG_SEED = 2021
YEAR = 2021
CENTRE = "Trung tâm xã"
FIXED_TIME = dt.datetime(2021, 1, 15, 0, 0, 0)  # document properties and zip entries
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"

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
UNIT_NAMES = [u[0] for u in UNITS]

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
VILLAGE_NAMES = [v[0] for v in VILLAGES]
FAR_VILLAGES = frozenset(v[0] for v in VILLAGES if v[1])

# --------------------------------------------------------------------------
# Sheet Tiêu chí: (Mã, Nội dung, ĐVT, mỗi thôn, trung tâm xã, Cách tính, Áp dụng, Diễn giải)
# Diễn giải: the plan's section IV, verbatim.
# --------------------------------------------------------------------------

CRITERIA = [
    ("PT", "Tổ chức phong trào thường xuyên", "buổi", None, None, "Cộng dồn", "Tất cả thôn",
     ("- Tổ chức thường xuyên, hiệu quả phong trào này, bám sát các nội dung trọng tâm trên. "
      "Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách.")),
    ("BCD", "Gắn biển chỉ dẫn ranh giới thôn", "biển", None, None, "Cộng dồn", "Tất cả thôn",
     ("- Thực hiện gắn biển chỉ dẫn ranh giới giữa các thôn ở các tuyến đường chính liên xã, "
      "liên thôn.")),
    ("NVH", "Nhà văn hóa thôn có cổng, hàng rào, được chỉnh trang", "nhà", 1, None,
     "Cộng dồn", "Tất cả thôn",
     ("- 100% nhà văn hóa thôn có cổng, hàng rào kiên cố hoặc hàng rào cây xanh; được vệ sinh, "
      "chỉnh trang thường xuyên, quét sơn hoặc vôi ve sạch, đẹp.")),
    ("DH", "Tuyến đường hoa điển hình", "km", 0.6, 0.8, "Cộng dồn", "Tất cả thôn",
     ("- 100% các thôn thực hiện đắp lề đường các tuyến đã được kiên cố hóa, trồng tuyến đường "
      "hoa và duy trì hoạt động vệ sinh đường liên thôn, ngõ xóm; trong đó: mỗi thôn tạo được "
      "ít nhất 2 tuyến đường hoa điển hình, chiều dài mỗi tuyến tối thiểu 0,3 km, gắn với các "
      "mô hình “Nhà sạch, vườn đẹp”. Trung tâm xã 0,8 km đường hoa.")),
    ("DTS", "Tuyến đường điện thắp sáng", "tuyến", 1, None, "Cộng dồn", "Tất cả thôn",
     "- Xây dựng tối thiểu 01 tuyến đường điện thắp sáng/thôn."),
    ("HR", "Hộ làm hố rác, chôn lấp hoặc ủ rác hữu cơ", "hộ", 80, None, "Tỷ lệ hộ",
     "Thôn xa trung tâm",
     ("- Vận động Nhân dân đóng góp xã hội hóa thực hiện thu gom rác, vận chuyển đến bãi rác "
      "tập trung của xã để xử lý; các thôn xa trung tâm xã, vận động trên 80% hộ dân làm hố "
      "rác, chôn lấp hoặc ủ rác hữu cơ thành phân bón để giảm thiểu gây ô nhiễm môi trường.")),
    ("CN", "Hộ chăn nuôi đảm bảo vệ sinh môi trường", "hộ", 10, None, "Tăng so năm trước",
     "Tất cả thôn",
     "- Tỷ lệ hộ chăn nuôi đảm bảo vệ sinh môi trường tăng thêm tối thiểu 10% so với năm 2020."),
    ("KV", "Chỉnh trang khuôn viên cơ quan, đơn vị; gắn biển tên", "buổi", None, None,
     "Cộng dồn", "Tất cả thôn",
     ("- Các cơ quan, đơn vị, trường học, trạm y tế thường xuyên chỉnh trang khuôn viên; "
      "tuyên truyền, thực hiện tốt công tác vệ sinh môi trường.\n"
      "Thực hiện gắn biển tên các cơ quan, đơn vị, tổ chức chính trị - xã hội đã giúp đỡ, hỗ "
      "trợ thực hiện công trình, tuyến đường; gắn biển mô hình “Nhà sạch, vườn đẹp” đối với "
      "hộ gia đình.")),
    ("GDHN", "Đảng viên giúp đỡ hộ nghèo, gia đình chính sách", "hộ", None, None, "Cộng dồn",
     "Tất cả thôn", "- Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách."),
    ("VS", "Vệ sinh nhà văn hóa, đường thôn, xóm", "km", None, None, "Cộng dồn",
     "Tất cả thôn", None),
]
CRITERION_UNIT = {c[0]: c[2] for c in CRITERIA}

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
    (11, "Công đoàn CS xã",
     "Trồng hoa, cây xanh Khuân viên trụ sở xã, Nhà bia ghi tên liệt sỹ, gắn biển chỉ dẫn thôn",
     None),
    (12, "Đảng ủy xã", ND_CHUNG, "Đồng Lường"),
    (13, "UBND xã", ND_CHUNG, "Thôn Đo"),
    (14, "BCHQS xã", "Vệ sinh Nhà văn hóa, đường thôn, xóm, Đường hoa", "Thác Lường"),
    (15, "TT HĐND xã", ND_CHUNG, "Đèo Ảng"),
]
ASSIGNED = {
    unit: ([v.strip() for v in villages.split(",")] if villages else [CENTRE])
    for _, unit, _, villages in ASSIGNMENTS
}

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
# Units log only in their assigned villages, so the villages of those two units
# get nothing in March either: Tân Bình 1, Tân Bình 2 (Hội CCB), Thác Lường (BCHQS xã).
MARCH_IDLE_VILLAGES = frozenset(v for u in MARCH_IDLE_UNITS for v in ASSIGNED[u])
PER_UNIT_WORKBOOK_UNIT = "Trường THCS"
PER_UNIT_COUNTS = (4, 2, 4)  # rows of the per-unit workbook, Jan, Feb, Mar
METRE_ROWS = 5  # DH/VS rows of the main workbook whose quantity is given in metres

PLAN_MONTHS = (2, 3, 4)  # Kế hoạch tháng: 02/2021, 03/2021, 04/2021
PLAN_ROWS = (8, 12)  # rows per month, inclusive range

# Criteria each unit works on, with weights.
_BASE = {"VS": 5, "DH": 4, "BCD": 2, "NVH": 2, "DTS": 1, "PT": 2, "GDHN": 1, "KV": 1}
UNIT_CRITERIA = {
    "Trường mầm non": {**_BASE, "HR": 2},
    "Trường tiểu học": dict(_BASE),
    "Trường THCS": {**_BASE, "HR": 2},
    "Trạm y tế": {**_BASE, "KV": 2},
    "Công an xã": {**_BASE, "DTS": 2},
    "MTTQ xã": {**_BASE, "KV": 2},
    "Hội LHPN xã": {"DH": 7, "VS": 3, "KV": 4, "NVH": 2, "BCD": 1, "PT": 2},
    "Hội nông dân xã": {"CN": 7, "VS": 3, "DH": 2, "BCD": 1, "NVH": 2, "DTS": 1, "PT": 2},
    "Đoàn thanh niên": {"DTS": 6, "VS": 4, "DH": 3, "HR": 2, "BCD": 2, "NVH": 2, "PT": 1},
    "Hội CCB": {"GDHN": 6, "VS": 4, "DH": 2, "BCD": 1, "NVH": 2, "DTS": 1, "PT": 2},
    "Công đoàn CS xã": {"KV": 7, "DH": 4, "VS": 2, "BCD": 1, "PT": 1},
    "Đảng ủy xã": {**_BASE, "HR": 2, "GDHN": 2},
    "UBND xã": {**_BASE, "DTS": 2},
    "BCHQS xã": {"VS": 5, "DH": 3, "NVH": 2, "HR": 2, "DTS": 2, "PT": 1},
    "TT HĐND xã": {**_BASE, "HR": 2},
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
    "VS": ["Vệ sinh đường thôn, phát quang bụi rậm",
           "Vệ sinh nhà văn hóa và đường thôn, xóm",
           "Phát quang, dọn cỏ hai bên đường liên thôn",
           "Khơi thông cống rãnh, vệ sinh đường ngõ xóm",
           "Thu gom rác thải, vệ sinh đường trục thôn"],
    "DH": ["Trồng hoa tuyến đường trục thôn",
           "Trồng hoa tuyến đường từ nhà văn hóa ra đường liên xã",
           "Đắp lề đường, trồng hoa tuyến đường liên thôn",
           "Chăm sóc, trồng dặm tuyến đường hoa"],
    "NVH": ["Chỉnh trang, quét vôi nhà văn hóa",
            "Làm cổng, trồng hàng rào cây xanh nhà văn hóa",
            "Sơn sửa cổng, chỉnh trang khuôn viên nhà văn hóa"],
    "DTS": ["Lắp đặt tuyến đường điện thắp sáng",
            "Kéo dây, lắp bóng đèn tuyến đường điện thắp sáng"],
    "BCD": ["Gắn biển chỉ dẫn ranh giới thôn",
            "Làm và gắn biển chỉ dẫn trên đường liên thôn"],
    "HR": ["Hướng dẫn hộ dân đào hố rác, ủ rác hữu cơ",
           "Vận động hộ dân làm hố rác, chôn lấp rác thải"],
    "CN": ["Hướng dẫn hộ chăn nuôi làm chuồng trại xa nhà ở, hố xử lý chất thải",
           "Vận động hộ chăn nuôi vệ sinh chuồng trại, rắc vôi tiêu độc",
           "Hướng dẫn làm đệm lót sinh học trong chăn nuôi"],
    "GDHN": ["Đảng viên giúp hộ nghèo dọn dẹp nhà cửa, cải tạo vườn",
             "Thăm, giúp đỡ gia đình chính sách chỉnh trang nhà ở",
             "Giúp hộ nghèo làm chuồng trại chăn nuôi"],
    "PT": ["Ra quân tổng vệ sinh hưởng ứng phong trào",
           "Họp thôn triển khai phong trào xây dựng nông thôn mới",
           "Tuyên truyền, vận động Nhân dân tham gia phong trào"],
    "KV": ["Gắn biển mô hình “Nhà sạch, vườn đẹp” cho hộ gia đình",
           "Gắn biển tên đơn vị đã hỗ trợ thực hiện công trình",
           "Hướng dẫn hộ gia đình chỉnh trang nhà ở theo mô hình “Nhà sạch, vườn đẹp”"],
}
CENTRE_CONTENTS = {
    "VS": ["Vệ sinh đường trung tâm xã",
           "Quét dọn, thu gom rác đường trung tâm xã"],
    "DH": ["Trồng hoa tuyến đường trung tâm xã",
           "Chăm sóc, trồng dặm tuyến đường hoa trung tâm xã"],
    "BCD": ["Gắn biển chỉ dẫn thôn tại ngã ba trung tâm xã"],
    "PT": ["Ra quân tổng vệ sinh trung tâm xã"],
    "KV": ["Trồng hoa, cây xanh khuôn viên trụ sở xã",
           "Vệ sinh, chỉnh trang Nhà bia ghi tên liệt sỹ",
           "Chỉnh trang khuôn viên trụ sở xã"],
}
NOTES = ["Kết hợp tuyên truyền phòng, chống dịch Covid-19",
         "Chuyển từ tuần trước do trời mưa"]
VILLAGE_NOTES = ["Phối hợp với chi bộ thôn", "Phối hợp với Đoàn thanh niên thôn"]
CODE_NOTES = {"DH": ["Nhân dân góp cây giống"],
              "DTS": ["Nhân dân góp tiền mua bóng đèn"]}
# Contents during which land may be donated (road widening, poles).
LAND_CONTENTS = frozenset({"Đắp lề đường, trồng hoa tuyến đường liên thôn",
                           "Phát quang, dọn cỏ hai bên đường liên thôn",
                           "Lắp đặt tuyến đường điện thắp sáng"})
PLAN_NOTES = ["Phối hợp với chi bộ thôn", "Nếu trời mưa chuyển sang tuần sau"]

# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------

H_GUIDE = ["Mục", "Hướng dẫn"]
H_INFO = ["Mục", "Giá trị"]
H_RECIPIENTS = ["Văn bản", "Nơi nhận", "Ghi chú"]
H_UNITS = ["TT", "Tên đơn vị", "Loại", "Người phụ trách"]
H_VILLAGES = ["TT", "Tên thôn", "Xa trung tâm", "Số hộ", "Số hộ chăn nuôi",
              "Hộ chăn nuôi đạt VSMT năm trước"]
H_CRITERIA = ["Mã", "Nội dung", "ĐVT", "Chỉ tiêu mỗi thôn", "Chỉ tiêu trung tâm xã",
              "Cách tính", "Áp dụng", "Diễn giải"]
H_ASSIGN = ["TT", "Chi bộ, tổ chức", "Nội dung phụ trách", "Thôn phụ trách", "Ghi chú"]
H_PLAN = ["Tháng", "Ngày dự kiến", "Đơn vị", "Thôn", "Mã tiêu chí", "Nội dung hoạt động",
          "Lực lượng dự kiến", "Khối lượng dự kiến", "ĐVT", "Kinh phí dự kiến", "Ghi chú"]
CATEGORIES = ["Cán bộ, công chức", "Đảng viên", "Viên chức", "LLVT", "Đoàn viên, hội viên",
              "Nhân dân"]
H_LOG = (["Ngày", "Đơn vị", "Thôn", "Mã tiêu chí", "Nội dung hoạt động", "Tổng lượt người"]
         + CATEGORIES
         + ["Ngày công", "Khối lượng", "ĐVT", "Tiền mặt (đồng)", "Hiện vật quy đổi (đồng)",
            "Hiến đất (m²)", "Ghi chú"])

# --------------------------------------------------------------------------
# Hướng dẫn
# --------------------------------------------------------------------------

ILLUSTRATIVE = "Các số liệu trong tệp mẫu này là số liệu minh họa, không phải số liệu thực tế."
MADE_BY = ("Tệp này được tạo tự động bằng công cụ tools/make_sample.py của chương trình ntm "
           "(chạy lại: python tools/make_sample.py tại thư mục gốc); chạy lại sẽ ghi đè tệp.")
FORMATS = [
    ("Ngày tháng", ("Ghi ngày dạng dd/mm/yyyy, ví dụ 06/03/2021 (cũng nhận d/m/yyyy và "
                    "yyyy-mm-dd). Ngày phải thuộc năm kế hoạch.")),
    ("Số thập phân", ("Dùng dấu phẩy: 0,5 km; 1,5 ngày công. Số tiền ghi số nguyên, đơn vị "
                      "đồng: 1.250.000 hoặc 1250000.")),
    ("Số người", ("Số nguyên, không âm. Các cột Cán bộ, công chức; Đảng viên; Viên chức; LLVT; "
                  "Đoàn viên, hội viên; Nhân dân là số “trong đó”: một người có thể thuộc nhiều "
                  "nhóm, các nhóm không cộng vào Tổng lượt người; mỗi nhóm không được lớn hơn "
                  "Tổng lượt người, Tổng lượt người ít nhất là 1.")),
    ("Khối lượng, ĐVT", ("Khối lượng ghi theo ĐVT của tiêu chí (trang Tiêu chí); được ghi m "
                         "thay cho km, m² thay cho ha, chương trình tự quy đổi.")),
    ("Thời gian", "Hoạt động vào thứ Bảy, Chủ nhật hằng tuần, trừ ngày nghỉ lễ, tết."),
    ("Tên gọi", ("Tên đơn vị, thôn, mã tiêu chí phải viết đúng như ở các trang Đơn vị, Thôn, "
                 "Tiêu chí (có dấu). Địa bàn trung tâm xã ghi “Trung tâm xã”.")),
]
GUIDE_MAIN = [
    ("Lưu ý", ILLUSTRATIVE),
    ("Sổ này", ("Sổ chính của Đảng ủy xã Bình Xa, năm kế hoạch 2021, dùng cho chương trình ntm "
                "soạn kế hoạch, phụ lục phân công, kế hoạch hoạt động tháng, báo cáo kết quả "
                "tháng và báo cáo năm của phong trào cán bộ, đảng viên, công chức, viên chức, "
                "chiến sỹ lực lượng vũ trang trực tiếp tham gia xây dựng nông thôn mới, đô thị "
                "văn minh tại cơ sở.")),
    ("Tạo tệp", MADE_BY),
    ("Cách dùng", ("Chép sổ này và các sổ nhật ký của đơn vị (mọi sổ có trang “Nhật ký”) vào "
                   "thư mục inputs/, rồi chạy lệnh: ntm generate. Không đổi tên trang, tên cột; "
                   "thứ tự cột có thể đổi, cột thêm vào sẽ bị bỏ qua.")),
    ("Trang Thông tin", ("Thông tin chung: cơ quan cấp trên, cơ quan ban hành, ký hiệu, địa "
                         "danh, năm, số và ngày kế hoạch, người ký, nơi nhận báo cáo, hạn gửi "
                         "kế hoạch và báo cáo tháng, phần căn cứ mở đầu kế hoạch. Cột Mục giữ "
                         "nguyên, chỉ sửa cột Giá trị.")),
    ("Trang Nơi nhận", ("Nơi nhận của từng loại văn bản: KH kế hoạch, PL phụ lục, KHT kế hoạch "
                        "tháng, BC báo cáo tháng, BCN báo cáo năm, “tất cả” cho mọi văn bản. "
                        "Cột Ghi chú ghi “(báo cáo)” nếu có.")),
    ("Trang Đơn vị", ("Danh sách chi bộ, tổ chức, cơ quan; Loại: Chi bộ, Tổ chức chính trị - xã "
                      "hội hoặc Cơ quan; người phụ trách.")),
    ("Trang Thôn", ("Danh sách thôn; cột Xa trung tâm đánh dấu x; số hộ, số hộ chăn nuôi và số "
                    "hộ chăn nuôi đạt vệ sinh môi trường năm trước (để tính tỷ lệ).")),
    ("Trang Tiêu chí", ("Các mục tiêu, nhiệm vụ của kế hoạch: mã, nội dung, đơn vị tính, chỉ "
                        "tiêu mỗi thôn và trung tâm xã, cách tính (Cộng dồn, Tỷ lệ hộ, Tăng so "
                        "năm trước), áp dụng cho thôn nào, câu diễn giải trong kế hoạch.")),
    ("Trang Phân công", ("Phụ lục phân công chi bộ, tổ chức phụ trách thôn, chép nguyên văn; "
                         "nhiều thôn cách nhau bằng dấu phẩy; để trống là trung tâm xã.")),
    ("Trang Kế hoạch tháng", ("Hoạt động dự kiến từng tháng (Tháng ghi MM/YYYY, ví dụ "
                              "03/2021): ngày, đơn vị, thôn, mã tiêu chí, nội dung, lực lượng, "
                              "khối lượng, kinh phí dự kiến.")),
    ("Trang Nhật ký", ("Mỗi dòng là một hoạt động đã làm: ngày, đơn vị, thôn, mã tiêu chí, nội "
                       "dung, tổng lượt người và trong đó từng nhóm, ngày công, khối lượng và "
                       "ĐVT, tiền mặt, hiện vật quy đổi ra tiền (đồng), đất hiến (m²), ghi chú. "
                       "Không ghi trùng một hoạt động hai lần.")),
] + FORMATS
GUIDE_UNIT = [
    ("Lưu ý", ILLUSTRATIVE),
    ("Sổ này", ("Sổ nhật ký hoạt động của Trường THCS (thôn phụ trách: Soi Dịa, Yên Bình), "
                "năm 2021. Nộp cho Văn phòng Đảng ủy xã để chép vào thư mục inputs/ cùng sổ "
                "chính.")),
    ("Tạo tệp", MADE_BY),
    ("Trang Nhật ký", ("Mỗi dòng là một hoạt động đã làm; không đổi tên trang, tên cột; không "
                       "ghi trùng hoạt động đã có trong sổ chính.")),
] + FORMATS


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------

def weekend_days(year: int, month: int) -> list[dt.date]:
    """Saturdays and Sundays of the month that are not public holidays."""
    day = dt.date(year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() >= 5 and day not in HOLIDAYS:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def num(x: float) -> int | float:
    """An int when the value is whole, else the float rounded to 2 places."""
    x = round(x, 2)
    return int(x) if x == int(x) else x


def money(rng: random.Random, lo: int, hi: int, step: int = 50_000) -> int:
    return rng.randint(lo // step, hi // step) * step


def make_villages(rng: random.Random) -> list[list]:
    rows = []
    for i, (name, far) in enumerate(VILLAGES, 1):
        households = rng.randint(70, 260)
        breeders = round(households * rng.uniform(0.40, 0.80))
        baseline = round(breeders * rng.uniform(0.40, 0.70))
        rows.append([i, name, "x" if far else None, households, breeders, baseline])
    return rows


def quantity(rng: random.Random, code: str) -> int | float:
    if code == "VS":
        return num(rng.randint(5, 20) / 10)
    if code == "DH":
        return rng.choice([0.1, 0.15, 0.2, 0.25, 0.3])
    if code == "BCD":
        return rng.randint(2, 6)
    if code == "HR":
        return rng.randint(5, 25)
    if code == "CN":
        return rng.randint(2, 10)
    if code == "GDHN":
        return rng.randint(1, 3)
    return 1  # NVH, DTS, PT, KV


def allowed_codes(unit: str, village: str, once_done: set) -> dict[str, int]:
    out = {}
    for code, weight in UNIT_CRITERIA[unit].items():
        if village == CENTRE and code not in CENTRE_CONTENTS:
            continue
        if code == "HR" and village not in FAR_VILLAGES:
            continue
        if code in ONCE_PER_PLACE and (code, village) in once_done:
            continue
        out[code] = weight
    return out


def pick_code(rng: random.Random, weights: dict[str, int]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[c] for c in codes])[0]


def content_for(rng: random.Random, code: str, village: str) -> str:
    return rng.choice(CENTRE_CONTENTS[code] if village == CENTRE else CONTENTS[code])


def people(rng: random.Random, unit: str, code: str) -> dict[str, int]:
    """Participations: the total and each (overlapping) category."""
    core_cat, core_lo, core_hi, nd_lo, nd_hi = UNIT_PEOPLE[unit]
    if code == "GDHN":  # a few party members help a household
        core, residents = rng.randint(3, 8), rng.randint(0, 4)
    elif code in ("HR", "CN"):
        core, residents = rng.randint(max(3, core_lo // 2), max(5, core_hi // 2)), \
            rng.randint(nd_lo + 5, nd_hi + 10)
    else:
        core, residents = rng.randint(core_lo, core_hi), rng.randint(nd_lo, nd_hi)
    extra_officials = 0 if core_cat == "Cán bộ, công chức" else rng.choice([0, 0, 0, 1, 2])
    total = core + residents + extra_officials
    cats = {c: 0 for c in CATEGORIES}
    cats[core_cat] += core
    cats["Nhân dân"] += residents
    cats["Cán bộ, công chức"] += extra_officials
    if code == "GDHN":
        party = core  # the helpers are party members
    else:
        party = round(core * rng.uniform(0.25, 0.6)) + rng.randint(0, residents // 5)
    cats["Đảng viên"] = min(total, max(cats["Đảng viên"], party))
    if core_cat != "Đoàn viên, hội viên":
        members = rng.randint(0, residents // 2)
        if unit == "Công đoàn CS xã":  # union members
            members += core
        cats["Đoàn viên, hội viên"] = min(total, members)
    return {"Tổng lượt người": total, **cats}


def log_row(rng: random.Random, unit: str, village: str, day: dt.date, code: str) -> dict:
    ppl = people(rng, unit, code)
    total = ppl["Tổng lượt người"]
    factor = 0.5 if code in ("PT", "KV") else rng.choice([0.5, 1, 1])
    cash_p, cash_lo, cash_hi = {
        "DTS": (0.8, 1_000_000, 5_000_000), "BCD": (0.5, 200_000, 1_500_000),
        "DH": (0.3, 200_000, 1_000_000), "NVH": (0.4, 500_000, 3_000_000),
        "GDHN": (0.5, 200_000, 1_000_000),
    }.get(code, (0.08, 200_000, 500_000))
    kind_p, kind_lo, kind_hi = {
        "DH": (0.5, 200_000, 2_000_000), "NVH": (0.7, 500_000, 3_000_000),
        "DTS": (0.6, 1_000_000, 5_000_000), "HR": (0.2, 200_000, 800_000),
        "CN": (0.3, 300_000, 1_500_000), "GDHN": (0.5, 300_000, 2_000_000),
        "KV": (0.4, 200_000, 1_500_000), "VS": (0.1, 200_000, 500_000),
    }.get(code, (0.0, 0, 0))
    cash = money(rng, cash_lo, cash_hi) if rng.random() < cash_p else 0
    kind = money(rng, kind_lo, kind_hi) if rng.random() < kind_p else 0
    content = content_for(rng, code, village)
    if content in LAND_CONTENTS and rng.random() < 0.4:
        land = rng.randint(2, 15) * 10
    else:
        land = 0 if rng.random() < 0.6 else None
    notes = NOTES + CODE_NOTES.get(code, []) + (VILLAGE_NOTES if village != CENTRE else [])
    return {
        "Ngày": day, "Đơn vị": unit, "Thôn": village, "Mã tiêu chí": code,
        "Nội dung hoạt động": content,
        **ppl,
        "Ngày công": num(total * factor),
        "Khối lượng": quantity(rng, code), "ĐVT": CRITERION_UNIT[code],
        "Tiền mặt (đồng)": cash, "Hiện vật quy đổi (đồng)": kind, "Hiến đất (m²)": land,
        "Ghi chú": rng.choice(notes) if rng.random() < 0.07 else None,
    }


def unit_month_rows(rng, unit, month, count, used, once_done) -> list[dict]:
    """`count` rows of one unit in one month, its villages in turn (each covered)."""
    villages = ASSIGNED[unit]
    days = weekend_days(YEAR, month)
    start = rng.randrange(len(villages))
    rows = []
    for k in range(count):
        village = villages[(start + k) % len(villages)]
        for _ in range(200):
            code = pick_code(rng, allowed_codes(unit, village, once_done))
            day = rng.choice(days)
            key = (day, unit, village, code)
            if key not in used:
                break
        else:  # pragma: no cover - the constants leave plenty of room
            raise RuntimeError(f"no free slot for {unit} {village} {month}")
        used.add(key)
        if code in ONCE_PER_PLACE:
            once_done.add((code, village))
        rows.append(log_row(rng, unit, village, day, code))
    return rows


def sort_log(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["Ngày"], UNIT_NAMES.index(r["Đơn vị"]),
                                       r["Thôn"], r["Mã tiêu chí"]))


def make_logs(rng: random.Random) -> tuple[list[dict], list[dict]]:
    used: set = set()
    once_done: set = set()
    main_rows: list[dict] = []
    for unit in UNIT_NAMES:
        for month, count in zip(LOG_MONTHS, LOG_COUNTS[unit]):
            main_rows += unit_month_rows(rng, unit, month, count, used, once_done)
    unit_rows: list[dict] = []
    for month, count in zip(LOG_MONTHS, PER_UNIT_COUNTS):
        unit_rows += unit_month_rows(rng, PER_UNIT_WORKBOOK_UNIT, month, count, used, once_done)
    # a few quantities in metres, to exercise unit conversion (m -> km)
    candidates = [r for r in main_rows if r["Mã tiêu chí"] in ("DH", "VS")]
    for r in rng.sample(candidates, METRE_ROWS):
        r["Khối lượng"] = round(r["Khối lượng"] * 1000)
        r["ĐVT"] = "m"
    return sort_log(main_rows), sort_log(unit_rows)


def make_plan(rng: random.Random) -> list[list]:
    rows = []
    for month in PLAN_MONTHS:
        n = rng.randint(*PLAN_ROWS)
        units = rng.sample(UNIT_NAMES, n)
        days = weekend_days(YEAR, month)
        month_rows = []
        for unit in units:
            village = rng.choice(ASSIGNED[unit])
            weights = allowed_codes(unit, village, set())
            if rng.random() < 0.5:  # fewer planned NVH rows
                weights.pop("NVH", None)
            code = pick_code(rng, weights)
            budget = 0 if rng.random() < 0.4 else rng.randint(1, 30) * 100_000
            month_rows.append([
                f"{month:02d}/{YEAR}", rng.choice(days), unit, village, code,
                content_for(rng, code, village), rng.randint(15, 60), quantity(rng, code),
                CRITERION_UNIT[code], budget,
                rng.choice(PLAN_NOTES) if rng.random() < 0.1 else None,
            ])
        month_rows.sort(key=lambda r: (r[1], UNIT_NAMES.index(r[2])))
        rows += month_rows
    return rows


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

DATE_HEADERS = {"Ngày", "Ngày dự kiến"}
MONEY_HEADERS = {"Tiền mặt (đồng)", "Hiện vật quy đổi (đồng)", "Kinh phí dự kiến"}
MAX_WIDTH = 60


def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def write_sheet(wb, title: str, headers: list[str], rows: list[list],
                widths: dict[str, float] | None = None) -> None:
    ws = wb.create_sheet(nfc(title))
    ws.append([nfc(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        ws.append([nfc(v) for v in row])
    ws.freeze_panes = "A2"
    for c, header in enumerate(headers, 1):
        letter = get_column_letter(c)
        longest = max([len(header)] + [max((len(s) for s in str(v).split("\n")), default=0)
                                       for v in (r[c - 1] for r in rows) if v is not None])
        if header in DATE_HEADERS or any(isinstance(r[c - 1], dt.date) for r in rows):
            longest = max(len(header), 10)
        width = (widths or {}).get(header, min(MAX_WIDTH, longest + 2))
        ws.column_dimensions[letter].width = max(6, width)
        for cell in ws[letter][1:]:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMAT
            elif header in MONEY_HEADERS and isinstance(cell.value, int):
                cell.number_format = MONEY_FORMAT
            elif header == "Tháng":
                cell.number_format = "@"
            if isinstance(cell.value, str) and (len(cell.value) > width or "\n" in cell.value):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def log_table(rows: list[dict]) -> list[list]:
    return [[r[h] for h in H_LOG] for r in rows]


def write_guide(wb, rows: list[tuple[str, str]]) -> None:
    write_sheet(wb, "Hướng dẫn", H_GUIDE, [list(r) for r in rows],
                widths={"Mục": 22, "Hướng dẫn": 100})
    ws = wb["Hướng dẫn"]
    for cell in ws["A"][1:]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for cell in ws["B"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["B2"].font = Font(bold=True, color="C00000")


def new_workbook():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    props = wb.properties
    props.creator = "tools/make_sample.py"
    props.lastModifiedBy = "tools/make_sample.py"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.title = "Sổ mẫu ntm (số liệu minh họa)"
    return wb


def workbook_bytes(wb) -> bytes:
    """Save, then re-zip with fixed timestamps and a fixed 'modified' property."""
    raw = io.BytesIO()
    wb.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, data)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def build() -> tuple[bytes, bytes]:
    rng = random.Random(RNG_SEED)
    villages = make_villages(rng)
    main_log, unit_log = make_logs(rng)
    plan = make_plan(rng)

    wb = new_workbook()
    write_guide(wb, GUIDE_MAIN)
    write_sheet(wb, "Thông tin", H_INFO, [list(r) for r in INFO],
                widths={"Mục": 26, "Giá trị": 90})
    write_sheet(wb, "Nơi nhận", H_RECIPIENTS, [list(r) for r in RECIPIENTS])
    write_sheet(wb, "Đơn vị", H_UNITS, [[i, *u] for i, u in enumerate(UNITS, 1)])
    write_sheet(wb, "Thôn", H_VILLAGES, villages)
    write_sheet(wb, "Tiêu chí", H_CRITERIA, [list(r) for r in CRITERIA],
                widths={"Nội dung": 40, "Diễn giải": 90})
    write_sheet(wb, "Phân công", H_ASSIGN, [[*r, None] for r in ASSIGNMENTS],
                widths={"Nội dung phụ trách": 50})
    write_sheet(wb, "Kế hoạch tháng", H_PLAN, plan)
    write_sheet(wb, "Nhật ký", H_LOG, log_table(main_log))
    main_bytes = workbook_bytes(wb)

    wb = new_workbook()
    write_guide(wb, GUIDE_UNIT)
    write_sheet(wb, "Nhật ký", H_LOG, log_table(unit_log))
    return main_bytes, workbook_bytes(wb)


def main() -> None:
    main_bytes, unit_bytes = build()
    write_atomic(MAIN_FILE, main_bytes)
    write_atomic(UNIT_FILE, unit_bytes)
    print(f"Đã ghi {MAIN_FILE.relative_to(ROOT)} và {UNIT_FILE.relative_to(ROOT)}")
    check()


# --------------------------------------------------------------------------
# Check: read both files back and assert the rules of the sample
# --------------------------------------------------------------------------

def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _read(ws) -> tuple[list[str], list[dict]]:
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    return headers, [dict(zip(headers, r)) for r in rows[1:]]


def _check_sheet_format(ws, headers: list[str]) -> None:
    assert [c.value for c in ws[1]] == headers, (ws.title, [c.value for c in ws[1]])
    assert all(c.font.bold for c in ws[1]), ws.title
    assert ws.freeze_panes == "A2", ws.title
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert unicodedata.is_normalized("NFC", cell.value), (ws.title, cell.coordinate)
            if isinstance(cell.value, dt.datetime):
                assert cell.number_format == DATE_FORMAT, (ws.title, cell.coordinate)


def _check_log(rows: list[dict], where: str) -> None:
    for i, r in enumerate(rows, 2):
        at = f"{where}!{i}"
        day = _as_date(r["Ngày"])
        assert isinstance(day, dt.date) and day.year == YEAR and day.month in LOG_MONTHS, at
        assert day.weekday() >= 5, (at, day, "not a weekend")
        assert day not in HOLIDAYS, (at, day, "holiday")
        unit, village, code = r["Đơn vị"], r["Thôn"], r["Mã tiêu chí"]
        assert unit in UNIT_NAMES and code in CRITERION_UNIT, at
        assert village in ASSIGNED[unit], (at, unit, village, "not assigned")
        if code == "HR":
            assert village in FAR_VILLAGES, at
        total = r["Tổng lượt người"]
        assert isinstance(total, int) and total >= 1, at
        for c in CATEGORIES:
            assert isinstance(r[c], int) and 0 <= r[c] <= total, (at, c)
        assert isinstance(r["Ngày công"], (int, float)) and r["Ngày công"] > 0, at
        assert (r["Ngày công"] * 2) == int(r["Ngày công"] * 2), at
        assert isinstance(r["Khối lượng"], (int, float)) and r["Khối lượng"] > 0, at
        if r["ĐVT"] == "m":
            assert code in ("DH", "VS") and isinstance(r["Khối lượng"], int), at
        else:
            assert r["ĐVT"] == CRITERION_UNIT[code], at
        for c in ("Tiền mặt (đồng)", "Hiện vật quy đổi (đồng)"):
            v = r[c]
            assert isinstance(v, int) and v >= 0 and v % 50_000 == 0, (at, c)
            assert v == 0 or 200_000 <= v <= 5_000_000, (at, c)
        land = r["Hiến đất (m²)"]
        assert land is None or (isinstance(land, int) and (land == 0 or 20 <= land <= 150)), at
        assert r["Nội dung hoạt động"], at


def _check_against_seed(seed: str) -> None:
    """The annex rows and section IV texts appear verbatim in the seed."""
    for tt, unit, content, villages in ASSIGNMENTS:
        for text in (str(tt), unit, content, villages):
            if text:
                assert f"\t{text}\n" in seed, text
    for crit in CRITERIA:
        if crit[7]:
            assert crit[7] in seed, crit[0]
    assert CAN_CU.replace("văn minh tại cơ sở, Ban", "văn mình tại cơ sở, Ban") in seed


def check() -> None:
    """Read both workbooks back, print a summary and assert the sample's rules."""
    wb = openpyxl.load_workbook(MAIN_FILE)
    expected = ["Hướng dẫn", "Thông tin", "Nơi nhận", "Đơn vị", "Thôn", "Tiêu chí",
                "Phân công", "Kế hoạch tháng", "Nhật ký"]
    print("Sổ chính:", MAIN_FILE.relative_to(ROOT))
    print("  Các trang:", ", ".join(wb.sheetnames))
    assert wb.sheetnames == expected, wb.sheetnames
    for ws in wb.worksheets:
        print(f"  {ws.title}: {ws.max_row - 1} dòng")
    headers = {"Hướng dẫn": H_GUIDE, "Thông tin": H_INFO, "Nơi nhận": H_RECIPIENTS,
               "Đơn vị": H_UNITS, "Thôn": H_VILLAGES, "Tiêu chí": H_CRITERIA,
               "Phân công": H_ASSIGN, "Kế hoạch tháng": H_PLAN, "Nhật ký": H_LOG}
    for name, hdr in headers.items():
        _check_sheet_format(wb[name], hdr)

    # Hướng dẫn
    guide = "\n".join(str(v) for row in wb["Hướng dẫn"].iter_rows(values_only=True)
                      for v in row if v)
    assert ILLUSTRATIVE in guide and "tools/make_sample.py" in guide and "trong đó" in guide

    # Thông tin
    _, info = _read(wb["Thông tin"])
    got = [(r["Mục"], _as_date(r["Giá trị"]) if isinstance(r["Giá trị"], dt.datetime)
            else r["Giá trị"]) for r in info]
    assert got == INFO, got
    assert "đô thị văn minh tại cơ sở" in CAN_CU and "văn mình" not in CAN_CU

    # Nơi nhận, Đơn vị, Thôn, Tiêu chí, Phân công
    _, rec = _read(wb["Nơi nhận"])
    assert [(r["Văn bản"], r["Nơi nhận"], r["Ghi chú"]) for r in rec] == RECIPIENTS
    _, units = _read(wb["Đơn vị"])
    assert [r["Tên đơn vị"] for r in units] == UNIT_NAMES and len(units) == 15
    assert [r["TT"] for r in units] == list(range(1, 16))
    _, vil = _read(wb["Thôn"])
    assert [r["Tên thôn"] for r in vil] == VILLAGE_NAMES
    for r in vil:
        assert (r["Xa trung tâm"] == "x") == (r["Tên thôn"] in FAR_VILLAGES)
        assert 70 <= r["Số hộ"] <= 260
        assert 0.4 * r["Số hộ"] - 0.5 <= r["Số hộ chăn nuôi"] <= 0.8 * r["Số hộ"] + 0.5
        base, breeders = r["Hộ chăn nuôi đạt VSMT năm trước"], r["Số hộ chăn nuôi"]
        assert 0.4 * breeders - 0.5 <= base <= 0.7 * breeders + 0.5
    _, crit = _read(wb["Tiêu chí"])
    assert [tuple(r[h] for h in H_CRITERIA) for r in crit] == CRITERIA
    _, ann = _read(wb["Phân công"])
    assert [(r["TT"], r["Chi bộ, tổ chức"], r["Nội dung phụ trách"], r["Thôn phụ trách"])
            for r in ann] == ASSIGNMENTS
    assert all(r["Ghi chú"] is None for r in ann)
    if SEED_FILE.exists():
        _check_against_seed(SEED_FILE.read_text(encoding="utf-8"))
        print("  Đối chiếu văn bản gốc (Căn cứ, mục IV, phụ lục): khớp")

    # Kế hoạch tháng
    _, plan = _read(wb["Kế hoạch tháng"])
    per_plan_month = Counter(r["Tháng"] for r in plan)
    print("  Kế hoạch tháng theo tháng:", dict(per_plan_month))
    assert sorted(per_plan_month) == [f"{m:02d}/{YEAR}" for m in PLAN_MONTHS]
    assert all(PLAN_ROWS[0] <= n <= PLAN_ROWS[1] for n in per_plan_month.values())
    for r in plan:
        day = _as_date(r["Ngày dự kiến"])
        assert isinstance(r["Tháng"], str) and r["Tháng"] == f"{day.month:02d}/{day.year}"
        assert day.weekday() >= 5 and day not in HOLIDAYS, day
        assert r["Thôn"] in ASSIGNED[r["Đơn vị"]]
        assert r["ĐVT"] == CRITERION_UNIT[r["Mã tiêu chí"]]
        assert isinstance(r["Lực lượng dự kiến"], int) and r["Lực lượng dự kiến"] > 0
        assert isinstance(r["Kinh phí dự kiến"], int) and r["Kinh phí dự kiến"] % 100_000 == 0

    # Nhật ký of the main workbook
    _, log = _read(wb["Nhật ký"])
    _check_log(log, "binh-xa-2021.xlsx:Nhật ký")
    per_unit = Counter(r["Đơn vị"] for r in log)
    per_month = Counter(_as_date(r["Ngày"]).month for r in log)
    print(f"  Nhật ký: {len(log)} dòng; theo tháng:",
          ", ".join(f"T{m}: {per_month[m]}" for m in LOG_MONTHS))
    print("  Nhật ký theo đơn vị (T1/T2/T3):")
    for unit in UNIT_NAMES:
        months = Counter(_as_date(r["Ngày"]).month for r in log if r["Đơn vị"] == unit)
        print(f"    {unit:<18} {per_unit[unit]:>3}  ({months[1]}/{months[2]}/{months[3]})")
    assert len(log) >= 160, len(log)
    assert all(per_unit[u] >= 6 for u in UNIT_NAMES), per_unit
    march = [r for r in log if _as_date(r["Ngày"]).month == 3]
    idle_units = set(UNIT_NAMES) - {r["Đơn vị"] for r in march}
    idle_places = set(VILLAGE_NAMES + [CENTRE]) - {r["Thôn"] for r in march}
    print("  Tháng 3 không có hoạt động: đơn vị", sorted(idle_units), "; thôn", sorted(idle_places))
    assert idle_units == MARCH_IDLE_UNITS, idle_units
    # Hội CCB is the only unit of Tân Bình 1 and 2, BCHQS xã the only one of Thác Lường
    assert idle_places == MARCH_IDLE_VILLAGES, idle_places
    assert {r["Thôn"] for r in log} == set(VILLAGE_NAMES + [CENTRE])
    metres = [r for r in log if r["ĐVT"] == "m"]
    assert len(metres) == METRE_ROWS, len(metres)
    print("  Dòng ghi khối lượng bằng m:", len(metres))

    # The per-unit workbook
    wbu = openpyxl.load_workbook(UNIT_FILE)
    print("Sổ đơn vị:", UNIT_FILE.relative_to(ROOT))
    print("  Các trang:", ", ".join(wbu.sheetnames))
    assert wbu.sheetnames == ["Hướng dẫn", "Nhật ký"], wbu.sheetnames
    _check_sheet_format(wbu["Hướng dẫn"], H_GUIDE)
    _check_sheet_format(wbu["Nhật ký"], H_LOG)
    guide = "\n".join(str(v) for row in wbu["Hướng dẫn"].iter_rows(values_only=True)
                      for v in row if v)
    assert ILLUSTRATIVE in guide and "tools/make_sample.py" in guide
    _, ulog = _read(wbu["Nhật ký"])
    _check_log(ulog, "nhat-ky-truong-thcs-2021.xlsx:Nhật ký")
    umonth = Counter(_as_date(r["Ngày"]).month for r in ulog)
    print(f"  Nhật ký: {len(ulog)} dòng; theo tháng:",
          ", ".join(f"T{m}: {umonth[m]}" for m in LOG_MONTHS))
    assert 8 <= len(ulog) <= 12
    assert {r["Đơn vị"] for r in ulog} == {PER_UNIT_WORKBOOK_UNIT}
    assert {r["Thôn"] for r in ulog} <= {"Soi Dịa", "Yên Bình"}

    # No duplicates, within or across the files; NVH/DTS once per village
    everything = log + ulog
    keys = [(_as_date(r["Ngày"]), r["Đơn vị"], r["Thôn"], r["Nội dung hoạt động"],
             tuple(r[h] for h in H_LOG[5:18])) for r in everything]
    assert len(set(keys)) == len(keys), "duplicate activity rows"
    full = [tuple(r.values()) for r in everything]
    assert len(set(full)) == len(full)
    once = Counter((r["Mã tiêu chí"], r["Thôn"]) for r in everything
                   if r["Mã tiêu chí"] in ONCE_PER_PLACE)
    assert all(n == 1 for n in once.values()), once
    print("Kiểm tra: đạt.")


if __name__ == "__main__":
    main()
