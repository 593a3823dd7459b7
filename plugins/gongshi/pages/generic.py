"""Pages of a dataset published from its schema alone (`Dataset.publisher` empty): a region adds
行政征收 or 行政强制 by a schema file and its feed, and gets these without code.

    /<path>/[page/N/]                            the dataset: count, browse links, newest records
    /<path>/by-<field>/<value slug>/[page/N/]    records with one facet value (a date: its year)
    /<path>/<key slug>/                          one record (feeds.load.url_key_text, slugged)

Everything here reads the schema: the labels (`Column.display_label`), the listing columns
(`list_fields`), the facets (`Column.facet`, and the agency column), the order (`feed_date`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..feeds.load import Table, url_key_text
from ..feeds.schema import Column, ColumnType, Dataset
from . import urls
from .render import PageJob
from .site import paginate


def schema_tables(tables: dict[str, Table]) -> list[Table]:
    """The tables published from their schema alone, in the datasets' order."""
    return [t for t in tables.values() if not t.dataset.publisher]


def order_field(dataset: Dataset) -> str:
    """The day that orders records newest first: the schema's feedDate, else its first date."""
    return dataset.feed_date or next((c.key for c in dataset.columns if c.type is ColumnType.DATE), "")


def title_field(dataset: Dataset) -> str:
    return dataset.title_field or dataset.key[0].split("|")[0]


def list_columns(dataset: Dataset) -> list[Column]:
    """A listing's columns: the schema's listFields, else every published column."""
    if dataset.list_fields:
        return [dataset.column(k) for k in dataset.list_fields]
    return dataset.published_columns()


def facet_columns(dataset: Dataset) -> list[Column]:
    """The browse dimensions: the columns marked as facets, and the agency column."""
    return [c for c in dataset.columns if c.facet or c.key == dataset.agency_field]


def published_records(table: Table) -> pd.DataFrame:
    """The records published on the build day (a scheduled one is not yet: schedule stage's
    pub_state), newest first, with `url_key` (the key's path segment) added."""
    frame, dataset = table.frame, table.dataset
    if "pub_state" in frame.columns:
        frame = frame[frame["pub_state"] == "public"]
    frame = frame.assign(url_key=urls.slug_all(url_key_text(frame, dataset).tolist()) if len(frame) else [])
    by = order_field(dataset)
    if by:
        frame = frame.sort_values([by, "url_key"], ascending=[False, True], kind="stable")
    else:
        frame = frame.sort_values("url_key", kind="stable")
    return frame.reset_index(drop=True)


def shown_value(column: Column, value: Any) -> str:
    """A cell as a page shows it: enumerations joined with 、, 是/否, numbers without artefacts."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    text = str(value)
    if column.type is ColumnType.MULTI_ENUM:
        return "、".join(part for part in text.split(";") if part)
    return text


def facet_values(column: Column, value: Any) -> list[str]:
    """The facet values of one cell: a date's year, each value of a multi-value cell."""
    text = shown_value(column, value)
    if not text:
        return []
    if column.type is ColumnType.DATE:
        return [text[:4]]
    if column.type is ColumnType.MULTI_ENUM:
        return text.split("、")
    return [text]


@dataclass(frozen=True)
class Links:
    """How a record reaches the other pages: the agencies by name, the companies that have pages."""

    agencies: dict[str, str]  # agency name or USCC -> its USCC
    companies: frozenset[str] = frozenset()  # 统一社会信用代码 with a company page
    # (dataset, url_key) -> sections a record's page adds: {"heading", "note", "links": [{label, url}]}
    sections: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)


def record_row(dataset: Dataset, record: dict[str, Any]) -> dict[str, Any]:
    """A record as a listing row shows it (past its validUntil day: 已过期 beside that date)."""
    row = _listing_row(dataset, record)
    if dataset.valid_until and record.get("expired"):
        for column, cell in zip((c for c in list_columns(dataset) if c.key != title_field(dataset)), row["cells"]):
            if column.key == dataset.valid_until:
                cell["expired"] = True
    return row


def _listing_row(dataset: Dataset, record: dict[str, Any]) -> dict[str, Any]:
    return {"url": urls.record(dataset.url_folder, record["url_key"]),
            "title": shown_value(dataset.column(title_field(dataset)), record[title_field(dataset)]),
            "cells": [{"value": shown_value(c, record.get(c.key)), "date": c.type is ColumnType.DATE, "expired": False}
                      for c in list_columns(dataset) if c.key != title_field(dataset)]}


def listing_headers(dataset: Dataset) -> list[str]:
    return [dataset.column(title_field(dataset)).display_label] + [
        c.display_label for c in list_columns(dataset) if c.key != title_field(dataset)]


