"""The domain, as frozen objects passed between the stages.

Quantities are Decimal, money is int đồng, dates are date: no float reaches a total.

Glossary. The naming rule: Python names are English; what a clerk reads, types or edits is
Vietnamese (sheet and column headers, messages, enum values, problem codes, template variables,
file names). Each domain word as the clerk writes it, its Python name, and where it is in the
workbook (sheet › column; the template variable, where one carries it):

    clerk's word                 Python name                      workbook (template variable)
    xã                           Commune                          the main workbook (sổ chính)
    sổ chính / sổ nhật ký        main book / log book             a workbook with `Thông tin` / `Nhật ký` only
    cơ quan ban hành             PlanInfo.issuing_body            Thông tin › Cơ quan ban hành
    cơ quan cấp trên             PlanInfo.superior_body           Thông tin › Cơ quan cấp trên (co_quan_cap_tren)
    ký hiệu cơ quan (ĐU)         PlanInfo.body_symbol             Thông tin › Ký hiệu cơ quan
    địa danh                     PlanInfo.place                   Thông tin › Địa danh
    người ký, chức vụ            PlanInfo.signer, .signer_title   Thông tin › Người ký, Chức vụ người ký
    nơi nhận                     Recipient                        Nơi nhận › Văn bản, Nơi nhận, Ghi chú
    đơn vị (chi bộ, tổ chức)     Unit                             Đơn vị › Tên đơn vị, Loại, Người phụ trách
    thôn                         Village                          Thôn › Tên thôn, Số hộ, Xa trung tâm
    trung tâm xã                 COMMUNE_CENTRE (a place)         Nhật ký › Thôn = "Trung tâm xã"
    tiêu chí, mã tiêu chí        Criterion, Criterion.code        Tiêu chí › Mã, Nội dung, ĐVT
    chỉ tiêu                     Criterion.target_per_village     Tiêu chí › Chỉ tiêu mỗi thôn
    cách tính                    Method                           Tiêu chí › Cách tính
    phân công                    Assignment                       Phân công › Chi bộ, tổ chức; Nội dung phụ trách
    kế hoạch tháng (dòng)        PlannedActivity                  Kế hoạch tháng
    hoạt động (dòng nhật ký)     Activity                         Nhật ký (one row)
    tổng lượt người              Activity.participants            Nhật ký › Tổng lượt người (luot)
    cán bộ, công chức            Activity.officials               Nhật ký › Cán bộ, công chức
    đảng viên                    Activity.party_members           Nhật ký › Đảng viên
    viên chức                    Activity.public_employees        Nhật ký › Viên chức
    LLVT                         Activity.armed_forces            Nhật ký › LLVT
    đoàn viên, hội viên          Activity.association_members     Nhật ký › Đoàn viên, hội viên (doan_vien)
    nhân dân                     Activity.residents               Nhật ký › Nhân dân
    ngày công                    Activity.workdays                Nhật ký › Ngày công
    khối lượng                   Activity.quantity                Nhật ký › Khối lượng, ĐVT
    tiền mặt                     Activity.cash                    Nhật ký › Tiền mặt (đồng)
    hiện vật quy đổi             Activity.in_kind                 Nhật ký › Hiện vật quy đổi (đồng) (hien_vat)
    hiến đất                     Activity.land_m2                 Nhật ký › Hiến đất (m²) ("Đất hiến" in Biểu 03)
    đánh giá (ưu điểm, hạn chế…) AssessmentNote, NoteKind         Đánh giá › Tháng, Mục, Nội dung
    năm trước                    PreviousYearMonth                Năm trước
    loại văn bản (KH, BC…)       DocType; TYPE_NAMES              the number "Số 05-BC/ĐU"
    số, ký hiệu văn bản          RegisteredDocument.symbol        sổ đăng ký › Số, ký hiệu
    thu hồi                      register.withdraw                `ntm withdraw`; sổ đăng ký › Ghi chú
    mã lỗi                       errors.ProblemCode               README › Mã lỗi
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from generator.text import fold

COMMUNE_CENTRE = "Trung tâm xã"
ARCHIVE_OFFICE = "VPĐU"  # the office that keeps the archive copy: Nơi nhận's last line, 'Lưu VPĐU'
PHRASE_SLOT = "[số]"  # where `Cách ghi kết quả` takes the month's quantity


class Method(Enum):
    """`Cách tính` of a criterion."""

    SUM = "Cộng dồn"
    HOUSEHOLD_RATE = "Tỷ lệ hộ"
    RISE_OVER_BASELINE = "Tăng so năm trước"  # relative growth of the number: new ÷ baseline
    # percentage points of the rate (hộ đạt ÷ `Số hộ chăn nuôi`): "tỷ lệ … tăng thêm 10%" read as points
    RATE_RISE_POINTS = "Tăng tỷ lệ so năm trước"


class Scope(Enum):
    """`Áp dụng` of a criterion."""

    ALL_VILLAGES = "Tất cả thôn"
    REMOTE_VILLAGES = "Thôn xa trung tâm"


class DocType(Enum):
    """The documents of the office, by their abbreviation in `Nơi nhận` and in numbers."""

    PLAN = "KH"
    ANNEX = "PL"
    MONTHLY_PLAN = "KHT"
    MONTHLY_REPORT = "BC"
    ANNUAL_REPORT = "BCN"

    @property
    def number_symbol(self) -> str:
        """The type part of a document number: a monthly plan is still a KH."""
        return {"KHT": "KH", "BCN": "BC"}.get(self.value, self.value)


@dataclass(frozen=True)
class PlanInfo:
    """The `Thông tin` sheet."""

    superior_body: str
    issuing_body: str
    body_symbol: str
    place: str
    year: int
    plan_number: int | None
    plan_date: date | None
    signing_authority: str
    signer_title: str
    signer: str
    report_recipient: str
    monthly_plan_deadline: int = 5
    monthly_report_deadline: int = 28
    unit_report_deadline: int | None = None  # `Hạn đơn vị báo cáo`: the units' own day, if the plan sets one
    preamble: str = ""
    # the superior level as the plan words it ("" = derived from `superior_body`, see documents/plan.py)
    superior_level: str = ""  # `Cấp trên`: huyện, tỉnh
    superior_committee: str = ""  # `Cấp ủy cấp trên`: Huyện ủy, Tỉnh ủy
    superior_advisory_board: str = ""  # `Ban tham mưu cấp trên`: Ban Dân vận Huyện ủy
    content_directive: str = ""  # `Văn bản chỉ đạo nội dung`: the sentence of section III.1
    advisory_body: str = ""  # `Cơ quan đầu mối`: the committee's focal point (Khối dân vận Đảng ủy)
    criteria_set: str = ""  # `Bộ tiêu chí`: "18 tiêu chí xây dựng nông thôn mới nâng cao" (plan 2.1)
    standard_goal: str = ""  # `Mục tiêu đạt chuẩn`: "xây dựng xã đạt chuẩn nông thôn mới nâng cao năm 2021"


@dataclass(frozen=True)
class Recipient:
    """One line of `Nơi nhận`; `doc_type` None means every document (`tất cả`)."""

    doc_type: DocType | None
    name: str
    note: str = ""

    @property
    def is_archive_copy(self) -> bool:
        return is_archive_line(self.name)


def is_archive_line(text: str) -> bool:
    """A Nơi nhận line for the office's own copy: 'Lưu VPĐU', 'lưu: VT'."""
    return fold(text).startswith("lưu")


