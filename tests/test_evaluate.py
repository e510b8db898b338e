"""Tests of the scorer (spec section 6) on small gold/prediction pairs built in tmp_path."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.evaluate import (
    SLOT_COLUMNS, Counts, GoldError, article_numbers, evaluate, is_acronym, load_gold, names_match,
    slot_equal,
)
from pipeline.export import neutralize
from pipeline.schema import EVENT_COLUMNS, SPEC_COLUMNS

DOC = "hrw-test-2019"
S1 = "In April 2018, authorities released Talgat Ayan on parole."
S2 = ("In November 2016, a court in Atyrau sentenced Maks Bokaev to five years in prison on charges of "
      "\u201cinciting social discord\u201d under Article 174 of the Criminal Code.")
S3 = "On May 10, 2018, police detained 57 protesters in Farkhor District."
S4 = "In March 2018, a court banned Democratic Vybor Kazakhstana as extremist."
S5 = "Ayan was arrested in Almaty in January 2018."
TEXT = "KAZAKHSTAN 2019 HUMAN RIGHTS REPORT\n\n" + " ".join([S1, S2]) + "\n" + " ".join([S3, S4, S5]) + "\n"
GOLD_COLUMNS = tuple(c for c in SPEC_COLUMNS if c not in ("event_id", "char_start", "char_end"))


def ev(event_type: str, target: str, evidence: str, target_type: str = "PERSON", doc_id: str = DOC,
       **slots: str) -> dict[str, str]:
    """A gold/prediction row with every column; unspecified columns are empty."""
    row = {c: "" for c in EVENT_COLUMNS}
    row.update(doc_id=doc_id, event_type=event_type, target=target, target_type=target_type, evidence=evidence)
    row.update(slots)
    return row


G1 = ev("RELEASE", "Talgat Ayan", "authorities released Talgat Ayan on parole", date="2018-04", measure="parole",
        agent="authorities")
G2 = ev("SENTENCE", "Maks Bokaev", S2, date="2016-11", charge="inciting social discord",
        charge_article="Criminal Code Article 174", sentence="P5Y", measure="imprisonment", location="Atyrau")
G3 = ev("ARREST", "protesters", "police detained 57 protesters", target_type="GROUP", target_count="57",
        date="2018-05-10", location="Farkhor District", measure="custody")
G4 = ev("BAN", "Democratic Vybor Kazakhstana", S4, target_type="ORG", date="2018-03")
GOLD = [G1, G2, G3, G4]
N_SLOTS = 12  # non-empty slot values in GOLD: 2 + 6 + 3 + 1


def write_csv(path: Path, rows: list[dict[str, str]], columns) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    return path


def as_pred(rows: list[dict[str, str]], texts: dict[str, str] | None = None, offsets: bool = True):
    """Prediction rows as the extractor writes them: event_id, offsets, rule_ids."""
    texts = texts or {DOC: TEXT}
    out = []
    for i, r in enumerate(rows, start=1):
        r = dict(r, event_id=f"{r['doc_id']}-{i:03d}", rule_ids="test.rule")
        start = texts.get(r["doc_id"], "").find(r["evidence"])
        if offsets and start >= 0:
            r.update(char_start=str(start), char_end=str(start + len(r["evidence"])))
        out.append(r)
    return out


def setup_files(tmp_path: Path, gold, pred, texts=None, gold_columns=GOLD_COLUMNS, offsets=True):
    """Write gold.csv, outputs/events.csv and outputs/texts/*.txt; return (gold, pred, texts) paths."""
    texts = {DOC: TEXT} if texts is None else texts
    tdir = tmp_path / "outputs" / "texts"
    tdir.mkdir(parents=True)
    for doc, text in texts.items():
        with open(tdir / f"{doc}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    g = write_csv(tmp_path / "gold" / "gold.csv", gold, gold_columns)
    p = write_csv(tmp_path / "outputs" / "events.csv", as_pred(pred, texts, offsets), EVENT_COLUMNS)
    return g, p, tdir


def run(tmp_path, gold, pred, **kw):
    g, p, t = setup_files(tmp_path, gold, pred, **kw)
    return evaluate(g, p, t)


def counts(c: Counts) -> tuple[int, int, int]:
    return c.tp, c.fp, c.fn


# --------------------------------------------------------------------------- whole-file scores

def test_identical_files_score_one_everywhere(tmp_path):
    res = run(tmp_path, GOLD, GOLD)
    for s in (res.overall, res.docs[DOC].score):
        assert counts(s.events) == (4, 0, 0)
        assert counts(s.argument) == (4 + N_SLOTS, 0, 0)
        for c in [s.events, s.argument, *s.by_type.values(), *s.slots.values()]:
            assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)
    assert set(res.overall.by_type) == {"RELEASE", "SENTENCE", "ARREST", "BAN"}
    assert not (res.docs[DOC].missed or res.docs[DOC].spurious or res.docs[DOC].wrong_slots)


def test_one_missed_event_lowers_recall_and_its_slots_become_false_negatives(tmp_path):
    res = run(tmp_path, GOLD, [G1, G3, G4])
    s = res.overall
    assert counts(s.events) == (3, 0, 1)
    assert s.events.recall == 0.75 and s.events.precision == 1.0
    assert counts(s.by_type["SENTENCE"]) == (0, 0, 1)
    # every slot of the missed SENTENCE row is a false negative
    assert counts(s.slots["date"]) == (3, 0, 1)
    for col in ("charge", "charge_article", "sentence"):
        assert counts(s.slots[col]) == (0, 0, 1)
    assert counts(s.slots["measure"]) == (2, 0, 1)
    assert counts(s.slots["location"]) == (1, 0, 1)
    assert counts(s.argument) == (3 + 6, 0, 1 + 6)
    assert s.argument.recall == 9 / 16
    assert [r.target for r in res.docs[DOC].missed] == ["Maks Bokaev"]


def test_spurious_event_and_its_slots_are_false_positives(tmp_path):
    extra = ev("CHARGE", "Maks Bokaev", S2, date="2016", charge="inciting social discord")
    res = run(tmp_path, GOLD, GOLD + [extra])
    s = res.overall
    assert counts(s.events) == (4, 1, 0)
    assert counts(s.by_type["CHARGE"]) == (0, 1, 0)
    assert counts(s.slots["date"]) == (4, 1, 0)
    assert counts(s.slots["charge"]) == (1, 1, 0)
    assert counts(s.argument) == (4 + N_SLOTS, 3, 0)


def test_wrong_date_is_one_slot_fp_and_one_slot_fn(tmp_path):
    res = run(tmp_path, GOLD, [dict(G1, date="2018-05"), G2, G3, G4])
    s = res.overall
    assert counts(s.events) == (4, 0, 0)
    assert counts(s.slots["date"]) == (3, 1, 1)
    for col in SLOT_COLUMNS:
        if col != "date":
            assert s.slots[col].fp == s.slots[col].fn == 0
    assert counts(s.argument) == (4 + N_SLOTS - 1, 1, 1)
    [w] = res.docs[DOC].wrong_slots
    assert (w.column, w.gold.slots["date"], w.pred.slots["date"]) == ("date", "2018-04", "2018-05")


@pytest.mark.parametrize("gold_value, pred_value, expected", [
    ("2018-04", "", (0, 0, 1)),          # missing in prediction: a false negative only
    ("", "2018-04", (0, 1, 0)),          # not in gold: a false positive only
])
def test_slot_missing_on_one_side(tmp_path, gold_value, pred_value, expected):
    res = run(tmp_path, [dict(G1, date=gold_value)], [dict(G1, date=pred_value)])
    assert counts(res.overall.slots["date"]) == expected
    assert len(res.docs[DOC].wrong_slots) == 1


# --------------------------------------------------------------------------- event matching

@pytest.mark.parametrize("gold, pred, matches", [
    # surname only / spelling variants (token similarity >= 0.8 to a distinct token)
    (("Talgat Ayan", "PERSON", ""), ("Ayan", "PERSON", ""), True),
    (("Ayan", "PERSON", ""), ("Talgat Ayan", "PERSON", ""), True),
    (("Talgat Ayan", "PERSON", ""), ("Talgat Ayanov", "PERSON", ""), True),      # ratio exactly 0.8
    (("Talgat Ayan", "PERSON", ""), ("Talgat Ayanova", "PERSON", ""), False),    # ratio 0.73
    (("Talgat Ayan", "PERSON", ""), ("Ivan Ayan", "PERSON", ""), False),         # every token must match
    (("Talgat Ayan", "PERSON", ""), ("Ayan Ayan", "PERSON", ""), False),         # distinct tokens
    (("Talgat Ayan", "PERSON", ""), ("Serik Zhumabek", "PERSON", ""), False),
    (("Maks Bokaev", "PERSON", ""), ("MAKS BOKÁEV", "PERSON", ""), True),        # folding
    # acronyms, with and without stopwords
    (("Democratic Vybor Kazakhstana", "ORG", ""), ("DVK", "ORG", ""), True),
    (("DVK", "ORG", ""), ("Democratic Vybor Kazakhstana", "ORG", ""), True),
    (("Democratic Vybor Kazakhstana", "ORG", ""), ("D.V.K.", "ORG", ""), True),
    (("Democratic Vybor Kazakhstana", "ORG", ""), ("DVR", "ORG", ""), False),
    (("Communist Party of Kazakhstan", "ORG", ""), ("CPK", "ORG", ""), True),
    (("Communist Party of Kazakhstan", "ORG", ""), ("CPOK", "ORG", ""), True),
    # target types: PERSON and ORG cross-match, GROUP only with GROUP
    (("Talgat Ayan", "PERSON", ""), ("Talgat Ayan", "ORG", ""), True),
    (("Talgat Ayan", "PERSON", ""), ("Talgat Ayan", "GROUP", ""), False),
    (("protesters", "GROUP", "57"), ("people", "GROUP", "57"), True),
    (("protesters", "GROUP", "57"), ("protesters", "GROUP", "50"), False),
    (("protesters", "GROUP", "57"), ("protesters", "GROUP", ""), True),
    (("protesters", "GROUP", ""), ("protesters", "GROUP", "57"), True),
    (("protesters", "GROUP", "57"), ("protesters", "PERSON", ""), False),
])
def test_target_matching(tmp_path, gold, pred, matches):
    g = ev("ARREST", gold[0], S3, target_type=gold[1], target_count=gold[2])
    p = ev("ARREST", pred[0], S3, target_type=pred[1], target_count=pred[2])
    res = run(tmp_path, [g], [p])
    assert counts(res.overall.events) == ((1, 0, 0) if matches else (0, 1, 1))


def test_event_type_and_document_must_be_equal(tmp_path):
    res = run(tmp_path, [G1], [dict(G1, event_type="ARREST", measure="custody"), dict(G1, doc_id="other")],
              texts={DOC: TEXT, "other": TEXT})
    assert counts(res.overall.events) == (0, 1, 1)
    assert res.ignored_rows == 1 and res.ignored_docs == ["other"]


@pytest.mark.parametrize("short, long, expected", [
    ("DVK", "Democratic Vybor Kazakhstana", True),
    ("CPK", "Communist Party of Kazakhstan", True),
    ("CPOK", "Communist Party of Kazakhstan", True),
    ("CP", "Communist Party of Kazakhstan", False),
    ("Ayan", "Talgat Ayan", False),
    ("TA AY", "Talgat Ayan", False),
])
def test_is_acronym(short, long, expected):
    assert is_acronym(short, long) is expected


def test_names_match_is_symmetric_and_needs_tokens():
    assert names_match("Ayan", "Talgat Ayan") and names_match("Talgat Ayan", "Ayan")
    assert not names_match("", "Talgat Ayan") and not names_match("\u201c\u201d", "Ayan")


def test_matching_is_one_to_one(tmp_path):
    p1 = ev("RELEASE", "Ayan", S1, date="2018-04", measure="parole")
    p2 = ev("RELEASE", "Talgat Ayan", S1, date="2018-04", measure="parole")
    res = run(tmp_path, [G1], [p1, p2])
    assert counts(res.overall.events) == (1, 1, 0)
    assert counts(res.overall.slots["date"]) == (1, 1, 0)
    # the exact target wins when everything else is equal
    assert [r.target for r in res.docs[DOC].spurious] == ["Ayan"]


def test_one_prediction_matches_only_one_of_two_gold_rows(tmp_path):
    g2 = ev("RELEASE", "Talgat Ayan", S5, date="2018-01")
    res = run(tmp_path, [G1, g2], [ev("RELEASE", "Ayan", S5, date="2018-01")])
    assert counts(res.overall.events) == (1, 0, 1)
    assert [r.evidence for r in res.docs[DOC].missed] == [G1["evidence"]]


@pytest.mark.parametrize("offsets, right_evidence", [
    (True, S5),                 # spans from char_start/char_end
    (False, S5),                # no offsets: located by searching the text
    (False, S5.upper()),        # not in the text at all: folded containment
])
def test_prefers_the_candidate_whose_evidence_overlaps(tmp_path, offsets, right_evidence):
    gold = ev("ARREST", "Talgat Ayan", "arrested in Almaty", date="2018-01", measure="custody")
    # Same slots; the first candidate has the closer target, but its evidence is another sentence.
    wrong = ev("ARREST", "Talgat Ayan", S1, date="2018-01", measure="custody")
    right = ev("ARREST", "Ayan", right_evidence, date="2018-01", measure="custody")
    res = run(tmp_path, [gold], [wrong, right], offsets=offsets)
    [(g, p)] = res.docs[DOC].matches
    assert p.evidence == right_evidence
    assert [r.evidence for r in res.docs[DOC].spurious] == [S1]


def test_prediction_offsets_are_used_when_its_evidence_is_not_verbatim(tmp_path):
    text = "Report.\nAyan was arrested\nin Almaty in January 2018.\n"
    pred = ev("ARREST", "Ayan", "Ayan was arrested in Almaty in January 2018.", char_start="8", char_end="52")
    g, p, t = setup_files(tmp_path, [ev("ARREST", "Talgat Ayan", "Ayan was arrested")], [pred],
                          texts={DOC: text}, offsets=False)
    res = evaluate(g, p, t)
    assert res.docs[DOC].matches[0][1].spans == ((8, 52),)


def test_prefers_equal_slots_when_no_evidence_overlaps(tmp_path):
    gold = ev("ARREST", "Talgat Ayan", "arrested in Almaty", date="2018-01", measure="custody")
    a = ev("ARREST", "Talgat Ayan", S1, date="2017", measure="custody")
    b = ev("ARREST", "Ayan", S4, date="2018-01", measure="custody")
    res = run(tmp_path, [gold], [a, b])
    assert res.docs[DOC].matches[0][1].evidence == S4
    assert counts(res.overall.slots["date"]) == (1, 1, 0)


# --------------------------------------------------------------------------- slot comparison

@pytest.mark.parametrize("column, gold_value, pred_value, equal", [
    ("location", "Farkhor District", "Farkhor", True),
    ("location", "Farkhor", "Farkhor District", True),
    ("location", "Almaty", "Astana", False),
    ("location", "Sémey", "SEMEY", True),                                  # diacritics and case
    ("location", "Aktau", "Aktaus", False),                                # whole tokens only
    ("charge", "inciting social discord", "inciting social discord; participation in a banned group", True),
    ("charge", "\u201cinciting\u201d social discord", "Inciting social-discord", True),  # quotes, punctuation
    ("charge", "harm", "arm", False),
    ("charge", "extremism", "terrorism", False),
    ("charge_article", "Criminal Code Article 282.2(1)", "Article 282.2(1) of the Criminal Code", True),
    ("charge_article", "Criminal Code Article 174; Criminal Code Article 274",
     "Criminal Code Article 274; Criminal Code Article 174", True),
    ("charge_article", "Criminal Code Article 174", "Article 174", True),
    ("charge_article", "Criminal Code Article 174", "Criminal Code Article 174; Criminal Code Article 274", False),
    ("charge_article", "Criminal Code Article 282.2(1)", "Criminal Code Article 282.2", False),
    ("date", "2016-11", "2016-11", True),
    ("date", "2016-11", "2016", False),
    ("date", "2016-11", "2016/11", False),                                # dates: equal strings, not folded
    ("sentence", "P5Y", "p5y", True),
    ("sentence", "P5Y", "P5Y6M", False),
    ("measure", "imprisonment", "Imprisonment", True),
    ("measure", "imprisonment", "suspended", False),
])
def test_slot_comparison(tmp_path, column, gold_value, pred_value, equal):
    assert slot_equal(column, pred_value, gold_value) is equal
    res = run(tmp_path, [dict(G2, **{column: gold_value})], [dict(G2, **{column: pred_value})])
    assert counts(res.overall.slots[column]) == ((1, 0, 0) if equal else (0, 1, 1))
    assert counts(res.overall.events) == (1, 0, 0)


@pytest.mark.parametrize("value, numbers", [
    ("Article 282.2(1) of the Criminal Code", {"282.2(1)"}),
    ("Criminal Code Article 174; Criminal Code Article 274", {"174", "274"}),
    ("Code of Administrative Offences Article 488 (2)", {"488(2)"}),
    ("", set()),
])
def test_article_numbers(value, numbers):
    assert article_numbers(value) == numbers


@pytest.mark.parametrize("tp, fp, fn, p, r, f1", [
    (3, 1, 1, 0.75, 0.75, 0.75),
    (3, 0, 1, 1.0, 0.75, 6 / 7),
    (0, 0, 0, 1.0, 1.0, 1.0),      # nothing to find, nothing predicted
    (0, 2, 0, 0.0, 0.0, 0.0),
    (0, 0, 2, 0.0, 0.0, 0.0),
])
def test_counts(tp, fp, fn, p, r, f1):
    c = Counts(tp, fp, fn)
    assert (c.precision, c.recall) == (p, r)
    assert c.f1 == pytest.approx(f1)


def test_prediction_cells_escaped_by_the_export_are_read_back(tmp_path):
    text = "Report.\n- Police detained Ivan Petrov in Almaty in 2019.\n"
    line = "- Police detained Ivan Petrov in Almaty in 2019."
    gold = ev("ARREST", "Ivan Petrov", line, date="2019", location="Almaty")
    g, p, t = setup_files(tmp_path, [gold], [], texts={DOC: text})
    pred = as_pred([gold], {DOC: text}, offsets=False)[0]
    with open(p, "a", encoding="utf-8", newline="") as fh:    # as pipeline.export writes it
        csv.writer(fh, lineterminator="\r\n").writerow([neutralize(pred[c]) for c in EVENT_COLUMNS])
    assert "'- Police" in p.read_text(encoding="utf-8")
    res = evaluate(g, p, t)
    assert res.docs[DOC].matches[0][1].spans == ((8, 8 + len(line)),)
    assert counts(res.overall.argument) == (3, 0, 0)


# --------------------------------------------------------------------------- documents

def test_per_document_and_overall_scores(tmp_path):
    text2 = "Police arrested Serik Zhumabek in Astana in 2019. He was released in 2020.\n"
    other = [ev("ARREST", "Serik Zhumabek", "Police arrested Serik Zhumabek", doc_id="doc-b", date="2019"),
             ev("RELEASE", "Serik Zhumabek", "He was released in 2020.", doc_id="doc-b", date="2020")]
    stray = ev("ARREST", "Nobody", "x", doc_id="doc-without-gold")
    res = run(tmp_path, GOLD + other, GOLD + [other[0], stray], texts={DOC: TEXT, "doc-b": text2})
    assert list(res.docs) == ["doc-b", DOC]
    assert counts(res.docs[DOC].score.events) == (4, 0, 0)
    assert counts(res.docs["doc-b"].score.events) == (1, 0, 1)
    assert counts(res.overall.events) == (5, 0, 1)
    assert counts(res.overall.argument) == (5 + N_SLOTS + 1, 0, 2)
    assert (res.ignored_rows, res.ignored_docs) == (1, ["doc-without-gold"])


def test_gold_folder_with_one_file_per_report_and_an_empty_one(tmp_path):
    g, p, t = setup_files(tmp_path, [], GOLD + [ev("ARREST", "X Y", "x", doc_id="quiet-doc")],
                          texts={DOC: TEXT, "quiet-doc": "Nothing happened.\n"})
    g.unlink()
    write_csv(g.parent / f"{DOC}.csv", [G1, G2], GOLD_COLUMNS)
    write_csv(g.parent / "more" / "part2.csv", [G3, G4], GOLD_COLUMNS)
    write_csv(g.parent / "quiet-doc.csv", [], GOLD_COLUMNS)   # header only: a report without events
    res = evaluate(g.parent, p, t)
    assert counts(res.docs[DOC].score.events) == (4, 0, 0)
    assert counts(res.docs["quiet-doc"].score.events) == (0, 1, 0)
    assert res.ignored_rows == 0


# --------------------------------------------------------------------------- gold validation

def _bad(tmp_path, rows, columns=GOLD_COLUMNS, texts=None):
    g, p, t = setup_files(tmp_path, rows, [], texts=texts, gold_columns=columns)
    with pytest.raises(GoldError) as exc:
        load_gold(g, t)
    return str(exc.value)


@pytest.mark.parametrize("row_no, bad_row, message", [
    (3, dict(G2, event_type="ARRESTED"), "unknown event_type 'ARRESTED'"),
    (3, dict(G2, event_type="sentence"), "did you mean SENTENCE"),
    (4, dict(G3, measure="jail"), "unknown measure 'jail'"),
    (4, dict(G3, measure="parole"), "measure 'parole' is not used with ARREST"),
    (3, dict(G2, target_type="INDIVIDUAL"), "unknown target_type 'INDIVIDUAL'"),
    (4, dict(G3, target_count="dozens"), "target_count 'dozens'"),
    (3, dict(G2, date="November 2016"), "date 'November 2016'"),
    (3, dict(G2, sentence="five years"), "sentence 'five years'"),
    (3, dict(G2, evidence="a court in Atyrau jailed Maks Bokaev"), "not a verbatim substring"),
    (3, dict(G2, evidence="sentenced Maks  Bokaev"), "once line breaks/spaces are collapsed"),
    (3, dict(G2, evidence="\"inciting social discord\""), "after folding"),
    (3, dict(G2, evidence=""), "empty evidence"),
    (3, dict(G2, target=""), "empty target"),
])
def test_gold_row_refused_with_file_and_row(tmp_path, row_no, bad_row, message):
    rows = [G1, G2, G3, G4]
    rows[row_no - 2] = bad_row
    text = _bad(tmp_path, rows)
    assert f"gold.csv row {row_no}: " in text
    assert message in text
    assert text.count("\n") == 0  # only that row is reported


def test_gold_row_with_more_cells_than_the_header_refused(tmp_path):
    g, _, t = setup_files(tmp_path, [G1], [])
    with open(g, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([G2[c] for c in GOLD_COLUMNS] + ["surplus"])
    with pytest.raises(GoldError, match=r"gold\.csv row 3: 1 cell more than the header"):
        load_gold(g, t)


def test_gold_with_unknown_column_refused(tmp_path):
    text = _bad(tmp_path, [dict(G1, comment="check")], columns=GOLD_COLUMNS + ("comment",))
    assert "gold.csv row 1 (header): unknown columns 'comment'" in text


def test_gold_with_missing_column_refused(tmp_path):
    text = _bad(tmp_path, [G1], columns=tuple(c for c in GOLD_COLUMNS if c != "location"))
    assert "gold.csv row 1 (header): missing columns location" in text


def test_gold_may_hold_event_id_and_offsets(tmp_path):
    g, p, t = setup_files(tmp_path, [dict(G1, event_id="x-1", char_start="5", char_end="9")], [G1],
                          gold_columns=SPEC_COLUMNS)
    assert counts(evaluate(g, p, t).overall.events) == (1, 0, 0)


def test_gold_document_without_text_refused(tmp_path):
    text = _bad(tmp_path, [G1, dict(G1, doc_id="no-such-report")])
    assert "gold.csv row 3: doc_id 'no-such-report' has no ingested text" in text
    assert "no-such-report.txt does not exist" in text


def test_every_gold_problem_is_reported_at_once(tmp_path):
    text = _bad(tmp_path, [dict(G1, event_type="X"), G2, dict(G3, measure="jail")])
    assert "row 2: unknown event_type" in text and "row 4: unknown measure" in text


# --------------------------------------------------------------------------- CLI and reports

def test_cli_writes_eval_json_and_md(tmp_path, capsys):
    pred = [dict(G1, date="2018-05"), G3, G4, ev("CHARGE", "Maks Bokaev", S2, charge="inciting social discord")]
    g, p, _ = setup_files(tmp_path, GOLD, pred)
    out = tmp_path / "report"
    assert cli.main(["evaluate", "--gold", str(g.parent), "--pred", str(p), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ALL" in printed and DOC in printed and "arg F1" in printed
    data = json.loads((out / "eval.json").read_text(encoding="utf-8"))
    assert data["overall"]["events"] == {"tp": 3, "fp": 1, "fn": 1, "precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert data["documents"][DOC]["slots"]["date"]["tp"] == 2
    assert data["overall"]["argument"]["tp"] == 3 + 5
    assert [m["target"] for m in data["missed"]] == ["Maks Bokaev"]
    assert [m["event_type"] for m in data["spurious"]] == ["CHARGE"]
    assert [(w["slot"], w["gold"], w["predicted"]) for w in data["wrong_slots"]] == [("date", "2018-04", "2018-05")]
    md = (out / "eval.md").read_text(encoding="utf-8")
    missed = md.split("## Missed events")[1].split("## Spurious")[0]
    assert "Maks Bokaev" in missed and "sentence=P5Y" in missed and "Atyrau sentenced" in missed
    spurious = md.split("## Spurious events")[1].split("## Wrong slots")[0]
    assert "CHARGE" in spurious and "charge=inciting social discord" in spurious
    wrong = md.split("## Wrong slots")[1]
    # the gold evidence fragment is shown as its whole sentence
    assert "| date | 2018-04 | 2018-05 | " + S1 + " | " + f"{g} row 2 | {p} row 2 |" in wrong
    assert "1 document scored: 4 gold events, 4 predicted events." in md


def test_cli_defaults_are_beside_pred_and_output_is_deterministic(tmp_path):
    g, p, _ = setup_files(tmp_path, GOLD, [G4, G2, G1])
    args = ["evaluate", "--gold", str(g), "--pred", str(p)]
    assert cli.main(args) == 0
    first = [(p.parent / n).read_bytes() for n in ("eval.json", "eval.md")]
    assert cli.main(args) == 0
    assert [(p.parent / n).read_bytes() for n in ("eval.json", "eval.md")] == first
    assert not [f for f in p.parent.iterdir() if f.name.endswith(".tmp")]
    md = (p.parent / "eval.md").read_text(encoding="utf-8")
    assert "## Missed events: gold not matched (1)" in md and "protesters (GROUP)" in md
    assert "## Spurious events: predictions not matched (0)\n\nNone." in md


def test_cli_refuses_bad_gold_with_exit_code_2(tmp_path, capsys):
    g, p, _ = setup_files(tmp_path, [G1, dict(G2, event_type="JAILED")], [G1])
    assert cli.main(["evaluate", "--gold", str(g), "--pred", str(p), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "invalid gold" in err and f"{g} row 3: unknown event_type 'JAILED'" in err
    assert not (tmp_path / "r" / "eval.json").exists()


def test_cli_missing_predictions_exit_code_2(tmp_path, capsys):
    g, p, _ = setup_files(tmp_path, [G1], [G1])
    p.unlink()
    assert cli.main(["evaluate", "--gold", str(g), "--pred", str(p)]) == 2
    assert "predictions file not found" in capsys.readouterr().err


# --------------------------------------------------------------------------- stored reports

def test_reports_equal_the_stored_ones(tmp_path, monkeypatch):
    """The printed table, eval.json and eval.md of corpus/gold against a fixed events.csv
    (tests/fixtures/eval_corpus) are byte-identical to the stored ones, whatever builds the tables."""
    from pipeline.evaluate.report import format_table, write_reports
    from pipeline.evaluate.scoring import evaluate
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    stored = Path("tests/fixtures/eval_corpus")
    result = evaluate("corpus/gold", stored / "events.csv", Path("corpus"))
    assert format_table(result) + "\n" == (stored / "table.txt").read_text(encoding="utf-8")
    write_reports(result, tmp_path)
    for name in ("eval.json", "eval.md"):
        assert (tmp_path / name).read_bytes() == (stored / name).read_bytes(), name


def test_table_scores_equal_the_counts_properties():
    """The DataFrame P/R/F1 of the tables are the Counts properties, formatted."""
    from pipeline.evaluate.report import _prf
    counts = [Counts(tp, fp, fn) for tp in range(5) for fp in range(5) for fn in range(5)] + [Counts(333, 17, 55)]
    df = _prf(counts)
    expected = [["-"] * 3 if c.empty else [f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"] for c in counts]
    assert df[["P", "R", "F1"]].to_numpy().tolist() == expected
