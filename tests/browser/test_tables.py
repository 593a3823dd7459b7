"""Tables that read on a phone (issue 21, point 6).

At 390 px every listing table reflows: each row is a block of label/value lines, each cell
labelled with its column header, nothing scrolls sideways (neither the page nor a table inside
it) and the table keeps its table semantics. Dates never wrap and column headers keep their
words whole, on a phone and at 1280 px. The charts' text is at least 12 px on a phone and the
rectification chart does not paint 逾期 in the green of 已整改. Printed, no table is cut off.
"""

from __future__ import annotations

import re

import pytest

from .test_accessibility import open_page, site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Listing pages: id from test_accessibility.site_pages, or a penalty facet ("facet:<dimension>",
# its first page in the build).
LISTING_IDS = ["penalties", "penalties-of-year", "facet:authority", "facet:kind", "facet:violation",
               "officers", "officers-of-agency", "agencies", "agency", "powers", "powers-of-agency",
               "inspections", "inspection-task", "inspections-by-result", "supervision", "timeliness",
               "company-both", "company-inspections-only", "data-dictionary", "licences", "coercive-by-measure",
               "discretion"]

# What one table looks like in the browser: headers, each body row's cells, and geometry.
TABLES_JS = """() => [...document.querySelectorAll('main table')].map(table => {
  const wrap = table.closest('.table-wrap');
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {
    caption: table.caption ? table.caption.textContent.trim() : '',
    className: table.className,
    wrap: wrap ? {scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth} : null,
    right: table.getBoundingClientRect().right,
    headers: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
    rows: [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(cell => ({
      tag: cell.tagName.toLowerCase(), colspan: cell.colSpan, label: cell.getAttribute('data-label'),
      before: getComputedStyle(cell, '::before').content, box: box(cell),
      text: cell.textContent.trim()}))),
  };
})"""

# The line boxes a piece of text occupies: the distinct tops of its client rects.
LINES_JS = """rects => { const tops = [];
  for (const r of rects) if (r.width > 0 && !tops.some(t => Math.abs(t - r.top) < 3)) tops.push(r.top);
  return tops.length; }"""

# Every date (yyyy-mm-dd) in a table cell: how many lines it takes.
DATES_JS = """() => { const lines = LINES; const out = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.parentElement.closest('td, th')) continue;
    for (const m of node.data.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      out.push({date: m[0], lines: lines(range.getClientRects()),
                cell: node.parentElement.closest('td, th').outerHTML.slice(0, 160)});
    }
  }
  return out; }""".replace("LINES", LINES_JS)

# Every visible column header: how many lines its text takes.
HEADERS_JS = """() => { const lines = LINES;
  return [...document.querySelectorAll('main thead th')].map(th => {
    const range = document.createRange(); range.selectNodeContents(th);
    return {text: th.textContent.trim(), lines: lines(range.getClientRects()), width: th.getBoundingClientRect().width};
  }); }""".replace("LINES", LINES_JS)


@pytest.fixture(scope="module")
def listing_pages(site, feed_tables, officers) -> dict[str, str]:  # noqa: ANN001
    """Listing page id -> path; a penalty facet's first page is found in the build output."""
    found = site_pages(feed_tables, officers)
    for dimension in ("authority", "kind", "violation"):
        values = sorted(p.name for p in (site.output / "penalties" / dimension).iterdir() if p.is_dir())
        assert values, f"the sample build has no penalty facet pages under penalties/{dimension}/"
        found[f"facet:{dimension}"] = f"/penalties/{dimension}/{values[0]}/"
    return {page_id: found[page_id] for page_id in LISTING_IDS}


def _where(table: dict) -> str:
    return f"table {table['caption']!r}"


@pytest.mark.parametrize("page_id", LISTING_IDS)
def test_listing_tables_reflow_on_a_phone(site, listing_pages, new_context, page_id):
    page = new_context(viewport=PHONE).new_page()
    open_page(page, site, listing_pages[page_id])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{page_id} scrolls sideways at 390 px: scrollWidth "
        f"{page.evaluate('document.documentElement.scrollWidth')} > {page.evaluate('window.innerWidth')}")
    tables = page.evaluate(TABLES_JS)
    assert tables, f"{page_id} has no table"
    for table in tables:
        where = f"{page_id}: {_where(table)}"
        assert "stack" in table["className"].split(), f"{where} is not a reflowing (class stack) table"
        assert table["wrap"] is None or table["wrap"]["scrollWidth"] <= table["wrap"]["clientWidth"], (
            f"{where} scrolls sideways inside its wrapper at 390 px: {table['wrap']}")
        assert table["right"] <= PHONE["width"], f"{where} is wider than the phone"
        assert table["rows"], f"{where} has no rows"
        for row in table["rows"]:
            cells = [c for c in row if c["colspan"] == 1]
            if len(cells) < len(row):  # a "暂无……" row spanning the table: no labels
                continue
            assert len(cells) == len(table["headers"]), f"{where}: a row has {len(cells)} cells"
            for header, cell, below in zip(table["headers"], cells, cells[1:] + [None], strict=True):
                # stacked: each cell under the one before it, not beside it
                if below is not None:
                    assert below["box"]["top"] >= cell["box"]["bottom"] - 1, (
                        f"{where}: {header!r} and the next cell are side by side at 390 px")
                if cell["tag"] == "th":  # the row header: shown first, bold, without a label
                    continue
                assert cell["label"] == header, f"{where}: the {header!r} cell is labelled {cell['label']!r}"
                assert cell["before"] not in ("none", "normal", ""), f"{where}: the {header!r} cell shows no label"


