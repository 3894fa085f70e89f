"""The clerk's first hour with the command line (issue 15): a quick start, Vietnamese to the last
word, any console, issue dates that make sense, status from the register, honest summaries."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import click
import openpyxl
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from generator import cli
from generator.cli import main
from tests.conftest import INPUTS, REPO
from tests.workbooks import edit, put

LOCALE = REPO / "generator" / "locale" / "vi" / "LC_MESSAGES"
KHT = Path("outputs/2021/2021-03/ke-hoach-thang-03.docx")
BC = Path("outputs/2021/2021-03/bao-cao-thang-03.docx")
BCN = Path("outputs/2021/bao-cao-nam-2021.docx")
PLAN = Path("outputs/2021/ke-hoach-2021.docx")
ANNEX = Path("outputs/2021/phu-luc-phan-cong-2021.docx")


def _ntm(
    *args: str, cwd: Path, env: dict[str, str] | None = None, umask: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m generator …` as a separate process (the `ntm` of the README's fallback)."""
    command = [sys.executable, "-m", "generator", *args]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask} && exec "$@"', "sh", *command]
    return subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, timeout=300)


@pytest.fixture
def office(drafts_office: Path) -> Path:
    """An office folder with the sample's drafts of every document in outputs/ (generated once, copied)."""
    return drafts_office


# ---------------------------------------------------------------- start-up


@pytest.mark.parametrize(
    "args",
    [["--help"], ["generate", "--help"], ["issue", "--help"], ["verify"], ["register"], ["generate", "--mnth", "x"]],
)
def test_a_command_that_does_not_need_word_excel_or_charts_does_not_load_them(tmp_path: Path, args: list[str]) -> None:
    code = (
        "import sys\nfrom generator.cli import main\n"
        "try:\n main(sys.argv[1:])\nexcept SystemExit:\n pass\n"
        "heavy = sorted(m for m in ('matplotlib', 'docx', 'docxtpl', 'openpyxl', 'jinja2', 'pypdf') if m in sys.modules)\n"
        "print('LOADED', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert "LOADED []" in done.stderr, done.stderr


def test_generate_of_every_document_loads_no_chart_library(tmp_path: Path) -> None:
    # the report carries its figures in Biểu 01-03 only: no picture is drawn, so no chart library loads
    code = (
        "import sys\nfrom generator.cli import main\n"
        "try:\n main(sys.argv[1:])\nexcept SystemExit as exit:\n assert not exit.code\n"
        "print('CHARTS', 'matplotlib' in sys.modules, file=sys.stderr)\n"
    )
    report = subprocess.run(
        [sys.executable, "-c", code, "generate", str(INPUTS), "--month", "2021-03", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "CHARTS False" in report.stderr, report.stderr
    assert (tmp_path / "outputs" / "2021" / "2021-03" / "bao-cao-thang-03.docx").is_file()


# ---------------------------------------------------------------- Vietnamese to the last word


def _click_messages() -> list[str | tuple[str, ...]]:
    folder = Path(click.__file__).parent
    return [
        m[2] for m in extract_from_dir(str(folder), method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)})
    ]


def _click_vocabulary() -> set[str]:
    """Every English word (3 letters or more) of click's messages, and of the names it prints."""
    words = {"options", "command", "args", "text", "integer", "paths", "path", "draft", "directory", "file", "boolean", "float"}
    for message in _click_messages():
        for text in message if isinstance(message, tuple) else (message,):
            text = re.sub(r"\{[^}]*\}|%\([^)]*\)s", " ", text)
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return words


def _english(output: str, vocabulary: set[str]) -> set[str]:
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", output)  # option names are English by design
    text = re.sub(r"'[^'\n]*'", " ", text)  # what the clerk typed, quoted back
    return {w for w in re.findall(r"[A-Za-zÀ-ỹ]+", text) if w.isascii() and w.lower() in vocabulary}


def _invocations() -> list[list[str]]:
    calls: list[list[str]] = [[], ["--help"], ["-h"], ["frobnicate"], ["--no-such-option"], ["gnerate"]]
    for name, command in main.commands.items():
        calls.append([name, "--help"])
        calls.append([name, "--no-such-option"])
        required = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        if required:
            calls.append([name])  # a missing argument
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag:
                calls.append([name, param.opts[-1]])  # an option without its value
                break
    calls += [
        ["register", "--year", "abc"],
        ["init", "x.xlsx", "--year", "20x"],
        ["init", "x.xlsx", "--unit", "A", "--from", "khong-co"],
        ["generate", "--templates", "khong-co"],
        ["issue", "a.docx", "b.docx"],
        ["issue", "khong-co.docx", "--date", "32/13/2021"],
    ]
    return calls


def test_no_english_word_of_click_in_any_help_or_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    vocabulary = _click_vocabulary()
    assert {"usage", "options", "missing", "argument", "error", "show", "such", "mean"} <= vocabulary
    for args in _invocations():
        result = CliRunner().invoke(main, args, prog_name="ntm")
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        found = _english(result.output, vocabulary)
        assert not found, (args, found, result.output)
        assert result.output.strip(), args


def test_usage_errors_read_in_vietnamese_with_exit_code_2() -> None:
    result = CliRunner().invoke(main, ["generate", "--mnth", "2021-03"], prog_name="ntm")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Cách dùng: ntm generate [TÙY CHỌN] [TỆP_HOẶC_THƯ_MỤC]...",
        "Xem hướng dẫn: 'ntm generate --help'.",
        "",
        "Lỗi: Không có tùy chọn '--mnth'. Có phải ý bạn là '--month'?",
    ]
    missing = CliRunner().invoke(main, ["issue"], prog_name="ntm")
    assert missing.exit_code == 2 and "Lỗi: Thiếu tham số 'BẢN_NHÁP.docx'." in missing.output


