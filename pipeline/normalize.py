"""Normalizers: text folding, dates, durations, legal articles, charges, names.

Each function takes text as written and returns the normalized value the spec
asks for (ISO dates at the precision given, ISO 8601 durations, ...).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.rules import VOCAB_DIR, RuleFileError, load_jsonl
from pipeline.schema import Mention


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
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"[-\s](?:one|two|three|four|five|six|seven|eight|nine)|" + _NUMWORD_ALT + r"|an?|one)")
# The same without the articles, for ranges: "five to 10 years" but not "a man to".
_NUM_NA = _NUM.replace("|an?|one)", "|one)")
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
    """Value of one number inside a duration ("a" -> 1, "2.5" -> 2.5); None if not a number."""
    if re.fullmatch(r"\d+\.\d+", word.strip()):
        return float(word)
    return parse_count(word)


# ---------------------------------------------------------------------------
# Durations
# ---------------------------------------------------------------------------

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
_NOT_TERM_BEFORE = re.compile(
    r"(?:\bup\s+to|\bmaximum(?:\s+(?:term|sentence|penalty|punishment))?(?:\s+of)?|\bmax\.?"
    r"|\bas\s+(?:many|much|long|few)\s+as|\b(?:no|not)\s+(?:more|less|longer)\s+than"
    r"|\bmore\s+than|\bless\s+than|\bfewer\s+than|\bover|\bunder|\bat\s+(?:least|most)"
    r"|\bnearly|\balmost|\babout|\bapproximately|\broughly|\baround|\bsome|\bexceeding"
    r"|\bbetween|\bfrom|\branging\s+from|\bwithin|\bminimum(?:\s+of)?"
    r"|\b(?:the|its|their|his|her)\s+(?:past|last|next|first|previous|following|coming)"
    r"|\b(?:past|last|next)|\bevery|\beach|\bper|\bafter"
    # rates: "six hours a day", "36 hours per week"
    r"|\b(?:hours?|days?|times|shifts?|weeks?)"
    # ages: "the minimum age of consensual sex is 16 years"
    r"|\bage\b[^.;\d]{0,50}\b(?:is|of|at|to|as|be)"
    r")\s*(?:an?\s+|the\s+)?$", re.I)
# Words after a term that make it an age, an offset or a range, not a sentence:
# "five years old", "three days later", "two years ago", "a 17-year-old",
# "five to 10 years" (the first number of a range), "two or three years".
_NOT_TERM_AFTER = re.compile(
    r"^(?:[-\s]+old\b|\s+of\s+age\b|\s+(?:ago|later|earlier|after|afterwards?|before|since|"
    r"prior|previously|apart|running|in\s+a\s+row|of\s+(?:his|her|their)\s+life)\b"
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


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    """A date expression in a document: offsets, text as written, ISO value.

    precision: "year", "month" or "day" ("" when unresolved); vague: a qualifier
    ("mid-2016", "late January 2021", "spring 2018"); attributive: a bare year
    modifying a noun ("the 2011 religion law") that the event layer should ignore;
    relative: resolved from another date ("three days later", "In October",
    "on Friday"); rule_id names the pattern that found it."""

    start: int
    end: int
    text: str
    value: str          # "2018", "2018-05" or "2018-05-10"; "" if it could not be resolved
    explicit_year: bool  # the expression itself states the year
    precision: str = ""
    vague: bool = False
    attributive: bool = False
    relative: bool = False
    rule_id: str = ""


_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
               "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}

# A month name, capitalized ("may" the verb is not a month); abbreviations need
# their period ("Sept. 5, 2018") unless a day number follows, as wire copy writes
# them ("TEHRAN, Oct 19 (Wire) -", "arrested on Sept 22").
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+(?:[12]\d|3[01]|0?[1-9])\b)))")
# A day of the month, ordinal suffix allowed: "May 10", "June 1st"; not the "20" of "2019".
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# A four-digit year 1800-2099; not a decade ("the 1990s").
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?!s\b)"
# A weekday: "A court in Baku on Friday jailed ..." (resolved only from a dateline).
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Qualifiers that keep the precision of what they qualify:
# "late January 2021" -> 2021-01, "mid-2016" -> 2016, "the end of 2018" -> 2018.
_QUAL = (r"(?i:(?:early|mid|late|the\s+(?:very\s+)?(?:beginning|start|end|middle|close)\s+of"
         r"|(?:the\s+)?(?:first|second|last|final)\s+(?:half|week|weeks|days|few\s+days)\s+of"
         r"|(?:the\s+)?(?:first|second|third|fourth|last|final)\s+quarter\s+of"
         r"|(?:the\s+)?(?:beginning|start|end|middle)\s+of)[-\s]+)")
# Seasons qualify only years: "spring 2018", "in the summer of 2018".
_SEASON = r"(?i:(?:the\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+of)?\s+)"
# Between the two ends of a range: "May 10-12", "August and September 2018",
# "March to May 2019", "2017-2018".
_RANGE_SEP = r"(?:\s*(?:-|–|—|/)\s*|\s+(?:and|to|through|until|till|or)\s+)"

_DATE_RX = re.compile(
    # Every date starts at a word start (or "("): cheap filter for the hot path.
    r"(?<![\w])(?:"
    # "May 10, 2018", "Friday, May 10, 2018", "May 10-12, 2018", "May 10 and June 5, 2018"
    r"(?P<full_md>(?:" + _WD + r",?\s+)?(?P<fm_mon>" + _MON + r")\s+(?P<fm_day>" + _DAY + r")"
    r"(?:" + _RANGE_SEP + r"(?:" + _MON + r"\s+)?" + _DAY + r")?,?\s+(?P<fm_year>" + _YEAR + r"))"
    # "10 May 2018", "(London, 14 May 2020)", "10-12 May 2018"
    r"|(?P<full_dm>(?<![\d.,:/])(?:" + _WD + r",?\s+)?(?P<fd_day>" + _DAY + r")(?:" + _RANGE_SEP + _DAY + r")?"
    r"\s+(?P<fd_mon>" + _MON + r"),?\s+(?P<fd_year>" + _YEAR + r"))"
    # ISO "2018-05-10" in tables and footnotes
    r"|(?P<iso>(?<![\d.-])(?P<iso_y>" + _YEAR + r")-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])(?![\d-]))"
    # "March 2019", "March of 2019", "late January 2021", "August and September 2018",
    # "March to May 2019"
    r"|(?P<my>(?P<my_q>" + _QUAL + r")?(?P<my_mon>" + _MON + r")(?:" + _RANGE_SEP + r"(?:" + _QUAL + r")?"
    + _MON + r")?(?:,?\s+of)?,?\s+(?P<my_year>" + _YEAR + r"))"
    # "On March 3", "on Friday, March 3", "March 3-4" (no year: resolved from context)
    r"|(?P<md>(?:" + _WD + r",?\s+)?(?P<md_mon>" + _MON + r")\s+(?P<md_day>" + _DAY + r")"
    r"(?:" + _RANGE_SEP + r"(?:" + _MON + r"\s+)?" + _DAY + r")?(?![\d:]))"
    # "on 3 April" (no year)
    r"|(?P<dm>(?<![\d.,:/])(?:" + _WD + r",?\s+)?(?P<dm_day>" + _DAY + r")\s+(?P<dm_mon>" + _MON + r")(?![\w]))"
    # "mid-2016", "early 2018", "the first half of 2018", "spring 2018", "the end of 2018"
    r"|(?P<yq>(?:(?P<yq_q>" + _QUAL + r")|(?P<yq_s>" + _SEASON + r"))(?P<yq_year>" + _YEAR + r"))"
    # "in 2017", "throughout 2018", "2017-2018", "between 2016 and 2018", "the 2011 religion law"
    r"|(?P<yr>(?<![\w,.$€£¥/#№-])(?P<yr_year>" + _YEAR + r")(?:" + _RANGE_SEP + r"(?:" + _YEAR
    + r"|\d\d(?!\d)))?(?![\w/%]|[.,]\d))"
    # "In October", "in early May", "in August and September" (context-checked)
    r"|(?P<mon>(?P<mon_q>" + _QUAL + r")?(?P<mon_mon>" + _MON + r")(?:" + _RANGE_SEP + _MON + r")?(?![\w]))"
    # "That same month", "later that year", "three days later", "the following day"
    r"|(?P<rel>(?i:(?:(?:later|earlier)\s+)?(?:that|the)\s+same\s+(?P<r_same>day|week|month|year)"
    r"|(?:later|earlier)\s+(?:that|in\s+the|in\s+that)\s+(?P<r_that2>day|week|month|year)"
    r"|that\s+(?P<r_that>day|week|month|year)"
    r"|the\s+(?P<r_dir>following|next|previous|preceding)\s+(?P<r_dirunit>day|week|month|year)"
    r"|the\s+(?P<r_dayafter>day|week|month|year)\s+(?P<r_afterbefore>after|before)(?!\s+(?:the|his|her|their|a|an)\b)"
    r"|(?P<r_n>\d+|[A-Za-z]+)\s+(?P<r_unit>days?|weeks?|months?|years?)\s+(?P<r_when>later|earlier|afterwards?)))"
    r"(?![\w-])"
    # dateline-relative: "yesterday", "last week", "earlier this month", "on Friday"
    r"|(?P<dl>(?i:(?P<dl_word>yesterday|today|tonight|(?:earlier\s+)?this\s+(?:morning|week|month|year)"
    r"|last\s+(?:night|week|month|year)))(?![\w])|(?P<dl_last>(?i:last|this)\s+)?(?P<dl_wd>" + _WD + r")(?![\w]))"
    r")"
)

# A dateline opening a press release: "(London, 14 May 2020) –", "ISTANBUL, March 12, 2019 —".
# Wire copy adds the agency and may drop the year: "TEHRAN, Oct 19 (Wire) -",
# "LONDON, 25 November 2022 (Wire) —" (a yearless one takes the year of the
# previous dateline, else the report's).
_DATELINE_RX = re.compile(
    r"^[ \t]*\(?[A-Z][\w.'’ -]{1,40}?,\s*(?:" + _WD + r",?\s+)?"
    r"(?P<d>" + _MON + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?|" + _DAY + r"\s+" + _MON + r"(?:,?\s+"
    + _YEAR + r")?)\s*\)?\s*(?:\([A-Z][\w .&'-]{0,30}\)\s*)?[-–—]", re.M)
# Words before a bare month that make it a date: "In October", "by March", "early May".
_MON_CONTEXT = re.compile(
    r"(?i:\b(?:in|on|by|since|until|till|through|throughout|during|from|to|between|and|or|of"
    r"|before|after|around|about|as\s+of|early|mid|late|last|next|this|that|same|end|beginning"
    r"|start|middle|each|every|until|circa|c\.|from|in\s+(?:early|mid|late))[-\s]*)$")
# Words before a bare year that make it a date: "in 2017", "throughout 2018", "(2019)".
_YEAR_PREP = re.compile(
    r"(?i:\b(?:in|on|by|since|until|till|through|throughout|during|from|to|between|and|or|of|for"
    r"|before|after|around|as\s+of|circa|c\.|early|mid|late|year|years|until|within|starting"
    r"|beginning|ending|end)\s*|\(\s*)$")
# Determiners before a bare year that make it attributive: "the 2011 religion law",
# "Kazakhstan's 2019 report", "its 2018 decision".
_YEAR_DET = re.compile(r"(?i:\b(?:the|a|an|its|his|her|their|our|this|that|these|those|whose)\s*|['’]s\s*)$")
# Words before a number that make it not a year: "Article 2019", "No. 2018", "$2019".
_YEAR_NOT = re.compile(
    r"(?i:\b(?:articles?|art\.|nos?\.|numbers?|part|paragraph|section|resolution|decree|chapter|clause"
    r"|item|page|pp?\.|than|about|approximately|nearly|almost|some|over|least|roughly|total\s+of"
    r"|usd|kzt|eur|rub|tjs|tenge|rubles?|som|manats?|dollars?|euros?|code|law\s+no\.?|order)\s*)$")
# Nouns after a number that make it a quantity, not a year: "2000 people", "2019 tenge".
_YEAR_COUNT_AFTER = re.compile(
    r"^\s+(?:people|persons|individuals|prisoners|detainees|cases|men|women|children|members|"
    r"protesters|families|tenge|rubles?|manats?|somoni|soms?|dollars|euros|hours|days|km|meters|"
    r"kilometers|signatures|votes|households|residents|workers|soldiers|troops|officers)\b", re.I)
# After a bare year not preceded by a preposition: a verb keeps it a date ("2018 was"),
# any other word makes it attributive ("2014 Trade Union Law").
_YEAR_VERB_AFTER = re.compile(r"^\s+(?:was|were|saw|marked|has|had|is|brought|began|ended)\b", re.I)
# A word right after a bare year: "the 2011 religion law", "2014 Trade Union Law".
_YEAR_WORD_AFTER = re.compile(r"^[ \t]+[A-Za-z]")


# Triggers: every date expression contains a month/weekday name, a four-digit
# year or a unit word ("three days later", "that same month", "yesterday").
# Scanning only around them keeps find_dates fast on 25M characters.
_TRIGGER_RXS = (
    re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
               r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\s+\d)"
               r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
    re.compile(r"(?:1[89]|20)\d\d"),
    re.compile(r"[DdWwMmYyTtNn](?:ays?|eeks?|onths?|ears?|esterday|oday|onight|orning|ight)\b"),
)


# Possible starts of a date: a word start or an opening parenthesis.
_WORD_START = re.compile(r"\b\w|\(")


def _iter_date_matches(text: str):
    """_DATE_RX matches in document order, tried only at word starts shortly before
    a trigger (see _TRIGGER_RXS)."""
    import heapq
    n = len(text)
    triggers = heapq.merge(*([m.start() for m in rx.finditer(text)] for rx in _TRIGGER_RXS))
    cursor = 0
    match = _DATE_RX.match
    for p in triggers:
        if p < cursor:
            continue
        endpos = min(n, p + 120)
        for w in _WORD_START.finditer(text, max(cursor, p - 45), p + 1):
            if w.start() < cursor:
                continue
            m = match(text, w.start(), endpos)
            if m and m.end() > m.start():
                yield m
                cursor = m.end()
                if cursor > p:
                    break

def _month_num(s: str) -> int:
    s = s.rstrip(".")
    return _MONTHS.get(s) or _MONTH_ABBR[s]


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _fmt(y: int, m: int | None = None, d: int | None = None, precision: str = "day") -> str:
    if precision == "year" or m is None:
        return f"{y:04d}"
    if precision == "month" or d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y, m)[1]


def _parse_iso(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


_PREC_RANK = {"year": 0, "month": 1, "day": 2}


def _shift(prev: str, unit: str, n: int, want: str) -> tuple[str, str]:
    """prev ISO date shifted by n units; precision = min(want, prev's precision)."""
    y, m, d = _parse_iso(prev)
    prev_prec = "day" if d else ("month" if m else "year")
    prec = want if _PREC_RANK[want] <= _PREC_RANK[prev_prec] else prev_prec
    unit = unit[0]
    if unit in "dw":
        if prev_prec != "day":
            return _fmt(y, m, d, prec), prec      # "2018-05" + 3 days -> "2018-05"
        day = _dt.date(y, m, d) + _dt.timedelta(days=n * (7 if unit == "w" else 1))
        return _fmt(day.year, day.month, day.day, prec), prec
    if unit == "m":
        if prev_prec == "year":
            return _fmt(y, precision="year"), "year"
        k = y * 12 + (m - 1) + n
        return _fmt(k // 12, k % 12 + 1, None, prec), prec
    return _fmt(y + n, m, d, prec), prec


# The parts of a dateline's date, whichever order: "Oct 19", "25 November 2022".
_DL_PARTS = re.compile(r"(?P<mon1>" + _MON + r")\s+(?P<day1>" + _DAY + r")(?:,?\s+(?P<y1>" + _YEAR + r"))?$|"
                       r"(?P<day2>" + _DAY + r")\s+(?P<mon2>" + _MON + r")(?:,?\s+(?P<y2>" + _YEAR + r"))?$")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the date inside each dateline: the date a dispatch was filed,
    not the date of what it reports ("TEHRAN, Oct 19 (Wire) - A court on Tuesday ...")."""
    return [(m.start("d"), m.end("d")) for m in _DATELINE_RX.finditer(text)]


def dateline_length(line: str) -> int:
    """Length of the dateline opening `line` ("TEHRAN, Oct 19 (Wire) - "), 0 if none."""
    m = _DATELINE_RX.match(line)
    return m.end() if m else 0


def _datelines(text: str, anchor_year: int | None = None) -> list[tuple[int, _dt.date]]:
    """(offset, date) of every dateline; a yearless one takes the previous dateline's year."""
    out: list[tuple[int, _dt.date]] = []
    for m in _DATELINE_RX.finditer(text):
        sub = _DL_PARTS.match(m.group("d").strip())
        if not sub:
            continue
        mon, day = (sub.group("mon1"), sub.group("day1")) if sub.group("mon1") else (sub.group("mon2"), sub.group("day2"))
        year = sub.group("y1") or sub.group("y2")
        y = int(year) if year else (out[-1][1].year if out else anchor_year)
        if y is None:
            continue
        mo, d = _month_num(mon), _day_num(day)
        if _valid_day(y, mo, d):
            out.append((m.start(), _dt.date(y, mo, d)))
    return out


def find_dates(text: str, anchor_year: int | None = None) -> list[DateMention]:
    """All date expressions in `text` (a whole document), resolved in document order.

    Values are ISO at the precision written ("2018", "2018-05", "2018-05-10"; ""
    when unresolvable). A date without a year takes the latest explicit year of its
    paragraph, else `anchor_year`, else the latest explicit year before it.
    "That same month", "three days later" ... resolve from the previous date;
    "on Friday", "yesterday" only from a dateline ("(London, 14 May 2020) –")."""
    out: list[DateMention] = []
    datelines = _datelines(text, anchor_year) if ("–" in text or "—" in text or "-" in text) else []
    last_year: int | None = None      # latest explicit (non-attributive) year
    last_year_pos = -1
    prev_value = ""                   # previous resolved date
    for m in _iter_date_matches(text):
        kind = m.lastgroup if m.lastgroup in (
            "full_md", "full_dm", "iso", "my", "md", "dm", "yq", "yr", "mon", "rel", "dl") else None
        if kind is None:
            for k in ("full_md", "full_dm", "iso", "my", "md", "dm", "yq", "yr", "mon", "rel", "dl"):
                if m.group(k) is not None:
                    kind = k
                    break
        start, end = m.start(), m.end()
        mtext = m.group(0)
        explicit = False
        vague = False
        attributive = False
        relative = False
        value, prec = "", ""
        if kind == "full_md" or kind == "full_dm":
            p = "fm" if kind == "full_md" else "fd"
            y, mo, d = int(m.group(p + "_year")), _month_num(m.group(p + "_mon")), _day_num(m.group(p + "_day"))
            if not _valid_day(y, mo, d):
                continue
            value, prec, explicit = _fmt(y, mo, d), "day", True
        elif kind == "iso":
            y, mo, d = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
            if not _valid_day(y, mo, d):
                continue
            value, prec, explicit = _fmt(y, mo, d), "day", True
        elif kind == "my":
            y, mo = int(m.group("my_year")), _month_num(m.group("my_mon"))
            value, prec, explicit, vague = _fmt(y, mo), "month", True, bool(m.group("my_q"))
        elif kind == "yq":
            value, prec, explicit, vague = m.group("yq_year"), "year", True, True
        elif kind == "yr":
            before = text[max(0, start - 30):start]
            after = text[end:end + 25]
            if _YEAR_NOT.search(before) or _YEAR_COUNT_AFTER.match(after):
                continue
            if _YEAR_PREP.search(before) or not _YEAR_WORD_AFTER.match(after) or _YEAR_VERB_AFTER.match(after):
                attributive = bool(_YEAR_DET.search(before)) and bool(_YEAR_WORD_AFTER.match(after))
            else:
                attributive = True
            value, prec, explicit = m.group("yr_year"), "year", True
        elif kind in ("md", "dm", "mon"):
            if kind == "mon" and not m.group("mon_q") and not _MON_CONTEXT.search(text[max(0, start - 25):start]):
                continue
            if kind == "mon" and m.group("mon_mon") == "May" and not m.group("mon_q") and \
                    not re.search(r"(?i:\b(?:in|on|by|since|until|till|through|during|from|to|between|and|of|"
                                  r"early|mid|late|before|after)\s*)$", text[max(0, start - 15):start]):
                continue   # "May" the modal verb
            para = text.rfind("\n", 0, start)
            sentence_start = max(para, text.rfind(". ", 0, start))
            if kind != "mon" and anchor_year and not (last_year is not None and last_year_pos > sentence_start):
                # "On July 31, an appeals court upheld ..." after a flashback to "In April 2022":
                # a yearless day is the report's year unless its own sentence names another
                # (a yearless month, "In October", still continues the paragraph's year)
                y = anchor_year
            elif last_year is not None and last_year_pos > para:
                y = last_year
            elif anchor_year:
                y = anchor_year
            else:
                y = last_year
            mo = _month_num(m.group(kind + "_mon"))
            relative = True
            if kind == "mon":
                vague = bool(m.group("mon_q"))
                prec = "month"
                value = _fmt(y, mo) if y else ""
            else:
                d = _day_num(m.group(kind + "_day"))
                if y and not _valid_day(y, mo, d):
                    continue
                prec = "day"
                value = _fmt(y, mo, d) if y else ""
        elif kind == "rel":
            relative = True
            if not prev_value:
                value = ""
            elif m.group("r_same") or m.group("r_that") or m.group("r_that2"):
                unit = m.group("r_same") or m.group("r_that") or m.group("r_that2")
                unit = unit.lower()
                want = {"day": "day", "week": "month", "month": "month", "year": "year"}[unit]
                value, prec = _shift(prev_value, "d", 0, want)
            elif m.group("r_dir") or m.group("r_dayafter"):
                unit = (m.group("r_dirunit") or m.group("r_dayafter")).lower()
                sign = 1 if (m.group("r_dir") or m.group("r_afterbefore")).lower() in (
                    "following", "next", "after") else -1
                # "the following week" names a week, not a day: month precision, like "that week"
                # (spec rule 4); "two weeks later" counts days and stays at day precision
                want = {"day": "day", "week": "month", "month": "month", "year": "year"}[unit]
                value, prec = _shift(prev_value, unit, sign, want)
            else:
                n = parse_count(m.group("r_n"))
                if n is None:
                    continue
                unit = m.group("r_unit").lower()
                sign = -1 if m.group("r_when").lower() == "earlier" else 1
                want = {"d": "day", "w": "day", "m": "month", "y": "year"}[unit[0]]
                value, prec = _shift(prev_value, unit, sign * n, want)
        elif kind == "dl":
            dl = None
            for pos, day in datelines:
                if pos < start:
                    dl = day
            if dl is None:
                continue
            relative = True
            if m.group("dl_wd"):
                wd = _WEEKDAYS[m.group("dl_wd")]
                back = (dl.weekday() - wd) % 7
                if m.group("dl_last") and m.group("dl_last").strip().lower() == "last" and back == 0:
                    back = 7
                day = dl - _dt.timedelta(days=back)
                value, prec = _fmt(day.year, day.month, day.day), "day"
            else:
                w = _SPACE.sub(" ", m.group("dl_word").lower())
                if w in ("today", "tonight", "this morning"):
                    day, prec = dl, "day"
                elif w in ("yesterday", "last night"):
                    day, prec = dl - _dt.timedelta(days=1), "day"
                elif w.endswith("week"):
                    day, prec = dl - _dt.timedelta(days=7 if w.startswith("last") else 0), "month"
                elif w.endswith("month"):
                    k = dl.year * 12 + dl.month - 1 - (1 if w.startswith("last") else 0)
                    day, prec = _dt.date(k // 12, k % 12 + 1, 1), "month"
                else:
                    day, prec = _dt.date(dl.year - (1 if w.startswith("last") else 0), 1, 1), "year"
                value = _fmt(day.year, day.month, day.day, prec)
        else:
            continue
        if value and not prec:
            prec = {4: "year", 7: "month", 10: "day"}[len(value)]
        if not value:
            prec = ""
        out.append(DateMention(start, end, mtext, value, explicit, prec, vague, attributive,
                               relative, "date:" + kind))
        if not attributive:
            if explicit:
                last_year, last_year_pos = int(value[:4]), start
            prev_value = value
    return out


# ---------------------------------------------------------------------------
# Legal articles
# ---------------------------------------------------------------------------

# Codes named with an article, any case ("the penal code" in State Department
# reports, "Criminal Code" in HRW), longest first. Value: canonical spelling.
_CODE_NAMES = [
    "Code of Criminal Procedure", "Criminal Procedure Code", "Criminal Procedural Code",
    "Criminal-Procedural Code", "Criminal Executive Code", "Criminal-Executive Code",
    "Penal Enforcement Code", "Penal Procedure Code",
    "Code of Administrative Offenses", "Code of Administrative Offences",
    "Code on Administrative Offenses", "Code on Administrative Offences",
    "Code of Administrative Violations", "Code of Administrative Infractions",
    "Administrative Offenses Code", "Administrative Offences Code", "Administrative Code",
    "Code of Civil Procedure", "Civil Procedure Code", "Civil Code", "Criminal Code",
    "Penal Code", "Labor Code", "Labour Code", "Tax Code", "Family Code", "Election Code",
    "Electoral Code", "Land Code", "Customs Code", "Housing Code", "Media Code", "Constitution",
]
_CODE_CANON = {c.lower().replace("-", " "): c for c in _CODE_NAMES}
_CODE_ALT = "|".join(re.escape(c).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]+")
                     for c in sorted(_CODE_NAMES, key=len, reverse=True))
# A code: a known code in any case ("the penal code"), a capitalized law or act
# ("the Law on Religious Activity", "the 2014 Trade Union Law"), or an international
# instrument ("the International Covenant on Civil and Political Rights").
_CODE = (r"(?:(?i:" + _CODE_ALT + r")(?![\w-])"
         r"|Law\s+(?:on|about)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and|of|on|the|in|for|[A-Z][\w-]*))*"
         r"|Law(?:\s+of\s+[A-Z][\w-]*)?,?\s+[“\"]On\s+[^”\"\n]{2,80}[”\"]"
         r"|(?:[A-Z][\w-]*\s+){1,4}(?:Law|Act)(?![\w-])"
         r"|(?:International|European|Universal|American|African)\s+(?:Covenant|Convention|Declaration|Charter)"
         r"(?:\s+(?:on|of|for|against)(?:\s+(?:and|of|on|the|in|for|[A-Z][\w-]*))+)?)")
# An article number: "174", "282.2(1)", "137(1)", "20.2", "318-1", "174 (2)".
_ARTNUM = r"\d+(?:[.-]\d+)*(?:\s?\(\d+[a-z]?\)|\s?\([a-z]\))*"
_ARTICLE_RX = re.compile(
    # "Criminal Code Article 274", "the Criminal Code's Article 274"
    r"(?:(?P<code_b>" + _CODE + r")(?:['’]s)?\s+)?"
    # "Part 2 of Article 174", "paragraph 3 of article 20"
    r"(?:(?i:part|paragraph|clause|section|point)\s+(?P<part>\d+)\s+of\s+)?"
    # "Article 174", "Articles 174 and 274", "articles 8, 10, 16 and 21", "Art. 179"
    r"(?<![\w-])(?P<art>(?:[Aa]rticles?|ARTICLES?|Art\.)\s+(?P<nums>" + _ARTNUM + r"(?:\s*(?:,|and|or|&)\s*(?:[Aa]rticles?\s+)?"
    + _ARTNUM + r")*))(?![\w])"
    # "Article 174, part 2", "Article 174, paragraph 2"
    r"(?:,?\s+(?i:part|paragraph|clause)\s+(?P<part_a>\d+))?"
    # "of the Criminal Code", "of Kazakhstan's Criminal Code", "of the Code of Administrative Offenses"
    r"(?:,?\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+)?(?:country['’]s\s+)?(?:new\s+|revised\s+|amended\s+)?"
    r"(?P<code_a>" + _CODE + r"))?")
# Each number of "Articles 8, 10, 16 and 21".
_ARTNUM_RX = re.compile(_ARTNUM)
# "Article 19" without a code is usually the free-expression NGO ("Article 19, a
# London-based group, said ..."); keep it only after legal wording ("under Article 19").
_ART19_LEGAL = re.compile(r"(?i:\b(?:under|violat\w*\s+of|breach\s+of|pursuant\s+to|per|in\s+accordance\s+with|see)\s*)$")
# Connectors left at the end of a law name: "the Law on Religion and" -> "the Law on Religion".
_LAW_TRAIL = re.compile(r"(?:\s+(?:and|of|on|the|in|for))+$")


def _code_name(raw: str) -> str:
    """Canonical code name: "the penal code" -> "Penal Code"; laws kept as written."""
    raw = _SPACE.sub(" ", _QUOTES.sub("", raw)).strip().rstrip(",")
    canon = _CODE_CANON.get(raw.lower().replace("-", " "))
    if canon:
        return canon
    return _LAW_TRAIL.sub("", raw)


def find_articles(text: str) -> list[Mention]:
    """Legal provisions in `text`, value "<code> Article <number>":
    "Part 2 of Article 174 of the Criminal Code" -> "Criminal Code Article 174(2)";
    "Articles 174 and 274 of the Criminal Code" -> two mentions; a bare
    "under Article 307" -> "Article 307". All mentions of one phrase share its span."""
    out: list[Mention] = []
    for m in _ARTICLE_RX.finditer(text):
        code_raw = m.group("code_a") or m.group("code_b") or ""
        code = _code_name(code_raw) if code_raw else ""
        nums = [re.sub(r"\s+", "", n.group(0)) for n in _ARTNUM_RX.finditer(m.group("nums"))]
        part = m.group("part") or m.group("part_a")
        start, end = m.start(), m.end()
        if m.group("code_a") and _LAW_TRAIL.search(m.group(0)):
            end = start + len(_LAW_TRAIL.sub("", m.group(0)))
        if not code and nums == ["19"] and not _ART19_LEGAL.search(text[max(0, start - 30):start]):
            continue
        for i, num in enumerate(nums):
            if part and len(nums) == 1 and "(" not in num:
                num = f"{num}({part})"
            value = f"{code} Article {num}" if code else f"Article {num}"
            out.append(Mention(start, end, text[start:end], value, "article"))
    return out


# ---------------------------------------------------------------------------
# Vocabulary files
# ---------------------------------------------------------------------------

# One loader for every rule and vocabulary file (pipeline.rules): one JSON object
# a line, unknown or missing keys rejected with the file and line named.
VocabError = RuleFileError
_load_jsonl = load_jsonl


# ---------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _translit_rules(path: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    rows = _load_jsonl(Path(path) if path else VOCAB_DIR / "translit.jsonl",
                       {"pattern", "replace"}, {"example", "note"})
    return tuple((re.compile(r["pattern"]), r["replace"]) for r in rows)


@lru_cache(maxsize=65536)
def name_key(token: str) -> str:
    """Transliteration skeleton of one name token: "Bokayev" -> "bokaev", "Maks" -> "max"."""
    t = fold(token).replace(" ", "")
    for rx, rep in _translit_rules():
        t = rx.sub(rep, t)
    return t


_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sheikh", "imam", "pastor", "father"}


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
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.86


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


# ---------------------------------------------------------------------------
# Charges (vocabulary)
# ---------------------------------------------------------------------------

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
