"""The event layer: from parsed sentences and their triggers to Event rows.

For every trigger span (patterns/triggers.jsonl) it decides whether the
sentence reports a real, specific action (not a recommendation, hypothesis,
generic statement, negation or bare status), finds the targets through the
dependency parse, and fills the slots (date, term, charge, article, measure,
location, agent) from the trigger's own clause first, then the clauses above
it. Mentions of the same event in one document are merged (spec rule 3).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipeline import normalize, stages
from pipeline.rules import VOCAB_DIR, load_lexicon
from pipeline.schema import Event

# Dependency labels that open a clause of their own: dates, terms and places
# inside one belong to that clause's verb ("activists who protested ... in May
# 2016" -- May 2016 is the protest's date, not the imprisonment's).
CLAUSE_DEPS = {"ROOT", "relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "pcomp", "parataxis"}
MODALS = {"could", "may", "might", "would", "will", "can", "should", "must", "shall", "'ll", "wo", "ca"}
# Verbs whose complement is not (yet) a real action: "faces up to 10 years",
# "threatened to arrest", "risks being deported", "urged the authorities to release".
IRREALIS_GOVERNORS = {
    "face", "risk", "threaten", "fear", "seek", "attempt", "try", "want", "plan", "intend", "propose",
    "allow", "permit", "enable", "authorize", "urge", "call", "demand", "recommend", "ask",
    "continue", "fail", "refuse", "need", "aim", "hope", "expect", "vow", "promise", "pledge", "would",
    "consider", "push", "press", "lobby", "campaign", "use", "prevent", "stop", "avoid",
}
# Past-tense decisions whose infinitive complement is the action itself:
# "a court ruled to excuse her from criminal liability".
DECISION_GOVERNORS = {"rule", "decide", "vote", "order", "agree", "move", "proceed", "resolve"}
APPROXIMATE = {"least", "most", "more", "over", "about", "nearly", "approximately", "some", "around", "almost",
               "roughly", "estimated", "than", "up", "several", "dozens", "hundreds", "thousands"}
# Nouns that count a group: "dozens of people", "a number of activists".
QUANTITY_NOUNS = {"dozens", "hundreds", "thousands", "scores", "tens", "number", "group", "groups"}
# Definite plurals that point back to people just named: "The brothers were arrested".
PLURAL_KIN = {"brother", "sister", "sibling", "couple", "pair", "defendant", "activist", "journalist", "student",
              "man", "woman", "teammate", "colleague", "lawyer", "blogger"}
# Titles before a name, not part of it: "Ms. Nour El-Houda Yassin".
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mx", "sir", "madam", "mme", "m"}
# Events whose target can be "against X" anywhere in the clause ("opened a case against X");
# for others only when "against" hangs on the trigger itself -- "pardoned nine defendants in
# the case against the portal" pardons the defendants, not the portal.
AGAINST_TYPES = {"INVESTIGATE", "CHARGE", "ACQUIT", "APPEAL", "TRIAL", "DENIAL"}
# What a possessive owns when it names the target: "upheld X's conviction", "rejected his
# request"; "her husband", "his co-defendant" are other people.
OWNED_THINGS = {"conviction", "sentence", "verdict", "term", "appeal", "application", "request", "petition",
                "case", "trial", "release", "arrest", "detention", "website", "license", "licence",
                "registration", "asylum", "parole", "charge", "charges", "acquittal", "ruling", "decision",
                "judgment", "account", "accounts", "page", "channel", "newspaper", "passport", "bail"}
NEGATIVE_SUBJECTS = {"no one", "nobody", "none", "noone", "no-one"}
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
ORG_WORDS = {
    "union", "unions", "party", "movement", "confederation", "congress", "committee", "foundation", "center",
    "centre", "association", "church", "group", "council", "front", "network", "organization",
    "organisation", "watch", "international", "agency", "bureau", "institute", "university", "news",
    "radio", "tv", "television", "newspaper", "times", "post", "journal", "media", "channel", "society",
    "league", "fund", "initiative", "coalition", "alliance", "bank", "company", "corporation", "portal",
    "magazine", "gazette", "daily", "weekly", "service", "club", "federation", "assembly", "brotherhood",
    "mission", "community", "publication", "website", "outlet", "broadcaster", "studio", "project",
    "platform", "rights", "memorial", "tribune", "herald", "observer", "express", "review", "press",
    "choice", "opposition", "democratic", "republican", "national", "people's", "peoples", "witnesses",
}
STATE_WORDS = {"court", "ministry", "police", "prosecutor", "prosecutors", "procuracy", "office", "committee",
               "service", "government", "authorities", "parliament", "kgb", "fsb", "tribunal", "judge",
               "department", "agency", "directorate", "militia", "guard", "forces", "commission", "president"}
NON_STATE_AGENTS = {"militants", "gunmen", "insurgents", "rebels", "terrorists", "kidnappers", "assailants",
                    "taliban", "mob", "vigilantes", "separatists", "fighters", "attackers", "abductors",
                    "al-shabaab", "isis", "isil", "houthis", "employer", "employers", "company", "family"}
DEMONYMS = {"kazakh", "lesbian", "gay", "bisexual", "transgender", "uzbek", "tajik", "kyrgyz", "turkmen",
            "uighur", "uyghur", "muslim", "muslims", "christian", "russian", "chinese", "azerbaijani",
            "belarusian", "turkish", "egyptian", "iranian", "afghan", "kurdish", "armenian", "georgian",
            "ukrainian", "vietnamese", "lgbt", "lgbti", "lgbtq"}
# Nouns after which a proper name is an organization: "the opposition movement X".
ORG_NOUNS = {"movement", "party", "organization", "organisation", "group", "union", "association", "foundation",
             "newspaper", "website", "outlet", "portal", "channel", "agency", "ngo", "confederation", "congress",
             "church", "community", "network", "coalition", "trust", "magazine", "weekly", "daily", "broadcaster",
             "station", "centre", "center", "initiative", "society", "federation", "bloc", "front", "site"}
# Nouns that end the name of a body: "the United Transitional Cabinet", "Coordination Council".
BODY_WORDS = {"cabinet", "council", "board", "commission", "assembly", "parliament", "ministry", "court",
              "office", "agency", "committee", "party", "movement", "foundation", "center", "centre", "union"}
LAW_WORDS = {"code", "article", "articles", "law", "act", "constitution", "decree", "convention"}
# "the city of X", "X province": nouns that name a kind of place
PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "oblast", "governorate", "county",
               "capital", "state", "prefecture", "municipality"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
# Words that end a charge phrase: "charged with inciting discord for her posts".
_CHARGE_STOP = re.compile(
    r"\s*(?:[,;.()\[\]]|\bfor\s+(?:his|her|their|its|allegedly|posting|criticizing|peacefully)\b|\bafter\b|"
    r"\bbecause\b|\band\s+(?:\w+ed|gave|given|handed|sent|put|held)\b|\bin\s+(?:connection|relation)\b|\band\s+(?:was|were|had|has|sentenced|placed|detained|forced)\b|"
    r"\bwhich\b|\bthat\b|(?i:\bunder\s+(?:the\s+)?(?:article|section|law)\b)|\bin\s+(?:19|20)\d\d\b|\bin\s+(?:[A-Z][a-z]+)\b|"
    r"\bon\s+(?:[A-Z][a-z]+\s+\d|\d)|\bbefore\b|\bwhile\b|\bdespite\b|\bagainst\s+(?:the|a|an|his|her|[A-Z])\b)")
# "joining a terrorist group under Article 12 of the Anti-Terrorism Law and spreading false
# news under Article 80(d) of the Penal Code": the provisions are cut out so both offences stay.
_UNDER_ARTICLE = re.compile(r"\s+under\s+(?:part\s+\S+\s+of\s+)?articles?\s+[\w.()]+(?:(?:,|\s+and)\s+[\w.()]+)*"
                            r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,5}?(?:Code|Law|Act)\b)?", re.I)
# Cues that introduce the offence: "charged with X", "on charges of X", "on
# suspicion of X", "convicted of X", "found guilty of X", "charges, including X".
_CHARGE_CUE = re.compile(
    r"(?:\bcharged\s+(?:\w+\s+){0,6}?with|\bcharges?\s+(?:\w+\s+){0,3}?(?:of|for)|\bcharges?,?\s+including|"
    r"\bon\s+suspicion\s+of|\bsuspected\s+of|\bconvicted\s+(?:(?:in\s+absentia|\w+ly)\s+)?(?:of|for|on)|\bguilty\s+of|"
    r"\baccused\s+of|\bindicted\s+(?:for|on)|\bprosecuted\s+(?:for|on)|\bcase\s+(?:\w+\s+){0,2}?(?:for|on)|"
    r"\binvestigation\s+(?:\w+\s+){0,2}?(?:for|on)|\bfor\s+allegedly|\bfor(?=\s+[\"\u201c\u2018]))\s+", re.I)
# One quoted offence, or several joined by commas and "and": "“X,” “Y,” and “Z”".
_QUOTED = re.compile(r"[" + QUOTES + r"]([^" + QUOTES + r"]{2,150})[" + QUOTES + r"]")
_QUOTED_LIST = re.compile(r"\s*" + _QUOTED.pattern + r"(?:\s*,?\s*(?:and\s+|or\s+)?" + _QUOTED.pattern + r")*")
# Where one offence ends and the next begins: "inciting social hatred and illegally
# handling personal data" -- a comma or "and" before a gerund, the left part two words or more
# (so "making, storing or spreading information" stays one offence).
_OFFENCE_SPLIT = re.compile(r",?\s+and\s+(?=(?:\w+ly\s+)?\w+ing\b)|,\s+(?=(?:\w+ly\s+)?\w+ing\b)")


def _split_offences(charge: str) -> list[str]:
    """Several offences written in one phrase, in order."""
    parts, pos = [], 0
    for m in _OFFENCE_SPLIT.finditer(charge):
        left = charge[pos:m.start()].strip(" ,")
        if len(left.split()) >= 2:
            parts.append(left)
            pos = m.end()
    parts.append(charge[pos:].strip(" ,"))
    return [p for p in parts if p]


# "acquitted X of defamation charges", "serving a term on fraud charges"
_CHARGE_BEFORE = re.compile(r"\b(?:of|on)\s+((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+charges?\b")
# "case on July 5", "charged on 3 May": a date or number where an offence should be
_NOT_CHARGE = re.compile(r"^(?:\d|(?:january|february|march|april|may|june|july|august|september|october|"
                         r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:his|her|their|its|the)\s+(?:\w+\s+)?(?:arrest|detention|release|trial)\b)")
_VAGUE_CHARGE = re.compile(r"^(?:(?:multiple|several|various|spurious|bogus|trumped-up|fabricated|"
                           r"politically[- ]motivated|unspecified|unknown|vague|criminal|administrative|"
                           r"false|new|additional|the|these|those|similar|other|identical|same|serious)\s*)*"
                           r"(?:charges?|offen[cs]es?|crimes?)?$")


def _lexicon_words(name: str) -> set[str]:
    return set(load_lexicon(VOCAB_DIR / name))


@dataclass
class Target:
    """Who an event is against: a name, an organization or a group."""

    text: str
    kind: str            # PERSON | ORG | GROUP
    start: int           # token indices in the sentence doc
    end: int
    count: str = ""
    role: str = ""
    rule: str = ""


@dataclass
class _Mention:
    """An event mention before merging: the Event plus what merging needs."""

    event: Event
    filled: int = 0
    order: int = 0


class EventExtractor:
    """Turns one document's parsed sentences into Events (see module doc)."""

    def __init__(self, rules):
        self.rules = rules
        self.roles = _lexicon_words("roles.jsonl")
        self.groups = _lexicon_words("groups.jsonl")
        self.agents = load_lexicon(VOCAB_DIR / "agents.jsonl")
        # country names and demonyms: never part of a person's name ("Forbes Kazakhstan", "Kazakh")
        self.countries = {w for w in load_lexicon(VOCAB_DIR / "countries.jsonl")} | DEMONYMS
        self._dump = None

    # ------------------------------------------------------------ document
    def extract(self, document, sents, parsed) -> list[Event]:
        """Events of `document` from its sentences and the (Sentence, Doc) pairs that were parsed."""
        text = document.text
        self._dump = dump = stages.new_dump()
        # A dateline's date is when the dispatch was filed, not when its events happened.
        filed = {start for start, _ in normalize.dateline_spans(text)}
        dates = [d for d in normalize.find_dates(text, document.report_year) if d.value and d.start not in filed]
        date_starts = [d.start for d in dates]
        registry = normalize.NameRegistry()
        # Pass 1: every name the parsed sentences give, in document order, so a
        # surname-only mention resolves to the fullest name anywhere in the text.
        names_by_sent = []
        for sent, doc in parsed:
            names = self._names(doc)
            for t in names:
                if t.kind == "PERSON":
                    registry.add(t.text)
            # names in a list the NER missed ("... and Babek Hasanov to three years") are
            # registered too, whichever sentences the pre-pass chose to parse
            for t in self._list_candidates(_NameView(doc, names)):
                if t.rule == "name:list" and t.start > 0 and doc[t.start - 1].text in {",", "and"}:
                    registry.add(t.text)
            names_by_sent.append(names)
            if dump is not None:
                dump.add("names", sent=sent.start, names=[_target_record(t) for t in names])
        # A later surname-only mention the NER missed or called ORG: "Yerimbetov was sentenced".
        for (sent, doc), names in zip(parsed, names_by_sent):
            self._known_people(doc, names, registry)
        article_for_charge = self._article_map(sents)
        person_rx = self._person_regex(registry)
        last_person: dict[int, str] = {}
        parsed_by_start = {s.start: i for i, (s, _) in enumerate(parsed)}
        mentions: list[_Mention] = []
        sets: list[tuple[int, list[str]]] = []
        previous: tuple[int, tuple[str, str]] | None = None   # (paragraph, date) of the last parsed sentence
        order = 0
        for sent in sents:
            i = parsed_by_start.get(sent.start)
            if i is not None and sent.doc is None:
                s, doc = parsed[i]
                lo = bisect.bisect_left(date_starts, sent.start)
                hi = bisect.bisect_left(date_starts, sent.end)
                sent_dates = [d for d in dates[lo:hi] if d.end <= sent.end]
                ctx = _Context(document, sent, doc, names_by_sent[i], sent_dates, registry,
                               last_person.get(sent.para, ""), article_for_charge,
                               [(para, p) for para, p in sets if para >= sent.para - 1])
                before = len(mentions)
                for ev in self._sentence_events(ctx):
                    order += 1
                    mentions.append(_Mention(ev, _filled(ev), order))
                # "On January 18, the court convicted A, B and C. The court sentenced each to
                # 12 years." -- a sentence that points back at the people of the one before
                # ("each", "the five", "the opposition leader") and gives no date of its own
                # continues that sentence's occasion (spec rule 4)
                if not sent_dates and previous is not None and previous[0] == sent.para:
                    for m in mentions[before:]:
                        if not m.event.date and any(r.startswith("coref:plural") or r.startswith("coref:definite")
                                                    for r in m.event.rule_ids):
                            m.event.date, m.event.date_text = previous[1]
                            m.event.rule_ids.append("date:continued")
                dated = [m.event for m in mentions[before:] if m.event.date]
                previous = (sent.para, (dated[-1].date, dated[-1].date_text)) if dated else None
                # people this sentence made targets together, for "The five were charged" later
                for group in _target_sets(mentions, sent):
                    sets.append((sent.para, group))
            else:
                previous = None   # only the sentence right before can be continued
            # Remember the last person named in this paragraph, for "her"/"his" later on.
            if person_rx is not None:
                found = person_rx.findall(sent.text)
                if found:
                    last_person[sent.para] = registry.canonical(found[-1])
        if dump is not None:
            for m in mentions:
                dump.add("mentions", order=m.order, filled=m.filled, **_event_record(m.event))
        events = _charges_by_reference(_jailed_into_sentences(_merge(mentions)))
        if dump is not None:
            for ev in events:
                dump.add("events", **_event_record(ev))
            dump.write(document.doc_id)
            self._dump = None
        return events

    def _known_people(self, doc, names, registry) -> None:
        """Mark names (and bare proper nouns) that the registry knows as people."""
        known = {k for t in names for k in range(t.start, t.end)}
        for t in names:
            if t.kind == "ORG" and registry.canonical(t.text) != t.text:
                t.kind, t.rule = "PERSON", "name:known"
        for tok in doc:
            if tok.i not in known and tok.pos_ == "PROPN" and _titlecase(tok.text) and \
                    registry.canonical(tok.text, strict=True) != tok.text:
                names.append(Target(tok.text, "PERSON", tok.i, tok.i + 1, rule="name:known"))
        names.sort(key=lambda t: t.start)

    def _person_regex(self, registry):
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

    def _article_map(self, sents) -> dict[str, str]:
        """Offence -> provision, from sentences anywhere in the document that tie
        them: "Criminal Code Article 274, which broadly prohibits 'disseminating
        knowingly false information'"; "article 174 on 'inciting social, national
        ... discord'"."""
        out: dict[str, str] = {}
        for sent in sents:
            if "rticle" not in sent.text:
                continue
            for art in normalize.find_articles(sent.text):
                tail = sent.text[art.end: art.end + 200]
                m = re.match(r"[^\u201c\u2018\"]{0,40}?[\u201c\u2018\"]([^\u201c\u201d\"]{4,160}?)[\u201d\u2019\"]", tail)
                if m:
                    out.setdefault(normalize.fold(m.group(1)), art.value)
                # "charged with joining a terrorist group under Article 12 of the Anti-Terrorism Law"
                head = sent.text[max(0, art.start - 120): art.start]
                m = re.search(r"(?:with|of|for|and)\s+[\u201c\u2018\"]?([a-z][\w\s-]{3,80}?)[\u201d\u2019\"]?,?\s+under\s+(?:part\s+\S+\s+of\s+)?$",
                              head, re.I)
                if m:
                    out.setdefault(normalize.fold(m.group(1)), art.value)
        return out

    # ------------------------------------------------------------ sentence
    def _sentence_events(self, ctx):
        doc = ctx.doc
        dump = self._dump
        spans = list(doc.spans.get("triggers", []))
        if _is_recommendation(ctx.sent, doc):
            if dump is not None:
                for sp in spans:
                    self._dump_trigger(ctx, sp, "recommendation")
            return
        # One trigger per head token: the longest (most specific) match wins,
        # "placed ... under house arrest" over a bare "arrest".
        best: dict[int, object] = {}
        for sp in spans:
            head = _trigger_head(sp)
            cur = best.get(head.i)
            if cur is None or len(sp) > len(cur) or (len(sp) == len(cur) and sp.id_ < cur.id_):
                best[head.i] = sp
        # Nested: a shorter trigger inside a longer one's span is part of it
        # ("released from criminal liability" is an ACQUIT, not also a RELEASE).
        triggers = []
        for i, sp in sorted(best.items()):
            if any((o.start, o.end, o.id_) != (sp.start, sp.end, sp.id_) and o.start <= sp.start and sp.end <= o.end and len(o) > len(sp)
                   for o in best.values()):
                if dump is not None:
                    self._dump_trigger(ctx, sp, "nested")
                continue
            triggers.append(sp)
        # Verbal triggers partition the sentence into clauses; a nominal one
        # ("three days' arrest") stays inside its verb's clause.
        trigger_heads = {_trigger_head(sp).i for sp in triggers if _trigger_head(sp).tag_.startswith("VB")}
        used_targets: set[tuple[int, str]] = set()
        for sp in triggers:
            rule = self.rules[sp.id_]
            head = _trigger_head(sp)
            reason = _non_event(head, sp, rule)
            if reason:
                if dump is not None:
                    self._dump_trigger(ctx, sp, reason)
                continue
            if rule.requires and not any(re.search(r"\b" + w + r"\b", doc.text[sp.end_char:].lower())
                                         for w in rule.requires):
                if dump is not None:
                    self._dump_trigger(ctx, sp, "requires")
                continue
            targets = self._targets(ctx, sp, head, rule, trigger_heads)
            if dump is not None:
                dump.add("targets", sent=ctx.sent.start, trigger=sp.text, rule=rule.id,
                         targets=[_target_record(t) for t in targets])
            if not targets:
                if dump is not None:
                    self._dump_trigger(ctx, sp, "no-target")
                continue
            etype = rule.label
            terms = self._terms(ctx, head, trigger_heads)
            if rule.upgrade and terms:
                etype = rule.upgrade
            if rule.needs_term and not terms:
                if dump is not None:
                    self._dump_trigger(ctx, sp, "needs-term")
                continue
            date = self._date(ctx, head, trigger_heads, inherit=not rule.needs_term)
            charge, charge_rule = self._charge(ctx, sp, head)
            article = self._article(ctx, head, charge)
            location = self._location(ctx, head, sp, etype)
            agent, agent_ok = self._agent(ctx, head)
            if not agent_ok:
                if dump is not None:
                    self._dump_trigger(ctx, sp, "non-state-agent")
                continue
            if dump is not None:
                self._dump_trigger(ctx, sp, "")
            # "A and B to seven and five years, respectively"; "A to four years and B to three years"
            respectively = len(terms) > 1 and len(terms) == len(targets) and (
                "respectively" in doc.text.lower() or _interleaved(targets, terms, ctx.sent.start, doc))
            for n, tgt in enumerate(targets):
                key = (tgt.start, tgt.text, etype)
                if key in used_targets:
                    continue
                used_targets.add(key)
                if tgt.kind == "GROUP" and not (tgt.count or date or location):
                    continue  # spec rule 2: only specific group events
                ev = Event(
                    doc_id=ctx.document.doc_id, event_type=etype, target=tgt.text, target_type=tgt.kind,
                    evidence=ctx.sent.text, char_start=ctx.sent.start, char_end=ctx.sent.end,
                    target_count=tgt.count, target_role=tgt.role,
                )
                if date:
                    ev.date, ev.date_text = date.value, date.text
                if etype == "SENTENCE" and terms:
                    ev.sentence = (terms[n] if respectively else terms[0]).value
                if etype in CHARGE_TYPES:
                    ev.charge = charge
                    ev.charge_article = article
                if etype == "FINE":
                    ev.amount = self._amount(ctx, head)
                ev.measure = self._measure(ctx, head, sp, rule, etype, terms)
                ev.location = location
                ev.agent = agent
                ev.rule_ids = [rule.id] + ([tgt.rule] if tgt.rule else []) + ([charge_rule] if charge_rule else [])
                ev.aliases = [tgt.text]
                yield ev
                # "sentenced X to 15 years in prison and a fine of 29,600 rubles"
                amount = self._amount(ctx, head) if rule.also == "FINE" and \
                    re.search(r"\band\s+(?:a|an)\s+fines?\b", doc.text[sp.end_char:]) else ""
                if rule.also and (terms if rule.also == "SENTENCE" else amount):
                    # "reduced Tursunzoda's term on appeal to four years": also a new SENTENCE;
                    # "sentenced X to 15 years and a fine of 29,600 rubles": also a FINE
                    extra = Event(**{k: v for k, v in ev.__dict__.items() if k not in {"rule_ids", "aliases"}})
                    extra.event_type = rule.also
                    extra.sentence = terms[-1].value if rule.also == "SENTENCE" else ""
                    extra.amount = amount
                    extra.measure = self._measure(ctx, head, sp, rule, rule.also, terms)
                    extra.rule_ids, extra.aliases = [rule.id], [tgt.text]
                    yield extra

    def _dump_trigger(self, ctx, sp, reason: str) -> None:
        self._dump.add("triggers", sent=ctx.sent.start, trigger=sp.text, rule=sp.id_, label=sp.label_,
                       start=ctx.sent.start + sp.start_char, end=ctx.sent.start + sp.end_char,
                       kept=not reason, reason=reason)

    # ------------------------------------------------------------ names
    def _names(self, doc) -> list[Target]:
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
            while ent.label_ == "PERSON" and len(toks) > 2 and toks[0].lower_ in self.countries:
                toks = toks[1:]   # "Uyghur Ayshemhan Abdulla": the people, then the person
            if not toks:
                continue
            start, end = toks[0].i, toks[-1].i + 1
            span = doc[start:end]
            words = [t.lower_ for t in span]
            if ent.label_ == "PERSON":
                if (len(span) == 1 and (words[0] in DEMONYMS or span.start == 0)) or not _looks_like_person(span):
                    continue
                if any(w in self.countries for w in words):
                    # "Forbes Kazakhstan": a country in a "name" makes it an outlet or body
                    out.append(Target(span.text, "ORG", start, end, rule="ner:PERSON-country"))
                    taken.update(range(start, end))
                    continue
                if len(span) == 1 and span.root.head.lower_ in {"in", "at", "from", "near", "outside"}:
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
                if ent.label_ in {"GPE", "LOC"} and not bool(self._role_of(span)):
                    continue
                if _looks_like_person(span) and bool(self._role_of(span)) \
                        and not any(w in ORG_WORDS or w in STATE_WORDS or w in MONTHS for w in words):
                    kind = "PERSON"
                elif ent.label_ == "ORG" and self._org_then_person(span, out, taken):
                    continue
                elif ent.label_ == "ORG" and not any(w in STATE_WORDS or w in LAW_WORDS for w in words):
                    kind = "ORG"
                else:
                    continue
            else:
                continue
            out.append(Target(span.text, kind, start, end, role=self._role_of(span), rule=f"ner:{ent.label_}"))
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
            if _looks_like_person(span) and (bool(self._role_of(span)) or conj_person) and \
                    not any(w.lower_ in MONTHS or w.lower_ in ORG_WORDS for w in span):
                # "activist Ardak Ashim"; "Timur Bekov and Aidos Kassym" (a conjunct of a person)
                out.append(Target(span.text, "PERSON", i, j, role=self._role_of(span),
                                  rule="name:role" if not conj_person else "name:conj"))
            elif prev is not None and prev.lemma_.lower() in ORG_NOUNS:
                # "the opposition movement Free Choice of Kazakhstan": a name after an organization noun
                while j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].pos_ == "PROPN":
                    j += 2
                    while j < len(doc) and doc[j].pos_ == "PROPN":
                        j += 1
                out.append(Target(doc[i:j].text, "ORG", i, j, rule="name:org-noun"))
            elif re.search(r"\w\.(?:kz|ru|com|org|net|az|by|uz|tj|kg|tr|ir|eg|info|ua|am|ge)\b", span.text):
                out.append(Target(span.text, "ORG", i, j, rule="name:domain"))
            i = j
        # A conjunct of a person is a person: "activists Maks Bokaev and Talgat Ayan".
        by_tok = {k: t for t in out for k in range(t.start, t.end)}
        for t in out:
            if t.kind == "ORG" and _looks_like_person(doc[t.start:t.end]) and \
                    not any(w.lower_ in ORG_WORDS or w.lower_ in STATE_WORDS for w in doc[t.start:t.end]):
                root = doc[t.start:t.end].root
                other = by_tok.get(root.head.i) if root.dep_ == "conj" else None
                if other is None:
                    other = next((by_tok.get(c.i) for c in root.children if c.dep_ == "conj" and c.i in by_tok), None)
                if other is not None and other.kind == "PERSON":
                    t.kind, t.rule = "PERSON", "name:conj"
                    t.role = t.role or other.role
        return sorted(out, key=lambda t: t.start)

    def _org_then_person(self, span, out, taken) -> bool:
        """"deputy head of the United Transitional Cabinet Pavel Latushka": the NER ran an
        organization and a person together; split them when a name follows the body's noun."""
        words = [t.lower_ for t in span]
        body = [k for k, w in enumerate(words) if w in ORG_WORDS or w in STATE_WORDS or w in BODY_WORDS]
        if not body or body[-1] >= len(span) - 2:
            return False
        tail = span[body[-1] + 1:]
        if not (2 <= len(tail) <= 3 and _looks_like_person(tail)):
            return False
        head = span[:body[-1] + 1]
        out.append(Target(head.text, "ORG", head.start, head.end, rule="ner:ORG-split"))
        out.append(Target(tail.text, "PERSON", tail.start, tail.end, role=self._role_of(span), rule="ner:ORG-split"))
        taken.update(range(span.start, span.end))
        return True

    def _role_of(self, span) -> str:
        """The role noun next to a name: "activist X", "X, an activist", "journalist X"."""
        root = span.root
        doc = span.doc
        # compound or nmod before the name inside the same phrase: "activist Serikjan Bilash"
        k = span.start - 1
        while k >= 0 and (doc[k].dep_ in {"compound", "amod", "nmod"} or doc[k].pos_ in {"NOUN", "ADJ"}):
            if doc[k].lemma_.lower() in self.roles or doc[k].lower_ in self.roles:
                return doc[k].lemma_.lower()
            if doc[k].pos_ not in {"NOUN", "ADJ", "PROPN"} and doc[k].text != "-":
                break
            k -= 1
            if span.start - k > 5:
                break
        for c in root.children:
            if c.dep_ == "appos" and (c.lemma_.lower() in self.roles):
                return c.lemma_.lower()
        if root.dep_ == "appos" and root.head.lemma_.lower() in self.roles:
            return root.head.lemma_.lower()
        if root.head.dep_ == "appos" and root.head.lemma_.lower() in self.roles and root.dep_ == "conj":
            return root.head.lemma_.lower()
        return ""

    # ------------------------------------------------------------ targets
    def _targets(self, ctx, sp, head, rule, trigger_heads) -> list[Target]:
        """The targets of one trigger, through the parse; a pronoun resolves to
        the last person named in the paragraph."""
        doc = ctx.doc
        cands: list = []
        mode = rule.target
        # "In July a revolutionary court sentenced in absentia X": the verb read as a participle
        # modifying the court -- a state body does not get sentenced; read it as the court's action
        actor_misparse = self._acts_as_verb_of(head) is not None
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
                cands = [t for t in _clause_tokens(head, trigger_heads) if t.dep_ == "poss"]
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
                for tok in _clause_tokens(head, trigger_heads):
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
                        cands += [g for g in objs if tok.lower_ != "into" or _name_at(ctx.names, g) is not None]
                if not cands:
                    for x in head.children:   # "refused to register a new confederation"
                        if x.dep_ == "xcomp":
                            cands += [c for c in x.children if c.dep_ == "dobj"]
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
            for tgt in self._expand(ctx, c, rule):
                if (tgt.start, tgt.text) not in seen and tgt.start not in trigger_heads:
                    seen.add((tgt.start, tgt.text))
                    targets.append(tgt)
        if any(t.kind != "GROUP" for t in targets):
            targets = [t for t in targets if t.kind != "GROUP" or t.count]
        if not targets and passive and mode == "object":
            # Fallback: the last name before a passive trigger ("Yerimbetov was sentenced").
            prev = [t for t in ctx.names if t.end <= sp.start and not _in_subclause(doc, t, head)
                    and (doc[t.start:t.end].root.dep_ in {"nsubj", "nsubjpass", "conj", "appos", "ROOT"}
                         # "including X, ..., having been charged": the person the list names
                         or doc[t.start:t.end].root.head.lower_ in {"including", "among", "against"})]
            if prev:
                # "Aleksei Voronin, editor of the news site Severny Vestnik, was fined": the subject,
                # not the last name of its apposition
                subjects = [t for t in prev if doc[t.start:t.end].root.dep_ in {"nsubj", "nsubjpass"}]
                targets.append(self._canon(ctx, (subjects or prev)[-1], "fallback:before"))
        has_object = prep_object or any(c.dep_ in {"dobj", "dative"} and not (sp.start <= c.i < sp.end)
                                        for c in head.children)
        if not targets and mode in {"object", "against"} and not passive and not has_object:
            # (a verb with an object that is no name -- "released a statement" -- has no person target)
            # Fallback: the first name after the trigger, before any other trigger.
            nxt = min([h for h in trigger_heads if h > head.i] + [len(doc)])
            for t in ctx.names:   # "found [human rights defender X] guilty": inside the trigger span too
                if head.i < t.start < nxt and not _in_subclause(doc, t, head):
                    targets.append(self._canon(ctx, t, "fallback:after"))
                    break
        if not targets and mode == "antecedent" and ctx.last_person:
            targets.append(Target(ctx.last_person, "PERSON", -1, -1, rule="coref:paragraph"))
        return self._extend_list(ctx, targets)

    def _extend_list(self, ctx, targets: list[Target]) -> list[Target]:
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
        for name in self._list_candidates(ctx):
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
            out.append(self._canon(ctx, name, "list"))
            have.add(name.start)
            last = name
        # ... and backwards: "sentenced in absentia A and B" parsed with only B as the object
        first = min(people, key=lambda t: t.start)
        for name in reversed(self._list_candidates(ctx)):
            if name.kind != "PERSON" or name.end > first.start or name.start in have:
                continue
            gap = doc[name.end:first.start]
            if not gap or len(gap) > 3 or not all(t.text in {",", "and"} for t in gap):
                break
            out.append(self._canon(ctx, name, "list"))
            have.add(name.start)
            first = name
        return out

    def _list_candidates(self, ctx) -> list[Target]:
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
            if 2 <= len(span) <= 4 and _looks_like_person(span) and \
                    not any(w.ent_type_ in {"LOC", "DATE", "NORP"} or w.lower_ in ORG_WORDS or
                            w.lower_ in STATE_WORDS or w.lower_ in MONTHS or w.lower_ in self.countries for w in span):
                extra.append(Target(span.text, "PERSON", i, j, rule="name:list"))
            i = j
        return sorted([t for t in ctx.names if t.kind == "PERSON"] + extra, key=lambda t: t.start)

    def _canon(self, ctx, t: Target, rule: str = "") -> Target:
        if t.kind == "PERSON":
            return Target(ctx.registry.canonical(t.text), "PERSON", t.start, t.end, role=t.role, rule=rule or t.rule)
        return Target(t.text, t.kind, t.start, t.end, role=t.role, rule=rule or t.rule)

    def _expand(self, ctx, tok, rule) -> list[Target]:
        """Targets a token stands for: a name and its conjuncts, or failing that
        (in this order) the person a role noun is in apposition with, a resolved
        pronoun or plural, a counted group, the people a noun lists ("including
        X"), the owner of a verdict ("X's conviction", "the conviction of X"), a group."""
        out: list[Target] = []
        for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]:
            name = _name_at(ctx.names, t)
            if name is not None:
                out.append(self._canon(ctx, name))
                continue
            for finder in (self._by_proper_name, self._by_apposition, self._by_reference, self._by_listing,
                           self._by_owner):
                found = finder(ctx, t, rule)
                if found:
                    out.extend(found)
                    if self._dump is not None:
                        self._dump.add("targets", sent=ctx.sent.start, token=t.text, finder=finder.__name__,
                                       targets=[_target_record(x) for x in found])
                    break
            else:
                grp = self._group(ctx, t)
                if grp is not None:
                    out.append(grp)
                    if self._dump is not None:
                        self._dump.add("targets", sent=ctx.sent.start, token=t.text, finder="_group",
                                       targets=[_target_record(grp)])
        return out

    def _by_proper_name(self, ctx, t, rule) -> list[Target]:
        """A two-to-four-word proper name the NER missed, as the verb's own argument:
        "sentenced in absentia Nima Karimi and ..." (see _list_candidates)."""
        if t.pos_ != "PROPN":
            return []
        for cand in self._list_candidates(ctx):
            if cand.rule == "name:list" and cand.start <= t.i < cand.end:
                return [self._canon(ctx, cand, "name:argument")]
        return []

    def _names_with_conjuncts(self, ctx, tok, after: int = -1, kinds=("PERSON",)) -> list[Target]:
        """The name at `tok` and those of its later conjuncts, of the given kinds."""
        out = []
        for t in [tok] + list(tok.conjuncts):
            name = _name_at(ctx.names, t)
            if name is not None and name.kind in kinds and (t.i == tok.i or t.i > after):
                out.append(self._canon(ctx, name))
        return out

    def _by_apposition(self, ctx, t, rule) -> list[Target]:
        """A role noun and its person: "activists Maks Bokaev and Talgat Ayan",
        "X, an activist extradited ...", "journalist X" parsed as a compound of the name.
        Only people: in "Popular Front Party activists X" the party is not the target."""
        # "the opposition movement Free Choice": an organization noun takes an organization
        kinds = ("PERSON", "ORG") if t.lemma_.lower() in ORG_NOUNS else ("PERSON",)
        for c in t.children:
            if c.dep_ in {"appos", "compound"} and _name_at(ctx.names, c) is not None:
                found = self._names_with_conjuncts(ctx, c, kinds=kinds)
                if found:
                    return found
        if t.dep_ in {"appos", "compound"}:
            return self._names_with_conjuncts(ctx, t.head, after=t.head.i)
        if t.pos_ == "NOUN":
            # "the Centre's director, Ms. Dina Abdallah", "her co-defendant, cartoonist Emre Kaya":
            # the person written right after the noun, past a comma, a title and role words
            doc = t.doc
            k = t.i + 1
            if k < len(doc) and doc[k].text != "," and t.lemma_.lower() not in self.roles:
                return []
            while k < len(doc) and (doc[k].text == "," or doc[k].lower_.rstrip(".") in HONORIFICS or
                                    (doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in self.roles)):
                k += 1
            name = _name_at(ctx.names, doc[k]) if k < len(doc) else None
            if name is not None and name.kind == "PERSON" and name.start == k:
                return [self._canon(ctx, name)]
        return []

    def _by_reference(self, ctx, t, rule) -> list[Target]:
        """A pronoun, a plural that points back, or a bare number ("five were imprisoned")."""
        if t.lower_ in PRONOUNS and t.pos_ == "PRON":
            person = _last_person_before(ctx, t) or ctx.last_person
            return [Target(person, "PERSON", t.i, t.i + 1, rule="coref:pronoun")] if person else []
        team = self._antecedent_set(ctx, t)
        if team:
            return [Target(n, "PERSON", t.i, t.i + 1, rule="coref:plural") for n in team]
        if t.tag_ == "NN" and t.lemma_.lower() in self.roles and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and \
                not any(c.dep_ in {"appos", "prep", "relcl", "acl"} or (c.dep_ == "compound" and c.pos_ == "PROPN")
                        for c in t.children):
            # "convicted Aleksey Navalny ... and sentenced the imprisoned opposition leader"
            person = _last_person_before(ctx, t) or ctx.last_person
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

    def _by_listing(self, ctx, t, rule) -> list[Target]:
        """"Other relatives, including Elnur Seyidov, were released": the named ones."""
        named = [g for c in t.subtree if c.dep_ == "prep" and c.lower_ == "including"
                 for g in c.children if g.dep_ == "pobj"]
        if named and t.pos_ == "NOUN":
            return [x for x in self._expand(ctx, named[0], rule) if x.kind == "PERSON"]
        return []

    def _by_owner(self, ctx, t, rule) -> list[Target]:
        """Whose verdict or outlet it is: "upheld X's conviction", "quashed the conviction
        of X", "blocked the website of the Y Union" -- not the organization a person
        leads ("the chairman of the Z Party") nor what a group is made of."""
        owner = [c for c in t.children if c.dep_ == "poss"]
        if owner and (t.pos_ == "NUM" or (t.pos_ == "NOUN" and (t.lemma_.lower() in OWNED_THINGS or t.lower_ in OWNED_THINGS))):
            # also "fined her EGP 100,000", parsed as her amount; but "arrested her husband"
            # is the husband, not her
            return self._expand(ctx, owner[0], rule)
        if t.pos_ != "NOUN":
            return []
        lemma = t.lemma_.lower()
        if lemma in self.roles or lemma in self.groups or t.lower_ in self.groups or t.lower_ in QUANTITY_NOUNS:
            return []
        of_obj = [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "against"} for g in c.children
                  if g.dep_ == "pobj"]   # "upheld the four-year sentence against X"
        if of_obj:
            # "upheld the convictions of 23 dervishes": a counted group owns a verdict too
            return [x for x in self._expand(ctx, of_obj[0], rule) if x.kind != "GROUP" or x.count]
        return []

    def _antecedent_set(self, ctx, tok) -> list[str]:
        """People a definite plural points back to: "The brothers were arrested",
        "The three had been tried together", "The two teammates detained with him"
        -- the last sentence of the paragraph (or the one before) that named that many."""
        if tok.lower_ in {"each", "they", "them", "both", "all"} and tok.pos_ in {"PRON", "DET", "NOUN"}:
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

    def _group(self, ctx, tok) -> Target | None:
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
        single = noun.tag_ == "NN" and any((c.dep_ == "det" and c.lower_ in {"a", "an"}) or
                                           (c.dep_ == "poss" and c.pos_ == "PRON") for c in noun.children)
        if noun.lower_ not in self.groups and lemma not in self.groups and not (single and lemma in self.roles):
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
            elif ((c.dep_ == "det" and c.lower_ in {"a", "an"}) or (c.dep_ == "poss" and c.pos_ == "PRON")) \
                    and noun.tag_ in {"NN", "NNP"}:
                count = "1"   # "a man", "her husband": one unnamed person
        comp = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
        text = noun.doc[comp[0].i if comp else noun.i: noun.i + 1].text
        return Target(text.lower(), "GROUP", noun.i, noun.i + 1, count=count, rule="group")

    # ------------------------------------------------------------ slots
    def _acts_as_verb_of(self, head):
        """The state body a participle really belongs to when the small model read
        "a court sentenced X" as "a court [sentenced X]" (acl/amod): the court, else None."""
        if head.dep_ in {"acl", "amod"} and (head.head.lemma_.lower() in self.agents or head.head.lower_ in STATE_WORDS):
            return head.head
        return None

    def _actors(self, head, deps: set[str]) -> list:
        """Who acts: the trigger's own subject (children with `deps`), else the state body
        a misread participle belongs to ("In July a revolutionary court sentenced ..."),
        else the noun phrase before a verb read as an adjective."""
        subj = [c for c in head.children if c.dep_ in deps]
        if not subj and self._acts_as_verb_of(head) is not None:
            subj = [head.head]
        if not subj and head.dep_ in {"amod", "compound"}:
            subj = _misparsed_subject(head)
        return subj

    def _date(self, ctx, head, trigger_heads, inherit: bool = True):
        """The date of this trigger: one in its own clause, else in a clause above it."""
        owned = []
        nominal_fallback = None
        for d in ctx.dates:
            if getattr(d, "attributive", False):
                continue
            tok = _token_at(ctx.doc, d.start - ctx.sent.start)
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
                        _clause_head(tok, trigger_heads).i == head.head.i:
                    nominal_fallback = nominal_fallback or d   # "On July 3, a court ordered the release of X"
                continue
            owned.append((d, _clause_head(tok, trigger_heads)))
        if head.pos_ == "NOUN":
            return nominal_fallback
        mine = [(abs(_token_at(ctx.doc, d.start - ctx.sent.start).i - head.i), d) for d, o in owned if o.i == head.i]
        if mine:
            return min(mine, key=lambda p: p[0])[1]   # nearest to the trigger
        if not inherit:
            # "serving a nine-year sentence imposed in 2015": the date of the
            # sentence is the imposing participle's, never the main clause's
            for d, owner in owned:
                if owner.dep_ == "acl" and owner.lemma_ in {"impose", "hand", "give", "pass"} and \
                        any(a.i == head.i for a in owner.ancestors):
                    return d
            return None
        if head.dep_ in {"relcl", "advcl"}:
            # "since December 28, 2020, when police detained her": the clause dates itself
            for d, _owner in owned:
                tok = _token_at(ctx.doc, d.start - ctx.sent.start)
                if tok is not None and head.head.i in {t.i for t in ctx.doc[tok.i:tok.i + len(d.text.split()) + 1]}:
                    return d
        actor = self._acts_as_verb_of(head)
        ancestors = _clause_ancestors(actor, trigger_heads) + [_clause_head(actor, trigger_heads)] if actor is not None \
            else _clause_ancestors(head, trigger_heads)
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

    def _terms(self, ctx, head, trigger_heads):
        """Prison terms tied to this trigger (same clause, else a clause above)."""
        found = normalize.find_durations(ctx.sent.text)
        if not found:
            return []
        owned = []
        for m in found:
            tok = _token_at(ctx.doc, m.start)
            if tok is not None:
                owned.append((m, _clause_head(tok, trigger_heads)))
        mine = [m for m, o in owned if o.i == head.i]
        if len(mine) > 1 and "respectively" not in ctx.sent.text:
            # "served six years of a nine-year sentence": the term is the one naming the sentence
            named = [m for m in mine if re.match(r"\s*(?:prison\s+|jail\s+|suspended\s+)?(?:sentence|term)",
                                                 ctx.sent.text[m.end:])]
            mine = named or mine
        if mine:
            return mine
        for anc in _clause_ancestors(head, trigger_heads):
            mine = [m for m, o in owned if o.i == anc.i]
            if mine:
                return mine
        return []

    def _charge(self, ctx, sp, head) -> tuple[str, str]:
        """The offence, from a cue after the trigger ("with", "on charges of",
        "on suspicion of") or the charge vocabulary, within the trigger's clause."""
        doc = ctx.doc
        toks = sorted(_clause_tokens(head, set()), key=lambda t: t.i)
        if not toks:
            return "", ""
        lo = min(toks[0].idx, sp.start_char)
        hi = max(toks[-1].idx + len(toks[-1]), sp.end_char)
        return self._charge_in(doc, doc.text[lo:hi])

    def _charge_in(self, doc, region: str) -> tuple[str, str]:
        """The first offence a cue introduces in `region` (see _charge)."""
        m = _CHARGE_CUE.search(region)
        while m:
            rest = region[m.end():]
            q = _QUOTED_LIST.match(rest)
            if q:
                # "on charges of “X” and “Y”" -> "x; y" (spec rule 5: several charges joined with "; ")
                val = "; ".join(normalize.clean_charge(x) for x in _QUOTED.findall(q.group(0)))
            elif _CHARGE_CUE.match(rest.lstrip() + " "):
                m = _CHARGE_CUE.search(region, m.end())   # "investigation on charges of X": the inner cue
                continue
            else:
                rest = _UNDER_ARTICLE.sub("", rest)
                stop = _CHARGE_STOP.search(rest)
                val = normalize.clean_charge(rest[: stop.start()] if stop else rest)
                val = re.sub(r"\s+(?:and|or)$", "", val)
                val = re.sub(r"^(?:multiple|several|spurious|criminal|the|bogus)\s+", "", val)
                val = "; ".join(_split_offences(val))
            if val and not _VAGUE_CHARGE.match(val) and len(val.split()) <= 30 and not _NOT_CHARGE.match(val):
                return val, "charge:cue"
            m = _CHARGE_CUE.search(region, m.end())
        for m in _CHARGE_BEFORE.finditer(region):
            val = normalize.clean_charge(m.group(1))
            if val and not _VAGUE_CHARGE.match(val) and not re.match(r"^(?:the|a|an|same|identical|similar|those|these)\b", val):
                return val, "charge:before"
        if region != doc.text:
            # the offence named elsewhere in the sentence: "found X guilty of fraud and handed her ..."
            whole = self._charge_in(doc, doc.text)
            if whole[0]:
                return whole
        try:
            vocab = normalize.find_charges(region)
        except (AttributeError, NotImplementedError):
            vocab = []
        if vocab:
            return vocab[0].value, vocab[0].rule_id
        return "", ""

    def _article(self, ctx, head, charge: str) -> str:
        arts = normalize.find_articles(ctx.sent.text)
        if arts:
            toks = _clause_tokens(head, set())
            lo = min(t.idx for t in toks)
            hi = max(t.idx + len(t) for t in toks)
            mine = [a.value for a in arts if lo <= a.start < hi] or [a.value for a in arts]
            return "; ".join(dict.fromkeys(mine))
        if charge:
            # the charge is the provision's offence, or a narrower wording of it:
            # "inciting social discord" under "inciting social, national ... discord"
            f = normalize.fold(charge)
            words = set(f.split())
            for offence, art in ctx.article_for_charge.items():
                if f == offence or (len(words) >= 2 and words <= set(offence.split())):
                    return art
        return ""

    def _location(self, ctx, head, sp, etype) -> str:
        """Where the event took place: a court's or agency's seat ("the Khujand
        City Court", "an Almaty court"), or "in X" in the trigger's clause."""
        doc = ctx.doc
        toks = _clause_tokens(head, set())
        subj = self._actors(head, {"nsubj", "agent"})
        for s in subj:
            toks |= set(s.subtree)
        if head.dep_ == "conj" and not subj:
            for s in head.head.children:
                if s.dep_ == "nsubj":
                    toks |= set(s.subtree)
        # names of people (not single words the NER guessed at) are never places
        names = {k for t in ctx.names if t.kind == "PERSON" and t.end - t.start > 1 for k in range(t.start, t.end)}
        for s in subj + ([c for c in head.head.children if c.dep_ == "nsubj"] if head.dep_ == "conj" and not subj else []):
            seat = _seat(doc, s, names)   # "the Khujand City Court", "Minsk police", "the Hanoi People's Court"
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
                            place = _place_of_prep(doc, p, names)
                            if place:
                                return place
                    for g in t.subtree:
                        if g.pos_ == "PROPN" and g.i not in names and g.lower_ not in SEAT_STOP and not destination:
                            destination = _propn_phrase(doc, g)
            # "from Tora Prison in Cairo to the Wadi al-Natrun complex": a place before the
            # destination is where they left; one after it is where the destination is
            to_at = min((t.i for t in toks if t.dep_ == "prep" and t.lower_ == "to"), default=None)
            if destination and to_at is not None:
                after = [t for t in sorted(toks, key=lambda t: t.i) if t.dep_ == "prep" and t.lower_ == "in" and t.i > to_at]
                for t in after:
                    place = _place_of_prep(doc, t, names)
                    if place:
                        return place
                return destination
        for t in sorted(toks, key=lambda t: t.i):
            if t.dep_ == "prep" and t.lower_ in {"in", "at"}:
                if t.head.lemma_.lower() in self.roles or t.head.i in names:
                    continue   # "a former chief of the directorate in Bukhara": who the person is, not where
                place = _place_of_prep(doc, t, names)
                if place:
                    return place
                for g in t.children:
                    if g.dep_ == "pobj" and g.pos_ == "NOUN":   # "at Dushanbe airport", "at the Dushanbe City Court"
                        seat = _seat(doc, g, names)
                        if seat:
                            return seat
                    if g.dep_ == "pobj" and g.lemma_.lower() in {"prison", "colony", "court", "city", "facility", "jail"}:
                        for gg in g.children:
                            if gg.dep_ == "prep" and gg.lower_ == "in":
                                for ggg in gg.children:
                                    if ggg.pos_ == "PROPN":
                                        return _propn_phrase(doc, ggg)
            if etype == "EXTRADITE" and t.dep_ == "prep" and t.lower_ == "from":
                for g in t.children:
                    if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.i not in names:
                        return _propn_phrase(doc, g)
        return destination

    def _agent(self, ctx, head) -> tuple[str, bool]:
        """The acting state body as written, lowercase ("police", "court",
        "almaty city prosecutor's office"); (agent, False) when the actor is
        plainly not a state body ("militants detained ...")."""
        subj = self._actors(head, {"nsubj"})
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
        if any(w in self.agents or w in STATE_WORDS for w in text.split()) or text in self.agents \
                or s.ent_type_ in {"GPE", "ORG", "NORP"} or s.lemma_.lower() in self.agents:
            return text, True
        return "", True

    def _measure(self, ctx, head, sp, rule, etype, terms) -> str:
        if rule.measure and (etype == rule.label) and etype != "RELEASE":
            return rule.measure
        low = ctx.sent.text.lower()
        ctoks = sorted(_clause_tokens(head, set()), key=lambda t: t.i)
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
            for word, measure in (("parole", "parole"), ("amnest", "amnesty"), ("pardon", "pardon"), ("bail", "bail")):
                if word in window or (word in low and not re.search(r"(?:den(?:y|ied)|refus\w*|reject\w*)\s+(?:\w+\s+){0,3}" + word, low)):
                    return measure
            if rule.measure:
                return rule.measure
            return ""
        return ""

    def _amount(self, ctx, head) -> str:
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


