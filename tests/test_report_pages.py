"""The March 2021 report on the printed page (SPEC §5, issue 11): LibreOffice prints it, and the
page count and the last body page are read back from the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import pdf
from tests.docx_text import squash
from tests.office import needs_soffice  # noqa: E402

# Measured: the body and Biểu 01 (portrait, under the signature) take 3 pages, Biểu 02 and 03
# one landscape page each.
MARCH_PAGES = 5


@pytest.fixture(scope="module")
def march_pages(sample_outputs, tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("print")
    copy = folder / "bao-cao-thang-03.docx"
    shutil.copyfile(sample_outputs["BC"], copy)
    (printed,) = pdf.convert_to_pdf([copy])
    return [squash(page.extract_text() or "") for page in PdfReader(str(printed)).pages]


@needs_soffice
def test_the_march_report_prints_on_its_measured_number_of_pages(march_pages):
    assert len(march_pages) == MARCH_PAGES
    tables = [n for n, page in enumerate(march_pages, start=1) if "(Kèm theo Báo cáo số" in page]
    assert tables == [3, 4, 5]  # Biểu 01 under the signature, then Biểu 02 and 03 on a page each
    assert "Tổng cộng" in march_pages[2]  # Biểu 01 whole on page 3


@needs_soffice
def test_no_page_holds_only_the_recipients_and_the_signature(march_pages):
    (signature_page,) = [page for page in march_pages if "Nơi nhận:" in page]
    before = signature_page.split("Nơi nhận:")[0]
    # the page number, then at least one line of the body above the signature block
    assert len(before.split()) > 20, before


def test_docs_hold_a_picture_of_every_page_of_the_march_report():
    """Re-made by tools/render_pages.py; the README links them."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    pictures = sorted(docs.glob("bao-cao-thang-03-trang-*.png"))
    assert [p.name for p in pictures] == [f"bao-cao-thang-03-trang-{n}.png" for n in range(1, MARCH_PAGES + 1)]
