"""The `ntm` command: parse, call one library function, print, map errors to exit codes.

Nothing else happens here; everything the clerk reads as an error message was
written by the library in Vietnamese and is only printed here.

Start-up is kept short: this module imports click and the light error module only; each
command imports the library it needs when it runs, so `ntm --help` never loads Word,
Excel or chart libraries. click's own messages come from the shipped Vietnamese catalog.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__
from generator.console import safe_streams, use_vietnamese_messages
from generator.errors import (
    UNREADABLE,
    NtmError,
    Problem,
    ValidationFailed,
    problem_lines,
)
from generator.issuedates import WINDOWS_TEXT
from generator.model import TYPE_NAMES
from generator.resources import default_inputs, shipped_inputs

# Before the decorators below: click.Path names its kind ("tệp", "thư mục") when it is built.
use_vietnamese_messages()

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_OPERATIONAL, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3
OPTIONS_METAVAR = "[TÙY CHỌN]"


def today() -> dt.date:
    """The clock, in one place (tests set it)."""
    return dt.date.today()


def _problem_table(problems: Sequence[Problem]) -> str:
    return "\n".join(problem_lines(list(problems)))


def _run(action: Callable[[], T]) -> T:
    """Runs a library call; an NtmError becomes its message and exit code, never a traceback."""
    try:
        return action()
    except ValidationFailed as exc:
        click.echo(_problem_table(exc.problems), err=True)
        errors = sum(1 for p in exc.problems if p.is_error)
        warnings = len(exc.problems) - errors
        click.echo(f"{exc} Có {errors} lỗi, {warnings} cảnh báo; hãy sửa các lỗi trên rồi chạy lại.", err=True)
        sys.exit(exc.exit_code)
    except NtmError as exc:
        if os.environ.get("NTM_DEBUG"):
            traceback.print_exc()  # with the chain of causes kept by `raise … from err`
        click.echo(f"Lỗi: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Đã dừng theo yêu cầu.", err=True)
        sys.exit(EXIT_OPERATIONAL)
    except Exception as exc:  # noqa: BLE001 - the clerk gets a sentence, the maintainer the trace
        if os.environ.get("NTM_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"Lỗi không mong đợi ({exc.__class__.__name__}: {exc}). Hãy gửi thông báo này cho người bảo trì; "
            "đặt biến môi trường NTM_DEBUG=1 để xem chi tiết.",
            err=True,
        )
        sys.exit(EXIT_OPERATIONAL)


class _Command(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """The `ntm` group: Vietnamese metavars, and the console made safe before anything is printed."""

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        safe_streams()
        use_vietnamese_messages()
        return super().main(*args, **kwargs)


if TYPE_CHECKING:
    _IntParam = click.ParamType[int]
else:  # click before 8.2 has no generic ParamType
    _IntParam = click.ParamType


class _Year(_IntParam):
    name = "năm"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.isdigit() and 2000 <= int(text) <= 2100:
            return int(text)
        self.fail(f"'{value}' không phải là năm; hãy ghi năm bốn chữ số, ví dụ 2021.", param, ctx)


YEAR = _Year()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ntm", message="%(prog)s %(version)s", help="Xem số phiên bản rồi thoát.")
def main() -> None:
    """ntm — soạn kế hoạch, báo cáo phong trào cán bộ, đảng viên trực tiếp tham gia xây dựng
    nông thôn mới từ các sổ Excel của chi bộ, tổ chức."""


def _sources(paths: Sequence[Path], quiet: bool = False) -> list[Path]:
    """The PATHS given, or ./inputs/, or (said on the terminal) the sample shipped with ntm."""
    if paths:
        return list(paths)
    source = default_inputs(Path())
    if not quiet and source == shipped_inputs():
        click.echo(f"Không có thư mục inputs/ ở đây: dùng sổ mẫu đi kèm chương trình ({source}).")
    return [source]


def _say_skipped(sources: Sequence[Path]) -> None:
    from generator import pipeline

    skipped = pipeline.workbooks_in_subfolders(sources)
    if skipped:
        shown = ", ".join(str(p) for p in skipped[:5]) + (f" và {len(skipped) - 5} tệp khác" if len(skipped) > 5 else "")
        folder = skipped[0].parent
        click.echo(
            f"Bỏ qua {len(skipped)} tệp Excel trong thư mục con: {shown}. Chỉ đọc các tệp nằm ngay trong thư mục; "
            f"muốn dùng thì ghi thẳng đường dẫn, ví dụ: {folder}"
        )


PATHS_METAVAR = "[TỆP_HOẶC_THƯ_MỤC]..."


def _out_option(help_text: str) -> Callable[[F], F]:
    """`--out THƯ_MỤC`, the drafts' folder (generate writes there, status looks there)."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("outputs"),
        show_default=True,
        metavar="THƯ_MỤC",
        help=help_text,
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=PATHS_METAVAR)
@click.option("--month", metavar="NĂM-THÁNG", help="Soạn kế hoạch và báo cáo của tháng này, ví dụ 2021-03.")
@click.option("--docs", metavar="LOẠI,…", help="Chỉ tạo các văn bản này: kh, pl, kht, bc, bcn (ví dụ: kh,pl).")
@_out_option("Thư mục ghi bản nháp.")
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục chứa mẫu Word (mặc định: mẫu đi kèm chương trình).",
)
@click.option("--pdf", is_flag=True, help="In thêm ra PDF (cần LibreOffice) và gộp tất cả vào in-tat-ca.pdf.")
@click.option("-q", "--quiet", is_flag=True, help="Không in tóm tắt.")
def generate(
    paths: tuple[Path, ...],
    month: str | None,
    docs: str | None,
    out_dir: Path,
    templates_dir: Path | None,
    pdf: bool,
    quiet: bool,
) -> None:
    """Đọc sổ Excel, kiểm tra, rồi soạn bản nháp: kế hoạch, phụ lục phân công, kế hoạch và
    báo cáo tháng (tháng mới nhất có hoạt động, hoặc tháng --month), báo cáo năm (--docs bcn).

    TỆP_HOẶC_THƯ_MỤC là tệp Excel hoặc thư mục chứa tệp Excel; bỏ trống thì đọc thư mục
    ./inputs/, nếu không có thì dùng sổ mẫu đi kèm chương trình.
    """
    from generator import pipeline

    sources = _sources(paths, quiet)
    if pdf and not quiet and sys.stderr.isatty():
        click.echo("Đang soạn văn bản rồi in ra PDF bằng LibreOffice (có thể mất vài chục giây)…", err=True)
    result = _run(
        lambda: pipeline.generate(
            sources, out_dir, docs, templates_dir, pipeline.parse_month_option(month) if month else None, pdf
        )
    )
    if result.inputs.problems:
        click.echo(_problem_table(result.inputs.problems), err=True)
    if not quiet:
        click.echo(f"Đã đọc {len(result.inputs.workbooks)} tệp Excel:")
        for workbook in result.inputs.workbooks:
            click.echo(f"  {workbook}")
        _say_skipped(sources)
        click.echo(f"Đã tạo {len(result.documents)} văn bản (bản nháp):")
        for document in result.documents:
            click.echo(f"  {document.path}")
        if result.pdfs:
            click.echo(f"Đã in {len(result.pdfs)} tệp PDF cạnh các văn bản; tệp in gộp: {result.bundle}")
        warnings = len(result.inputs.problems)
        click.echo(f"Cảnh báo: {warnings}." if warnings else "Không có lỗi, không có cảnh báo.")
        for reminder in result.reminders:
            click.echo(reminder)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option("-q", "--quiet", is_flag=True, help="Chỉ in lỗi, không in tóm tắt.")
