"""The learned layer as a recall booster (issue 12): a sentence the classifier flags
(P(event) >= threshold) gets a second, looser pass of the rules.

Looser pass, and only in a flagged sentence: a trigger the rules rejected for want
of a target ("no-target") takes one from a looser finder, in this order:
  1. the object / passive subject of the trigger's clause when it is a person name,
     a surname the document names in full, a group of people ("two transgender
     women"), or a pronoun that resolves to the last person (or people) named;
  2. else, when the trigger has no clause object at all (an object that is no one,
     "released a statement", blocks it), the person the NER names nearest the
     trigger, never one after a place preposition ("in Addis Ababa").
Such events carry `boost:<how>` and `sentcat:<score>` in rule_ids.

Scores come from the trained classifier or, for honest cross-validation, from a file
of out-of-fold scores (HR_EVENTS_SENTENCE_SCORES=path.json, {doc_id: [[start, end,
score], ...]}; a sentence absent from the file scores 0).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.extract.context import Target
from pipeline.extract.finders import group_target
from pipeline.extract.names import canonical_target
from pipeline.learn.data import ANY

SCORES_ENV = "HR_EVENTS_SENTENCE_SCORES"
THRESHOLD_ENV = "HR_EVENTS_BOOST_THRESHOLD"
OBJECT_DEPS = {"dobj", "nsubjpass", "dative"}
PRONOUNS_ONE = {"him", "her", "he", "she"}
RELATIVES = {"who", "whom", "that"}


class FileScores:
    """Sentence scores read from a JSON file: {doc_id: [[start, end, score], ...]}."""

    def __init__(self, path: Path):
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        self.index = {d: [(int(a), int(b), float(s)) for a, b, s in rows] for d, rows in raw.items()}

    def __call__(self, doc_id: str, start: int, end: int, text: str) -> float:
        # the extractor may cut a sentence finer than the training split: the sentence
        # holding the start decides
        return next((s for a, b, s in self.index.get(doc_id, []) if a <= start < b), 0.0)


class ModelScores:
    """Sentence scores from the trained classifier (one call per distinct sentence text)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self._cache: dict[str, float] = {}

    def __call__(self, doc_id: str, start: int, end: int, text: str) -> float:
        if text not in self._cache:
            if len(self._cache) > 10000:
                self._cache.clear()
            self._cache[text] = float(self.nlp(text).cats[ANY])
        return self._cache[text]


class Booster:
    """Flags a sentence for the looser pass when its score reaches the threshold."""

    def __init__(self, scores, threshold: float):
        self.scores = scores
        self.threshold = threshold

    def __call__(self, document, sent) -> float | None:
        """The sentence's score when flagged, else None."""
        s = self.scores(document.doc_id, sent.start, sent.end, sent.text)
        return s if s >= self.threshold else None

    def for_sentence(self, document, sent) -> "SentenceBoost":
        """The looser pass of one sentence; the classifier scores it only if a trigger needs it."""
        return SentenceBoost(self, document, sent)


class SentenceBoost:
    """One sentence's booster: its score is computed on first use (most sentences have
    no trigger left without a target, so most are never scored)."""

    _UNSCORED = object()

    def __init__(self, booster: Booster, document, sent):
        self.booster, self.document, self.sent = booster, document, sent
        self._score = self._UNSCORED

    @property
    def score(self) -> float | None:
        if self._score is self._UNSCORED:
            self._score = self.booster(self.document, self.sent)
        return self._score

    def targets(self, ctx, sp, head) -> list[Target]:
        """Looser targets for a trigger the rules left without one, in a flagged sentence only."""
        return loose_targets(ctx, sp, head) if self.score is not None else []


def from_environment() -> Booster | None:
    """A booster on out-of-fold scores when HR_EVENTS_SENTENCE_SCORES names a file
    (threshold HR_EVENTS_BOOST_THRESHOLD, default 0.5); else None."""
    path = os.environ.get(SCORES_ENV)
    if not path:
        return None
    return Booster(FileScores(Path(path)), float(os.environ.get(THRESHOLD_ENV, "0.5")))


