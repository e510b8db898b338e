"""Charges and articles: the offence a cue introduces, and its legal provision."""
from __future__ import annotations

import calendar
import re

from pipeline import normalize
from pipeline.extract.lexicon import MONTHS, WEEKDAYS
from pipeline.rules import alternation, load_word_lists, load_words_ordered
from pipeline.extract.syntax import clause_tokens


QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


# Words that end a charge phrase: "charged with inciting discord for her posts".
_STOP = load_word_lists("charge_stop")
_STOP_WORDS = alternation(load_words_ordered("charge_stop_words"))
_CHARGE_STOP = re.compile(
    r"\s*(?:[,;.()\[\]]|\bfor\s+(?:" + alternation(_STOP["for-motive"]) + r")\b|"
    r"\b(?:" + _STOP_WORDS + r")\b|\band\s+(?:\w+ed|" + alternation(_STOP["and-next-verb"]) + r")\b|"
    r"\bin\s+(?:" + alternation(_STOP["in-relation"]) + r")\b|"
    r"\band\s+(?:" + alternation(_STOP["and-next-clause"]) + r")\b|"
    r"(?i:\bunder\s+(?:the\s+)?(?:" + alternation(_STOP["legal-basis"]) + r")\b)|\bin\s+(?:19|20)\d\d\b|\bin\s+(?:[A-Z][a-z]+)\b|"
    r"\bon\s+(?:[A-Z][a-z]+\s+\d|\d)|\bagainst\s+(?:" + alternation(_STOP["against-det"]) + r"|[A-Z])\b)")


# "joining a terrorist group under Article 12 of the Anti-Terrorism Law and spreading false
# news under Article 80(d) of the Penal Code": the provisions are cut out so both offences stay.
_UNDER_ARTICLE = re.compile(r"\s+under\s+(?:part\s+\S+\s+of\s+)?articles?\s+[\w.()]+(?:(?:,|\s+and)\s+[\w.()]+)*"
                            r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,5}?(?:Code|Law|Act)\b)?", re.I)


# Cues that introduce the offence: "charged with X", "on charges of X", "on
# suspicion of X", "convicted of X", "found guilty of X", "charges, including X".
# Each branch starts with its own word, so grouping the listed cues does not change a match;
# "for allegedly" stays before the bare "for" before a quote.
_CUES = load_word_lists("charge_cues")
_CHARGE_CUE = re.compile(
    r"(?:\bcharged\s+(?:\w+\s+){0,6}?with|\bcharges?\s+(?:\w+\s+){0,3}?(?:of|for)|\bcharges?,?\s+including|"
    r"\bconvicted\s+(?:(?:in\s+absentia|\w+ly)\s+)?(?:of|for|on)|"
    r"\b(?:" + alternation(_CUES["verb-for-on"]) + r")\s+(?:for|on)|"
    r"\b(?:" + alternation(_CUES["noun-for-on"]) + r")\s+(?:\w+\s+){0,2}?(?:for|on)|"
    r"\b(?:" + alternation(_CUES["fixed-cue"], r"\s+") + r")|\bfor(?=\s+[\"\u201c\u2018]))\s+", re.I)


# One quoted offence, or several joined by commas and "and": "“X,” “Y,” and “Z”".
_QUOTED = re.compile(r"[" + QUOTES + r"]([^" + QUOTES + r"]{2,150})[" + QUOTES + r"]")


_QUOTED_LIST = re.compile(r"\s*" + _QUOTED.pattern + r"(?:\s*,?\s*(?:and\s+|or\s+)?" + _QUOTED.pattern + r")*")


# Where one offence ends and the next begins: "inciting social hatred and illegally
# handling personal data" -- a comma or "and" before a gerund, the left part two words or more
# (so "making, storing or spreading information" stays one offence).
_OFFENCE_SPLIT = re.compile(r",?\s+and\s+(?=(?:\w+ly\s+)?\w+ing\b)|,\s+(?=(?:\w+ly\s+)?\w+ing\b)")


def split_offences(charge: str) -> list[str]:
    """Several offences written in one phrase, in order."""
    parts, pos = [], 0
    for m in _OFFENCE_SPLIT.finditer(charge):
        left = charge[pos:m.start()].strip(" ,")
        if len(left.split()) >= 2:
            parts.append(left)
            pos = m.end()
    parts.append(charge[pos:].strip(" ,"))
    return [p for p in parts if p]


# "acquitted X of defamation charges", "serving a term on fraud charges"
_CHARGE_BEFORE = re.compile(r"\b(?:of|on)\s+((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+charges?\b")


# "case on July 5", "charged on 3 May": a date or number where an offence should be
_MONTH_ORDER = {m: i for i, m in enumerate(calendar.month_name[1:])}
_DAY_ORDER = {d: i for i, d in enumerate(calendar.day_name)}
_NOT = load_word_lists("not_charge")
_NOT_CHARGE = re.compile(
    r"^(?:\d|(?:" + alternation(sorted(MONTHS, key=lambda m: _MONTH_ORDER[m.title()])) + "|"
    + alternation(sorted(WEEKDAYS, key=lambda d: _DAY_ORDER[d.title()])) + r")\b|(?:"
    + alternation(_NOT["possessed-event"]) + r")\s+(?:\w+\s+)?(?:" + alternation(_NOT["event-noun"]) + r")\b)")


