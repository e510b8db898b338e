"""Names in a sentence: spaCy entities corrected for this domain, roles, known people."""
from __future__ import annotations

import re

from pipeline.extract.context import Target
from pipeline.extract.lexicon import (
    BODY_WORDS, COUNTRIES, DEMONYMS, HONORIFICS, LAW_WORDS, MONTHS, ORG_NOUNS, ORG_WORDS, PLACE_PREPOSITIONS,
    ROLES, STATE_WORDS,
)
from pipeline.extract.syntax import is_titlecase, looks_like_person
from pipeline.rules import alternation, load_words_ordered


# A web address in a name: "Ratel.kz" (lexicons/web_domains.jsonl).
_WEB_ADDRESS = re.compile(r"\w\.(?:" + alternation(load_words_ordered("web_domains")) + r")\b")


def find_names(doc) -> list[Target]:
    """People and organizations named in a sentence, with their roles.

    spaCy's PERSON entities are corrected for this domain: the small model
    tags some Central Asian names as ORG ("Talgat Ayan") and demonyms as
    PERSON ("Kazakh"); a role noun ("activist X", "X, a blogger") or a
    conjunction with a person decides.
    """
    out: list[Target] = []
    taken: set[int] = set()
    for ent in doc.ents:
        toks = [t for t in ent if not (t.is_punct or t.tag_ == "POS" or t.lower_ in {"the", "a", "an"}
                                       or t.lower_.rstrip(".") in HONORIFICS)]
        while ent.label_ == "PERSON" and len(toks) > 2 and toks[0].lower_ in COUNTRIES:
            toks = toks[1:]   # "Uyghur Ayshemhan Abdulla": the people, then the person
        if not toks:
            continue
        start, end = toks[0].i, toks[-1].i + 1
        span = doc[start:end]
        words = [t.lower_ for t in span]
        if ent.label_ == "PERSON":
            if (len(span) == 1 and (words[0] in DEMONYMS or span.start == 0)) or not looks_like_person(span):
                continue
            if any(w in COUNTRIES for w in words):
                # "Forbes Kazakhstan": a country in a "name" makes it an outlet or body
                out.append(Target(span.text, "ORG", start, end, rule="ner:PERSON-country"))
                taken.update(range(start, end))
                continue
            if len(span) == 1 and span.root.head.lower_ in PLACE_PREPOSITIONS:
                continue   # "at his home in Giza": a place the model took for a name
            if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based":
                continue   # "the Ganja-based Centre": a place
            if start > 0 and doc[start - 1].lemma_.lower() in ORG_NOUNS:
                # "the news site Severny Vestnik", "the newspaper Novaya Gazeta": the outlet's name
                out.append(Target(span.text, "ORG", start, end, rule="ner:PERSON-after-org-noun"))
                taken.update(range(start, end))
                continue
            if any(w in ORG_WORDS or w in STATE_WORDS for w in words) and len(span) > 2:
                kind = "ORG"
            else:
                kind = "PERSON"
        elif ent.label_ in {"ORG", "GPE", "NORP", "WORK_OF_ART", "FAC", "PRODUCT", "LOC"}:
            if all(w in DEMONYMS for w in words):
                continue
            if end < len(doc) and doc[end].like_num:
                continue   # "fined her EGP 100,000": a currency, not an organization
            if ent.label_ in {"GPE", "LOC"} and not bool(role_of(span)):
                continue
            if looks_like_person(span) and bool(role_of(span)) \
                    and not any(w in ORG_WORDS or w in STATE_WORDS or w in MONTHS for w in words):
                kind = "PERSON"
            elif ent.label_ == "ORG" and org_then_person(span, out, taken):
                continue
            elif ent.label_ == "ORG" and not any(w in STATE_WORDS or w in LAW_WORDS for w in words):
                kind = "ORG"
            else:
                continue
        else:
            continue
        out.append(Target(span.text, kind, start, end, role=role_of(span), rule=f"ner:{ent.label_}"))
        taken.update(range(start, end))
    # Proper-noun runs the NER missed, in a role context: "activist Ardak Ashim".
    i = 0
    while i < len(doc):
        t = doc[i]
        if t.i in taken or t.pos_ != "PROPN" or not t.text[:1].isupper():
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].i not in taken:
            j += 1
        span = doc[i:j]
        prev = doc[i - 1] if i > 0 else None
        root = span.root
        conj_person = root.dep_ == "conj" and root.head.ent_type_ == "PERSON"
        if looks_like_person(span) and (bool(role_of(span)) or conj_person) and \
                not any(w.lower_ in MONTHS or w.lower_ in ORG_WORDS for w in span):
            # "activist Ardak Ashim"; "Timur Bekov and Aidos Kassym" (a conjunct of a person)
            out.append(Target(span.text, "PERSON", i, j, role=role_of(span),
                              rule="name:role" if not conj_person else "name:conj"))
        elif prev is not None and prev.lemma_.lower() in ORG_NOUNS:
            # "the opposition movement Free Choice of Kazakhstan": a name after an organization noun
            while j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].pos_ == "PROPN":
                j += 2
                while j < len(doc) and doc[j].pos_ == "PROPN":
                    j += 1
            out.append(Target(doc[i:j].text, "ORG", i, j, rule="name:org-noun"))
        elif _WEB_ADDRESS.search(span.text):
            out.append(Target(span.text, "ORG", i, j, rule="name:domain"))
        i = j
    # A conjunct of a person is a person: "activists Maks Bokaev and Talgat Ayan".
    by_tok = {k: t for t in out for k in range(t.start, t.end)}
    for t in out:
        if t.kind == "ORG" and looks_like_person(doc[t.start:t.end]) and \
                not any(w.lower_ in ORG_WORDS or w.lower_ in STATE_WORDS for w in doc[t.start:t.end]):
            root = doc[t.start:t.end].root
            other = by_tok.get(root.head.i) if root.dep_ == "conj" else None
            if other is None:
                other = next((by_tok.get(c.i) for c in root.children if c.dep_ == "conj" and c.i in by_tok), None)
            if other is not None and other.kind == "PERSON":
                t.kind, t.rule = "PERSON", "name:conj"
                t.role = t.role or other.role
    return sorted(out, key=lambda t: t.start)


