"""Keeping Python's cyclic garbage collector out of the way of allocation-heavy work.

Building the search index makes a few hundred thousand small tuples and lists that hold no
reference cycles; reference counting frees them all. While they pile up, the cyclic collector
runs over and over and scans every one of them again (benchmarks/README.md has the figures).
Nothing is lost by pausing it: the section is bounded, and a collection runs when it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)  # the young generation only: the section's survivors are long-lived


@contextmanager
def frozen_for_workers() -> Iterator[None]:
    """Forked workers inherit the parent's heap (the public tables, the jobs): frozen, the
    collector in each worker leaves it alone instead of scanning it again and again, and does
    not touch (and so copy) its memory pages."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
