"""A broken template is reported as the template's fault; a fault in ntm's own code is not."""

import datetime as dt
from pathlib import Path

import docx
import pytest

from generator.errors import TemplateProblem
from generator.rendering import render_docx

STAMP = dt.datetime(2021, 3, 1, 8, 0)


def _template(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "mau.docx"
    document.save(path)
    return path


class _Broken:
    """A context value as a bug in ntm's own context code would make it."""

    def __str__(self) -> str:
        return str(1 // 0)


def test_a_bug_in_our_own_context_code_is_not_called_a_broken_template(tmp_path):
    with pytest.raises(ZeroDivisionError):
        render_docx(_template(tmp_path, "{{ ten }}"), {"ten": _Broken()}, STAMP, "t")


def test_a_fault_in_the_template_code_is_the_template_s_and_keeps_its_cause(tmp_path):
    with pytest.raises(TemplateProblem, match="mau.docx") as raised:
        render_docx(_template(tmp_path, "{{ so // 0 }}"), {"so": 4}, STAMP, "t")
    assert isinstance(raised.value.__cause__, ZeroDivisionError)


def test_ntm_debug_shows_the_chain_of_causes_of_an_error_the_clerk_reads(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    plain = CliRunner().invoke(main, ["check", str(broken)])
    assert plain.exit_code == 1 and "Traceback" not in plain.output
    debug = CliRunner().invoke(main, ["check", str(broken)], env={"NTM_DEBUG": "1"})
    assert debug.exit_code == 1
    assert "Traceback" in debug.output and "direct cause" in debug.output, debug.output
    assert plain.output.splitlines()[-1] == debug.output.splitlines()[-1], "the clerk reads the same sentence"
