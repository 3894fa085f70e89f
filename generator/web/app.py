"""The pages of `ntm serve`. Each one calls the library function of the matching command
(pipeline.status, validate, init_workbook, generate, issue, register_listing, verify) and
only shows what it returns: no figure is computed here.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from generator import pipeline, vnformat
from generator.aggregation import Progress
from generator.errors import (
    INSTALL_HINT,
    UNREADABLE,
    NtmError,
    PackageRefused,
    Problem,
    ValidationFailed,
    WorkbookUnreadable,
    sorted_problems,
)
from generator.files import write_atomically
from generator.model import Method
from generator.pdf import find_soffice
from generator.reading import ANNOTATED_SUFFIX, find_workbooks, read_workbook
from generator.text import ascii_slug
from generator.web.desk import DRAFT_UPLOAD_SUFFIXES, WORKBOOK_UPLOAD_SUFFIXES, Desk, Job, timed
from generator.web.guard import BodyTooLarge, Guard
from generator.web.preview import page_images
from generator.zipguard import guard_docx

HERE = Path(__file__).resolve().parent
MONTH_NAMES = [f"Tháng {m}" for m in range(1, 13)]
DOC_CHOICES = (
    ("kh", "Kế hoạch năm"),
    ("pl", "Phụ lục phân công"),
    ("kht", "Kế hoạch tháng"),
    ("bc", "Báo cáo tháng"),
    ("bcn", "Báo cáo năm"),
)

# ---------------------------------------------------------------- formatting filters (display only)


def _date(day: dt.date | None) -> str:
    return "" if day is None else vnformat.date_short(day)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return (
        f"{vnformat.number(Decimal(size) / 1024, 0)} KB"
        if size < 1024 * 1024
        else f"{vnformat.number(Decimal(size) / 1048576, 1)} MB"
    )


def _progress_value(progress: Progress) -> str:
    criterion = progress.criterion
    if criterion.method is Method.SUM:
        return vnformat.quantity(progress.cumulative_quantity, criterion.unit)
    return vnformat.percent(progress.value)


def _progress_target(progress: Progress) -> str:
    criterion = progress.criterion
    if progress.target is None:
        return ""
    if criterion.method is Method.SUM:
        return vnformat.quantity(progress.target, criterion.unit)
    return vnformat.percent(progress.target)


def _seconds(value: float) -> str:
    return f"{vnformat.number(Decimal(str(round(value, 1))), 1)} giây"


def make_templates() -> Jinja2Templates:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        date=_date, size=_size, progress_value=_progress_value, progress_target=_progress_target, seconds=_seconds
    )
    return Jinja2Templates(env=environment)


# ---------------------------------------------------------------- helpers


def safe_name(raw: str, suffixes: Sequence[str]) -> str | None:
    """An uploaded file's name as a plain ASCII name in the folder, or None when its type is
    not accepted. Nothing of a path the browser sent survives (no folder, no '..')."""
    base = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in suffixes:
        return None
    slug = ascii_slug(stem)[:80].strip("-.") or "so"
    return f"{slug}{suffix}"


def _problem_groups(problems: Sequence[Problem]) -> list[tuple[str, list[Problem]]]:
    groups: dict[str, list[Problem]] = {}
    for problem in sorted_problems(list(problems)):
        groups.setdefault(problem.location.file, []).append(problem)
    return list(groups.items())


async def _form(request: Request) -> FormData | Response:
    try:
        return await request.form(max_files=50, max_fields=50)
    except BodyTooLarge:
        return HTMLResponse("<p class='loi'>Tệp gửi lên quá lớn.</p>", status_code=413)


def _closing(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint, then its request's form closed: starlette keeps each uploaded file in a
    spooled temporary file (on disk past 1 MB) until the form is closed, which it never does itself."""

    @functools.wraps(endpoint)
    async def closing(request: Request) -> Response:
        try:
            return await endpoint(request)
        finally:
            await request.close()

    return closing


def _uploads(form: FormData, field: str) -> list[UploadFile]:
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


