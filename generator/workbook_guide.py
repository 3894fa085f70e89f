"""The prose of the workbook's Hướng dẫn sheet and Thông tin notes (ntm init,
the sample workbook): what a clerk reads to fill the workbook, in one place, apart from the code
that lays it out (blank.py, workbook_sheets.py). Each column's help (its header comment) is in schema.py.
"""

from __future__ import annotations

from generator import schema as S

INFO_NOTE_HEADER = "Ghi chú"  # third column of `Thông tin`, for the clerk only

SHEET_HELP: dict[str, str] = {
    S.INFO.name: (
        "Thông tin chung của kế hoạch, mỗi dòng một mục. Cột Mục giữ nguyên, chỉ ghi cột Giá trị; "
        "cột Ghi chú giải thích từng mục và cho ví dụ."
    ),
    S.RECIPIENTS.name: (
        "Nơi nhận của từng loại văn bản, mỗi dòng một nơi nhận: KH kế hoạch, PL phụ lục phân công, "
        "KHT kế hoạch hoạt động tháng, BC báo cáo tháng, BCN báo cáo năm, “tất cả” cho mọi văn bản "
        "(ví dụ: Lưu VPĐU xã)."
    ),
    S.UNITS.name: (
        "Danh sách chi bộ, tổ chức chính trị - xã hội, cơ quan tham gia phong trào; mỗi tên ghi một "
        "lần và dùng đúng tên này ở mọi trang, mọi sổ."
    ),
    S.VILLAGES.name: (
        "Danh sách thôn của xã. Không ghi “Trung tâm xã”: địa bàn này luôn có sẵn. Số hộ dùng để tính tỷ lệ hộ của các tiêu chí."
    ),
    S.CRITERIA.name: (
        "Các mục tiêu, nhiệm vụ của kế hoạch (mục IV), mỗi dòng một tiêu chí có mã ngắn, ví dụ DH "
        "(đường hoa). Nhật ký ghi mã này."
    ),
    S.ASSIGNMENTS.name: ("Phụ lục phân công, chép nguyên văn: chi bộ, tổ chức nào phụ trách nội dung gì ở thôn nào."),
    S.MONTHLY_PLAN.name: (
        "Không bắt buộc. Hoạt động dự kiến của từng tháng, để soạn kế hoạch hoạt động tháng và "
        "phần nhiệm vụ tháng sau của báo cáo tháng."
    ),
    S.ASSESSMENT.name: (
        "Không bắt buộc. Câu đánh giá của văn phòng cho báo cáo tháng: ưu điểm, hạn chế, nguyên nhân, "
        "nhiệm vụ, đề xuất; được thêm vào sau các câu chương trình tự viết từ số liệu."
    ),
    S.PREVIOUS_YEAR.name: (
        "Không bắt buộc. Tổng số từng tháng của năm trước (lấy ở báo cáo năm trước), để báo cáo năm so sánh với cùng kỳ."
    ),
    S.ACTIVITY_LOG.name: (
        "Mỗi dòng là một hoạt động đã làm: một buổi của một đơn vị tại một thôn (hoặc Trung tâm "
        "xã), theo một tiêu chí. Không ghi một hoạt động hai lần, kể cả ở sổ nhật ký của đơn vị."
    ),
}

INFO_NOTE_HELP = "Giải thích từng mục; chương trình không đọc cột này."

# The help of each column is its `help` in schema.py.