CHARGE_TYPES = {"ARREST", "INVESTIGATE", "CHARGE", "TRIAL", "CONVICT", "SENTENCE", "FINE", "ACQUIT", "APPEAL"}


@dataclass
class _NameView:
    """The part of a _Context that name finding needs (pass 1 has no full context yet)."""

    doc: object
    names: list


@dataclass
class _Context:
    document: object
    sent: object
    doc: object
    names: list
    dates: list
    registry: object
    last_person: str
    article_for_charge: dict
    earlier_sets: list = field(default_factory=list)   # people named together, earlier in this or the last paragraph


# ------------------------------------------------------------ helpers
def _target_record(t) -> dict:
    return {"text": t.text, "kind": t.kind, "start": t.start, "end": t.end, "count": t.count, "role": t.role,
            "rule": t.rule}


def _event_record(ev) -> dict:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in ev.__dict__.items() if k != "evidence"}


def _interleaved(targets, terms, base: int, doc) -> bool:
    """Each target is followed by its own term: "A to four years and B to three years"."""
    if any(t.start < 0 for t in targets):
        return False
    starts = sorted([(doc[t.start].idx, "t") for t in targets] + [(m.start, "d") for m in terms])
    return [k for _, k in starts] == ["t", "d"] * len(targets)


def _target_sets(mentions, sent) -> list[list[str]]:
    """Sets of two or more PERSON targets of one trigger in this sentence."""
    by_rule: dict[tuple, list[str]] = {}
    for m in mentions:
        ev = m.event
        if ev.char_start == sent.start and ev.target_type == "PERSON":
            key = (ev.event_type, ev.rule_ids[0] if ev.rule_ids else "")
            names = by_rule.setdefault(key, [])
            if ev.target not in names:
                names.append(ev.target)
    return [v for v in by_rule.values() if len(v) >= 2][:1]


