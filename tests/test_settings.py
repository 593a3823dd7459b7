"""Settings declared once with their kind and checked before anything runs: a user error names the
setting; an unknown name is a warning (an error in strict mode); deadline rules are checked
against the schemas; the penalty kinds that set a window are configuration."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gongshi import cli
from gongshi.schedule.penalties import PenaltyRules, severity
from gongshi.settings import GongshiSettings, SettingsError
from tests.feedkit import write_feeds
from tests.sitekit import ROOT


def settings_of(**values: object) -> GongshiSettings:
    return GongshiSettings.from_pelican({"PATH": str(ROOT / "content"), **values})


def test_an_unknown_setting_is_a_warning_that_suggests_the_declared_one(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="gongshi"):
        settings = settings_of(GONGSHI_PAGESIZE=20)
    assert settings.page_size == 50  # (ignored, as the warning says)
    assert any("GONGSHI_PAGESIZE" in r.getMessage() and "GONGSHI_PAGE_SIZE" in r.getMessage() for r in caplog.records)
    with pytest.raises(SettingsError, match="GONGSHI_PAGESIZE"):
        settings_of(GONGSHI_PAGESIZE=20, GONGSHI_STRICT=True)
    settings_of(PAGESIZE=20)  # (other names are Pelican's business)


@pytest.mark.parametrize(("name", "value"), [
    ("GONGSHI_PAGE_SIZE", "五十"), ("GONGSHI_PAGE_SIZE", 0), ("GONGSHI_WORKERS", -1),
    ("GONGSHI_SHRINK_SHARE", 1.5), ("GONGSHI_ALLOW_SHRINK", "yes"), ("DISCLOSURE_TODAY", "2026-13-01"),
    ("GONGSHI_PENALTY_RULES", {"general_month": 6}), ("GONGSHI_DEADLINES", {"dataset": "penalties"}),
])
def test_a_wrong_value_names_the_setting(name: str, value: object) -> None:
    with pytest.raises(SettingsError) as caught:
        settings_of(**{name: value})
    assert name in str(caught.value) and "应为" in str(caught.value)


def test_deadline_rules_are_checked_against_the_schemas() -> None:
    rule = {"dataset": "penalties", "event_column": "decided_at", "working_days": 7, "label": "行政处罚决定",
            "key_column": "decision_no", "agency_column": "authority"}
    with pytest.raises(SettingsError) as caught:
        settings_of(GONGSHI_DEADLINES=[rule])
    message = str(caught.value)
    assert "GONGSHI_DEADLINES[0].event_column" in message and "decided_on" in message and "decided_at" in message
    with pytest.raises(SettingsError, match="dataset"):
        settings_of(GONGSHI_DEADLINES=[rule | {"dataset": "penalty", "event_column": "decided_on"}])
    with pytest.raises(SettingsError, match="GONGSHI_DEADLINES\\[0\\]"):
        settings_of(GONGSHI_DEADLINES=[rule | {"event_column": "decided_on", "days": 7}])
    assert settings_of(GONGSHI_DEADLINES=[rule | {"event_column": "decided_on"}]).deadline_rules[0].event_column \
        == "decided_on"


def test_a_build_with_a_bad_setting_says_so_in_chinese_without_a_traceback(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    code = cli.build(ROOT / "pelicanconf.py", feeds, "2026-06-16", tmp_path / "out", development=True,
                     overrides={"GONGSHI_PAGE_SIZE": "很多", "GONGSHI_CACHE": str(tmp_path / "cache")})
    err = capsys.readouterr().err
    assert code == 2 and "GONGSHI_PAGE_SIZE" in err and "正整数" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_kinds_that_make_a_penalty_serious_or_minor_are_configuration() -> None:
    assert severity({"警告"}, 0.0, False, PenaltyRules()) == "minor"
    assert severity({"警告"}, 0.0, False, PenaltyRules(minor_kinds=["通报批评"])) == "general"
    assert severity({"没收违法所得"}, 0.0, False, PenaltyRules()) == "general"
    assert severity({"没收违法所得"}, 0.0, False, PenaltyRules(serious_kinds=["没收违法所得"])) == "serious"
    # (kept as sorted tuples: the settings fingerprint is their repr, the same in every process)
    assert repr(PenaltyRules(minor_kinds=["警告", "通报批评"])) == repr(PenaltyRules(minor_kinds=["通报批评", "警告"]))
