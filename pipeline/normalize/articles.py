"""Legal provisions: "Article 174 of the Criminal Code", "Articles 8, 10 and 21"."""
from __future__ import annotations

import re

from pipeline.normalize.charges import _QUOTES
from pipeline.normalize.text import _SPACE
from pipeline.rules import alternation, load_word_lists, load_words_ordered
from pipeline.schema import Mention


# Codes named with an article, any case ("the penal code" in State Department
# reports, "Criminal Code" in HRW), longest first. Value: canonical spelling.
_CODE_NAMES = list(load_words_ordered("legal_codes"))   # lexicons/legal_codes.jsonl


_CODE_CANON = {c.lower().replace("-", " "): c for c in _CODE_NAMES}


_CODE_ALT = "|".join(re.escape(c).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]+")
                     for c in sorted(_CODE_NAMES, key=len, reverse=True))


# Words of law and instrument names (lexicons/law_name_connectors.jsonl, international_instruments.jsonl).
_LAWW = load_word_lists("law_name_connectors")
_CONNECT = alternation(_LAWW["connector"])
_LAW_PREP = alternation(_LAWW["law-preposition"])
_INSTR_PREP = alternation(_LAWW["instrument-preposition"])
_INSTR = load_word_lists("international_instruments")
_INSTR_SCOPE, _INSTR_KIND = alternation(_INSTR["scope"]), alternation(_INSTR["instrument"])


# A code: a known code in any case ("the penal code"), a capitalized law or act
# ("the Law on Religious Activity", "the 2014 Trade Union Law"), or an international
# instrument ("the International Covenant on Civil and Political Rights").
_CODE = (r"(?:(?i:" + _CODE_ALT + r")(?![\w-])"
         r"|Law\s+(?:" + _LAW_PREP + r")\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:" + _CONNECT + r"|[A-Z][\w-]*))*"
         r"|Law(?:\s+of\s+[A-Z][\w-]*)?,?\s+[“\"]On\s+[^”\"\n]{2,80}[”\"]"
         r"|(?:[A-Z][\w-]*\s+){1,4}(?:Law|Act)(?![\w-])"
         r"|(?:" + _INSTR_SCOPE + r")\s+(?:" + _INSTR_KIND + r")"
         r"(?:\s+(?:" + _INSTR_PREP + r")(?:\s+(?:" + _CONNECT + r"|[A-Z][\w-]*))+)?)")


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
_A19 = load_word_lists("article19_legal")["legal-citation"]
_ART19_LEGAL = re.compile(r"(?i:\b(?:" + alternation(_A19[:1]) + r"|violat\w*\s+of|" + alternation(_A19[1:], r"\s+")
                          + r")\s*)$")


# Connectors left at the end of a law name: "the Law on Religion and" -> "the Law on Religion".
_LAW_TRAIL = re.compile(r"(?:\s+(?:" + _CONNECT + r"))+$")


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
