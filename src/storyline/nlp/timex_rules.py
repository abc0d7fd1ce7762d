"""The rules that type and normalise a matched temporal expression (TimeML TIMEX3).

Each rule is a compiled pattern from :mod:`storyline.nlp.timex_patterns` and a function of the match
and a :class:`Context` (the reference date, the tense at that point, what earlier expressions set)
that returns a :class:`Norm`, or None to reject the match.
"""

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
CLOCK_UNITS = set(LEX["clock_units"])
PARTS: dict[str, str] = LEX["parts_of_day"]
RELATIVE: dict[str, int] = LEX["relative_words"]
AMBIGUOUS_MONTHS = set(LEX["ambiguous_months"])
# How far (in characters) a date written with its year lends that year to yearless ones after it.
ANCHOR_REACH = 400
# A yearless date with no tense to go by is the coming one only when that is this close (news
# mostly looks back; a quarter ahead is as far as schedules usually reach).
NEAR_FUTURE_DAYS = 90


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

    def towards(self, m: re.Match[str]) -> int:
        """PAST or FUTURE for the expression matched by ``m`` (news default: past)."""
        return self.direction(m.start(), m.end()) or R.PAST

    def tense(self, m: re.Match[str]) -> int | None:
        """PAST, FUTURE, or None where nothing in the sentence says."""
        return self.direction(m.start(), m.end())


Rule = Callable[[re.Match[str], Context], Norm | None]


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
    if unit in ("E", "C"):
        return f"P{amount(None if n is None else n * (10 if unit == 'E' else 100))}Y"
    if unit == "WE":
        return f"P{amount(None if n is None else n * 2)}D"
    clock = unit in ("H", "S") or unit == "MIN"
    letter = "M" if unit == "MIN" else unit
    if n is not None and n != int(n) and unit == "H":
        return f"PT{int(n)}H{round((n - int(n)) * 60)}M"
    return f"P{'T' if clock else ''}{amount(n)}{letter}"


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
        return year
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


def full_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """"December 29, 2016", "29 December 2016", "Friday, Oct. 23", "Dec. 29"."""
    mon = m.group("mon")
    if not capitalised(mon) or (key(mon) == "may" and not m.group("y") and mon == "MAY"):
        return None
    month = MONTHS[key(mon)]
    day = int(re.match(r"\d+", m.group("day")).group())
    if m.group("y"):
        d = R.safe_date(int(m.group("y")), month, day)
        if d is None:
            return None
        remember(ctx, d, m)
        return Norm("DATE", d.isoformat(), kind="day")
    year = yearless(ctx, m, month, day)
    d = R.safe_date(year, month, day) if year else None
    if year and d is None:
        return None
    return Norm("DATE", day_value(ctx, d, f"XXXX-{month:02d}-{day:02d}"), kind="day")


def iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    d = R.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    remember(ctx, d, m)
    if m.group("hm"):
        return Norm("TIME", f"{d.isoformat()}T{m.group('hm')}", kind="clock")
    return Norm("DATE", d.isoformat(), kind="day")


def numeric_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """"12/29/2016" (US order), or "29/12/2016" where the first number cannot be a month."""
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 1900 if y > 30 else 2000
    month, day = (b, a) if a > 12 else (a, b)
    d = R.safe_date(y, month, day)
    if d is None:
        return None
    remember(ctx, d, m)
    return Norm("DATE", d.isoformat(), kind="day")


def written_year(m: re.Match[str], ctx: Context) -> int | None:
    """The year in a match: digits, words ("nineteen ninety-six") or "this/last/next year"."""
    if m.groupdict().get("y"):
        return int(m.group("y"))
    if m.groupdict().get("wyy"):
        n = number(m.group("wyy"))
        return 1900 + int(n) if n is not None and n < 100 else None
    if "thousand" in m.group().lower():
        return 2000 + int(number(m.group("wy2")) or 0) if m.group("wy2") else 2000
    if m.groupdict().get("rel") and ctx.ref is not None:
        return ctx.ref.year + RELATIVE[key(m.group("rel"))]
    return None


