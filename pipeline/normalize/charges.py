"""Charges: cleaning a charge as written, and the charge vocabulary (vocab/charges.jsonl)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.normalize.text import VocabError, _SPACE, _load_jsonl, fold
from pipeline.rules import VOCAB_DIR, alternation, load_word_lists
from pipeline.schema import Mention


# Quote characters removed from charges: “inciting discord” -> inciting discord.
_QUOTES = re.compile(r"[\"'“”‘’«»„‟‛`]")


# Leading words that introduce a charge rather than name it:
# "on charges of inciting discord", "the charge of fraud", "allegedly spreading false information".
_LEAD = load_word_lists("charge_lead")
_CHARGE_LEAD = re.compile(
    r"^(?:(?:" + alternation(_LEAD["introducing-preposition"]) + r")\s+)?(?:the\s+|a\s+)?"
    r"(?:(?:" + alternation(_LEAD["one-word-modifier"], r"[-\s]") + "|"
    + alternation(_LEAD["phrase-modifier"], r"\s+") + r")\s+)*"
    r"(?:charges?|accusations?|counts?)\s+(?:of|for)\s+|^(?:" + alternation(_LEAD["hedge"]) + r")\s+", re.I)


# Trailing punctuation after a charge: "inciting discord.” " -> "inciting discord".
_CHARGE_TRAIL = re.compile(r"[\s.,;:!?)\]]+$")


def clean_charge(text: str) -> str:
    """A charge as the spec writes it: lowercase, quotes and leading "charges of" /
    "allegedly" removed, trailing punctuation stripped: "“inciting national discord.”"
    -> "inciting national discord"."""
    t = _QUOTES.sub("", text or "")
    t = _SPACE.sub(" ", t).strip().lower()
    prev = None
    while prev != t:
        prev = t
        t = _CHARGE_LEAD.sub("", t).strip()
    t = _CHARGE_TRAIL.sub("", t)
    t = re.sub(r"^[\s(\[]+", "", t)
    return t


def _variant_key(s: str) -> str:
    """Lookup key for a charge variant: folded, hyphens as spaces ("large-scale" = "large scale")."""
    return fold(s.replace("-", " "))


def _trie_regex(node: dict) -> str:
    """Regex for a word trie, longest alternatives first (greedy = longest match)."""
    alts = []
    end = "" in node
    for w in sorted((k for k in node if k), key=len, reverse=True):
        sub = node[w]
        tail = _trie_regex(sub) if any(k for k in sub) else ""
        if tail:
            alts.append(re.escape(w) + r"(?:[\s-]+" + tail + (")?" if "" in sub else ")"))
        else:
            alts.append(re.escape(w))
    body = "(?:" + "|".join(alts) + ")" if alts else ""
    return body + ("?" if end and body else "")


@lru_cache(maxsize=None)
def _charge_vocab(path: str | None = None) -> tuple[re.Pattern, dict[str, str], frozenset]:
    """The charge vocabulary: one regex of all variants, longest first, and key -> canonical."""
    p = Path(path) if path else VOCAB_DIR / "charges.jsonl"
    rows = _load_jsonl(p, {"canonical", "variants"}, {"note"})
    index: dict[str, str] = {}
    for lineno, row in enumerate(rows, 1):
        if not isinstance(row["variants"], list) or not all(isinstance(v, str) for v in row["variants"]):
            raise VocabError(f"{p.name}: entry {row['canonical']!r}: variants must be a list of strings")
        for v in [row["canonical"], *row["variants"]]:
            index.setdefault(_variant_key(v), row["canonical"])
    # All variants as one word trie, so the regex stays fast on long documents.
    # Flexible spacing/hyphenation: "large-scale fraud" also matches "large scale
    # fraud"; whole words only ("fraud" not in "defrauded").
    trie: dict = {}
    for v in {v for r in rows for v in [r["canonical"], *r["variants"]]}:
        node = trie
        for w in re.split(r"[\s-]+", v.strip().lower()):
            node = node.setdefault(w, {})
        node[""] = {}
    rx = re.compile(r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])", re.I)
    return rx, index, frozenset(trie)


# Word starts in a text, for the charge matcher's first-word lookup.
_WORD = re.compile(r"[\w\u00C0-\u024F]+")


def find_charges(text: str) -> list[Mention]:
    """Offences named in `text` from pipeline/vocab/charges.jsonl, longest match first.

    value = the offence as written, lowercased; rule_id = "charge:<canonical>".
    "charged with inciting social discord" -> value "inciting social discord",
    rule_id "charge:inciting discord"."""
    rx, index, first_words = _charge_vocab()
    out = []
    pos = 0
    for w in _WORD.finditer(text):
        if w.start() < pos or w.group(0).lower() not in first_words:
            continue
        m = rx.match(text, w.start())
        if not m:
            continue
        pos = m.end()
        written = _SPACE.sub(" ", m.group(0)).lower()
        canon = index.get(_variant_key(written), written)
        out.append(Mention(m.start(), m.end(), m.group(0), written, "charge:" + canon))
    return out
