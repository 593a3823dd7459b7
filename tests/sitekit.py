"""Building a site from tests, in-process, with its own output and cache folders."""

from __future__ import annotations

from pathlib import Path

from gongshi import cli
from gongshi.output import WriteStats

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FEEDS = ROOT / "data_feeds"
SAMPLE_DAY = "2026-11-23"  # the sample feeds have records in every state on this day
SITEURL = "https://zfgs.example.gov.cn"


def build_site(feeds: Path, output: Path, today: str, *, siteurl: str = SITEURL,
               workers: int = 1, overrides: dict[str, object] | None = None) -> tuple[int, WriteStats | None]:
    code = cli.build(ROOT / "pelicanconf.py", feeds, today, output, siteurl,
                     overrides={"GONGSHI_CACHE": str(output.parent / (output.name + "-cache")),
                                "GONGSHI_WORKERS": workers, **(overrides or {})})
    from gongshi.pipeline import current_state

    writer = current_state().writer
    return code, (writer.stats if writer else None)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
