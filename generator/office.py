"""The LibreOffice that ntm drives: warm, owned by the process, a pool sized to the free cores.

One implementation for every PDF ntm makes (`ntm generate --pdf`, `ntm issue --pdf`, `ntm check`'s
printed checks, the web page's previews and archive PDFs): `pdf.convert_to_pdf` hands its batch
to the process's `Office` (`shared()`), which splits it between its warm instances.

An instance is a headless soffice on a fresh profile of its own (so that an open LibreOffice
window of the clerk, another instance or another ntm never swallows its jobs), listening on a
named pipe. A conversion is `soffice --convert-to pdf` on that same profile: LibreOffice's
single-instance pipe hands the job to the warm instance, which skips LibreOffice's start-up
(about 0.3 s for one document instead of about 2 s). If the instance is not up, the converting
soffice does the job itself, a cold start, still correct. Each instance keeps one empty text
document open (`giu-mo.txt`): LibreOffice ends a headless office as soon as a handed-over
--convert-to job leaves it with no document open, and the open one keeps it warm for the next
job. An instance that dies (a crash, the clerk ending it) is started again by the next job.

Pool size, decided once per process, when the pool is first used: the free cores, rounded to
the nearest whole number, at least 1 and at most 4 (each instance holds 150–250 MB). Free cores
are the usable cores (`os.sched_getaffinity`, else `os.cpu_count()`) minus the load average of
the last minute (`os.getloadavg`, where the system has one; on Windows, none is subtracted). So
there is more than one instance only where more than one core is free. $NTM_PDF_WORKERS (1–16)
sets the size instead. A batch is split between as many instances as it has files, up to the
size, the largest files first to the least-loaded instance; idle warm instances are chosen first.

Every process ends with its LibreOffice: `stop()` ends each instance's process tree and removes
the profiles; `shared()` registers it to run when Python exits, and `ntm serve` calls it when it
stops. Where Python itself is killed, a guard process (`_GUARD`, started beside each instance)
sees its pipe from ntm close and ends that instance's tree, so no soffice is left behind either.

Chosen over unoserver: unoserver needs LibreOffice's own Python with the `uno` module, which a
clerk's pip-installed Python on Windows does not have.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from generator.errors import INSTALL_HINT, PdfConversionFailed

POOL_ENV = "NTM_PDF_WORKERS"
MAX_POOL = 4  # memory: each warm LibreOffice holds 150–250 MB
READY_TIMEOUT = 30.0  # seconds: a first start on a slow office PC
STARTUP_GRACE = 5.0  # seconds, where the pipe cannot be watched
_OPTIONS = ("--headless", "--invisible", "--norestore", "--nolockcheck", "--nofirststartwizard")

# Waits until ntm's end of its stdin closes (ntm ended, however), then ends the soffice tree it was
# given (a process group on Unix, taskkill's tree on Windows) and removes the pipe files it names
# (`_Instance._pipe_files`). ntm kills the guard first when it stops the instance itself.
_GUARD = """
import os, signal, stat, subprocess, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.stdin.buffer.read()
pid = int(sys.argv[1])
if os.name == "nt":
    subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True)
else:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    time.sleep(0.5)
    for path in sys.argv[2:]:
        try:
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            pass
"""


def free_cores() -> float:
    """Usable cores minus the load average of the last minute (none subtracted where unknown)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return max(0.0, usable - load)


def pool_size() -> int:
    """How many LibreOffice instances a batch may use: the module docstring's rule."""
    configured = os.environ.get(POOL_ENV, "").strip()
    if configured.isdigit() and int(configured) >= 1:
        return min(int(configured), 16)
    return max(1, min(MAX_POOL, round(free_cores())))


# soffice in a process group of its own, so that its whole tree (soffice.bin, the Java helper…) can
# be ended at once; no console window on Windows
_NEW_SESSION = os.name != "nt"
_CREATIONFLAGS = (
    getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0
)


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


def quoted_names(files: Sequence[Path]) -> str:
    return ", ".join(f"'{f}'" for f in files)


def _tail(output: bytes, lines: int = 5) -> str:
    text = output.decode("utf-8", "replace").strip()
    kept = [line for line in text.splitlines() if line.strip() and "javaldx" not in line][-lines:]
    return " ".join(kept)


