"""`gongshi check` and `gongshi build` tell staff the same problems about the same feeds: the
sample feeds of the repository as they are, and a copy with a few cells broken."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from gongshi.cli import main

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"


def _problem_lines(text: str) -> set[str]:
    return {line for line in text.splitlines() if line.startswith(("错误 ", "警告 ", "提示 "))}


def _check_and_build(feeds: Path, out: Path, capsys, caplog) -> tuple[int, set[str], int, set[str]]:
    check_code = main(["check", "--feeds", str(feeds), "--today", TODAY])
    checked = _problem_lines(capsys.readouterr().out)
    build_code = main(["build", "--feeds", str(feeds), "--today", TODAY, "--output", str(out), "--dev"])
    captured = capsys.readouterr()
    return check_code, checked, build_code, _problem_lines("\n".join([captured.out, captured.err, *caplog.messages]))


def _edit_csv(path: Path, edit) -> None:  # noqa: ANN001 - a function of (headers, rows)
    text = path.read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    headers, body = rows[0], rows[1:]
    edit(headers, body)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([headers, *body])
    path.write_text("\ufeff" + buffer.getvalue(), "utf-8")


def _set(headers: list[str], body: list[list[str]], row: int, column: str, value: str) -> None:
    body[row - 2][headers.index(column)] = value  # row as a spreadsheet numbers it (header = 1)


def _broken_sample(folder: Path, *, with_error: bool) -> Path:
    feeds = folder / "data_feeds"
    shutil.copytree(ROOT / "data_feeds", feeds)

    def officers(headers: list[str], body: list[list[str]]) -> None:
        headers.append("内部编号")  # a column the data specification does not know
        for i, row in enumerate(body):
            row.append(f"N{i}")
        if with_error:
            _set(headers, body, 3, "有效期至", "2026-02-30")

    def penalties(headers: list[str], body: list[list[str]]) -> None:
        _set(headers, body, 2, "处罚决定日期", "2026-12-20")  # a typo for 2026-10-20: still to come
        _set(headers, body, 3, "罚款金额（万元）", "60000")  # 元 typed into the 万元 column
        uscc = body[2][headers.index("统一社会信用代码")]
        _set(headers, body, 4, "统一社会信用代码", uscc[:-1] + ("0" if uscc[-1] != "0" else "1"))  # check digit

    _edit_csv(feeds / "officers" / "scjgj.csv", officers)
    _edit_csv(feeds / "penalties" / "scjgj.csv", penalties)
    return feeds


@pytest.fixture
def at_root(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)


def test_the_sample_feeds_give_the_same_warnings(tmp_path: Path, at_root, capsys, caplog) -> None:
    check_code, checked, build_code, built = _check_and_build(ROOT / "data_feeds", tmp_path / "out", capsys, caplog)
    assert (check_code, build_code) == (0, 0)
    assert checked == built
    assert any(line.startswith("警告 ") for line in checked)


def test_broken_cells_give_the_same_warnings(tmp_path: Path, at_root, capsys, caplog) -> None:
    feeds = _broken_sample(tmp_path, with_error=False)
    check_code, checked, build_code, built = _check_and_build(feeds, tmp_path / "out", capsys, caplog)
    assert (check_code, build_code) == (0, 0)
    assert checked == built
    shown = "\n".join(sorted(checked))
    for expected in ("内部编号", "2026-12-20", "60000", "校验位正确的统一社会信用代码", "calendar.csv"):
        assert expected in shown, expected


def test_a_broken_cell_that_stops_the_build_is_the_same_error(tmp_path: Path, at_root, capsys, caplog) -> None:
    feeds = _broken_sample(tmp_path, with_error=True)
    check_code, checked, build_code, built = _check_and_build(feeds, tmp_path / "out", capsys, caplog)
    assert (check_code, build_code) == (1, 1)
    assert checked == built
    assert any(line.startswith("错误 ") and "2026-02-30" in line for line in checked)


def _account_lines(text: str) -> list[str]:
    lines = text.splitlines()
    if "各数据集行数核对：" not in lines:
        return []
    start = lines.index("各数据集行数核对：") + 1
    return [line for line in lines[start:] if line.startswith("  ") and "：读取 " in line]


@pytest.mark.parametrize("with_error", [False, True], ids=["published", "stopped"])
def test_check_prints_the_builds_row_account(tmp_path: Path, at_root, capsys, with_error: bool) -> None:
    feeds = _broken_sample(tmp_path, with_error=with_error)
    main(["check", "--feeds", str(feeds), "--today", TODAY])
    checked = _account_lines(capsys.readouterr().out)
    main(["build", "--feeds", str(feeds), "--today", TODAY, "--output", str(tmp_path / "out"), "--dev"])
    captured = capsys.readouterr()
    built = _account_lines(captured.out + "\n" + captured.err)
    assert checked and checked == built
    assert any("行政处罚决定：读取 240 行" in line for line in checked)
