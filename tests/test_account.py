"""The shrink guard (a dataset that lost its records since the last build stops the build) and
the per-dataset row account printed by every build."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongshi import account, cli
from gongshi.feeds import ProblemLog, load_feeds
from gongshi.pipeline import current_state
from tests.feedkit import csv_bytes, penalties, write_feeds
from tests.sitekit import ROOT, build_site, tree

TODAY = "2026-11-23"


def _build(feeds: Path, output: Path, *, allow_shrink: bool = False, share: float | None = None,
           workers: int = 1) -> int:
    overrides: dict[str, object] = {"GONGSHI_CACHE": str(output.parent / (output.name + "-cache")),
                                    "GONGSHI_WORKERS": workers}
    if share is not None:
        overrides["GONGSHI_SHRINK_SHARE"] = share
    return cli.build(ROOT / "pelicanconf.py", feeds, TODAY, output, "https://zfgs.example.gov.cn",
                     overrides=overrides, allow_shrink=allow_shrink)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dataset_emptied_since_the_last_build_fails_and_leaves_the_output(tmp_path: Path, capsys,
                                                                             workers: int) -> None:
    feeds, output = write_feeds(tmp_path / "feeds", penalty_rows=penalties()), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    before = tree(output)
    (feeds / "penalties.csv").write_bytes(csv_bytes([], headers=list(penalties()[0])))  # header only
    capsys.readouterr()
    assert _build(feeds, output, workers=workers) == 1
    err = capsys.readouterr().err
    assert "行政处罚" in err and "上次构建 7 条，本次 0 条" in err and "--allow-shrink" in err
    assert tree(output) == before


def test_allow_shrink_builds_the_smaller_site(tmp_path: Path, capsys) -> None:
    feeds, output = write_feeds(tmp_path / "feeds", penalty_rows=penalties()), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    (feeds / "penalties.csv").write_bytes(csv_bytes(penalties()[:1]))
    assert _build(feeds, output) == 1
    assert _build(feeds, output, allow_shrink=True) == 0
    assert not (output / "penalties/江临市监罚-2026-106号/index.html").exists()
    # the confirmed build is the new baseline: the next one passes without the option
    assert _build(feeds, output) == 0


def test_a_shrink_within_the_share_passes(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds", penalty_rows=penalties()), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    (feeds / "penalties.csv").write_bytes(csv_bytes(penalties()[:-2]))  # 7 -> 5
    assert _build(feeds, output) == 0
    (feeds / "penalties.csv").write_bytes(csv_bytes(penalties()[:-3]))  # 5 -> 4, but a 10% share
    assert _build(feeds, output, share=0.1) == 1


def test_check_knows_the_last_builds_counts(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    feeds, output = write_feeds(tmp_path / "feeds", penalty_rows=penalties()), tmp_path / "output"
    assert cli.main(["build", "--feeds", str(feeds), "--today", TODAY, "--output", str(output), "--dev"]) == 0
    (feeds / "penalties.csv").unlink()
    (feeds / "penalties.csv").write_bytes(csv_bytes([], headers=list(penalties()[0])))
    capsys.readouterr()
    assert cli.main(["check", "--feeds", str(feeds), "--output", str(output)]) == 1
    assert "--allow-shrink" in capsys.readouterr().err
    assert cli.main(["check", "--feeds", str(feeds), "--output", str(output), "--allow-shrink"]) == 0


def test_the_first_build_has_no_baseline() -> None:
    assert account.shrink_lines({}, {"penalties": 0}, {}, 0.5) == []
    assert account.shrink_lines({"penalties": 0}, {"penalties": 0}, {}, 0.5) == []
    assert account.shrink_lines({"penalties": 10}, {"penalties": 5}, {}, 0.5) == []
    assert account.shrink_lines({"penalties": 10}, {"penalties": 4}, {"penalties": "行政处罚决定"}, 0.5)


def test_every_build_prints_an_account_that_adds_up(tmp_path: Path, capsys) -> None:
    feeds, output = write_feeds(tmp_path / "feeds", penalty_rows=penalties()), tmp_path / "output"
    assert _build(feeds, output) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("行政处罚"))
    # public 101, 104, 106; scheduled 102; withdrawn 103; ended 2025-9; minor 105
    assert "读取 7 行 = 公示 3 + 待公示 1 + 不公示 3（未成年人 1，撤回 1，公示期满 1） + 有错误未采用 0" in line
    accounts = {a.dataset: a for a in current_state().facts["account"]}
    assert all(a.adds_up for a in accounts.values())
    import json

    report = json.loads(account.report_path(current_state().settings.cache_dir).read_text("utf-8"))
    assert report["counts"]["penalties"] == 7
    assert {a["dataset"]: a for a in report["accounts"]}["penalties"]["withheld"]["未成年人"] == 1
    # a rebuild from the cache (feeds and privacy not run again) gives the same account
    assert _build(feeds, output) == 0
    assert "cached" in current_state().facts["seconds"]
    assert [a.as_dict() for a in current_state().facts["account"]] == [a.as_dict() for a in accounts.values()]


def test_the_account_adds_up_with_a_rejected_row(tmp_path: Path) -> None:
    """A mix: a row with an error, a scheduled one, a minor, a withdrawn one (the build stops
    on the error; the account still says where each row went)."""
    import datetime as dt

    from gongshi.privacy import make_public_with_report
    from gongshi.schedule import calendar_from_table
    from gongshi.schedule.penalties import PenaltyRules, penalty_states

    rows = penalties()
    rows[0]["罚款金额（万元）"] = "很多"  # rejected
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=rows)
    log = ProblemLog()
    raw = load_feeds(feeds, log)
    assert log.errors
    public, reports = make_public_with_report(raw)
    today = dt.date.fromisoformat(TODAY)
    frame = penalty_states(public["penalties"].frame, today, calendar_from_table(public["calendar"].frame),
                           PenaltyRules())
    result = account.row_account("penalties", "行政处罚决定", frame, reports["penalties"].withheld_minors,
                                 account.rejected_places(log.problems), raw=raw["penalties"].frame)
    assert result.adds_up
    assert (result.read, result.rejected, result.scheduled, result.withheld["未成年人"], result.withheld["撤回"]) \
        == (7, 1, 1, 1, 1)
    assert result.line().startswith("行政处罚决定：读取 7 行 = 公示 2 + 待公示 1")


def test_a_build_stopped_by_feed_errors_counts_the_rows_with_errors(tmp_path: Path, capsys) -> None:
    rows = penalties()
    rows[0]["罚款金额（万元）"] = "很多"
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=rows)
    assert _build(feeds, tmp_path / "output") == 1
    assert "行政处罚决定：读取 7 行，其中有错误 1 行（未发布任何内容）" in capsys.readouterr().err
