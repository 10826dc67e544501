"""Time expressions: what the words of one date entity say, before any anchoring.

:func:`parse_expression` reads the text of one DATE/TIME entity ("Saturday night",
"on 23 February 2022", "earlier this month", "March 3-5") into a
:class:`TimeExpression`. It never sees raw sentences: a free-text scan turns "We"
into a Wednesday and "1300" into a year. Anchoring to the publication date is
:mod:`khaldun.dates.anchor`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
    "several": 3, "a few": 3,
}

_MONTH = r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_NUM = r"(?P<n>\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def _m(name: str) -> str:
    return _MONTH.format(name)


def _d(name: str) -> str:
    return _DAY.format(name)


def _y(name: str) -> str:
    return _YEAR.format(name)


_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|to|and|until|till|through)\s*"

# Each pattern is searched in the (lower-cased) entity text; the first that matches wins,
# so the more specific come first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b" + _y("y") + r"-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 3-5 March 2022 / 3 to 5 March
    ("dm_range", re.compile(r"\b" + _d("d") + _RANGE_SEP + _d("d2") + r"\s+(?:of\s+)?" + _m("mo")
                            + r"(?:,?\s+" + _y("y") + r")?\b")),
    # March 3-5, 2022 / March 3 to 5
    ("md_range", re.compile(r"\b" + _m("mo") + r"\s+" + _d("d") + _RANGE_SEP + _d("d2")
                            + r"(?:,?\s+" + _y("y") + r")?\b")),
    # 23 February 2022 / the 23rd of February
    ("dmy", re.compile(r"\b" + _d("d") + r"\s+(?:of\s+)?" + _m("mo") + r"(?:,?\s+" + _y("y")
                       + r")?\b")),
    # February 23, 2022 / Feb. 23
    ("mdy", re.compile(r"\b" + _m("mo") + r"\s+" + _d("d") + r"(?!\d)(?:,?\s+" + _y("y")
                       + r")?\b")),
    ("month_year", re.compile(r"\b" + _m("mo") + r",?\s+(?:of\s+)?" + _y("y") + r"\b")),
    # "three days later", "the next morning", "that night": counted from the story's own time,
    # not from the publication date (before "ago", which is the publication's)
    ("chained", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year|hour|minute)s?\s+"
                           r"(?P<dir>later|earlier|afterwards?|before|after|prior)\s*$")),
    ("chained", re.compile(r"\b(?P<unit>hour|minute|moment)s\s+(?P<dir>later|earlier|afterwards?|"
                           r"before|after)\s*$")),
    ("chained", re.compile(r"(?:^|\b(?:on|by|until|of)\s+)(?P<word>(?:the|that)\s+(?:very\s+)?(?:next|following|"
                           r"previous|preceding|same)\s+(?:day|morning|afternoon|evening|night)|"
                           r"(?:the\s+)?(?:day|night|evening|morning)\s+(?:before|after)|"
                           r"that\s+(?:day|morning|afternoon|evening|night)|later\s+that\s+"
                           r"(?:day|morning|afternoon|evening|night)|earlier\s+that\s+"
                           r"(?:day|morning|afternoon|evening|night)|the\s+eve)\s*$")),
    ("ago", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("rel_day", re.compile(r"\b(?P<word>the day before yesterday|yesterday|last night|"
                           r"today|tonight|this (?:morning|afternoon|evening)|overnight|"
                           r"the day after tomorrow|tomorrow)\b")),
    ("weekend", re.compile(r"\b(?P<dir>last|this|next|the|this past|over the)?\s*weekend\b")),
    ("weekday", re.compile(r"\b(?:(?P<dir>last|next|this past|this coming|this|past|coming)\s+)?"
                           + _WEEKDAY + r"\b")),
    ("rel_unit", re.compile(r"\b(?P<dir>earlier this|later this|last|this|next|the past|past|"
                            r"the previous|previous|the coming|coming|the following|"
                            r"the last|the next|early this|late last|early last|late this|"
                            r"earlier in the)\s+(?P<unit>week|month|year)\b")),
    ("month", re.compile(r"\b(?:(?P<dir>last|next|this|early|mid|late|earlier in|later in|"
                         r"the end of|the beginning of|the start of)[\s-]+)?" + _m("mo") + r"\b")),
    ("year", re.compile(r"\b" + _y("y") + r"\b")),
]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """What one time expression says, relative or absolute, before anchoring."""

    text: str
    kind: str
    """iso, dmy, mdy, dm_range, md_range, month_year, ago, rel_day, weekend, weekday,
    rel_unit, month, year (the name of the pattern that read it), or chained: an offset from
    the story's own time ("two days later", "the next morning", "that night"), which
    needs a reference date from the text, not the publication date"""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_end: int | None = None
    """last day of a range within one month ("March 3-5")"""
    weekday: int | None = None
    """0 Monday .. 6 Sunday"""
    direction: str | None = None
    """last, next, this, or None (for weekdays: as the words say)"""
    unit: str | None = None
    """day, week, month or year (for relative expressions)"""
    amount: int = 0
    """signed offset in ``unit`` for relative expressions ("two weeks ago" -> -2)"""

    @property
    def absolute(self) -> bool:
        """True when the words alone fix the date (a year is given)."""
        return self.year is not None and self.kind in (
            "iso", "dmy", "mdy", "dm_range", "md_range", "month_year", "year")


_REL_DAY = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "overnight": 0,
    "tomorrow": 1, "the day after tomorrow": 2,
}


def _direction(word: str | None) -> str | None:
    if not word:
        return None
    word = word.strip()
    if word in ("last", "past", "the past", "previous", "the previous", "this past", "the last",
                "late last", "early last"):
        return "last"
    if word in ("next", "coming", "the coming", "this coming", "the following", "the next"):
        return "next"
    if word in ("this", "earlier this", "later this", "early this", "late this",
                "earlier in the"):
        return "this"
    return None


_CHAINED_WORDS = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1,
                  "before": -1, "same": 0, "that": 0, "eve": -1}
_DAYS_IN = {"day": 1, "week": 7, "hour": 0, "minute": 0, "moment": 0}


def _chained(text: str, g: dict[str, str | None]) -> TimeExpression | None:
    """A :class:`TimeExpression` of kind ``chained`` (an offset from the story's time)."""
    word = g.get("word")
    if word:
        words = word.split()
        if words[0] in ("later", "earlier"):
            return TimeExpression(text, "chained", unit="day", amount=0)
        for w in reversed(words):
            if w in _CHAINED_WORDS:
                return TimeExpression(text, "chained", unit="day", amount=_CHAINED_WORDS[w])
        return TimeExpression(text, "chained", unit="day", amount=0)
    unit = g["unit"] or "day"
    n = g.get("n")
    count = 1 if not n else int(n) if n.isdigit() else NUMBER_WORDS[n]
    sign = -1 if g["dir"] in ("earlier", "before", "prior") else 1
    if unit in _DAYS_IN:
        return TimeExpression(text, "chained", unit="day", amount=sign * count * _DAYS_IN[unit])
    return TimeExpression(text, "chained", unit=unit, amount=sign * count)


def parse_expression(text: str) -> TimeExpression | None:
    """The time expression in ``text`` (one entity's words), or None if none is readable."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    for kind, pattern in _PATTERNS:
        m = pattern.search(low)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y"]) if g.get("y") else None
        month = (int(g["mo"]) if g["mo"].isdigit() else MONTHS[g["mo"]]) if g.get("mo") else None
        if kind == "iso":
            return TimeExpression(text, kind, year, int(g["mo"]), int(g["d"]))
        if kind in ("dm_range", "md_range"):
            d1, d2 = int(g["d"]), int(g["d2"])
            if not (1 <= d1 < d2 <= 31):
                continue
            return TimeExpression(text, kind, year, month, d1, day_end=d2)
        if kind in ("dmy", "mdy"):
            day = int(g["d"])
            if not 1 <= day <= 31:
                continue
            return TimeExpression(text, kind, year, month, day)
        if kind == "month_year":
            return TimeExpression(text, kind, year, month)
        if kind == "chained":
            return _chained(text, g)
        if kind == "ago":
            n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"]]
            return TimeExpression(text, kind, unit=g["unit"], amount=-n)
        if kind == "rel_day":
            return TimeExpression(text, kind, unit="day", amount=_REL_DAY[g["word"]])
        if kind == "weekend":
            direction = _direction(g.get("dir")) or "last"
            return TimeExpression(text, kind, weekday=5, direction=direction)
        if kind == "weekday":
            return TimeExpression(text, kind, weekday=WEEKDAYS[g["wd"]],
                                  direction=_direction(g.get("dir")))
        if kind == "rel_unit":
            direction = _direction(g["dir"]) or "this"
            amount = {"last": -1, "next": 1, "this": 0}[direction]
            return TimeExpression(text, kind, unit=g["unit"], amount=amount, direction=direction)
        if kind == "month":
            # "may" is a modal verb far more often than a month: only take it with a cue
            if g["mo"] == "may" and not (g.get("dir") or re.search(r"\b(?:in|since|until|of)\s+may\b", low)):
                continue
            cue = g.get("dir")
            month_dir = _direction(cue) if cue in ("last", "next", "this") else None
            return TimeExpression(text, kind, month=month, direction=month_dir)
        if kind == "year":
            return TimeExpression(text, kind, year)
    return None
