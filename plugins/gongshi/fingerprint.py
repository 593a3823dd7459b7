"""Fingerprints of a build's inputs: tables, settings, the code itself.

A group of output files (all decision pages, the Atom feeds...) made by code from some tables
is fresh when the code, the settings and those tables are what they were at the last build:
then none of its files needs to be made again, not even its page contexts (see `output.py`,
`OutputWriter.fresh_group`). These fingerprints are cheap next to making the files
(benchmarks/README.md has the figures).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> str:
    """This package's source (its built-in schema files included) and the versions of the
    libraries that shape its output."""
    from importlib.metadata import version

    digest = hashlib.blake2b(digest_size=16)
    digest.update(" ".join(f"{name} {version(name)}" for name in ("pandas", "jinja2", "markupsafe")).encode())
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("schemas/*.json")]):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def frame_fingerprint(frame: pd.DataFrame, column_digests: list[bytes] | None = None) -> str:
    """Column names, types and every value, in order (row order shapes listings).
    `column_digests`: column_digest of each column, if already made (frame_fingerprints)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(pickle.dumps([(str(c), str(t)) for c, t in frame.dtypes.items()], protocol=5))
    digest.update(len(frame).to_bytes(8, "little"))
    for value in column_digests if column_digests is not None else map(column_digest, _columns(frame)):
        digest.update(value)
    return digest.hexdigest()


def frame_fingerprints(frames: dict[str, pd.DataFrame], workers: int) -> dict[str, str]:
    """frame_fingerprint of many tables, their columns hashed by two processes when there are
    cores for it: the build waits for these before its output stages start, with nothing else
    to do."""
    columns = [(name, column) for name, frame in frames.items() for column in _columns(frame)]
    if workers < 2 or sum(len(frame) for frame in frames.values()) < PARALLEL_ROWS:
        digests = [column_digest(column) for _, column in columns]
    else:
        from .forked import Forked

        aside = Forked.start("fingerprints", _column_digests, [column for _, column in columns[1::2]])
        here = _column_digests([column for _, column in columns[0::2]])
        digests = [b""] * len(columns)
        digests[0::2], digests[1::2] = here, aside.result()
    by_table: dict[str, list[bytes]] = {name: [] for name in frames}
    for (name, _), value in zip(columns, digests):
        by_table[name].append(value)
    return {name: frame_fingerprint(frame, by_table[name]) for name, frame in frames.items()}


PARALLEL_ROWS = 50_000  # below this, forking costs more than it saves


def _columns(frame: pd.DataFrame) -> list[pd.Series]:
    return [frame.iloc[:, i] for i in range(frame.shape[1])]


def _column_digests(columns: list[pd.Series]) -> list[bytes]:
    return [column_digest(column) for column in columns]


def column_digest(column: pd.Series) -> bytes:
    return hashlib.blake2b(_column_bytes(column), digest_size=16).digest()


def _column_bytes(column: pd.Series) -> bytes:
    """A column as bytes that change with any value: a column of strings (most of them) as
    their lengths and their text, faster than hashing each value; any other
    column by hash_pandas_object, which hashes each value by type and content."""
    if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
        values = column.tolist()
        try:
            text = "".join(values)
        except TypeError:  # (not all strings: a blank cell as NaN, a number)
            pass
        else:
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
            return b"str\0" + lengths.tobytes() + text.encode("utf-8", "surrogatepass")
    return pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes()


def settings_fingerprint(settings: Any, *, with_today: bool) -> str:
    """Every setting, except the number of workers, the shrink guard's and whether pages are
    rendered by shape (same output) and,
    unless asked for, the day: pages that do not show anything that depends on the day skip a
    new day's build."""
    changes: dict[str, Any] = {"workers": 0, "shrink_share": 0.5, "allow_shrink": False, "render_by_shape": True}
    if not with_today:
        changes["today"] = None
    return hashlib.blake2b(repr(dataclasses.replace(settings, **changes)).encode(), digest_size=16).hexdigest()


def inputs_fingerprint(*parts: Any) -> str:
    """One fingerprint from tables (hashed by value) and plain data (pickled)."""
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    for part in parts:
        if isinstance(part, pd.DataFrame):
            digest.update(b"frame\0" + frame_fingerprint(part).encode())
        else:
            digest.update(b"data\0" + pickle.dumps(part, protocol=5))
    return digest.hexdigest()
