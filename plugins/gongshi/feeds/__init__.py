"""Feeds stage: read, decode, map headers, coerce types, validate -> typed tables + problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datasets import datasets_for
from .load import Table, check_agency_references, load_dataset
from .problems import FeedError, ProblemLog
from .read import unread_files

__all__ = ["FeedTables", "FeedError", "ProblemLog", "load_feeds"]


@dataclass
class FeedTables:
    """The raw (typed but unredacted) tables. Only the privacy stage may read these."""

    tables: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def load_feeds(feeds_dir: Path, log: ProblemLog) -> FeedTables:
    """Load every dataset, then the checks that span datasets (agency references). Every
    other file in the folder is an error: a feed under a wrong name would otherwise publish
    nothing, silently (read.py says which files are not feeds at all)."""
    if not feeds_dir.is_dir():
        log.error(str(feeds_dir), None, "", "存放数据源文件的文件夹", "不存在")
        return FeedTables({name: load_dataset(feeds_dir, d, ProblemLog()) for name, d in datasets_for(feeds_dir).items()})
    datasets = datasets_for(feeds_dir, log)  # (the built-in ones, and a region's own schemas)
    tables = {name: load_dataset(feeds_dir, dataset, log) for name, dataset in datasets.items()}
    for path, what in unread_files(feeds_dir, {name: d.title for name, d in datasets.items()}):
        log.error(_shown(path, feeds_dir), None, "", "某一数据集的数据文件（文件名或文件夹名为数据集名称）", what)
    agencies = tables["agencies"]
    for name, table in tables.items():
        resolved = check_agency_references(table, agencies, log)
        if name != "agencies" and any(c.check == "agency_ref" for c in table.dataset.columns):
            table.frame["agency_uscc"] = resolved
    return FeedTables(tables)


def _shown(path: Path, feeds_dir: Path) -> str:
    try:
        return str(path.relative_to(feeds_dir.parent))
    except ValueError:
        return str(path)


def run(state) -> None:  # noqa: ANN001 - BuildState, imported lazily to avoid a cycle
    state.raw = load_feeds(state.settings.feeds_dir, state.log)
    state.facts["rows_read"] = {name: len(table) for name, table in state.raw.tables.items()}  # (the row account)
    if state.log.errors:
        raise FeedError(state.log)
