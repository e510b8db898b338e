"""Sentence-level training data from exhaustive gold files (issue 12).

A gold file lists every event of its passage, so each sentence of the passage
is an example: its labels are the event types of the gold rows whose evidence
lies in it, and a sentence without any gold evidence is a negative example.
Sentences are cut exactly as the extractor cuts them (`pipeline.nlp`'s
paragraph split and rule sentencizer), so a score given at training time
refers to the same unit the extractor sees at run time.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate import load_gold
from pipeline.schema import EVENT_TYPES

ANY = "ANY"
LABELS = (ANY,) + EVENT_TYPES


@dataclass
class Example:
    """One sentence of a gold passage with the event types it states."""

    doc_id: str
    group: str            # what cross-validation folds by: the passage's country
    start: int
    end: int
    text: str
    labels: set[str] = field(default_factory=set)

    def cats(self) -> dict[str, float]:
        """spaCy's textcat target: 1.0 for every stated type (and ANY), else 0.0."""
        on = self.labels | ({ANY} if self.labels else set())
        return {lab: float(lab in on) for lab in LABELS}


def _segmenter():
    """The extractor's cheap sentence split, without loading a trained model."""
    import spacy
    from spacy.pipeline import Sentencizer
    nlp = spacy.blank("en")
    return nlp, Sentencizer(punct_chars=list(Sentencizer.default_punct_chars) + [";"])


def sentence_spans(text: str, seg=None) -> list[tuple[int, int]]:
    """(start, end) of each sentence as `Analyzer.sentences` cuts them."""
    from pipeline.nlp import _paragraphs
    from pipeline.normalize import dateline_length
    nlp, sentencizer = seg or _segmenter()
    out = []
    for start, _end, line, _section, _bullet in _paragraphs(text):
        cut = dateline_length(line)
        start, line = start + cut, line[cut:]
        doc = sentencizer(nlp.make_doc(line))
        for s in doc.sents:
            toks = [t for t in s if not t.is_space]
            if toks:
                span = doc[toks[0].i: toks[-1].i + 1]
                out.append((start + span.start_char, start + span.start_char + len(span.text)))
    return out


def read_groups(manifests: list[Path]) -> dict[str, str]:
    """doc_id -> country (the fold key) from manifest.csv files."""
    out: dict[str, str] = {}
    for m in manifests:
        with open(m, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["doc_id"]] = row.get("country") or row["doc_id"]
    return out


def examples(gold_dir: Path, texts_dir: Path, groups: dict[str, str]) -> list[Example]:
    """Every sentence of every gold passage, labelled by the gold rows inside it."""
    gold = load_gold(gold_dir, texts_dir)
    seg = _segmenter()
    out: list[Example] = []
    for doc_id in gold.doc_ids:
        text = gold.texts[doc_id]
        spans = sentence_spans(text, seg)
        exs = [Example(doc_id, groups.get(doc_id, doc_id), s, e, text[s:e]) for s, e in spans]
        for row in (r for r in gold.rows if r.doc_id == doc_id):
            for (a, b) in row.spans[:1]:
                for ex in exs:
                    if ex.start < b and a < ex.end:
                        ex.labels.add(row.event_type)
        out.extend(exs)
    return out
