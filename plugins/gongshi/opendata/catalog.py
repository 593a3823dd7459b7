"""Open data of every dataset: its public view as CSV and JSON (the same columns), and the
catalogs that describe them — `datapackage.json` (Frictionless Data Package: one resource per
CSV, its fields from the schema) and `catalog.jsonld` (DCAT: title, description, publisher,
modified, accrualPeriodicity, distributions with mediaType and downloadURL).

A download's columns are `Download.columns`: (key, Chinese header) pairs of what the page
shows, never-columns absent; a dataset with code of its own adds its computed columns (a
decision's last day of publication, an officer's status on the build day)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import orjson
import pandas as pd

from ..feeds.schema import ColumnType, Dataset
from .downloads import table_csv

FRICTIONLESS_TYPES = {ColumnType.DATE: "date", ColumnType.DECIMAL: "number", ColumnType.INTEGER: "integer",
                      ColumnType.BOOLEAN: "boolean"}


@dataclass(frozen=True)
class Download:
    dataset: Dataset
    columns: list[tuple[str, str]]  # (key, header) in order
    frame: pd.DataFrame  # the published records, as shown (text cells)
    feed_path: str = ""  # an Atom feed of the same records, a third distribution in the catalog

    @property
    def csv_path(self) -> str:
        return f"downloads/{self.dataset.name}.csv"

    @property
    def json_path(self) -> str:
        return f"downloads/{self.dataset.name}.json"


def as_text(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> pd.DataFrame:
    """The columns as text: a missing value is an empty cell, a number as it is written."""
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        return value if isinstance(value, str) else str(value)

    return pd.DataFrame({key: [cell(v) for v in frame[key].tolist()] for key, _ in columns}, index=frame.index)


def download_csv(download: Download) -> bytes:
    return table_csv(download.frame, download.columns)


def download_json(download: Download, today: str) -> bytes:
    keys = [key for key, _ in download.columns]
    document = {"dataset": download.dataset.name, "title": download.dataset.title, "generated_on": today,
                "count": len(download.frame), "fields": [{"name": k, "title": h} for k, h in download.columns],
                "records": [dict(zip(keys, row)) for row in zip(*(download.frame[k].tolist() for k in keys))]}
    return orjson.dumps(document) + b"\n"


def _field(dataset: Dataset, key: str, header: str) -> dict[str, str]:
    column = next((c for c in dataset.columns if c.key == key), None)
    kind = FRICTIONLESS_TYPES.get(column.type, "string") if column is not None else "string"
    field = {"name": key, "title": header, "type": kind}
    if column is not None and column.description:
        field["description"] = column.description
    return field


def datapackage(downloads: list[Download], site_name: str, base_url: str) -> bytes:
    """The Data Package of the CSV downloads: what a program needs to read each one."""
    resources = []
    for d in downloads:
        resources.append({
            "name": d.dataset.name.replace("_", "-"), "title": d.dataset.title, "description": d.dataset.description,
            "path": d.csv_path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": {"fields": [_field(d.dataset, key, header) for key, header in d.columns]},
        })
    package = {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "name": "gongshi",
               "title": site_name, "homepage": base_url, "resources": resources}
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def dcat_catalog(downloads: list[Download], site_name: str, publisher: str, base_url: str, today: str) -> bytes:
    """DCAT-AP style catalog (JSON-LD) of the same datasets, with both distributions of each."""
    datasets = []
    for d in downloads:
        datasets.append({
            "@type": "dcat:Dataset", "@id": base_url + d.csv_path.removesuffix(".csv"),
            "dct:title": d.dataset.title, "dct:description": d.dataset.description, "dct:language": "zh-CN",
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
            "dct:modified": {"@value": today, "@type": "xsd:date"},
            "dct:accrualPeriodicity": {"@id": "http://purl.org/cld/freq/daily"},
            "dcat:distribution": [
                {"@type": "dcat:Distribution", "dct:format": "CSV", "dcat:mediaType": "text/csv",
                 "dcat:downloadURL": {"@id": base_url + d.csv_path}},
                {"@type": "dcat:Distribution", "dct:format": "JSON", "dcat:mediaType": "application/json",
                 "dcat:downloadURL": {"@id": base_url + d.json_path}},
            ] + ([{"@type": "dcat:Distribution", "dct:format": "Atom", "dcat:mediaType": "application/atom+xml",
                   "dcat:downloadURL": {"@id": base_url + d.feed_path}}] if d.feed_path else []),
        })
    catalog = {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                            "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
               "@type": "dcat:Catalog", "@id": base_url + "catalog.jsonld", "dct:title": site_name,
               "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
               "dct:language": "zh-CN", "foaf:homepage": {"@id": base_url}, "dcat:dataset": datasets}
    return json.dumps(catalog, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
