"""Target finders: what a token of the parse stands for (a name, an apposition,
a pronoun or plural, a listing, an owner, a group)."""
from __future__ import annotations

from pipeline import normalize
from pipeline.extract.context import Target, target_record
from pipeline.extract.lexicon import (
    APPROXIMATE, GROUPS, HONORIFICS, INSTITUTION_NOUNS, NON_PERSON_NOUNS, ORG_NOUNS, OWNED_THINGS,
    PERSON_SUFFIXES, PLACE_NOUNS, PLURAL_KIN, PLURAL_PRONOUNS, PRONOUNS, QUANTITY_NOUNS, ROLES,
)
from pipeline.extract.names import canonical_target, list_candidates
from pipeline.extract.syntax import name_at
from pipeline.rules import load_words


def last_person_before(ctx, tok) -> str:
    best = ""
    for t in ctx.names:
        if t.kind == "PERSON" and t.end <= tok.i:
            best = ctx.registry.canonical(t.text)
    return best


def expand_target(ctx, tok, rule) -> list[Target]:
    """Targets a token stands for: a name and its conjuncts, or failing that
    (in this order) the person a role noun is in apposition with, a resolved
    pronoun or plural, a counted group, the people a noun lists ("including
    X"), the owner of a verdict ("X's conviction", "the conviction of X"), a group."""
    out: list[Target] = []
    for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]:
        name = name_at(ctx.names, t)
        if name is not None:
            out.append(canonical_target(ctx, name))
            continue
        for finder in (_by_proper_name, _by_apposition, _by_reference, _by_listing,
                       _by_owner):
            found = finder(ctx, t, rule)
            if found:
                out.extend(found)
                if ctx.dump is not None:
                    ctx.dump.add("targets", sent=ctx.sent.start, token=t.text, finder=finder.__name__,
                                   targets=[target_record(x) for x in found])
                break
        else:
            # (a conjunct of a list -- "opposition politicians, lawyers, media figures" -- only by its noun)
            grp = group_target(ctx, t, rule.label in PERSON_EVENTS and t.i == tok.i)
            if grp is not None:
                out.append(grp)
                if ctx.dump is not None:
                    ctx.dump.add("targets", sent=ctx.sent.start, token=t.text, finder="group_target",
                                   targets=[target_record(grp)])
    return out


def _by_proper_name(ctx, t, rule) -> list[Target]:
    """A two-to-four-word proper name the NER missed, as the verb's own argument:
    "sentenced in absentia Nima Karimi and ..." (see list_candidates)."""
    if t.pos_ != "PROPN":
        return []
    for cand in list_candidates(ctx):
        if cand.rule == "name:list" and cand.start <= t.i < cand.end:
            return [canonical_target(ctx, cand, "name:argument")]
    return []


def _names_with_conjuncts(ctx, tok, after: int = -1, kinds=("PERSON",)) -> list[Target]:
    """The name at `tok` and those of its later conjuncts, of the given kinds."""
    out = []
    for t in [tok] + list(tok.conjuncts):
        name = name_at(ctx.names, t)
        if name is not None and name.kind in kinds and (t.i == tok.i or t.i > after):
            out.append(canonical_target(ctx, name))
    return out


def _by_apposition(ctx, t, rule) -> list[Target]:
    """A role noun and its person: "activists Maks Bokaev and Talgat Ayan",
    "X, an activist extradited ...", "journalist X" parsed as a compound of the name.
    Only people: in "Popular Front Party activists X" the party is not the target."""
    # "the opposition movement Free Choice": an organization noun takes an organization
    kinds = ("PERSON", "ORG") if t.lemma_.lower() in ORG_NOUNS else ("PERSON",)
    for c in t.children:
        if c.dep_ in {"appos", "compound"} and name_at(ctx.names, c) is not None:
            found = _names_with_conjuncts(ctx, c, kinds=kinds)
            if found:
                return found
    if t.dep_ in {"appos", "compound"}:
        return _names_with_conjuncts(ctx, t.head, after=t.head.i)
    if t.pos_ == "NOUN":
        # "the Centre's director, Ms. Dina Abdallah", "her co-defendant, cartoonist Emre Kaya":
        # the person written right after the noun, past a comma, a title and role words
        doc = t.doc
        k = t.i + 1
        if people_noun(t) is not None:
            # "released the chairman of the opposition Republican Alternative Party, Ilgar Mammadov":
            # past the noun's own of-phrase (not a place's: "nationals of Niger, Togo") to the comma
            of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == t.i + 1 and
                  not any(g.ent_type_ in {"GPE", "LOC", "NORP"} for g in c.children)]
            while of and k < len(doc) and k - t.i < 12 and doc[k].text != "," and \
                    of[0] in [doc[k]] + list(doc[k].ancestors):
                k += 1
        if k < len(doc) and doc[k].text != "," and t.lemma_.lower() not in ROLES:
            return []
        while k < len(doc) and (doc[k].text == "," or doc[k].lower_.rstrip(".") in HONORIFICS or
                                (doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in ROLES)):
            k += 1
        name = name_at(ctx.names, doc[k]) if k < len(doc) else None
        if name is not None and name.kind == "PERSON" and name.start == k:
            return [canonical_target(ctx, name)]
    return []


