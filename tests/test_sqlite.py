"""OUT/events.sqlite (issue 10): the same rows as the CSVs, declared types, keys,
FTS5 over evidence, published with the other outputs; Datasette serves it."""
from __future__ import annotations

import csv
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from pipeline import run
from pipeline.export import RUN_LOG_COLUMNS, unneutralize
from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "datasette" / "metadata.json"


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: unneutralize(v) for k, v in r.items()} for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """corpus/ (with its manifest) plus a manifest warning, a skipped file and a duplicate."""
    src = tmp_path_factory.mktemp("src") / "corpus"
    shutil.copytree(ROOT / "corpus", src, ignore=shutil.ignore_patterns("gold"))
    first = sorted(src.glob("*.txt"))[0]
    shutil.copy(first, src / "zz-copy.txt")
    (src / "zz-empty.txt").write_bytes(b"")
    with open(src / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("missing.txt,2019\n")
    o = tmp_path_factory.mktemp("out") / "out"
    run.extract([str(src)], o, workers=1, quiet=True)
    return o


def _db(out: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{out / 'events.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


@pytest.mark.parametrize("table, csv_name, columns", [
    ("events", "events.csv", EVENT_COLUMNS),
    ("people", "people.csv", PEOPLE_COLUMNS),
])
def test_tables_match_the_csvs_row_for_row(out, table, csv_name, columns):
    rows = _csv(out / csv_name)
    with _db(out) as db:
        got = [dict(r) for r in db.execute(f"select * from {table} order by rowid")]
    assert len(got) == len(rows) > 0
    for a, b in zip(got, rows):
        assert {c: "" if a[c] is None else str(a[c]) for c in columns} == b


def test_documents_are_the_run_log_with_manifest_metadata(out):
    log = _csv(out / "run_log.csv")
    with _db(out) as db:
        docs = {r["doc_id"]: dict(r) for r in db.execute("select * from documents")}
        warnings = [dict(r) for r in db.execute("select * from warnings")]
        texts = {r["doc_id"]: r["text"] for r in db.execute("select doc_id, text from texts")}
    assert {r["doc_id"] for r in log if r["doc_id"]} == set(docs)
    for r in log:
        if r["doc_id"]:
            assert {c: "" if docs[r["doc_id"]][c] is None else str(docs[r["doc_id"]][c])
                    for c in RUN_LOG_COLUMNS} == r
    assert {d["status"] for d in docs.values()} >= {"ok", "duplicate", "skipped"}
    assert [w["path"] for w in warnings] == [r["path"] for r in log if not r["doc_id"]] != []
    assert any(d["country"] for d in docs.values())          # from corpus/manifest.csv
    assert texts == {p.stem: p.read_text(encoding="utf-8") for p in (out / "texts").glob("*.txt")}


@pytest.mark.parametrize("table, column, decl", [
    ("events", "event_id", "TEXT"), ("events", "char_start", "INTEGER"), ("events", "char_end", "INTEGER"),
    ("events", "target_count", "INTEGER"), ("events", "year", "INTEGER"), ("events", "evidence", "TEXT"),
    ("documents", "doc_id", "TEXT"), ("documents", "n_events", "INTEGER"), ("documents", "report_year", "INTEGER"),
    ("people", "n_events", "INTEGER"), ("texts", "text", "TEXT"),
])
def test_column_types_are_declared(out, table, column, decl):
    with _db(out) as db:
        types = {r["name"]: r["type"] for r in db.execute(f"pragma table_info({table})")}
    assert types[column] == decl


@pytest.mark.parametrize("table, pk", [("events", "event_id"), ("documents", "doc_id"), ("people", "person"),
                                       ("texts", "doc_id")])
def test_primary_keys(out, table, pk):
    with _db(out) as db:
        assert [r["name"] for r in db.execute(f"pragma table_info({table})") if r["pk"]] == [pk]


def test_foreign_keys_hold(out):
    with _db(out) as db:
        fks = {(r["table"], r["from"]) for r in db.execute("pragma foreign_key_list(events)")}
        assert fks == {("documents", "doc_id")}
        assert list(db.execute("pragma foreign_key_check")) == []


@pytest.mark.parametrize("word", ["sentenced", "detained", "court"])
def test_fts_over_evidence(out, word):
    expected = sum(bool(re.search(rf"\b{word}\b", r["evidence"], re.I)) for r in _csv(out / "events.csv"))
    with _db(out) as db:
        n = db.execute("select count(*) from events_fts where events_fts match ?", (word,)).fetchone()[0]
    assert n == expected > 0


def test_events_sqlite_is_published_with_the_other_outputs(out):
    link = out / "events.sqlite"
    assert link.is_symlink() and (out / "current" / "events.sqlite").is_file()
    assert not list(out.rglob(".*.tmp"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def test_datasette_serves_facets_and_full_text_search(out):
    port = _free_port()
    datasette = Path(sys.executable).with_name("datasette")
    proc = subprocess.Popen([str(datasette), "serve", str(out / "events.sqlite"), "-m", str(METADATA),
                             "-h", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/events"
    try:
        deadline = time.monotonic() + 25
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        rows = _csv(out / "events.csv")
        data = _get(f"{base}/events.json?_size=0&_facet=event_type")
        facet = {r["value"]: r["count"] for r in data["facet_results"]["event_type"]["results"]}
        assert facet == dict(Counter(r["event_type"] for r in rows))
        assert data["filtered_table_rows_count"] == len(rows)
        data = _get(f"{base}/events.json?_size=0&_search=" + urllib.parse.quote("sentenced"))
        expected = sum(bool(re.search(r"\bsentenced\b", r["evidence"], re.I)) for r in rows)
        assert data["filtered_table_rows_count"] == expected > 0
        data = _get(f"{base}/rows_without_date.json?_shape=array")
        assert len(data) == sum(not r["date"] for r in rows)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
