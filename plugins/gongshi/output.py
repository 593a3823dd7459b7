"""Writing the site: atomic, only changed bytes, stale files pruned, every file gated.

Modelled on Lektor's build state. A manifest in the cache folder remembers, for every file the
last build produced, the hash of its bytes and the fingerprint of its inputs. A page whose
inputs have the same fingerprint, and whose file is still there, is neither rendered nor
written again; a page that is rendered is written only when its bytes differ. Files the last
build produced and this one did not are removed.

Whole groups of files (every decision page, the Atom feeds...) can be skipped at once: a group
is named, and keyed by the fingerprint of everything its files are made from (tables, settings,
code: see `fingerprint.py`). When the key is the last build's and every file the group produced
then is still there, the group's files are kept as they are without even making their contexts.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import xxhash

from .forked import Forked
from .privacy.gate import PrivacyGate

MANIFEST_NAME = "manifest.pickle"
MANIFEST_VERSION = 5  # 5: content hashes are xxh3-128
PARALLEL_WALK_FILES = 20_000  # below this, one process walks the output folder


def content_hash(data: bytes) -> str:
    """Whether a file's bytes changed since the last build. xxh3-128, not a cryptographic hash:
    it is only ever compared with the hash of the same path's previous bytes, and every page of
    every build is hashed: a fast hash is what counts."""
    return xxhash.xxh3_128_hexdigest(data)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def atomic_write(path: Path | str, data: bytes) -> None:
    """Temp file in the same folder + os.replace: readers see the old file or the new one."""
    path = os.fspath(path)
    tmp = f"{os.path.dirname(path)}/.{os.path.basename(path)}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, _CREATE, 0o644)
    except FileNotFoundError:  # first file in a new folder: only then pay for mkdir
        _make_folder(os.path.dirname(path))
        fd = os.open(tmp, _CREATE, 0o644)
    try:
        _write_all(fd, data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_new(path: str, data: bytes) -> None:
    """A file in an output folder that was empty when the build started: no reader can see an
    older version, so no temp file and rename (a crash leaves a short file, which the next
    build, comparing bytes, rewrites). System calls are what a page's write costs, and each one
    saved counts 300,000 times."""
    _make_folder(os.path.dirname(path))
    _write_all(os.open(path, _CREATE, 0o644), data)


def _write_all(fd: int, data: bytes) -> None:
    """Write and close (os.write: a file object costs more than the write itself)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


class Entry(NamedTuple):
    """A file of the manifest. (A named tuple: comparing two manifests of 300,000 files then
    takes C-level tuple comparisons.)"""

    hash: str
    fingerprint: str = ""


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    skipped: int = 0  # fingerprint unchanged: not even rendered
    removed: int = 0

    @property
    def produced(self) -> int:
        return self.written + self.unchanged + self.skipped


@dataclass(frozen=True)
class Group:
    """A named set of files made together from the same inputs."""

    key: str  # fingerprint of the inputs
    files: tuple[str, ...]


