"""Every dataset's public view as CSV and JSON, described by datapackage.json and catalog.jsonld."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gongshi.feeds.datasets import DATASETS
from tests.sitekit import SAMPLE_FEEDS, build_site

TODAY = "2026-12-03"
PUBLISHED = [name for name in DATASETS if name != "calendar"]
CATALOGUED = [*PUBLISHED, "removals"]  # (and the records that left publication: test_removals.py)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("catalog") / "output"
    assert build_site(SAMPLE_FEEDS, output, TODAY)[0] == 0
    return output


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("name", PUBLISHED)
def test_each_dataset_has_csv_and_json_of_the_same_records(site: Path, name: str) -> None:
    rows = csv_rows(site / "downloads" / f"{name}.csv")
    document = json.loads((site / "downloads" / f"{name}.json").read_bytes())
    assert document["generated_on"] == TODAY and document["count"] == len(rows) - 1
    assert [f["title"] for f in document["fields"]] == rows[0]
    keys = [f["name"] for f in document["fields"]]
    assert [[r[k] for k in keys] for r in document["records"]] == rows[1:]
    never = {c.key for c in DATASETS[name].columns if c.privacy.value == "never"}
    assert not never & set(keys)


def test_the_officers_download_says_each_status_on_the_build_day(site: Path) -> None:
    document = json.loads((site / "downloads" / "officers.json").read_bytes())
    assert {r["status_label"] for r in document["records"]} <= {"有效", "已过期", "暂扣", "已注销", "已吊销"}
    assert "id_number" not in document["records"][0] and "mobile" not in document["records"][0]


def test_datapackage_describes_each_csv_as_it_is(site: Path) -> None:
    package = json.loads((site / "datapackage.json").read_bytes())
    assert [r["name"] for r in package["resources"]] == [n.replace("_", "-") for n in CATALOGUED]
    for resource in package["resources"]:
        header = csv_rows(site / resource["path"])[0]
        assert [f["title"] for f in resource["schema"]["fields"]] == header
        assert resource["mediatype"] == "text/csv" and resource["encoding"] == "utf-8-sig"
    penalties = next(r for r in package["resources"] if r["name"] == "penalties")
    assert {"name": "decided_on", "title": "处罚决定日期", "type": "date"} in penalties["schema"]["fields"]


def test_the_dcat_catalog_lists_both_distributions_with_absolute_urls(site: Path) -> None:
    catalog = json.loads((site / "catalog.jsonld").read_bytes())
    assert catalog["@type"] == "dcat:Catalog" and len(catalog["dcat:dataset"]) == len(CATALOGUED)
    for dataset in catalog["dcat:dataset"]:
        assert dataset["dct:title"] and dataset["dct:modified"]["@value"] == TODAY
        urls = [d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]]
        feed = ["atom"] if dataset["@id"].endswith("/removals") else []
        assert [u.rsplit(".", 1)[1] for u in urls] == ["csv", "json", *feed]
        for url in urls:
            assert url.startswith(("https://zfgs.example.gov.cn/downloads/", "https://zfgs.example.gov.cn/feeds/"))
            assert (site / url.removeprefix("https://zfgs.example.gov.cn/")).is_file()


def test_each_dataset_page_describes_its_dataset_for_search_engines(sample_site: Path) -> None:
    # schema.org Dataset markup (#20): on each dataset's own page, naming its downloads, which exist.
    import re
    from urllib.parse import urlsplit

    from gongshi.feeds.datasets import datasets_for

    pages = {"penalties": "penalties", "officers": "officers", "powers": "powers", "agencies": "agencies",
             "inspections": "inspections", "supervision": "supervision"}
    pages |= {d.name: d.url_folder for d in datasets_for(SAMPLE_FEEDS).values() if not d.publisher}
    for name, folder in pages.items():
        html = (sample_site / folder / "index.html").read_text("utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, folder
        data = json.loads(blocks[0])
        assert data["@type"] == "Dataset" and data["name"] and data["inLanguage"] == "zh-CN"
        urls = [d["contentUrl"] for d in data["distribution"]]
        assert [u.rsplit("/", 1)[-1] for u in urls] == [f"{name}.csv", f"{name}.json"]
        for url in urls:
            assert (sample_site / urlsplit(url).path.lstrip("/")).is_file(), url
