"""Every Doc and Span extension the hr_* components set, in one table.

A Span extension's value is stored by (name, start, end): two events on one
trigger would overwrite each other. So records live in one Doc-level dict keyed
by span id, and the Span attribute is a getter into it."""
from __future__ import annotations

from spacy.tokens import Doc, Span


def _span_event(span):
    records = span.doc._.hr_records
    return records.get(span.id_) if records else None


EXTENSIONS = {
    (Doc, "hr_records"): {"default": None},        # span id -> event record (dict)
    (Doc, "hr_report_year"): {"default": None},    # anchors dates written without a year
    (Doc, "hr_doc_id"): {"default": None},
    (Span, "hr_event"): {"getter": _span_event},    # the record of an hr_events span
}


def register_extensions() -> None:
    """Declare the extensions (idempotent)."""
    for (cls, name), kwargs in EXTENSIONS.items():
        if not cls.has_extension(name):
            cls.set_extension(name, **kwargs)
