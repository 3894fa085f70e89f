"""Writing output files whole or not at all.

Every document, PDF and workbook ntm writes goes through here: written beside
its target under a hidden temporary name, flushed to disk, then renamed, so a
reader (or a run killed half-way) never sees a half-written file.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

from generator.errors import OutputExists, OutputProblem

TEMPORARY_SUFFIX = ".tmp"
# the time of every member of a zip ntm writes, unless the caller names another
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_entry(name: str, date_time: tuple[int, int, int, int, int, int] = FIXED_ZIP_TIME) -> zipfile.ZipInfo:
    """A deflated zip member whose every attribute is fixed (its time, MS-DOS as the system that
    made it, no permission bits): the same content gives the same bytes on any computer."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


# '.<name>.ntm<pid>.<random>.tmp': only ntm makes such names, and the process id says
# whose file it is, so that a run never sweeps the file another run is still writing.
_OURS = re.compile(r"^\..+\.ntm(?P<pid>\d+)\.[A-Za-z0-9_]+" + re.escape(TEMPORARY_SUFFIX) + "$")


def temporary_prefix(name: str) -> str:
    """The start of a temporary name for the file `name`, marked with this process's id."""
    return f".{name}.ntm{os.getpid()}."


def process_gone(pid_text: str) -> bool:
    """Whether the process of that id has ended (so that its temporary files are litter)."""
    try:
        pid = int(pid_text.removeprefix("ntm"))
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    if pid <= 0:
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return True
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value != 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists, owned by someone else
    return False


def sweep_temporaries(folder: Path) -> None:
    """Removes what an ntm run killed mid-write left behind: only ntm's own temporary names,
    and only those of a process that has ended. Other programs' *.tmp files are never touched."""
    if not folder.is_dir():
        return
    for stale in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        match = _OURS.match(stale.name)
        if match is not None and process_gone(match["pid"]):
            stale.unlink(missing_ok=True)


@functools.cache
def _umask() -> int:
    """The process's umask (read once: os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode a new file gets from the user's umask (0644 with the usual 022), not tempfile's 0600."""
    return 0o666 & ~_umask()


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True, create_folder: bool = True) -> None:
    """The one way ntm writes a file: beside the target under a temporary name, flushed, then
    put in place, so that a reader sees the old file or the whole new one. The file gets the
    mode the umask gives (0644 usually), not tempfile's 0600.

    With overwrite=False the file must not exist yet (OutputExists otherwise): it is hard-linked
    into place, because a link, unlike a rename, never replaces a file, even one another process
    creates at the same moment; where the disk has no hard links (FAT USB sticks) the name is
    created with an exclusive open instead. With create_folder=False a missing folder is an
    error. An OSError becomes OutputProblem, its cause kept.
    """
    try:
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        sweep_temporaries(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=TEMPORARY_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputProblem(f"Không tạo được thư mục hoặc tệp trong '{path.parent}': {exc.strerror or exc}.") from exc
    exists = OutputExists(f"Tệp '{path}' đã có; ntm không ghi đè tệp này.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, new_file_mode())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path, data, exists)
    except OSError as exc:
        raise OutputProblem(f"Không ghi được tệp '{path}': {exc.strerror or exc}.") from exc
    finally:
        Path(temporary).unlink(missing_ok=True)


def _link_new(temporary: Path, path: Path, data: bytes, exists: OutputExists) -> None:
    try:
        os.link(temporary, path)
        return
    except FileExistsError as err:
        raise exists from err
    except (OSError, NotImplementedError):
        pass  # no hard links on this disk
    try:
        with path.open("xb") as stream:
            try:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            except BaseException:
                stream.close()
                path.unlink(missing_ok=True)
                raise
    except FileExistsError as err:
        raise exists from err
