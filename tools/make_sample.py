"""Make the sample input workbooks of ntm (maintainer script).

Writes:

* ``inputs/binh-xa-2021.xlsx`` – the main workbook of commune Bình Xa, plan
  year 2021: sheets ``Hướng dẫn``, ``Thông tin``, ``Nơi nhận``, ``Đơn vị``,
  ``Thôn``, ``Tiêu chí``, ``Phân công``, ``Kế hoạch tháng``, ``Nhật ký``
  (SPEC §3).  The plan's texts (Căn cứ, section IV, the annex) are copied from
  the real Kế hoạch số 11-KH/ĐU of 15/01/2021 (``../shared/seed/``).
* ``inputs/nhat-ky-truong-thcs-2021.xlsx`` – a per-unit activity log of
  "Trường THCS": ``Hướng dẫn`` and ``Nhật ký`` only.
* ``inputs/2026/binh-xa-2026.xlsx`` – the main workbook of the merged commune
  Bình Xa for 2026, after the 2025 reorganisation: no district level any more,
  so the superior body is ĐẢNG BỘ TỈNH TUYÊN QUANG and reports go to the
  Tỉnh ủy (through its Ban Tuyên giáo và Dân vận); 6 villages and 3 units of
  the merged neighbouring commune are added.  It sits in a subfolder so that
  ``ntm generate`` on ``inputs/`` still finds one main workbook (2021); use
  ``ntm generate inputs/2026``.

Each sample is a function returning a ``Sample`` (``sample_2021()``,
``sample_2026()``); ``build(sample)`` makes its workbooks.  All the fixed data
are constants below; the activity rows (Nhật ký, Kế hoạch tháng) and the
household figures of the villages are drawn from ``random.Random(<year>)`` – no
other randomness – so every run gives the same workbooks, byte for byte (fixed
document properties and zip timestamps).  The figures are illustrative, not
real; so are the names of the 2026 sample's added villages, units and people,
and the provincial documents it cites.

The workbooks are made by ``ntm init``'s own builders (``blank.main_workbook``,
``blank.unit_log_workbook``, the per-unit one from the commune of the main
workbook just made), so the sample has the same header comments, formats,
dropdowns, hidden ``Danh mục`` sheet and ``Hướng dẫn`` sheet as a new workbook;
the sample's own notes open its ``Hướng dẫn``.  Each workbook is written with
``files.write_atomically``.  After writing, ``check(sample)`` reads the
files back with openpyxl, prints a summary and asserts the rules of the sample.

Rerun from the repository root::

    /work/venv/bin/python tools/make_sample.py      # or: python tools/make_sample.py
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from generator import blank
from generator import schema as S
from generator.files import write_atomically
from generator.pipeline import load_inputs
from generator.workbook_guide import INFO_NOTE_HEADER

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
    # the superior level's wording in the plan (III.1, V.1), as the 2021 plan has it
    ("Cấp trên", "huyện"),
    ("Cấp ủy cấp trên", "Huyện ủy"),
    ("Ban tham mưu cấp trên", "Ban Dân vận Huyện ủy"),
    ("Văn bản chỉ đạo nội dung",
     "Thực hiện theo Chỉ thị số 01-CT/HU, ngày 18/12/2020 của Ban Thường vụ Huyện ủy."),
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
      "Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách."),
     "tổ chức [số] buổi tuyên truyền, họp thôn, ra quân tổng vệ sinh"),
    ("BCD", "Gắn biển chỉ dẫn ranh giới thôn", "biển", None, None, "Cộng dồn", "Tất cả thôn",
     ("- Thực hiện gắn biển chỉ dẫn ranh giới giữa các thôn ở các tuyến đường chính liên xã, "
      "liên thôn."),
     "gắn [số] biển chỉ dẫn ranh giới thôn"),
    ("NVH", "Nhà văn hóa thôn có cổng, hàng rào, được chỉnh trang", "nhà", 1, None,
     "Cộng dồn", "Tất cả thôn",
     ("- 100% nhà văn hóa thôn có cổng, hàng rào kiên cố hoặc hàng rào cây xanh; được vệ sinh, "
      "chỉnh trang thường xuyên, quét sơn hoặc vôi ve sạch, đẹp."),
     "làm cổng, hàng rào, chỉnh trang [số] nhà văn hóa thôn"),
    ("DH", "Tuyến đường hoa điển hình", "km", 0.6, 0.8, "Cộng dồn", "Tất cả thôn",
     ("- 100% các thôn thực hiện đắp lề đường các tuyến đã được kiên cố hóa, trồng tuyến đường "
      "hoa và duy trì hoạt động vệ sinh đường liên thôn, ngõ xóm; trong đó: mỗi thôn tạo được "
      "ít nhất 2 tuyến đường hoa điển hình, chiều dài mỗi tuyến tối thiểu 0,3 km, gắn với các "
      "mô hình “Nhà sạch, vườn đẹp”. Trung tâm xã 0,8 km đường hoa."),
     "trồng mới [số] km đường hoa"),
    ("DTS", "Tuyến đường điện thắp sáng", "tuyến", 1, None, "Cộng dồn", "Tất cả thôn",
     "- Xây dựng tối thiểu 01 tuyến đường điện thắp sáng/thôn.",
     "lắp đặt [số] tuyến đường điện thắp sáng"),
    ("HR", "Hộ làm hố rác, chôn lấp hoặc ủ rác hữu cơ", "hộ", 80, None, "Tỷ lệ hộ",
     "Thôn xa trung tâm",
     ("- Vận động Nhân dân đóng góp xã hội hóa thực hiện thu gom rác, vận chuyển đến bãi rác "
      "tập trung của xã để xử lý; các thôn xa trung tâm xã, vận động trên 80% hộ dân làm hố "
      "rác, chôn lấp hoặc ủ rác hữu cơ thành phân bón để giảm thiểu gây ô nhiễm môi trường."),
     "vận động thêm [số] hộ ở các thôn xa trung tâm làm hố rác, chôn lấp hoặc ủ rác hữu cơ"),
    ("CN", "Hộ chăn nuôi đảm bảo vệ sinh môi trường", "hộ", 10, None, "Tăng tỷ lệ so năm trước",
     "Tất cả thôn",
     "- Tỷ lệ hộ chăn nuôi đảm bảo vệ sinh môi trường tăng thêm tối thiểu 10% so với năm 2020.",
     "hướng dẫn, vận động thêm [số] hộ chăn nuôi làm chuồng trại bảo đảm vệ sinh môi trường"),
    ("KV", "Chỉnh trang khuôn viên cơ quan, đơn vị; gắn biển tên", "buổi", None, None,
     "Cộng dồn", "Tất cả thôn",
     ("- Các cơ quan, đơn vị, trường học, trạm y tế thường xuyên chỉnh trang khuôn viên; "
      "tuyên truyền, thực hiện tốt công tác vệ sinh môi trường.\n"
      "Thực hiện gắn biển tên các cơ quan, đơn vị, tổ chức chính trị - xã hội đã giúp đỡ, hỗ "
      "trợ thực hiện công trình, tuyến đường; gắn biển mô hình “Nhà sạch, vườn đẹp” đối với "
      "hộ gia đình."),
     "tổ chức [số] buổi chỉnh trang khuôn viên cơ quan, đơn vị, gắn biển tên, biển mô hình"),
    ("GDHN", "Đảng viên giúp đỡ hộ nghèo, gia đình chính sách", "hộ", None, None, "Cộng dồn",
     "Tất cả thôn", "- Phân công đảng viên giúp đỡ hộ nghèo, gia đình chính sách.",
     "đảng viên giúp đỡ [số] hộ nghèo, gia đình chính sách"),
    ("VS", "Vệ sinh nhà văn hóa, đường thôn, xóm", "km", None, None, "Cộng dồn",
     "Tất cả thôn", None,
     "vệ sinh [số] km đường thôn, xóm, khuôn viên nhà văn hóa"),
    # Upkeep of what exists: participation, not progress toward the new works above (SPEC §4).
    ("DTNVH", "Duy tu, quét vôi nhà văn hóa thôn", "nhà", None, None, "Cộng dồn", "Tất cả thôn",
     None, "duy tu, quét vôi [số] nhà văn hóa thôn"),
    ("CSDH", "Chăm sóc, trồng dặm tuyến đường hoa hiện có", "km", None, None, "Cộng dồn",
     "Tất cả thôn", None, "chăm sóc, trồng dặm [số] km đường hoa hiện có"),
]
# Upkeep contents: drawn as the work they maintain (so the random draws stay the same), logged
# under their own criterion.
UPKEEP_CODES = {
    "Chỉnh trang, quét vôi nhà văn hóa": "DTNVH",
    "Chăm sóc, trồng dặm tuyến đường hoa": "CSDH",
    "Chăm sóc, trồng dặm tuyến đường hoa trung tâm xã": "CSDH",
}
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
# Sheet Đánh giá: the office's own sentences for a month's report (illustrative)
# --------------------------------------------------------------------------

ASSESSMENT = [
    ("02/2021", "Nguyên nhân",
     "Tháng 2 trùng dịp Tết Nguyên đán Tân Sửu, thời tiết rét đậm nên một số hoạt động phải lùi "
     "lịch."),
    ("03/2021", "Ưu điểm",
     "Nhân dân đồng tình hưởng ứng, tự nguyện hiến đất mở rộng lề đường, góp cây giống, bóng đèn "
     "cùng các chi bộ, tổ chức."),
    ("03/2021", "Nguyên nhân",
     "Hội CCB, BCHQS xã tập trung lực lượng cho công tác giao, nhận quân và huấn luyện dân quân "
     "nên chưa bố trí được buổi ra quân tại các thôn được phân công."),
    ("03/2021", "Nguyên nhân",
     "Một số cấp ủy chi bộ thôn chưa chủ động phối hợp với đơn vị được phân công; việc vận động hộ "
     "dân làm hố rác ở các thôn xa trung tâm còn chậm."),
    ("03/2021", "Nhiệm vụ",
     "Chuẩn bị sơ kết phong trào quý I, biểu dương các tập thể, cá nhân tiêu biểu."),
    ("03/2021", "Đề xuất",
     "Đề nghị Ban Dân vận Huyện ủy quan tâm hỗ trợ xi măng, cây giống để các thôn xa trung tâm "
     "hoàn thành tuyến đường hoa điển hình."),
]
# Sheet Năm trước: the 2020 month totals (illustrative), for the annual report's comparison
PREVIOUS_YEAR = [
    (1, 52, 1650, 1180, 26_500_000), (2, 38, 1190, 860, 18_200_000), (3, 55, 1720, 1245, 31_900_000),
    (4, 58, 1810, 1300, 30_400_000), (5, 60, 1890, 1365, 33_750_000), (6, 57, 1760, 1270, 29_300_000),
    (7, 50, 1540, 1105, 24_800_000), (8, 54, 1690, 1220, 27_650_000), (9, 56, 1745, 1260, 28_900_000),
    (10, 61, 1905, 1380, 34_100_000), (11, 59, 1850, 1330, 32_450_000), (12, 62, 1960, 1415, 36_200_000),
]

ASSESSMENT_2026 = [
    ("02/2026", "Nguyên nhân",
     "Tháng 2 trùng dịp Tết Nguyên đán Bính Ngọ, các chi bộ, tổ chức tập trung cho các hoạt động "
     "mừng Đảng, mừng Xuân nên số buổi ra quân giảm so với tháng 1."),
]

# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------

def _headers(sheet: S.SheetSchema) -> list[str]:
    return [c.header for c in sheet.columns]


H_GUIDE = ["Mục", "Hướng dẫn"]
H_INFO = _headers(S.INFO) + [INFO_NOTE_HEADER]
H_RECIPIENTS = _headers(S.RECIPIENTS)
H_UNITS = _headers(S.UNITS)
H_VILLAGES = _headers(S.VILLAGES)
H_CRITERIA = _headers(S.CRITERIA)
H_ASSESSMENT = _headers(S.ASSESSMENT)
H_ASSIGN = _headers(S.ASSIGNMENTS)
H_PLAN = _headers(S.MONTHLY_PLAN)
H_PREVIOUS_YEAR = _headers(S.PREVIOUS_YEAR)
H_LOG = _headers(S.ACTIVITY_LOG)
CATEGORIES = H_LOG[H_LOG.index("Tổng lượt người") + 1 : H_LOG.index("Ngày công")]

# --------------------------------------------------------------------------
# Hướng dẫn
# --------------------------------------------------------------------------

ILLUSTRATIVE = "Các số liệu trong tệp mẫu này là số liệu minh họa, không phải số liệu thực tế."
MADE_BY = ("Tệp này được tạo tự động bằng công cụ tools/make_sample.py của chương trình ntm "
           "(chạy lại: python tools/make_sample.py tại thư mục gốc); chạy lại sẽ ghi đè tệp.")
# The sample's own notes open its Hướng dẫn sheet; the sheets, columns and formats that follow
# are those of an `ntm init` workbook (blank.main_guide), made from the schema.
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
]
GUIDE_UNIT = [
    ("Lưu ý", ILLUSTRATIVE),
    ("Sổ này", ("Sổ nhật ký hoạt động của Trường THCS (thôn phụ trách: Soi Dịa, Yên Bình), "
                "năm 2021. Nộp cho Văn phòng Đảng ủy xã để chép vào thư mục inputs/ cùng sổ "
                "chính.")),
    ("Tạo tệp", MADE_BY),
]



# ==========================================================================
# The 2026 sample: the merged commune Bình Xa after the 2025 reorganisation
# (no district level from 1 July 2025: the superior body is the province's)
# ==========================================================================

DIR_2026 = OUT_DIR / "2026"  # a subfolder: `ntm generate` on inputs/ keeps one main workbook
MAIN_FILE_2026 = DIR_2026 / "binh-xa-2026.xlsx"
YEAR_2026 = 2026
FIXED_TIME_2026 = dt.datetime(2026, 1, 12, 0, 0, 0)

# No activity on public holidays (1 Jan; Tết Bính Ngọ 16–20 Feb) nor on the
# weekends of the Tết break around them (14–15 and 21–22 Feb).
HOLIDAYS_2026 = frozenset(
    [dt.date(2026, 1, 1)]
    + [dt.date(2026, 2, d) for d in range(16, 21)]
    + [dt.date(2026, 2, d) for d in (14, 15, 21, 22)]
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
    ("Bộ tiêu chí", ("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Quyết định "
                     "số 51/2025/QĐ-TTg, ngày 29/12/2025 của Thủ tướng Chính phủ)")),
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
CRITERIA_2026 = [
    c[:7] + (c[7].replace("so với năm 2020", "so với năm 2025") if c[7] else c[7],) + c[8:]
    for c in CRITERIA
]

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
    "Trường mầm non Minh Hương": {**_BASE, "HR": 2},
    "Trường tiểu học Minh Hương": {**_BASE, "HR": 2},
    "Trường THCS Minh Hương": {**_BASE, "HR": 2},
}
UNIT_PEOPLE_2026 = {
    **UNIT_PEOPLE,
    "Trường mầm non Minh Hương": ("Viên chức", 6, 14, 0, 20),
    "Trường tiểu học Minh Hương": ("Viên chức", 10, 22, 0, 25),
    "Trường THCS Minh Hương": ("Viên chức", 12, 25, 0, 25),
}
NOTES_2026 = ["Kết hợp tuyên truyền phòng, chống cháy rừng mùa khô",
              "Chuyển từ tuần trước do trời mưa"]

GUIDE_MAIN_2026 = [
    ("Lưu ý", ILLUSTRATIVE + " Tên các thôn, đơn vị, người của xã sáp nhập và các văn bản "
     "cấp tỉnh được dẫn cũng chỉ là minh họa."),
    ("Sổ này", ("Sổ chính của Đảng ủy xã Bình Xa (xã mới sau sắp xếp đơn vị hành chính năm "
                "2025: từ 01/7/2025 không còn cấp huyện, cấp trên trực tiếp là Đảng bộ tỉnh "
                "Tuyên Quang), năm kế hoạch 2026, dùng cho chương trình ntm soạn kế hoạch, phụ "
                "lục phân công, kế hoạch hoạt động tháng, báo cáo kết quả tháng và báo cáo năm "
                "của phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ "
                "trang trực tiếp tham gia xây dựng nông thôn mới, đô thị văn minh tại cơ sở. "
                "So với năm 2021 có thêm 6 thôn và 3 chi bộ trường học của xã sáp nhập.")),
    ("Tạo tệp", MADE_BY),
    ("Cách dùng", ("Sổ mẫu này nằm ở thư mục con inputs/2026/, để lệnh ntm generate (mặc định "
                   "đọc inputs/) chỉ thấy một sổ chính; soạn văn bản năm 2026 bằng lệnh: ntm "
                   "generate inputs/2026. Không đổi tên trang, tên cột; thứ tự cột có thể đổi, "
                   "cột thêm vào sẽ bị bỏ qua.")),
]


# ==========================================================================
# A sample: everything that differs between the sample workbooks
# ==========================================================================

@dataclass(frozen=True)
class Sample:
    main_file: Path
    year: int
    rng_seed: int
    fixed_time: dt.datetime  # document properties and zip entries
    holidays: frozenset[dt.date]  # no activity on these days
    info: list[tuple]
    recipients: list[tuple]
    units: list[tuple]
    villages: list[tuple]
    criteria: list[tuple]
    assignments: list[tuple]
    log_months: tuple[int, ...]
    log_counts: Mapping[str, tuple[int, ...]]
    metre_rows: int
    plan_months: tuple[int, ...]
    unit_criteria: dict[str, dict[str, int]]
    unit_people: dict[str, tuple]
    notes: list[str]
    guide_main: list[tuple[str, str]]
    # the per-unit activity-log workbook, if any: (file, unit, rows per log month, guide)
    unit_file: Path | None = None
    per_unit_unit: str = ""
    per_unit_counts: tuple[int, ...] = ()
    guide_unit: list[tuple[str, str]] | None = None
    assessment: list[tuple[str, str, str]] = field(default_factory=list)  # the `Đánh giá` sheet
    previous_year: list[tuple[int, int, int, int, int]] = field(default_factory=list)  # `Năm trước`

    @property
    def unit_names(self) -> list[str]:
        return [u[0] for u in self.units]

    @property
    def village_names(self) -> list[str]:
        return [v[0] for v in self.villages]

    @property
    def far_villages(self) -> frozenset[str]:
        return frozenset(v[0] for v in self.villages if v[1])

    @property
    def criterion_unit(self) -> dict[str, str]:
        return {c[0]: c[2] for c in self.criteria}

    @property
    def assigned(self) -> dict[str, list[str]]:
        return {
            unit: ([v.strip() for v in villages.split(",")] if villages else [CENTRE])
            for _, unit, _, villages in self.assignments
        }


def sample_2021() -> Sample:
    """Bình Xa 2021: the real plan 11-KH/ĐU, illustrative logs of January–March."""
    return Sample(
        main_file=MAIN_FILE, year=YEAR, rng_seed=RNG_SEED, fixed_time=FIXED_TIME,
        holidays=HOLIDAYS, info=INFO, recipients=RECIPIENTS, units=UNITS, villages=VILLAGES,
        criteria=CRITERIA, assignments=ASSIGNMENTS, log_months=LOG_MONTHS,
        log_counts=LOG_COUNTS, metre_rows=METRE_ROWS, plan_months=PLAN_MONTHS,
        unit_criteria=UNIT_CRITERIA, unit_people=UNIT_PEOPLE, notes=NOTES,
        guide_main=GUIDE_MAIN, unit_file=UNIT_FILE, per_unit_unit=PER_UNIT_WORKBOOK_UNIT,
        per_unit_counts=PER_UNIT_COUNTS, guide_unit=GUIDE_UNIT, assessment=ASSESSMENT,
        previous_year=PREVIOUS_YEAR,
    )


# After the merger two schools of each kind: the old commune's carry its name too.
RENAMED_2026 = {
    "Trường mầm non": "Trường mầm non Bình Xa",
    "Trường tiểu học": "Trường tiểu học Bình Xa",
    "Trường THCS": "Trường THCS Bình Xa",
}


def _renamed(name: str) -> str:
    return RENAMED_2026.get(name, name)


def sample_2026() -> Sample:
    """Bình Xa 2026, the merged commune under the province: logs of January–February."""
    return Sample(
        main_file=MAIN_FILE_2026, year=YEAR_2026, rng_seed=YEAR_2026,
        fixed_time=FIXED_TIME_2026, holidays=HOLIDAYS_2026, info=INFO_2026,
        recipients=RECIPIENTS_2026, units=[(_renamed(u[0]), *u[1:]) for u in UNITS_2026],
        villages=VILLAGES_2026, criteria=CRITERIA_2026,
        assignments=[(a[0], _renamed(a[1]), *a[2:]) for a in ASSIGNMENTS_2026],
        log_months=LOG_MONTHS_2026,
        log_counts={_renamed(k): v for k, v in LOG_COUNTS_2026.items()},
        metre_rows=METRE_ROWS_2026, plan_months=PLAN_MONTHS_2026,
        unit_criteria={_renamed(k): v for k, v in UNIT_CRITERIA_2026.items()},
        unit_people={_renamed(k): v for k, v in UNIT_PEOPLE_2026.items()}, notes=NOTES_2026,
        guide_main=GUIDE_MAIN_2026, assessment=ASSESSMENT_2026,
    )


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------

def weekend_days(s: Sample, month: int) -> list[dt.date]:
    """Saturdays and Sundays of the month that are not public holidays."""
    day = dt.date(s.year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() >= 5 and day not in s.holidays:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def num(x: float) -> int | float:
    """An int when the value is whole, else the float rounded to 2 places."""
    x = round(x, 2)
    return int(x) if x == int(x) else x


def money(rng: random.Random, lo: int, hi: int, step: int = 50_000) -> int:
    return rng.randint(lo // step, hi // step) * step


def make_villages(s: Sample, rng: random.Random) -> list[list]:
    rows = []
    for i, (name, far) in enumerate(s.villages, 1):
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


def allowed_codes(s: Sample, unit: str, village: str, once_done: set) -> dict[str, int]:
    out = {}
    far = s.far_villages
    for code, weight in s.unit_criteria[unit].items():
        if village == CENTRE and code not in CENTRE_CONTENTS:
            continue
        if code == "HR" and village not in far:
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


def people(s: Sample, rng: random.Random, unit: str, code: str) -> dict[str, int]:
    """Participations: the total and each (overlapping) category."""
    core_cat, core_lo, core_hi, nd_lo, nd_hi = s.unit_people[unit]
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


def log_row(s: Sample, rng: random.Random, unit: str, village: str, day: dt.date,
            code: str) -> dict:
    ppl = people(s, rng, unit, code)
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
    logged_code = UPKEEP_CODES.get(content, code)
    if content in LAND_CONTENTS and rng.random() < 0.4:
        land: int | None = rng.randint(2, 15) * 10
    else:
        land = 0 if rng.random() < 0.6 else None
    notes = s.notes + CODE_NOTES.get(code, []) + (VILLAGE_NOTES if village != CENTRE else [])
    return {
        "Ngày": day, "Đơn vị": unit, "Thôn": village, "Mã tiêu chí": logged_code,
        "Nội dung hoạt động": content,
        **ppl,
        "Ngày công": num(total * factor),
        "Khối lượng": quantity(rng, code), "ĐVT": s.criterion_unit[code],
        "Tiền mặt (đồng)": cash, "Hiện vật quy đổi (đồng)": kind, "Hiến đất (m²)": land,
        "Ghi chú": rng.choice(notes) if rng.random() < 0.07 else None,
    }


def unit_month_rows(s: Sample, rng, unit, month, count, used, once_done) -> list[dict]:
    """`count` rows of one unit in one month, its villages in turn (each covered)."""
    villages = s.assigned[unit]
    days = weekend_days(s, month)
    start = rng.randrange(len(villages))
    rows = []
    for k in range(count):
        village = villages[(start + k) % len(villages)]
        for _ in range(200):
            code = pick_code(rng, allowed_codes(s, unit, village, once_done))
            day = rng.choice(days)
            key = (day, unit, village, code)
            if key not in used:
                break
        else:  # pragma: no cover - the constants leave plenty of room
            raise RuntimeError(f"no free slot for {unit} {village} {month}")
        used.add(key)
        if code in ONCE_PER_PLACE:
            once_done.add((code, village))
        rows.append(log_row(s, rng, unit, village, day, code))
    return rows


def sort_log(s: Sample, rows: list[dict]) -> list[dict]:
    names = s.unit_names
    return sorted(rows, key=lambda r: (r["Ngày"], names.index(r["Đơn vị"]),
                                       r["Thôn"], r["Mã tiêu chí"]))


def make_logs(s: Sample, rng: random.Random) -> tuple[list[dict], list[dict]]:
    used: set = set()
    once_done: set = set()
    main_rows: list[dict] = []
    for unit in s.unit_names:
        for month, count in zip(s.log_months, s.log_counts[unit]):
            main_rows += unit_month_rows(s, rng, unit, month, count, used, once_done)
    unit_rows: list[dict] = []
    for month, count in zip(s.log_months, s.per_unit_counts):
        unit_rows += unit_month_rows(s, rng, s.per_unit_unit, month, count, used, once_done)
    # a few quantities in metres, to exercise unit conversion (m -> km)
    candidates = [r for r in main_rows if r["Mã tiêu chí"] in ("DH", "CSDH", "VS")]
    for r in rng.sample(candidates, s.metre_rows):
        r["Khối lượng"] = round(r["Khối lượng"] * 1000)
        r["ĐVT"] = "m"
    return sort_log(s, main_rows), sort_log(s, unit_rows)


def make_plan(s: Sample, rng: random.Random) -> list[list]:
    rows = []
    names = s.unit_names
    for month in s.plan_months:
        n = rng.randint(*PLAN_ROWS)
        units = rng.sample(names, n)
        days = weekend_days(s, month)
        month_rows = []
        for unit in units:
            village = rng.choice(s.assigned[unit])
            weights = allowed_codes(s, unit, village, set())
            if rng.random() < 0.5:  # fewer planned NVH rows
                weights.pop("NVH", None)
            code = pick_code(rng, weights)
            budget = 0 if rng.random() < 0.4 else rng.randint(1, 30) * 100_000
            day, content = rng.choice(days), content_for(rng, code, village)
            month_rows.append([
                f"{month:02d}/{s.year}", day, unit, village, UPKEEP_CODES.get(content, code),
                content, rng.randint(15, 60), quantity(rng, code),
                s.criterion_unit[code], budget,
                rng.choice(PLAN_NOTES) if rng.random() < 0.1 else None,
            ])
        month_rows.sort(key=lambda r: (r[1], names.index(str(r[2]))))
        rows += month_rows
    return rows


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def nfc_rows(rows) -> list[list]:
    return [[nfc(v) for v in row] for row in rows]


def log_table(rows: list[dict]) -> list[list]:
    return [[r[h] for h in H_LOG] for r in rows]


def guide_intro(rows: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The sample's own opening notes as rows of blank's Hướng dẫn sheet (the first one in red)."""
    return [("note" if i == 0 else "item", title, nfc(text)) for i, (title, text) in enumerate(rows)]


