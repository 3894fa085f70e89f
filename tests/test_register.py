"""The register of outgoing documents and the archive (SPEC §7)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from generator import register as R
from generator.errors import NtmError, OutputProblem, UsageError

REPO = Path(__file__).resolve().parent.parent
APRIL_3 = dt.date(2021, 4, 3)


def _copy(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def _variant(source: Path, target: Path, marker: str) -> Path:
    """Another draft of the same kind (a different SHA-256): one more body paragraph."""
    document = docx.Document(str(source))
    document.add_paragraph(marker)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


@pytest.fixture
def drafts(sample_outputs: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """Fresh copies of the drafts: KHT, BC, BCN (and the numbered plan KH, the annex PL)."""
    folder = tmp_path / "nhap"
    return {key: _copy(path, folder) for key, path in sample_outputs.items()}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return tmp_path / "archive"


def _header(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The header table: each paragraph's text and the formatting of its runs."""
    document = docx.Document(str(path))
    table = document.tables[0]
    lines = []
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            runs = [(r.bold, r.italic, r.underline, r.font.size, r.font.name, r.font.all_caps) for r in paragraph.runs]
            lines.append((paragraph.text, runs))
    return lines


def _rows(archive: Path) -> list[sqlite3.Row]:
    connection = sqlite3.connect(str(archive / R.REGISTER_FILE))
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT * FROM documents ORDER BY id").fetchall()
    finally:
        connection.close()


# ---------------------------------------------------------------- numbers


def test_two_processes_at_once_get_consecutive_numbers(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    first = drafts["BC"]
    second = _variant(drafts["BC"], tmp_path / "nhap2" / "bao-cao-thang-03-ban-2.docx", "Bản thứ hai.")
    script = textwrap.dedent(
        """
        import datetime as dt, sys, time
        from pathlib import Path
        from generator.register import issue_document
        draft, archive, ready, go = (Path(a) for a in sys.argv[1:5])
        ready.write_text("ok")
        while not go.exists():
            time.sleep(0.002)
        print(issue_document(draft, archive, dt.date(2021, 4, 3)).symbol)
        """
    )
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    processes = []
    for index, draft in enumerate((first, second)):
        ready = tmp_path / f"ready-{index}"
        command = [sys.executable, "-c", script, str(draft), str(archive), str(ready), str(go)]
        processes.append(
            (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path), ready)
        )
    deadline = time.monotonic() + 60
    while not all(ready.exists() for _, ready in processes) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.write_text("go")  # both are past their imports: they start issuing together
    symbols = []
    for process, _ in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode("utf-8", "replace")
        symbols.append(out.decode("utf-8").strip())
    assert sorted(symbols) == ["01-BC/ĐU", "02-BC/ĐU"]
    documents = R.list_documents(archive)
    assert sorted(d.number for d in documents) == [1, 2]
    assert len({d.docx_file for d in documents}) == 2
    assert R.verify_archive(archive).clean