_VAGUE_CHARGE = re.compile(r"^(?:(?:" + alternation(load_words_ordered("vague_charge")) + r")\s*)*"
                           r"(?:charges?|offen[cs]es?|crimes?)?$")


# A leading word cut from a charge read after a cue: "multiple counts of fraud".
_LEAD_MODIFIER = re.compile(r"^(?:" + alternation(load_words_ordered("charge_lead_modifiers")) + r")\s+")


# "on the same charges": a determiner first, so no offence is named before "charges".
_DETERMINER_FIRST = re.compile(r"^(?:" + alternation(load_words_ordered("charge_before_determiners")) + r")\b")


CHARGE_TYPES = {"ARREST", "INVESTIGATE", "CHARGE", "TRIAL", "CONVICT", "SENTENCE", "FINE", "ACQUIT", "APPEAL"}


def find_charge(ctx, sp, head) -> tuple[str, str]:
    """The offence, from a cue after the trigger ("with", "on charges of",
    "on suspicion of") or the charge vocabulary, within the trigger's clause."""
    doc = ctx.doc
    toks = sorted(clause_tokens(head, set()), key=lambda t: t.i)
    if not toks:
        return "", ""
    lo = min(toks[0].idx, sp.start_char)
    hi = max(toks[-1].idx + len(toks[-1]), sp.end_char)
    return find_charge_in(doc, doc.text[lo:hi])


def find_charge_in(doc, region: str) -> tuple[str, str]:
    """The first offence a cue introduces in `region` (see find_charge)."""
    m = _CHARGE_CUE.search(region)
    while m:
        rest = region[m.end():]
        q = _QUOTED_LIST.match(rest)
        if q:
            # "on charges of “X” and “Y”" -> "x; y" (spec rule 5: several charges joined with "; ")
            val = "; ".join(normalize.clean_charge(x) for x in _QUOTED.findall(q.group(0)))
        elif _CHARGE_CUE.match(rest.lstrip() + " "):
            m = _CHARGE_CUE.search(region, m.end())   # "investigation on charges of X": the inner cue
            continue
        else:
            rest = _UNDER_ARTICLE.sub("", rest)
            stop = _CHARGE_STOP.search(rest)
            val = normalize.clean_charge(rest[: stop.start()] if stop else rest)
            val = re.sub(r"\s+(?:and|or)$", "", val)
            val = _LEAD_MODIFIER.sub("", val)
            val = "; ".join(split_offences(val))
        if val and not _VAGUE_CHARGE.match(val) and len(val.split()) <= 30 and not _NOT_CHARGE.match(val):
            return val, "charge:cue"
        m = _CHARGE_CUE.search(region, m.end())
    for m in _CHARGE_BEFORE.finditer(region):
        val = normalize.clean_charge(m.group(1))
        if val and not _VAGUE_CHARGE.match(val) and not _DETERMINER_FIRST.match(val):
            return val, "charge:before"
    if region != doc.text:
        # the offence named elsewhere in the sentence: "found X guilty of fraud and handed her ..."
        whole = find_charge_in(doc, doc.text)
        if whole[0]:
            return whole
    try:
        vocab = normalize.find_charges(region)
    except (AttributeError, NotImplementedError):
        vocab = []
    if vocab:
        return vocab[0].value, vocab[0].rule_id
    return "", ""


def find_article(ctx, head, charge: str) -> str:
    arts = normalize.find_articles(ctx.sent.text)
    if arts:
        toks = clause_tokens(head, set())
        lo = min(t.idx for t in toks)
        hi = max(t.idx + len(t) for t in toks)
        mine = [a.value for a in arts if lo <= a.start < hi] or [a.value for a in arts]
        return "; ".join(dict.fromkeys(mine))
    if charge:
        # the charge is the provision's offence, or a narrower wording of it:
        # "inciting social discord" under "inciting social, national ... discord"
        f = normalize.fold(charge)
        words = set(f.split())
        for offence, art in ctx.article_for_charge.items():
            if f == offence or (len(words) >= 2 and words <= set(offence.split())):
                return art
    return ""


def article_map(sents) -> dict[str, str]:
    """Offence -> provision, from sentences anywhere in the document that tie
    them: "Criminal Code Article 274, which broadly prohibits 'disseminating
    knowingly false information'"; "article 174 on 'inciting social, national
    ... discord'"."""
    out: dict[str, str] = {}
    for sent in sents:
        if "rticle" not in sent.text:
            continue
        for art in normalize.find_articles(sent.text):
            tail = sent.text[art.end: art.end + 200]
            m = re.match(r"[^\u201c\u2018\"]{0,40}?[\u201c\u2018\"]([^\u201c\u201d\"]{4,160}?)[\u201d\u2019\"]", tail)
            if m:
                out.setdefault(normalize.fold(m.group(1)), art.value)
            # "charged with joining a terrorist group under Article 12 of the Anti-Terrorism Law"
            head = sent.text[max(0, art.start - 120): art.start]
            m = re.search(r"(?:with|of|for|and)\s+[\u201c\u2018\"]?([a-z][\w\s-]{3,80}?)[\u201d\u2019\"]?,?\s+under\s+(?:part\s+\S+\s+of\s+)?$",
                          head, re.I)
            if m:
                out.setdefault(normalize.fold(m.group(1)), art.value)
    return out
