"""Per-dataset row account and the shrink guard.

Account: rows read = published + scheduled (公示日期 ahead) + withheld (by reason) + rejected
(rows with errors). Shrink guard: a dataset that had records in the last successful build and
has none now, or fewer by more than the GONGSHI_SHRINK_SHARE share, fails the build unless
staff confirm with `--allow-shrink`. The counts are kept in the cache folder, written only
after a successful build, beside the account (the build report, never published).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .feeds.problems import Problem, Severity

log = logging.getLogger("gongshi")

BUILD_REPORT_NAME = "build-report.json"
# pub_state -> reason a record is withheld (scheduled and public are their own columns)
WITHHELD_STATES = {"withdrawn": "撤回", "ended": "公示期满"}
MINOR_REASON = "未成年人"


@dataclass
class RowAccount:
    dataset: str
    title: str
    read: int = 0
    published: int = 0
    scheduled: int = 0
    withheld: dict[str, int] = field(default_factory=dict)
    rejected: int = 0

    @property
    def adds_up(self) -> bool:
        return self.read == self.published + self.scheduled + sum(self.withheld.values()) + self.rejected

    def line(self) -> str:
        withheld = sum(self.withheld.values())
        reasons = "，".join(f"{reason} {n}" for reason, n in self.withheld.items() if n)
        return (f"{self.title}：读取 {self.read} 行 = 公示 {self.published} + 待公示 {self.scheduled}"
                f" + 不公示 {withheld}" + (f"（{reasons}）" if reasons else "") + f" + 有错误未采用 {self.rejected}")

    def as_dict(self) -> dict[str, object]:
        return {"dataset": self.dataset, "title": self.title, "read": self.read, "published": self.published,
                "scheduled": self.scheduled, "withheld": dict(self.withheld), "rejected": self.rejected}


def _places(frame: pd.DataFrame) -> pd.Series:
    places = zip(frame["_file"].tolist(), frame["_sheet"].tolist(), (int(r) for r in frame["_row"].tolist()))
    return pd.Series(list(places), index=frame.index, dtype=object)


def rejected_places(problems: list[Problem]) -> set[tuple[str, str, int]]:
    """(file, sheet, row) of every row an error names."""
    return {(p.file, p.sheet, p.row) for p in problems if p.severity is Severity.ERROR and p.row is not None}


def row_account(name: str, title: str, public: pd.DataFrame, withheld_minors: int,
                rejected: set[tuple[str, str, int]] = frozenset(), raw: pd.DataFrame | None = None,
                read: int | None = None) -> RowAccount:
    """The account of one dataset. `public`: after the privacy stage (minors gone) and, where
    the dataset has one, with the schedule stage's pub_state; `raw`: the feeds stage's frame,
    when known (rejected rows are counted from it; else from the public frame); `read`: the
    feeds stage's row count (len(raw) when not given; without either, the sum of the parts)."""
    account = RowAccount(name, title, withheld={MINOR_REASON: withheld_minors})
    bad = _places(public).isin(rejected) if rejected and len(public) else pd.Series(False, index=public.index)
    if raw is not None and rejected and len(raw):
        account.rejected = int(_places(raw).isin(rejected).sum())
    else:
        account.rejected = int(bad.sum())
    good = public[~bad.to_numpy()]
    states = good["pub_state"] if "pub_state" in good.columns else pd.Series("public", index=good.index)
    counts = states.value_counts().to_dict()
    account.published = int(counts.pop("public", 0))
    account.scheduled = int(counts.pop("scheduled", 0))
    for state, n in counts.items():
        account.withheld[WITHHELD_STATES.get(str(state), str(state))] = int(n)
    parts = account.published + account.scheduled + sum(account.withheld.values()) + account.rejected
    account.read = read if read is not None else len(raw) if raw is not None else parts
    return account


def build_accounts(state) -> list[RowAccount]:  # noqa: ANN001 - BuildState
    """Every dataset's account, after the data stages of a build."""
    if state.public is None:
        return []
    reports = state.facts.get("privacy", {})
    read = state.facts.get("rows_read", {})
    rejected = rejected_places(state.log.problems)
    out = []
    for name, table in state.public.tables.items():
        report = reports.get(name)
        minors = int(getattr(report, "withheld_minors", 0) or 0)
        out.append(row_account(name, table.dataset.title, table.frame, minors, rejected, read=read.get(name)))
        if not out[-1].adds_up:
            log.warning("gongshi: %s 的行数核对不平衡（%s）", name, out[-1].line())
    return out


def failed_feeds_lines(raw, problems: list[Problem]) -> list[str]:  # noqa: ANN001 - FeedTables
    """For a build stopped by feed errors: per dataset, rows read and rows with errors."""
    rejected = rejected_places(problems)
    lines = []
    for table in raw.tables.values():
        bad = int(_places(table.frame).isin(rejected).sum()) if rejected and len(table) else 0
        lines.append(f"{table.dataset.title}：读取 {len(table)} 行，其中有错误 {bad} 行（未发布任何内容）")
    return lines


# -- shrink guard -----------------------------------------------------------------------------
class DatasetShrank(Exception):
    """A dataset lost too many records since the last build: nothing is written."""

    exitcode = 1

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("数据集记录数比上次成功构建时大幅减少，未发布任何内容（网站保持上次构建的内容）：\n"
                         + "\n".join(lines)
                         + "\n如确认数据无误（例如确已删除这些记录），请加上 --allow-shrink 重新运行。")


def shrink_lines(previous: dict[str, int], current: dict[str, int], titles: dict[str, str],
                 share: float) -> list[str]:
    """One line per dataset that had records and now has none, or lost more than `share`."""
    lines = []
    for name, before in previous.items():
        now = current.get(name, 0)
        if before <= 0 or now >= before:
            continue
        if now == 0 or (before - now) / before > share:
            lost = f"减少 {(before - now) / before:.0%}" if now else "全部消失"
            lines.append(f"数据集「{titles.get(name, name)}」（{name}）：上次构建 {before} 条，本次 {now} 条（{lost}，"
                         f"允许的减少比例为 {share:.0%}）")
    return lines


def report_path(cache_dir: Path) -> Path:
    return cache_dir / BUILD_REPORT_NAME


def previous_counts(cache_dir: Path, feeds_dir: Path | None = None) -> dict[str, int] | None:
    """Per-dataset counts of the last successful build; None before the first (or, with
    `feeds_dir`, when that build read another feeds folder)."""
    try:
        data = json.loads(report_path(cache_dir).read_text("utf-8"))
        if feeds_dir is not None and data.get("feeds") != str(feeds_dir.resolve()):
            return None
        return {str(k): int(v) for k, v in data["counts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def current_counts(accounts: list[RowAccount]) -> dict[str, int]:
    """What the guard compares: the records that are in the build (not rejected)."""
    return {a.dataset: a.read - a.rejected for a in accounts}


def save_report(cache_dir: Path, feeds_dir: Path, accounts: list[RowAccount]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = report_path(cache_dir)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    document = {"feeds": str(feeds_dir.resolve()), "counts": current_counts(accounts),
                "accounts": [a.as_dict() for a in accounts]}
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)


def check_shrink(state, accounts: list[RowAccount]) -> None:  # noqa: ANN001 - BuildState
    if state.settings.allow_shrink:
        return
    previous = previous_counts(state.settings.cache_dir)
    if previous is None:
        return
    lines = shrink_lines(previous, current_counts(accounts), {a.dataset: a.title for a in accounts},
                         state.settings.shrink_share)
    if lines:
        raise DatasetShrank(lines)
