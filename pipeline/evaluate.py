"""Score predicted events against hand-annotated gold files (spec section 6).

    python -m pipeline evaluate --gold corpus/gold --pred outputs/events.csv --out outputs

Prints a summary table and writes OUT/eval.json (every figure) and OUT/eval.md
(the tables, then every missed event, spurious event and wrong slot with its
evidence sentence, so one can see why a number is what it is).

Decisions where the spec is silent (each one is covered by tests/test_evaluate.py):

* Targets. PERSON and ORG may match each other (annotators and the extractor
  disagree on "Ata-Meken" being a person's party or an organization), GROUP
  only matches GROUP. The name rule is an exact bipartite assignment: every
  token of the shorter folded name gets its own token of the longer one with
  ``SequenceMatcher.ratio() >= 0.8``. The acronym rule takes a one-token name
  (or a dotted one, "D.V.K.") and compares it to the first letters of the
  other name's tokens, both with and without the stopwords in ``STOPWORDS``.
  An empty or unknown predicted target_type is treated like PERSON/ORG.
* GROUP counts are compared as integers; the group phrase itself is not
  compared (the spec only asks for both GROUP and equal counts).
* Greedy one-to-one matching: all candidate pairs of the same document and
  type whose targets match are ranked by (evidence overlaps, number of equal
  slots, folded target similarity), then by gold and prediction row order,
  and taken best first. Evidence overlaps when the character spans intersect
  (prediction: its char_start/char_end, else where its evidence occurs; gold:
  every place its evidence occurs in the ingested text, since gold offsets are
  ignored) or when one folded evidence contains the other.
* Slots: a value is non-empty after stripping whitespace. "Contains" for
  charge and location works on whole folded tokens ("farkhor" is in "farkhor
  district", "arm" is not in "harm"). charge_article compares the sets of
  numbers matched by ``ARTICLE_NUMBER`` in the raw values; when neither side
  has a number it falls back to folded equality. A matched pair whose slot
  differs is one false positive and one false negative.
* P/R/F1 with nothing to find and nothing predicted are 1.0 (nothing missed,
  nothing wrong); the tables print "-" there. Precision with no predictions
  but something to find is 0, likewise recall with no gold but predictions.
* Documents. Only documents with gold are scored. A gold file with a header
  and no rows declares its file name (``<doc_id>.csv``) a document without
  events when ``texts/<doc_id>.txt`` exists. Predictions for other documents
  are ignored and counted.
* Gold rows are numbered as a spreadsheet shows them: the header is row 1.
  Gold is refused (GoldError, exit code 2) for: unknown or missing columns,
  unknown event_type or target_type, unknown measure or one not used with the
  event type (section 3), a target_count that is not a whole number, a date
  that is not YYYY[-MM[-DD]], a sentence that is not an ISO 8601 duration,
  empty doc_id/target/evidence, evidence that is not a verbatim substring of
  texts/<doc_id>.txt, and a doc_id without that text file. All problems of a
  run are reported together.
* The export escapes formula-like cells with a leading "'"; predictions are
  un-escaped when read.
"""
from __future__ import annotations

import csv
import difflib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.normalize import fold
from pipeline.schema import ALL_MEASURES, EVENT_TYPES, MEASURES, SPEC_COLUMNS, TARGET_TYPES

# An evidence cell can be a whole one-line report (a 5 MB line is a supported input);
# the csv module's default 128 KiB field limit would refuse it.
csv.field_size_limit(1 << 30)

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


# --------------------------------------------------------------------------- results

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


def _order_types(by_type: dict[str, Counts]) -> dict[str, Counts]:
    known = [t for t in EVENT_TYPES if t in by_type]
    return {t: by_type[t] for t in known + sorted(set(by_type) - set(known))}


# --------------------------------------------------------------------------- comparison

def _tokens(name: str) -> list[str]:
    return fold(name).split()


def is_acronym(short: str, long: str) -> bool:
    """True when `short` is one token (or dotted letters, "D.V.K.") equal to the
    first letters of the tokens of `long`, counted with or without stopwords."""
    st, lt = _tokens(short), _tokens(long)
    if len(st) == 1:
        letters = st[0]
    elif st and all(len(t) == 1 for t in st):
        letters = "".join(st)
    else:
        return False
    if len(letters) < 2 or len(lt) < 2:
        return False
    initials = {"".join(t[0] for t in lt), "".join(t[0] for t in lt if t not in STOPWORDS)}
    return letters in initials


