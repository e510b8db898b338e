"""The non-event filter's context rules (patterns/context.jsonl), in the manner of
medspaCy's ConText: each rule has a category, the words (or a lexicon) or a parse
pattern it looks for, and how far it reaches through the parse."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.rules import PATTERN_DIR, RuleFileError, load_jsonl, load_words


CATEGORIES = {"negated", "modal", "irrealis", "conditional", "recommendation", "generic", "status"}
SCOPES = {"section", "sentence-first-token", "trigger", "trigger-children", "trigger-head", "governor-chain"}
REQUIRED = {"id", "category", "scope", "why", "example"}
OPTIONAL = {"words", "lexicon", "deps", "tags", "lemmas", "max_hops"}


@dataclass(frozen=True)
class ContextRule:
    """One context rule: `words` holds its words and those of its lexicon."""

    id: str
    category: str
    scope: str
    words: frozenset = frozenset()
    deps: frozenset = frozenset()
    tags: frozenset = frozenset()
    lemmas: frozenset = frozenset()
    max_hops: int = 0


def load_context_rules(path=None) -> dict[str, ContextRule]:
    """id -> ContextRule; unknown keys, categories and scopes are refused."""
    path = path or PATTERN_DIR / "context.jsonl"
    out: dict[str, ContextRule] = {}
    for r in load_jsonl(path, REQUIRED, OPTIONAL):
        if r["category"] not in CATEGORIES:
            raise RuleFileError(f"{path}: rule {r['id']}: unknown category {r['category']!r}")
        if r["scope"] not in SCOPES:
            raise RuleFileError(f"{path}: rule {r['id']}: unknown scope {r['scope']!r}")
        if r["id"] in out:
            raise RuleFileError(f"{path}: duplicate rule id {r['id']}")
        words = frozenset(r.get("words", ())) | (load_words(r["lexicon"]) if "lexicon" in r else frozenset())
        out[r["id"]] = ContextRule(r["id"], r["category"], r["scope"], words, frozenset(r.get("deps", ())),
                                   frozenset(r.get("tags", ())), frozenset(r.get("lemmas", ())),
                                   int(r.get("max_hops", 0)))
    return out


CONTEXT = load_context_rules()
