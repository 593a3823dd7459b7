"""Search and opendata run beside the pages stage when there are workers: nothing they write may
go unrecorded, and their failures must fail the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongshi.privacy.gate import Leak, PrivacyLeak
from tests.sitekit import SAMPLE_FEEDS, build_site

TODAY = "2026-11-23"


def test_files_written_beside_pages_are_recorded_and_kept_on_a_rebuild(tmp_path: Path) -> None:
    output = tmp_path / "output"
    code, stats = build_site(SAMPLE_FEEDS, output, TODAY, workers=2)
    files = [p for p in output.rglob("*") if p.is_file()]
    assert code == 0 and stats is not None
    assert stats.produced == len(files)  # search/ and downloads/ included: none is "foreign"
    assert (output / "search" / "meta.json").is_file() and (output / "downloads" / "penalties.csv").is_file()
    before = {p: p.stat().st_mtime_ns for p in files}
    code, stats = build_site(SAMPLE_FEEDS, output, TODAY, workers=2)
    assert code == 0 and stats.written == 0 and stats.removed == 0 and stats.produced == len(files)
    from gongshi.pipeline import current_state

    assert "cached" in current_state().facts["seconds"]  # the cache saved beside the schedule stage
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before


def test_a_failure_beside_pages_fails_the_build_with_its_message(tmp_path: Path, monkeypatch, capsys) -> None:
    from gongshi import opendata

    def leaking(*args, **kwargs):
        raise PrivacyLeak([Leak("downloads/x.csv", "居民身份证号", "110***77")])

    monkeypatch.setattr(opendata, "rebuild_document", leaking)
    code, _ = build_site(SAMPLE_FEEDS, tmp_path / "output", TODAY, workers=2)
    assert code == 1
    assert "downloads/x.csv: 含有居民身份证号「110***77」" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [1, 2])
def test_build_report_counts_every_stage(tmp_path: Path, workers: int) -> None:
    from gongshi.pipeline import current_state

    assert build_site(SAMPLE_FEEDS, tmp_path / "output", TODAY, workers=workers)[0] == 0
    facts = current_state().facts
    assert {"pages", "search", "opendata"} <= set(facts["seconds"])
    assert facts["search"]["documents"] > 0
