"""The learned layer on a sealed test: aggregates only (issue 12).

Trains the classifier on 25%, 50% and 100% of the dev countries (seeded),
scores every sentence of the sealed passages, and reports, per share:
sentence-level detection of the rules, of the classifier and of both, and the
argument F1 of the rules alone and of the rules with the classifier as a veto
at the threshold the committed model's cross-validation chose. Nothing about
single passages or events is printed.

Usage: python -m pipeline.learn.heldout --dev-gold dev/gold --dev-texts T --dev-manifest M
           --gold sealed/gold heldout/gold --texts T2 --manifest M2 M3 --pred events.csv
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from pipeline.evaluate import Gold, load_gold, load_predictions, score
from pipeline.learn.cv import detection, rules_detect, sentence_index, vetoed
from pipeline.learn.data import examples, read_groups
from pipeline.learn.decide import MODEL_DIR
from pipeline.learn.sentcat import CONFIG, score_texts, train


def curve(args) -> list[dict]:
    """One row of aggregates per share of the dev countries."""
    meta = json.loads((MODEL_DIR / "hr_meta.json").read_text(encoding="utf-8"))
    # the veto at the threshold CV chose, or else CV's best veto threshold; sentence
    # detection at the threshold that maximized out-of-fold sentence F1
    both = [r for r in meta.get("cross_validation", []) if r["mode"] == "both"]
    t = max(both, key=lambda r: r["argument_f1"])["threshold"] if both else 0.5   # the veto's best CV threshold
    st = meta.get("sentence_threshold", 0.5)
    dev = examples(args.dev_gold, args.dev_texts, read_groups(args.dev_manifest))
    groups = read_groups(args.manifest)
    test = [e for d in args.gold for e in examples(d, args.texts, groups)]
    gold = Gold.merged([load_gold(d, args.texts) for d in args.gold])
    preds = [p for p in load_predictions(args.pred) if p.doc_id in gold.texts]
    gold_any = [bool(e.labels) for e in test]
    rules = rules_detect(test, preds)
    countries = sorted({e.group for e in dev})
    random.Random(0).shuffle(countries)
    base = score(gold, preds).overall
    rows = []
    for share in (0.25, 0.5, 1.0):
        keep = set(countries[:max(1, round(len(countries) * share))])
        nlp = train([e for e in dev if e.group in keep], CONFIG)
        scores = [c["ANY"] for c in score_texts(nlp, [e.text for e in test])]
        learned = [s >= st for s in scores]
        both = score(gold, vetoed(preds, sentence_index(test, scores), t)).overall
        rows.append({"share": share, "threshold": t,
                     "sentences": {"rules": detection(gold_any, rules, "").counts.to_dict(),
                                   "learned": detection(gold_any, learned, "").counts.to_dict(),
                                   "rules_or_learned": detection(gold_any, [a or b for a, b in zip(rules, learned)],
                                                                 "").counts.to_dict()},
                     "argument_rules": base.argument.to_dict(), "argument_both": both.argument.to_dict()})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-gold", type=Path, required=True)
    ap.add_argument("--dev-texts", type=Path, required=True)
    ap.add_argument("--dev-manifest", type=Path, nargs="+", required=True)
    ap.add_argument("--gold", type=Path, nargs="+", required=True)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--manifest", type=Path, nargs="+", required=True)
    ap.add_argument("--pred", type=Path, required=True, help="the rules' own events.csv (--rules-only)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    rows = curve(args)
    print("| dev gold | sentence F1 rules | learned | rules OR learned | arg F1 rules | arg F1 rules+veto (CV's best t) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        s = r["sentences"]
        print(f"| {int(r['share'] * 100)}% | {s['rules']['f1']:.3f} | {s['learned']['f1']:.3f} | "
              f"{s['rules_or_learned']['f1']:.3f} | {r['argument_rules']['f1']:.3f} | {r['argument_both']['f1']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
