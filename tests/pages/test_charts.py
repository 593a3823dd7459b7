"""The build-time SVG bar chart: escaped labels, values in words, an optional target line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gongshi.pages.charts import NARROW_WIDTH, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_rates_chart_has_a_target_line_and_percentages() -> None:
    svg = ET.fromstring(str(bar_chart([Bar("甲局", 0.5, "1/2"), Bar("乙局", 1.0, "3/3")], "及时率")))
    assert svg.get("aria-label") == "及时率" and svg.get("viewBox").startswith("0 0 600 ")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["甲局", "50% 1/2", "乙局", "100% 3/3"]
    assert len(list(svg.iter(f"{SVG}line"))) == 1
    short = [r for r in svg.iter(f"{SVG}rect") if "chart__bar--short" in r.get("class", "")]
    assert len(short) == 1  # below target is marked, not only by colour: the number says so too


def test_score_chart_without_target_narrow_and_escaped() -> None:
    chart = str(bar_chart([Bar("<局>", 0.865, "良好", text="86.5 分")], "得分", target=False, width=NARROW_WIDTH))
    svg = ET.fromstring(chart)
    assert "chart--narrow" in svg.get("class") and svg.get("viewBox").startswith(f"0 0 {NARROW_WIDTH} ")
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["<局>", "86.5 分 良好"]  # parsed back from &lt;局&gt;
    assert not list(svg.iter(f"{SVG}line"))
    bar = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart__bar"][0]
    assert float(bar.get("width")) == round(0.865 * (NARROW_WIDTH - 120), 1)


def test_a_bar_with_a_tone_has_a_colour_class_of_its_own() -> None:
    svg = ET.fromstring(str(bar_chart([Bar("已整改", 0.5, "1/2", tone="done"), Bar("逾期未整改", 0.5, "1/2", tone="overdue")],
                                      "整改进度", target=False, width=NARROW_WIDTH)))
    bars = [r.get("class") for r in svg.iter(f"{SVG}rect") if "chart__bar" in r.get("class", "").split()]
    assert bars == ["chart__bar chart__bar--done", "chart__bar chart__bar--overdue"]
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["已整改", "50% 1/2", "逾期未整改", "50% 1/2"]  # named in words