def fix_properties(wb, fixed_time: dt.datetime) -> None:
    props = wb.properties
    props.creator = "tools/make_sample.py"
    props.lastModifiedBy = "tools/make_sample.py"
    props.created = fixed_time
    props.modified = fixed_time
    props.title = "Sổ mẫu ntm (số liệu minh họa)"


def workbook_bytes(wb, fixed_time: dt.datetime) -> bytes:
    """Save, then re-zip with fixed timestamps and a fixed 'modified' property."""
    raw = io.BytesIO()
    wb.save(raw)
    stamp = fixed_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=fixed_time.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, data)
    return out.getvalue()


def build(s: Sample) -> tuple[bytes, bytes | None]:
    """The main workbook of the sample and its per-unit workbook (None when it has none)."""
    rng = random.Random(s.rng_seed)
    villages = make_villages(s, rng)
    main_log, unit_log = make_logs(s, rng)
    plan = make_plan(s, rng)

    rows = {
        S.RECIPIENTS.name: [list(r) for r in s.recipients],
        S.UNITS.name: [[i, *u] for i, u in enumerate(s.units, 1)],
        S.VILLAGES.name: villages,
        S.CRITERIA.name: [list(r) for r in s.criteria],
        S.ASSIGNMENTS.name: [[*r, None] for r in s.assignments],
        S.MONTHLY_PLAN.name: plan,
        S.ASSESSMENT.name: [list(r) for r in s.assessment or []],
        S.PREVIOUS_YEAR.name: [list(r) for r in s.previous_year or []],
        S.ACTIVITY_LOG.name: log_table(main_log),
    }
    info = {key: nfc(value) for key, value in s.info}
    wb = blank.main_workbook("", blank.main_guide(guide_intro(s.guide_main)), info,
                             {name: nfc_rows(r) for name, r in rows.items()}, info_keys=list(info),
                             places=[nfc(v[1]) for v in villages])
    fix_properties(wb, s.fixed_time)
    main_bytes = workbook_bytes(wb, s.fixed_time)
    if s.unit_file is None or s.guide_unit is None or s.per_unit_unit is None:
        return main_bytes, None

    # the per-unit log is `ntm init --unit`'s, from the commune of the main workbook just made
    with tempfile.TemporaryDirectory() as folder:
        main_copy = Path(folder) / s.main_file.name
        main_copy.write_bytes(main_bytes)
        commune = load_inputs([main_copy]).commune
    wb = blank.unit_log_workbook(commune, s.per_unit_unit, nfc_rows(log_table(unit_log)),
                                 intro=guide_intro(s.guide_unit))
    fix_properties(wb, s.fixed_time)
    return main_bytes, workbook_bytes(wb, s.fixed_time)


