"""Date values: ISO at the precision written, year carried from context, relative
dates resolved from the previous one or from a dateline."""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from pipeline.normalize.date_patterns import (
    MAY_CONTEXT, DateMention, _DATELINE_RX, _DATE_RX, _DAY, _MON, _MON_CONTEXT, _TRIGGER_RXS,
    _WEEKDAYS, _WORD_START, _YEAR, _YEAR_COUNT_AFTER, _YEAR_DET, _YEAR_NOT, _YEAR_PREP, _YEAR_VERB_AFTER,
    _YEAR_WORD_AFTER,
)
from pipeline.normalize.numbers import parse_count
from pipeline.normalize.text import _SPACE


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


def _fmt(y: int, m: int | None = None, d: int | None = None, precision: str = "day") -> str:
    if precision == "year" or m is None:
        return f"{y:04d}"
    if precision == "month" or d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


_PARSER = None


def _parser():
    """One dateparser DateDataParser: English, absolute dates only (our finder has
    already found the date and resolved its year; dateparser reads its value)."""
    global _PARSER
    if _PARSER is None:
        from dateparser.date import DateDataParser
        _PARSER = DateDataParser(languages=["en"], locales=["en"], try_previous_locales=False,
                                 settings={"PREFER_DAY_OF_MONTH": "first", "PARSERS": ["absolute-time"]})
    return _PARSER


@lru_cache(maxsize=8192)
def date_value(written: str) -> tuple[str, str]:
    """(ISO value, precision) of a calendar date the finder found, as dateparser reads
    it, at the precision its `period` gives: "Sept. 5 2018" -> ("2018-09-05", "day"),
    "May 2018" -> ("2018-05", "month"); ("", "") when it is no date (February 30)."""
    data = _parser().get_date_data(written)
    if data.date_obj is None or data.period not in _PREC_RANK:
        return "", ""
    d = data.date_obj
    return _fmt(d.year, d.month, d.day, data.period), data.period


def _day_value(mon: str, day: str, year: int | str) -> str:
    """The ISO day of a month name, day number and year ("" if no such day)."""
    return date_value(f"{mon} {day} {year}")[0]


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
        value = _day_value(mon, day, y)
        if value:
            out.append((m.start(), _dt.date.fromisoformat(value)))
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
            value = _day_value(m.group(p + "_mon"), m.group(p + "_day"), m.group(p + "_year"))
            if not value:
                continue
            prec, explicit = "day", True
        elif kind == "iso":
            value, prec = date_value(m.group("iso"))
            if not value:
                continue
            explicit = True
        elif kind == "my":
            value, prec = date_value(f'{m.group("my_mon")} {m.group("my_year")}')
            explicit, vague = True, bool(m.group("my_q"))
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
                    not MAY_CONTEXT.search(text[max(0, start - 15):start]):
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
            mon = m.group(kind + "_mon")
            relative = True
            if kind == "mon":
                vague = bool(m.group("mon_q"))
                prec = "month"
                value = date_value(f"{mon} {y}")[0] if y else ""
            else:
                value = _day_value(mon, m.group(kind + "_day"), y) if y else ""
                if y and not value:
                    continue
                prec = "day"
        elif kind == "rel":
            relative = True
            got = _relative_value(m, prev_value)
            if got is None:
                continue
            value, prec = got
        elif kind == "dl":
            got = _dateline_value(m, datelines, start)
            if got is None:
                continue
            relative = True
            value, prec = got
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


def _relative_value(m, prev_value: str) -> tuple[str, str] | None:
    """(value, precision) of a date relative to the previous one ("three days later",
    "that same month", "the following week"); None when it is no date after all."""
    value, prec = "", ""
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
            return None
        unit = m.group("r_unit").lower()
        sign = -1 if m.group("r_when").lower() == "earlier" else 1
        want = {"d": "day", "w": "day", "m": "month", "y": "year"}[unit[0]]
        value, prec = _shift(prev_value, unit, sign * n, want)
    return value, prec


def _dateline_value(m, datelines, start: int) -> tuple[str, str] | None:
    """(value, precision) of "on Friday", "yesterday", "last month" from the dateline
    before it; None without one."""
    dl = None
    for pos, day in datelines:
        if pos < start:
            dl = day
    if dl is None:
        return None
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
    return value, prec
