"""The monthly plan, the annual report and the 2026 documents read as a Party office would sign
them (issue 11): the reporting line, no tool vocabulary, a sơ kết when the data do not cover the
year, commendation by achievement, prose that changes with time taken from the workbook."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from pypdf import PdfReader

from generator import pdf, pipeline, vnformat
from generator.model import NoteKind
from tests.conftest import INPUTS
from tests.docx_text import squash, table_cells
from tests.workbooks import records

INPUTS_2026 = INPUTS / "2026"
from tests.office import needs_soffice  # noqa: E402

TOOL_WORDS = ("sổ nhật ký", "khối lượng 1 buổi", "Số liệu tổng hợp", " nơi đạt", "Thôn Thôn", "Cả năm")


def _text(path: Path) -> str:
    return squash(" ".join(p.text for p in docx.Document(str(path)).paragraphs))


def _sheet(path: Path, name: str) -> list[dict]:
    return records(path, name)


# ---------------------------------------------------------------- monthly plan (KHT)


def test_monthly_plan_follows_the_plans_reporting_line(sample_outputs):
    text = _text(sample_outputs["KHT"])
    assert "Đảng ủy xã Bình Xa xây dựng Kế hoạch hoạt động tháng 3 năm 2021" in text  # the signer plans
    assert (
        "Các chi bộ, tổ chức báo cáo kết quả hoạt động về Ban Thường vụ Đảng ủy (qua Khối dân vận Đảng ủy) "
        "ngay sau mỗi hoạt động; Khối dân vận Đảng ủy chủ trì, phối hợp với Văn phòng Đảng ủy tổng hợp, tham "
        "mưu Ban Thường vụ Đảng ủy báo cáo Thường trực Huyện ủy (qua Ban Dân vận Huyện ủy) trước ngày 28/03/2021."
    ) in text
    for word in TOOL_WORDS:
        assert word not in text


def test_monthly_plan_table_gives_person_in_charge_real_units_and_zero_money(sample_outputs):
    document = docx.Document(str(sample_outputs["KHT"]))
    [table] = [t for t in document.tables if "Nội dung hoạt động" in table_cells(t)[0]]
    rows = table_cells(table)
    header, body = rows[0], [r for r in rows[1:] if r[0].isdigit()]
    planned = [r for r in _sheet(INPUTS / "binh-xa-2021.xlsx", "Kế hoạch tháng") if r["Tháng"] == "03/2021"]
    assert len(body) == len(planned)
    leaders = {u["Tên đơn vị"]: u["Người phụ trách"] for u in _sheet(INPUTS / "binh-xa-2021.xlsx", "Đơn vị")}
    who, amount, money = (
        header.index("Đơn vị, người phụ trách"),
        header.index("Khối lượng"),
        header.index("Kinh phí dự kiến (đồng)"),
    )
    for row in body:
        unit = row[who].split(" (đ/c ")[0]
        assert row[who] == f"{unit} (đ/c {leaders[unit]})"
        assert "buổi" not in row[amount]  # a meeting has no quantity
        assert row[money] != ""  # 0, never a blank
    assert any(row[money] == "0" for row in body)


def test_monthly_plan_names_the_units_without_a_planned_activity(sample_outputs):
    planned_units = {r["Đơn vị"] for r in _sheet(INPUTS / "binh-xa-2021.xlsx", "Kế hoạch tháng") if r["Tháng"] == "03/2021"}
    units = [u["Tên đơn vị"] for u in _sheet(INPUTS / "binh-xa-2021.xlsx", "Đơn vị")]
    without = [u for u in units if u not in planned_units]
    assert without
    assert f"- {', '.join(without)} chưa đăng ký hoạt động trong tháng" in _text(sample_outputs["KHT"])


def test_monthly_plan_table_comes_after_the_signature(sample_outputs):
    document = docx.Document(str(sample_outputs["KHT"]))
    texts = [squash(p.text) for p in document.paragraphs]
    assert "(Kèm theo Kế hoạch số -KH/ĐU, ngày / /2021 của Đảng ủy xã Bình Xa)" in texts
    body = document.element.body
    order = [c for c in body.iterchildren() if c.tag.endswith(("}tbl", "}p"))]
    signature = next(i for i, c in enumerate(order) if "Nơi nhận:" in "".join(c.itertext()))
    plan_table = next(i for i, c in enumerate(order) if "Nội dung hoạt động" in "".join(c.itertext()) and c.tag.endswith("}tbl"))
    assert signature < plan_table


# ---------------------------------------------------------------- annual report (BCN)


def test_annual_report_from_three_months_is_a_so_ket(sample_outputs):
    text = _text(sample_outputs["BCN"])
    assert "BÁO CÁO sơ kết 3 tháng đầu năm thực hiện phong trào" in text
    assert "Đảng ủy xã Bình Xa báo cáo sơ kết 3 tháng đầu năm 2021, như sau:" in text
    assert "Từ đầu năm đến hết tháng 3/2021, các chi bộ, tổ chức đã chủ trì" in text
    assert "NHỮNG THÁNG CÒN LẠI CỦA NĂM 2021" in text
    for word in TOOL_WORDS:
        assert word not in text
    cells = [c for t in docx.Document(str(sample_outputs["BCN"])).tables for row in table_cells(t) for c in row]
    assert "Cả năm" not in cells and "Cộng" in cells
    assert "Nguồn lực huy động (đồng)" in cells


def test_annual_report_has_its_evaluation_and_commends_by_achievement(sample_outputs):
    text = _text(sample_outputs["BCN"])
    for heading in (
        "III- ĐÁNH GIÁ CHUNG",
        "1- Ưu điểm",
        "2- Hạn chế",
        "3- Nguyên nhân",
        "IV- ĐỀ NGHỊ BIỂU DƯƠNG",
        "VI- ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text
    commendation = text.split("IV- ĐỀ NGHỊ BIỂU DƯƠNG")[1].split("V- PHƯƠNG HƯỚNG")[0]
    assert "cần cố gắng" not in text
    assert "- Trường THCS: chủ trì" in commendation and "tại các thôn Soi Dịa, Yên Bình" in commendation
    assert "trồng mới" in commendation or "lắp đặt" in commendation  # what was achieved, not only counts
    # the units with a month without activity are criticised under Hạn chế, not here
    limits = text.split("2- Hạn chế")[1].split("3- Nguyên nhân")[0]
    assert "Hội CCB (tháng 3)" in limits and "BCHQS xã (tháng 3)" in limits


def test_annual_report_months_table_holds_the_workbook_sums(sample_outputs):
    rows = []
    for path in sorted(INPUTS.glob("*.xlsx")):
        rows += [r for r in _sheet(path, "Nhật ký") if isinstance(r["Ngày"], dt.datetime)]
    table = next(table_cells(t) for t in docx.Document(str(sample_outputs["BCN"])).tables if "Tháng" in table_cells(t)[0])
    for month in (1, 2, 3):
        of_month = [r for r in rows if r["Ngày"].month == month]
        [line] = [r for r in table if r[0] == f"Tháng {month}"]
        money = sum(int(r["Tiền mặt (đồng)"] or 0) + int(r["Hiện vật quy đổi (đồng)"] or 0) for r in of_month)
        land = sum(int(r["Hiến đất (m²)"] or 0) for r in of_month)
        assert line[1:] == [
            str(len(of_month)),
            vnformat.number(sum(int(r["Tổng lượt người"]) for r in of_month)),
            vnformat.number(sum(Decimal(str(r["Ngày công"])) for r in of_month)),
            vnformat.number(money, 0),
            vnformat.number(land),
        ]


def test_a_full_year_of_data_is_a_kết_quả_năm(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs, ignore=shutil.ignore_patterns("2026"))
    book = openpyxl.load_workbook(inputs / "binh-xa-2021.xlsx")
    log = book["Nhật ký"]
    last = [c.value for c in log[log.max_row]]
    last[0] = dt.datetime(2021, 12, 18)
    log.append(last)
    book.save(inputs / "binh-xa-2021.xlsx")
    result = pipeline.generate([inputs], tmp_path / "out", docs="bcn")
    text = _text(result.documents[0].path)
    assert "BÁO CÁO kết quả thực hiện phong trào" in text and "tháng đầu năm" not in text
    assert "NHIỆM VỤ NĂM 2022" in text


@needs_soffice
def test_no_annual_or_plan_page_holds_only_the_signature(sample_outputs, tmp_path):
    copies = []
    for kind in ("BCN", "KHT"):
        copy = tmp_path / sample_outputs[kind].name
        shutil.copyfile(sample_outputs[kind], copy)
        copies.append(copy)
    for printed in pdf.convert_to_pdf(copies):
        pages = [squash(p.extract_text() or "") for p in PdfReader(str(printed)).pages]
        [page] = [p for p in pages if "Nơi nhận:" in p]
        assert len(page.split("Nơi nhận:")[0].split()) > 20, printed.name


# ---------------------------------------------------------------- the clerk's own sentences


def test_the_clerks_sentences_land_in_their_section(sample_outputs):
    notes = _sheet(INPUTS / "binh-xa-2021.xlsx", "Đánh giá")
    text = _text(sample_outputs["BC"])
    sections = {
        NoteKind.STRENGTH.value: text.split("1- Ưu điểm")[1].split("2- Hạn chế")[0],
        NoteKind.CAUSE.value: text.split("3- Nguyên nhân")[1].split("IV- ")[0],
        NoteKind.TASK.value: text.split("IV- ")[1].split("V- ")[0],
        NoteKind.PROPOSAL.value: text.split("V- ĐỀ XUẤT, KIẾN NGHỊ")[1].split("Nơi nhận")[0],
    }
    march = [n for n in notes if n["Tháng"] == "03/2021"]
    assert {n["Mục"] for n in march} == set(sections)
    for note in march:
        assert f"- {note['Nội dung']}" in sections[note["Mục"]]
    february = [n for n in notes if n["Tháng"] == "02/2021"]
    assert not any(n["Nội dung"] in text for n in february)


def test_a_month_without_nguyen_nhan_is_reminded_and_has_no_empty_heading(tmp_path):
    result = pipeline.generate([INPUTS], tmp_path / "out", docs="bc", month=dt.date(2021, 1, 1))
    assert result.reminders and "tháng 1/2021 chưa có Nguyên nhân" in result.reminders[0]
    assert "3- Nguyên nhân" not in _text(result.documents[0].path)
    march = pipeline.generate([INPUTS], tmp_path / "out3", docs="bc", month=dt.date(2021, 3, 1))
    assert march.reminders == ()


def test_a_bad_danh_gia_row_is_named_with_its_cell(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs, ignore=shutil.ignore_patterns("2026"))
    book = openpyxl.load_workbook(inputs / "binh-xa-2021.xlsx")
    book["Đánh giá"].append(["03/2021", "Khen ngợi", "Một câu."])
    book.save(inputs / "binh-xa-2021.xlsx")
    report = pipeline.check_inputs([inputs])
    [problem] = [p for p in report.problems if p.location.sheet == "Đánh giá"]
    assert problem.is_error and problem.code == "E-GIA-TRI-SAI"
    assert "Mục" in problem.message and "Ưu điểm" in problem.message
    assert problem.location.cell.startswith("B")


# ---------------------------------------------------------------- 2026: prose that changes with time


def test_2026_plan_takes_its_time_bound_prose_from_the_workbook(tmp_path):
    result = pipeline.generate([INPUTS_2026], tmp_path / "out", docs="kh")
    text = _text(result.documents[0].path)
    assert "Đảng bộ tỉnh Tuyên Quang lần thứ I," in text and "lần thứ XVIII" not in text
    assert "18 tiêu chí" not in text and "nâng cao" not in text.replace("nâng cao hiệu quả", "")
    assert "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Quyết định số 51/2025/QĐ-TTg" in text
    assert "6- Ban Xây dựng Đảng" in text and "Khối dân vận" not in text


def test_2026_units_have_distinct_names(tmp_path):
    result = pipeline.generate([INPUTS_2026], tmp_path / "out", docs="pl")
    cells = [c for t in docx.Document(str(result.documents[0].path)).tables for row in table_cells(t) for c in row]
    for school in ("Trường mầm non", "Trường tiểu học", "Trường THCS"):
        assert school not in cells
        assert f"{school} Bình Xa" in cells and f"{school} Minh Hương" in cells


# ---------------------------------------------------------------- who reports, and the plan cited


def test_the_report_cites_the_months_plan_by_number_once_issued(tmp_path):
    archive = tmp_path / "archive"
    before = pipeline.generate([INPUTS], tmp_path / "out", docs="kht,bc", month=dt.date(2021, 3, 1), archive=archive)
    plan = next(d.path for d in before.documents if d.doc_type.value == "KHT")
    report = next(d.path for d in before.documents if d.doc_type.value == "BC")
    assert "- Đảng ủy xã Bình Xa ban hành Kế hoạch hoạt động tháng 3 năm 2021, phân công" in _text(report)
    issued = pipeline.issue(plan, archive, dt.date(2021, 3, 2))
    after = pipeline.generate([INPUTS], tmp_path / "out2", docs="bc", month=dt.date(2021, 3, 1), archive=archive)
    text = _text(after.documents[0].path)
    assert (
        f"- Đảng ủy xã Bình Xa ban hành Kế hoạch số {issued.record.symbol}, ngày 02/03/2021 về hoạt động tháng 3 "
        "năm 2021, phân công" in text
    )


def test_the_reporter_is_who_signs(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs, ignore=shutil.ignore_patterns("2026"))
    book = openpyxl.load_workbook(inputs / "binh-xa-2021.xlsx")
    for row in book["Thông tin"].iter_rows(min_row=2):
        if row[0].value == "Thẩm quyền ký":
            row[1].value = "T/M BAN THƯỜNG VỤ"
    book.save(inputs / "binh-xa-2021.xlsx")
    result = pipeline.generate([inputs], tmp_path / "out", docs="kht,bc,bcn", month=dt.date(2021, 3, 1))
    for document in result.documents:
        text = _text(document.path)
        assert "Ban Thường vụ Đảng ủy xã Bình Xa " in text, document.path.name
        assert ", Đảng ủy xã Bình Xa báo cáo" not in text and ", Đảng ủy xã Bình Xa xây dựng" not in text


# ---------------------------------------------------------------- the previous year beside this one


def test_the_annual_report_sets_the_same_months_of_the_previous_year_beside_this_one(sample_outputs):
    previous = [r for r in _sheet(INPUTS / "binh-xa-2021.xlsx", "Năm trước") if r["Tháng"] <= 3]
    rows = []
    for path in sorted(INPUTS.glob("*.xlsx")):
        rows += [r for r in _sheet(path, "Nhật ký") if isinstance(r["Ngày"], dt.datetime) and r["Ngày"].month <= 3]
    before, now = sum(r["Số buổi"] for r in previous), len(rows)
    change = (Decimal(now) - before) / before * 100
    expected = (
        f"So với cùng kỳ năm 2020 ({vnformat.number(before)} buổi, "
        f"{vnformat.number(sum(r['Lượt người'] for r in previous))} lượt người"
    )
    text = _text(sample_outputs["BCN"])
    assert expected in text
    assert f"số buổi {'tăng' if change > 0 else 'giảm'} {vnformat.percent(abs(change))}" in text


def test_a_month_twice_in_nam_truoc_is_an_error_with_its_cell(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs, ignore=shutil.ignore_patterns("2026"))
    book = openpyxl.load_workbook(inputs / "binh-xa-2021.xlsx")
    book["Năm trước"].append([3, 10, 300, 200, 1_000_000])
    book.save(inputs / "binh-xa-2021.xlsx")
    [problem] = [p for p in pipeline.check_inputs([inputs]).problems if p.location.sheet == "Năm trước"]
    assert problem.is_error and problem.location.cell == "A14"
    assert "Tháng 3 đã có" in problem.message
