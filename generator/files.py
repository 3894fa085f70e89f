"""Writing output files whole or not at all.

Every document, PDF and workbook ntm writes goes through here: written beside
its target under a hidden temporary name, flushed to disk, then renamed, so a
reader (or a run killed half-way) never sees a half-written file.
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from generator.errors import OutputProblem

TEMPORARY_SUFFIX = ".tmp"


def sweep_temporaries(folder: Path) -> None:
    """Removes what a run killed mid-write left behind: our hidden '.<name>.<random>.tmp' files."""
    if folder.is_dir():
        for stale in folder.glob(f".*{TEMPORARY_SUFFIX}"):
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


def write_atomically(path: Path, data: bytes) -> None:
    """Writes beside the target then renames: a reader sees the old file or the whole new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_temporaries(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputProblem(f"Không tạo được thư mục hoặc tệp trong '{path.parent}': {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputProblem(f"Không ghi được tệp '{path}': {exc.strerror or exc}.") from None
