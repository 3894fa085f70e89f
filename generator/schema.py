"""The input workbook's sheets and columns (SPEC §3), as data: the one home of the schema.

Each `Column` says what a column holds (`kind`), how wide it is written, its help text (the
header's comment and the `Hướng dẫn` sheet), the model field it fills and where its dropdown
takes its choices. reading.py finds sheets and columns by it, validation.py takes its fixed
choices from it, blank.py (`ntm init`, and through it tools/make_sample.py) writes workbooks,
their formats, validations and dropdowns from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.model import DocType, Method, NoteKind, Scope


class Kind(StrEnum):
    """What a column's cells hold: it decides the number format and the data validation."""

    TEXT = "text"
    DATE = "date"
    COUNT = "count"  # a whole number of people or households
    AMOUNT = "amount"  # a non-negative quantity, decimals allowed
    MONEY = "money"  # whole đồng
    MONTH = "month"  # "03/2021", kept as text so that Excel does not make it a date


class Dropdown(StrEnum):
    """A dropdown whose choices are on another sheet (the workbook's own lists)."""

    UNITS = "units"  # the names of the `Đơn vị` sheet
    PLACES = "places"  # Trung tâm xã and the names of the `Thôn` sheet
    CRITERIA = "criteria"  # the codes of the `Tiêu chí` sheet


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = True
    kind: Kind = Kind.TEXT
    width: float | None = None  # None: from the header's length
    wrap: bool = False  # long text, wrapped in its cell
    field: str = ""  # the attribute of the model object a row of the sheet becomes, where it maps one to one
    choices: tuple[str, ...] = ()  # a dropdown with these fixed choices
    dropdown: Dropdown | None = None  # a dropdown fed by another sheet
    help: str = ""


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

    def column(self, header: str) -> Column:
        for column in self.columns:
            if column.header == header:
                return column
        raise KeyError(header)


ALL_DOCUMENTS = "tất cả"  # `Văn bản` of a recipient of every document
UNIT_KINDS = ("Chi bộ", "Tổ chức chính trị - xã hội", "Cơ quan")
_DOCUMENT_CHOICES = (*(d.value for d in DocType), ALL_DOCUMENTS)
_IN_TOTAL = "Trong đó (đã tính trong Tổng lượt người, không cộng thêm): "

INFO = SheetSchema(
    "Thông tin",
    (
        Column("Mục", width=26, help="Tên mục; giữ nguyên, không sửa."),
        Column("Giá trị", width=60, wrap=True, help="Giá trị của mục; xem cột Ghi chú."),
    ),
)

RECIPIENTS = SheetSchema(
    "Nơi nhận",
    (
        Column(
            "Văn bản",
            field="doc_type",
            choices=_DOCUMENT_CHOICES,
            help="KH, PL, KHT, BC, BCN hoặc “tất cả”; chọn trong danh sách.",
        ),
        Column(
            "Nơi nhận",
            width=50,
            wrap=True,
            field="name",
            help="Tên nơi nhận như in ở phần Nơi nhận của văn bản, ví dụ: Ban Dân vận Huyện ủy.",
        ),
        Column(
            "Ghi chú", required=False, width=30, wrap=True, field="note", help="Ghi “(báo cáo)” nếu nơi nhận này nhận để báo cáo."
        ),
    ),
)

UNITS = SheetSchema(
    "Đơn vị",
    (
        Column("TT", required=False, field="order", help="Số thứ tự."),
        Column("Tên đơn vị", width=26, field="name", help="Tên ngắn gọn của chi bộ, tổ chức, cơ quan, ví dụ: Trường THCS."),
        Column(
            "Loại",
            width=28,
            field="kind",
            choices=UNIT_KINDS,
            help="Chi bộ / Tổ chức chính trị - xã hội / Cơ quan; chọn trong danh sách.",
        ),
        Column("Người phụ trách", required=False, width=22, field="leader", help="Họ và tên người phụ trách."),
    ),
)

VILLAGES = SheetSchema(
    "Thôn",
    (
        Column("TT", required=False, field="order", help="Số thứ tự."),
        Column("Tên thôn", width=18, field="name", help="Tên thôn, viết có dấu, ví dụ: Đồng Chùa 1."),
        Column("Xa trung tâm", field="remote", choices=("x",), help="Ghi x nếu là thôn xa trung tâm xã; để trống nếu không."),
        Column("Số hộ", kind=Kind.COUNT, field="households", help="Tổng số hộ của thôn (số nguyên)."),
        Column(
            "Số hộ chăn nuôi", kind=Kind.COUNT, field="livestock_households", help="Số hộ có chăn nuôi (không lớn hơn Số hộ)."
        ),
        Column(
            "Hộ chăn nuôi đạt VSMT năm trước",
            kind=Kind.COUNT,
            field="hygienic_livestock_baseline",
            help="Số hộ chăn nuôi đạt vệ sinh môi trường cuối năm trước (mốc để tính mức tăng).",
        ),
    ),
)

