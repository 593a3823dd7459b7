"""Rendering page jobs with the theme's Jinja environment, in parallel, skipping fresh ones.

A `PageJob` is a path, a template and a plain-data context. Its fingerprint (templates +
site globals + context) decides whether it must be rendered at all (see `output.py`). A
`JobGroup` names many pages made from the same inputs: when the inputs' fingerprint is the last
build's, the whole group is kept without making a single context.
Large batches are rendered by a pool of forked processes; each renders, gates and writes its
pages and sends back only the manifest entries.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import multiprocessing
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..gcpause import frozen_for_workers, paused_gc
from ..output import Entry, OutputWriter, content_hash, write_if_changed
from ..privacy.gate import PrivacyGate
from ..settings import GongshiSettings
from .qr import qr_svg, qr_svgs
from .shapecheck import ShapeTemplateError, check_template, declared_shapes
from .skeleton import CheckedHtml, Flat, ShapeRenderer, token_free_ends

PARALLEL_THRESHOLD = 2000  # below this, forking costs more than it saves
CHUNK_SIZE = 500


@dataclass(frozen=True)
class LazyJobs:
    """Page jobs made on demand from records, in whichever process renders them: the parent
    does not build 100,000 contexts before the pool starts, and no job is pickled."""

    records: Sequence[Any]  # what `make` makes a page of: a table row, a page's description...
    make: Callable[[Any], PageJob]

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, window: slice) -> list[PageJob]:
        if not isinstance(window, slice):
            raise TypeError("LazyJobs are taken in slices (jobs[start:end])")
        return [self.make(record) for record in self.records[window]]

    def __iter__(self) -> Iterator[PageJob]:
        return (self.make(record) for record in self.records)


@dataclass(frozen=True)
class JobGroup:
    """Pages made together from the same inputs (e.g. every decision page from the penalties
    table). `key` fingerprints those inputs (`fingerprint.inputs_fingerprint`: the tables, the
    settings and the day if the pages use them); `jobs` is called only when the group is not
    fresh, and its pages are then fingerprinted and written one by one as usual."""

    name: str
    key: str
    jobs: Callable[[], Sequence[PageJob]]


@dataclass(frozen=True)
class PageJob:
    relpath: str  # file under output/, e.g. "officers/339900010000001/index.html"
    template: str
    context: dict[str, Any]
    # False for pages that any change shifts (a listing, newest first: one new decision moves
    # every row of its pages down), whose fingerprint would cost more than it ever saves.
    fingerprinted: bool = True

    def __post_init__(self) -> None:
        # The page's own path (officers/1/index.html -> officers/1/), which a printout carries
        # (base.html) — a value of the page like any other, so rendering by shape keeps it.
        self.context.setdefault("page_path", page_path(self.relpath))


def page_path(relpath: str) -> str:
    """The URL path (below the site root) at which a file under output/ is served."""
    return relpath.removesuffix("index.html") if relpath.endswith(("/index.html", "index.html")) else relpath


def site_globals(settings: GongshiSettings) -> dict[str, Any]:
    """What every template may use. Nothing here may change from one day to the next
    (the build date is passed only to the pages that show it), or every page would change.
    The datasets are the build's: the built-in ones and a region's own schemas."""
    datasets = _build_datasets(settings)
    return {
        "site": {"name": settings.sitename, "root": settings.site_root,
                 "url": settings.siteurl, "operator": settings.operator, "complaint_line": settings.complaint_line},
        # Labels of each dataset's columns, for templates that show a record's fields: a page
        # context then holds the values only (a label is the same on every page).
        # (A column whose label depends on the record, labelIf, has its other label under
        # Column.conditional_key: 经营者 for a 个体工商户's 法定代表人.)
        "field_labels": {name: {c.key: c.display_label for c in dataset.columns}
                         | {c.conditional_key: c.label_if[2] for c in dataset.columns if c.label_if}
                         for name, dataset in datasets.items()},
        # The menu entries of the datasets published from their schema (key, href, label).
        "schema_sections": [(d.name, d.url_folder + "/", d.nav_label or d.title) for d in datasets.values()
                            if not d.publisher],
    }


def _build_datasets(settings: GongshiSettings) -> dict:
    from ..feeds.datasets import DATASETS, datasets_for
    from ..feeds.schemafile import SchemaError

    try:
        return datasets_for(settings.feeds_dir)
    except SchemaError:  # (the feeds stage reports it and stops the build)
        return DATASETS


def dataset_markup(datasets: dict, settings: GongshiSettings, name: str) -> Markup:
    """A `<script type="application/ld+json">` describing dataset `name` as a schema.org
    Dataset with its downloads, for search engines' dataset search. Nothing in it changes with
    the day (the page would change every day)."""
    dataset = datasets[name]
    base = settings.siteurl + settings.site_root
    publisher = {"@type": "GovernmentOrganization", "name": settings.operator}
    document = {
        "@context": "https://schema.org", "@type": "Dataset", "name": dataset.title,
        "description": dataset.description or dataset.title, "inLanguage": "zh-CN", "isAccessibleForFree": True,
        "creator": publisher, "publisher": publisher,
        "includedInDataCatalog": {"@type": "DataCatalog", "name": settings.sitename, "url": base + "datapackage.json"},
        "distribution": [{"@type": "DataDownload", "encodingFormat": media, "contentUrl": f"{base}downloads/{name}.{ext}"}
                         for ext, media in (("csv", "text/csv"), ("json", "application/json"))],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")  # (no </script> inside)
    return Markup(f'<script type="application/ld+json">{text}</script>')


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
    env.globals["each"] = functools.partial(render_each, env)
    # schema.org Dataset markup for a dataset's own page, from its schema (what it reads is in
    # the settings, which the pages' fingerprints hold).
    env.globals["dataset_markup"] = functools.partial(dataset_markup, _build_datasets(settings), settings)
    # Which templates are rendered by shape: declared in each, and refused with the template's
    # line if one branches on a value it does not declare (or none: GONGSHI_RENDER_BY_SHAPE).
    shapes = declared_shapes(env) if settings.render_by_shape else {}
    problems = [problem for name, keys in sorted(shapes.items()) for problem in check_template(env, name, keys)]
    if problems:
        raise ShapeTemplateError(problems)
    env.globals["shape_templates"] = shapes
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
        "labelled": labelled,
    }


def labelled(values: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """`{{ summary_list(labelled(fields, field_labels.penalties)) }}`: {key: value} as the
    [{label, value}] rows summary_list takes."""
    return [{"label": labels[key], "value": value} for key, value in values.items()]


def templates_fingerprint(settings: GongshiSettings) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted((settings.theme_dir / "templates").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(site_globals(settings), sort_keys=True).encode())
    return digest.hexdigest()


def job_fingerprint(job: PageJob, base: str) -> str:
    # pickle is deterministic for the plain data contexts are built from (same keys in the same
    # order, str/int/bool values) and faster than json.dumps.
    digest = hashlib.blake2b(f"{base}\0{job.template}\0".encode(), digest_size=16)
    digest.update(pickle.dumps(job.context, protocol=5))
    return digest.hexdigest()


def shape_templates(env: Environment) -> dict[str, frozenset[str]]:
    """The templates rendered by shape (skeleton.py) -> the values they branch on: those whose
    first line declares it (pages.shapecheck), checked when the environment is made."""
    return env.globals["shape_templates"]


_shape_renderers: dict[tuple[int, str, int], ShapeRenderer] = {}  # (env, template, gate)


def render_job(env: Environment, job: PageJob) -> bytes:
    return render_many(env, [job])[0]


def render_many(env: Environment, jobs: Sequence[PageJob]) -> list[bytes]:
    """Pages in order; runs of one template rendered by shape go to its renderer together, so
    their QR codes are encoded as one batch. (The build's own path, which also fingerprints and
    gates each page, is `_process`.)"""
    pages: list[bytes] = []
    for template, group in itertools.groupby(jobs, key=lambda job: job.template):
        run = list(group)
        branch_keys = shape_templates(env).get(template)
        if branch_keys is None:
            pages += [env.get_template(template).render(job.context).encode("utf-8") for job in run]
        else:
            pages += _shape_renderer(env, template, branch_keys).render_many([job.context for job in run])
    return pages


def _shape_renderer(env: Environment, template: str, branch_keys: frozenset[str],
                    gate: PrivacyGate | None = None) -> ShapeRenderer:
    renderer = _shape_renderers.get((id(env), template, id(gate)))
    if renderer is None:
        renderer = ShapeRenderer(env, template, branch_keys, qr_svgs, gate)
        _shape_renderers[(id(env), template, id(gate))] = renderer
    return renderer


def render_each(env: Environment, template: str, name: str, items: Sequence[Any]) -> Markup:
    """`{{ each("rows/penalty_row.html", "d", rows) }}` in a template: the row template once
    per item (given to it as `name`), by shape — a listing page's 50 rows cost 50 joins, not 50
    passes through Jinja. An item met again (one decision's row is listed by authority, year,
    violation and kind) is not rendered again: contexts are not changed once made, and the
    memo holds the item itself, so no other object can take its id while the build runs."""
    memo = _each_memo.setdefault((id(env), template, name), {})
    missing = [item for item in items if id(item) not in memo]
    if missing:
        branch_keys = shape_templates(env).get(template)
        if branch_keys is None:  # (rendering by shape is off)
            drawn = [env.get_template(template).render({name: item}) for item in missing]
        else:
            drawn = _shape_renderer(env, template, branch_keys).render_text([{name: item} for item in missing])
        for item, html in zip(missing, drawn):
            memo[id(item)] = (item, html)
    return Markup("".join([memo[id(item)][1] for item in items]))


_each_memo: dict[tuple[int, str, str], dict[int, tuple[Any, str]]] = {}  # (env, template, name) -> id -> (item, html)


@dataclass
class RowDrawer:
    """The rows of a long listing's tables, by key (`row_of(key)` is the row's context, given to
    `template` as `name`): each drawn by shape and passed through the privacy gate once per
    process, however many pages list it. A page's rows come back as one CheckedHtml, which the
    page's gate view then leaves out (skeleton.py): 12,000 listing pages of 50 rows are not
    scanned whole. Made, and its rows drawn (`draw`), before the render pool forks: each worker
    would otherwise draw nearly every row again (a decision is listed in four listings)."""

    env: Environment
    template: str  # a row template rendered by shape, e.g. "rows/penalty_row.html"
    name: str
    row_of: Callable[[Any], dict[str, Any]]
    gate: PrivacyGate | None = None
    # key -> html, and whether its ends are token-free (two dicts of untracked values: the
    # cyclic collector never walks them)
    _drawn: dict[Any, str] = field(default_factory=dict)
    _ends: dict[Any, bool] = field(default_factory=dict)
    _renderer: ShapeRenderer | None = None

    def __call__(self, path: str, keys: Sequence[Any]) -> Markup:
        """The rows of `keys`, in order; `path`: the page that shows them (named by a leak)."""
        self.draw(path, keys)
        html = "".join([self._drawn[key] for key in keys])
        if self.gate is not None and all([self._ends[key] for key in keys]):
            return CheckedHtml(html)
        return Markup(html)

    def draw(self, path: str, keys: Sequence[Any]) -> None:
        """Draw and gate the rows of `keys` not drawn yet."""
        missing = list(dict.fromkeys(key for key in keys if key not in self._drawn))
        if not missing:
            return
        contexts = [{self.name: self.row_of(key)} for key in missing]
        branch_keys = shape_templates(self.env).get(self.template)
        if branch_keys is None:  # (rendering by shape is off)
            template = self.env.get_template(self.template)
            rows: list[tuple[str, str | None]] = [(template.render(context), None) for context in contexts]
        else:
            if self._renderer is None:
                self._renderer = ShapeRenderer(self.env, self.template, branch_keys, qr_svgs, self.gate)
            renderer = self._renderer
            flats = [renderer.flatten(context) for context in contexts]
            rows = renderer.render_flat(flats, contexts, with_views=self.gate is not None)
        if self.gate is not None:  # all at once: a space keeps each row's tokens its own
            self.gate.check(path, " ".join([html if view is None else view for html, view in rows]).encode("utf-8"))
        for key, (html, _) in zip(missing, rows):
            self._drawn[key] = html
            self._ends[key] = token_free_ends(html)


# -- rendering: the same function in-process and in the pool's forked workers ----------------
@dataclass(frozen=True)
class _Batch:
    """What a worker needs; set before forking and inherited, so no job is ever pickled."""

    env: Environment
    gate: PrivacyGate
    output_dir: Path
    previous: dict[str, Entry]
    sources: list[Sequence[PageJob]]  # lists of jobs, or LazyJobs
    base_fingerprint: str
    fresh_output: bool  # see output.write_if_changed
    existing: frozenset[str]  # the output's files at the start of the build


_batch: _Batch | None = None


def _process(batch: _Batch, jobs: Sequence[PageJob]) -> list[tuple[str, str, str, str]]:
    """Fingerprint each job, skip the fresh ones, render the rest by runs of one template, gate
    and write: (path, hash, fingerprint, outcome) per job, in order. A page rendered by shape is
    fingerprinted from its flattened context, which its rendering then reuses."""
    results: list[tuple[str, str, str, str] | None] = []
    for template, group in itertools.groupby(jobs, key=lambda job: job.template):
        run = list(group)
        branch_keys = shape_templates(batch.env).get(template)
        renderer = _shape_renderer(batch.env, template, branch_keys, batch.gate) if branch_keys is not None else None
        stale: list[tuple[int, PageJob, str, Entry | None, Flat]] = []
        for job in run:
            flat = renderer.flatten(job.context) if renderer is not None else None
            fingerprint = ("" if not job.fingerprinted
                           else renderer.fingerprint(flat, batch.base_fingerprint) if flat is not None  # type: ignore[union-attr]
                           else job_fingerprint(job, batch.base_fingerprint))
            previous = batch.previous.get(job.relpath)
            if (fingerprint and previous is not None and previous.fingerprint == fingerprint
                    and job.relpath in batch.existing):
                results.append((job.relpath, previous.hash, fingerprint, "skipped"))
            else:
                stale.append((len(results), job, fingerprint, previous, flat))
                results.append(None)
        contexts = [job.context for _, job, _, _, _ in stale]
        if renderer is None:
            pages = [(batch.env.get_template(template).render(context).encode("utf-8"), None) for context in contexts]
        else:
            pages = renderer.render_for_gate(contexts, [flat for *_, flat in stale])
        # The run's pages pass the gate together (what none of them has shown before is read in
        # one go), then are written: a leak in any of them stops the run before its first write.
        batch.gate.check_many([(job.relpath, page, view) for (_, job, *_), (page, view) in zip(stale, pages)])
        for (index, job, fingerprint, previous, _), (page, _) in zip(stale, pages):
            digest = content_hash(page)
            written = write_if_changed(batch.output_dir, job.relpath, page, digest, previous, batch.fresh_output)
            results[index] = (job.relpath, digest, fingerprint, "written" if written else "unchanged")
    return results  # type: ignore[return-value]  # every None was filled


_Results = tuple[int, list[tuple[str, str, str, str]]]  # source index, (path, hash, fingerprint, outcome)


def _process_range(window: tuple[int, int, int]) -> _Results:
    assert _batch is not None  # in a forked worker
    return _process_range_with(_batch, window)


def render_jobs(sources: list[Sequence[PageJob] | JobGroup], env: Environment, writer: OutputWriter,
                base_fingerprint: str, workers: int, meanwhile: Callable[[], None] | None = None) -> None:
    """`meanwhile`: other work of this process, done while the pool renders (this process
    would otherwise only wait for the pool's results)."""
    global _batch
    _shape_renderers.clear()  # skeletons belong to one build's templates
    _each_memo.clear()
    jobs: list[Sequence[PageJob]] = []
    groups: dict[int, tuple[str, str]] = {}  # index in jobs -> (group name, key)
    for source in sources:
        if isinstance(source, JobGroup):
            key = hashlib.blake2b(f"{base_fingerprint}\0{source.key}".encode(), digest_size=16).hexdigest()
            if writer.keep_fresh_group(source.name, key):
                continue
            groups[len(jobs)] = (source.name, key)
            source = source.jobs()
        jobs.append(source)
    batch = _Batch(env, writer.gate, writer.output_dir, writer.previous, jobs, base_fingerprint,
                   writer.fresh_output, writer.files_at_start)
    total = sum(len(source) for source in jobs)
    ranges = [(index, start, min(start + CHUNK_SIZE, len(source)))
              for index, source in enumerate(jobs) for start in range(0, len(source), CHUNK_SIZE)]
    if workers <= 1 or total < PARALLEL_THRESHOLD:
        files = _record_all(writer, (_process_range_with(batch, window) for window in ranges))
        if meanwhile is not None:
            meanwhile()
    else:
        _batch = batch
        try:
            with frozen_for_workers(), multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.imap(_process_range, ranges)  # (the workers start now)
                if meanwhile is not None:
                    meanwhile()
                files = _record_all(writer, results)
        finally:
            _batch = None
    for index, (name, key) in groups.items():
        writer.record_group(name, key, files.get(index, []))


def _process_range_with(batch: _Batch, window: tuple[int, int, int]) -> _Results:
    source, start, end = window
    with paused_gc():  # (a chunk's contexts and pages hold no cycles; see gcpause.py)
        return source, _process(batch, batch.sources[source][start:end])


def _record_all(writer: OutputWriter, batches: Iterable[_Results]) -> dict[int, list[str]]:
    """Record every page in the writer; returns the paths made from each source, in order."""
    files: dict[int, list[str]] = {}
    for source, results in batches:
        paths = files.setdefault(source, [])
        for relpath, digest, fingerprint, outcome in results:
            if relpath in writer.produced:
                raise ValueError(f"两个页面写入同一路径：{relpath}")
            writer.record(relpath, Entry(digest, fingerprint), outcome)
            paths.append(relpath)
    return files
