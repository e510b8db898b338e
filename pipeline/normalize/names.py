"""Person names across spellings: transliteration keys, similarity, and the
per-document registry of canonical names."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz.distance import Indel

from pipeline.normalize.text import _SPACE, _load_jsonl, fold
from pipeline.rules import VOCAB_DIR, load_words


@lru_cache(maxsize=None)
def _translit_rules(path: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    rows = _load_jsonl(Path(path) if path else VOCAB_DIR / "translit.jsonl",
                       {"pattern", "replace"}, {"example", "note"})
    return tuple((re.compile(r["pattern"]), r["replace"]) for r in rows)


@lru_cache(maxsize=65536)
def name_key(token: str) -> str:
    """Transliteration skeleton of one name token: "Bokayev" -> "bokaev", "Maks" -> "max";
    any script first to ASCII (anyascii), so "Бокаев" and "Şık" key as "Bokaev" and "Sik" do."""
    t = fold(anyascii(token)).replace(" ", "")
    for rx, rep in _translit_rules():
        t = rx.sub(rep, t)
    return t


_TITLES = load_words("name_titles")   # lexicons/name_titles.jsonl


@lru_cache(maxsize=65536)
def _name_tokens_t(name: str) -> tuple[str, ...]:
    toks = [t.strip(".,;:()\"'“”‘’") for t in _SPACE.split(name.strip())]
    toks = [t for t in toks if t]
    while toks and toks[0].lower().rstrip(".") in _TITLES:
        toks = toks[1:]
    return tuple(toks)


def _name_tokens(name: str) -> list[str]:
    return list(_name_tokens_t(name))


# Cached: NameRegistry compares every proper noun of a document with every person (profiled hot spot).
@lru_cache(maxsize=65536)   # bounded: memory must not grow with the corpus
def _token_match(a: str, b: str) -> bool:
    """Same name token across spellings: equal skeletons, an initial, or very similar
    skeletons of the same grammatical gender ending (Kharkov != Kharkova)."""
    if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:
        return fold(a)[:1] == fold(b)[:1]
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if ka.endswith("a") != kb.endswith("a") or min(len(ka), len(kb)) < 4:
        return False
    return Indel.normalized_similarity(ka, kb, score_cutoff=0.86) >= 0.86


def _full_match(a: list[str], b: list[str]) -> bool:
    """Two multi-token names of one person: first and last tokens match; middle
    names (patronymics) must match when both give one."""
    if len(a) < 2 or len(b) < 2:
        return False
    if not (_token_match(a[0], b[0]) and _token_match(a[-1], b[-1])):
        return False
    if len(a) > 2 and len(b) > 2:
        return _token_match(a[1], b[1])
    return True


def is_same_person(a: str, b: str) -> bool:
    """Whether two names can denote one person: "Maks Bokaev" ~ "Max Bokayev",
    "Bokayev" ~ "Maks Bokaev", "Talgat Ayan" ~ "Talgat Kairatovich Ayan"."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return _token_match(ta[-1], tb[-1])
    return _full_match(ta, tb)


class NameRegistry:
    """Canonical person names across spelling variants within one document.

    add() names in document order; canonical() gives the fullest name the document
    gives, in the first spelling seen; a surname shared by two people stays as is."""

    def __init__(self) -> None:
        self._people: list[list[str]] = []      # each: spellings in order of appearance
        self._canonical: dict[str, str] = {}    # canonical() answers, dropped by add()

    def _canon_of(self, person: list[str]) -> str:
        best = person[0]
        for n in person[1:]:
            if len(_name_tokens_t(n)) > len(_name_tokens_t(best)):
                best = n
        return best

    def _matches(self, name: str, strict: bool = False) -> list[int]:
        toks = _name_tokens_t(name)
        if not toks:
            return []
        same = (lambda a, b: name_key(a) == name_key(b)) if strict else _token_match
        hits = []
        for i, person in enumerate(self._people):
            multi = [_name_tokens_t(n) for n in person if len(_name_tokens_t(n)) > 1]
            if len(toks) == 1:
                if any(same(toks[0], _name_tokens_t(n)[-1]) for n in person):
                    hits.append(i)
            elif multi:
                if any(_full_match(toks, m) for m in multi):
                    hits.append(i)
            elif any(_token_match(toks[-1], _name_tokens_t(n)[-1]) for n in person):
                hits.append(i)      # a surname-only person gets its full name
        return hits

    def add(self, name: str) -> None:
        """Register a full or partial name as it appears, in document order."""
        name = _SPACE.sub(" ", (name or "").strip())
        if not _name_tokens_t(name):
            return
        self._canonical.clear()
        hits = self._matches(name)
        if len(hits) == 1:
            if name not in self._people[hits[0]]:
                self._people[hits[0]].append(name)
        elif not hits:
            self._people.append([name])
        # several hits: an ambiguous surname, attached to nobody

    def canonical(self, name: str, strict: bool = False) -> str:
        """The canonical full name for `name`; `name` itself if unknown or ambiguous.
        `strict`: a lone surname must match a known one by transliteration key, not by
        similarity (for a bare capitalized word the NER did not call a name: "Bahai"
        is not "Bahari")."""
        name = _SPACE.sub(" ", (name or "").strip())
        known = self._canonical.get((name, strict))
        if known is None:
            hits = self._matches(name, strict)
            known = name if len(hits) != 1 else self._canon_of(self._people[hits[0]])
            self._canonical[(name, strict)] = known
        return known

    def aliases(self, canonical: str) -> set[str]:
        """Every spelling seen for the person whose canonical name is `canonical`."""
        for person in self._people:
            if self._canon_of(person) == canonical:
                return set(person)
        hits = self._matches(canonical)
        return set(self._people[hits[0]]) if len(hits) == 1 else set()

    def people(self) -> list[str]:
        """Canonical names of everyone registered, in order of first mention."""
        return [self._canon_of(p) for p in self._people]