def _filled(ev: Event) -> int:
    return sum(bool(getattr(ev, f)) for f in ("date", "charge", "charge_article", "sentence", "location", "agent", "amount"))


def _trigger_head(sp):
    """The token a trigger span hangs on: its first verb, else its first token."""
    for t in sp:
        if t.tag_.startswith("VB"):
            return t
    return sp[0]


def _looks_like_person(span) -> bool:
    toks = [t for t in span if not t.is_punct]
    words = [t for t in toks if t.lower_ not in NAME_PARTICLES]   # "Ola al-Qaradawi" -> Ola, Qaradawi
    return 1 <= len(toks) <= 5 and bool(words) and all(_titlecase(t.text) for t in words) \
        and not any(t.lower_ in DEMONYMS for t in toks)


def _titlecase(word: str) -> bool:
    """"Bokaev", "Nur-Sultan", "O'Brien", "al-Qaradawi" yes; "MEPs", "DVK", "kazakh" no."""
    word = NAME_PARTICLE.sub("", word)
    parts = re.split(r"[-’']", word)
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts if p) and len(word) > 1


# Lowercase particles that open a surname: "al-Kashef", "el-Sisi", "bin Salman", "abu Zeid".
NAME_PARTICLES = {"al", "el", "ul", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le"}
NAME_PARTICLE = re.compile(r"^(?:al|el|ul|bin|ibn|abu|de|da|di|du|van|von|der|la|le)[-’']", re.I)


def _name_at(names, tok):
    for t in names:
        if t.start <= tok.i < t.end:
            return t
    return None


def _token_at(doc, char: int):
    for t in doc:
        if t.idx <= char < t.idx + len(t.text) or t.idx >= char:
            return t
    return None


def _clause_head(tok, trigger_heads):
    """The nearest ancestor (or self) that heads a clause or is a trigger."""
    t = tok
    while True:
        if t.i in trigger_heads or t.dep_ in CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}):
            return t
        if t.head.i == t.i:
            return t
        t = t.head


