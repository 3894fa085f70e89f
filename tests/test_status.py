"""`ntm status` (SPEC §2): deadlines, days left, drafts, who logged nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import generate, status
from tests.conftest import INPUTS


def test_days_left_before_each_deadline(tmp_path):
    report = status([INPUTS], tmp_path, dt.date(2021, 3, 1), today=dt.date(2021, 3, 2))
    plan, result = report.deadlines
    assert (plan.due, plan.days_left) == (dt.date(2021, 3, 5), 3)
    assert (result.due, result.days_left) == (dt.date(2021, 3, 28), 26)
    assert not plan.draft_exists and not result.draft_exists


def test_drafts_are_found_once_generated(tmp_path):
    generate([INPUTS], tmp_path, month=dt.date(2021, 3, 1))
    report = status([INPUTS], tmp_path, dt.date(2021, 3, 1), today=dt.date(2021, 3, 30))
    assert all(d.draft_exists for d in report.deadlines)
    assert [d.days_left for d in report.deadlines] == [-25, -2]


def test_month_defaults_to_today_within_the_plan_year(tmp_path):
    report = status([INPUTS], tmp_path, None, today=dt.date(2021, 2, 10))
    assert report.month == dt.date(2021, 2, 1)
    assert report.idle_units == ()


def test_cli_lists_deadlines_and_idle_units_and_villages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["status", str(INPUTS), "--month", "2021-03"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Tháng 3/2021 (hôm nay ")
    assert lines[1].startswith("  - Kế hoạch hoạt động tháng 3 năm 2021: gửi trước ngày 05/03/2021, đã quá hạn ")
    assert lines[2].startswith("  - Báo cáo kết quả tháng 3 năm 2021: gửi trước ngày 28/03/2021, ")
    assert "chưa có bản nháp (chạy 'ntm generate')" in lines[2]
    assert lines[3] == "Hoạt động đã ghi trong tháng: 63."
    assert lines[4] == "Đơn vị chưa có hoạt động trong tháng (2): Hội CCB, BCHQS xã."
    assert lines[5] == "Thôn chưa có hoạt động trong tháng (3): Tân Bình 1, Tân Bình 2, Thác Lường."


def test_month_outside_the_plan_year_is_a_usage_error():
    result = CliRunner().invoke(main, ["status", str(INPUTS), "--month", "2022-01"])
    assert result.exit_code == 2
    assert "không thuộc năm kế hoạch 2021" in result.output


@pytest.mark.parametrize(
    ("today", "standing"),
    [
        (dt.date(2021, 3, 20), "còn 8 ngày"),
        (dt.date(2021, 3, 28), "hôm nay là hạn"),
        (dt.date(2021, 4, 2), "đã quá hạn 5 ngày"),
        (dt.date(2023, 6, 1), "đã quá hạn (năm 2021 đã qua)"),  # last year's workbook: no count of 795 days
    ],
)
def test_the_days_left_are_worded_once_for_the_console_and_the_web_page(tmp_path, today, standing):
    report = status([INPUTS], tmp_path, dt.date(2021, 3, 1), today=today)
    assert report.deadlines[1].standing == standing
