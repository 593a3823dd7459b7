"""Benchmark: the privacy stage alone, on feeds that already exist.

    python benchmarks/bench_privacy.py --feeds /dev/shm/pbench/pfeeds-200000 [--repeat 3] [--profile]

Runs the feeds stage once, then the privacy stage's `run` `--repeat` times on those raw tables (the
stage does not change them) and prints each time, the best, and penalty records per second of the
best (goal ≥ 50,000). `--profile` adds one run under cProfile (top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from gongshi import privacy
from gongshi.feeds import ProblemLog, load_feeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    raw = load_feeds(args.feeds, ProblemLog())
    print(f"feeds stage: {time.perf_counter() - started:.2f} s")
    records = len(raw["penalties"].frame)

    cache = Path(tempfile.mkdtemp(prefix="bench-privacy-"))

    def new_state() -> SimpleNamespace:
        return SimpleNamespace(raw=raw, facts={}, log=ProblemLog(), settings=SimpleNamespace(cache_dir=cache))

    def one_run() -> float:
        state = new_state()
        gc.collect()
        started = time.perf_counter()
        privacy.run(state)
        return time.perf_counter() - started

    times = [one_run() for _ in range(args.repeat)]
    for seconds in times:
        print(f"privacy stage: {seconds:.3f} s")
    best = min(times)
    print(f"best of {len(times)}: {best:.3f} s, {records / best:,.0f} penalty records/s ({records:,} records)")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(privacy.run, new_state())
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
