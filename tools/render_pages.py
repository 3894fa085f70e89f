"""Re-makes the page pictures under docs/ from the shipped sample.

Generates the documents, converts them to PDF with LibreOffice and page 1 of
each to PNG with pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils).

    python tools/render_pages.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402

PICTURES = {"ke-hoach-2021": "ke-hoach-trang-1", "phu-luc-phan-cong-2021": "phu-luc-phan-cong-trang-1"}


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        sys.exit("Needs LibreOffice (soffice) and pdftoppm on PATH.")
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        result = pipeline.generate([REPO / "inputs"], root / "out")
        files = [str(d.path) for d in result.documents]
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{root}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(root / "pdf"), *files],
            check=True,
            capture_output=True,
            timeout=300,
        )
        for stem, picture in PICTURES.items():
            target = REPO / "docs" / picture
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(root / "pdf" / f"{stem}.pdf"), str(target)],
                check=True,
            )
            print(f"{target}.png")


if __name__ == "__main__":
    main()
