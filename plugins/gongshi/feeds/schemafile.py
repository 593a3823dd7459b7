"""Schema files -> `Dataset`s: a Frictionless Table Schema (JSON or YAML) with this product's keys.

The keys are documented in `gongshi/schemas/README.md`. A plain Table Schema with none of them
already works: the `title`s are the labels, the primaryKey is the URL key, every column is
listed and searched, and a column without a privacy class is treated as `scrub` (free text,
personal data removed) with a warning naming it. A mistake in a schema is a `SchemaError`
naming the file and the key, in Chinese: staff write these files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .schema import Column, ColumnType, Dataset, Privacy

SCHEMA_SUFFIXES = (".json", ".yaml", ".yml")
LOCAL_SCHEMAS = "schemas"  # the folder under the feeds folder that holds a region's own schemas
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TYPES = {"string": ColumnType.TEXT, "date": ColumnType.DATE, "datetime": ColumnType.DATE,
          "number": ColumnType.DECIMAL, "integer": ColumnType.INTEGER, "year": ColumnType.INTEGER,
          "boolean": ColumnType.BOOLEAN}
# The publication keys a schema may give, and the Dataset field each fills.
_PUBLICATION = {"publisher": "publisher", "path": "path", "titleField": "title_field",
                "listFields": "list_fields", "searchFields": "search_fields", "feedDate": "feed_date",
                "scheduledBy": "scheduled_by", "companyFields": "company_fields", "agencyField": "agency_field",
                "navLabel": "nav_label", "validUntil": "valid_until"}
_DATASET_KEYS = {"$schema", "name", "title", "description", "primaryKey", "recordKey", "foreignKeys", "fields",
                 "sheet", "optional", "partyTypeField", "missingValues", "fieldsMatch", "deadline", "overdue",
                 "groupBy", "citedBy", "withdrawnIf", *_PUBLICATION}
_FIELD_KEYS = {"name", "title", "type", "format", "description", "example", "constraints", "trueValues",
               "falseValues", "rdfType", "code", "multiple", "aliases", "privacy", "default", "label", "facet",
               "check", "requiredIf", "requiredUnless", "orgContact", "unit", "plausibleMax", "notAfterToday", "slugs",
               "enumCodes", "labelIf"}


class SchemaError(ValueError):
    """A schema file that cannot describe a dataset: `message` names the key and what is wrong."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}：{message}")
        self.file, self.message = file, message


def read_schema_file(path: Path, shown: str = "") -> dict[str, Any]:
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(shown, f"无法读取数据集结构文件（应为 UTF-8 文本：{error}）") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as error:  # json's ValueError, yaml.YAMLError (no ValueError)
        raise SchemaError(shown, f"无法读取数据集结构文件（{error}）") from None
    if not isinstance(data, dict):
        raise SchemaError(shown, "数据集结构文件应为一个对象（含 name、fields 等键）")
    return data


