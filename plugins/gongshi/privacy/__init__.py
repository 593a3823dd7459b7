"""Privacy stage: raw tables in, public tables out; and the gate every written file passes.

After this stage the raw tables are gone from the build state (DESIGN.md, invariant 1): every
later stage sees only `PublicTables`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..feeds import FeedTables
from ..feeds.load import Table
from ..feeds.schema import Privacy
from .gate import PrivacyGate, PrivacyLeak

__all__ = ["PublicTables", "PrivacyGate", "PrivacyLeak", "make_public", "never_values", "register"]


@dataclass(frozen=True)
class PublicTables:
    tables: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def drop_never_columns(table: Table) -> Table:
    """`never` columns leave the table before any later stage can see them."""
    never = table.dataset.keys_of(Privacy.NEVER)
    return Table(table.dataset, table.frame.drop(columns=never))


def never_values(raw: FeedTables) -> set[str]:
    """Every value of every `never` column: the gate fails the build if one is ever written."""
    values: set[str] = set()
    for table in raw.tables.values():
        for key in table.dataset.keys_of(Privacy.NEVER):
            values.update(v for v in table.frame[key] if isinstance(v, str) and v.strip())
    return values


def make_public(raw: FeedTables) -> PublicTables:
    return PublicTables({name: drop_never_columns(t) for name, t in raw.tables.items()})


def run(state) -> None:  # noqa: ANN001 - BuildState
    state.gate = PrivacyGate.from_values(never_values(state.raw))
    state.public = make_public(state.raw)
    state.raw = None  # nothing downstream may read a raw table


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("privacy", run)