def dataset_jobs(table: Table, published: pd.DataFrame, page_size: int, links: Links,
                 today: str = "") -> Iterator[PageJob]:
    """The dataset's index pages, its facet pages and a page per published record."""
    dataset = table.dataset
    folder = dataset.url_folder
    rows = published.to_dict("records")
    if dataset.group_by:
        grouped = record_groups(dataset, rows)
        yield from group_jobs(dataset, grouped, links, today)
        rows = [group_record(dataset, members) for members in grouped]
    listed = [record_row(dataset, r) for r in rows]
    headers = listing_headers(dataset)
    facets = []
    for column in facet_columns(dataset):
        groups: dict[str, list[int]] = {}
        for i, record in enumerate(rows):
            members = grouped[i] if dataset.group_by else [record]
            for value in dict.fromkeys(v for m in members for v in facet_values(column, m.get(column.key))):
                groups.setdefault(value, []).append(i)
        ordered = sorted(groups, reverse=column.type is ColumnType.DATE)
        heading = "年度" if column.type is ColumnType.DATE else column.display_label
        facets.append({"heading": heading, "entries": [
            {"label": value, "url": urls.record_facet(folder, column.key, urls.slug(value)), "count": len(groups[value])}
            for value in ordered]})
        for value in ordered:
            members = [listed[i] for i in groups[value]]
            for url, pagination in paginate(lambda n, c=column.key, v=value: urls.record_facet(folder, c, urls.slug(v), n),
                                            members, page_size):
                yield PageJob(urls.file_of(url), "record_list.html", {
                    "section": dataset.name, "dataset": _about(dataset), "heading": f"{heading}：{value}",
                    "headers": headers, "pagination": pagination}, fingerprinted=False)
    for url, pagination in paginate(lambda n: urls.record_listing(folder, n), listed, page_size):
        yield PageJob(urls.file_of(url), "records.html", {
            "section": dataset.name, "dataset": _about(dataset), "total": len(listed),
            "facets": facets if pagination["page"] == 1 else [], "headers": headers, "pagination": pagination,
            "feed": urls.record_listing(folder) + "feed.xml"}, fingerprinted=False)
    if not dataset.group_by:
        for record, row in zip(rows, listed):
            yield record_job(dataset, record, row["url"], links, today)


def group_key(dataset: Dataset, record: dict[str, Any]) -> str:
    """A grouped dataset's page segment: the slug of its groupBy field's value (基准编号)."""
    return urls.slug(str(record[dataset.group_by[0]]))


