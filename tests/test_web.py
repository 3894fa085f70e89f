"""`ntm serve`: the pages and every refusal, through Starlette's test client (no browser)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import signal
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from generator import pipeline
from generator.web.app import create_app, safe_name
from generator.web.desk import Desk
from tests.conftest import INPUTS, SAMPLE
from tests.office import needs_soffice
from tests.workbooks import edit, put

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = {"Origin": BASE}
SECRET = "khoa-thu-nghiem-0123456789"
LOG = INPUTS / "nhat-ky-truong-thcs-2021.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

needs_office = needs_soffice


def _office(tmp_path: Path, with_inputs: bool = True) -> Path:
    folder = tmp_path / "van-phong"
    (folder / "inputs").mkdir(parents=True)
    if with_inputs:
        for workbook in (SAMPLE, LOG):
            shutil.copy(workbook, folder / "inputs" / workbook.name)
    return folder


def _client(desk: Desk, secret: str | None = SECRET) -> TestClient:
    client = TestClient(create_app(desk, PORT), base_url=BASE)
    if secret is not None:
        opened = client.get(f"/?khoa={secret}", follow_redirects=False)
        assert opened.status_code == 303
    return client


@pytest.fixture
def desk(tmp_path: Path):
    made = Desk(_office(tmp_path), SECRET, today=lambda: dt.date(2021, 3, 10))
    yield made
    made.close()


@pytest.fixture
def client(desk: Desk) -> TestClient:
    return _client(desk)


def _finish(client: TestClient, html: str, timeout: float = 240) -> str:
    """Follows a job's polling fragment until it is done; returns the final fragment."""
    deadline = time.monotonic() + timeout
    while 'class="viec"' in html:
        job = re.search(r'hx-get="/viec/([0-9a-f]+)"', html)
        assert job, html
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.2)
        html = client.get(f"/viec/{job.group(1)}").text
    return html


def _upload(client: TestClient, *paths: Path, names: tuple[str, ...] = ()) -> str:
    files = [("tep", (names[i] if names else p.name, p.read_bytes(), XLSX)) for i, p in enumerate(paths)]
    response = client.post("/so-lieu/tai-len", files=files, headers=ORIGIN)
    assert response.status_code == 200, response.text
    return _finish(client, response.text)


# ---------------------------------------------------------------- refusals


def test_a_foreign_host_is_refused_even_with_the_secret(client: TestClient):
    response = client.get("/", headers={"Host": "ntm.example.com"})
    assert response.status_code == 403
    assert "127.0.0.1" in response.text
    assert client.get("/", headers={"Host": f"127.0.0.1:{PORT + 1}"}).status_code == 403


def test_without_the_secret_nothing_opens(desk: Desk):
    stranger = _client(desk, secret=None)
    for path in ("/", "/so-lieu", "/so-dang-ky", "/static/htmx.min.js"):
        response = stranger.get(path)
        assert response.status_code == 403
        assert "mã bí mật" in response.text
    assert stranger.get("/?khoa=doan-bua").status_code == 403


