"""The LibreOffice that `ntm serve` keeps running, so that previews come in about a second.

A headless soffice started on a profile of the server's own: a later
`soffice --convert-to` on the same profile hands its job to that running process
over LibreOffice's own single-instance pipe and waits for it (what pdf.convert_to_pdf
does when given the profile), so the job skips LibreOffice's start-up. LibreOffice
(7.4 here) ends such a headless process soon after the job, so the next one is
started right away and is warm for the next click; one that dies for any other
reason is restarted by the next job. If it is not up, the converting soffice simply
does the job itself (a cold start, still correct).

Chosen over unoserver: unoserver needs LibreOffice's own Python with the `uno`
module, which a clerk's pip-installed Python on Windows does not have.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.pdf import convert_to_pdf, find_soffice, signal_process_tree


READY_TIMEOUT = 30.0  # seconds: a first start on a slow office PC
STARTUP_GRACE = 5.0  # seconds, where the pipe cannot be watched
ENDS_WITHIN = 3.0  # seconds soffice takes to end itself after a conversion


class WarmOffice:
    """One long-lived soffice owned by the server; conversions go through it one at a time."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile.absolute()
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.starts = 0  # how many times soffice was (re)started, for the tests
        self._pipe = ""
        self._ready = False
        self._stale = False  # a job was handed to the current soffice: it may be ending
        self._started_at = 0.0
        self._detect_pipe = True
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _start(self) -> None:
        soffice = find_soffice()
        if soffice is None:
            return  # convert_to_pdf says how to install LibreOffice
        self._pipe = f"ntm-{secrets.token_hex(8)}"
        self.profile.mkdir(parents=True, exist_ok=True)
        command = [
            str(soffice),
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nofirststartwizard",
            f"--accept=pipe,name={self._pipe};urp;",
        ]
        creationflags = 0
        if os.name == "nt":
            creationflags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name != "nt",
            creationflags=creationflags,
        )
        self.starts += 1
        self._ready = False
        self._started_at = time.monotonic()

    def _pipe_exists(self) -> bool:
        """LibreOffice opens the --accept pipe after its single-instance pipe: once it is there,
        a converting soffice hands its job over instead of starting as a second office."""
        folders = ["\\\\.\\pipe\\"] if os.name == "nt" else ["/tmp", "/var/tmp"]
        for folder in folders:
            try:
                if any(name.endswith(self._pipe) for name in os.listdir(folder)):
                    return True
            except OSError:
                continue
        return False

    def _wait_ready(self) -> None:
        """Waits (once per start) until soffice listens; past the timeout the job goes on: a
        converting soffice that finds no office running does the work itself. Where the pipe
        is never seen (a LibreOffice that names it otherwise), a fixed start-up time is
        waited instead, so that no later job waits the full timeout again."""
        if not self._detect_pipe:
            time.sleep(max(0.0, self._started_at + STARTUP_GRACE - time.monotonic()))
            self._ready = True
            return
        deadline = self._started_at + READY_TIMEOUT
        while not self._ready and self.running and time.monotonic() < deadline:
            if self._pipe_exists():
                self._ready = True
                return
            time.sleep(0.05)
        if not self._ready and self.running:
            self._detect_pipe = False
            self._ready = True

    def start(self) -> None:
        """Starts soffice in the background (the server calls this at start-up)."""
        with self._lock:
            self._stopped = False
            if not self.running:
                self._start()

    @contextlib.contextmanager
    def session(self) -> Iterator[Path]:
        """The profile to convert with (pipeline.generate's `office_profile`), soffice up
        (restarted if it died), one job at a time."""
        with self._lock:
            self._refresh()
            if not self.running:
                self._start()
            self._wait_ready()
            try:
                yield self.profile
            finally:
                self._stale = True
        # the clerk does not wait for this: the next soffice warms up while they read the pages
        threading.Thread(target=self._refresh_locked, name="ntm-office", daemon=True).start()

    def _refresh_locked(self) -> None:
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        """A headless soffice ends itself shortly after it hands back a --convert-to job: the
        next one is started at once, so that it is warm by the time the clerk asks again."""
        process = self._process
        if not self._stale or process is None:
            return
        self._stale = False
        try:
            process.wait(timeout=ENDS_WITHIN)
        except subprocess.TimeoutExpired:
            return  # still up: it stays the warm one
        if not self._stopped:
            self._start()

    def convert(self, docx_files: Sequence[Path]) -> list[Path]:
        """The PDFs beside the DOCX files, made by the warm soffice."""
        with self.session() as profile:
            return convert_to_pdf(docx_files, profile=profile)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            process, self._process = self._process, None
            if process is None or process.poll() is not None:
                return
            signal_process_tree(process, signal.SIGTERM)  # asked to end; killed below if it does not
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    @property
    def pid(self) -> int | None:
        """The running soffice's process id (its process group on Unix)."""
        return self._process.pid if self.running and self._process is not None else None
