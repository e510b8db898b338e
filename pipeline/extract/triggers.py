"""Non-event reasons: whether a trigger reports a real, specific action
(not a recommendation, negation, modal, irrealis, conditional, generic statement or bare status)."""
from __future__ import annotations

from pipeline.extract.lexicon import DECISION_GOVERNORS, IRREALIS_GOVERNORS, MODALS, NEGATIVE_SUBJECTS


def _is_recommendation(sent, doc) -> bool:
    """A recommendation or call to action: in a Recommendations section, an
    imperative bullet ("Release X"), or "calls on the authorities to release"."""
    if "recommend" in sent.section:
        return True
    first = next((t for t in doc if not t.is_punct and not t.is_space and t.text not in {"\u2022", "-", "*"}), None)
    if first is not None and first.tag_ == "VB" and first.dep_ == "ROOT":
        return True
    return False


def _non_event(head, sp, rule) -> str:
    """Why this trigger is not a real, specific event ("" if it is)."""
    doc = head.doc
    # negation: "no one was charged", "did not release", "never tried"
    for c in head.children:
        if c.dep_ == "neg":
            return "negated"
        if c.dep_ in {"nsubj", "nsubjpass"} and " ".join(w.lower_ for w in c.subtree) in NEGATIVE_SUBJECTS:
            return "negated"
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS:
            return "modal"
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in {"remain", "remains", "remained", "stay", "stays", "stayed"}:
            return "status"   # "X remained arbitrarily detained"
    # bare status adjective: "the banned Salafiya movement", "an imprisoned journalist"
    if head.dep_ in {"amod", "compound"} and head.tag_ in {"VBN", "JJ"}:
        # "in mid-2016 jailed activists" / "a court in Sumgayit fined journalist X" are verbs the
        # small model read as adjectives; "the banned movement", "assisting detained protesters" are not
        prev = doc[head.i - 1] if head.i > 0 else None
        if prev is None or not (prev.pos_ in {"NOUN", "PROPN"} or prev.ent_type_ == "DATE"):
            return "status"
    # status after a copula-like verb: "they remain banned from trade union activities"
    if head.head.lemma_ in {"remain", "stay", "become", "seem"} and head.head.i < head.i and head.dep_ != "conj":
        return "status"
    # generic present: "Police break up protests and arbitrarily detain organizers"
    auxes = [c for c in head.children if c.dep_ in {"aux", "auxpass"}]
    if head.tag_ in {"VBP", "VBZ"}:
        return "generic"
    if head.tag_ != "VBG" and any(a.tag_ in {"VBP", "VBZ"} and a.lemma_ != "have" for a in auxes) and \
            not any(a.lemma_ == "have" for a in auxes) and not any(a.lemma_ == "be" and a.tag_ in {"VBP", "VBZ"} and c.lower_ == "being" for a in auxes for c in head.children):
        return "generic"
    # infinitive or complement under a verb of wanting, threatening, failing ...
    t = head
    hops = 0
    while t.head.i != t.i and hops < 4:
        hops += 1
        dep = t.dep_
        gov = t.head
        if dep in {"xcomp", "ccomp", "advcl", "pcomp", "acl", "conj", "relcl", "prep", "pobj", "dobj"}:
            if gov.lemma_.lower() in IRREALIS_GOVERNORS and dep in {"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep"}:
                if not (rule.label == "DENIAL" and gov.lemma_ in {"refuse", "deny"}):
                    return "irrealis"
            if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in t.children):
                return "conditional"
            if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in gov.children) and dep in {"xcomp", "conj", "ccomp"}:
                return "modal"
            if any(c.dep_ == "neg" for c in gov.children) and dep in {"xcomp", "conj"}:
                return "negated"
            if gov.tag_ in {"VBP", "VBZ"} and dep == "xcomp":
                return "generic"
        if dep in {"ROOT", "relcl"}:
            break   # "continued to harass X, who was arrested in May": the relative clause stands alone
        t = gov
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in head.children):
        return "conditional"
    # infinitive: only the action itself when a body decided it ("ruled to excuse her")
    if head.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        gov = head.head
        if not ((gov.lemma_.lower() in DECISION_GOVERNORS and gov.tag_ in {"VBD", "VBN"}) or
                gov.lemma_.lower() in {"decision", "ruling", "verdict", "order", "judgment"}):
            # ("upheld the December 2022 decision to sentence X": the decision was taken)
            if not (rule.label == "DENIAL"):
                return "infinitive"
    if head.tag_ == "VB" and not any(c.dep_ in {"aux", "auxpass"} for c in head.children) and head.dep_ == "ROOT":
        return "imperative"
    return ""
