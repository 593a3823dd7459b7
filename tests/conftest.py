"""Fixtures shared by several test folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import SAMPLE_DAY, SAMPLE_FEEDS, build_site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample city built once per session for SAMPLE_DAY at sitekit.SITEURL (a build takes
    seconds to tens of seconds). Tests only read it: one that wrote into it would change what
    every later test sees."""
    output = tmp_path_factory.mktemp("sample") / "output"
    code, _ = build_site(SAMPLE_FEEDS, output, SAMPLE_DAY, workers=2)
    assert code == 0, f"the build of {SAMPLE_FEEDS} for {SAMPLE_DAY} failed (exit code {code})"
    return output