def write_sample(s: Sample) -> None:
    main_bytes, unit_bytes = build(s)
    write_atomically(s.main_file, main_bytes)
    written = [s.main_file]
    if unit_bytes is not None and s.unit_file is not None:
        write_atomically(s.unit_file, unit_bytes)
        written.append(s.unit_file)
    print("Đã ghi " + " và ".join(str(p.relative_to(ROOT)) for p in written))
    check(s)


def main() -> None:
    for sample in (sample_2021(), sample_2026()):
        write_sample(sample)


# --------------------------------------------------------------------------
# Check: read the files back and assert the rules of the sample
# --------------------------------------------------------------------------

def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _read(ws) -> tuple[list[str], list[dict]]:
    """The header and the rows of a sheet; a row with only its prefilled `Đơn vị` is no row."""
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    read = [dict(zip(headers, r)) for r in rows[1:]]
    return headers, [r for r in read if any(v is not None for h, v in r.items() if h != "Đơn vị")]


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


def _check_log(s: Sample, rows: list[dict], where: str) -> None:
    assigned, far, criterion_unit = s.assigned, s.far_villages, s.criterion_unit
    for i, r in enumerate(rows, 2):
        at = f"{where}!{i}"
        day = _as_date(r["Ngày"])
        assert isinstance(day, dt.date) and day.year == s.year and day.month in s.log_months, at
        assert day.weekday() >= 5, (at, day, "not a weekend")
        assert day not in s.holidays, (at, day, "holiday")
        unit, village, code = r["Đơn vị"], r["Thôn"], r["Mã tiêu chí"]
        assert unit in s.unit_names and code in criterion_unit, at
        assert village in assigned[unit], (at, unit, village, "not assigned")
        if code == "HR":
            assert village in far, at
        total = r["Tổng lượt người"]
        assert isinstance(total, int) and total >= 1, at
        for c in CATEGORIES:
            assert isinstance(r[c], int) and 0 <= r[c] <= total, (at, c)
        assert isinstance(r["Ngày công"], (int, float)) and r["Ngày công"] > 0, at
        assert (r["Ngày công"] * 2) == int(r["Ngày công"] * 2), at
        assert isinstance(r["Khối lượng"], (int, float)) and r["Khối lượng"] > 0, at
        if r["ĐVT"] == "m":
            assert code in ("DH", "CSDH", "VS") and isinstance(r["Khối lượng"], int), at
        else:
            assert r["ĐVT"] == criterion_unit[code], at
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
    directive = str(dict(INFO)["Văn bản chỉ đạo nội dung"])
    assert directive.replace("Chỉ thị số", "Chỉ thị sổ") in seed  # a typo of the seed


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def check(s: Sample) -> None:
    """Read the sample's workbooks back, print a summary and assert the sample's rules."""
    wb = openpyxl.load_workbook(s.main_file)
    expected = [blank.GUIDE_SHEET, *(sheet.name for sheet in S.MAIN_SHEETS), blank.LISTS_SHEET]
    print("Sổ chính:", _label(s.main_file))
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
    assert dict(got) == dict(s.info) and len(got) == len(s.info), got  # in the schema's order of keys
    can_cu = dict(s.info)["Căn cứ"]
    assert "đô thị văn minh tại cơ sở" in can_cu and "văn mình" not in can_cu

    # Nơi nhận, Đơn vị, Thôn, Tiêu chí, Phân công
    _, rec = _read(wb["Nơi nhận"])
    assert [(r["Văn bản"], r["Nơi nhận"], r["Ghi chú"]) for r in rec] == s.recipients
    _, units = _read(wb["Đơn vị"])
    assert [r["Tên đơn vị"] for r in units] == s.unit_names
    assert [r["TT"] for r in units] == list(range(1, len(s.units) + 1))
    _, vil = _read(wb["Thôn"])
    assert [r["Tên thôn"] for r in vil] == s.village_names
    for r in vil:
        assert (r["Xa trung tâm"] == "x") == (r["Tên thôn"] in s.far_villages)
        assert 70 <= r["Số hộ"] <= 260
        assert 0.4 * r["Số hộ"] - 0.5 <= r["Số hộ chăn nuôi"] <= 0.8 * r["Số hộ"] + 0.5
        base, breeders = r["Hộ chăn nuôi đạt VSMT năm trước"], r["Số hộ chăn nuôi"]
        assert 0.4 * breeders - 0.5 <= base <= 0.7 * breeders + 0.5
    _, crit = _read(wb["Tiêu chí"])
    assert [tuple(r[h] for h in H_CRITERIA) for r in crit] == s.criteria
    _, ann = _read(wb["Phân công"])
    assert [(r["TT"], r["Chi bộ, tổ chức"], r["Nội dung phụ trách"], r["Thôn phụ trách"])
            for r in ann] == s.assignments
    assert all(r["Ghi chú"] is None for r in ann)
    assert {v for villages in s.assigned.values() for v in villages} == \
        set(s.village_names + [CENTRE]), "every village is looked after"

    # Kế hoạch tháng
    _, plan = _read(wb["Kế hoạch tháng"])
    per_plan_month = Counter(r["Tháng"] for r in plan)
    print("  Kế hoạch tháng theo tháng:", dict(per_plan_month))
    assert sorted(per_plan_month) == [f"{m:02d}/{s.year}" for m in s.plan_months]
    assert all(PLAN_ROWS[0] <= n <= PLAN_ROWS[1] for n in per_plan_month.values())
    for r in plan:
        day = _as_date(r["Ngày dự kiến"])
        assert isinstance(r["Tháng"], str) and r["Tháng"] == f"{day.month:02d}/{day.year}"
        assert day.weekday() >= 5 and day not in s.holidays, day
        assert r["Thôn"] in s.assigned[r["Đơn vị"]]
        assert r["ĐVT"] == s.criterion_unit[r["Mã tiêu chí"]]
        assert isinstance(r["Lực lượng dự kiến"], int) and r["Lực lượng dự kiến"] > 0
        assert isinstance(r["Kinh phí dự kiến"], int) and r["Kinh phí dự kiến"] % 100_000 == 0

    # Nhật ký of the main workbook
    _, log = _read(wb["Nhật ký"])
    _check_log(s, log, f"{s.main_file.name}:Nhật ký")
    per_unit = Counter(r["Đơn vị"] for r in log)
    per_month = Counter(_as_date(r["Ngày"]).month for r in log)
    print(f"  Nhật ký: {len(log)} dòng; theo tháng:",
          ", ".join(f"T{m}: {per_month[m]}" for m in s.log_months))
    print(f"  Nhật ký theo đơn vị ({'/'.join(f'T{m}' for m in s.log_months)}):")
    for unit in s.unit_names:
        months = Counter(_as_date(r["Ngày"]).month for r in log if r["Đơn vị"] == unit)
        print(f"    {unit:<26} {per_unit[unit]:>3}  "
              f"({'/'.join(str(months[m]) for m in s.log_months)})")
        assert tuple(months[m] for m in s.log_months) == s.log_counts[unit], unit
    assert {r["Thôn"] for r in log} == set(s.village_names + [CENTRE])
    metres = [r for r in log if r["ĐVT"] == "m"]
    assert len(metres) == s.metre_rows, len(metres)
    print("  Dòng ghi khối lượng bằng m:", len(metres))

    ulog: list[dict] = []
    if s.unit_file is not None:
        ulog = _check_unit_workbook(s)
    if s.year == YEAR:
        _check_2021(log)
    else:
        _check_2026(s, wb, log)

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


