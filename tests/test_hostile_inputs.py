"""Hostile and faulty inputs, second round (issue 12): no code from a template, no file deleted
that ntm did not make, no number given twice. Each case: the exit code, the message, nothing
deleted or left behind, no number repeated."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from generator import rendering
from generator.cli import main
from tests.conftest import INPUTS, SAMPLE, copy_drafts
from tests.workbooks import edit, put

REPORT = Path("outputs/2021/2021-03/bao-cao-thang-03.docx")
FEBRUARY_REPORT = Path("outputs/2021/2021-02/bao-cao-thang-02.docx")
APRIL_REPORT = Path("outputs/2021/2021-04/bao-cao-thang-04.docx")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: to prove nothing was deleted, changed or added."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def issued_numbers(archive: Path) -> list[str]:
    """The number line of every archived DOCX ('Số 01-BC/ĐU')."""
    numbers = []
    for path in sorted(archive.rglob("*.docx")):
        for paragraph in docx.Document(str(path)).tables[0].rows[0].cells[0].paragraphs:
            if paragraph.text.strip().startswith("Số "):
                numbers.append(paragraph.text.strip())
    return numbers


# ================================================================ templates run no code


def _template_folder(tmp_path: Path, payload: str, name: str = "mau") -> Path:
    """A copy of the shipped templates whose plan carries `payload` as its first paragraph."""
    folder = tmp_path / name
    shutil.copytree(Path(rendering.__file__).resolve().parent.parent / "templates", folder)
    document = docx.Document(str(folder / "ke-hoach.docx"))
    document.paragraphs[0].insert_paragraph_before(payload)
    document.save(str(folder / "ke-hoach.docx"))
    return folder


def _proof(tmp_path: Path) -> Path:
    return tmp_path / "da-chay-lenh"


ESCAPES = [
    "{{{{ cycler.__init__.__globals__.os.system('touch {proof}') }}}}",
    "{{{{ joiner.__init__.__globals__.os.popen('touch {proof}').read() }}}}",
    "{{{{ namespace.__init__.__globals__['os'].system('touch {proof}') }}}}",
    "{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}",
    "{{{{ (range|attr('__init__')) }}}}",
    "{{{{ self._TemplateReference__context }}}}",
    "{{{{ '{{0.__class__.__init__.__globals__}}'.format(cycler) }}}}",
    "{{% set l = [1] %}}{{{{ l.append(2) }}}}{{{{ l.pop() }}}}",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_template_escape_is_blocked_by_check_and_by_generate(tmp_path, monkeypatch, escape):
    monkeypatch.chdir(tmp_path)
    proof = _proof(tmp_path)
    templates = _template_folder(tmp_path, escape.format(proof=proof))
    checked = run("check", "--template", str(templates / "ke-hoach.docx"))
    assert checked.exit_code == 3, checked.output
    assert "mẫu dùng được" not in checked.output
    generated = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", "out")
    assert generated.exit_code == 1, generated.output
    assert "Mẫu 'ke-hoach.docx'" in generated.output and "Traceback" not in generated.output
    assert not proof.exists(), "the template ran a command"
    assert not (tmp_path / "out").exists() or tree(tmp_path / "out") == {}


def test_the_sandbox_says_which_operation_was_blocked(tmp_path):
    templates = _template_folder(tmp_path, "{{ cycler.__init__.__globals__.os.system('id') }}")
    result = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "dùng một thao tác không được phép" in result.output and "__init__" in result.output


@pytest.mark.parametrize(
    ("payload", "limit"),
    [
        ("{% for x in range(10**10) %}a{% endfor %}", "một range() tối đa 100.000 phần tử"),
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "tổng số vòng lặp range() tối đa 1.000.000 lượt",
        ),
        (
            "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "một chuỗi hoặc danh sách trong mẫu tối đa 5.000.000 phần tử",
        ),
        ("{{ 'a' * 10**9 }}", "một chuỗi hoặc danh sách trong mẫu tối đa 5.000.000 phần tử"),
        ("{{ (10**100000) > 0 }}", "số mũ tối đa 1.000"),
        ("{{ 'a'|center(10**9) }}", "số đưa vào bộ lọc hoặc hàm căn lề (center, indent, ljust…) tối đa 100.000"),
        ("{{ 'a'.ljust(10**9) }}", "số đưa vào bộ lọc hoặc hàm căn lề (center, indent, ljust…) tối đa 100.000"),
    ],
)
def test_a_template_that_asks_for_endless_work_is_stopped_naming_the_limit(tmp_path, payload, limit):
    templates = _template_folder(tmp_path, payload)
    result = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"vượt giới hạn {limit}" in result.output
    assert not (tmp_path / "out").exists()
    checked = run("check", "--template", str(templates / "ke-hoach.docx"))
    assert checked.exit_code == 3 and "vượt giới hạn" in checked.output


def test_a_loop_that_writes_nothing_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "MAX_RENDER_SECONDS", 2.0)
    payload = "{% set l = range(1000)|list %}{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}{% endfor %}"
    templates = _template_folder(tmp_path, payload)
    result = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "vượt giới hạn thời gian dựng một văn bản tối đa 2 giây" in result.output
    assert not (tmp_path / "out").exists()
    # the watchdog is gone with the render: later work is not interrupted
    again = run("generate", str(INPUTS), "--docs", "kh", "--out", str(tmp_path / "out2"))
    assert again.exit_code == 0, again.output


def test_output_past_the_limit_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "MAX_OUTPUT_CHARS", 2_000_000)
    templates = _template_folder(tmp_path, "{% for a in range(5000) %}{{ 'x' * 1000 }}{% endfor %}")
    result = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "vượt giới hạn độ dài văn bản dựng ra" in result.output


def test_numbers_that_are_data_pass_through_filters_and_methods(tmp_path):
    payload = "{{ '%s đồng'|format(1250000) }} {{ '{:,}'.format(1250000) }} {{ 1250000|money }}"
    templates = _template_folder(tmp_path, payload)
    result = run("generate", str(INPUTS), "--docs", "kh", "--templates", str(templates), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out/2021/ke-hoach-2021.docx")).paragraphs[:3])
    assert "1250000 đồng 1,250,000 1.250.000" in text


def test_the_shipped_templates_still_render_in_the_sandbox(tmp_path):
    result = run("generate", str(INPUTS), "--docs", "kh,pl,kht,bc,bcn", "--month", "2021-03", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 5


# ================================================================ the pending note removes only ntm's own files


@pytest.fixture
def office(tmp_path, monkeypatch, monthly_drafts):
    """A clerk's folder with drafts of February, March and April (generated once, copied), and a file of someone else's."""
    monkeypatch.chdir(tmp_path)
    copy_drafts(monthly_drafts, tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("someone else's", encoding="utf-8")
    return tmp_path


def _note(archive: Path, content: str) -> None:
    (archive / ".ntm-dang-phat-hanh").write_text(content, encoding="utf-8")


@pytest.mark.parametrize("command", ["verify", "issue"])
def test_an_edited_pending_note_deletes_nothing(office, command):
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    archive = office / "archive"
    issued = archive / "2021/bao-cao-thang-03-so-01-BC.docx"
    stranger = archive / "2021/ghi-chu-cua-van-thu.txt"
    stranger.write_text("the clerk's note", encoding="utf-8")
    before = tree(office / "victim") | {f"archive/{k}": v for k, v in tree(archive).items()}
    lines = [
        "../victim/keep.txt",
        str(office / "victim" / "keep.txt"),
        "so-dang-ky.sqlite",
        "2021/bao-cao-thang-03-so-01-BC.docx",
        "2021/ghi-chu-cua-van-thu.txt",
    ]
    forged = {"pid": 1, "type": "BC", "number": 1, "files": [[n, "0" * 64] for n in lines]}
    for content in ("\n".join(lines), json.dumps(forged)):
        _note(archive, content)
        if command == "verify":
            result = run("verify")
            assert result.exit_code == 1, result.output  # the clerk's own file is reported, not removed
            assert "KHÔNG CÓ TRONG SỔ" in result.output and "ghi-chu-cua-van-thu.txt" in result.output
        else:
            result = run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021")
            assert result.exit_code == 0, result.output
            assert "Số 02-BC/ĐU" in result.output
        assert not (archive / ".ntm-dang-phat-hanh").exists()
        after = tree(office / "victim") | {f"archive/{k}": v for k, v in tree(archive).items()}
        assert set(before) <= set(after), "a file was removed"
        changed = [k for k in before if after[k] != before[k] and k != "archive/so-dang-ky.sqlite"]
        assert changed == [], "a file not made by ntm was changed"
        assert (office / "victim/keep.txt").read_text(encoding="utf-8") == "someone else's"
        assert issued.exists() and stranger.exists()
        if command == "issue":
            break
    assert sqlite3.connect(archive / "so-dang-ky.sqlite").execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 1
    numbers = issued_numbers(archive)
    assert len(numbers) == len(set(numbers))


def test_a_note_naming_an_unregistered_archive_file_with_other_bytes_keeps_it(office):
    """Even a note of the right shape removes a file only while it holds the bytes the issue wrote."""
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    archive = office / "archive"
    lookalike = archive / "2021/bao-cao-thang-02-so-02-BC.docx"
    lookalike.write_bytes(b"a file someone put here")
    _note(
        archive, json.dumps({"pid": 1, "type": "BC", "number": 2, "files": [["2021/bao-cao-thang-02-so-02-BC.docx", "0" * 64]]})
    )
    run("verify")
    assert lookalike.read_bytes() == b"a file someone put here"


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_note_or_archive_name_that_is_a_link_never_reaches_its_target(office):
    import hashlib

    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    archive = office / "archive"
    victim = office / "victim" / "keep.txt"
    os.chmod(victim, 0o444)
    link = archive / "2021/bao-cao-thang-02-so-02-BC.docx"
    link.symlink_to(victim)
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    _note(archive, json.dumps({"pid": 1, "type": "BC", "number": 2, "files": [["2021/bao-cao-thang-02-so-02-BC.docx", digest]]}))
    run("verify")
    assert victim.read_text(encoding="utf-8") == "someone else's" and os.stat(victim).st_mode & 0o777 == 0o444
    (archive / ".ntm-dang-phat-hanh").unlink(missing_ok=True)
    (archive / ".ntm-dang-phat-hanh").symlink_to(victim)
    run("verify")
    assert victim.exists() and os.stat(victim).st_mode & 0o777 == 0o444
    assert not (archive / ".ntm-dang-phat-hanh").is_symlink()


# ================================================================ never the same number twice


@pytest.mark.parametrize("damage", ["missing", "empty"])
def test_an_archive_with_files_and_no_usable_register_is_refused_then_rebuilt(office, damage):
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    archive = office / "archive"
    register = archive / "so-dang-ky.sqlite"
    if damage == "missing":
        register.unlink()
    else:
        register.write_bytes(b"")
    before = tree(archive)
    refused = run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021")
    assert refused.exit_code == 1, refused.output
    assert "sẽ cấp lại những số đã cấp" in refused.output and "ntm verify --rebuild" in refused.output
    assert "chưa cấp số nào" in refused.output
    assert tree(archive) == before, "nothing written, nothing removed"
    plain_verify = run("verify")
    assert plain_verify.exit_code == 1 and "ntm verify --rebuild" in plain_verify.output
    listing = run("register")
    assert listing.exit_code == 1 and "ntm verify --rebuild" in listing.output
    assert tree(archive) == before
    rebuilt = run("verify", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Đã ghi lại vào sổ 1 văn bản từ thư mục lưu trữ: 01-BC/ĐU" in rebuilt.output
    if damage == "empty":
        assert "Sổ cũ không dùng được, đã giữ lại ở" in rebuilt.output
        assert any(p.name.startswith("so-dang-ky.sqlite.hong-") for p in archive.iterdir())
    listing = run("register")
    assert "Số 01-BC/ĐU  20/03/2021" in listing.output
    again = run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021")
    assert again.exit_code == 0, again.output
    assert "Số 02-BC/ĐU" in again.output
    numbers = issued_numbers(archive)
    assert sorted(numbers) == ["Số 01-BC/ĐU", "Số 02-BC/ĐU"]


def test_a_register_restored_from_an_old_backup_never_gives_a_held_number_again(office):
    archive = office / "archive"
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    backup = (archive / "so-dang-ky.sqlite").read_bytes()
    assert run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021").exit_code == 0
    register = archive / "so-dang-ky.sqlite"
    os.chmod(register, 0o644)
    register.write_bytes(backup)  # the old backup: it knows 01 only
    before = tree(archive)
    refused = run("issue", str(APRIL_REPORT), "--date", "26/04/2021")
    assert refused.exit_code == 1, refused.output
    assert "không cấp số 02-BC/ĐU lần thứ hai" in refused.output and "bao-cao-thang-02-so-02-BC.docx" in refused.output
    assert tree(archive) == before
    rebuilt = run("verify", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "02-BC/ĐU" in rebuilt.output
    issued = run("issue", str(APRIL_REPORT), "--date", "26/04/2021")
    assert issued.exit_code == 0 and "Số 03-BC/ĐU" in issued.output
    numbers = issued_numbers(archive)
    assert len(numbers) == len(set(numbers)) == 3


def test_a_damaged_register_names_the_way_out(office):
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    register = office / "archive/so-dang-ky.sqlite"
    register.write_bytes(b"this is not a database at all" * 100)
    result = run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021")
    assert result.exit_code == 1
    assert "bị hỏng" in result.output and "ntm verify --rebuild" in result.output
    assert run("verify", "--rebuild").exit_code == 0
    assert "Số 02-BC/ĐU" in run("issue", str(FEBRUARY_REPORT), "--date", "10/03/2021").output


def test_a_register_row_with_an_invalid_date_is_named(office):
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    with sqlite3.connect(office / "archive/so-dang-ky.sqlite") as connection:
        connection.execute("UPDATE documents SET issued_on = '2021-13-45'")
    result = run("register")
    assert result.exit_code == 1
    assert "Sổ đăng ký có dòng 1 (văn bản 01-BC/ĐU) ghi sai" in result.output and "Lỗi không mong đợi" not in result.output


# ================================================================ user text stays text in every workbook


FORMULAS = ("=2+3", '=HYPERLINK("http://example.invalid","bấm vào đây")')


def _as_text(path: Path, sheet: str, cell: str, text: str) -> None:
    """Sets a cell to `text` as a string (as a clerk typing '=2+3 with a quote would)."""

    book = openpyxl.load_workbook(path)
    target = book[sheet][cell]
    target.value = text
    target.data_type = "s"
    book.save(path)


def _rename_everywhere(path: Path, old: str, new: str) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
                    cell.data_type = "s"
    book.save(path)


def _replace_text(path: Path, old: str, new: str) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and old in cell.value:
                    cell.value = cell.value.replace(old, new)
    book.save(path)


def _cell_of(path: Path, sheet: str, header_key: str) -> str:
    book = openpyxl.load_workbook(path)
    for row in book[sheet].iter_rows():
        if row[0].value == header_key:
            return row[1].coordinate
    raise KeyError(header_key)


def _formula_cells(path: Path, typed: tuple[str, ...]) -> list[str]:
    """Cells holding a formula made from typed text (ntm's own list formulas are not typed text)."""
    book = openpyxl.load_workbook(path)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and any(str(cell.value).startswith(t[:6]) for t in typed):
                    found.append(f"{sheet.title}!{cell.coordinate}")
    return found


def _text_cells(path: Path, text: str) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [
        f"{s.title}!{c.coordinate}"
        for s in book.worksheets
        for r in s.iter_rows()
        for c in r
        if c.value == text and c.data_type == "s"
    ]


@pytest.fixture(scope="module")
def formula_inputs_once(tmp_path_factory):
    inputs_copy = tmp_path_factory.mktemp("formula") / "inputs"
    shutil.copytree(INPUTS, inputs_copy)
    main_book = inputs_copy / SAMPLE.name
    _as_text(main_book, "Thông tin", _cell_of(main_book, "Thông tin", "Người ký"), FORMULAS[0])
    book = openpyxl.load_workbook(main_book)
    recipients = book["Nơi nhận"]
    cell = recipients.cell(row=2, column=2).coordinate
    book.close()
    _as_text(main_book, "Nơi nhận", cell, FORMULAS[1])
    for book_path in inputs_copy.glob("*.xlsx"):
        _rename_everywhere(book_path, "Trường THCS", FORMULAS[0])
    return inputs_copy


@pytest.fixture
def formula_inputs(formula_inputs_once, tmp_path):
    """The sample inputs with typed text that looks like formulas (made once, copied for each test)."""
    target = tmp_path / "inputs"
    shutil.copytree(formula_inputs_once, target)
    return target


def test_init_from_a_main_workbook_keeps_typed_formulas_as_text(formula_inputs, tmp_path):
    target = tmp_path / "so-moi.xlsx"
    result = run("init", str(target), "--from", str(formula_inputs))
    assert result.exit_code == 0, result.output
    assert _formula_cells(target, FORMULAS) == []
    assert len(_text_cells(target, FORMULAS[0])) >= 2  # the signer and the unit
    assert _text_cells(target, FORMULAS[1])


def test_init_unit_keeps_a_unit_named_like_a_formula_as_text(formula_inputs, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    result = run("init", str(target), "--unit", FORMULAS[0], "--from", str(formula_inputs))
    assert result.exit_code == 0, result.output
    assert _formula_cells(target, FORMULAS) == []
    filled = _text_cells(target, FORMULAS[0])
    assert len(filled) > 100  # the Đơn vị column of the log, and the list of units
    assert openpyxl.load_workbook(target)["Nhật ký"]["B2"].quotePrefix is True


def test_annotated_copy_keeps_typed_formulas_as_text(formula_inputs):
    book_path = formula_inputs / SAMPLE.name
    book = openpyxl.load_workbook(book_path)
    log = book["Nhật ký"]
    log["A3"].value = "=NOW()"  # a date typed as text that looks like a formula: an error with this text in it
    log["A3"].data_type = "s"
    book.save(book_path)
    result = run("validate", str(formula_inputs))
    assert result.exit_code == 3, result.output
    annotated = formula_inputs / "binh-xa-2021.xlsx.loi.xlsx"
    assert _formula_cells(annotated, (*FORMULAS, "=NOW()")) == []
    assert "Nhật ký!A3" in _text_cells(annotated, "=NOW()")


def test_register_export_keeps_typed_formulas_as_text(formula_inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("generate", str(formula_inputs), "--month", "2021-03", "--quiet").exit_code == 0
    issued = run("issue", str(REPORT), "--date", "20/03/2021")
    assert issued.exit_code == 0, issued.output
    exported = run("register", "--export")
    assert exported.exit_code == 0, exported.output
    target = tmp_path / "so-dang-ky-van-ban-di.xlsx"
    assert _formula_cells(target, FORMULAS) == []
    assert _text_cells(target, FORMULAS[0])  # the signer


def test_the_shipped_sample_workbooks_hold_no_formula(tmp_path):
    for path in sorted(INPUTS.rglob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        formulas = [c.coordinate for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]
        assert formulas == [], path


# ================================================================ DOCX guards: check, issue and the template check alike


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item.filename, change(item.filename, data))


def _with_doctype(name: str, data: bytes) -> bytes:
    if name != "word/document.xml":
        return data
    declaration, rest = data.split(b"?>", 1)
    return declaration + b'?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest


def test_a_draft_with_doctype_is_refused_by_check_issue_and_the_template_check(office):
    draft = office / "nhap-doctype.docx"
    _rewrite(office / REPORT, draft, _with_doctype)
    checked = run("check", str(draft))
    assert checked.exit_code == 1, checked.output
    assert "DOCTYPE/ENTITY" in checked.output
    issued = run("issue", str(draft), "--date", "20/03/2021")
    assert issued.exit_code == 1, issued.output
    assert "DOCTYPE/ENTITY" in issued.output
    assert not (office / "archive").exists() or issued_numbers(office / "archive") == []
    template = office / "mau" / "bao-cao-thang.docx"
    template.parent.mkdir()
    _rewrite(Path(rendering.__file__).resolve().parent.parent / "templates/bao-cao-thang.docx", template, _with_doctype)
    assert "DOCTYPE/ENTITY" in run("check", "--template", str(template)).output
    generated = run(
        "generate", str(INPUTS), "--docs", "bc", "--month", "2021-03", "--templates", str(template.parent), "--out", "o2"
    )
    assert generated.exit_code == 1 and "DOCTYPE/ENTITY" in generated.output
    # and the first real issue still gets 01
    assert "Số 01-BC/ĐU" in run("issue", str(REPORT), "--date", "20/03/2021").output


def test_verify_names_an_archived_copy_with_doctype_from_an_older_ntm(office):
    assert run("issue", str(REPORT), "--date", "20/03/2021").exit_code == 0
    archive = office / "archive"
    issued = archive / "2021/bao-cao-thang-03-so-01-BC.docx"
    os.chmod(issued, 0o644)
    _rewrite(office / REPORT, office / "tam.docx", _with_doctype)
    issued.write_bytes((office / "tam.docx").read_bytes())
    with sqlite3.connect(archive / "so-dang-ky.sqlite") as connection:  # as an older ntm recorded it
        import hashlib

        connection.execute("UPDATE documents SET docx_sha256 = ?", (hashlib.sha256(issued.read_bytes()).hexdigest(),))
    result = run("verify")
    assert result.exit_code == 1
    assert (
        f"KHÔNG AN TOÀN: {Path('archive/2021/bao-cao-thang-03-so-01-BC.docx')}" in result.output
        and "DOCTYPE/ENTITY" in result.output
    )
    assert issued.exists()


def test_a_docx_bomb_is_refused_before_it_is_parsed(tmp_path):
    bomb = tmp_path / "bom.docx"
    body = b"<w:p/>" * 5_000_000
    with (
        zipfile.ZipFile(SAMPLE.parent.parent / "templates/ke-hoach.docx") as old,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + body + data[start:]
            new.writestr(item.filename, data)
    assert bomb.stat().st_size < 1024 * 1024
    for command in (["check", str(bomb)], ["issue", str(bomb), "--archive", str(tmp_path / "archive")]):
        result = run(*command)
        assert result.exit_code == 1, result.output
        assert "nén bất thường" in result.output or "quá giới hạn" in result.output
    assert not (tmp_path / "archive").exists()


def test_a_deeply_nested_docx_is_refused_with_a_message(tmp_path):
    nested = tmp_path / "long-nhau.docx"
    deep = b"<w:tbl><w:tr><w:tc>" * 100 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 100

    def change(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            start = data.index(b"<w:body>") + len(b"<w:body>")
            return data[:start] + deep + data[start:]
        return data

    _rewrite(SAMPLE.parent.parent / "templates/ke-hoach.docx", nested, change)
    result = run("check", str(nested))
    assert result.exit_code == 1
    assert "lồng nhau quá" in result.output and "Lỗi không mong đợi" not in result.output


def test_a_truncated_docx_is_refused_with_a_message(office):
    data = (office / REPORT).read_bytes()
    cut = office / "cat-do.docx"
    cut.write_bytes(data[: len(data) // 2])
    for command in (["check", str(cut)], ["issue", str(cut)]):
        result = run(*command)
        assert result.exit_code == 1
        assert "tệp hỏng" in result.output and "Lỗi không mong đợi" not in result.output


def test_an_encrypted_docx_is_said_to_have_a_password(tmp_path):
    locked = tmp_path / "mat-khau.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    for command in (["check", str(locked)], ["issue", str(locked), "--archive", str(tmp_path / "archive")]):
        result = run(*command)
        assert result.exit_code == 1
        assert "có đặt mật khẩu" in result.output


def test_a_docm_and_a_docx_with_macros_are_refused_without_a_python_repr(office):
    docm = office / "co-macro.docm"

    def macro_type(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            )
        return data

    _rewrite(office / REPORT, docm, macro_type)
    with_vba = office / "co-vba.docx"
    _rewrite(office / REPORT, with_vba, lambda name, data: data)
    with zipfile.ZipFile(with_vba, "a") as package:
        package.writestr("word/vbaProject.bin", b"\x00macro")
    for draft in (docm, with_vba):
        for command in (["check", str(draft)], ["issue", str(draft), "--date", "20/03/2021"]):
            result = run(*command)
            assert result.exit_code == 1, result.output
            assert "có macro" in result.output and "<" not in result.output
    assert not (office / "archive").exists() or issued_numbers(office / "archive") == []


# ================================================================ severity 2


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes (FIFO) exist on POSIX only")


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "ong-dan.xlsx"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(fifo)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    assert "không phải tệp thường" in done.stderr and "Traceback" not in done.stderr
    assert fifo.exists() and not list(tmp_path.glob("*.loi.xlsx"))


def test_two_log_sheets_whose_names_fold_together_are_an_error_naming_both(inputs_copy):
    def add_twin(book) -> None:
        twin = book.copy_worksheet(book["Nhật ký"])
        twin.title = "NHAT KY"

    edit(inputs_copy / SAMPLE.name, add_twin)
    result = run("validate", str(inputs_copy))
    assert result.exit_code == 3, result.output
    assert "[E-TRANG-TRUNG-TEN]" in result.output and "'Nhật ký' và 'NHAT KY'" in result.output
    generated = run("generate", str(inputs_copy), "--out", str(inputs_copy.parent / "out"))
    assert generated.exit_code == 3 and not (inputs_copy.parent / "out").exists()


def test_a_read_only_inputs_folder_still_shows_the_errors(inputs_copy, monkeypatch):
    from generator import annotate

    real = annotate._save_atomically
    monkeypatch.setattr(annotate, "_save_atomically", lambda book, target: real(book, target.parent / "khong-co" / target.name))
    edit(inputs_copy / SAMPLE.name, lambda wb: put(wb["Nhật ký"], 2, "Ngày", "ngày mai"))
    result = run("validate", str(inputs_copy))
    assert result.exit_code == 3, result.output
    assert "Nhật ký!A2  [E-NGAY-SAI]" in result.output
    assert "[W-KHONG-GHI-BAN-DANH-DAU]" in result.output and "Các lỗi vẫn được liệt kê ở đây" in result.output


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["note", "document"])
def test_a_full_disk_during_issue_says_so_and_leaves_nothing_behind(office, monkeypatch, where):
    archive = office / "archive"
    with monkeypatch.context() as patch:
        if where == "note":
            real_write_text = Path.write_text

            def write_text(self, *args, **kwargs):
                if self.name.startswith(".ntm-dang-phat-hanh"):
                    real_write_text(self, "{")  # half a note reaches the disk, then the disk is full
                    _full_disk()
                return real_write_text(self, *args, **kwargs)

            patch.setattr(Path, "write_text", write_text)
        else:
            patch.setattr(os, "fsync", _full_disk)
        result = run("issue", str(REPORT), "--date", "20/03/2021")
    assert result.exit_code == 1, result.output
    assert "ổ đĩa đã đầy" in result.output and "không để lại tệp dở" in result.output
    assert "Lỗi không mong đợi" not in result.output
    left = [p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file()]
    assert left == ["so-dang-ky.sqlite"], left
    assert run("verify").exit_code == 0
    assert "Số 01-BC/ĐU" in run("issue", str(REPORT), "--date", "20/03/2021").output


def test_a_read_only_register_gets_a_clear_message(tmp_path):
    from generator.register import _sqlite_problem

    message = str(_sqlite_problem(tmp_path, sqlite3.OperationalError("attempt to write a readonly database")))
    assert "chỉ đọc" in message and "chưa cấp số nào" in message


def test_the_sweep_removes_only_ntm_temporaries_of_ended_processes(tmp_path):
    from generator.files import write_atomically

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    try:
        running = tmp_path / f".ke-hoach-2021.docx.ntm{live.pid}.ab12cd.tmp"
        litter = tmp_path / f".ke-hoach-2021.docx.ntm{ended.stdout.strip()}.ef34gh.tmp"
        foreign = [tmp_path / ".~lock.tmp", tmp_path / ".bao-cao.docx.x1y2z3.tmp", tmp_path / "word.tmp"]
        for path in (running, litter, *foreign):
            path.write_bytes(b"work in progress")
        write_atomically(tmp_path / "ke-hoach-2021.docx", b"document")
        assert running.exists(), "another live run's temporary file was swept"
        assert all(p.exists() for p in foreign), "another program's .tmp file was swept"
        assert not litter.exists()
        assert (tmp_path / "ke-hoach-2021.docx").read_bytes() == b"document"
        assert not list(tmp_path.glob(f".*.ntm{os.getpid()}.*.tmp"))
    finally:
        live.kill()
        live.wait()


@pytest.mark.slow
def test_concurrent_generate_runs_into_one_folder_all_succeed(tmp_path):
    command = [sys.executable, "-m", "generator", "generate", str(INPUTS), "--docs", "kh,pl", "--out", "out", "--quiet"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = []
    for run_ in runs:
        with run_:  # closes its pipes
            _, stderr = run_.communicate(timeout=600)
            results.append((run_.returncode, stderr))
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == [
        "ke-hoach-2021.docx",
        "phu-luc-phan-cong-2021.docx",
    ]


def test_numbers_of_28_digits_are_an_error_not_a_crash(inputs_copy):
    def huge(book) -> None:
        put(book["Nhật ký"], 2, "Khối lượng", "1234567890123456789012345678901")
        put(book["Nhật ký"], 3, "Tiền mặt (đồng)", 10**30)

    edit(inputs_copy / SAMPLE.name, huge)
    result = run("validate", str(inputs_copy))
    assert result.exit_code == 3
    assert "quá lớn: một ô số có tối đa 15 chữ số phần nguyên" in result.output
    generated = run("generate", str(inputs_copy), "--out", str(inputs_copy.parent / "out"))
    assert generated.exit_code == 3 and "Lỗi không mong đợi" not in generated.output


def test_a_date_serial_zero_is_not_shown_as_a_time(inputs_copy):
    def zero(book) -> None:
        cell = book["Nhật ký"]["A2"]
        cell.value = 0
        cell.number_format = "dd/mm/yyyy"

    edit(inputs_copy / SAMPLE.name, zero)
    result = run("validate", str(inputs_copy))
    assert result.exit_code == 3
    assert "Nhật ký!A2  [E-NGAY-SAI]" in result.output and "không có ngày nào" in result.output
    assert "00:00:00" not in result.output


def test_a_name_with_two_dollar_signs_reaches_the_chart_as_text(inputs_copy, tmp_path):
    for book_path in inputs_copy.glob("*.xlsx"):
        _replace_text(book_path, "Yên Bình", "Yên Bình $_$")
    result = run("generate", str(inputs_copy), "--docs", "bc", "--month", "2021-03", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and "matplotlib" not in result.output


def test_docs_that_select_nothing_are_a_usage_error(tmp_path):
    result = run("generate", str(INPUTS), "--docs", ",", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "không chọn văn bản nào" in result.output
    assert not (tmp_path / "out").exists()


def test_the_console_shows_the_first_problems_of_each_code_and_counts_the_rest(inputs_copy):
    def many(book) -> None:
        log = book["Nhật ký"]
        for row in range(2, 62):
            put(log, row, "Ngày", "không phải ngày")

    edit(inputs_copy / SAMPLE.name, many)
    result = run("validate", str(inputs_copy))
    assert result.exit_code == 3
    assert result.output.count("[E-NGAY-SAI]") == 21  # 20 shown, and the line that counts the others
    assert "… và 40 điểm khác cùng mã [E-NGAY-SAI] không in ra đây" in result.output
    annotated = openpyxl.load_workbook(inputs_copy / "binh-xa-2021.xlsx.loi.xlsx")
    assert sum(1 for row in annotated["Lỗi"].iter_rows(min_row=2) if row[4].value == "E-NGAY-SAI") == 60


def test_the_annotated_copy_comments_the_first_cells_and_lists_every_problem(inputs_copy, monkeypatch):
    from generator import annotate

    monkeypatch.setattr(annotate, "MAX_COMMENTS", 5)
    edit(inputs_copy / SAMPLE.name, lambda wb: [put(wb["Nhật ký"], row, "Ngày", "sai") for row in range(2, 32)])
    assert run("validate", str(inputs_copy)).exit_code == 3
    annotated = openpyxl.load_workbook(inputs_copy / "binh-xa-2021.xlsx.loi.xlsx")
    log = annotated["Nhật ký"]
    assert [log.cell(row=r, column=1).comment is not None for r in range(2, 32)] == [True] * 5 + [False] * 25
    assert all(
        log.cell(row=r, column=1).fill.fgColor.rgb.endswith("C7CE") or log.cell(row=r, column=1).fill.fill_type == "solid"
        for r in range(2, 32)
    )
    assert sum(1 for row in annotated["Lỗi"].iter_rows(min_row=2) if row[4].value == "E-NGAY-SAI") == 30


from tests.office import convert, needs_soffice  # noqa: E402


@needs_soffice
def test_libreoffice_shows_a_unit_named_like_a_formula_as_typed(formula_inputs, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    assert run("init", str(target), "--unit", FORMULAS[0], "--from", str(formula_inputs)).exit_code == 0
    book = openpyxl.load_workbook(target)
    for name in book.sheetnames:
        if name != "Nhật ký":
            del book[name]
    only_log = tmp_path / "chi-nhat-ky.xlsx"
    book.save(only_log)
    rows = convert(only_log, "csv", tmp_path).read_text(encoding="utf-8", errors="replace").splitlines()
    assert rows[1].split(",")[1] == "=2+3", rows[1]