def validate(paths: tuple[Path, ...], quiet: bool) -> None:
    """Chỉ kiểm tra sổ Excel: in mọi lỗi, cảnh báo và ghi bản đánh dấu lỗi <tên tệp>.loi.xlsx
    (xóa bản cũ khi tệp đã hết lỗi).

    TỆP_HOẶC_THƯ_MỤC là tệp Excel hoặc thư mục chứa tệp Excel. Tệp gốc không bị sửa.
    """
    from generator import pipeline

    result = _run(lambda: pipeline.validate(list(paths)))
    report = result.report
    if report.problems:
        click.echo(_problem_table(report.problems), err=True)
    errors = sum(1 for p in report.problems if p.is_error)
    warnings = len(report.problems) - errors
    if not quiet:
        click.echo(f"Đã kiểm tra {len(report.workbooks)} tệp Excel, {len(report.log)} dòng nhật ký hợp lệ.")
        _say_skipped(paths)
        for path in result.annotated:
            click.echo(f"Bản đánh dấu lỗi: {path}")
        for path in result.removed:
            click.echo(f"Đã xóa bản đánh dấu lỗi cũ (tệp gốc đã hết lỗi): {path}")
        click.echo(f"Có {errors} lỗi, {warnings} cảnh báo." if report.problems else "Không có lỗi, không có cảnh báo.")
    if any(p.code == UNREADABLE for p in report.problems):
        sys.exit(EXIT_OPERATIONAL)
    if errors:
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), metavar="TỆP_MỚI")
@click.option("--unit", metavar="TÊN", help="Tạo sổ nhật ký riêng cho đơn vị này (cột Thôn chỉ gồm các thôn được phân công).")
@click.option(
    "--from",
    "sources",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="TỆP_HOẶC_THƯ_MỤC",
    help="Sổ chính (hoặc thư mục) để lấy danh sách đơn vị, thôn, tiêu chí; mặc định ./inputs/ khi có --unit.",
)
@click.option("--year", type=YEAR, metavar="NĂM", help="Năm kế hoạch của sổ mới.")
@click.option("-q", "--quiet", is_flag=True, help="Không in tóm tắt.")
def init(path: Path, unit: str | None, sources: tuple[Path, ...], year: int | None, quiet: bool) -> None:
    """Tạo sổ Excel mới để nhập liệu: đủ các trang, dòng tiêu đề, danh sách chọn, trang Hướng dẫn.

    TỆP_MỚI là tên tệp mới (không ghi đè tệp đã có). Với --unit: sổ nhật ký của một đơn vị.
    """
    from generator import pipeline

    chosen = list(sources) or ([default_inputs(Path())] if unit else [])
    written = _run(lambda: pipeline.init_workbook(path, unit, chosen, year))
    if not quiet:
        what = f"sổ nhật ký của {unit}" if unit else "sổ chính mới"
        click.echo(f"Đã tạo {what}: {written}")
        click.echo("Mở tệp bằng Excel, đọc trang 'Hướng dẫn' rồi nhập số liệu.")


