"""Links between datasets: a 裁量基准 is one page per 基准编号 with its tiers in legal order; a
decision citing its provision links to it and it counts the published decisions citing it; the
chain 事项清单 → 计划 → 任务 → 结果 is walkable; a 撤销 licence keeps a short page."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from gongshi.pages.links import cites, number, provisions
from tests.feedkit import AGENCY_A, csv_bytes, penalties, write_feeds
from tests.sitekit import SAMPLE_DAY, SAMPLE_FEEDS, build_site

TIERS = ["不予处罚", "减轻处罚", "从轻处罚", "一般处罚", "从重处罚"]


def main_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<main"):html.index("</main>")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("sample") / "output"
    code, _ = build_site(SAMPLE_FEEDS, output, SAMPLE_DAY)
    assert code == 0
    return output


def test_provisions_normalised() -> None:
    assert number("一百二十四") == 124 and number("十") == 10 and number("一百零五") == 105
    named = provisions("《中华人民共和国食品安全法》第一百二十四条第一款第（五）项")
    assert cites(provisions("依据中华人民共和国食品安全法第１２４条第１款第5项"), named)
    assert cites(provisions("《食品安全法》第一百二十四条"), named)  # (the article decides)
    assert not cites(provisions("《中华人民共和国食品安全法》第一百二十四条第一款第（一）项"), named)
    assert not cites(provisions("《中华人民共和国广告法》第一百二十四条"), named)


def test_benchmark_page_lists_tiers_in_legal_order(sample: Path) -> None:
    html = main_text(sample / "discretion" / "SJ-SP-001" / "index.html")
    shown = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert shown == TIERS  # (the feed lists 减轻处罚 last)
    assert 'class="stack tiers"' in html and 'data-label="处罚标准"' in html
    # the old per-tier address points to its row on the benchmark's page
    moved = (sample / "discretion" / "SJ-SP-001-减轻处罚" / "index.html").read_text(encoding="utf-8")
    assert "SJ-SP-001/#tier-" in unquote(moved) and "http-equiv=\"refresh\"" in moved


def test_decisions_citing_a_benchmark_link_to_it_and_are_counted(sample: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((sample / "downloads" / "penalties.csv").read_text(encoding="utf-8-sig"))))
    basis = next(k for k in rows[0] if k.startswith("处罚依据"))
    citing = sorted(r[next(k for k in rows[0] if k.startswith("决定书文号"))] for r in rows
                    if "食品安全法》第一百二十四条第一款第（五）项" in r[basis]
                    or "食品安全法》第三十四条第（十）项" in r[basis])
    assert citing
    page = main_text(sample / "discretion" / "SJ-SP-001" / "index.html")
    assert f"有 {len(citing)} 件" in page
    for number_ in citing:
        assert number_ in page
    from gongshi.pages import urls
    decision = main_text(sample / urls.decision_file(citing[0]))
    assert "适用的裁量基准" in decision and "discretion/SJ-SP-001/" in unquote(decision)


def test_withdrawn_scheduled_and_ended_decisions_are_not_counted(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=penalties())
    (feeds / "discretion.csv").write_bytes(csv_bytes([{
        "基准编号": "SJ-T-1", "违法行为": "经营超过保质期的食品", "法律依据": "《中华人民共和国食品安全法》第三十四条",
        "处罚依据": "中华人民共和国食品安全法第124条", "裁量阶次": tier, "适用情形": "情形", "处罚标准": "标准",
        "制定机关": AGENCY_A, "生效日期": "2026-01-01"} for tier in ("从重处罚", "一般处罚")]))
    output = tmp_path / "output"
    code, _ = build_site(feeds, output, "2026-11-23")
    assert code == 0
    published = list(csv.DictReader(io.StringIO((output / "downloads" / "penalties.csv").read_text(encoding="utf-8-sig"))))
    expected = sorted(r["决定书文号"] for r in published if "第一百二十四条" in r["处罚依据"])
    assert len(expected) == 3  # 101, 104, 106: not 102 (scheduled), 103 (撤回), 2025-9 (公示期满), 105 (minor)
    page = main_text(output / "discretion" / "SJ-T-1" / "index.html")
    assert "有 3 件" in page
    for gone in ("〔2026〕102号", "〔2026〕103号", "〔2025〕9号", "〔2026〕105号"):
        assert gone not in page
    assert re.findall(r'<th scope="row">([^<]+)</th>', page) == ["一般处罚", "从重处罚"]


def test_chain_links_resolve(sample: Path) -> None:
    task = main_text(sample / "inspections" / "task" / "SCJGJ-SJ-2026-001" / "index.html")
    hrefs = [unquote(h) for h in re.findall(r'href="([^"]+)"', task)]
    assert any(h.endswith("check-items/JL-SC-0101/") for h in hrefs)
    assert any(h.endswith("inspection-plans/JL-SJ-JH-2026/") for h in hrefs)
    item = main_text(sample / "check-items" / "JL-SC-0101" / "index.html")
    plan = main_text(sample / "inspection-plans" / "JL-SJ-JH-2026" / "index.html")
    assert "inspections/task/SCJGJ-SJ-2026-001/" in item and "inspection-plans/JL-SJ-JH-2026/" in item
    assert "inspections/task/SCJGJ-SJ-2026-001/" in plan and "check-items/JL-SC-0101/" in plan
    assert "SCJGJ-SJ-2025-001" not in plan  # (a 2025 task is not in the 2026 plan)
    for path in ("check-items/JL-SC-0101", "inspection-plans/JL-SJ-JH-2026", "inspections/task/SCJGJ-SJ-2026-001"):
        assert (sample / path / "index.html").is_file()  # every link of the chain is a page of the site


def test_withdrawn_licence_keeps_a_page_without_party_details(sample: Path) -> None:
    folder = sample / "licences" / "江临市监许-2026-0095号"
    page = main_text(folder / "index.html")
    assert "已撤销" in page and "2026-09-15" in page
    assert "味好鲜" not in page and "钱志远" not in page and "91339921MA8318N2X6" not in page
    assert "江临市监许〔2026〕0095号" not in (sample / "licences" / "index.html").read_text(encoding="utf-8")
    removals = json.loads((sample / "downloads" / "removals.json").read_text(encoding="utf-8"))
    entry = next(r for r in removals["records"] if r["dataset"] == "licences")
    assert entry["key"] == "江临市监许〔2026〕0095号" and entry["date"] == "2026-09-15"
    assert "味好鲜" not in json.dumps(removals, ensure_ascii=False)
