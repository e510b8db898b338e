"""A Label Studio export back to a gold file (issue 9, `review import EXPORT.json --gold FILE.csv`).

Reads Label Studio's JSON export of tasks made by `review export` (each task
with its `annotations`; with `--predictions`, a task nobody annotated counts
with its prediction). Every TRIGGER region is one event: its per-region choices
give the event type, measure and target type, its text area's `key=value` lines
the other fields, and its relations the slot regions. A slot's value is the
normalized value in its text area; a region an analyst drew without one (or with
a value not yet in the spec's form) is normalized as the spec says: a canonical
name (the fullest spelling the document's other rows give), an ISO date
(anchored on the report's year), an ISO duration, the charge lowercased without
quotes or "charges of". The evidence is the sentence holding the trigger.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from pipeline.review.data import SLOT_COLUMNS
from pipeline.review.labelstudio import CHOICE_FIELDS, RELATIONS, TRIGGER_FIELDS, VALUE
from pipeline.schema import MEASURES, SPEC_COLUMNS

GOLD_COLUMNS = tuple(c for c in SPEC_COLUMNS if c not in ("event_id", "char_start", "char_end")) + (
    "char_start", "char_end")
DEFAULT_MEASURE = {t: ms[0] for t, ms in MEASURES.items() if t != "RELEASE"}
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO_DURATION = re.compile(r"P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?")
_LINE_FIELDS = set(TRIGGER_FIELDS) | {"date", "date_text", "target", "charge", "sentence", "location"}
_SENTENCE_END = re.compile(r"(?<=[.!?\"”’)])\s+(?=[\"“‘(]?[A-Z0-9])")


class ExportFormatError(ValueError):
    """An export that cannot be read as our tasks."""


def pick_result(task: dict, use_predictions: bool) -> list[dict] | None:
    """The result to import: the latest annotation that was not cancelled, else (when asked) the prediction."""
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if done:
        latest = max(done, key=lambda a: (a.get("updated_at") or a.get("created_at") or "", a.get("id") or 0))
        return latest.get("result") or []
    if use_predictions and task.get("predictions"):
        return task["predictions"][-1].get("result") or []
    return None


def normalize_slot(column: str, written: str, value: str, anchor_year: str, names: list[str]) -> str:
    """A slot's value in the spec's form: `value` when it already is, else normalized from it or from `written`."""
    raw = (value or written or "").strip()
    if column == "date":
        if _ISO_DATE.fullmatch(raw):
            return raw
        from pipeline.normalize.dates import date_value, find_dates
        year = int(anchor_year) if str(anchor_year).isdigit() else None
        found = [m.value for m in find_dates(raw, year) if m.value]
        return found[0] if found else date_value(raw)[0]
    if column == "sentence":
        if _ISO_DURATION.fullmatch(raw) and raw != "P":
            return raw
        from pipeline.normalize.durations import parse_duration
        return parse_duration(raw)
    if value and value.strip():
        return raw                 # a name, charge or place typed by the analyst (or predicted) stays as it is
    if column == "charge":
        from pipeline.normalize.charges import clean_charge
        return clean_charge(raw)
    if column == "target":
        return canonical_name(raw, names)
    if column == "location":
        return re.sub(r"^(?:the|in|at)\s+", "", raw, flags=re.I).rstrip(" .,;:")
    return raw


def canonical_name(written: str, names: list[str]) -> str:
    """The fullest spelling of the same person among the document's `names` (spec 4.1), else as written."""
    from pipeline.normalize.names import NameRegistry
    name = re.sub(r"[’']s$", "", re.sub(r"\s+", " ", written)).strip(" .,;:\"“”")
    reg = NameRegistry()
    for n in names:
        reg.add(n)
    reg.add(name)
    return reg.canonical(name) or name


def _evidence(data: dict, start: int) -> tuple[int, int]:
    """The sentence of the paragraph that holds offset `start`: one the task lists, else split at sentence ends."""
    for s, e in data.get("sentences") or []:
        if s <= start < e:
            return s, e
    text = data.get("text", "")
    s = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            return s, m.start()
        s = m.end()
    return s, len(text.rstrip())


def _parse(result: list[dict]):
    regions, choices, areas, relations = {}, {}, {}, []
    for item in result:
        kind = item.get("type")
        if kind == "relation":
            relations.append(item)
        elif kind == "labels":
            v = item["value"]
            regions[item["id"]] = {"label": (v.get("labels") or [""])[0], "start": v["start"], "end": v["end"]}
        elif kind == "choices":
            choices[(item["id"], item["from_name"])] = (item["value"].get("choices") or [""])[0]
        elif kind == "textarea" and item.get("from_name") == VALUE:
            areas[item["id"]] = [t for t in item["value"].get("text") or [] if t.strip()]
    return regions, choices, areas, relations


