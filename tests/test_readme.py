"""The README's table of problem codes lists exactly the codes the program reports."""

import re

from tests.conftest import REPO


def test_every_problem_code_is_documented_once():
    used = set()
    for path in (REPO / "generator").glob("*.py"):
        used |= set(re.findall(r'"([EW]-[A-Z-]+)"', path.read_text(encoding="utf-8")))
    used.add("E-TEP-KHONG-DOC-DUOC")  # errors.UNREADABLE
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([EW]-[A-Z-]+)` \|", readme, flags=re.MULTILINE)
    assert sorted(documented) == sorted(used)
