"""Aggregate-only scores on a sealed test set (issue 12).

Prints one table of aggregates per slice and nothing about single documents or
events: the sealed test is read as figures, never opened to write a rule.
Slices: everything; State Department text; other publishers; and event
precision on the passages drawn uniformly from whole reports.

Usage: python tools/sealed_eval.py --pred OUT/events.csv --texts OUT/texts \
           --set sealed --set heldout [--json OUT.json]
A set is a folder with manifest.csv, gold/ and optionally passages.csv (draw, style).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.evaluate import Gold, load_gold, load_predictions, score  # noqa: E402


def _meta(sets: list[Path]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for s in sets:
        for name in ("manifest.csv", "passages.csv"):
            if (s / name).is_file():
                with open(s / name, encoding="utf-8", newline="") as fh:
                    for r in csv.DictReader(fh):
                        out.setdefault(r["doc_id"], {}).update(r)
    return out


def _slice(gold: Gold, keep: set[str]) -> Gold:
    return Gold([r for r in gold.rows if r.doc_id in keep], {d: t for d, t in gold.texts.items() if d in keep},
                gold.files)


def aggregates(pred_path: Path, texts: Path, sets: list[Path]) -> dict[str, dict]:
    """Figures per slice: passages, gold and predicted events, event and argument P/R/F1."""
    gold = Gold.merged([load_gold(s / "gold", texts) for s in sets])
    meta = _meta(sets)
    preds = load_predictions(pred_path)
    def style(d):  # noqa: E306
        m = meta.get(d, {})
        return m.get("style") or ("statedept" if "State" in m.get("publisher", "") else "other")
    slices = {"all": set(gold.texts),
              "State Department": {d for d in gold.texts if style(d) == "statedept"},
              "other publishers": {d for d in gold.texts if style(d) != "statedept"},
              "uniform draws": {d for d in gold.texts if meta.get(d, {}).get("draw") == "uniform"}}
    out = {}
    for name, keep in slices.items():
        if not keep:
            continue
        res = score(_slice(gold, keep), [p for p in preds if p.doc_id in keep]).overall
        out[name] = {"passages": len(keep), "gold_events": res.events.tp + res.events.fn,
                     "predicted_events": res.events.tp + res.events.fp,
                     "event": res.events.to_dict(), "argument": res.argument.to_dict()}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--set", type=Path, action="append", required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    res = aggregates(args.pred, args.texts, args.set)
    print("| slice | passages | gold | predicted | event P | event R | event F1 | arg P | arg R | arg F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in res.items():
        e, a = r["event"], r["argument"]
        print(f"| {name} | {r['passages']} | {r['gold_events']} | {r['predicted_events']} | {e['precision']:.3f} | "
              f"{e['recall']:.3f} | {e['f1']:.3f} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
