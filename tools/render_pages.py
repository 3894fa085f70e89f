"""Re-makes the page pictures under docs/ from the shipped sample.

Generates the documents, converts them to PDF with LibreOffice and chosen pages
to PNG with pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils).

    python tools/render_pages.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402

# (document stem, picture name, the text that marks the page; None = page 1)
PICTURES = [
    ("ke-hoach-2021", "ke-hoach-trang-1", None),
    ("phu-luc-phan-cong-2021", "phu-luc-phan-cong-trang-1", None),
    ("bao-cao-thang-03", "bao-cao-thang-03-trang-1", None),
    ("bao-cao-thang-03", "bao-cao-thang-03-bieu-02", "Biểu 02: Tiến độ"),
    ("ke-hoach-thang-03", "ke-hoach-thang-03-bieu", "Nội dung hoạt động"),
]


def _page_with(pdf: Path, marker: str | None) -> int:
    if marker is None:
        return 1
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        if marker in (page.extract_text() or ""):
            return number
    raise SystemExit(f"'{marker}' is on no page of {pdf}")


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        sys.exit("Needs LibreOffice (soffice) and pdftoppm on PATH.")
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        result = pipeline.generate([REPO / "inputs"], root / "out", docs="kh,pl,kht,bc")
        files = [str(d.path) for d in result.documents]
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{root}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(root / "pdf"),
                *files,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        for stem, picture, marker in PICTURES:
            pdf = root / "pdf" / f"{stem}.pdf"
            page = str(_page_with(pdf, marker))
            target = REPO / "docs" / picture
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", page, "-l", page, "-singlefile", str(pdf), str(target)], check=True
            )
            print(f"{target}.png (page {page})")
        # every page of the March report, as the signer reads it
        report = root / "pdf" / "bao-cao-thang-03.pdf"
        for number in range(1, len(PdfReader(report).pages) + 1):
            target = REPO / "docs" / f"bao-cao-thang-03-trang-{number}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile", str(report), str(target)],
                check=True,
            )
            print(f"{target}.png")


if __name__ == "__main__":
    main()
