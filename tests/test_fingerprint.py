"""Table fingerprints decide whether a group of pages is kept as it is: any change to a value
must change them, or a rebuild would keep stale pages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gongshi.fingerprint import frame_fingerprint

BASE = pd.DataFrame({"decision_no": ["罚〔2026〕1号", "罚〔2026〕2号"], "party": ["ab", "c"], "n": [1, 2]})


@pytest.mark.parametrize("changed", [
    BASE.assign(party=["a", "bc"]),  # the same text, cut between the cells elsewhere
    BASE.assign(party=["ab", "d"]),
    BASE.assign(party=["ab", np.nan]),  # a blank read as NaN is not ""
    BASE.assign(party=["ab", ""]),
    BASE.assign(n=[1, 3]),
    BASE.iloc[::-1],  # row order shapes listings
    BASE.rename(columns={"party": "party_name"}),
    BASE.astype({"party": "string"}),
])
def test_any_change_to_a_table_changes_its_fingerprint(changed: pd.DataFrame) -> None:
    assert frame_fingerprint(changed) != frame_fingerprint(BASE)


def test_the_same_values_give_the_same_fingerprint() -> None:
    assert frame_fingerprint(BASE.copy(deep=True)) == frame_fingerprint(BASE)


def test_tables_hashed_by_two_processes_have_the_fingerprints_one_process_gives(monkeypatch) -> None:  # noqa: ANN001
    import gongshi.fingerprint as fingerprint

    monkeypatch.setattr(fingerprint, "PARALLEL_ROWS", 0)  # (fork even for these small tables)
    tables = {"a": BASE, "b": BASE.assign(party=["x", "y"]), "c": BASE[["n"]]}
    assert fingerprint.frame_fingerprints(tables, workers=2) == {name: frame_fingerprint(t) for name, t in tables.items()}
    assert len(set(fingerprint.frame_fingerprints(tables, workers=2).values())) == 3
