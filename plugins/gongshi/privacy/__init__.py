"""Privacy stage: raw tables in, public tables out; and the gate every written file passes.

After this stage the raw tables are gone from the build state (DESIGN.md, invariant 1): every
later stage sees only `PublicTables`. The same detectors (`detect.py`) scrub free text here,
refuse personal data typed into public columns (a feed error naming file, row and column), and
check every file the build writes (`gate.py`).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from ahocorasick_rs import AhoCorasick

from ..feeds import FeedTables
from ..feeds.load import Table
from ..feeds.problems import ProblemLog
from ..feeds.schema import ColumnType, Dataset, Privacy
from ..forked import Forked
from .detect import KIND_LABELS, TextContext, Triggers, can_fork, find_in_texts, in_one_process, normalise_identifier
from .gate import PrivacyGate, PrivacyLeak, certifiable
from .names import normalise_name
from .redact import People, RecordPersons, RedactionReport, record_persons, redact_frame, scrub_text

log = logging.getLogger("gongshi")

__all__ = ["PublicTables", "PrivacyGate", "PrivacyLeak", "check_public_columns", "make_public", "make_public_with_report",
           "masking_summary", "never_values", "people_of",
           "scrub_text"]


@dataclass(frozen=True)
class PublicTables:
    tables: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def drop_never_columns(table: Table) -> Table:
    """`never` columns leave the table before any later stage can see them."""
    never = table.dataset.keys_of(Privacy.NEVER)
    return Table(table.dataset, table.frame.drop(columns=never))


def _is_type_column(key: str) -> bool:
    """证件类型 columns hold words (居民身份证, 统一社会信用代码), not anyone's data."""
    return key.endswith("id_type")


def never_values(raw: FeedTables) -> set[str]:
    """Every value of every `never` column that identifies someone: the gate fails the build if
    one is ever written, in any spelling (compared normalised: NFKC, no separators, upper case).
    Not among them: the words of a 证件类型 column, and an organisation's own 统一社会信用代码
    typed as its 证件号码 (it is published as the code it is)."""
    values: set[str] = set()
    codes: set[str] = set()
    for table in raw.tables.values():
        for column in table.dataset.columns:
            if column.check == "uscc" and column.key in table.frame:
                codes.update(pd.unique(table.frame[column.key].to_numpy()).tolist())
    for table in raw.tables.values():
        for key in table.dataset.keys_of(Privacy.NEVER):
            if _is_type_column(key):
                continue
            distinct = pd.unique(table.frame[key].to_numpy()).tolist()  # (values repeat a lot)
            values.update(v for v in distinct if isinstance(v, str) and v.strip())
    return {v for v in values if normalise_identifier(v) not in codes}


def people_of(raw: FeedTables, persons: dict[str, RecordPersons] | None = None) -> People:
    """The registry of every natural person in every feed, the officials (public) and the
    organisations' published lines."""
    public = frozenset(normalise_name(n) for n in raw.tables["officers"].frame["name"].tolist() if n) \
        if "officers" in raw.tables else frozenset()
    persons = persons if persons is not None else persons_of(raw)
    names: set[str] = set()
    for found in persons.values():
        names |= found.all_names
    numbers: set[str] = set()
    for table in raw.tables.values():
        for column in table.dataset.columns:
            if column.org_contact and column.key in table.frame:
                for value in pd.unique(table.frame[column.key].to_numpy()).tolist():
                    numbers.update(_phone_forms(value))
    registry = Triggers(names - public) if names - public else None
    return People(registry, public, frozenset(numbers))


def persons_of(raw: FeedTables) -> dict[str, RecordPersons]:
    """Each table's natural persons (redact.record_persons), found once a build."""
    return {name: record_persons(table.frame, table.dataset) for name, table in raw.tables.items()}