def _clause_ancestors(head, trigger_heads):
    """Clause heads above a trigger, nearest first; stops at a relative clause
    (a relative clause's date is not its antecedent's)."""
    out = []
    t = head
    while t.head.i != t.i:
        if t.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
            break
        t = t.head
        c = _clause_head(t, trigger_heads)
        if all(c.i != o.i for o in out):
            out.append(c)
        t = c
    return out


def _clause_tokens(head, trigger_heads) -> set:
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


def _in_subclause(doc, target, head) -> bool:
    tok = doc[target.start]
    t = tok
    while t.head.i != t.i and t.i != head.i:
        if t.dep_ in {"relcl", "advcl"}:
            return True
        t = t.head
    return False


SEAT_STOP = {"supreme", "court", "courts", "city", "district", "regional", "administrative", "appeal", "appeals",
             "people", "military", "criminal", "prosecutor", "general", "office", "ministry", "justice",
             "interior", "state", "national", "security", "committee", "service", "constitutional", "high",
             "federal", "republic", "investigative", "police", "department", "'s", "\u2019s", "of", "the",
             "province", "region", "oblast", "judgeship", "peace", "revolutionary", "economic", "first",
             "instance", "central", "internal", "affairs", "directorate", "main", "municipal", "provincial",
             "public", "prison", "penal", "colony", "complex", "detention", "center", "centre"}


