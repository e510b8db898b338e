"""Numbers written as digits or words: "57", "1,200", "twelve", "twenty-five"."""
from __future__ import annotations

import re

from pipeline.rules import load_word_lists



_NW = load_word_lists("number_words")   # lexicons/number_words.jsonl: values by position


_TENS = {w: 10 * i for i, w in enumerate(_NW["tens"], 2)}


NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_NW["units"], 1)}


NUMBER_WORDS.update(_TENS)


NUMBER_WORDS.update({w: 100 for w in _NW["hundred"]})


# Number words longest first so "seventeen" wins over "seven" in alternations.
_NUMWORD_ALT = "|".join(sorted(list(NUMBER_WORDS) + list(_NW["tens"]), key=len, reverse=True))


_NUMWORD_ALT = "|".join(dict.fromkeys(_NUMWORD_ALT.split("|")))


# One number as written: "57", "1,200", "twelve", "twenty-five", "a"/"an" ("a year").
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+|(?:" + "|".join(_NW["tens"]) + r")"
        r"[-\s](?:" + "|".join(_NW["units"][:9]) + r")|" + _NUMWORD_ALT + r"|an?|one)")


# The same without the articles, for ranges: "five to 10 years" but not "a man to".
_NUM_NA = _NUM.replace("|an?|one)", "|one)")


# "twenty-five" / "twenty five": tens word then a unit word.
_COMPOUND = re.compile(r"^(" + "|".join(_NW["tens"]) + r")[-\s]+(\w+)$")


# "1,200" or "57": digits with optional thousands separators.
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


def parse_count(text: str) -> int | None:
    """An exact count as written: "57" -> 57, "twelve"/"Twelves" -> 12, "a" -> 1,
    "1,200" -> 1200; vague quantities ("dozens", "several", "some") -> None."""
    t = (text or "").strip().lower().strip(".,;:")
    if not t:
        return None
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    if t in ("a", "an", "one", "single", "a single"):
        return 1
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    m = _COMPOUND.match(t)
    if m and m.group(2) in NUMBER_WORDS and NUMBER_WORDS[m.group(2)] < 10:
        return _TENS[m.group(1)] + NUMBER_WORDS[m.group(2)]
    # Typo-tolerant plural of a number word ("Twelves"), but "dozens"/"hundreds" stay vague.
    if t.endswith("s") and t[:-1] in NUMBER_WORDS and t[:-1] != "hundred":
        return NUMBER_WORDS[t[:-1]]
    return None


def _num_value(word: str) -> float | None:
    """Value of one number inside a duration ("a" -> 1, "2.5" -> 2.5); None if not a number."""
    if re.fullmatch(r"\d+\.\d+", word.strip()):
        return float(word)
    return parse_count(word)
