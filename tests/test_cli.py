from __future__ import annotations

from pathlib import Path

import pytest

from gongshi.cli import main
from tests.feedkit import officers, write_feeds


def test_check_passes_clean_feeds(tmp_path: Path, capsys) -> None:
    assert main(["check", "--feeds", str(write_feeds(tmp_path / "feeds"))]) == 0
    assert "数据源检查通过" in capsys.readouterr().out


def test_check_prints_every_problem_and_exits_1(tmp_path: Path, capsys) -> None:
    rows = officers()
    rows[0]["有效期至"] = "2026-02-30"
    rows[2]["执法证号"] = rows[1]["执法证号"]
    assert main(["check", "--feeds", str(write_feeds(tmp_path / "feeds", officer_rows=rows))]) == 1
    out = capsys.readouterr().out
    assert "feeds/officers.csv:2 列「有效期至」" in out
    assert "feeds/officers.csv:4 列「执法证号」" in out
    assert "共 2 个错误" in out


def test_build_writes_the_site(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    feeds = write_feeds(tmp_path / "feeds")
    code = main(["build", "--feeds", str(feeds), "--today", "2026-11-23", "--output", str(tmp_path / "out"),
                 "--siteurl", "https://zfgs.example.gov.cn"])
    assert code == 0
    page = (tmp_path / "out/officers/33990001000001/index.html").read_text("utf-8")
    assert "https://zfgs.example.gov.cn/officers/33990001000001/" in page


@pytest.mark.parametrize("siteurl", [None, "http://localhost:8000", "http://127.0.0.1:8080", ""])
def test_a_build_for_a_local_address_is_refused_unless_for_development(tmp_path: Path, monkeypatch, capsys,
                                                                       siteurl: str | None) -> None:
    """pelicanconf.py's SITEURL is localhost: a card printed from such a build has a dead QR code."""
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    feeds = write_feeds(tmp_path / "feeds")
    command = ["build", "--feeds", str(feeds), "--today", "2026-11-23", "--output", str(tmp_path / "out")]
    command += [] if siteurl is None else ["--siteurl", siteurl]
    assert main(command) == 2
    message = capsys.readouterr().err
    assert "网站地址（SITEURL）" in message and "--siteurl" in message and "--dev" in message
    assert not (tmp_path / "out").exists()
    assert main([*command, "--dev"]) == 0
    assert (tmp_path / "out/officers/33990001000001/index.html").is_file()


def _problem_lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.startswith(("错误 ", "警告 ", "提示 ")))


def _check_and_build(feeds: Path, tmp_path: Path, capsys, caplog) -> tuple[int, list[str], int, list[str]]:
    """Each command's exit code and problem lines (the build logs its warnings)."""
    check_code = main(["check", "--feeds", str(feeds), "--today", "2026-11-23"])
    checked = _problem_lines(capsys.readouterr().out)
    build_code = main(["build", "--feeds", str(feeds), "--today", "2026-11-23", "--output", str(tmp_path / "out"),
                       "--dev"])
    captured = capsys.readouterr()
    return check_code, checked, build_code, _problem_lines("\n".join([captured.out, captured.err, *caplog.messages]))


def test_check_and_build_report_the_same_errors(tmp_path: Path, monkeypatch, capsys, caplog) -> None:
    from tests.feedkit import csv_bytes, penalties

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()
    (feeds / "penalties").mkdir()
    (feeds / "penalties" / "a.csv").write_bytes(csv_bytes(rows[:2]))
    # the same 文号 with other brackets: once a build stopped only when writing the pages
    (feeds / "penalties" / "b.csv").write_bytes(csv_bytes([dict(rows[0], 决定书文号="江临市监罚[2026]101号")]))
    check_code, checked, build_code, built = _check_and_build(feeds, tmp_path, capsys, caplog)
    assert (check_code, build_code) == (1, 1)
    assert checked == built and any("feeds/penalties/b.csv:2 列「决定书文号」" in line for line in checked)


def test_check_and_build_report_the_same_warnings(tmp_path: Path, monkeypatch, capsys, caplog) -> None:
    from tests.feedkit import csv_bytes, penalties

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    rows = officers()
    rows[0]["内部编号"] = "X1"  # an unknown column
    feeds = write_feeds(tmp_path / "feeds", officer_rows=rows, penalty_rows=penalties())  # 106号: major, no note
    # 2027 in the official calendar, so that the build does not warn about guessing it
    (feeds / "calendar.csv").write_bytes(csv_bytes([{"日期": "2027-01-01", "类型": "休", "说明": "元旦"}]))
    check_code, checked, build_code, built = _check_and_build(feeds, tmp_path, capsys, caplog)
    assert (check_code, build_code) == (0, 0)
    assert checked == built and len(checked) == 2


def test_a_future_decision_day_is_the_same_warning_in_check_and_build(tmp_path: Path, monkeypatch, capsys,
                                                                       caplog) -> None:
    from tests.feedkit import csv_bytes, penalties

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    rows = penalties()
    rows[0]["处罚决定日期"] = "2026-12-20"  # a typo for 2026-10-20
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=rows)
    (feeds / "calendar.csv").write_bytes(csv_bytes([{"日期": "2027-01-01", "类型": "休", "说明": "元旦"}]))
    check_code, checked, build_code, built = _check_and_build(feeds, tmp_path, capsys, caplog)
    assert (check_code, build_code) == (0, 0)
    future = [line for line in checked if "处罚决定日期" in line]
    assert len(future) == 1 and "feeds/penalties.csv:2" in future[0] and "2026-12-20" in future[0]
    assert "尚未到来" in future[0] and "2026-11-23" in future[0]
    assert checked == built