ARCHIVE_OPTION = click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("archive"),
    show_default=True,
    metavar="THƯ_MỤC",
    help="Thư mục lưu trữ văn bản đã phát hành và sổ đăng ký.",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=PATHS_METAVAR)
@click.option("--month", metavar="NĂM-THÁNG", help="Tháng cần xem, ví dụ 2021-03 (mặc định: tháng hiện tại).")
@_out_option("Thư mục bản nháp.")
@ARCHIVE_OPTION
def status(paths: tuple[Path, ...], month: str | None, out_dir: Path, archive: Path) -> None:
    """Hạn nộp kế hoạch, báo cáo của tháng; văn bản đã phát hành (theo sổ đăng ký), bản nháp
    đã có; đơn vị, thôn chưa có hoạt động."""
    from generator import pipeline

    sources = _sources(paths)
    report = _run(
        lambda: pipeline.status(sources, out_dir, pipeline.parse_month_option(month) if month else None, today(), archive=archive)
    )
    click.echo(f"Tháng {report.month.month}/{report.month.year} (hôm nay {report.today:%d/%m/%Y}):")
    for deadline in report.deadlines:
        issued = deadline.issued
        if issued is not None:
            if issued.issued_on <= deadline.due:
                timing = "đúng hạn"
            else:
                timing = f"muộn {(issued.issued_on - deadline.due).days} ngày"
            click.echo(
                f"  - {deadline.title}: gửi trước ngày {deadline.due:%d/%m/%Y}; "
                f"đã phát hành Số {issued.symbol} ngày {issued.issued_on:%d/%m/%Y} ({timing})."
            )
            continue
        draft = f"bản nháp: {deadline.draft}" if deadline.draft_exists else "chưa có bản nháp (chạy 'ntm generate')"
        click.echo(f"  - {deadline.title}: gửi trước ngày {deadline.due:%d/%m/%Y}, {deadline.standing}; chưa phát hành; {draft}.")
    click.echo(f"Hoạt động đã ghi trong tháng: {report.activities_in_month}.")
    if report.idle_units:
        click.echo(f"Đơn vị chưa có hoạt động trong tháng ({len(report.idle_units)}): {', '.join(report.idle_units)}.")
    else:
        click.echo("Đơn vị nào cũng đã có hoạt động trong tháng.")
    if report.idle_villages:
        click.echo(f"Thôn chưa có hoạt động trong tháng ({len(report.idle_villages)}): {', '.join(report.idle_villages)}.")
    else:
        click.echo("Thôn nào cũng đã có hoạt động trong tháng.")
    for reminder in report.reminders:
        click.echo(reminder)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP_DOCX...")