def _phone_forms(value: str) -> set[str]:
    """The digit strings an organisation's published line may be written as (with and without
    its area code), for the detectors to keep."""
    forms = set()
    for part in str(value).replace("；", ";").replace("，", ";").replace("、", ";").split(";"):
        digits = "".join(c for c in normalise_identifier(part) if c.isdigit())
        if len(digits) >= 7:
            forms.add(digits)
            if digits.startswith("0") and len(digits) >= 10:
                forms.add(digits[-8:] if len(digits) >= 11 else digits[-7:])
    return forms


def check_public_columns(table: Table, people: People, log: ProblemLog, persons: RecordPersons | None = None) -> None:
    """Personal data typed into a column that is published as it is (a phone in 任务名称, a
    person's name in a 文号 and so in a URL) is a feed error naming file, row, column and what
    was found: staff fix the feed; nothing is published from it, and the build never stops
    half-way at the gate instead."""
    dataset, frame = table.dataset, table.frame
    persons = persons if persons is not None else record_persons(frame, dataset)
    context = TextContext(org_numbers=people.org_numbers, find_names=False)
    files, rows = frame["_file"].tolist(), frame["_row"].tolist()
    for column in dataset.columns:
        if column.privacy is not Privacy.PUBLIC or column.org_contact or column.key not in frame:
            continue
        if column.type not in (ColumnType.TEXT, ColumnType.CODE):
            continue
        values = frame[column.key].tolist()
        distinct = [v for v in dict.fromkeys(values) if v]
        found = dict(zip(distinct, find_in_texts(distinct, [context] * len(distinct))))
        if column.type is ColumnType.CODE:  # (codes: only what no code can be)
            found = {v: [f for f in fs if f.kind in ("id", "mobile", "email")] for v, fs in found.items()}
        bad = {value for value, findings in found.items() if findings}
        for i, value in enumerate(values if bad else ()):
            if value in bad:
                findings = found[value]
                kinds = "、".join(dict.fromkeys(KIND_LABELS[f.kind] for f in findings))
                log.error(files[i], int(rows[i]), column.header, f"不含个人信息的公开内容（发现{kinds}）",
                          _masked_excerpt(value, findings))
    # A person's own name in a column published as it is (a 文号 holding the name):
    text_columns = [c for c in dataset.columns if c.privacy is Privacy.PUBLIC and c.type is ColumnType.TEXT
                    and not c.org_contact and c.key in frame]
    columns = [frame[c.key].tolist() for c in text_columns]
    for i in persons.is_person.nonzero()[0].tolist():
        names = [n for name in persons.names[i] if len(n := normalise_name(name)) >= 2]
        for at, values in enumerate(columns):
            value = values[i]
            hit = next((n for n in names if n in value), None) if value else None
            if hit is None and value and _ODD_NAME_CHARS.search(value):
                hit = next((n for n in names if n in normalise_name(value)), None)
            if hit is not None:
                log.error(files[i], int(rows[i]), text_columns[at].header,
                          "不含自然人姓名的公开内容（该列原样公开，如文号会成为网址）", normalise_name(value).replace(hit, "***"))
                break


_ODD_NAME_CHARS = re.compile(r"[\s·•・‧]")


def _masked_excerpt(value: str, findings: list) -> str:
    """What a problem message may show of a value: the found parts starred."""
    pieces, last = [], 0
    for finding in findings:
        pieces += [value[last:finding.start], "*" * (finding.end - finding.start)]
        last = finding.end
    pieces.append(value[last:])
    return "".join(pieces)


def make_public_table(table: Table, people: People | None = None,
                      persons: RecordPersons | None = None) -> tuple[Table, RedactionReport]:
    """Never columns dropped; party and scrub columns redacted; minors' records withheld."""
    public = drop_never_columns(table)
    frame, report = redact_frame(public.frame, public.dataset, public.dataset.party_type_column, people,
                                 raw_frame=table.frame, persons=persons)
    return Table(public.dataset, frame), report


def make_public(raw: FeedTables) -> PublicTables:
    return make_public_with_report(raw)[0]


