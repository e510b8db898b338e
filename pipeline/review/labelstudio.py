"""Label Studio tasks and labeling config from a run (issue 9, `review export`).

One task per evidence paragraph: `data.text` is the paragraph (a line of the
ingested text, cut to a window around the evidence when very long), and its
`predictions` hold the run's events in Label Studio's own result format:

- a `labels` region per event trigger (TRIGGER), with per-region `choices` for
  the event type, the measure and the target type, and a per-region `textarea`
  holding the event's other fields as `key=value` lines (target_count,
  target_role, charge_article, amount, agent, and any slot whose words are not
  in the paragraph);
- a `labels` region per slot found in the evidence (TARGET, DATE, CHARGE, TERM,
  PLACE) with a per-region `textarea` holding its normalized value (canonical
  name, ISO date, charge as the spec writes it, ISO duration, place);
- a `relation` from the trigger to each of its slots, labeled with the slot.

`review import` (pipeline.review.lsimport) reads an export of these back to a
gold file.
"""
from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pipeline.review.data import (LABELS, SLOT_COLUMNS, Texts, aliases_by_person, event_paragraph, find_spans,
                                  read_rows)
from pipeline.schema import ALL_MEASURES, EVENT_TYPES, TARGET_TYPES

FROM_SPAN, TO_TEXT = "span", "text"
CHOICE_FIELDS = {"event_type": EVENT_TYPES, "measure": ALL_MEASURES, "target_type": TARGET_TYPES}
VALUE = "value"
# Event fields a trigger's text area carries as key=value lines (when not empty).
TRIGGER_FIELDS = ("target_count", "target_role", "charge_article", "amount", "agent")
RELATIONS = {label: label.lower() for label in LABELS if label != "TRIGGER"}
COLORS = {"TRIGGER": "#feca74", "TARGET": "#aa9cfc", "DATE": "#bfe1d9", "CHARGE": "#ff9561", "TERM": "#e4e7d2",
          "PLACE": "#7aecec"}


def labeling_config() -> str:
    """The labeling config (XML) that matches the tasks."""
    labels = "\n".join(f"    <Label value={quoteattr(lb)} background={quoteattr(COLORS[lb])}/>" for lb in LABELS)
    relations = "\n".join(f"    <Relation value={quoteattr(v)}/>" for v in RELATIONS.values())
    choices = []
    for name, values in CHOICE_FIELDS.items():
        opts = "\n".join(f"      <Choice value={quoteattr(v)}/>" for v in values)
        choices.append(f'    <Header value={quoteattr(name.replace("_", " "))} size="6"/>\n'
                       f'    <Choices name="{name}" toName="{TO_TEXT}" perRegion="true" choice="single" '
                       f'showInline="true">\n{opts}\n    </Choices>')
    return (f'<View>\n  <Header value="$title" size="5"/>\n'
            f'  <Labels name="{FROM_SPAN}" toName="{TO_TEXT}">\n{labels}\n  </Labels>\n'
            f'  <Relations>\n{relations}\n  </Relations>\n'
            f'  <Text name="{TO_TEXT}" value="$text"/>\n'
            f'  <View visibleWhen="region-selected" whenTagName="{FROM_SPAN}" whenLabelValue="TRIGGER">\n'
            + "\n".join(choices) + "\n  </View>\n"
            f'  <View visibleWhen="region-selected">\n'
            f'    <Header value="normalized value (slots) or key=value lines (trigger)" size="6"/>\n'
            f'    <TextArea name="{VALUE}" toName="{TO_TEXT}" perRegion="true" editable="true" maxSubmissions="1"'
            f' rows="4"/>\n  </View>\n</View>\n')


