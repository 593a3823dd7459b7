"""Pausing Python's cyclic garbage collector around allocation-heavy work.

Building the search index makes a few hundred thousand small tuples and lists that hold no
reference cycles; reference counting frees them all. While they pile up, the cyclic collector
runs over and over and scans every one of them again (measured on 92,660 documents: collecting
them 0.97 s -> 0.72 s, the postings 3.3 s -> 2.0 s with the collector paused). Nothing is lost by
pausing it: the section is bounded, and a collection runs when it ends.
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
