"""The hr_triggers and hr_events factories (see the package docstring)."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc, Span

from pipeline.components.decide import Decider
from pipeline.components.extensions import register_extensions

TRIGGER_KEY = "triggers"
SLOTS = ("date", "date_text", "charge", "charge_article", "sentence", "measure", "amount", "location", "agent")


def _trigger_ruler(nlp: Language, name: str) -> SpanRuler:
    from pipeline.nlp import load_trigger_rules
    patterns, _rules = load_trigger_rules()
    ruler = SpanRuler(nlp, name, spans_key=TRIGGER_KEY, validate=True, phrase_matcher_attr=None)
    ruler.add_patterns(patterns)
    return ruler


@Language.factory("hr_triggers", assigns=["doc.spans"])
def make_triggers(nlp: Language, name: str) -> SpanRuler:
    """The trigger patterns as a SpanRuler: doc.spans["triggers"]."""
    return _trigger_ruler(nlp, name)


@Language.factory("hr_events", assigns=["doc.spans", "doc._.hr_records"],
                  default_config={"spans_key": "hr_events", "decide": "rules", "report_year": None})
def make_events(nlp: Language, name: str, spans_key: str, decide: str, report_year: int | None) -> "HrEvents":
    """Justice events of a whole Doc (needs a parser and NER before it)."""
    return HrEvents(nlp, name, spans_key=spans_key, decide=decide, report_year=report_year)


def event_record(ev) -> dict:
    """What span._.hr_event gives: type, target, slots, rule ids."""
    return {"type": ev.event_type, "target": ev.target, "target_type": ev.target_type,
            "target_count": ev.target_count, "target_role": ev.target_role,
            "slots": {k: getattr(ev, k) for k in SLOTS if getattr(ev, k)}, "rule_ids": sorted(set(ev.rule_ids))}


class HrEvents:
    """Runs the extractor (pipeline/extract) over the sentences of a Doc and writes
    its events to doc.spans[spans_key], each span labelled with the event type over
    the trigger words, its record in doc._.hr_records under the span's id."""

    def __init__(self, nlp: Language, name: str = "hr_events", *, spans_key: str = "hr_events",
                 decide: str = "rules", report_year: int | None = None, model=None):
        from pipeline.extract import EventExtractor
        from pipeline.nlp import load_trigger_rules
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.report_year = report_year
        _patterns, self.rules = load_trigger_rules()
        self._nlp = nlp
        self._ruler = None      # made on first use: the CLI's fast path has its own hr_triggers pipe
        self.decider = Decider(decide, model)
        self.extractor = EventExtractor(self.rules, decide=self.decider)

    def use_decider(self, decider: Decider) -> None:
        """Put a (learned) decision in the slot between the rules' candidates and merging."""
        self.decider = decider
        self.extractor.decide = decider

    @property
    def ruler(self) -> SpanRuler:
        if self._ruler is None:
            self._ruler = _trigger_ruler(self._nlp, f"{self.name}_triggers")
        return self._ruler

    def extract_parsed(self, document, sents, parsed) -> list:
        """Events of a document from its sentences and the (Sentence, parsed Doc) pairs:
        the CLI's fast path comes in here with sentence Docs it parsed itself."""
        return self.extractor.extract(document, sents, parsed)

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.ingest import Document
        from pipeline.nlp import Sentence, _paragraphs
        sections = {start: (section, bullet) for start, _e, _l, section, bullet in _paragraphs(doc.text)}
        line_starts = sorted(sections)
        sents, parsed = [], []
        for s in _segments(doc):
            para = _para_of(line_starts, s.start_char)
            section, bullet = sections.get(line_starts[para], ("", False)) if para >= 0 else ("", False)
            sent = Sentence(s.start_char, s.end_char, s.text, para, section, bullet, True, None)
            sents.append(sent)
            parsed.append((sent, self.ruler(s.as_doc())))
        document = Document(doc_id=doc._.hr_doc_id or "doc", path=Path("<doc>"), text=doc.text,
                            report_year=doc._.hr_report_year or self.report_year)
        set_event_spans(doc, self.extract_parsed(document, sents, parsed), self.spans_key)
        return doc


def _segments(doc: Doc):
    """The Doc's sentences, cut at line breaks (a report's lines are paragraphs, as on the
    CLI's path) and trimmed of whitespace tokens."""
    for sent in doc.sents:
        run = []
        for tok in list(sent) + [None]:
            if tok is None or (tok.is_space and "\n" in tok.text):
                toks = [t for t in run if not t.is_space]
                if toks:
                    yield doc[toks[0].i: toks[-1].i + 1]
                run = []
            else:
                run.append(tok)


def _para_of(line_starts: list[int], char: int) -> int:
    import bisect
    return bisect.bisect_right(line_starts, char) - 1


def set_event_spans(doc: Doc, events: list, spans_key: str = "hr_events") -> None:
    """doc.spans[spans_key] over each event's trigger, and the records by span id."""
    register_extensions()
    records = {}
    spans = []
    for n, ev in enumerate(events, 1):
        start, end = ev.trigger or (ev.char_start, ev.char_end)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sid = f"{spans_key}-{n:03d}"
        spans.append(Span(doc, span.start, span.end, label=ev.event_type, span_id=sid))
        records[sid] = event_record(ev)
    doc._.hr_records = records
    doc.spans[spans_key] = spans
