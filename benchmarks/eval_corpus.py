"""Evaluation: the scrubber on a labelled corpus file, as tests/privacy/test_corpus.py judges it.

    python benchmarks/eval_corpus.py tests/privacy/corpus/heldout_dev.jsonl [--show 20]

Prints recall per kind (labelled values removed / labelled values), the name recall, the keep
rate (keep items that survive exactly / keep items) and how many cases pass whole. The held-out
files (tests/privacy/corpus/README.md): heldout_dev.jsonl is for tuning the rules, heldout_test.jsonl
is only measured — a rule written after reading its misses would make its figure meaningless.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

from gongshi.privacy.detect import TextContext, redact_free_text  # noqa: E402
from tests.privacy.corpus import checks  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print the first N failing cases")
    args = parser.parse_args()
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    removed, total = Counter(), Counter()
    kept = kept_total = passed = masks_wrong = 0
    shown = 0
    started = time.perf_counter()
    for case in cases:
        context = TextContext(persons=tuple(case["persons"]), public_names=frozenset(case.get("public_names", ())),
                              party_is_person=case["party_is_person"])
        out = redact_free_text(case["text"], context)
        failures = checks.judge(case, out)
        leaked = {(kind, what) for kind, what, detail in failures if detail == "survives"}
        for item in case["remove"]:
            total[item["kind"]] += 1
            removed[item["kind"]] += (item["kind"], item["text"]) not in leaked
        lost = {what for kind, what, _ in failures if kind == "keep"}
        kept_total += len(case["keep"])
        kept += sum(1 for k in case["keep"] if k not in lost)
        passed += not failures
        masks_wrong += any(kind.startswith("name-") for kind, _, _ in failures)
        if failures and shown < args.show:
            shown += 1
            print(f"{case['id']}\n  in : {case['text']}\n  out: {out}\n  " + "\n  ".join(map(str, failures)))
    elapsed = time.perf_counter() - started
    recall = sum(removed.values()) / max(1, sum(total.values()))
    print(f"{args.cases.name}: {len(cases)} cases, {passed} pass whole; recall {recall:.3f}, "
          f"names {removed['name'] / max(1, total['name']):.3f} ({removed['name']}/{total['name']}); "
          f"keep {kept / max(1, kept_total):.3f} ({kept}/{kept_total}); cases with a wrong mask {masks_wrong}; "
          f"{elapsed:.2f} s")
    print("  " + ", ".join(f"{k} {removed[k]}/{total[k]}" for k in sorted(total, key=lambda k: -total[k])))


if __name__ == "__main__":
    main()
