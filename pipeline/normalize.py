"""Normalizers: text folding, dates, durations, legal articles, charges, names.

Each function takes text as written and returns the normalized value the spec
asks for (ISO dates at the precision given, ISO 8601 durations, ...).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.schema import Mention

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for comparison (spec section 6): NFKD, no diacritics, lowercase,
    no quotes or punctuation, whitespace collapsed. "Bokayev’s “case”" -> "bokayevs case"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.lower().replace("'", "").replace("\u2019", ""))
    return _SPACE.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS) if i}
NUMBER_WORDS.update(_TENS)
NUMBER_WORDS["hundred"] = 100

# Number words longest first so "seventeen" wins over "seven" in alternations.
_NUMWORD_ALT = "|".join(sorted(list(NUMBER_WORDS) + ["twenty", "thirty", "forty", "fifty",
                                                       "sixty", "seventy", "eighty", "ninety"],
                               key=len, reverse=True))
_NUMWORD_ALT = "|".join(dict.fromkeys(_NUMWORD_ALT.split("|")))
# One number as written: "57", "1,200", "twelve", "twenty-five", "a"/"an" ("a year").
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"[-\s](?:one|two|three|four|five|six|seven|eight|nine)|" + _NUMWORD_ALT + r"|an?|one)")
# "twenty-five" / "twenty five": tens word then a unit word.
_COMPOUND = re.compile(r"^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]+(\w+)$")
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
    """Value of one number inside a duration ("a" -> 1); None if not a number."""
    return parse_count(word)


# ---------------------------------------------------------------------------
# Durations
# ---------------------------------------------------------------------------

_UNIT = r"(?:years?|months?|weeks?|days?)"
_UNIT_CODE = {"y": "Y", "m": "M", "w": "W", "d": "D"}
_HALF = r"(?:[-\s]+and[-\s]+a[-\s]+half)"
# One duration term. Examples it exists for:
#   "sentenced to seven and a half years" / "a three-and-a-half-year term"   (half)
#   "two years and six months", "four years and 11 months", "2 years 6 months" (compound)
#   "a six-year prison term", "10-day administrative arrest"                (hyphenated)
#   "15 days' arrest", "five years’ imprisonment"                          (possessive)
#   "a year and a half"                                                     (trailing half)
_TERM = (
    r"(?P<n1>" + _NUM + r")(?P<half>" + _HALF + r")?[-\s]+(?P<u1>" + _UNIT + r")"
    r"(?:(?P<half2>\s+and\s+a\s+half)"
    r"|(?:,?\s+(?:and\s+)?(?P<n2>" + _NUM + r")[-\s]+(?P<u2>" + _UNIT + r"))"
    r"(?:,?\s+(?:and\s+)?(?P<n3>" + _NUM + r")[-\s]+(?P<u3>" + _UNIT + r"))?)?"
)
_TERM_RX = re.compile(r"(?<![\w-])" + _TERM + r"(?![\w])(?P<poss>['’])?", re.I)
# "seven and five years, respectively": several numbers sharing one unit, each a term.
_LIST_RX = re.compile(
    r"(?<![\w-])(?P<nums>" + _NUM + r"(?:\s*,\s*" + _NUM + r")*,?\s+and\s+" + _NUM + r")"
    r"[-\s]+(?P<unit>" + _UNIT + r")(?![\w])(?P<poss>['’])?", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)
# Words before a term that make it a maximum, range or approximation, not a sentence:
# "faces up to 10 years", "a maximum of five years", "as many as 15 days",
# "between five and 10 years", "from three to five years", "no more than two years",
# "more than five years", "for the past three years", "within 10 days".
_NOT_TERM_BEFORE = re.compile(
    r"(?:\bup\s+to|\bmaximum(?:\s+(?:term|sentence|penalty|punishment))?(?:\s+of)?|\bmax\.?"
    r"|\bas\s+(?:many|much|long|few)\s+as|\b(?:no|not)\s+(?:more|less|longer)\s+than"
    r"|\bmore\s+than|\bless\s+than|\bfewer\s+than|\bover|\bunder|\bat\s+(?:least|most)"
    r"|\bnearly|\balmost|\babout|\bapproximately|\broughly|\baround|\bsome|\bexceeding"
    r"|\bbetween|\bfrom|\branging\s+from|\bwithin|\bminimum(?:\s+of)?"
    r"|\b(?:the|its|their|his|her)\s+(?:past|last|next|first|previous|following|coming)"
    r"|\b(?:past|last|next)|\bevery|\beach|\bper|\bafter)\s*$", re.I)
# Words after a term that make it an age, an offset or a range, not a sentence:
# "five years old", "three days later", "two years ago", "a 17-year-old",
# "five to 10 years" (the first number of a range), "two or three years".
_NOT_TERM_AFTER = re.compile(
    r"^(?:[-\s]+old\b|\s+of\s+age\b|\s+(?:ago|later|earlier|after|afterwards?|before|since|"
    r"prior|previously|apart|running|in\s+a\s+row|of\s+(?:his|her|their)\s+life)\b"
    r"|\s*(?:to|or|-|–|—)\s*(?:" + _NUM + r")\b)", re.I)
# Words right before a number that make it the end of a range: "five to 10 years", "5-10 days".
_RANGE_END_BEFORE = re.compile(r"(?:(?:" + _NUM + r")\s*(?:to|or|-|–|—)|\bbetween\s+(?:" + _NUM + r")"
                               r"(?:[-\s]+" + _UNIT + r")?\s+and)\s*$", re.I)


def _iso_duration(parts: list[tuple[float, str]]) -> str:
    """[(7, 'y'), (0.5, 'y')] -> 'P7Y6M'. Half years become 6 months."""
    acc = {"Y": 0, "M": 0, "W": 0, "D": 0}
    for n, u in parts:
        code = _UNIT_CODE[u[0].lower()]
        whole = int(n)
        acc[code] += whole
        frac = n - whole
        if frac:
            if code == "Y":
                acc["M"] += round(frac * 12)
            elif code == "M":
                acc["D"] += round(frac * 30)
            elif code == "W":
                acc["D"] += round(frac * 7)
            else:
                return ""
    if not any(acc.values()):
        return ""
    return "P" + "".join(f"{v}{k}" for k, v in acc.items() if v)


def _term_value(m: re.Match) -> str:
    """ISO value of one _TERM_RX match."""
    n1 = _num_value(m.group("n1"))
    if n1 is None:
        return ""
    if m.group("half") or m.group("half2"):
        n1 += 0.5
    parts = [(n1, m.group("u1"))]
    for n, u in (("n2", "u2"), ("n3", "u3")):
        if m.group(n):
            v = _num_value(m.group(n))
            if v is None:
                return ""
            parts.append((v, m.group(u)))
    return _iso_duration(parts)


def parse_duration(text: str) -> str:
    """ISO 8601 duration of a prison term as written: "five years" -> "P5Y",
    "seven and a half years" -> "P7Y6M", "18 months" -> "P18M"; "" if none ("life")."""
    m = _TERM_RX.search(text or "")
    return _term_value(m) if m else ""


def _excluded_term(text: str, start: int, end: int) -> bool:
    """True when the term at text[start:end] is a maximum, range, age or offset."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    return bool(_NOT_TERM_BEFORE.search(before) or _NOT_TERM_AFTER.match(after)
                or _RANGE_END_BEFORE.search(before))


