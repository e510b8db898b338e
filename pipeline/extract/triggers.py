"""Non-event reasons: whether a trigger reports a real, specific action (not a
recommendation, negation, modal, irrealis, conditional, generic statement or
bare status). The words and reach of each check are context rules
(patterns/context.jsonl, see context_rules.py); the order of the checks is here.
Each check returns the rule that rejects the trigger, None when none does."""
from __future__ import annotations

from pipeline.extract.context_rules import CONTEXT, ContextRule


_R = CONTEXT


def is_recommendation(sent, doc) -> ContextRule | None:
    """A recommendation or call to action: in a Recommendations section, an
    imperative bullet ("Release X"), or "calls on the authorities to release"."""
    r = _R["ctx-recommendation-section"]
    if any(w in sent.section for w in r.words):
        return r
    r = _R["ctx-recommendation-imperative"]
    first = next((t for t in doc if not t.is_punct and not t.is_space and t.text not in r.words), None)
    if first is not None and first.tag_ in r.tags and first.dep_ in r.deps:
        return r
    return None


def _on_trigger(head) -> ContextRule | None:
    """Cues on the trigger itself and its children."""
    doc = head.doc
    neg, nsubj, modal, remain = (_R["ctx-negated-neg"], _R["ctx-negated-subject"], _R["ctx-modal-aux"],
                                 _R["ctx-status-remain-aux"])
    # negation: "no one was charged", "did not release", "never tried"
    for c in head.children:
        if c.dep_ in neg.deps:
            return neg
        if c.dep_ in nsubj.deps and " ".join(w.lower_ for w in c.subtree) in nsubj.words:
            return nsubj
        if c.dep_ in modal.deps and c.lower_ in modal.words:
            return modal
        if c.dep_ in remain.deps and c.lower_ in remain.words:
            return remain   # "X remained arbitrarily detained"
    # bare status adjective: "the banned Salafiya movement", "an imprisoned journalist"
    r = _R["ctx-status-attributive"]
    if head.dep_ in r.deps and head.tag_ in r.tags:
        # "in mid-2016 jailed activists" / "a court in Sumgayit fined journalist X" are verbs the
        # small model read as adjectives; "the banned movement", "assisting detained protesters" are not
        prev = doc[head.i - 1] if head.i > 0 else None
        if prev is None or not (prev.pos_ in {"NOUN", "PROPN"} or prev.ent_type_ == "DATE"):
            return r
    # status after a copula-like verb: "they remain banned from trade union activities"
    r = _R["ctx-status-copula"]
    if head.head.lemma_ in r.lemmas and head.head.i < head.i and head.dep_ != "conj":
        return r
    # generic present: "Police break up protests and arbitrarily detain organizers"
    r = _R["ctx-generic-present"]
    if head.tag_ in r.tags:
        return r
    r = _R["ctx-generic-aux"]
    auxes = [c for c in head.children if c.dep_ in r.deps]
    if head.tag_ != "VBG" and any(a.tag_ in r.tags and a.lemma_ != "have" for a in auxes) and \
            not any(a.lemma_ == "have" for a in auxes) and \
            not any(a.lemma_ == "be" and a.tag_ in r.tags and c.lower_ == "being" for a in auxes for c in head.children):
        return r
    return None


def _on_governors(head, rule) -> ContextRule | None:
    """Infinitive or complement under a verb of wanting, threatening, failing ...:
    cues on the verbs above the trigger, up to max_hops, stopping at a root or a
    relative clause ("continued to harass X, who was arrested in May": the relative
    clause stands alone)."""
    irrealis, cond, modal, neg, generic = (_R["ctx-irrealis-governor"], _R["ctx-conditional-mark"],
                                           _R["ctx-modal-governor"], _R["ctx-negated-governor"],
                                           _R["ctx-generic-governor"])
    t = head
    hops = 0
    while t.head.i != t.i and hops < irrealis.max_hops:
        hops += 1
        dep = t.dep_
        gov = t.head
        if dep in {"xcomp", "ccomp", "advcl", "pcomp", "acl", "conj", "relcl", "prep", "pobj", "dobj"}:
            if gov.lemma_.lower() in irrealis.words and dep in irrealis.deps:
                if not (rule.label == "DENIAL" and gov.lemma_ in {"refuse", "deny"}):
                    return irrealis
            if any(c.dep_ in cond.deps and c.lower_ in cond.words for c in t.children):
                return cond
            if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in modal.words for c in gov.children) and dep in modal.deps:
                return modal
            if any(c.dep_ == "neg" for c in gov.children) and dep in neg.deps:
                return neg
            if gov.tag_ in generic.tags and dep in generic.deps:
                return generic
        if dep in {"ROOT", "relcl"}:
            break
        t = gov
    return None


def non_event(head, sp, rule) -> ContextRule | None:
    """The context rule by which this trigger is not a real, specific event (None if it is)."""
    found = _on_trigger(head) or _on_governors(head, rule)
    if found:
        return found
    r = _R["ctx-conditional-trigger"]
    if any(c.dep_ in r.deps and c.lower_ in r.words for c in head.children):
        return r
    # infinitive: only the action itself when a body decided it ("ruled to excuse her")
    r = _R["ctx-irrealis-infinitive"]
    if head.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        gov = head.head
        if not ((gov.lemma_.lower() in r.words and gov.tag_ in r.tags) or gov.lemma_.lower() in r.lemmas):
            # ("upheld the December 2022 decision to sentence X": the decision was taken)
            if not (rule.label == "DENIAL"):
                return r
    r = _R["ctx-recommendation-trigger-imperative"]
    if head.tag_ in r.tags and not any(c.dep_ in {"aux", "auxpass"} for c in head.children) and head.dep_ in r.deps:
        return r
    return None
