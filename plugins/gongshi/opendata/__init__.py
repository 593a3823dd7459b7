"""Opendata stage: machine-readable files about the published site.

- `rebuild.json`: when the site next becomes wrong if not rebuilt, why, and which feeds it was
  built from (`gongshi due` reads it);
- Atom feeds of newly published penalty decisions (site-wide and per authority), spot-check
  results and supervision outcomes;
- CSV downloads of the public view (formula-injection safe);
- the records that have left publication (撤回, 公示期满, 信用修复) as JSON, CSV and Atom
  (`removals.py`), so that mirrors take them down too;
- an XLSX template per dataset for staff (`templates.py`), linked from the data dictionary.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..compactjson import compact_json
from ..feeds.schema import Dataset
from ..fingerprint import inputs_fingerprint, settings_fingerprint
from ..pages import generic, inspections, supervision
from ..pages.penalties import ordered_public
from ..schedule import RebuildPlan
from .atom import SiteInfo, inspection_feed, penalty_feeds, schema_feed, supervision_feed
from .catalog import Download, as_text, datapackage, dcat_catalog, download_csv, download_json
from .downloads import (
    PENALTY_COLUMNS,
    inspection_columns,
    penalties_csv,
    shown_frame,
    supervision_columns,
    with_rectification_label,
)
from .removals import removal_download, removal_files
from .templates import template_files, unpacked

__all__ = ["REBUILD_FILE", "rebuild_document"]

REBUILD_FILE = "rebuild.json"
TIMELINESS_FILE = "reports/timeliness.json"
REASONS_LISTED = 200  # a day on which 10,000 certificates expire need not list them all


def midnight_shanghai(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def rebuild_document(plan: RebuildPlan, feeds_sha256: str) -> dict[str, Any]:
    reasons = plan.reasons
    return {
        "built_for": plan.today.isoformat(),
        "next_rebuild": midnight_shanghai(plan.next_rebuild) if plan.next_rebuild else None,
        "reasons": [{"dataset": c.dataset, "key": c.key, "what": c.what, "when": midnight_shanghai(c.on)}
                    for c in reasons[:REASONS_LISTED]],
        "reasons_total": len(reasons),
        "feeds_sha256": feeds_sha256,
    }


def run(state) -> None:  # noqa: ANN001 - BuildState
    writer = state.open_writer()
    document = rebuild_document(state.rebuild, state.feeds_fingerprint())
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    writer.write(REBUILD_FILE, data)
    frame = state.public["penalties"].frame
    site = SiteInfo(state.settings.siteurl + state.settings.site_root, state.settings.sitename)

    def penalty_files() -> Iterator[tuple[str, bytes]]:
        decisions = ordered_public(frame)
        yield from penalty_feeds(decisions, site).items()
        yield "downloads/penalties.csv", penalties_csv(decisions)

    # Kept as they are when the decisions and the settings are the last build's.
    key = inputs_fingerprint(state.table_fingerprint("penalties"), settings_fingerprint(state.settings, with_today=False))
    writer.write_group("opendata:penalties", key, penalty_files)
    checks = inspections.ordered_public(state.public["inspections"].frame)
    outcomes = supervision.ordered_public(state.public["supervision"].frame)
    feeds = inspection_feed(inspections.public_rows(checks), site)
    feeds |= supervision_feed(supervision.public_rows(outcomes), site)
    for relpath, feed in feeds.items():
        writer.write(relpath, feed)
    today = state.settings.today.isoformat()
    downloads = builtin_downloads(state, checks, outcomes)
    for table in generic.schema_tables(state.public.tables):  # (the datasets published from their schema)
        dataset = table.dataset
        records = generic.published_records(table)
        downloads.append(Download(dataset, [(c.key, c.header) for c in dataset.published_columns()],
                                  shown_frame(dataset, records)))
        for relpath, feed in schema_feed(dataset, records, site).items():
            writer.write(relpath, feed)
    for download in downloads:
        if download.dataset.name != "penalties":  # (its CSV above, its JSON below: groups of their own)
            writer.write(download.csv_path, download_csv(download))
            writer.write(download.json_path, download_json(download, today))
    penalties = next(d for d in downloads if d.dataset.name == "penalties")
    json_key = inputs_fingerprint(state.table_fingerprint("penalties"), settings_fingerprint(state.settings, with_today=True))

    def penalty_json() -> list[tuple[str, bytes]]:
        decisions = ordered_public(state.public["penalties"].frame)
        full = Download(penalties.dataset, penalties.columns, as_text(decisions, penalties.columns))
        return [(full.json_path, download_json(full, today))]

    writer.write_group("opendata:penalties-json", json_key, penalty_json)
    # (the decisions' states on the build day and the build day itself: what json_key covers)
    # (and the schema-published datasets that withdraw records, withdrawnIf: their tables too)
    withdrawing = [t for t in state.public.tables.values() if t.dataset.withdrawn_if and not t.dataset.publisher]
    removals_key = inputs_fingerprint(json_key, *(state.table_fingerprint(t.dataset.name) for t in withdrawing))
    writer.write_group("opendata:removals", removals_key,
                       lambda: removal_files(state.public["penalties"].frame, site, today, withdrawing))
    base = state.settings.siteurl + state.settings.site_root
    catalogued = [*downloads, removal_download()]
    writer.write("datapackage.json", datapackage(catalogued, state.settings.sitename, base))
    writer.write("catalog.jsonld", dcat_catalog(catalogued, state.settings.sitename, state.settings.operator, base,
                                                today))
    write_templates(writer, state.settings.operator, {name: t.dataset for name, t in state.public.tables.items()})
    report = state.timeliness.document(state.timeliness.rules)
    # A large file (a record per decision): orjson makes json.dumps's bytes faster
    writer.write(TIMELINESS_FILE, compact_json(report))


def builtin_downloads(state, checks, outcomes) -> list[Download]:  # noqa: ANN001 - BuildState, frames
    """The public view of each dataset published by code of its own, as its downloads hold it."""
    from ..schedule import OFFICER_STATUS_LABELS

    tables = state.public.tables
    officers = tables["officers"].frame
    officers = officers.assign(status_label=officers["state"].map(OFFICER_STATUS_LABELS))
    agencies = tables["agencies"].frame
    powers = tables["powers"].frame

    def published(dataset: Dataset, extra: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
        return [(c.key, c.header) for c in dataset.published_columns()] + list(extra)

    made = [(tables["agencies"].dataset, published(tables["agencies"].dataset), agencies),
            (tables["officers"].dataset, published(tables["officers"].dataset, [("status_label", "证件状态（按生成日期）")]),
             officers),
            (tables["powers"].dataset, published(tables["powers"].dataset), powers),
            # (the largest: its records are made only where its CSV and JSON are, in their groups)
            (tables["penalties"].dataset, PENALTY_COLUMNS, pd.DataFrame({key: [] for key, _ in PENALTY_COLUMNS})),
            (tables["inspections"].dataset, inspection_columns(), checks),
            (tables["supervision"].dataset, supervision_columns(), with_rectification_label(outcomes))]
    return [Download(dataset, columns, as_text(frame, columns)) for dataset, columns, frame in made]


def write_templates(writer, author: str, datasets: dict | None = None) -> None:  # noqa: ANN001 - OutputWriter
    """The staff templates: made from the schemas (the built-in ones and a region's) and openpyxl alone."""
    from importlib.metadata import version

    from ..feeds.datasets import DATASETS

    datasets = datasets or DATASETS

    def files() -> Iterator[tuple[str, bytes]]:
        for relpath, data in template_files(datasets, author).items():
            writer.gate.check(relpath, unpacked(data))  # (the gate cannot read the zipped parts)
            yield relpath, data

    # (the code fingerprint covers the built-in schemas; a region's are named by their columns)
    key = inputs_fingerprint("templates", version("openpyxl"), author,
                             *((d.name, d.title, d.columns) for d in datasets.values() if not d.builtin))
    writer.write_group("opendata:templates", key, files)
