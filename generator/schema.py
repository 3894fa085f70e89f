"""The input workbook's sheets and columns (SPEC §3), as data.

reading.py uses it to find sheets and columns, `ntm init` to write blank workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = True


@dataclass(frozen=True)
class SheetSchema:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    # columns that a workbook made by `ntm init` fills in advance: a row with only these is blank
    prefilled: tuple[str, ...] = ()

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.required)


def _cols(*headers: str, optional: tuple[str, ...] = ()) -> tuple[Column, ...]:
    return tuple(Column(h, h not in optional) for h in headers)


INFO = SheetSchema("Thông tin", _cols("Mục", "Giá trị"))
RECIPIENTS = SheetSchema("Nơi nhận", _cols("Văn bản", "Nơi nhận", "Ghi chú", optional=("Ghi chú",)))
UNITS = SheetSchema(
    "Đơn vị",
    _cols("TT", "Tên đơn vị", "Loại", "Người phụ trách", optional=("TT", "Người phụ trách")),
)
VILLAGES = SheetSchema(
    "Thôn",
    _cols(
        "TT",
        "Tên thôn",
        "Xa trung tâm",
        "Số hộ",
        "Số hộ chăn nuôi",
        "Hộ chăn nuôi đạt VSMT năm trước",
        optional=("TT",),
    ),
)
CRITERIA = SheetSchema(
    "Tiêu chí",
    _cols(
        "Mã",
        "Nội dung",
        "ĐVT",
        "Chỉ tiêu mỗi thôn",
        "Chỉ tiêu trung tâm xã",
        "Cách tính",
        "Áp dụng",
        "Diễn giải",
        "Cách ghi kết quả",
        optional=("Diễn giải", "Cách ghi kết quả"),
    ),
)
ASSIGNMENTS = SheetSchema(
    "Phân công",
    _cols("TT", "Chi bộ, tổ chức", "Nội dung phụ trách", "Thôn phụ trách", "Ghi chú", optional=("Ghi chú",)),
)
MONTHLY_PLAN = SheetSchema(
    "Kế hoạch tháng",
    _cols(
        "Tháng",
        "Ngày dự kiến",
        "Đơn vị",
        "Thôn",
        "Mã tiêu chí",
        "Nội dung hoạt động",
        "Lực lượng dự kiến",
        "Khối lượng dự kiến",
        "ĐVT",
        "Kinh phí dự kiến",
        "Ghi chú",
        optional=("Ghi chú", "Kinh phí dự kiến", "ĐVT"),
    ),
    required=False,
)
ACTIVITY_LOG = SheetSchema(
    "Nhật ký",
    _cols(
        "Ngày",
        "Đơn vị",
        "Thôn",
        "Mã tiêu chí",
        "Nội dung hoạt động",
        "Tổng lượt người",
        "Cán bộ, công chức",
        "Đảng viên",
        "Viên chức",
        "LLVT",
        "Đoàn viên, hội viên",
        "Nhân dân",
        "Ngày công",
        "Khối lượng",
        "ĐVT",
        "Tiền mặt (đồng)",
        "Hiện vật quy đổi (đồng)",
        "Hiến đất (m²)",
        "Ghi chú",
        optional=("Ghi chú", "Hiến đất (m²)"),
    ),
    prefilled=("Đơn vị",),
)

# the clerk's own sentences for a month's report (optional): Mục is one of model.NoteKind
ASSESSMENT = SheetSchema("Đánh giá", _cols("Tháng", "Mục", "Nội dung"), required=False)

# the previous year's month totals (optional): the annual report sets this year beside them
PREVIOUS_YEAR = SheetSchema(
    "Năm trước",
    _cols("Tháng", "Số buổi", "Lượt người", "Ngày công", "Nguồn lực huy động (đồng)"),
    required=False,
)

MAIN_SHEETS: tuple[SheetSchema, ...] = (
    INFO,
    RECIPIENTS,
    UNITS,
    VILLAGES,
    CRITERIA,
    ASSIGNMENTS,
    MONTHLY_PLAN,
    ASSESSMENT,
    PREVIOUS_YEAR,
    ACTIVITY_LOG,
)

# Keys of `Thông tin`: (key, required)
INFO_KEYS: tuple[tuple[str, bool], ...] = (
    ("Cơ quan cấp trên", True),
    ("Cơ quan ban hành", True),
    ("Ký hiệu cơ quan", True),
    ("Địa danh", True),
    ("Năm kế hoạch", True),
    ("Số kế hoạch", True),
    ("Ngày ban hành kế hoạch", True),
    ("Thẩm quyền ký", True),
    ("Chức vụ người ký", True),
    ("Người ký", True),
    ("Nơi nhận báo cáo", True),
    ("Hạn kế hoạch tháng", False),
    ("Hạn báo cáo tháng", False),
    ("Hạn đơn vị báo cáo", False),
    ("Căn cứ", False),
    # the superior level's wording in the plan; derived from `Cơ quan cấp trên` when absent
    ("Cấp trên", False),
    ("Cấp ủy cấp trên", False),
    ("Ban tham mưu cấp trên", False),
    ("Văn bản chỉ đạo nội dung", False),
    ("Cơ quan đầu mối", False),
    ("Bộ tiêu chí", False),
    ("Mục tiêu đạt chuẩn", False),
)