@dataclass(frozen=True)
class Unit:
    order: int
    name: str
    kind: str
    leader: str = ""


@dataclass(frozen=True)
class Village:
    order: int
    name: str
    remote: bool
    households: int
    livestock_households: int
    hygienic_livestock_baseline: int


@dataclass(frozen=True)
class Criterion:
    code: str
    content: str
    unit: str
    target_per_village: Decimal | None
    target_centre: Decimal | None
    method: Method
    scope: Scope
    explanation: str = ""
    # `Cách ghi kết quả`: the report's verb phrase, "[số]" where the month's quantity goes
    # ("gắn [số] biển chỉ dẫn ranh giới thôn"); "" = the report falls back on `Nội dung`
    phrase: str = ""


@dataclass(frozen=True)
class Assignment:
    """A row of the annex. The text cells are kept verbatim; `villages` is parsed."""

    order: str
    unit: str
    tasks: str
    villages_text: str
    note: str
    villages: tuple[str, ...]


class NoteKind(Enum):
    """`Mục` of the optional `Đánh giá` sheet: where the clerk's own sentence goes in the report."""

    STRENGTH = "Ưu điểm"
    WEAKNESS = "Hạn chế"
    CAUSE = "Nguyên nhân"
    TASK = "Nhiệm vụ"
    PROPOSAL = "Đề xuất"
    LESSON = "Bài học kinh nghiệm"  # for the annual report


