"""Targets of a trigger through the parse: arguments, fallbacks, lists of people."""
from __future__ import annotations

from pipeline.extract.context import Target
from pipeline.extract.finders import expand_target
from pipeline.extract.lexicon import LISTING_PREPOSITIONS
from pipeline.extract.names import canonical_target, list_candidates
from pipeline.extract.place import acts_as_verb_of
from pipeline.extract.syntax import clause_tokens, in_subclause, name_at


# Events whose target can be "against X" anywhere in the clause ("opened a case against X");
# for others only when "against" hangs on the trigger itself -- "pardoned nine defendants in
# the case against the portal" pardons the defendants, not the portal.
AGAINST_TYPES = {"INVESTIGATE", "CHARGE", "ACQUIT", "APPEAL", "TRIAL", "DENIAL"}


def find_targets(ctx, sp, head, rule, trigger_heads) -> list[Target]:
    """The targets of one trigger, through the parse; a pronoun resolves to
    the last person named in the paragraph."""
    doc = ctx.doc
    cands: list = []
    mode = rule.target
    # "In July a revolutionary court sentenced in absentia X": the verb read as a participle
    # modifying the court -- a state body does not get sentenced; read it as the court's action
    actor_misparse = acts_as_verb_of(head) is not None
    prep_object = False   # the trigger has an "against/into/to X" object of its own
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children) or (
        # "was arrested ... and extradited from Kuwait": the second verb shares the passive
        head.dep_ == "conj" and head.tag_ in {"VBN", "VBD"} and
        any(c.dep_ == "auxpass" for c in head.head.children)) or (
        head.tag_ == "VBN" and not actor_misparse and
        not any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "aux" and c.lemma_ == "have") for c in head.children))
    if mode == "subject":
        cands = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not cands and head.dep_ in {"conj", "xcomp", "advcl"}:
            cands = [c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not cands:
            cands = [t for t in clause_tokens(head, trigger_heads) if t.dep_ == "poss"]
        cands = [head.head if (c.lower_ in {"who", "that"} and head.dep_ == "relcl") else c for c in cands]
    elif mode == "of":
        noun = sp[0]
        cands = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        cands += [c for c in noun.children if c.dep_ == "poss"]
    elif mode == "antecedent":
        cands = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    else:
        if head.dep_ in {"acl", "amod"} and head.tag_ in {"VBN", "VBD"} and not actor_misparse:
            cands = [head.head]    # "an activist extradited from Kyrgyzstan"
        elif passive:
            cands = [c for c in head.children if c.dep_ in {"nsubjpass", "nsubj"}]
            h = head
            while not cands and h.dep_ == "conj" and h.head.i != h.i:
                h = h.head   # "X, ..., were released": the subject hangs on the first conjunct
                cands = [c for c in h.children if c.dep_ in {"nsubjpass", "nsubj"}]
        else:
            cands = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
            # "denied parole to Aset Mataev", "opened a case against X"
            for tok in clause_tokens(head, trigger_heads):
                # "denied parole to X", "handed a 10-year term to X", "opened a case against X",
                # "imposed a travel ban on her", "an investigation into X"
                if tok.dep_ == "prep" and tok.lower_ in {"against", "to", "into", "on"} and \
                        (tok.lower_ != "against" or rule.label in AGAINST_TYPES or sp.start <= tok.head.i < sp.end) and \
                        (tok.lower_ != "to" or rule.label in {"DENIAL", "SENTENCE", "FINE"}) and \
                        (tok.lower_ != "into" or rule.label == "INVESTIGATE") and \
                        (tok.lower_ != "on" or rule.label in {"INVESTIGATE", "BAN", "FINE"}):
                    # "an investigation into X" targets X itself, never the owner of what is
                    # investigated ("a preliminary investigation into his allegations")
                    objs = [g for g in tok.children if g.dep_ == "pobj"]
                    prep_object = prep_object or (bool(objs) and tok.lower_ == "into")
                    cands += [g for g in objs if tok.lower_ != "into" or name_at(ctx.names, g) is not None]
            if not cands:
                for x in head.children:   # "refused to register a new confederation"
                    if x.dep_ == "xcomp":
                        cands += [c for c in x.children if c.dep_ == "dobj"]
            if not cands:
                cands = shared_object(head)
        if head.dep_ == "relcl" and any(c.lower_ in {"who", "that", "whom"} for c in head.children
                                        if c.dep_ in {"nsubjpass", "dobj", "nsubj"}):
            cands = [head.head]     # "activists who were detained"
    targets: list[Target] = []
    seen = set()
    if not passive and mode == "object":
        # "released a statement criticizing journalist X": a verb between the trigger
        # and its supposed object means the parse went wrong; X is not the target
        cands = [c for c in cands if c.i < head.i or not any(
            t.tag_ == "VBG" and t.dep_ in {"compound", "acl", "relcl", "xcomp", "advcl"} and not (sp.start <= t.i < sp.end)
            for t in doc[head.i + 1:c.i])]
    for c in cands:
        for tgt in expand_target(ctx, c, rule):
            if (tgt.start, tgt.text) not in seen and tgt.start not in trigger_heads:
                seen.add((tgt.start, tgt.text))
                targets.append(tgt)
    if any(t.kind != "GROUP" for t in targets):
        targets = [t for t in targets if t.kind != "GROUP" or t.count]
    if not targets and passive and mode == "object":
        # Fallback: the last name before a passive trigger ("Yerimbetov was sentenced").
        prev = [t for t in ctx.names if t.end <= sp.start and not in_subclause(doc, t, head)
                and (doc[t.start:t.end].root.dep_ in {"nsubj", "nsubjpass", "conj", "appos", "ROOT"}
                     # "including X, ..., having been charged": the person the list names
                     or doc[t.start:t.end].root.head.lower_ in LISTING_PREPOSITIONS)]
        if prev:
            # "Aleksei Voronin, editor of the news site Severny Vestnik, was fined": the subject,
            # not the last name of its apposition
            subjects = [t for t in prev if doc[t.start:t.end].root.dep_ in {"nsubj", "nsubjpass"}]
            targets.append(canonical_target(ctx, (subjects or prev)[-1], "fallback:before"))
    has_object = prep_object or any(c.dep_ in {"dobj", "dative"} and not (sp.start <= c.i < sp.end)
                                    for c in head.children)
    if not targets and mode in {"object", "against"} and not passive and not has_object:
        # (a verb with an object that is no name -- "released a statement" -- has no person target)
        # Fallback: the first name after the trigger, before any other trigger.
        nxt = min([h for h in trigger_heads if h > head.i] + [len(doc)])
        for t in ctx.names:   # "found [human rights defender X] guilty": inside the trigger span too
            if head.i < t.start < nxt and not in_subclause(doc, t, head):
                targets.append(canonical_target(ctx, t, "fallback:after"))
                break
    if not targets and mode == "antecedent" and ctx.last_person:
        targets.append(Target(ctx.last_person, "PERSON", -1, -1, rule="coref:paragraph"))
    return extend_list(ctx, targets)


def shared_object(head) -> list:
    """Coordinated verbs share the object written after the last of them: "Police arrested
    and charged the perpetrators", "convicted and sentenced to prison six other individuals",
    "tried, convicted, and sentenced the eight" -- the object of the nearest later verb of
    the coordination, when this verb has none of its own."""
    if any(c.dep_ in {"dobj", "dative", "ccomp", "xcomp"} for c in head.children):
        return []
    later = sorted((c for c in head.conjuncts if c.i > head.i and c.pos_ == "VERB"), key=lambda c: c.i)
    for verb in later:
        if any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in verb.children):
            return []   # a clause of its own: "arrested X and the court charged Y"
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs:
            return objs
    return []


