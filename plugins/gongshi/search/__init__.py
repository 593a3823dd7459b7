"""Search stage: the static sharded index the browser searches, and the documents whoosh
indexes for staff (DESIGN.md, Search).

Only the public tables reach here, with the schedule's states: penalty decisions in their
publication window, officers with their status, agencies and power items. What each dataset
contributes is a builder in `documents.py`; the browser index is `index.py` (format:
FORMAT.md); whoosh is `staff.py`; the analyzer all three share is `analyzer.py`.
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from collections.abc import Iterable

from ..fingerprint import inputs_fingerprint, settings_fingerprint
from ..gcpause import frozen_for_workers, paused_gc
from ..output import Entry, content_hash, write_if_changed
from ..pages.render import PageJob, make_environment, render_jobs, templates_fingerprint
from .documents import REGISTRY, DocType, SearchDoc, collect, register_dataset, register_schema_doctypes
from .index import IndexFormat, TermShards, build_postings, document_files, index_files, meta_file, type_runs
from .staff import docs_saved, save_docs

GROUP = "search:index"

__all__ = ["REGISTRY", "DocType", "IndexFormat", "SearchDoc", "collect", "index_files", "register_dataset", "run",
           "write_files", "write_index"]


def run(state) -> None:  # noqa: ANN001 - BuildState
    settings = state.settings
    started = time.perf_counter()
    writer = state.open_writer()
    page = PageJob("search/index.html", "search.html", {"section": "search"})
    render_jobs([[page]], make_environment(settings), writer, templates_fingerprint(settings), 1)
    register_schema_doctypes(table.dataset for table in state.public.tables.values())
    # The index is kept whole when the tables it is made from (with their states on the day),
    # the settings and the code are the last build's, and whoosh's copy of the documents exists.
    fmt = IndexFormat()
    key = inputs_fingerprint(*(state.table_fingerprint(name)
                               for name in sorted(REGISTRY) if name in state.public.tables),
                             settings_fingerprint(settings, with_today=False), fmt)
    if docs_saved(settings.cache_dir) and writer.keep_fresh_group(GROUP, key):
        state.facts["search"] = {"kept": True}
        return
    first = len(writer.produced)
    with paused_gc():
        docs = collect(state.public)
        files = write_index(writer, docs, fmt, settings.workers)
        save_docs(settings.cache_dir, docs)  # for whoosh (gongshi search), never published
    writer.record_group(GROUP, key, list(writer.produced)[first:])
    state.facts["search"] = {"documents": len(docs), "files": files,
                             "records_per_second": round(len(docs) / max(time.perf_counter() - started, 1e-9))}


# -- writing many index files: the gate and the disk in a pool of forked processes -------------
PARALLEL_THRESHOLD = 2000
_pending: list[tuple[str, bytes]] = []
_target: tuple | None = None
_index: tuple[list[SearchDoc], IndexFormat, TermShards | None] | None = None  # (plan: None until built)


def write_index(writer, docs: list[SearchDoc], fmt: IndexFormat, workers: int) -> int:  # noqa: ANN001
    """Every index file, gated and written; returns how many.

    A large index is made in two rounds of forked workers. First the stored-document files,
    which need only the documents, are made, gated and written by `workers - 1` processes while
    this one builds the postings (on 2 cores, a second worker would only take this process's
    core). Then `workers` processes make and write the term shards, a range of shards each (a
    shard's files depend on its own terms only). meta.json, which hashes every other file, comes
    last. Faster than building the postings before any file is written (benchmarks/README.md)."""
    global _target, _index
    chunks = -(-len(docs) // fmt.chunk)
    if workers <= 1 or chunks < PARALLEL_THRESHOLD:
        files = list(index_files(docs, fmt))
        write_files(writer, files, workers)
        return len(files)
    _target = (writer.gate, writer.output_dir, writer.previous, writer.fresh_output)
    _index = (docs, fmt, None)
    fork = multiprocessing.get_context("fork")
    try:
        with frozen_for_workers(), fork.Pool(max(1, workers - 1)) as pool:
            stored = pool.map_async(_write_part, [("d", numbers) for numbers in _ranges(chunks, 4 * workers)])
            plan = TermShards.plan(build_postings(docs, fmt), fmt)
            done = stored.get()
        _index = (docs, fmt, plan)
        with frozen_for_workers(), fork.Pool(workers) as pool:
            done += pool.map(_write_part, [("t", numbers) for numbers in _ranges(plan.shards, 4 * workers)])
    finally:
        _target = None
        _index = None
    hashes = []
    for results in done:
        for relpath, digest, outcome in results:
            writer.record(relpath, Entry(digest), outcome)
            hashes.append((relpath, digest))
    writer.write(*meta_file(len(docs), fmt, hashes, type_runs(docs)))
    return len(hashes) + 1


def _ranges(count: int, parts: int) -> list[range]:
    step = -(-count // parts)
    return [range(i, min(i + step, count)) for i in range(0, count, step)]


def _write_part(part: tuple[str, range]) -> list[tuple[str, str, str]]:
    """Stored-document files ("d") or term shards ("t") numbered in the range, gated and written."""
    assert _index is not None  # in a forked worker
    docs, fmt, plan = _index
    kind, numbers = part
    if kind == "d":
        files = document_files(docs, fmt, chunks=numbers)
    else:
        assert plan is not None
        files = plan.files(numbers)
    return _gate_and_write(files)


def gate_view(relpath: str, data: bytes) -> bytes | None:
    """What the privacy gate scans of an index file (None: all of it). A term shard's terms come
    from the records; its posting lists are numbers written as characters (FORMAT.md), in which
    any run of letters can occur — at 200,000 decisions one read like a WeChat ID and stopped the
    build. A block of postings holds nothing else."""
    if relpath.startswith("search/t/") and relpath.endswith(".json"):
        import json

        return "\n".join(json.loads(data)).encode("utf-8")
    if relpath.startswith("search/p/"):
        return b""
    return None


def write_files(writer, files: list[tuple[str, bytes]], workers: int) -> None:  # noqa: ANN001 - OutputWriter
    """Each file gated and written only if its bytes changed (OutputWriter.write), the work
    shared by `workers` processes for a large index; the parent records every file."""
    global _target
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        for relpath, data in files:
            writer.write(relpath, data, view=gate_view(relpath, data))
        return
    for relpath, _ in files:
        if relpath in writer.produced:
            raise ValueError(f"两个页面写入同一路径：{relpath}")
    _pending[:] = files
    _target = (writer.gate, writer.output_dir, writer.previous, writer.fresh_output)
    try:
        with frozen_for_workers(), multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_write_range, _ranges(len(files), 4 * workers)):
                for relpath, digest, outcome in results:
                    writer.record(relpath, Entry(digest), outcome)
    finally:
        _pending.clear()
        _target = None


def _write_range(window: range) -> list[tuple[str, str, str]]:
    return _gate_and_write(_pending[window.start:window.stop])


def _gate_and_write(files: Iterable[tuple[str, bytes]]) -> list[tuple[str, str, str]]:
    """(path, hash, outcome) of each file, gated in chunks (the gate reads what is new in many
    files at once; a leak stops the chunk before any of it is written), then written."""
    assert _target is not None  # in a forked worker
    gate, output_dir, previous, fresh_output = _target
    out = []
    files = iter(files)
    while chunk := list(itertools.islice(files, 500)):
        gate.check_many([(relpath, data, gate_view(relpath, data)) for relpath, data in chunk])
        for relpath, data in chunk:
            digest = content_hash(data)
            written = write_if_changed(output_dir, relpath, data, digest, previous.get(relpath), fresh_output)
            out.append((relpath, digest, "written" if written else "unchanged"))
    return out
