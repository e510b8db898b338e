"""The document pass: names first, then every parsed sentence's mentions, then merging."""
from __future__ import annotations

import bisect

from pipeline import normalize
from pipeline import stages
from pipeline.extract.charges import article_map
from pipeline.extract.context import (
    DocContext, EventMention, NameView, SentenceContext, Target, event_record, target_record,
)
from pipeline.extract.mentions import sentence_events
from pipeline.extract.merge import (
    charges_by_reference, filled_slots, jailed_into_sentences, merge_mentions, target_sets,
)
from pipeline.extract.names import find_names, list_candidates, mark_known_people, person_regex
from pipeline.schema import Event


class EventExtractor:
    """Turns one document's parsed sentences into Events (see module doc)."""

    def __init__(self, rules, decide=None):
        self.rules = rules
        # the decision slot: candidates the rules found -> the ones kept (rules | model | both)
        self.decide = decide or (lambda mentions: mentions)
        # the recall booster: (document, sentence) -> score when flagged for a looser pass, else None
        self.boost = None

    def extract(self, document, sents, parsed) -> list[Event]:
        """Events of `document` from its sentences and the (Sentence, Doc) pairs that were parsed."""
        dump = stages.new_dump()
        dc = self._document_context(document, sents, parsed, dump)
        for n, sent in enumerate(sents):
            i = dc.parsed_by_start.get(sent.start)
            if i is not None and sent.doc is None:
                self._sentence_mentions(dc, sent, i, n)
            else:
                dc.previous = None   # only the sentence right before can be continued
            # Remember the last person named in this paragraph, for "her"/"his" later on.
            if dc.person_rx is not None:
                found = dc.person_rx.findall(sent.text)
                if found:
                    dc.last_person[sent.para] = dc.registry.canonical(found[-1])
                    dc.last_person_at[sent.para] = n
        mentions = self.decide(dc.mentions)
        if dump is not None:
            for m in mentions:
                dump.add("mentions", order=m.order, filled=m.filled, **event_record(m.event))
        events = charges_by_reference(jailed_into_sentences(merge_mentions(mentions)))
        if dump is not None:
            for ev in events:
                dump.add("events", **event_record(ev))
            dump.write(document.doc_id)
        return events

    def _document_context(self, document, sents, parsed, dump=None) -> DocContext:
        """Pass 1: dates, and every name the parsed sentences give, in document order, so a
        surname-only mention resolves to the fullest name anywhere in the text."""
        text = document.text
        # A dateline's date is when the dispatch was filed, not when its events happened.
        filed = {start for start, _ in normalize.dateline_spans(text)}
        dates = [d for d in normalize.find_dates(text, document.report_year) if d.value and d.start not in filed]
        registry = normalize.NameRegistry()
        names_by_sent = []
        for sent, doc in parsed:
            names = find_names(doc)
            for t in names:
                if t.kind == "PERSON":
                    registry.add(t.text)
            # names in a list the NER missed ("... and Babek Hasanov to three years") are
            # registered too, whichever sentences the pre-pass chose to parse
            for t in list_candidates(NameView(doc, names)):
                if t.rule == "name:list" and t.start > 0 and doc[t.start - 1].text in {",", "and"}:
                    registry.add(t.text)
            names_by_sent.append(names)
            if dump is not None:
                dump.add("names", sent=sent.start, names=[target_record(t) for t in names])
        # A later surname-only mention the NER missed or called ORG: "Yerimbetov was sentenced".
        for (sent, doc), names in zip(parsed, names_by_sent):
            mark_known_people(doc, names, registry)
        return DocContext(document=document, parsed=parsed, dates=dates, date_starts=[d.start for d in dates],
                          registry=registry, names_by_sent=names_by_sent,
                          article_for_charge=article_map(sents), person_rx=person_regex(registry),
                          parsed_by_start={s.start: i for i, (s, _) in enumerate(parsed)}, dump=dump)

    def _sentence_mentions(self, dc: DocContext, sent, i: int, n: int = 0) -> None:
        """The mentions of parsed sentence `i`, added to the document context."""
        s, doc = dc.parsed[i]
        lo = bisect.bisect_left(dc.date_starts, sent.start)
        hi = bisect.bisect_left(dc.date_starts, sent.end)
        sent_dates = [d for d in dc.dates[lo:hi] if d.end <= sent.end]
        ctx = SentenceContext(dc.document, sent, doc, dc.names_by_sent[i], sent_dates, dc.registry,
                       dc.last_person.get(sent.para, ""), dc.article_for_charge,
                       [(para, p) for para, p in dc.sets if para >= sent.para - 1], dump=dc.dump,
                       **group_referents(dc, sent.para))
        if self.boost is not None:
            ctx.boost = self.boost.for_sentence(dc.document, sent)
        mentions = dc.mentions
        before = len(mentions)
        for ev in sentence_events(ctx, self.rules):
            dc.order += 1
            mentions.append(EventMention(ev, filled_slots(ev), dc.order))
        # "On January 18, the court convicted A, B and C. The court sentenced each to
        # 12 years." -- a sentence that points back at the people of the one before
        # ("each", "the five", "the opposition leader") and gives no date of its own
        # continues that sentence's occasion (spec rule 4)
        previous = dc.previous
        if not sent_dates and previous is not None and previous[0] == sent.para:
            for m in mentions[before:]:
                if not m.event.date and any(r.startswith("coref:plural") or r.startswith("coref:definite")
                                            for r in m.event.rule_ids):
                    m.event.date, m.event.date_text = previous[1]
                    m.event.rule_ids.append("date:continued")
        dated = [m.event for m in mentions[before:] if m.event.date]
        dc.previous = (sent.para, (dated[-1].date, dated[-1].date_text)) if dated else None
        # unnamed people this sentence made targets, for "he"/"them" later in the paragraph
        for m in mentions[before:]:
            ev = m.event
            if ev.target_type == "GROUP" and ev.target and not any(r.startswith("coref:") for r in ev.rule_ids):
                key = (sent.para, "one" if ev.target_count == "1" else "many")
                dc.last_groups[key] = (n, Target(ev.target, "GROUP", -1, -1, count=ev.target_count, rule="coref:group"))
        # people this sentence made targets together, for "The five were charged" later
        for group in target_sets(mentions, sent):
            dc.sets.append((sent.para, group))


def group_referents(dc: DocContext, para) -> dict:
    """The unnamed one and the unnamed several a pronoun of this paragraph may point back to:
    "police detained a 31-year-old man ... He was charged", "arrested six activists ...
    police released them". The one only when no person was named after it."""
    one = dc.last_groups.get((para, "one"))
    many = dc.last_groups.get((para, "many"))
    named = dc.last_person_at.get(para, -1) if para in dc.last_person else -1
    return {"group_one": one[1] if one and one[0] >= named else None,
            "group_many": many[1] if many else None}