def _trigger_order(rid: str, region: dict) -> tuple:
    m = re.fullmatch(r"ev(\d+)", str(rid))
    return (0, int(m.group(1)), region["start"]) if m else (1, region["start"], str(rid))


def task_events(task: dict, result: list[dict], names: list[str]) -> list[dict[str, str]]:
    """Gold rows for the TRIGGER regions of one task's result."""
    data = task["data"]
    text, p0 = data["text"], int(data.get("para_start") or 0)
    regions, choices, areas, relations = _parse(result)
    rows = []
    triggers = sorted(((rid, r) for rid, r in regions.items() if r["label"] == "TRIGGER"),
                      key=lambda kv: _trigger_order(*kv))
    for rid, trig in triggers:
        row = {c: "" for c in GOLD_COLUMNS}
        row["doc_id"] = data.get("doc_id", "")
        for name in CHOICE_FIELDS:
            row[name] = choices.get((rid, name), "")
        for line in areas.get(rid, []):
            key, sep, val = line.partition("=")
            if sep and key.strip() in _LINE_FIELDS:
                row[key.strip()] = val.strip()
        for rel in relations:
            if rel.get("from_id") != rid or rel.get("to_id") not in regions:
                continue
            slot = regions[rel["to_id"]]
            label = slot["label"] if slot["label"] in SLOT_COLUMNS else next(
                (lb for lb, r in RELATIONS.items() if r in (rel.get("labels") or [])), "")
            if label not in SLOT_COLUMNS:
                continue
            column, written = SLOT_COLUMNS[label], text[slot["start"]:slot["end"]]
            value = (areas.get(rel["to_id"]) or [""])[0]
            row[column] = normalize_slot(column, written, value, data.get("report_year", ""), names)
            if column == "date" and not row["date_text"]:
                row["date_text"] = written
        for column in ("date", "sentence"):
            if row[column]:
                row[column] = normalize_slot(column, "", row[column], data.get("report_year", ""), names)
        if not row["measure"]:
            row["measure"] = DEFAULT_MEASURE.get(row["event_type"], "")
        if row["target"] and not row["target_type"]:
            row["target_type"] = "PERSON"
        s, e = _evidence(data, trig["start"])
        row.update(evidence=text[s:e], char_start=str(p0 + s), char_end=str(p0 + e))
        rows.append(row)
    return rows


def convert(export: list[dict], use_predictions: bool = False) -> tuple[list[dict[str, str]], int, int]:
    """(gold rows, tasks read, tasks skipped as not annotated) from a Label Studio JSON export."""
    if not isinstance(export, list):
        raise ExportFormatError("expected a JSON list of tasks (Label Studio's JSON export)")
    tasks = sorted(export, key=lambda t: (t.get("data", {}).get("order", 0), t.get("id") or 0))
    names_by_doc: dict[str, list[str]] = {}
    picked = []
    for task in tasks:
        if "text" not in task.get("data", {}):
            raise ExportFormatError(f"task {task.get('id')}: no data.text; not a task of `review export`")
        result = pick_result(task, use_predictions)
        if result is None:
            continue
        picked.append((task, result))
        regions, _, areas, _ = _parse(result)
        names = names_by_doc.setdefault(task["data"].get("doc_id", ""), [])
        names.extend(areas[rid][0] for rid, r in regions.items() if r["label"] == "TARGET" and areas.get(rid))
    rows = []
    for task, result in picked:
        rows.extend(task_events(task, result, names_by_doc.get(task["data"].get("doc_id", ""), [])))
    return rows, len(picked), len(tasks) - len(picked)


def gold_csv(rows: list[dict[str, str]]) -> str:
    """The gold file's text (spec section 5 columns, then char_start, char_end)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=GOLD_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def import_export(export_path: Path, gold_path: Path, use_predictions: bool = False) -> tuple[int, int, int]:
    """Convert EXPORT.json to a gold CSV; returns (events, tasks read, tasks skipped)."""
    from pipeline.export import write_bytes_atomic
    export = json.loads(Path(export_path).read_text(encoding="utf-8"))
    rows, n_read, n_skipped = convert(export, use_predictions)
    write_bytes_atomic(Path(gold_path), gold_csv(rows).encode("utf-8"))
    return len(rows), n_read, n_skipped