def run_conversion(
    soffice: Path,
    inputs: Sequence[Path],
    outdir: Path,
    profile: Path,
    timeout: float,
    named: Sequence[Path],
    started: list[subprocess.Popen[bytes]] | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """One `soffice --convert-to pdf` of `inputs` into `outdir` on `profile`; a failure or a
    timeout raises PdfConversionFailed naming the clerk's files (`named`). `started` receives
    the process, so that its owner can end it from another thread; `env`, its environment."""
    command = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", *_OPTIONS, "--nodefault"]
    command += ["--convert-to", "pdf", "--outdir", str(outdir), *(str(p) for p in inputs)]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=_NEW_SESSION,
            creationflags=_CREATIONFLAGS,
        )
    except OSError as exc:
        raise PdfConversionFailed(f"Không chạy được LibreOffice ('{soffice}'): {exc.strerror or exc}. {INSTALL_HINT}") from exc
    if started is not None:
        started.append(process)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_tree(process)
        raise PdfConversionFailed(
            f"LibreOffice chạy quá {timeout:g} giây mà chưa chuyển xong sang PDF: {quoted_names(named)}. "
            "Hãy đóng các cửa sổ LibreOffice đang mở rồi chạy lại; chưa tệp PDF nào được ghi."
        ) from exc
    except BaseException:
        _kill_tree(process)
        raise
    if process.returncode != 0:
        detail = _tail(stderr + stdout)
        raise PdfConversionFailed(
            f"LibreOffice báo lỗi (mã {process.returncode}) khi chuyển sang PDF: {quoted_names(named)}."
            + (f" Chi tiết: {detail}" if detail else "")
            + " Chưa tệp PDF nào được ghi."
        )