def month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"January 2017", "July of 1997", "January this year", "January nineteen ninety-seven"."""
    if not capitalised(m.group("mon")):
        return None
    month, year = MONTHS[key(m.group("mon"))], written_year(m, ctx)
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    if m.group("y") or m.group("wyy"):
        remember(ctx, dt.date(year, month, 1), m)
    return Norm("DATE", f"{year:04d}-{month:02d}")


def word_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"nineteen ninety-six", "the year two thousand" (a bare "two thousand" is a number)."""
    if m.group("wy2") is None and "thousand" in m.group().lower() and not m.group().lower().startswith("the"):
        return None
    year = written_year(m, ctx)
    return Norm("DATE", f"{year:04d}", kind="year") if year else None


def month_only(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"January", "last April": the month's most recent (or, in the future tense, next) occurrence."""
    mon = m.group("mon")
    name = key(mon)
    if not capitalised(mon):
        return None
    rel = key(m.group("rel") or "")
    if not rel:
        if name in AMBIGUOUS_MONTHS and not P.MONTH_CONTEXT.search(text, 0, m.start()):
            return None
        # "April Smith", "June Carter": a first name, not a month.
        if re.match(r"\s+[A-Z][a-z]", text[m.end() : m.end() + 3]) and not mon.endswith("."):
            return None
    month = MONTHS[name]
    if ctx.ref is None and not (ctx.carry and ctx.anchor):
        return Norm("DATE", f"XXXX-{month:02d}")
    if rel in ("last", "past"):
        year = R.month_year(ctx.ref, month, R.PAST) if ctx.ref else None
        if ctx.ref and month == ctx.ref.month:
            year -= 1
    elif rel in ("next", "coming"):
        year = R.month_year(ctx.ref, month, R.FUTURE) if ctx.ref else None
        if ctx.ref and month == ctx.ref.month:
            year += 1
    elif rel == "this":
        year = ctx.ref.year if ctx.ref else None
    else:
        year = yearless(ctx, m, month, None)
    return Norm("DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}")


def weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    """"Friday", "last Tuesday", "Monday morning": the nearest such day in the tense's direction."""
    if not capitalised(m.group("wd")):
        return None
    isoday = WEEKDAYS[key(m.group("wd"))]
    rel = key(m.group("rel") or "")
    pod = PARTS.get(key(m.group("pod") or ""))
    if ctx.ref is None:
        value = f"XXXX-WXX-{isoday}"
    else:
        if rel in ("last", "past"):
            d = R.weekday(ctx.ref, isoday, R.PAST, strict=True)
        elif rel in ("next", "coming", "this"):
            d = R.weekday(ctx.ref, isoday, R.FUTURE, strict=rel == "next")
        else:
            d = R.weekday(ctx.ref, isoday, ctx.towards(m))
        value = d.isoformat()
    if pod:
        return Norm("TIME", f"{value}T{pod}", kind="day")
    return Norm("DATE", value, kind="day")


def relative_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """"today", "yesterday", "tomorrow", "tonight", "yesterday afternoon"."""
    word = key(m.group("rd"))
    pod = PARTS.get(key(m.group("pod") or ""))
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word)
    if offset is None:
        offset = LEX["relative_days"][word]
    if word == "tonight":
        pod = "NI"
    if ctx.ref is None:
        value = "PRESENT_REF" if offset == 0 and not pod else "XXXX-XX-XX"
    else:
        value = (ctx.ref + dt.timedelta(days=offset)).isoformat()
    if pod:
        return Norm("TIME", f"{value}T{pod}", kind="day")
    return Norm("DATE", value, kind="day")


