from __future__ import annotations

import datetime as dt

import pytest

from tests.sitekit import SAMPLE_FEEDS

SAMPLE_DAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def sample_public():
    """The sample feeds through the feeds, privacy and schedule stages, as the search stage sees them."""
    from gongshi import pipeline
    from gongshi.pipeline import BuildState, run_stages
    from gongshi.settings import GongshiSettings

    pipeline.register()
    settings = GongshiSettings.from_pelican({"DISCLOSURE_FEEDS": str(SAMPLE_FEEDS), "DISCLOSURE_TODAY": SAMPLE_DAY,
                                             "PATH": str(SAMPLE_FEEDS.parent / "content")})
    state = BuildState(settings)
    run_stages(state, ("feeds", "privacy", "schedule"))
    return state.public


@pytest.fixture(scope="session")
def sample_docs(sample_public):
    from gongshi.search import collect

    return collect(sample_public)