def extend_list(ctx, targets: list[Target]) -> list[Target]:
    """Add the rest of a list of people the parse broke: "convicted in absentia
    A, B, C, D, and E", "leader A, deputy head of the Cabinet B, and C". A name
    joins when only commas, "and" and descriptive words separate it from the
    previous one -- no verb, dash or bracket, and not "of X" / "X's"."""
    people = [t for t in targets if t.kind == "PERSON" and t.start >= 0]
    if not people:
        return targets
    doc = ctx.doc
    last = max(people, key=lambda t: t.end)
    have = {t.start for t in targets}
    out = list(targets)
    for name in list_candidates(ctx):
        if name.kind != "PERSON" or name.start < last.end or name.start in have:
            continue
        gap = doc[last.end:name.start]
        if len(gap) > 12 or not any(t.text in {",", "and"} for t in gap):
            break
        if any(t.pos_ in {"VERB", "AUX"} or t.text in {"\u2013", "\u2014", "-", "(", ";", ":"} or
               t.lower_ in {"who", "which", "whom", "whose", "while", "but"} for t in gap):
            break
        if gap[-1].lower_ in {"'s", "\u2019s"} or gap[-1].pos_ == "ADP":
            break   # "the brother of Y", "in Kuwait City": not the next person of a list
        if gap[0].text == "," and len(gap) > 1 and gap[1].pos_ in {"DET", "PRON"}:
            break   # "X, the brother-in-law of party chairman Y": an apposition, not a list
        if name.rule == "name:list" and not all(t.text in {",", "and"} for t in gap):
            break   # a name the NER did not see joins only a bare list ("X, editor of the site Y Vestnik")
        out.append(canonical_target(ctx, name, "list"))
        have.add(name.start)
        last = name
    # ... and backwards: "sentenced in absentia A and B" parsed with only B as the object
    first = min(people, key=lambda t: t.start)
    for name in reversed(list_candidates(ctx)):
        if name.kind != "PERSON" or name.end > first.start or name.start in have:
            continue
        gap = doc[name.end:first.start]
        if not gap or len(gap) > 3 or not all(t.text in {",", "and"} for t in gap):
            break
        out.append(canonical_target(ctx, name, "list"))
        have.add(name.start)
        first = name
    return out