@pytest.mark.parametrize("page_id", LISTING_IDS)
def test_listing_tables_keep_table_semantics_on_a_phone(site, listing_pages, new_context, page_id):
    """Reflowed for the eye only: a screen reader still finds a table with its column headers."""
    page = new_context(viewport=PHONE).new_page()
    open_page(page, site, listing_pages[page_id])
    tables = page.evaluate(TABLES_JS)
    for index, table in enumerate(tables):
        grid = page.locator("main table").nth(index)
        snapshot = grid.aria_snapshot()
        assert snapshot.lstrip().startswith("- table"), f"{page_id}: {_where(table)} is no table:\n{snapshot[:300]}"
        for header in table["headers"]:
            assert f"columnheader {header!r}".replace("'", '"') in snapshot, (
                f"{page_id}: {_where(table)} lost its column header {header!r}:\n{snapshot[:600]}")
            # the label a phone shows is for the eye: the header is announced already, not twice
            assert f'cell "{header}：' not in snapshot, f"{page_id}: {_where(table)} reads {header!r} twice"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("page_id", LISTING_IDS)
def test_dates_never_wrap(site, listing_pages, new_context, page_id, viewport):
    page = new_context(viewport=viewport).new_page()
    open_page(page, site, listing_pages[page_id])
    dates = page.evaluate(DATES_JS)
    if page_id not in ("officers", "agencies", "powers", "powers-of-agency", "data-dictionary", "discretion"):
        assert dates, f"{page_id} has no date in its tables"
    wrapped = [d for d in dates if d["lines"] != 1]
    assert not wrapped, f"{page_id} at {viewport['width']} px: dates broken over lines: {wrapped[:3]}"


@pytest.mark.parametrize("page_id", LISTING_IDS)
def test_column_headers_keep_words_whole(site, listing_pages, new_context, page_id):
    """At 1280 px every column header is on one line: never one or two characters a line."""
    page = new_context(viewport=DESKTOP).new_page()
    open_page(page, site, listing_pages[page_id])
    headers = page.evaluate(HEADERS_JS)
    assert headers, f"{page_id} has no column headers"
    broken = [h for h in headers if h["lines"] != 1]
    assert not broken, f"{page_id} at 1280 px: column headers broken over lines: {broken[:5]}"
    # ...and the tables fit the page there without scrolling
    for table in page.evaluate(TABLES_JS):
        if page_id != "data-dictionary":  # long aliases and rules: that table may scroll
            assert table["wrap"]["scrollWidth"] <= table["wrap"]["clientWidth"], (
                f"{page_id}: {_where(table)} scrolls sideways at 1280 px")


