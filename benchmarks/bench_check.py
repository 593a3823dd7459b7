"""Benchmark: `gongshi check` on a city's penalty decisions, as CSV and as XLSX.

    python benchmarks/bench_check.py [--penalties 200000] [--work /dev/shm/bench-check] [--skip-xlsx]

Generates the feeds once with samplegen (kept in <work> for the next run), copies them into a
second folder with penalties as one .xlsx (written with openpyxl in write-only mode, text cells, as
a staff export would be; not timed), then runs `gongshi check` in a child process on each and
prints its wall time and peak memory (the child's maximum resident set). Goals (issue 16):
CSV ≤ 5 s and ≤ 1 GB; XLSX ≤ 15 s.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path


def generate(work: Path, penalties: int) -> Path:
    feeds = work / f"csv-{penalties}"
    if not (feeds / "penalties.csv").is_file():
        shutil.rmtree(feeds, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "gongshi.samplegen", "--out", str(feeds), "--officers", "1000",
                        "--penalties", str(penalties), "--plain"], check=True)
    return feeds


def as_xlsx(feeds: Path, work: Path) -> Path:
    from openpyxl import Workbook

    target = work / (feeds.name.replace("csv", "xlsx"))
    if (target / "penalties.xlsx").is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(feeds, target)
    (target / "penalties.csv").unlink()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("行政处罚决定")
    with (feeds / "penalties.csv").open(encoding="utf-8-sig", newline="") as source:
        for row in csv.reader(source):
            sheet.append(row)
    book.save(target / "penalties.xlsx")
    return target


# The child reports its own peak (ru_maxrss of RUSAGE_CHILDREN would be the largest child so far,
# samplegen's included).
_CHILD = """
import resource, sys
from gongshi.cli import main
code = main(sys.argv[1:])
print("PEAK_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def timed_check(feeds: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one `gongshi check` in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, "check", "--feeds", str(feeds), "--today", "2026-11-23"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_KIB"))
    if done.returncode:
        print(done.stdout[-2000:], done.stderr[-2000:])
    return seconds, peak / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalties", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/bench-check"))
    parser.add_argument("--skip-xlsx", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    feeds = generate(args.work, args.penalties)
    seconds, peak, code = timed_check(feeds)
    print(f"check, penalties as CSV ({args.penalties:,} rows): {seconds:.2f} s, peak {peak:,.0f} MiB, exit {code}"
          f" (goal ≤ 5 s, ≤ 1024 MiB)")
    if not args.skip_xlsx:
        xlsx = as_xlsx(feeds, args.work)
        seconds, peak, code = timed_check(xlsx)
        print(f"check, penalties as XLSX ({args.penalties:,} rows): {seconds:.2f} s, peak {peak:,.0f} MiB, "
              f"exit {code} (goal ≤ 15 s)")


if __name__ == "__main__":
    main()