@pytest.mark.slow
def test_a_second_issue_waits_for_the_first(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    """While one issue holds the register (its write transaction), another waits, then takes the next number."""
    R.issue_document(drafts["BC"], archive, APRIL_3)
    holder = sqlite3.connect(str(archive / R.REGISTER_FILE), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    # the second issue says when its BEGIN IMMEDIATE starts running and when its next statement
    # does (SQLite's trace callback, called as a statement starts): no guessed delay
    script = textwrap.dedent(
        """
        import datetime as dt, sqlite3, sys
        from pathlib import Path
        from generator.register import issue_document
        draft, archive, at_lock, past_lock = (Path(a) for a in sys.argv[1:5])
        def trace(sql):
            if sql.startswith("BEGIN IMMEDIATE"):
                at_lock.write_text("waiting")
            elif at_lock.exists() and not past_lock.exists():
                past_lock.write_text(sql)
        connect = sqlite3.connect
        def traced(*args, **kwargs):
            connection = connect(*args, **kwargs)
            connection.set_trace_callback(trace)
            return connection
        sqlite3.connect = traced
        print(issue_document(draft, archive, dt.date(2021, 12, 20)).symbol)
        """
    )
    at_lock, past_lock = tmp_path / "at-lock", tmp_path / "past-lock"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(drafts["BCN"]), str(archive), str(at_lock), str(past_lock)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while not at_lock.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert at_lock.exists(), "the second issue reached the register's lock"
        # that it waits can only be seen over time: for a second after it reached the lock, it must not get past it
        window = time.monotonic() + 1
        while not past_lock.exists() and time.monotonic() < window:
            time.sleep(0.01)
        assert not past_lock.exists() and process.poll() is None, "the second issue waits for the register"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode("utf-8", "replace")
    assert out.decode("utf-8").strip() == "02-BC/ĐU"
    assert past_lock.exists(), "it went on once the register was free"


def test_register_busy_too_long(drafts: dict[str, Path], archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    R.issue_document(drafts["BC"], archive, APRIL_3)
    monkeypatch.setattr(R.store, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(str(archive / R.REGISTER_FILE), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(R.RegisterProblem, match="đang được một lệnh khác dùng"):
            R.issue_document(drafts["BCN"], archive, dt.date(2021, 12, 20))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert R.issue_document(drafts["BCN"], archive, dt.date(2021, 12, 20)).symbol == "02-BC/ĐU"


def test_plans_and_reports_are_numbered_apart(drafts: dict[str, Path], archive: Path) -> None:
    monthly_plan = R.issue_document(drafts["KHT"], archive, dt.date(2021, 3, 2))
    report = R.issue_document(drafts["BC"], archive, APRIL_3)
    annual = R.issue_document(drafts["BCN"], archive, dt.date(2021, 12, 20))
    assert (monthly_plan.symbol, report.symbol, annual.symbol) == ("01-KH/ĐU", "01-BC/ĐU", "02-BC/ĐU")
    assert [d.doc_type for d in R.list_documents(archive)] == ["KHT", "BC", "BCN"]
    assert [d.type_symbol for d in R.list_documents(archive)] == ["KH", "BC", "BC"]
    assert monthly_plan.docx == archive / "2021" / "ke-hoach-thang-03-so-01-KH.docx"
    assert report.docx == archive / "2021" / "bao-cao-thang-03-so-01-BC.docx"
    assert annual.docx == archive / "2021" / "bao-cao-nam-2021-so-02-BC.docx"
    assert all(p.name.isascii() for p in (archive / "2021").iterdir())


@pytest.mark.parametrize(("reset", "expected"), [(True, "01-BC/ĐU"), (False, "02-BC/ĐU")])
def test_reset_each_year(drafts: dict[str, Path], archive: Path, tmp_path: Path, reset: bool, expected: str) -> None:
    R.issue_document(drafts["BC"], archive, APRIL_3, reset_each_year=reset)
    next_year = _variant(drafts["BC"], tmp_path / "2022" / "bao-cao-thang-01.docx", "Năm sau.")
    issued = R.issue_document(next_year, archive, dt.date(2022, 2, 3), reset_each_year=reset)
    assert issued.symbol == expected
    assert issued.record.year == 2022
    assert issued.docx.parent == archive / "2022"
    assert [d.symbol for d in R.list_documents(archive, 2022)] == [expected]
    assert [d.symbol for d in R.list_documents(archive, 2021)] == ["01-BC/ĐU"]


def test_withdrawn_number_is_not_reused(drafts: dict[str, Path], archive: Path) -> None:
    first = R.issue_document(drafts["BC"], archive, APRIL_3)
    withdrawn = R.withdraw(archive, "01-BC/ĐU", day=dt.date(2021, 4, 5), reason="sai số liệu")
    assert withdrawn.withdrawn and withdrawn.withdrawn_on == dt.date(2021, 4, 5)
    assert withdrawn.docx_file == first.record.docx_file
    assert first.docx.is_file(), "a withdrawn document stays in the archive"
    second = R.issue_document(drafts["BCN"], archive, dt.date(2021, 12, 20))
    assert second.symbol == "02-BC/ĐU"
    with pytest.raises(UsageError, match="đã được thu hồi"):
        R.withdraw(archive, "Số 1-BC/ĐU")
    with pytest.raises(UsageError, match="không có văn bản số 07-BC/ĐU"):
        R.withdraw(archive, "07-BC/ĐU")
    with pytest.raises(UsageError):
        R.withdraw(archive, "bao cao")


def test_withdraw_asks_for_the_year_when_numbers_restart(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    R.issue_document(drafts["BC"], archive, APRIL_3, reset_each_year=True)
    other = _variant(drafts["BC"], tmp_path / "x" / "bao-cao-thang-01.docx", "2022")
    R.issue_document(other, archive, dt.date(2022, 2, 3), reset_each_year=True)
    with pytest.raises(UsageError, match="hãy chỉ rõ năm"):
        R.withdraw(archive, "01-BC/ĐU")
    assert R.withdraw(archive, "01-BC/ĐU", year=2022).year == 2022


def test_starting_number_for_an_office_mid_term(drafts: dict[str, Path], archive: Path) -> None:
    R.set_last_number(archive, "KH", 11)
    assert R.issue_document(drafts["KHT"], archive, dt.date(2021, 3, 2)).symbol == "12-KH/ĐU"
    assert R.issue_document(drafts["BC"], archive, APRIL_3).symbol == "01-BC/ĐU"


# ---------------------------------------------------------------- the final document


def test_number_and_date_filled_formatting_kept(drafts: dict[str, Path], archive: Path) -> None:
    before = _header(drafts["BC"])
    issued = R.issue_document(drafts["BC"], archive, APRIL_3)
    after = _header(issued.docx)
    texts = [text for text, _ in after]
    assert "Số 01-BC/ĐU" in texts
    assert "Bình Xa, ngày 03 tháng 4 năm 2021" in texts
    assert [runs for _, runs in after] == [runs for _, runs in before], "bold, italic, size of every run unchanged"
    changed = {(b, a) for (b, _), (a, _) in zip(before, after) if a != b}
    assert changed == {
        ("Số      -BC/ĐU", "Số 01-BC/ĐU"),
        ("Bình Xa, ngày    tháng 3 năm 2021", "Bình Xa, ngày 03 tháng 4 năm 2021"),
    }
    body_before = [p.text for p in docx.Document(str(drafts["BC"])).paragraphs]
    body_after = [p.text for p in docx.Document(str(issued.docx)).paragraphs]
    # the annexed tables' "(Kèm theo Báo cáo số …, ngày …)" get the number and the issue date too
    cited = "(Kèm theo Báo cáo số 01-BC/ĐU, ngày 03/04/2021 của Đảng ủy xã Bình Xa)"
    assert body_after == [
        t.replace(
            "(Kèm theo Báo cáo số      -BC/ĐU, ngày     /    /2021 của", "(Kèm theo Báo cáo số 01-BC/ĐU, ngày 03/04/2021 của"
        )
        for t in body_before
    ]
    assert body_after.count(cited) == 3, "Biểu 01, 02 and 03 each cite the report"


def test_draft_is_not_changed(drafts: dict[str, Path], archive: Path) -> None:
    data = drafts["BC"].read_bytes()
    R.issue_document(drafts["BC"], archive, APRIL_3)
    assert drafts["BC"].read_bytes() == data


def test_citations_of_its_own_number_are_filled(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    document = docx.Document(str(drafts["BC"]))
    paragraph = document.add_paragraph("Kèm theo Báo cáo ")
    paragraph.add_run("số      -")  # the symbol split over runs, as Word often stores it
    paragraph.add_run("BC/ĐU").italic = True
    paragraph.add_run(" của Đảng ủy xã; Kế hoạch số      -KH/ĐU giữ nguyên.")
    draft = tmp_path / "cites" / "bao-cao-thang-03.docx"
    draft.parent.mkdir()
    document.save(str(draft))
    issued = R.issue_document(draft, archive, APRIL_3)
    last = docx.Document(str(issued.docx)).paragraphs[-1]
    assert last.text == "Kèm theo Báo cáo số 01-BC/ĐU của Đảng ủy xã; Kế hoạch số      -KH/ĐU giữ nguyên."


def test_the_citation_of_its_own_number_gets_the_issue_date_and_no_other_date_changes(
    drafts: dict[str, Path], archive: Path, tmp_path: Path
) -> None:
    document = docx.Document(str(drafts["BC"]))
    paragraph = document.add_paragraph("(Kèm theo Báo cáo số      -BC/")
    paragraph.add_run("ĐU, ngày     /")  # the gaps split over runs, as Word often stores them
    paragraph.add_run("    /2021 của Đảng ủy xã; theo Kế hoạch số      -KH/ĐU, ngày     /    /2021)")
    document.add_paragraph("Hạn nộp ngày     /    /2021.")  # no citation of the document: left alone
    draft = tmp_path / "dated" / "bao-cao-thang-03.docx"
    draft.parent.mkdir()
    document.save(str(draft))
    issued = R.issue_document(draft, archive, APRIL_3)
    *_, cited, other = docx.Document(str(issued.docx)).paragraphs
    assert (
        cited.text
        == "(Kèm theo Báo cáo số 01-BC/ĐU, ngày 03/04/2021 của Đảng ủy xã; theo Kế hoạch số      -KH/ĐU, ngày     /    /2021)"
    )
    assert other.text == "Hạn nộp ngày     /    /2021."


def test_register_row(drafts: dict[str, Path], archive: Path) -> None:
    issued = R.issue_document(drafts["BC"], archive, APRIL_3)
    [row] = _rows(archive)
    assert row["docx_sha256"] == hashlib.sha256(issued.docx.read_bytes()).hexdigest()
    assert row["draft_sha256"] == hashlib.sha256(drafts["BC"].read_bytes()).hexdigest()
    assert row["symbol"] == "01-BC/ĐU" and row["number"] == 1 and row["type_symbol"] == "BC" and row["doc_type"] == "BC"
    assert row["issued_on"] == "2021-04-03" and row["year"] == 2021 and row["status"] == "issued"
    assert row["docx_file"] == "2021/bao-cao-thang-03-so-01-BC.docx"
    assert row["signer"] == "Lê Ngọc Duyên"
    assert row["title"].startswith("Báo cáo kết quả thực hiện phong trào cán bộ, đảng viên")
    assert row["title"].endswith("tháng 3 năm 2021") and "\n" not in row["title"]
    assert row["recipients"].split("\n")[-1] == "Lưu VPĐU xã"
    assert row["recipients"].split("\n")[0] == "Thường trực Huyện ủy (báo cáo)"
    record = issued.record
    assert record.copies == len(record.recipients) and record.kept_by == "VPĐU xã"
    connection = sqlite3.connect(str(archive / R.REGISTER_FILE))
    assert connection.execute("PRAGMA user_version").fetchone()[0] == R.SCHEMA_VERSION
    connection.close()


def test_archived_file_is_read_only(drafts: dict[str, Path], archive: Path) -> None:
    issued = R.issue_document(drafts["BC"], archive, APRIL_3)
    assert stat.S_IMODE(issued.docx.stat().st_mode) & 0o222 == 0


# ---------------------------------------------------------------- refusals


def test_same_draft_twice_is_refused(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    R.issue_document(drafts["BC"], archive, APRIL_3)
    with pytest.raises(R.DraftRefused, match="đã được cấp số 01-BC/ĐU ngày 03/04/2021"):
        R.issue_document(drafts["BC"], archive, APRIL_3)
    renamed = _copy(drafts["BC"], tmp_path / "khac", "bao-cao-moi.docx")
    with pytest.raises(R.DraftRefused):
        R.issue_document(renamed, archive, dt.date(2021, 4, 4))
    assert len(R.list_documents(archive)) == 1


def test_existing_archive_file_is_never_overwritten(drafts: dict[str, Path], archive: Path) -> None:
    squatter = archive / "2021" / "bao-cao-thang-03-so-01-BC.docx"
    squatter.parent.mkdir(parents=True)
    squatter.write_bytes(b"do not touch")
    with pytest.raises(R.RegisterProblem, match="sổ đăng ký '.*' không còn"):
        R.issue_document(drafts["BC"], archive, APRIL_3)
    R.set_last_number(archive, "KH", 0)  # a register now exists, and it does not know the file
    with pytest.raises(R.RegisterProblem, match="không cấp số 01-BC/ĐU lần thứ hai"):
        R.issue_document(drafts["BC"], archive, APRIL_3)
    assert squatter.read_bytes() == b"do not touch"
    assert R.list_documents(archive) == []
    squatter.unlink()
    assert R.issue_document(drafts["BC"], archive, APRIL_3).symbol == "01-BC/ĐU", "the number was not consumed"


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    R._store_new(target, b"first")
    with pytest.raises(R.ArchiveConflict):
        R._store_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"], "no temporary file left"


def test_numbered_document_is_refused(drafts: dict[str, Path], archive: Path) -> None:
    with pytest.raises(R.DraftRefused, match="đã có số 11-KH/ĐU"):
        R.issue_document(drafts["KH"], archive, APRIL_3)
    assert R.list_documents(archive) == []


def test_annex_has_no_number_of_its_own(drafts: dict[str, Path], archive: Path) -> None:
    with pytest.raises(R.DraftRefused, match="phụ lục"):
        R.issue_document(drafts["PL"], archive, APRIL_3)


def test_document_without_number_line_is_refused(tmp_path: Path, archive: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Bình Xa, ngày    tháng 3 năm 2021")
    document.add_paragraph("Một văn bản không có dòng số.")
    path = tmp_path / "khong-so.docx"
    document.save(str(path))
    with pytest.raises(R.DraftRefused, match="dòng số, ký hiệu"):
        R.issue_document(path, archive, APRIL_3)


def test_not_a_word_file(tmp_path: Path, archive: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK not really")
    with pytest.raises(R.DraftUnreadable, match="Không mở được tệp Word") as caught:
        R.issue_document(path, archive, APRIL_3)
    assert caught.value.exit_code == 1
    with pytest.raises(UsageError, match="Không tìm thấy"):
        R.issue_document(tmp_path / "khong-co.docx", archive, APRIL_3)


def test_check_findings_refuse_before_a_number_is_taken(drafts: dict[str, Path], archive: Path) -> None:
    seen: list[Path] = []

    def check(path: Path) -> list[str]:
        seen.append(path)
        return ["Lề trái 25 mm, phải 30 mm"]

    with pytest.raises(R.DraftHasProblems, match="Lề trái 25 mm") as caught:
        R.issue_document(drafts["BC"], archive, APRIL_3, check=check)
    assert caught.value.exit_code == 3 and seen == [drafts["BC"]]
    assert R.list_documents(archive) == []
    assert R.issue_document(drafts["BC"], archive, APRIL_3, check=lambda path: []).symbol == "01-BC/ĐU"


def test_failure_before_writing_does_not_consume_the_number(
    drafts: dict[str, Path], archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, data: bytes) -> None:
        raise OutputProblem("đĩa đầy")

    monkeypatch.setattr(R.issue, "_store_new", broken)
    with pytest.raises(OutputProblem, match="đĩa đầy"):
        R.issue_document(drafts["BC"], archive, APRIL_3)
    monkeypatch.undo()
    assert R.list_documents(archive) == []
    assert not any(p.is_file() for p in (archive / "2021").glob("*")) if (archive / "2021").exists() else True
    assert R.issue_document(drafts["BC"], archive, APRIL_3).symbol == "01-BC/ĐU"


def test_failure_after_writing_removes_the_file(drafts: dict[str, Path], archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    real_store = R._store_new

    def store_then_note(path: Path, data: bytes) -> None:
        real_store(path, data)
        written.append(path)

    def broken(path: Path) -> None:
        raise OSError("read-only attribute refused")

    monkeypatch.setattr(R.issue, "_store_new", store_then_note)
    monkeypatch.setattr(R.issue, "_read_only", broken)
    with pytest.raises(R.OutputProblem, match="Chưa cấp số nào và không để lại tệp dở"):
        R.issue_document(drafts["BC"], archive, APRIL_3)
    monkeypatch.undo()
    assert written and not written[0].exists(), "the final file is removed on rollback"
    assert list((archive / "2021").iterdir()) == []
    assert R.list_documents(archive) == []
    assert R.issue_document(drafts["BC"], archive, APRIL_3).symbol == "01-BC/ĐU"


def test_register_from_a_newer_ntm_is_refused(archive: Path, drafts: dict[str, Path]) -> None:
    archive.mkdir()
    connection = sqlite3.connect(str(archive / R.REGISTER_FILE))
    connection.execute(f"PRAGMA user_version = {R.SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(R.RegisterProblem, match="phiên bản ntm mới hơn"):
        R.issue_document(drafts["BC"], archive, APRIL_3)


def test_no_register_yet(archive: Path) -> None:
    assert R.list_documents(archive) == []
    assert R.verify_archive(archive).clean
    assert not archive.exists(), "reading does not create the archive"


# ---------------------------------------------------------------- verify


def test_verify(drafts: dict[str, Path], archive: Path) -> None:
    report_doc = R.issue_document(drafts["BC"], archive, APRIL_3)
    plan_doc = R.issue_document(drafts["KHT"], archive, dt.date(2021, 3, 2))
    report = R.verify_archive(archive)
    assert report.clean and sorted(report.ok) == sorted([report_doc.docx, plan_doc.docx])

    report_doc.docx.chmod(stat.S_IREAD | stat.S_IWRITE)
    with report_doc.docx.open("ab") as stream:
        stream.write(b"\0")
    plan_doc.docx.chmod(stat.S_IREAD | stat.S_IWRITE)
    plan_doc.docx.unlink()
    extra = archive / "2021" / "ghi-chu.txt"
    extra.write_text("?")
    report = R.verify_archive(archive)
    assert report.changed == [report_doc.docx]
    assert report.missing == [plan_doc.docx]
    assert report.unregistered == [extra]
    assert report.ok == [] and not report.clean


# ---------------------------------------------------------------- export


def test_export_register(drafts: dict[str, Path], archive: Path, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://x","y")'
    document = docx.Document(str(drafts["BC"]))
    closing = document.tables[1].rows[0].cells[0]
    first_recipient = next(p for p in closing.paragraphs if p.text.startswith("- "))
    for run in first_recipient.runs[1:]:
        run.text = ""
    first_recipient.runs[0].text = f"- {formula},"
    draft = tmp_path / "xuat" / "bao-cao-thang-03.docx"
    draft.parent.mkdir()
    document.save(str(draft))
    R.issue_document(drafts["KHT"], archive, dt.date(2021, 3, 2))
    issued = R.issue_document(draft, archive, APRIL_3)
    assert issued.record.recipients[0] == formula
    R.withdraw(archive, "01-KH/ĐU", day=dt.date(2021, 3, 9))

    target = R.export_register(archive, tmp_path / R.EXPORT_FILE)
    assert target == tmp_path / R.EXPORT_FILE
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header == [
        "Số, ký hiệu",
        "Ngày tháng",
        "Tên loại và trích yếu nội dung",
        "Người ký",
        "Nơi nhận",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ghi chú",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 40
    plan_row, report_row = [[c for c in row] for row in sheet.iter_rows(min_row=2)]
    assert plan_row[0].value == "01-KH/ĐU" and plan_row[7].value.startswith("Đã thu hồi")
    assert report_row[0].value == "01-BC/ĐU"
    assert report_row[1].value.date() == APRIL_3
    assert report_row[2].value.startswith("Báo cáo kết quả thực hiện")
    assert report_row[3].value == "Lê Ngọc Duyên"
    recipients = report_row[4]
    assert recipients.value.split("\n")[0] == formula, "the text is kept as written"
    assert recipients.data_type == "s", "stored as text, never as a formula"
    assert "Lưu" not in recipients.value
    assert report_row[5].value == "VPĐU xã"
    assert report_row[6].value == len(issued.record.recipients)  # the recipients and the archive copy
    assert report_row[7].value is None
    assert report_row[2].alignment.wrap_text

    only_2022 = openpyxl.load_workbook(R.export_register(archive, tmp_path / "2022.xlsx", year=2022)).active
    assert only_2022.max_row == 1


def test_every_formula_like_text_is_stored_as_text(archive: Path, tmp_path: Path, drafts: dict[str, Path]) -> None:
    issued = R.issue_document(drafts["BC"], archive, APRIL_3)
    connection = sqlite3.connect(str(archive / R.REGISTER_FILE))
    for column, value in (("signer", "+1+1"), ("title", "-2+3"), ("note", "@SUM(A1)")):
        connection.execute(f"UPDATE documents SET {column} = ? WHERE id = ?", (value, issued.record.id))
    connection.commit()
    connection.close()
    sheet = openpyxl.load_workbook(R.export_register(archive, tmp_path / "x.xlsx")).active
    row = list(sheet.iter_rows(min_row=2))[0]
    assert (row[2].value, row[2].data_type) == ("-2+3", "s")
    assert (row[3].value, row[3].data_type) == ("+1+1", "s")
    assert (row[7].value, row[7].data_type) == ("@SUM(A1)", "s")


# ---------------------------------------------------------------- with the PDF

from tests.office import needs_soffice  # noqa: E402


@needs_soffice
def test_issue_with_pdf(drafts: dict[str, Path], archive: Path) -> None:
    from pypdf import PdfReader

    issued = R.issue_document(drafts["BC"], archive, APRIL_3, pdf=True)
    assert issued.pdf == archive / "2021" / "bao-cao-thang-03-so-01-BC.pdf"
    assert stat.S_IMODE(issued.pdf.stat().st_mode) & 0o222 == 0
    assert issued.record.pdf_sha256 == hashlib.sha256(issued.pdf.read_bytes()).hexdigest()
    text = PdfReader(issued.pdf).pages[0].extract_text()
    assert "01-BC/" in text and "ngày 03 tháng 4 năm 2021" in text
    assert sorted(R.verify_archive(archive).ok) == sorted([issued.docx, issued.pdf])


def test_pdf_without_libreoffice_takes_no_number(drafts: dict[str, Path], archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.pdf

    monkeypatch.setattr(generator.pdf, "find_soffice", lambda: None)
    with pytest.raises(NtmError, match="Cần LibreOffice"):
        R.issue_document(drafts["BC"], archive, APRIL_3, pdf=True)
    assert R.list_documents(archive) == []
