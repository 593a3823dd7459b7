"""Removals as data: the records that have left publication, so that an aggregator or mirror
learns to take them down too (the Atom feeds of new records never say so).

    downloads/removals.json   {"generated": build day, "count": N, "records": [...]}
    downloads/removals.csv    the same records and columns (UTF-8 with BOM, formula-safe)
    feeds/removals.atom       the newest FEED_ENTRIES of them

A record is listed while it keeps a short page at its URL (撤回 or 公示期满, penalty_gone.html):
the penalty decisions, and the records of a dataset published from its schema that its
`withdrawnIf` withdraws (a 行政许可 撤销 or 撤回, record_gone.html). Its other records have no such
state (a record past its validUntil stays published, shown 已过期; one removed from its feed has
no page left), so they are not listed. Each record holds the dataset, the key as published, the page's
URL, the reason and the day: never a party detail, nor the 撤回原因 (free text that may name
people)."""

from __future__ import annotations

import datetime as dt

import orjson
import pandas as pd

from ..feeds.schema import Column, ColumnType, Dataset
from ..pages import urls
from .atom import AtomEntry, SiteInfo, entries_feed
from .catalog import Download
from .downloads import table_csv
from .sitemap import page_url

JSON_PATH = "downloads/removals.json"
CSV_PATH = "downloads/removals.csv"
FEED_PATH = "feeds/removals.atom"
# Where the feed's alternate link points: the data dictionary's note on these files.
HTML_PATH = "data-dictionary/#removals"

REASON_LABELS = {"withdrawn": "撤回", "expired": "公示期满", "credit_repaired": "信用修复"}
ONE_DAY = dt.timedelta(days=1)

REMOVALS = Dataset(
    name="removals", title="停止公示的记录",
    description="已撤回、公示期满或因信用修复提前停止公示的记录（仍保留说明页面），供转载、汇聚本站数据者同步下架；"
                "不含当事人信息和撤回原因。",
    key=("dataset", "key"),
    columns=(
        Column("dataset", "数据集", description="记录所属数据集的名称（penalties：行政处罚决定；licences：行政许可决定）"),
        Column("key", "记录键", description="公示时的记录键（行政处罚决定为决定书文号，行政许可决定为行政许可决定文书号）"),
        Column("url", "页面地址", description="该记录的页面（现为停止公示的说明页面）"),
        Column("reason", "停止公示原因代码",
               description="withdrawn（撤回；行政许可为撤销或撤回）、expired（公示期满）或 credit_repaired（信用修复）"),
        Column("reason_label", "停止公示原因"),
        Column("date", "停止公示日期", ColumnType.DATE,
               description="撤回的为撤回日期；其余为不再公示的第一天（公示截止日期的次日）"),
    ))
COLUMNS = [(c.key, c.header) for c in REMOVALS.columns]


def removal_download() -> Download:
    """The catalog's entry for these files (the catalogs read the columns, not the records)."""
    return Download(REMOVALS, COLUMNS, pd.DataFrame({key: [] for key, _ in COLUMNS}), feed_path=FEED_PATH)


def penalty_removals(frame: pd.DataFrame, base: str) -> list[dict[str, str]]:
    """The decisions withdrawn or ended on the build day (schedule stage's pub_state), newest
    first, then by 决定书文号. A decision ended by 信用修复 is told apart from one whose window ran
    out by its last day: the day before the repair (schedule.penalties.last_public_day)."""
    removals = []
    for number, state, withdrawn_on, last_day, repaired_on in zip(
            frame["decision_no"].tolist(), frame["pub_state"].tolist(), frame["withdrawn_on"].tolist(),
            frame["last_day"].tolist(), frame["credit_repaired_on"].tolist()):
        if state == "withdrawn":
            reason, day = "withdrawn", withdrawn_on
        elif state == "ended":
            day = (dt.date.fromisoformat(last_day) + ONE_DAY).isoformat()
            reason = "credit_repaired" if repaired_on == day else "expired"
        else:
            continue  # (public: still shown; scheduled: not shown yet, so never removed)
        removals.append({"dataset": "penalties", "key": number, "url": page_url(base, urls.decision_file(number)),
                         "reason": reason, "reason_label": REASON_LABELS[reason], "date": day})
    return newest_first(removals)


def schema_removals(tables: list, base: str) -> list[dict[str, str]]:
    """The records of schema-published datasets withdrawn on the build day (withdrawnIf): the
    day is the record's own (撤销日期), blank when the feed does not give it."""
    from ..pages import generic

    removals = []
    for table in tables:
        dataset = table.dataset
        state, _, on = dataset.withdrawn_if
        for record in generic.withdrawn_records(table):
            removals.append({"dataset": dataset.name, "key": str(generic.url_key_text_of(dataset, record)),
                             "url": page_url(base, urls.file_of(urls.record(dataset.url_folder, record["url_key"]))),
                             "reason": "withdrawn", "reason_label": record[state], "date": record[on] or ""})
    return removals


def newest_first(removals: list[dict[str, str]]) -> list[dict[str, str]]:
    by_key = sorted(removals, key=lambda r: (r["key"], r["dataset"]))
    return sorted(by_key, key=lambda r: r["date"], reverse=True)  # (stable: ties stay by key)


def removals_json(removals: list[dict[str, str]], today: str) -> bytes:
    return orjson.dumps({"generated": today, "count": len(removals), "records": removals}) + b"\n"


def removals_csv(removals: list[dict[str, str]]) -> bytes:
    return table_csv(pd.DataFrame({key: [r[key] for r in removals] for key, _ in COLUMNS}, dtype=object), COLUMNS)


def removals_feed(removals: list[dict[str, str]], site: SiteInfo) -> bytes:
    """The newest removals as Atom entries, each linking to the record's short page. An entry's
    id is the page's URL with the reason as fragment: the page's own URL is already the id of
    the decision's entry in the feeds of new records."""
    entries = []
    for r in removals:
        if not r["date"]:
            continue  # (an entry needs a day: a 撤销 whose feed gives none is in the JSON and CSV only)
        path = r["url"].removeprefix(site.base)
        if r["reason"] == "withdrawn":
            summary = f"该记录已于 {r['date']} {r['reason_label']}，不再公示。" if r["date"] else \
                f"该记录已{r['reason_label']}，不再公示。"
        else:
            summary = f"该记录自 {r['date']} 起不再公示（{r['reason_label']}）。"
        entries.append(AtomEntry(f"{r['reason_label']}：{r['key']}", path, r["date"], summary,
                                 f"{r['dataset']}/{r['key']}", id_fragment="removed-" + r["reason"]))
    return entries_feed(entries, site, f"{site.name}：停止公示的记录", FEED_PATH, HTML_PATH)


def removal_files(frame: pd.DataFrame, site: SiteInfo, today: str, withdrawing: list = ()) -> list[tuple[str, bytes]]:
    removals = newest_first(penalty_removals(frame, site.base) + schema_removals(list(withdrawing), site.base))
    return [(JSON_PATH, removals_json(removals, today)), (CSV_PATH, removals_csv(removals)),
            (FEED_PATH, removals_feed(removals, site))]
