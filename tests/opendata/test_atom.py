"""Atom feeds of penalty decisions: the newest FEED_ENTRIES, newest first, site-wide and per
authority; of spot-check results: one entry per result."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pandas as pd

from gongshi.opendata.atom import FEED_ENTRIES, SiteInfo, inspection_feed, penalty_feeds

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITE = SiteInfo("https://example.gov.cn/", "公示")
AUTHORITIES = ["江临市市场监督管理局", "江临市生态环境局", "江临市应急管理局"]


def decision(number: int, authority: str, decided_on: str, published_on: str = "") -> dict[str, str]:
    return {"decision_no": f"江临市监罚〔2026〕{number}号", "party_name": f"江临市第{number}商行",
            "violation_type": "超范围经营", "penalty_kinds": "警告;罚款", "authority": authority,
            "decided_on": decided_on, "published_on": published_on}


def newest_titles(rows: list[dict[str, str]]) -> list[str]:
    """What a feed must hold: by 公示日期 (else 决定日期), then 决定书文号 as text, newest first."""
    newest = sorted(rows, key=lambda r: (r["published_on"] or r["decided_on"], r["decision_no"]), reverse=True)
    return [f"{r['decision_no']} {r['party_name']}" for r in newest[:FEED_ENTRIES]]


def feed_titles(feed: bytes) -> tuple[str, list[str]]:
    root = ET.fromstring(feed)
    return (root.findtext("a:title", namespaces=ATOM),
            [e.findtext("a:title", namespaces=ATOM) for e in root.findall("a:entry", ATOM)])


def test_each_feed_holds_the_newest_decisions_by_publication_day_then_number() -> None:
    rng = random.Random(3)
    # Few days, so many decisions share a day; numbers 1..599 so text order is not number order.
    rows = [decision(n, rng.choice(AUTHORITIES), f"2026-09-{rng.randint(1, 6):02d}",
                     rng.choice(["", "", f"2026-10-{rng.randint(1, 3):02d}"])) for n in range(1, 600)]
    rows[7]["authority"] = "江临市烟草专卖局"  # an authority with a single decision
    feeds = {title: entries for title, entries in map(feed_titles, penalty_feeds(pd.DataFrame(rows), SITE).values())}

    assert feeds.pop("公示：新公示的行政处罚决定") == newest_titles(rows)
    assert len(newest_titles(rows)) == FEED_ENTRIES
    for authority in [*AUTHORITIES, "江临市烟草专卖局"]:
        mine = [r for r in rows if r["authority"] == authority]
        assert feeds.pop(f"{authority}：新公示的行政处罚决定") == newest_titles(mine)
    assert feeds == {}


def test_the_feeds_do_not_depend_on_the_order_of_the_decisions() -> None:
    rng = random.Random(5)
    rows = [decision(n, rng.choice(AUTHORITIES), f"2026-0{rng.randint(1, 9)}-01") for n in range(1, 300)]
    shuffled = rows.copy()
    rng.shuffle(shuffled)
    assert penalty_feeds(pd.DataFrame(rows), SITE) == penalty_feeds(pd.DataFrame(shuffled), SITE)


def test_each_spot_check_result_is_its_own_entry_though_they_share_the_task_page() -> None:
    def result(subject: str, uscc: str = "") -> dict[str, str]:
        return {"task_no": "SJ-2026-001", "task_name": "抽查", "task_url": "inspections/task/SJ-2026-001/",
                "subject": subject, "uscc": uscc, "result": "未发现问题", "rectification": "", "authority": "江临市市场监督管理局",
                "completed_on": "2026-10-01", "published_on": "2026-10-09"}

    # Two individuals whose masked names are the same: still two entries.
    rows = [result("江临市甲公司", "91339900MA00C34W84"), result("王**"), result("王**")]
    root = ET.fromstring(inspection_feed(rows, SITE)["inspections/feed.xml"])
    entries = root.findall("a:entry", ATOM)
    ids = [e.findtext("a:id", namespaces=ATOM) for e in entries]
    assert len(entries) == 3 and len(set(ids)) == 3  # a reader merges entries of one id
    assert {e.find("a:link", ATOM).get("href") for e in entries} == {SITE.base + "inspections/task/SJ-2026-001/"}