def _check_unit_workbook(s: Sample) -> list[dict]:
    assert s.unit_file is not None
    wbu = openpyxl.load_workbook(s.unit_file)
    print("Sổ đơn vị:", _label(s.unit_file))
    print("  Các trang:", ", ".join(wbu.sheetnames))
    assert wbu.sheetnames == [blank.GUIDE_SHEET, S.ACTIVITY_LOG.name, blank.LISTS_SHEET], wbu.sheetnames
    _check_sheet_format(wbu["Hướng dẫn"], H_GUIDE)
    _check_sheet_format(wbu["Nhật ký"], H_LOG)
    guide = "\n".join(str(v) for row in wbu["Hướng dẫn"].iter_rows(values_only=True)
                      for v in row if v)
    assert ILLUSTRATIVE in guide and "tools/make_sample.py" in guide
    _, ulog = _read(wbu["Nhật ký"])
    _check_log(s, ulog, f"{s.unit_file.name}:Nhật ký")
    umonth = Counter(_as_date(r["Ngày"]).month for r in ulog)
    print(f"  Nhật ký: {len(ulog)} dòng; theo tháng:",
          ", ".join(f"T{m}: {umonth[m]}" for m in s.log_months))
    assert len(ulog) == sum(s.per_unit_counts)
    assert {r["Đơn vị"] for r in ulog} == {s.per_unit_unit}
    assert {r["Thôn"] for r in ulog} <= set(s.assigned[s.per_unit_unit])
    return ulog