def _clause_objects(head) -> list:
    """The trigger's object, passive subject, or (for a participle modifier) the noun it
    modifies; a relative pronoun stands for its noun ("12 police officers whom a court convicted")."""
    out = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    if head.dep_ == "relcl":
        out = [head.head if c.lower_ in RELATIVES else c for c in out]
    if not out and head.dep_ in {"acl", "relcl"} and head.tag_ in {"VBN", "VBD"}:
        out = [head.head]
    if not out and head.dep_ == "conj":   # "arrested the two ... and charged them"
        out = [c for c in head.head.children if c.dep_ in OBJECT_DEPS]
    # "released a statement criticizing journalist X": a verb between the trigger and its
    # supposed object means the parse went wrong (the rules' own guard)
    return [c for c in out if c.i < head.i or not any(
        t.tag_ == "VBG" and t.dep_ in {"compound", "acl", "relcl", "xcomp", "advcl"} for t in head.doc[head.i + 1:c.i])]


def _name_over(ctx, tok) -> Target | None:
    return next((n for n in ctx.names if n.start <= tok.i < n.end and n.kind in {"PERSON", "ORG"}), None)


def loose_targets(ctx, sp, head) -> list[Target]:
    """Targets for a trigger the rules left without one (module doc)."""
    objects = _clause_objects(head)
    for tok in objects:
        name = _name_over(ctx, tok)
        if name is not None:
            return [canonical_target(ctx, name, "boost:object-name")]
        if tok.lower_ in PRONOUNS_ONE and ctx.last_person:
            return [Target(ctx.last_person, "PERSON", -1, -1, rule="boost:pronoun")]
        if tok.lower_ in {"them", "they"} and ctx.earlier_sets:
            return [Target(n, "PERSON", -1, -1, rule="boost:pronoun-set") for n in ctx.earlier_sets[-1][1]]
        if tok.lower_ in {"them", "they"} and ctx.group_many is not None:
            g = ctx.group_many
            return [Target(g.text, "GROUP", -1, -1, count=g.count, rule="boost:pronoun-group")]
        surname = _known_surname(ctx, tok)
        if surname is not None:
            return [surname]
        group = group_target(ctx, tok, person_event=True)
        if group is not None:
            group.rule = "boost:object-group"
            return [group]
    if objects or any(c.dep_ == "dobj" for c in head.children):
        return []   # "released a statement criticizing journalist X": an object that is no one
    people = [n for n in ctx.names if n.kind == "PERSON" and not (sp.start <= n.start < sp.end) and _a_person(ctx.doc, n)]
    if people:
        nearest = min(people, key=lambda n: min(abs(n.start - head.i), abs(n.end - 1 - head.i)))
        return [canonical_target(ctx, nearest, "boost:nearest-person")]
    return []


LOCATIVE = {"in", "at", "from", "to", "near", "into", "outside", "inside", "across", "by"}


def _a_person(doc, name) -> bool:
    """A name the NER calls a person and that is not the object of a place preposition
    ("arrested ... in Addis Ababa", "fled to Burkina Faso", "detained by the Houthis")."""
    span = doc[name.start:name.end]
    if not all(t.ent_type_ == "PERSON" for t in span):
        return False
    root = span.root
    return not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE)


def _known_surname(ctx, tok) -> Target | None:
    """A proper noun the NER left unnamed that the document names in full elsewhere
    ("Makoua was arrested" after "Raissa Makoua")."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in {"", "PERSON"}:
        return None
    comp = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    text = tok.doc[comp[0].i if comp else tok.i: tok.i + 1].text
    full = ctx.registry.canonical(text)
    if full == text and tok.ent_type_ != "PERSON":
        return None
    return Target(full, "PERSON", tok.i, tok.i + 1, rule="boost:surname")
