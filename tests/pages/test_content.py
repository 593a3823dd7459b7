"""The Markdown pages staff write (content/pages) render in the portal's theme: 执法流程, the
年度报告 and 典型案例 index pages listing their members, reachable from the footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedkit import write_feeds
from tests.sitekit import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("content")
    assert build_site(write_feeds(root / "feeds"), root / "output", "2026-11-23")[0] == 0
    return root / "output"


def test_content_pages_render_in_the_theme_with_navigation(site: Path) -> None:
    for path, title in (("process/index.html", "行政执法流程"), ("reports/index.html", "年度报告"),
                        ("cases/index.html", "典型案例"), ("reports/2025/index.html", "江临市2025年度行政执法工作报告"),
                        ("cases/2026-food-safety/index.html", "销售超过保质期食品案")):
        html = (site / path).read_text("utf-8")
        assert '<html lang="zh-CN">' in html and 'aria-label="主导航"' in html, path
        assert f"<h1>{title}</h1>" in html, path
        assert 'href="/reports/">年度报告</a>' in html and 'href="/cases/">典型案例</a>' in html, path


def test_index_pages_list_their_members_and_members_lead_back(site: Path) -> None:
    reports = (site / "reports/index.html").read_text("utf-8")
    assert '<a href="/reports/2025/">江临市2025年度行政执法工作报告</a>' in reports
    assert "销售超过保质期食品案" not in reports
    cases = (site / "cases/index.html").read_text("utf-8")
    assert '<a href="/cases/2026-food-safety/">销售超过保质期食品案</a>' in cases
    member = (site / "cases/2026-food-safety/index.html").read_text("utf-8")
    assert '<a href="/cases/">典型案例</a>' in member.split("</nav>")[1]  # breadcrumb after the main nav
    assert (site / "reports/timeliness.json").is_file()  # the index page shares reports/ with the data


def test_process_page_links_stay_inside_the_site(site: Path) -> None:
    html = (site / "process/index.html").read_text("utf-8")
    assert 'href="../inspections/"' in html and 'href="../supervision/"' in html
