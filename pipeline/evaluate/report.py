"""Reports: the summary tables, eval.json and eval.md, and the command."""
from __future__ import annotations

import csv
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.evaluate.model import (
    Counts, EvalError, EvalResult, EventRow, GoldError, SLOT_COLUMNS, Score, _n,
)
from pipeline.evaluate.scoring import evaluate


def _prf(counts: list[Counts]) -> pd.DataFrame:
    """tp, fp and fn of each row, with P, R and F1 as Counts computes them, formatted
    to three decimals ('-' for a row with nothing to find and nothing predicted)."""
    df = pd.DataFrame([(c.tp, c.fp, c.fn) for c in counts], columns=["tp", "fp", "fn"], dtype="int64")
    found, sought = df.tp + df.fp, df.tp + df.fn
    p = (df.tp / found).where(found > 0, (df.fn == 0).astype(float))
    r = (df.tp / sought).where(sought > 0, (df.fp == 0).astype(float))
    f1 = (2 * p * r / (p + r)).where(p + r > 0, 0.0)
    empty = (df[["tp", "fp", "fn"]] == 0).all(axis=1)
    for col, values in (("P", p), ("R", r), ("F1", f1)):
        df[col] = values.map("{:.3f}".format).where(~empty, "-")
    return df


def _cells(df: pd.DataFrame) -> list[list[str]]:
    return df.astype(str).to_numpy().tolist()


def summary_rows(result: EvalResult) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the summary table: ALL, then each document."""
    header = ["document", "gold", "pred", "event P", "event R", "event F1", *SLOT_COLUMNS, "arg P", "arg R", "arg F1"]
    docs = pd.DataFrame([(d.doc_id, d.n_gold, d.n_pred) for d in result.docs.values()],
                        columns=["document", "gold", "pred"]).astype({"gold": "int64", "pred": "int64"})
    total = pd.DataFrame([{"document": "ALL", "gold": docs.gold.sum(), "pred": docs.pred.sum()}])
    table = pd.concat([total, docs], ignore_index=True)
    scores = [result.overall] + [d.score for d in result.docs.values()]
    table[["event P", "event R", "event F1"]] = _prf([s.events for s in scores])[["P", "R", "F1"]].to_numpy()
    for c in SLOT_COLUMNS:
        table[c] = _prf([s.slots[c] for s in scores])["F1"]
    table[["arg P", "arg R", "arg F1"]] = _prf([s.argument for s in scores])[["P", "R", "F1"]].to_numpy()
    return header, _cells(table[header])


def _count_rows(items: list[tuple[str, Counts]]) -> list[list[str]]:
    df = _prf([c for _, c in items])
    df.insert(0, "name", [n for n, _ in items])
    return _cells(df[["name", "tp", "fp", "fn", "P", "R", "F1"]])


def type_rows(score_: Score) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the per-event-type table."""
    return ["event_type", "tp", "fp", "fn", "P", "R", "F1"], _count_rows(list(score_.by_type.items()))


