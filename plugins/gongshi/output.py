"""Writing the site: atomic, only changed bytes, stale files pruned, every file gated.

Modelled on Lektor's build state. A manifest in the cache folder remembers, for every file the
last build produced, the hash of its bytes and the fingerprint of its inputs. A page whose
inputs have the same fingerprint, and whose file is still there, is neither rendered nor
written again; a page that is rendered is written only when its bytes differ. Files the last
build produced and this one did not are removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .privacy.gate import PrivacyGate

MANIFEST_NAME = "manifest.pickle"
MANIFEST_VERSION = 2


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file in the same folder + os.replace: readers see the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileNotFoundError:  # first file in a new folder: only then pay for mkdir
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@dataclass
class Entry:
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


@dataclass
class OutputWriter:
    output_dir: Path
    cache_dir: Path
    gate: PrivacyGate
    previous: dict[str, Entry] = field(default_factory=dict)
    produced: dict[str, Entry] = field(default_factory=dict)
    stats: WriteStats = field(default_factory=WriteStats)

    def __post_init__(self) -> None:
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.previous = self._load_manifest()

    # -- manifest -------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.cache_dir / MANIFEST_NAME

    def _load_manifest(self) -> dict[str, Entry]:
        try:
            data = pickle.loads(self.manifest_path.read_bytes())  # our own cache file, never published
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            return {}
        if not isinstance(data, dict):
            return {}
        same_context = (data.get("version") == MANIFEST_VERSION
                        and data.get("output") == str(self.output_dir)
                        and data.get("gate") == self.gate.fingerprint)
        files = data.get("files", {})
        # When what the gate looks for changed, no old fingerprint may be trusted: every page
        # is rendered and scanned again (bytes still decide whether it is rewritten).
        return {path: Entry(h, fp if same_context else "") for path, (h, fp) in files.items()}

    def save_manifest(self) -> None:
        """Write the manifest; skipped when this build produced exactly what the last one did."""
        if self.produced == self.previous and self.manifest_path.is_file():
            return
        data = {"version": MANIFEST_VERSION, "output": str(self.output_dir),
                "gate": self.gate.fingerprint,
                "files": {p: [e.hash, e.fingerprint] for p, e in sorted(self.produced.items())}}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(self.manifest_path, pickle.dumps(data, protocol=5))

    # -- writing --------------------------------------------------------------------------
    def write(self, relpath: str, data: bytes, fingerprint: str = "") -> bool:
        """Gate, then write if the bytes changed. Returns True when the file was written."""
        if relpath in self.produced:
            raise ValueError(f"两个页面写入同一路径：{relpath}")
        digest, outcome = gated_write(self.gate, self.output_dir, relpath, data, self.previous.get(relpath))
        self.record(relpath, Entry(digest, fingerprint), outcome)
        return outcome == "written"

    def record(self, relpath: str, entry: Entry, outcome: str) -> None:
        """Count a file produced by a render worker: "written", "unchanged" (same bytes) or
        "skipped" (same inputs: not even rendered)."""
        self.produced[relpath] = entry
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)

    # -- end of build ---------------------------------------------------------------------
    def prune(self) -> None:
        """Remove files the previous build produced and this one did not."""
        for relpath in sorted(set(self.previous) - set(self.produced)):
            path = self.output_dir / relpath
            if path.is_file():
                path.unlink()
                self.stats.removed += 1
                _remove_empty_parents(path.parent, self.output_dir)

    def foreign_files(self) -> list[str]:
        """Files in the output folder this build did not produce (scanned by the gate)."""
        found: list[str] = []
        stack = [(str(self.output_dir), "")]
        while stack:
            folder, prefix = stack.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, rel + "/"))
                    elif rel not in self.produced:
                        found.append(rel)
        return sorted(found)


def gated_write(gate: PrivacyGate, output_dir: Path, relpath: str, data: bytes,
                previous: Entry | None) -> tuple[str, str]:
    """The privacy gate first (a leak never reaches the disk), then write only changed bytes.
    Returns (content hash, "written" or "unchanged"); used in-process and by render workers."""
    gate.check(relpath, data)
    digest = content_hash(data)
    written = write_if_changed(output_dir, relpath, data, digest, previous)
    return digest, "written" if written else "unchanged"


def write_if_changed(output_dir: Path, relpath: str, data: bytes, digest: str,
                     previous: Entry | None) -> bool:
    path = output_dir / relpath
    if previous is not None and previous.hash == digest and path.is_file() \
            and path.stat().st_size == len(data):
        return False
    if previous is None and path.is_file() and path.stat().st_size == len(data) \
            and path.read_bytes() == data:
        return False  # no manifest (cache cleared): compare with the bytes on disk
    atomic_write(path, data)
    return True


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
