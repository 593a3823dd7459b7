"""`gongshi due` and rebuild.json: rebuild exactly when the published site would change."""

from __future__ import annotations

import json
from pathlib import Path

from gongshi.cli import main
from tests.feedkit import officers, write_feeds
from tests.sitekit import build_site


def test_rebuild_json_names_the_day_a_certificate_expires(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds"), tmp_path / "output"
    assert build_site(feeds, output, "2026-06-10")[0] == 0
    document = json.loads((output / "rebuild.json").read_text())
    assert document["next_rebuild"] == "2026-06-16T00:00:00+08:00"  # 有效期至 2026-06-15 inclusive
    assert document["reasons"] == [{"dataset": "officers", "key": "33990001000002",
                                    "what": "执法证件到期，状态变为已过期", "when": "2026-06-16T00:00:00+08:00"}]


def test_due_exit_codes(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds"), tmp_path / "output"
    assert build_site(feeds, output, "2026-06-10")[0] == 0
    args = ["due", "--output", str(output), "--feeds", str(feeds)]
    assert main([*args, "--today", "2026-06-15"]) == 1  # nothing changes yet
    assert main([*args, "--today", "2026-06-16"]) == 0  # the certificate has expired
    rows = officers()
    rows[0]["执法类别"] = "食品安全执法"
    write_feeds(feeds, officer_rows=rows)
    assert main([*args, "--today", "2026-06-10"]) == 0  # the feeds changed
    (output / "rebuild.json").write_text("{not json")
    assert main([*args, "--today", "2026-06-10"]) == 2


def test_due_when_never_built(tmp_path: Path) -> None:
    assert main(["due", "--output", str(tmp_path / "none"), "--feeds", str(tmp_path)]) == 0


def test_window_end_changes_pages_listings_and_rebuild_json_exactly_then(tmp_path: Path) -> None:
    from tests.feedkit import penalties

    row = penalties()[0] | {"决定书文号": "江临市监罚〔2026〕7号", "处罚决定日期": "2026-03-05", "公示日期": "2026-03-09",
                            "处罚类别": "警告", "罚款金额（万元）": "", "送达日期": ""}
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=[row])
    page = "penalties/江临市监罚-2026-7号/index.html"
    last, after = tmp_path / "last" / "output", tmp_path / "after" / "output"
    assert build_site(feeds, last, "2026-06-04")[0] == 0  # minor penalty: 3 months, last day inclusive
    assert build_site(feeds, after, "2026-06-05")[0] == 0
    assert "行政复议" in (last / page).read_text() and "〔2026〕7号" in (last / "penalties/index.html").read_text()
    assert "公示期已届满" in (after / page).read_text() and "鲜果坊" not in (after / page).read_text()
    assert "〔2026〕7号" not in (after / "penalties/index.html").read_text()
    document = json.loads((last / "rebuild.json").read_text())
    assert document["next_rebuild"] == "2026-06-05T00:00:00+08:00"
    assert {"dataset": "penalties", "key": "江临市监罚〔2026〕7号", "what": "公示期满或信用修复，停止公示",
            "when": "2026-06-05T00:00:00+08:00"} in document["reasons"]
    assert main(["due", "--output", str(last), "--feeds", str(feeds), "--today", "2026-06-04"]) == 1
    assert main(["due", "--output", str(last), "--feeds", str(feeds), "--today", "2026-06-05"]) == 0


def test_scheduled_decision_appears_on_its_publication_day(tmp_path: Path) -> None:
    from tests.feedkit import penalties

    row = penalties()[0] | {"公示日期": "2026-10-26"}
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=[row])
    before = tmp_path / "before" / "output"
    assert build_site(feeds, before, "2026-10-25")[0] == 0
    assert not (before / "penalties/江临市监罚-2026-101号/index.html").exists()
    assert json.loads((before / "rebuild.json").read_text())["next_rebuild"] == "2026-10-26T00:00:00+08:00"
    on = tmp_path / "on" / "output"
    assert build_site(feeds, on, "2026-10-26")[0] == 0
    assert (on / "penalties/江临市监罚-2026-101号/index.html").exists()


def test_annual_duty_check_day_is_a_rebuild_day(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds"), tmp_path / "output"
    rows = officers()
    for row in rows:
        row["有效期至"] = "2030-01-01"
    write_feeds(feeds, officer_rows=rows)
    assert build_site(feeds, output, "2027-01-20")[0] == 0
    document = json.loads((output / "rebuild.json").read_text())
    assert document["next_rebuild"] == "2027-02-01T00:00:00+08:00"
    assert document["reasons"][0]["dataset"] == "agencies"
