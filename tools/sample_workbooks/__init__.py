"""The sample input workbooks of ntm, made by tools/make_sample.py.

Writes:

* ``inputs/binh-xa-2021.xlsx`` – the main workbook of commune Bình Xa, plan
  year 2021: sheets ``Hướng dẫn``, ``Thông tin``, ``Nơi nhận``, ``Đơn vị``,
  ``Thôn``, ``Tiêu chí``, ``Phân công``, ``Kế hoạch tháng``, ``Nhật ký``
  (SPEC §3).  The plan's texts (Căn cứ, section IV, the annex) are copied from
  the real Kế hoạch số 11-KH/ĐU of 15/01/2021 (``../shared/seed/``).
* ``inputs/nhat-ky-truong-thcs-2021.xlsx`` – a per-unit activity log of
  "Trường THCS": ``Hướng dẫn`` and ``Nhật ký`` only.
* ``inputs/2026/binh-xa-2026.xlsx`` – the main workbook of the merged commune
  Bình Xa for 2026, after the 2025 reorganisation: no district level any more,
  so the superior body is ĐẢNG BỘ TỈNH TUYÊN QUANG and reports go to the
  Tỉnh ủy (through its Ban Tuyên giáo và Dân vận); 6 villages and 3 units of
  the merged neighbouring commune are added.  It sits in a subfolder so that
  ``ntm generate`` on ``inputs/`` still finds one main workbook (2021); use
  ``ntm generate inputs/2026``.

Each sample is a function returning a ``Sample`` (``samples.sample_2021()``,
``samples.sample_2026()``); ``writing.build(sample)`` makes its workbooks.  All
the fixed data are constants (``binh_xa_2021``, ``binh_xa_2026``; what both
share in ``common``); the activity rows (Nhật ký, Kế hoạch tháng) and the
household figures of the villages are drawn (``rows``) from ``random.Random(<year>)`` – no
other randomness – so every run gives the same workbooks, byte for byte (fixed
document properties and zip timestamps).  The figures are illustrative, not
real; so are the names of the 2026 sample's added villages, units and people,
and the provincial documents it cites.

The workbooks are made by ``ntm init``'s own builders (``blank.main_workbook``,
``blank.unit_log_workbook``, the per-unit one from the commune of the main
workbook just made), so the sample has the same header comments, formats,
dropdowns, hidden ``Danh mục`` sheet and ``Hướng dẫn`` sheet as a new workbook;
the sample's own notes open its ``Hướng dẫn``.  Each workbook is written with
``files.write_atomically``.  After writing, ``check.check(sample)`` reads the
files back with openpyxl, prints a summary and asserts the rules of the sample.
"""
