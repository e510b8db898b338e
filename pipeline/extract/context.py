"""What the rules work on: targets, mentions, the sentence context, the document context."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.schema import Event


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
class EventMention:
    """An event mention before merging: the Event plus what merging needs."""

    event: Event
    filled: int = 0
    order: int = 0


@dataclass
class NameView:
    """The part of a SentenceContext that name finding needs (pass 1 has no full context yet)."""

    doc: object
    names: list


@dataclass
class SentenceContext:
    document: object
    sent: object
    doc: object
    names: list
    dates: list
    registry: object
    last_person: str
    article_for_charge: dict
    earlier_sets: list = field(default_factory=list)   # people named together, earlier in this or the last paragraph
    dump: object = None      # the document's StageDump (--dump-stages), else None
    # the last unnamed one (count 1) and the last unnamed several that earlier sentences of this
    # paragraph made targets, for "he"/"them" when no person was named since (Target or None)
    group_one: object = None
    group_many: object = None
    # the learned booster (pipeline/learn/booster.py SentenceBoost): the sentence's score,
    # computed when first asked, and its looser target pass; None without a booster
    boost: object = None


@dataclass
class DocContext:
    """State that runs across the sentences of one document: its dates, the name
    registry and the names of each parsed sentence, the last person named in each
    paragraph, the people named together, the date of the last parsed sentence,
    and the mentions found so far."""

    document: object
    parsed: list                      # (Sentence, parsed Doc) pairs
    dates: list
    date_starts: list
    registry: object
    names_by_sent: list
    article_for_charge: dict
    person_rx: object
    parsed_by_start: dict
    last_person: dict = field(default_factory=dict)       # paragraph -> canonical name
    last_person_at: dict = field(default_factory=dict)    # paragraph -> index of the sentence that named them
    last_groups: dict = field(default_factory=dict)       # (paragraph, "one"|"many") -> (sentence index, Target)
    sets: list = field(default_factory=list)              # (paragraph, [names]) targeted together
    previous: tuple | None = None     # (paragraph, (date, date_text)) of the last parsed sentence
    mentions: list = field(default_factory=list)
    order: int = 0
    dump: object = None      # the document's StageDump (--dump-stages), else None


def target_record(t) -> dict:
    return {"text": t.text, "kind": t.kind, "start": t.start, "end": t.end, "count": t.count, "role": t.role,
            "rule": t.rule}


def event_record(ev) -> dict:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in ev.__dict__.items() if k != "evidence"}
