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
