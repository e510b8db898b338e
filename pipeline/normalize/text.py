"""Text folding (spec section 6) and the one loader of vocabulary files."""
from __future__ import annotations

import re
import unicodedata

from pipeline.rules import RuleFileError, load_jsonl


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for comparison (spec section 6): NFKD, no diacritics, lowercase,
    no quotes or punctuation, whitespace collapsed. "Bokayev’s “case”" -> "bokayevs case"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.lower().replace("'", "").replace("\u2019", ""))
    return _SPACE.sub(" ", text).strip()


# One loader for every rule and vocabulary file (pipeline.rules): one JSON object
# a line, unknown or missing keys rejected with the file and line named.
VocabError = RuleFileError


_load_jsonl = load_jsonl
