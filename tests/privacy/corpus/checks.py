"""How a redacted text is judged against one labelled corpus case.

Shared by the generator (which checks every case against a perfect, hand-made redaction before
writing it, so every label is satisfiable) and by tests/privacy/test_corpus.py.

A "remove" item leaks when its normalised form (NFKC, zero-width characters, whitespace and the
separators - . _ · • ・ ‧ dropped, case-folded) is still in the normalised output once every
"keep" item has been cut out of it (a party named 文明 may survive inside《江临市文明行为促进条例》,
nowhere else). A name must also be replaced by its surname + 某 (张某某, 欧阳某某, 张某甲): the
count of "<surname>某" in the output must grow by at least the number of times the name occurred.
Two different names with one surname must come out as different masks (张某甲 / 张某乙).
A "keep" item must be in the output exactly as written.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
SEPARATORS = set("-._·•・‧\u2022\u30fb\u2027\u00b7\uff65")
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
    "端木", "宇文", "长孙", "独孤", "南宫", "闻人", "澹台", "申屠", "太史", "轩辕", "呼延", "万俟",
)
DOTS = "·•・‧\u00b7\u2022\u30fb\u2027\uff65"
MASK_TAIL = "某甲乙丙丁戊己庚辛壬癸一二三四五六七八九1234567890ABCDEFGHabcdefgh"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text if ch not in ZERO_WIDTH and not ch.isspace() and ch not in SEPARATORS
    ).casefold()


def surname_of(item: dict) -> tuple[str, ...] | None:
    """Acceptable surnames of a labelled name, None when the name has no Han surname (minority
    names written with a middle dot)."""
    if item.get("surname"):
        s = item["surname"]
        return tuple(s) if isinstance(s, list) else (s,)
    name = norm(item["text"])
    if any(d in item["text"] for d in DOTS):
        return None
    if name[:2] in COMPOUND_SURNAMES:
        return (name[:2],)
    return (name[:1],)


def _strip_keeps(normed: str, keeps: list[str]) -> str:
    for k in sorted({norm(k) for k in keeps}, key=len, reverse=True):
        if k:
            normed = normed.replace(k, "\x00")
    return normed


def judge(case: dict, out: str) -> list[tuple[str, str, str]]:
    """Failures of one case as (kind, what, detail); kind is the remove kind, "keep" for
    over-redaction, "name-mask" / "name-distinct" for names removed without the surname mask."""
    failures: list[tuple[str, str, str]] = []
    keeps = list(case.get("keep", ()))
    n_out = _strip_keeps(norm(out), keeps)
    n_in = _strip_keeps(norm(case["text"]), keeps)
    for item in case.get("remove", ()):
        target = norm(item["text"])
        if target and target in n_out:
            failures.append((item["kind"], item["text"], "survives"))
            continue
        if item["kind"] == "email":
            local = re.split(r"[@＠]| at |\(at\)|\[at\]", unicodedata.normalize("NFKC", item["text"]))[0]
            if len(norm(local)) >= 4 and norm(local) in n_out:
                failures.append(("email", item["text"], f"local part {local!r} survives"))
    # names: the surname mask must appear once per occurrence (names that leak are reported above)
    leaked = {norm(f[1]) for f in failures if f[0] == "name"}
    by_surname: dict[tuple[str, ...], list[dict]] = {}
    dotted_needed = 0
    seen: set[str] = set()
    for item in case.get("remove", ()):
        if item["kind"] != "name" or norm(item["text"]) in seen:
            continue
        seen.add(norm(item["text"]))
        occurrences = n_in.count(norm(item["text"]))
        s = surname_of(item)
        if s is None:
            dotted_needed += 0 if norm(item["text"]) in leaked else occurrences
            continue
        by_surname.setdefault(s, []).append({"item": item, "occ": occurrences,
                                             "leaked": norm(item["text"]) in leaked})
    for s, items in by_surname.items():
        needed = sum(i["occ"] for i in items if not i["leaked"])
        grown = sum(n_out.count(norm(x) + "某") - n_in.count(norm(x) + "某") for x in s)
        if needed and grown < needed:
            failures.append(("name-mask", "、".join(i["item"]["text"] for i in items if not i["leaked"]),
                             f"expected {needed}× {'/'.join(s)}某…, output has {max(grown, 0)} more"))
        distinct = {norm(i["item"]["text"]) for i in items}
        if len(distinct) >= 2 and not any(i["leaked"] for i in items):
            pat = "|".join(re.escape(norm(x)) for x in s)
            masks = set(re.findall(f"(?:{pat})某[{MASK_TAIL}]?", n_out)) - set(
                re.findall(f"(?:{pat})某[{MASK_TAIL}]?", n_in))
            if len(masks) < len(distinct):
                failures.append(("name-distinct", "、".join(sorted(distinct)),
                                 f"{len(distinct)} persons, masks {sorted(masks)}"))
    if dotted_needed:
        han_needed = sum(i["occ"] for items in by_surname.values() for i in items if not i["leaked"])
        grown = n_out.count("某") - n_in.count("某")
        if grown < dotted_needed + han_needed:
            dotted = [i["text"] for i in case["remove"] if i["kind"] == "name" and surname_of(i) is None]
            failures.append(("name-mask", "、".join(dotted), f"expected {dotted_needed} more masks with 某"))
    for k in keeps:
        if k not in out:
            failures.append(("keep", k, "over-redacted"))
    return failures
