"""Atom feeds (RFC 4287) of newly published penalty decisions: one for the site, one per
authority. Every value is XML-escaped; entries are the newest by 公示日期 (else 决定日期)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from ..feeds.load import records
from ..pages import urls

FEED_ENTRIES = 50


@dataclass(frozen=True)
class SiteInfo:
    base: str  # absolute URL of the site root, ending in "/"
    name: str


def _stamp(day: str) -> str:
    return f"{day}T00:00:00+08:00"


def atom_feed(rows: list[dict], site: SiteInfo, title: str, path: str, html_path: str) -> bytes:
    newest = sorted(rows, key=lambda r: (r["published_on"] or r["decided_on"], r["decision_no"]), reverse=True)
    newest = newest[:FEED_ENTRIES]
    updated = _stamp(newest[0]["published_on"] or newest[0]["decided_on"]) if newest else "1970-01-01T00:00:00+08:00"
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
             f"<title>{escape(title)}</title>", f"<id>{escape(site.base + path)}</id>",
             f"<updated>{updated}</updated>", f"<author><name>{escape(site.name)}</name></author>",
             f"<link rel=\"self\" href={quoteattr(site.base + path)}/>",
             f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(site.base + html_path)}/>"]
    for row in newest:
        link = site.base + urls.decision(row["decision_no"])
        summary = "；".join(filter(None, [row["violation_type"], "、".join(row["penalty_kinds"].split(";")),
                                          row["authority"]]))
        parts.append(
            "<entry>"
            f"<title>{escape(row['decision_no'] + ' ' + row['party_name'])}</title>"
            f"<id>{escape(link)}</id><link href={quoteattr(link)}/>"
            f"<updated>{_stamp(row['published_on'] or row['decided_on'])}</updated>"
            f"<summary>{escape(summary)}</summary></entry>")
    parts.append("</feed>\n")
    return "\n".join(parts).encode("utf-8")


def penalty_feeds(decisions: pd.DataFrame, site: SiteInfo) -> dict[str, bytes]:
    rows = records(decisions, list(decisions.columns))
    feeds = {"penalties/feed.xml": atom_feed(rows, site, f"{site.name}：新公示的行政处罚决定",
                                             "penalties/feed.xml", "penalties/")}
    by_authority: dict[str, list[dict]] = {}
    for row in rows:
        by_authority.setdefault(row["authority"], []).append(row)
    for authority, group in sorted(by_authority.items()):
        base = urls.penalties_by("authority", urls.slug(authority))
        feeds[urls.file_of(base).removesuffix("index.html") + "feed.xml"] = atom_feed(
            group, site, f"{authority}：新公示的行政处罚决定", base + "feed.xml", base)
    return feeds
