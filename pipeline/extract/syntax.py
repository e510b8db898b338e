"""Parse helpers shared by the rules: clauses, trigger heads, token lookups, name shape."""
from __future__ import annotations

import re

from pipeline.extract.lexicon import DEMONYMS, NAME_PARTICLES


# Dependency labels that open a clause of their own: dates, terms and places
# inside one belong to that clause's verb ("activists who protested ... in May
# 2016" -- May 2016 is the protest's date, not the imprisonment's).
CLAUSE_DEPS = {"ROOT", "relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "pcomp", "parataxis"}


def interleaved(targets, terms, base: int, doc) -> bool:
    """Each target is followed by its own term: "A to four years and B to three years"."""
    if any(t.start < 0 for t in targets):
        return False
    starts = sorted([(doc[t.start].idx, "t") for t in targets] + [(m.start, "d") for m in terms])
    return [k for _, k in starts] == ["t", "d"] * len(targets)


def trigger_head(sp):
    """The token a trigger span hangs on: its first verb, else its first token."""
    for t in sp:
        if t.tag_.startswith("VB"):
            return t
    return sp[0]


def looks_like_person(span) -> bool:
    toks = [t for t in span if not t.is_punct]
    words = [t for t in toks if t.lower_ not in NAME_PARTICLES]   # "Ola al-Qaradawi" -> Ola, Qaradawi
    return 1 <= len(toks) <= 5 and bool(words) and all(is_titlecase(t.text) for t in words) \
        and not any(t.lower_ in DEMONYMS for t in toks)


def is_titlecase(word: str) -> bool:
    """"Bokaev", "Nur-Sultan", "O'Brien", "al-Qaradawi" yes; "MEPs", "DVK", "kazakh" no."""
    word = NAME_PARTICLE.sub("", word)
    parts = re.split(r"[-’']", word)
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts if p) and len(word) > 1


NAME_PARTICLE = re.compile(r"^(?:" + "|".join(sorted(NAME_PARTICLES)) + r")[-’']", re.I)


def name_at(names, tok):
    for t in names:
        if t.start <= tok.i < t.end:
            return t
    return None


def token_at(doc, char: int):
    for t in doc:
        if t.idx <= char < t.idx + len(t.text) or t.idx >= char:
            return t
    return None


def clause_head(tok, trigger_heads):
    """The nearest ancestor (or self) that heads a clause or is a trigger."""
    t = tok
    while True:
        if t.i in trigger_heads or t.dep_ in CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}):
            return t
        if t.head.i == t.i:
            return t
        t = t.head


def clause_ancestors(head, trigger_heads):
    """Clause heads above a trigger, nearest first; stops at a relative clause
    (a relative clause's date is not its antecedent's)."""
    out = []
    t = head
    while t.head.i != t.i:
        if t.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
            break
        t = t.head
        c = clause_head(t, trigger_heads)
        if all(c.i != o.i for o in out):
            out.append(c)
        t = c
    return out


def clause_tokens(head, trigger_heads) -> set:
    """Tokens of the trigger's own clause: its subtree minus embedded clauses
    headed by other verbs (relative clauses, other triggers)."""
    out = set()
    stack = [head]
    while stack:
        t = stack.pop()
        out.add(t)
        for c in t.children:
            if c.i in trigger_heads and c.i != head.i:
                continue
            if c.dep_ in {"relcl", "advcl", "ccomp", "conj", "parataxis"} and c.pos_ in {"VERB", "AUX"}:
                continue
            if c.dep_ == "acl" and c.tag_ in {"VBN", "VBD", "VBG"}:
                continue
            stack.append(c)
    return out


def in_subclause(doc, target, head) -> bool:
    tok = doc[target.start]
    t = tok
    while t.head.i != t.i and t.i != head.i:
        if t.dep_ in {"relcl", "advcl"}:
            return True
        t = t.head
    return False


def misparsed_subject(head) -> list:
    """The subject of a verb the small model read as an adjective: "A court in
    Sumgayit fined journalist X", "A Revolutionary Court in Tehran on Tuesday
    sentenced journalist X" -- the last noun phrase head before it."""
    heads = [t for t in head.doc[:head.i] if t.dep_ in {"nsubj", "nsubjpass", "nmod", "npadvmod"}
             and t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "DATE"]
    return heads[-1:]


def propn_phrase(doc, tok) -> str:
    """A place name with its proper-noun compounds: "Nur-Sultan", "Khujand"."""
    toks = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    toks.sort(key=lambda t: t.i)
    return doc[toks[0].i: toks[-1].i + 1].text.replace("-based", "")