def _place_of_prep(doc, prep, names) -> str:
    """The place an "in"/"at" phrase names: "in Pavlodar", "in the northwestern city of
    Tabriz", "authorities in the eastern Turkish city of Van"."""
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        if g.pos_ == "PROPN" and g.i not in names and g.lower_ not in MONTHS and g.lower_ not in WEEKDAYS \
                and not g.text.isdigit():
            return _propn_phrase(doc, g)
        if g.lemma_.lower() in PLACE_NOUNS:
            for c in g.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.pos_ == "PROPN" and p.i not in names:
                            return _propn_phrase(doc, p)
    return ""


def _seat(doc, noun, names) -> str:
    """The place in a body's name: "the Khujand City Court" -> Khujand, "Minsk
    police" -> Minsk, "the People's Court of Dong Thap province" -> Dong Thap."""
    head_words = {"court", "office", "prosecutor", "prosecutors", "police", "authorities", "department",
                  "airport", "judgeship", "tribunal", "directorate", "service", "committee", "administration"}
    if noun.lemma_.lower() not in head_words and noun.lower_ not in head_words:
        if not any(t.lemma_.lower() in head_words for t in noun.subtree if t.i <= noun.i):
            return ""
    for prep in noun.children:   # "the State Security Emergency Court in Aswan": the "in" place wins
        if prep.dep_ == "prep" and prep.lower_ == "in":
            place = _place_of_prep(doc, prep, names)
            if place:
                return place
    span = [t for t in noun.subtree if t.dep_ != "relcl" and not (t.dep_ == "prep" and t.lower_ == "in")]
    run = []
    for t in sorted(span, key=lambda t: t.i):
        if t.i > noun.i + 6:
            break
        place_word = t.pos_ == "PROPN" and any(ch.isalpha() for ch in t.text) and _titlecase(t.text) \
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


