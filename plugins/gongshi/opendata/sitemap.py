"""sitemap.xml (sitemaps.org 0.9) and robots.txt, made at the end of a build from the pages it
produced. A record's `lastmod` is its own change date (公示日期, else the day of the decision or
the status change; an agency's or power item's 更新日期), never the build time; a listing has
none. Pages that are no longer published (a withdrawn or ended decision's short page, which also
says `noindex`) are left out, as is the 404 page. Above 50,000 URLs the map is split, with an
index at sitemap.xml."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from ..pages import generic, urls

MAX_URLS = 50_000


def record_dates(tables: dict) -> tuple[dict[str, str], set[str]]:  # noqa: ANN001 - public tables
    """(page file -> its record's change date, the page files left out: tombstones)."""
    dates: dict[str, str] = {}
    left_out: set[str] = set()
    if "penalties" in tables:
        frame = tables["penalties"].frame
        for number, state, published, decided in zip(frame["decision_no"].tolist(), frame["pub_state"].tolist(),
                                                     frame["published_on"].tolist(), frame["decided_on"].tolist()):
            path = urls.decision_file(number)
            if state == "public":
                dates[path] = published or decided
            else:
                left_out.add(path)
    for name, key, columns in (("officers", "certificate_no", ("status_changed_on", "issued_on")),
                               ("agencies", "uscc", ("updated_on",)), ("powers", "code", ("updated_on",))):
        if name not in tables:
            continue
        frame = tables[name].frame
        url_of = {"officers": urls.officer, "agencies": urls.agency, "powers": urls.power}[name]
        days = [frame[c].tolist() for c in columns]
        for position, value in enumerate(frame[key].tolist()):
            day = next((d[position] for d in days if d[position]), "")
            if day:
                dates[urls.file_of(url_of(value))] = day
    for table in generic.schema_tables(tables):
        by = generic.order_field(table.dataset)
        if not by:
            continue
        records = generic.published_records(table)
        for url_key, day in zip(records["url_key"].tolist(), records[by].tolist() if len(records) else []):
            if isinstance(day, str) and day:
                dates[urls.file_of(urls.record(table.dataset.url_folder, url_key))] = day
    return dates, left_out


def sitemap_files(pages: Iterable[str], dates: dict[str, str], left_out: set[str], base: str) -> dict[str, bytes]:
    """sitemap.xml (or an index and sitemap-N.xml), for the html pages among `pages`."""
    chosen = sorted(p for p in pages if p.endswith(".html") and p != "404.html" and p not in left_out)
    entries = []
    for path in chosen:
        location = page_url(base, path)
        day = dates.get(path, "")
        entries.append(f"<url><loc>{escape(location)}</loc>" + (f"<lastmod>{day}</lastmod>" if day else "") + "</url>")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if len(entries) <= MAX_URLS:
        return {"sitemap.xml": _urlset(head, entries)}
    files = {}
    for n, start in enumerate(range(0, len(entries), MAX_URLS), 1):
        files[f"sitemap-{n}.xml"] = _urlset(head, entries[start:start + MAX_URLS])
    index = [f"<sitemap><loc>{escape(base + name)}</loc></sitemap>" for name in files]
    files["sitemap.xml"] = (head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                            + "\n".join(index) + "\n</sitemapindex>\n").encode("utf-8")
    return files


def page_url(base: str, path: str) -> str:
    """The absolute URL of the page in output file `path` (what the sitemap lists it as)."""
    return base + quote(path.removesuffix("index.html"), safe="/-._~")


def _urlset(head: str, entries: list[str]) -> bytes:
    return (head + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(entries)
            + "\n</urlset>\n").encode("utf-8")


def robots_txt(base: str) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()

