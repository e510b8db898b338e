"""Merging mentions into events (spec rules 3, 5, 7)."""
from __future__ import annotations

from pipeline import normalize
from pipeline.extract.context import EventMention
from pipeline.schema import Event


def target_sets(mentions, sent) -> list[list[str]]:
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


def filled_slots(ev: Event) -> int:
    return sum(bool(getattr(ev, f)) for f in ("date", "charge", "charge_article", "sentence", "location", "agent", "amount"))


def jailed_into_sentences(events: list[Event]) -> list[Event]:
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


def charges_by_reference(events: list[Event]) -> list[Event]:
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


def merge_mentions(mentions: list[EventMention]) -> list[Event]:
    """One row per event (spec rule 3): mentions of the same type and target
    whose dates and terms agree are merged; evidence is the fullest mention."""
    groups: list[list[EventMention]] = []
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