def _check_2021(log: list[dict]) -> None:
    """The 2021 sample: the seed's texts, March's idle units and villages."""
    if SEED_FILE.exists():
        _check_against_seed(SEED_FILE.read_text(encoding="utf-8"))
        print("  Đối chiếu văn bản gốc (Căn cứ, mục III.1, mục IV, phụ lục): khớp")
    assert len(log) >= 160, len(log)
    per_unit = Counter(r["Đơn vị"] for r in log)
    assert all(per_unit[u] >= 6 for u in UNIT_NAMES), per_unit
    march = [r for r in log if _as_date(r["Ngày"]).month == 3]
    idle_units = set(UNIT_NAMES) - {r["Đơn vị"] for r in march}
    idle_places = set(VILLAGE_NAMES + [CENTRE]) - {r["Thôn"] for r in march}
    print("  Tháng 3 không có hoạt động: đơn vị", sorted(idle_units), "; thôn", sorted(idle_places))
    assert idle_units == MARCH_IDLE_UNITS, idle_units
    # Hội CCB is the only unit of Tân Bình 1 and 2, BCHQS xã the only one of Thác Lường
    assert idle_places == MARCH_IDLE_VILLAGES, idle_places


_DISTRICT_WORDS = re.compile(r"huyện|/HU\b", re.IGNORECASE)


