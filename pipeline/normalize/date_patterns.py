"""The date patterns: what a date looks like in these reports, and the words around it
that make a number a date, a quantity or an attribute."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from pipeline.rules import alternation, load_word_lists, load_words_ordered



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


_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}


# A month name, capitalized ("may" the verb is not a month); abbreviations need
# their period ("Sept. 5, 2018") unless a day number follows, as wire copy writes
# them ("TEHRAN, Oct 19 (Wire) -", "arrested on Sept 22").
_MON = (r"(?:" + "|".join(calendar.month_name[1:])
        + r"|(?:" + alternation(load_words_ordered("month_abbreviations")) + r")(?:\.|(?=\s+(?:[12]\d|3[01]|0?[1-9])\b)))")


# A day of the month, ordinal suffix allowed: "May 10", "June 1st"; not the "20" of "2019".
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"


# A four-digit year 1800-2099; not a decade ("the 1990s").
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?!s\b)"


# A weekday: "A court in Baku on Friday jailed ..." (resolved only from a dateline).
_WD = r"(?:" + "|".join(calendar.day_name) + r")"


# Qualifiers that keep the precision of what they qualify:
# "late January 2021" -> 2021-01, "mid-2016" -> 2016, "the end of 2018" -> 2018.
_Q = load_word_lists("date_qualifiers")
_QUAL = (r"(?i:(?:" + alternation(_Q["part-word"]) + r"|the\s+(?:very\s+)?(?:" + alternation(_Q["edge-noun"]) + r")\s+of"
         r"|(?:the\s+)?(?:" + alternation(_Q["period-ordinal"]) + r")\s+(?:"
         + alternation(_Q["period-part"], r"\s+") + r")\s+of"
         r"|(?:the\s+)?(?:" + alternation(_Q["quarter-ordinal"]) + r")\s+quarter\s+of"
         r"|(?:the\s+)?(?:" + alternation(_Q["edge-noun-bare"]) + r")\s+of)[-\s]+)")


# Seasons qualify only years: "spring 2018", "in the summer of 2018".
_SEASON = r"(?i:(?:the\s+)?(?:" + alternation(_Q["season"]) + r")(?:\s+of)?\s+)"


# Between the two ends of a range: "May 10-12", "August and September 2018",
# "March to May 2019", "2017-2018".
_RANGE_SEP = r"(?:\s*(?:-|–|—|/)\s*|\s+(?:" + alternation(load_words_ordered("date_range_words")) + r")\s+)"


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
    r"(?i:\b(?:" + alternation(load_words_ordered("month_context"), r"\s+") + r")[-\s]*)$")


# Words before a bare year that make it a date: "in 2017", "throughout 2018", "(2019)".
_YEAR_PREP = re.compile(
    r"(?i:\b(?:" + alternation(load_words_ordered("year_prepositions"), r"\s+") + r")\s*|\(\s*)$")


# Determiners before a bare year that make it attributive: "the 2011 religion law",
# "Kazakhstan's 2019 report", "its 2018 decision".
_YEAR_DET = re.compile(r"(?i:\b(?:" + alternation(load_words_ordered("year_determiners")) + r")\s*|['’]s\s*)$")


# Words before a number that make it not a year: "Article 2019", "No. 2018", "$2019".
_YEAR_NOT = re.compile(
    r"(?i:\b(?:" + alternation(load_words_ordered("year_not_before"), r"\s+") + r")\s*)$")


# Nouns after a number that make it a quantity, not a year: "2000 people", "2019 tenge".
_YEAR_COUNT_AFTER = re.compile(
    r"^\s+(?:" + alternation(load_words_ordered("year_count_after")) + r")\b", re.I)


# After a bare year not preceded by a preposition: a verb keeps it a date ("2018 was"),
# any other word makes it attributive ("2014 Trade Union Law").
_YEAR_VERB_AFTER = re.compile(r"^\s+(?:" + alternation(load_words_ordered("year_verb_after")) + r")\b", re.I)


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


# Words before "May" that make it the month, not the modal verb: "on May 5", "in early May".
MAY_CONTEXT = re.compile(r"(?i:\b(?:" + alternation(load_words_ordered("may_context")) + r")\s*)$")
