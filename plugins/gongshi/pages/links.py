"""Links between datasets, from their schemas: a penalty decision citing a 裁量基准's provision
(`citedBy`), and the chain 事项清单 → 计划 → 任务 → 结果 (`foreignKeys`).

Provisions are matched as (law, article, 款, 项): the law title with or without 《》 and the
prefix 中华人民共和国, article numbers in Chinese numerals or digits (full-width too, NFKC). A
款 or 项 named on both sides must agree; named on one side only, the article decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = r"[0-9〇零一二两三四五六七八九十百千]+"
_LAW = re.compile(r"《([^《》]+)》|([\u4e00-\u9fff]{2,40}?(?:法|条例|规定|办法|细则|规则))(?=\s*第)")
_ARTICLE = re.compile(rf"第\s*({_NUM})\s*条(?:\s*第\s*({_NUM})\s*款)?(?:\s*第\s*[（(]?\s*({_NUM})\s*[)）]?\s*项)?")
Provision = tuple[str, int, int, int]  # (law, article, 款 or 0, 项 or 0)


def number(text: str) -> int:
    """第一百二十四条's 一百二十四 (or 124) as 124."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
    return total + current


def law_name(title: str) -> str:
    title = re.sub(r"\s+", "", title)
    title = re.split(r"依据|根据|依照|按照|违反|适用|规定的|的规定", title)[-1]
    return title.split("中华人民共和国")[-1]


def provisions(text: str) -> set[Provision]:
    """Every provision a legal-basis text cites: each 第X条 belongs to the law named last before it."""
    text = unicodedata.normalize("NFKC", text or "")
    found: set[Provision] = set()
    laws = list(_LAW.finditer(text))
    for i, law in enumerate(laws):
        end = laws[i + 1].start() if i + 1 < len(laws) else len(text)
        name = law_name(law.group(1) or law.group(2))
        for article in _ARTICLE.finditer(text, law.end(), end):
            found.add((name, number(article.group(1)), number(article.group(2) or "0"), number(article.group(3) or "0")))
    return found


def _same(a: Provision, b: Provision) -> bool:
    return a[1] == b[1] and (a[0] == b[0] or a[0].endswith(b[0]) or b[0].endswith(a[0])) and (not a[2] or not b[2] or a[2] == b[2]) and (not a[3] or not b[3] or a[3] == b[3])


def cites(cited: Iterable[Provision], named: Iterable[Provision]) -> bool:
    """Whether a decision citing `cited` cites one of the provisions a benchmark names."""
    named = list(named)
    return any(_same(a, b) for a in cited for b in named)


def split_codes(text: str) -> list[str]:
    """A multi-valued code cell (事项编码: JL-SC-0101；JL-SC-0305) as its codes."""
    parts = re.split(r"[;；、,，\s]+", unicodedata.normalize("NFKC", text or "").upper())
    return list(dict.fromkeys(p for p in parts if p))


SHOWN_CITING = 50  # decisions listed on a benchmark's page (the newest); the count is of all


