"""Anchoring a time expression to the publication date, by news conventions.

Rules (also in ``docs/places-and-dates.md``):

- Words that give a year ("23 February 2022", "March 2021", "in 2019") need no
  anchor and win over everything else.
- A weekday in past or present reporting is the most recent such day on or before
  publication: the article's own weekday is the same day, "Saturday night" in a
  Sunday article is the day before. "last Sunday" is strictly before. In future
  tense ("will meet on Friday", "next Friday") it is the next such day on or after.
- A month-day or month without a year takes the year that puts it nearest the
  publication date on the side the tense allows: past tense never after
  publication (a day of tolerance for time zones), future never before it; with no
  tense, the nearest, preferring the past when ties.
- Period precision: ``week`` dates are the Monday of the week, ``month`` dates the
  1st, ``year`` dates the 1st of January; ranges give their first day and ``end``.
- Without a publication date only expressions that give a year resolve.
- A date that would fall outside the calendar Python can hold (before 1 January
  of year 1, after 31 December 9999: "tomorrow" in an article dated 9999-12-31)
  is not anchored: every step below goes through :func:`_safe_date`,
  :func:`_add_days` or :func:`_shift_month`, which answer None there.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from khaldun.dates.expressions import TimeExpression
from khaldun.records import fast_init

#: past-tense events may be dated a day after publication (time zones, late editions)
_PAST_TOLERANCE = timedelta(days=1)


@fast_init
@dataclass(frozen=True, slots=True)
class Anchored:
    """A calendar date for an expression, with its precision and optional end."""

    date: dt.date
    precision: str
    end: dt.date | None = None


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (MINYEAR <= year <= MAXYEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _add_days(d: date, days: int) -> date | None:
    """``d`` plus ``days`` (negative: minus), None outside the calendar."""
    if d.toordinal() + days < 1:
        return None
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def _pick_year(make, doc: date, tense: str) -> date | None:
    """Among the same month(-day) in three years, the one the tense allows nearest ``doc``."""
    candidates = [d for d in (make(doc.year - 1), make(doc.year), make(doc.year + 1)) if d]
    if not candidates:
        return None
    # differences, not doc +/- tolerance: that sum leaves the calendar on its first and last day
    if tense == "past":
        allowed = [d for d in candidates if d - doc <= _PAST_TOLERANCE]
        return max(allowed) if allowed else None
    if tense == "future":
        allowed = [d for d in candidates if doc - d <= _PAST_TOLERANCE]
        return min(allowed) if allowed else None
    return min(candidates, key=lambda d: (abs((d - doc).days), d > doc))


def _shift_month(d: date, months: int) -> date | None:
    """The first of the month ``months`` after ``d``'s (None outside the calendar)."""
    index = d.year * 12 + d.month - 1 + months
    return _safe_date(index // 12, index % 12 + 1, 1)


def anchor(expr: TimeExpression, doc_date: date | None, tense: str = "unknown",
           reference: Anchored | None = None) -> Anchored | None:
    """The date ``expr`` denotes, seen from a document published on ``doc_date``.

    ``tense`` is "past", "present", "future" or "unknown" (present counts as past:
    news reports what has happened). A ``chained`` expression ("two days later",
    "the next morning") is counted from ``reference``, the story's time the text
    gave before it, never from the publication date; it keeps the reference's
    precision when that is coarser than a day. None when the expression cannot be
    anchored.
    """
    if tense == "present":
        tense = "past"
    kind = expr.kind
    if kind == "chained":
        return _chained(expr, reference)
    if expr.year is not None and kind in ("iso", "dmy", "mdy"):
        d = _safe_date(expr.year, expr.month or 0, expr.day or 0)
        return Anchored(d, "day") if d else None
    if expr.year is not None and kind in ("dm_range", "md_range"):
        d = _safe_date(expr.year, expr.month or 0, expr.day or 0)
        e = _safe_date(expr.year, expr.month or 0, expr.day_end or 0)
        return Anchored(d, "day", e) if d else None
    if kind == "month_year" and expr.year and expr.month:
        d = _safe_date(expr.year, expr.month, 1)
        return Anchored(d, "month") if d else None
    if kind == "year" and expr.year:
        d = _safe_date(expr.year, 1, 1)
        return Anchored(d, "year") if d else None
    if doc_date is None:
        return None
    return _relative(expr, doc_date, tense)


def _chained(expr: TimeExpression, reference: Anchored | None) -> Anchored | None:
    if reference is None:
        return None
    if expr.unit == "day":
        if reference.precision != "day" and abs(expr.amount) < 7:
            return Anchored(reference.date, reference.precision)  # "the next day" of "last week"
        d = _add_days(reference.date, expr.amount)
        return Anchored(d, "day" if reference.precision == "day" else "week") if d else None
    if expr.unit == "month":
        d = _shift_month(reference.date.replace(day=1), expr.amount)
        return Anchored(d, "month") if d else None
    if expr.unit == "year":
        d = _safe_date(reference.date.year + expr.amount, 1, 1)
        return Anchored(d, "year") if d else None
    return None


def _relative(expr: TimeExpression, doc_date: date, tense: str) -> Anchored | None:
    """:func:`anchor` for the expressions that need the publication date."""
    kind = expr.kind

    if kind in ("dmy", "mdy", "dm_range", "md_range"):
        month, day = expr.month or 0, expr.day or 0
        d = _pick_year(lambda y: _safe_date(y, month, day), doc_date, tense)
        if d is None:
            return None
        end = _safe_date(d.year, month, expr.day_end) if expr.day_end else None
        return Anchored(d, "day", end)
    if kind == "month" and expr.month:
        month = expr.month

        def first(y: int) -> date | None:
            return _safe_date(y, month, 1)

        d: date | None
        if expr.direction == "last":
            before = _add_days(doc_date.replace(day=1), -1)
            d = _pick_year(first, before, "past") if before else None
        elif expr.direction == "next":
            after = _add_days(doc_date, 31)
            d = _pick_year(first, after, "future") if after else None
        elif tense == "future":
            d = _pick_year(first, doc_date.replace(day=1), "future")
        else:
            d = _pick_year(first, doc_date, "past" if tense == "past" else tense)
        return Anchored(d, "month") if d else None
    if kind in ("weekday", "weekend") and expr.weekday is not None:
        delta_back = (doc_date.weekday() - expr.weekday) % 7
        future = expr.direction == "next" or (tense == "future" and expr.direction != "last")
        if future:
            ahead = (expr.weekday - doc_date.weekday()) % 7
            if expr.direction == "next" and ahead == 0:
                ahead = 7
            d = _add_days(doc_date, ahead)
        else:
            if expr.direction == "last" and delta_back == 0:
                delta_back = 7
            d = _add_days(doc_date, -delta_back)
        return Anchored(d, "day" if kind == "weekday" else "week") if d else None
    if kind in ("rel_day", "ago") and expr.unit == "day":
        d = _add_days(doc_date, expr.amount)
        return Anchored(d, "day") if d else None
    if expr.unit == "week":
        d = _add_days(doc_date, 7 * expr.amount - doc_date.weekday())
        return Anchored(d, "week") if d else None
    if expr.unit == "month":
        d = _shift_month(doc_date.replace(day=1), expr.amount)
        return Anchored(d, "month") if d else None
    if expr.unit == "year":
        d = _safe_date(doc_date.year + expr.amount, 1, 1)
        return Anchored(d, "year") if d else None
    return None
