"""DOCX → PDF with LibreOffice, and the print bundle (SPEC §5, §9).

The files of one call go to the process's warm LibreOffice (`office.shared()`): a pool of
headless instances, each on a fresh profile of its own (so that an open LibreOffice window of the
clerk, or a second run at the same time, does not swallow the job), the batch split between
them. The PDFs are made in a temporary folder and then moved beside their DOCX, each by an atomic
rename: a PDF in place is always whole, and none is written unless every file converted.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.errors import LibreOfficeMissing, NtmError, OutputProblem, PdfConversionFailed
from generator.files import write_atomically
from generator.office import Office, quoted_names, shared

SOFFICE_ENV = "NTM_SOFFICE"  # the path of soffice, where it is installed somewhere unusual


def _windows_candidates() -> list[Path]:
    folders = [os.environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    folders += [r"C:\Program Files", r"C:\Program Files (x86)"]
    seen: list[Path] = []
    for folder in folders:
        if folder:
            candidate = Path(folder) / "LibreOffice" / "program" / "soffice.exe"
            if candidate not in seen:
                seen.append(candidate)
    return seen


def _unix_candidates() -> list[Path]:
    candidates = [Path("/usr/bin/soffice"), Path("/usr/local/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice")]
    candidates += [Path("/usr/lib64/libreoffice/program/soffice"), Path("/snap/bin/libreoffice")]
    opt = Path("/opt")
    try:
        # /opt/libreoffice7.6/program/soffice …: the newest version first
        candidates += sorted(opt.glob("libreoffice*/program/soffice"), reverse=True)
    except OSError:
        pass
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return candidates


def find_soffice() -> Path | None:
    """LibreOffice's `soffice`: $NTM_SOFFICE, then PATH (`soffice`, `libreoffice`), then the usual
    install folders of Windows, Linux and macOS. None when it is nowhere."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured and Path(configured).is_file():
        return Path(configured)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = _windows_candidates() if os.name == "nt" else _unix_candidates()
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def warm_up(count: int, office: Office | None = None) -> None:
    """Starts LibreOffice in the background for a batch of `count` files to come: `generate --pdf`
    calls it before reading the logs, so that LibreOffice starts while the DOCX files are made."""
    (office or shared()).start(find_soffice(), count)


def convert_to_pdf(
    docx_files: Sequence[Path], out_dir: Path | None = None, timeout: float = 300, office: Office | None = None
) -> list[Path]:
    """Converts every DOCX with the process's warm LibreOffice; returns the PDFs, in the order given.

    `office`: the pool to use instead of the process's (`office.shared()`); the batch is split
    between its instances. `timeout` (seconds) bounds each instance's part of the batch.

    Each PDF goes beside its DOCX (`bao-cao-thang-03.pdf`), or into `out_dir` when given.
    Nothing is written unless every file converted: the PDFs are made in a temporary
    folder first, then each is moved into place atomically.
    """
    files = [Path(f) for f in docx_files]
    if not files:
        return []
    for file in files:
        if not file.is_file():
            raise OutputProblem(f"Không tìm thấy tệp '{file}' để chuyển sang PDF.")
    targets = [(out_dir if out_dir is not None else f.parent) / f"{f.stem}.pdf" for f in files]
    seen: dict[Path, Path] = {}
    for file, target in zip(files, targets):
        key = Path(os.path.normcase(target.absolute()))
        if key in seen and seen[key] != file:
            raise OutputProblem(f"Hai tệp '{seen[key]}' và '{file}' sẽ ra cùng một tệp PDF '{target}'.")
        seen[key] = file
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    with tempfile.TemporaryDirectory(prefix="ntm-pdf-") as work:
        root = Path(work)
        outdir, staged = root / "pdf", root / "in"
        outdir.mkdir()
        # soffice names each PDF after its input's stem in one --outdir: inputs whose stems
        # meet (ke-hoach.docx in two folders) are given distinct names in a staging folder.
        inputs: list[Path] = []
        stems: set[str] = set()
        for index, file in enumerate(files):
            stem = file.stem
            if stem.casefold() in stems:
                staged.mkdir(exist_ok=True)
                copy = staged / f"{stem}-{index}{file.suffix}"
                shutil.copyfile(file, copy)
                inputs.append(copy)
                stem = copy.stem
            else:
                inputs.append(file.absolute())
            stems.add(stem.casefold())
        (office or shared()).convert(soffice, inputs, outdir, timeout, files)
        made = [outdir / f"{p.stem}.pdf" for p in inputs]
        failed = [f for f, pdf in zip(files, made) if not pdf.is_file() or pdf.stat().st_size == 0]
        if failed:
            raise PdfConversionFailed(
                f"LibreOffice không chuyển được sang PDF: {quoted_names(failed)} (tệp hỏng hoặc đang bị khóa?). "
                "Chưa tệp PDF nào được ghi."
            )
        for pdf, target in zip(made, targets):
            write_atomically(target, pdf.read_bytes())
    return targets


def merge_pdfs(pdfs: Sequence[Path], target: Path) -> Path:
    """The print bundle (`in-tat-ca.pdf`): every page of the PDFs, in the order given."""
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise NtmError("Cần gói pypdf để gộp các tệp PDF: hãy cài bằng lệnh 'pip install pypdf'.") from None
    writer = PdfWriter()
    for pdf in pdfs:
        try:
            writer.append(PdfReader(str(pdf)))
        except (OSError, PyPdfError) as exc:
            raise OutputProblem(f"Không đọc được tệp PDF '{pdf}' để gộp: {exc}.") from None
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomically(target, buffer.getvalue())
    return target
