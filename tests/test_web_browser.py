"""`ntm serve` in a real browser: Debian's Chromium driven by Playwright, as a clerk would use it.

The server is the real command (`python -m generator serve`), stopped with Ctrl+C at the
end. Screenshots (1366×768) go to $NTM_SCREENSHOTS (docs/ for the README) or the test's
temporary folder; the times measured are printed (`pytest -s`) and written beside them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import vnformat
from tests.conftest import INPUTS, SAMPLE
from tests.docx_text import squash, text
from tests.workbooks import edit, put, records

pytestmark = pytest.mark.slow  # a browser, a process or many generated cases: not in the quick run

CHROMIUM = Path("/usr/bin/chromium")
LOG = INPUTS / "nhat-ky-truong-thcs-2021.xlsx"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
if shutil.which("soffice") is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice (soffice) is not installed: the previews need it", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "van-phong"
    (folder / "inputs").mkdir(parents=True)
    return folder


@pytest.fixture
def server(office: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`ntm serve FOLDER --no-browser`: the address with its secret, read from what it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(office), "--no-browser", "--port", str(_free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    url = ""
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/\?khoa=\S+", line)
        if found:
            url = found.group(0)
            break
        if not line and process.poll() is not None:
            break
    assert url, "ntm serve printed its address"
    try:
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _pages_shown(page) -> None:  # type: ignore[no-untyped-def]
    """Waits until every page image has loaded and has pixels (the page's CSP forbids eval,
    so no wait_for_function with a string)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        images = page.locator("img.trang")
        if images.count() and images.evaluate_all("all => all.every(i => i.complete && i.naturalWidth > 0)"):
            return
        time.sleep(0.05)
    raise AssertionError("the page previews did not load")


def _march_figures() -> tuple[int, int]:
    """Activities and participations of March 2021, added up here from the rows themselves."""
    activities = participants = 0
    for path in (SAMPLE, LOG):
        for record in records(path, "Nhật ký"):
            day = record["Ngày"]
            if isinstance(day, dt.datetime) and (day.year, day.month) == (2021, 3):
                activities += 1
                participants += int(record["Tổng lượt người"])
    return activities, participants


