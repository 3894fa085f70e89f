"""Make the sample input workbooks of ntm (maintainer script).

Writes ``inputs/binh-xa-2021.xlsx``, ``inputs/nhat-ky-truong-thcs-2021.xlsx`` and
``inputs/2026/binh-xa-2026.xlsx``, the same bytes at every run, through ``ntm init``'s own
builders, then reads them back and checks them. The samples' data, the drawing of their rows,
the writing and the check are in ``tools/sample_workbooks/``.

Rerun from the repository root::

    python tools/make_sample.py
"""

from __future__ import annotations

from sample_workbooks.writing import main

if __name__ == "__main__":
    main()