def test_every_click_message_is_in_the_catalog_and_the_shipped_catalog_is_compiled_from_it() -> None:
    with (LOCALE / "click.po").open("rb") as stream:
        catalog = read_po(stream)
    with (LOCALE / "click.mo").open("rb") as stream:
        compiled = read_mo(stream)
    for message in _click_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        assert entry is not None and entry.string and all(entry.string if isinstance(entry.string, tuple) else [entry.string]), (
            key
        )
    shipped = {
        m.id if isinstance(m.id, str) else m.id[0]: tuple(m.string) if not isinstance(m.string, str) else m.string
        for m in compiled
        if m.id
    }
    source = {
        m.id if isinstance(m.id, str) else m.id[0]: tuple(m.string) if not isinstance(m.string, str) else m.string
        for m in catalog
        if m.id
    }
    assert shipped == source, "click.mo is out of date: pybabel compile -d generator/locale -D click -l vi"


@pytest.mark.slow
def test_the_wheel_ships_the_compiled_catalog(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {done.stderr[-300:]}")
    import zipfile

    [wheel] = tmp_path.glob("ntm-*.whl")
    assert "generator/locale/vi/LC_MESSAGES/click.mo" in zipfile.ZipFile(wheel).namelist()


# ---------------------------------------------------------------- any console


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "cp1258", "ascii"])
def test_output_to_a_console_that_cannot_encode_vietnamese_is_utf8_never_a_traceback(tmp_path: Path, encoding: str) -> None:
    faulty = tmp_path / "inputs"
    shutil.copytree(INPUTS, faulty, ignore=shutil.ignore_patterns("2026"))
    edit(faulty / "binh-xa-2021.xlsx", lambda wb: put(wb["Nhật ký"], 12, "Thôn", "Thọ Bình1"))
    env = {"PYTHONIOENCODING": encoding}
    status = _ntm("status", str(INPUTS), "--month", "2021-03", cwd=tmp_path, env=env)
    validate = _ntm("validate", str(faulty), cwd=tmp_path, env=env)
    helped = _ntm("--help", cwd=tmp_path, env=env)
    for done, code in ((status, 0), (validate, 3), (helped, 0)):
        text = (done.stdout + done.stderr).decode("utf-8")
        assert "Traceback" not in text and "UnicodeEncodeError" not in text, text
        assert done.returncode == code, text
    assert "Thôn chưa có hoạt động trong tháng (3): Tân Bình 1, Tân Bình 2, Thác Lường." in status.stdout.decode("utf-8")
    assert "Có phải 'Thọ Bình 1'?" in validate.stderr.decode("utf-8")
    assert "Cách dùng: python -m generator [TÙY CHỌN] LỆNH [THAM SỐ]..." in helped.stdout.decode("utf-8")