CRITERIA = SheetSchema(
    "Tiêu chí",
    (
        Column("Mã", field="code", help="Mã ngắn của tiêu chí, không trùng nhau, ví dụ: DH."),
        Column("Nội dung", width=40, wrap=True, field="content", help="Tên tiêu chí, ví dụ: Tuyến đường hoa điển hình."),
        Column("ĐVT", field="unit", help="Đơn vị tính, ví dụ: km, hộ, buổi, biển."),
        Column(
            "Chỉ tiêu mỗi thôn",
            kind=Kind.AMOUNT,
            field="target_per_village",
            help="Chỉ tiêu của mỗi thôn theo ĐVT (với Tỷ lệ hộ, Tăng so năm trước: số %); để trống nếu không có.",
        ),
        Column(
            "Chỉ tiêu trung tâm xã",
            kind=Kind.AMOUNT,
            field="target_centre",
            help="Chỉ tiêu của trung tâm xã; để trống nếu không có.",
        ),
        Column(
            "Cách tính",
            width=20,
            field="method",
            choices=tuple(m.value for m in Method),
            help="Cộng dồn: cộng khối lượng; Tỷ lệ hộ: số hộ đã làm ÷ Số hộ (%); Tăng so năm trước: số hộ tăng thêm ÷ cột Hộ chăn nuôi đạt VSMT năm trước (%); Tăng tỷ lệ so năm trước: tỷ lệ hộ đạt trên Số hộ chăn nuôi tăng thêm bao nhiêu điểm %.",
        ),
        Column(
            "Áp dụng",
            width=20,
            field="scope",
            choices=tuple(s.value for s in Scope),
            help="Tất cả thôn / Thôn xa trung tâm; chọn trong danh sách.",
        ),
        Column(
            "Diễn giải",
            required=False,
            width=60,
            wrap=True,
            field="explanation",
            help="Câu chỉ tiêu in ở mục IV của kế hoạch, nguyên văn.",
        ),
        Column(
            "Cách ghi kết quả",
            required=False,
            field="phrase",
            help="Cụm từ báo cáo kết quả, [số] là chỗ ghi khối lượng trong tháng, ví dụ: gắn [số] biển chỉ dẫn ranh giới thôn; để trống thì báo cáo ghi theo cột Nội dung.",
        ),
    ),
)

ASSIGNMENTS = SheetSchema(
    "Phân công",
    (
        Column("TT", field="order", help="Số thứ tự."),
        Column("Chi bộ, tổ chức", width=26, field="unit", dropdown=Dropdown.UNITS, help="Tên đơn vị, đúng như ở trang Đơn vị."),
        Column("Nội dung phụ trách", width=45, wrap=True, field="tasks", help="Nội dung phụ trách, nguyên văn phụ lục."),
        Column(
            "Thôn phụ trách",
            width=30,
            wrap=True,
            field="villages_text",
            help="Tên các thôn, cách nhau bằng dấu phẩy; để trống là Trung tâm xã.",
        ),
        Column("Ghi chú", required=False, width=30, wrap=True, field="note", help="Ghi chú, nếu có."),
    ),
)

MONTHLY_PLAN = SheetSchema(
    "Kế hoạch tháng",
    (
        Column("Tháng", kind=Kind.MONTH, help="Tháng/năm, ví dụ: 03/2021."),
        Column("Ngày dự kiến", kind=Kind.DATE, help="Ngày dự kiến, dạng ngày/tháng/năm, thuộc tháng ở cột Tháng."),
        Column("Đơn vị", width=22, dropdown=Dropdown.UNITS, help="Tên đơn vị; chọn trong danh sách (trang Đơn vị của sổ chính)."),
        Column("Thôn", width=18, dropdown=Dropdown.PLACES, help="Tên thôn hoặc “Trung tâm xã”; chọn trong danh sách."),
        Column("Mã tiêu chí", dropdown=Dropdown.CRITERIA, help="Mã tiêu chí (trang Tiêu chí); chọn trong danh sách."),
        Column(
            "Nội dung hoạt động", width=42, wrap=True, help="Việc đã làm, viết ngắn gọn, ví dụ: Trồng hoa tuyến đường trục thôn."
        ),
        Column("Lực lượng dự kiến", kind=Kind.COUNT, help="Số người dự kiến tham gia (số nguyên)."),
        Column("Khối lượng dự kiến", kind=Kind.AMOUNT, help="Khối lượng dự kiến, theo ĐVT."),
        Column("ĐVT", required=False, help="ĐVT của Khối lượng dự kiến; để trống là ĐVT của tiêu chí."),
        Column("Kinh phí dự kiến", required=False, kind=Kind.MONEY, help="Kinh phí dự kiến, đồng (số nguyên)."),
        Column("Ghi chú", required=False, width=30, wrap=True, help="Ghi chú, nếu có."),
    ),
    required=False,
)

