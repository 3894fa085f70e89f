"""The plan and the annex of the Bình Xa 2021 sample say what the real 2021 plan says."""

from __future__ import annotations

import docx
import pytest

from tests import docx_text
from tests.conftest import SEED

# The seed's evident typos, corrected in the generated plan: (as in the seed, as generated).
SEED_TYPOS = [
    ("chiến sỹ lực lương vũ trang", "chiến sỹ lực lượng vũ trang"),  # title
    ("đô thị văn mình", "đô thị văn minh"),  # "Thực hiện …" paragraph
    ("2- Thời gian, địa điểm 1- Thời gian:", "2- Thời gian, địa điểm a) Thời gian:"),  # II.2 numbered twice
    ("nhiệm vụ. 2- Địa điểm:", "nhiệm vụ. b) Địa điểm:"),
    ("Chỉ thị sổ 01-CT/HU", "Chỉ thị số 01-CT/HU"),
    ("Mặt trận Tố quốc", "Mặt trận Tổ quốc"),
    ("Huyện ủy,Chỉ huy Trưởng", "Huyện ủy, Chỉ huy Trưởng"),  # Nơi nhận
    ("Đ/c chí Trần Danh Tuyên", "Đ/c Trần Danh Tuyên"),
]
# The txt copy of the seed lost the header's left column; the generated plan has it.
HEADER_LEFT = "ĐẢNG BỘ HUYỆN HÀM YÊN ĐẢNG ỦY XÃ BÌNH XA * Số 11-KH/ĐU "


def _seed_parts() -> tuple[str, list[str]]:
    raw = SEED.read_text(encoding="utf-8")
    plan, annex = raw.split("\nPHÂN CÔNG\n", 1)
    return plan, ("PHÂN CÔNG\n" + annex).splitlines()


def _corrected_seed_plan() -> str:
    plan = docx_text.squash(_seed_parts()[0])
    for wrong, right in SEED_TYPOS:
        assert plan.count(wrong) == 1, f"the typo list no longer matches the seed: {wrong!r}"
        plan = plan.replace(wrong, right)
    return plan


def test_plan_text_equals_the_seed_apart_from_its_listed_typos(sample_outputs):
    generated = docx_text.text(sample_outputs["KH"])
    assert generated.startswith(HEADER_LEFT)
    assert generated[len(HEADER_LEFT) :] == _corrected_seed_plan()


@pytest.mark.parametrize(("wrong", "right"), SEED_TYPOS)
def test_each_seed_typo_is_corrected(sample_outputs, wrong, right):
    generated = docx_text.text(sample_outputs["KH"])
    assert wrong not in generated
    assert right in generated


def _seed_annex_rows() -> list[list[str]]:
    cells = [line[1:] for line in _seed_parts()[1] if line.startswith("\t")]
    assert len(cells) % 5 == 0
    return [[docx_text.squash(c) for c in cells[i : i + 5]] for i in range(0, len(cells), 5)]


def test_annex_table_cells_equal_the_seed_table(sample_outputs):
    document = docx.Document(str(sample_outputs["PL"]))
    [table] = document.tables
    assert docx_text.table_cells(table) == _seed_annex_rows()


def test_annex_title_lines(sample_outputs):
    document = docx.Document(str(sample_outputs["PL"]))
    texts = [docx_text.squash(p.text) for p in document.paragraphs if p.text.strip()]
    assert texts[:3] == [
        "PHÂN CÔNG",
        "Các chi bộ, các tổ chức chính trị xã hội trực tiếp tham gia hoạt động xây dựng nông thôn mới, "
        "đô thị văn minh tại các thôn năm 2021",
        "(Kèm theo Kế hoạch số 11-KH/ĐU, ngày 15/01/2021 của Đảng ủy xã Bình Xa)",
    ]