def _check_2026(s: Sample, wb, log: list[dict]) -> None:
    """The 2026 sample: the province as superior, no district body anywhere."""
    assert len(log) >= 80, len(log)
    info = dict(s.info)
    assert info["Cơ quan cấp trên"] == "ĐẢNG BỘ TỈNH TUYÊN QUANG"
    for ws in wb.worksheets:
        if ws.title == "Hướng dẫn":  # it explains that there is no district level any more
            continue
        # ntm's notes on `Thông tin` (its last column, not read) give examples of both levels
        notes = len(H_INFO) if ws.title == S.INFO.name else None
        for row in ws.iter_rows(values_only=True):
            for value in row[:notes - 1] if notes else row:
                if isinstance(value, str):
                    assert not _DISTRICT_WORDS.search(value), (ws.title, value)
    assert not any(_DISTRICT_WORDS.search(r[1]) for r in s.recipients)
    assert s.recipients[-1] == ("tất cả", "Lưu VPĐU", None)
    feb = [r for r in log if _as_date(r["Ngày"]).month == 2]
    idle_units = set(s.unit_names) - {r["Đơn vị"] for r in feb}
    print("  Tháng 2 không có hoạt động: đơn vị", sorted(idle_units))
    assert idle_units == FEBRUARY_IDLE_UNITS_2026, idle_units
    livestock = next(c for c in s.criteria if c[0] == "CN")
    assert "so với năm 2025" in livestock[7], livestock


if __name__ == "__main__":
    main()
