"""Which pages the portal has, and the plain-data context of each.

Pure functions from public tables to `PageJob`s; nothing here renders or writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..feeds.datasets import AGENCIES, OFFICERS, POWER_KIND_SLUGS, POWER_KINDS, POWERS
from ..feeds.load import records
from ..feeds.schema import Column, Dataset, Privacy
from ..schedule import DATA_STATUS, OFFICER_STATUS_LABELS, Timeliness
from . import urls
from .render import LazyJobs, PageJob

AGENCY_PREVIEW = 20  # officers / power items shown on an agency's own page


def public_fields(dataset: Dataset, record: dict[str, Any]) -> list[dict[str, str]]:
    """(label, value) pairs for a record's summary list, in schema order."""
    return [{"label": c.display_label, "key": c.key, "value": record.get(c.key, "")}
            for c in dataset.columns if c.privacy is Privacy.PUBLIC]


def paginate(base_url_of: Any, items: list[Any], size: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(url, pagination context) for each page of a listing. An empty listing has one page."""
    pages = max(1, math.ceil(len(items) / size))
    for number in range(1, pages + 1):
        yield base_url_of(number), {
            "items": items[(number - 1) * size:number * size],
            "page": number, "pages": pages, "total": len(items),
            "first_index": (number - 1) * size + 1,
            "nav": page_nav(number, pages, len(items), base_url_of),
        }


def page_nav(number: int, pages: int, total: int, url_of: Any) -> dict[str, Any]:
    """What components.pagination shows: texts, links and which link is the current page, and
    no number a template compares (a listing page rendered by shape, skeleton.py, would
    otherwise have a shape of its own for every page number). Empty for a single page."""
    if pages <= 1:
        return {}
    return {"page": str(number), "pages": str(pages), "total": str(total),
            "prev_url": url_of(number - 1) if number > 1 else "",
            "next_url": url_of(number + 1) if number < pages else "",
            "links": [{"label": str(n), "url": url_of(n), "current": n == number}
                      for n in range(1, pages + 1)] if pages <= 20 else []}


def agency_disclosures(published_penalties: pd.DataFrame, published_checks: pd.DataFrame,
                       published_outcomes: pd.DataFrame,
                       schema_published: list[tuple[Dataset, pd.DataFrame]] = ()) -> dict[str, list[dict[str, Any]]]:
    """Agency name -> links to what it has published or had assessed: its penalty decisions
    (处罚机关), its spot checks (检查机关), its supervision outcomes (被评查单位) and the records
    of datasets published from their schema (their agencyField). These feeds name agencies in
    words, so they are matched by name; an empty kind is left out."""
    from .generic import agency_counts

    links: dict[str, list[dict[str, Any]]] = {}
    kinds = [
        (published_penalties["authority"].value_counts(), "件行政处罚决定公示中",
         lambda name: urls.penalties_by("authority", urls.slug(name))),
        (published_checks.drop_duplicates("task_no")["authority"].value_counts(), "个双随机抽查任务结果",
         lambda name: urls.inspections_by("authority", urls.slug(name))),
        (published_outcomes["unit"].value_counts(), "项执法监督考核结果", urls.supervision_unit),
    ]
    for counts, words, url_of in kinds:
        for name, count in sorted(counts.items()):
            links.setdefault(name, []).append({"count": int(count), "words": words, "url": url_of(name)})
    for dataset, frame in schema_published:
        for name, (count, url) in sorted(agency_counts(dataset, frame).items()):
            links.setdefault(name, []).append({"count": count, "words": f"条{dataset.title}", "url": url})
    return links


def agency_jobs(agencies: pd.DataFrame, officers: pd.DataFrame, powers: pd.DataFrame,
                page_size: int, disclosures: dict[str, list[dict[str, Any]]] | None = None) -> Iterator[PageJob]:
    officer_counts = officers.groupby("agency_uscc").size()
    valid_counts = officers[officers["state"] == "valid"].groupby("agency_uscc").size()
    power_counts = powers.groupby("agency_uscc").size()
    rows = []
    for agency in agencies.sort_values("name").to_dict("records"):
        uscc = agency["uscc"]
        rows.append({"name": agency["name"], "url": urls.agency(uscc), "kind": agency["kind"],
                     "domain": agency["domain"], "region": agency["region"],
                     "officers": int(officer_counts.get(uscc, 0)),
                     "officers_valid": int(valid_counts.get(uscc, 0)),
                     "powers": int(power_counts.get(uscc, 0)),
                     "officers_url": urls.officers_of_agency(uscc),
                     "powers_url": urls.powers_of_agency(uscc)})
    yield PageJob(urls.file_of("agencies/"), "agencies.html", {"section": "agencies", "agencies": rows})

    by_name = dict(zip(agencies["name"], agencies["uscc"]))
    for agency, row in zip(agencies.sort_values("name").to_dict("records"), rows):
        uscc = agency["uscc"]
        mine = officers[officers["agency_uscc"] == uscc].sort_values("certificate_no")
        items = powers[powers["agency_uscc"] == uscc].sort_values("code").assign(agency_name=agency["name"])
        parent_uscc = by_name.get(agency["parent"]) or (agency["parent"] if agency["parent"] in by_name.values() else "")
        yield PageJob(urls.file_of(urls.agency(uscc)), "agency.html", {
            "section": "agencies",
            "agency": {k: agency[k] for k in agency if not k.startswith("_")},
            "fields": public_fields(AGENCIES, agency),
            "parent_url": urls.agency(parent_uscc) if parent_uscc else "",
            "disclosures": (disclosures or {}).get(agency["name"], []),
            "summary": row,
            "officers": [_officer_row(o) for o in mine.head(AGENCY_PREVIEW).to_dict("records")],
            "powers": [_power_row(p) for p in items.head(AGENCY_PREVIEW).to_dict("records")],
            "power_kinds": [{"kind": k, "count": int(n)} for k, n in
                            items.groupby("kind").size().items()],
        })


def contact_job(agencies: pd.DataFrame, correction: str) -> PageJob:
    """/contact/ (监督投诉与纠错): the portal's complaint line, each agency's contact and
    complaint lines, how to ask for a correction, how 信用修复 is requested."""
    rows = [{"name": a["name"], "url": urls.agency(a["uscc"]), "phone": a["phone"],
             "complaint_phone": a["complaint_phone"] or a["phone"], "address": a["address"]}
            for a in agencies.sort_values("name").to_dict("records")]
    return PageJob(urls.file_of("contact/"), "contact.html", {"section": "contact", "agencies": rows,
                                                              "correction": correction})


def _officer_row(officer: dict[str, Any]) -> dict[str, Any]:
    state = officer["state"]
    return {"name": officer["name"], "certificate_no": officer["certificate_no"],
            "url": urls.officer(officer["certificate_no"]), "category": officer["category"],
            "valid_until": officer["valid_until"], "status": OFFICER_STATUS_LABELS[state],
            "data_status": DATA_STATUS[state]}


def _power_row(power: dict[str, Any]) -> dict[str, Any]:
    return {"code": power["code"], "name": power["name"], "url": urls.power(power["code"]),
            "kind": power["kind"], "agency": power["agency_name"], "status": power["status"]}


def officer_updated_on(officer: dict[str, Any], agency_updated: str, today: dt.date) -> str:
    """The last date on which what the page shows changed: a status change, the issue date,
    the agency's roster update, or the expiry itself (the day after 有效期至)."""
    dates = [officer["status_changed_on"], officer["issued_on"], agency_updated]
    if officer["state"] == "expired" and officer["valid_until"]:
        dates.append((dt.date.fromisoformat(officer["valid_until"]) + dt.timedelta(days=1)).isoformat())
    return max((d for d in dates if d and d <= today.isoformat()), default="")


def officer_page(officer: dict[str, Any], agency_by_uscc: dict[str, dict[str, str]], today: dt.date) -> PageJob:
    agency = agency_by_uscc[officer["agency_uscc"]]
    state = officer["state"]
    url = urls.officer(officer["certificate_no"])
    return PageJob(urls.file_of(url), "officer.html", {
        "section": "officers",
        "officer": officer,
        "page_path": url,
        "agency": {"name": agency["name"], "url": urls.agency(officer["agency_uscc"]),
                   # (where to report someone enforcing with a card that is not 有效)
                   "complaint_phone": agency["complaint_phone"] or agency["phone"]},
        "status": {"code": state, "data": DATA_STATUS[state], "label": OFFICER_STATUS_LABELS[state]},
        "updated_on": officer_updated_on(officer, agency["updated_on"], today),
    })


def officer_pages(officers: pd.DataFrame, agencies: pd.DataFrame, today: dt.date) -> LazyJobs:
    """One page per officer, made on demand by whichever process renders it."""
    agency_by_uscc = agencies.set_index("uscc")[["name", "updated_on", "phone", "complaint_phone"]].to_dict("index")
    columns = [c.key for c in OFFICERS.columns if c.privacy is Privacy.PUBLIC] + ["state", "agency_uscc"]
    return LazyJobs(records(officers, columns), functools.partial(officer_page, agency_by_uscc=agency_by_uscc,
                                                                  today=today))


def officer_listing_jobs(officers: pd.DataFrame, agencies: pd.DataFrame, page_size: int) -> Iterator[PageJob]:
    counts = officers.groupby(["agency_uscc", "state"]).size()
    by_agency: dict[str, list[dict[str, Any]]] = {}
    columns = ["name", "certificate_no", "category", "valid_until", "state", "agency_uscc"]
    for officer in records(officers.sort_values("certificate_no"), columns):
        by_agency.setdefault(officer["agency_uscc"], []).append(_officer_row(officer))
    index_rows = []
    for agency in agencies.sort_values("name").to_dict("records"):
        uscc = agency["uscc"]
        rows = by_agency.get(uscc, [])
        index_rows.append({"name": agency["name"], "url": urls.officers_of_agency(uscc),
                           "total": len(rows),
                           "valid": int(counts.get((uscc, "valid"), 0))})
        for url, pagination in paginate(lambda n, u=uscc: urls.officers_of_agency(u, n), rows, page_size):
            yield PageJob(urls.file_of(url), "officer_list.html", {
                "section": "officers", "agency": {"name": agency["name"], "url": urls.agency(uscc)},
                "pagination": pagination})
    status_totals = [{"label": OFFICER_STATUS_LABELS[s], "data": DATA_STATUS[s],
                      "count": int((officers["state"] == s).sum())} for s in OFFICER_STATUS_LABELS]
    yield PageJob(urls.file_of("officers/"), "officers.html", {
        "section": "officers", "agencies": index_rows, "total": len(officers),
        "status_totals": status_totals})


def power_jobs(powers: pd.DataFrame, agencies: pd.DataFrame, page_size: int) -> Iterator[PageJob]:
    names = dict(zip(agencies["uscc"], agencies["name"]))
    powers = powers.assign(agency_name=powers["agency_uscc"].map(names))
    for power in powers.to_dict("records"):
        yield PageJob(urls.file_of(urls.power(power["code"])), "power.html", {
            "section": "powers",
            "power": {k: v for k, v in power.items() if not k.startswith("_")},
            "fields": public_fields(POWERS, power),
            "agency_url": urls.agency(power["agency_uscc"]),
            "kind_url": urls.powers_of_kind(POWER_KIND_SLUGS[power["kind"]]),
        })
    ordered = powers.sort_values("code")
    kind_rows, agency_rows = [], []
    for kind in POWER_KINDS:
        rows = [_power_row(p) for p in ordered[ordered["kind"] == kind].to_dict("records")]
        slug = POWER_KIND_SLUGS[kind]
        kind_rows.append({"label": kind, "url": urls.powers_of_kind(slug), "count": len(rows)})
        if not rows:
            continue
        for url, pagination in paginate(lambda n, s=slug: urls.powers_of_kind(s, n), rows, page_size):
            yield PageJob(urls.file_of(url), "power_list.html", {
                "section": "powers", "heading": f"事项类别：{kind}", "pagination": pagination})
    for agency in agencies.sort_values("name").to_dict("records"):
        uscc = agency["uscc"]
        rows = [_power_row(p) for p in ordered[ordered["agency_uscc"] == uscc].to_dict("records")]
        agency_rows.append({"label": agency["name"], "url": urls.powers_of_agency(uscc), "count": len(rows)})
        for url, pagination in paginate(lambda n, u=uscc: urls.powers_of_agency(u, n), rows, page_size):
            yield PageJob(urls.file_of(url), "power_list.html", {
                "section": "powers", "heading": f"实施主体：{agency['name']}", "pagination": pagination})
    yield PageJob(urls.file_of("powers/"), "powers.html", {
        "section": "powers", "kinds": kind_rows, "agencies": agency_rows, "total": len(powers),
        "cancelled": int((powers["status"] == "已取消").sum())})


def home_job(agencies: pd.DataFrame, officers: pd.DataFrame, powers: pd.DataFrame,
             published: dict[str, int], today: dt.date, others: list[dict[str, Any]] = (),
             latest: dict[str, Any] | None = None) -> PageJob:
    """The home page; `published` counts what the record sections show (penalties,
    inspections, inspection_tasks, supervision); `others`: the datasets published from their
    schema ({title, url, count, description}); `latest`: pages.home's newest decisions and
    spot-check results and what is new ({decisions, results, new})."""
    return PageJob("index.html", "home.html", {
        "section": "home", "others": list(others),
        "latest": latest or {"decisions": [], "results": [], "new": {}},
        "built_on": today.isoformat(),
        "counts": {"agencies": len(agencies), "officers": len(officers),
                   "officers_valid": int((officers["state"] == "valid").sum()),
                   "powers": int((powers["status"] != "已取消").sum()),
                   **published},
    })


def not_found_job() -> PageJob:
    return PageJob("404.html", "404.html", {"section": ""})


def timeliness_job(timeliness: Timeliness, today: dt.date, calendar_warning: str) -> PageJob:
    """公开时效: rates per dataset and agency, coverage, the late records, annual duties."""
    from ..feeds.datasets import DATASETS
    from .charts import NARROW_WIDTH, Bar, bar_chart

    def percent(rate: float) -> str:
        return f"{rate * 100:.1f}%".replace(".0%", "%")

    title = {name: d.title for name, d in DATASETS.items()}
    coverage = {c["dataset"]: c for c in timeliness.coverage}
    datasets = [{"title": title.get(t["dataset"], t["dataset"]), "records": t["records"], "on_time": t["on_time"],
                 "rate": percent(t["rate"]),
                 "coverage": (f"{percent(coverage[t['dataset']]['rate'])}（{coverage[t['dataset']]['publishing']}"
                              f"/{coverage[t['dataset']]['agencies']}）") if t["dataset"] in coverage else "—"}
                for t in timeliness.totals(("dataset",))]
    agencies = [{"agency": t["agency"], "title": title.get(t["dataset"], t["dataset"]), "records": t["records"],
                 "late": t["late"], "rate": percent(t["rate"])}
                for t in timeliness.totals(("agency", "dataset"))]
    by_agency = timeliness.totals(("agency",))
    chart = bar_chart([Bar(t["agency"], t["rate"], f"{t['on_time']}/{t['records']}") for t in by_agency],
                      "各执法主体公开及时率", width=NARROW_WIDTH) if by_agency else ""
    return PageJob("timeliness/index.html", "timeliness.html", {
        "section": "timeliness", "built_on": today.isoformat(), "calendar_warning": calendar_warning,
        "datasets": datasets, "agencies": agencies, "chart": str(chart),
        "late": [r for r in timeliness.records if not r["on_time"]],
        "not_publishing": [{"title": title.get(c["dataset"], c["dataset"]), "agencies": c["not_publishing"]}
                           for c in timeliness.coverage if c["not_publishing"]],
        "annual": timeliness.annual_flags,
        "annual_reports": [r | {"url": f"reports/{r['year']}/statistics/"} for r in timeliness.annual_reports],
        "amount_doubts": timeliness.amount_doubts, "overdue": timeliness.overdue,
    })


PRIVACY_LABELS = {"public": "公开", "scrub": "去除个人信息后公开", "party": "组织公开；自然人仅公开姓氏（某某）",
                  "never": "不公开"}
TYPE_LABELS = {"text": "文本", "code": "编码", "date": "日期", "decimal": "数字", "integer": "整数",
               "enum": "枚举", "multi_enum": "多选枚举", "boolean": "是/否"}


def column_rules(dataset: Dataset, column: Column, *, listing: bool = True) -> list[str]:
    """The column's rules in words (the data dictionary, the templates' 填写说明). `listing`:
    with 必填 and the allowed values (the templates give them columns of their own)."""
    rules = []
    if column.required and listing:
        rules.append("必填")
    if column.unique:
        rules.append("不可重复")
    if column.required_if:
        rules.append(f"{dataset.column(column.required_if[0]).header}为“{column.required_if[1]}”时必填")
    if column.required_unless:
        rules.append(f"{dataset.column(column.required_unless[0]).header}为“{column.required_unless[1]}”时可空")
    if column.choices and listing:
        rules.append("可选值：" + " / ".join(column.choices))
    if column.default:
        rules.append(f"空白时为“{column.default}”")
    if column.check == "uscc":
        rules.append("校验位（GB 32100，校验不通过为警告）")
    if column.description:
        rules.append(column.description)
    return rules


def data_dictionary_job(datasets: dict[str, Dataset] | None = None) -> PageJob:
    """The feed contract, generated from the schemas (the same objects that validate feeds):
    the built-in datasets and a region's own."""
    from ..feeds.datasets import DATASETS
    from ..feeds.load import key_label
    from ..opendata.templates import template_path

    described = []
    for dataset in (datasets or DATASETS).values():
        columns = []
        for column in dataset.columns:
            columns.append({"header": column.header, "key": column.key, "aliases": "、".join(column.aliases),
                            "type": TYPE_LABELS[column.type.value], "privacy": PRIVACY_LABELS[column.privacy.value],
                            "rules": "；".join(column_rules(dataset, column))})
        described.append({"name": dataset.name, "title": dataset.title, "description": dataset.description,
                          "key": key_label(dataset, list(dataset.key)),
                          "optional": dataset.optional, "columns": columns,
                          "template": template_path(dataset.name)})
    return PageJob("data-dictionary/index.html", "data_dictionary.html", {"section": "", "datasets": described})