def _region(rid: str, label: str, start: int, end: int, text: str) -> dict:
    return {"id": rid, "from_name": FROM_SPAN, "to_name": TO_TEXT, "type": "labels", "origin": "prediction",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _per_region(rid: str, kind: str, name: str, start: int, end: int, text: str, values: list[str]) -> dict:
    """A per-region result: `choices` (value.choices) or `textarea` (value.text is the list of lines)."""
    value: dict = {"start": start, "end": end}
    if kind == "choices":
        value.update(text=text[start:end], choices=values)
    else:
        value["text"] = values
    return {"id": rid, "from_name": name, "to_name": TO_TEXT, "type": kind, "origin": "prediction", "value": value}


def _event_results(n: int, row: dict[str, str], para: str, es: int, ee: int, aliases: list[str],
                   slot_ids: dict[tuple, str]) -> list[dict]:
    """The result items of one event: trigger region, its choices and fields, slot regions, relations."""
    spans = find_spans(row, para[es:ee], aliases)
    trig = next((s, e) for lb, s, e in spans if lb == "TRIGGER")
    t0, t1 = es + trig[0], es + trig[1]
    rid = f"ev{n}"
    out = [_region(rid, "TRIGGER", t0, t1, para)]
    for name in CHOICE_FIELDS:
        if row.get(name):
            out.append(_per_region(rid, "choices", name, t0, t1, para, [row[name]]))
    found = {lb: (es + s, es + e) for lb, s, e in spans if lb != "TRIGGER"}
    lines = [f"{k}={row[k]}" for k in TRIGGER_FIELDS if row.get(k)]
    if row.get("date") and "DATE" not in found:
        lines += [f"date={row['date']}"] + ([f"date_text={row['date_text']}"] if row.get("date_text") else [])
    elif row.get("date_text") and (not row.get("date") or para[slice(*found["DATE"])] != row["date_text"]):
        lines.append(f"date_text={row['date_text']}")   # the words as written, when the region's differ
    for label, column in SLOT_COLUMNS.items():
        if row.get(column) and label not in found:
            if column != "date":
                lines.append(f"{column}={row[column]}")
    if lines:
        out.append(_per_region(rid, "textarea", VALUE, t0, t1, para, lines))
    for label, (s, e) in found.items():
        value = row[SLOT_COLUMNS[label]]
        if not value:
            continue
        key = (label, s, e, value)
        if key not in slot_ids:
            sid = slot_ids[key] = f"s{len(slot_ids) + 1}"
            out.append(_region(sid, label, s, e, para))
            out.append(_per_region(sid, "textarea", VALUE, s, e, para, [value]))
        out.append({"type": "relation", "from_id": rid, "to_id": slot_ids[key], "direction": "right",
                    "labels": [RELATIONS[label]]})
    return out


def build_tasks(out_dir: Path, model_version: str = "hr-events rules") -> list[dict]:
    """The Label Studio tasks of the run in `out_dir`, one per evidence paragraph, in document order."""
    out_dir = Path(out_dir)
    events = read_rows(out_dir / "events.csv")
    aliases = aliases_by_person(read_rows(out_dir / "people.csv"))
    texts = Texts(out_dir)
    tasks: dict[tuple[str, int, int], dict] = {}
    for e in events:
        p0, para, es, ee = event_paragraph(texts, e)
        task = tasks.get((e["doc_id"], p0, len(para)))
        if task is None:
            task = tasks[(e["doc_id"], p0, len(para))] = {
                "data": {"text": para, "doc_id": e["doc_id"], "para_start": p0, "order": len(tasks),
                         "title": f"{e['doc_id']} · characters {p0}-{p0 + len(para)}", "sentences": [],
                         "event_ids": []},
                "results": [], "slot_ids": {}}
        d = task["data"]
        if [es, ee] not in d["sentences"]:
            d["sentences"].append([es, ee])
        d["event_ids"].append(e["event_id"])
        task["results"].extend(_event_results(len(d["event_ids"]), e, para, es, ee,
                                              aliases.get(e.get("target", ""), []), task["slot_ids"]))
    years = _doc_years(events)
    out = []
    for task in tasks.values():
        task["data"]["report_year"] = years.get(task["data"]["doc_id"], "")
        out.append({"data": task["data"],
                    "predictions": [{"model_version": model_version, "result": task["results"]}]})
    return out


def _doc_years(events: list[dict[str, str]]) -> dict[str, str]:
    """The year most of a document's dated events fall in: anchors a new date written without one."""
    from collections import Counter
    counts: dict[str, Counter] = {}
    for e in events:
        if e.get("date"):
            counts.setdefault(e["doc_id"], Counter())[e["date"][:4]] += 1
    return {doc: c.most_common(1)[0][0] for doc, c in counts.items()}


def export_tasks(out_dir: Path, target: Path) -> tuple[int, Path]:
    """Write tasks.json and the labeling config beside it (<stem>.config.xml); returns (tasks, config path)."""
    from pipeline.export import write_bytes_atomic
    target = Path(target)
    tasks = build_tasks(out_dir)
    write_bytes_atomic(target, json.dumps(tasks, ensure_ascii=False, indent=1).encode("utf-8"))
    config = target.with_name(f"{target.stem}.config.xml")
    write_bytes_atomic(config, labeling_config().encode("utf-8"))
    return len(tasks), config
