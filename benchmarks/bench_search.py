"""Benchmark: the static search index at city and province scale, beside Pagefind.

    python benchmarks/bench_search.py [--penalties 100000] [--officers 20000] [--work DIR]
                                      [--queries 40] [--pagefind-pages 50000] [--skip-pagefind] [--whoosh]
                                      [--index-runs 3]

Prints, and writes to <work>/search-results-N.json:
- index build: documents, seconds and records/s for collecting the public documents, building
  the postings and writing every file through the gated OutputWriter (goal ≥ 20,000 records/s);
  the fastest of --index-runs builds (default 3, each into an empty output; all are listed);
  files, total and largest file (goal: none over 1 MB); peak RSS of the process;
- in headless Chromium (Playwright, the output served on 127.0.0.1): bytes transferred by the
  first query on a fresh page, the search script included (goal ≤ 150 KB), and by each later
  query (goal ≤ 50 KB); time from submitting to results on screen once the files are fetched
  (the same query again; goal ≤ 100 ms);
- exactness against plain substring matching over every public record, on queries of 2–6
  characters cut from the records' own text (goal: recall and precision 100%): the first page
  in the browser for every query, every result in the browser for queries with at most
  --full-limit matches, and every result of every query with a Python reader of the files;
- Pagefind (extended build, `pip install --target <work>/pagefind-pip 'pagefind[extended]'`) on
  the first --pagefind-pages documents as HTML pages: indexing time and peak RSS, bytes of the
  first and later queries, and recall/precision on the same queries.

Feeds come from `python -m gongshi.samplegen --plain` (generated once into <work>, reused) and go
through the real feeds, privacy and schedule stages; the pages stage is not run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))
TODAY = "2026-11-23"
KB = 1000


def generate_feeds(work: Path, penalties: int, officers: int) -> Path:
    feeds = work / f"search-feeds-{penalties}-{officers}"
    if not (feeds / "agencies.csv").is_file():
        subprocess.check_call([sys.executable, "-m", "gongshi.samplegen", "--out", str(feeds), "--plain",
                               "--penalties", str(penalties), "--officers", str(officers), "--powers", "3000",
                               "--agencies", "60"], env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    return feeds


def public_tables(feeds: Path, output: Path):  # noqa: ANN201
    from gongshi import feeds as feeds_stage
    from gongshi import privacy, schedule
    from gongshi.pipeline import BuildState, run_stages
    from gongshi.settings import GongshiSettings

    for stage in (feeds_stage, privacy, schedule):
        stage.register()
    settings = GongshiSettings.from_pelican({
        "DISCLOSURE_FEEDS": str(feeds), "DISCLOSURE_TODAY": TODAY, "OUTPUT_PATH": str(output),
        "GONGSHI_CACHE": str(output.parent / (output.name + "-cache")), "PATH": str(ROOT / "content"),
        "THEME": str(ROOT / "themes" / "gongshi")})
    state = BuildState(settings)
    run_stages(state, ("feeds", "privacy", "schedule"))
    return state


def write_site_index(docs, output: Path) -> None:  # noqa: ANN001
    """The index of these documents and the /search/ page, into `output` (no gate: benchmark only)."""
    from gongshi.output import OutputWriter
    from gongshi.pages import copy_theme_static
    from gongshi.pages.render import PageJob, make_environment, render_jobs, templates_fingerprint
    from gongshi.privacy.gate import PrivacyGate
    from gongshi.search import IndexFormat, write_index
    from gongshi.settings import GongshiSettings

    shutil.rmtree(output, ignore_errors=True)
    settings = GongshiSettings.from_pelican({"OUTPUT_PATH": str(output), "GONGSHI_CACHE": str(output) + "-cache",
                                             "PATH": str(ROOT / "content"), "THEME": str(ROOT / "themes" / "gongshi")})
    writer = OutputWriter(output, settings.cache_dir, PrivacyGate())
    write_index(writer, docs, IndexFormat(), settings.workers)
    copy_theme_static(settings.theme_dir, writer)
    page = PageJob("search/index.html", "search.html", {"section": "search"})
    render_jobs([[page]], make_environment(settings), writer, templates_fingerprint(settings), 1)


def replicate(docs, copies: int):  # noqa: ANN001, ANN201
    """Province scale from city-scale records: `copies` more of each, with their own keys, page
    paths and numbers (…-R3), dated `k` years earlier, so display order interleaves them."""
    from gongshi.search.documents import display_order_key

    out = list(docs)
    for k in range(1, copies + 1):
        for d in docs:
            fields = list(d.fields)
            fields[1] = f"{fields[1]}R{k}"
            date = f"{int(d.date[:4]) - k}{d.date[4:]}" if d.date else ""
            out.append(d._replace(key=f"{d.key}-R{k}", url=f"{d.url[:-1]}-R{k}/", fields=tuple(fields),
                                  date=date, year=date[:4]))
    out.sort(key=display_order_key)
    return out


def build_index(state, copies: int = 0) -> dict:  # noqa: ANN001
    from gongshi.gcpause import paused_gc
    from gongshi.pages import copy_theme_static
    from gongshi.pages.render import PageJob, make_environment, render_jobs, templates_fingerprint
    from gongshi.search import IndexFormat, collect, write_index

    writer = state.open_writer()
    started = time.perf_counter()
    with paused_gc():  # as the search stage does
        docs = collect(state.public)
        if copies:
            docs = replicate(docs, copies)
        collected = time.perf_counter()
        files = write_index(writer, docs, IndexFormat(), state.settings.workers)
        done = time.perf_counter()
    copy_theme_static(state.settings.theme_dir, writer)
    page = PageJob("search/index.html", "search.html", {"section": "search"})
    render_jobs([[page]], make_environment(state.settings), writer, templates_fingerprint(state.settings), 1)
    sizes = [p.stat().st_size for p in (state.settings.output_dir / "search").rglob("*") if p.is_file()]
    return {"documents": len(docs), "collect_s": round(collected - started, 2),
            "index_and_write_s": round(done - collected, 2),
            "total_s": round(done - started, 2), "records_per_s": round(len(docs) / (done - started)),
            "load_average": os.getloadavg()[0], "files": files,
            "total_mb": round(sum(sizes) / 1e6, 1), "largest_kb": round(max(sizes) / KB, 1),
            "files_over_1mb": sum(1 for s in sizes if s > 1_000_000)}, docs


def pick_queries(docs, count: int, seed: int = 20261123) -> list[str]:  # noqa: ANN001
    """2-6 character substrings of the records' own CJK text, plus the cases the issue names."""
    from gongshi.search.analyzer import searchable_text

    rng = random.Random(seed)
    queries = ["江临市", "督管", "食品经营", "罚款", "有限公司"]
    while len(queries) < count:
        text = searchable_text(rng.choice(docs).fields)
        runs = re.findall(r"[\u4e00-\u9fff]{2,}", text)
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        if run[start:start + size] not in queries:
            queries.append(run[start:start + size])
    return queries


