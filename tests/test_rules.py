"""Rule files are data: they load strictly, and every trigger pattern fires on
the example sentence it documents."""
from __future__ import annotations

import json

import pytest

from pipeline.nlp import TRIGGER_KEY, load_trigger_rules
from pipeline.rules import PATTERN_DIR, RuleFileError, load_jsonl, load_lexicon, VOCAB_DIR

TRIGGER_ROWS = [json.loads(line) for line in (PATTERN_DIR / "triggers.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]


def test_trigger_ids_are_unique_and_labels_known():
    patterns, rules = load_trigger_rules()
    assert len(rules) == len(TRIGGER_ROWS) == len(patterns)


@pytest.mark.parametrize("row", TRIGGER_ROWS, ids=[r["id"] for r in TRIGGER_ROWS])
def test_each_trigger_fires_on_its_example(analyzer, row):
    doc = analyzer.nlp(row["example"])
    assert row["id"] in {sp.id_ for sp in doc.spans[TRIGGER_KEY]}


@pytest.mark.parametrize("line,error", [
    ('{"id": "x", "label": "ARREST", "pattern": [], "why": "", "example": "", "colour": 1}', "unknown key"),
    ('{"id": "x", "label": "ARREST", "pattern": []}', "missing key"),
    ('{"id": "x", ', "not JSON"),
    ('["a list"]', "expected an object"),
])
def test_rule_file_rejects_bad_lines(tmp_path, line, error):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=f"bad.jsonl:1: {error}"):
        load_jsonl(path, {"id", "label", "pattern", "why", "example"}, {"measure"})


def test_unknown_event_type_is_rejected(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "x", "label": "KIDNAP", "pattern": [{"LOWER": "x"}], "why": "w",
                                "example": "e"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown event type KIDNAP"):
        load_trigger_rules(path)


@pytest.mark.parametrize("name,word,canonical", [
    ("agents.jsonl", "riot police", "police"),
    ("agents.jsonl", "prosecutor's office", "prosecutor"),
    ("roles.jsonl", "blogger", "blogger"),
    ("groups.jsonl", "protesters", "protesters"),
])
def test_lexicons_map_variants_to_canonical(name, word, canonical):
    assert load_lexicon(VOCAB_DIR / name)[word] == canonical


def _gap_budget(pattern) -> int:
    total = 0
    for tok in pattern:
        op = tok.get("OP", "")
        if op.startswith("{") and "," in op:
            total += int(op.strip("{}").split(",")[1] or 0)
        elif op in {"*", "+"}:
            total += 99
    return total


@pytest.mark.parametrize("row", TRIGGER_ROWS, ids=[r["id"] for r in TRIGGER_ROWS])
def test_trigger_gaps_stay_small(row):
    # Wide optional gaps make spaCy's Matcher explode on long sentences (a {0,24} gap
    # once made extraction 6x slower); a rule that needs a far word uses "requires".
    assert _gap_budget(row["pattern"]) <= 16


def test_context_rules_load_with_closed_categories():
    from pipeline.extract.context_rules import CATEGORIES, CONTEXT
    assert {r.category for r in CONTEXT.values()} == CATEGORIES
    assert CONTEXT["ctx-irrealis-governor"].max_hops == 4
    assert "face" in CONTEXT["ctx-irrealis-governor"].words


def test_context_rule_unknown_key_or_category_refused(tmp_path):
    import pytest
    from pipeline.extract.context_rules import load_context_rules
    from pipeline.rules import RuleFileError
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "x", "category": "negated", "scope": "trigger", "why": "w", "example": "e", "colour": 1}\n')
    with pytest.raises(RuleFileError, match="unknown key"):
        load_context_rules(p)
    p.write_text('{"id": "x", "category": "maybe", "scope": "trigger", "why": "w", "example": "e"}\n')
    with pytest.raises(RuleFileError, match="category"):
        load_context_rules(p)


def test_context_rule_ids_in_stage_dump(tmp_path, analyzer):
    from pipeline.extract.context_rules import CONTEXT
    from pipeline.ingest import Document
    from pipeline import stages
    stages.configure(tmp_path)
    try:
        analyzer.analyze(Document(doc_id="d", path=tmp_path / "d.txt", report_year=2020,
                                    text="Police did not detain him. The court could sentence him to ten years."))
    finally:
        stages.configure(None)
    import json
    rows = [json.loads(x) for x in (tmp_path / "d" / "triggers.jsonl").read_text().splitlines()]
    assert {r["context_rule"] for r in rows} >= {"ctx-negated-neg", "ctx-modal-aux"}
    assert all(r["context_rule"] in CONTEXT for r in rows if r["context_rule"])