def part_of_today(m: re.Match[str], ctx: Context) -> Norm | None:
    """"this morning", "last night", "overnight"."""
    pod = PARTS.get(key(m.group("pod") or "night"))
    rel = key(m.group("rel") or "")
    back = rel in ("last", "previous", "the previous") and pod == "NI"
    if ctx.ref is None:
        return Norm("TIME", f"XXXX-XX-XXT{pod}")
    d = ctx.ref - dt.timedelta(days=1) if back or (rel and "previous" in rel) else ctx.ref
    return Norm("TIME", f"{d.isoformat()}T{pod}", kind="day")


def bare_year(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"2015", "fiscal 1989": rejected after a currency sign or before a count noun."""
    year = int(m.group("y"))
    if re.match(r"\s+(?:people|troops|soldiers|men|women|children|workers|jobs|employees|shares|units|"
                r"feet|miles|meters|metres|tons|pounds|cars|rounds|votes|seats|members|copies)\b",
                text[m.end() : m.end() + 12], re.I):
        return None
    if ctx.ref and not m.group("fiscal") and year > ctx.ref.year + 30:
        return None
    return Norm("DATE", f"{year:04d}", kind="year")


def decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("d"):
        return Norm("DATE", m.group("d")[:3] + "X")
    dd = int(m.group("dd"))
    century = "19" if ctx.ref is None or dd > ctx.ref.year % 100 else f"{ctx.ref.year:04d}"[:2]
    return Norm("DATE", f"{century}{dd // 10}X")


def century(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("ord"):
        n = int(re.match(r"\d+", m.group("ord")).group()) if m.group("ord")[0].isdigit() else ORDINALS.get(key(m.group("ord")))
        if not n or n > 21:
            return None
        return Norm("DATE", f"{n - 1:02d}")
    if ctx.ref is None:
        return Norm("DATE", "XX")
    offset = RELATIVE.get(key(m.group("rel")), 0)
    return Norm("DATE", f"{ctx.ref.year // 100 + offset:02d}")


def season(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"last fall", "the summer of 2016", "in the spring"; a bare "fall" needs a preposition."""
    code = LEX["seasons"][key(m.group("s"))]
    rel = key(m.group("rel") or "")
    if m.group("y"):
        return Norm("DATE", f"{m.group('y')}-{code}")
    if not rel and not re.search(r"(?:in|during|by|until|till|since|through|over|early|late|mid|this|next|last|of)[\s-]*$",
                                 text[max(0, m.start() - 12) : m.start()], re.I):
        return None
    if ctx.ref is None:
        return Norm("DATE", f"XXXX-{code}")
    offset = RELATIVE.get(rel, 0) if rel else (ctx.towards(m) if False else 0)
    return Norm("DATE", f"{R.season_year(ctx.ref, code, offset)}-{code}")


def year_phrase(m: re.Match[str], ctx: Context, group: str) -> int | None:
    """The year of "1989", "fiscal 1989", "this/last/next year" in a quarter or half phrase."""
    if m.group(f"{group}y"):
        return int(m.group(f"{group}y"))
    if ctx.ref is None:
        return None
    return ctx.ref.year + RELATIVE.get(key(m.group(f"{group}rel") or "this"), 0)


def quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the third quarter", "third-quarter", "the fourth quarter of 1989", "Q3 2016"."""
    if m.group("qq"):
        if not m.group("qq").startswith("Q"):
            return None
        q, year = int(m.group("qq")[1]), int(m.group("qy")) if m.group("qy") else None
    else:
        q = ORDINALS.get(key(m.group("q"))) or int(m.group("q")[0])
        year = year_phrase(m, ctx, "p") if m.group("py") or m.group("prel") else None
        if year is None and (m.group("sy") or m.group("srel") or "of the year" in key(m.group())):
            year = year_phrase(m, ctx, "s")
    if year is None and ctx.ref is not None:
        current = (ctx.ref.month - 1) // 3 + 1
        year = ctx.ref.year - 1 if q > current and ctx.towards(m) == R.PAST else ctx.ref.year
    value = f"{year:04d}-Q{q}" if year else f"XXXX-Q{q}"
    if ctx.carry:
        ctx.quarter = value
    return Norm("DATE", value)


def shift_quarter(value: str, quarters: int) -> str:
    year, q = int(value[:4]), int(value[-1])
    index = year * 4 + q - 1 + quarters
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def relative_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the quarter", "the latest quarter", "last quarter", "the year-ago quarter", "year-earlier"."""
    rel = key(m.group("rel") or m.group("ago") or "")
    is_period = key(m.group("unit") or "") == "period"
    last_completed = R.at(R.shift(ctx.ref, -3, R.MONTH), R.QUARTER) if ctx.ref else "XXXX-QX"
    base = ctx.quarter or last_completed
    if rel in ("year-ago", "year-earlier", "the year-ago", "the year-earlier"):
        return Norm("DATE", shift_quarter(base, -4) if "X" not in base else "XXXX-QX")
    if is_period and rel not in ("the latest", "the most recent", "the comparable", "the same"):
        return None
    if rel in ("last", "the previous", "the prior"):
        value = last_completed if rel == "last" or not ctx.quarter else shift_quarter(base, -1)
    elif rel in ("this", "the current"):
        value = R.at(ctx.ref, R.QUARTER) if ctx.ref else "XXXX-QX"
    elif rel == "next":
        value = R.at(R.shift(ctx.ref, 3, R.MONTH), R.QUARTER) if ctx.ref else "XXXX-QX"
    elif rel in ("the comparable", "the same"):
        return None
    elif rel in ("the latest", "the most recent"):
        value = last_completed
    else:
        value = base
    return Norm("DATE", value)


def half(m: re.Match[str], ctx: Context) -> Norm | None:
    year = year_phrase(m, ctx, "s") if (m.group("sy") or m.group("srel") or " of " in m.group()) else (
        ctx.ref.year if ctx.ref else None)
    h = "H1" if key(m.group("h")) == "first" else "H2"
    return Norm("DATE", f"{year:04d}-{h}" if year else f"XXXX-{h}")


UNIT_GRANULARITY = {"week": R.WEEK, "weekend": R.WEEK, "month": R.MONTH, "year": R.YEAR, "fiscal year": R.YEAR,
                    "quarter": R.QUARTER, "decade": R.DECADE, "century": R.CENTURY, "day": R.DAY}
UNKNOWN = {R.DAY: "XXXX-XX-XX", R.WEEK: "XXXX-WXX", R.MONTH: "XXXX-XX", R.QUARTER: "XXXX-QX",
           R.YEAR: "XXXX", R.DECADE: "XXX", R.CENTURY: "XX"}


def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"last week", "this month", "next year", "the previous day"; "the past year" is a duration."""
    rel, unit_word, the = key(m.group("rel")), key(m.group("unit")), bool(m.group("the"))
    unit = UNIT_GRANULARITY[unit_word]
    if unit_word == "day" and not (the and rel in ("previous", "next", "following", "preceding", "prior")):
        return None
    if rel == "past" or (the and rel == "last"):
        return Norm("DURATION", period(1, "WE" if unit_word == "weekend" else unit), kind="duration")
    offset = RELATIVE[rel]
    if ctx.ref is None:
        return Norm("DATE", UNKNOWN[unit] + ("-WE" if unit_word == "weekend" else ""))
    base = ctx.anchor if the and ctx.carry and ctx.anchor and unit == R.DAY else ctx.ref
    value = R.at(R.shift(base, offset, unit), unit)
    if unit_word == "weekend":
        value += "-WE"
    return Norm("DATE", value, kind="day" if unit == R.DAY else "")


def the_unit(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"the year" (this year, or a fiscal year when "ended ..." follows), "the week", "the weekend"."""
    unit_word = key(m.group("unit"))
    if re.match(r"\s+(?:ended|ending|through|to\s+date)\b", text[m.end() : m.end() + 12], re.I):
        return Norm("DURATION", period(1, R.YEAR if unit_word == "year" else R.WEEK), kind="duration")
    unit = UNIT_GRANULARITY[unit_word]
    if ctx.ref is None:
        return Norm("DATE", UNKNOWN[unit] + ("-WE" if unit_word == "weekend" else ""))
    if unit_word == "weekend":
        # The weekend just past, unless the tense looks ahead ("ahead of the weekend").
        saturday = R.weekday(ctx.ref, 6, ctx.towards(m))
        return Norm("DATE", R.at(saturday, R.WEEK) + "-WE")
    return Norm("DATE", R.at(ctx.ref, unit))


def in_the_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"earlier in the year" (mod START), "later in the week" (mod END)."""
    unit = UNIT_GRANULARITY[key(m.group("unit"))]
    mod = "START" if key(m.group("el")) == "earlier" else "END"
    return Norm("DATE", R.at(ctx.ref, unit) if ctx.ref else UNKNOWN[unit], mod)


def position_of_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the end of the year", "the beginning of this month", "year-end"."""
    pos = key(m.group("pos") or "end")
    unit = UNIT_GRANULARITY[key(m.group("unit") or "year")]
    mod = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}.get(pos)
    return Norm("DATE", R.at(ctx.ref, unit) if ctx.ref else UNKNOWN[unit], mod)


