"""Rebuilds that skip work: groups of pages kept whole, feeds and privacy loaded from the cache.

Whatever is skipped, a rebuild must publish what a cold build would, and the privacy gate must
still know every never-publish value.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from gongshi import datacache
from gongshi.pipeline import current_state
from gongshi.privacy.gate import PrivacyGate
from tests.feedkit import penalties, write_feeds
from tests.sitekit import build_site, tree

TODAY = "2026-11-23"
DECISION_PAGE = "penalties/江临市监罚-2026-101号/index.html"


def _feeds(tmp_path: Path) -> Path:
    return write_feeds(tmp_path / "feeds", penalty_rows=penalties())


def test_no_change_rebuild_skips_the_groups_and_loads_the_cache(tmp_path: Path) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    assert "cached" not in current_state().facts["seconds"]
    first = tree(output)
    code, stats = build_site(feeds, output, TODAY)
    assert code == 0 and stats is not None and stats.written == 0
    state = current_state()
    assert "cached" in state.facts["seconds"] and "feeds" not in state.facts["seconds"]
    assert set(state.writer.groups) >= {"pages:decisions", "pages:companies", "pages:officers"}
    assert state.writer.groups == state.writer.previous_groups  # every group kept whole
    assert tree(output) == first


def test_a_page_deleted_from_the_output_is_made_again(tmp_path: Path) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    page = output / DECISION_PAGE
    assert page.is_file()
    expected = page.read_bytes()
    page.unlink()
    code, stats = build_site(feeds, output, TODAY)
    assert code == 0 and stats is not None and stats.written == 1
    assert page.read_bytes() == expected


def test_a_new_day_rebuild_equals_a_cold_build_of_that_day(tmp_path: Path) -> None:
    """Feeds and privacy come from the cache; pages showing the day are made again."""
    feeds = _feeds(tmp_path)
    assert build_site(feeds, tmp_path / "output", "2026-06-15")[0] == 0
    assert build_site(feeds, tmp_path / "output", "2026-06-16")[0] == 0
    assert "cached" in current_state().facts["seconds"]
    assert build_site(feeds, tmp_path / "cold", "2026-06-16")[0] == 0
    assert tree(tmp_path / "output") == tree(tmp_path / "cold")


def test_changed_feeds_are_read_again(tmp_path: Path) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    rows = penalties()
    rows[0]["违法行为类型"] = "销售变质食品"
    write_feeds(feeds, penalty_rows=rows)
    code, stats = build_site(feeds, output, TODAY)
    assert code == 0 and "cached" not in current_state().facts["seconds"]
    assert "销售变质食品" in (output / DECISION_PAGE).read_text("utf-8")
    assert build_site(feeds, tmp_path / "cold", TODAY)[0] == 0
    assert tree(output) == tree(tmp_path / "cold")


def test_the_gate_restored_from_the_cache_still_knows_the_never_values(tmp_path: Path) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    cache = current_state().settings.cache_dir / datacache.CACHE_NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # holds personal data, like the feeds
    # A 法定代表人证件号码 (never published), in a file the build did not write.
    (output / "stray.txt").write_text("法定代表人 339901198503120016\n", "utf-8")
    assert build_site(feeds, output, TODAY)[0] == 1
    assert "cached" in current_state().facts["seconds"]
    gate = current_state().gate  # its fingerprint came from the cache: it must be the values'
    assert gate.fingerprint == PrivacyGate(gate.never_values, gate.org_numbers, gate.names).fingerprint


def test_the_gate_restored_from_the_cache_keeps_the_values_it_read_once(tmp_path: Path) -> None:
    # The values the gate read when the tables were made are not read again in any file: a
    # rebuild from the cache must know the same ones, and no others.
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    certified = set(current_state().gate.certified)
    facts = current_state().public["penalties"].frame["facts"].tolist()
    assert certified and any(text in certified for text in facts)
    assert build_site(feeds, output, TODAY)[0] == 0
    state = current_state()
    assert "cached" in state.facts["seconds"] and state.gate.certified == certified


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    first = tree(output)
    (current_state().settings.cache_dir / datacache.CACHE_NAME).write_bytes(b"not a pickle")
    assert build_site(feeds, output, TODAY)[0] == 0
    assert "cached" not in current_state().facts["seconds"]
    assert tree(output) == first


def test_a_damaged_or_old_manifest_is_as_if_there_were_none(tmp_path: Path) -> None:
    import pickle

    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    first = tree(output)
    manifest = current_state().writer.manifest_path
    for damaged in (b"not a pickle", pickle.dumps({"version": 4, "paths": "a\0b", "hashes": "x"}),
                    pickle.dumps({"version": 3, "files": {}})):
        manifest.write_bytes(damaged)
        code, stats = build_site(feeds, output, TODAY)
        assert code == 0 and stats is not None and stats.written == 0  # same bytes on disk: kept
        assert tree(output) == first


def test_a_file_pelican_copies_during_the_build_is_scanned_too(tmp_path: Path) -> None:
    # With Pelican's static copying switched on, something besides the gated writer writes
    # into the output folder while the build runs: the end of the build must walk it again.
    from gongshi import cli
    from gongshi.pipeline import only_gongshi_writes
    from tests.sitekit import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "extra").mkdir()
    (content / "extra" / "contact.txt").write_text("联系电话 13912345678\n", "utf-8")
    output = tmp_path / "output"
    overrides = {"GONGSHI_CACHE": str(tmp_path / "cache"), "GONGSHI_WORKERS": 1, "PATH": str(content),
                 "STATIC_PATHS": ["extra"]}
    assert not only_gongshi_writes(overrides)
    assert cli.build(ROOT / "pelicanconf.py", _feeds(tmp_path), TODAY, output, overrides=overrides,
                     development=True) == 1
    assert (output / "extra" / "contact.txt").is_file()  # copied by Pelican, found by the walk


def test_only_gongshi_writes_needs_no_static_copying_and_no_other_plugin() -> None:
    from gongshi.pipeline import only_gongshi_writes

    ours = {"PLUGINS": ["gongshi.feeds", "gongshi.pages"], "STATIC_PATHS": [], "THEME_STATIC_PATHS": []}
    assert only_gongshi_writes(ours)
    assert not only_gongshi_writes(ours | {"THEME_STATIC_PATHS": ["static"]})
    assert not only_gongshi_writes(ours | {"PLUGINS": ["gongshi.feeds", "sitemap"]})


def test_a_feed_that_becomes_unreadable_fails_the_rebuild_and_leaves_the_output_as_it_was(tmp_path: Path,
                                                                                          capsys) -> None:
    feeds, output = _feeds(tmp_path), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    before = tree(output)
    # the next export of the penalties comes out damaged (a cut-off download), under another format
    (feeds / "penalties.csv").unlink()
    (feeds / "penalties.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    code, _ = build_site(feeds, output, TODAY)
    assert code != 0
    assert "penalties.xlsx" in capsys.readouterr().err + "\n".join(str(p) for p in current_state().log.errors)
    assert tree(output) == before  # every decision page still there, byte for byte
