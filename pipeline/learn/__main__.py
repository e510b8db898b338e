"""python -m pipeline.learn {train,cv}: the learned layer's training and its
cross-validated comparison with the rules (issue 12).

  train --gold DIR --texts DIR --manifest M [M ...] --pred events.csv --out pipeline/models/sentcat
  cv    --gold DIR --texts DIR --manifest M [M ...] --pred events.csv [--out report.md]
--pred is the rules' own events.csv (extracted with --rules-only) on the gold passages.
--inputs DIR [DIR ...] (the gold passages themselves) also measures the recall booster:
the extractor is run on them with out-of-fold sentence scores, once per threshold
(its outputs go to --work).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.evaluate import EvalError, load_gold, load_predictions
from pipeline.learn.boostcv import booster_rows
from pipeline.learn.cv import best_threshold, choose, detection, out_of_fold, rules_detect, sentence_index
from pipeline.learn.data import examples, read_groups
from pipeline.learn.sentcat import CONFIG, fingerprint, save, train


def _args(argv):
    ap = argparse.ArgumentParser(prog="python -m pipeline.learn", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("train", "cv"):
        p = sub.add_parser(name)
        p.add_argument("--gold", type=Path, required=True)
        p.add_argument("--texts", type=Path, required=True)
        p.add_argument("--manifest", type=Path, nargs="+", required=True)
        p.add_argument("--pred", type=Path, required=True, help="the rules' events.csv on the same passages")
        p.add_argument("--folds", type=int, default=5)
        p.add_argument("--inputs", type=Path, nargs="+", help="the gold passages, to cross-validate the booster")
        p.add_argument("--work", type=Path, default=Path(".eval/boost-cv"), help="the booster runs' outputs")
        p.add_argument("--out", type=Path, required=name == "train",
                       help="the model folder (train) / the report file, markdown (cv)")
    return ap.parse_args(argv)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def cross_validate(args) -> str:
    groups = read_groups(args.manifest)
    exs = examples(args.gold, args.texts, groups)
    gold_any = [bool(e.labels) for e in exs]
    gold = load_gold(args.gold, args.texts)
    preds = [p for p in load_predictions(args.pred) if p.doc_id in gold.texts]
    rules = rules_detect(exs, preds)
    out = [f"# Learned layer: {args.folds}-fold cross-validation by country",
           "", f"{len(exs)} sentences of {len(gold.texts)} passages from {len(set(e.group for e in exs))} "
           f"countries; {sum(gold_any)} state an event.", ""]
    curve, oof = [], None
    for share in (0.25, 0.5, 1.0):
        s = out_of_fold(exs, args.folds, CONFIG, share)
        t, f1 = best_threshold(gold_any, s)
        curve.append([f"{int(share * 100)}%", f"{t:.2f}", f"{f1:.3f}"])
        if share == 1.0:
            oof, thr = s, t
    learned = [s >= thr for s in oof]
    det = [detection(gold_any, rules, "rules"), detection(gold_any, learned, f"learned (t={thr:.2f})"),
           detection(gold_any, [a or b for a, b in zip(rules, learned)], "rules OR learned"),
           detection(gold_any, [a and b for a, b in zip(rules, learned)], "rules AND learned")]
    out += ["## Sentence-level detection (out of fold)", "",
            _table(["method", "P", "R", "F1", "tp", "fp", "fn"], [d.row() for d in det]), "",
            "## Learning curve (share of the training countries in each fold)", "",
            _table(["dev gold used", "threshold", "sentence F1"], curve), ""]
    mode, t, rows = choose(gold, preds, exs, oof, _boost(args, gold, exs, oof))
    out += ["## Events: the rules alone, with the classifier as a veto, and with the booster (out of fold)", "",
            _table(["method", "t", "event F1", "arg P", "arg R", "arg F1"], [_veto_row(*r) for r in rows]), "",
            f"Chosen by cross-validation: **{mode}**" + (f" (t={t:.2f})" if t is not None else ""), ""]
    return "\n".join(out) + "\n"


def _boost(args, gold, exs, oof) -> list:
    """The booster's rows at each threshold, when --inputs gives the passages to extract."""
    if not args.inputs:
        return []
    return booster_rows(gold, args.inputs, sentence_index(exs, oof), args.work)


def _veto_row(mode, t, o) -> list[str]:
    name = {"rules": "rules only", "both": "rules, vetoed below t", "boost": "rules + booster at t"}[mode]
    return [name, "" if t is None else f"{t:.2f}", f"{o.events.f1:.3f}", f"{o.argument.precision:.3f}",
            f"{o.argument.recall:.3f}", f"{o.argument.f1:.3f}"]


def train_and_choose(args) -> int:
    """Cross-validate, choose rules, rules+veto or rules+booster by out-of-fold argument F1, train on
    all the gold, and save the model with what it was trained from and what was chosen."""
    groups = read_groups(args.manifest)
    exs = examples(args.gold, args.texts, groups)
    gold = load_gold(args.gold, args.texts)
    preds = [p for p in load_predictions(args.pred) if p.doc_id in gold.texts]
    oof = out_of_fold(exs, args.folds, CONFIG)
    mode, t, rows = choose(gold, preds, exs, oof, _boost(args, gold, exs, oof))
    sentence_t, _f1 = best_threshold([bool(e.labels) for e in exs], oof)
    nlp = train(exs, CONFIG)
    files = sorted(args.gold.rglob("*.csv")) if args.gold.is_dir() else [args.gold]
    cv = [{"mode": m, "threshold": th, "argument_f1": round(o.argument.f1, 4),
           "argument_precision": round(o.argument.precision, 4), "argument_recall": round(o.argument.recall, 4),
           "event_f1": round(o.events.f1, 4)} for m, th, o in rows]
    save(nlp, args.out, {"fingerprint": fingerprint(files, CONFIG), "config": CONFIG, "mode": mode,
                         "threshold": t, "sentence_threshold": sentence_t, "folds": args.folds, "cross_validation": cv,
                         "n_sentences": len(exs), "n_positive": sum(bool(e.labels) for e in exs)})
    print(f"trained on {len(exs)} sentences -> {args.out}; cross-validation chose {mode}"
          + (f" (threshold {t})" if t is not None else ""))
    return 0


def main(argv=None) -> int:
    args = _args(argv)
    try:
        if args.cmd == "cv":
            report = cross_validate(args)
            print(report)
            if args.out:
                args.out.write_text(report, encoding="utf-8")
            return 0
        return train_and_choose(args)
    except EvalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