def dataset_from_schema(data: dict[str, Any], source: str, warnings: list[tuple[str, str]] | None = None) -> Dataset:
    """One dataset from a parsed schema. `warnings` collects (file, message) for what is allowed
    but suspicious."""
    warnings = warnings if warnings is not None else []

    def fail(where: str, what: str) -> SchemaError:
        return SchemaError(source, where + what)

    unknown = sorted(set(data) - _DATASET_KEYS)
    if unknown:
        warnings.append((source, f"未知的键 {'、'.join(unknown)}（已忽略）"))
    name = data.get("name") or Path(source).stem
    if not isinstance(name, str) or not _SLUG.match(name):
        raise fail("name：", f"应为小写英文字母、数字、- 或 _ 组成的数据集名称（即数据文件名），实际为 {name!r}")
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise fail("fields：", "应列出至少一个字段")
    columns = tuple(_column(field, f"fields[{i}]", fail, warnings, source) for i, field in enumerate(raw_fields))
    keys = {c.key for c in columns}
    if len(keys) != len(columns):
        repeated = sorted({c.key for c in columns if sum(o.key == c.key for o in columns) > 1})
        raise fail("fields：", f"字段名重复：{'、'.join(repeated)}")
    record_key = data.get("recordKey") or data.get("primaryKey")
    if isinstance(record_key, str):
        record_key = [record_key]
    if not record_key or not isinstance(record_key, list):
        raise fail("primaryKey：", "缺少主键（每条记录的网址由它生成），例如 \"primaryKey\": [\"document_no\"]")
    for part in record_key:
        missing = [k for k in str(part).split("|") if k not in keys]
        if missing:
            raise fail("primaryKey：", f"字段 {'、'.join(missing)} 不在 fields 中")
    values: dict[str, Any] = {}
    for key, attribute in _PUBLICATION.items():
        if key not in data:
            continue
        value = data[key]
        if attribute in ("list_fields", "search_fields", "company_fields"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"{key}：", "应为字段名的列表")
            missing = [v for v in value if v not in keys]
            if missing:
                raise fail(f"{key}：", f"字段 {'、'.join(missing)} 不在 fields 中")
            value = tuple(value)
        elif not isinstance(value, str):
            raise fail(f"{key}：", f"应为文字，实际为 {value!r}")
        elif attribute in ("title_field", "feed_date", "scheduled_by", "agency_field", "valid_until") and value not in keys:
            raise fail(f"{key}：", f"字段 {value} 不在 fields 中")
        elif attribute == "path" and not _SLUG.match(value):
            raise fail(f"{key}：", f"网址目录应为小写英文字母、数字、- 或 _，实际为 {value!r}")
        values[attribute] = value
    if len(values.get("company_fields", ())) not in (0, 2):
        raise fail("companyFields：", "应为两个字段：[统一社会信用代码字段, 名称字段]")
    for key, spelled in (("feed_date", "feedDate"), ("scheduled_by", "scheduledBy"), ("valid_until", "validUntil")):
        if key in values and next(c for c in columns if c.key == values[key]).type is not ColumnType.DATE:
            raise fail(f"{spelled}：", f"字段 {values[key]} 应为日期字段")
    if "deadline" in data:
        rule = data["deadline"]
        days = rule.get("workingDays") if isinstance(rule, dict) else None
        if not isinstance(rule, dict) or rule.get("from") not in keys or not isinstance(days, int) or days <= 0:
            raise fail("deadline：", "应为 {\"from\": 日期字段, \"workingDays\": 工作日数}")
        if next(c for c in columns if c.key == rule["from"]).type is not ColumnType.DATE:
            raise fail("deadline：", f"字段 {rule['from']} 应为日期字段")
        if not values.get("agency_field") or len(record_key) != 1 or "|" in str(record_key[0]):
            raise fail("deadline：", "公开期限按执法主体统计：需要 agencyField，且主键只有一个字段")
        values["deadline"] = (rule["from"], days)
    if "overdue" in data:
        rule = data["overdue"]
        if not isinstance(rule, dict) or rule.get("until") not in keys or rule.get("unlessFilled") not in keys \
                or not isinstance(rule.get("label"), str) or not rule["label"]:
            raise fail("overdue：", "应为 {\"until\": 日期字段, \"unlessFilled\": 字段, \"label\": 说明文字}")
        if next(c for c in columns if c.key == rule["until"]).type is not ColumnType.DATE:
            raise fail("overdue：", f"字段 {rule['until']} 应为日期字段")
        values["overdue"] = (rule["until"], rule["unlessFilled"], rule["label"])
    values.update(_links(data, columns, fail))
    party_type = data.get("partyTypeField", "")
    if party_type and party_type not in keys:
        raise fail("partyTypeField：", f"字段 {party_type} 不在 fields 中")
    return Dataset(name=name, title=str(data.get("title") or name), columns=columns,
                   key=tuple(str(k) for k in record_key), sheet=data.get("sheet") or None,
                   optional=bool(data.get("optional", False)), party_type_column=party_type,
                   description=str(data.get("description", "")), source=source, **values)


def _links(data: dict[str, Any], columns: tuple[Column, ...], fail) -> dict[str, Any]:  # noqa: ANN001
    """groupBy, citedBy, withdrawnIf and foreignKeys (see schemas/README.md)."""
    by_key = {c.key: c for c in columns}
    values: dict[str, Any] = {}
    if "groupBy" in data:
        rule = data["groupBy"]
        if not isinstance(rule, dict) or rule.get("field") not in by_key or rule.get("orderBy") not in by_key:
            raise fail("groupBy：", "应为 {\"field\": 分组字段, \"orderBy\": 组内排序字段（按其取值列表的顺序）}")
        values["group_by"] = (rule["field"], rule["orderBy"])
    if "citedBy" in data:
        rule = data["citedBy"]
        provision = rule.get("provision") if isinstance(rule, dict) else None
        if isinstance(provision, str):
            provision = [provision]
        if not isinstance(rule, dict) or not isinstance(rule.get("dataset"), str) or not isinstance(rule.get("field"), str) \
                or not provision or any(p not in by_key for p in provision):
            raise fail("citedBy：", "应为 {\"dataset\": 引用的数据集, \"field\": 其依据字段, \"provision\": [本数据集的条款字段]}")
        values["cited_by"] = (rule["dataset"], rule["field"], tuple(provision))
    if "withdrawnIf" in data:
        rule = data["withdrawnIf"]
        states = rule.get("values") if isinstance(rule, dict) else None
        if not isinstance(rule, dict) or rule.get("field") not in by_key or not isinstance(states, list) or not states \
                or rule.get("date") not in by_key or by_key[rule["date"]].type is not ColumnType.DATE:
            raise fail("withdrawnIf：", "应为 {\"field\": 状态字段, \"values\": [撤销等取值], \"date\": 日期字段}")
        values["withdrawn_if"] = (rule["field"], tuple(str(v) for v in states), rule["date"])
    links = []
    for i, rule in enumerate(data.get("foreignKeys") or ()):
        reference = rule.get("reference") if isinstance(rule, dict) else None
        own = rule.get("fields") if isinstance(rule, dict) else None
        other = reference.get("fields") if isinstance(reference, dict) else None
        own, other = ([own] if isinstance(own, str) else own), ([other] if isinstance(other, str) else other)
        if not (isinstance(own, list) and isinstance(other, list) and len(own) == len(other) == 1
                and own[0] in by_key and isinstance(reference.get("resource"), str)):
            raise fail(f"foreignKeys[{i}]：", "应为 {\"fields\": 字段, \"reference\": {\"resource\": 数据集, \"fields\": 其主键字段}}")
        links.append((own[0], reference["resource"], other[0]))
    if links:
        values["foreign_keys"] = tuple(links)
    return values


