"""The pipeline: stages in one fixed order, hosted by Pelican.

    feeds -> privacy -> schedule -> pages -> search -> opendata
                                       (search and opendata beside pages: background.py)

The stages are the `run(state)` functions of the six stage packages, named in `STAGE_RUNNERS`
below; no stage imports this module. Pelican loads this module as its one plugin (`register`)
and then drives one build: `initialized` creates the `BuildState`; our generator runs the data stages (feeds,
privacy, schedule) in `generate_context` and the output stages (pages, search, opendata) in
`generate_output`; Pelican's own writer (for the Markdown pages in content/) is replaced by one
that goes through the same gated, skip-unchanged `OutputWriter`; `finalized` scans files the
build did not write, prunes stale ones and saves the manifest.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from .feeds.problems import ProblemLog
from .output import FileListing, OutputWriter
from .privacy.gate import PrivacyGate, PrivacyLeak
from .settings import GongshiSettings

if TYPE_CHECKING:
    from .feeds import FeedTables
    from .forked import Forked
    from .privacy import PublicTables
    from .schedule import RebuildPlan, Timeliness, WorkCalendar

log = logging.getLogger("gongshi")

STAGE_ORDER = ("feeds", "privacy", "schedule", "pages", "search", "opendata")
DATA_STAGES = ("feeds", "privacy", "schedule")
CACHED_STAGES = ("feeds", "privacy")  # depend on the feed bytes only (datacache.py)
BACKGROUND_STAGES = ("search", "opendata")  # read only the BuildState: may run beside pages
StageFunction = Callable[["BuildState"], None]
_enabled: dict[str, StageFunction] = {}
_current: BuildState | None = None


@dataclass
class BuildState:
    settings: GongshiSettings
    log: ProblemLog = field(default_factory=ProblemLog)
    raw: FeedTables | None = None  # feeds -> privacy only
    public: PublicTables | None = None  # privacy -> everything after
    gate: PrivacyGate = field(default_factory=PrivacyGate)
    writer: OutputWriter | None = None
    calendar: WorkCalendar | None = None  # schedule -> everything after
    rebuild: RebuildPlan | None = None  # schedule -> opendata (rebuild.json)
    timeliness: Timeliness | None = None  # schedule -> pages (公开时效) and opendata (report)
    facts: dict[str, Any] = field(default_factory=dict)  # what stages tell the report
    listing: FileListing | None = None  # the output folder's files, listed beside the data stages
    cache_saver: Forked | None = None  # saving the feeds cache beside the schedule stage
    _fingerprints: dict[str, str] = field(default_factory=dict, repr=False)

    def feeds_fingerprint(self) -> str:
        """SHA-256 over the feed files' bytes (datacache key, rebuild.json), hashed once a build."""
        if "feeds" not in self._fingerprints:
            from .feeds.read import feeds_fingerprint

            self._fingerprints["feeds"] = feeds_fingerprint(self.settings.feeds_dir)
        return self._fingerprints["feeds"]

    def table_fingerprint(self, name: str) -> str:
        """Fingerprint of a public table as the output stages see it, hashed once a build.
        Only for use after the schedule stage: no stage changes the public tables after it."""
        key = "table:" + name
        if key not in self._fingerprints:
            from .fingerprint import frame_fingerprint

            assert self.public is not None
            self._fingerprints[key] = frame_fingerprint(self.public[name].frame)
        return self._fingerprints[key]

    def hash_tables(self) -> None:
        """table_fingerprint of every public table, at once (with both cores)."""
        from .fingerprint import frame_fingerprints

        if self.public is None:
            return
        frames = {name: self.public[name].frame for name in self.public.tables if "table:" + name not in self._fingerprints}
        for name, value in frame_fingerprints(frames, self.settings.workers).items():
            self._fingerprints["table:" + name] = value

    def open_writer(self) -> OutputWriter:
        if self.writer is None:
            self.writer = OutputWriter(self.settings.output_dir, self.settings.cache_dir, self.gate,
                                       listing=self.listing)
        return self.writer


# Each stage: the package whose run(state) it is.
STAGE_RUNNERS = {name: f"gongshi.{name}" for name in STAGE_ORDER}


