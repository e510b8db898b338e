"""pipeline.read_events (issue 11): the same dtypes for every events.csv, escaping undone."""
from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.export import AtomicCSV
from pipeline.schema import EVENT_COLUMNS

BASE = dict(event_id="d-001", doc_id="d", event_type="ARREST", target="Ann", target_type="PERSON",
            evidence="Police arrested Ann.", char_start="0", char_end="20")

# name -> rows of one file; pd.read_csv would give each file different dtypes
FILES = {
    "empty optional columns": [dict(BASE)],
    "numbers in amount and count": [dict(BASE, amount="500", target_count="12", target_type="GROUP"),
                                    dict(BASE, amount="", target_count="")],
    "text amount and dates": [dict(BASE, amount="500 euros", date="2019-05", sentence="P5Y")],
    "escaped cells": [dict(BASE, evidence="=1+2 arrested", target="+cmd", amount="-5", char_end="13")],
    "header only": [],
}
DTYPES = {**{c: "string" for c in EVENT_COLUMNS}, "target_count": "Int64", "char_start": "int64", "char_end": "int64"}


@pytest.mark.parametrize("excel", [False, True])
@pytest.mark.parametrize("name", list(FILES))
def test_read_events_has_stable_dtypes(tmp_path, name, excel):
    path = tmp_path / "events.csv"
    with AtomicCSV(path, EVENT_COLUMNS, excel=excel) as f:
        for row in FILES[name]:
            f.write(row)
    df = pipeline.read_events(path)
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == DTYPES
    assert len(df) == len(FILES[name])
    for got, row in zip(df.to_dict("records"), FILES[name]):
        for col in EVENT_COLUMNS:
            want = row.get(col, "")
            if col in ("char_start", "char_end"):
                assert got[col] == int(want)
            elif col == "target_count":
                assert (pd.isna(got[col]) and want == "") or got[col] == int(want)
            else:
                assert got[col] == want            # "=1+2 arrested", not "'=1+2 arrested"


def test_read_events_matches_the_texts(tmp_path, monkeypatch):
    from pipeline import run
    from pipeline.schema import Event

    class Fake:
        def analyze(self, doc):
            start = doc.text.index("=")
            line = doc.text[start:doc.text.index("\n", start)]
            return [Event(doc_id=doc.doc_id, event_type="ARREST", target="Ann", target_type="PERSON",
                          evidence=line, char_start=start, char_end=start + len(line))]
    monkeypatch.setattr(run, "_ANALYZER", Fake())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Intro.\n=HYPERLINK(1) arrested Ann.\n", encoding="utf-8")
    assert run.extract([str(tmp_path / "in")], tmp_path / "out", workers=1, quiet=True) == 0
    df = pipeline.read_events(tmp_path / "out" / "events.csv")
    text = (tmp_path / "out" / "texts" / "r.txt").read_text(encoding="utf-8")
    assert [text[s:e] for s, e in zip(df.char_start, df.char_end)] == list(df.evidence) == ["=HYPERLINK(1) arrested Ann."]
