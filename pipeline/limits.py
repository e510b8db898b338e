"""Per-document limits (issue 11): bounded sentences, lines, blocks, memory and time.

- `cut_lines`: a line longer than MAX_LINE_CHARS (text that lost its newlines)
  is cut at a space into pieces, so that no piece reaches spaCy's max_length
  (error E088) and the tokenizer sees bounded input.
- `hard_split`: a sentence of more than MAX_SENT_TOKENS tokens (no punctuation
  for pages) is split before parsing, preferably after a comma, semicolon or
  dash, else before "and"/"or", else at the limit. Parsing and rule matching
  then cost linear time in the length of such text. Real sentences of the
  State Department archive are at most ~110 tokens (600 characters).
- `analyze`: a document longer than BLOCK_CHARS is analyzed block by block
  (blocks end at a line end), so memory stays bounded whatever its size; each
  block gets the document's year, or when it has none the last year written
  in the blocks before it (as dates without a year take the latest year
  written before them). Events keep document offsets. Progress is reported
  after each block as the fraction of the document's characters done.
  Documents up to BLOCK_CHARS (every report of the archive) are one block:
  output unchanged.
- `deadline`: `--doc-timeout` seconds per document (SIGALRM in the process
  that analyzes it); the document fails with the reason, the run goes on.
"""
from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager
from dataclasses import replace

MAX_LINE_CHARS = 100_000
MAX_SENT_TOKENS = 200
BLOCK_CHARS = 1_000_000
DEFAULT_DOC_TIMEOUT = 600.0

_BREAK_AFTER = {",", ";", ":", "\u2013", "\u2014", "-"}
_BREAK_BEFORE = {"and", "or", "but", "while", "which", "who"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


class DocTimeout(BaseException):
    """A document took longer than --doc-timeout (a BaseException, so that the
    readers' broad `except Exception` handlers do not turn it into another reason)."""


def cut_lines(paragraphs, limit: int = MAX_LINE_CHARS):
    """Pass nlp._paragraphs' (start, end, line, section, is_bullet) through, cutting a
    line longer than `limit` into pieces that end at a space (or at the limit)."""
    for start, end, line, section, is_bullet in paragraphs:
        if len(line) <= limit:
            yield start, end, line, section, is_bullet
            continue
        pos = 0
        while pos < len(line):
            cut = len(line) if len(line) - pos <= limit else line.rfind(" ", pos + limit // 2, pos + limit) + 1
            if cut <= pos:
                cut = pos + limit
            yield start + pos, start + cut, line[pos:cut], section, is_bullet
            pos = cut


def hard_split(sents, limit: int = MAX_SENT_TOKENS):
    """Yield the spans of `sents`, each sentence longer than `limit` tokens split into pieces."""
    for s in sents:
        if len(s) <= limit:
            yield s
            continue
        doc, i = s.doc, s.start
        while i < s.end:
            j = min(i + limit, s.end)
            if j < s.end:
                j = _best_break(doc, i, j)
            yield doc[i:j]
            i = j


def _best_break(doc, lo: int, hi: int) -> int:
    """A token index in (lo + (hi-lo)/2, hi] to end a piece at: after punctuation, before a conjunction."""
    floor = lo + (hi - lo) // 2
    for k in range(hi, floor, -1):
        if doc[k - 1].text in _BREAK_AFTER:
            return k
    for k in range(hi, floor, -1):
        if doc[k].lower_ in _BREAK_BEFORE:
            return k
    return hi


def _blocks(text: str, size: int):
    """(start, end) of blocks of about `size` characters ending at a line end (or a space)."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end


def analyze(analyzer, document, report=None, block: int = BLOCK_CHARS):
    """The analyzer's events for `document`, block by block when it is long;
    `report(fraction_done)` is called after each block."""
    if len(document.text) <= block:
        events = analyzer.analyze(document)
        if report:
            report(1.0)
        return events
    events = []
    year = document.report_year
    for start, end in _blocks(document.text, block):
        part = replace(document, text=document.text[start:end], report_year=year)
        for ev in analyzer.analyze(part):
            ev.char_start += start
            ev.char_end += start
            events.append(ev)
        if document.report_year is None:
            found = _YEAR.findall(part.text)
            year = int(found[-1]) if found else year
        if report:
            report(end / len(document.text))
    return events


@contextmanager
def deadline(seconds: float | None):
    """Raise DocTimeout in this block after `seconds` (main thread only, POSIX;
    elsewhere no limit). A timer set by the caller is restored afterwards."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise DocTimeout(f"took longer than --doc-timeout {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_timer[0]:
            signal.setitimer(signal.ITIMER_REAL, *old_timer)
