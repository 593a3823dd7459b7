"""Loading a dataset: files -> one typed, validated frame, with every problem logged.

The frame has one column per schema key (all str; "" for blank) plus `_file`, `_sheet` and
`_row`, which say where each record came from (`_sheet` is "" for CSV). Records with errors stay in the frame: errors fail the build
as a whole, so nothing is published from a feed that has any (and nothing is dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .checkdigits import uscc_verdicts
from .coerce import YUAN_PER_UNIT, coerce_column, parse_decimal
from .problems import ProblemLog
from .read import FEED_SUFFIXES, RawFeed, feed_files, read_feed_file
from .schema import Column, ColumnType, Dataset, normalise_header
from .slugs import slug_all

SOURCE_COLUMNS = ("_file", "_sheet", "_row")
# 执法证号 has no public check digit (RULES.md): letters, digits, CJK and hyphens only, so that
# it can be a URL path segment and a file name.
CERTIFICATE_RE = r"[0-9A-Z\u4e00-\u9fff-]{4,40}"
URL_KEY_RE = r"[0-9A-Za-z\u4e00-\u9fff._\-]{1,80}"


@dataclass
class Table:
    dataset: Dataset
    frame: pd.DataFrame

    def __len__(self) -> int:
        return len(self.frame)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, object]]:
    """Rows as plain dicts of the given columns; faster than to_dict, which
    boxes every cell. Used wherever later stages walk a large table row by row."""
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


@dataclass(frozen=True)
class ColumnRows:
    """A table's columns as lists; `rows(i)` is records()'s dict of row i, made only when asked
    for (by the render worker that makes the page reading it, not 200,000 of them up front)."""

    columns: dict[str, list[Any]]

    @classmethod
    def of(cls, frame: pd.DataFrame, columns: list[str]) -> ColumnRows:
        return cls({c: frame[c].tolist() for c in columns})

    def __call__(self, position: int) -> dict[str, Any]:
        return {key: values[position] for key, values in self.columns.items()}


def empty_frame(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in
                         [col.key for col in dataset.columns] + list(SOURCE_COLUMNS)})


def load_dataset(feeds_dir: Path, dataset: Dataset, log: ProblemLog) -> Table:
    files = feed_files(feeds_dir, dataset.name)
    if not files:
        if not dataset.optional:
            kinds = "、".join(f"{dataset.name}{suffix}" for suffix in FEED_SUFFIXES)
            log.error(str(feeds_dir / dataset.name), None, "",
                      f"数据集「{dataset.title}」的数据文件（{kinds}，或文件夹 {dataset.name}/）", "不存在")
        return Table(dataset, empty_frame(dataset))
    known = dataset.header_lookup().keys()
    frames = []
    for path in files:
        display = _display_path(path, feeds_dir)
        for raw in read_feed_file(path, display, log, known, dataset.sheet):
            frames.append(type_feed(raw, dataset, log))
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame(dataset)
    check_unique(frame, dataset, log)
    check_slugs(frame, dataset, log)
    return Table(dataset, frame)


def _display_path(path: Path, feeds_dir: Path) -> str:
    try:
        return str(path.relative_to(feeds_dir.parent))
    except ValueError:
        return str(path)


def map_headers(raw: RawFeed, dataset: Dataset, log: ProblemLog) -> dict[str, int]:
    """Column key -> position in the file. Unknown headers are warned about and not read."""
    lookup = dataset.header_lookup()
    positions: dict[str, int] = {}
    for position, header in enumerate(raw.headers):
        if not header:
            if raw.cells[position].map(lambda c: c is not None and str(c).strip() != "").any():
                log.warning(raw.display, None, raw.column_letters[position] + " 列" if raw.column_letters
                            else f"第 {position + 1} 列", "有表头的列", "无表头但有数据（该列不发布）", raw.sheet)
            continue
        column = lookup.get(normalise_header(header))
        if column is None:
            log.warning(raw.display, None, header, "数据规范中的列名（该列未发布）", header, raw.sheet)
        elif column.key in positions:
            first = raw.headers[positions[column.key]]
            log.error(raw.display, None, header, f"每个字段只出现一次（与「{first}」重复）", header, raw.sheet)
        else:
            positions[column.key] = position
    for column in dataset.columns:
        if column.required and column.key not in positions:
            log.error(raw.display, None, column.header, "必填列", "缺少该列", raw.sheet)
    return positions


def type_feed(raw: RawFeed, dataset: Dataset, log: ProblemLog) -> pd.DataFrame:
    positions = map_headers(raw, dataset, log)
    data: dict[str, pd.Series] = {}
    rows = pd.Series(raw.row_numbers, index=raw.cells.index)
    for column in dataset.columns:
        if column.key not in positions:
            data[column.key] = pd.Series(column.default, index=raw.cells.index, dtype=object)
            continue
        header = raw.headers[positions[column.key]]
        cells = raw.cells[positions[column.key]]
        values, bad, expected = coerce_column(cells, column)
        for index in bad[bad].index:
            log.error(raw.display, int(rows[index]), header, expected, str(cells[index]), raw.sheet)
        if raw.typed and column.identifier:
            check_number_cells(cells, raw, positions[column.key], header, rows, log)
        if column.required:
            missing = (values == "") & ~bad
            for index in missing[missing].index:
                log.error(raw.display, int(rows[index]), header, "必填值", "空白", raw.sheet)
        check_rule(values, column, header, raw.display, rows, log, raw.sheet)
        if column.plausible_max is not None:
            check_amount_unit(cells, values, column, header, raw, rows, log)
        data[column.key] = values.astype(object)
    frame = pd.DataFrame(data, index=raw.cells.index)
    check_conditional_required(frame, dataset, raw, positions, rows, log)
    frame["_file"] = raw.display
    frame["_sheet"] = raw.sheet
    frame["_row"] = rows
    return frame


def check_amount_unit(cells: pd.Series, values: pd.Series, column: Column, header: str, raw: RawFeed,
                      rows: pd.Series, log: ProblemLog) -> None:
    """A plain number far above what the column's unit makes plausible (5000 in a 万元 column:
    fifty million 元) is most likely typed in 元. It is published as written — the feed is the
    record — but staff are asked to check the cell, since it can make a decision 重大."""
    filled = values[values != ""]
    high = pd.to_numeric(filled, errors="coerce") > column.plausible_max
    for index in high[high].index:
        cell = cells[index]
        if parse_decimal(cell) is None:
            continue  # written with its unit (5000万元): staff meant it
        amount = Decimal(filled[index])
        log.warning(raw.display, int(rows[index]), header,
                    f"以{column.unit}为单位的金额：{amount}{column.unit}即 {amount * YUAN_PER_UNIT[column.unit]:,f}元，"
                    f"请核对单位（若填的是元，请改为 {amount / YUAN_PER_UNIT[column.unit]:f} 或写成“{amount}元”）",
                    str(cell), raw.sheet)


def check_number_cells(cells: pd.Series, raw: RawFeed, position: int, header: str, rows: pd.Series,
                       log: ProblemLog) -> None:
    """A number cell where a code belongs is an error naming the cell: the spreadsheet has
    already lost what the number cannot hold (digits past the 15th, leading zeros)."""
    numbers = cells.map(lambda c: isinstance(c, (int, float)) and not isinstance(c, bool))
    for index in numbers[numbers].index:
        row = int(rows[index])
        value = cells[index]
        shown = str(int(value)) if float(value).is_integer() else format(value, ".15g")
        log.error(raw.display, row, header,
                  "文本格式的编码（请把该列设置为“文本”格式后重新输入或粘贴原始值：存为数字时，"
                  "超过 15 位的数字和开头的 0 已经丢失）",
                  f"单元格 {raw.cell_name(position, row)} 是数字 {shown}", raw.sheet)


def check_conditional_required(frame: pd.DataFrame, dataset: Dataset, raw: RawFeed,
                               positions: dict[str, int], rows: pd.Series, log: ProblemLog) -> None:
    """Required when another column has a value (撤回 needs 撤回日期), or unless it has one
    (统一社会信用代码 unless the party is a 自然人)."""
    for column in dataset.columns:
        if column.required_if:
            other, value = column.required_if
            needed = frame[other] == value
            rule = f"必填值（{dataset.column(other).header}为“{value}”时）"
        elif column.required_unless:
            other, value = column.required_unless
            needed = (frame[other] != value) & (frame[other] != "")
            rule = f"必填值（{dataset.column(other).header}为“{value}”时可空）"
        else:
            continue
        missing = needed & (frame[column.key] == "")
        header = raw.headers[positions[column.key]] if column.key in positions else column.header
        for index in missing[missing].index:
            log.error(raw.display, int(rows[index]), header, rule, "空白", raw.sheet)


_VALUE_CHECKS = ("uscc", "certificate_no", "url_key", "slug_key")  # what check_rule tests


def check_rule(values: pd.Series, column: Column, header: str, file: str,
               rows: pd.Series, log: ProblemLog, sheet: str = "") -> None:
    numeric = column.type in (ColumnType.DECIMAL, ColumnType.INTEGER) and (column.min_value is not None or column.max_value is not None)
    if column.check not in _VALUE_CHECKS and not numeric:
        return  # (most columns: no need to select the filled cells of every row)
    filled = values[values != ""]
    if column.check == "uscc":
        # Each distinct code checked once (a company's code repeats over its decisions), all at once.
        numbers, codes = pd.factorize(filled)
        shaped, valid = uscc_verdicts(codes.tolist())
        for position in np.flatnonzero(~valid[numbers]).tolist():
            index, code = filled.index[position], filled.iloc[position]
            if not shaped[numbers[position]]:
                log.error(file, int(rows[index]), header,
                          "18 位统一社会信用代码（数字及除 I O S V Z 外的大写字母）", code, sheet)
            else:
                log.warning(file, int(rows[index]), header, "校验位正确的统一社会信用代码", code, sheet)
    elif column.check == "certificate_no":
        bad = ~filled.str.fullmatch(CERTIFICATE_RE)
        for index in bad[bad].index:
            log.error(file, int(rows[index]), header, "4–40 位的字母、数字、汉字或连字符", filled[index], sheet)
    elif column.check == "url_key":
        bad = ~filled.str.fullmatch(URL_KEY_RE)
        for index in bad[bad].index:
            log.error(file, int(rows[index]), header, "1–80 位的字母、数字、汉字或 . _ -", filled[index], sheet)
    if numeric:
        numbers = pd.to_numeric(filled, errors="coerce")
        out = pd.Series(False, index=filled.index)
        if column.min_value is not None:
            out |= numbers < column.min_value
        if column.max_value is not None:
            out |= numbers > column.max_value
        if column.max_value is None:
            expected = f"不小于 {column.min_value:g} 的数"
        elif column.min_value is None:
            expected = f"不大于 {column.max_value:g} 的数"
        else:
            expected = f"{column.min_value:g} 到 {column.max_value:g} 之间的数"
        for index in out[out].index:
            log.error(file, int(rows[index]), header, expected, filled[index], sheet)


def key_values(frame: pd.DataFrame, key: str) -> pd.Series:
    """The values of one part of a natural key: a column, or "a|b" = a where given, else b
    (inspections are keyed by 统一社会信用代码, or 检查对象名称 when there is no code)."""
    first, *rest = key.split("|")
    values = frame[first]
    for other in rest:
        values = values.where(values != "", frame[other])
    return values


def key_label(dataset: Dataset, keys: list[str]) -> str:
    return "、".join("（无则）".join(dataset.column(k).header for k in key.split("|")) for key in keys)


def check_unique(frame: pd.DataFrame, dataset: Dataset, log: ProblemLog) -> None:
    """A repeated natural key (or unique column) is an error naming both places."""
    checks = [[c.key] for c in dataset.columns if c.unique]
    if list(dataset.key) not in checks:
        checks.append(list(dataset.key))
    for keys in checks:
        values = pd.DataFrame({k: key_values(frame, k) for k in keys}, index=frame.index)
        filled = values[(values != "").all(axis=1)]
        repeated = filled[filled.duplicated(keys, keep=False)]
        if repeated.empty:
            continue
        label = key_label(dataset, keys)
        for _, group in repeated.groupby(keys, sort=True):
            first = group.index[0]
            for index in group.index[1:]:
                value = " / ".join(str(group.at[index, k]) for k in keys)
                log.error(frame.at[index, "_file"], int(frame.at[index, "_row"]), label,
                          f"不重复的值（已出现在 {_place(frame, first)}）", value, frame.at[index, "_sheet"])


def _place(frame: pd.DataFrame, index: object) -> str:
    file, sheet, row = frame.at[index, "_file"], frame.at[index, "_sheet"], int(frame.at[index, "_row"])
    return f"{file}{f'「{sheet}」' if sheet else ''} 第 {row} 行"


def url_key_text(frame: pd.DataFrame, dataset: Dataset) -> pd.Series:
    """What a schema-published record's URL segment is made from (pages.urls.slug of it): its
    key's values, joined by "/" when the key has several parts."""
    parts = [key_values(frame, key) for key in dataset.key]
    text = parts[0]
    for part in parts[1:]:
        text = text + "/" + part
    return text