def find_durations(text: str) -> list[Mention]:
    """Every prison-term expression in `text`, value = ISO duration, in order.

    Maxima and ranges ("up to 10 years", "between five and 10 years") and ages or
    offsets ("five years old", "three days later") are left out;
    "seven and five years, respectively" gives two mentions (P7Y, P5Y)."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _LIST_RX.finditer(text):
        nums_txt = m.group("nums")
        if re.search(r"\band\s+a\s+half$", nums_txt, re.I) or re.match(r"a\b", nums_txt, re.I):
            continue
        if _excluded_term(text, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            continue
        pos = m.start("nums")
        pieces = []
        for piece in _LIST_SPLIT.split(nums_txt):
            i = text.index(piece, pos)
            pieces.append((i, piece))
            pos = i + len(piece)
        vals = [_num_value(p) for _, p in pieces]
        if any(v is None for v in vals):
            continue
        for k, ((i, piece), v) in enumerate(zip(pieces, vals)):
            end = m.end() if k == len(pieces) - 1 else i + len(piece)
            out.append(Mention(i, end, text[i:end], _iso_duration([(v, m.group("unit"))]),
                               "duration:list"))
        taken.append((m.start(), m.end()))
    for m in _TERM_RX.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _excluded_term(text, m.start(), m.end()):
            continue
        value = _term_value(m)
        if value:
            out.append(Mention(m.start(), m.end(), m.group(0), value, "duration:term"))
    out.sort(key=lambda x: x.start)
    return out


# ---------------------------------------------------------------------------
# Charges (text cleaning)
# ---------------------------------------------------------------------------

# Quote characters removed from charges: “inciting discord” -> inciting discord.
_QUOTES = re.compile(r"[\"'“”‘’«»„‟‛`]")
# Leading words that introduce a charge rather than name it:
# "on charges of inciting discord", "the charge of fraud", "allegedly spreading false information".
_CHARGE_LEAD = re.compile(
    r"^(?:(?:on|under|with|for)\s+)?(?:the\s+|a\s+)?(?:(?:criminal|administrative|politically[-\s]motivated|"
    r"trumped[-\s]up|spurious|fabricated|bogus|vague|overbroad|vague\s+and\s+overbroad)\s+)*"
    r"(?:charges?|accusations?|counts?)\s+(?:of|for)\s+|^allegedly\s+|^alleged\s+", re.I)
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