@dataclass(frozen=True)
class AssessmentNote:
    """One row of `Đánh giá`: the clerk's sentence for the report of `month` (its first day)."""

    month: date
    kind: NoteKind
    text: str


@dataclass(frozen=True)
class PreviousYearMonth:
    """A row of the optional `Năm trước` sheet: the previous year's month totals, for the annual
    report to set this year beside them."""

    month: int
    activities: int
    participants: int
    workdays: Decimal
    money: int  # cash and in-kind value together, đồng


@dataclass(frozen=True)
class Commune:
    """Everything the main workbook says about the commune and its plan year."""

    info: PlanInfo
    recipients: tuple[Recipient, ...]
    units: tuple[Unit, ...]
    villages: tuple[Village, ...]
    criteria: tuple[Criterion, ...]
    assignments: tuple[Assignment, ...]
    notes: tuple[AssessmentNote, ...] = ()
    previous_year: tuple[PreviousYearMonth, ...] = ()

    def recipients_of(self, doc_type: DocType) -> tuple[Recipient, ...]:
        return tuple(r for r in self.recipients if r.doc_type in (doc_type, None))

    def notes_of(self, month: date, kind: NoteKind) -> tuple[str, ...]:
        return tuple(n.text for n in self.notes if n.month == month and n.kind is kind)

    @property
    def leaders(self) -> dict[str, str]:
        return {u.name: u.leader for u in self.units if u.leader}


@dataclass(frozen=True)
class Activity:
    """One row of a `Nhật ký` sheet, validated; `quantity` is in the criterion's unit."""

    day: date
    unit: str
    village: str
    criterion: str
    content: str
    participants: int
    officials: int
    party_members: int
    public_employees: int
    armed_forces: int
    association_members: int
    residents: int
    workdays: Decimal
    quantity: Decimal
    cash: int
    in_kind: int
    land_m2: Decimal
    note: str
    source: str  # "file › Nhật ký!A12", for messages


@dataclass(frozen=True)
class PlannedActivity:
    """One row of `Kế hoạch tháng`; `month` is the first day of its month."""

    month: date
    day: date | None
    unit: str
    village: str
    criterion: str
    content: str
    planned_people: int
    planned_quantity: Decimal
    quantity_unit: str
    planned_budget: int
    note: str


# The type line of a document (its centred caps name) by the type part of its number.
TYPE_NAMES: dict[str, str] = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "TTr": "TỜ TRÌNH",
    "CV": "CÔNG VĂN",
}


@dataclass(frozen=True)
class Totals:
    """What a set of activities adds up to."""

    activities: int = 0
    participants: int = 0
    officials: int = 0
    party_members: int = 0
    public_employees: int = 0
    armed_forces: int = 0
    association_members: int = 0
    residents: int = 0
    workdays: Decimal = Decimal(0)
    cash: int = 0
    in_kind: int = 0
    land_m2: Decimal = Decimal(0)

    @property
    def money(self) -> int:
        """Cash and in-kind value together: what was mobilised."""
        return self.cash + self.in_kind