def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """"two weeks ago", "a year earlier", "three days later": a date at the unit's granularity."""
    n = number(m.group("n"))
    unit = unit_of(m.group("unit"))
    word = key(m.group("dir"))
    sign = LEX["ago_words"][word]
    mod = "APPROX" if m.group("so") else None
    if n is None or ctx.ref is None or unit in ("H", "S", "MIN"):
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, kind="ago")
    if unit == R.YEAR and n == 1 and ctx.quarter and "X" not in ctx.quarter and word in ("ago", "earlier"):
        return Norm("DATE", shift_quarter(ctx.quarter, -4), mod, kind="ago")
    if unit == "WE":
        unit = R.WEEK
    d = R.shift(ctx.ref, sign * n, unit)
    granularity = R.YEAR if unit in (R.DECADE, R.CENTURY) else unit
    return Norm("DATE", R.at(d, granularity), mod, kind="ago")


def past_in_sentence(text: str, start: int) -> bool:
    """Whether a past-tense cue comes earlier in the sentence ending at ``start``."""
    before = text[max(0, start - 150) : start]
    cut = max((b.end() for b in P.SENTENCE_BREAK.finditer(before)), default=0)
    return P.PAST_CUE.search(before, cut) is not None


def duration(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"three days", "two-year", "the past three years", "5 1/2 hours", "half an hour"."""
    if m.group("hf") or m.group("ahf"):
        unit = unit_of(m.group("hunit") or m.group("h2unit"))
        return Norm("DURATION", period(0.5, unit) if unit != "H" else "PT30M", kind="duration")
    n_text, unit_word = key(m.group("n")), key(m.group("unit"))
    n = number(n_text)
    unit = unit_of(unit_word)
    after = text[m.end() : m.end() + 8]
    if re.match(r"\s*-?\s*old\b", after) or (m.group("sep") == "-" and after.startswith("-")):
        return None  # ages ("a 6-year-old") are not annotated in TimeBank
    if n_text in ("a", "an", "one") and unit_word in ("second", "quarter") and not m.group("rel"):
        return None  # "a second term", "a quarter of the shares"
    if unit_word in ("quarter", "quarters") and re.match(r"\s+of\b", after):
        return None
    if n is not None and (m.group("ah") or m.group("half")):
        n += 0.5
    if n_text in ("a", "an", "per") and not m.group("the") and P.RATE_CONTEXT.search(text, max(0, m.start() - 20), m.start()):
        return Norm("SET", period(1, unit))
    mod = "APPROX" if m.group("so") else None
    if (re.search(r"(?<!\w)in\s$", text[max(0, m.start() - 4) : m.start()], re.I) and not m.group("the") and n is not None
            and ctx.ref is not None and unit not in ("H", "S", "MIN") and ctx.tense(m) != R.PAST
            and not past_in_sentence(text, m.start())):
        # "returns in two weeks": a point ahead of the reference date, not a length of time.
        unit = R.WEEK if unit == "WE" else unit
        granularity = R.YEAR if unit in (R.DECADE, R.CENTURY) else unit
        return Norm("DATE", R.at(R.shift(ctx.ref, n, unit), granularity), mod, kind="ahead")
    return Norm("DURATION", period(n, unit), mod, kind="duration")


def vague_span(m: re.Match[str], ctx: Context) -> Norm | None:
    """"recent weeks", "the coming days", "the past few years"."""
    rel = key(m.group("rel"))
    unit = unit_of(key(m.group("unit")))
    if rel == "recent" and unit == R.YEAR:
        return Norm("DATE", "PAST_REF")
    return Norm("DURATION", period(None, unit), kind="duration")


def bare_units(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DURATION", period(None, unit_of(m.group("unit"))), kind="duration")


def set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    """"every day", "each year", "every other week", "every Monday", "each July"."""
    if m.group("wd"):
        if not capitalised(m.group("wd")):
            return None
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[key(m.group('wd'))]}")
    if m.group("mon"):
        return Norm("SET", f"XXXX-{MONTHS[key(m.group('mon'))]:02d}") if capitalised(m.group("mon")) else None
    if m.group("pod"):
        return Norm("SET", f"XXXX-XX-XXT{PARTS[key(m.group('pod'))]}")
    if m.group("s"):
        return Norm("SET", f"XXXX-{LEX['seasons'][key(m.group('s'))]}")
    n = number(m.group("n")) if m.group("n") else 1.0
    if m.group("other"):
        n = 2.0
    return Norm("SET", period(n, unit_of(m.group("unit"))))


def set_plural_day(m: re.Match[str], ctx: Context) -> Norm | None:
    if not capitalised(m.group("wd")):
        return None
    return Norm("SET", f"XXXX-WXX-{WEEKDAYS[key(m.group('wd'))]}")


def set_adverb(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", LEX["set_adverbs"][key(m.group())])


def set_rate(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"twice a week", "per year"; "a year" only after a quantity ("$5 million a year")."""
    art = key(m.group("art"))
    if not m.group("times") and art in ("a", "an", "each"):
        if not P.RATE_CONTEXT.search(text, max(0, m.start() - 20), m.start()):
            return None
    return Norm("SET", period(1, unit_of(m.group("unit"))))


def clock(m: re.Match[str], ctx: Context) -> Norm | None:
    """"3 p.m.", "10:35 a.m.", "15:00 GMT", "noon", "4 in the morning"."""
    if m.group("cw"):
        hm = LEX["clock_words"][key(m.group("cw"))]
    elif m.group("h24"):
        hm = f"{int(m.group('h24')):02d}:{m.group('mi24')}"
    else:
        h_text = m.group("h") or m.group("hw")
        h = number(h_text)
        if h is None or not 0 < h <= 12 and not m.group("h"):
            return None
        h = int(h)
        ap = key(m.group("ap") or "").replace(".", "")
        if ap == "pm" or key(m.group("ipod") or "") in ("afternoon", "evening"):
            h = h % 12 + 12
        elif ap == "am" and h == 12:
            h = 0
        hm = f"{h:02d}:{m.group('mi') or '00'}"
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return Norm("TIME", f"{day}T{hm}", kind="clock")


def reference_word(value: str) -> Callable[[re.Match[str], Context, str], Norm | None]:
    """A rule for "now", "recently", "soon"...: PRESENT_REF, PAST_REF or FUTURE_REF."""

    def rule(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
        word = key(m.group())
        after = text[m.end() : m.end() + 14].lower()
        if word in ("once", "eventually", "shortly"):
            return None  # "once" is mostly "as soon as"; the others are rarely annotated
        if word == "soon" and (text[max(0, m.start() - 3) : m.start()].lower() == "as " or
                               re.match(r"\s+(?:after|afterwards?|thereafter|before)\b", after)):
            return None  # "as soon as", "soon after": a signal, not a time
        if word == "previously" and not re.match(r"\s*,", after) and not P.SENTENCE_BREAK.search(
                text[max(0, m.start() - 3) : m.start()] or "\n"):
            return None  # "a previously announced plan" is not annotated in TimeBank
        return Norm("DATE", value)

    return rule


def holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    """"Christmas", "Thanksgiving Day 2016": fixed dates, or "11-TH4" (fourth Thursday)."""
    if not capitalised(m.group("hol")):
        return None
    code = LEX["holidays"][key(m.group("hol"))]
    month = int(code[:2])
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.ref is not None:
        year = R.month_year(ctx.ref, month, ctx.towards(m), 28)
    else:
        year = None
    if code[3:].isdigit():
        return Norm("DATE", f"{year:04d}-{code}" if year else f"XXXX-{code}", kind="day")
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-XX")
    isoday = {"MO": 1, "TH": 4}[code[3:5]]
    n = -1 if code[5] == "L" else int(code[5])
    return Norm("DATE", R.nth_weekday(year, month, isoday, n).isoformat(), kind="day")


def with_text(rule: Callable[[re.Match[str], Context, str], Norm | None]) -> Callable[[str], Rule]:
    """A rule that also reads the text around its match, bound to that text."""
    return lambda text: lambda m, ctx: rule(m, ctx, text)


# (pattern, rule, needs the text) in priority order: on equal spans, the earlier rule wins.
RULES: list[tuple[re.Pattern[str], Callable[..., Norm | None], bool]] = [
    (P.ISO_DATE, iso_date, False),
    (P.NUMERIC_DATE, numeric_date, False),
    (P.MONTH_DAY, full_date, False),
    (P.DAY_MONTH, full_date, False),
    (P.MONTH_YEAR, month_year, False),
    (P.HOLIDAYS, holiday, False),
    (P.QUARTER, quarter, False),
    (P.RELATIVE_QUARTER, relative_quarter, False),
    (P.HALF, half, False),
    (P.WEEKDAY_ONLY, weekday, False),
    (P.RELATIVE_DAY, relative_day, False),
    (P.PART_OF_TODAY, part_of_today, False),
    (P.CLOCK, clock, False),
    (P.MONTH_ONLY, month_only, True),
    (P.DECADE, decade, False),
    (P.CENTURY, century, False),
    (P.SEASON_DATE, season, True),
    (P.BARE_YEAR, bare_year, True),
    (P.WORD_YEAR_DATE, word_year, False),
    (P.AGO, ago, False),
    (P.IN_THE_UNIT, in_the_unit, False),
    (P.THE_UNIT, the_unit, True),
    (P.POSITION_OF_UNIT, position_of_unit, False),
    (P.RELATIVE_UNIT, relative_unit, False),
    (P.SET_EVERY, set_every, False),
    (P.SET_PLURAL_DAY, set_plural_day, False),
    (P.SET_ADVERB, set_adverb, False),
    (P.SET_RATE, set_rate, True),
    (P.DURATION, duration, True),
    (P.VAGUE_SPAN, vague_span, False),
    (P.BARE_UNITS, bare_units, False),
    (P.PRESENT_REF, reference_word("PRESENT_REF"), True),
    (P.PAST_REF, reference_word("PAST_REF"), True),
    (P.FUTURE_REF, reference_word("FUTURE_REF"), True),
]
