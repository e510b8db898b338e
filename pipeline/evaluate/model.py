"""The evaluation's records and figures: event rows, counts, scores, results, errors."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from pipeline.normalize import fold
from pipeline.schema import EVENT_TYPES, SPEC_COLUMNS


SLOT_COLUMNS = ("date", "charge", "charge_article", "sentence", "measure", "location")


IGNORED_GOLD_COLUMNS = ("event_id", "char_start", "char_end")


GOLD_REQUIRED = tuple(c for c in SPEC_COLUMNS if c not in IGNORED_GOLD_COLUMNS)


PRED_REQUIRED = ("doc_id", "event_type", "target", "target_type", "target_count") + SLOT_COLUMNS + ("evidence",)


SIMILARITY = 0.8


STOPWORDS = frozenset({"a", "an", "the", "of", "and", "for", "in", "on", "at", "to", "by", "with",
                       "de", "du", "des", "la", "le", "del"})


ARTICLE_NUMBER = re.compile(r"\d+(?:\.\d+)*(?:\(\d+\))*")


_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


_DURATION = re.compile(r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")


_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")  # what pipeline.export escapes with "'"


_MAX_ERRORS = 50


class EvalError(ValueError):
    """Input the scorer cannot use; ``errors`` lists every problem, one per line."""

    def __init__(self, errors: list[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        shown = self.errors[:_MAX_ERRORS]
        more = len(self.errors) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more > 0 else [])))


class GoldError(EvalError):
    """A gold file breaks the spec (section 5): the message names the file and row."""


class PredictionError(EvalError):
    """The predicted events.csv is missing or lacks columns the scorer needs."""


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing was to find."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to find and nothing was predicted."""
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        """True when there was nothing to find and nothing predicted."""
        return self.tp == self.fp == self.fn == 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rounded P/R/F1 for eval.json."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    """Event counts (overall and per event_type) and slot counts of one scope."""

    events: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=dict)
    slots: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in SLOT_COLUMNS})

    @property
    def argument(self) -> Counts:
        """The headline: event counts plus every slot column's counts, summed."""
        total = Counts(self.events.tp, self.events.fp, self.events.fn)
        for c in self.slots.values():
            total = total + c
        return total

    def __add__(self, other: "Score") -> "Score":
        types = {t: self.by_type.get(t, Counts()) + other.by_type.get(t, Counts())
                 for t in set(self.by_type) | set(other.by_type)}
        slots = {c: self.slots[c] + other.slots[c] for c in SLOT_COLUMNS}
        return Score(self.events + other.events, _order_types(types), slots)

    def to_dict(self) -> dict[str, object]:
        """All figures of this scope for eval.json."""
        return {"events": self.events.to_dict(),
                "by_type": {t: c.to_dict() for t, c in _order_types(self.by_type).items()},
                "slots": {s: self.slots[s].to_dict() for s in SLOT_COLUMNS},
                "argument": self.argument.to_dict()}


@dataclass
class EventRow:
    """One gold or predicted event, reduced to what scoring needs (all strings stripped)."""

    doc_id: str
    event_type: str
    target: str
    target_type: str
    target_count: str
    slots: dict[str, str]
    evidence: str
    origin: str                     # "corpus/gold/x.csv row 4"
    index: int                      # position in its file(s), for stable ordering
    spans: tuple[tuple[int, int], ...] = ()
    context: str = ""               # the evidence sentence, for the report
    offsets: tuple[int, int] | None = None   # a prediction's char_start/char_end
    folded_evidence: str = field(init=False, repr=False, default="")

    def __post_init__(self) -> None:
        self.folded_evidence = fold(self.evidence)

    @property
    def position(self) -> int:
        """Where the evidence starts in the text (large when unknown), for sorting."""
        return self.spans[0][0] if self.spans else sys.maxsize

    def describe(self) -> dict[str, str]:
        """Target and non-empty slot values, for the report."""
        out = {"doc_id": self.doc_id, "event_type": self.event_type, "target": self.target,
               "target_type": self.target_type}
        if self.target_count:
            out["target_count"] = self.target_count
        out.update({c: v for c, v in self.slots.items() if v})
        out["evidence"] = self.context or self.evidence
        out["source"] = self.origin
        return out


@dataclass
class SlotDiff:
    """A matched pair whose slot value differs or is missing on one side."""

    gold: EventRow
    pred: EventRow
    column: str

    def describe(self) -> dict[str, str]:
        """The pair and both values, for the report."""
        return {"doc_id": self.gold.doc_id, "event_type": self.gold.event_type,
                "target": self.gold.target, "predicted_target": self.pred.target, "slot": self.column,
                "gold": self.gold.slots[self.column], "predicted": self.pred.slots[self.column],
                "evidence": self.gold.context or self.gold.evidence, "source": self.gold.origin,
                "predicted_source": self.pred.origin}


@dataclass
class DocResult:
    """Score and the matching of one document."""

    doc_id: str
    score: Score
    matches: list[tuple[EventRow, EventRow]]   # (gold, predicted)
    missed: list[EventRow]
    spurious: list[EventRow]
    wrong_slots: list[SlotDiff]
    n_gold: int
    n_pred: int


@dataclass
class EvalResult:
    """The whole evaluation: per document, overall, and what was left out."""

    docs: dict[str, DocResult]
    overall: Score
    ignored_rows: int = 0
    ignored_docs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    gold_files: list[str] = field(default_factory=list)
    pred_file: str = ""

    def to_dict(self) -> dict[str, object]:
        """Everything eval.json holds."""
        docs = list(self.docs.values())
        return {
            "gold_files": self.gold_files,
            "pred_file": self.pred_file,
            "documents_scored": len(docs),
            "gold_events": sum(d.n_gold for d in docs),
            "predicted_events": sum(d.n_pred for d in docs),
            "ignored_predictions": {"rows": self.ignored_rows, "documents": self.ignored_docs},
            "overall": self.overall.to_dict(),
            "documents": {d.doc_id: {"gold_events": d.n_gold, "predicted_events": d.n_pred,
                                     **d.score.to_dict()} for d in docs},
            "missed": [r.describe() for d in docs for r in d.missed],
            "spurious": [r.describe() for d in docs for r in d.spurious],
            "wrong_slots": [w.describe() for d in docs for w in d.wrong_slots],
            "warnings": self.warnings,
        }


@dataclass
class Gold:
    """Validated gold events with the ingested texts of their documents."""

    rows: list[EventRow]
    texts: dict[str, str]
    files: list[str]

    @property
    def doc_ids(self) -> list[str]:
        """The documents that are scored, sorted."""
        return sorted(self.texts)

    @classmethod
    def merged(cls, golds: list["Gold"]) -> "Gold":
        """Several gold sets (folders) scored as one."""
        return cls([r for g in golds for r in g.rows], {d: t for g in golds for d, t in g.texts.items()},
                   [f for g in golds for f in g.files])


def _order_types(by_type: dict[str, Counts]) -> dict[str, Counts]:
    known = [t for t in EVENT_TYPES if t in by_type]
    return {t: by_type[t] for t in known + sorted(set(by_type) - set(known))}


def _n(k: int, noun: str) -> str:
    return f"{k} {noun}{'' if k == 1 else 's'}"
