"""Time slots: the date and the prison terms of a trigger."""
from __future__ import annotations

import re

from pipeline import normalize
from pipeline.extract.lexicon import IMPOSING_VERBS
from pipeline.extract.place import acts_as_verb_of
from pipeline.extract.syntax import clause_ancestors, clause_head, token_at


def find_date(ctx, head, trigger_heads, inherit: bool = True):
    """The date of this trigger: one in its own clause, else in a clause above it."""
    owned = []
    nominal_fallback = None
    for d in ctx.dates:
        if getattr(d, "attributive", False):
            continue
        tok = token_at(ctx.doc, d.start - ctx.sent.start)
        if tok is None:
            continue
        if head.pos_ == "NOUN":
            # "since his arrest in October 2019" yes; "two days after his arrest" is not its date,
            # nor "the release of X, whom authorities had arrested in 2017"
            path = []
            for a in tok.ancestors:
                if a.i == head.i:
                    if not any(p.dep_ in {"relcl", "acl", "advcl"} for p in path):
                        return d
                    break
                path.append(a)
            if head.dep_ in {"dobj", "nsubjpass"} and head.head.pos_ == "VERB" and \
                    clause_head(tok, trigger_heads).i == head.head.i:
                nominal_fallback = nominal_fallback or d   # "On July 3, a court ordered the release of X"
            continue
        owned.append((d, clause_head(tok, trigger_heads)))
    if head.pos_ == "NOUN":
        return nominal_fallback
    mine = [(abs(token_at(ctx.doc, d.start - ctx.sent.start).i - head.i), d) for d, o in owned if o.i == head.i]
    if mine:
        return min(mine, key=lambda p: p[0])[1]   # nearest to the trigger
    if not inherit:
        # "serving a nine-year sentence imposed in 2015": the date of the
        # sentence is the imposing participle's, never the main clause's
        for d, owner in owned:
            if owner.dep_ == "acl" and owner.lemma_ in IMPOSING_VERBS and \
                    any(a.i == head.i for a in owner.ancestors):
                return d
        return None
    if head.dep_ in {"relcl", "advcl"}:
        # "since December 28, 2020, when police detained her": the clause dates itself
        for d, _owner in owned:
            tok = token_at(ctx.doc, d.start - ctx.sent.start)
            if tok is not None and head.head.i in {t.i for t in ctx.doc[tok.i:tok.i + len(d.text.split()) + 1]}:
                return d
    actor = acts_as_verb_of(head)
    ancestors = clause_ancestors(actor, trigger_heads) + [clause_head(actor, trigger_heads)] if actor is not None \
        else clause_ancestors(head, trigger_heads)
    for anc in ancestors:
        theirs = [d for d, owner in owned if owner.i == anc.i]
        if theirs:
            return theirs[0]   # "In May 2018, X ... were released": the fronted date
    for conj in head.children:
        # "was tried and given a six-year sentence on 3 June": coordinated verbs share it
        if conj.dep_ == "conj" and conj.pos_ in {"VERB", "AUX"}:
            theirs = [d for d, owner in owned if owner.i == conj.i]
            if theirs:
                return theirs[0]
    return None


def find_terms(ctx, head, trigger_heads):
    """Prison terms tied to this trigger (same clause, else a clause above)."""
    found = normalize.find_durations(ctx.sent.text)
    if not found:
        return []
    owned = []
    for m in found:
        tok = token_at(ctx.doc, m.start)
        if tok is not None:
            owned.append((m, clause_head(tok, trigger_heads)))
    mine = [m for m, o in owned if o.i == head.i]
    if len(mine) > 1 and "respectively" not in ctx.sent.text:
        # "served six years of a nine-year sentence": the term is the one naming the sentence
        named = [m for m in mine if re.match(r"\s*(?:prison\s+|jail\s+|suspended\s+)?(?:sentence|term)",
                                             ctx.sent.text[m.end:])]
        mine = named or mine
    if mine:
        return mine
    for anc in clause_ancestors(head, trigger_heads):
        mine = [m for m, o in owned if o.i == anc.i]
        if mine:
            return mine
    return []
