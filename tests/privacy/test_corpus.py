"""The labelled 脱敏 corpus (tests/privacy/corpus/cases.jsonl) run through redact_free_text.

One test per style collects every failure of that style and reports them grouped by kind:
a "remove" item still readable in the output (compared after NFKC, zero-width characters,
whitespace and - . _ · • ・ ‧ are dropped, case-folded), a name not replaced by its surname + 某,
two persons of one surname masked alike, or a "keep" item lost (over-redaction). The floor test
asks for overall recall and keep-survival rates. The corpus was written without reading the
detector code; regenerate it with tests/privacy/corpus/make_corpus.py.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CASES_PATH = CORPUS_DIR / "cases.jsonl"

_spec = importlib.util.spec_from_file_location("corpus_checks", CORPUS_DIR / "checks.py")
checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checks)

try:
    from gongshi.privacy.detect import TextContext, redact_free_text
except ImportError as exc:  # the library is being written; stay importable
    TextContext = redact_free_text = None
    IMPORT_ERROR = exc
else:
    IMPORT_ERROR = None

STYLES = ("决定书", "检查结果", "评查意见")
# floors for the whole corpus: share of remove items gone, share of keep items intact
RECALL_FLOOR = 0.97
KEEP_FLOOR = 0.97
NAME_RECALL_FLOOR = 0.95
NAME_PRECISION_FLOOR = 0.95  # find_personal_data name findings that hit a labelled name


def load_cases() -> list[dict]:
    with CASES_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def context_of(case: dict):
    return TextContext(
        persons=tuple(case["persons"]),
        public_names=frozenset(case.get("public_names", ())),
        party_is_person=case["party_is_person"],
    )


_RESULTS: dict[str, tuple[str, list]] = {}


def run_case(case: dict) -> tuple[str, list]:
    if case["id"] not in _RESULTS:
        try:
            out = redact_free_text(case["text"], context_of(case))
        except Exception as exc:  # a crash is a failure of the case, not of the whole test
            _RESULTS[case["id"]] = ("", [("error", type(exc).__name__, str(exc))])
        else:
            _RESULTS[case["id"]] = (out, checks.judge(case, out))
    return _RESULTS[case["id"]]


def _need_api():
    if IMPORT_ERROR is not None:
        pytest.skip(f"gongshi.privacy.detect API not available yet: {IMPORT_ERROR}")


def format_failures(failures: list[tuple[dict, str, tuple]], limit_per_kind: int = 8) -> str:
    by_kind: dict[str, list] = defaultdict(list)
    for case, out, f in failures:
        by_kind[f[0]].append((case, out, f))
    lines = []
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"== {kind}: {len(items)} failure(s)")
        for case, out, (_, what, detail) in items[:limit_per_kind]:
            lines.append(f"  [{case['id']}] {what!r} {detail}")
            lines.append(f"      in : {case['text']}")
            lines.append(f"      out: {out}")
        if len(items) > limit_per_kind:
            lines.append(f"  … and {len(items) - limit_per_kind} more")
    return "\n".join(lines)


def test_corpus_is_well_formed():
    cases = load_cases()
    assert len(cases) >= 600
    assert len({c["id"] for c in cases}) == len(cases)
    assert {c["style"] for c in cases} == set(STYLES)
    for c in cases:
        for item in c["remove"]:
            assert item["text"] in c["text"], (c["id"], item)
        for k in c["keep"]:
            assert k in c["text"], (c["id"], k)
        for name in c.get("public_names", ()):
            if name in c["text"]:
                assert name in c["keep"], (c["id"], name)


# Cases the detectors do not handle yet, each for a reason said in the closing note of the session
# that listed it; a case listed here that starts to pass fails the test, so the list only shrinks.
KNOWN_GAPS = {
}


@pytest.mark.parametrize("style", STYLES)
def test_style(style):
    _need_api()
    failures = []
    cases = [c for c in load_cases() if c["style"] == style]
    now_passing = []
    for case in cases:
        out, fs = run_case(case)
        if case["id"] in KNOWN_GAPS:
            if not fs:
                now_passing.append(case["id"])
            continue
        failures.extend((case, out, f) for f in fs)
    n_failed = len({c["id"] for c, _, _ in failures})
    assert not now_passing, f"known gaps that now pass (remove them from KNOWN_GAPS): {now_passing}"
    assert not failures, (
        f"{style}: {n_failed} of {len(cases)} cases fail, {len(failures)} failure(s)\n" + format_failures(failures)
    )


def test_recall_and_keep_floors():
    _need_api()
    cases = load_cases()
    removed = Counter()
    total = Counter()
    kept = kept_total = 0
    start = time.perf_counter()
    for case in cases:
        out, fs = run_case(case)
        leaked = {(f[0], f[1]) for f in fs if f[2] == "survives" or f[0] == "error"}
        for item in case["remove"]:
            total[item["kind"]] += 1
            if (item["kind"], item["text"]) not in leaked and not any(f[0] == "error" for f in fs):
                removed[item["kind"]] += 1
        lost = {f[1] for f in fs if f[0] == "keep"}
        kept_total += len(case["keep"])
        kept += sum(1 for k in case["keep"] if k not in lost)
    elapsed = time.perf_counter() - start
    recall = sum(removed.values()) / max(1, sum(total.values()))
    keep_rate = kept / max(1, kept_total)
    name_recall = removed["name"] / max(1, total["name"])
    per_kind = ", ".join(f"{k} {removed[k]}/{total[k]}" for k in sorted(total, key=lambda k: -total[k]))
    summary = (f"recall {recall:.3f} (names {name_recall:.3f}); keep {keep_rate:.3f} ({kept}/{kept_total}); "
               f"{per_kind}; {elapsed:.2f}s")
    print(summary)
    assert recall >= RECALL_FLOOR, summary
    assert name_recall >= NAME_RECALL_FLOOR, summary
    assert keep_rate >= KEEP_FLOOR, summary


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def test_name_precision_floor():
    """Name findings of find_personal_data: share that overlap a labelled name, leaving out findings
    on officers' names (those are reported apart: the context marks them public)."""
    _need_api()
    try:
        from gongshi.privacy.detect import find_personal_data
    except ImportError as exc:
        pytest.skip(f"find_personal_data not available: {exc}")
    correct = counted = public_hits = 0
    wrong = []
    for case in load_cases():
        names = [sp for it in case["remove"] if it["kind"] == "name" for sp in _spans(case["text"], it["text"])]
        public = [sp for n in case.get("public_names", ()) for sp in _spans(case["text"], n)]
        for f in find_personal_data(case["text"], context_of(case)):
            if f.kind != "name":
                continue
            def hit(sp, f=f):
                return f.start < sp[1] and sp[0] < f.end

            if any(hit(sp) for sp in names):
                correct += 1
                counted += 1
            elif any(hit(sp) for sp in public):
                public_hits += 1
                wrong.append((case["id"], "public: " + case["text"][f.start:f.end]))
            else:
                counted += 1
                wrong.append((case["id"], case["text"][max(0, f.start - 6):f.start] + "[" + case["text"][f.start:f.end]
                              + "]" + case["text"][f.end:f.end + 4]))
    precision = correct / max(1, counted)
    summary = f"name precision {precision:.3f} ({correct}/{counted}), officers' names flagged: {public_hits}"
    print(summary)
    assert precision >= NAME_PRECISION_FLOOR and public_hits == 0, summary + "\n" + "\n".join(map(str, wrong[:30]))


def test_names_in_the_held_out_tuning_file_are_found_and_nothing_public_is_lost():
    # heldout_dev.jsonl was written by someone who had not read the detectors (corpus/README.md);
    # the rules were tuned on it, so its floors only guard against losing what was reached.
    # (heldout_test.jsonl is measured by benchmarks/eval_corpus.py, never asserted on or tuned to.)
    _need_api()
    cases = [json.loads(line) for line in (CORPUS_DIR / "heldout_dev.jsonl").open(encoding="utf-8") if line.strip()]
    names = names_removed = kept = keeps = 0
    for case in cases:
        out = redact_free_text(case["text"], context_of(case))
        survived = {what for _, what, detail in checks.judge(case, out) if detail == "survives"}
        for item in case["remove"]:
            if item["kind"] == "name":
                names += 1
                names_removed += item["text"] not in survived
        keeps += len(case["keep"])
        kept += sum(1 for k in case["keep"] if k in out)
    assert names_removed / names >= 0.97, f"names {names_removed}/{names}"
    assert kept / keeps >= 0.99, f"keep {kept}/{keeps}"
