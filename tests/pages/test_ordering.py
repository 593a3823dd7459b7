"""The display order of penalty decisions: published ones only, newest 决定日期 first, then by
决定书文号 (as text); decisions alike in both keep the feed's order."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from gongshi.pages.penalties import ordered_public

DECISIONS = st.lists(st.tuples(st.sampled_from(["2026-01-02", "2026-01-10", "2025-12-31"]),
                               st.sampled_from(["江临市监罚〔2026〕9号", "江临市监罚〔2026〕10号", "A1", "a"]),
                               st.sampled_from(["public", "public", "withdrawn", "scheduled"])), max_size=25)


@given(DECISIONS)
def test_published_decisions_newest_first_then_by_number_ties_in_feed_order(decisions: list[tuple]) -> None:
    frame = pd.DataFrame(decisions, columns=["decided_on", "decision_no", "pub_state"], dtype=object)
    frame.index = frame.index * 10  # labels that are not positions
    ordered = ordered_public(frame)
    expected = sorted((row for row in frame.itertuples() if row.pub_state == "public"),
                      key=lambda row: row.decision_no)
    expected.sort(key=lambda row: row.decided_on, reverse=True)
    assert list(ordered.index) == [row.Index for row in expected]
    assert ordered.equals(frame.loc[[row.Index for row in expected]])