def enable_stage(name: str, run: StageFunction) -> None:
    if name not in STAGE_ORDER:
        raise ValueError(f"unknown pipeline stage {name!r}; known: {STAGE_ORDER}")
    _enabled[name] = run
    _connect_once()


def register() -> None:
    """Pelican's plugin entry point: every stage, in order, and the signals that run them."""
    import importlib

    for name in STAGE_ORDER:
        enable_stage(name, importlib.import_module(STAGE_RUNNERS[name]).run)


def run_stages(state: BuildState, names: tuple[str, ...]) -> None:
    for name in STAGE_ORDER:
        if name in names and name in _enabled:
            started = time.perf_counter()
            _enabled[name](state)
            state.facts.setdefault("seconds", {})[name] = round(time.perf_counter() - started, 3)
            log.info("gongshi: stage %s took %.2f s", name, state.facts["seconds"][name])


def run_data_stages(state: BuildState) -> None:
    """feeds -> privacy -> schedule; the first two are loaded from the cache instead when the
    feed bytes, code and settings are the last build's (see datacache.py)."""
    from .gcpause import paused_gc

    # The stages make millions of objects that live as long as the build (cells, rows, tables)
    # and hardly any reference cycles: the cyclic collector would only scan them again and
    # again, for nothing (pausing it saves CPU and costs no peak memory).
    with paused_gc():
        _run_data_stages(state)


def _run_data_stages(state: BuildState) -> None:
    from . import datacache

    cacheable = all(name in _enabled for name in CACHED_STAGES)
    started = time.perf_counter()
    key = datacache.inputs_key(state) if cacheable else ""
    if cacheable and datacache.restore(state, key):
        state.facts.setdefault("seconds", {})["cached"] = round(time.perf_counter() - started, 3)
        log.info("gongshi: stages feeds and privacy loaded from the cache (same feeds) in %.2f s",
                 state.facts["seconds"]["cached"])
        run_stages(state, tuple(n for n in DATA_STAGES if n not in CACHED_STAGES))
        return
    run_stages(state, CACHED_STAGES)
    if cacheable:
        state.cache_saver = datacache.save_beside(state, key) if state.settings.workers > 1 else None
        if state.cache_saver is None:
            datacache.save(state, key)
    run_stages(state, tuple(n for n in DATA_STAGES if n not in CACHED_STAGES))


def run_output_stages(state: BuildState) -> None:
    """pages -> search -> opendata. With more than one worker, the stages that read only the
    BuildState run in forked processes while the pages stage renders (background.py)."""
    from .background import BackgroundStage

    names = tuple(n for n in STAGE_ORDER if n not in DATA_STAGES and n in _enabled)
    aside = [n for n in names if n in BACKGROUND_STAGES] if state.settings.workers > 1 else []
    if aside:
        state.hash_tables()  # every stage keys its groups by these: hash them once
        state.open_writer().files_at_start  # noqa: B018 - received here, once, not in each child
    started = [BackgroundStage.start(state, name, _enabled[name]) for name in aside]
    try:
        run_stages(state, tuple(n for n in names if n not in aside))
    except BaseException:
        for stage in started:
            stage.stop()
        raise
    outcomes = [stage.result() for stage in started]
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    for outcome in outcomes:
        outcome.merge_into(state)
        log.info("gongshi: stage %s took %.2f s (alongside pages)", outcome.name,
                 state.facts["seconds"][outcome.name])


def current_state() -> BuildState:
    if _current is None:
        raise RuntimeError("no gongshi build is running")
    return _current


# -- Pelican hooks ----------------------------------------------------------------------------
class DisclosureGenerator(Generator):
    """Runs the stages inside Pelican's build; records never become Pelican Articles."""

    def generate_context(self) -> None:
        from .account import build_accounts, check_shrink
        from .datacache import finish_saving

        state = current_state()
        run_data_stages(state)
        accounts = build_accounts(state)
        state.facts["account"] = accounts
        try:
            check_shrink(state, accounts)  # before anything is written to the output folder
        except BaseException:
            finish_saving(state.cache_saver)
            state.cache_saver = None
            raise
        state.open_writer()
        # The reports the pages stage generates, for the /reports/ index Pelican renders from
        # content/ (collection.html): every generator shares this context.
        from .pages.statistics import frames_of, index_entries

        if state.public is not None:
            self.context["generated_pages"] = {"reports": index_entries(frames_of(state.public), state.settings.sitename,
                                                                        state.settings.today)}

    def generate_output(self, writer: Writer) -> None:
        run_output_stages(current_state())


