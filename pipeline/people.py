"""Aggregate events into people.csv: one row per canonical person."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.schema import Event


@dataclass
class PersonRecord:
    """What the run knows of one canonical person across documents."""

    person: str
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    n_events: int = 0
    dates: set[str] = field(default_factory=set)

    def to_row(self) -> dict[str, object]:
        """The people.csv row; lists are `; `-joined and sorted for determinism."""
        return {
            "person": self.person,
            "aliases": "; ".join(sorted(self.aliases - {self.person})),
            "roles": "; ".join(sorted(self.roles)),
            "doc_ids": "; ".join(sorted(self.doc_ids)),
            "n_events": self.n_events,
            "first_event_date": min(self.dates) if self.dates else "",
        }


class People:
    """Collects PERSON targets as documents finish."""

    def __init__(self) -> None:
        self._by_name: dict[str, PersonRecord] = {}

    def add(self, events: list[Event]) -> None:
        """Count one document's events towards their targets."""
        for ev in events:
            if ev.target_type != "PERSON" or not ev.target:
                continue
            rec = self._by_name.setdefault(ev.target, PersonRecord(ev.target))
            rec.aliases.update(a for a in ev.aliases if a)
            if ev.target_role:
                rec.roles.add(ev.target_role)
            rec.doc_ids.add(ev.doc_id)
            rec.n_events += 1
            if ev.date:
                rec.dates.add(ev.date)

    def rows(self) -> list[dict[str, object]]:
        """All people, sorted by name."""
        return [self._by_name[k].to_row() for k in sorted(self._by_name)]
