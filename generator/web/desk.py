"""The server's state: the office folder, the files it has listed, and the jobs running.

Nothing here decides anything about documents: that is the library's (pipeline.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import NtmError, Problem, ValidationFailed
from generator.office import Office, shared

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # one request (all files of one drop)
WORKBOOK_UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DRAFT_UPLOAD_SUFFIXES = (".docx",)


@dataclass
class Job:
    """Long work (reading logbooks, PDF conversion) done in a thread; the page polls it."""

    id: str
    title: str
    step: str = ""
    done: bool = False
    error: str = ""
    problems: tuple[Problem, ...] = ()
    template: str = ""  # the fragment that shows the result
    context: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)


class Desk:
    """The office folder (inputs/, outputs/, archive/) as the web page sees it."""

    def __init__(
        self,
        folder: Path,
        secret: str,
        *,
        office: Office | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        max_upload: int = MAX_UPLOAD_BYTES,
    ) -> None:
        self.folder = folder.absolute()
        self.inputs = self.folder / "inputs"
        self.outputs = self.folder / "outputs"
        self.archive = self.folder / "archive"
        self.secret = secret
        self.today = today
        self.max_upload = max_upload
        self.work = Path(tempfile.mkdtemp(prefix="ntm-serve-"))
        self.office = office if office is not None else shared()  # the process's warm LibreOffice
        self._files: dict[str, Path] = {}
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ files the page may offer

    def file_id(self, path: Path) -> str:
        """The id under which the page offers `path` for download; only listed files have one."""
        resolved = path.resolve()
        digest = hmac.new(self.secret.encode(), str(resolved).encode("utf-8"), hashlib.sha256).hexdigest()[:24]
        with self._lock:
            self._files[digest] = resolved
        return digest

    def listed_file(self, file_id: str) -> Path | None:
        with self._lock:
            path = self._files.get(file_id)
        return path if path is not None and path.is_file() else None

    def scratch(self, kind: str) -> Path:
        """A fresh folder of the server's own (staged uploads, previews, blank workbooks)."""
        folder = self.work / kind / secrets.token_hex(8)
        folder.mkdir(parents=True)
        return folder

    # ------------------------------------------------------------ jobs

    def start_job(self, title: str, work: Callable[[Job], None]) -> Job:
        job = Job(secrets.token_hex(12), title, step="Đang bắt đầu…")
        with self._lock:
            self._jobs[job.id] = job

        def run() -> None:
            try:
                work(job)
            except ValidationFailed as exc:
                job.error = str(exc)
                job.problems = tuple(exc.problems)
            except NtmError as exc:
                job.error = str(exc)
            except Exception as exc:  # noqa: BLE001 - the clerk gets a sentence, the console the trace
                traceback.print_exc(file=sys.stderr)
                job.error = (
                    f"Lỗi không mong đợi ({exc.__class__.__name__}). Hãy gửi nội dung cửa sổ dòng lệnh của "
                    "ntm serve cho người bảo trì."
                )
            finally:
                job.seconds = time.monotonic() - job.started
                job.done = True

        threading.Thread(target=run, name=f"ntm-job-{job.id[:6]}", daemon=True).start()
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        self.office.stop()
        shutil.rmtree(self.work, ignore_errors=True)


def timed(job: Job, step: str, work: Callable[[], Any]) -> Any:
    """Runs one step of a job, showing it on the page and keeping its time."""
    job.step = step
    started = time.monotonic()
    result = work()
    job.timings.append((step, time.monotonic() - started))
    return result
