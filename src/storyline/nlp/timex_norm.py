"""What the TIMEX3 rules share: the :class:`Norm` they return, the :class:`Context` they read, and
helpers for numbers, units and the year of a yearless date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.nlp import timex_patterns as P
from storyline.nlp import timex_resolve as R

LEX = P.LEX
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
NUMBERS: dict[str, float] = LEX["numbers"]
ORDINALS: dict[str, int] = LEX["ordinals"]
UNITS: dict[str, str] = LEX["units"]
PARTS: dict[str, str] = LEX["parts_of_day"]
RELATIVE: dict[str, int] = LEX["relative_words"]
AMBIGUOUS_MONTHS = set(LEX["ambiguous_months"])
# How far (in characters) a date written with its year lends that year to yearless ones after it.
ANCHOR_REACH = 150
# A yearless date with no tense to go by is the coming one only when that is this close (news
# mostly looks back; about four months ahead is as far as schedules usually reach: "effective
# Feb. 1" written in late October, "the summit in April" written in December).
NEAR_FUTURE_DAYS = 120
# A narrative carried forward from a dated sentence may run past the publication date by this
# much at most; further on it has lost its thread.
NARRATIVE_OVERRUN_DAYS = 90


@dataclass(frozen=True)
class Norm:
    """A typed, normalised expression; ``kind`` tells later steps what it is ("day", "clock", ...)."""

    type: str
    value: str
    mod: str | None = None
    kind: str = ""


@dataclass
class Context:
    """What a rule needs besides its match: the reference date, the tense, and what came before."""

    ref: dt.date | None
    direction: Callable[[int, int], int | None] = lambda start, end: None
    carry: bool = True
    anchor: dt.date | None = None  # the last date written with its year ("December 29, 2016")
    anchor_at: int = 0  # where that date ended in the text
    quarter: str | None = None  # the last quarter named ("1989-Q3"), for "the quarter", "a year ago"
    day: dt.date | None = None  # the last day named ("Tuesday", "Oct. 3"), for "the next day"
    point: tuple[dt.date, str] | None = None  # the last date named and its unit, for "the following month"

    def narrative_day(self) -> dt.date | None:
        """The day the story is at: the last day named, else the last full date, else the
        reference date ("He arrived Tuesday. The next day ..." counts from Tuesday)."""
        if self.carry and self.day is not None:
            return self.day
        if self.carry and self.anchor is not None:
            return self.anchor
        return self.ref

    def towards(self, m: re.Match[str]) -> int:
        """PAST or FUTURE for the expression matched by ``m`` (news default: past)."""
        return self.direction(m.start(), m.end()) or R.PAST

    def tense(self, m: re.Match[str]) -> int | None:
        """PAST, FUTURE, or None where nothing in the sentence says."""
        return self.direction(m.start(), m.end())




def key(text: str) -> str:
    """A lexicon key: lower case, single spaces, no trailing dot."""
    return " ".join(text.lower().rstrip(".").split())


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def number(text: str) -> float | None:
    """The value of a number written in digits or words; None for vague ones ("several")."""
    text = key(text).replace(",", "")
    if " to " in text or " or " in text:
        text = re.split(r" to | or ", text)[0]
    if re.fullmatch(r"\d+-\d+", text):
        text = text.split("-")[0]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", text)
    if m:
        value = float(m.group(1))
        return value + int(m.group(2)) / int(m.group(3)) if m.group(2) else value
    if text in NUMBERS:
        return float(NUMBERS[text])
    total = 0.0
    for part in re.split(r"[\s-]+", text):
        if part in ("hundred", "thousand"):
            total = max(total, 1.0) * (100 if part == "hundred" else 1000)
        elif part in NUMBERS:
            total += NUMBERS[part]
        else:
            return None
    return total or None


def amount(n: float | None) -> str:
    """A duration amount: "3", "2.5", or "X" when unknown."""
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


def period(n: float | None, unit: str) -> str:
    """A TIMEX3 duration value: P3D, PT2H, P2Y, PXW, P10Y (decades), PT5H30M."""
    if unit == "C" and n is None:
        return "PXC"  # "for centuries": TimeBank keeps the unit where the amount is unknown
    if unit in ("E", "C"):
        return f"P{amount(None if n is None else n * (10 if unit == 'E' else 100))}Y"
    if unit == "WE":
        return f"P{amount(None if n is None else n * 2)}D"
    clock = unit in ("H", "S") or unit == "MIN"
    letter = "M" if unit == "MIN" else unit
    if n is not None and n != int(n) and unit in SMALLER:
        # TimeML writes fractions in the next smaller unit: "2 1/2 years" is P2Y6M.
        smaller, per = SMALLER[unit]
        rest = round((n - int(n)) * per)
        whole = f"{int(n)}{letter}" if int(n) else ""
        return f"P{'T' if clock or smaller in ('H', 'S') else ''}{whole}{rest}{smaller}"
    return f"P{'T' if clock else ''}{amount(n)}{letter}"


# The unit a fraction of each unit is written in, and how many of them make one.
SMALLER = {"Y": ("M", 12), "H": ("M", 60), "MIN": ("S", 60)}


def unit_of(word: str) -> str:
    """The unit letter of a unit word; minutes are "MIN" so they are not taken for months."""
    word = key(word)
    return "MIN" if word.startswith("minute") else UNITS[word]


def day_value(ctx: Context, d: dt.date | None, fallback: str) -> str:
    return d.isoformat() if d else fallback


def remember(ctx: Context, d: dt.date, m: re.Match[str]) -> None:
    if ctx.carry:
        ctx.anchor, ctx.anchor_at = d, m.end()


def yearless(ctx: Context, m: re.Match[str], month: int, day: int | None) -> int | None:
    """The year of a month (and day) written without one.

    In a narrative ("December 29, 2016 … On January 5") it is the year of the date written with
    one shortly before, rolling forward past it; otherwise it is seen from the reference date: in
    the past or the future as the tense says, else whichever occurrence is nearer (a future one
    only within :data:`NEAR_FUTURE_DAYS`).
    """
    tense = ctx.tense(m)
    near = ctx.anchor is not None and 0 <= m.start() - ctx.anchor_at < ANCHOR_REACH
    if ctx.carry and ctx.anchor is not None and tense != R.FUTURE and (near or ctx.ref is None):
        year = ctx.anchor.year
        if (month, day or 1) < (ctx.anchor.month, ctx.anchor.day if day else 1):
            year += 1
        carried = R.safe_date(year, month, day or 1)
        # A narrative that rolls past the publication date has lost its thread ("On May 6" in a
        # story about last year's events): the story is in the past, seen from the reference date.
        if (ctx.ref is None or carried is None or ctx.anchor > ctx.ref
                or (carried - ctx.ref).days <= NARRATIVE_OVERRUN_DAYS):
            return year
        if tense is None:
            return R.month_year(ctx.ref, month, R.PAST, day)
    if ctx.ref is None:
        return None
    if tense is not None:
        return R.month_year(ctx.ref, month, tense, day)
    past = R.month_year(ctx.ref, month, R.PAST, day)
    future = R.month_year(ctx.ref, month, R.FUTURE, day)
    if past == future:
        return past
    ahead = R.safe_date(future, month, day or 1) or dt.date(future, month, 1)
    behind = R.safe_date(past, month, day or 1) or dt.date(past, month, 1)
    return future if (ahead - ctx.ref).days < min(NEAR_FUTURE_DAYS, (ctx.ref - behind).days) else past


UNIT_GRANULARITY = {"week": R.WEEK, "weekend": R.WEEK, "month": R.MONTH, "year": R.YEAR, "fiscal year": R.YEAR,
                    "quarter": R.QUARTER, "decade": R.DECADE, "century": R.CENTURY, "day": R.DAY}
UNKNOWN = {R.DAY: "XXXX-XX-XX", R.WEEK: "XXXX-WXX", R.MONTH: "XXXX-XX", R.QUARTER: "XXXX-QX",
           R.YEAR: "XXXX", R.DECADE: "XXX", R.CENTURY: "XX"}