def reference(docs, query: str) -> list[int]:  # noqa: ANN001
    """Plain substring matching over the normalised text of the first len(docs) records."""
    from gongshi.search.analyzer import normalise

    needle = normalise(query)
    return [n for n, text in enumerate(REFERENCE_TEXTS[:len(docs)]) if needle in text]


def ranked(docs, query: str, numbers: list[int]) -> list[int]:  # noqa: ANN001
    """`numbers` (results of the query) ranked as searchAll and `gongshi search` rank them."""
    from gongshi.search.analyzer import query_parts
    from gongshi.search.documents import rank_key

    parts = query_parts(query)
    return sorted(numbers, key=lambda n: rank_key(docs[n], parts, n))


REFERENCE_TEXTS: list[str] = []


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class Traffic:
    def __init__(self) -> None:
        self.responses: list = []

    def watch(self, page) -> None:  # noqa: ANN001
        page.on("requestfinished", lambda request: self.responses.append(request))

    def take(self) -> tuple[int, list[tuple[str, int]]]:
        items = []
        for request in self.responses:
            sizes = request.sizes()
            items.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        self.responses = []
        return sum(size for _, size in items), items


def browser_figures(base: str, queries: list[str], docs, full_limit: int) -> dict:  # noqa: ANN001
    from playwright.sync_api import sync_playwright

    figures: dict = {"later_query_kb": [], "cached_ms": [], "first_page_exact": 0, "full_checked": 0,
                     "full_exact": 0, "mismatches": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
        page = context.new_page()
        traffic = Traffic()
        traffic.watch(page)
        app = page.locator("#search-app")

        def submit(query: str) -> None:
            page.fill("#search-q", query)
            page.evaluate("document.getElementById('search-app').removeAttribute('data-elapsed-ms')")
            page.click("form.search-form button")
            page.wait_for_selector("#search-app[data-elapsed-ms]", timeout=120_000)

        def first_page() -> list[str]:
            return page.evaluate("""() => [...document.querySelectorAll('.search-result__title a')]
                .map(a => { const u = new URL(a.href); return decodeURI(u.pathname + u.hash).slice(1); })""")

        page.goto(f"{base}/search/?q={quote(queries[0])}")
        page.wait_for_selector("#search-app[data-elapsed-ms]", timeout=120_000)
        total, items = traffic.take()
        figures["first_query_kb"] = round(total / KB, 1)
        figures["first_query_files"] = len(items)
        figures["first_query_script_kb"] = round(sum(s for u, s in items if u.endswith(".js")) / KB, 1)
        figures["first_query_elapsed_ms"] = float(app.get_attribute("data-elapsed-ms"))
        for number, query in enumerate(queries):
            if number:
                submit(query)
                total, _ = traffic.take()
                figures["later_query_kb"].append(round(total / KB, 1))
                figures.setdefault("later_query_bytes_by_query", {})[query] = total
            submit(query)  # again: every file already fetched
            traffic.take()
            figures["cached_ms"].append(float(app.get_attribute("data-elapsed-ms")))
            expected = reference(docs, query)
            urls = [docs[n].url for n in expected]
            ranked_urls = [docs[n].url for n in ranked(docs, query, expected)]
            shown = first_page()
            # (the page ranks every result when it verified them all at once, else lists by number)
            page_urls = ranked_urls if app.get_attribute("data-ranked") == "all" else urls
            if shown == [_unquote(u) for u in page_urls[:10]]:
                figures["first_page_exact"] += 1
            else:
                figures["mismatches"].append(query)
            if len(expected) <= full_limit:
                found = page.evaluate("q => GongshiSearch.searchAll('/search/', q)", query)
                traffic.take()  # not a user's query: kept out of the next query's bytes
                figures["full_checked"] += 1
                figures["full_exact"] += found == [_unquote(u) for u in ranked_urls]
                if found != [_unquote(u) for u in ranked_urls]:
                    figures["mismatches"].append(query)
        browser.close()
    later = figures["later_query_kb"]
    figures["later_query_kb_max"] = max(later) if later else 0
    figures["later_query_kb_median"] = statistics.median(later) if later else 0
    figures["cached_ms_max"] = max(figures["cached_ms"])
    figures["cached_ms_median"] = statistics.median(figures["cached_ms"])
    figures["queries"] = len(queries)
    return figures


def _unquote(url: str) -> str:
    from urllib.parse import unquote

    return unquote(url)


def python_exactness(output: Path, docs, queries: list[str], limit: int = 0) -> dict:  # noqa: ANN001
    """Every result of every query (with at most `limit` matches, when given), read from the
    files with the reader the tests use."""
    from tests.search.test_index import StaticIndex

    files = _LazyFiles(output)
    index = StaticIndex(files)
    found_total = expected_total = hits = 0
    checked = 0
    for query in queries:
        expected = set(reference(docs, query))
        if limit and len(expected) > limit:
            continue
        checked += 1
        found = set(index.search(query))
        found_total += len(found)
        expected_total += len(expected)
        hits += len(found & expected)
    return {"queries": checked, "results": found_total, "expected": expected_total,
            "recall": round(hits / expected_total, 6) if expected_total else 1.0,
            "precision": round(hits / found_total, 6) if found_total else 1.0}


class _LazyFiles(dict):
    def __init__(self, output: Path) -> None:
        super().__init__()
        self.output = output

    def __missing__(self, key: str) -> bytes:
        data = (self.output / key).read_bytes()
        self[key] = data
        return data


# -- Pagefind ------------------------------------------------------------------------------------
PAGEFIND_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><dl>{fields}</dl></main></body></html>
"""
PAGEFIND_SEARCH = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>search</title></head>
<body><script type="module">
window.pagefindReady = import("/pagefind/pagefind.js").then(async pf => { await pf.init(); window.pf = pf; });
window.runQuery = async (q, all) => {
  const t0 = performance.now();
  const search = await window.pf.search(q);
  const take = all ? search.results : search.results.slice(0, 10);
  const data = await Promise.all(take.map(r => r.data()));
  return {count: search.results.length, urls: data.map(d => d.url), ms: performance.now() - t0};
};
</script></body></html>
"""


def pagefind(work: Path, docs, pages: int, queries: list[str], full_limit: int) -> dict:  # noqa: ANN001
    from html import escape

    from gongshi.search.documents import REGISTRY

    target = work / "pagefind-pip"
    if not (target / "pagefind").is_dir():
        code = subprocess.call([sys.executable, "-m", "pip", "install", "-q", "--target", str(target),
                                "pagefind[extended]"])
        if code:
            return {"skipped": "pip install 'pagefind[extended]' failed"}
    site = work / f"pagefind-site-{pages}"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    subset = docs[:pages]
    for number, doc in enumerate(subset):
        labels = REGISTRY[doc.dataset].fields
        fields = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in zip(labels, doc.fields))
        folder = site / "d" / str(number)
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(PAGEFIND_PAGE.format(title=escape(doc.fields[0]), fields=fields), "utf-8")
    (site / "search.html").write_text(PAGEFIND_SEARCH, "utf-8")
    rss = work / "pagefind.rss"
    started = time.perf_counter()
    code = subprocess.call(["/usr/bin/time", "-v", "-o", str(rss), sys.executable, "-m", "pagefind_bin_extended",
                            "--site", str(site), "--glob", "d/**/*.html"],
                           env={**os.environ, "PYTHONPATH": str(target)}, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if code:
        return {"skipped": f"pagefind exited with {code}"}
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", rss.read_text())
    figures: dict = {"pages": pages, "index_s": round(seconds, 1),
                     "peak_rss_mb": round(int(peak.group(1)) / 1024) if peak else None,
                     "later_query_kb": [], "recall_sum": 0.0, "precision_sum": 0.0, "checked": 0}
    texts = REFERENCE_TEXTS[:pages]
    server, base = serve(site)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context().new_page()
            traffic = Traffic()
            traffic.watch(page)
            page.goto(f"{base}/search.html")
            page.evaluate("window.pagefindReady")
            for number, query in enumerate(queries):
                answer = page.evaluate("([q, all]) => window.runQuery(q, all)", [query, False])
                total, _ = traffic.take()
                if number == 0:
                    figures["first_query_kb"] = round(total / KB, 1)
                else:
                    figures["later_query_kb"].append(round(total / KB, 1))
                expected = {n for n, text in enumerate(texts) if query in text}
                if len(expected) <= full_limit and answer["count"] <= full_limit:
                    urls = page.evaluate("([q, all]) => window.runQuery(q, all)", [query, True])["urls"]
                    traffic.take()
                    found = {int(u.split("/")[2]) for u in urls}
                    figures["checked"] += 1
                    figures["recall_sum"] += len(found & expected) / len(expected) if expected else 1.0
                    figures["precision_sum"] += len(found & expected) / len(found) if found else 1.0
                figures.setdefault("counts", []).append([query, len(expected), answer["count"]])
            browser.close()
    finally:
        server.shutdown()
    later = figures.pop("later_query_kb")
    figures["later_query_kb_max"] = max(later) if later else 0
    figures["later_query_kb_median"] = statistics.median(later) if later else 0
    checked = figures.pop("checked")
    figures["recall"] = round(figures.pop("recall_sum") / checked, 3) if checked else None
    figures["precision"] = round(figures.pop("precision_sum") / checked, 3) if checked else None
    figures["queries_checked"] = checked
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalties", type=int, default=100_000)
    parser.add_argument("--officers", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--full-limit", type=int, default=1000,
                        help="check every result in the browser for queries with at most this many matches")
    parser.add_argument("--pagefind-pages", type=int, default=50_000,
                        help="Pagefind, and gongshi again, on the first N documents (0: neither)")
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--python-limit", type=int, default=0,
                        help="Python reader: only queries with at most this many matches (0: all)")
    parser.add_argument("--replicate", type=int, default=0,
                        help="add N copies of every record (own keys, earlier dates): 1M records from 100k feeds")
    parser.add_argument("--index-runs", type=int, default=3,
                        help="build the index this many times (each into an empty output); the fastest is reported")
    parser.add_argument("--whoosh", action="store_true", help="also time a first whoosh sync of every document")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"penalties": args.penalties, "officers": args.officers}

    started = time.perf_counter()
    feeds = generate_feeds(args.work, args.penalties, args.officers)
    results["feeds_generate_s"] = round(time.perf_counter() - started, 1)
    output = args.work / f"search-out-{args.penalties}{f'x{args.replicate + 1}' if args.replicate else ''}"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.parent / (output.name + "-cache"), ignore_errors=True)
    started = time.perf_counter()
    state = public_tables(feeds, output)
    results["data_stages_s"] = round(time.perf_counter() - started, 1)
    runs = []
    for _ in range(args.index_runs):  # each into an empty output, through a new writer
        shutil.rmtree(output, ignore_errors=True)
        state.writer = None
        runs.append(build_index(state, args.replicate))
    results["index"], docs = min(runs, key=lambda run: run[0]["total_s"])
    results["index"]["runs_total_s"] = [run[0]["total_s"] for run in runs]
    del runs
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(results["index"], ensure_ascii=False), flush=True)
    del state

    from gongshi.search.analyzer import searchable_text

    REFERENCE_TEXTS.extend(searchable_text(d.fields) for d in docs)
    queries = pick_queries(docs, args.queries)
    results["query_list"] = queries
    started = time.perf_counter()
    results["python_exactness"] = python_exactness(output, docs, queries, args.python_limit)
    results["python_exactness"]["seconds"] = round(time.perf_counter() - started, 1)
    print("python reader:", json.dumps(results["python_exactness"]), flush=True)
    if not args.skip_browser:
        server, base = serve(output)
        try:
            results["browser"] = browser_figures(base, queries, docs, args.full_limit)
        finally:
            server.shutdown()
        print("browser:", json.dumps({k: v for k, v in results["browser"].items()
                                      if k not in ("later_query_kb", "cached_ms")}, ensure_ascii=False), flush=True)
    if args.whoosh:
        from gongshi.search import staff

        started = time.perf_counter()
        staff.sync(output.parent / "whoosh-cache", docs)
        results["whoosh_first_sync_s"] = round(time.perf_counter() - started, 1)
        print("whoosh first sync:", results["whoosh_first_sync_s"], "s", flush=True)
    pages = min(args.pagefind_pages, len(docs))
    if args.pagefind_pages and not args.skip_browser:  # gongshi on the very pages Pagefind indexes
        same = args.work / f"search-out-first-{pages}"
        write_site_index(docs[:pages], same)
        server, base = serve(same)
        try:
            figures = browser_figures(base, queries, docs[:pages], args.full_limit)
        finally:
            server.shutdown()
        results["browser_same_pages_as_pagefind"] = {k: v for k, v in figures.items() if k in (
            "first_query_kb", "later_query_kb_max", "later_query_kb_median", "first_page_exact", "full_checked",
            "full_exact", "cached_ms_max", "queries")}
        print(f"gongshi on the first {pages}:", json.dumps(results["browser_same_pages_as_pagefind"]), flush=True)
    if not args.skip_pagefind:
        results["pagefind"] = pagefind(args.work, docs, pages, queries, args.full_limit)
        print("pagefind:", json.dumps({k: v for k, v in results["pagefind"].items() if k != "counts"},
                                      ensure_ascii=False), flush=True)
    out = args.work / f"search-results-{args.penalties}{f'x{args.replicate + 1}' if args.replicate else ''}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"figures: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
