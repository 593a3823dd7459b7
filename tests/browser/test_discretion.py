"""A 裁量基准 on a phone: its tiers reflow into blocks (table.stack), nothing scrolls sideways."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_tier_table_reflows_at_390px(page, site) -> None:  # noqa: ANN001
    page.goto(site.url("/discretion/SJ-SP-001/"))
    rows = page.locator("table.tiers tbody tr")
    assert rows.count() == 5
    assert [rows.nth(i).locator("th").inner_text() for i in range(5)] == [
        "不予处罚", "减轻处罚", "从轻处罚", "一般处罚", "从重处罚"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    box = rows.nth(0).bounding_box()
    assert box["width"] <= 390
