"""Measure and amount slots."""
from __future__ import annotations

import re

from pipeline.extract.lexicon import RELEASE_MEASURES
from pipeline.extract.syntax import clause_tokens
from pipeline.rules import alternation, load_word_lists, load_words_ordered


# Words around a sentence's term that name its measure (lexicons/sentence_measures.jsonl),
# checked in the order of find_measure.
_SENTENCE_CUES = {k: re.compile(alternation(v, r"\s+")) for k, v in load_word_lists("sentence_measures").items()}


# A denial before a release measure: "denied his parole", "refused parole" (lexicons/release_denials.jsonl).
_DENIALS = load_word_lists("release_denials")
_DENIAL = r"(?:" + alternation(_DENIALS["denial-word"]) + "|" + "|".join(
    re.escape(w) + r"\w*" for w in _DENIALS["denial-stem"]) + ")"


# A fine's amount: a number, then within three words a currency or unit (lexicons/fine_units.jsonl).
_AMOUNT = re.compile(r"(?:\d[\d,.\s]*\d|\d)\s+(?:[A-Za-z]+\s){0,3}?(?:"
                     + alternation(load_words_ordered("fine_units")) + ")", re.I)


def find_measure(ctx, head, sp, rule, etype, terms) -> str:
    if rule.measure and (etype == rule.label) and etype != "RELEASE":
        return rule.measure
    low = ctx.sent.text.lower()
    ctoks = sorted(clause_tokens(head, set()), key=lambda t: t.i)
    window = ctx.doc.text[ctoks[0].idx: ctoks[-1].idx + len(ctoks[-1])].lower() if ctoks else ""
    if etype == "ARREST":
        return "custody"
    if etype == "SENTENCE":
        if terms:
            # the words around the term decide: "... and handed a third defendant a suspended
            # sentence" must not make "five years' imprisonment" suspended
            t0 = terms[0]
            window = ctx.sent.text[max(0, t0.start - 40): t0.end + 40].lower()
        if _SENTENCE_CUES["suspended"].search(window):   # a "conditional sentence" is suspended
            return "suspended"
        if _SENTENCE_CUES["restricted_freedom"].search(window):
            return "restricted_freedom"
        if _SENTENCE_CUES["corrective_labor"].search(window):
            return "corrective_labor"
        if _SENTENCE_CUES["administrative_arrest"].search(window) \
                and (not terms or terms[0].value.endswith("D")):
            return "administrative_arrest"
        return "imprisonment"
    if etype == "RELEASE":
        # "the president pardoned and released X": the measure may sit on a coordinated verb
        for word, measure in RELEASE_MEASURES:
            if word in window or (word in low and not re.search(_DENIAL + r"\s+(?:\w+\s+){0,3}" + word, low)):
                return measure
        if rule.measure:
            return rule.measure
        return ""
    return ""


def find_amount(ctx, head) -> str:
    """A fine's amount as written: "20,000 rubles", "250 monthly calculation indices"."""
    for ent in ctx.doc.ents:
        if ent.label_ == "MONEY":
            return ent.text
    m = _AMOUNT.search(ctx.sent.text)
    if m:
        return m.group(0)
    # the currency written first: "EGP 100,000", "LE 50,000", "$5,000", "EUR 300"
    m = re.search(r"(?:\b[A-Z]{2,3}\s?|[$\u20ac\u00a3]\s?)\d[\d,.]*\d(?:\s+(?:million|billion))?", ctx.sent.text)
    return m.group(0) if m else ""
