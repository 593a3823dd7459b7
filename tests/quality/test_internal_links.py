"""Every link and resource of every page of the sample build that points inside the site opens
something: a file of the output and, for a #fragment, an element with that id on it."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.quality.sitepaths import SiteFiles
from tests.sitekit import SITEURL

LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "poster"}
SHOWN = 40  # enough findings to see the pattern, few enough to read


class _Page(HTMLParser):
    """The links (with their line) and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], value))
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    handle_startendtag = handle_starttag


@cache
def _read(file: Path) -> _Page:
    page = _Page()
    page.feed(file.read_text("utf-8"))
    page.close()
    return page


def broken_links(site: SiteFiles) -> list[str]:
    found = []
    for file in sorted(site.output.rglob("*.html")):
        rel = file.relative_to(site.output).as_posix()
        base = site.page_url(file)
        for line, link in _read(file).links:
            if rel == "404.html" and not urlsplit(link).scheme and not link.startswith(("/", "#")):
                # The server sends 404.html for any missing address: a relative link resolves
                # against that address, not against /404.html.
                found.append(f"{rel}:{line}: {link!r} is relative on the page shown at every missing address")
                continue
            path = site.internal(link, base)
            if path is None:
                continue
            target = site.file_for(path)
            if target is None:
                found.append(f"{rel}:{line}: {link!r} opens no file of the site")
                continue
            fragment = unquote(urlsplit(link).fragment)
            if fragment and target.suffix == ".html" and fragment not in _read(target).ids:
                where = "this page" if target == file else target.relative_to(site.output).as_posix()
                found.append(f"{rel}:{line}: {link!r}: no id {fragment!r} on {where}")
    return found


def test_every_internal_link_of_the_sample_site_opens_a_page_or_file(sample_site: Path) -> None:
    found = broken_links(SiteFiles(sample_site, SITEURL))
    assert not found, (f"{len(found)} broken internal links:\n  " + "\n  ".join(found[:SHOWN])
                       + ("\n  …" if len(found) > SHOWN else ""))


def test_the_checker_sees_a_missing_page_a_missing_id_and_follows_encoded_chinese(tmp_path: Path) -> None:
    (tmp_path / "penalties/江临罚-1号").mkdir(parents=True)
    (tmp_path / "penalties/江临罚-1号/index.html").write_text('<p id="窗口">x</p>', "utf-8")
    (tmp_path / "index.html").write_text(
        '<main id="main"><a href="#main">ok</a>\n'
        '<a href="/penalties/%E6%B1%9F%E4%B8%B4%E7%BD%9A-1%E5%8F%B7/?p=2#%E7%AA%97%E5%8F%A3">ok</a>\n'
        f'<a href="{SITEURL}/penalties/江临罚-1号/">ok</a> <a href="https://other.example.org/x">ok</a>\n'
        '<a href="mailto:a@b.cn">ok</a> <a href="tel:12345">ok</a> <link rel="icon" href="data:,">\n'
        '<a href="/officers/">missing</a> <a href="#top">no such id</a>\n'
        '<a href="penalties/江临罚-1号/#其他">no such id there</a> <img src="/theme/x.png" alt="">', "utf-8")
    found = broken_links(SiteFiles(tmp_path, SITEURL))
    assert found == ["index.html:5: '/officers/' opens no file of the site",
                     "index.html:5: '#top': no id 'top' on this page",
                     "index.html:6: 'penalties/江临罚-1号/#其他': no id '其他' on penalties/江临罚-1号/index.html",
                     "index.html:6: '/theme/x.png' opens no file of the site"]