def _assign(short: list[str], long: list[str]) -> bool:
    """Every token of `short` gets a distinct similar token of `long` (bipartite matching)."""
    ok = [[j for j, b in enumerate(long) if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY]
          for a in short]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in ok[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(short)))


def names_match(a: str, b: str) -> bool:
    """Spec 6 name rule: every token of the shorter folded name is similar (>= 0.8) to a
    distinct token of the longer one, or one name is the acronym of the other."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if is_acronym(a, b) or is_acronym(b, a):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return _assign(short, long)


def _count(value: str) -> str:
    return str(int(value)) if value.isdigit() else fold(value)


def targets_match(pred: EventRow, gold: EventRow) -> bool:
    """Spec 6 target rule. GROUP only matches GROUP (counts equal where both are
    given); PERSON and ORG match each other by name."""
    pg, gg = pred.target_type == "GROUP", gold.target_type == "GROUP"
    if pg or gg:
        if not (pg and gg):
            return False
        if pred.target_count and gold.target_count:
            return _count(pred.target_count) == _count(gold.target_count)
        return True
    return names_match(pred.target, gold.target)


def article_numbers(value: str) -> frozenset[str]:
    """The set of article numbers in a raw charge_article value:
    "Criminal Code Article 174; Criminal Code Article 274" -> {"174", "274"}."""
    return frozenset(ARTICLE_NUMBER.findall(re.sub(r"\s+\(", "(", value or "")))


def _contains(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def slot_equal(column: str, pred: str, gold: str) -> bool:
    """Whether two non-empty values of a slot column count as the same (spec 6)."""
    if column == "date":
        return pred.strip() == gold.strip()
    if column == "charge_article":
        pa, ga = article_numbers(pred), article_numbers(gold)
        if pa or ga:
            return pa == ga
    fp, fg = fold(pred), fold(gold)
    if column in ("charge", "location"):
        return fp == fg or _contains(fp, fg) or _contains(fg, fp)
    return fp == fg


def evidence_overlaps(pred: EventRow, gold: EventRow) -> bool:
    """Character spans intersect, or one folded evidence contains the other."""
    for ps, pe in pred.spans:
        for gs, ge in gold.spans:
            if ps < ge and gs < pe:
                return True
    fp, fg = pred.folded_evidence, gold.folded_evidence
    return bool(fp and fg) and (fg in fp or fp in fg)


def _equal_slots(pred: EventRow, gold: EventRow) -> int:
    return sum(1 for c in SLOT_COLUMNS
               if pred.slots[c] and gold.slots[c] and slot_equal(c, pred.slots[c], gold.slots[c]))


def match_events(gold: list[EventRow], pred: list[EventRow]) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, predicted index) pairs.

    Candidates (same doc_id and event_type, matching targets) are taken best first
    by (evidence overlap, number of equal slots, target similarity), ties broken by
    gold row order, then prediction row order."""
    ranked = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.doc_id != g.doc_id or p.event_type != g.event_type or not targets_match(p, g):
                continue
            sim = difflib.SequenceMatcher(None, fold(p.target), fold(g.target)).ratio()
            ranked.append((not evidence_overlaps(p, g), -_equal_slots(p, g), -sim, gi, pi))
    ranked.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in ranked:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


# --------------------------------------------------------------------------- scoring

def score_document(doc_id: str, gold: list[EventRow], pred: list[EventRow]) -> DocResult:
    """Match and count one document's events and slots."""
    s = Score()
    pairs = match_events(gold, pred)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}

    def bump(event_type: str, kind: str) -> None:
        for c in (s.events, s.by_type.setdefault(event_type, Counts())):
            setattr(c, kind, getattr(c, kind) + 1)

    wrong: list[SlotDiff] = []
    matches = []
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        matches.append((g, p))
        bump(g.event_type, "tp")
        for c in SLOT_COLUMNS:
            gv, pv = g.slots[c], p.slots[c]
            if gv and pv and slot_equal(c, pv, gv):
                s.slots[c].tp += 1
                continue
            if pv:
                s.slots[c].fp += 1
            if gv:
                s.slots[c].fn += 1
            if gv or pv:
                wrong.append(SlotDiff(g, p, c))
    missed = [g for i, g in enumerate(gold) if i not in matched_g]
    spurious = [p for i, p in enumerate(pred) if i not in matched_p]
    for g in missed:
        bump(g.event_type, "fn")
        for c in SLOT_COLUMNS:
            s.slots[c].fn += bool(g.slots[c])
    for p in spurious:
        bump(p.event_type, "fp")
        for c in SLOT_COLUMNS:
            s.slots[c].fp += bool(p.slots[c])
    s.by_type = _order_types(s.by_type)
    order = lambda r: (r.position, r.index)  # noqa: E731
    missed.sort(key=order)
    spurious.sort(key=order)
    wrong.sort(key=lambda w: (order(w.gold), SLOT_COLUMNS.index(w.column)))
    return DocResult(doc_id, s, sorted(matches, key=lambda m: order(m[0])), missed, spurious, wrong,
                     len(gold), len(pred))


