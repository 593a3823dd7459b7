"""Evaluation: person-name recognition on the labelled 脱敏 corpus (tests/privacy/corpus/cases.jsonl).

    python benchmarks/eval_names.py [--show N]

Systems, all on the same texts:
  rules  gongshi.privacy.detect.find_personal_data(text, context), findings of kind "name"
         (the context carries the record's persons and the officers as public names);
  jieba  jieba 0.42.1 posseg, tokens tagged nr* (a statistical recogniser with no context);
  union  the spans of both, merged;
  lac    Baidu LAC (PER), only when the `LAC` package imports.

Scoring, on character spans (overlapping predictions of one system are merged first):
  a labelled name is every occurrence in the text of a "remove" item of kind "name", except
            occurrences inside a "keep" item (文明 inside《江临市文明行为促进条例》);
  recall    = labelled names overlapped by some prediction / labelled names
              (also split: names the record's `persons` list gives vs. names found only in the text);
  precision = predictions overlapping a labelled name / predictions, leaving out predictions that
              only touch an officer's (public) name; "public hits" counts those left out;
  speed     = texts/s and chars/s over the whole corpus (model loading timed apart).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "privacy" / "corpus" / "cases.jsonl"


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def labelled(case: dict) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]]]:
    """(name spans with 'given in persons' flag, public-name spans)."""
    persons = {p.replace("·", "").replace(" ", "").replace("\u3000", "") for p in case["persons"]}
    keeps = [sp for k in case.get("keep", ()) for sp in occurrences(case["text"], k)]
    names = []
    for item in case["remove"]:
        if item["kind"] != "name":
            continue
        key = "".join(ch for ch in item["text"] if ch not in "·•・‧ \u3000")
        for s, e in occurrences(case["text"], item["text"]):
            if any(ks <= s and e <= ke for ks, ke in keeps):
                continue  # 文明 inside 《江临市文明行为促进条例》, 金华 inside 金华市: not a person here
            names.append((s, e, key in persons))
    names = sorted(set(names))
    public = [sp for n in case.get("public_names", ()) for sp in occurrences(case["text"], n)]
    return names, public


# ----------------------------------------------------------------------------- systems
def rules_system():
    from gongshi.privacy.detect import TextContext, find_personal_data

    def predict(case: dict) -> list[tuple[int, int]]:
        ctx = TextContext(persons=tuple(case["persons"]), public_names=frozenset(case.get("public_names", ())),
                          party_is_person=case["party_is_person"])
        return [(f.start, f.end) for f in find_personal_data(case["text"], ctx) if f.kind == "name"]

    return predict


def jieba_system():
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    pseg.lcut("预热")

    def predict(case: dict) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for word, flag in pseg.cut(case["text"]):
            if flag.startswith("nr"):
                spans.append((pos, pos + len(word)))
            pos += len(word)
        return spans

    return predict


def lac_system():
    from LAC import LAC  # noqa: N811 - the package's own spelling

    lac = LAC(mode="lac")

    def predict(case: dict) -> list[tuple[int, int]]:
        words, tags = lac.run(case["text"])
        spans, pos = [], 0
        for w, t in zip(words, tags):
            if t == "PER":
                spans.append((pos, pos + len(w)))
            pos += len(w)
        return spans

    return predict


# ----------------------------------------------------------------------------- scoring
def score(cases, preds_by_case) -> dict:
    tp_lab = tot_lab = tp_given = tot_given = 0
    correct = counted = public_hits = 0
    for case, preds in zip(cases, preds_by_case):
        names, public = labelled(case)
        preds = merge(preds)
        for s, e, given in names:
            hit = any(overlaps((s, e), p) for p in preds)
            tot_lab += 1
            tp_lab += hit
            if given:
                tot_given += 1
                tp_given += hit
        for p in preds:
            if any(overlaps(p, (s, e)) for s, e, _ in names):
                correct += 1
                counted += 1
            elif any(overlaps(p, q) for q in public):
                public_hits += 1
            else:
                counted += 1
    return {
        "recall": tp_lab / max(1, tot_lab),
        "recall_given": tp_given / max(1, tot_given),
        "recall_text": (tp_lab - tp_given) / max(1, tot_lab - tot_given),
        "precision": correct / max(1, counted),
        "predictions": counted,
        "public_hits": public_hits,
        "labelled": tot_lab,
        "given": tot_given,
    }


def run(name, factory, cases):
    t0 = time.perf_counter()
    try:
        predict = factory()
    except Exception as exc:  # an optional recogniser that is not installed
        return name, None, f"{type(exc).__name__}: {exc}"
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    preds = [predict(c) for c in cases]
    elapsed = time.perf_counter() - t1
    return name, {"preds": preds, "load": load, "elapsed": elapsed}, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N misses and N false positives per system")
    args = parser.parse_args()
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(len(c["text"]) for c in cases)
    results = {}
    notes = []
    for name, factory in (("rules", rules_system), ("jieba", jieba_system), ("lac", lac_system)):
        n, res, err = run(name, factory, cases)
        if err:
            why = ("; `pip install lac==2.1.2` does not build here (its setup imports pkg_resources) and LAC "
                   "needs paddlepaddle, a CPU wheel of well over 100 MB" if n == "lac" else "")
            notes.append(f"{n}: skipped ({err}{why})")
            continue
        results[n] = res
    if "rules" in results and "jieba" in results:
        results["union"] = {
            "preds": [a + b for a, b in zip(results["rules"]["preds"], results["jieba"]["preds"])],
            "load": results["rules"]["load"] + results["jieba"]["load"],
            "elapsed": results["rules"]["elapsed"] + results["jieba"]["elapsed"],
        }
    first = score(cases, [[] for _ in cases])
    print(f"corpus: {len(cases)} texts, {chars} chars, {first['labelled']} labelled name occurrences "
          f"({first['given']} given in the record's persons, {first['labelled'] - first['given']} only in the text)")
    head = (f"{'system':8s} {'recall':>7s} {'r.given':>8s} {'r.text':>7s} {'precis.':>8s} {'preds':>6s} "
            f"{'pub.hits':>8s} {'texts/s':>9s} {'chars/s':>10s} {'load s':>7s}")
    print(head)
    print("-" * len(head))
    for name, res in results.items():
        sc = score(cases, res["preds"])
        el = max(res["elapsed"], 1e-9)
        print(f"{name:8s} {sc['recall']:7.3f} {sc['recall_given']:8.3f} {sc['recall_text']:7.3f} {sc['precision']:8.3f} "
              f"{sc['predictions']:6d} {sc['public_hits']:8d} {len(cases) / el:9.0f} {chars / el:10.0f} {res['load']:7.2f}")
    for n in notes:
        print(n)
    if args.show:
        for name, res in results.items():
            print(f"\n== {name}: misses / false positives")
            misses, fps = [], []
            for case, preds in zip(cases, res["preds"]):
                names, public = labelled(case)
                preds = merge(preds)
                t = case["text"]
                misses += [(case["id"], t[s:e], t[max(0, s - 8):e + 4]) for s, e, _ in names
                           if not any(overlaps((s, e), p) for p in preds)]
                fps += [(case["id"], t[p[0]:p[1]], t[max(0, p[0] - 8):p[1] + 4]) for p in preds
                        if not any(overlaps(p, (s, e)) for s, e, _ in names) and not any(overlaps(p, q) for q in public)]
            for m in misses[:args.show]:
                print("  miss", m)
            for f in fps[:args.show]:
                print("  fp  ", f)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