def check_slugs(frame: pd.DataFrame, dataset: Dataset, log: ProblemLog) -> None:
    """A record's URL comes from its `slug_key` value (pages.urls.slug) — for a dataset published
    from its schema alone, from its key: the value must make a non-empty slug that no other
    value makes, in any file of the dataset (〔2026〕 and [2026] make one slug: two pages would
    be written to one path)."""
    checks = [(c.header, frame[c.key]) for c in dataset.columns if c.check == "slug_key"]
    if not dataset.publisher and not checks and len(frame):
        checks.append((key_label(dataset, list(dataset.key)), url_key_text(frame, dataset)))
    if not checks:
        return
    for header, values in checks:
        filled = values[values != ""]
        slugs = pd.Series(slug_all(filled.tolist()), index=filled.index, dtype=object)
        for index in slugs[slugs == ""].index:
            log.error(frame.at[index, "_file"], int(frame.at[index, "_row"]), header,
                      "含字母、数字或汉字的编号", filled[index], frame.at[index, "_sheet"])
        if not dataset.publisher:  # (its listings' paths: /<path>/page/2/, /<path>/by-…/)
            reserved = (slugs == "page") | slugs.str.startswith("by-")
            for index in slugs[reserved].index:
                log.error(frame.at[index, "_file"], int(frame.at[index, "_row"]), header,
                          "不与网站栏目路径（page、by-…）相同的编号", filled[index], frame.at[index, "_sheet"])
        shared = slugs.duplicated(keep=False) & (slugs != "")
        if not shared.any():
            continue  # (the values are compared only where two make one slug: usually nowhere)
        for slug, group in filled[shared].groupby(slugs[shared], sort=True):
            distinct = group.drop_duplicates()
            if len(distinct) < 2:
                continue  # one value repeated: check_unique's concern
            first = distinct.index[0]
            for index in distinct.index[1:]:
                log.error(frame.at[index, "_file"], int(frame.at[index, "_row"]), header,
                          f"与其他编号生成不同的网址（与 {_place(frame, first)} 的“{filled[first]}”"
                          f"生成同一网址“{slug}”）", filled[index], frame.at[index, "_sheet"])