# ---------------------------------------------------------------- issue dates


def test_issue_without_a_date_is_refused_when_today_is_outside_the_documents_period(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 12, 1))
    result = CliRunner().invoke(main, ["issue", str(BC)])
    assert result.exit_code == 2
    assert (
        "Hôm nay (01/12/2026) không nằm trong thời gian phát hành báo cáo tháng 3/2021 (từ 01/03/2021 đến 15/04/2021)"
        in result.output
    )
    assert not (office / "archive").exists(), "no number taken, no register made"


def test_issue_without_a_date_takes_today_when_today_is_in_the_period(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: dt.date(2021, 3, 26))
    result = CliRunner().invoke(main, ["issue", str(BC)])
    assert result.exit_code == 0, result.output
    assert "Đã phát hành: Số 01-BC/ĐU, ngày 26/03/2021" in result.output
    assert (office / "archive" / "2021" / "bao-cao-thang-03-so-01-BC.docx").is_file()


@pytest.mark.parametrize(
    ("draft", "day", "window"),
    [
        (KHT, "02/03/2022", "kế hoạch hoạt động tháng 3/2021 (từ 01/02/2021 đến 15/03/2021)"),
        (KHT, "31/01/2021", "kế hoạch hoạt động tháng 3/2021 (từ 01/02/2021 đến 15/03/2021)"),
        (BC, "28/02/2021", "báo cáo tháng 3/2021 (từ 01/03/2021 đến 15/04/2021)"),
        (BCN, "02/03/2021", "báo cáo năm 2021 (từ 01/12/2021 đến 31/03/2022)"),
    ],
)
def test_a_date_outside_the_documents_window_is_refused_with_the_window_named(
    office: Path, draft: Path, day: str, window: str
) -> None:
    result = CliRunner().invoke(main, ["issue", str(draft), "--date", day])
    assert result.exit_code == 2
    assert f"Ngày {day} nằm ngoài thời gian phát hành {window}: chưa cấp số." in result.output
    assert "--force" in result.output


@pytest.mark.parametrize(
    ("draft", "day"), [(KHT, "25/02/2021"), (KHT, "15/03/2021"), (BC, "15/04/2021"), (BCN, "20/12/2021"), (BCN, "10/01/2022")]
)
def test_a_date_inside_the_window_is_accepted(office: Path, draft: Path, day: str) -> None:
    result = CliRunner().invoke(main, ["issue", str(draft), "--date", day])
    assert result.exit_code == 0, result.output
    assert f"ngày {day}" in result.output and "Ghi chú" not in result.output


def test_force_issues_outside_the_window_and_the_register_says_so(office: Path) -> None:
    result = CliRunner().invoke(main, ["issue", str(BC), "--date", "02/12/2021", "--force"])
    assert result.exit_code == 0, result.output
    note = "Ngày phát hành 02/12/2021 ngoài khoảng thường lệ của báo cáo tháng 3/2021 (từ 01/03/2021 đến 15/04/2021); văn phòng xác nhận bằng --force."
    assert f"Ghi chú trong sổ: {note}" in result.output
    exported = CliRunner().invoke(main, ["register", "--export", "so.xlsx"])
    assert exported.exit_code == 0, exported.output
    sheet = openpyxl.load_workbook(office / "so.xlsx").active
    assert [c.value for c in sheet[1]][-1] == "Ghi chú" and sheet.cell(row=2, column=8).value == note


