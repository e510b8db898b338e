"""The event dataset's vocabulary and result types (spec sections 2 and 3).

Everything the extractor finds is a dataclass carrying character offsets, the
raw text and the normalized value; DataFrames/CSVs are built only at export.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

EVENT_TYPES = (
    "ARREST", "INVESTIGATE", "CHARGE", "TRIAL", "CONVICT", "SENTENCE", "FINE",
    "ACQUIT", "RELEASE", "APPEAL", "EXTRADITE", "TRANSFER", "BAN", "DENIAL",
)
TARGET_TYPES = ("PERSON", "ORG", "GROUP")
MEASURES = {
    "ARREST": ("custody", "house_arrest", "psychiatric_detention"),
    "SENTENCE": ("imprisonment", "suspended", "restricted_freedom",
                 "administrative_arrest", "corrective_labor", "death_penalty"),
    "RELEASE": ("parole", "amnesty", "pardon", "bail"),
}
ALL_MEASURES = tuple(m for ms in MEASURES.values() for m in ms)

# Section 3 of the spec, in order; `rule_ids` is ours and always last.
SPEC_COLUMNS = (
    "event_id", "doc_id", "event_type", "target", "target_type", "target_count",
    "target_role", "date", "date_text", "charge", "charge_article", "sentence",
    "measure", "amount", "location", "agent", "evidence", "char_start", "char_end",
)
EVENT_COLUMNS = SPEC_COLUMNS + ("rule_ids",)
PEOPLE_COLUMNS = ("person", "aliases", "roles", "doc_ids", "n_events", "first_event_date")


@dataclass(frozen=True)
class Mention:
    """A piece of text found in a document: where, as written, and normalized."""

    start: int
    end: int
    text: str
    value: str = ""
    rule_id: str = ""


@dataclass
class Event:
    """One row of events.csv before export. Offsets are into the ingested text."""

    doc_id: str
    event_type: str
    target: str
    target_type: str
    evidence: str
    char_start: int
    char_end: int
    target_count: str = ""
    target_role: str = ""
    date: str = ""
    date_text: str = ""
    charge: str = ""
    charge_article: str = ""
    sentence: str = ""
    measure: str = ""
    amount: str = ""
    location: str = ""
    agent: str = ""
    event_id: str = ""
    rule_ids: list[str] = field(default_factory=list)
    # Not exported: surface forms of the target seen in this document.
    aliases: list[str] = field(default_factory=list)
    # Not exported: the trigger's character offsets in the text (for doc.spans and displaCy).
    trigger: tuple[int, int] = ()

    def to_row(self) -> dict[str, str]:
        """Return the CSV row: every column of EVENT_COLUMNS as a string."""
        row = {}
        for name in EVENT_COLUMNS:
            value = getattr(self, name)
            if name == "rule_ids":
                value = ";".join(sorted(set(value)))
            row[name] = "" if value is None else str(value)
        return row


EVENT_FIELDS = {f.name for f in fields(Event)}