def check_agency_references(table: Table, agencies: Table, log: ProblemLog) -> pd.Series:
    """Resolve `agency_ref` columns (name or USCC) to the agency's USCC.

    Returns the resolved USCC per row for the first such column ("" when unresolved). An
    unmatched required reference is an error; an unmatched optional one (上级主体 may be a
    provincial department outside this portal) is a warning.
    """
    by_name = dict(zip(agencies.frame["name"], agencies.frame["uscc"]))
    by_uscc = {u: u for u in agencies.frame["uscc"]}
    resolved = pd.Series("", index=table.frame.index, dtype=object)
    for column in table.dataset.columns:
        if not column.check.startswith("agency_ref"):
            continue
        values = table.frame[column.key]
        normalised_code = values.map(lambda s: "".join(s.split()).upper())
        match = values.map(by_name).fillna(normalised_code.map(by_uscc)).fillna("")
        unmatched = (values != "") & (match == "")
        for index in unmatched[unmatched].index:
            row = table.frame.loc[index]
            expected = "执法主体名单（agencies）中某一主体的名称或统一社会信用代码"
            if column.check == "agency_ref":
                log.error(row["_file"], int(row["_row"]), column.header, expected, values[index], row["_sheet"])
            else:
                log.warning(row["_file"], int(row["_row"]), column.header, expected, values[index], row["_sheet"])
        if column.check == "agency_ref":
            resolved = match
    return resolved