def score(gold: Gold, pred: list[EventRow]) -> EvalResult:
    """Score predictions against gold, per document and overall (micro-summed).
    Predictions for documents without gold are ignored and counted."""
    by_doc_g: dict[str, list[EventRow]] = {d: [] for d in gold.doc_ids}
    for r in gold.rows:
        by_doc_g[r.doc_id].append(r)
    by_doc_p: dict[str, list[EventRow]] = {d: [] for d in gold.doc_ids}
    ignored: dict[str, int] = {}
    for r in pred:
        if r.doc_id in by_doc_p:
            _locate(r, gold.texts[r.doc_id])
            by_doc_p[r.doc_id].append(r)
        else:
            ignored[r.doc_id] = ignored.get(r.doc_id, 0) + 1
    docs = {d: score_document(d, by_doc_g[d], by_doc_p[d]) for d in gold.doc_ids}
    overall = Score()
    for d in docs.values():
        overall = overall + d.score
    warnings = []
    unknown = sorted({r.event_type for rs in by_doc_p.values() for r in rs} - set(EVENT_TYPES))
    if unknown:
        warnings.append(f"predictions use unknown event types (always false positives): {', '.join(unknown)}")
    return EvalResult(docs, overall, sum(ignored.values()), sorted(ignored), warnings, gold.files)


# --------------------------------------------------------------------------- reading

def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str], list[str]]]]:
    """Header and (row number, cells by column, surplus cells); the header is row 1."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return [], []
        header = [h.strip() for h in header]
        rows = []
        for n, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
            rows.append((n, values, cells[len(header):]))
    return header, rows


def read_text(texts_dir: Path, doc_id: str) -> str | None:
    """The ingested text texts_dir/<doc_id>.txt exactly as written (offsets refer to it), or None."""
    path = Path(texts_dir) / f"{doc_id}.txt"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _find_all(text: str, needle: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], text.find(needle) if needle else -1
    while start != -1:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return tuple(spans)


_LEFT = re.compile(r"(?:[.!?][\"'\u201d\u2019)\]]*\s+|\n)")
_RIGHT = re.compile(r"(?:[.!?][\"'\u201d\u2019)\]]*(?=\s|$)|\n)")


def sentence_around(text: str, start: int, end: int, reach: int = 600) -> str:
    """The sentence (roughly: between . ! ? or line breaks) holding text[start:end]."""
    lo = max(0, start - reach)
    left = lo
    for m in _LEFT.finditer(text, lo, start):
        left = m.end()
    if left == lo and lo > 0:
        left = start
    m = _RIGHT.search(text, max(start, end - 1), min(len(text), end + reach))
    right = m.end() if m and m.group().strip() else (m.start() if m else end)
    return " ".join(text[left:max(right, end)].split())


def _locate(row: EventRow, text: str) -> None:
    """Fill a prediction's span (its offsets when usable, else where its evidence occurs)."""
    if row.spans or not text:
        return
    if row.offsets and 0 <= row.offsets[0] < row.offsets[1] <= len(text):
        row.spans = (row.offsets,)
    else:
        row.spans = _find_all(text, row.evidence)[:1]


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in _FORMULA_LEAD else value


def load_predictions(path: str | Path) -> list[EventRow]:
    """Read a predicted events.csv (extra columns such as rule_ids are ignored)."""
    path = Path(path)
    if not path.is_file():
        raise PredictionError(f"{path}: predictions file not found (run `python -m pipeline extract` first)")
    header, records = _read_csv(path)
    missing = [c for c in PRED_REQUIRED if c not in header]
    if missing:
        raise PredictionError(f"{path} row 1 (header): missing columns {', '.join(missing)}")
    rows = []
    for i, (n, rec, _) in enumerate(records):
        rec = {k: _unescape(v) for k, v in rec.items()}
        row = EventRow(rec["doc_id"], rec["event_type"], rec["target"], rec["target_type"],
                       rec["target_count"], {c: rec[c] for c in SLOT_COLUMNS}, rec["evidence"],
                       f"{path} row {n}", i, context=" ".join(rec["evidence"].split()))
        try:
            row.offsets = (int(rec.get("char_start", "")), int(rec.get("char_end", "")))
        except ValueError:
            pass
        rows.append(row)
    return rows


