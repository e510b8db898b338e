"""Place and agent: where an event took place and which state body acted."""
from __future__ import annotations

from pipeline.extract.lexicon import (
    AGENTS, INSTITUTION_NOUNS, MONTHS, NAME_PARTICLES, NON_STATE_AGENTS, PLACE_NOUNS, ROLES, SEAT_HEADS,
    SEAT_STOP, STATE_WORDS, WEEKDAYS,
)
from pipeline.extract.syntax import clause_tokens, is_titlecase, misparsed_subject, propn_phrase


def place_of_prep(doc, prep, names) -> str:
    """The place an "in"/"at" phrase names: "in Pavlodar", "in the northwestern city of
    Tabriz", "authorities in the eastern Turkish city of Van"."""
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        if g.pos_ == "PROPN" and g.i not in names and g.lower_ not in MONTHS and g.lower_ not in WEEKDAYS \
                and not g.text.isdigit():
            return propn_phrase(doc, g)
        if g.lemma_.lower() in PLACE_NOUNS:
            for c in g.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.pos_ == "PROPN" and p.i not in names:
                            return propn_phrase(doc, p)
    return ""


def seat_of(doc, noun, names) -> str:
    """The place in a body's name: "the Khujand City Court" -> Khujand, "Minsk
    police" -> Minsk, "the People's Court of Dong Thap province" -> Dong Thap."""
    head_words = SEAT_HEADS
    if noun.lemma_.lower() not in head_words and noun.lower_ not in head_words:
        if not any(t.lemma_.lower() in head_words for t in noun.subtree if t.i <= noun.i):
            return ""
    for prep in noun.children:   # "the State Security Emergency Court in Aswan": the "in" place wins
        if prep.dep_ == "prep" and prep.lower_ == "in":
            place = place_of_prep(doc, prep, names)
            if place:
                return place
    span = [t for t in noun.subtree if t.dep_ != "relcl" and not (t.dep_ == "prep" and t.lower_ == "in")]
    run = []
    for t in sorted(span, key=lambda t: t.i):
        if t.i > noun.i + 6:
            break
        place_word = t.pos_ == "PROPN" and any(ch.isalpha() for ch in t.text) and is_titlecase(t.text) \
            and t.lower_ not in SEAT_STOP and t.i not in names and t.lower_ not in MONTHS and t.lower_ not in WEEKDAYS
        if place_word or (run and t.lower_ in NAME_PARTICLES):   # "Gorno-Badakhshan", "Borg al-Arab"
            if run and t.i != run[-1].i + 1 and not (doc[t.i - 1].text == "-" and run[-1].i == t.i - 2):
                break
            run.append(t)
        elif run and t.text != "-":
            break
    if not run:
        return ""
    return doc[run[0].i: run[-1].i + 1].text


def acts_as_verb_of(head):
    """The state body a participle really belongs to when the small model read
    "a court sentenced X" as "a court [sentenced X]" (acl/amod): the court, else None."""
    if head.dep_ in {"acl", "amod"} and (head.head.lemma_.lower() in AGENTS or head.head.lower_ in STATE_WORDS):
        return head.head
    return None


def actors(head, deps: set[str]) -> list:
    """Who acts: the trigger's own subject (children with `deps`), else the state body
    a misread participle belongs to ("In July a revolutionary court sentenced ..."),
    else the noun phrase before a verb read as an adjective."""
    subj = [c for c in head.children if c.dep_ in deps]
    if not subj and acts_as_verb_of(head) is not None:
        subj = [head.head]
    if not subj and head.dep_ in {"amod", "compound"}:
        subj = misparsed_subject(head)
    return subj