def _with_job(job: Job | None) -> dict[str, Any]:
    """The job and, once it is done, what its result fragment shows. `done` is read once: the
    worker thread may finish while the page renders, and the fragment must not see the job
    done without its result."""
    if job is None:
        return {"job": None, "done": False}
    done = job.done
    return {"job": job, "done": done, **(job.context if done else {})}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Pages:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.templates = make_templates()

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
        context.setdefault("page", "")
        return self.templates.TemplateResponse(request, template, context, status_code=status_code)

    # ------------------------------------------------------------ 1. Tình hình

    async def status(self, request: Request) -> Response:
        desk = self.desk
        month_text = request.query_params.get("thang", "")
        month = None
        message = ""
        try:
            month = pipeline.parse_month_option(month_text) if month_text else None
        except NtmError as exc:
            message = str(exc)
        report = None
        issued: dict[str, str] = {}
        if not message:
            try:
                report = await run_in_threadpool(pipeline.status, [desk.inputs], desk.outputs, month, desk.today(), desk.archive)
            except ValidationFailed:
                message = "Sổ số liệu đang có lỗi hoặc chưa có sổ chính: hãy mở trang Sổ số liệu để xem và sửa."
            except NtmError as exc:
                message = str(exc)
        if report is not None:
            listing = await run_in_threadpool(pipeline.register_listing, desk.archive, report.month.year, None)
            for document in listing.documents:
                if not document.withdrawn:
                    issued[document.draft_file] = document.symbol
        drafts = {}
        if report is not None:
            drafts = {d.draft.name: desk.file_id(d.draft) for d in report.deadlines if d.draft_exists}
        places: list[str] = []
        criteria: list[Any] = []
        cells: dict[tuple[str, str], Progress] = {}
        if report is not None:
            for progress in report.progress:
                if progress.place not in places:
                    places.append(progress.place)
                if progress.criterion not in criteria:
                    criteria.append(progress.criterion)
                cells[(progress.place, progress.criterion.code)] = progress
        return self.render(
            request,
            "status.html",
            page="status",
            report=report,
            message=message,
            issued=issued,
            drafts=drafts,
            places=places,
            criteria=criteria,
            cells=cells,
        )

    # ------------------------------------------------------------ 2. Sổ số liệu

    def _workbook_list(self) -> list[dict[str, Any]]:
        desk = self.desk
        if not desk.inputs.is_dir():
            return []
        return [
            {"name": p.name, "id": desk.file_id(p), "size": _size(p), "changed": dt.datetime.fromtimestamp(p.stat().st_mtime)}
            for p in find_workbooks([desk.inputs])
        ]

    def _panel(self) -> dict[str, Any]:
        """The workbooks in inputs/ and the units whose blank logbook can be made."""
        units: list[str] = []
        try:
            report = pipeline.check_inputs([self.desk.inputs]) if self.desk.inputs.is_dir() else None
            if report is not None and report.commune is not None:
                units = [u.name for u in report.commune.units]
        except NtmError:
            pass
        return {"workbooks": self._workbook_list(), "units": units}

    async def workbooks(self, request: Request) -> Response:
        panel = await run_in_threadpool(self._panel)
        return self.render(request, "workbooks.html", page="workbooks", max_mb=self.desk.max_upload // 1048576, **panel)

    def _validate_job(self) -> Job:
        desk = self.desk

        def work(job: Job) -> None:
            desk.inputs.mkdir(parents=True, exist_ok=True)
            result = timed(job, "Đang đọc và kiểm tra các sổ…", lambda: pipeline.validate([desk.inputs]))
            report = result.report
            errors = [p for p in report.problems if p.is_error]
            job.template = "_validation.html"
            job.context = {
                "groups": _problem_groups(report.problems),
                "errors": len(errors),
                "warnings": len(report.problems) - len(errors),
                "checked": [p.name for p in report.workbooks],
                "activities": len(report.log),
                "annotated": [(p.name, desk.file_id(p)) for p in result.annotated],
                "unreadable": any(p.code == UNREADABLE for p in report.problems),
            }

        return desk.start_job("Kiểm tra sổ số liệu", work)

    async def upload(self, request: Request) -> Response:
        """The dropped workbooks: each staged, passed through the readers' guards, then saved
        into inputs/ (atomically); one already there with other content waits for a confirmation."""
        desk = self.desk
        form = await _form(request)
        if isinstance(form, Response):
            return form
        files = _uploads(form, "tep")
        if not files:
            return self.render(request, "_message.html", message="Chưa chọn tệp nào.", kind="loi", status_code=400)
        staging = desk.scratch("uploads")
        refused: list[str] = []
        saved: list[str] = []
        conflicts: list[str] = []
        for upload in files:
            name = safe_name(upload.filename or "", WORKBOOK_UPLOAD_SUFFIXES)
            if name is None:
                refused.append(f"'{upload.filename}': chỉ nhận sổ Excel (.xlsx, .xlsm, .xls, .ods).")
                continue
            if (upload.filename or "").lower().endswith(ANNOTATED_SUFFIX):
                refused.append(
                    f"'{upload.filename}': đây là bản đánh dấu lỗi do ntm tạo; hãy sửa lỗi trong sổ gốc rồi gửi sổ gốc."
                )
                continue
            staged = staging / name
            staged.write_bytes(await upload.read())
            try:
                await run_in_threadpool(read_workbook, staged)
            except WorkbookUnreadable as exc:
                refused.append(f"'{upload.filename}': {exc.problem.message}")
                staged.unlink()
                continue
            target = desk.inputs / name
            if target.is_file() and _sha256(target) != _sha256(staged):
                conflicts.append(name)
                continue
            write_atomically(target, staged.read_bytes())
            saved.append(name)
        job = self._validate_job() if saved and not conflicts else None
        return self.render(
            request,
            "_upload.html",
            refused=refused,
            saved=saved,
            conflicts=conflicts,
            staging=staging.name,
            panel=True,
            **(await run_in_threadpool(self._panel)),
            **_with_job(job),
        )

    async def replace(self, request: Request) -> Response:
        """The clerk confirmed: the staged workbooks replace the older ones of the same name."""
        desk = self.desk
        form = await _form(request)
        if isinstance(form, Response):
            return form
        token = str(form.get("lo", ""))
        staging = desk.work / "uploads" / token
        if not token.isalnum() or not staging.is_dir():
            return self.render(
                request, "_message.html", message="Không còn tệp chờ thay; hãy gửi lại.", kind="loi", status_code=400
            )
        replaced = []
        if form.get("thay") == "co":
            for name in form.getlist("ten"):
                staged = staging / str(name)
                if str(name) != staged.name or not staged.is_file():
                    continue
                write_atomically(desk.inputs / staged.name, staged.read_bytes())
                replaced.append(staged.name)
        panel = await run_in_threadpool(self._panel)
        return self.render(
            request,
            "_upload.html",
            refused=[],
            saved=replaced,
            conflicts=[],
            staging="",
            panel=True,
            **panel,
            **_with_job(self._validate_job()),
        )

    async def validate(self, request: Request) -> Response:
        return self.render(request, "_job.html", **_with_job(self._validate_job()))

    async def blank(self, request: Request) -> Response:
        """`ntm init`: a blank main workbook, or a unit's log (from the main workbook's lists)."""
        desk = self.desk
        form = await _form(request)
        if isinstance(form, Response):
            return form
        unit = str(form.get("don_vi", "")).strip() or None
        folder = desk.scratch("blank")
        try:
            if unit is None:
                path = await run_in_threadpool(pipeline.init_workbook, folder / "so-chinh-moi.xlsx", None, [], None)
            else:
                path = await run_in_threadpool(pipeline.init_workbook, folder, unit, [desk.inputs], None)
        except NtmError as exc:
            return self.render(request, "_message.html", message=str(exc), kind="loi")
        return self.render(request, "_download.html", name=path.name, id=desk.file_id(path))

    # ------------------------------------------------------------ 3. Soạn văn bản

    async def documents(self, request: Request) -> Response:
        desk = self.desk
        year = None
        months: list[dt.date] = []
        latest = None
        message = ""
        try:
            report = await run_in_threadpool(pipeline.status, [desk.inputs], desk.outputs, None, desk.today(), desk.archive)
            year = report.month.year
            months = list(report.months_with_data)
            latest = months[-1] if months else report.month
        except ValidationFailed:
            message = "Sổ số liệu đang có lỗi hoặc chưa có sổ chính: hãy mở trang Sổ số liệu để xem và sửa."
        except NtmError as exc:
            message = str(exc)
        return self.render(
            request,
            "documents.html",
            page="documents",
            year=year,
            months=months,
            latest=latest,
            message=message,
            choices=DOC_CHOICES,
            office=find_soffice() is not None,
            install_hint=INSTALL_HINT,
        )

    async def generate(self, request: Request) -> Response:
        desk = self.desk
        form = await _form(request)
        if isinstance(form, Response):
            return form
        docs = ",".join(str(d) for d in form.getlist("van_ban")) or None
        try:
            month = pipeline.parse_month_option(str(form.get("thang", ""))) if form.get("thang") else None
        except NtmError as exc:
            return self.render(request, "_message.html", message=str(exc), kind="loi", status_code=400)
        with_pdf = find_soffice() is not None

        def work(job: Job) -> None:
            if with_pdf:
                result = timed(
                    job,
                    "Đang soạn văn bản và in ra PDF…",
                    lambda: pipeline.generate(
                        [desk.inputs], desk.outputs, docs, None, month, True, archive=desk.archive, office=desk.office
                    ),
                )
            else:
                result = timed(
                    job,
                    "Đang soạn văn bản…",
                    lambda: pipeline.generate([desk.inputs], desk.outputs, docs, None, month, archive=desk.archive),
                )
            previews = desk.scratch("previews")
            documents = []
            pdfs = {p.stem: p for p in result.pdfs}

            def pictures() -> None:
                for written in result.documents:
                    pdf = pdfs.get(written.path.stem)
                    pages = page_images(pdf, previews) if pdf is not None else []
                    documents.append(
                        {
                            "name": written.path.name,
                            "folder": written.path.parent.relative_to(desk.folder).as_posix(),
                            "docx": desk.file_id(written.path),
                            "pdf": desk.file_id(pdf) if pdf is not None else "",
                            "pages": [desk.file_id(p) for p in pages],
                        }
                    )

            timed(job, "Đang tạo ảnh các trang…", pictures)
            job.template = "_generated.html"
            job.context = {
                "documents": documents,
                "bundle": desk.file_id(result.bundle) if result.bundle is not None else "",
                "month": result.month,
                "warnings": len(result.inputs.problems),
                "with_pdf": with_pdf,
                "install_hint": INSTALL_HINT,
            }

        return self.render(request, "_job.html", **_with_job(desk.start_job("Soạn văn bản", work)))

    # ------------------------------------------------------------ 4. Phát hành

    def _drafts(self) -> list[dict[str, Any]]:
        desk = self.desk
        if not desk.outputs.is_dir():
            return []
        listing = pipeline.register_listing(desk.archive, None, None)
        issued = {d.draft_sha256: d for d in listing.documents}
        drafts = []
        for path in sorted(desk.outputs.rglob("*.docx")):
            if path.name.startswith(("~$", ".")) or not path.is_file():
                continue
            record = issued.get(_sha256(path))
            drafts.append(
                {
                    "id": desk.file_id(path),
                    "name": path.name,
                    "folder": path.parent.relative_to(desk.outputs).as_posix(),
                    "issued": record.symbol if record is not None else "",
                }
            )
        return drafts

    async def issue_page(self, request: Request) -> Response:
        drafts = await run_in_threadpool(self._drafts)
        return self.render(
            request,
            "issue.html",
            page="issue",
            drafts=drafts,
            today=vnformat.date_short(self.desk.today()),
            max_mb=self.desk.max_upload // 1048576,
            office=find_soffice() is not None,
        )

    async def issue(self, request: Request) -> Response:
        """`ntm issue`: the chosen draft (or the one uploaded after editing in Word) gets its number."""
        desk = self.desk
        form = await _form(request)
        if isinstance(form, Response):
            return form
        try:
            # typed day first, as the CLI takes it: a date field would follow the browser's language
            # (03/04 is 4 March in an English browser)
            day = vnformat.parse_date_short(str(form.get("ngay", "")))
        except ValueError:
            return self.render(
                request,
                "_message.html",
                message="Hãy ghi ngày ký dạng ngày/tháng/năm, ví dụ 03/04/2021.",
                kind="loi",
                status_code=400,
            )
        uploads = _uploads(form, "tep")
        if uploads:
            name = safe_name(uploads[0].filename or "", DRAFT_UPLOAD_SUFFIXES)
            if name is None:
                return self.render(
                    request, "_message.html", message="Chỉ nhận văn bản Word (.docx).", kind="loi", status_code=400
                )
            draft = desk.scratch("drafts") / name
            draft.write_bytes(await uploads[0].read())
            try:
                guard_docx(draft, name)
            except PackageRefused as exc:
                return self.render(request, "_message.html", message=str(exc), kind="loi", status_code=400)
        else:
            chosen = desk.listed_file(str(form.get("nhap", "")))
            if chosen is None or chosen.suffix.lower() != ".docx":
                return self.render(
                    request, "_message.html", message="Hãy chọn một bản nháp trong danh sách.", kind="loi", status_code=400
                )
            draft = chosen
        try:
            # the archive PDF (the box is ticked by default where LibreOffice is installed) is made by
            # the server's warm LibreOffice, the one of the previews
            with_pdf = bool(form.get("pdf"))
            issued = await run_in_threadpool(lambda: pipeline.issue(draft, desk.archive, day, with_pdf, office=desk.office))
        except NtmError as exc:
            return self.render(request, "_message.html", message=str(exc), kind="loi", status_code=409)
        drafts = await run_in_threadpool(self._drafts)
        pdf = desk.file_id(issued.pdf) if issued.pdf is not None else ""
        return self.render(request, "_issued.html", issued=issued, docx=desk.file_id(issued.docx), pdf=pdf, drafts=drafts)

    # ------------------------------------------------------------ 5. Sổ đăng ký

    async def register(self, request: Request) -> Response:
        year_text = request.query_params.get("nam", "")
        year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
        listing = await run_in_threadpool(pipeline.register_listing, self.desk.archive, year, None)
        files = {d.id: self.desk.file_id(self.desk.archive / d.docx_file) for d in listing.documents}
        return self.render(request, "register.html", page="register", listing=listing, files=files, year=year)

    async def export(self, request: Request) -> Response:
        target = self.desk.scratch("export") / "so-dang-ky-van-ban-di.xlsx"
        try:
            listing = await run_in_threadpool(pipeline.register_listing, self.desk.archive, None, target)
        except NtmError as exc:
            return self.render(request, "_message.html", message=str(exc), kind="loi")
        assert listing.exported is not None
        return self.render(request, "_download.html", name=listing.exported.name, id=self.desk.file_id(listing.exported))

    async def verify(self, request: Request) -> Response:
        try:
            report = await run_in_threadpool(pipeline.verify, self.desk.archive)
        except NtmError as exc:
            return self.render(request, "_message.html", message=str(exc), kind="loi")
        return self.render(request, "_verify.html", report=report)

    # ------------------------------------------------------------ jobs and files

    async def job(self, request: Request) -> Response:
        job = self.desk.job(request.path_params["job_id"])
        if job is None:
            return self.render(
                request, "_message.html", message="Không còn việc này (ntm serve đã chạy lại?).", kind="loi", status_code=404
            )
        return self.render(request, "_job.html", **_with_job(job))

    async def download(self, request: Request) -> Response:
        """Only a file the server itself listed, by its id: nothing from the request is a path."""
        path = self.desk.listed_file(request.path_params["file_id"])
        if path is None:
            return HTMLResponse("<p>Không có tệp này.</p>", status_code=404)
        inline = path.suffix.lower() in (".png", ".pdf")
        return FileResponse(path, filename=path.name, content_disposition_type="inline" if inline else "attachment")


def create_app(desk: Desk, port: int) -> Guard:
    """The whole web page, behind its guard (loopback Host, secret, Origin, upload limit)."""
    pages = Pages(desk)
    routes = [
        Route("/", pages.status),
        Route("/so-lieu", pages.workbooks),
        Route("/so-lieu/tai-len", _closing(pages.upload), methods=["POST"]),
        Route("/so-lieu/thay", _closing(pages.replace), methods=["POST"]),
        Route("/so-lieu/kiem-tra", pages.validate, methods=["POST"]),
        Route("/so-lieu/so-trang", _closing(pages.blank), methods=["POST"]),
        Route("/van-ban", pages.documents),
        Route("/van-ban/soan", _closing(pages.generate), methods=["POST"]),
        Route("/phat-hanh", pages.issue_page),
        Route("/phat-hanh", _closing(pages.issue), methods=["POST"]),
        Route("/so-dang-ky", pages.register),
        Route("/so-dang-ky/xuat", pages.export, methods=["POST"]),
        Route("/so-dang-ky/kiem-tra", pages.verify, methods=["POST"]),
        Route("/viec/{job_id:str}", pages.job),
        Route("/tai/{file_id:str}", pages.download),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={Exception: _unexpected})
    return Guard(app, desk.secret, port, desk.max_upload)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug: the clerk gets a sentence, the console window the trace (uvicorn logs it)."""
    return HTMLResponse(
        "<div class='thong-bao loi' role='alert'>Lỗi không mong đợi "
        f"({exc.__class__.__name__}). Hãy gửi nội dung cửa sổ dòng lệnh của ntm serve cho người bảo trì.</div>",
        status_code=500,
    )
