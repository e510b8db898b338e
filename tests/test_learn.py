"""The learned layer's data, training and folds (issue 12)."""
from __future__ import annotations

import pytest

from pipeline.learn.cv import best_threshold, country_folds, detection
from pipeline.learn.data import ANY, Example, examples, sentence_spans
from pipeline.learn.sentcat import CONFIG, fingerprint, score_texts, train

HEADER = ("doc_id,event_type,target,target_type,target_count,target_role,date,date_text,charge,"
          "charge_article,sentence,measure,amount,location,agent,evidence")


@pytest.mark.parametrize("text, expected", [
    ("Police arrested Ana. She was freed; the court closed the case.",
     ["Police arrested Ana.", "She was freed;", "the court closed the case."]),
    ("## Heading\nOne line only\nA sentence here. Another one.",
     ["A sentence here.", "Another one."]),
    ("TEHRAN, Oct 19 (Wire) - A court sentenced him.", ["A court sentenced him."]),
])
def test_sentences_are_cut_as_the_extractor_cuts_them(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_every_sentence_is_an_example_labelled_by_the_gold_inside_it(tmp_path):
    text = "Police arrested Ana Lopez in May. The weather was bad. A court sentenced Ana Lopez and fined her."
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "d.txt").write_text(text, encoding="utf-8")
    rows = ["d,ARREST,Ana Lopez,PERSON,,,,,,,,,,,police,Police arrested Ana Lopez",
            "d,SENTENCE,Ana Lopez,PERSON,,,,,,,,,,,court,A court sentenced Ana Lopez",
            "d,FINE,Ana Lopez,PERSON,,,,,,,,,,,court,fined her"]
    (tmp_path / "gold" / "d.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    exs = examples(tmp_path / "gold", tmp_path / "texts", {"d": "Peru"})
    assert [(e.text, sorted(e.labels), e.group) for e in exs] == [
        ("Police arrested Ana Lopez in May.", ["ARREST"], "Peru"),
        ("The weather was bad.", [], "Peru"),
        ("A court sentenced Ana Lopez and fined her.", ["FINE", "SENTENCE"], "Peru")]
    assert exs[0].cats()[ANY] == 1.0 and exs[1].cats()[ANY] == 0.0


def test_folds_never_split_a_country():
    groups = [f"c{i % 13}" for i in range(100)]
    folds = country_folds(groups, k=5)
    assert set(folds) == set(groups) and set(folds.values()) == set(range(5))
    assert country_folds(groups, k=5) == folds


def test_training_is_deterministic_and_learns():
    pos = ["Police arrested the journalist on May 3.", "A court sentenced him to five years.",
           "Authorities detained three activists.", "The court convicted the blogger of fraud."]
    neg = ["The weather was warm in May.", "The law provides for freedom of speech.",
           "The ministry published a report.", "Elections took place in June."]
    exs = [Example("d", "g", 0, 0, t, {"ARREST"}) for t in pos] + [Example("d", "g", 0, 0, t) for t in neg]
    cfg = dict(CONFIG, epochs=8)
    a = score_texts(train(exs, cfg), ["Police detained the blogger.", "The weather was bad."])
    b = score_texts(train(exs, cfg), ["Police detained the blogger.", "The weather was bad."])
    assert a == b
    assert a[0][ANY] > a[1][ANY]


@pytest.mark.parametrize("gold, pred, tp, fp, fn", [
    ([True, False, True], [True, True, False], 1, 1, 1),
    ([False, False], [False, False], 0, 0, 0),
])
def test_detection_counts(gold, pred, tp, fp, fn):
    c = detection(gold, pred, "x").counts
    assert (c.tp, c.fp, c.fn) == (tp, fp, fn)


def test_best_threshold_prefers_the_separating_one():
    t, f1 = best_threshold([True, True, False, False], [0.9, 0.65, 0.35, 0.1])
    assert f1 == 1.0 and 0.35 < t <= 0.65


def test_fingerprint_changes_with_the_gold(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(HEADER + "\n", encoding="utf-8")
    before = fingerprint([f])
    f.write_text(HEADER + "\nx\n", encoding="utf-8")
    assert fingerprint([f]) != before


def test_committed_model_was_trained_from_the_committed_gold_and_config():
    """make train records a fingerprint of dev/gold and the config; retrain after changing either."""
    import json
    from pathlib import Path
    from pipeline.learn.decide import MODEL_DIR
    root = Path(__file__).resolve().parents[1]
    meta = json.loads((MODEL_DIR / "hr_meta.json").read_text(encoding="utf-8"))
    assert meta["config"] == CONFIG
    assert meta["fingerprint"] == fingerprint(sorted((root / "dev" / "gold").rglob("*.csv")), CONFIG), \
        "dev/gold or the config changed since the model was trained: run `make train` and commit the model"
    assert meta["mode"] in ("rules", "both", "boost")


@pytest.mark.parametrize("veto_scores, expected_mode", [
    ([0.9, 0.01], "both"),     # the veto drops only the spurious row: a large gain
    ([0.9, 0.9], "rules"),     # the veto drops nothing: no gain, the rules stay
    ([0.01, 0.9], "rules"),    # the veto would drop the true row: a loss
])
def test_choose_replaces_the_rules_only_for_a_real_gain(tmp_path, veto_scores, expected_mode):
    from pipeline.evaluate import load_gold, load_predictions
    from pipeline.learn.cv import choose
    text = "Police arrested Ana Lopez. The ministry released a report."
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    (tmp_path / "g.csv").write_text(HEADER + "\nt,ARREST,Ana Lopez,PERSON,,,,,,,,,,,police,Police arrested Ana Lopez\n",
                                    encoding="utf-8")
    cols = "event_id,doc_id,event_type,target,target_type,target_count,evidence,char_start,char_end," \
           "date,charge,charge_article,sentence,measure,location"
    (tmp_path / "p.csv").write_text(cols + "\n1,t,ARREST,Ana Lopez,PERSON,,Police arrested Ana Lopez.,0,26,,,,,,\n"
                                    "2,t,RELEASE,ministry,ORG,,The ministry released a report.,27,58,,,,,,\n",
                                    encoding="utf-8")
    gold = load_gold(tmp_path / "g.csv", tmp_path)
    preds = load_predictions(tmp_path / "p.csv")
    exs = [Example("t", "g", 0, 26, text[:26]), Example("t", "g", 27, 58, text[27:])]
    mode, _t, rows = choose(gold, preds, exs, veto_scores)
    assert mode == expected_mode


class _StubNlp:
    def __init__(self, scores):
        self.scores = scores

    def __call__(self, text):
        from types import SimpleNamespace
        return SimpleNamespace(cats={ANY: self.scores[text]})


@pytest.mark.parametrize("score, kept", [(0.9, True), (0.3, True), (0.29, False), (0.0, False)])
def test_sentence_veto_keeps_by_threshold_and_records_the_score(score, kept):
    from types import SimpleNamespace
    from pipeline.learn.decide import SentenceVeto
    veto = SentenceVeto(_StubNlp({"Police arrested Ana.": score}), threshold=0.3)
    mention = SimpleNamespace(event=SimpleNamespace(evidence="Police arrested Ana.", rule_ids=["arrest-verb"]))
    assert veto(mention) is kept
    assert (f"sentcat:{score:.2f}" in mention.event.rule_ids) is kept


@pytest.mark.parametrize("pred_starts, expected", [
    ([("d", 0)], [True, False, False]),
    ([("d", 25), ("d", 30)], [False, True, False]),
    ([("e", 0), ("d", 99)], [False, False, False]),          # another document; past the text
    ([("d", 0), ("d", 50)], [True, False, True]),
])
def test_rules_detect_marks_the_sentence_holding_each_evidence_start(pred_starts, expected):
    from types import SimpleNamespace
    from pipeline.learn.cv import rules_detect
    exs = [Example("d", "g", 0, 20, "a"), Example("d", "g", 21, 45, "b"), Example("d", "g", 46, 70, "c")]
    preds = [SimpleNamespace(doc_id=d, offsets=(s, s + 5)) for d, s in pred_starts]
    assert rules_detect(exs, preds) == expected


def test_gold_sets_merge_into_one():
    from pipeline.evaluate import Gold
    a = Gold(["r1"], {"d1": "x"}, ["a.csv"])
    b = Gold(["r2", "r3"], {"d2": "y"}, ["b.csv"])
    m = Gold.merged([a, b])
    assert (m.rows, m.texts, m.files, m.doc_ids) == (["r1", "r2", "r3"], {"d1": "x", "d2": "y"},
                                                     ["a.csv", "b.csv"], ["d1", "d2"])
