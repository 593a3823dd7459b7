"""Feeds stage: read, decode, map headers, coerce types, validate -> typed tables + problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datasets import DATASETS
from .load import Table, check_agency_references, load_dataset
from .problems import FeedError, ProblemLog

__all__ = ["FeedTables", "FeedError", "ProblemLog", "load_feeds", "register"]


@dataclass
class FeedTables:
    """The raw (typed but unredacted) tables. Only the privacy stage may read these."""

    tables: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def load_feeds(feeds_dir: Path, log: ProblemLog) -> FeedTables:
    """Load every dataset, then the checks that span datasets (agency references)."""
    if not feeds_dir.is_dir():
        log.error(str(feeds_dir), None, "", "存放数据源文件的文件夹", "不存在")
        return FeedTables({name: load_dataset(feeds_dir, d, ProblemLog()) for name, d in DATASETS.items()})
    tables = {name: load_dataset(feeds_dir, dataset, log) for name, dataset in DATASETS.items()}
    agencies = tables["agencies"]
    for name, table in tables.items():
        resolved = check_agency_references(table, agencies, log)
        if name != "agencies" and any(c.check == "agency_ref" for c in table.dataset.columns):
            table.frame["agency_uscc"] = resolved
    return FeedTables(tables)


def run(state) -> None:  # noqa: ANN001 - BuildState, imported lazily to avoid a cycle
    state.raw = load_feeds(state.settings.feeds_dir, state.log)
    if state.log.errors:
        raise FeedError(state.log)


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("feeds", run)