def make_public_with_report(raw: FeedTables, people: People | None = None,
                            persons: dict[str, RecordPersons] | None = None,
                            beside: Callable[[], None] | None = None,
                            ) -> tuple[PublicTables, dict[str, RedactionReport]]:
    """Every table made public. `beside`: other work of the stage, run here while a forked copy
    redacts the last rows of the largest table (where the system can fork and has a second
    core; otherwise first, in this process)."""
    persons = persons if persons is not None else persons_of(raw)
    people = people if people is not None else people_of(raw, persons)
    largest = max(raw.tables, key=lambda name: len(raw.tables[name]), default="")
    if not largest or len(raw.tables[largest]) < SPLIT_ROWS or not can_fork():
        if beside is not None:
            beside()
        tables, reports = {}, {}
        for name, table in raw.tables.items():
            tables[name], reports[name] = make_public_table(table, people, persons.get(name))
        return PublicTables(tables), reports

    table, cut = raw.tables[largest], int(len(raw.tables[largest]) * (1 - SPLIT_SHARE))
    head, tail = _rows(table, persons[largest], 0, cut), _rows(table, persons[largest], cut, len(table))
    with in_one_process():
        child = Forked.start("privacy", _redacted_changes, tail[0], people, tail[1])
        try:
            if beside is not None:
                beside()
            tables, reports = {}, {}
            for name, each in raw.tables.items():
                if name == largest:
                    tables[name], reports[name] = make_public_table(head[0], people, head[1])
                else:
                    tables[name], reports[name] = make_public_table(each, people, persons.get(name))
            changes, tail_report = child.result()
        except BaseException:
            child.stop()
            raise
    tail_frame = _with_changes(drop_never_columns(tail[0]).frame, changes)
    tables[largest] = Table(table.dataset, pd.concat([tables[largest].frame, tail_frame]))
    reports[largest] = reports[largest].joined(tail_report)
    return PublicTables(tables), reports


# A table this long is redacted by two processes; the forked copy takes this share of its rows
# (the larger one: this process also checks the public columns and prepares the gate).
SPLIT_ROWS = 40_000
SPLIT_SHARE = 0.6


def _rows(table: Table, persons: RecordPersons, start: int, stop: int) -> tuple[Table, RecordPersons]:
    return (Table(table.dataset, table.frame.iloc[start:stop]),
            RecordPersons(persons.is_person[start:stop], persons.names[start:stop]))


def _redacted_changes(table: Table, people: People, persons: RecordPersons) -> tuple[dict, RedactionReport]:
    """In the forked copy: redact `table` and send back only what differs from the raw values
    (the rows kept, and per column the changed cells), not the whole frame."""
    public, report = make_public_table(table, people, persons)
    before = drop_never_columns(table).frame
    kept = public.frame.index
    original = before.loc[kept] if len(kept) != len(before) else before
    cells: dict[str, tuple[list[int], list]] = {}
    for column in public.frame.columns:
        new, old = public.frame[column].tolist(), original[column].tolist()
        changed = [i for i, (a, b) in enumerate(zip(new, old)) if a is not b and a != b]
        if changed:
            cells[column] = (changed, [new[i] for i in changed])
    return {"kept": kept, "cells": cells}, report


def _with_changes(frame: pd.DataFrame, changes: dict) -> pd.DataFrame:
    kept = changes["kept"]
    frame = (frame.loc[kept] if len(kept) != len(frame) else frame).copy(deep=False)
    for column, (positions, values) in changes["cells"].items():
        cells = frame[column].tolist()
        for position, value in zip(positions, values):
            cells[position] = value
        frame[column] = cells
    return frame


def masking_summary(reports: dict[str, RedactionReport], datasets: dict[str, Dataset]) -> list[str]:
    """Per dataset, what was removed: the lines `build` and `check` print."""
    lines = []
    for name, report in reports.items():
        parts = []
        if report.persons_masked:
            parts.append(f"自然人当事人 {report.persons_masked} 条记录的姓名已隐去")
        if report.tally.counts:
            parts.append("文本中隐去 " + report.tally.summary())
        if report.withheld_minors:
            extra = f"（其中 {report.minors_by_id_number} 条由证件号码出生日期判断）" if report.minors_by_id_number else ""
            parts.append(f"未成年人记录 {report.withheld_minors} 条不公开{extra}")
        if parts:
            lines.append(f"脱敏：{datasets[name].title}：" + "；".join(parts))
    return lines


