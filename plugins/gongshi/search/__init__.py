"""Search stage: the static sharded index the browser searches, and the documents whoosh
indexes for staff (DESIGN.md, Search).

Only the public tables reach here, with the schedule's states: penalty decisions in their
publication window, officers with their status, agencies and power items. What each dataset
contributes is a builder in `documents.py`; the browser index is `index.py` (format:
FORMAT.md); whoosh is `staff.py`; the analyzer all three share is `analyzer.py`.
"""

from __future__ import annotations

import time

from ..pages.render import PageJob, make_environment, render_jobs, templates_fingerprint
from .documents import REGISTRY, DocType, SearchDoc, collect, register_dataset
from .index import IndexFormat, index_files
from .staff import save_docs

__all__ = ["REGISTRY", "DocType", "IndexFormat", "SearchDoc", "collect", "register", "register_dataset", "run"]


def run(state) -> None:  # noqa: ANN001 - BuildState
    started = time.perf_counter()
    docs = collect(state.public)
    writer = state.open_writer()
    files = 0
    for relpath, data in index_files(docs, IndexFormat()):
        writer.write(relpath, data)
        files += 1
    settings = state.settings
    page = PageJob("search/index.html", "search.html", {"section": "search"})
    render_jobs([[page]], make_environment(settings), writer, templates_fingerprint(settings), 1)
    save_docs(settings.cache_dir, docs)  # for whoosh (gongshi search), never published
    state.facts["search"] = {"documents": len(docs), "files": files,
                             "records_per_second": round(len(docs) / max(time.perf_counter() - started, 1e-9))}


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("search", run)
