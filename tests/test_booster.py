"""The recall booster (issue 12): a flagged sentence's looser target pass, its scores
from a file of out-of-fold scores, and the choice cross-validation makes."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.ingest import Document
from pipeline.learn.booster import Booster, FileScores


class _Fixed:
    """Every sentence gets the same score."""

    def __init__(self, value):
        self.value = value

    def __call__(self, *args):
        return self.value


@pytest.mark.parametrize("text, score, expected", [
    # a surname the NER left unnamed, as the passive subject
    ("Makoua was arrested and detained on April 11.", 0.9, [("ARREST", "Makoua", "boost:surname")]),
    ("Makoua was arrested and detained on April 11.", 0.4, []),        # below the threshold: rules only
    # a participle without a subject: the person named nearest the trigger
    ("Arrested in 2021, the former mayor Ernesto Muyshondt was acquitted on August 9.", 0.9,
     [("ARREST", "Ernesto Muyshondt", "boost:nearest-person")]),
    # an object that is no one blocks the fallback, even in a flagged sentence
    ("On March 2, the ministry released a statement criticizing journalist Omar Hussein.", 0.9, []),
    # a place is never the nearest person
    ("On July 11, intelligence officers in Addis Ababa arrested Christian Tadele while he was visiting "
     "members of his party.", 0.9, []),
    ("The weather was bad in Addis Ababa in May.", 0.9, []),          # no trigger: nothing to loosen
])
def test_flagged_sentences_get_a_looser_target(analyzer, text, score, expected):
    before = analyzer.extractor.boost
    analyzer.extractor.boost = Booster(_Fixed(score), 0.5)
    try:
        evs = analyzer.analyze(Document(doc_id="t", path=Path("t.txt"), text=text, report_year=2019))
    finally:
        analyzer.extractor.boost = before
    got = [(e.event_type, e.target, next(r for r in e.rule_ids if r.startswith("boost:")))
           for e in evs if any(r.startswith("boost:") for r in e.rule_ids)]
    assert got == expected
    for e in evs:
        if any(r.startswith("boost:") for r in e.rule_ids):
            assert f"sentcat:{score:.2f}" in e.rule_ids


@pytest.mark.parametrize("doc_id, start, expected", [
    ("a", 0, 0.8), ("a", 19, 0.8), ("a", 20, 0.1), ("a", 99, 0.0), ("b", 0, 0.0),
])
def test_file_scores_are_looked_up_by_the_sentence_holding_the_start(tmp_path, doc_id, start, expected):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"a": [[0, 20, 0.8], [20, 40, 0.1]]}), encoding="utf-8")
    assert FileScores(path)(doc_id, start, start + 5, "") == expected


@pytest.mark.parametrize("score, threshold, flagged", [(0.5, 0.5, True), (0.49, 0.5, False), (0.0, 0.0, True)])
def test_booster_flags_at_the_threshold(score, threshold, flagged):
    sent = SimpleNamespace(start=0, end=10, text="x")
    got = Booster(_Fixed(score), threshold)(SimpleNamespace(doc_id="d"), sent)
    assert (got is not None) is flagged


def _overall(f1):
    return SimpleNamespace(argument=SimpleNamespace(f1=f1))


@pytest.mark.parametrize("boost_f1, expected", [
    ({0.2: 0.60, 0.5: 0.59}, ("boost", 0.2)),   # a gain of 0.02 >= MIN_GAIN
    ({0.2: 0.583, 0.5: 0.582}, ("rules", None)),  # +0.003: within noise, the rules stay
    ({0.2: 0.50}, ("rules", None)),              # a loss
])
def test_choose_takes_the_booster_only_for_a_real_gain(monkeypatch, boost_f1, expected):
    import pipeline.evaluate
    from pipeline.learn import cv
    monkeypatch.setattr(pipeline.evaluate, "score", lambda gold, preds: SimpleNamespace(overall=_overall(0.58)))
    rows = [("boost", t, _overall(f)) for t, f in boost_f1.items()]
    mode, t, _rows = cv.choose(None, [], [], [], rows)
    assert (mode, t) == expected


class _Counting(_Fixed):
    """Scores like _Fixed and counts the sentences it was asked about."""

    def __init__(self, value):
        super().__init__(value)
        self.asked = []

    def __call__(self, doc_id, start, end, text):
        self.asked.append(text)
        return self.value


@pytest.mark.parametrize("text, asked", [
    ("Police arrested Ana Lopez in Quito on May 3.", 0),   # the rules found the target: no score needed
    ("The weather was bad in Addis Ababa in May.", 0),     # no trigger at all
    ("Makoua was arrested and detained on April 11.", 1),  # a trigger without a target: scored once
])
def test_a_sentence_is_scored_only_when_a_trigger_needs_the_looser_pass(analyzer, text, asked):
    scorer = _Counting(0.9)
    before = analyzer.extractor.boost
    analyzer.extractor.boost = Booster(scorer, 0.5)
    try:
        analyzer.analyze(Document(doc_id="t", path=Path("t.txt"), text=text, report_year=2019))
    finally:
        analyzer.extractor.boost = before
    assert len(scorer.asked) == asked
