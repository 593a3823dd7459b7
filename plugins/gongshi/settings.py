"""Every setting the pipeline reads, declared in one place, read once into a typed object.

Each can be set in pelicanconf.py/publishconf.py or on the command line with Pelican's `-e`,
e.g. `pelican content -e 'DISCLOSURE_FEEDS="/x/feeds"' 'DISCLOSURE_TODAY="2026-06-15"'`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from .schedule.deadlines import DEFAULT_RULES, DeadlineRule, rules_from_settings
from .schedule.penalties import PenaltyRules

SHANGHAI = ZoneInfo("Asia/Shanghai")
PACKAGE_DIR = Path(__file__).resolve().parent

# name -> (default, meaning). Defaults of None are computed in `from_pelican`.
DECLARED: dict[str, tuple[object, str]] = {
    "DISCLOSURE_FEEDS": ("data_feeds", "folder of feed files, relative to the settings file"),
    "DISCLOSURE_TODAY": (None, "ISO date the site is built for; default today in Asia/Shanghai "
                               "(or SOURCE_DATE_EPOCH when set)"),
    "SITEURL": ("", "absolute site URL; QR codes encode SITEURL + path"),
    "SITENAME": ("行政执法公示平台", "portal name shown in every page header"),
    "OUTPUT_PATH": ("output", "where the site is written"),
    "GONGSHI_CACHE": (".gongshi-cache", "build state (manifest of written files; the feeds and "
                                         "privacy stages' result, which holds never-publish values), "
                                         "one folder per output folder; never published"),
    "GONGSHI_PAGE_SIZE": (50, "rows per page in paginated listings"),
    "GONGSHI_WORKERS": (None, "processes rendering record pages; default: CPU count"),
    "GONGSHI_OPERATOR": ("江临市司法局", "who runs the portal, named in the footer"),
    "GONGSHI_DEADLINES": (None, "deadline rules replacing schedule.deadlines.DEFAULT_RULES: a list of "
                                "dicts (dataset, event_column, working_days, label, key_column, "
                                "agency_column, only_if)"),
    "GONGSHI_SHRINK_SHARE": (0.5, "share of a dataset's records (0–1) it may lose since the last successful "
                                  "build before the build stops and asks for --allow-shrink"),
    "GONGSHI_ALLOW_SHRINK": (False, "build even when a dataset shrank by more than GONGSHI_SHRINK_SHARE "
                                    "(set by `gongshi build --allow-shrink`)"),
    "GONGSHI_RENDER_BY_SHAPE": (True, "render the templates that declare a shape by shape (pages.skeleton); "
                                      "False renders every page with Jinja"),
    "GONGSHI_PENALTY_RULES": ({}, "overrides of schedule.penalties.PenaltyRules (windows in months, "
                                  "fine thresholds in 万元, remedy periods)"),
}


@dataclass(frozen=True)
class GongshiSettings:
    feeds_dir: Path
    today: dt.date
    siteurl: str
    sitename: str
    output_dir: Path
    cache_dir: Path
    theme_dir: Path
    page_size: int
    workers: int
    operator: str
    penalty_rules: PenaltyRules = PenaltyRules()
    deadline_rules: tuple[DeadlineRule, ...] = DEFAULT_RULES
    shrink_share: float = 0.5
    allow_shrink: bool = False
    render_by_shape: bool = True

    @property
    def site_root(self) -> str:
        """The URL path the site is served under ("/" or "/sub/"), for root-relative links."""
        from urllib.parse import urlsplit

        path = urlsplit(self.siteurl).path.rstrip("/")
        return path + "/"

    @classmethod
    def from_pelican(cls, settings: dict) -> GongshiSettings:
        def get(name: str) -> object:
            value = settings.get(name)
            return DECLARED[name][0] if value is None else value

        base = Path(settings.get("PATH", ".")).resolve().parent
        feeds = Path(str(get("DISCLOSURE_FEEDS")))
        cache = Path(str(get("GONGSHI_CACHE")))
        workers = settings.get("GONGSHI_WORKERS") or os.cpu_count() or 1
        output = Path(str(get("OUTPUT_PATH"))).resolve()
        return cls(
            feeds_dir=feeds if feeds.is_absolute() else base / feeds,
            today=parse_today(settings.get("DISCLOSURE_TODAY")),
            siteurl=str(get("SITEURL")).rstrip("/"),
            sitename=str(get("SITENAME")),
            output_dir=output,
            cache_dir=(cache if cache.is_absolute() else base / cache) / _folder_key(output),
            theme_dir=Path(str(settings.get("THEME") or PACKAGE_DIR.parents[1] / "themes" / "gongshi")),
            page_size=int(get("GONGSHI_PAGE_SIZE")),  # type: ignore[arg-type]
            workers=int(workers),
            operator=str(get("GONGSHI_OPERATOR")),
            penalty_rules=PenaltyRules(**dict(get("GONGSHI_PENALTY_RULES"))),  # type: ignore[call-overload]
            deadline_rules=rules_from_settings(settings.get("GONGSHI_DEADLINES")),
            shrink_share=float(get("GONGSHI_SHRINK_SHARE")),  # type: ignore[arg-type]
            allow_shrink=bool(get("GONGSHI_ALLOW_SHRINK")),
            render_by_shape=bool(get("GONGSHI_RENDER_BY_SHAPE")),
        )


def _folder_key(output: Path) -> str:
    """Builds into different output folders keep separate manifests."""
    import hashlib

    return hashlib.blake2b(str(output).encode(), digest_size=6).hexdigest()


def parse_today(value: object) -> dt.date:
    """DISCLOSURE_TODAY, else SOURCE_DATE_EPOCH, else the date now in Asia/Shanghai."""
    if isinstance(value, dt.date):
        return value
    if value:
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise ValueError(f"DISCLOSURE_TODAY 应为 ISO 日期（如 2026-06-15），实际为「{value}」") from exc
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), SHANGHAI).date()
    return dt.datetime.now(SHANGHAI).date()
