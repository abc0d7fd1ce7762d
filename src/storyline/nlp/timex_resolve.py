"""Calendar arithmetic for TIMEX3 values: shifting a reference date and writing ISO-style values.

Every function here is pure and works on :class:`datetime.date`. Values follow TimeML: ``2017-12-01``
(day), ``2017-W48`` (ISO week), ``2017-12`` (month), ``2017-Q4`` (quarter), ``2017`` (year),
``201`` (decade), ``20`` (century).
"""

from __future__ import annotations

import calendar
import datetime as dt

# Granularities a relative expression can have, by TIMEX3 unit letter.
DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY = "D", "W", "M", "Q", "Y", "E", "C"

PAST, FUTURE = -1, 1


def reference(ref: str | dt.date | None) -> dt.date | None:
    """The reference date of ``ref``: a date, an ISO string (only its date part is read), or None."""
    if ref is None or isinstance(ref, dt.date):
        return ref.date() if isinstance(ref, dt.datetime) else ref
    text = str(ref).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    # "2017-12" or "2017": the first day of that period is the best reference we have.
    parts = text[:7].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        return dt.date(year, month, 1)
    except (ValueError, IndexError):
        return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None where it does not exist (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, the day clipped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(d.day, last))


def shift(d: dt.date, n: float, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y, E, C); fractions round to whole days or months."""
    if unit == DAY:
        return d + dt.timedelta(days=round(n))
    if unit == WEEK:
        return d + dt.timedelta(days=round(7 * n))
    months = {MONTH: 1, QUARTER: 3, YEAR: 12, DECADE: 120, CENTURY: 1200}.get(unit)
    if months is None:
        return d
    try:
        return add_months(d, round(n * months))
    except ValueError:  # beyond year 1..9999
        return d


def at(d: dt.date, unit: str) -> str:
    """The value of the period of granularity ``unit`` that contains ``d``."""
    if unit == DAY:
        return d.isoformat()
    if unit == WEEK:
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if unit == QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == DECADE:
        return f"{d.year:04d}"[:3]
    if unit == CENTURY:
        return f"{d.year:04d}"[:2]
    return f"{d.year:04d}"


def weekday(ref: dt.date, isoday: int, direction: int, strict: bool = False) -> dt.date:
    """The weekday ``isoday`` (Monday=1) nearest ``ref`` in ``direction``.

    Not strict, the reference day itself counts ("Monday" said on a Monday is that day); strict
    ("last Friday", "next Friday") it does not.
    """
    delta = isoday - ref.isoweekday()
    if direction == FUTURE:
        days = delta % 7
        if strict and days == 0:
            days = 7
        return ref + dt.timedelta(days=days)
    days = (-delta) % 7
    if strict and days == 0:
        days = 7
    return ref - dt.timedelta(days=days)


def month_year(ref: dt.date, month: int, direction: int, day: int | None = None) -> int:
    """The year of a yearless month (and day) seen from ``ref``: the latest one on or before
    ``ref`` looking back, the earliest one on or after it looking forward."""
    key = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if direction == FUTURE:
        return ref.year if key >= now else ref.year + 1
    return ref.year if key <= now else ref.year - 1


def nth_weekday(year: int, month: int, isoday: int, n: int) -> dt.date:
    """The ``n``-th ``isoday`` weekday of the month (``n == -1``: the last), for holidays."""
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.isoweekday() - isoday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(isoday - first.isoweekday()) % 7 + 7 * (n - 1))


def season_year(ref: dt.date, season: str, relative: int) -> int:
    """The year of "last/this/next summer" seen from ``ref`` (a winter belongs to the year it starts).

    "last" is the latest one already over, "next" the earliest not yet begun, "this" the one of
    the current season-year.
    """
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if relative < 0:
        year = ref.year
        while add_months(dt.date(year, start, 1), 3) > ref:
            year -= 1
        return year
    if relative > 0:
        year = ref.year - 1
        while dt.date(year, start, 1) <= ref:
            year += 1
        return year
    return ref.year - 1 if season == "WI" and ref.month < 3 else ref.year