@click.option("--template", "templates", is_flag=True, help="Kiểm tra mẫu Word: tên biến, thẻ bị tách, khối {% %} chưa đóng.")
@click.option(
    "--kind",
    default=None,
    type=click.Choice(["kh", "pl", "kht", "bc", "bcn"]),
    help="Loại văn bản của mẫu (kh, pl, kht, bc, bcn) khi không đọc được từ tên tệp hay tiêu đề mẫu.",
)
def check(paths: tuple[Path, ...], templates: bool, kind: str | None) -> None:
    """Kiểm tra thể thức văn bản (văn bản của Đảng theo Hướng dẫn 36-HD/VPTW, văn bản nhà nước
    theo Nghị định 30/2020/NĐ-CP): khổ giấy, lề, phông, đầu văn bản, số ký hiệu, địa danh ngày
    tháng, Nơi nhận, chữ ký, số trang, trang in… Mỗi lỗi ghi rõ chỗ.

    Mã thoát 0 khi đúng thể thức, 3 khi có lỗi (cảnh báo không đổi mã thoát).
    """
    from generator import pipeline

    results = _run(lambda: pipeline.check_files(list(paths), templates, kind))
    errors = 0
    for result in results:
        broken = [f for f in result.findings if f.is_error]
        errors += len(broken)
        against = f" (theo {result.guidance})" if result.guidance else ""
        if not result.findings:
            click.echo(f"{result.path}: đúng thể thức{against}." if not templates else f"{result.path}: mẫu dùng được.")
            continue
        click.echo(f"{result.path}: {len(broken)} lỗi, {len(result.findings) - len(broken)} cảnh báo{against}:")
        for finding in result.findings:
            click.echo(f"  {finding}")
    click.echo(f"Đã kiểm tra {len(results)} tệp: {errors} lỗi.")
    if errors:
        sys.exit(EXIT_INVALID)


def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        from generator.vnformat import parse_date_short  # babel: only for a command given a date

        return parse_date_short(text)
    except ValueError as err:
        raise click.BadParameter("hãy ghi ngày dạng ngày/tháng/năm, ví dụ 03/04/2021", param_hint="--date") from err


@main.command("issue")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path), metavar="BẢN_NHÁP.docx")
@click.option(
    "--date",
    "day",
    metavar="NGÀY/THÁNG/NĂM",
    help=f"Ngày phát hành. Mặc định hôm nay, nếu hôm nay nằm trong thời gian phát hành của văn bản ({WINDOWS_TEXT}).",
)
@click.option("--force", is_flag=True, help="Phát hành dù ngày nằm ngoài thời gian thường lệ (ghi chú vào sổ đăng ký).")
@click.option("--pdf", is_flag=True, help="Lưu thêm bản PDF (cần LibreOffice).")
@click.option("--reset-each-year", is_flag=True, help="Số văn bản mỗi loại bắt đầu lại từ 01 mỗi năm (mặc định: cả nhiệm kỳ).")
@ARCHIVE_OPTION
def issue_command(draft: Path, day: str | None, force: bool, pdf: bool, reset_each_year: bool, archive: Path) -> None:
    """Phát hành một bản nháp đã ký: lấy số tiếp theo trong sổ đăng ký, điền số và ngày,
    lưu bản chính thức (chỉ đọc) vào archive/<năm>/ và ghi vào sổ."""
    from generator import pipeline

    issued_on = _parse_day(day)
    outcome = _run(lambda: pipeline.issue(draft, archive, issued_on, pdf, reset_each_year, force=force, today=today()))
    record = outcome.record
    click.echo(f"Đã phát hành: Số {record.symbol}, ngày {record.issued_on:%d/%m/%Y} — {record.title}")
    click.echo(f"  Bản lưu: {outcome.docx}")
    if outcome.pdf:
        click.echo(f"  Bản PDF: {outcome.pdf}")
    if record.note:
        click.echo(f"  Ghi chú trong sổ: {record.note}")
    if outcome.warnings:
        click.echo(f"Bản đã phát hành có {len(outcome.warnings)} cảnh báo thể thức (không chặn việc phát hành):", err=True)
        for finding in outcome.warnings:
            click.echo(f"  {finding}", err=True)


