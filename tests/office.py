"""LibreOffice for the tests, in one place: where it is, the skip (never on CI), one conversion.

A test that needs LibreOffice is slow by nature (a process of a second or more): `needs_soffice`
marks it `slow` too, so `python -m pytest -m "not slow"` leaves it out of the quick run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from generator.pdf import find_soffice

_FOUND = find_soffice()
SOFFICE: str | None = str(_FOUND) if _FOUND else None

SKIP_WITHOUT_SOFFICE = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed (CI installs it)"
)
# For a whole module: pytestmark = NEEDS_SOFFICE
NEEDS_SOFFICE = [pytest.mark.slow, SKIP_WITHOUT_SOFFICE]

T = TypeVar("T", bound=Callable[..., object])


def needs_soffice(test: T) -> T:
    """Skips the test where LibreOffice is absent (never on CI), and marks it slow."""
    return pytest.mark.slow(SKIP_WITHOUT_SOFFICE(test))  # type: ignore[no-any-return]


def convert(source: Path, to: str, out_dir: Path, *, check: bool = True) -> Path:
    """`source` converted by LibreOffice into `out_dir`; `to` is an extension, optionally with its
    filter ('docx:MS Word 2007 XML'). With check=False a failed conversion returns a path that does
    not exist, for the caller to decide."""
    return convert_all([source], to, out_dir, check=check)[0]


def convert_all(sources: Sequence[Path], to: str, out_dir: Path, *, check: bool = True) -> list[Path]:
    """Many files converted by one LibreOffice run (its own profile in `out_dir`), as `convert`."""
    assert SOFFICE, "CI must have LibreOffice (see .ci/run)"
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=180 + 30 * len(sources),
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return [out_dir / f"{source.stem}.{to.split(':')[0]}" for source in sources]