@dataclass
class OutputWriter:
    output_dir: Path
    cache_dir: Path
    gate: PrivacyGate
    previous: dict[str, Entry] = field(default_factory=dict)
    produced: dict[str, Entry] = field(default_factory=dict)
    stats: WriteStats = field(default_factory=WriteStats)
    previous_groups: dict[str, Group] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    fresh_output: bool = False  # the output folder was empty when the build started
    listing: FileListing | None = None  # the output folder's files, being listed (pipeline.py)

    def __post_init__(self) -> None:
        self.output_dir.mkdir(parents=True, exist_ok=True)
        with os.scandir(self.output_dir) as entries:
            self.fresh_output = next(entries, None) is None
        self.previous, self.previous_groups = self._load_manifest()

    # -- manifest -------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.cache_dir / MANIFEST_NAME

    def _load_manifest(self) -> tuple[dict[str, Entry], dict[str, Group]]:
        try:
            data = pickle.loads(self.manifest_path.read_bytes())  # our own cache file, never published
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            return {}, {}
        if not isinstance(data, dict):
            return {}, {}
        if data.get("version") != MANIFEST_VERSION:
            return {}, {}  # an older layout: as if there were none (bytes on disk still decide)
        same_context = data.get("output") == str(self.output_dir) and data.get("gate") == self.gate.fingerprint
        try:
            paths, hashes, fingerprints = (_split(data[k]) for k in ("paths", "hashes", "fingerprints"))
            groups = {name: Group(key, tuple(_split(files))) for name, (key, files) in data["groups"].items()}
        except (KeyError, TypeError, ValueError, AttributeError):
            return {}, {}  # damaged: as if there were none
        if not len(paths) == len(hashes) == len(fingerprints):
            return {}, {}
        # When what the gate looks for changed, no old fingerprint may be trusted: every page
        # is rendered and scanned again (bytes still decide whether it is rewritten).
        entries = dict(zip(paths, map(Entry, hashes, fingerprints if same_context else [""] * len(paths))))
        return entries, groups if same_context else {}

    def save_manifest(self) -> None:
        """Write the manifest; skipped when this build produced exactly what the last one did.
        Columns of \\0-joined strings: with an entry per output file, they load and save faster
        than a dict of them."""
        if self.produced == self.previous and self.groups == self.previous_groups and self.manifest_path.is_file():
            return
        hashes, fingerprints = zip(*self.produced.values()) if self.produced else ((), ())  # (in path order)
        data = {"version": MANIFEST_VERSION, "output": str(self.output_dir), "gate": self.gate.fingerprint,
                "paths": "\0".join(self.produced), "hashes": "\0".join(hashes),
                "fingerprints": "\0".join(fingerprints),
                "groups": {name: [g.key, "\0".join(g.files)] for name, g in sorted(self.groups.items())}}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(self.manifest_path, pickle.dumps(data, protocol=5))

    # -- writing --------------------------------------------------------------------------
    def write(self, relpath: str, data: bytes, fingerprint: str = "", view: bytes | None = None) -> bool:
        """Gate (`view`: what it scans instead of `data`), then write if the bytes changed.
        Returns True when the file was written."""
        if relpath in self.produced:
            raise ValueError(f"两个页面写入同一路径：{relpath}")
        digest, outcome = gated_write(self.gate, self.output_dir, relpath, data, self.previous.get(relpath),
                                      self.fresh_output, view)
        self.record(relpath, Entry(digest, fingerprint), outcome)
        return outcome == "written"

    def record(self, relpath: str, entry: Entry, outcome: str) -> None:
        """Count a file produced by a render worker: "written", "unchanged" (same bytes) or
        "skipped" (same inputs: not even rendered)."""
        self.produced[relpath] = entry
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)

    # -- groups of files ------------------------------------------------------------------
    def keep_fresh_group(self, name: str, key: str) -> bool:
        """If the group's inputs are the last build's and its files are all still there,
        count them as produced (skipped) and return True; the caller then makes nothing."""
        group = self.previous_groups.get(name)
        if group is None or group.key != key:
            return False
        files, previous = group.files, self.previous
        # (C-level passes: a page group can hold a whole dataset's pages)
        if not (all(map(previous.__contains__, files)) and self.files_at_start.issuperset(files)):
            return False
        if not self.produced.keys().isdisjoint(files):
            path = next(p for p in files if p in self.produced)
            raise ValueError(f"两个页面写入同一路径：{path}")
        self.produced.update(zip(files, map(previous.__getitem__, files)))
        self.stats.skipped += len(files)
        self.groups[name] = group
        return True

    def record_group(self, name: str, key: str, files: Iterable[str]) -> None:
        """Remember which files a group made from inputs with this key (after making them)."""
        if name in self.groups:
            raise ValueError(f"输出组重名：{name}")
        self.groups[name] = Group(key, tuple(files))

    def write_group(self, name: str, key: str, make: Callable[[], Iterable[tuple[str, bytes]]]) -> None:
        """Write the (path, bytes) that `make` yields, unless the group is fresh."""
        if self.keep_fresh_group(name, key):
            return
        files = []
        for relpath, data in make():
            self.write(relpath, data)
            files.append(relpath)
        self.record_group(name, key, files)

    # -- end of build ---------------------------------------------------------------------
    def prune(self) -> None:
        """Remove files the previous build produced and this one did not."""
        for relpath in sorted(set(self.previous) - set(self.produced)):
            path = self.output_dir / relpath
            if path.is_file():
                path.unlink()
                self.stats.removed += 1
                _remove_empty_parents(path.parent, self.output_dir)

    def foreign_files(self, only_this_build_writes: bool = False) -> list[str]:
        """Files in the output folder this build did not produce (scanned by the gate).

        `only_this_build_writes`: nothing else writes into the folder while the build runs (no
        Pelican static copying, no other plugin: see pipeline.py), so those files are the ones
        that were there when it started, known from the listing made then. Otherwise the folder
        is walked again; the walk is mostly system time, one folder per page, so a large output
        is walked by two processes, each taking every other page folder."""
        if only_this_build_writes:
            return sorted(rel for rel in self.listed_at_start if rel not in self.produced)
        folder = str(self.output_dir)
        if len(self.produced) < PARALLEL_WALK_FILES:
            every = walk_files(folder)
        else:
            other_half = FileListing.start(self.output_dir, part=1, parts=2)
            every = walk_files(folder, part=0, parts=2)
            every += other_half.result() if other_half is not None else ()
        return sorted(rel for rel in every if rel not in self.produced)

    @functools.cached_property
    def listed_at_start(self) -> frozenset[str]:
        """Every file in the output folder when the build started: from the listing made beside
        the data stages, else listed now."""
        if self.fresh_output:
            return frozenset()
        if self.listing is not None:
            return self.listing.result()
        return frozenset(walk_files(str(self.output_dir)))

    @functools.cached_property
    def files_at_start(self) -> frozenset[str]:
        """The files in the output folder when the build started, as far as a kept group or a
        skipped page needs them (none without a manifest: nothing is kept then)."""
        if self.fresh_output or not self.previous:
            return frozenset()
        return self.listed_at_start


