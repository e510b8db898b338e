"""Reading predictions, gold files and ingested texts, with gold validated."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from pipeline.evaluate.model import (
    EventRow, GOLD_REQUIRED, Gold, GoldError, PRED_REQUIRED, PredictionError, SLOT_COLUMNS, _DATE, _DURATION,
    _FORMULA_LEAD, _n,
)
from pipeline.normalize import fold
from pipeline.schema import ALL_MEASURES, EVENT_TYPES, MEASURES, SPEC_COLUMNS, TARGET_TYPES


# An evidence cell can be a whole one-line report (a 5 MB line is a supported input);
# the csv module's default 128 KiB field limit would refuse it.
csv.field_size_limit(1 << 30)


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