def test_a_clerk_drops_the_workbooks_fixes_an_error_prints_march_and_issues(server, office: Path, tmp_path: Path):
    url, process = server
    shots = Path(os.environ.get("NTM_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    faulty = tmp_path / "sai" / LOG.name
    faulty.parent.mkdir()
    shutil.copy(LOG, faulty)
    edit(faulty, lambda wb: put(wb["Nhật ký"], 5, "Thôn", "Thọ Bình1"))

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True)
            page.set_default_timeout(120_000)
            expect = sync_api.expect
            expect.set_options(timeout=120_000)

            # the address with the secret opens the page; the secret leaves the address bar
            page.goto(url)
            assert "khoa=" not in page.url
            expect(page.locator("h1")).to_contain_text("Tình hình")

            # 1. drop the sample workbooks: saved into inputs/ and validated, no errors
            page.get_by_role("link", name="Sổ số liệu", exact=True).click()
            # the files are dropped once the page and its htmx have loaded, as a clerk's hand would:
            # a change event before htmx binds the input posts nothing (seen under a loaded machine)
            expect(page.locator("h1")).to_contain_text("Sổ số liệu")
            page.wait_for_load_state("load")
            started = time.monotonic()
            page.set_input_files("#chon-tep", [str(SAMPLE), str(LOG)])
            expect(page.locator("#ket-qua-kiem-tra")).to_contain_text("Không có lỗi, không có cảnh báo")
            times["kiểm tra hai sổ mẫu (tải lên + kiểm tra)"] = time.monotonic() - started
            assert sorted(p.name for p in (office / "inputs").iterdir()) == sorted([SAMPLE.name, LOG.name])
            page.screenshot(path=str(shots / "web-so-lieu.png"))

            # 2. a faulty logbook of the same unit: replaced after confirmation, its cell named
            page.set_input_files("#chon-tep", [str(faulty)])
            page.click("button:has-text('Thay sổ cũ')")
            expect(page.locator("#ket-qua")).to_contain_text("nhat-ky-truong-thcs-2021.xlsx › Nhật ký!C5")
            expect(page.locator("#ket-qua")).to_contain_text("Có phải 'Thọ Bình 1'?")
            page.screenshot(path=str(shots / "web-so-lieu-loi.png"))
            page.set_input_files("#chon-tep", [str(LOG)])
            page.click("button:has-text('Thay sổ cũ')")
            expect(page.locator("#ket-qua-kiem-tra")).to_contain_text("Không có lỗi, không có cảnh báo")

            # 3. generate March 2021: every page previewed, the report downloaded with its figures
            page.get_by_role("link", name="Soạn văn bản", exact=True).click()
            page.select_option("select[name=thang]", "2021-03")
            started = time.monotonic()
            page.get_by_role("button", name="Soạn và xem trước").click()
            expect(page.locator("#da-soan")).to_contain_text("tháng 3/2021")
            _pages_shown(page)
            times["soạn tháng 3 (KHT + BC, Word + PDF + ảnh trang, lần đầu)"] = time.monotonic() - started
            assert page.locator("img.trang").count() >= 4
            page.screenshot(path=str(shots / "web-soan-van-ban.png"))
            report = page.locator("section.van-ban", has_text="bao-cao-thang-03.docx")
            with page.expect_download() as download_info:
                report.locator("text=Tải bản Word").click()
            downloaded = tmp_path / "bao-cao-thang-03.docx"
            download_info.value.save_as(downloaded)
            activities, participants = _march_figures()
            body = squash(text(downloaded))
            assert f"chủ trì {vnformat.number(activities)} buổi ra quân" in body
            assert f"thu hút {vnformat.number(participants)} lượt cán bộ, đảng viên" in body

            # the same again, LibreOffice warm: what a clerk waits for a preview after an edit
            time.sleep(3)
            started = time.monotonic()
            page.get_by_role("button", name="Soạn và xem trước").click()
            expect(page.locator(".viec")).to_have_count(1)  # the new job, not the last one's pages
            expect(page.locator(".viec-xong")).to_be_visible()
            _pages_shown(page)
            times["soạn lại tháng 3 và xem trước (LibreOffice đã sẵn)"] = time.monotonic() - started
            times["trong đó, việc trên máy chủ (giây)"] = float(page.locator(".viec-xong").get_attribute("data-seconds") or 0)

            # 4. issue the monthly plan with a date; its number is in the register
            page.get_by_role("link", name="Phát hành", exact=True).click()
            page.click("label:has-text('ke-hoach-thang-03.docx')")
            page.fill("input[name=ngay]", "02/03/2021")
            started = time.monotonic()
            page.get_by_role("button", name="Cấp số và phát hành").click()
            expect(page.locator("#da-phat-hanh")).to_contain_text("Số 01-KH/ĐU")
            times["phát hành kế hoạch tháng 3"] = time.monotonic() - started
            expect(page.locator("#da-phat-hanh")).to_contain_text("02/03/2021")
            page.screenshot(path=str(shots / "web-phat-hanh.png"))
            page.get_by_role("link", name="Sổ đăng ký", exact=True).click()
            expect(page.locator("#so-dang-ky")).to_contain_text("01-KH/ĐU")
            page.screenshot(path=str(shots / "web-so-dang-ky.png"))

            # the home page: deadlines, drafts, issued, progress per village
            started = time.monotonic()
            page.goto(url.split("?")[0] + "?thang=2021-03")
            expect(page.locator("h1")).to_contain_text("Tình hình tháng 3/2021")
            times["mở trang Tình hình"] = time.monotonic() - started
            expect(page.locator("table.bang").first).to_contain_text("Số 01-KH/ĐU")
            page.screenshot(path=str(shots / "web-tinh-hinh.png"))
        finally:
            browser.close()

    process.send_signal(signal.SIGINT)  # Ctrl+C stops it cleanly, its LibreOffice with it
    assert process.wait(timeout=30) == 0
    (shots / "web-thoi-gian.json").write_text(json.dumps(times, ensure_ascii=False, indent=1), encoding="utf-8")
    for what, seconds in times.items():
        print(f"{what}: {seconds:.2f} s")