def find_location(ctx, head, sp, etype) -> str:
    """Where the event took place: a court's or agency's seat ("the Khujand
    City Court", "an Almaty court"), or "in X" in the trigger's clause."""
    doc = ctx.doc
    toks = clause_tokens(head, set())
    subj = actors(head, {"nsubj", "agent"})
    for s in subj:
        toks |= set(s.subtree)
    if head.dep_ == "conj" and not subj:
        for s in head.head.children:
            if s.dep_ == "nsubj":
                toks |= set(s.subtree)
    # names of people (not single words the NER guessed at) are never places
    names = {k for t in ctx.names if t.kind == "PERSON" and t.end - t.start > 1 for k in range(t.start, t.end)}
    for s in subj + ([c for c in head.head.children if c.dep_ == "nsubj"] if head.dep_ == "conj" and not subj else []):
        seat = seat_of(doc, s, names)   # "the Khujand City Court", "Minsk police", "the Hanoi People's Court"
        if seat:
            return seat
    destination = ""
    if etype == "TRANSFER":
        # "transferred from Tora Prison in Cairo to the Wadi al-Natrun prison complex": the destination;
        # "to Los Colonos Prison in Isla de la Juventud": the place the prison is in
        for t in sorted(toks, key=lambda t: t.i):
            if t.dep_ == "prep" and t.lower_ == "to":
                for p in t.subtree:
                    if p.dep_ == "prep" and p.lower_ == "in":
                        place = place_of_prep(doc, p, names)
                        if place:
                            return place
                for g in t.subtree:
                    if g.pos_ == "PROPN" and g.i not in names and g.lower_ not in SEAT_STOP and not destination:
                        destination = propn_phrase(doc, g)
        # "from Tora Prison in Cairo to the Wadi al-Natrun complex": a place before the
        # destination is where they left; one after it is where the destination is
        to_at = min((t.i for t in toks if t.dep_ == "prep" and t.lower_ == "to"), default=None)
        if destination and to_at is not None:
            after = [t for t in sorted(toks, key=lambda t: t.i) if t.dep_ == "prep" and t.lower_ == "in" and t.i > to_at]
            for t in after:
                place = place_of_prep(doc, t, names)
                if place:
                    return place
            return destination
    for t in sorted(toks, key=lambda t: t.i):
        if t.dep_ == "prep" and t.lower_ in {"in", "at"}:
            if t.head.lemma_.lower() in ROLES or t.head.i in names:
                continue   # "a former chief of the directorate in Bukhara": who the person is, not where
            place = place_of_prep(doc, t, names)
            if place:
                return place
            for g in t.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN":   # "at Dushanbe airport", "at the Dushanbe City Court"
                    seat = seat_of(doc, g, names)
                    if seat:
                        return seat
                if g.dep_ == "pobj" and g.lemma_.lower() in INSTITUTION_NOUNS:
                    for gg in g.children:
                        if gg.dep_ == "prep" and gg.lower_ == "in":
                            for ggg in gg.children:
                                if ggg.pos_ == "PROPN":
                                    return propn_phrase(doc, ggg)
        if etype == "EXTRADITE" and t.dep_ == "prep" and t.lower_ == "from":
            for g in t.children:
                if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.i not in names:
                    return propn_phrase(doc, g)
    return destination


def find_agent(ctx, head) -> tuple[str, bool]:
    """The acting state body as written, lowercase ("police", "court",
    "almaty city prosecutor's office"); (agent, False) when the actor is
    plainly not a state body ("militants detained ...")."""
    subj = actors(head, {"nsubj"})
    if not subj:
        for c in head.children:
            if c.dep_ == "agent":
                subj = [g for g in c.children if g.dep_ == "pobj"]
    h = head
    while not subj and h.dep_ in {"conj", "xcomp"} and h.head.i != h.i:
        h = h.head
        subj = [c for c in h.children if c.dep_ == "nsubj"]
    if not subj:
        return "", True
    s = subj[0]
    if s.lower_ in NON_STATE_AGENTS or s.lemma_.lower() in NON_STATE_AGENTS:
        return "", False
    if s.pos_ == "PRON" and s.lower_ not in {"they"}:
        return "", True
    words = [t for t in s.subtree if t.i <= s.i and t.dep_ not in {"det", "punct", "advmod"}]
    words = [t for t in words if not (t.dep_ == "prep" or t.head.dep_ == "prep")]
    # "the Ministry of Justice": keep the of-phrase of a named body
    tail = [t for t in s.subtree if t.i > s.i and t.head.i >= s.i and s.pos_ == "PROPN"
            and t.dep_ in {"prep", "pobj", "compound"} and t.i < s.i + 4]
    text = " ".join(t.text for t in sorted(words + tail, key=lambda t: t.i))
    text = text.replace(" 's", "'s").replace(" \u2019s", "\u2019s").lower().strip()
    if any(w in AGENTS or w in STATE_WORDS for w in text.split()) or text in AGENTS \
            or s.ent_type_ in {"GPE", "ORG", "NORP"} or s.lemma_.lower() in AGENTS:
        return text, True
    return "", True
