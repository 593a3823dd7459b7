"""Builds of the sample city and of small hand-made feeds, checked as a visitor would."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.privacy import never_values
from gongshi.schedule import DATA_STATUS, OFFICER_STATUS_LABELS, officer_status
from tests.feedkit import officers, write_feeds
from tests.sitekit import ROOT, SAMPLE_FEEDS, build_site, tree

TODAY = "2026-11-23"


# sample_site: the session's one build of the sample city (tests/conftest.py).


def test_sample_site_has_every_officer_agency_and_power_page(sample_site: Path) -> None:
    raw = load_feeds(SAMPLE_FEEDS, ProblemLog())
    for number in raw["officers"].frame["certificate_no"]:
        assert (sample_site / "officers" / number / "index.html").is_file()
    for uscc in raw["agencies"].frame["uscc"]:
        assert (sample_site / "agencies" / uscc / "index.html").is_file()
    for code in raw["powers"].frame["code"]:
        assert (sample_site / "powers" / code / "index.html").is_file()
    for page in ("index.html", "officers/index.html", "agencies/index.html", "powers/index.html",
                 "about/index.html", "404.html", "officers/lookup/meta.json"):
        assert (sample_site / page).is_file(), page


def test_every_page_is_simplified_chinese_with_a_csp_forbidding_inline_script(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 600
    for page in pages:
        html = page.read_text("utf-8")
        assert '<html lang="zh-CN">' in html, page
        assert "script-src 'self'" in html, page
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html), page  # no inline script (JSON-LD is data, never run)
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page  # no third-party request


def test_officer_status_on_the_day_in_words_and_data_attribute(sample_site: Path) -> None:
    import datetime as dt

    officers_frame = load_feeds(SAMPLE_FEEDS, ProblemLog())["officers"].frame
    states = officer_status(officers_frame, dt.date.fromisoformat(TODAY))
    assert set(states) == set(OFFICER_STATUS_LABELS)  # the sample shows every status
    for number, state in zip(officers_frame["certificate_no"], states):
        html = (sample_site / "officers" / number / "index.html").read_text("utf-8")
        assert f'data-status="{DATA_STATUS[state]}"' in html
        assert f"证件状态：<strong>{OFFICER_STATUS_LABELS[state]}</strong>" in html
        assert "信息更新于" in html and 'class="qr"' in html


def test_no_never_value_reaches_any_file(sample_site: Path) -> None:
    from gongshi.privacy.gate import MIN_NEVER_VALUE_LENGTH

    # Short never-values such as 证件类型 "身份证" are words, not personal data: the gate (and
    # this test) look for the values that identify someone.
    values = {v for v in never_values(load_feeds(SAMPLE_FEEDS, ProblemLog())) if len(v) >= MIN_NEVER_VALUE_LENGTH}
    assert len(values) >= 600  # 身份证号 and 手机号码 of 300 officers
    everything = "\n".join(p.read_text("utf-8", errors="replace") for p in sample_site.rglob("*") if p.is_file())
    assert not [v for v in values if v in everything]


def test_officer_pages_are_small(sample_site: Path) -> None:
    sizes = [p.stat().st_size for p in (sample_site / "officers").glob("3399*/index.html")]
    assert max(sizes) < 15 * 1024


def test_lookup_index_lists_every_certificate_once(sample_site: Path) -> None:
    import json

    meta = json.loads((sample_site / "officers/lookup/meta.json").read_text())
    keys = [k for n in range(meta["shards"])
            for k in json.loads((sample_site / f"officers/lookup/{n}.json").read_text())["keys"]]
    expected = load_feeds(SAMPLE_FEEDS, ProblemLog())["officers"].frame["certificate_no"]
    assert sorted(keys) == sorted(expected)


def test_same_feeds_and_day_give_byte_identical_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "output", tmp_path / "b" / "output"
    assert build_site(SAMPLE_FEEDS, first, TODAY)[0] == 0
    assert build_site(SAMPLE_FEEDS, second, TODAY, workers=2)[0] == 0
    assert tree(first) == tree(second)


def test_rebuild_without_change_writes_nothing_and_a_change_writes_little(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds"), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    code, stats = build_site(feeds, output, TODAY)
    assert code == 0 and stats.written == 0 and stats.removed == 0
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before

    rows = officers()
    rows[0]["证件状态"] = "暂扣"
    del rows[2]  # 赵敏 leaves the roster: her page is removed
    write_feeds(feeds, officer_rows=rows)
    code, stats = build_site(feeds, output, TODAY)
    assert code == 0
    assert not (output / "officers/33990002000001/index.html").exists()
    assert 'data-status="suspended"' in (output / "officers/33990001000001/index.html").read_text()
    assert stats.removed == 1 and 0 < stats.written < 18  # (with the officers download, CSV and JSON, and the sitemap)


def test_certificate_expiry_follows_disclosure_today(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")  # 李秀英 valid until 2026-06-15 inclusive
    page = "officers/33990001000002/index.html"
    assert build_site(feeds, tmp_path / "d15", "2026-06-15")[0] == 0
    assert build_site(feeds, tmp_path / "d16", "2026-06-16")[0] == 0
    assert "证件状态：<strong>有效</strong>" in (tmp_path / "d15" / page).read_text()
    assert "证件状态：<strong>已过期</strong>" in (tmp_path / "d16" / page).read_text()
    assert 'data-status="expired"' in (tmp_path / "d16" / page).read_text()


def test_pelican_command_line_takes_feeds_and_today_with_e(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    output = tmp_path / "output"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-e",
         f'DISCLOSURE_FEEDS="{feeds}"', 'DISCLOSURE_TODAY="2026-06-16"', f'OUTPUT_PATH="{output}"',
         f'GONGSHI_CACHE="{tmp_path / "cache"}"'],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'data-status="expired"' in (output / "officers/33990001000002/index.html").read_text()
    assert "2026-06-16" in (output / "index.html").read_text()


def test_feed_errors_fail_the_build_listing_all_and_write_nothing(tmp_path: Path, capsys) -> None:
    rows = officers()
    rows[0]["有效期至"] = "明年"
    rows[1]["所属单位"] = "不存在的局"
    feeds, output = write_feeds(tmp_path / "feeds", officer_rows=rows), tmp_path / "output"
    code, _ = build_site(feeds, output, TODAY)
    err = capsys.readouterr().err
    assert code == 1
    assert "feeds/officers.csv:2 列「有效期至」" in err and "feeds/officers.csv:3 列「所属单位」" in err
    assert not any(p.is_file() for p in output.rglob("*")) if output.exists() else True


def test_privacy_gate_stops_a_phone_number_in_a_public_column(tmp_path: Path, capsys) -> None:
    rows = officers()
    rows[0]["执法类别"] = "市场监管（联系人手机13800138000）"
    feeds, output = write_feeds(tmp_path / "feeds", officer_rows=rows), tmp_path / "output"
    code, _ = build_site(feeds, output, TODAY)
    assert code == 1
    assert "手机号码" in capsys.readouterr().err
    leaked = [p for p in output.rglob("*") if p.is_file() and "13800138000" in p.read_text("utf-8", "replace")]
    assert leaked == []


def test_privacy_gate_scans_files_the_build_did_not_write(tmp_path: Path) -> None:
    feeds, output = write_feeds(tmp_path / "feeds"), tmp_path / "output"
    output.mkdir(parents=True)
    (output / "stray.csv").write_text("name,id\n张三,11010519491231002X\n", "utf-8")
    assert build_site(feeds, output, TODAY)[0] == 1


def test_hostile_feed_values_are_text_not_markup(tmp_path: Path) -> None:
    rows = officers()
    rows[0]["姓名"] = "<script>alert(1)</script>"
    rows[0]["执法类别"] = '"><img src=x onerror=alert(1)>'
    rows[0]["执法区域"] = "{{ 7*7 }}"
    feeds, output = write_feeds(tmp_path / "feeds", officer_rows=rows), tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    pages = [output / "officers/33990001000001/index.html", *(output / "officers/agency").rglob("*.html"),
             *(output / "agencies").rglob("*.html")]
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
    officer = (output / "officers/33990001000001/index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in officer
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in officer
    assert "{{ 7*7 }}" in officer


def test_data_dictionary_lists_every_column_of_every_schema(sample_site: Path) -> None:
    from gongshi.feeds.datasets import DATASETS

    html = (sample_site / "data-dictionary/index.html").read_text("utf-8")
    for dataset in DATASETS.values():
        for column in dataset.columns:
            assert f"<th scope=\"row\">{column.header}</th>" in html, column.header
    assert "CF_XDR_ZJHM" in html and "不公开" in html
