"""Pages stage: Jinja pages for records, listings and lookups, written through the gate.

Records are rendered by this stage with the theme's Jinja environment, not as Pelican
Articles (DESIGN.md, invariant 5). The theme's static files are copied through the same
writer, so a rebuild with no change rewrites nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..fingerprint import inputs_fingerprint, settings_fingerprint
from . import companies, generic, home, inspections, links, penalties, site, statistics, supervision
from .lookup import lookup_files
from .render import JobGroup, make_environment, render_jobs, templates_fingerprint

__all__ = ["run"]


def copy_theme_static(theme_dir: Path, writer) -> None:  # noqa: ANN001 - OutputWriter
    static = theme_dir / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file():
            writer.write("theme/" + path.relative_to(static).as_posix(), path.read_bytes())


PRINT_DAY_CSS = "theme/css/print-day.css"


def print_day_css(day: str) -> bytes:
    return ("/* 打印时每页注明数据生成日期 */\n"
            f'.print-day::after {{ content: "数据生成日期：{day}"; }}\n').encode()


def run(state) -> None:  # noqa: ANN001 - BuildState
    settings = state.settings
    writer = state.open_writer()
    agencies = state.public["agencies"].frame
    officers = state.public["officers"].frame
    powers = state.public["powers"].frame
    datasets = {name: table.dataset for name, table in state.public.tables.items()}
    env = make_environment(settings)
    base = templates_fingerprint(settings)

    decisions = state.public["penalties"].frame
    in_public = decisions[decisions["pub_state"] == "public"]

    @functools.cache  # (sorted only if a group below is made: a rebuild with no change keeps them all)
    def published() -> pd.DataFrame:
        return penalties.ordered_public(decisions)

    @functools.cache  # (the listings' pages and /penalties/'s facet links: one grouping)
    def listings() -> tuple[list[penalties.ListingPage], dict]:
        return penalties.listing_pages(published(), settings.page_size)

    checks = inspections.ordered_public(state.public["inspections"].frame)
    outcomes = state.public["supervision"].frame
    # The datasets published from their schema alone (generic.py): each table's published records.
    schema_published = {t.dataset.name: (t, generic.published_records(t)) for t in generic.schema_tables(state.public.tables)}

    copy_theme_static(settings.theme_dir, writer)
    # The build day, for printouts only (base.html links it, media=print): one small file changes
    # from day to day, not every page.
    writer.write(PRINT_DAY_CSS, print_day_css(settings.today.isoformat()))
    counts = {"penalties": len(in_public), "inspections": len(checks),
              "inspection_tasks": checks["task_no"].nunique(),
              "supervision": int((outcomes["pub_state"] == "public").sum())}
    others = [{"title": t.dataset.title, "url": generic.urls.record_listing(t.dataset.url_folder), "count": len(p),
               "description": t.dataset.description} for t, p in schema_published.values()]
    latest = {"decisions": home.newest_decisions(in_public), "results": home.newest_results(checks),
              "new": home.new_since(in_public, checks, outcomes, settings.today)}
    jobs: list = [site.home_job(agencies, officers, powers, counts, settings.today, others, latest),
                  site.not_found_job(), site.data_dictionary_job(datasets), site.contact_job(agencies, settings.correction)]
    disclosures = site.agency_disclosures(in_public, checks, supervision.ordered_public(outcomes),
                                          [(t.dataset, p) for t, p in schema_published.values()])
    jobs += site.agency_jobs(agencies, officers, powers, settings.page_size, disclosures)
    jobs += site.power_jobs(powers, agencies, settings.page_size)
    calendar = state.calendar
    # (The public page says what it means for a reader; the build log tells staff which file to add.)
    warning = (f"{'、'.join(map(str, sorted(calendar.fallback_years)))} 年的法定节假日调休安排尚未收录，这些年份的期限"
               "按周末和法定节日推算，可能与实际相差一两个工作日。") if calendar is not None and calendar.fallback_years else ""
    jobs.append(site.timeliness_job(state.timeliness, settings.today, warning))
    # The 行政执法统计年报 of each year that has ended: a page, and its figures as CSV and JSON.
    for report in statistics.year_reports(statistics.frames_of(state.public), settings.sitename, settings.today,
                                         settings.penalty_rules):
        jobs.append(report.job())
        writer.write(statistics.download_path(report.year, "csv"), report.csv())
        writer.write(statistics.download_path(report.year, "json"), report.json())
    # Links between datasets (their schemas' citedBy and foreignKeys): a decision citing a 裁量基准's
    # provision, the chain 事项清单 → 计划 → 任务 → 结果.
    task_links, sections = links.chain_links(schema_published, checks)
    cited = {}  # decision_no -> the benchmarks it cites
    for table_, frame in schema_published.values():
        if table_.dataset.cited_by and table_.dataset.cited_by[0] == "penalties":
            more, by_decision = links.citation_links(table_.dataset, frame, published())
            sections |= more
            for number, found in by_decision.items():
                cited.setdefault(number, []).extend(found)
    jobs += inspections.inspection_jobs(checks, settings.page_size, task_links)
    jobs += supervision.supervision_jobs(outcomes, settings.page_size)
    company_sections = companies.schema_sections([(t.dataset, p) for t, p in schema_published.values()])
    company_codes = companies.company_codes(published(), checks, company_sections)
    record_links = generic.Links(dict(zip(agencies["name"], agencies["uscc"])) | dict(zip(agencies["uscc"], agencies["uscc"])),
                          company_codes, sections)
    for table_, frame in schema_published.values():
        jobs += generic.dataset_jobs(table_, frame, settings.page_size, record_links, settings.today.isoformat())
        if table_.dataset.withdrawn_if:
            jobs += [generic.withdrawn_job(table_.dataset, r) for r in generic.withdrawn_records(table_)]

    # The large groups of pages, each kept as a whole when the tables it is made from (and the
    # settings, the day if it shows it, the templates and the code) are the last build's.
    # A group's key must name every table its pages read, or a rebuild could keep stale pages.
    same_day = settings_fingerprint(settings, with_today=True)
    any_day = settings_fingerprint(settings, with_today=False)
    table = state.table_fingerprint
    officers_key = inputs_fingerprint(table("officers"), table("agencies"), same_day)
    remedies = penalties.remedy_bodies(agencies)
    decisions_key = inputs_fingerprint(table("penalties"), any_day)
    # (not every agency change: only these; and the benchmarks a decision's page links to)
    benchmark_keys = [table(t.dataset.name) for t, _ in schema_published.values() if t.dataset.cited_by]
    decision_pages_key = inputs_fingerprint(decisions_key, remedies, *benchmark_keys)
    schema_keys = [table(name) for name in schema_published]
    companies_key = inputs_fingerprint(table("penalties"), table("inspections"), *schema_keys, any_day)
    groups = [
        JobGroup("pages:penalty-listings", decisions_key,
                 lambda: penalties.listing_jobs(listings()[0], published(), env, writer.gate)),
        JobGroup("pages:penalty-index", decisions_key, lambda: [penalties.index_job(published(), listings()[1])]),
        JobGroup("pages:companies", companies_key, lambda: companies.company_jobs(published(), checks, company_sections)),
        JobGroup("pages:officers", officers_key, lambda: site.officer_pages(officers, agencies, settings.today)),
        JobGroup("pages:officer-listings", officers_key,
                 lambda: list(site.officer_listing_jobs(officers, agencies, settings.page_size))),
        JobGroup("pages:decisions", decision_pages_key, lambda: penalties.decision_jobs(decisions, remedies, cited)),
    ]

    def write_lookups() -> None:
        writer.write_group("lookup:officers", officers_key,
                           lambda: lookup_files(officers["certificate_no"], "officers/lookup").items())
        writer.write_group("lookup:companies", companies_key, lambda: lookup_files(
            companies.company_lookup_entries(published(), checks, company_sections), "companies/lookup").items())

    produced_before = writer.stats.produced
    render_jobs([jobs, *groups], env, writer, base, settings.workers, meanwhile=write_lookups)
    lookups = sum(len(writer.groups[name].files) for name in ("lookup:officers", "lookup:companies"))
    state.facts["pages"] = writer.stats.produced - produced_before - lookups