def write_review_file(reports: dict[str, RedactionReport], cache_dir: Path) -> Path | None:
    """Every masked span with file, row, column and rule, for staff to audit what was removed.
    It holds the removed values themselves: it lives in the cache folder, mode 0600, never
    under output/."""
    spans = [(name, *span) for name, report in reports.items() for span in report.tally.spans]
    if not spans:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / "privacy-review.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["数据集", "文件", "行", "列", "规则", "隐去的内容"])
    writer.writerows(spans)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(buffer.getvalue())
    os.chmod(path, 0o600)
    return path


def run(state) -> None:  # noqa: ANN001 - BuildState
    from ..feeds import FeedError

    persons = persons_of(state.raw)
    people = people_of(state.raw, persons)

    def check_and_prepare_gate() -> None:
        for name, table in state.raw.tables.items():
            check_public_columns(table, people, state.log, persons[name])
        if state.log.errors:
            raise FeedError(state.log)
        state.gate = PrivacyGate.from_values(never_values(state.raw), org_numbers=people.org_numbers,
                                             names=gate_names(state.raw, people, persons))

    state.public, reports = make_public_with_report(state.raw, people, persons, beside=check_and_prepare_gate)
    state.facts["privacy"] = reports
    started = time.perf_counter()  # (the gate's work, done here once so that no output file repeats it)
    certified = state.gate.certify(public_texts(state.public))
    log.info("gongshi: the gate read %d distinct public values once in %.2f s", certified, time.perf_counter() - started)
    datasets = {name: table.dataset for name, table in state.raw.tables.items()}
    for line in masking_summary(reports, datasets):
        log.warning("%s", line)
    review = write_review_file(reports, state.settings.cache_dir)
    if review is not None:
        log.warning("脱敏：逐条核对清单（含被隐去的原文，仅供内部核对，切勿发布）：%s", review)
    state.raw = None  # nothing downstream may read a raw table


def public_texts(public: PublicTables) -> Iterator[str]:
    """The distinct texts of the public tables (what the gate reads once, `certify`)."""
    for table in public.tables.values():
        for key in table.frame.columns:
            column = table.frame[key]
            if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
                yield from (v for v in pd.unique(column.to_numpy()).tolist() if isinstance(v, str) and certifiable(v))


def gate_names(raw: FeedTables, people: People, persons: dict[str, RecordPersons]) -> frozenset[str]:
    """The natural persons' names the gate refuses in any output file: those of three or more
    characters that are no official's and no part of a value published as it is (an
    organisation's name or legal representative holding the same characters). Two-character
    names are left to the scrubber: as gate terms they would stop builds on ordinary words."""
    if people.registry is None:
        return frozenset()
    published: list[str] = []
    for name, table in raw.tables.items():
        for column in table.dataset.columns:
            if column.privacy is Privacy.PUBLIC and column.type is ColumnType.TEXT and column.key in table.frame:
                published.extend(v for v in pd.unique(table.frame[column.key].to_numpy()).tolist() if v)
        is_person = persons[name].is_person
        for column in table.dataset.keys_of(Privacy.PARTY):
            values = table.frame[column].tolist()
            published.extend(dict.fromkeys(v for v, person in zip(values, is_person.tolist()) if v and not person))
    candidates = {n for n in people.registry.names if len(n) >= 3}  # (Triggers.names: the registry)
    if not candidates:
        return frozenset()
    inside = set(AhoCorasick(list(candidates)).find_matches_as_strings("\0".join(dict.fromkeys(published)),
                                                                        overlapping=True))
    return frozenset(candidates - inside)