def _no_register(archive: Path, what: str) -> None:
    click.echo(
        f"Chưa có sổ đăng ký ở '{archive.resolve()}' (không có tệp so-dang-ky.sqlite): "
        f"chưa văn bản nào được cấp số ở đây, {what}. Nếu sổ nằm ở thư mục khác, ghi --archive THƯ_MỤC."
    )


@main.command("register")
@click.option("--year", type=YEAR, metavar="NĂM", help="Chỉ các văn bản của năm này.")
@click.option(
    "--export",
    "export",
    is_flag=False,
    flag_value="so-dang-ky-van-ban-di.xlsx",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP.xlsx",
    help="Xuất sổ ra tệp Excel (mặc định so-dang-ky-van-ban-di.xlsx).",
)
@ARCHIVE_OPTION
def register_command(year: int | None, export: Path | None, archive: Path) -> None:
    """Sổ đăng ký văn bản đi: liệt kê văn bản đã phát hành; xuất ra Excel với --export."""
    from generator import pipeline

    if pipeline.find_register(archive) is None:
        _run(lambda: pipeline.register_listing(archive, year, None))  # refuses an archive that holds issued files
        _no_register(archive, "chưa xuất tệp nào" if export is not None else "sổ chưa có văn bản nào")
        if export is not None:
            sys.exit(EXIT_OPERATIONAL)
        return
    listing = _run(lambda: pipeline.register_listing(archive, year, export))
    for document in listing.documents:
        status = " (đã thu hồi)" if document.withdrawn else ""
        click.echo(f"  Số {document.symbol}  {document.issued_on:%d/%m/%Y}  {document.title}{status}")
    click.echo(f"Sổ có {len(listing.documents)} văn bản" + (f" năm {year}." if year else "."))
    if listing.exported:
        click.echo(f"Đã xuất sổ ra: {listing.exported}")


@main.command("withdraw")
@click.argument("symbol", metavar="SỐ_KÝ_HIỆU")
@click.option("--year", type=YEAR, metavar="NĂM", help="Năm của văn bản, khi sổ có hai văn bản cùng số (đánh số lại mỗi năm).")
@click.option("--date", "day", metavar="NGÀY/THÁNG/NĂM", help="Ngày thu hồi. Mặc định hôm nay.")
@click.option("--reason", default="", metavar="LÝ_DO", help="Lý do thu hồi, ghi vào sổ đăng ký.")
@ARCHIVE_OPTION
def withdraw_command(symbol: str, year: int | None, day: str | None, reason: str, archive: Path) -> None:
    """Thu hồi một văn bản đã phát hành (ví dụ: ntm withdraw 05-BC/ĐU). Sổ đăng ký ghi 'Đã thu hồi';
    bản lưu giữ nguyên; số đó không bao giờ được cấp lại."""
    from generator.register import withdraw

    withdrawn_on = _parse_day(day) or today()
    record = _run(lambda: withdraw(archive, symbol, year=year, day=withdrawn_on, reason=reason))
    click.echo(f"Đã thu hồi văn bản số {record.symbol} ({record.title}) ngày {withdrawn_on:%d/%m/%Y}.")
    click.echo("Số này không bao giờ được cấp lại; sổ đăng ký và tệp xuất Excel ghi văn bản là đã thu hồi.")


