"""DOCX → PDF with LibreOffice, and the print bundle (SPEC §5, §9).

All the files of one run go through ONE headless LibreOffice process, with a
fresh profile of its own (so that an open LibreOffice window of the clerk, or a
second run at the same time, does not swallow the job). The PDFs are made in a
temporary folder and then moved beside their DOCX, each by an atomic rename:
a PDF in place is always whole.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.files import write_atomically
from generator.errors import NtmError, OutputProblem

SOFFICE_ENV = "NTM_SOFFICE"  # the path of soffice, where it is installed somewhere unusual

INSTALL_HINT = (
    "Cần LibreOffice để in ra PDF. "
    "Windows: tải tại https://www.libreoffice.org/download/ và cài đặt (giữ thư mục cài đặt mặc định); "
    "Ubuntu/Debian: sudo apt-get install libreoffice-writer; "
    "Fedora: sudo dnf install libreoffice-writer; "
    "macOS: tải tại libreoffice.org hoặc brew install --cask libreoffice. "
    f"Nếu LibreOffice cài ở thư mục khác, hãy đặt biến môi trường {SOFFICE_ENV} là đường dẫn tới tệp soffice."
)


class LibreOfficeMissing(NtmError):
    """LibreOffice is not installed (or not where it is looked for)."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class PdfConversionFailed(OutputProblem):
    """LibreOffice failed, timed out, or did not write every PDF."""


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


def signal_process_tree(process: subprocess.Popen[bytes], signal_number: int) -> None:
    """Sends `signal_number` to soffice and whatever it started (soffice.bin, the Java helper…),
    which run in the process group soffice leads; on Windows the tree is ended with taskkill."""
    if os.name == "nt":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return
    try:
        os.killpg(process.pid, signal_number)
    except OSError:
        pass


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Ends soffice and whatever it started, at once, and reaps it."""
    signal_process_tree(process, getattr(signal, "SIGKILL", signal.SIGTERM))
    try:
        process.kill()
    except OSError:
        pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass


def _names(files: Sequence[Path]) -> str:
    return ", ".join(f"'{f}'" for f in files)


def _tail(output: bytes, lines: int = 5) -> str:
    text = output.decode("utf-8", "replace").strip()
    kept = [line for line in text.splitlines() if line.strip() and "javaldx" not in line][-lines:]
    return " ".join(kept)


def _run_soffice(soffice: Path, inputs: Sequence[Path], outdir: Path, profile: Path, timeout: float, named: Sequence[Path]) -> None:
    command = [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nofirststartwizard",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *(str(p) for p in inputs),
    ]
    # its own process group, so that a timeout ends soffice and everything it started
    creationflags = 0
    if os.name == "nt":
        creationflags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=os.name != "nt",
            creationflags=creationflags,
        )
    except OSError as exc:
        raise PdfConversionFailed(f"Không chạy được LibreOffice ('{soffice}'): {exc.strerror or exc}. {INSTALL_HINT}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(process)
        raise PdfConversionFailed(
            f"LibreOffice chạy quá {timeout:g} giây mà chưa chuyển xong sang PDF: {_names(named)}. "
            "Hãy đóng các cửa sổ LibreOffice đang mở rồi chạy lại; chưa tệp PDF nào được ghi."
        ) from None
    except BaseException:
        _kill_tree(process)
        raise
    if process.returncode != 0:
        detail = _tail(stderr + stdout)
        raise PdfConversionFailed(
            f"LibreOffice báo lỗi (mã {process.returncode}) khi chuyển sang PDF: {_names(named)}."
            + (f" Chi tiết: {detail}" if detail else "")
            + " Chưa tệp PDF nào được ghi."
        )


def convert_to_pdf(
    docx_files: Sequence[Path], out_dir: Path | None = None, timeout: float = 300, profile: Path | None = None
) -> list[Path]:
    """Converts every DOCX in one LibreOffice process; returns the PDFs, in the order given.

    `profile`: a LibreOffice profile folder to use instead of a fresh one. Where a
    LibreOffice is already running on that profile (the warm one of `ntm serve`), it
    does the conversion itself, in about a second instead of a cold start.

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
        profile = profile if profile is not None else root / "profile"
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
        _run_soffice(soffice, inputs, outdir, profile, timeout, files)
        made = [outdir / f"{p.stem}.pdf" for p in inputs]
        failed = [f for f, pdf in zip(files, made) if not pdf.is_file() or pdf.stat().st_size == 0]
        if failed:
            raise PdfConversionFailed(
                f"LibreOffice không chuyển được sang PDF: {_names(failed)} (tệp hỏng hoặc đang bị khóa?). "
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
