"""The archive files: names, exclusive store, read-only; interrupted issues and their recovery."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import (
    ArchiveConflict,
    OutputExists,
    OutputProblem,
    RegisterProblem,
)
from generator.files import TEMPORARY_SUFFIX, write_atomically
from generator.files import process_gone as _process_gone
from generator.register.store import (
    DEFAULT_ARCHIVE,
    REBUILD_HINT,
    _file_sha256,
    _open,
    register_path,
    write_transaction,
)
from generator.text import ascii_slug, strip_diacritics

# ---------------------------------------------------------------- the archive files


def archive_name(draft: Path, number: int, type_symbol: str, suffix: str = ".docx") -> str:
    """'bao-cao-thang-03.docx', 5, 'BC' → 'bao-cao-thang-03-so-05-BC.docx' (ASCII only)."""
    kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(type_symbol)) or "VB"
    return f"{ascii_slug(draft.stem)}-so-{number:02d}-{kind}{suffix}"


def _read_only(path: Path) -> None:
    """Read-only for everyone (on Windows: the read-only attribute)."""
    os.chmod(path, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)


def _remove(path: Path) -> None:
    """Removes a file ntm wrote (a symbolic link is removed itself; its target is never touched)."""
    try:
        if not path.is_symlink():
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)  # Windows refuses to delete a read-only file
    except OSError:
        pass
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _store_new(path: Path, data: bytes) -> None:
    """Writes a file that must not exist yet, whole or not at all.

    files.write_atomically(overwrite=False): hard-linked into place, which never replaces a file.
    """
    try:
        write_atomically(path, data, overwrite=False)
    except OutputExists as err:
        raise ArchiveConflict(
            f"Đã có tệp '{path}' trong thư mục lưu trữ; ntm không bao giờ ghi đè tệp đã lưu. "
            "Hãy kiểm tra bằng lệnh 'ntm verify' và chuyển tệp đó ra chỗ khác nếu nó không thuộc sổ đăng ký."
        ) from err
    except OutputProblem as exc:
        if isinstance(exc.__cause__, OSError):
            raise _archive_write_problem(path.parent, exc.__cause__) from exc
        raise


def _relative(path: Path, archive: Path) -> str:
    return PurePosixPath(*path.relative_to(archive).parts).as_posix()


# ---------------------------------------------------------------- interrupted issues

PENDING_NAME = ".ntm-dang-phat-hanh"  # the files an `ntm issue` is writing, until it commits

# The only names an issue ever writes under archive/: '<year>/<ascii name>-so-<NN>-<TYPE>.docx|.pdf'
# (archive_name). A pending note naming anything else is not ntm's, and nothing it names is removed.
_ARCHIVE_NAME = re.compile(r"(?P<year>\d{4})/[A-Za-z0-9][A-Za-z0-9-]*-so-(?P<number>\d{2,})-(?P<kind>[A-Za-z0-9]+)\.(?:docx|pdf)")


def _pending_path(archive: Path) -> Path:
    return archive / PENDING_NAME


@dataclass(frozen=True)
class _Pending:
    """What an issue is about to write: its number, series, and each file with the SHA-256 of its bytes."""

    pid: int
    type_symbol: str
    number: int
    files: tuple[tuple[str, str], ...]  # (name relative to the archive, sha256)


def _announce(archive: Path, pending: _Pending) -> None:
    """Notes, before writing them, the archive files this issue will create, with their hashes.

    If the process is killed before its COMMIT, SQLite forgets the row but the files
    stay: the note lets the next `ntm issue` or `ntm verify` remove exactly those, and
    only while they still hold the bytes this issue wrote.
    """
    note = _pending_path(archive)
    temporary = note.with_name(f"{note.name}.ntm{os.getpid()}.tmp")
    text = json.dumps(
        {"pid": pending.pid, "type": pending.type_symbol, "number": pending.number, "files": [list(f) for f in pending.files]},
        ensure_ascii=False,
    )
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, note)
    except OSError as exc:
        _remove(temporary)
        raise _archive_write_problem(archive, exc) from exc


def _archive_write_problem(archive: Path, exc: OSError) -> OutputProblem:
    if exc.errno == errno.ENOSPC:
        why = "ổ đĩa đã đầy"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "thư mục chỉ đọc hoặc không có quyền ghi"
    else:
        why = str(exc.strerror or exc)
    return OutputProblem(
        f"Không ghi được vào thư mục lưu trữ '{archive}': {why}. Chưa cấp số nào và không để lại tệp dở; "
        "hãy khắc phục rồi chạy lại lệnh."
    )


def _read_pending(note: Path) -> _Pending | None:
    """The note, or None when it is not one ntm wrote (edited, damaged, from an older ntm)."""
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
        files = tuple((str(name), str(sha)) for name, sha in data["files"])
        return _Pending(int(data["pid"]), str(data["type"]), int(data["number"]), files)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _recover(connection: sqlite3.Connection, archive: Path) -> None:
    """Inside BEGIN IMMEDIATE: removes the files of an issue that never committed.

    The write lock proves that the issuing process is no longer inside its transaction.
    A file is removed only when all of these hold, so that no edited note can point
    elsewhere: its name has the shape of an archive file (inside archive/<year>/, never
    the register), carries the number and type the note was issuing, that number is not
    in the register for that type, the register does not know the file, and its bytes
    are those the issue wrote (SHA-256 in the note).
    """
    note = _pending_path(archive)
    if not note.exists():
        return
    pending = _read_pending(note)
    if pending is not None:
        registered = {
            name for row in connection.execute("SELECT docx_file, pdf_file FROM documents") for name in (row[0], row[1]) if name
        }
        kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(pending.type_symbol)) or "VB"
        for name, sha in pending.files:
            match = _ARCHIVE_NAME.fullmatch(name)
            if match is None or name in registered:
                continue
            taken = connection.execute(
                "SELECT 1 FROM documents WHERE type_symbol = ? AND number = ? AND year = ? LIMIT 1",
                (pending.type_symbol, pending.number, int(match["year"])),
            ).fetchone()
            if taken is not None:
                continue
            if int(match["number"]) != pending.number or match["kind"] != kind:
                continue
            path = archive.joinpath(*PurePosixPath(name).parts)
            if path.is_file() and not path.is_symlink():
                try:
                    same = _file_sha256(path) == sha
                except OSError:
                    same = False
                if same:
                    _remove(path)
            for stale in path.parent.glob(f".{path.name}.ntm{pending.pid}.*{TEMPORARY_SUFFIX}"):
                _remove(stale)
    _remove(note)
    for stale in archive.glob(f"{PENDING_NAME}.*.tmp"):
        if _process_gone(stale.name.split(".")[-2]):
            _remove(stale)


def recover(archive: Path = DEFAULT_ARCHIVE) -> None:
    """Finishes the clean-up of an interrupted `ntm issue` (nothing to do after a normal one)."""
    # the half-written note an older ntm left on a full disk: its fixed name is ntm's own
    _remove(_pending_path(archive).with_name(PENDING_NAME + ".tmp"))
    if not _pending_path(archive).exists():
        return
    connection = _open(archive, create=False)
    if connection is None:
        _remove(_pending_path(archive))  # no register: nothing was issued, and only the note is ntm's to remove
        return
    with write_transaction(connection, archive):
        _recover(connection, archive)


# ---------------------------------------------------------------- the archive and its register


def archived_files(archive: Path) -> list[Path]:
    """The files an issue wrote: 'archive/<year>/<name>-so-<NN>-<TYPE>.docx|.pdf'."""
    if not archive.is_dir():
        return []
    found = []
    for path in archive.glob("*/*"):
        if path.is_file() and _ARCHIVE_NAME.fullmatch(_relative(path, archive)):
            found.append(path)
    return sorted(found)


def _register_usable(archive: Path) -> bool:
    """A register file that is there and not empty (a damaged one is refused when opened)."""
    path = register_path(archive)
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _refuse_archive_without_register(archive: Path) -> None:
    """An archive holding issued files with no register (lost, or emptied to 0 bytes): a new
    register would give 01 again. Refused, with the way out."""
    if _register_usable(archive):
        return
    held = archived_files(archive)
    if not held:
        return
    path = register_path(archive)
    state = "trống (0 byte)" if path.is_file() else "không còn"
    raise RegisterProblem(
        f"Thư mục lưu trữ '{archive}' đang giữ {len(held)} tệp văn bản đã phát hành (ví dụ '{held[0]}') nhưng sổ đăng ký "
        f"'{path}' {state}: lập sổ mới lúc này sẽ cấp lại những số đã cấp, nên ntm dừng; chưa cấp số nào. {REBUILD_HINT}"
    )


def _refuse_number_held(
    connection: sqlite3.Connection, archive: Path, type_symbol: str, number: int, symbol: str, year: int | None
) -> None:
    """A number is never given while the archive holds a file carrying it that the register does
    not know (a register restored from an old backup, rows deleted by hand)."""
    registered = {
        name for row in connection.execute("SELECT docx_file, pdf_file FROM documents") for name in (row[0], row[1]) if name
    }
    kind = re.sub(r"[^A-Za-z0-9]+", "", strip_diacritics(type_symbol)) or "VB"
    for path in archived_files(archive):
        name = _relative(path, archive)
        match = _ARCHIVE_NAME.fullmatch(name)
        if match is None or name in registered or match["kind"] != kind or int(match["number"]) != number:
            continue
        if year is not None and int(match["year"]) != year:
            continue
        raise RegisterProblem(
            f"Thư mục lưu trữ đang giữ tệp '{path}' mang số {symbol} mà sổ đăng ký không ghi (sổ có thể đã được chép lại "
            f"từ bản sao lưu cũ hoặc bị xóa dòng). ntm không cấp số {symbol} lần thứ hai; chưa cấp số nào. {REBUILD_HINT}"
        )
