"""Scoring: one document's matches, then the whole run's figures."""
from __future__ import annotations

from pathlib import Path

from pipeline.evaluate.compare import match_events, slot_equal
from pipeline.evaluate.model import (
    Counts, DocResult, EvalResult, EventRow, Gold, SLOT_COLUMNS, Score, SlotDiff, _order_types,
)
from pipeline.evaluate.read import _locate, load_gold, load_predictions
from pipeline.schema import EVENT_TYPES


def score_document(doc_id: str, gold: list[EventRow], pred: list[EventRow]) -> DocResult:
    """Match and count one document's events and slots."""
    s = Score()
    pairs = match_events(gold, pred)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}

    def bump(event_type: str, kind: str) -> None:
        for c in (s.events, s.by_type.setdefault(event_type, Counts())):
            setattr(c, kind, getattr(c, kind) + 1)

    wrong: list[SlotDiff] = []
    matches = []
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        matches.append((g, p))
        bump(g.event_type, "tp")
        for c in SLOT_COLUMNS:
            gv, pv = g.slots[c], p.slots[c]
            if gv and pv and slot_equal(c, pv, gv):
                s.slots[c].tp += 1
                continue
            if pv:
                s.slots[c].fp += 1
            if gv:
                s.slots[c].fn += 1
            if gv or pv:
                wrong.append(SlotDiff(g, p, c))
    missed = [g for i, g in enumerate(gold) if i not in matched_g]
    spurious = [p for i, p in enumerate(pred) if i not in matched_p]
    for g in missed:
        bump(g.event_type, "fn")
        for c in SLOT_COLUMNS:
            s.slots[c].fn += bool(g.slots[c])
    for p in spurious:
        bump(p.event_type, "fp")
        for c in SLOT_COLUMNS:
            s.slots[c].fp += bool(p.slots[c])
    s.by_type = _order_types(s.by_type)
    order = lambda r: (r.position, r.index)  # noqa: E731
    missed.sort(key=order)
    spurious.sort(key=order)
    wrong.sort(key=lambda w: (order(w.gold), SLOT_COLUMNS.index(w.column)))
    return DocResult(doc_id, s, sorted(matches, key=lambda m: order(m[0])), missed, spurious, wrong,
                     len(gold), len(pred))


def score(gold: Gold, pred: list[EventRow]) -> EvalResult:
    """Score predictions against gold, per document and overall (micro-summed).
    Predictions for documents without gold are ignored and counted."""
    by_doc_g: dict[str, list[EventRow]] = {d: [] for d in gold.doc_ids}
    for r in gold.rows:
        by_doc_g[r.doc_id].append(r)
    by_doc_p: dict[str, list[EventRow]] = {d: [] for d in gold.doc_ids}
    ignored: dict[str, int] = {}
    for r in pred:
        if r.doc_id in by_doc_p:
            _locate(r, gold.texts[r.doc_id])
            by_doc_p[r.doc_id].append(r)
        else:
            ignored[r.doc_id] = ignored.get(r.doc_id, 0) + 1
    docs = {d: score_document(d, by_doc_g[d], by_doc_p[d]) for d in gold.doc_ids}
    overall = Score()
    for d in docs.values():
        overall = overall + d.score
    warnings = []
    unknown = sorted({r.event_type for rs in by_doc_p.values() for r in rs} - set(EVENT_TYPES))
    if unknown:
        warnings.append(f"predictions use unknown event types (always false positives): {', '.join(unknown)}")
    return EvalResult(docs, overall, sum(ignored.values()), sorted(ignored), warnings, gold.files)


def evaluate(gold_path: str | Path, pred_path: str | Path, texts_dir: str | Path | None = None) -> EvalResult:
    """Load gold and predictions and score them. texts_dir defaults to texts/ beside pred_path."""
    texts_dir = Path(texts_dir) if texts_dir else Path(pred_path).parent / "texts"
    pred = load_predictions(pred_path)
    gold = load_gold(gold_path, texts_dir)
    result = score(gold, pred)
    result.pred_file = str(pred_path)
    if not gold.rows:
        result.warnings.append("the gold files hold no events")
    return result