def test_issue_checks_the_dated_copy_and_shows_its_warnings_as_warnings(office: Path) -> None:
    # a 2021 draft whose header still names the district, issued in 2026: only the issue date
    # brings in the rule that there is no district level from 1 July 2025
    result = CliRunner().invoke(main, ["issue", str(BC), "--date", "02/03/2026", "--force"])
    assert result.exit_code == 0, result.output
    assert "Đã phát hành: Số 01-BC/ĐU, ngày 02/03/2026" in result.stdout
    assert "Bản đã phát hành có 1 cảnh báo thể thức (không chặn việc phát hành):" in result.stderr
    assert "[F-CAP-TREN] cảnh báo:" in result.stderr and "ĐẢNG BỘ HUYỆN HÀM YÊN" in result.stderr
    in_time = CliRunner().invoke(main, ["issue", str(KHT), "--date", "02/03/2021"])
    assert in_time.exit_code == 0 and "cảnh báo" not in in_time.output


# ---------------------------------------------------------------- refusals and exit codes


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["issue", str(PLAN), "--date", "15/01/2021"], 3, "đã có số 11-KH/ĐU"),
        (["issue", str(ANNEX), "--date", "15/01/2021"], 3, "là phụ lục"),
        (["issue", str(BC), "--date", "2021-03-20"], 2, "hãy ghi ngày dạng ngày/tháng/năm"),
        (["issue", "khong-co.docx", "--date", "20/03/2021"], 2, "Không tìm thấy tệp"),
        (["issue", str(BCN), "--date", "02/03/2021"], 2, "nằm ngoài thời gian phát hành"),
        (["generate", str(INPUTS), "--month", "2021-13"], 2, "không đúng dạng"),
        (["validate", "khong-co"], 2, "Không tìm thấy"),
        (["verify"], 1, "Chưa có sổ đăng ký"),
        (["register", "--export"], 1, "Chưa có sổ đăng ký"),
        (["register"], 0, "Chưa có sổ đăng ký"),
    ],
)
def test_every_refusal_has_the_exit_code_the_readme_gives(office: Path, args: list[str], code: int, says: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert says in result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{code}`" in readme.split("Mã thoát:")[1].split("\n\n")[0]


def test_an_issued_document_issued_again_is_refused_with_exit_3(office: Path) -> None:
    assert CliRunner().invoke(main, ["issue", str(BC), "--date", "20/03/2021"]).exit_code == 0
    again = CliRunner().invoke(main, ["issue", str(BC), "--date", "21/03/2021"])
    assert again.exit_code == 3 and "không cấp số lần nữa" in again.output


# ---------------------------------------------------------------- status, register, verify


def test_status_reads_the_register_and_a_deadline_met_is_not_overdue(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(main, ["issue", str(KHT), "--date", "02/03/2021"]).exit_code == 0
    monkeypatch.setattr(cli, "today", lambda: dt.date(2021, 3, 30))
    result = CliRunner().invoke(main, ["status", str(INPUTS), "--month", "2021-03"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == (
        "  - Kế hoạch hoạt động tháng 3 năm 2021: gửi trước ngày 05/03/2021; đã phát hành Số 01-KH/ĐU ngày 02/03/2021 (đúng hạn)."
    )
    assert lines[2].startswith(
        "  - Báo cáo kết quả tháng 3 năm 2021: gửi trước ngày 28/03/2021, đã quá hạn 2 ngày; chưa phát hành;"
    )


def test_status_names_a_late_issue_as_late(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(main, ["issue", str(BC), "--date", "02/04/2021"]).exit_code == 0
    monkeypatch.setattr(cli, "today", lambda: dt.date(2021, 4, 3))
    result = CliRunner().invoke(main, ["status", str(INPUTS), "--month", "2021-03"])
    assert "đã phát hành Số 01-BC/ĐU ngày 02/04/2021 (muộn 5 ngày)." in result.output


@pytest.mark.parametrize(
    "args", [["verify"], ["register"], ["verify", "--archive", "khong-co"], ["register", "--archive", "khong-co"]]
)
def test_without_a_register_verify_and_register_say_where_they_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    where = tmp_path / (args[2] if len(args) > 2 else "archive")
    assert f"Chưa có sổ đăng ký ở '{where}'" in result.output
    assert "chưa văn bản nào được cấp số ở đây" in result.output
    assert result.exit_code == (1 if args[0] == "verify" else 0)
    assert "0 bị mất" not in result.output and "Sổ có 0" not in result.output


# ---------------------------------------------------------------- file modes


@pytest.mark.slow
def test_files_get_the_mode_the_umask_gives_and_archived_files_stay_read_only(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX modes")
    for umask, mode in (("022", 0o644), ("027", 0o640), ("002", 0o664)):
        folder = tmp_path / umask
        folder.mkdir()
        done = _ntm("generate", str(INPUTS), "--month", "2021-03", "-q", cwd=folder, umask=umask)
        assert done.returncode == 0, done.stderr.decode("utf-8")
        assert _ntm("init", "so-moi.xlsx", cwd=folder, umask=umask).returncode == 0
        written = [*(folder / "outputs").rglob("*.docx"), folder / "so-moi.xlsx"]
        assert len(written) == 3
        for path in written:
            assert stat.S_IMODE(path.stat().st_mode) == mode, (umask, path)
    folder = tmp_path / "022"
    issued = _ntm("issue", str(KHT), "--date", "02/03/2021", cwd=folder, umask="022")
    assert issued.returncode == 0, issued.stderr.decode("utf-8")
    assert stat.S_IMODE((folder / "archive/2021/ke-hoach-thang-03-so-01-KH.docx").stat().st_mode) == 0o444
    exported = _ntm("register", "--export", cwd=folder, umask="022")
    assert exported.returncode == 0
    assert stat.S_IMODE((folder / "so-dang-ky-van-ban-di.xlsx").stat().st_mode) == 0o644


# ---------------------------------------------------------------- annotated copies


def test_annotated_copies_are_named_after_the_whole_file_name_and_removed_when_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "so-moi.xlsx"]).exit_code == 0
    shutil.copy(tmp_path / "so-moi.xlsx", tmp_path / "so-moi.xlsm")
    for name in ("so-moi.xlsx", "so-moi.xlsm"):
        result = CliRunner().invoke(main, ["validate", name])
        assert result.exit_code == 3
        assert f"Bản đánh dấu lỗi: {name}.loi.xlsx" in result.output
    assert sorted(p.name for p in tmp_path.glob("*.loi.xlsx")) == ["so-moi.xlsm.loi.xlsx", "so-moi.xlsx.loi.xlsx"]
    # the clerk fixes the workbook: the next clean validate removes its annotated copy
    shutil.copy(INPUTS / "binh-xa-2021.xlsx", tmp_path / "so-moi.xlsx")
    clean = CliRunner().invoke(main, ["validate", "so-moi.xlsx", str(INPUTS / "nhat-ky-truong-thcs-2021.xlsx")])
    assert clean.exit_code == 0, clean.output
    assert "Đã xóa bản đánh dấu lỗi cũ (tệp gốc đã hết lỗi): so-moi.xlsx.loi.xlsx" in clean.output
    assert sorted(p.name for p in tmp_path.glob("*.loi.xlsx")) == ["so-moi.xlsm.loi.xlsx"]


def test_a_file_of_that_name_that_ntm_did_not_write_is_never_removed(inputs_copy: Path) -> None:
    own = inputs_copy / "binh-xa-2021.xlsx.loi.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ghi chép riêng"
    workbook.save(own)
    result = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert result.exit_code == 0 and own.is_file() and "Đã xóa" not in result.output


def test_an_annotated_copy_of_an_earlier_version_is_removed_when_its_workbook_is_clean(inputs_copy: Path) -> None:
    original = (inputs_copy / "binh-xa-2021.xlsx").read_bytes()
    edit(inputs_copy / "binh-xa-2021.xlsx", lambda wb: put(wb["Nhật ký"], 12, "Thôn", "Thọ Bình1"))
    CliRunner().invoke(main, ["validate", str(inputs_copy)])
    old_name = inputs_copy / "binh-xa-2021.loi.xlsx"  # how versions before 0.2 named it
    (inputs_copy / "binh-xa-2021.xlsx.loi.xlsx").rename(old_name)
    (inputs_copy / "binh-xa-2021.xlsx").write_bytes(original)  # fixed
    result = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert result.exit_code == 0 and not old_name.exists(), result.output
    assert f"Đã xóa bản đánh dấu lỗi cũ (tệp gốc đã hết lỗi): {old_name}" in result.output


# ---------------------------------------------------------------- summaries


def test_generate_without_inputs_says_it_uses_the_shipped_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "--docs", "kh"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Không có thư mục inputs/ ở đây: dùng sổ mẫu đi kèm chương trình (")
    (tmp_path / "inputs").mkdir()
    shutil.copy(INPUTS / "binh-xa-2021.xlsx", tmp_path / "inputs")
    own = CliRunner().invoke(main, ["generate", "--docs", "kh"])
    assert own.exit_code == 0 and "sổ mẫu" not in own.output


def test_workbooks_in_sub_folders_are_named_as_skipped(inputs_copy: Path) -> None:
    for command in (
        ["validate", str(inputs_copy)],
        ["generate", str(inputs_copy), "--docs", "kh", "--out", str(inputs_copy.parent / "out")],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0, result.output
        assert f"Bỏ qua 1 tệp Excel trong thư mục con: {inputs_copy / '2026' / 'binh-xa-2026.xlsx'}." in result.output
    shutil.rmtree(inputs_copy / "2026")
    assert "Bỏ qua" not in CliRunner().invoke(main, ["validate", str(inputs_copy)]).output


# ---------------------------------------------------------------- README


def test_readme_setup_works_in_powershell_and_command_prompt() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Cài đặt")[1].split("\n## ")[0]
    blocks = re.findall(r"```\n(.*?)```", setup, flags=re.DOTALL)
    assert blocks == ["python -m pip install . && ntm generate\n", 'python -m pip install -e ".[test]" && python -m pytest\n']
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "TEST_COMMAND='python -m pip install -e \".[test]\" && python -m pytest'" in ci
    for needed in ("PowerShell", "Command Prompt", "python -m venv", "pipx install", "python -m generator", "NTM_SOFFICE"):
        assert needed in readme, needed


@pytest.mark.parametrize(
    ("doc_type", "title", "window"),
    [
        (
            "BCN",
            "Báo cáo sơ kết 6 tháng đầu năm 2021 thực hiện phong trào",
            ("báo cáo sơ kết 6 tháng đầu năm 2021", "01/06/2021", "15/07/2021"),
        ),
        ("KHT", "Kế hoạch hoạt động tháng 1 năm 2022", ("kế hoạch hoạt động tháng 1/2022", "01/12/2021", "15/01/2022")),
        ("BC", "Báo cáo kết quả tháng 12 năm 2021", ("báo cáo tháng 12/2021", "01/12/2021", "15/01/2022")),
        ("BC", "Báo cáo kết quả tháng 12/2021", ("báo cáo tháng 12/2021", "01/12/2021", "15/01/2022")),
        ("NQ", "Nghị quyết về công tác năm 2021", None),
    ],
)
def test_issue_windows_across_month_and_year_ends(doc_type: str, title: str, window: tuple[str, str, str] | None) -> None:
    from generator.issuedates import issue_window

    found = issue_window(doc_type, title)
    if window is None:
        assert found is None
    else:
        assert found is not None and (found.what, f"{found.first:%d/%m/%Y}", f"{found.last:%d/%m/%Y}") == window