def _column(field: Any, where: str, fail, warnings: list[tuple[str, str]], source: str) -> Column:  # noqa: ANN001
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
        raise fail(f"{where}：", "每个字段应为含 name 的对象")
    key = field["name"]
    where = f"字段「{key}」"
    unknown = sorted(set(field) - _FIELD_KEYS)
    if unknown:
        warnings.append((source, f"{where}的键 {'、'.join(unknown)} 未知（已忽略）"))
    kind = field.get("type", "string")
    if kind not in _TYPES:
        raise fail(where, f"的类型 {kind!r} 不受支持（可用 {'、'.join(_TYPES)}）")
    constraints = field.get("constraints") or {}
    if not isinstance(constraints, dict):
        raise fail(where, "的 constraints 应为对象")
    choices = tuple(str(c) for c in constraints.get("enum") or ())
    column_type = _TYPES[kind]
    if column_type is ColumnType.TEXT:
        if field.get("code"):
            column_type = ColumnType.CODE
        elif choices:
            column_type = ColumnType.MULTI_ENUM if field.get("multiple") else ColumnType.ENUM
    if "privacy" in field:
        try:
            privacy = Privacy(field["privacy"])
        except ValueError:
            raise fail(where, f"的 privacy 应为 public、scrub、party 或 never，实际为 {field['privacy']!r}") from None
    else:
        privacy = Privacy.SCRUB
        warnings.append((source, f"{where}未标明隐私类别（privacy），按 scrub（去除个人信息后公开）处理"))
    facet = field.get("facet", False)
    if facet not in (True, False):
        raise fail(where, f"的 facet 应为 true 或 false，实际为 {facet!r}")

    def pair(name: str) -> tuple[str, str] | tuple[()]:
        value = field.get(name)
        if value is None:
            return ()
        if not isinstance(value, dict) or set(value) != {"field", "value"}:
            raise fail(where, f"的 {name} 应为 {{\"field\": 字段名, \"value\": 值}}")
        return (str(value["field"]), str(value["value"]))

    def label_if() -> tuple[str, str, str] | tuple[()]:
        value = field.get("labelIf")
        if value is None:
            return ()
        if not isinstance(value, dict) or set(value) != {"field", "value", "label"}:
            raise fail(where, "的 labelIf 应为 {\"field\": 字段名, \"value\": 值, \"label\": 标签}")
        return (str(value["field"]), str(value["value"]), str(value["label"]))

    def number(value: Any, name: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(where, f"的 {name} 应为数字，实际为 {value!r}")
        return value

    aliases = field.get("aliases", [])
    if not isinstance(aliases, list):
        raise fail(where, "的 aliases 应为列表")
    return Column(key=key, header=str(field.get("title") or key), type=column_type,
                  aliases=tuple(str(a) for a in aliases), required=bool(constraints.get("required", False)),
                  unique=bool(constraints.get("unique", False)), choices=choices,
                  default=str(field.get("default", "")), privacy=privacy, label=str(field.get("label", "")),
                  facet=bool(facet), check=str(field.get("check", "")), required_if=pair("requiredIf"),
                  required_unless=pair("requiredUnless"), min_value=number(constraints.get("minimum"), "minimum"),
                  max_value=number(constraints.get("maximum"), "maximum"), description=str(field.get("description", "")),
                  org_contact=bool(field.get("orgContact", False)), unit=str(field.get("unit", "")),
                  plausible_max=number(field.get("plausibleMax"), "plausibleMax"),
                  not_after_today=bool(field.get("notAfterToday", False)),
                  slugs=tuple((str(k), str(v)) for k, v in (field.get("slugs") or {}).items()),
                  label_if=label_if(),
                  choice_codes=_enum_codes(field.get("enumCodes"), choices, where, fail))


def _enum_codes(codes: Any, choices: tuple[str, ...], where: str, fail: Callable[..., SchemaError]) -> tuple[tuple[str, str], ...]:
    """enumCodes: {code as exported (the 双公示 "1"/"2"…): enum value}."""
    if codes is None:
        return ()
    if not isinstance(codes, dict) or not choices or any(str(v) not in choices for v in codes.values()):
        raise fail(where, "的 enumCodes 应为对象：{代码: constraints.enum 中的一个值}")
    return tuple((str(k), str(v)) for k, v in codes.items())
