"""行政执法统计年报: for each year that has ended, counts and sums per agency and in total,
computed from the public tables on the build day (schedule.annual says which years).

Only counts and sums leave this module, per agency: no record, no party. The tables it reads
are the privacy stage's, so a record that stage withheld (a minor's) is not counted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from ..feeds.datasets import AGENCY_KINDS, GRADES, INSPECTION_RESULTS, PENALTY_KINDS
from ..schedule import PenaltyRules, annual
from .render import PageJob

TOTAL = "合计"
CSV_COLUMNS = [("table", "统计表"), ("row", "执法主体或类别"), ("measure", "统计项"), ("value", "数值")]


@dataclass
class FigureTable:
    """One table of the report: a row per agency (or category) and a 合计 row last."""

    caption: str
    row_label: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]

    def as_context(self) -> dict[str, Any]:
        return {"caption": self.caption, "row_label": self.row_label, "columns": self.columns,
                "rows": [{"name": name, "cells": cells, "total": name == TOTAL} for name, cells in self.rows]}


def report_title(sitename: str, year: int) -> str:
    """"江临市2025年度行政执法统计年报": the region is the site's name without the portal's."""
    for suffix in ("行政执法信息公示平台", "行政执法公示平台", "执法公示平台", "公示平台"):
        if sitename.endswith(suffix) and sitename != suffix:
            return f"{sitename.removesuffix(suffix)}{year}年度行政执法统计年报"
    return f"{sitename}{year}年度行政执法统计年报"


def report_url(year: int) -> str:
    return f"reports/{year}/statistics/"


def download_path(year: int, extension: str) -> str:
    return f"downloads/reports/statistics-{year}.{extension}"


def amount(text: object) -> Decimal:
    try:
        return Decimal(str(text).strip() or "0")
    except InvalidOperation:  # (the feeds stage has typed the column: nothing else gets here)
        return Decimal(0)


def shown_amount(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.0001")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def in_year(frame: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
    if frame.empty or column not in frame.columns:
        return frame.iloc[0:0]
    # (one selection of a large table, not two copies)
    return frame[annual.counted_mask(frame) & frame[column].str.startswith(f"{year}-")]


def per_agency(names: list[str], frame: pd.DataFrame, agency_column: str,
               measures: list[tuple[str, Callable[[pd.DataFrame], str]]]) -> list[tuple[str, list[str]]]:
    """A row per agency (the 执法主体名单's, then any other name the records give), then 合计."""
    groups = dict(tuple(frame.groupby(agency_column, sort=True))) if not frame.empty else {}
    others = sorted(name for name in groups if name not in names)
    rows = []
    for name in [*names, *others]:
        part = groups.get(name, frame.iloc[0:0])
        rows.append((name, [measure(part) for _, measure in measures]))
    rows.append((TOTAL, [measure(frame) for _, measure in measures]))
    return rows


def count(part: pd.DataFrame) -> str:
    return str(len(part))


def count_where(column: str, value: str) -> Callable[[pd.DataFrame], str]:
    return lambda part: str(int((part[column] == value).sum())) if len(part) else "0"


def total_of(column: str) -> Callable[[pd.DataFrame], str]:
    return lambda part: shown_amount(sum((amount(v) for v in part[column].tolist()), Decimal(0)))


def count_kind(kind: str) -> Callable[[pd.DataFrame], str]:
    """Decisions with this 处罚类别 among theirs (a decision of two kinds counts under both)."""
    return lambda part: str(sum(kind in kinds.split(";") for kinds in part["penalty_kinds"].tolist())) if len(part) else "0"


def cases_reviewed(part: pd.DataFrame) -> str:
    if not len(part):
        return "0"
    return str(sum(int(amount(v)) for v in part.loc[part["kind"] == "案卷评查", "cases_reviewed"].tolist()))


def officers_valid_at(officers: pd.DataFrame, day: str) -> pd.DataFrame:
    """Officers whose card was valid on `day` as far as the roster tells: issued by then (a
    blank 发证日期 counts as issued), 有效期至 not before it, and no 暂扣/注销/吊销 recorded on
    or before it (one without a 状态变更日期 cannot be dated: it is not counted)."""
    if officers.empty:
        return officers
    issued = (officers["issued_on"] == "") | (officers["issued_on"] <= day)
    unexpired = officers["valid_until"] >= day
    changed = officers["status_changed_on"]
    stopped = (officers["status"] != "有效") & ((changed == "") | (changed <= day))
    return officers[issued & unexpired & ~stopped]


def year_tables(public: dict[str, pd.DataFrame], year: int) -> list[FigureTable]:
    agencies = public["agencies"].sort_values("name")
    names = agencies["name"].tolist()
    end = f"{year}-12-31"
    empty = pd.DataFrame()
    tables = []

    listed = agencies[(agencies["valid_until"] == "") | (agencies["valid_until"] >= end)]
    kinds = [(kind, [str(int((listed["kind"] == kind).sum()))]) for kind in AGENCY_KINDS]
    tables.append(FigureTable("执法主体（按主体类别）", "主体类别", ["主体数"], [*kinds, (TOTAL, [str(len(listed))])]))

    officers = officers_valid_at(public["officers"], end)
    by_uscc = dict(zip(agencies["uscc"], agencies["name"]))
    officers = officers.assign(agency_name=officers["agency_uscc"].map(by_uscc).fillna(officers["agency"]))
    tables.append(FigureTable(f"执法人员（{year}年12月31日持有效执法证件）", "执法主体", ["人数"],
                              per_agency(names, officers, "agency_name", [("人数", count)])))

    licences = in_year(public.get("licences", empty), "decided_on", year)
    tables.append(FigureTable("行政许可决定", "许可机关", ["决定件数"],
                              per_agency(names, licences, "authority", [("决定件数", count)])))

    decisions = in_year(public["penalties"], "decided_on", year)
    measures = [("决定件数", count), ("其中重大行政处罚", lambda p: str(int(p["major"].sum())) if len(p) else "0"),
                ("罚款金额（万元）", total_of("fine")),
                ("没收违法所得、没收非法财物金额（万元）", total_of("confiscation"))]
    tables.append(FigureTable("行政处罚决定", "处罚机关", [m for m, _ in measures],
                              per_agency(names, decisions, "authority", measures)))
    found = {kind for kinds in decisions["penalty_kinds"].tolist() for kind in kinds.split(";")}
    kind_measures = [(kind, count_kind(kind)) for kind in PENALTY_KINDS if kind in found]
    tables.append(FigureTable("行政处罚决定（按处罚类别）", "处罚机关", [m for m, _ in kind_measures],
                              per_agency(names, decisions, "authority", kind_measures)))

    measures_taken = in_year(public.get("coercive", empty), "starts_on", year)
    tables.append(FigureTable("行政强制措施", "实施机关", ["实施件数"],
                              per_agency(names, measures_taken, "authority", [("实施件数", count)])))

    checks = in_year(public["inspections"], "completed_on", year)
    results = [r for r in INSPECTION_RESULTS if len(checks) and (checks["result"] == r).any()]
    check_measures = [("抽查任务数", lambda p: str(p["task_no"].nunique()) if len(p) else "0"), ("检查对象数", count),
                      *[(f"检查结果：{r}", count_where("result", r)) for r in results]]
    tables.append(FigureTable("双随机抽查", "检查机关", [m for m, _ in check_measures],
                              per_agency(names, checks, "authority", check_measures)))

    outcomes = in_year(public["supervision"], "completed_on", year)
    grades = [g for g in GRADES if len(outcomes) and (outcomes["grade"] == g).any()]
    oversight_measures = [("案卷评查（项）", count_where("kind", "案卷评查")), ("评查案卷数", cases_reviewed),
                          ("专项监督（项）", count_where("kind", "专项监督")),
                          ("执法考核（项）", count_where("kind", "执法考核")),
                          *[(f"等次：{g}", count_where("grade", g)) for g in grades]]
    tables.append(FigureTable("执法监督", "被评查（监督、考核）单位", [m for m, _ in oversight_measures],
                              per_agency(names, outcomes, "unit", oversight_measures)))
    return tables


def notes(year: int, built_on: str, rules: PenaltyRules) -> list[str]:
    return [
        f"本年报由平台根据 {built_on} 公开的数据自动生成，统计 {year} 年 1 月 1 日至 12 月 31 日的情况；"
        "各执法主体按决定书中的处罚机关、许可机关、实施机关、检查机关或被评查单位统计。公开数据更正后，本年报随之更新。",
        "已撤回的决定不计入；公示期满或信用修复后停止公示的决定仍计入（本年报是统计，不是公示）。"
        "尚未到公示日期的记录不计入。",
        "依法不予公开的记录（当事人为未成年人的）不计入本年报。",
        "执法主体：执法主体名单中主体资格有效期至不早于当年 12 月 31 日的主体。",
        f"执法人员：执法人员名单中发证日期不晚于 {year} 年 12 月 31 日、证件有效期至不早于该日，"
        "且没有在该日以前被暂扣、注销或吊销的人员；证件已暂扣、注销或吊销但未填写状态变更日期的，无法判断发生时间，不计入。"
        "名单只记录证件的当前状态，已移出名单的人员和已恢复的暂扣无法反映，该数字反映的是现有名单。",
        "行政处罚按处罚决定日期、行政许可按许可决定日期、行政强制按期限起始日期、双随机抽查和执法监督按完成日期归入年度；"
        "同一抽查任务跨年度完成的，在各年度分别计入。一件处罚决定含多个处罚类别的，在每个类别下各计一次。"
        f"重大行政处罚指罚款超过 {shown_amount(Decimal(str(rules.major_fine)))} 万元、责令停产停业超过 "
        f"{rules.major_suspension_months} 个月或吊销许可证件的决定。金额单位为万元。",
    ]


@dataclass
class YearReport:
    year: int
    title: str
    tables: list[FigureTable]
    notes: list[str]
    built_on: str

    @property
    def published_on(self) -> str:
        return annual.published_on(self.year).isoformat()

    def rows(self) -> list[dict[str, str]]:
        return [{"table": t.caption, "row": name, "measure": column, "value": value}
                for t in self.tables for name, cells in t.rows for column, value in zip(t.columns, cells)]

    def csv(self) -> bytes:
        from ..opendata.downloads import table_csv

        return table_csv(pd.DataFrame(self.rows(), columns=[k for k, _ in CSV_COLUMNS]), CSV_COLUMNS)

    def json(self) -> bytes:
        document = {"title": self.title, "year": self.year, "period": [f"{self.year}-01-01", f"{self.year}-12-31"],
                    "published_on": self.published_on, "generated_on": self.built_on,
                    "notes": self.notes, "figures": self.rows()}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"

    def job(self) -> PageJob:
        return PageJob(report_url(self.year) + "index.html", "statistics_report.html", {
            "section": "", "title": self.title, "year": self.year, "published_on": self.published_on,
            "built_on": self.built_on, "notes": self.notes, "tables": [t.as_context() for t in self.tables],
            "csv_url": download_path(self.year, "csv"), "json_url": download_path(self.year, "json"),
        })


def year_reports(public: dict[str, pd.DataFrame], sitename: str, today: dt.date,
                 rules: PenaltyRules) -> list[YearReport]:
    built_on = today.isoformat()
    return [YearReport(year, report_title(sitename, year), year_tables(public, year), notes(year, built_on, rules), built_on)
            for year in annual.report_years(public, today)]


def index_entries(public: dict[str, pd.DataFrame], sitename: str, today: dt.date) -> list[dict[str, str]]:
    """What the /reports/ index lists for each generated report (beside the staff's pages)."""
    return [{"title": report_title(sitename, year), "url": report_url(year),
             "date": annual.published_on(year).isoformat(),
             "summary": f"根据平台公开数据生成的 {year} 年度执法主体、执法人员、行政许可、行政处罚、行政强制、双随机抽查和执法监督统计。"}
            for year in annual.report_years(public, today)]


def frames_of(tables) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - PublicTables
    return {name: table.frame for name, table in tables.tables.items()}