def _split(joined: str) -> list[str]:
    return joined.split("\0") if joined else []


def walk_files(folder: str, part: int = 0, parts: int = 1) -> list[str]:
    """Every file under `folder` as a relative path ("a/b.html"); links are not followed.
    With parts > 1, only share `part` of it: the folders two levels down are dealt out in turn
    (sorted by name), and share 0 also has the files above them — so `parts` processes can
    walk one output folder of 300,000 page folders together."""
    found: list[str] = []
    stack: list[tuple[str, str]] = []
    tops: list[os.DirEntry] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                tops.append(entry)
            elif part == 0:
                found.append(entry.name)
    for top in tops:
        below: list[str] = []
        with os.scandir(top.path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    below.append(entry.name)
                elif part == 0:
                    found.append(f"{top.name}/{entry.name}")
        below.sort()
        stack += [(f"{top.path}/{name}", f"{top.name}/{name}/") for name in below[part::parts]]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found.append(prefix + entry.name)
    return found


class FileListing:
    """The output folder's files, listed by a forked process while the build goes on (beside the
    data stages, a rebuild then checks 300,000 kept files against a set instead of stat()ing each
    one; the walk is mostly system time, as long as the checks it replaces)."""

    def __init__(self, child: Forked) -> None:
        self._child = child

    @classmethod
    def start(cls, folder: Path, part: int = 0, parts: int = 1) -> FileListing | None:
        """Start listing `folder` (or a share of it, see walk_files); None if it does not exist."""
        if not folder.is_dir():
            return None
        return cls(Forked.start("listing", _joined_listing, str(folder), part, parts, daemon=True))

    def result(self) -> frozenset[str]:
        text = self._child.result()
        return frozenset(text.split("\0")) if text else frozenset()


def _joined_listing(folder: str, part: int, parts: int) -> str:
    return "\0".join(walk_files(folder, part, parts))  # (one string pickles far faster than a set)


def gated_write(gate: PrivacyGate, output_dir: Path, relpath: str, data: bytes,
                previous: Entry | None, fresh_output: bool = False, view: bytes | None = None) -> tuple[str, str]:
    """The privacy gate first (a leak never reaches the disk), then write only changed bytes.
    Returns (content hash, "written" or "unchanged"); used in-process and by render workers.
    `view`: what the gate scans instead of `data` (PrivacyGate.check)."""
    gate.check(relpath, data, view)
    digest = content_hash(data)
    written = write_if_changed(output_dir, relpath, data, digest, previous, fresh_output)
    return digest, "written" if written else "unchanged"


def write_if_changed(output_dir: Path, relpath: str, data: bytes, digest: str,
                     previous: Entry | None, fresh_output: bool = False) -> bool:
    """`fresh_output`: the output folder was empty when the build started, so a file the last
    build did not produce cannot be there: nothing to compare with, and its folder is new."""
    path = f"{output_dir}/{relpath}"
    if previous is None and fresh_output:
        write_new(path, data)
        return True
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        size = -1
    if previous is not None and previous.hash == digest and size == len(data):
        return False
    if previous is None and size == len(data) and Path(path).read_bytes() == data:
        return False  # no manifest (cache cleared): compare with the bytes on disk
    atomic_write(path, data)
    return True


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
