"""Remembering what the feeds and privacy stages made, for a build from the same feed bytes.

Reading, typing, validating and redacting 200,000 decisions is the larger part of a rebuild in
which nothing changed. Both stages depend only on the feed files' bytes, the code and the
settings (never on the day: the schedule stage, which does, always runs). So after they run,
their result is saved in the cache folder under the fingerprint of those inputs, and the next
build with the same fingerprint loads it instead of running them.

What is saved: the public tables (already redacted), the problems the feeds had (warnings; a
build with errors stops before this point and saves nothing), the redaction report, and the
privacy gate's never-publish values. Those values are personal data from the feeds (ID numbers
of parties): the file is written readable by its owner only, like the feeds it comes from, and
the cache folder must stay next to the feeds, never deployed (it is outside the output folder).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from .feeds.datasets import datasets_for
from .feeds.load import Table
from .fingerprint import code_fingerprint, settings_fingerprint
from .forked import Forked, ForkFailed
from .privacy import PublicTables
from .privacy.gate import PrivacyGate

if TYPE_CHECKING:
    from .pipeline import BuildState

log = logging.getLogger("gongshi")

CACHE_NAME = "public-tables.pickle"
CACHE_VERSION = 4  # 2: the gate's fingerprint is kept with its values; 3: rows read per dataset; 4: certified


def inputs_key(state: BuildState) -> str:
    """Feed bytes + code + settings (but not the day): what the feeds and privacy stages read."""
    parts = (state.feeds_fingerprint(), code_fingerprint(),
             settings_fingerprint(state.settings, with_today=False))
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def cache_path(state: BuildState) -> Path:
    return state.settings.cache_dir / CACHE_NAME


def restore(state: BuildState, key: str) -> bool:
    """Fill the state as the feeds and privacy stages would; False when there is no match."""
    try:
        data = pickle.loads(cache_path(state).read_bytes())  # our own cache file
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return False
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("key") != key:
        return False
    datasets = datasets_for(state.settings.feeds_dir)  # (the key covers the schema files: they are feed files)
    if set(data.get("frames", {})) != set(datasets):
        return False
    state.public = PublicTables({name: Table(datasets[name], frame) for name, frame in data["frames"].items()})
    state.gate = PrivacyGate(data["never_values"], data["org_numbers"], data["gate_names"], set(data["certified"]))
    state.gate.__dict__["fingerprint"] = data["gate_fingerprint"]  # (a cached_property: it sorts every value)
    state.log.problems.extend(data["problems"])
    state.facts["privacy"] = data["reports"]
    state.facts["rows_read"] = data["rows_read"]
    return True


def save(state: BuildState, key: str) -> None:
    assert state.public is not None
    data = {"version": CACHE_VERSION, "key": key,
            "frames": {name: table.frame for name, table in state.public.tables.items()},
            "never_values": state.gate.never_values, "gate_fingerprint": state.gate.fingerprint,
            "org_numbers": state.gate.org_numbers, "gate_names": state.gate.names,
            "certified": state.gate.certified,
            "problems": list(state.log.problems),
            "reports": state.facts.get("privacy", {}), "rows_read": state.facts.get("rows_read", {})}
    path = cache_path(state)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds never-publish values
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=5)
        os.replace(tmp, path)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise


def save_beside(state: BuildState, key: str) -> Forked:
    """`save` in a forked process, while the build goes on (pickling the redacted records
    takes a core the schedule stage does not use); `finish_saving` waits for it."""
    return Forked.start("datacache", save, state, key)


def finish_saving(child: Forked | None) -> None:
    if child is None:
        return
    try:
        child.result()
    except ForkFailed as error:  # the build stands; the next one reads the feeds again
        log.warning("gongshi: the feeds cache could not be saved (%s)", error)
