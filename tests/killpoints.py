"""An `ntm` command killed at a named point of its writes, for the interruption tests.

    python tests/killpoints.py "before os.replace #3 .docx" generate inputs --out out

runs `ntm generate inputs --out out` in this process after arming the point: just before
the third `os.replace` whose target ends in `.docx`, the process sends itself SIGKILL, so
nothing of ntm runs after it (no `finally`, no clean-up, no COMMIT), as when the power
fails or the clerk ends the process in the task manager. A point is

    before|after CALL [#N] [TEXT]

CALL is a function ntm's write path calls through its module (`os.replace`, `os.link`,
`tempfile.mkstemp`, `generator.register.issue._store_new`, …) or `sqlite COMMIT` (the
statement, run on any register connection, and counted only after an
`INSERT INTO documents`: the issue's own COMMIT, not a migration's); N counts the calls
that match (1 by default); TEXT must end the call's last positional argument (the target
of a rename or link). A point never reached lets the command finish: the tests check the
return code, so a point that moved away from the code fails the test instead of passing.

The point is armed from outside: ntm has no test hook of its own.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
_POINT = re.compile(r"(?P<when>before|after) (?P<call>\S+(?: COMMIT)?)(?: #(?P<nth>\d+))?(?: (?P<text>\S+))?")


def plant(files: dict[Path, bytes]) -> dict[Path, bytes]:
    """Writes the office's own files (some named like ntm's) where a killed run writes; returns them."""
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def assert_kept(files: dict[Path, bytes]) -> None:
    assert {p: p.read_bytes() for p in files if p.exists()} == files, "a file ntm did not create is never deleted or changed"


def command(point: str, *arguments: str) -> list[str]:
    """The argument list that runs `ntm ARGUMENTS` killed at `point`."""
    return [sys.executable, str(HERE), point, *arguments]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(point: str) -> None:
    match = _POINT.fullmatch(point)
    if match is None:
        raise SystemExit(f"not a kill point: {point!r}")
    when, call, nth, text = match["when"], match["call"], int(match["nth"] or 1), match["text"] or ""
    seen = 0

    def counts(first: object) -> bool:
        nonlocal seen
        if str(first).endswith(text):
            seen += 1
        return seen == nth and str(first).endswith(text)

    if call == "sqlite COMMIT":
        real_connect = sqlite3.connect

        class Dying(sqlite3.Connection):
            inserted = False

            def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
                if sql.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
                    self.inserted = True
                commit = self.inserted and sql.strip().upper() == "COMMIT" and counts(sql.strip())
                if commit and when == "before":
                    _die()
                cursor = super().execute(sql, *args)
                if commit:
                    _die()
                return cursor

        sqlite3.connect = functools.partial(real_connect, factory=Dying)  # type: ignore[assignment]
        return
    owner_name, _, name = call.rpartition(".")
    owner = importlib.import_module(owner_name)
    real = getattr(owner, name)

    @functools.wraps(real)
    def dying(*args: Any, **kwargs: Any) -> Any:
        here = counts(args[-1] if args else "")
        if here and when == "before":
            _die()
        result = real(*args, **kwargs)
        if here:
            _die()
        return result

    setattr(owner, name, dying)


if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == HERE.parent:
        del sys.path[0]  # run by path: the tests folder is not a place to import from
    _arm(sys.argv[1])
    from generator.cli import main

    sys.argv = ["ntm", *sys.argv[2:]]
    main()