def citation_links(dataset, published, decisions):  # noqa: ANN001 - Dataset, its published records, penalties
    """A `citedBy` dataset (裁量基准) and the published decisions (pub_state public, newest first)
    citing its provisions: the sections its group pages add, and decision_no -> its benchmarks."""
    from . import generic, urls

    _, field, named_fields = dataset.cited_by
    rows = published.to_dict("records")
    units = generic.record_groups(dataset, rows) if dataset.group_by else [[r] for r in rows]
    title = dataset.column(generic.title_field(dataset))
    index: dict[int, list[tuple[str, str, set[Provision]]]] = {}  # article -> (url_key, title, provisions)
    for members in units:
        key = generic.group_key(dataset, members[0]) if dataset.group_by else members[0]["url_key"]
        named = {p for m in members for f in named_fields for p in provisions(str(m.get(f) or ""))}
        label = f"{generic.shown_value(title, members[0][title.key])}（{key}）"
        for article in {p[1] for p in named}:
            index.setdefault(article, []).append((key, label, named))
    citing: dict[str, list[dict[str, str]]] = {}
    by_decision: dict[str, list[dict[str, str]]] = {}
    for number, basis in zip(decisions["decision_no"].tolist(), decisions[field].tolist()):
        cited = provisions(basis)
        seen = set()
        for article in sorted({p[1] for p in cited}):
            for key, label, named in index.get(article, ()):
                if key not in seen and cites(cited, named):
                    seen.add(key)
                    citing.setdefault(key, []).append({"label": number, "url": urls.decision(number)})
                    by_decision.setdefault(number, []).append(
                        {"label": label, "url": urls.record(dataset.url_folder, key)})
    sections = {}
    for members in units:
        key = generic.group_key(dataset, members[0]) if dataset.group_by else members[0]["url_key"]
        found = citing.get(key, [])
        note = (f"目前公示中的行政处罚决定有 {len(found)} 件的处罚依据引用了本基准所列条款"
                + (f"，以下列出最新的 {SHOWN_CITING} 件。" if len(found) > SHOWN_CITING else "。")) if found \
            else "目前公示中的行政处罚决定尚无引用本基准所列条款的。"
        sections[(dataset.name, key)] = [{"heading": "引用本基准条款的处罚决定", "note": note,
                                          "count": len(found), "links": found[:SHOWN_CITING]}]
    return sections, by_decision


def chain_links(tables_published, checks):  # noqa: ANN001
    """The chain 事项清单 → 计划 → 任务 → 结果 (the spot-check feed's foreignKeys): each task's
    items and plan (only those published), and the sections an item's and a plan's pages add:
    the tasks that use them, and through those tasks the plans (of an item) or items (of a plan)."""
    from ..feeds.datasets import INSPECTIONS
    from . import generic, urls

    targets = {}  # dataset -> key value -> (url_key, label, folder)
    for name, (table, published) in tables_published.items():
        dataset = table.dataset
        if len(dataset.key) != 1 or "|" in dataset.key[0] or not len(published):
            continue
        title = dataset.column(generic.title_field(dataset))
        targets[name] = {str(r[dataset.key[0]]).upper(): (r["url_key"], generic.shown_value(title, r[title.key]),
                                                         dataset.url_folder, dataset.title)
                         for r in published.to_dict("records")}
    by_name = {label: key for key, (_, label, _, _) in targets.get("check_items", {}).items()}
    tasks: dict[str, dict[str, list[dict[str, str]]]] = {}
    users: dict[tuple[str, str], dict[str, dict[str, str]]] = {}  # (dataset, url_key) -> task_no -> link
    for row in checks.drop_duplicates("task_no").to_dict("records"):
        links = {}
        for column, other, _ in INSPECTIONS.foreign_keys:
            wanted = split_codes(str(row.get(column) or ""))
            if other == "check_items":  # (also an 抽查事项 named exactly as a listed item)
                wanted += [by_name[part.strip()] for part in re.split(r"[;；、]", row.get("check_items") or "")
                           if part.strip() in by_name and by_name[part.strip()] not in wanted]
            found = [targets.get(other, {}).get(code) for code in wanted]
            links[other] = [{"label": label if label == code else f"{label}（{code}）", "url": urls.record(folder, key), "title": title}
                            for code, hit in zip(wanted, found) if hit for key, label, folder, title in [hit]]
            for hit in found:
                if hit:
                    users.setdefault((other, hit[0]), {})[row["task_no"]] = {
                        "label": f"{row['task_name']}（{row['task_no']}）", "url": urls.inspection_task(row["task_no"])}
        tasks[row["task_no"]] = links
    sections: dict[tuple[str, str], list[dict]] = {}
    for (name, key), using in users.items():
        through = {}
        for task_no in using:
            for other, found in tasks[task_no].items():
                if other != name:
                    for link in found:
                        through.setdefault(link["title"], {})[link["url"]] = link
        parts = [{"heading": "使用本事项的抽查任务" if name == "check_items" else "本计划下的抽查任务",
                  "note": "", "links": list(using.values())}]
        parts += [{"heading": f"相关的{title}", "note": "", "links": list(found.values())}
                  for title, found in through.items()]
        sections[(name, key)] = parts
    return tasks, sections
