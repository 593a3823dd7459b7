"""Output stages run in forked processes alongside the pages stage.

The search and opendata stages read only the BuildState (the public tables, the schedule), never
another stage's files, and the pages stage spends most of its time waiting on its render pool.
So with more than one worker each runs in a forked copy of the build, writing its files through
that copy's gated writer; when the parent has finished its own stages, it takes each child's
outcome — the files it produced (with their hashes), its groups, counts, facts and problems —
into its own writer and state, as if the stage had run in place. A child that failed fails the
build with the child's error once every stage has stopped.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .feeds.problems import Problem
from .forked import Forked, ForkFailed
from .output import Entry, Group

if TYPE_CHECKING:
    from .pipeline import BuildState, StageFunction


@dataclass
class StageOutcome:
    """What a stage run in a child changed in its copy of the BuildState."""

    name: str
    files: dict[str, Entry] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # WriteStats fields -> how many more
    groups: dict[str, Group] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    error: BaseException | None = None

    def merge_into(self, state: BuildState) -> None:
        writer = state.open_writer()
        for relpath, entry in self.files.items():
            if relpath in writer.produced:
                raise ValueError(f"两个页面写入同一路径：{relpath}")
            writer.produced[relpath] = entry
        for name, count in self.counts.items():
            setattr(writer.stats, name, getattr(writer.stats, name) + count)
        for name, group in self.groups.items():
            if name in writer.groups:
                raise ValueError(f"输出组重名：{name}")
            writer.groups[name] = group
        for key, value in self.facts.items():
            if isinstance(value, dict) and isinstance(state.facts.get(key), dict):
                state.facts[key].update(value)  # ("seconds": one entry per stage)
            else:
                state.facts[key] = value
        state.log.problems.extend(self.problems)


_COUNTED = ("written", "unchanged", "skipped")


def _run_and_report(state: BuildState, name: str, run: StageFunction) -> StageOutcome:
    """In the child: run the stage; what it changed (or why it failed)."""
    writer = state.open_writer()
    files_before, groups_before = set(writer.produced), set(writer.groups)
    counts_before = {n: getattr(writer.stats, n) for n in _COUNTED}
    facts_before = {key: repr(value) for key, value in state.facts.items()}
    problems_before = len(state.log.problems)
    outcome = StageOutcome(name)
    started = time.perf_counter()
    try:
        run(state)
        state.facts.setdefault("seconds", {})[name] = round(time.perf_counter() - started, 3)
        outcome.files = {p: e for p, e in writer.produced.items() if p not in files_before}
        outcome.counts = {n: getattr(writer.stats, n) - counts_before[n] for n in _COUNTED}
        outcome.groups = {n: g for n, g in writer.groups.items() if n not in groups_before}
        outcome.facts = {k: v for k, v in state.facts.items() if facts_before.get(k) != repr(v)}
        outcome.problems = state.log.problems[problems_before:]
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
        outcome = StageOutcome(name, error=_portable(error))
    return outcome


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling, else a RuntimeError with its traceback."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        return RuntimeError("".join(traceback.format_exception(error)))


@dataclass
class BackgroundStage:
    name: str
    child: Forked

    @classmethod
    def start(cls, state: BuildState, name: str, run: StageFunction) -> BackgroundStage:
        return cls(name, Forked.start(name, _run_and_report, state, name, run))

    def result(self) -> StageOutcome:
        """Wait for the child; its outcome, or a failed one if it died without saying why."""
        try:
            return self.child.result()
        except ForkFailed:
            return StageOutcome(self.name, error=RuntimeError(
                f"阶段 {self.name} 的子进程异常退出（退出码 {self.child.process.exitcode}）"))

    def stop(self) -> None:
        self.child.stop()