def _by_reference(ctx, t, rule) -> list[Target]:
    """A pronoun, a plural that points back, or a bare number ("five were imprisoned")."""
    if t.lower_ in PRONOUNS and t.pos_ == "PRON":
        person = last_person_before(ctx, t)
        if not person and ctx.group_one is not None:
            # "police detained a 31-year-old man ... He was charged": the unnamed one
            return [_pointing(ctx.group_one, t)]
        person = person or ctx.last_person
        return [Target(person, "PERSON", t.i, t.i + 1, rule="coref:pronoun")] if person else []
    team = antecedent_set(ctx, t)
    if team:
        return [Target(n, "PERSON", t.i, t.i + 1, rule="coref:plural") for n in team]
    if t.lower_ in {"they", "them"} and t.pos_ == "PRON":
        # "arrested 18 persons and charged them", "arrested six activists ... released them"
        here = [g for g in (group_target(ctx, w) for w in t.doc[t.sent.start:t.i]
                            if w.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"} and w.tag_ == "NNS") if g is not None]
        if here:
            return [Target(here[-1].text, "GROUP", t.i, t.i + 1, count=here[-1].count, rule="coref:group")]
        if ctx.group_many is not None:
            return [_pointing(ctx.group_many, t)]
    if t.tag_ == "NN" and t.lemma_.lower() in ROLES and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and \
            not any(c.dep_ in {"appos", "prep", "relcl", "acl"} or (c.dep_ == "compound" and c.pos_ == "PROPN")
                    for c in t.children):
        # "convicted Aleksey Navalny ... and sentenced the imprisoned opposition leader"
        person = last_person_before(ctx, t) or ctx.last_person
        return [Target(person, "PERSON", t.i, t.i + 1, rule="coref:definite")] if person else []
    if t.like_num and t.dep_ in {"nsubjpass", "nsubj", "dobj", "conj"} and normalize.parse_count(t.text) \
            and rule.label != "FINE" \
            and t.ent_type_ != "MONEY" and not (t.i > 0 and t.doc[t.i - 1].ent_type_ == "MONEY"):
        # ("fined her EGP 100,000": an amount, not 100,000 people)
        # "Of the twelve, five were imprisoned", "charged all 14 with ..."
        exact = not any(w.lower_ in APPROXIMATE for w in t.subtree) and \
            not (t.i > 0 and t.doc[t.i - 1].lower_ in APPROXIMATE)
        of_group = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj" and g.pos_ == "NOUN"]   # "two of his teammates"
        return [Target((of_group[0].text if of_group else t.text).lower(), "GROUP", t.i, t.i + 1,
                       count=str(normalize.parse_count(t.text)) if exact else "",
                       rule="group:number")]
    return []


def _pointing(group: Target, t) -> Target:
    return Target(group.text, "GROUP", t.i, t.i + 1, count=group.count, rule="coref:group")


def _by_listing(ctx, t, rule) -> list[Target]:
    """"Other relatives, including Elnur Seyidov, were released": the named ones."""
    named = [g for c in t.subtree if c.dep_ == "prep" and c.lower_ == "including"
             for g in c.children if g.dep_ == "pobj"]
    if named and t.pos_ == "NOUN":
        return [x for x in expand_target(ctx, named[0], rule) if x.kind == "PERSON"]
    return []


def _by_owner(ctx, t, rule) -> list[Target]:
    """Whose verdict or outlet it is: "upheld X's conviction", "quashed the conviction
    of X", "blocked the website of the Y Union" -- not the organization a person
    leads ("the chairman of the Z Party") nor what a group is made of."""
    owner = [c for c in t.children if c.dep_ == "poss"]
    if owner and (t.pos_ == "NUM" or (t.pos_ == "NOUN" and (t.lemma_.lower() in OWNED_THINGS or t.lower_ in OWNED_THINGS))):
        # also "fined her EGP 100,000", parsed as her amount; but "arrested her husband"
        # is the husband, not her
        return expand_target(ctx, owner[0], rule)
    if t.pos_ != "NOUN":
        return []
    lemma = t.lemma_.lower()
    if lemma in ROLES or lemma in GROUPS or t.lower_ in GROUPS or t.lower_ in QUANTITY_NOUNS:
        return []
    of_obj = [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "against"} for g in c.children
              if g.dep_ == "pobj"]   # "upheld the four-year sentence against X"
    if of_obj:
        # "upheld the convictions of 23 dervishes": a counted group owns a verdict too
        return [x for x in expand_target(ctx, of_obj[0], rule) if x.kind != "GROUP" or x.count]
    return []


def antecedent_set(ctx, tok) -> list[str]:
    """People a definite plural points back to: "The brothers were arrested",
    "The three had been tried together", "The two teammates detained with him"
    -- the last sentence of the paragraph (or the one before) that named that many."""
    if tok.lower_ in PLURAL_PRONOUNS and tok.pos_ in {"PRON", "DET", "NOUN"}:
        # "The court sentenced each to 12 years": the last people named together in this paragraph
        here = [p for para, p in ctx.earlier_sets if para == ctx.sent.para]
        return here[-1] if here else []
    if not any(c.dep_ == "det" and c.lower_ in {"the", "both"} for c in tok.children):
        return []
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return []   # "the three of them" is fine, "the two of X" names its own set: leave it
    n = normalize.parse_count(tok.text)
    nums = [normalize.parse_count(c.text) for c in tok.children if c.dep_ == "nummod"]
    n = n or (nums[0] if nums and nums[0] else None)
    if not (n or tok.lemma_.lower() in PLURAL_KIN):
        return []
    for _para, people in reversed(ctx.earlier_sets):
        if len(people) >= 2 and (n is None or len(people) == n):
            return people
    return []


# events only people undergo: the object of "arrested", "charged", "convicted" is a person
PERSON_EVENTS = {"ARREST", "CHARGE", "CONVICT", "SENTENCE", "ACQUIT", "TRIAL"}


def group_target(ctx, tok, person_event: bool = False) -> Target | None:
    """A group target: "57 people", "dozens of people", "a man", "43 protesters"."""
    noun = tok
    count = ""
    # "dozens of people", "hundreds of protesters": the head is the quantity word
    if tok.lower_ in QUANTITY_NOUNS:
        pobj = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if not pobj:
            return None
        noun = pobj[0]
    lemma = noun.lemma_.lower()
    single = noun.tag_ == "NN" and any((c.dep_ == "det" and c.lower_ in SINGLE_DETS) or
                                       (c.dep_ == "poss" and c.pos_ == "PRON") for c in noun.children)
    kind = people_noun(noun)
    if kind is None and person_event and noun.tag_ == "NNS" and noun.pos_ == "NOUN" and not noun.ent_type_ \
            and noun.is_alpha and lemma not in NON_PERSON_NOUNS and noun.lower_ not in NON_PERSON_NOUNS \
            and not lemma.endswith("ment") \
            and lemma not in OWNED_THINGS and lemma not in ORG_NOUNS and lemma not in PLACE_NOUNS \
            and lemma not in INSTITUTION_NOUNS:
        kind = "group:person-event"   # "the guards were charged", "six former FMLN guerrillas were arrested"
    if kind is None or (noun.tag_ == "NN" and not single and not (lemma in GROUPS or noun.lower_ in GROUPS)
                        and not any(c.dep_ == "nummod" for c in noun.children)):
        return None   # "a cafe owner", "a 17-year-old boy": an unnamed individual (spec rule 2)
    for c in noun.children:
        if c.i < noun.i and c.dep_ not in {"det", "poss"} and normalize.parse_count(c.text) and c.ent_type_ != "DATE":
            count = str(normalize.parse_count(c.text))   # "57 people", "Twelve other individuals"
            if any(w.lower_ in APPROXIMATE for w in c.subtree) or \
                    (c.i > 0 and noun.doc[c.i - 1].lower_ in APPROXIMATE):
                count = ""   # "at least 700 individuals", "some 40 protesters": not exact
        elif c.dep_ == "nummod" or (c.dep_ in {"amod", "quantmod"} and c.like_num):
            val = normalize.parse_count(c.text)
            if val is not None:
                count = str(val)
        elif ((c.dep_ == "det" and c.lower_ in SINGLE_DETS) or (c.dep_ == "poss" and c.pos_ == "PRON")) \
                and noun.tag_ in {"NN", "NNP"}:
            count = "1"   # "a man", "her husband", "the official", "another perpetrator": one unnamed person
    comp = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    text = noun.doc[comp[0].i if comp else noun.i: noun.i + 1].text
    return Target(text.lower(), "GROUP", noun.i, noun.i + 1, count=count, rule=kind)


SINGLE_DETS = load_words("single_determiners")   # lexicons/single_determiners.jsonl


def people_noun(noun) -> str | None:
    """The rule by which a common noun names people, or None: a group or role noun of the
    vocabularies ("group"), else a person-noun ending ("perpetrators", "an expatriate",
    "police personnel": "group:person-suffix-..."), never a listed non-person noun
    ("order", "committee", "statement"), a -ment noun or a named entity."""
    lemma, low = noun.lemma_.lower(), noun.lower_
    if low in GROUPS or lemma in GROUPS or lemma in ROLES:
        return "group"
    if noun.pos_ != "NOUN" or noun.ent_type_ or low in NON_PERSON_NOUNS or lemma in NON_PERSON_NOUNS \
            or lemma.endswith("ment") or not noun.is_alpha:
        return None
    for suffix, rule_id in PERSON_SUFFIXES:
        if low == suffix or (low.endswith(suffix) and len(low) > len(suffix) + 2):
            return "group:" + rule_id
    return None
