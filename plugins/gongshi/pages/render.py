"""Rendering page jobs with the theme's Jinja environment, in parallel, skipping fresh ones.

A `PageJob` is a path, a template and a plain-data context. Its fingerprint (templates +
site globals + context) decides whether it must be rendered at all (see `output.py`).
Large batches are rendered by a pool of forked processes; each renders, gates and writes its
pages and sends back only the manifest entries.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..output import Entry, OutputWriter, content_hash, write_if_changed
from ..privacy.gate import PrivacyGate
from ..settings import GongshiSettings
from .qr import qr_svg

PARALLEL_THRESHOLD = 2000  # below this, forking costs more than it saves
CHUNK_SIZE = 500


@dataclass(frozen=True)
class PageJob:
    relpath: str  # file under output/, e.g. "officers/339900010000001/index.html"
    template: str
    context: dict[str, Any]


def site_globals(settings: GongshiSettings) -> dict[str, Any]:
    """What every template may use. Nothing here may change from one day to the next
    (the build date is passed only to the pages that show it), or every page would change."""
    return {
        "site": {"name": settings.sitename, "root": settings.site_root,
                 "url": settings.siteurl, "operator": settings.operator},
    }


def make_environment(settings: GongshiSettings) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(settings.theme_dir / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, fixed templates: no stat() per render
    )
    env.globals.update(template_globals(settings))
    return env


def template_globals(settings: GongshiSettings) -> dict[str, Any]:
    root = settings.site_root
    origin = settings.siteurl.removesuffix(root.rstrip("/"))
    return {
        **site_globals(settings),
        "section": "",
        "url": lambda path="": root + path,
        "absolute_url": lambda path="": origin + root + path,
        "qr": lambda text, label: Markup(qr_svg(text, label)),
    }


def templates_fingerprint(settings: GongshiSettings) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted((settings.theme_dir / "templates").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(site_globals(settings), sort_keys=True).encode())
    return digest.hexdigest()


def job_fingerprint(job: PageJob, base: str) -> str:
    payload = json.dumps(job.context, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(f"{base}\0{job.template}\0{payload}".encode(), digest_size=16).hexdigest()


def render_job(env: Environment, job: PageJob) -> bytes:
    return env.get_template(job.template).render(job.context).encode("utf-8")


# -- the worker side of the pool; set before forking, inherited by the children ------------
_worker: tuple[Environment, PrivacyGate, Path, dict[str, Entry]] | None = None


def _render_chunk(chunk: list[tuple[PageJob, str]]) -> list[tuple[str, str, str, bool]]:
    assert _worker is not None
    env, gate, output_dir, previous = _worker
    results = []
    for job, fingerprint in chunk:
        data = render_job(env, job)
        gate.check(job.relpath, data)
        digest = content_hash(data)
        written = write_if_changed(output_dir, job.relpath, data, digest, previous.get(job.relpath))
        results.append((job.relpath, digest, fingerprint, written))
    return results


def render_jobs(jobs: Iterable[PageJob], env: Environment, writer: OutputWriter,
                base_fingerprint: str, workers: int) -> None:
    todo: list[tuple[PageJob, str]] = []
    for job in jobs:
        fingerprint = job_fingerprint(job, base_fingerprint)
        if not writer.is_fresh(job.relpath, fingerprint):
            todo.append((job, fingerprint))
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for job, fingerprint in todo:
            writer.write(job.relpath, render_job(env, job), fingerprint)
        return
    global _worker
    _worker = (env, writer.gate, writer.output_dir, writer.previous)
    chunks = [todo[i:i + CHUNK_SIZE] for i in range(0, len(todo), CHUNK_SIZE)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_render_chunk, chunks):
                for relpath, digest, fingerprint, written in results:
                    if relpath in writer.produced:
                        raise ValueError(f"两个页面写入同一路径：{relpath}")
                    writer.record(relpath, Entry(digest, fingerprint), written)
    finally:
        _worker = None