def _gold_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.csv") if p.is_file())
        if not files:
            raise GoldError(f"{path}: no gold .csv files in this folder")
        return files
    raise GoldError(f"{path}: gold file or folder not found")


def _check_row(where: str, rec: dict[str, str]) -> list[str]:
    errs = []
    et, tt, measure = rec["event_type"], rec["target_type"], rec["measure"]
    if not rec["doc_id"]:
        errs.append("empty doc_id")
    elif rec["doc_id"] in (".", "..") or "/" in rec["doc_id"] or "\\" in rec["doc_id"]:
        errs.append(f"doc_id {rec['doc_id']!r} is not a file name")
    if et not in EVENT_TYPES:
        hint = f" (did you mean {et.upper()}?)" if et.upper() in EVENT_TYPES else ""
        errs.append(f"unknown event_type {et!r}{hint}; expected one of {', '.join(EVENT_TYPES)}")
    if tt not in TARGET_TYPES:
        errs.append(f"unknown target_type {tt!r}; expected one of {', '.join(TARGET_TYPES)}")
    if not rec["target"] and tt != "GROUP":
        errs.append("empty target")
    if rec["target_count"] and not rec["target_count"].isdigit():
        errs.append(f"target_count {rec['target_count']!r} is not a whole number")
    if measure:
        if measure not in ALL_MEASURES:
            errs.append(f"unknown measure {measure!r}; expected one of {', '.join(ALL_MEASURES)}")
        elif et in EVENT_TYPES and measure not in MEASURES.get(et, ()):
            allowed = ", ".join(MEASURES.get(et, ())) or "none (leave it empty)"
            errs.append(f"measure {measure!r} is not used with {et}; allowed: {allowed}")
    if rec["date"] and not _DATE.match(rec["date"]):
        errs.append(f"date {rec['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if rec["sentence"] and not _DURATION.match(rec["sentence"]):
        errs.append(f"sentence {rec['sentence']!r} is not an ISO 8601 duration such as P5Y or P7Y6M")
    if not rec["evidence"]:
        errs.append("empty evidence")
    return [f"{where}: {e}" for e in errs]


def _evidence_hint(text: str, evidence: str) -> str:
    squeezed = " ".join(evidence.split())
    if squeezed and squeezed in " ".join(text.split()):
        return " (it is there once line breaks/spaces are collapsed: copy it exactly)"
    if fold(evidence) and fold(evidence) in fold(text):
        return " (it is there after folding: check quotes, case, dashes and accents)"
    return ""


def load_gold(path: str | Path, texts_dir: str | Path) -> Gold:
    """Read and validate gold CSV(s) (one file or a folder) against the ingested texts.

    Raises GoldError listing every problem with its file and row (header = row 1)."""
    path, texts_dir = Path(path), Path(texts_dir)
    files = _gold_files(path)
    errors: list[str] = []
    rows: list[EventRow] = []
    first_row: dict[str, str] = {}
    empty_stems: list[str] = []
    allowed = set(SPEC_COLUMNS)
    for f in files:
        header, records = _read_csv(f)
        if not header:
            errors.append(f"{f}: empty file (expected a header row with the columns of spec section 5)")
            continue
        unknown = [h for h in header if h not in allowed]
        missing = [c for c in GOLD_REQUIRED if c not in header]
        dupes = sorted({h for h in header if header.count(h) > 1})
        if unknown:
            errors.append(f"{f} row 1 (header): unknown columns {', '.join(map(repr, unknown))}")
        if missing:
            errors.append(f"{f} row 1 (header): missing columns {', '.join(missing)}")
        if dupes:
            errors.append(f"{f} row 1 (header): duplicated columns {', '.join(dupes)}")
        if unknown or missing or dupes:
            continue
        if not records:
            empty_stems.append(f.stem)
        for n, rec, surplus in records:
            where = f"{f} row {n}"
            if any(c.strip() for c in surplus):
                errors.append(f"{where}: {_n(len(surplus), 'cell')} more than the header has columns")
                continue
            row_errors = _check_row(where, rec)
            errors.extend(row_errors)
            if row_errors:
                continue
            first_row.setdefault(rec["doc_id"], where)
            rows.append(EventRow(rec["doc_id"], rec["event_type"], rec["target"], rec["target_type"],
                                 rec["target_count"], {c: rec[c] for c in SLOT_COLUMNS}, rec["evidence"],
                                 where, len(rows)))
    texts: dict[str, str] = {}
    for doc_id in sorted(first_row):
        text = read_text(texts_dir, doc_id)
        if text is None:
            errors.append(f"{first_row[doc_id]}: doc_id {doc_id!r} has no ingested text: "
                          f"{texts_dir / (doc_id + '.txt')} does not exist (run `python -m pipeline "
                          f"extract` on the report, or pass --texts)")
        else:
            texts[doc_id] = text
    for stem in empty_stems:
        if stem not in texts and (text := read_text(texts_dir, stem)) is not None:
            texts[stem] = text
    for r in rows:
        text = texts.get(r.doc_id)
        if text is None:
            continue
        r.spans = _find_all(text, r.evidence)
        if not r.spans:
            errors.append(f"{r.origin}: evidence is not a verbatim substring of "
                          f"{texts_dir / (r.doc_id + '.txt')}{_evidence_hint(text, r.evidence)}: "
                          f"{r.evidence[:120]!r}")
        else:
            r.context = sentence_around(text, *r.spans[0])
    if errors:
        raise GoldError(errors)
    return Gold(rows, texts, [str(f) for f in files])


def evaluate(gold_path: str | Path, pred_path: str | Path, texts_dir: str | Path | None = None) -> EvalResult:
    """Load gold and predictions and score them. texts_dir defaults to texts/ beside pred_path."""
    texts_dir = Path(texts_dir) if texts_dir else Path(pred_path).parent / "texts"
    pred = load_predictions(pred_path)
    gold = load_gold(gold_path, texts_dir)
    result = score(gold, pred)
    result.pred_file = str(pred_path)
    if not gold.rows:
        result.warnings.append("the gold files hold no events")
    return result


# --------------------------------------------------------------------------- reporting

def _fmt(c: Counts) -> tuple[str, str, str]:
    if c.empty:
        return "-", "-", "-"
    return f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"


def summary_rows(result: EvalResult) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the summary table: ALL, then each document."""
    header = ["document", "gold", "pred", "event P", "event R", "event F1", *SLOT_COLUMNS, "arg P", "arg R", "arg F1"]
    scopes = [("ALL", result.overall, sum(d.n_gold for d in result.docs.values()),
               sum(d.n_pred for d in result.docs.values()))]
    scopes += [(d.doc_id, d.score, d.n_gold, d.n_pred) for d in result.docs.values()]
    rows = []
    for name, s, ng, np_ in scopes:
        rows.append([name, str(ng), str(np_), *_fmt(s.events), *(_fmt(s.slots[c])[2] for c in SLOT_COLUMNS),
                     *_fmt(s.argument)])
    return header, rows


def type_rows(score_: Score) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the per-event-type table."""
    header = ["event_type", "tp", "fp", "fn", "P", "R", "F1"]
    return header, [[t, str(c.tp), str(c.fp), str(c.fn), *_fmt(c)] for t, c in score_.by_type.items()]


def slot_rows(score_: Score) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the slot-count table (events, each slot, argument)."""
    header = ["", "tp", "fp", "fn", "P", "R", "F1"]
    items = [("events", score_.events)] + [(c, score_.slots[c]) for c in SLOT_COLUMNS] + [("argument", score_.argument)]
    return header, [[n, str(c.tp), str(c.fp), str(c.fn), *_fmt(c)] for n, c in items]


def _plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(  # noqa: E731
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def _md_cell(value: str) -> str:
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|") or " "


_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)?|-)$")


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    numeric = [bool(rows) and all(_NUMBER.match(r[i]) for r in rows) for i in range(len(header))]
    out = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
           "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def _n(k: int, noun: str) -> str:
    return f"{k} {noun}{'' if k == 1 else 's'}"


def _intro(result: EvalResult) -> list[str]:
    docs = result.docs.values()
    lines = [f"{_n(len(docs), 'document')} scored: {_n(sum(d.n_gold for d in docs), 'gold event')}, "
             f"{_n(sum(d.n_pred for d in docs), 'predicted event')}."]
    if result.ignored_rows:
        lines.append(f"Ignored {_n(result.ignored_rows, 'predicted event')} in "
                     f"{_n(len(result.ignored_docs), 'document')} without gold: {', '.join(result.ignored_docs)}.")
    lines += [f"Warning: {w}" for w in result.warnings]
    return lines


def format_table(result: EvalResult) -> str:
    """The compact stdout report: summary per scope, then per event type and per slot (overall)."""
    parts = _intro(result)
    parts += ["", _plain(*summary_rows(result)), "", _plain(*type_rows(result.overall)), "",
              _plain(*slot_rows(result.overall)),
              "", "Slot columns show F1; '-' = no values on either side. Argument = events + all slots."]
    return "\n".join(parts)


def _values(r: EventRow) -> str:
    vals = ([f"target_count={r.target_count}"] if r.target_count else []) + \
        [f"{c}={v}" for c, v in r.slots.items() if v]
    return "; ".join(vals)


def format_markdown(result: EvalResult) -> str:
    """eval.md: the tables, then every missed event, spurious event and wrong slot."""
    docs = list(result.docs.values())
    out = ["# Evaluation (spec section 6)", ""] + _intro(result) + [
        "", f"Gold: {', '.join(result.gold_files)}  ", f"Predictions: {result.pred_file}", "",
        "## Summary", "", "Slot columns show F1; '-' means no values on either side. "
        "Argument counts = event counts + all slot counts.", "", _markdown(*summary_rows(result)), "",
        "## Per event type (all documents)", "", _markdown(*type_rows(result.overall)), "",
        "## Counts (all documents)", "", _markdown(*slot_rows(result.overall)), ""]
    event_header = ["doc_id", "event_type", "target", "values", "evidence"]

    def event_cells(rows):
        return [[r.doc_id, r.event_type, f"{r.target} ({r.target_type})", _values(r), r.context or r.evidence,
                 r.origin] for r in rows]

    wrong = [w for d in docs for w in d.wrong_slots]
    sections = [
        ("Missed events: gold not matched", event_header + ["gold row"], event_cells([r for d in docs for r in d.missed])),
        ("Spurious events: predictions not matched", event_header + ["predicted row"],
         event_cells([r for d in docs for r in d.spurious])),
        ("Wrong slots in matched events",
         ["doc_id", "event_type", "target (gold / predicted)", "slot", "gold", "predicted", "evidence", "gold row",
          "predicted row"],
         [[w.gold.doc_id, w.gold.event_type, f"{w.gold.target} / {w.pred.target}", w.column,
           w.gold.slots[w.column] or "(empty)", w.pred.slots[w.column] or "(empty)",
           w.gold.context or w.gold.evidence, w.gold.origin, w.pred.origin] for w in wrong]),
    ]
    for title, header, rows in sections:
        out += [f"## {title} ({len(rows)})", "", _markdown(header, rows) if rows else "None.", ""]
    return "\n".join(out).rstrip() + "\n"


def _atomic_write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reports(result: EvalResult, out_dir: str | Path) -> tuple[Path, Path]:
    """Write out_dir/eval.json and out_dir/eval.md atomically; return their paths."""
    out_dir = Path(out_dir)
    js, md = out_dir / "eval.json", out_dir / "eval.md"
    _atomic_write(js, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    _atomic_write(md, format_markdown(result))
    return js, md


def main(args) -> int:
    """CLI entry (`python -m pipeline evaluate`): score, print the table, write the
    reports. Returns 0, or 2 with a message naming the file and row for bad input."""
    pred = Path(args.pred)
    texts = getattr(args, "texts", None) or pred.parent / "texts"
    out = getattr(args, "out", None) or pred.parent
    try:
        result = evaluate(args.gold, pred, texts)
    except EvalError as exc:
        kind = "invalid gold" if isinstance(exc, GoldError) else "invalid predictions"
        print(f"error: {kind}:\n{exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        print(f"error: cannot read input: {exc}", file=sys.stderr)
        return 2
    print(format_table(result))
    try:
        js, md = write_reports(result, out)
    except OSError as exc:
        from pipeline.outdir import describe
        print(f"error: cannot write the evaluation reports: {describe(exc, exc.filename or out)}", file=sys.stderr)
        return 2
    print(f"\nwrote {js} and {md}")
    return 0
