"""What the review outputs read from a run's folder: the CSVs (as written, or with
the formula escape undone), the paragraph of the ingested text that holds each
event's evidence, and where in that evidence its trigger and slots are written.

events.csv keeps slot values normalized ("2019-03", "P5Y", a canonical name)
but not their offsets, so the spans are found again in the evidence: the date
as written (`date_text`), the target or its surname, the charge with quotes and
case ignored, the term whose ISO value equals `sentence`, the place. A value not
found in the evidence simply has no span.
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.export import unneutralize

# Span labels, in the order the report's legend and Label Studio's config list them.
LABELS = ("TRIGGER", "TARGET", "DATE", "CHARGE", "TERM", "PLACE")
CONTEXT_CHARS = 1500   # at most this much of a paragraph either side of the evidence
SLOT_COLUMNS = {"TARGET": "target", "DATE": "date", "CHARGE": "charge", "TERM": "sentence", "PLACE": "location"}


def read_rows(path: Path, raw: bool = False) -> list[dict[str, str]]:
    """Rows of one of the run's CSVs; `raw` keeps cells exactly as written (formula escape included)."""
    path = Path(path)
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if raw:
        return rows
    return [{k: unneutralize(v or "") for k, v in row.items()} for row in rows]


class Texts:
    """The ingested texts of a run (OUT/texts/<doc_id>.txt), read once each."""

    def __init__(self, out_dir: Path):
        self.dir = Path(out_dir) / "texts"
        self._cache: dict[str, str] = {}

    def get(self, doc_id: str) -> str:
        if doc_id not in self._cache:
            p = self.dir / f"{doc_id}.txt"
            self._cache[doc_id] = p.read_text(encoding="utf-8") if p.exists() else ""
        return self._cache[doc_id]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of `text` around [start, end) — the CLI reads a report line by line."""
    p0 = text.rfind("\n", 0, max(start, 0)) + 1
    p1 = text.find("\n", max(end, start))
    return p0, (len(text) if p1 < 0 else p1)


def event_paragraph(texts: Texts, row: dict[str, str]) -> tuple[int, str, int, int]:
    """(paragraph start in the document, paragraph text, evidence start and end within it).
    Without the ingested text the evidence itself is the paragraph."""
    text = texts.get(row["doc_id"])
    evidence = row.get("evidence", "")
    try:
        start, end = int(row["char_start"]), int(row["char_end"])
    except (KeyError, ValueError):
        start, end = -1, -1
    if not text or start < 0 or text[start:end] != evidence:
        found = text.find(evidence) if text and evidence else -1
        if found < 0:
            return 0, evidence, 0, len(evidence)
        start, end = found, found + len(evidence)
    p0, p1 = paragraph_bounds(text, start, end)
    # a very long line (a PDF's text layer, say) is cut to a window around the evidence
    p0, p1 = max(p0, start - CONTEXT_CHARS), min(p1, end + CONTEXT_CHARS)
    return p0, text[p0:p1], start - p0, end - p0


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, tuple[list[str], str]]:
    """rule id -> (words its pattern lists, event type), from patterns/triggers.jsonl."""
    out: dict[str, tuple[list[str], str]] = {}
    src = resources.files("pipeline") / "patterns" / "triggers.jsonl"
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rule = json.loads(line)
        words: list[str] = []
        for tok in rule.get("pattern", []):
            for key in ("LOWER", "LEMMA", "ORTH", "TEXT"):
                val = tok.get(key)
                if isinstance(val, str):
                    words.append(val)
                elif isinstance(val, dict):
                    words.extend(val.get("IN", []))
        out[rule["id"]] = (words, rule.get("label", ""))
    return out


def _word_rx(words: list[str]) -> re.Pattern | None:
    words = sorted({w.lower() for w in words if w and w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)


_TYPE_WORDS = {
    "ARREST": ["arrest", "detain", "custody", "apprehend", "jail", "imprison"], "INVESTIGATE": ["investigat", "case"],
    "CHARGE": ["charg", "indict", "prosecut", "suspicion"], "TRIAL": ["trial", "tried", "hearing"],
    "CONVICT": ["convict", "guilty"], "SENTENCE": ["sentenc", "jail", "imprison", "term"], "FINE": ["fine"],
    "ACQUIT": ["acquit", "dropped", "withdr", "closed", "quash"], "RELEASE": ["releas", "freed", "free"],
    "APPEAL": ["appeal", "upheld", "uphold"], "EXTRADITE": ["extradit", "deport", "expel", "return"],
    "TRANSFER": ["transfer", "moved"], "BAN": ["ban", "block", "liquidat", "dissolv", "shut", "designat"],
    "DENIAL": ["denied", "deny", "refus", "reject"],
}


def find_trigger(row: dict[str, str], evidence: str) -> tuple[int, int]:
    """Where the trigger is in the evidence: a word its trigger rule lists, else a word
    of its event type; the whole evidence when neither is written there."""
    rules = _trigger_words()
    words: list[str] = []
    for rid in (row.get("rule_ids") or "").split(";"):
        if rid in rules:
            words.extend(rules[rid][0])
    for ws in (words, _TYPE_WORDS.get(row.get("event_type", ""), [])):
        rx = _word_rx(ws)
        m = rx.search(evidence) if rx else None
        if m:
            return m.start(), m.end()
    return 0, len(evidence)


def _loose_rx(value: str) -> re.Pattern | None:
    """A value's words in order, any punctuation, quotes or spacing between them."""
    words = re.findall(r"\w+", value)
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?!\w)", re.I)


def _find_text(value: str, evidence: str) -> tuple[int, int] | None:
    rx = _loose_rx(value) if value else None
    m = rx.search(evidence) if rx else None
    return (m.start(), m.end()) if m else None


def _find_target(row: dict[str, str], evidence: str, aliases: list[str]) -> tuple[int, int] | None:
    target = row.get("target", "")
    for cand in [target, *aliases]:
        hit = _find_text(cand, evidence)
        if hit:
            return hit
    if row.get("target_type") == "PERSON":
        parts = target.split()
        for part in reversed(parts):   # the surname first ("authorities released Ayan")
            if len(part) > 2:
                hit = _find_text(part, evidence)
                if hit:
                    return hit
    return None


def _find_term(value: str, evidence: str) -> tuple[int, int] | None:
    from pipeline.normalize.durations import find_durations
    for m in find_durations(evidence):
        if m.value == value:
            return m.start, m.end
    return None


def find_spans(row: dict[str, str], evidence: str, aliases: list[str] | None = None) -> list[tuple[str, int, int]]:
    """(label, start, end) of the trigger and of each slot found in `evidence`, by start."""
    spans = [("TRIGGER", *find_trigger(row, evidence))]
    found = {
        "TARGET": _find_target(row, evidence, aliases or []),
        "DATE": _find_text(row.get("date_text", ""), evidence),
        "CHARGE": _find_text(row.get("charge", ""), evidence),
        "TERM": _find_term(row.get("sentence", ""), evidence) if row.get("sentence") else None,
        "PLACE": _find_text(row.get("location", ""), evidence),
    }
    spans.extend((label, *hit) for label, hit in found.items() if hit)
    return sorted(spans, key=lambda s: (s[1], -s[2]))


def aliases_by_person(people_rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """person -> the other spellings people.csv lists for them."""
    return {r["person"]: [a for a in r.get("aliases", "").split("; ") if a] for r in people_rows}
