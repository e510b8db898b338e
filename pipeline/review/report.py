"""OUT/report.html: one self-contained page to review a run (issue 9).

The overview (counts by type and year, events per document, the run's figures)
is rendered here as HTML and hand-built SVG; the events table, the evidence
views and the people's timelines are drawn in the browser from one JSON block,
a page of rows at a time, so that 6,000+ events open quickly. Every string from
a report is untrusted: HTML is escaped here with html.escape, the JSON block
has `<`, `>` and `&` escaped so that it cannot close its script element, and the
script inserts text only through its own escape function.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

from pipeline.review.data import (LABELS, Texts, aliases_by_person, event_paragraph, find_spans, read_rows)
from pipeline.review.report_assets import CSS, JS

# The row fields the page's script reads, in this order (see COLS in report_assets.JS).
ROW_FIELDS = ("event_id", "doc_id", "event_type", "target", "target_type", "date", "charge", "charge_article",
              "sentence", "measure", "location", "agent", "rule_ids", "score", "evidence", "char_start",
              "char_end", "target_count", "target_role", "amount", "date_text")
_COLORS = {"TRIGGER": "#feca74", "TARGET": "#aa9cfc", "DATE": "#bfe1d9", "CHARGE": "#ff9561", "TERM": "#e4e7d2",
           "PLACE": "#7aecec"}
MAX_DOC_BARS = 40
MAX_YEAR_BARS = 16


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(counts: list[tuple[str, int]], title: str, note: str = "") -> str:
    """A horizontal bar chart as inline SVG (labels escaped)."""
    bar_h, label_w, bar_w = 16, 210, 300
    top = max([n for _, n in counts] or [1]) or 1
    height = bar_h * len(counts) + 8
    parts = [f'<figure class="chart"><figcaption>{_esc(title)}</figcaption>'
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_esc(title)}" '
             f'width="{label_w + bar_w + 60}" height="{height}">']
    for i, (label, n) in enumerate(counts):
        y = 4 + i * bar_h
        w = max(1, round(bar_w * n / top)) if n else 0
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(f'<g><title>{_esc(label)}: {n}</title>'
                     f'<text x="{label_w - 6}" y="{y + bar_h - 4}" text-anchor="end">{_esc(short)}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{bar_h - 4}"></rect>'
                     f'<text x="{label_w + w + 4}" y="{y + bar_h - 4}">{n}</text></g>')
    parts.append("</svg>")
    if note:
        parts.append(f"<p class='note'>{_esc(note)}</p>")
    parts.append("</figure>")
    return "".join(parts)


def _figures(run_log: list[dict[str, str]], n_events: int, n_people: int) -> str:
    status = Counter(r.get("status", "") for r in run_log)
    cells = [("documents", len(run_log)), ("ok", status.get("ok", 0)), ("skipped", status.get("skipped", 0)),
             ("failed", status.get("failed", 0)), ("events", n_events), ("people", n_people)]
    return ('<div class="figures">' + "".join(f'<div class="fig" data-fig="{_esc(k)}"><b>{v:,}</b><span>{_esc(k)}'
                                               f'</span></div>' for k, v in cells) + "</div>")


def _overview(events: list[dict[str, str]], run_log, n_people: int) -> str:
    by_type = Counter(e["event_type"] for e in events)
    by_year = Counter((e.get("date") or "")[:4] or "undated" for e in events)
    by_doc = Counter(e["doc_id"] for e in events).most_common()
    years = _collapse_years(by_year)
    note = (f"the {MAX_DOC_BARS} documents with most events of {len(by_doc)}; the table filters by any document"
            if len(by_doc) > MAX_DOC_BARS else "")
    return (_figures(run_log, len(events), n_people) + '<div class="charts">'
            + bar_chart(by_type.most_common(), "Events by type")
            + bar_chart(years, "Events by year (of the event's date)")
            + bar_chart(by_doc[:MAX_DOC_BARS], "Events per document", note) + "</div>")


def _collapse_years(by_year: Counter) -> list[tuple[str, int]]:
    """Years in order, undated last; beyond MAX_YEAR_BARS, the earliest are one bar "before YYYY"."""
    dated = sorted((y, n) for y, n in by_year.items() if y != "undated")
    if len(dated) > MAX_YEAR_BARS:
        keep = dated[-(MAX_YEAR_BARS - 1):]
        dated = [(f"before {keep[0][0]}", sum(n for _, n in dated[:-(MAX_YEAR_BARS - 1)]))] + keep
    return dated + ([("undated", by_year["undated"])] if by_year.get("undated") else [])


def _json_block(data: object) -> str:
    """JSON that is safe inside <script type="application/json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_data(out_dir: Path, events: list[dict[str, str]], people: list[dict[str, str]]) -> dict:
    """The JSON the page's script draws the table, evidence views and timelines from."""
    texts = Texts(out_dir)
    aliases = aliases_by_person(people)
    paras: list[str] = []
    para_index: dict[tuple[str, int, int], int] = {}
    rows = []
    for e in events:
        p0, para, es, ee = event_paragraph(texts, e)
        key = (e["doc_id"], p0, len(para))      # a long line is cut around each evidence: its own window
        if key not in para_index:
            para_index[key] = len(paras)
            paras.append(para)
        spans = []
        for label, s, t in find_spans(e, para[es:ee], aliases.get(e.get("target", ""), [])):
            spans.extend((LABELS.index(label), es + s, es + t))
        rows.append([e.get(f, "") for f in ROW_FIELDS] + [para_index[key], es, ee, spans])
    person_rows: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        if e.get("target_type") == "PERSON" and e.get("target"):
            person_rows.setdefault(e["target"], []).append(i)
    timelines = [[name, sorted(idx, key=lambda i: (not events[i].get("date"), events[i].get("date", ""), i))]
                 for name, idx in sorted(person_rows.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return {"fields": list(ROW_FIELDS) + ["para", "ev_start", "ev_end", "spans"], "rows": rows, "paras": paras,
            "people": timelines, "labels": list(LABELS), "colors": _COLORS,
            "has_score": any(e.get("score") for e in events)}


def render(out_dir: Path, title: str = "hr-events run") -> str:
    """The page for the run in `out_dir` (events.csv, people.csv, run_log.csv, texts/)."""
    out_dir = Path(out_dir)
    events = read_rows(out_dir / "events.csv")
    people = read_rows(out_dir / "people.csv")
    run_log = read_rows(out_dir / "run_log.csv")
    data = page_data(out_dir, events, people)
    legend = "".join(f'<mark class="ent" style="background:{_COLORS[lb]}">{lb.lower()}</mark> ' for lb in LABELS)
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_esc(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{_esc(title)}</h1><nav><a href='#overview'>Overview</a> · <a href='#events'>Events</a> · "
            "<a href='#people'>People</a></nav>"
            f"<section id='overview'><h2>Overview</h2>{_overview(events, run_log, len(people))}</section>"
            "<section id='events'><h2>Events</h2><form id='filters' onsubmit='return false'>"
            "<label>type <select id='f-type'><option value=''>all</option></select></label> "
            "<label>document <select id='f-doc'><option value=''>all</option></select></label> "
            "<label>year <select id='f-year'><option value=''>all</option></select></label> "
            "<label>target <input id='f-target' type='search' size='16'></label> "
            "<label>evidence <input id='f-q' type='search' size='24'></label> "
            "<button type='button' id='f-clear'>clear</button></form>"
            f"<p class='legend'>Highlights: {legend}</p>"
            "<p id='status' aria-live='polite'></p><div id='pager-top' class='pager'></div>"
            "<table id='events-table'><thead><tr id='head'></tr></thead><tbody id='rows'></tbody></table>"
            "<div id='pager' class='pager'></div></section>"
            "<section id='people'><h2>People</h2><p><label>person <input id='p-q' type='search' size='24'></label>"
            " <span id='p-status'></span></p><div id='people-list'></div><div id='people-pager' class='pager'></div>"
            "</section>"
            f"<script type='application/json' id='data'>{_json_block(data)}</script>"
            f"<script>{JS}</script></body></html>")


def write_report(out_dir: Path) -> Path:
    """Write OUT/report.html atomically; returns its path."""
    from pipeline.export import write_bytes_atomic
    target = Path(out_dir) / "report.html"
    write_bytes_atomic(target, render(out_dir).encode("utf-8"))
    return target
