"""Prison terms as ISO 8601 durations: "five years and six months" -> P5Y6M."""
from __future__ import annotations

import re

from pipeline.normalize.numbers import _NUM, _NUM_NA, _num_value
from pipeline.rules import alternation, load_word_lists, load_words_ordered
from pipeline.schema import Mention


# Units of a prison term: "five years", "18 months", "two weeks", "15 days".
_UNIT = r"(?:years?|months?|weeks?|days?)"


_UNIT_CODE = {"y": "Y", "m": "M", "w": "W", "d": "D"}


_UNIT_RANK = {"y": 0, "m": 1, "w": 2, "d": 3}


# "seven and a half years", "three-and-a-half-year term".
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


_TERM_RX = re.compile(r"(?<![\w-])(?<!\d\.)" + _TERM + r"(?![\w])(?P<poss>['’])?", re.I)


# "seven and five years, respectively": several numbers sharing one unit, each a term.
_LIST_RX = re.compile(
    r"(?<![\w-])(?P<nums>" + _NUM + r"(?:\s*,\s*" + _NUM + r")*,?\s+and\s+" + _NUM + r")"
    r"[-\s]+(?P<unit>" + _UNIT + r")(?![\w])(?P<poss>['’])?", re.I)


# Separators inside "eight, seven and five years": commas and "and".
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


# Words before a term that make it a maximum, range or approximation, not a sentence:
# "faces up to 10 years", "a maximum of five years", "as many as 15 days",
# "between five and 10 years", "from three to five years", "no more than two years",
# "more than five years", "for the past three years", "within 10 days".
_NTB = load_word_lists("not_term_before")
_NTP = load_word_lists("not_term_before_phrases")
_NOT_TERM_BEFORE = re.compile(
    r"(?:\b(?:" + alternation(_NTP["upper-bound"] + _NTP["comparison"] + _NTP["rate-unit"], r"\s+") + r")"
    r"|\b(?:" + alternation(_NTB["approximation"] + _NTB["range-or-bound"], r"\s+") + r")"
    r"|\b(?:" + alternation(_NTP["period-determiner"]) + r")\s+(?:" + alternation(_NTP["period-adjective"]) + r")"
    r"|\b(?:" + alternation(_NTB["period"] + _NTB["rate"]) + r")"
    # ages: "the minimum age of consensual sex is 16 years"
    r"|\bage\b[^.;\d]{0,50}\b(?:is|of|at|to|as|be)"
    r")\s*(?:an?\s+|the\s+)?$", re.I)


# Words after a term that make it an age, an offset or a range, not a sentence:
# "five years old", "three days later", "two years ago", "a 17-year-old",
# "five to 10 years" (the first number of a range), "two or three years".
_NOT_TERM_AFTER = re.compile(
    r"^(?:[-\s]+old\b|\s+of\s+age\b|\s+(?:" + alternation(load_words_ordered("not_term_after"), r"\s+") + r")\b"
    r"|\s*(?:to|or|-|–|—)\s*(?:" + _NUM_NA + r")\b)", re.I)


# Words right before a number that make it the end of a range: "five to 10 years", "5-10 days".
_RANGE_END_BEFORE = re.compile(r"(?:(?<![\w-])(?:" + _NUM_NA + r")\s*(?:to|or|-|–|—)|\bbetween\s+(?:" + _NUM + r")"
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
    pos = 0
    while True:
        m = _TERM_RX.search(text, pos)
        if m is None:
            break
        pos = m.end()
        if m.group("u2") and _UNIT_RANK[m.group("u2")[0].lower()] <= _UNIT_RANK[m.group("u1")[0].lower()]:
            # "seven and a half years and five years": two terms, not one compound
            # (a compound goes from larger to smaller units: "two years and six months")
            cut = m.end("u1")
            m = _TERM_RX.match(text, m.start(), cut + (1 if text[cut:cut + 1] in "'’" else 0))
            pos = cut
            if m is None:
                continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _excluded_term(text, m.start(), m.end()):
            continue
        value = _term_value(m)
        if value:
            out.append(Mention(m.start(), m.end(), m.group(0), value, "duration:term"))
    out.sort(key=lambda x: x.start)
    return out