def record_groups(dataset: Dataset, rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The records of each group (in the order of their first record), each group in the order
    of its orderBy field's enumeration (不予处罚 → 减轻 → 从轻 → 一般 → 从重), not alphabetical."""
    order = dataset.column(dataset.group_by[1])
    rank = {value: i for i, value in enumerate(order.choices)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in rows:
        groups.setdefault(group_key(dataset, record), []).append(record)
    return [sorted(members, key=lambda r: (rank.get(r[order.key], len(rank)), str(r[order.key])))
            for members in groups.values()]


def varying_columns(dataset: Dataset, members: list[dict[str, Any]]) -> list[Column]:
    """The published columns whose value differs within a group (and the orderBy field): its table's columns."""
    order = dataset.group_by[1]
    return [c for c in dataset.published_columns()
            if c.key == order or len({shown_value(c, m.get(c.key)) for m in members}) > 1]


def group_record(dataset: Dataset, members: list[dict[str, Any]]) -> dict[str, Any]:
    """A group as one listing row: a value every member shares, else the members' values joined by 、."""
    record = dict(members[0], url_key=group_key(dataset, members[0]))
    for column in list_columns(dataset):
        values = list(dict.fromkeys(shown_value(column, m.get(column.key)) for m in members))
        record[column.key] = "、".join(v for v in values if v)
    return record


def group_jobs(dataset: Dataset, groups: list[list[dict[str, Any]]], links: Links, today: str) -> Iterator[PageJob]:
    """A page per group (a 裁量基准 with its tiers as one table), and at each member's own old
    address a short page pointing to its row there (addresses never change)."""
    order = dataset.column(dataset.group_by[1])
    for members in groups:
        key = group_key(dataset, members[0])
        url = urls.record(dataset.url_folder, key)
        varying = varying_columns(dataset, members)
        shared = [{"label": c.label_for(members[0]), "value": shown_value(c, members[0].get(c.key))}
                  for c in dataset.published_columns() if c not in varying]
        tiers = [{"anchor": "tier-" + urls.slug(shown_value(order, m.get(order.key))),
                  "label": shown_value(order, m.get(order.key)),
                  "cells": [{"label": c.display_label, "value": shown_value(c, m.get(c.key))}
                            for c in varying if c.key != order.key]} for m in members]
        title = shown_value(dataset.column(title_field(dataset)), members[0][title_field(dataset)])
        yield PageJob(urls.file_of(url), "record_group.html", {
            "section": dataset.name, "dataset": _about(dataset), "title": title, "fields": shared,
            "order_label": order.display_label, "headers": [c.display_label for c in varying if c.key != order.key],
            "tiers": tiers, "related": _related(dataset, members[0], links),
            "sections": links.sections.get((dataset.name, key), []), "built_on": today})
        for member, tier in zip(members, tiers):
            if member["url_key"] != key:
                yield PageJob(urls.file_of(urls.record(dataset.url_folder, member["url_key"])), "record_moved.html", {
                    "section": dataset.name, "dataset": _about(dataset), "title": f"{title}（{tier['label']}）",
                    "target": url + "#" + tier["anchor"], "target_title": title})


def _related(dataset: Dataset, record: dict[str, Any], links: Links) -> list[dict[str, str]]:
    related = []
    if dataset.agency_field:
        name = record.get(dataset.agency_field) or ""
        uscc = links.agencies.get(name, "")
        if uscc:
            related.append({"label": f"{dataset.column(dataset.agency_field).display_label}：{name}",
                            "url": urls.agency(uscc)})
    if dataset.company_fields:
        uscc = record.get(dataset.company_fields[0]) or ""
        if uscc in links.companies:
            related.append({"label": "该企业的全部公示信息", "url": urls.company(uscc)})
    return related


def record_job(dataset: Dataset, record: dict[str, Any], url: str, links: Links, today: str = "") -> PageJob:
    title = shown_value(dataset.column(title_field(dataset)), record[title_field(dataset)])
    fields = [{"label": c.label_for(record), "value": shown_value(c, record.get(c.key))}
              for c in dataset.published_columns()]
    related = _related(dataset, record, links)
    expired = {"until": record[dataset.valid_until]} if dataset.valid_until and record.get("expired") else {}
    overdue = {"until": record[dataset.overdue[0]], "label": dataset.overdue[2]} \
        if dataset.overdue and record.get("overdue") else {}
    return PageJob(urls.file_of(url), "record.html", {
        "section": dataset.name, "dataset": _about(dataset), "title": title, "fields": fields, "related": related,
        "expired": expired, "overdue": overdue, "built_on": today,
        "sections": links.sections.get((dataset.name, record["url_key"]), [])})


def withdrawn_job(dataset: Dataset, record: dict[str, Any]) -> PageJob:
    """A withdrawn record's short page at its URL (withdrawnIf): the key, the state and its day,
    the agency and the first date; no party details."""
    state, _, on = dataset.withdrawn_if
    title = shown_value(dataset.column(title_field(dataset)), record[title_field(dataset)])
    by = order_field(dataset)
    facts = [{"label": dataset.column(dataset.agency_field).display_label, "value": record.get(dataset.agency_field) or ""}
             ] if dataset.agency_field else []
    if by:
        facts.append({"label": dataset.column(by).display_label, "value": shown_value(dataset.column(by), record.get(by))})
    return PageJob(urls.file_of(urls.record(dataset.url_folder, record["url_key"])), "record_gone.html", {
        "section": dataset.name, "dataset": _about(dataset), "title": title,
        "state": shown_value(dataset.column(state), record.get(state)), "on": record.get(on) or "",
        "facts": [f for f in facts if f["value"]]})


def url_key_text_of(dataset: Dataset, record: dict[str, Any]) -> str:
    """A record's key as published (its parts joined by "/"), before it is made a slug."""
    return "/".join(str(record[key.split("|")[0]] or next((record[k] for k in key.split("|") if record[k]), ""))
                    for key in dataset.key)


def withdrawn_records(table: Table) -> list[dict[str, Any]]:
    """The records withdrawn on the build day (schedule stage: pub_state "withdrawn"), with url_key."""
    frame = table.frame
    if "pub_state" not in frame.columns:
        return []
    frame = frame[frame["pub_state"] == "withdrawn"]
    if not len(frame):
        return []
    frame = frame.assign(url_key=urls.slug_all(url_key_text(frame, table.dataset).tolist()))
    return frame.sort_values("url_key", kind="stable").to_dict("records")


def _about(dataset: Dataset) -> dict[str, str]:
    return {"name": dataset.name, "title": dataset.title, "description": dataset.description,
            "url": urls.record_listing(dataset.url_folder)}


def agency_counts(dataset: Dataset, published: pd.DataFrame) -> dict[str, tuple[int, str]]:
    """Agency name -> (how many records it has published, the link to them), for its hub page."""
    if not dataset.agency_field or not len(published):
        return {}
    if dataset.group_by:  # (a group is one record: a 裁量基准, not its tiers)
        published = published.drop_duplicates(dataset.group_by[0])
    counts = published[dataset.agency_field].value_counts()
    return {name: (int(n), urls.record_facet(dataset.url_folder, dataset.agency_field, urls.slug(name)))
            for name, n in counts.items() if name}


def company_entries(dataset: Dataset, published: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    """统一社会信用代码 -> this dataset's records about it, as a company page lists them."""
    if not dataset.company_fields or not len(published):
        return {}
    code, name = dataset.company_fields
    by = order_field(dataset)
    found: dict[str, list[dict[str, str]]] = {}
    title = dataset.column(title_field(dataset))
    for record in published.to_dict("records"):
        uscc = record.get(code) or ""
        if uscc:
            found.setdefault(uscc, []).append({
                "title": shown_value(title, record[title.key]), "url": urls.record(dataset.url_folder, record["url_key"]),
                "date": shown_value(dataset.column(by), record[by]) if by else "", "name": record.get(name) or ""})
    return found