def test_the_secret_moves_from_the_address_into_a_strict_cookie(desk: Desk):
    client = TestClient(create_app(desk, PORT), base_url=BASE)
    response = client.get(f"/?khoa={SECRET}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"ntm_khoa_{PORT}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status_code == 200


def test_a_state_changing_request_from_another_origin_is_refused(client: TestClient, desk: Desk):
    files = [("tep", (SAMPLE.name, SAMPLE.read_bytes(), XLSX))]
    for headers in ({"Origin": "http://evil.example"}, {"Origin": f"http://127.0.0.1:{PORT + 1}"}, {}):
        response = client.post("/so-lieu/tai-len", files=files, headers=headers)
        assert response.status_code == 403
        assert "không đến từ trang của ntm" in response.text
    assert sorted(p.name for p in desk.inputs.iterdir()) == sorted([SAMPLE.name, LOG.name])


def test_downloads_are_only_of_files_the_server_listed(client: TestClient, desk: Desk):
    for path in (
        "/tai/..%2F..%2Fetc%2Fpasswd",
        "/tai/%2Fetc%2Fpasswd",
        "/tai/0123456789abcdef01234567",
        "/tai/binh-xa-2021.xlsx",
    ):
        assert client.get(path).status_code == 404
    listed = re.search(r'href="/tai/([0-9a-f]+)" download>binh-xa-2021.xlsx', client.get("/so-lieu").text)
    assert listed
    assert client.get(f"/tai/{listed.group(1)}").content == SAMPLE.read_bytes()


def test_an_oversized_upload_is_refused_and_nothing_saved(tmp_path: Path):
    desk = Desk(_office(tmp_path, with_inputs=False), SECRET, max_upload=20_000)
    try:
        client = _client(desk)
        response = client.post("/so-lieu/tai-len", files=[("tep", (SAMPLE.name, SAMPLE.read_bytes(), XLSX))], headers=ORIGIN)
        assert response.status_code == 413
        assert "quá lớn" in response.text
        assert list(desk.inputs.iterdir()) == []
    finally:
        desk.close()


def test_a_zip_bomb_and_an_entity_workbook_are_refused_and_not_saved(client: TestClient, desk: Desk):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(SAMPLE) as sample:
            for item in sample.infolist():
                archive.writestr(item, sample.read(item.filename))
        archive.writestr("xl/media/bom.bin", b"0" * (30 * 1024 * 1024))
    laughs = io.BytesIO()
    with zipfile.ZipFile(SAMPLE) as sample, zipfile.ZipFile(laughs, "w") as archive:
        for item in sample.infolist():
            data = sample.read(item.filename)
            if item.filename == "xl/workbook.xml":
                end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
                data = data[:end] + b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data[end:]
            archive.writestr(item, data)
    files = [("tep", ("bom.xlsx", bomb.getvalue(), XLSX)), ("tep", ("cuoi.xlsx", laughs.getvalue(), XLSX))]
    response = client.post("/so-lieu/tai-len", files=files, headers=ORIGIN)
    assert "Không nhận tệp &#39;bom.xlsx&#39;" in response.text and "nén bất thường" in response.text
    assert "Không nhận tệp &#39;cuoi.xlsx&#39;" in response.text and "DOCTYPE" in response.text
    assert sorted(p.name for p in desk.inputs.iterdir()) == sorted([SAMPLE.name, LOG.name])


def test_only_workbooks_are_accepted_and_names_never_become_paths(client: TestClient, desk: Desk):
    response = client.post(
        "/so-lieu/tai-len", files=[("tep", ("chuong-trinh.exe", b"MZ", "application/octet-stream"))], headers=ORIGIN
    )
    assert "chỉ nhận sổ Excel" in response.text
    annotated = client.post(
        "/so-lieu/tai-len", files=[("tep", ("binh-xa-2021.loi.xlsx", SAMPLE.read_bytes(), XLSX))], headers=ORIGIN
    )
    assert "bản đánh dấu lỗi do ntm tạo" in annotated.text
    assert safe_name("..\\..\\Windows\\sổ nhật ký Đoàn.xlsx", (".xlsx",)) == "so-nhat-ky-doan.xlsx"
    assert safe_name("../../etc/passwd", (".xlsx",)) is None
    assert safe_name("/tmp/.xlsx", (".xlsx",)) == "van-ban.xlsx"
    html = _upload(client, LOG, names=("../../../ngoai.xlsx",))
    assert (desk.inputs / "ngoai.xlsx").is_file() and not (desk.folder.parent / "ngoai.xlsx").exists()
    assert "E-TRUNG" in html or "trùng" in html  # the same rows twice, across files: named, not lost


def test_user_text_is_escaped_not_markup(client: TestClient, desk: Desk, tmp_path: Path):
    faulty = tmp_path / LOG.name
    shutil.copy(LOG, faulty)
    edit(faulty, lambda wb: put(wb["Nhật ký"], 3, "Thôn", "<script>alert(1)</script>"))
    response = client.post("/so-lieu/tai-len", files=[("tep", (LOG.name, faulty.read_bytes(), XLSX))], headers=ORIGIN)
    token = re.search(r'name="lo" value="([0-9a-f]+)"', response.text)
    assert token, response.text
    html = _finish(
        client, client.post("/so-lieu/thay", data={"lo": token.group(1), "ten": LOG.name, "thay": "co"}, headers=ORIGIN).text
    )
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---------------------------------------------------------------- pages


def test_every_page_opens_in_vietnamese(client: TestClient):
    for path, heading in (
        ("/", "Tình hình tháng 3/2021"),
        ("/so-lieu", "Sổ số liệu"),
        ("/van-ban", "Soạn văn bản"),
        ("/phat-hanh", "Phát hành văn bản"),
        ("/so-dang-ky", "Sổ đăng ký văn bản đi"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f"<h1>{heading}" in response.text, path
        assert response.headers["x-frame-options"] == "DENY"
        assert "https://" not in response.text, "no script or style from the internet"
    assert client.get("/static/htmx.min.js").status_code == 200


def test_the_home_page_shows_what_ntm_status_reports(client: TestClient, desk: Desk):
    report = pipeline.status([desk.inputs], desk.outputs, None, dt.date(2021, 3, 10))
    html = client.get("/").text
    for deadline in report.deadlines:
        assert deadline.title in html
        assert f"còn {deadline.days_left} ngày" in html or deadline.days_left <= 0
    for name in report.idle_units:
        assert name in html
    assert "Tiến độ chỉ tiêu theo thôn" in html
    places = {p.place for p in report.progress}
    assert places and all(place in html for place in places)


def test_a_month_outside_the_plan_year_is_said_plainly(client: TestClient):
    html = client.get("/?thang=2020-05").text
    assert "không thuộc năm kế hoạch 2021" in html


def test_the_sample_workbooks_validate_without_errors(client: TestClient):
    files = [("tep", (p.name, p.read_bytes(), XLSX)) for p in (SAMPLE, LOG)]
    response = client.post("/so-lieu/tai-len", files=files, headers=ORIGIN)
    assert '<section id="danh-sach-so" hx-swap-oob="true">' in response.text, "the list of workbooks is brought up to date"
    assert "Không có lỗi, không có cảnh báo" in _finish(client, response.text)


def test_a_faulty_logbook_replaces_the_old_one_only_after_confirmation_and_its_cell_is_named(
    client: TestClient, desk: Desk, tmp_path: Path
):
    faulty = tmp_path / LOG.name
    shutil.copy(LOG, faulty)
    edit(faulty, lambda wb: put(wb["Nhật ký"], 5, "Thôn", "Thọ Bình1"))
    response = client.post("/so-lieu/tai-len", files=[("tep", (LOG.name, faulty.read_bytes(), XLSX))], headers=ORIGIN)
    assert "Thay sổ cũ bằng sổ vừa gửi?" in response.text
    assert (desk.inputs / LOG.name).read_bytes() == LOG.read_bytes(), "nothing replaced before the confirmation"
    token = re.search(r'name="lo" value="([0-9a-f]+)"', response.text)
    assert token
    kept = client.post("/so-lieu/thay", data={"lo": token.group(1), "ten": LOG.name, "thay": "khong"}, headers=ORIGIN)
    assert (desk.inputs / LOG.name).read_bytes() == LOG.read_bytes()
    _finish(client, kept.text)
    replaced = client.post("/so-lieu/thay", data={"lo": token.group(1), "ten": LOG.name, "thay": "co"}, headers=ORIGIN)
    html = _finish(client, replaced.text)
    assert "nhat-ky-truong-thcs-2021.xlsx › Nhật ký!C5" in html
    assert "E-TEN-KHONG-CO" in html and "Thọ Bình 1" in html
    annotated = re.search(r'href="/tai/([0-9a-f]+)" download>nhat-ky-truong-thcs-2021.xlsx.loi.xlsx', html)
    assert annotated, "a link to the annotated copy"
    copy = openpyxl.load_workbook(io.BytesIO(client.get(f"/tai/{annotated.group(1)}").content))
    assert "[E-TEN-KHONG-CO]" in copy["Nhật ký"]["C5"].comment.text


def test_a_path_in_the_replacement_form_is_ignored(client: TestClient, desk: Desk):
    response = client.post("/so-lieu/thay", data={"lo": "../../inputs", "ten": "x", "thay": "co"}, headers=ORIGIN)
    assert response.status_code == 400


def test_blank_workbooks_of_ntm_init_can_be_downloaded(client: TestClient):
    html = client.post("/so-lieu/so-trang", data={"don_vi": "Trường THCS"}, headers=ORIGIN).text
    link = re.search(r'href="/tai/([0-9a-f]+)" download>(nhat-ky-[a-z0-9-]+\.xlsx)', html)
    assert link, html
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/tai/{link.group(1)}").content))
    assert "Nhật ký" in workbook.sheetnames
    main = client.post("/so-lieu/so-trang", data={"don_vi": ""}, headers=ORIGIN).text
    assert "so-chinh-moi.xlsx" in main


def _generate(client: TestClient, month: str, *docs: str) -> str:
    response = client.post("/van-ban/soan", data={"thang": month, "van_ban": list(docs)}, headers=ORIGIN)
    assert response.status_code == 200
    return _finish(client, response.text)


@needs_office
def test_generating_march_shows_every_page_and_offers_word_and_pdf(client: TestClient, desk: Desk):
    html = _generate(client, "2021-03", "kht", "bc")
    assert "Đã soạn 2 văn bản (bản nháp) — tháng 3/2021" in html, html
    pages = re.findall(r'<img class="trang" src="/tai/([0-9a-f]+)"', html)
    assert len(pages) >= 3
    picture = client.get(f"/tai/{pages[0]}")
    assert picture.headers["content-type"] == "image/png" and picture.content.startswith(b"\x89PNG")
    report = re.search(r'href="/tai/([0-9a-f]+)" download>Tải bản Word', html.split("bao-cao-thang-03.docx", 1)[1])
    assert report
    assert (
        client.get(f"/tai/{report.group(1)}").content
        == (desk.outputs / "2021" / "2021-03" / "bao-cao-thang-03.docx").read_bytes()
    )
    assert (desk.outputs / "2021" / "in-tat-ca.pdf").is_file()


def _settled(desk: Desk) -> bool:
    """Waits for the background start of the next warm soffice."""
    deadline = time.monotonic() + 30
    while not desk.office.running and time.monotonic() < deadline:
        time.sleep(0.1)
    return desk.office.running


@needs_office
def test_the_warm_libreoffice_is_restarted_when_it_dies(client: TestClient, desk: Desk):
    _generate(client, "2021-03", "kht")
    assert _settled(desk), "a warm soffice is waiting for the next job"
    starts = desk.office.starts
    pid = desk.office.pid
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)  # as a crash would end it, with everything it started
    deadline = time.monotonic() + 10
    while desk.office.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not desk.office.running
    html = _generate(client, "2021-04", "kht")
    assert "Đã soạn 1 văn bản" in html and 'class="trang"' in html
    assert desk.office.starts > starts
    assert _settled(desk)


def test_a_generate_that_cannot_run_says_why(client: TestClient, desk: Desk):
    (desk.inputs / SAMPLE.name).unlink()
    html = _generate(client, "2021-03", "kht")
    assert "Dữ liệu đầu vào có lỗi" in html and "E-KHONG-CO-SO-CHINH" in html


def _drafts(desk: Desk, *months: str) -> None:
    for month in months:
        pipeline.generate([desk.inputs], desk.outputs, "kht", None, pipeline.parse_month_option(month))


def _draft_id(client: TestClient, name: str, folder: str) -> str:
    html = client.get("/phat-hanh").text
    found = re.search(
        rf'name="nhap" value="([0-9a-f]+)" id="nhap-\d+" >\s*</td>\s*<td><label for="nhap-\d+">{re.escape(name)}</label></td><td>{folder}</td>',
        html,
    )
    assert found, html
    return found.group(1)


def test_issuing_a_draft_gives_its_number_and_the_register_lists_it(client: TestClient, desk: Desk):
    _drafts(desk, "2021-03")
    draft = _draft_id(client, "ke-hoach-thang-03.docx", "2021/2021-03")
    response = client.post("/phat-hanh", data={"nhap": draft, "ngay": "02/03/2021"}, headers=ORIGIN)
    assert response.status_code == 200, response.text
    assert "Số 01-KH/ĐU" in response.text and "02/03/2021" in response.text
    assert 'id="ban-nhap" hx-swap-oob="true"' in response.text, "the list of drafts is brought up to date"
    register = client.get("/so-dang-ky").text
    assert "01-KH/ĐU" in register and "02/03/2021" in register
    again = client.post("/phat-hanh", data={"nhap": draft, "ngay": "03/03/2021"}, headers=ORIGIN)
    assert again.status_code == 409 and "không cấp số lần nữa" in again.text
    assert "Số 01-KH/ĐU" in client.get("/phat-hanh").text, "the draft is shown as issued"
    assert "Số 01-KH/ĐU" in client.get("/").text, "the home page shows it issued"


def test_a_path_instead_of_a_draft_id_is_refused(client: TestClient, desk: Desk):
    _drafts(desk, "2021-03")
    target = desk.outputs / "2021" / "2021-03" / "ke-hoach-thang-03.docx"
    for value in (str(target), "../outputs/2021/2021-03/ke-hoach-thang-03.docx", ""):
        response = client.post("/phat-hanh", data={"nhap": value, "ngay": "02/03/2021"}, headers=ORIGIN)
        assert response.status_code == 400 and "Hãy chọn một bản nháp" in response.text
    assert not desk.archive.exists() or not list(desk.archive.rglob("*.docx"))


def test_a_draft_edited_in_word_can_be_uploaded_and_issued(client: TestClient, desk: Desk):
    _drafts(desk, "2021-03")
    data = (desk.outputs / "2021" / "2021-03" / "ke-hoach-thang-03.docx").read_bytes()
    response = client.post(
        "/phat-hanh",
        data={"ngay": "04/03/2021"},
        files=[("tep", ("kế hoạch tháng 3 (sửa).docx", data, "application/octet-stream"))],
        headers=ORIGIN,
    )
    assert "Số 01-KH/ĐU" in response.text, response.text
    refused = client.post(
        "/phat-hanh", data={"ngay": "04/03/2021"}, files=[("tep", ("x.pdf", b"%PDF", "application/pdf"))], headers=ORIGIN
    )
    assert refused.status_code == 400 and ".docx" in refused.text


def test_a_hostile_word_upload_is_refused_before_it_is_opened(client: TestClient):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>" + b" " * (30 * 1024 * 1024))
    response = client.post(
        "/phat-hanh",
        data={"ngay": "04/03/2021"},
        files=[("tep", ("bom.docx", bomb.getvalue(), "application/octet-stream"))],
        headers=ORIGIN,
    )
    assert response.status_code == 400 and "nén bất thường" in response.text


def test_two_tabs_issuing_at_once_get_distinct_numbers(client: TestClient, desk: Desk):
    _drafts(desk, "2021-03", "2021-04", "2021-05")
    # each plan dated inside its own issue window (early in its month)
    ids = [(_draft_id(client, f"ke-hoach-thang-0{m}.docx", f"2021/2021-0{m}"), f"02/0{m}/2021") for m in (3, 4, 5)]
    answers: list[str] = []
    start = threading.Barrier(len(ids))

    def issue(draft: str, day: str) -> None:
        tab = _client(desk)
        start.wait()
        answers.append(tab.post("/phat-hanh", data={"nhap": draft, "ngay": day}, headers=ORIGIN).text)

    threads = [threading.Thread(target=issue, args=pair) for pair in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = sorted(re.search(r"Số (\d\d)-KH/ĐU", a).group(1) for a in answers)  # type: ignore[union-attr]
    assert numbers == ["01", "02", "03"]


def test_the_register_exports_to_excel_and_verifies(client: TestClient, desk: Desk):
    _drafts(desk, "2021-03")
    client.post(
        "/phat-hanh",
        data={"nhap": _draft_id(client, "ke-hoach-thang-03.docx", "2021/2021-03"), "ngay": "02/03/2021"},
        headers=ORIGIN,
    )
    exported = client.post("/so-dang-ky/xuat", headers=ORIGIN).text
    link = re.search(r'href="/tai/([0-9a-f]+)" download>so-dang-ky-van-ban-di.xlsx', exported)
    assert link, exported
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/tai/{link.group(1)}").content)).active
    assert any("01-KH/ĐU" in str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert "Mọi tệp lưu trữ đều đúng như lúc phát hành (1 tệp)" in client.post("/so-dang-ky/kiem-tra", headers=ORIGIN).text
    archived = next(desk.archive.rglob("*.docx"))
    archived.chmod(0o644)
    archived.write_bytes(b"sua")
    assert "1 tệp bị sửa" in client.post("/so-dang-ky/kiem-tra", headers=ORIGIN).text


def test_the_server_listens_on_the_loopback_address_only_and_moves_off_a_busy_port():
    from generator.web.serve import bind

    first = bind(0)
    try:
        host, port = first.getsockname()
        assert host == "127.0.0.1"
        second = bind(port)  # taken: another free port on 127.0.0.1
        try:
            assert second.getsockname()[0] == "127.0.0.1" and second.getsockname()[1] != port
        finally:
            second.close()
    finally:
        first.close()


def test_a_bug_reaches_the_clerk_as_a_sentence_not_a_traceback(desk: Desk, monkeypatch: pytest.MonkeyPatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(pipeline, "verify", broken)
    client = TestClient(create_app(desk, PORT), base_url=BASE, raise_server_exceptions=False)
    client.get(f"/?khoa={SECRET}")
    response = client.post("/so-dang-ky/kiem-tra", headers=ORIGIN)
    assert response.status_code == 500
    assert "Lỗi không mong đợi (RuntimeError)" in response.text and "Traceback" not in response.text


def test_the_uploaded_files_are_closed_once_the_page_has_answered(client: TestClient, monkeypatch):
    """starlette spools each upload to a temporary file (on disk past 1 MB) and never closes the
    form itself; a page left running for a day would hold every workbook ever sent."""
    from starlette.datastructures import UploadFile

    closed: list[str] = []
    close = UploadFile.close

    async def recording(self: UploadFile) -> None:
        closed.append(self.filename or "")
        await close(self)

    monkeypatch.setattr(UploadFile, "close", recording)
    _upload(client, SAMPLE)
    assert closed == [SAMPLE.name]


def test_the_signing_date_is_typed_day_first_whatever_the_browsers_language(client: TestClient, desk: Desk):
    """A date field would show 03/04 as 4 March in an English browser: the field is text, read as
    the CLI reads --date, and filled with today (10/03/2021 here) to start from."""
    assert 'name="ngay" value="10/03/2021"' in client.get("/phat-hanh").text
    _drafts(desk, "2021-03")
    draft = _draft_id(client, "ke-hoach-thang-03.docx", "2021/2021-03")
    refused = client.post("/phat-hanh", data={"nhap": draft, "ngay": "2021-03-02"}, headers=ORIGIN)
    assert refused.status_code == 400 and "ngày/tháng/năm, ví dụ 03/04/2021" in refused.text
    issued = client.post("/phat-hanh", data={"nhap": draft, "ngay": "3/3/2021"}, headers=ORIGIN)
    assert issued.status_code == 200 and "03/03/2021" in issued.text
