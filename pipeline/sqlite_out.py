"""OUT/events.sqlite (issue 10): the run's outputs as one queryable database.

Built at the end of a run from the files just written into the staging folder
(events.csv, people.csv, run_log.csv, texts/), so it holds exactly their rows,
and published with them (pipeline.outdir). Tables:

* documents: one row per input with a doc_id: the run log (path, status,
  reason, n_events, sha256) plus the manifest's metadata (report_year,
  country, publisher, title, published, ...). Key: doc_id.
* warnings: run-log rows without a document (manifest warnings).
* events: events.csv with declared types (offsets and target_count INTEGER),
  plus `year` (the year of the event's date, NULL without a date). Key:
  event_id; doc_id references documents.
* people: people.csv. Key: person.
* texts: the ingested text of every document written to texts/. Key: doc_id,
  referencing documents.
* events_fts: an FTS5 index over events.evidence (external content, the form
  Datasette and sqlite-utils detect).

The database is written to a temporary file and renamed into place.
"""
from __future__ import annotations

import csv
import os
import re
import sqlite3
from pathlib import Path

from pipeline.export import RUN_LOG_COLUMNS, _temp_path, unneutralize
from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS

NAME = "events.sqlite"
_INTEGER = {"char_start", "char_end", "target_count", "n_events", "year", "report_year"}
META_COLUMNS = ("report_year", "country", "publisher", "title", "published", "url", "language")
_YEAR = re.compile(r"(\d{4})")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: unneutralize(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def _value(col: str, value):
    if col in _INTEGER:
        value = (value or "").strip()
        return int(value) if re.fullmatch(r"-?\d+", value) else None
    return value


def _ddl(name: str, columns: tuple[str, ...], extra: str = "") -> str:
    cols = ", ".join(f"[{c}] {'INTEGER' if c in _INTEGER else 'TEXT'}" for c in columns)
    return f"CREATE TABLE [{name}] ({cols}{extra})"


def _insert(db: sqlite3.Connection, name: str, columns: tuple[str, ...], rows) -> None:
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO [{name}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({marks})",
                   ([_value(c, row.get(c)) for c in columns] for row in rows))


def _meta_columns(inputs) -> tuple[str, ...]:
    extra = sorted({k for inp in inputs for k in getattr(inp, "meta", {}) or {}}
                   - set(META_COLUMNS) - set(RUN_LOG_COLUMNS))
    return META_COLUMNS + tuple(extra)


def write(stage: str | Path, inputs=()) -> Path:
    """Write stage/events.sqlite from the CSVs and texts in `stage`; `inputs` give the manifest metadata."""
    stage = Path(stage)
    target = stage / NAME
    tmp = _temp_path(target)
    meta = {str(inp.path): (getattr(inp, "meta", None) or {}) for inp in inputs}
    meta_cols = _meta_columns(inputs)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, stage, meta, meta_cols)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _fill(db: sqlite3.Connection, stage: Path, meta: dict, meta_cols: tuple[str, ...]) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    log = _read_csv(stage / "run_log.csv")
    doc_cols = RUN_LOG_COLUMNS + tuple(c for c in meta_cols if c not in RUN_LOG_COLUMNS)
    db.execute(_ddl("documents", doc_cols).replace("[doc_id] TEXT", "[doc_id] TEXT PRIMARY KEY", 1))
    docs, seen = [], set()
    for row in log:
        if row.get("doc_id") and row["doc_id"] not in seen:
            seen.add(row["doc_id"])
            docs.append({**{c: meta.get(row["path"], {}).get(c, "") for c in meta_cols}, **row})
    _insert(db, "documents", doc_cols, docs)
    db.execute("CREATE TABLE [warnings] ([path] TEXT, [reason] TEXT)")
    _insert(db, "warnings", ("path", "reason"), [r for r in log if not r.get("doc_id")])

    ev_cols = EVENT_COLUMNS + ("year",)
    ddl = _ddl("events", ev_cols).replace("[event_id] TEXT", "[event_id] TEXT PRIMARY KEY", 1)
    db.execute(ddl[:-1] + ", FOREIGN KEY ([doc_id]) REFERENCES [documents]([doc_id]))")
    events = _read_csv(stage / "events.csv")
    for ev in events:
        m = _YEAR.match(ev.get("date", ""))
        ev["year"] = m.group(1) if m else ""
    _insert(db, "events", ev_cols, events)
    db.execute("CREATE INDEX [events_doc_id] ON [events]([doc_id])")
    db.execute("CREATE INDEX [events_target] ON [events]([target])")
    db.execute("CREATE VIRTUAL TABLE [events_fts] USING FTS5 ([evidence], content=[events])")
    db.execute("INSERT INTO [events_fts] (rowid, [evidence]) SELECT rowid, [evidence] FROM [events]")

    db.execute(_ddl("people", PEOPLE_COLUMNS).replace("[person] TEXT", "[person] TEXT PRIMARY KEY", 1))
    _insert(db, "people", PEOPLE_COLUMNS, _read_csv(stage / "people.csv"))

    db.execute("CREATE TABLE [texts] ([doc_id] TEXT PRIMARY KEY REFERENCES [documents]([doc_id]), [text] TEXT)")
    texts = stage / "texts"
    db.executemany("INSERT INTO [texts] VALUES (?, ?)",
                   ((p.stem, p.read_bytes().decode("utf-8")) for p in sorted(texts.glob("*.txt"))
                    if p.stem in seen))
