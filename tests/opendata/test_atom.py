"""Atom feeds of penalty decisions: the newest FEED_ENTRIES, newest first."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

from gongshi.opendata.atom import FEED_ENTRIES, SiteInfo, atom_feed

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def decision(number: int, decided_on: str, published_on: str = "") -> dict[str, str]:
    return {"decision_no": f"江临市监罚〔2026〕{number}号", "party_name": f"江临市第{number}商行",
            "violation_type": "超范围经营", "penalty_kinds": "警告;罚款", "authority": "江临市市场监督管理局",
            "decided_on": decided_on, "published_on": published_on}


def test_a_feed_holds_the_newest_decisions_by_publication_day_then_number() -> None:
    rng = random.Random(3)
    rows = [decision(n, f"2026-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}",
                     rng.choice(["", f"2026-10-{rng.randint(1, 28):02d}"])) for n in range(1, 400)]
    feed = ET.fromstring(atom_feed(rows, SiteInfo("https://example.gov.cn/", "公示"), "新公示", "penalties/feed.xml",
                                   "penalties/"))
    titles = [e.findtext("a:title", namespaces=ATOM) for e in feed.findall("a:entry", ATOM)]
    newest = sorted(rows, key=lambda r: (r["published_on"] or r["decided_on"], r["decision_no"]), reverse=True)
    assert len(titles) == FEED_ENTRIES < len(rows)
    assert titles == [f"{r['decision_no']} {r['party_name']}" for r in newest[:FEED_ENTRIES]]
