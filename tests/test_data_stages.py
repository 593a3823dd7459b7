"""The data stages run with the cyclic garbage collector paused; it is on again afterwards."""

from __future__ import annotations

import gc

import pytest

from gongshi import pipeline
from gongshi.pipeline import BuildState, run_data_stages
from gongshi.settings import GongshiSettings


def test_collector_is_paused_during_the_data_stages_and_on_again_after(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    seen = []

    def stage(state: BuildState) -> None:
        seen.append(gc.isenabled())

    def failing(state: BuildState) -> None:
        raise RuntimeError("feed broken")

    monkeypatch.setattr(pipeline, "_enabled", {"schedule": stage})
    settings = GongshiSettings.from_pelican({"DISCLOSURE_FEEDS": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "out"),
                                             "PATH": str(tmp_path), "THEME": str(tmp_path)})
    assert gc.isenabled()
    run_data_stages(BuildState(settings))
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(pipeline, "_enabled", {"schedule": failing})
    with pytest.raises(RuntimeError):
        run_data_stages(BuildState(settings))
    assert gc.isenabled()
