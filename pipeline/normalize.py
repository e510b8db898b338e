"""Normalizers: text folding, dates, durations, legal articles, charges, names.

Each function takes text as written and returns the normalized value the spec
asks for (ISO dates at the precision given, ISO 8601 durations, ...).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for comparison (spec section 6): NFKD, no diacritics, lowercase,
    no quotes or punctuation, whitespace collapsed. "Bokayev’s “case”" -> "bokayevs case"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.lower().replace("'", "").replace("\u2019", ""))
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class DateMention:
    """A date expression in a document: offsets, text as written, ISO value."""

    start: int
    end: int
    text: str
    value: str          # "2018", "2018-05" or "2018-05-10"; "" if it could not be resolved
    explicit_year: bool  # the expression itself states the year


def find_dates(text: str, anchor_year: int | None = None) -> list[DateMention]:
    """All date expressions in `text` (a whole document), resolved in document order.

    TODO(normalize helper): implement; see tests/test_normalize.py.
    """
    raise NotImplementedError


def parse_duration(text: str) -> str:
    """ISO 8601 duration of a prison term as written: "five years" -> "P5Y"."""
    raise NotImplementedError


def find_durations(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, ISO value) for every prison-term expression in `text`."""
    raise NotImplementedError


def find_articles(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, normalized) for legal provisions: "Article 174 of the
    Criminal Code" -> "Criminal Code Article 174"."""
    raise NotImplementedError


def clean_charge(text: str) -> str:
    """A charge as the spec writes it: quotes and leading "charges of" removed, lowercase."""
    raise NotImplementedError
