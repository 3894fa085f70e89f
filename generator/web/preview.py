"""Page images of a PDF for the preview, with pypdfium2 (PDFium, as in Chromium).

A clerk's Windows PC has no pdftoppm; pypdfium2 installs from PyPI with PDFium inside.
"""

from __future__ import annotations

from pathlib import Path

from generator.files import write_atomically

PREVIEW_WIDTH = 900  # pixels: a legible A4 page beside the list on a 1366×768 screen


def page_images(pdf: Path, folder: Path, width: int = PREVIEW_WIDTH) -> list[Path]:
    """One PNG per page of `pdf` in `folder` (`<stem>-01.png`…), in page order."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images: list[Path] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                points_wide = page.get_width()
                bitmap = page.render(scale=width / points_wide)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", compress_level=1)  # fastest: smaller too, for these pages
            finally:
                page.close()
            target = folder / f"{pdf.stem}-{index + 1:02d}.png"
            write_atomically(target, buffer.getvalue())
            images.append(target)
    finally:
        document.close()
    return images
