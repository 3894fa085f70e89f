"""Build the Word templates of ntm (maintainer script).

Writes, with python-docx (plus lxml for what python-docx lacks):

* ``templates/ke-hoach.docx``          – the plan (Kế hoạch), a docxtpl template;
* ``templates/phu-luc-phan-cong.docx`` – the assignment annex (Phân công);
* ``templates/ke-hoach-thang.docx``    – the monthly activity plan (KHT);
* ``templates/bao-cao-thang.docx``     – the monthly result report (BC);
* ``templates/bao-cao-nam.docx``       – the annual report (BCN).

The clerk may later edit these files in Word; this script is only the starting
point.  Format follows SPEC §6 (Hướng dẫn 36-HD/VPTW): A4, margins 20/20/30/15 mm,
Times New Roman, borderless header table, page number at top centre except on
page 1, signature and "Nơi nhận" in a borderless table.

Jinja variables used (docxtpl, StrictUndefined) – see SPEC §5 and generator/:

common:  co_quan_cap_tren, co_quan_ban_hanh, so_ky_hieu, dia_danh_ngay, nam,
         tham_quyen_ky, chuc_vu_nguoi_ky, nguoi_ky, noi_nhan[.ten, .ghi_chu]
plan:    can_cu, muc_tieu[], noi_nhan_bao_cao, han_ke_hoach_thang,
         han_bao_cao_thang, cap_tren, cap_uy_cap_tren, ban_tham_muu_cap_tren,
         van_ban_chi_dao (the superior level's wording: huyện / Huyện ủy /
         Ban Dân vận Huyện ủy before 1 July 2025, tỉnh / Tỉnh ủy / Ban Tuyên
         giáo và Dân vận Tỉnh ủy after; the sentence of section III.1)
annex:   nam, so_ke_hoach_ky_hieu, ngay_ke_hoach, ten_co_quan_ban_hanh,
         phan_cong[.tt, .don_vi, .noi_dung, .thon, .ghi_chu]

KHT, BC and BCN use all the common names plus so_ke_hoach_ky_hieu,
ngay_ke_hoach, noi_nhan_bao_cao, and:

KHT:     thang, han_bao_cao, tong_luc_luong, tong_kinh_phi,
         hoat_dong[.stt .noi_dung .thoi_gian .dia_diem .don_vi .luc_luong
                   .khoi_luong .kinh_phi .ghi_chu]
BC:      thang, thang_sau, tom_tat, luy_ke, ket_qua_tieu_chi[], danh_gia[],
         nhiem_vu[], bieu_do (InlineImage),
         bieu01[.stt .don_vi .thon .so_buoi .luot .can_bo .dang_vien .vien_chuc
                .llvt .doan_vien .nhan_dan .ngay_cong], bieu01_tong (same, no
         .stt/.don_vi/.thon), bieu02[.stt .thon .tieu_chi .dvt .thang .luy_ke
         .chi_tieu .dat], bieu02_toan_xa[same without .stt/.thon],
         bieu03[.stt .thon .so_buoi .ngay_cong .tien_mat .hien_vat .tong_tien
         .dat_hien], bieu03_tong (same, no .stt/.thon)
BCN:     tom_tat, muc_tieu[.stt .tieu_chi .dvt .chi_tieu .thuc_hien .ty_le .dat],
         cac_thang[.thang .so_buoi .luot .ngay_cong .tien], cac_thang_tong
         (same, no .thang), danh_gia[], bieu_duong[], chua_tot[], nhiem_vu[]

Wide tables go into a landscape section; every section has the page-number
header, and only the first one has a different (blank) first page.

Every Jinja tag is written inside one run, so Word never sees it split.
Output is byte-for-byte deterministic (fixed core properties, fixed zip
timestamps).  Usage::

    python tools/build_templates.py [--out-dir templates]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

# --------------------------------------------------------------------------
# Constants (mm for lengths, pt for fonts – SPEC §6)
# --------------------------------------------------------------------------

FONT = "Times New Roman"
COLOR = "000000"

A4_SHORT_MM = 210
A4_LONG_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10
FOOTER_DISTANCE_MM = 10

BODY_PT = 14
NATIONAL_PT = 15  # ĐẢNG CỘNG SẢN VIỆT NAM
TYPE_PT = 16  # KẾ HOẠCH
TABLE_PT = 13
NOI_NHAN_LINE_PT = 12
PAGE_NUMBER_PT = 14

FIRST_LINE_MM = 12.7
BODY_SPACE_AFTER_PT = 6
LINE_240 = 240  # single line spacing, in 240ths of a line

# header table: 165 mm = 210 - 30 - 15
HEADER_COLS_MM = (75, 90)
# the line under ĐẢNG CỘNG SẢN VIỆT NAM: paragraph bottom border, narrowed by
# indents to ~80 mm (the 15 pt bold text itself is ~73 mm wide)
NATIONAL_LINE_INDENT_MM = 5
NATIONAL_LINE_SZ = 6  # eighths of a point
# signature / Nơi nhận table
SIGNATURE_COLS_MM = (80, 85)
SIGNATURE_BLANK_LINES = 4
# annex table on a landscape page: 297 - 30 - 15 = 252 mm
ANNEX_COLS_MM = (12, 45, 105, 60, 30)
ANNEX_HEADERS = ("TT", "Chi bộ, tổ chức", "Nội dung phụ trách", "Thôn phụ trách", "Ghi chú")
TABLE_CELL_MARGIN_MM = 1.9  # bordered tables, left/right (Word's default 0.19 cm)
TABLE_CELL_MARGIN_V_MM = 0.8  # bordered tables, top/bottom: a little air in the rows
TABLE_BORDER_SZ = 4
# monthly plan / reports
PORTRAIT_TEXT_MM = A4_SHORT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
LANDSCAPE_TEXT_MM = A4_LONG_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 252
DATA_TABLE_PT = 12  # many columns: 12 pt (SPEC §6 allows 12–13)
BIEU_TITLE_PT = 14  # "Biểu 01: …" above a table
CAPTION_PT = 12  # the chart's caption
BREAK_PT = 1  # the empty paragraph carrying a section break / ending the body

FIXED_TIME = dt.datetime(2021, 1, 1, 0, 0, 0)
ZIP_TIME = (2021, 1, 1, 0, 0, 0)
AUTHOR = "VPĐU"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def tw(mm: float) -> int:
    """Millimetres to twentieths of a point (twips)."""
    return round(mm * 1440 / 25.4)


# --------------------------------------------------------------------------
# Texts
# --------------------------------------------------------------------------

PLAN_TITLE = (
    "về tổ chức phong trào cán bộ, đảng viên, công chức, viên chức,\n"
    "chiến sỹ lực lượng vũ trang trực tiếp tham gia các hoạt động\n"
    "xây dựng nông thôn mới, đô thị văn minh tại cơ sở năm {{ nam }}"
)

# Sections I–V of the seed plan (Kế hoạch số 11-KH/ĐU, 2021), one entry per
# paragraph.  Kinds: h1 "I- …" bold; h2 "1- …" bold; h3 "2.3- …" italic;
# p body; lead-b / lead-i: a bold / italic lead followed by regular text;
# LOOP_MUC_TIEU: the section IV targets (from the workbook).
LOOP_MUC_TIEU = ("loop",)
PLAN_BODY: list[tuple[str, ...]] = [
    ("h1", "I- MỤC ĐÍCH, YÊU CẦU"),
    ("p", "- Đẩy mạnh và đa dạng hóa các hình thức tuyên truyền, vận động, tạo chuyển biến mạnh mẽ, rõ nét từ nhận thức đến hành động của cấp ủy, chính quyền, cán bộ, đảng viên, công chức, viên chức, lực lượng vũ trang, đoàn viên, hội viên, các tầng lớp Nhân dân hiểu rõ hơn về chương trình mục tiêu Quốc gia xây dựng nông thôn mới và trách nhiệm của cả hệ thống chính trị trong xây dựng nông thôn mới, đô thị văn minh; người dân thực sự là chủ thể, tự giác, đồng thuận, tự nguyện, tích cực tham gia thực hiện xây dựng nông thôn mới, đô thị văn minh."),
    ("p", "- Tạo sự gắn kết chặt chẽ giữa cán bộ, công chức, viên chức, lực lượng vũ trang với người dân; hướng dẫn, động viên Nhân dân chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước, tích cực lao động, sản xuất, giảm nghèo bền vững, xây dựng nông thôn mới, đô thị văn minh."),
    ("p", "- Quá trình thực hiện hoạt động phải thực chất, hiệu quả, có tính lan tỏa sâu rộng; có sự phối hợp chặt chẽ giữa các cơ quan, đơn vị, tổ chức; trong quá trình thực hiện, cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang phải khiêm tốn, tôn trọng và gần gũi, liên hệ mật thiết với Nhân dân, không gây phiền hà cho cơ sở."),
    ("p", "- Kết quả thực hiện Phong trào là một trong những tiêu chí quan trọng đánh giá mức độ hoàn thành nhiệm vụ của cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang các cơ quan, đơn vị hằng năm."),
    ("h1", "II- THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM THỰC HIỆN"),
    ("h2", "1- Thành phần tham gia hoạt động"),
    ("p", "Các đồng chí ủy viên Ban Thường vụ Đảng ủy, ủy viên Ban Chấp hành Đảng bộ xã; cán bộ, đảng viên, công chức, viên chức, người hoạt động không chuyên trách, chiến sỹ lực lượng công an xã, quân sự xã, cơ quan, đơn vị trong toàn xã."),
    ("p", "Huy động đoàn viên, hội viên các tổ chức chính trị - xã hội các thôn và nhân dân tham gia."),
    ("h2", "2- Thời gian, địa điểm"),
    ("lead-i", "a) Thời gian:", " Vào ngày thứ bảy hoặc chủ nhật hằng tuần (trừ ngày nghỉ lễ, tết). Tùy thuộc vào tính chất công việc, khả năng bố trí, sắp xếp của các cơ quan, đơn vị có thể bố trí hoạt động vào ngày làm việc trong tuần đảm bảo không ảnh hưởng đến thực hiện nhiệm vụ."),
    ("lead-i", "b) Địa điểm:", " Tại các thôn trên địa bàn xã."),
    ("h1", "III- NỘI DUNG, PHƯƠNG PHÁP THỰC HIỆN"),
    ("lead-b", "1- Nội dung hoạt động:", " {{ van_ban_chi_dao }}"),
    ("h2", "2- Phương pháp thực hiện"),
    ("lead-i", "2.1-", " Ban Chấp hành Đảng bộ xã phân công các chi bộ sự nghiệp, tổ chức chính trị - xã hội xã phụ trách thôn và một số nội dung trong {{ bo_tieu_chi }}. (có biểu kèm theo)"),
    ("lead-i", "2.2-", " Căn cứ yêu cầu thực tiễn, các nhiệm vụ, tiêu chí xây dựng nông thôn mới, các đồng chí ủy viên Ban Thường vụ Đảng ủy, ủy viên Ban Chấp hành Đảng bộ xã, tổ chức chính trị - xã hội xã, lãnh đạo các cơ quan, đơn vị thống nhất với các chi bộ, thôn xác định nội dung hoạt động trong từng thời gian, bố trí lực lượng, dụng cụ, phương tiện, huy động nguồn lực để thực hiện (trong một ngày có thể tổ chức các hoạt động ở nhiều thôn khác nhau)."),
    ("h3", "2.3- Về bố trí lực lượng tham gia:"),
    ("p", "- Căn cứ vào quy mô hoạt động, tính chất công việc cụ thể, huy động cán bộ, công chức, lực lượng vũ trang, viên chức các trường học, trạm y tế, người hoạt động không chuyên trách tham gia cho phù hợp đảm bảo hiệu quả."),
    ("h1", "IV- MỘT SỐ MỤC TIÊU, NHIỆM VỤ NĂM {{ nam }}"),
    LOOP_MUC_TIEU,
    ("h1", "V- TỔ CHỨC THỰC HIỆN"),
    ("h2", "1- Ban thường vụ Đảng ủy xã"),
    ("p", "- Xây dựng kế hoạch năm {{ nam }}; chủ động rà soát, lựa chọn địa bàn, xác định nội dung công việc, hoạt động cụ thể để báo cáo với các đồng chí ủy viên Ban Thường vụ {{ cap_uy_cap_tren }}, ủy viên Ban Chấp hành Đảng bộ {{ cap_tren }} phụ trách xã; thống nhất với đảng bộ cơ quan được phân công để tổ chức các hoạt động. Chỉ đạo, huy động cán bộ, đảng viên, công chức, viên chức, lực lượng vũ trang các cơ quan, đơn vị, trường học trên địa bàn xã cùng lực lượng của cơ quan, đơn vị cấp {{ cap_tren }} trực tiếp tham gia cùng Nhân dân thực hiện các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ sở, đảm bảo phù hợp, hiệu quả."),
    ("p", "- Báo cáo {{ noi_nhan_bao_cao }} về Kế hoạch và kết quả thực hiện hoạt động hằng tháng; kịp thời thông tin, trao đổi khó khăn, vướng mắc để {{ ban_tham_muu_cap_tren }} tổng hợp, báo cáo Thường trực, Ban Thường vụ {{ cap_uy_cap_tren }}, cụ thể:"),
    ("p", "+ Kế hoạch hoạt động tháng gửi trước ngày {{ han_ke_hoach_thang }} hằng tháng."),
    ("p", "+ Báo cáo kết quả thực hiện trong tháng gửi trước ngày {{ han_bao_cao_thang }} hằng tháng."),
    ("h2", "2- Ủy ban nhân dân xã"),
    ("p", "- Tập trung chỉ đạo thực hiện các chỉ tiêu, nhiệm vụ theo Đề án, chương trình, kế hoạch đề ra; kịp thời tháo gỡ khó khăn, vướng mắc, để đảm bảo thực hiện tiến độ {{ muc_tieu_dat_chuan }}; kịp thời báo cáo, tham mưu để Ban Thường vụ, Ban chấp hành Đảng ủy chỉ đạo, tháo gỡ khó khăn, vướng mắc."),
    ("p", "- Chỉ đạo công tác tuyên truyền về xây dựng nông thôn mới, chỉnh trang trung tâm thôn, nhà văn hóa thôn, nhà ở dân cư; tuyên truyền, hướng dẫn Nhân dân thu gom, xử lý rác thải, chống rác thải nhựa."),
    ("p", "- Chỉ đạo, hướng dẫn gắn biển chỉ dẫn ranh giới giữa các xã, thôn ở các tuyến đường chính, liên xã, liên thôn trên địa bàn xã; gắn biển tên cơ quan, đơn vị, tổ chức chính trị - xã hội đã giúp đỡ, hỗ trợ thực hiện công trình, tuyến đường cụ thể."),
    ("p", "- Hướng dẫn, tạo điều kiện cho cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang các cơ quan, đơn vị, trường học tham gia các hoạt động xây dựng nông thôn mới, đô thị văn minh theo nội dung, kế hoạch, lộ trình đề ra."),
    ("h2", "3- Các chi bộ"),
    ("p", "- Đồng chí Bí thư chi bộ chịu trách nhiệm trước Ban Thường vụ Đảng ủy về kết quả thực hiện Kế hoạch này trên địa bàn."),
    ("p", "- Tổ chức tuyên truyền Kế hoạch này đến toàn thể cán bộ, đảng viên, và Nhân dân trên địa bàn thôn."),
    ("h2", "4- Lãnh đạo các cơ quan, đơn vị trên địa bàn xã"),
    ("p", "Phối hợp chặt chẽ với cấp ủy, chính quyền xã và các thôn được phân công phụ trách xây dựng kế hoạch tổ chức hoạt động; huy động cán bộ, đảng viên, công chức, viên chức, lực lượng vũ trang, đoàn viên, hội viên trực tiếp tham gia các hoạt động cùng với Nhân dân tại cơ sở đảm bảo hiệu quả."),
    ("h2", "5- Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị - xã hội xã"),
    ("p", "- Xây dựng kế hoạch cụ thể triển khai trong hệ thống tổ chức mình. Phối hợp chặt chẽ với các chi bộ, thôn, các cơ quan, đơn vị liên quan tuyên truyền, vận động đoàn viên, hội viên và Nhân dân hưởng ứng thực hiện Kế hoạch này; tăng cường kết nối với các doanh nghiệp, nhà hảo tâm hỗ trợ nguồn lực thực hiện hoạt động."),
    ("p", "- Ủy ban Mặt trận Tổ quốc xã chủ trì, phối hợp với các tổ chức chính trị - xã hội xã hướng dẫn xây dựng, duy trì và nâng cao hiệu quả các mô hình tổ, nhóm tự quản."),
    ("p", "- Hội Cựu chiến binh xã vận động, giúp đỡ hộ hội viên cựu chiến binh nghèo giảm nghèo và xóa nhà tạm."),
    ("p", "- Hội Liên hiệp Phụ nữ xã hướng dẫn thực hiện trồng và chăm sóc các tuyến đường hoa; thực hiện và gắn biển mô hình “Nhà sạch, vườn đẹp”."),
    ("p", "- Hội Nông dân xã tuyên truyền, vận động, hướng dẫn làm chuồng trại chăn nuôi đảm bảo vệ sinh môi trường."),
    ("p", "- Đoàn Thanh niên xã hướng dẫn thực hiện xây dựng tuyến đường điện thắp sáng."),
    ("h2", "6- {{ co_quan_dau_moi }}"),
    ("p", "Là đầu mối điều phối tổ chức thực hiện; theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này. Định kỳ hằng tháng tổng hợp, đánh giá việc tổ chức thực hiện; đề xuất cấp có thẩm quyền biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu, có thành tích xuất sắc; xử lý các tập thể, cá nhân không thực hiện nghiêm Kế hoạch này."),
]

NOI_NHAN_LINE = (
    "- {{ n.ten }}{% if n.ghi_chu %} {{ n.ghi_chu }}{% endif %}"
    "{% if loop.last %}.{% else %},{% endif %}"
)

ANNEX_TITLE = "PHÂN CÔNG"
ANNEX_SUBTITLE = (
    "Các chi bộ, các tổ chức chính trị xã hội trực tiếp tham gia hoạt động\n"
    "xây dựng nông thôn mới, đô thị văn minh tại các thôn năm {{ nam }}"
)
ANNEX_ATTACHED = (
    "(Kèm theo Kế hoạch số {{ so_ke_hoach_ky_hieu }}, ngày {{ ngay_ke_hoach }}"
    " của {{ ten_co_quan_ban_hanh }})"
)
ANNEX_ROW = ("{{ r.tt }}", "{{ r.don_vi }}", "{{ r.noi_dung }}", "{{ r.thon }}", "{{ r.ghi_chu }}")


# --------------------------------------------------------------------------
# Package-level parts: styles, settings, theme, fonts, properties
# --------------------------------------------------------------------------

def _rfonts_xml() -> str:
    return (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>')


def styles_xml() -> str:
    """A small, theme-free styles part: every font is Times New Roman."""
    rfonts = _rfonts_xml()
    body_sz = BODY_PT * 2
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
  <w:docDefaults>
    <w:rPrDefault><w:rPr>{rfonts}<w:color w:val="{COLOR}"/>
      <w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/>
      <w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr>
      <w:spacing w:before="0" w:after="0" w:line="{LINE_240}" w:lineRule="auto"/>
    </w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
    <w:pPr><w:widowControl/>
      <w:spacing w:before="0" w:after="{BODY_SPACE_AFTER_PT * 20}" w:line="{LINE_240}" w:lineRule="auto"/>
      <w:ind w:firstLine="{tw(FIRST_LINE_MM)}"/><w:jc w:val="both"/></w:pPr>
    <w:rPr>{rfonts}<w:color w:val="{COLOR}"/><w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/>
      <w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
    <w:rPr>{rfonts}</w:rPr>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/>
      <w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:styleId="TableGrid">
    <w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
    <w:pPr><w:spacing w:after="0" w:line="{LINE_240}" w:lineRule="auto"/></w:pPr>
    <w:rPr>{rfonts}<w:color w:val="{COLOR}"/></w:rPr>
    <w:tblPr><w:tblBorders>
      <w:top w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
      <w:left w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
      <w:bottom w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
      <w:right w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
      <w:insideH w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
      <w:insideV w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="auto"/>
    </w:tblBorders></w:tblPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/><w:basedOn w:val="Normal"/><w:link w:val="HeaderChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="center" w:pos="{tw(82.5)}"/><w:tab w:val="right" w:pos="{tw(165)}"/></w:tabs>
      <w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
  </w:style>
  <w:style w:type="character" w:customStyle="1" w:styleId="HeaderChar">
    <w:name w:val="Header Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Header"/><w:uiPriority w:val="99"/>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:link w:val="FooterChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
    <w:pPr><w:tabs><w:tab w:val="center" w:pos="{tw(82.5)}"/><w:tab w:val="right" w:pos="{tw(165)}"/></w:tabs>
      <w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
  </w:style>
  <w:style w:type="character" w:customStyle="1" w:styleId="FooterChar">
    <w:name w:val="Footer Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Footer"/><w:uiPriority w:val="99"/>
  </w:style>
</w:styles>
"""


