from __future__ import annotations

from pathlib import Path

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
    code = main(["build", "--feeds", str(feeds), "--today", "2026-11-23", "--output", str(tmp_path / "out")])
    assert code == 0
    assert (tmp_path / "out/officers/33990001000001/index.html").is_file()