# --------------------------------------------------------------------------- charts

CHART_TEXT_JS = """() => [...document.querySelectorAll('main svg.chart text')].map(t => ({
  text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}))"""


@pytest.mark.parametrize("path", ["/timeliness/", "/supervision/"])
def test_chart_text_is_legible_on_a_phone(site, new_context, path):
    page = new_context(viewport=PHONE).new_page()
    open_page(page, site, path)
    texts = page.evaluate(CHART_TEXT_JS)
    assert texts, f"{path} has no chart text"
    small = [t for t in texts if t["px"] < 12]
    assert not small, f"{path}: chart text under 12 px at 390 px: {small[:5]}"


def _luminance(rgb: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_rectification_chart_tells_overdue_from_rectified(site, new_context):
    page = new_context(viewport=PHONE).new_page()
    open_page(page, site, "/supervision/")
    bars = page.evaluate("""() => {
      const svg = document.querySelector('#progress ~ figure svg.chart');
      const page = getComputedStyle(document.documentElement).backgroundColor;
      return [...svg.querySelectorAll('text.chart__label')].map(label => {
        let e = label; while (e && !(e.classList && e.classList.contains('chart__bar'))) e = e.nextElementSibling;
        let t = label; while (t && !(t.classList && t.classList.contains('chart__track'))) t = t.nextElementSibling;
        return {label: label.textContent, fill: e && getComputedStyle(e).fill,
                track: t && getComputedStyle(t).fill, page};
      });
    }""")
    by_label = {b["label"]: b for b in bars}
    # the text legend: every bar is named in words
    assert "已整改" in by_label and any(label.startswith("逾期") for label in by_label), list(by_label)
    done = by_label["已整改"]["fill"]
    for bar in bars:
        for against in (bar["page"], bar["track"]):
            assert _contrast(bar["fill"], against) >= 3, f"{bar['label']} bar {bar['fill']} on {against}"
        if bar["label"].startswith("逾期"):
            assert bar["fill"] != done, f"{bar['label']} is painted {bar['fill']}, the colour of 已整改"


# --------------------------------------------------------------------------- print

@pytest.mark.parametrize("page_id", ["penalties", "officers-of-agency", "timeliness", "inspection-task",
                                     "company-both", "data-dictionary"])
def test_printed_tables_are_not_cut_off(site, listing_pages, new_context, page_id):
    """Printed on A4 (about 720 CSS px inside the margins), every table fits the paper."""
    page = new_context(viewport={"width": 720, "height": 1000}).new_page()
    page.emulate_media(media="print")
    open_page(page, site, listing_pages[page_id])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for table in page.evaluate(TABLES_JS):
        assert table["right"] <= 720, f"{page_id}: {_where(table)} is cut off in print (right edge {table['right']})"
        assert table["wrap"]["scrollWidth"] <= table["wrap"]["clientWidth"], (
            f"{page_id}: {_where(table)} would be cut off in print: {table['wrap']}")


def test_every_table_in_the_build_uses_the_one_reflow_pattern(site):
    """Every table the build writes is a class "stack" table whose cells carry their labels, so
    no page type is left squeezing its columns on a phone."""
    tables = cells = 0
    for html in site.output.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for tag in re.findall(r"<table\b[^>]*>", text):
            tables += 1
            assert re.search(r'class="([^"]* )?stack( [^"]*)?"', tag), f"{html.relative_to(site.output)}: {tag}"
        for tag in re.findall(r"<td\b[^>]*>", text):
            cells += 1
            assert "data-label=" in tag or "colspan=" in tag, f"{html.relative_to(site.output)}: {tag} has no label"
    assert tables and cells