class _GatedFile(io.StringIO):
    def __init__(self, on_close: Callable[[str], None]):
        super().__init__()
        self._on_close = on_close

    def close(self) -> None:
        if not self.closed:
            self._on_close(self.getvalue())
        super().close()


class GatedWriter(Writer):
    """Pelican's writer, with its file writes sent through the gated OutputWriter."""

    def _open_w(self, filename: str, encoding: str, override: bool = False):  # type: ignore[override]
        if filename in self._written_files and not override:
            raise RuntimeError(f"Pelican wrote {filename} twice")
        self._written_files.add(filename)
        writer = current_state().open_writer()
        relpath = os.path.relpath(os.path.abspath(filename), writer.output_dir).replace(os.sep, "/")
        return _GatedFile(lambda text: writer.write(relpath, text.encode(encoding)))


def _on_initialized(pelican: Any) -> None:
    global _current
    _current = BuildState(GongshiSettings.from_pelican(pelican.settings))
    _current.listing = FileListing.start(_current.settings.output_dir)
    # Pelican renders the Markdown pages in content/ with its own environment: give it the
    # same template globals as the records' pages, so one base.html serves both.
    from .pages.render import make_environment, template_globals

    make_environment(_current.settings)  # (refuses, before any stage runs, a shape template that is unsafe)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(template_globals(_current.settings))


def _on_finalized(pelican: Any) -> None:
    from .datacache import finish_saving

    state = current_state()
    finish_saving(state.cache_saver)
    writer = state.open_writer()
    if state.public is not None:  # (the last files: they list every page the build produced)
        from .opendata.sitemap import record_dates, robots_txt, sitemap_files

        base = state.settings.siteurl + state.settings.site_root
        dates, left_out = record_dates(state.public.tables)
        for relpath, data in sitemap_files(list(writer.produced), dates, left_out, base).items():
            writer.write(relpath, data)
        writer.write("robots.txt", robots_txt(base))
    leaks = []
    for relpath in writer.foreign_files(only_this_build_writes=only_gongshi_writes(pelican.settings)):
        if relpath in writer.previous:
            continue  # about to be pruned
        leaks += state.gate.scan_bytes(relpath, (writer.output_dir / relpath).read_bytes())
    if leaks:
        raise PrivacyLeak(leaks)
    writer.prune()
    writer.save_manifest()
    if "account" in state.facts:
        from .account import save_report

        save_report(state.settings.cache_dir, state.settings.feeds_dir, state.facts["account"])  # only after a successful build
    stats = writer.stats
    for problem in state.log.warnings + state.log.notes:  # (the same lines as `gongshi check`)
        log.warning("%s", problem)
    log.info("gongshi: %d files produced (%d written, %d unchanged, %d not re-rendered), %d removed",
             stats.produced, stats.written, stats.unchanged, stats.skipped, stats.removed)


def only_gongshi_writes(settings: dict[str, Any]) -> bool:
    """Whether the files of the output folder can only come from this build's gated writer (or
    from before the build): Pelican copies no static files and no plugin but ours is loaded.
    Then the end of the build needs no second walk of the folder to find the files it did not
    write (OutputWriter.foreign_files)."""
    plugins = [p if isinstance(p, str) else getattr(p, "__name__", "") for p in settings.get("PLUGINS") or []]
    return (not settings.get("STATIC_PATHS") and not settings.get("THEME_STATIC_PATHS")
            and all(name.split(".")[0] == "gongshi" for name in plugins))


def _generators(pelican: Any) -> type[Generator]:
    return DisclosureGenerator


def _writer(pelican: Any) -> type[Writer]:
    return GatedWriter


_connected = False


def _connect_once() -> None:
    global _connected
    if _connected:
        return
    signals.initialized.connect(_on_initialized)
    signals.get_generators.connect(_generators)
    signals.get_writer.connect(_writer)
    signals.finalized.connect(_on_finalized)
    _connected = True
