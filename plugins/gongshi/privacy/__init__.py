"""Privacy stage: raw tables in, public tables out; and the gate every written file passes.

After this stage the raw tables are gone from the build state (DESIGN.md, invariant 1): every
later stage sees only `PublicTables`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd

from ..feeds import FeedTables
from ..feeds.load import Table
from ..feeds.schema import Privacy
from .gate import PrivacyGate, PrivacyLeak
from .redact import RedactionReport, redact_frame, scrub_text

log = logging.getLogger("gongshi")

__all__ = ["PublicTables", "PrivacyGate", "PrivacyLeak", "make_public", "never_values", "register",
           "scrub_text"]


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
            distinct = pd.unique(table.frame[key].to_numpy()).tolist()  # (types repeat a lot)
            values.update(v for v in distinct if isinstance(v, str) and v.strip())
    return values


def make_public_table(table: Table) -> tuple[Table, RedactionReport]:
    """Never columns dropped; party and scrub columns redacted; minors' records withheld."""
    public = drop_never_columns(table)
    if not public.dataset.party_type_column:
        # No party (supervision: the units are agencies), but free text is still scrubbed.
        scrub = public.dataset.keys_of(Privacy.SCRUB)
        if not scrub:
            return public, RedactionReport()
        frame = public.frame.copy()
        for column in scrub:
            frame[column] = [scrub_text(text) for text in frame[column].tolist()]
        return Table(public.dataset, frame), RedactionReport()
    frame, report = redact_frame(public.frame, public.dataset, public.dataset.party_type_column)
    return Table(public.dataset, frame), report


def make_public(raw: FeedTables) -> PublicTables:
    return make_public_with_report(raw)[0]


def make_public_with_report(raw: FeedTables) -> tuple[PublicTables, dict[str, RedactionReport]]:
    tables, reports = {}, {}
    for name, table in raw.tables.items():
        tables[name], reports[name] = make_public_table(table)
    return PublicTables(tables), reports


def run(state) -> None:  # noqa: ANN001 - BuildState
    state.gate = PrivacyGate.from_values(never_values(state.raw))
    state.public, reports = make_public_with_report(state.raw)
    state.facts["privacy"] = reports
    for name, report in reports.items():
        if report.withheld_minors:  # withheld, never silently: the build report says how many
            log.info("privacy: %s: %d records withheld (party is a minor)", name, report.withheld_minors)
    state.raw = None  # nothing downstream may read a raw table


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("privacy", run)