def org_then_person(span, out, taken) -> bool:
    """"deputy head of the United Transitional Cabinet Pavel Latushka": the NER ran an
    organization and a person together; split them when a name follows the body's noun."""
    words = [t.lower_ for t in span]
    body = [k for k, w in enumerate(words) if w in ORG_WORDS or w in STATE_WORDS or w in BODY_WORDS]
    if not body or body[-1] >= len(span) - 2:
        return False
    tail = span[body[-1] + 1:]
    if not (2 <= len(tail) <= 3 and looks_like_person(tail)):
        return False
    head = span[:body[-1] + 1]
    out.append(Target(head.text, "ORG", head.start, head.end, rule="ner:ORG-split"))
    out.append(Target(tail.text, "PERSON", tail.start, tail.end, role=role_of(span), rule="ner:ORG-split"))
    taken.update(range(span.start, span.end))
    return True


def role_of(span) -> str:
    """The role noun next to a name: "activist X", "X, an activist", "journalist X"."""
    root = span.root
    doc = span.doc
    # compound or nmod before the name inside the same phrase: "activist Serikjan Bilash"
    k = span.start - 1
    while k >= 0 and (doc[k].dep_ in {"compound", "amod", "nmod"} or doc[k].pos_ in {"NOUN", "ADJ"}):
        if doc[k].lemma_.lower() in ROLES or doc[k].lower_ in ROLES:
            return doc[k].lemma_.lower()
        if doc[k].pos_ not in {"NOUN", "ADJ", "PROPN"} and doc[k].text != "-":
            break
        k -= 1
        if span.start - k > 5:
            break
    for c in root.children:
        if c.dep_ == "appos" and (c.lemma_.lower() in ROLES):
            return c.lemma_.lower()
    if root.dep_ == "appos" and root.head.lemma_.lower() in ROLES:
        return root.head.lemma_.lower()
    if root.head.dep_ == "appos" and root.head.lemma_.lower() in ROLES and root.dep_ == "conj":
        return root.head.lemma_.lower()
    return ""


def mark_known_people(doc, names, registry) -> None:
    """Mark names (and bare proper nouns) that the registry knows as people."""
    known = {k for t in names for k in range(t.start, t.end)}
    for t in names:
        if t.kind == "ORG" and registry.canonical(t.text) != t.text:
            t.kind, t.rule = "PERSON", "name:known"
    for tok in doc:
        if tok.i not in known and tok.pos_ == "PROPN" and is_titlecase(tok.text) and \
                registry.canonical(tok.text, strict=True) != tok.text:
            names.append(Target(tok.text, "PERSON", tok.i, tok.i + 1, rule="name:known"))
    names.sort(key=lambda t: t.start)


def person_regex(registry):
    names = set()
    for canon in registry.people():
        names.add(canon)
        names |= registry.aliases(canon)
        parts = canon.split()
        if len(parts) > 1:
            names.add(parts[-1])
    names = sorted((n for n in names if n and len(n) > 2), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


def canonical_target(ctx, t: Target, rule: str = "") -> Target:
    if t.kind == "PERSON":
        return Target(ctx.registry.canonical(t.text), "PERSON", t.start, t.end, role=t.role, rule=rule or t.rule)
    return Target(t.text, t.kind, t.start, t.end, role=t.role, rule=rule or t.rule)


def list_candidates(ctx) -> list[Target]:
    """People named in the sentence, plus two-to-four-word proper-name runs the NER
    missed ("... Agil Maharramli to four years and Babek Hasanov to three years")."""
    doc = ctx.doc
    taken = {k for t in ctx.names for k in range(t.start, t.end)}
    extra = []
    i = 0
    while i < len(doc):
        if i in taken or doc[i].pos_ != "PROPN":
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in taken:
            j += 1
        span = doc[i:j]
        if 2 <= len(span) <= 4 and looks_like_person(span) and \
                not any(w.ent_type_ in {"LOC", "DATE", "NORP"} or w.lower_ in ORG_WORDS or
                        w.lower_ in STATE_WORDS or w.lower_ in MONTHS or w.lower_ in COUNTRIES for w in span):
            extra.append(Target(span.text, "PERSON", i, j, rule="name:list"))
        i = j
    return sorted([t for t in ctx.names if t.kind == "PERSON"] + extra, key=lambda t: t.start)