def _misparsed_subject(head) -> list:
    """The subject of a verb the small model read as an adjective: "A court in
    Sumgayit fined journalist X", "A Revolutionary Court in Tehran on Tuesday
    sentenced journalist X" -- the last noun phrase head before it."""
    heads = [t for t in head.doc[:head.i] if t.dep_ in {"nsubj", "nsubjpass", "nmod", "npadvmod"}
             and t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "DATE"]
    return heads[-1:]


def _propn_phrase(doc, tok) -> str:
    """A place name with its proper-noun compounds: "Nur-Sultan", "Khujand"."""
    toks = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    toks.sort(key=lambda t: t.i)
    return doc[toks[0].i: toks[-1].i + 1].text.replace("-based", "")


def _last_person_before(ctx, tok) -> str:
    best = ""
    for t in ctx.names:
        if t.kind == "PERSON" and t.end <= tok.i:
            best = ctx.registry.canonical(t.text)
    return best


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


def _jailed_into_sentences(events: list[Event]) -> list[Event]:
    """"Activists imprisoned for their work, including X" with no term or date is
    the imprisonment a SENTENCE row of the same person already states (spec rule
    7: one action, one row): fold it in rather than add an ARREST."""
    sentenced = {normalize.fold(e.target): e for e in events if e.event_type == "SENTENCE" and e.target_type == "PERSON"}
    out = []
    for ev in events:
        if ev.event_type == "ARREST" and "arrest-jail" in ev.rule_ids and not ev.date \
                and normalize.fold(ev.target) in sentenced:
            into = sentenced[normalize.fold(ev.target)]
            into.rule_ids = sorted(set(into.rule_ids) | set(ev.rule_ids))
            continue
        out.append(ev)
    return out


