"""PDF output (SPEC §5, §9): the process's warm LibreOffice for all files, A4 pages, Vietnamese text intact,
page numbers from page 2, a print bundle, and clear errors when LibreOffice is missing or fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import office, pdf
from generator.errors import LibreOfficeMissing, OutputProblem, PdfConversionFailed

SOFFICE_ABSENT = pdf.find_soffice() is None
# Skipped only on a machine without LibreOffice; in CI a missing LibreOffice is a failure.
from tests.office import needs_soffice  # noqa: E402

posix_only = pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a script with a #! line")

A4 = (595.3, 841.9)


def _text(page: object) -> str:
    return unicodedata.normalize("NFC", page.extract_text())  # type: ignore[attr-defined]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


@pytest.fixture(scope="module")
def converted(sample_outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The March documents (KHT, BC) and the plan, in two folders, converted in ONE call by a pool
    of two warm LibreOffice instances."""
    root = tmp_path_factory.mktemp("pdf")
    drafts = {}
    for key in ("KHT", "BC", "KH"):
        source = sample_outputs[key]
        folder = root / ("2021-03" if key != "KH" else "2021")
        folder.mkdir(exist_ok=True)
        drafts[key] = folder / source.name
        shutil.copyfile(source, drafts[key])
    calls: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(command: list[str], *args: object, **kwargs: object) -> object:
        calls.append([str(part) for part in command])
        return real_popen(command, *args, **kwargs)  # type: ignore[call-overload]

    pool = office.Office(size=2)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(subprocess, "Popen", counting_popen)
            pdfs = pdf.convert_to_pdf(list(drafts.values()), office=pool)
    finally:
        pool.stop()
    warm = [c for c in calls if any(part.startswith("--accept=pipe") for part in c)]
    jobs = [c for c in calls if "--convert-to" in c]
    assert len(warm) == 2 and len(jobs) == 2, "the batch is split between the pool's two instances"
    profiles = {next(part for part in c if part.startswith("-env:UserInstallation=file:")) for c in warm}
    assert len(profiles) == 2, "each instance has a profile of its own"
    assert {next(part for part in c if part.startswith("-env:UserInstallation=")) for c in jobs} == profiles
    assert sorted(part for c in jobs for part in c if part.endswith(".docx")) == sorted(str(d) for d in drafts.values())
    assert pdfs == [d.with_suffix(".pdf") for d in drafts.values()]
    yield dict(zip(drafts, pdfs))


@needs_soffice
def test_each_pdf_beside_its_docx(converted: dict[str, Path]) -> None:
    for key, path in converted.items():
        assert path.is_file() and path.suffix == ".pdf"
        assert path.with_suffix(".docx").is_file()
        assert not list(path.parent.glob("*.tmp")), "no temporary file left"
    assert converted["KH"].parent != converted["BC"].parent