def slot_rows(score_: Score) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the slot-count table (events, each slot, argument)."""
    items = [("events", score_.events)] + [(c, score_.slots[c]) for c in SLOT_COLUMNS] + [("argument", score_.argument)]
    return ["", "tp", "fp", "fn", "P", "R", "F1"], _count_rows(items)


def _plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(  # noqa: E731
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def _md_cell(value: str) -> str:
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|") or " "


_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)?|-)$")


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    numeric = [bool(rows) and all(_NUMBER.match(r[i]) for r in rows) for i in range(len(header))]
    out = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
           "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def _intro(result: EvalResult) -> list[str]:
    docs = result.docs.values()
    lines = [f"{_n(len(docs), 'document')} scored: {_n(sum(d.n_gold for d in docs), 'gold event')}, "
             f"{_n(sum(d.n_pred for d in docs), 'predicted event')}."]
    if result.ignored_rows:
        lines.append(f"Ignored {_n(result.ignored_rows, 'predicted event')} in "
                     f"{_n(len(result.ignored_docs), 'document')} without gold: {', '.join(result.ignored_docs)}.")
    lines += [f"Warning: {w}" for w in result.warnings]
    return lines


def format_table(result: EvalResult) -> str:
    """The compact stdout report: summary per scope, then per event type and per slot (overall)."""
    parts = _intro(result)
    parts += ["", _plain(*summary_rows(result)), "", _plain(*type_rows(result.overall)), "",
              _plain(*slot_rows(result.overall)),
              "", "Slot columns show F1; '-' = no values on either side. Argument = events + all slots."]
    return "\n".join(parts)


def _values(r: EventRow) -> str:
    vals = ([f"target_count={r.target_count}"] if r.target_count else []) + \
        [f"{c}={v}" for c, v in r.slots.items() if v]
    return "; ".join(vals)


def format_markdown(result: EvalResult) -> str:
    """eval.md: the tables, then every missed event, spurious event and wrong slot."""
    docs = list(result.docs.values())
    out = ["# Evaluation (spec section 6)", ""] + _intro(result) + [
        "", f"Gold: {', '.join(result.gold_files)}  ", f"Predictions: {result.pred_file}", "",
        "## Summary", "", "Slot columns show F1; '-' means no values on either side. "
        "Argument counts = event counts + all slot counts.", "", _markdown(*summary_rows(result)), "",
        "## Per event type (all documents)", "", _markdown(*type_rows(result.overall)), "",
        "## Counts (all documents)", "", _markdown(*slot_rows(result.overall)), ""]
    event_header = ["doc_id", "event_type", "target", "values", "evidence"]

    def event_cells(rows):
        return [[r.doc_id, r.event_type, f"{r.target} ({r.target_type})", _values(r), r.context or r.evidence,
                 r.origin] for r in rows]

    wrong = [w for d in docs for w in d.wrong_slots]
    sections = [
        ("Missed events: gold not matched", event_header + ["gold row"], event_cells([r for d in docs for r in d.missed])),
        ("Spurious events: predictions not matched", event_header + ["predicted row"],
         event_cells([r for d in docs for r in d.spurious])),
        ("Wrong slots in matched events",
         ["doc_id", "event_type", "target (gold / predicted)", "slot", "gold", "predicted", "evidence", "gold row",
          "predicted row"],
         [[w.gold.doc_id, w.gold.event_type, f"{w.gold.target} / {w.pred.target}", w.column,
           w.gold.slots[w.column] or "(empty)", w.pred.slots[w.column] or "(empty)",
           w.gold.context or w.gold.evidence, w.gold.origin, w.pred.origin] for w in wrong]),
    ]
    for title, header, rows in sections:
        out += [f"## {title} ({len(rows)})", "", _markdown(header, rows) if rows else "None.", ""]
    return "\n".join(out).rstrip() + "\n"


def _atomic_write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reports(result: EvalResult, out_dir: str | Path) -> tuple[Path, Path]:
    """Write out_dir/eval.json and out_dir/eval.md atomically; return their paths."""
    out_dir = Path(out_dir)
    js, md = out_dir / "eval.json", out_dir / "eval.md"
    _atomic_write(js, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    _atomic_write(md, format_markdown(result))
    return js, md


def main(args) -> int:
    """CLI entry (`python -m pipeline evaluate`): score, print the table, write the
    reports. Returns 0, or 2 with a message naming the file and row for bad input."""
    pred = Path(args.pred)
    texts = getattr(args, "texts", None) or pred.parent / "texts"
    out = getattr(args, "out", None) or pred.parent
    try:
        result = evaluate(args.gold, pred, texts)
    except EvalError as exc:
        kind = "invalid gold" if isinstance(exc, GoldError) else "invalid predictions"
        print(f"error: {kind}:\n{exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        print(f"error: cannot read input: {exc}", file=sys.stderr)
        return 2
    print(format_table(result))
    try:
        js, md = write_reports(result, out)
    except OSError as exc:
        from pipeline.outdir import describe
        print(f"error: cannot write the evaluation reports: {describe(exc, exc.filename or out)}", file=sys.stderr)
        return 2
    print(f"\nwrote {js} and {md}")
    return 0
