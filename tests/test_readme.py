"""The README's table of problem codes is ProblemCode, row for row, and the program uses each code."""

import re

from generator.errors import ProblemCode, code_table
from tests.conftest import REPO


def test_the_readme_code_table_is_written_from_the_enum():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `[EW]-[A-Z-]+` \|.*\|$", readme, flags=re.MULTILINE)
    assert documented == code_table()


def test_every_code_is_reported_somewhere_and_no_bare_code_string_is_left():
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in (REPO / "generator").rglob("*.py") if path.name != "errors.py"
    )
    assert not re.findall(r'"[EW]-[A-Z]+(?:-[A-Z]+)*"', sources)
    unused = [
        code for code in ProblemCode if f"ProblemCode.{code.name}" not in sources and code is not ProblemCode.FILE_UNREADABLE
    ]
    assert not unused
