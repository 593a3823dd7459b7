"""Pages stage: Jinja pages for records, listings and lookups, written through the gate.

Records are rendered by this stage with the theme's Jinja environment, not as Pelican
Articles (DESIGN.md, invariant 5). The theme's static files are copied through the same
writer, so a rebuild with no change rewrites nothing.
"""

from __future__ import annotations

from pathlib import Path

from . import companies, inspections, penalties, site, supervision
from .lookup import lookup_files
from .render import make_environment, render_jobs, templates_fingerprint

__all__ = ["register", "run"]


def copy_theme_static(theme_dir: Path, writer) -> None:  # noqa: ANN001 - OutputWriter
    static = theme_dir / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file():
            writer.write("theme/" + path.relative_to(static).as_posix(), path.read_bytes())


def run(state) -> None:  # noqa: ANN001 - BuildState
    settings = state.settings
    writer = state.open_writer()
    agencies = state.public["agencies"].frame
    officers = state.public["officers"].frame
    powers = state.public["powers"].frame
    env = make_environment(settings)
    base = templates_fingerprint(settings)

    decisions = state.public["penalties"].frame
    published = penalties.ordered_public(decisions)
    checks = inspections.ordered_public(state.public["inspections"].frame)
    outcomes = state.public["supervision"].frame

    copy_theme_static(settings.theme_dir, writer)
    counts = {"penalties": len(published), "inspections": len(checks),
              "inspection_tasks": checks["task_no"].nunique(),
              "supervision": int((outcomes["pub_state"] == "public").sum())}
    jobs: list = [site.home_job(agencies, officers, powers, counts, settings.today),
            site.not_found_job(), site.data_dictionary_job()]
    jobs += site.agency_jobs(agencies, officers, powers, settings.page_size)
    jobs += site.power_jobs(powers, agencies, settings.page_size)
    calendar = state.calendar
    warning = calendar.fallback_warning() if calendar is not None and calendar.fallback_years else ""
    jobs.append(site.timeliness_job(state.timeliness, settings.today, warning))
    jobs += site.officer_listing_jobs(officers, agencies, settings.page_size)
    jobs += penalties.listing_jobs(published, settings.page_size)
    jobs += companies.company_jobs(published, checks)
    jobs += inspections.inspection_jobs(checks, settings.page_size)
    jobs += supervision.supervision_jobs(outcomes, settings.page_size)
    officer_pages = site.officer_pages(officers, agencies, settings.today)
    decision_pages = penalties.decision_jobs(decisions)
    render_jobs([jobs, officer_pages, decision_pages], env, writer, base, settings.workers)
    for relpath, data in lookup_files(officers["certificate_no"], "officers/lookup").items():
        writer.write(relpath, data)
    for relpath, data in lookup_files(companies.company_lookup_entries(published, checks),
                                     "companies/lookup").items():
        writer.write(relpath, data)
    state.facts["pages"] = len(jobs) + len(officer_pages) + len(decision_pages)


def register() -> None:
    from ..pipeline import enable_stage

    enable_stage("pages", run)
