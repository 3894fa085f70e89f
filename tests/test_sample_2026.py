"""The 2026 sample (inputs/2026/): the merged commune after the 2025 reorganisation, whose
superior body is the province's; and the plan's superior-level wording as workbook data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from generator import vnformat
from generator.documents import default_content_directive
from generator.errors import Severity
from generator.formatcheck import check_document
from generator.pipeline import generate
from tests import docx_text
from tests.conftest import GOLDEN, INPUTS, SAMPLE
from tests.workbooks import records

INPUTS_2026 = INPUTS / "2026"
SAMPLE_2026 = INPUTS_2026 / "binh-xa-2026.xlsx"
KINDS = ["KH", "PL", "KHT", "BC", "BCN"]
NEW_KEYS = ("Cấp trên", "Cấp ủy cấp trên", "Ban tham mưu cấp trên", "Văn bản chỉ đạo nội dung")
DIRECTIVE_2021 = "Thực hiện theo Chỉ thị số 01-CT/HU, ngày 18/12/2020 của Ban Thường vụ Huyện ủy."


@pytest.fixture(scope="module")
def outputs_2026(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("outputs-2026")
    result = generate([INPUTS_2026], out, docs="kh,pl,kht,bc,bcn")
    assert result.inputs.problems == ()
    assert result.month == dt.date(2026, 2, 1)  # the latest month with data
    return {d.doc_type.value: d.path for d in result.documents}


def test_the_2026_sample_is_in_a_subfolder_so_inputs_keeps_one_main_workbook():
    assert SAMPLE_2026.is_file()
    books = sorted(p.name for p in INPUTS.iterdir() if p.is_file() and p.suffix == ".xlsx")
    assert books == ["binh-xa-2021.xlsx", "nhat-ky-truong-thcs-2021.xlsx"]


def test_every_document_is_generated_without_any_problem(outputs_2026):
    assert sorted(outputs_2026) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_document_passes_the_format_check_without_any_finding(outputs_2026, kind):
    findings = check_document(outputs_2026[kind])
    assert findings == [], "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("kind", KINDS)
def test_no_document_names_a_district(outputs_2026, kind):
    text = docx_text.text(outputs_2026[kind])
    for word in ("Huyện", "huyện", "/HU"):
        assert word not in text


def test_the_plan_names_the_province_as_superior(outputs_2026):
    text = docx_text.text(outputs_2026["KH"])
    assert text.startswith("ĐẢNG BỘ TỈNH TUYÊN QUANG ĐẢNG ỦY XÃ BÌNH XA * Số 05-KH/ĐU ")
    assert "Bình Xa, ngày 12 tháng 01 năm 2026" in text
    assert "1- Nội dung hoạt động: Thực hiện theo Chỉ thị số 04-CT/TU" in text
    assert "ủy viên Ban Thường vụ Tỉnh ủy, ủy viên Ban Chấp hành Đảng bộ tỉnh phụ trách xã" in text
    assert "cùng lực lượng của cơ quan, đơn vị cấp tỉnh trực tiếp tham gia" in text
    assert (
        "- Báo cáo Thường trực Tỉnh ủy (qua Ban Tuyên giáo và Dân vận Tỉnh ủy) về Kế hoạch và kết quả thực hiện "
        "hoạt động hằng tháng; kịp thời thông tin, trao đổi khó khăn, vướng mắc để Ban Tuyên giáo và Dân vận "
        "Tỉnh ủy tổng hợp, báo cáo Thường trực, Ban Thường vụ Tỉnh ủy, cụ thể:" in text
    )
    assert "tăng thêm tối thiểu 10% so với năm 2025." in text
    assert "- Lưu VPĐU. T/M ĐẢNG ỦY BÍ THƯ" in text


def _february_log() -> list[dict[str, object]]:
    return [r for r in records(SAMPLE_2026, "Nhật ký") if isinstance(r["Ngày"], dt.datetime) and r["Ngày"].month == 2]


def test_the_february_report_reports_the_february_figures(tmp_path):
    result = generate([INPUTS_2026], tmp_path, docs="bc", month=dt.date(2026, 2, 1))
    [report] = result.documents
    assert report.path.name == "bao-cao-thang-02.docx"
    february = _february_log()
    assert len(february) >= 30
    people = sum(int(str(r["Tổng lượt người"])) for r in february)
    text = docx_text.text(report.path)
    assert "BÁO CÁO kết quả thực hiện phong trào" in text and "tháng 2 năm 2026" in text
    assert (
        f"Trong tháng 2/2026, các chi bộ, tổ chức đã chủ trì {vnformat.number(len(february))} buổi ra quân, "
        f"thu hút {vnformat.number(people)} lượt cán bộ, đảng viên" in text
    )
    # Hội CCB logged nothing in February (Tết), nor did its villages: a Hạn chế
    assert "- Hội CCB chưa tổ chức hoạt động trong tháng; các thôn Tân Bình 1, Tân Bình 2 chưa có hoạt động." in text


def test_the_2021_plan_dated_in_2026_is_warned_for_its_district_header(tmp_path):
    result = generate([INPUTS], tmp_path / "out", docs="kh")
    [plan] = result.documents
    document = docx.Document(str(plan.path))
    old, new = "Bình Xa, ngày 15 tháng 01 năm 2021", "Bình Xa, ngày 15 tháng 01 năm 2026"
    [paragraph] = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs if p.text == old]
    paragraph.runs[0].text = new
    for run in paragraph.runs[1:]:
        run.text = ""
    target = tmp_path / "ke-hoach-2021-ngay-2026.docx"
    document.save(str(target))
    findings = check_document(target)
    assert [(f.rule, f.severity) for f in findings] == [("F-CAP-TREN", Severity.WARNING)]
    assert "HUYỆN HÀM YÊN" in findings[0].found


# ---------------------------------------------------------------- derived defaults


def _without_keys(folder: Path, keys: tuple[str, ...]) -> Path:
    copy = folder / "inputs"
    shutil.copytree(INPUTS, copy, ignore=shutil.ignore_patterns("2026"))
    workbook = openpyxl.load_workbook(copy / SAMPLE.name)
    sheet = workbook["Thông tin"]
    rows = [cell.row for cell in sheet["A"] if cell.value in keys]
    assert len(rows) == len(keys)
    for row in sorted(rows, reverse=True):
        sheet.delete_rows(row)
    workbook.save(copy / SAMPLE.name)
    return copy


def _plan_lines(inputs: Path, out: Path) -> str:
    result = generate([inputs], out, docs="kh")
    assert result.inputs.problems == ()
    [plan] = result.documents
    return "\n".join(docx_text.lines(plan.path)) + "\n"


def test_the_superior_level_is_derived_from_the_superior_body_when_its_keys_are_absent(tmp_path):
    inputs = _without_keys(tmp_path, NEW_KEYS[:3])
    assert _plan_lines(inputs, tmp_path / "out") == (GOLDEN / "ke-hoach-2021.txt").read_text(encoding="utf-8")


def test_without_the_four_keys_the_plan_is_the_same_but_for_the_default_directive(tmp_path):
    inputs = _without_keys(tmp_path, NEW_KEYS)
    golden = (GOLDEN / "ke-hoach-2021.txt").read_text(encoding="utf-8")
    default = default_content_directive("Huyện ủy")
    assert default == "Thực hiện theo các văn bản chỉ đạo của Ban Thường vụ Huyện ủy về xây dựng nông thôn mới."
    assert golden.count(DIRECTIVE_2021) == 1
    assert _plan_lines(inputs, tmp_path / "out") == golden.replace(DIRECTIVE_2021, default)


def test_a_province_superior_body_gives_the_province_wording_by_default(tmp_path):
    inputs = _without_keys(tmp_path, NEW_KEYS)
    workbook = openpyxl.load_workbook(inputs / SAMPLE.name)
    for row in workbook["Thông tin"].iter_rows(min_row=2):
        if row[0].value == "Cơ quan cấp trên":
            row[1].value = "ĐẢNG BỘ TỈNH TUYÊN QUANG"
    workbook.save(inputs / SAMPLE.name)
    text = docx_text.squash(_plan_lines(inputs, tmp_path / "out"))
    assert (
        "1- Nội dung hoạt động: Thực hiện theo các văn bản chỉ đạo của Ban Thường vụ Tỉnh ủy về xây dựng nông thôn mới." in text
    )
    assert "ủy viên Ban Thường vụ Tỉnh ủy, ủy viên Ban Chấp hành Đảng bộ tỉnh phụ trách xã" in text
    assert "cơ quan, đơn vị cấp tỉnh" in text
    assert "để Ban Tuyên giáo và Dân vận Tỉnh ủy tổng hợp, báo cáo Thường trực, Ban Thường vụ Tỉnh ủy, cụ thể:" in text
