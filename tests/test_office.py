"""The process's warm LibreOffice (generator/office.py): a pool sized to the free cores, restarted
when it dies, shared by the web page's previews and its archive PDFs, and no soffice left behind
when a command ends, the server stops, or ntm itself is killed."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from generator import office, pdf
from generator.web.app import create_app
from generator.web.desk import Desk
from tests.conftest import INPUTS, SAMPLE
from tests.office import needs_soffice

posix_only = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table in /proc")


def _soffice_under(folder: Path) -> list[int]:
    """The running LibreOffice processes (soffice, oosplash, soffice.bin) with their profile under `folder`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "status").read_text()
        except OSError:
            continue
        if "UserInstallation" in command and str(folder) in command and "\nState:\tZ" not in state:
            found.append(int(entry.name))
    return found


def _single_instance_hashes(temp: Path) -> list[str]:
    """The single-instance pipe names of the profiles under `temp` (LibreOffice's MD5 of their URL)."""
    hashes = []
    for profile in temp.glob("ntm-office-*/lo-*/profile"):
        digest = hashlib.md5(profile.as_uri().encode("utf-16-le")).digest()
        hashes.append("_SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest))
    return hashes


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _gone(folder: Path, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while _soffice_under(folder) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _soffice_under(folder)


# ---------------------------------------------------------------- the pool's size


def test_the_pool_is_sized_to_the_free_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(office.POOL_ENV, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    for load, size in ((0.2, 4), (5.4, 3), (6.3, 2), (6.6, 1), (7.9, 1), (12.0, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load), raising=False)
        assert office.pool_size() == size, f"8 cores, load {load}"


def test_without_a_load_figure_every_usable_core_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(office.POOL_ENV, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.delattr(os, "getloadavg", raising=False)
    assert office.free_cores() == 2
    assert office.pool_size() == 2


def test_the_setting_sizes_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.POOL_ENV, "3")
    assert office.pool_size() == 3
    monkeypatch.setenv(office.POOL_ENV, "không")
    assert 1 <= office.pool_size() <= office.MAX_POOL


def test_a_batch_is_split_by_size_largest_first(tmp_path: Path) -> None:
    files = []
    for name, size in (("a", 900), ("b", 500), ("c", 400), ("d", 100)):
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_bytes(b"x" * size)
    chunks = office._split([(f, f) for f in files], 2)
    assert [[p.name for p, _ in chunk] for chunk in chunks] == [["a.docx", "d.docx"], ["b.docx", "c.docx"]]
    assert len(office._split([(f, f) for f in files[:1]], 4)) == 1, "never more instances than files"


def test_a_batch_goes_to_an_idle_instance_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[object] = []
    monkeypatch.setattr(office._Instance, "convert", lambda self, *args: used.append(self))
    pool = office.Office(size=2)
    draft = tmp_path / "ke-hoach.docx"
    try:
        first, second = pool._take(2)
        with first.lock:  # busy with a preview
            pool.convert(Path("soffice"), [draft], tmp_path, 5, [draft])
        pool.convert(Path("soffice"), [draft], tmp_path, 5, [draft])
        assert used == [second, first], "the archive PDF does not wait behind the preview"
    finally:
        pool.stop()


# ---------------------------------------------------------------- a real LibreOffice


@pytest.fixture
def drafts(sample_outputs: dict[str, Path], tmp_path: Path) -> list[Path]:
    copies = []
    for key in ("KHT", "BC"):
        copies.append(tmp_path / sample_outputs[key].name)
        shutil.copyfile(sample_outputs[key], copies[-1])
    return copies


@needs_soffice
@posix_only
def test_a_killed_instance_is_started_again_by_the_next_conversion(drafts: list[Path], tmp_path: Path) -> None:
    pool = office.Office(size=1)
    try:
        pdf.convert_to_pdf(drafts[:1], out_dir=tmp_path / "1", office=pool)
        assert pool.running, "the instance stays warm after its job"
        starts, pid = pool.starts, pool.pid
        assert pid is not None
        os.killpg(pid, signal.SIGKILL)  # as a crash would end it, with everything it started
        deadline = time.monotonic() + 10
        while pool.running and time.monotonic() < deadline:
            time.sleep(0.05)
        [made] = pdf.convert_to_pdf(drafts[1:], out_dir=tmp_path / "2", office=pool)
        assert len(PdfReader(made).pages) >= 1
        assert pool.starts == starts + 1 and pool.pid not in (None, pid)
    finally:
        pool.stop()


@needs_soffice
@posix_only
def test_stop_leaves_no_soffice_and_no_profile(drafts: list[Path], tmp_path: Path) -> None:
    pool = office.Office(size=2)
    pdf.convert_to_pdf(drafts, out_dir=tmp_path / "pdf", office=pool)
    root = pool._root
    assert root is not None and len(pool.pids) == 2, "two files, two instances"
    assert _soffice_under(root)
    pipes = [path for instance in pool._instances for path in instance._pipe_files() if os.path.exists(path)]
    assert len(pipes) == 4, "each instance's --accept and single-instance pipes"
    pool.stop()
    assert _gone(root, 5)
    assert not root.exists(), "the profiles and LibreOffice's own temporary folders are removed"
    assert not [path for path in pipes if os.path.exists(path)], "and its pipe files"


@needs_soffice
@posix_only
def test_a_generate_pdf_command_leaves_no_soffice_behind(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(INPUTS), "--month", "2021-03", "--pdf", "--quiet", "--out", str(out)],
        env={**os.environ, "TMPDIR": str(temp)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "2021" / "in-tat-ca.pdf").is_file()
    assert _gone(temp, 5), "the warm LibreOffice ended with the command"
    assert not list(temp.glob("ntm-office-*")), "its profiles are removed"


HOLDER = """
import sys
from pathlib import Path
from generator import office, pdf
pool = office.shared()
pdf.convert_to_pdf([Path(sys.argv[1])], out_dir=Path(sys.argv[2]))
print(pool.pid, flush=True)
sys.stdin.read()
"""


@needs_soffice
@posix_only
def test_ntm_killed_outright_takes_its_libreoffice_with_it(drafts: list[Path], tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(drafts[0]), str(tmp_path / "pdf")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temp)},
        text=True,
    )
    try:
        pid = int(holder.stdout.readline())  # type: ignore[union-attr]
        assert _soffice_under(temp) and pid in _soffice_under(temp)
        pipes = [p for p in Path("/tmp").glob("OSL_PIPE_*") if any(p.name.endswith(h) for h in _single_instance_hashes(temp))]
        assert pipes, "the instance's single-instance pipe"
        holder.kill()  # no atexit, no finally: only the guard is left to end LibreOffice
        holder.wait()
        assert _gone(temp), "the guard ended the warm LibreOffice"
        deadline = time.monotonic() + 5
        while any(p.exists() for p in pipes) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(p.exists() for p in pipes), "and removed its pipe files"
    finally:
        holder.kill()
        holder.communicate()  # waits, and closes its pipes


@needs_soffice
@posix_only
def test_ntm_serve_stopped_with_ctrl_c_leaves_no_soffice_behind(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    folder = tmp_path / "van-phong"
    folder.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(folder), "--no-browser", "--port", str(_free_port())],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _soffice_under(temp) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
        assert _soffice_under(temp), "the server warms LibreOffice when it starts"
        time.sleep(1)  # past uvicorn's start, so that Ctrl+C stops a running server
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
        assert "Đã dừng trang của ntm." in out, err
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert _gone(temp, 5), "the server's LibreOffice ended with it"
    assert not list(temp.glob("ntm-office-*"))


# ---------------------------------------------------------------- the web page


SECRET = "khoa-thu-nghiem-0123456789"
BASE = "http://127.0.0.1:8765"


@needs_soffice
@posix_only
def test_the_web_page_issues_its_archive_pdf_with_the_warm_instance_of_the_previews(tmp_path: Path) -> None:
    folder = tmp_path / "van-phong"
    (folder / "inputs").mkdir(parents=True)
    for workbook in (SAMPLE, INPUTS / "nhat-ky-truong-thcs-2021.xlsx"):
        shutil.copy(workbook, folder / "inputs" / workbook.name)
    desk = Desk(folder, SECRET, office=office.Office(size=1), today=lambda: dt.date(2021, 3, 10))
    try:
        client = TestClient(create_app(desk, 8765), base_url=BASE)
        assert client.get(f"/?khoa={SECRET}", follow_redirects=False).status_code == 303
        page = client.post("/van-ban/soan", data={"thang": "2021-03", "van_ban": ["kht"]}, headers={"Origin": BASE}).text
        deadline = time.monotonic() + 240
        while 'class="viec"' in page and time.monotonic() < deadline:
            job = re.search(r'hx-get="/viec/([0-9a-f]+)"', page)
            assert job, page
            time.sleep(0.2)
            page = client.get(f"/viec/{job.group(1)}").text
        assert 'class="trang"' in page, page
        pid, starts = desk.office.pid, desk.office.starts
        assert pid is not None and starts == 1
        issue_page = client.get("/phat-hanh").text
        assert 'name="pdf"' in issue_page and "checked" in issue_page, "the PDF box is ticked where LibreOffice is installed"
        draft = re.search(
            r'name="nhap" value="([0-9a-f]+)" id="nhap-\d+" >\s*</td>\s*<td><label for="nhap-\d+">ke-hoach-thang-03.docx',
            issue_page,
        )
        assert draft, issue_page
        issued = client.post(
            "/phat-hanh", data={"nhap": draft.group(1), "ngay": "02/03/2021", "pdf": "1"}, headers={"Origin": BASE}
        )
        assert "Số 01-KH/ĐU" in issued.text, issued.text
        archived = folder / "archive" / "2021" / "ke-hoach-thang-03-so-01-KH.pdf"
        assert archived.is_file() and "ke-hoach-thang-03-so-01-KH.pdf" in issued.text
        assert "01-KH/ĐU" in PdfReader(archived).pages[0].extract_text()
        assert (desk.office.pid, desk.office.starts) == (pid, starts), "the same warm LibreOffice, not a new one"
    finally:
        root = desk.office._root
        desk.close()
    assert root is None or _gone(root, 5), "the server's stop ends its LibreOffice"


# ---------------------------------------------------------------- the bench's row 3


@needs_soffice
@posix_only
def test_the_bench_pdf_row_measures_the_pool_the_baseline_and_the_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.run import pdf as pdf_row

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where the pools put their profiles
    cold, warm, floor, bound = pdf_row(2, 1, tmp_path)
    assert cold.baseline == warm.baseline > 0 and cold.ntm > 0 and warm.ntm > 0
    assert floor.ntm > 0 and floor.baseline != floor.baseline  # the floor has no baseline (NaN)
    size = re.search(r"÷ (\d+)", bound.label)
    assert size and bound.ntm == pytest.approx(floor.ntm / int(size.group(1)))
    assert len(list((tmp_path / "pdf").rglob("*.pdf"))) >= 2
    assert _gone(temp, 5), "every pool of the row is stopped"
