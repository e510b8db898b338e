"""The same report under two names is processed once (issue 11).

Two inputs are the same report when their ingested texts have the same
*content key*: the sha256 of their body lines — every line that is not a
heading (a short line without final punctuation, the test nlp.py uses to find
section names), with surrounding whitespace and markdown `#` markers stripped. Copies, hard links and the HTML page of a .txt report (which adds a
page title and loses the `##` of its headings) share it; the extractor reads
only body lines as sentences, so two inputs with one key hold the same events.
A text with no body line is keyed by all of its text.

The first input in input order keeps its events; a later one is logged with
status `duplicate` and reason `duplicate of <path>`, and is not analyzed when
the first has already been claimed by then (`Claims`; with several workers a
later copy may be analyzed before the first arrives, and its events are then
dropped: the output is the same whatever `--workers`).
"""
from __future__ import annotations

import hashlib
import re

# A body line ends a sentence: ., ! or ?, then maybe closing quotes or brackets.
_BODY_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d\u00bb)\]]*$")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def content_key(text: str) -> str:
    """sha256 of the body lines of `text` (see the module docstring)."""
    h = hashlib.sha256()
    n = 0
    for line in text.split("\n"):
        line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip().lstrip("#").strip()
        if _BODY_END.search(line) and len(line) > 20:
            h.update(line.encode("utf-8"))
            h.update(b"\n")
            n += 1
    return h.hexdigest() if n else hashlib.sha256(text.encode("utf-8")).hexdigest()


class Claims:
    """Which input (by index) first reached each content key; shared with the
    workers through a multiprocessing Manager dict, or a plain dict in-process."""

    def __init__(self, table=None):
        self.table = {} if table is None else table

    def earlier(self, key: str, index: int) -> bool:
        """Claim `key` for input `index`; True when an earlier input holds it already."""
        held = self.table.setdefault(key, index)
        return held < index
