"""Where the shipped templates and sample inputs are.

In a wheel they sit inside the package (generator/templates, generator/inputs);
in a source checkout they are the repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def shipped_templates() -> Path:
    return _shipped("templates")


def shipped_inputs() -> Path:
    return _shipped("inputs")


def default_inputs(cwd: Path) -> Path:
    """./inputs/ when the clerk has one, else the sample shipped with ntm."""
    local = cwd / "inputs"
    return local if local.is_dir() else shipped_inputs()
