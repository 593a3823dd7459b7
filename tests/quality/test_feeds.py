"""The Atom feeds and the sitemap of the sample build are what feed readers and search engines
accept: well-formed XML, the elements they require, and every address opens a file of the site."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.quality.sitepaths import SiteFiles
from tests.sitekit import SITEURL

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_ROOTS = {SITEMAP + "urlset", SITEMAP + "sitemapindex"}


def _parse(file: Path, output: Path) -> ET.Element:
    try:
        return ET.parse(file).getroot()
    except ET.ParseError as exc:
        pytest.fail(f"{file.relative_to(output)}: not well-formed XML: {exc}", pytrace=False)


def xml_files(output: Path) -> dict[str, ET.Element]:
    files = sorted(p for p in output.rglob("*") if p.suffix in (".xml", ".atom") and p.is_file())
    return {p.relative_to(output).as_posix(): _parse(p, output) for p in files}


def _opens(site: SiteFiles, url: str | None) -> bool:
    path = site.internal(url or "", site.siteurl + "/")
    return path is not None and site.file_for(path) is not None


def _required(label: str, element: ET.Element) -> list[str]:
    """id, title and updated: what RFC 4287 requires of a feed and of each entry; updated an
    RFC 3339 date-time with its time zone (readers sort by it)."""
    found = [f"{label} has no <{tag}>" for tag in ("id", "title", "updated")
             if not (element.findtext(ATOM + tag) or "").strip()]
    updated = (element.findtext(ATOM + "updated") or "").strip()
    if updated:
        try:
            zoned = dt.datetime.fromisoformat(updated).tzinfo is not None and "T" in updated
        except ValueError:
            zoned = False
        if not zoned:
            found.append(f"{label}: <updated>{updated}</updated> is not an RFC 3339 date-time with a time zone")
    return found


def atom_problems(name: str, feed: ET.Element, site: SiteFiles) -> list[str]:
    """What a feed reader would reject or a subscriber would find broken in one feed."""
    if feed.tag != ATOM + "feed":
        return [f"{name}: root element is {feed.tag}, not an Atom <feed> (namespace {ATOM[1:-1]})"]
    found = _required(name + ": feed", feed)
    for link in feed.findall(ATOM + "link"):  # self and alternate: the feed's own and its page
        href = link.get("href") or ""
        if site.internal(href, site.siteurl + "/") is not None and not _opens(site, href):
            found.append(f"{name}: feed link {href!r} opens no file of the site")
    entries = feed.findall(ATOM + "entry")
    ids = [entry.findtext(ATOM + "id") for entry in entries]
    found += [f"{name}: entry id {i!r} used {ids.count(i)} times (readers show one of them)"
              for i in sorted({i for i in ids if i and ids.count(i) > 1})]
    for i, entry in enumerate(entries, 1):
        label = f"{name}: entry {i} ({entry.findtext(ATOM + 'title') or 'no title'})"
        found += _required(label, entry)
        links = [link.get("href") for link in entry.findall(ATOM + "link")
                 if link.get("rel", "alternate") == "alternate"]
        if not links:
            found.append(f"{label} has no <link> to its page")
        found += [f"{label}: link {href!r} opens no file of the site" for href in links if not _opens(site, href)]
    return found


def test_every_feed_is_atom_with_id_title_updated_and_linked_entries(sample_site: Path) -> None:
    site = SiteFiles(sample_site, SITEURL)
    feeds = {name: root for name, root in xml_files(sample_site).items() if root.tag not in SITEMAP_ROOTS}
    assert "penalties/feed.xml" in feeds  # the feed the home page offers
    found = [problem for name, root in feeds.items() for problem in atom_problems(name, root, site)]
    assert not found, "\n".join(found)
    assert all(root.findall(ATOM + "entry") for root in feeds.values()), "a feed without entries"


def test_sitemap_parses_and_every_loc_opens_a_file_of_the_site(sample_site: Path) -> None:
    site = SiteFiles(sample_site, SITEURL)
    sitemaps = {name: root for name, root in xml_files(sample_site).items() if root.tag in SITEMAP_ROOTS}
    assert "sitemap.xml" in sitemaps, "no sitemap.xml at the site root"
    listed = {SITEURL + "/" + name for name in sitemaps}
    found, pages = [], 0
    for name, root in sitemaps.items():
        for loc in root.iter(SITEMAP + "loc"):
            url = (loc.text or "").strip()
            pages += root.tag == SITEMAP + "urlset"
            if not _opens(site, url):
                found.append(f"{name}: <loc>{url}</loc> opens no file of the site")
            elif root.tag == SITEMAP + "sitemapindex" and url not in listed:
                found.append(f"{name}: <loc>{url}</loc> is not a sitemap")
    assert not found, "\n".join(found)
    assert pages > 600  # every public page, not an empty urlset


def test_the_feed_checks_see_a_missing_element_and_a_dead_entry_link(tmp_path: Path) -> None:
    (tmp_path / "penalties/1").mkdir(parents=True)
    (tmp_path / "penalties/1/index.html").write_text("x", "utf-8")
    feed = ET.fromstring(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>i</id>'
        f'<entry><title>a</title><id>a</id><updated>2026-01-01T00:00:00Z</updated><link href="{SITEURL}/penalties/1/"/></entry>'
        f'<entry><title>b</title><id>b</id><link href="{SITEURL}/penalties/2/"/></entry>'
        '<entry><title>b2</title><id>b</id><updated>2026-01-01</updated><link href="/penalties/1/"/></entry>'
        '<entry><title>c</title><id>c</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>')
    assert atom_problems("f.xml", feed, SiteFiles(tmp_path, SITEURL)) == [
        "f.xml: feed has no <updated>",
        "f.xml: entry id 'b' used 2 times (readers show one of them)",
        "f.xml: entry 2 (b) has no <updated>",
        f"f.xml: entry 2 (b): link '{SITEURL}/penalties/2/' opens no file of the site",
        "f.xml: entry 3 (b2): <updated>2026-01-01</updated> is not an RFC 3339 date-time with a time zone",
        "f.xml: entry 4 (c) has no <link> to its page"]
