"""Event mentions of one parsed sentence: triggers, non-event checks, targets, slots."""
from __future__ import annotations

import re

from pipeline.extract.charges import CHARGE_TYPES, find_article, find_charge
from pipeline.extract.context import target_record
from pipeline.extract.measure import find_amount, find_measure
from pipeline.extract.place import find_agent, find_location
from pipeline.extract.syntax import interleaved, trigger_head
from pipeline.extract.targets import find_targets
from pipeline.extract.time import find_date, find_terms
from pipeline.extract.triggers import is_recommendation, non_event
from pipeline.schema import Event


def sentence_events(ctx, rules):
    doc = ctx.doc
    dump = ctx.dump
    spans = list(doc.spans.get("triggers", []))
    recommendation = is_recommendation(ctx.sent, doc)
    if recommendation:
        if dump is not None:
            for sp in spans:
                dump_trigger(ctx, sp, recommendation)
        return
    # One trigger per head token: the longest (most specific) match wins,
    # "placed ... under house arrest" over a bare "arrest".
    best: dict[int, object] = {}
    for sp in spans:
        head = trigger_head(sp)
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
                dump_trigger(ctx, sp, "nested")
            continue
        triggers.append(sp)
    # Verbal triggers partition the sentence into clauses; a nominal one
    # ("three days' arrest") stays inside its verb's clause.
    trigger_heads = {trigger_head(sp).i for sp in triggers if trigger_head(sp).tag_.startswith("VB")}
    used_targets: set[tuple[int, str]] = set()
    for sp in triggers:
        rule = rules[sp.id_]
        head = trigger_head(sp)
        reason = non_event(head, sp, rule)
        if reason:
            if dump is not None:
                dump_trigger(ctx, sp, reason)
            continue
        if rule.requires and not any(re.search(r"\b" + w + r"\b", doc.text[sp.end_char:].lower())
                                     for w in rule.requires):
            if dump is not None:
                dump_trigger(ctx, sp, "requires")
            continue
        if rule.unless and any(re.search(r"\b" + w + r"\b", doc.text.lower()) for w in rule.unless):
            if dump is not None:
                dump_trigger(ctx, sp, "unless")
            continue
        targets = find_targets(ctx, sp, head, rule, trigger_heads)
        if dump is not None:
            dump.add("targets", sent=ctx.sent.start, trigger=sp.text, rule=rule.id,
                     targets=[target_record(t) for t in targets])
        boosted = False
        if not targets and ctx.boost is not None:
            targets = ctx.boost.targets(ctx, sp, head)   # a flagged sentence's looser pass
            boosted = bool(targets)
        if not targets:
            if dump is not None:
                dump_trigger(ctx, sp, "no-target")
            continue
        etype = rule.label
        terms = find_terms(ctx, head, trigger_heads)
        if rule.upgrade and terms:
            etype = rule.upgrade
        if rule.needs_term and not terms:
            if dump is not None:
                dump_trigger(ctx, sp, "needs-term")
            continue
        date = find_date(ctx, head, trigger_heads, inherit=not rule.needs_term)
        if date is not None and rule.dated_by and \
                not re.search(r"\b(?:" + "|".join(rule.dated_by) + r")\s+$", ctx.document.text[:date.start].lower()):
            date = None   # "remained in prison as of December": a status date, not the event's (C2)
        charge, charge_rule = find_charge(ctx, sp, head)
        article = find_article(ctx, head, charge)
        location = find_location(ctx, head, sp, etype)
        agent, agent_ok = find_agent(ctx, head)
        if not agent_ok:
            if dump is not None:
                dump_trigger(ctx, sp, "non-state-agent")
            continue
        if dump is not None:
            dump_trigger(ctx, sp, "")
        # "A and B to seven and five years, respectively"; "A to four years and B to three years"
        respectively = len(terms) > 1 and len(terms) == len(targets) and (
            "respectively" in doc.text.lower() or interleaved(targets, terms, ctx.sent.start, doc))
        for n, tgt in enumerate(targets):
            key = (tgt.start, tgt.text, etype)
            if key in used_targets:
                continue
            used_targets.add(key)
            if tgt.kind == "GROUP" and not (tgt.count or date or location or definite_group(doc, tgt)):
                continue  # spec rule 2: only specific group events
            ev = Event(
                doc_id=ctx.document.doc_id, event_type=etype, target=tgt.text, target_type=tgt.kind,
                evidence=ctx.sent.text, char_start=ctx.sent.start, char_end=ctx.sent.end,
                target_count=tgt.count, target_role=tgt.role,
                trigger=(ctx.sent.start + sp.start_char, ctx.sent.start + sp.end_char),
            )
            if date:
                ev.date, ev.date_text = date.value, date.text
            if etype == "SENTENCE" and terms:
                ev.sentence = (terms[n] if respectively else terms[0]).value
            if etype in CHARGE_TYPES:
                ev.charge = charge
                ev.charge_article = article
            if etype == "FINE":
                ev.amount = find_amount(ctx, head)
            ev.measure = find_measure(ctx, head, sp, rule, etype, terms)
            ev.location = location
            ev.agent = agent
            ev.rule_ids = [rule.id] + ([tgt.rule] if tgt.rule else []) + ([charge_rule] if charge_rule else [])
            if boosted:
                ev.rule_ids.append(f"sentcat:{ctx.boost.score:.2f}")
            ev.aliases = [tgt.text]
            yield ev
            # "sentenced X to 15 years in prison and a fine of 29,600 rubles"
            # ("... and fines of 150,000 Comorian francs", "... and a 46,000 ruble fine", "... and fines")
            fined = rule.also == "FINE" and \
                re.search(r"\band\s+(?:(?:a|an)\s+)?(?:[\d.,]+[\s-]+\w+\s+)?fines?\b", doc.text[sp.end_char:])
            amount = find_amount(ctx, head) if fined else ""
            if rule.also and (terms if rule.also == "SENTENCE" else fined):
                # "reduced Tursunzoda's term on appeal to four years": also a new SENTENCE;
                # "sentenced X to 15 years and a fine of 29,600 rubles": also a FINE
                extra = Event(**{k: v for k, v in ev.__dict__.items() if k not in {"rule_ids", "aliases"}})
                extra.event_type = rule.also
                extra.sentence = terms[-1].value if rule.also == "SENTENCE" else ""
                extra.amount = amount
                extra.measure = find_measure(ctx, head, sp, rule, rule.also, terms)
                extra.rule_ids, extra.aliases = [rule.id], [tgt.text]
                yield extra


def definite_group(doc, tgt) -> bool:
    """A group the text points at is specific (spec rule 2): "the perpetrators of the May
    attacks", "the guards", "these individuals" (a pronoun is not: "detained persons for a
    few days before releasing them" speaks of a practice)."""
    if not 0 <= tgt.start < len(doc):
        return False
    head = doc[tgt.end - 1] if tgt.end - 1 < len(doc) else doc[tgt.start]
    return any(c.dep_ == "det" and c.lower_ in {"the", "these"} for c in head.children)


def dump_trigger(ctx, sp, reason) -> None:
    """A trigger's fate in the stage dump: kept (reason ""), or why not -- a context
    rule (its category and id) or a step of the extractor ("nested", "no-target", ...)."""
    context_rule = getattr(reason, "id", "")
    reason = getattr(reason, "category", reason)
    ctx.dump.add("triggers", sent=ctx.sent.start, trigger=sp.text, rule=sp.id_, label=sp.label_,
                   start=ctx.sent.start + sp.start_char, end=ctx.sent.start + sp.end_char,
                   kept=not reason, reason=reason, context_rule=context_rule)
