"""Per-document limits (issue 11): over-long sentences and lines, big documents in
blocks, a per-document time limit."""
from __future__ import annotations

import csv
import random
import time
from pathlib import Path

import pytest

from pipeline import limits, run
from pipeline.ingest import Document
from pipeline.schema import Event

WORDS = ("the police arrested the activist and the court sentenced the journalist to five years in prison "
         "for his posts while officials detained").split()


def _unpunctuated(n: int, words=WORDS, seed: int = 0) -> str:
    rnd = random.Random(seed)
    parts, length = [], 0
    while length < n:
        w = rnd.choice(words)
        parts.append(w)
        length += len(w) + 1
    return " ".join(parts)[:n]


# --------------------------------------------------------------------------- real model

@pytest.mark.parametrize("n, seconds", [(50_000, 5.0), (25_000, 2.5)])
def test_long_sentence_without_punctuation_is_fast(analyzer, n, seconds):
    text = _unpunctuated(n)
    started = time.process_time()     # CPU time: other jobs on a shared machine do not count
    events = analyzer.analyze(Document(doc_id="x", path=Path("x.txt"), text=text, report_year=2019))
    assert time.process_time() - started < seconds
    assert events and all(text[e.char_start:e.char_end] == e.evidence for e in events)


def test_line_longer_than_spacys_max_length_does_not_fail(analyzer):
    """A report that lost its newlines: one line over spaCy's 1,000,000-character limit (E088)."""
    filler = _unpunctuated(1_050_000, words="lorem ipsum dolor sit amet consectetur adipiscing elit".split())
    text = filler + " The police arrested the blogger Maks Bokaev in Atyrau on 3 May 2019."
    assert len(text) > analyzer.nlp.max_length
    events = analyzer.analyze(Document(doc_id="x", path=Path("x.txt"), text=text, report_year=2019))
    assert [e.target for e in events] == ["Maks Bokaev"]
    assert text[events[0].char_start:events[0].char_end] == events[0].evidence


# --------------------------------------------------------------------------- the pieces

@pytest.mark.parametrize("text, limit, pieces", [
    ("a b c d e f", 10, ["a b c d e f"]),                        # short: unchanged
    ("a b c, d e f g h", 6, ["a b c,", "d e f g h"]),            # after a comma when it is late enough
    ("a b c d e and f g h", 6, ["a b c d e", "and f g h"]),      # else before a conjunction
    ("a b c d e f g h", 3, ["a b c", "d e f", "g h"]),           # else at the limit
])
def test_hard_split(analyzer, text, limit, pieces):
    doc = analyzer.nlp.make_doc(text)
    assert [s.text for s in limits.hard_split([doc[:]], limit)] == pieces


@pytest.mark.parametrize("line, limit, pieces", [
    ("short line", 100, ["short line"]),
    ("aaaa bbbb cccc dddd", 10, ["aaaa bbbb ", "cccc dddd"]),
    ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),               # no space: cut at the limit
])
def test_cut_lines(line, limit, pieces):
    got = list(limits.cut_lines([(100, 100 + len(line), line, "sec", False)], limit))
    assert [g[2] for g in got] == pieces
    assert all(line[s - 100:e - 100] == piece for s, e, piece, _, _ in got)


class LineEvents:
    """One event per line holding 'arrested'; records the texts it was given and the year."""

    def __init__(self):
        self.calls = []

    def analyze(self, doc):
        self.calls.append((len(doc.text), doc.report_year))
        out, start = [], 0
        for line in doc.text.split("\n"):
            if "arrested" in line:
                out.append(Event(doc_id=doc.doc_id, event_type="ARREST", target="X", target_type="PERSON",
                                 evidence=line, char_start=start, char_end=start + len(line)))
            start += len(line) + 1
        return out


@pytest.mark.parametrize("year, expected_years", [
    (2019, [2019, 2019, 2019]),        # the document's year for every block
    (None, [None, 2021, 2022]),        # else the last year written in the blocks before
])
def test_big_document_is_analyzed_block_by_block(year, expected_years):
    lines = ["Background in 2021 without events, padding padding padding.", "Police arrested A in town.",
             "More background of 2022, padding padding padding padding.", "Police arrested B in town.",
             "Closing words, padding padding padding padding padding.", "Police arrested C in town."]
    text = "\n".join(lines) + "\n"
    fake, fractions = LineEvents(), []
    doc = Document(doc_id="d", path=Path("d.txt"), text=text, report_year=year)
    events = limits.analyze(fake, doc, fractions.append, block=130)
    assert all(n <= 130 for n, _ in fake.calls) and len(fake.calls) == 3
    assert [y for _, y in fake.calls] == expected_years
    assert [e.evidence for e in events] == [lines[1], lines[3], lines[5]]
    assert all(text[e.char_start:e.char_end] == e.evidence for e in events)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) == 3


# --------------------------------------------------------------------------- --doc-timeout

class SlowOnB(LineEvents):
    def analyze(self, doc):
        if "slow" in doc.text:
            end = time.monotonic() + 30
            while time.monotonic() < end:     # pure Python: interruptible
                sum(range(1000))
        return super().analyze(doc)


@pytest.mark.parametrize("workers", [1, 2])
def test_doc_timeout_fails_only_that_document(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(run, "_ANALYZER", SlowOnB())
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Police arrested Ann.\n")
    (root / "b.txt").write_text("A slow one: police arrested Bob.\n")
    (root / "c.txt").write_text("Police arrested Cem.\n")
    started = time.monotonic()
    assert run.extract([str(root)], tmp_path / "out", workers=workers, quiet=True, doc_timeout=1.0) == 1
    assert time.monotonic() - started < 20
    with open(tmp_path / "out" / "run_log.csv", encoding="utf-8", newline="") as fh:
        log = {Path(r["path"]).name: (r["status"], r["reason"]) for r in csv.DictReader(fh)}
    assert log == {"a.txt": ("ok", ""), "b.txt": ("failed", "timed out: took longer than --doc-timeout 1 s"),
                   "c.txt": ("ok", "")}
