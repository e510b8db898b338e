"""`python -m pipeline show FILE --out page.html`: a displaCy page of the events
of one report -- every sentence that holds an event with its triggers marked,
then a table of each event's target, slots and rule ids."""
from __future__ import annotations

import html
import sys
from pathlib import Path

from pipeline.components.events import SLOTS, event_record, set_event_spans

_STYLE = ("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:90%}"
          "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}</style>")


def render(events: list, nlp, title: str) -> str:
    """The HTML page for a document's events (the text the events' offsets point into)."""
    from spacy import displacy
    by_sentence: dict[tuple[int, int], list] = {}
    for ev in events:
        by_sentence.setdefault((ev.char_start, ev.char_end), []).append(ev)
    docs = []
    for (start, _end), evs in sorted(by_sentence.items()):
        doc = nlp.make_doc(evs[0].evidence)
        shifted = []
        for ev in evs:
            t0, t1 = ev.trigger or (start, start + len(ev.evidence))
            copy = type(ev)(**{**ev.__dict__, "trigger": (t0 - start, t1 - start)})
            shifted.append(copy)
        set_event_spans(doc, shifted)
        doc.user_data["title"] = f"characters {start}-{_end}"
        docs.append(doc)
    marked = displacy.render(docs, style="span", options={"spans_key": "hr_events"}, page=False) if docs else ""
    rows = []
    for i, ev in enumerate(events, 1):
        rec = event_record(ev)
        slots = "<br>".join(f"{k}: {html.escape(str(rec['slots'][k]))}" for k in SLOTS if k in rec["slots"])
        rows.append(f"<tr><td>{i}</td><td>{rec['type']}</td><td>{html.escape(rec['target'])} "
                    f"({rec['target_type']}{', ' + rec['target_count'] if rec['target_count'] else ''})</td>"
                    f"<td>{slots}</td><td>{html.escape('; '.join(rec['rule_ids']))}</td></tr>")
    table = ("<table><tr><th>#</th><th>type</th><th>target</th><th>slots</th><th>rule ids</th></tr>"
             + "".join(rows) + "</table>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>{_STYLE}</head>"
            f"<body><h1>{html.escape(title)}</h1><p>{len(events)} events</p>{marked}<h2>Events</h2>{table}"
            "</body></html>")


def main(args) -> int:
    """Extract one report through the CLI's fast path and write its displaCy page."""
    from pipeline import ingest
    from pipeline.nlp import Analyzer
    try:
        inputs = ingest.discover([args.file])
    except ingest.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if len(inputs) != 1:
        print(f"error: {args.file}: expected one report file", file=sys.stderr)
        return 2
    try:
        document = ingest.load(inputs[0])
    except ingest.IngestError as exc:
        print(f"error: {args.file}: {exc.reason}", file=sys.stderr)
        return 1
    analyzer = Analyzer()
    events = analyzer.analyze(document)
    page = render(events, analyzer.nlp, f"{document.doc_id}: justice events")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    print(f"{len(events)} events -> {out}", file=sys.stderr)
    return 0
