"""Inter-annotator agreement: spec section 6 scores between two independent annotations.

One annotation is read as gold and the other as predictions; event F1 and
argument F1 are symmetric, so the order does not matter for F1. Both files are
validated by the same loader as gold (every problem is reported, nothing is
dropped).

Usage: python tools/agreement.py A_GOLD_DIR B_GOLD_DIR --texts TEXTS_DIR [--json OUT.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.evaluate import GoldError, load_gold, score


def agreement(a_dir: Path, b_dir: Path, texts: Path) -> dict:
    """Per-document and overall event F1 and argument F1 between annotations a and b."""
    a = load_gold(a_dir, texts)
    b = load_gold(b_dir, texts)
    shared = sorted(set(a.texts) & set(b.texts) | ({p.stem for p in a_dir.glob("*.csv")}
                                                    & {p.stem for p in b_dir.glob("*.csv")}))
    a.texts = {d: t for d, t in a.texts.items() if d in shared}
    for d in shared:
        a.texts.setdefault(d, b.texts.get(d) or (texts / f"{d}.txt").read_text(encoding="utf-8"))
    a.rows = [r for r in a.rows if r.doc_id in shared]
    result = score(a, [r for r in b.rows if r.doc_id in shared])
    docs = {d: {"a_events": r.n_gold, "b_events": r.n_pred,
                "event_f1": round(r.score.events.f1, 4), "argument_f1": round(r.score.argument.f1, 4)}
            for d, r in result.docs.items()}
    return {"documents": docs, "a_events": sum(r.n_gold for r in result.docs.values()),
            "b_events": sum(r.n_pred for r in result.docs.values()),
            "event_f1": round(result.overall.events.f1, 4),
            "argument_f1": round(result.overall.argument.f1, 4)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    try:
        res = agreement(args.a, args.b, args.texts)
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for d, r in res["documents"].items():
        print(f"{d:55s} {r['a_events']:4d} {r['b_events']:4d}  event F1 {r['event_f1']:.3f}  "
              f"argument F1 {r['argument_f1']:.3f}")
    print(f"{'ALL':55s} {res['a_events']:4d} {res['b_events']:4d}  event F1 {res['event_f1']:.3f}  "
          f"argument F1 {res['argument_f1']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
