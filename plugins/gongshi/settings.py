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

# name -> (default, kind, meaning). Defaults of None are computed in `from_pelican`; `kind` is
# what `check_settings` accepts (KINDS).
DECLARED: dict[str, tuple[object, str, str]] = {
    "DISCLOSURE_FEEDS": ("data_feeds", "path", "folder of feed files, relative to the settings file"),
    "DISCLOSURE_TODAY": (None, "date", "ISO date the site is built for; default today in Asia/Shanghai "
                                       "(or SOURCE_DATE_EPOCH when set)"),
    "SITEURL": ("", "text", "absolute site URL; QR codes encode SITEURL + path"),
    "SITENAME": ("行政执法公示平台", "text", "portal name shown in every page header"),
    "OUTPUT_PATH": ("output", "path", "where the site is written"),
    "GONGSHI_CACHE": (".gongshi-cache", "path", "build state (manifest of written files; the feeds and "
                                                 "privacy stages' result, which holds never-publish values), "
                                                 "one folder per output folder; never published"),
    "GONGSHI_PAGE_SIZE": (50, "count", "rows per page in paginated listings"),
    "GONGSHI_WORKERS": (None, "count", "processes rendering record pages; default: CPU count"),
    "GONGSHI_OPERATOR": ("江临市司法局", "text", "who runs the portal, named in the footer"),
    "GONGSHI_COMPLAINT_LINE": ("12345政务服务便民热线", "text", "the portal's 监督投诉 channel, offered wherever an "
                                                          "answer is bad (an officer not 有效, a lookup miss) and "
                                                          "on /contact/; each agency's own line comes from its feed"),
    "GONGSHI_CORRECTION": ("认为本平台公示的与自身相关的信息不准确的，可以向作出该信息的机关提出更正申请并提供相关证据"
                           "（《中华人民共和国政府信息公开条例》第四十一条），该机关应当依法处理并告知申请人；"
                           "对行政处罚决定本身不服的，应当依法申请行政复议或者提起行政诉讼。",
                           "text", "how a business asks for a record about it to be corrected (申请更正/异议), on /contact/"),
    "GONGSHI_DEADLINES": (None, "deadlines", "deadline rules replacing schedule.deadlines.DEFAULT_RULES: a list "
                                             "of dicts (dataset, event_column, working_days, label, key_column, "
                                             "agency_column, only_if)"),
    "GONGSHI_SHRINK_SHARE": (0.5, "share", "share of a dataset's records (0–1) it may lose since the last "
                                           "successful build before the build stops and asks for --allow-shrink"),
    "GONGSHI_ALLOW_SHRINK": (False, "bool", "build even when a dataset shrank by more than GONGSHI_SHRINK_SHARE "
                                            "(set by `gongshi build --allow-shrink`)"),
    "GONGSHI_RENDER_BY_SHAPE": (True, "bool", "render the templates that declare a shape by shape "
                                              "(pages.skeleton); False renders every page with Jinja"),
    "GONGSHI_PENALTY_RULES": ({}, "penalty_rules", "overrides of schedule.penalties.PenaltyRules (windows in "
                                                   "months, fine thresholds in 万元, remedy periods, the kinds "
                                                   "that make a penalty serious or minor)"),
    "GONGSHI_STRICT": (False, "bool", "an unknown GONGSHI_/DISCLOSURE_ setting is an error, not a warning"),
}
KINDS = {"path": "文件夹路径（文字）", "date": "ISO 日期（如 2026-06-15）", "text": "文字",
         "count": "正整数", "share": "0 到 1 之间的数", "bool": "True 或 False",
         "deadlines": "公开期限规则的列表（每条一个字典）", "penalty_rules": "字典（PenaltyRules 的字段名 → 值）"}
PREFIXES = ("GONGSHI_", "DISCLOSURE_")


class SettingsError(ValueError):
    """A setting staff gave cannot be used: the message names it, what it should be and what it is."""

    exitcode = 2

    def __init__(self, name: str, expected: str, found: object):
        super().__init__(f"设置 {name} 应为{expected}，实际为「{found!r}」")
        self.name = name


def check_settings(settings: dict, log_warning=None) -> None:  # noqa: ANN001 - a logging call
    """Every GONGSHI_/DISCLOSURE_ setting checked against its declaration before anything runs:
    a wrong type is a SettingsError naming it; an unknown name (a typo: GONGSHI_PAGESIZE) is a
    warning that suggests the declared one, or an error when GONGSHI_STRICT is set."""
    import difflib

    for name, value in settings.items():
        if not isinstance(name, str) or not name.startswith(PREFIXES):
            continue
        if name not in DECLARED:
            close = difflib.get_close_matches(name, list(DECLARED), n=1, cutoff=0.7)
            hint = f"（是否应为 {close[0]}？）" if close else ""
            if settings.get("GONGSHI_STRICT"):
                raise SettingsError(name, f"已声明的设置名称{hint}", name)
            if log_warning is not None:
                log_warning(f"警告 设置 {name} 不是已知的设置，已忽略{hint}")
            continue
        if value is None:
            continue
        kind = DECLARED[name][1]
        if not _fits(kind, value):
            raise SettingsError(name, KINDS[kind], value)
    if settings.get("DISCLOSURE_TODAY") is not None:
        try:
            parse_today(settings["DISCLOSURE_TODAY"])
        except ValueError:
            raise SettingsError("DISCLOSURE_TODAY", KINDS["date"], settings["DISCLOSURE_TODAY"]) from None
    rules = settings.get("GONGSHI_PENALTY_RULES") or {}
    known = set(PenaltyRules.__dataclass_fields__)
    for key in rules:
        if key not in known:
            raise SettingsError(f"GONGSHI_PENALTY_RULES[{key!r}]", "以下之一：" + "、".join(sorted(known)), key)