def _charges_by_reference(events: list[Event]) -> list[Event]:
    """"Authorities withdrew the charges", "The court sentenced each to 12 years"
    (spec rule 5): an ACQUIT, CONVICT or SENTENCE without its own charge takes the
    charge of the same target's latest earlier charge, conviction or trial."""
    last: dict[tuple[str, str], Event] = {}
    for ev in events:
        key = (ev.target_type, normalize.fold(ev.target))
        if ev.event_type in {"ACQUIT", "CONVICT", "SENTENCE"} and not ev.charge and key in last \
                and "appeal-reduce" not in ev.rule_ids:
            ev.charge = last[key].charge
            ev.charge_article = ev.charge_article or last[key].charge_article
            ev.rule_ids = sorted(set(ev.rule_ids) | {"charge:reference"})
        if ev.charge and ev.event_type in {"CHARGE", "INVESTIGATE", "ARREST", "TRIAL", "CONVICT"}:
            last[key] = ev
    return events


def _compatible(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or a.target_type != b.target_type:
        return False
    if normalize.fold(a.target) != normalize.fold(b.target):
        return False
    if a.target_type == "GROUP":
        return a.date == b.date and a.target_count == b.target_count and a.evidence == b.evidence
    for f in ("date", "sentence"):
        va, vb = getattr(a, f), getattr(b, f)
        if va and vb and not (va.startswith(vb) or vb.startswith(va)):
            return False
    return True


def _merge(mentions: list[_Mention]) -> list[Event]:
    """One row per event (spec rule 3): mentions of the same type and target
    whose dates and terms agree are merged; evidence is the fullest mention."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        for g in groups:
            if all(_compatible(m.event, o.event) for o in g):
                g.append(m)
                break
        else:
            groups.append([m])
    out = []
    for g in groups:
        best = max(g, key=lambda m: (m.filled, len(m.event.evidence), -m.order))
        ev = best.event
        for m in sorted(g, key=lambda m: m.order):
            for f in ("date", "date_text", "charge", "charge_article", "sentence", "measure", "amount",
                      "location", "agent", "target_role", "target_count"):
                if not getattr(ev, f) and getattr(m.event, f):
                    setattr(ev, f, getattr(m.event, f))
            # the most precise date among agreeing mentions: "2016" + "2016-05" -> "2016-05"
            if m.event.date and len(m.event.date) > len(ev.date) and m.event.date.startswith(ev.date):
                ev.date, ev.date_text = m.event.date, m.event.date_text
            ev.rule_ids = sorted(set(ev.rule_ids) | set(m.event.rule_ids))
            ev.aliases = sorted(set(ev.aliases) | set(m.event.aliases))
        out.append((min(m.order for m in g), ev))
    out.sort(key=lambda p: (p[1].char_start, p[0]))
    return [ev for _, ev in out]