ACTIVITY_LOG = SheetSchema(
    "Nhật ký",
    (
        Column("Ngày", kind=Kind.DATE, help="Ngày làm, dạng ngày/tháng/năm, ví dụ: 06/03/2021; phải thuộc năm kế hoạch."),
        Column("Đơn vị", width=22, dropdown=Dropdown.UNITS, help="Tên đơn vị; chọn trong danh sách (trang Đơn vị của sổ chính)."),
        Column("Thôn", width=18, dropdown=Dropdown.PLACES, help="Tên thôn hoặc “Trung tâm xã”; chọn trong danh sách."),
        Column("Mã tiêu chí", dropdown=Dropdown.CRITERIA, help="Mã tiêu chí (trang Tiêu chí); chọn trong danh sách."),
        Column(
            "Nội dung hoạt động", width=42, wrap=True, help="Việc đã làm, viết ngắn gọn, ví dụ: Trồng hoa tuyến đường trục thôn."
        ),
        Column(
            "Tổng lượt người",
            kind=Kind.COUNT,
            help="Tổng số lượt người tham gia, ít nhất 1. Sáu cột sau là số “trong đó”: một người có thể thuộc nhiều nhóm, các nhóm không cộng thêm vào tổng và mỗi nhóm không lớn hơn tổng.",
        ),
        Column("Cán bộ, công chức", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt cán bộ, công chức."),
        Column("Đảng viên", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt đảng viên."),
        Column("Viên chức", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt viên chức."),
        Column("LLVT", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt chiến sỹ lực lượng vũ trang."),
        Column("Đoàn viên, hội viên", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt đoàn viên, hội viên."),
        Column("Nhân dân", kind=Kind.COUNT, help=_IN_TOTAL + "số lượt người dân."),
        Column("Ngày công", kind=Kind.AMOUNT, help="Số ngày công, được ghi số lẻ, ví dụ: 12,5."),
        Column("Khối lượng", kind=Kind.AMOUNT, help="Khối lượng làm được, theo ĐVT."),
        Column(
            "ĐVT",
            help="ĐVT của Khối lượng; để trống là ĐVT của tiêu chí. Được ghi m thay cho km, m² thay cho ha: chương trình tự quy đổi.",
        ),
        Column("Tiền mặt (đồng)", kind=Kind.MONEY, help="Tiền mặt huy động, đồng (số nguyên), ví dụ: 1250000."),
        Column("Hiện vật quy đổi (đồng)", kind=Kind.MONEY, help="Hiện vật (cây giống, vật liệu…) quy ra tiền, đồng."),
        Column("Hiến đất (m²)", required=False, kind=Kind.AMOUNT, help="Diện tích đất Nhân dân hiến, m²."),
        Column("Ghi chú", required=False, width=30, wrap=True, help="Ghi chú, nếu có."),
    ),
    prefilled=("Đơn vị",),
)

# the clerk's own sentences for a month's report (optional): Mục is one of model.NoteKind
ASSESSMENT = SheetSchema(
    "Đánh giá",
    (
        Column("Tháng", kind=Kind.MONTH, help="Tháng/năm của báo cáo, ví dụ: 03/2021."),
        Column(
            "Mục",
            width=26,
            choices=tuple(k.value for k in NoteKind),
            help="Ưu điểm / Hạn chế / Nguyên nhân / Nhiệm vụ / Đề xuất; chọn trong danh sách.",
        ),
        Column("Nội dung", width=40, wrap=True, help="Câu đánh giá, viết trọn câu như in trong báo cáo."),
    ),
    required=False,
)

# the previous year's month totals (optional): the annual report sets this year beside them
PREVIOUS_YEAR = SheetSchema(
    "Năm trước",
    (
        Column("Tháng", kind=Kind.MONTH, help="Số tháng của năm trước, từ 1 đến 12; mỗi tháng một dòng."),
        Column("Số buổi", help="Tổng số buổi hoạt động của tháng (số nguyên)."),
        Column("Lượt người", help="Tổng lượt người tham gia của tháng (số nguyên)."),
        Column("Ngày công", kind=Kind.AMOUNT, help="Tổng ngày công của tháng năm trước."),
        Column("Nguồn lực huy động (đồng)", help="Tiền mặt và hiện vật quy đổi của tháng, đồng."),
    ),
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