@main.command("numbering")
@click.argument("type_symbol", type=click.Choice(list(TYPE_NAMES), case_sensitive=False), metavar="LOẠI")
@click.argument("first", type=click.IntRange(min=1), metavar="SỐ")
@click.option("--year", type=YEAR, metavar="NĂM", help="Với sổ đánh số lại từ 01 mỗi năm (issue --reset-each-year): năm áp dụng.")
@ARCHIVE_OPTION
def numbering_command(type_symbol: str, first: int, year: int | None, archive: Path) -> None:
    """Cho văn phòng bắt đầu dùng ntm giữa nhiệm kỳ: văn bản loại LOẠI (KH, BC…) phát hành tiếp theo
    mang số SỐ, vì các số trước đã cấp bằng tay (ví dụ: ntm numbering KH 12)."""
    from generator.register import next_number, set_last_number

    _run(lambda: set_last_number(archive, type_symbol, first - 1, year=year))
    coming = _run(lambda: next_number(archive, type_symbol, year=year))
    if coming == first:
        click.echo(f"Văn bản loại {type_symbol} phát hành tiếp theo sẽ mang số {coming:02d}.")
    else:
        click.echo(
            f"Sổ đã có văn bản loại {type_symbol} số {coming - 1:02d}: số không bao giờ cấp lại, nên văn bản "
            f"phát hành tiếp theo mang số {coming:02d}, không phải {first:02d}."
        )


@main.command("verify")
@ARCHIVE_OPTION
@click.option("--rebuild", is_flag=True, help="Dựng lại sổ đăng ký từ các văn bản đã lưu (khi sổ bị mất, trống hoặc hỏng).")
def verify_command(archive: Path, rebuild: bool) -> None:
    """Kiểm tra mọi tệp đã lưu trữ có đúng như lúc phát hành không (mã SHA-256 trong sổ)."""
    from generator import pipeline

    if rebuild:
        rebuilt = _run(lambda: pipeline.rebuild_register(archive))
        if rebuilt.kept_aside:
            click.echo(f"Sổ cũ không dùng được, đã giữ lại ở: {rebuilt.kept_aside}")
        for path, why in rebuilt.skipped:
            click.echo(f"  BỎ QUA: {path}: {why}", err=True)
        click.echo(
            f"Đã ghi lại vào sổ {len(rebuilt.added)} văn bản từ thư mục lưu trữ"
            + (f": {', '.join(rebuilt.added)}." if rebuilt.added else ".")
            + " Văn bản đã thu hồi không ghi trên tệp: hãy ghi lại việc thu hồi (nếu có) vào sổ."
        )
    found = pipeline.find_register(archive)
    report = _run(lambda: pipeline.verify(archive))
    for path in report.missing:
        click.echo(f"  MẤT: {path}", err=True)
    for path in report.changed:
        click.echo(f"  BỊ SỬA: {path}", err=True)
    for path in report.unregistered:
        click.echo(f"  KHÔNG CÓ TRONG SỔ: {path}", err=True)
    for path, why in report.unsafe:
        click.echo(f"  KHÔNG AN TOÀN: {path}: {why}", err=True)
    if found is None:
        _no_register(archive, "không có gì để kiểm tra")
        sys.exit(EXIT_OPERATIONAL)
    click.echo(
        f"Đã kiểm tra {len(report.ok) + len(report.missing) + len(report.changed)} tệp trong sổ: "
        f"{len(report.ok)} đúng, {len(report.changed)} bị sửa, {len(report.missing)} bị mất; "
        f"{len(report.unregistered)} tệp không có trong sổ."
    )
    if not report.clean:
        sys.exit(EXIT_OPERATIONAL)


@main.command("serve")
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="[THƯ_MỤC]"
)
@click.option(
    "--port",
    type=click.IntRange(1024, 65535),
    default=8765,
    show_default=True,
    metavar="CỔNG",
    help="Cổng trên 127.0.0.1 (cổng bận thì chọn cổng khác).",
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt, chỉ in địa chỉ.")
def serve_command(folder: Path, port: int, no_browser: bool) -> None:
    """Mở trang web của ntm cho thư mục văn phòng THƯ_MỤC (mặc định: thư mục hiện tại, gồm
    inputs/, outputs/, archive/): tình hình, sổ số liệu, soạn văn bản, phát hành, sổ đăng ký.
    Chỉ mở được trên chính máy này; bấm Ctrl+C để dừng."""
    from generator.web import serve  # the web stack loads only for this command

    _run(lambda: serve(folder, port, open_browser=not no_browser, announce=click.echo))
