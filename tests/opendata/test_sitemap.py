"""sitemap.xml and robots.txt: every published page once, with its record's own change date;
no page of a record that left publication (those say noindex)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from gongshi.opendata import sitemap
from tests.feedkit import penalties, write_feeds
from tests.sitekit import build_site

BASE = "https://zfgs.example.gov.cn/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("sitemap")
    output = work / "output"
    assert build_site(write_feeds(work / "feeds", penalty_rows=penalties()), output, "2026-11-23")[0] == 0
    return output


def entries(site: Path) -> dict[str, str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", default="", namespaces=NS)
            for u in root.findall("s:url", NS)}


def test_every_published_page_is_listed_once_and_exists(site: Path) -> None:
    found = entries(site)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for location in found:
        path = unquote(location.removeprefix(BASE))
        assert path + ("index.html" if path.endswith("/") or not path else "") in pages, location
    assert BASE + "officers/" in found and BASE + "404.html" not in found


def test_records_carry_their_own_change_date_and_tombstones_are_left_out(site: Path) -> None:
    found = {unquote(k): v for k, v in entries(site).items()}
    assert found[BASE + "penalties/江临市监罚-2026-101号/"] == "2026-10-23"  # its 公示日期, not the build day
    assert BASE + "penalties/江临市监罚-2026-103号/" not in found  # withdrawn
    assert BASE + "penalties/江临市监罚-2025-9号/" not in found  # 公示期满
    tombstone = (site / "penalties" / "江临市监罚-2026-103号" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in tombstone
    assert "noindex" not in (site / "penalties" / "江临市监罚-2026-101号" / "index.html").read_text(encoding="utf-8")
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


def test_a_large_site_is_split_with_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 2)
    files = sitemap.sitemap_files([f"p/{n}/index.html" for n in range(5)], {}, set(), BASE)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert [e.findtext("s:loc", namespaces=NS) for e in index] == [BASE + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    assert sum(len(ET.fromstring(files[f"sitemap-{n}.xml"])) for n in (1, 2, 3)) == 5