INFO_NOTES: dict[str, str] = {
    "Cơ quan cấp trên": (
        "Tên cơ quan cấp trên, chữ in hoa, in ở góc trái tiêu đề văn bản; ví dụ: ĐẢNG BỘ HUYỆN HÀM YÊN "
        "(từ 01/7/2025 không còn cấp huyện: ĐẢNG BỘ TỈNH TUYÊN QUANG)."
    ),
    "Cơ quan ban hành": "Tên cơ quan ban hành, chữ in hoa; ví dụ: ĐẢNG ỦY XÃ BÌNH XA.",
    "Ký hiệu cơ quan": "Chữ viết tắt trong số, ký hiệu văn bản; ví dụ: ĐU (Số 11-KH/ĐU).",
    "Địa danh": "Địa danh ghi trước ngày tháng của văn bản; ví dụ: Bình Xa.",
    "Năm kế hoạch": "Năm của kế hoạch, 4 chữ số; ví dụ: 2021. Mọi ngày trong các sổ phải thuộc năm này.",
    "Số kế hoạch": "Số của kế hoạch năm (sổ đăng ký văn bản đi); ví dụ: 11. Để trống nếu chưa lấy số.",
    "Ngày ban hành kế hoạch": "Ngày ký kế hoạch, dạng ngày/tháng/năm; ví dụ: 15/01/2021. Để trống nếu chưa ký.",
    "Thẩm quyền ký": "Dòng thẩm quyền trên chữ ký; ví dụ: T/M ĐẢNG ỦY.",
    "Chức vụ người ký": "Chức vụ người ký, chữ in hoa; ví dụ: BÍ THƯ.",
    "Người ký": "Họ và tên người ký; ví dụ: Lê Ngọc Duyên.",
    "Nơi nhận báo cáo": "Nơi nhận báo cáo tháng, năm; ví dụ: Thường trực Huyện ủy (qua Ban Dân vận Huyện ủy).",
    "Hạn kế hoạch tháng": "Không bắt buộc. Kế hoạch tháng gửi trước ngày này của tháng; mặc định: 5.",
    "Hạn báo cáo tháng": "Không bắt buộc. Báo cáo tháng gửi trước ngày này của tháng; mặc định: 28.",
    "Hạn đơn vị báo cáo": (
        "Không bắt buộc. Ngày trong tháng mà các chi bộ, tổ chức phải báo cáo kết quả, nếu kế hoạch có quy "
        "định; để trống: kế hoạch tháng ghi “báo cáo ngay sau mỗi hoạt động”."
    ),
    "Căn cứ": (
        "Không bắt buộc. Đoạn “Thực hiện …” mở đầu kế hoạch; ví dụ: Thực hiện Kế hoạch số 22-KH/HU, "
        "ngày 28/12/2020 của Ban Thường vụ Huyện ủy …"
    ),
    "Cấp trên": (
        "Không bắt buộc. Cấp trên của xã, chữ thường, như trong câu “ủy viên Ban Chấp hành Đảng bộ …”: "
        "tỉnh (từ 01/7/2025), huyện (trước đó). Để trống: lấy theo Cơ quan cấp trên."
    ),
    "Cấp ủy cấp trên": (
        "Không bắt buộc. Tên cấp ủy cấp trên: Tỉnh ủy (từ 01/7/2025), Huyện ủy (trước đó). Để trống: lấy theo Cơ quan cấp trên."
    ),
    "Ban tham mưu cấp trên": (
        "Không bắt buộc. Ban của cấp ủy cấp trên tổng hợp báo cáo của xã: Ban Tuyên giáo và Dân vận "
        "Tỉnh ủy (từ 01/7/2025), Ban Dân vận Huyện ủy (trước đó). Để trống: lấy theo Cơ quan cấp trên."
    ),
    "Văn bản chỉ đạo nội dung": (
        "Không bắt buộc. Câu ở mục III.1 “Nội dung hoạt động” của kế hoạch; ví dụ: Thực hiện theo Chỉ thị "
        "số 01-CT/HU, ngày 18/12/2020 của Ban Thường vụ Huyện ủy. Để trống: “Thực hiện theo các văn bản "
        "chỉ đạo của Ban Thường vụ <Cấp ủy cấp trên> về xây dựng nông thôn mới.”"
    ),
    "Cơ quan đầu mối": (
        "Không bắt buộc. Cơ quan của Đảng ủy theo dõi, tổng hợp, tham mưu báo cáo hằng tháng (kế hoạch, mục "
        "V.6). Để trống: “Khối dân vận Đảng ủy”."
    ),
    "Bộ tiêu chí": (
        "Không bắt buộc. Bộ tiêu chí nông thôn mới mà kế hoạch (mục 2.1) nhắc đến; từ năm 2026: Bộ tiêu chí "
        "quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Quyết định số 51/2025/QĐ-TTg). Để trống: “18 tiêu "
        "chí xây dựng nông thôn mới nâng cao”."
    ),
    "Mục tiêu đạt chuẩn": (
        "Không bắt buộc. Đích của tiến độ ở mục V.2 của kế hoạch. Để trống: “xây dựng xã đạt chuẩn nông thôn "
        "mới nâng cao năm <Năm kế hoạch>”."
    ),
}

