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

from pipeline.evaluate.model import (  # noqa: F401
    ARTICLE_NUMBER,
    Counts,
    DocResult,
    EvalError,
    EvalResult,
    EventRow,
    GOLD_REQUIRED,
    Gold,
    GoldError,
    IGNORED_GOLD_COLUMNS,
    PRED_REQUIRED,
    PredictionError,
    SIMILARITY,
    SLOT_COLUMNS,
    STOPWORDS,
    Score,
    SlotDiff,
    _DATE,
    _DURATION,
    _FORMULA_LEAD,
    _MAX_ERRORS,
    _n,
    _order_types,
)
from pipeline.evaluate.compare import (  # noqa: F401
    _assign,
    _contains,
    _count,
    _equal_slots,
    _tokens,
    article_numbers,
    evidence_overlaps,
    is_acronym,
    match_events,
    names_match,
    slot_equal,
    targets_match,
)
from pipeline.evaluate.scoring import (  # noqa: F401
    evaluate,
    score,
    score_document,
)
from pipeline.evaluate.read import (  # noqa: F401
    _LEFT,
    _RIGHT,
    _check_row,
    _evidence_hint,
    _find_all,
    _gold_files,
    _locate,
    _read_csv,
    _unescape,
    load_gold,
    load_predictions,
    read_text,
    sentence_around,
)
from pipeline.evaluate.report import (  # noqa: F401
    _NUMBER,
    _atomic_write,
    _prf,
    _intro,
    _markdown,
    _md_cell,
    _plain,
    _values,
    format_markdown,
    format_table,
    main,
    slot_rows,
    summary_rows,
    type_rows,
    write_reports,
)