@needs_soffice
def test_pages_are_a4(converted: dict[str, Path]) -> None:
    for key, path in converted.items():
        reader = PdfReader(path)
        assert len(reader.pages) >= 1, key
        for number, page in enumerate(reader.pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            if page.rotation % 180:
                width, height = height, width
            portrait = abs(width - A4[0]) <= 2 and abs(height - A4[1]) <= 2
            landscape = abs(width - A4[1]) <= 2 and abs(height - A4[0]) <= 2
            assert portrait or landscape, f"{key} page {number}: {width} × {height} pt"


@needs_soffice
def test_vietnamese_text_intact(converted: dict[str, Path]) -> None:
    texts = {key: "\n".join(_text(p) for p in PdfReader(path).pages) for key, path in converted.items()}
    for key, text in texts.items():
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, key
        assert "ĐẢNG ỦY XÃ BÌNH XA" in text, key
        assert "Bình Xa" in text, key
        assert "Lê Ngọc Duyên" in text, key
    assert "Biểu 02" in texts["BC"]
    assert "Số      -BC/ĐU" in texts["BC"] or "Số -BC/ĐU" in " ".join(texts["BC"].split())
    assert "kết quả thực hiện phong trào cán bộ, đảng viên" in texts["BC"]
    assert "Số 11-KH/ĐU" in texts["KH"]
    assert "Nơi nhận" in texts["KHT"]


@needs_soffice
def test_page_numbers_from_page_two(converted: dict[str, Path]) -> None:
    for key, path in converted.items():
        pages = PdfReader(path).pages
        first = _first_line(_text(pages[0]))
        assert not first.isdigit(), f"{key}: page 1 starts with a page number {first!r}"
        assert first == "ĐẢNG BỘ HUYỆN HÀM YÊN"
        if len(pages) > 1:
            assert _first_line(_text(pages[1])) == "2", key
        if len(pages) > 2:
            assert _first_line(_text(pages[2])) == "3", key


@needs_soffice
def test_print_bundle(converted: dict[str, Path], tmp_path: Path) -> None:
    bundle = pdf.merge_pdfs(list(converted.values()), tmp_path / "in-tat-ca.pdf")
    assert bundle == tmp_path / "in-tat-ca.pdf"
    expected = sum(len(PdfReader(p).pages) for p in converted.values())
    merged = PdfReader(bundle)
    assert len(merged.pages) == expected
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in _text(merged.pages[0])
    assert [p.name for p in tmp_path.iterdir()] == ["in-tat-ca.pdf"]


@needs_soffice
def test_out_dir(sample_outputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "ra"
    [made] = pdf.convert_to_pdf([sample_outputs["KHT"]], out_dir=out)
    assert made == out / "ke-hoach-thang-03.pdf"
    assert len(PdfReader(made).pages) >= 1


def test_merge_refuses_a_broken_pdf(tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(OutputProblem, match="hong.pdf"):
        pdf.merge_pdfs([broken], tmp_path / "in-tat-ca.pdf")
    assert not (tmp_path / "in-tat-ca.pdf").exists()


def test_missing_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    draft = tmp_path / "bao-cao-thang-03.docx"
    draft.write_bytes(b"x")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(LibreOfficeMissing) as caught:
        pdf.convert_to_pdf([draft])
    message = str(caught.value)
    assert "Cần LibreOffice để in ra PDF" in message
    assert "libreoffice.org" in message
    assert "sudo apt-get install libreoffice-writer" in message
    assert caught.value.exit_code == 1
    assert not draft.with_suffix(".pdf").exists()


def test_find_soffice_honours_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice.exe"
    fake.write_bytes(b"")
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake))
    assert pdf.find_soffice() == fake


def test_find_soffice_nowhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_unix_candidates", lambda: [Path("/nonexistent/soffice")])
    monkeypatch.setattr(pdf, "_windows_candidates", lambda: [Path("/nonexistent/soffice.exe")])
    assert pdf.find_soffice() is None


def test_missing_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputProblem, match="khong-co.docx"):
        pdf.convert_to_pdf([tmp_path / "khong-co.docx"])


def test_nothing_to_convert() -> None:
    assert pdf.convert_to_pdf([]) == []


# ---------------------------------------------------------------- a fake soffice

FAKE = """#!{python}
import json, os, pathlib, subprocess, sys, time
args = sys.argv[1:]
if any(a.startswith("--accept=") for a in args):
    sys.exit(0)  # an office that cannot stay up: the converting soffice does the job itself
pathlib.Path(os.environ["FAKE_SOFFICE_LOG"]).write_text(json.dumps(args))
mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
outdir = pathlib.Path(args[args.index("--outdir") + 1])
inputs = [pathlib.Path(a) for a in args if a.endswith(".docx")]
if mode == "fail":
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(77)
if mode == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    pathlib.Path(os.environ["FAKE_SOFFICE_CHILD"]).write_text(str(child.pid))
    time.sleep(120)
for index, source in enumerate(inputs):
    if mode == "partial" and index > 0:
        break
    (outdir / (source.stem + ".pdf")).write_bytes(b"%PDF-fake " + source.read_bytes())
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A soffice that converts by copying; the process's pool is one instance, so that one
    conversion gets the whole batch."""
    script = tmp_path / "fake-soffice"
    script.write_text(FAKE.format(python=sys.executable))
    script.chmod(0o755)
    log = tmp_path / "argv.json"
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setattr(pdf, "find_soffice", lambda: script)
    pool = office.Office(size=1)
    monkeypatch.setattr(pdf, "shared", lambda: pool)
    yield log
    pool.stop()