# (title, text) rows of the instructions about formats and commands, after the sheets.
FORMAT_GUIDE: tuple[tuple[str, str], ...] = (
    (
        "Ngày tháng",
        (
            "Gõ ngày dạng ngày/tháng/năm, ví dụ 06/03/2021 (cũng nhận 6/3/2021 và 2021-03-06). Nếu máy "
            "không nhận dạng ngày/tháng/năm, gõ năm-tháng-ngày: 2021-03-06. Ngày phải thuộc năm kế hoạch."
        ),
    ),
    (
        "Số thập phân",
        "Dùng dấu thập phân của máy, thường là dấu phẩy: 0,5 km; 12,5 ngày công.",
    ),
    (
        "Số tiền",
        "Ghi bằng đồng, số nguyên, gõ liền không dấu chấm: 1250000; Excel tự hiển thị 1.250.000.",
    ),
    (
        "Số người (“trong đó”)",
        (
            "Tổng lượt người ít nhất là 1. Các cột Cán bộ, công chức; Đảng viên; Viên chức; LLVT; "
            "Đoàn viên, hội viên; Nhân dân là số “trong đó”: một người có thể thuộc nhiều nhóm, các nhóm "
            "đã nằm trong Tổng lượt người, không bao giờ cộng thêm vào tổng; mỗi nhóm không lớn hơn tổng."
        ),
    ),
    (
        "Khối lượng, ĐVT",
        ("Khối lượng ghi theo ĐVT của tiêu chí; được ghi m thay cho km, m² thay cho ha, chương trình tự quy đổi."),
    ),
    (
        "Tên gọi",
        (
            "Tên đơn vị, thôn và mã tiêu chí viết đúng như ở các trang Đơn vị, Thôn, Tiêu chí (có dấu); "
            "địa bàn trung tâm xã ghi “Trung tâm xã”. Các cột có mũi tên là danh sách chọn: bấm mũi tên "
            "bên phải ô để chọn."
        ),
    ),
    (
        "Trang, cột",
        (
            "Không đổi tên trang, tên cột; thứ tự cột có thể đổi, cột thêm vào được bỏ qua. Dòng trống "
            "giữa các dòng dữ liệu được bỏ qua (có cảnh báo)."
        ),
    ),
)

COMMAND_GUIDE: tuple[tuple[str, str], ...] = (
    (
        "Kiểm tra sổ",
        (
            "Chép sổ chính và các sổ nhật ký của đơn vị (mọi sổ có trang “Nhật ký”) vào thư mục inputs/, "
            "rồi chạy lệnh: ntm validate inputs. Chương trình liệt kê mọi lỗi, cảnh báo (tệp, trang, ô) và "
            "ghi bản sao <tên tệp>.loi.xlsx tô đỏ các ô có lỗi; sổ gốc không bị sửa."
        ),
    ),
    (
        "Soạn văn bản",
        (
            "Chạy lệnh: ntm generate (đọc thư mục inputs/). Bản nháp kế hoạch, phụ lục, kế hoạch và báo "
            "cáo tháng được ghi vào thư mục outputs/. Còn lỗi thì chưa văn bản nào được soạn: sửa lỗi "
            "rồi chạy lại."
        ),
    ),
)
