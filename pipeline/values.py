"""Values checked at the record boundary, before a row is written (issue 11).

The extractor cuts names out of the parse; a cut inside a compound leaves
pieces such as target `-Inkingi` (from "FDU-Inkingi") or location `-`. Such a
value is not a name: a text slot that is only punctuation, or that starts or
ends with a hyphen glued to a letter or digit (the other half of the compound
is missing), is emptied; an event whose target is such a piece is dropped (a
row needs its target). Normalization itself (pipeline/normalize.py) is not
changed: this is the one place every event passes before export.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.schema import Event

TEXT_SLOTS = ("target", "target_role", "charge", "charge_article", "location", "agent")
_CUT = re.compile(r"^[-\u2010\u2011\u2012\u2013]\w|\w[-\u2010\u2011\u2012\u2013]$")


def is_bad(value: str) -> bool:
    """True for a value that is only punctuation/symbols, or half of a hyphenated compound."""
    v = value.strip()
    if not v:
        return False
    if all(unicodedata.category(c)[0] in "PSZ" for c in v):
        return True
    return bool(_CUT.search(v))


def clean_events(events: list[Event]) -> list[Event]:
    """`events` without pieces of words: bad slot values emptied, events with a bad target dropped."""
    kept = []
    for ev in events:
        if is_bad(ev.target):
            continue
        for slot in TEXT_SLOTS[1:]:
            if is_bad(getattr(ev, slot)):
                setattr(ev, slot, "")
        ev.aliases = [a for a in ev.aliases if not is_bad(a)]
        kept.append(ev)
    return kept
