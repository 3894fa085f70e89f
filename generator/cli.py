"""The `ntm` command: parse, call one library function, print, map errors to exit codes.

Nothing else happens here; everything the clerk reads as an error message was
written by the library in Vietnamese and is only printed here.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from generator import __version__, pipeline
from generator.errors import UNREADABLE, NtmError, Problem, ValidationFailed, sorted_problems
from generator.resources import default_inputs

T = TypeVar("T")

EXIT_OK, EXIT_OPERATIONAL, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3


def _problem_table(problems: Sequence[Problem]) -> str:
    lines = []
    for problem in sorted_problems(list(problems)):
        lines.append(f"  {problem.location}  [{problem.code}] {problem.severity.value}: {problem.message}")
    return "\n".join(lines)


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ntm", message="%(prog)s %(version)s")
def main() -> None:
    """ntm — soạn kế hoạch, báo cáo phong trào cán bộ, đảng viên trực tiếp tham gia xây dựng
    nông thôn mới từ các sổ Excel của chi bộ, tổ chức."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--month", metavar="NĂM-THÁNG", help="Soạn kế hoạch và báo cáo của tháng này, ví dụ 2021-03.")
@click.option("--docs", metavar="LOẠI,…", help="Chỉ tạo các văn bản này: kh, pl, kht, bc, bcn (ví dụ: kh,pl).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="Thư mục ghi bản nháp.",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
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

    PATHS là tệp Excel hoặc thư mục chứa tệp Excel; bỏ trống thì đọc thư mục ./inputs/,
    nếu không có thì dùng sổ mẫu đi kèm chương trình.
    """
    sources = list(paths) or [default_inputs(Path())]
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
        click.echo(f"Đã tạo {len(result.documents)} văn bản (bản nháp):")
        for document in result.documents:
            click.echo(f"  {document.path}")
        if result.pdfs:
            click.echo(f"Đã in {len(result.pdfs)} tệp PDF cạnh các văn bản; tệp in gộp: {result.bundle}")
        warnings = len(result.inputs.problems)
        click.echo(f"Cảnh báo: {warnings}." if warnings else "Không có lỗi, không có cảnh báo.")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Chỉ in lỗi, không in tóm tắt.")
def validate(paths: tuple[Path, ...], quiet: bool) -> None:
    """Chỉ kiểm tra sổ Excel: in mọi lỗi, cảnh báo và ghi bản đánh dấu lỗi <tên>.loi.xlsx.

    PATHS là tệp Excel hoặc thư mục chứa tệp Excel. Tệp gốc không bị sửa.
    """
    result = _run(lambda: pipeline.validate(list(paths)))
    report = result.report
    if report.problems:
        click.echo(_problem_table(report.problems), err=True)
    errors = sum(1 for p in report.problems if p.is_error)
    warnings = len(report.problems) - errors
    if not quiet:
        click.echo(f"Đã kiểm tra {len(report.workbooks)} tệp Excel, {len(report.activities)} dòng nhật ký hợp lệ.")
        for path in result.annotated:
            click.echo(f"Bản đánh dấu lỗi: {path}")
        click.echo(f"Có {errors} lỗi, {warnings} cảnh báo." if report.problems else "Không có lỗi, không có cảnh báo.")
    if any(p.code == UNREADABLE for p in report.problems):
        sys.exit(EXIT_OPERATIONAL)
    if errors:
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--unit", metavar="TÊN", help="Tạo sổ nhật ký riêng cho đơn vị này (cột Thôn chỉ gồm các thôn được phân công).")
@click.option(
    "--from",
    "sources",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Sổ chính (hoặc thư mục) để lấy danh sách đơn vị, thôn, tiêu chí; mặc định ./inputs/ khi có --unit.",
)
@click.option("--year", type=click.IntRange(2000, 2100), help="Năm kế hoạch của sổ mới.")
@click.option("-q", "--quiet", is_flag=True, help="Không in tóm tắt.")
def init(path: Path, unit: str | None, sources: tuple[Path, ...], year: int | None, quiet: bool) -> None:
    """Tạo sổ Excel mới để nhập liệu: đủ các trang, dòng tiêu đề, danh sách chọn, trang Hướng dẫn.

    PATH là tên tệp mới (không ghi đè tệp đã có). Với --unit: sổ nhật ký của một đơn vị.
    """
    chosen = list(sources) or ([default_inputs(Path())] if unit else [])
    written = _run(lambda: pipeline.init_workbook(path, unit, chosen, year))
    if not quiet:
        what = f"sổ nhật ký của {unit}" if unit else "sổ chính mới"
        click.echo(f"Đã tạo {what}: {written}")
        click.echo("Mở tệp bằng Excel, đọc trang 'Hướng dẫn' rồi nhập số liệu.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--month", metavar="NĂM-THÁNG", help="Tháng cần xem, ví dụ 2021-03 (mặc định: tháng hiện tại).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"), show_default=True, help="Thư mục bản nháp.")
def status(paths: tuple[Path, ...], month: str | None, out_dir: Path) -> None:
    """Hạn nộp kế hoạch, báo cáo của tháng; bản nháp đã có; đơn vị, thôn chưa có hoạt động."""
    sources = list(paths) or [default_inputs(Path())]
    report = _run(
        lambda: pipeline.status(sources, out_dir, pipeline.parse_month_option(month) if month else None, dt.date.today())
    )
    click.echo(f"Tháng {report.month.month}/{report.month.year} (hôm nay {report.today:%d/%m/%Y}):")
    for deadline in report.deadlines:
        if deadline.days_left > 0:
            left = f"còn {deadline.days_left} ngày"
        elif deadline.days_left == 0:
            left = "hôm nay là hạn"
        else:
            left = f"đã quá hạn {-deadline.days_left} ngày"
        draft = f"bản nháp: {deadline.draft}" if deadline.draft_exists else "chưa có bản nháp (chạy 'ntm generate')"
        click.echo(f"  - {deadline.title}: gửi trước ngày {deadline.due:%d/%m/%Y}, {left}; {draft}.")
    click.echo(f"Hoạt động đã ghi trong tháng: {report.activities_in_month}.")
    if report.idle_units:
        click.echo(f"Đơn vị chưa có hoạt động trong tháng ({len(report.idle_units)}): {', '.join(report.idle_units)}.")
    else:
        click.echo("Đơn vị nào cũng đã có hoạt động trong tháng.")
    if report.idle_villages:
        click.echo(f"Thôn chưa có hoạt động trong tháng ({len(report.idle_villages)}): {', '.join(report.idle_villages)}.")
    else:
        click.echo("Thôn nào cũng đã có hoạt động trong tháng.")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--template", "templates", is_flag=True, help="Kiểm tra mẫu Word: tên biến, thẻ bị tách, khối {% %} chưa đóng.")
def check(paths: tuple[Path, ...], templates: bool) -> None:
    """Kiểm tra thể thức văn bản (Hướng dẫn 36-HD/VPTW): khổ giấy, lề, phông, đầu văn bản,
    số ký hiệu, địa danh ngày tháng, Nơi nhận, chữ ký, số trang… Mỗi lỗi ghi rõ chỗ.

    Mã thoát 0 khi đúng thể thức, 3 khi có lỗi (cảnh báo không đổi mã thoát).
    """
    results = _run(lambda: pipeline.check_files(list(paths), templates))
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


def _parse_day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise click.BadParameter("hãy ghi ngày dạng ngày/tháng/năm, ví dụ 03/04/2021", param_hint="--date") from None


ARCHIVE_OPTION = click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("archive"),
    show_default=True,
    help="Thư mục lưu trữ văn bản đã phát hành và sổ đăng ký.",
)


@main.command("issue")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "day", metavar="NGÀY/THÁNG/NĂM", help="Ngày phát hành (mặc định: hôm nay).")
@click.option("--pdf", is_flag=True, help="Lưu thêm bản PDF (cần LibreOffice).")
@click.option("--reset-each-year", is_flag=True, help="Số văn bản mỗi loại bắt đầu lại từ 01 mỗi năm (mặc định: cả nhiệm kỳ).")
@ARCHIVE_OPTION
def issue_command(draft: Path, day: str | None, pdf: bool, reset_each_year: bool, archive: Path) -> None:
    """Phát hành một bản nháp đã ký: lấy số tiếp theo trong sổ đăng ký, điền số và ngày,
    lưu bản chính thức (chỉ đọc) vào archive/<năm>/ và ghi vào sổ."""
    issued_on = _parse_day(day)
    issued = _run(lambda: pipeline.issue(draft, archive, issued_on, pdf, reset_each_year))
    record = issued.record
    click.echo(f"Đã phát hành: Số {record.symbol}, ngày {record.issued_on:%d/%m/%Y} — {record.title}")
    click.echo(f"  Bản lưu: {issued.docx}")
    if issued.pdf:
        click.echo(f"  Bản PDF: {issued.pdf}")


@main.command("register")
@click.option("--year", type=click.IntRange(2000, 2100), help="Chỉ các văn bản của năm này.")
@click.option(
    "--export",
    "export",
    is_flag=False,
    flag_value="so-dang-ky-van-ban-di.xlsx",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Xuất sổ ra tệp Excel (mặc định so-dang-ky-van-ban-di.xlsx).",
)
@ARCHIVE_OPTION
def register_command(year: int | None, export: Path | None, archive: Path) -> None:
    """Sổ đăng ký văn bản đi: liệt kê văn bản đã phát hành; xuất ra Excel với --export."""
    listing = _run(lambda: pipeline.register_listing(archive, year, export))
    for document in listing.documents:
        status = " (đã thu hồi)" if document.withdrawn else ""
        click.echo(f"  Số {document.symbol}  {document.issued_on:%d/%m/%Y}  {document.title}{status}")
    click.echo(f"Sổ có {len(listing.documents)} văn bản" + (f" năm {year}." if year else "."))
    if listing.exported:
        click.echo(f"Đã xuất sổ ra: {listing.exported}")


@main.command("verify")
@ARCHIVE_OPTION
def verify_command(archive: Path) -> None:
    """Kiểm tra mọi tệp đã lưu trữ có đúng như lúc phát hành không (mã SHA-256 trong sổ)."""
    report = _run(lambda: pipeline.verify(archive))
    for path in report.missing:
        click.echo(f"  MẤT: {path}", err=True)
    for path in report.changed:
        click.echo(f"  BỊ SỬA: {path}", err=True)
    for path in report.unregistered:
        click.echo(f"  KHÔNG CÓ TRONG SỔ: {path}", err=True)
    click.echo(
        f"Đã kiểm tra {len(report.ok) + len(report.missing) + len(report.changed)} tệp trong sổ: "
        f"{len(report.ok)} đúng, {len(report.changed)} bị sửa, {len(report.missing)} bị mất; "
        f"{len(report.unregistered)} tệp không có trong sổ."
    )
    if not report.clean:
        sys.exit(EXIT_OPERATIONAL)


@main.command("serve")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--port", type=click.IntRange(1024, 65535), default=8765, show_default=True, help="Cổng trên 127.0.0.1 (cổng bận thì chọn cổng khác).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt, chỉ in địa chỉ.")
def serve_command(folder: Path, port: int, no_browser: bool) -> None:
    """Mở trang web của ntm cho thư mục văn phòng FOLDER (mặc định: thư mục hiện tại, gồm
    inputs/, outputs/, archive/): tình hình, sổ số liệu, soạn văn bản, phát hành, sổ đăng ký.
    Chỉ mở được trên chính máy này; bấm Ctrl+C để dừng."""
    from generator.web import serve  # the web stack loads only for this command

    _run(lambda: serve(folder, port, open_browser=not no_browser, announce=click.echo))
