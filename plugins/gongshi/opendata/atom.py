"""Atom feeds (RFC 4287) of newly published records: penalty decisions (site-wide and per
authority), spot-check results and supervision outcomes. Every value is XML-escaped; entries are
the newest by 公示日期 (else the event date)."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from ..feeds.load import records
from ..feeds.schema import Dataset
from ..pages import urls

FEED_ENTRIES = 50


@dataclass(frozen=True)
class SiteInfo:
    base: str  # absolute URL of the site root, ending in "/"
    name: str


def _stamp(day: str) -> str:
    return f"{day}T00:00:00+08:00"


@dataclass(frozen=True)
class AtomEntry:
    title: str
    path: str  # site-relative URL of the entry's page (may carry a #fragment)
    day: str  # ISO date: 公示日期, else the event date
    summary: str
    order: str = ""  # tie-break among entries of one day (a key), for a stable order
    # Added to the link to make the entry's id when its page shows several entries, or its URL is
    # another entry's id (readers merge entries of one id, RFC 4287 4.1.1).
    id_fragment: str = ""


def entries_feed(entries: list[AtomEntry], site: SiteInfo, title: str, path: str, html_path: str) -> bytes:
    newest = sorted(entries, key=lambda e: (e.day, e.order), reverse=True)[:FEED_ENTRIES]
    updated = _stamp(newest[0].day) if newest else "1970-01-01T00:00:00+08:00"
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
             f"<title>{escape(title)}</title>", f"<id>{escape(site.base + path)}</id>",
             f"<updated>{updated}</updated>", f"<author><name>{escape(site.name)}</name></author>",
             f"<link rel=\"self\" href={quoteattr(site.base + path)}/>",
             f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(site.base + html_path)}/>"]
    for entry in newest:
        link = site.base + entry.path
        entry_id = f"{link}#{entry.id_fragment}" if entry.id_fragment else link
        parts.append(
            "<entry>"
            f"<title>{escape(entry.title)}</title>"
            f"<id>{escape(entry_id)}</id><link href={quoteattr(link)}/>"
            f"<updated>{_stamp(entry.day)}</updated>"
            f"<summary>{escape(entry.summary)}</summary></entry>")
    parts.append("</feed>\n")
    return "\n".join(parts).encode("utf-8")


def penalty_entry(row: dict) -> AtomEntry:
    summary = "；".join(filter(None, [row["violation_type"], "、".join(row["penalty_kinds"].split(";")),
                                      row["authority"]]))
    return AtomEntry(row["decision_no"] + " " + row["party_name"], urls.decision(row["decision_no"]),
                     row["published_on"] or row["decided_on"], summary, row["decision_no"])


def inspection_feed(rows: list[dict], site: SiteInfo) -> dict[str, bytes]:
    """New spot-check results; `rows` from pages.inspections.result_row plus published_on. Each
    result links to its task's page, which lists all of the task's results: its id is that page's
    URL with the checked subject as fragment (numbered from the second on when two subjects
    of a task have one masked name)."""
    seen: dict[tuple[str, str], int] = {}
    entries = []
    for r in rows:
        subject = r["uscc"] or r["subject"]
        n = seen[r["task_no"], subject] = seen.get((r["task_no"], subject), 0) + 1
        fragment = quote(subject) + (f"-{n}" if n > 1 else "")
        entries.append(AtomEntry(f"{r['task_name']}：{r['subject']}", r["task_url"], r["published_on"] or r["completed_on"],
                                 "；".join(filter(None, [r["result"], r["rectification"], r["authority"]])),
                                 f"{r['task_no']}/{subject}", id_fragment=fragment))
    return {"inspections/feed.xml": entries_feed(entries, site, f"{site.name}：新公示的双随机抽查结果",
                                                 "inspections/feed.xml", "inspections/")}


def supervision_feed(rows: list[dict], site: SiteInfo) -> dict[str, bytes]:
    """New supervision outcomes; `rows` from pages.supervision.outcome_row."""
    entries = [AtomEntry(f"{r['kind']}：{r['title']}（{r['unit']}）", r["url"], r["published_on"] or r["completed_on"],
                         "；".join(filter(None, [r["grade"], f"{r['score']} 分" if r["score"] else "",
                                                 r["status_label"] if r["status"] != "none" else ""])),
                         r["anchor"]) for r in rows]
    return {"supervision/feed.xml": entries_feed(entries, site, f"{site.name}：新公示的监督考核结果",
                                                 "supervision/feed.xml", "supervision/")}


ENTRY_COLUMNS = ["decision_no", "party_name", "violation_type", "penalty_kinds", "authority", "decided_on",
                 "published_on"]  # what penalty_entry reads


def penalty_feeds(decisions: pd.DataFrame, site: SiteInfo) -> dict[str, bytes]:
    """The site-wide feed and one per authority. Each holds FEED_ENTRIES of up to 200,000
    decisions: the newest are chosen on their (day, number) keys, and only they become entries."""
    days = [published or decided for published, decided in
            zip(decisions["published_on"].tolist(), decisions["decided_on"].tolist())]
    keys = list(zip(days, decisions["decision_no"].tolist()))

    def newest(positions: list[int]) -> list[int]:
        # sorted(positions, key, reverse=True)[:FEED_ENTRIES]: newest first, ties in the order given
        return heapq.nlargest(FEED_ENTRIES, positions, key=keys.__getitem__)

    def feed(positions: list[int], title: str, path: str, html_path: str) -> bytes:
        entries = [penalty_entry(row) for row in records(decisions.iloc[positions], ENTRY_COLUMNS)]
        return entries_feed(entries, site, title, path, html_path)

    of_authority: dict[str, list[int]] = {}
    for position, authority in enumerate(decisions["authority"].tolist()):
        of_authority.setdefault(authority, []).append(position)
    newest_of = {authority: newest(positions) for authority, positions in of_authority.items()}
    # The newest of all are among the newest of their authority (sorted: ties keep their order).
    everyone = newest(sorted(itertools.chain.from_iterable(newest_of.values())))
    feeds = {"penalties/feed.xml": feed(everyone, f"{site.name}：新公示的行政处罚决定", "penalties/feed.xml",
                                        "penalties/")}
    for authority, positions in sorted(newest_of.items()):
        base = urls.penalties_by("authority", urls.slug(authority))
        feeds[urls.file_of(base).removesuffix("index.html") + "feed.xml"] = feed(
            positions, f"{authority}：新公示的行政处罚决定", base + "feed.xml", base)
    return feeds


def schema_feed(dataset: Dataset, records: pd.DataFrame, site: SiteInfo) -> dict[str, bytes]:
    """New records of a dataset published from its schema (pages.generic.published_records):
    dated by its scheduledBy day (公示日期), else the day that orders it."""
    from ..pages import generic

    title = dataset.column(generic.title_field(dataset))
    by = generic.order_field(dataset)
    shown = [c for c in generic.list_columns(dataset) if c.key != title.key][:3]
    folder = urls.record_listing(dataset.url_folder)
    entries = []
    for record in records.to_dict("records"):
        day = (record.get(dataset.scheduled_by) if dataset.scheduled_by else "") or (record[by] if by else "")
        if not day:
            continue  # (an entry needs a day; the listing still shows the record)
        entries.append(AtomEntry(f"{dataset.title}：{generic.shown_value(title, record[title.key])}",
                                 urls.record(dataset.url_folder, record["url_key"]), day,
                                 "；".join(filter(None, (generic.shown_value(c, record.get(c.key)) for c in shown))),
                                 record["url_key"]))
    return {folder + "feed.xml": entries_feed(entries, site, f"{site.name}：新公示的{dataset.title}", folder + "feed.xml",
                                              folder)}
