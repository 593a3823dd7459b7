"""Schema files: the built-in ones are valid Table Schemas, a plain Table Schema works with safe
defaults, and a mistake names the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongshi.feeds import load_feeds
from gongshi.feeds.datasets import BUILTIN_SCHEMAS, DATASETS, datasets_for
from gongshi.feeds.problems import ProblemLog
from gongshi.feeds.schema import ColumnType, Privacy
from gongshi.feeds.schemafile import SchemaError, dataset_from_schema, read_schema_file
from tests.feedkit import csv_bytes, write_feeds

# Table Schema (Frictionless, v2) field types and constraint names.
TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "object", "array", "list", "date", "time",
                      "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"}
TABLE_SCHEMA_CONSTRAINTS = {"required", "unique", "minLength", "maxLength", "minimum", "maximum",
                            "exclusiveMinimum", "exclusiveMaximum", "pattern", "enum", "jsonSchema"}


@pytest.mark.parametrize("path", sorted(BUILTIN_SCHEMAS.glob("*.json")), ids=lambda p: p.stem)
def test_every_builtin_schema_is_a_table_schema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    names = [f["name"] for f in schema["fields"]]
    assert len(names) == len(set(names))
    for field in schema["fields"]:
        assert field["type"] in TABLE_SCHEMA_TYPES, field
        assert set(field.get("constraints", {})) <= TABLE_SCHEMA_CONSTRAINTS, field
        assert field["privacy"] in {"public", "scrub", "party", "never"}, field  # (built-in: always explicit)
    for key in schema.get("primaryKey", []):
        assert key in names
    assert path.stem == schema["name"]


def test_a_plain_table_schema_works_with_safe_defaults() -> None:
    warnings: list[tuple[str, str]] = []
    dataset = dataset_from_schema({
        "name": "levies", "title": "行政征收",
        "primaryKey": ["levy_no"],
        "fields": [{"name": "levy_no", "title": "征收决定书文号", "type": "string", "constraints": {"required": True}},
                   {"name": "payer", "title": "缴费人", "type": "string"},
                   {"name": "amount", "title": "征收金额（元）", "type": "number"},
                   {"name": "decided_on", "title": "决定日期", "type": "date"}],
    }, "data_feeds/schemas/levies.json", warnings)
    assert [c.display_label for c in dataset.columns] == ["征收决定书文号", "缴费人", "征收金额（元）", "决定日期"]
    assert dataset.key == ("levy_no",) and dataset.publisher == "" and dataset.url_folder == "levies"
    assert [c.type for c in dataset.columns] == [ColumnType.TEXT, ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.DATE]
    # No privacy class: treated as free text with personal data removed, and staff are told which.
    assert {c.privacy for c in dataset.columns} == {Privacy.SCRUB}
    assert len(warnings) == 4 and all("未标明隐私类别" in message and "scrub" in message for _, message in warnings)
    assert "字段「payer」" in warnings[1][1]


@pytest.mark.parametrize(("schema", "named"), [
    ({"name": "x", "fields": [{"name": "a", "privacy": "public"}]}, "primaryKey"),
    ({"name": "x", "primaryKey": ["b"], "fields": [{"name": "a", "privacy": "public"}]}, "primaryKey"),
    ({"name": "x", "primaryKey": ["a"], "fields": [{"name": "a", "type": "money", "privacy": "public"}]}, "money"),
    ({"name": "x", "primaryKey": ["a"], "fields": [{"name": "a", "privacy": "secret"}]}, "privacy"),
    ({"name": "X Y", "primaryKey": ["a"], "fields": [{"name": "a"}]}, "name"),
    ({"name": "x", "primaryKey": ["a"], "fields": []}, "fields"),
    ({"name": "x", "primaryKey": ["a"], "feedDate": "a", "fields": [{"name": "a", "privacy": "public"}]}, "日期"),
    ({"name": "x", "primaryKey": ["a"], "listFields": ["zz"], "fields": [{"name": "a", "privacy": "public"}]}, "zz"),
    ({"name": "x", "primaryKey": ["a"], "overdue": {"until": "a"}, "fields": [{"name": "a", "privacy": "public"}]},
     "overdue"),
    ({"name": "x", "primaryKey": ["a"], "fields": [{"name": "a", "privacy": "public"}, {
        "name": "b", "privacy": "public", "constraints": {"enum": ["有效"]}, "enumCodes": {"1": "有效", "2": "无效"}}]},
     "enumCodes"),  # (a code must mean one of the values)
])
def test_a_schema_mistake_names_the_file_and_the_key(schema: dict, named: str) -> None:
    with pytest.raises(SchemaError) as caught:
        dataset_from_schema(schema, "data_feeds/schemas/x.json")
    assert caught.value.file == "data_feeds/schemas/x.json"
    assert named in caught.value.message


def test_builtin_schemas_describe_the_datasets_the_code_publishes() -> None:
    assert list(DATASETS)[:6] == ["agencies", "officers", "powers", "penalties", "inspections", "supervision"]
    assert DATASETS["penalties"].column("party_name").privacy is Privacy.PARTY
    assert DATASETS["penalties"].column("fine").plausible_max == 100
    assert dict(DATASETS["powers"].column("kind").slugs)["行政许可"] == "licensing"
    assert DATASETS["coercive"].publisher == ""  # published from its schema alone
    assert all(DATASETS[name].publisher == name for name in ("penalties", "officers", "inspections"))


def test_a_region_schema_beside_the_feeds_is_read_json_or_yaml(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "schemas").mkdir()
    (feeds / "schemas" / "levies.yaml").write_text(
        "name: levies\ntitle: 行政征收\nprimaryKey: [levy_no]\nfields:\n"
        "  - {name: levy_no, title: 征收决定书文号, privacy: public, constraints: {required: true}}\n"
        "  - {name: payer, title: 缴费人, privacy: party}\n", encoding="utf-8")
    (feeds / "levies.csv").write_bytes(csv_bytes([{"征收决定书文号": "江临征〔2026〕1号", "缴费人": "江临市某某公司"}]))
    log = ProblemLog()
    tables = load_feeds(feeds, log)
    assert log.errors == []
    assert tables["levies"].frame["levy_no"].tolist() == ["江临征〔2026〕1号"]
    assert tables["levies"].dataset.source == "feeds/schemas/levies.yaml"


@pytest.mark.parametrize(("text", "expected"), [
    ("{不是 JSON", "无法读取数据集结构文件"),
    (json.dumps({"name": "penalties", "primaryKey": ["a"], "fields": [{"name": "a", "privacy": "public"}]}),
     "已被内置数据集使用"),
    (json.dumps({"name": "levies", "publisher": "penalties", "primaryKey": ["a"],
                 "fields": [{"name": "a", "privacy": "public"}]}), "publisher"),
])
def test_a_broken_region_schema_is_a_feed_error_naming_the_file(tmp_path: Path, text: str, expected: str) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "schemas").mkdir()
    (feeds / "schemas" / "levies.json").write_text(text, encoding="utf-8")
    log = ProblemLog()
    load_feeds(feeds, log)
    errors = [str(p) for p in log.errors]
    assert any(e.startswith("错误 feeds/schemas/levies.json") and expected in e for e in errors), errors
    with pytest.raises(SchemaError):
        datasets_for(feeds)


def test_other_files_in_the_schemas_folder_are_reported(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "schemas").mkdir()
    (feeds / "schemas" / "levies.csv").write_bytes(csv_bytes([{"a": "1"}]))
    (feeds / "schemas" / "README.md").write_text("各地自定义数据集的结构文件")  # (notes stay notes)
    log = ProblemLog()
    load_feeds(feeds, log)
    assert [p.file for p in log.errors] == ["feeds/schemas/levies.csv"]


def test_schema_files_read_as_utf8_with_or_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes("\ufeff".encode() + json.dumps({"name": "a", "title": "征收"}, ensure_ascii=False).encode())
    assert read_schema_file(path)["title"] == "征收"