def _drafts(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "a" / "ke-hoach.docx", tmp_path / "b" / "ke-hoach.docx"
    for path, content in ((first, b"one"), (second, b"two")):
        path.parent.mkdir()
        path.write_bytes(content)
    return [first, second]


@posix_only
def test_same_names_in_two_folders_one_process(fake_soffice: Path, tmp_path: Path) -> None:
    drafts = _drafts(tmp_path)
    made = pdf.convert_to_pdf(drafts)
    assert made == [d.with_suffix(".pdf") for d in drafts]
    assert made[0].read_bytes() == b"%PDF-fake one"
    assert made[1].read_bytes() == b"%PDF-fake two"
    argv = json.loads(fake_soffice.read_text())
    assert sum(1 for a in argv if a.endswith(".docx")) == 2, "one process for both"
    assert "--headless" in argv and "--convert-to" in argv
    profile = next(a for a in argv if a.startswith("-env:UserInstallation="))
    assert profile.startswith("-env:UserInstallation=file:///") or profile.startswith("-env:UserInstallation=file:/")


@posix_only
def test_failure_names_the_files_and_writes_nothing(fake_soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = _drafts(tmp_path)
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")
    with pytest.raises(PdfConversionFailed) as caught:
        pdf.convert_to_pdf(drafts)
    message = str(caught.value)
    assert "mã 77" in message and str(drafts[0]) in message and str(drafts[1]) in message
    assert "source file could not be loaded" in message
    assert not any(d.with_suffix(".pdf").exists() for d in drafts)


@posix_only
def test_a_missing_pdf_writes_none(fake_soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = _drafts(tmp_path)
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "partial")
    with pytest.raises(PdfConversionFailed) as caught:
        pdf.convert_to_pdf(drafts)
    assert str(drafts[1]) in str(caught.value) and str(drafts[0]) not in str(caught.value)
    assert not any(d.with_suffix(".pdf").exists() for d in drafts), "all or nothing"


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return False
    return "\nState:\tZ" not in status.read_text()


@posix_only
def test_timeout_ends_the_whole_process_group(fake_soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = _drafts(tmp_path)
    child_file = tmp_path / "child.pid"
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    monkeypatch.setenv("FAKE_SOFFICE_CHILD", str(child_file))
    started = time.monotonic()
    with pytest.raises(PdfConversionFailed) as caught:
        pdf.convert_to_pdf(drafts, timeout=2)
    assert time.monotonic() - started < 30
    assert "quá 2 giây" in str(caught.value) and str(drafts[0]) in str(caught.value)
    assert not any(d.with_suffix(".pdf").exists() for d in drafts)
    if Path("/proc").is_dir() and child_file.exists():
        pid = int(child_file.read_text())
        deadline = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid), "soffice's children are ended too"


def test_timeout_maps_to_a_vietnamese_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The error mapping alone, with subprocess replaced (runs on every platform)."""
    draft = tmp_path / "bao-cao-thang-03.docx"
    draft.write_bytes(b"x")
    killed: list[bool] = []

    class Hanging:
        pid = 999999
        returncode = None

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def communicate(self, timeout: float | None = None) -> tuple[bytes, bytes]:
            raise subprocess.TimeoutExpired("soffice", timeout or 0)

        def kill(self) -> None:
            killed.append(True)

    monkeypatch.setattr(pdf, "find_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(office._Instance, "start", lambda self, soffice: None)  # no warm instance
    monkeypatch.setattr(subprocess, "Popen", Hanging)
    monkeypatch.setattr(office, "_kill_tree", lambda process: killed.append(True))
    with pytest.raises(PdfConversionFailed, match="quá 5 giây.*bao-cao-thang-03.docx"):
        pdf.convert_to_pdf([draft], timeout=5)
    assert killed
    assert not draft.with_suffix(".pdf").exists()


def test_unstartable_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    draft = tmp_path / "bao-cao-thang-03.docx"
    draft.write_bytes(b"x")
    monkeypatch.setattr(pdf, "find_soffice", lambda: tmp_path / "khong-co-soffice")
    with pytest.raises(PdfConversionFailed, match="Không chạy được LibreOffice"):
        pdf.convert_to_pdf([draft])
