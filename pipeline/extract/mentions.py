"""Event mentions of one parsed sentence: triggers, non-event checks, targets, slots."""
from __future__ import annotations

import re

from pipeline.schema import Event
from pipeline.extract.charges import CHARGE_TYPES
from pipeline.extract.context import _target_record
from pipeline.extract.syntax import _interleaved, _trigger_head
from pipeline.extract.triggers import _is_recommendation, _non_event


class MentionsMixin:
    """Event mentions of one sentence."""

    def _sentence_events(self, ctx):
        doc = ctx.doc
        dump = ctx.dump
        spans = list(doc.spans.get("triggers", []))
        recommendation = _is_recommendation(ctx.sent, doc)
        if recommendation:
            if dump is not None:
                for sp in spans:
                    self._dump_trigger(ctx, sp, recommendation)
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

    def _dump_trigger(self, ctx, sp, reason) -> None:
        """A trigger's fate in the stage dump: kept (reason ""), or why not -- a context
        rule (its category and id) or a step of the extractor ("nested", "no-target", ...)."""
        context_rule = getattr(reason, "id", "")
        reason = getattr(reason, "category", reason)
        ctx.dump.add("triggers", sent=ctx.sent.start, trigger=sp.text, rule=sp.id_, label=sp.label_,
                       start=ctx.sent.start + sp.start_char, end=ctx.sent.start + sp.end_char,
                       kept=not reason, reason=reason, context_rule=context_rule)
