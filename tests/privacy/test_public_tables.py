from __future__ import annotations

from pathlib import Path

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.privacy import make_public, never_values
from tests.feedkit import write_feeds


def test_never_columns_are_gone_from_public_tables_and_known_to_the_gate(tmp_path: Path) -> None:
    raw = load_feeds(write_feeds(tmp_path / "feeds"), ProblemLog())
    public = make_public(raw)
    assert "id_number" not in public["officers"].frame.columns
    assert "mobile" not in public["officers"].frame.columns
    assert {"339901198503120016", "13912345678"} <= never_values(raw)
    assert public["officers"].frame["name"].tolist() == raw["officers"].frame["name"].tolist()
