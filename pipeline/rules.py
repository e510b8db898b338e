"""Load rule and vocabulary files (JSONL, one object a line), rejecting unknown keys."""
from __future__ import annotations

import json
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PATTERN_DIR = PACKAGE_DIR / "patterns"
VOCAB_DIR = PACKAGE_DIR / "vocab"


class RuleFileError(ValueError):
    """A rule or vocabulary file has a malformed line or an unknown key."""


def load_jsonl(path: Path, required: set[str], optional: set[str] = frozenset()) -> list[dict]:
    """Read a JSONL rule file; every line must hold `required` keys and nothing
    outside `required | optional`. Blank lines and lines starting with // are skipped."""
    rows = []
    allowed = set(required) | set(optional)
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RuleFileError(f"{Path(path).name}:{n}: not JSON: {exc}") from exc
            if not isinstance(obj, dict):
                raise RuleFileError(f"{Path(path).name}:{n}: expected an object")
            unknown = set(obj) - allowed
            if unknown:
                raise RuleFileError(f"{Path(path).name}:{n}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
            missing = set(required) - set(obj)
            if missing:
                raise RuleFileError(f"{Path(path).name}:{n}: missing key(s) {sorted(missing)}")
            rows.append(obj)
    return rows


def load_lexicon(path: Path) -> dict[str, str]:
    """A vocabulary file of {"canonical": ..., "variants": [...]} lines, as
    lowercase variant -> canonical (the canonical form is its own variant)."""
    out: dict[str, str] = {}
    for row in load_jsonl(path, {"canonical"}, {"variants", "why"}):
        canon = row["canonical"]
        for v in [canon, *row.get("variants", [])]:
            out[v.lower()] = canon
    return out


LEXICON_DIR = PACKAGE_DIR / "lexicons"
LEXICON_KEYS_REQUIRED = {"id", "words", "why", "example"}
LEXICON_KEYS_OPTIONAL = {"note"}


def load_entries(name: str, folder: Path | None = None) -> list[dict]:
    """The entries of lexicons/<name>.jsonl in file order. Every entry has an `id`
    (unique in the file), `words`, a `why` and an `example`; unknown keys are rejected."""
    path = Path(folder or LEXICON_DIR) / f"{name}.jsonl"
    rows = load_jsonl(path, LEXICON_KEYS_REQUIRED, LEXICON_KEYS_OPTIONAL)
    ids: set[str] = set()
    for row in rows:
        if row["id"] in ids:
            raise RuleFileError(f"{path.name}: duplicate id {row['id']!r}")
        ids.add(row["id"])
        if not isinstance(row["words"], list) or not all(isinstance(w, str) and w for w in row["words"]):
            raise RuleFileError(f"{path.name}: entry {row['id']!r}: words must be a list of non-empty strings")
    return rows


def load_words(name: str, folder: Path | None = None) -> frozenset[str]:
    """A word list from lexicons/<name>.jsonl: the union of the `words` of its entries."""
    return frozenset(w for row in load_entries(name, folder) for w in row["words"])


def load_word_lists(name: str, folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The entries of lexicons/<name>.jsonl as entry id -> its words in file order (for word
    lists a regex alternation is built from, where the order of the alternatives matters)."""
    return {row["id"]: tuple(row["words"]) for row in load_entries(name, folder)}


def alternation(words, space: str = " ") -> str:
    """A regex alternation of literal words, in the given order ("a|b|c"); a space in a word
    becomes `space` (a regex: one space by default, r"\\s+" for any run of white space)."""
    import re
    return "|".join(re.escape(w).replace("\\ ", space) for w in words)


def load_words_ordered(name: str, folder: Path | None = None) -> tuple[str, ...]:
    """The words of lexicons/<name>.jsonl in file order, each once."""
    return tuple(dict.fromkeys(w for row in load_entries(name, folder) for w in row["words"]))
