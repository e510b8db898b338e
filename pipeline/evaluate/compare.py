"""Comparison rules of spec section 6: target names, acronyms, slots, evidence, matching."""
from __future__ import annotations

import difflib
import re

from pipeline.evaluate.model import ARTICLE_NUMBER, EventRow, SIMILARITY, SLOT_COLUMNS, STOPWORDS
from pipeline.normalize import fold


def _tokens(name: str) -> list[str]:
    return fold(name).split()


def is_acronym(short: str, long: str) -> bool:
    """True when `short` is one token (or dotted letters, "D.V.K.") equal to the
    first letters of the tokens of `long`, counted with or without stopwords."""
    st, lt = _tokens(short), _tokens(long)
    if len(st) == 1:
        letters = st[0]
    elif st and all(len(t) == 1 for t in st):
        letters = "".join(st)
    else:
        return False
    if len(letters) < 2 or len(lt) < 2:
        return False
    initials = {"".join(t[0] for t in lt), "".join(t[0] for t in lt if t not in STOPWORDS)}
    return letters in initials


def _assign(short: list[str], long: list[str]) -> bool:
    """Every token of `short` gets a distinct similar token of `long` (bipartite matching)."""
    ok = [[j for j, b in enumerate(long) if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY]
          for a in short]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in ok[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(short)))


def names_match(a: str, b: str) -> bool:
    """Spec 6 name rule: every token of the shorter folded name is similar (>= 0.8) to a
    distinct token of the longer one, or one name is the acronym of the other."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if is_acronym(a, b) or is_acronym(b, a):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return _assign(short, long)


def _count(value: str) -> str:
    return str(int(value)) if value.isdigit() else fold(value)


def targets_match(pred: EventRow, gold: EventRow) -> bool:
    """Spec 6 target rule. GROUP only matches GROUP (counts equal where both are
    given); PERSON and ORG match each other by name."""
    pg, gg = pred.target_type == "GROUP", gold.target_type == "GROUP"
    if pg or gg:
        if not (pg and gg):
            return False
        if pred.target_count and gold.target_count:
            return _count(pred.target_count) == _count(gold.target_count)
        return True
    return names_match(pred.target, gold.target)


def article_numbers(value: str) -> frozenset[str]:
    """The set of article numbers in a raw charge_article value:
    "Criminal Code Article 174; Criminal Code Article 274" -> {"174", "274"}."""
    return frozenset(ARTICLE_NUMBER.findall(re.sub(r"\s+\(", "(", value or "")))


def _contains(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def slot_equal(column: str, pred: str, gold: str) -> bool:
    """Whether two non-empty values of a slot column count as the same (spec 6)."""
    if column == "date":
        return pred.strip() == gold.strip()
    if column == "charge_article":
        pa, ga = article_numbers(pred), article_numbers(gold)
        if pa or ga:
            return pa == ga
    fp, fg = fold(pred), fold(gold)
    if column in ("charge", "location"):
        return fp == fg or _contains(fp, fg) or _contains(fg, fp)
    return fp == fg


def evidence_overlaps(pred: EventRow, gold: EventRow) -> bool:
    """Character spans intersect, or one folded evidence contains the other."""
    for ps, pe in pred.spans:
        for gs, ge in gold.spans:
            if ps < ge and gs < pe:
                return True
    fp, fg = pred.folded_evidence, gold.folded_evidence
    return bool(fp and fg) and (fg in fp or fp in fg)


def _equal_slots(pred: EventRow, gold: EventRow) -> int:
    return sum(1 for c in SLOT_COLUMNS
               if pred.slots[c] and gold.slots[c] and slot_equal(c, pred.slots[c], gold.slots[c]))


def match_events(gold: list[EventRow], pred: list[EventRow]) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, predicted index) pairs.

    Candidates (same doc_id and event_type, matching targets) are taken best first
    by (evidence overlap, number of equal slots, target similarity), ties broken by
    gold row order, then prediction row order."""
    ranked = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.doc_id != g.doc_id or p.event_type != g.event_type or not targets_match(p, g):
                continue
            sim = difflib.SequenceMatcher(None, fold(p.target), fold(g.target)).ratio()
            ranked.append((not evidence_overlaps(p, g), -_equal_slots(p, g), -sim, gi, pi))
    ranked.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in ranked:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)
