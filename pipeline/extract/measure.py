"""Measure and amount slots."""
from __future__ import annotations

import re

from pipeline.extract.lexicon import RELEASE_MEASURES
from pipeline.extract.syntax import clause_tokens


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
        if re.search(r"suspended|probation|conditional|probationary", window):   # a "conditional sentence" is suspended
            return "suspended"
        if re.search(r"restrict(?:ed|ion)\s+(?:of\s+)?freedom", window):
            return "restricted_freedom"
        if re.search(r"correctional|corrective|compulsory\s+labou?r", window):
            return "corrective_labor"
        if re.search(r"administrative|days[\u2019']?\s+(?:of\s+)?(?:arrest|detention)|days\s+(?:in|of)\s+(?:jail|detention)", window) \
                and (not terms or terms[0].value.endswith("D")):
            return "administrative_arrest"
        return "imprisonment"
    if etype == "RELEASE":
        # "the president pardoned and released X": the measure may sit on a coordinated verb
        for word, measure in RELEASE_MEASURES:
            if word in window or (word in low and not re.search(r"(?:den(?:y|ied)|refus\w*|reject\w*)\s+(?:\w+\s+){0,3}" + word, low)):
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
    m = re.search(r"(?:\d[\d,.\s]*\d|\d)\s+(?:[A-Za-z]+\s){0,3}?(?:rubles?|roubles?|tenge|manats?|somoni|soms?|"
                  r"lira|liras|pounds|dollars|euros?|hryvnias?|dinars?|rials?|dong|yuan|lari|drams?|"
                  r"indices|units|minimum wages?|base (?:units|amounts))", ctx.sent.text, re.I)
    if m:
        return m.group(0)
    # the currency written first: "EGP 100,000", "LE 50,000", "$5,000", "EUR 300"
    m = re.search(r"(?:\b[A-Z]{2,3}\s?|[$\u20ac\u00a3]\s?)\d[\d,.]*\d(?:\s+(?:million|billion))?", ctx.sent.text)
    return m.group(0) if m else ""