FONT_TABLE_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{W_NS}">
  <w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>
    <w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
"""

APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
  <Template>Normal.dotm</Template>
  <TotalTime>0</TotalTime>
  <Application>Microsoft Office Word</Application>
  <DocSecurity>0</DocSecurity>
  <ScaleCrop>false</ScaleCrop>
  <LinksUpToDate>false</LinksUpToDate>
  <SharedDoc>false</SharedDoc>
  <HyperlinksChanged>false</HyperlinksChanged>
  <AppVersion>16.0000</AppVersion>
</Properties>
"""

# relationships of python-docx's default template that these documents do not need
_DROP_DOC_RELS = ("stylesWithEffects", "customXml", "numbering")
_DROP_PKG_RELS = ("thumbnail",)


def clean_package(doc, title: str) -> None:
    """Make the package theme-free, small and deterministic."""
    # styles: replaced wholesale (the default ones use theme fonts)
    styles_part = doc.part._styles_part
    styles_part._element = parse_xml(styles_xml().encode("utf-8"))

    for rels, drop in ((doc.part.rels, _DROP_DOC_RELS),
                       (doc.part.package.rels, _DROP_PKG_RELS)):
        for rId, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in drop:
                del rels[rId]

    for rel in doc.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind == "theme":  # theme fonts → Times New Roman as well
            part = rel.target_part
            root = etree.fromstring(part.blob)
            a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
            for tag in ("latin", "ea", "cs"):
                for el in root.iter(f"{a}{tag}"):
                    if el.getparent().tag in (f"{a}majorFont", f"{a}minorFont"):
                        el.set("typeface", FONT if tag == "latin" else "")
            part._blob = etree.tostring(root, xml_declaration=True,
                                        encoding="UTF-8", standalone=True)
        elif kind == "fontTable":
            rel.target_part._blob = FONT_TABLE_XML.encode("utf-8")
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML.encode("utf-8")

    settings = doc.settings.element
    w = f"{{{W_NS}}}"
    for tag in ("rsids", "savePreviewPicture"):
        for el in settings.findall(w + tag):
            settings.remove(el)
    for tag in ("{http://schemas.microsoft.com/office/word/2010/wordml}docId",
                "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"):
        for el in list(settings.iter(tag)):  # a fixed id; Cambria Math
            el.getparent().remove(el)
    for el in settings.iter(w + "compatSetting"):
        if el.get(w + "name") == "compatibilityMode":
            el.set(w + "val", "15")
    for el in settings.findall(w + "themeFontLang"):
        el.attrib.clear()
        el.set(w + "val", "vi-VN")

    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 1
    cp.title = title
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""