def check_deadline_rules(rules: tuple[DeadlineRule, ...], feeds_dir: Path) -> None:
    """GONGSHI_DEADLINES against the schemas: each rule's dataset and columns must exist (a typo
    would otherwise stop the build half-way with a bare KeyError)."""
    from .feeds.datasets import DATASETS, datasets_for
    from .feeds.schemafile import SchemaError

    try:
        datasets = datasets_for(feeds_dir)
    except SchemaError:  # (reported by the feeds stage)
        datasets = DATASETS
    computed = {"record_key"}  # (schedule.oversight adds it to the tables it keys)
    for i, rule in enumerate(rules):
        dataset = datasets.get(rule.dataset)
        if dataset is None:
            raise SettingsError(f"GONGSHI_DEADLINES[{i}].dataset", "以下数据集之一：" + "、".join(datasets), rule.dataset)
        keys = [c.key for c in dataset.columns]
        for field_name in ("event_column", "key_column", "agency_column"):
            value = getattr(rule, field_name)
            if value not in keys and value not in computed:
                raise SettingsError(f"GONGSHI_DEADLINES[{i}].{field_name}",
                                    f"数据集 {rule.dataset} 的字段之一：" + "、".join(keys), value)
        if rule.only_if and rule.only_if[0] not in keys:
            raise SettingsError(f"GONGSHI_DEADLINES[{i}].only_if", f"数据集 {rule.dataset} 的字段之一：" + "、".join(keys),
                                rule.only_if[0])


def _fits(kind: str, value: object) -> bool:
    if kind in ("path", "text"):
        return isinstance(value, str | Path)
    if kind == "date":
        return isinstance(value, str | dt.date)
    if kind == "count":
        return isinstance(value, int) and not isinstance(value, bool) and value > 0 or (
            isinstance(value, str) and value.isdigit() and int(value) > 0)
    if kind == "share":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "deadlines":
        return isinstance(value, list | tuple) and all(isinstance(item, dict) for item in value)
    if kind == "penalty_rules":
        return isinstance(value, dict)
    return True


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
    complaint_line: str = DECLARED["GONGSHI_COMPLAINT_LINE"][0]  # type: ignore[assignment]
    correction: str = DECLARED["GONGSHI_CORRECTION"][0]  # type: ignore[assignment]
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
        check_settings(settings, _warn)

        def get(name: str) -> object:
            value = settings.get(name)
            return DECLARED[name][0] if value is None else value

        base = Path(settings.get("PATH", ".")).resolve().parent
        feeds = Path(str(get("DISCLOSURE_FEEDS")))
        feeds_dir = feeds if feeds.is_absolute() else base / feeds
        deadline_rules = DEFAULT_RULES
        if settings.get("GONGSHI_DEADLINES"):
            fields = set(DeadlineRule.__dataclass_fields__)
            for i, item in enumerate(settings["GONGSHI_DEADLINES"]):
                unknown = sorted(set(item) - fields)
                if unknown:
                    raise SettingsError(f"GONGSHI_DEADLINES[{i}]", "只含以下键的字典：" + "、".join(sorted(fields)), unknown[0])
            deadline_rules = rules_from_settings(settings["GONGSHI_DEADLINES"])
            check_deadline_rules(deadline_rules, feeds_dir)
        cache = Path(str(get("GONGSHI_CACHE")))
        workers = settings.get("GONGSHI_WORKERS") or os.cpu_count() or 1
        output = Path(str(get("OUTPUT_PATH"))).resolve()
        return cls(
            feeds_dir=feeds_dir,
            today=parse_today(settings.get("DISCLOSURE_TODAY")),
            siteurl=str(get("SITEURL")).rstrip("/"),
            sitename=str(get("SITENAME")),
            output_dir=output,
            cache_dir=(cache if cache.is_absolute() else base / cache) / _folder_key(output),
            theme_dir=Path(str(settings.get("THEME") or PACKAGE_DIR.parents[1] / "themes" / "gongshi")),
            page_size=int(get("GONGSHI_PAGE_SIZE")),  # type: ignore[arg-type]
            workers=int(workers),
            operator=str(get("GONGSHI_OPERATOR")),
            complaint_line=str(get("GONGSHI_COMPLAINT_LINE")),
            correction=str(get("GONGSHI_CORRECTION")),
            penalty_rules=PenaltyRules(**dict(get("GONGSHI_PENALTY_RULES"))),  # type: ignore[call-overload]
            deadline_rules=deadline_rules,
            shrink_share=float(get("GONGSHI_SHRINK_SHARE")),  # type: ignore[arg-type]
            allow_shrink=bool(get("GONGSHI_ALLOW_SHRINK")),
            render_by_shape=bool(get("GONGSHI_RENDER_BY_SHAPE")),
        )


def _warn(message: str) -> None:
    import logging

    logging.getLogger("gongshi").warning("%s", message)


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
