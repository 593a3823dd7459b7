"""Opendata stage: machine-readable files about the published site.

This issue's part: `rebuild.json`, which tells the deployment when the site next becomes wrong
if it is not rebuilt (and why), and which feeds it was built from. `gongshi due` reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..feeds.read import feeds_fingerprint
from ..schedule import RebuildPlan

__all__ = ["REBUILD_FILE", "rebuild_document", "register"]

REBUILD_FILE = "rebuild.json"
REASONS_LISTED = 200  # a day on which 10,000 certificates expire need not list them all


def midnight_shanghai(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def rebuild_document(plan: RebuildPlan, feeds_sha256: str) -> dict[str, Any]:
    reasons = plan.reasons
    return {
        "built_for": plan.today.isoformat(),
        "next_rebuild": midnight_shanghai(plan.next_rebuild) if plan.next_rebuild else None,
        "reasons": [{"dataset": c.dataset, "key": c.key, "what": c.what, "when": midnight_shanghai(c.on)}
                    for c in reasons[:REASONS_LISTED]],
        "reasons_total": len(reasons),
        "feeds_sha256": feeds_sha256,
    }


def run(state) -> None:  # noqa: ANN001 - BuildState
    document = rebuild_document(state.rebuild, feeds_fingerprint(state.settings.feeds_dir))
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    state.open_writer().write(REBUILD_FILE, data)


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("opendata", run)