# --------------------------------------------------------------------------
# Small helpers: runs, paragraphs, tables, sections
# --------------------------------------------------------------------------

def _el(tag: str, **attrs):
    """A new w: element with w: attributes, e.g. _el("w:sz", val=28)."""
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                   "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                   "w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_font(run, size: float, bold: bool = False, italic: bool = False,
             underline: bool = False) -> None:
    """Times New Roman (all four scripts), size, bold/italic/underline."""
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)
    run.font.size = Pt(size)
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        szcs = _el("w:szCs")
        rpr.insert_element_before(szcs, *_RPR_AFTER_SZCS)
    szcs.set(qn("w:val"), str(int(size * 2)))
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True
    if underline:
        run.font.underline = True


def format_par(par, align=None, first_line_mm: float | None = None,
               before_pt: float | None = None, after_pt: float | None = None,
               keep_next: bool = False, left_mm: float | None = None,
               right_mm: float | None = None, mark_pt: float | None = None) -> None:
    pf = par.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_line_mm is not None:
        pf.first_line_indent = Mm(first_line_mm) if first_line_mm else 0
    if left_mm is not None:
        pf.left_indent = Mm(left_mm) if left_mm else 0
    if right_mm is not None:
        pf.right_indent = Mm(right_mm) if right_mm else 0
    if before_pt is not None:
        pf.space_before = Pt(before_pt)
    if after_pt is not None:
        pf.space_after = Pt(after_pt)
    if keep_next:
        pf.keep_with_next = True
    if mark_pt is not None:  # size of the paragraph mark (empty lines)
        rpr = par._p.get_or_add_pPr()
        mark = rpr.find(qn("w:rPr"))
        if mark is None:
            mark = _el("w:rPr")
            rpr.append(mark)
        mark.append(parse_xml(
            f'<w:rFonts xmlns:w="{W_NS}" w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
        mark.append(_el("w:sz", val=int(mark_pt * 2)))
        mark.append(_el("w:szCs", val=int(mark_pt * 2)))


def add_run(par, text: str, size: float = BODY_PT, **style):
    """One run per call; a Jinja tag must never be split over two runs."""
    run = par.add_run(text)
    set_font(run, size, **style)
    return run


def add_par(container, text: str = "", size: float = BODY_PT, *, bold=False,
            italic=False, underline=False, align=None, first_line_mm=None,
            before_pt=None, after_pt=None, keep_next=False, left_mm=None,
            right_mm=None, reuse_first: bool = False):
    """Add a paragraph holding `text` as a single run (or no run when empty)."""
    if reuse_first and len(container.paragraphs) == 1 and not container.paragraphs[0].runs:
        par = container.paragraphs[0]
    else:
        par = container.add_paragraph()
    format_par(par, align, first_line_mm, before_pt, after_pt, keep_next, left_mm,
               right_mm, mark_pt=size)
    if text:
        add_run(par, text, size, bold=bold, italic=italic, underline=underline)
    return par


def cell_par(cell, text: str = "", size: float = BODY_PT, align=CENTER, **kw):
    """A paragraph inside a table cell: no indent, no spacing unless asked."""
    kw.setdefault("before_pt", 0)
    kw.setdefault("after_pt", 0)
    return add_par(cell, text, size, align=align, first_line_mm=0, reuse_first=True, **kw)


def paragraph_bottom_border(par, sz: int = NATIONAL_LINE_SZ) -> None:
    ppr = par._p.get_or_add_pPr()
    pbdr = parse_xml(f'<w:pBdr xmlns:w="{W_NS}"><w:bottom w:val="single" '
                     f'w:sz="{sz}" w:space="1" w:color="auto"/></w:pBdr>')
    ppr.insert_element_before(
        pbdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
        "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
        "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _borders_xml(tag: str, val: str, sz: int = 0) -> str:
    sides = ["top", "left", "bottom", "right", "insideH", "insideV"]
    if tag == "tcBorders":
        sides = ["top", "left", "bottom", "right"]
    if val == "nil":
        inner = "".join(f'<w:{s} w:val="nil"/>' for s in sides)
    else:
        inner = "".join(f'<w:{s} w:val="{val}" w:sz="{sz}" w:space="0" w:color="auto"/>'
                        for s in sides)
    return f'<w:{tag} xmlns:w="{W_NS}">{inner}</w:{tag}>'


def make_table(container, widths_mm, *, borders: bool, cell_margin_mm: float,
               cell_margin_v_mm: float = 0):
    """A fixed-layout table whose columns have the given widths (mm)."""
    table = container.add_table(rows=1, cols=len(widths_mm))
    tbl = table._tbl
    tblpr = tbl.tblPr
    for child in list(tblpr):
        tblpr.remove(child)
    if borders:
        tblpr.append(_el("w:tblStyle", val="TableGrid"))
    tblpr.append(_el("w:tblW", w=sum(tw(m) for m in widths_mm), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    tblpr.append(_el("w:tblInd", w=0, type="dxa"))
    tblpr.append(parse_xml(_borders_xml("tblBorders", "single" if borders else "nil",
                                        TABLE_BORDER_SZ)))
    tblpr.append(_el("w:tblLayout", type="fixed"))
    mar, vmar = tw(cell_margin_mm), tw(cell_margin_v_mm)
    tblpr.append(parse_xml(
        f'<w:tblCellMar xmlns:w="{W_NS}"><w:top w:w="{vmar}" w:type="dxa"/>'
        f'<w:left w:w="{mar}" w:type="dxa"/><w:bottom w:w="{vmar}" w:type="dxa"/>'
        f'<w:right w:w="{mar}" w:type="dxa"/></w:tblCellMar>'))
    tblpr.append(_el("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1,
                     lastColumn=0, noHBand=0, noVBand=1))
    for gridcol, mm in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        gridcol.set(qn("w:w"), str(tw(mm)))
    table._ntm_widths = widths_mm
    table._ntm_borders = borders
    _format_row(table, table.rows[0], header=borders)  # a grid's first row: its header
    return table


def _format_row(table, row, *, header: bool = False) -> None:
    if table._ntm_borders:  # data tables: rows never split, header repeated
        trpr = row._tr.get_or_add_trPr()
        trpr.append(_el("w:cantSplit"))
        if header:
            trpr.append(_el("w:tblHeader"))
    for cell, mm in zip(row.cells, table._ntm_widths):
        tcpr = cell._tc.get_or_add_tcPr()
        for child in list(tcpr):
            tcpr.remove(child)
        tcpr.append(_el("w:tcW", w=tw(mm), type="dxa"))
        if not table._ntm_borders:
            tcpr.append(parse_xml(_borders_xml("tcBorders", "nil")))
        cell.vertical_alignment = (WD_CELL_VERTICAL_ALIGNMENT.CENTER if table._ntm_borders
                                   else WD_CELL_VERTICAL_ALIGNMENT.TOP)


def add_row(table, *, header: bool = False):
    row = table.add_row()
    _format_row(table, row, header=header)
    return row


def borderless_table(container, widths_mm):
    return make_table(container, widths_mm, borders=False, cell_margin_mm=0)


def grid_table(container, widths_mm):
    return make_table(container, widths_mm, borders=True,
                      cell_margin_mm=TABLE_CELL_MARGIN_MM,
                      cell_margin_v_mm=TABLE_CELL_MARGIN_V_MM)


def setup_section(section, *, landscape: bool = False, first: bool = True) -> None:
    """A4, margins of SPEC §6, page number at top centre except on page 1.

    `first`: the document's first section, whose first page (page 1) shows no
    number.  A later section (after a break to landscape and back) has the same
    header but no different first page, so its first page shows its number.
    """
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(A4_LONG_MM), Mm(A4_SHORT_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(A4_SHORT_MM), Mm(A4_LONG_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.gutter = 0
    sectpr = section._sectPr
    for attr in list(sectpr.attrib):  # drop rsids of the default template
        del sectpr.attrib[attr]

    if first:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # empty on page 1
        blank = section.first_page_header.paragraphs[0]
        format_par(blank, CENTER, 0, 0, 0, mark_pt=PAGE_NUMBER_PT)
    else:
        section.different_first_page_header_footer = False

    section.header.is_linked_to_previous = False
    par = section.header.paragraphs[0]
    format_par(par, CENTER, 0, 0, 0, mark_pt=PAGE_NUMBER_PT)
    add_page_field(par)


def add_page_field(par) -> None:
    """A PAGE field as begin / instrText / separate / result / end runs."""
    def field_run(xml_inner: str):
        run = par.add_run()
        set_font(run, PAGE_NUMBER_PT)
        run._r.append(parse_xml(xml_inner))
        return run

    field_run(f'<w:fldChar xmlns:w="{W_NS}" w:fldCharType="begin"/>')
    field_run(f'<w:instrText xmlns:w="{W_NS}" xml:space="preserve"> PAGE </w:instrText>')
    field_run(f'<w:fldChar xmlns:w="{W_NS}" w:fldCharType="separate"/>')
    add_run(par, "2", PAGE_NUMBER_PT)
    field_run(f'<w:fldChar xmlns:w="{W_NS}" w:fldCharType="end"/>')


def preserve_spaces(doc) -> None:
    """xml:space="preserve" on every w:t, so spaces around tags survive."""
    parts = [doc.part] + [rel.target_part for rel in doc.part.rels.values()
                          if rel.reltype.endswith(("/header", "/footer"))]
    for part in parts:
        for t in part.element.iter(qn("w:t")):
            t.set(XML_SPACE, "preserve")


def end_body_with_paragraph(doc, size: float = BODY_PT) -> None:
    """Word wants a paragraph, not a table, right before the body's sectPr."""
    add_par(doc, "", size, first_line_mm=0, before_pt=0, after_pt=0)


# --------------------------------------------------------------------------
# Document blocks
# --------------------------------------------------------------------------

def header_block(doc) -> None:
    """Issuing body / number (left) and party name / place and date (right)."""
    table = borderless_table(doc, HEADER_COLS_MM)
    left, right = table.rows[0].cells
    cell_par(left, "{{ co_quan_cap_tren }}")
    cell_par(left, "{{ co_quan_ban_hanh }}", bold=True)
    cell_par(left, "*")
    cell_par(left, "{{ so_ky_hieu }}")

    national = cell_par(right, "ĐẢNG CỘNG SẢN VIỆT NAM", NATIONAL_PT, bold=True,
                        left_mm=NATIONAL_LINE_INDENT_MM, right_mm=NATIONAL_LINE_INDENT_MM)
    paragraph_bottom_border(national)
    cell_par(right, "{{ dia_danh_ngay }}", italic=True, before_pt=6)


def signature_block(doc, *, keep_together: bool = False) -> None:
    """Nơi nhận (left, docxtpl paragraph loop) and the signature (right).

    `keep_together`: the row may not break across pages, so the signature
    never stands on a page apart from its title and position."""
    table = borderless_table(doc, SIGNATURE_COLS_MM)
    if keep_together:
        table.rows[0]._tr.get_or_add_trPr().append(_el("w:cantSplit"))
    left, right = table.rows[0].cells
    cell_par(left, "Nơi nhận:", align=LEFT, underline=True, before_pt=6)
    cell_par(left, "{%p for n in noi_nhan %}", NOI_NHAN_LINE_PT, align=LEFT)
    cell_par(left, NOI_NHAN_LINE, NOI_NHAN_LINE_PT, align=LEFT)
    cell_par(left, "{%p endfor %}", NOI_NHAN_LINE_PT, align=LEFT)

    cell_par(right, "{{ tham_quyen_ky }}", bold=True, before_pt=6)
    cell_par(right, "{{ chuc_vu_nguoi_ky }}")
    for _ in range(SIGNATURE_BLANK_LINES):
        cell_par(right, "")
    cell_par(right, "{{ nguoi_ky }}", bold=True)


def body_paragraph(doc, item: tuple[str, ...]) -> None:
    kind = item[0]
    if kind == "p":
        add_par(doc, item[1])
    elif kind in ("h1", "h2"):
        add_par(doc, item[1], bold=True, keep_next=True)
    elif kind == "h3":
        add_par(doc, item[1], italic=True, keep_next=True)
    elif kind in ("lead-b", "lead-i"):
        par = add_par(doc, "")
        add_run(par, item[1], bold=kind == "lead-b", italic=kind == "lead-i")
        add_run(par, item[2])
    elif kind == "loop":
        add_par(doc, "{%p for t in muc_tieu %}")
        add_par(doc, "{{ t }}")
        add_par(doc, "{%p endfor %}")
    else:
        raise ValueError(kind)


# --------------------------------------------------------------------------
# The two templates
# --------------------------------------------------------------------------

def build_plan():
    doc = Document()
    clean_package(doc, "Kế hoạch")
    setup_section(doc.sections[0])

    header_block(doc)
    add_par(doc, "KẾ HOẠCH", TYPE_PT, bold=True, align=CENTER, first_line_mm=0,
            before_pt=18, after_pt=0)
    add_par(doc, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ", bold=True, align=CENTER,
            first_line_mm=0, after_pt=0)
    add_par(doc, PLAN_TITLE, bold=True, align=CENTER, first_line_mm=0, after_pt=0)
    add_par(doc, "-----", align=CENTER, first_line_mm=0, after_pt=12)

    add_par(doc, "{{ can_cu }}")
    for item in PLAN_BODY:
        body_paragraph(doc, item)

    signature_block(doc)
    end_body_with_paragraph(doc)
    preserve_spaces(doc)
    return doc


def build_annex():
    doc = Document()
    clean_package(doc, "Phân công")
    setup_section(doc.sections[0], landscape=True)

    add_par(doc, ANNEX_TITLE, bold=True, align=CENTER, first_line_mm=0, after_pt=0)
    add_par(doc, ANNEX_SUBTITLE, bold=True, align=CENTER, first_line_mm=0, after_pt=0)
    add_par(doc, ANNEX_ATTACHED, italic=True, align=CENTER, first_line_mm=0, after_pt=0)
    add_par(doc, "", align=CENTER, first_line_mm=0, after_pt=0)

    table = grid_table(doc, ANNEX_COLS_MM)
    header = table.rows[0]
    for cell, text in zip(header.cells, ANNEX_HEADERS):
        cell_par(cell, text, TABLE_PT, bold=True)

    cell_par(add_row(table).cells[0], "{%tr for r in phan_cong %}", TABLE_PT, align=LEFT)
    data = add_row(table)
    for i, (cell, text) in enumerate(zip(data.cells, ANNEX_ROW)):
        cell_par(cell, text, TABLE_PT, align=CENTER if i == 0 else LEFT)
    cell_par(add_row(table).cells[0], "{%tr endfor %}", TABLE_PT, align=LEFT)
    for row in table.rows[1:]:  # empty cells of the loop rows: same font
        for cell in row.cells:
            if not cell.paragraphs[0].runs:
                cell_par(cell, "", TABLE_PT, align=LEFT)

    end_body_with_paragraph(doc)
    preserve_spaces(doc)
    return doc


# --------------------------------------------------------------------------
# Monthly plan, monthly report, annual report
# --------------------------------------------------------------------------
#
# Shared pieces: the portrait first section is set up like the plan's; a wide
# table goes into a landscape section opened by section_break() (same page
# number header, no different first page).  Table columns are given as
# (header, width mm, cell text, alignment): numbers right, text left, STT,
# dates, units and "Đạt"/"Chưa đạt" centred.

def section_break(doc, *, landscape: bool):
    """End the current section here and open a new one (on a new page).

    The break is carried by a 1 pt empty paragraph, so it can never push an
    empty page of its own.  The new section gets the same page-number header
    as the first one, without a different first page.
    """
    par = add_par(doc, "", BREAK_PT, first_line_mm=0, before_pt=0, after_pt=0)
    sentinel = doc.element.body.sectPr
    par._p.get_or_add_pPr().append(copy.deepcopy(sentinel))  # the section that ends
    for ref in sentinel.xpath("w:headerReference|w:footerReference"):
        sentinel.remove(ref)
    section = doc.sections[-1]
    setup_section(section, landscape=landscape, first=False)
    return section


def each_paragraph(doc, var: str, item: str = "t", *, keep: bool = False) -> None:
    """One body paragraph per string of the list `var` (docxtpl paragraph loop).
    `keep`: each is kept with the next, so the last lines go with the signature."""
    add_par(doc, f"{{%p for {item} in {var} %}}")
    add_par(doc, f"{{{{ {item} }}}}", keep_next=keep)
    add_par(doc, "{%p endfor %}")


def each_group(doc, var: str) -> None:
    """A sub-heading (g.tieu_de) and its lines (g.dong) per item of `var`: 1- Ưu điểm…"""
    add_par(doc, f"{{%p for g in {var} %}}")
    add_par(doc, "{{ g.tieu_de }}", bold=True, keep_next=True)
    each_paragraph(doc, "g.dong")
    add_par(doc, "{%p endfor %}")


def body_items(doc, items, keep_last: bool = False) -> None:
    """body_paragraph() kinds, plus ("each", list variable), ("groups", list variable) and
    ("h1-gap" / "h2-gap", text): a heading right after a table, 6 pt above it.
    `keep_last`: the last paragraph is kept with what follows (the signature)."""
    for n, item in enumerate(items, start=1):
        if keep_last and n == len(items) and item[0] == "p":
            add_par(doc, item[1], keep_next=True)
        elif item[0] == "each":
            each_paragraph(doc, item[1])
        elif item[0] == "groups":
            each_group(doc, item[1])
        elif item[0] in ("h1-gap", "h2-gap"):
            add_par(doc, item[1], bold=True, keep_next=True, before_pt=BODY_SPACE_AFTER_PT)
        else:
            body_paragraph(doc, item)


def document_head(doc, title: str, kind: str, doc_title: str) -> None:
    """Header table, type (KẾ HOẠCH / BÁO CÁO), title, "-----"."""
    clean_package(doc, doc_title)
    setup_section(doc.sections[0])
    header_block(doc)
    add_par(doc, kind, TYPE_PT, bold=True, align=CENTER, first_line_mm=0,
            before_pt=12, after_pt=0)
    add_par(doc, title, bold=True, align=CENTER, first_line_mm=0, after_pt=0)
    add_par(doc, "-----", align=CENTER, first_line_mm=0, after_pt=6)


def compact(table) -> None:
    """No air above and below the text of the cells: many rows on one page."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    for side in ("top", "bottom"):
        margins.find(qn(f"w:{side}")).set(qn("w:w"), "0")


def table_title(doc, text: str, *, new_page: bool = False, before_pt: float = 0) -> None:
    """Centred bold title of a Biểu.  `new_page`: the Biểu starts a page – also
    a guard against LibreOffice 7.4, which drops every row after the first
    when a table with a repeated header row and unsplittable rows starts
    near the foot of a page (header and one row fit there)."""
    par = add_par(doc, text, BIEU_TITLE_PT, bold=True, align=CENTER, first_line_mm=0,
                  before_pt=before_pt, after_pt=6, keep_next=True)
    if new_page:
        par.paragraph_format.page_break_before = True


def _fill(row, texts, aligns, size, bold=False) -> None:
    for cell, text, align in zip(row.cells, texts, aligns):
        cell_par(cell, text, size, align=align, bold=bold)


def _merge(table, row_idx: int, first: int, last: int) -> None:
    """Merge cells first..last (grid columns) of one row."""
    table.cell(row_idx, first).merge(table.cell(row_idx, last))


def data_table(doc, columns, loop: str, *, size: float = DATA_TABLE_PT,
               group_header: tuple[str, int, int] | None = None):
    """A bordered table: header row(s), then a docxtpl row loop over `loop`.

    `group_header` = (text, first, last): a two-row header whose first row
    spans `text` over columns first..last; every other column's header spans
    both rows.  Both header rows repeat on each page.
    """
    widths = [c[1] for c in columns]
    assert sum(widths) in (PORTRAIT_TEXT_MM, LANDSCAPE_TEXT_MM), (columns[1][0], sum(widths))
    table = grid_table(doc, widths)
    if group_header is None:
        _fill(table.rows[0], [c[0] for c in columns], [CENTER] * len(columns), size, bold=True)
    else:
        text, first, last = group_header
        top, bottom = table.rows[0], add_row(table, header=True)
        for i, col in enumerate(columns):
            inside = first <= i <= last
            cell_par(top.cells[i], text if i == first else ("" if inside else col[0]),
                     size, bold=True)
            cell_par(bottom.cells[i], col[0] if inside else "", size, bold=True)
        for i in range(len(columns)):  # vertical merges first: grid positions still plain
            if not first <= i <= last:
                table.cell(0, i).merge(table.cell(1, i))
        _merge(table, 0, first, last)
    loop_rows(table, loop, field_texts(columns), [c[3] for c in columns], size)
    return table


def loop_rows(table, loop: str, texts, aligns, size, *, bold=False,
              span: tuple[int, int] | None = None) -> None:
    """{%tr for … %} / the row / {%tr endfor %}; `span` merges cells of the row."""
    opening = add_row(table)
    _fill(opening, [f"{{%tr for {loop} %}}"] + [""] * (len(texts) - 1),
          [LEFT] * len(texts), size)
    row = add_row(table)
    _fill(row, texts, aligns, size, bold=bold)
    if span:
        _merge(table, len(table.rows) - 1, *span)
    closing = add_row(table)
    _fill(closing, ["{%tr endfor %}"] + [""] * (len(texts) - 1), [LEFT] * len(texts), size)


def total_row(table, columns, label: str, obj: str, span_last: int, *,
              size: float = DATA_TABLE_PT, fields: dict[int, str] | None = None) -> None:
    """A bold last row: `label` over columns 0..span_last, then {{ obj.<field> }}
    under each later column (`fields`: the text of some columns instead)."""
    row = add_row(table)
    texts = [label] + [""] * span_last
    for i, col in enumerate(columns[span_last + 1:], start=span_last + 1):
        if fields is not None and i in fields:
            texts.append(fields[i])
        else:
            texts.append(f"{{{{ {obj}.{col[2]} }}}}")
    aligns = [CENTER] + [c[3] for c in columns[1:]]
    _fill(row, texts, aligns, size, bold=True)
    if span_last > 0:
        _merge(table, len(table.rows) - 1, 0, span_last)


def field_texts(columns, var: str = "r") -> list[str]:
    """{{ r.<field> }} for each column (header, width mm, field, alignment)."""
    return [f"{{{{ {var}.{c[2]} }}}}" for c in columns]


PHONG_TRAO = (
    "phong trào cán bộ, đảng viên, công chức, viên chức, chiến sỹ lực lượng vũ trang "
    "trực tiếp tham gia các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ sở"
)
THUC_HIEN_KE_HOACH = (
    "Thực hiện Kế hoạch số {{ so_ke_hoach_ky_hieu }}, ngày {{ ngay_ke_hoach }} của "
    "Ban Chấp hành Đảng bộ xã về tổ chức " + PHONG_TRAO + " năm {{ nam }}, "
)

# --- KHT: Kế hoạch hoạt động tháng -----------------------------------------

KHT_TITLE = (
    "hoạt động tháng {{ thang }} năm {{ nam }} thực hiện phong trào cán bộ, đảng viên,\n"
    "công chức, viên chức, chiến sỹ lực lượng vũ trang trực tiếp tham gia\n"
    "các hoạt động xây dựng nông thôn mới, đô thị văn minh tại cơ sở"
)
KHT_BEFORE_TABLE = [
    ("p", (THUC_HIEN_KE_HOACH + "{{ nguoi_bao_cao }} xây dựng Kế hoạch hoạt động "
           "tháng {{ thang }} năm {{ nam }}, như sau:")),
    ("h1", "I- MỤC ĐÍCH, YÊU CẦU"),
    ("p", ("- Duy trì thường xuyên " + PHONG_TRAO + "; gắn các hoạt động với thực hiện "
           "các mục tiêu, nhiệm vụ xây dựng nông thôn mới năm {{ nam }}.")),
    ("p", ("- Các hoạt động phải thiết thực, hiệu quả, đúng nội dung được phân công; bố trí "
           "thời gian hợp lý, không ảnh hưởng đến việc thực hiện nhiệm vụ chuyên môn của "
           "cơ quan, đơn vị.")),
    ("h1", "II- NỘI DUNG, THỜI GIAN, ĐỊA ĐIỂM"),
    ("p", "(Chi tiết tại Biểu kế hoạch kèm theo)"),
    ("h1", "III- TỔ CHỨC THỰC HIỆN"),
    ("p", ("- Các chi bộ, tổ chức được phân công chủ động phối hợp với chi bộ, ban công tác "
           "mặt trận các thôn bố trí lực lượng, dụng cụ, phương tiện, huy động nguồn lực để "
           "tổ chức các hoạt động theo đúng nội dung, thời gian, địa điểm của Kế hoạch; bảo "
           "đảm an toàn trong quá trình thực hiện.")),
    ("each", "chua_dang_ky"),
    ("p", ("- Các chi bộ, tổ chức báo cáo kết quả hoạt động về Ban Thường vụ Đảng ủy (qua "
           "{{ co_quan_dau_moi }}) trước ngày {{ han_don_vi }}; {{ co_quan_dau_moi }} chủ trì, "
           "phối hợp với Văn phòng Đảng ủy tổng hợp, tham mưu Ban Thường vụ Đảng ủy báo cáo "
           "{{ noi_nhan_bao_cao }} trước ngày {{ han_bao_cao }}.")),
]
KHT_TABLE_TITLE = "BIỂU KẾ HOẠCH HOẠT ĐỘNG THÁNG {{ thang }} NĂM {{ nam }}"
KHT_ATTACHED = ("(Kèm theo Kế hoạch số {{ so_bao_cao }} của {{ ten_co_quan_ban_hanh }})")
# landscape: 297 - 30 - 15 = 252 mm
KHT_COLS = (
    ("STT", 11, "stt", CENTER),
    ("Nội dung hoạt động", 56, "noi_dung", LEFT),
    ("Thời gian", 26, "thoi_gian", CENTER),
    ("Địa điểm", 25, "dia_diem", LEFT),
    ("Đơn vị, người phụ trách", 44, "don_vi", LEFT),
    ("Lực lượng dự kiến (người)", 20, "luc_luong", RIGHT),
    ("Khối lượng", 18, "khoi_luong", RIGHT),
    ("Kinh phí dự kiến (đồng)", 25, "kinh_phi", RIGHT),
    ("Ghi chú", 27, "ghi_chu", LEFT),
)


def attached_line(doc, text: str) -> None:
    add_par(doc, text, BODY_PT, italic=True, align=CENTER, first_line_mm=0, before_pt=0,
            after_pt=3, keep_next=True)


def build_monthly_plan():
    doc = Document()
    document_head(doc, KHT_TITLE, "KẾ HOẠCH", "Kế hoạch hoạt động tháng")
    body_items(doc, KHT_BEFORE_TABLE, keep_last=True)
    signature_block(doc, keep_together=True)

    section_break(doc, landscape=True)
    table_title(doc, KHT_TABLE_TITLE)
    attached_line(doc, KHT_ATTACHED)
    table = data_table(doc, KHT_COLS, "r in hoat_dong")
    total_row(table, KHT_COLS, "Tổng cộng", "", 4,
              fields={5: "{{ tong_luc_luong }}", 6: "", 7: "{{ tong_kinh_phi }}", 8: ""})
    compact(table)  # a month's rows on one page: no page with one orphan row
    end_body_with_paragraph(doc, BREAK_PT)
    preserve_spaces(doc)
    return doc


# --- BC: Báo cáo kết quả tháng ---------------------------------------------

BC_TITLE = (
    "kết quả thực hiện phong trào cán bộ, đảng viên, công chức, viên chức,\n"
    "chiến sỹ lực lượng vũ trang trực tiếp tham gia các hoạt động\n"
    "xây dựng nông thôn mới, đô thị văn minh tại cơ sở tháng {{ thang }} năm {{ nam }}"
)
BC_BODY = [
    ("p", (THUC_HIEN_KE_HOACH + "{{ nguoi_bao_cao }} báo cáo kết quả thực hiện "
           "tháng {{ thang }} năm {{ nam }}, như sau:")),
    ("h1", "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
    ("each", "lanh_dao"),
    ("h1", "II- KẾT QUẢ THỰC HIỆN"),
    ("h2", "1- Kết quả chung (chi tiết tại Biểu 01, Biểu 03 kèm theo)"),
    ("p", "{{ tom_tat }}"),
    ("p", "{{ luy_ke }}"),
    ("h2", "2- Kết quả thực hiện các mục tiêu (chi tiết tại Biểu 02 kèm theo)"),
    ("each", "ket_qua_tieu_chi"),
    ("h1", "III- ĐÁNH GIÁ CHUNG"),
    ("groups", "danh_gia"),
    ("h1", "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG {{ thang_sau }}"),
]
BC_ATTACHED = ("(Kèm theo Báo cáo số {{ so_bao_cao }} tháng {{ thang }} năm {{ nam }} "
               "của {{ ten_co_quan_ban_hanh }})")
BIEU01_TITLE = "Biểu 01: Kết quả tham gia hoạt động tháng {{ thang }} năm {{ nam }} theo đơn vị, thôn"
BIEU02_TITLE = ("Biểu 02: Tiến độ thực hiện các mục tiêu theo thôn "
                "(mỗi ô: trong tháng {{ thang }} / lũy kế từ đầu năm)")
BIEU03_TITLE = "Biểu 03: Nguồn lực huy động tháng {{ thang }} năm {{ nam }}"
# portrait, under the signature: 210 - 30 - 15 = 165 mm
BIEU01_COLS = (
    ("STT", 12, "stt", CENTER),
    ("Đơn vị", 38, "don_vi", LEFT),
    ("Thôn", 37, "thon", LEFT),
    ("Số buổi", 13, "so_buoi", RIGHT),
    ("Tổng lượt người", 19, "luot", RIGHT),
    ("Đảng viên", 14, "dang_vien", RIGHT),
    ("Nhân dân", 14, "nhan_dan", RIGHT),
    ("Ngày công", 18, "ngay_cong", RIGHT),
)
BIEU01_GROUP = ("Trong đó", 5, 6)  # groups overlap: "trong đó", never parts of the total
BIEU03_COLS = (
    ("STT", 13, "stt", CENTER),
    ("Thôn", 43, "thon", LEFT),
    ("Số buổi", 22, "so_buoi", RIGHT),
    ("Ngày công", 26, "ngay_cong", RIGHT),
    ("Tiền mặt (đồng)", 38, "tien_mat", RIGHT),
    ("Hiện vật quy đổi (đồng)", 38, "hien_vat", RIGHT),
    ("Tổng (đồng)", 38, "tong_tien", RIGHT),
    ("Đất hiến (m²)", 34, "dat_hien", RIGHT),
)


def pivot_table(doc, rows) -> None:
    """Biểu 02: a first column, then one column per target (docxtpl column loops {%tc %}).

    Each row is (first cell text, list variable, item, bold, header, loop): docxtpl spreads
    the columns evenly over the table's width, so the template cells carry no width."""
    table = grid_table(doc, (LANDSCAPE_TEXT_MM / 4,) * 4)
    table.rows[0]._tr.getparent().remove(table.rows[0]._tr)
    for first, var, item, bold, header, loop in rows:
        if loop:
            opening = add_row(table)
            _fill(opening, [f"{{%tr for {loop} %}}", "", "", ""], [LEFT] * 4, DATA_TABLE_PT)
        new = add_row(table, header=header)
        shown = f"{{{{ {item}.ten }}}}" if header else f"{{{{ {item} }}}}"
        _fill(new, [first, f"{{%tc for {item} in {var} %}}", shown, "{%tc endfor %}"],
              [LEFT, CENTER, CENTER, CENTER], DATA_TABLE_PT, bold=bold)
        if header:  # the target under each column name, in the same cell
            cell_par(new.cells[2], f"{{{{ {item}.chi_tieu }}}}", DATA_TABLE_PT, italic=True)
        if loop:
            closing = add_row(table)
            _fill(closing, ["{%tr endfor %}", "", "", ""], [LEFT] * 4, DATA_TABLE_PT)
    for tc in table._tbl.iter(qn("w:tc")):
        for width in tc.findall(f"{{{W_NS}}}tcPr/{{{W_NS}}}tcW"):
            width.getparent().remove(width)
    compact(table)  # 20 villages and more on one page


def closing_lines(doc, proposals_heading: str) -> None:
    """The tasks, the proposals when there are any, and the body's last line apart
    (dong_cuoi), kept with the signature: no page holds only Nơi nhận and the signature,
    and no more than that one line is pulled over to the signature's page."""
    each_paragraph(doc, "nhiem_vu")
    add_par(doc, "{%p if co_de_xuat %}")
    add_par(doc, proposals_heading, bold=True, keep_next=True)
    each_paragraph(doc, "de_xuat")
    add_par(doc, "{%p endif %}")
    add_par(doc, "{{ dong_cuoi }}", keep_next=True)


def build_monthly_report():
    doc = Document()
    document_head(doc, BC_TITLE, "BÁO CÁO", "Báo cáo kết quả tháng")
    body_items(doc, BC_BODY)
    closing_lines(doc, "V- ĐỀ XUẤT, KIẾN NGHỊ")
    signature_block(doc, keep_together=True)

    # Biểu 01 in portrait right under the signature, so that the report and its three
    # tables print on five pages; Biểu 02 and 03 in landscape.
    table_title(doc, BIEU01_TITLE, before_pt=6)
    attached_line(doc, BC_ATTACHED)
    table = data_table(doc, BIEU01_COLS, "r in bieu01", group_header=BIEU01_GROUP)
    total_row(table, BIEU01_COLS, "Tổng cộng", "bieu01_tong", 2)
    compact(table)

    section_break(doc, landscape=True)
    table_title(doc, BIEU02_TITLE)
    attached_line(doc, BC_ATTACHED)
    pivot_table(doc, [
        ("Thôn", "bieu02_cot", "c", True, True, None),
        ("{{ r.thon }}", "r.o", "o", False, False, "r in bieu02"),
        ("Toàn xã", "bieu02_toan_xa", "o", True, False, None),
        ("Số thôn đạt chỉ tiêu", "bieu02_dat", "o", True, False, None),
    ])

    table_title(doc, BIEU03_TITLE, new_page=True)
    attached_line(doc, BC_ATTACHED)
    table = data_table(doc, BIEU03_COLS, "r in bieu03")
    total_row(table, BIEU03_COLS, "Tổng cộng", "bieu03_tong", 1)
    compact(table)

    end_body_with_paragraph(doc, BREAK_PT)
    preserve_spaces(doc)
    return doc


# --- BCN: Báo cáo kết quả năm ----------------------------------------------

BCN_TITLE = (
    "{{ loai_bao_cao }} phong trào cán bộ, đảng viên, công chức, viên chức,\n"
    "chiến sỹ lực lượng vũ trang trực tiếp tham gia các hoạt động\n"
    "xây dựng nông thôn mới, đô thị văn minh tại cơ sở năm {{ nam }}"
)
BCN_BEFORE_TABLES = [
    ("p", (THUC_HIEN_KE_HOACH + "{{ nguoi_bao_cao }} báo cáo {{ ky_bao_cao }}, như sau:")),
    ("h1", "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
    ("each", "lanh_dao"),
    ("h1", "II- KẾT QUẢ THỰC HIỆN"),
    ("h2", "1- Kết quả chung"),
    ("p", "{{ tom_tat }}"),
    ("h2", "2- Kết quả thực hiện các mục tiêu"),
]
BCN_AFTER_TABLES = [
    ("h1-gap", "III- ĐÁNH GIÁ CHUNG"),
    ("groups", "danh_gia"),
    ("h1", "IV- ĐỀ NGHỊ BIỂU DƯƠNG"),
    ("each", "bieu_duong"),
    ("h1", "V- PHƯƠNG HƯỚNG, NHIỆM VỤ {{ nhiem_vu_toi|upper }}"),
]
# portrait: 210 - 30 - 15 = 165 mm
BCN_MUC_TIEU_COLS = (
    ("STT", 12, "stt", CENTER),
    ("Mục tiêu", 50, "tieu_chi", LEFT),
    ("ĐVT", 13, "dvt", CENTER),
    ("Chỉ tiêu", 23, "chi_tieu", RIGHT),
    ("Thực hiện", 27, "thuc_hien", RIGHT),
    ("Tỷ lệ (%)", 18, "ty_le", RIGHT),
    ("Số thôn đạt", 22, "dat", CENTER),
)
BCN_THANG_COLS = (
    ("Tháng", 22, "thang", CENTER),
    ("Số buổi", 22, "so_buoi", RIGHT),
    ("Lượt người", 26, "luot", RIGHT),
    ("Ngày công", 26, "ngay_cong", RIGHT),
    ("Nguồn lực huy động (đồng)", 43, "tien", RIGHT),
    ("Đất hiến (m²)", 26, "dat", RIGHT),
)


def build_annual_report():
    doc = Document()
    document_head(doc, BCN_TITLE, "BÁO CÁO", "Báo cáo kết quả năm")
    body_items(doc, BCN_BEFORE_TABLES)
    data_table(doc, BCN_MUC_TIEU_COLS, "r in muc_tieu")
    add_par(doc, "", BREAK_PT, first_line_mm=0, before_pt=0, after_pt=0)
    each_paragraph(doc, "noi_dung_khac")
    body_items(doc, [("h2-gap", "3- Kết quả theo tháng")])
    table = data_table(doc, BCN_THANG_COLS, "r in cac_thang")
    total_row(table, BCN_THANG_COLS, "Cộng", "cac_thang_tong", 0)
    body_items(doc, BCN_AFTER_TABLES)
    closing_lines(doc, "VI- ĐỀ XUẤT, KIẾN NGHỊ")
    signature_block(doc, keep_together=True)
    end_body_with_paragraph(doc, BREAK_PT)
    preserve_spaces(doc)
    return doc


# --------------------------------------------------------------------------
# Deterministic writing
# --------------------------------------------------------------------------

def docx_bytes(doc) -> bytes:
    """Save, then re-zip with fixed timestamps and attributes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, zin.read(info.filename))
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


BUILDERS = {
    "ke-hoach.docx": build_plan,
    "phu-luc-phan-cong.docx": build_annex,
    "ke-hoach-thang.docx": build_monthly_plan,
    "bao-cao-thang.docx": build_monthly_report,
    "bao-cao-nam.docx": build_annual_report,
}


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="Tạo các mẫu Word (templates) của ntm.")
    parser.add_argument("--out-dir", type=Path, default=repo / "templates",
                        help="thư mục ghi mẫu (mặc định: templates/)")
    args = parser.parse_args(argv)
    for name, build in BUILDERS.items():
        path = args.out_dir / name
        write_atomic(path, docx_bytes(build()))
        print(f"Đã ghi {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