class _Instance:
    """One warm soffice on a profile of its own; its jobs go through it one at a time."""

    def __init__(self, folder: Path) -> None:
        self.profile = folder / "profile"
        self.keeper = folder / "giu-mo.txt"
        # LibreOffice's own temporary folder (lu….tmp), which a killed soffice leaves behind, goes
        # inside the instance's folder, removed with it
        self.temp = folder / "tmp"
        self.env = {**os.environ, "TMPDIR": str(self.temp), "TMP": str(self.temp), "TEMP": str(self.temp)}
        self.process: subprocess.Popen[bytes] | None = None
        self.guard: subprocess.Popen[bytes] | None = None
        self.clients: list[subprocess.Popen[bytes]] = []
        self.starts = 0
        self.closed = False
        self.lock = threading.Lock()  # held for a whole job
        self._state = threading.Lock()  # guards process/guard against stop() from another thread
        self._pipe = ""
        self._ready = False
        self._started_at = 0.0
        self._detect_pipe = True

    @property
    def running(self) -> bool:
        process = self.process
        return process is not None and process.poll() is None

    def start(self, soffice: Path) -> None:
        """Starts soffice (when it is not running) without waiting for it to listen."""
        with self._state:
            if self.closed or self.running:
                return
            self._end_locked()
            self._pipe = f"ntm-{secrets.token_hex(8)}"
            self.profile.mkdir(parents=True, exist_ok=True)
            self.temp.mkdir(exist_ok=True)
            self.keeper.touch()
            command = [str(soffice), f"-env:UserInstallation={self.profile.as_uri()}", *_OPTIONS]
            command += [f"--accept=pipe,name={self._pipe};urp;", str(self.keeper)]
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=self.env,
                    start_new_session=_NEW_SESSION,
                    creationflags=_CREATIONFLAGS,
                )
            except OSError:
                self.process = None  # the converting soffice reports why LibreOffice cannot run
                return
            self.starts += 1
            self._ready = False
            self._started_at = time.monotonic()
            try:
                self.guard = subprocess.Popen(
                    [sys.executable, "-c", _GUARD, str(self.process.pid), *self._pipe_files()],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=_NEW_SESSION,
                    creationflags=_CREATIONFLAGS,
                )
            except OSError:
                self.guard = None  # without a guard, stop() at exit still ends the instance

    def _pipe_exists(self) -> bool:
        """LibreOffice opens the --accept pipe after its single-instance pipe: once it is there,
        a converting soffice hands its job over instead of starting as a second office."""
        for folder in _pipe_folders(self.temp):
            try:
                if any(name.endswith(self._pipe) for name in os.listdir(folder)):
                    return True
            except OSError:
                continue
        return False

    def wait_ready(self) -> None:
        """Waits (once per start) until soffice listens; past the timeout the job goes on: a
        converting soffice that finds no office running does the work itself. Where the pipe
        is never seen (a LibreOffice that names it otherwise), a fixed start-up time is
        waited instead, so that no later job waits the full timeout again."""
        if self._ready or not self.running:
            return
        if not self._detect_pipe:
            time.sleep(max(0.0, self._started_at + STARTUP_GRACE - time.monotonic()))
            self._ready = True
            return
        deadline = self._started_at + READY_TIMEOUT
        while self.running and time.monotonic() < deadline:
            if self._pipe_exists():
                self._ready = True
                return
            time.sleep(0.02)
        if self.running:
            self._detect_pipe = False
            self._ready = True

    def convert(self, soffice: Path, inputs: Sequence[Path], outdir: Path, timeout: float, named: Sequence[Path]) -> None:
        """The PDFs of `inputs` in `outdir`, made by this instance (started again if it died)."""
        with self.lock:
            if self.closed:  # stopped (the server is ending) while this job waited for its turn
                raise PdfConversionFailed(f"LibreOffice của ntm đã dừng: chưa chuyển sang PDF {quoted_names(named)}.")
            self.start(soffice)
            self.wait_ready()
            try:
                run_conversion(soffice, inputs, outdir, self.profile, timeout, named, self.clients, self.env)
            except BaseException:
                # a timeout or an interruption may leave the warm soffice inside the job: the
                # next job gets a new one
                self.end()
                raise
            finally:
                self.clients.clear()

    def _end_locked(self) -> None:
        guard, self.guard = self.guard, None
        if guard is not None:
            guard.kill()  # first, so that it never signals a process id used again later
            guard.wait()
            if guard.stdin is not None:
                guard.stdin.close()
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            signal_process_tree(process, signal.SIGTERM)  # asked to end; killed below if it does not
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _kill_tree(process)
        signal_process_tree(process, getattr(signal, "SIGKILL", signal.SIGTERM))  # what it left behind
        process.wait()
        self._remove_pipes()

    def _pipe_files(self) -> list[str]:
        """The two pipe files an ended soffice leaves behind on Unix (Windows pipes go with the
        process): the --accept one, named by ntm, and the single-instance one, which LibreOffice
        names after the MD5 of the profile's URL (UTF-16, each byte in unpadded hex)."""
        if os.name == "nt" or not self._pipe:
            return []
        digest = hashlib.md5(self.profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
        names = (self._pipe, "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest))
        user = os.getuid() if hasattr(os, "getuid") else 0
        return [os.path.join(folder, f"OSL_PIPE_{user}_{name}") for folder in _pipe_folders(self.temp) for name in names]

    def _remove_pipes(self) -> None:
        """Removes those two pipe files of the ended soffice: only those names, and only sockets."""
        for path in self._pipe_files():
            try:
                if stat.S_ISSOCK(os.lstat(path).st_mode):
                    os.unlink(path)
            except OSError:
                pass

    def end(self, close: bool = False) -> None:
        """Ends this instance's soffice tree (and a client working for it); with `close`, for good."""
        for client in list(self.clients):
            _kill_tree(client)
        with self._state:
            self.closed = self.closed or close
            self._end_locked()


class Office:
    """The process's LibreOffice: a pool of warm instances (see the module docstring)."""

    def __init__(self, size: int | None = None) -> None:
        self._size = size
        self._root: Path | None = None
        self._instances: list[_Instance] = []
        self._lock = threading.Lock()
        self._retired_starts = 0

    @property
    def size(self) -> int:
        if self._size is None:
            self._size = pool_size()
        return self._size

    def _take(self, count: int) -> list[_Instance]:
        """The first `count` instances (at most the pool's size), made where missing."""
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="ntm-office-"))
            while len(self._instances) < min(count, self.size):
                self._instances.append(_Instance(self._root / f"lo-{len(self._instances) + 1}"))
            return self._instances[: max(1, min(count, self.size))]

    def start(self, soffice: Path | None, count: int | None = None) -> None:
        """Starts `count` instances (the whole pool by default) in the background, so that they
        are warm by the time the first batch comes; does nothing without LibreOffice."""
        if soffice is None:
            return
        for instance in self._take(count or self.size):
            instance.start(soffice)

    def convert(self, soffice: Path, inputs: Sequence[Path], outdir: Path, timeout: float, named: Sequence[Path]) -> None:
        """The PDFs of `inputs` (distinct stems) in `outdir`, the batch split between the pool's
        instances; `named` are the clerk's files, for messages, in the order of `inputs`."""
        chunks = _split(list(zip(inputs, named)), min(self.size, len(inputs)))
        # idle warm instances first, then idle ones not started yet, then busy ones: the web page's
        # preview and an archive PDF asked at the same time go to different instances
        instances = sorted(self._take(self.size), key=lambda i: (i.lock.locked(), not i.running))[: len(chunks)]
        if len(chunks) == 1:
            instances[0].convert(soffice, inputs, outdir, timeout, named)
            return
        failures: list[BaseException] = []

        def work(instance: _Instance, chunk: list[tuple[Path, Path]]) -> None:
            try:
                instance.convert(soffice, [i for i, _ in chunk], outdir, timeout, [n for _, n in chunk])
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread below
                failures.append(exc)

        threads = [threading.Thread(target=work, args=pair, name="ntm-pdf", daemon=True) for pair in zip(instances, chunks)]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:
            for instance in instances:  # Ctrl+C: no soffice keeps converting for nobody
                instance.end()
            raise
        if failures:
            raise failures[0]

    @property
    def running(self) -> bool:
        """At least one instance started, and every started one up."""
        started = [i for i in self._instances if i.process is not None]
        return bool(started) and all(i.running for i in started)

    @property
    def pid(self) -> int | None:
        """The first instance's soffice process id (the leader of its process group on Unix)."""
        first = self._instances[0] if self._instances else None
        process = first.process if first is not None else None
        return process.pid if process is not None and process.poll() is None else None

    @property
    def pids(self) -> list[int]:
        return [i.process.pid for i in self._instances if i.process is not None and i.process.poll() is None]

    @property
    def starts(self) -> int:
        """How many times an instance was (re)started since the process began, for the tests."""
        return self._retired_starts + sum(i.starts for i in self._instances)

    def stop(self) -> None:
        """Ends every instance's process tree and removes the profiles; a later batch starts anew."""
        with self._lock:
            instances, self._instances = self._instances, []
            root, self._root = self._root, None
            self._retired_starts += sum(i.starts for i in instances)
        for instance in instances:
            instance.end(close=True)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def _pipe_folders(temp: Path) -> list[str]:
    """Where LibreOffice makes its pipes: Windows' pipe namespace; /tmp on Unix (or the process's
    temporary folder, on a build that follows it)."""
    return ["\\\\.\\pipe\\"] if os.name == "nt" else ["/tmp", "/var/tmp", str(temp)]


def _split(pairs: list[tuple[Path, Path]], count: int) -> list[list[tuple[Path, Path]]]:
    """`pairs` in `count` chunks of about equal bytes: the largest file first to the lightest chunk."""
    count = max(1, min(count, len(pairs)))
    chunks: list[list[tuple[Path, Path]]] = [[] for _ in range(count)]
    loads = [0] * count

    def size(pair: tuple[Path, Path]) -> int:
        try:
            return pair[0].stat().st_size
        except OSError:
            return 0

    for pair in sorted(pairs, key=size, reverse=True):
        lightest = loads.index(min(loads))
        chunks[lightest].append(pair)
        loads[lightest] += size(pair)
    return chunks


_shared: Office | None = None
_shared_lock = threading.Lock()


def shared() -> Office:
    """The process's one Office, stopped when Python exits."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Office()
            atexit.register(_shared.stop)
        return _shared
