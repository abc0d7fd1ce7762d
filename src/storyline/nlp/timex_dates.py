"""TIMEX3 rules for calendar points: dates, months, years, weekdays, days, clock times, holidays,
and the reference words ("now", "recently", "soon")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from storyline.nlp import timex_patterns as P
from storyline.nlp import timex_resolve as R
from storyline.nlp.timex_norm import (
    LEX, MONTHS, WEEKDAYS, ORDINALS, PARTS, RELATIVE, AMBIGUOUS_MONTHS, Context, Norm, capitalised, day_value, key, number, remember, yearless,
)

WEEKDAY_PARTS_KEPT = set(LEX["weekday_parts_kept"]["parts"])


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
    year = weekday_year(ctx, m, month, day) or yearless(ctx, m, month, day)
    d = R.safe_date(year, month, day) if year else None
    if year and d is None:
        return None
    return Norm("DATE", day_value(ctx, d, f"XXXX-{month:02d}-{day:02d}"), kind="day")


def week_of(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week of March 6": the ISO week that date falls in."""
    day = full_date(m, ctx)
    if day is None:
        return None
    d = R.reference(day.value) if day.value[:1].isdigit() else None
    return Norm("DATE", R.at(d, R.WEEK) if d else "XXXX-WXX")


def weekday_year(ctx: Context, m: re.Match[str], month: int, day: int) -> int | None:
    """The year, next to the reference date's, in which "Monday, Oct. 26" falls on a Monday."""
    if ctx.ref is None or not m.group("wd"):
        return None
    isoday = WEEKDAYS[key(m.group("wd"))]
    fits = [y for y in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1)
            if (d := R.safe_date(y, month, day)) is not None and d.isoweekday() == isoday]
    return fits[0] if len(fits) == 1 else None


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


# "extended the deadline until 9 a.m. Tuesday": a weekday after "until" is mostly still ahead,
# whatever the tense of the clause (TimeBank: 2 ahead, 3 the same day, 1 behind).
UNTIL_BEFORE = re.compile(r"(?<!\w)(?:until|till)\s+(?:[\w.:]+\s+){0,3}$", re.IGNORECASE)
# ... unless the sentence is in the past perfect: "Until Thursday, they had not named him".
PAST_PERFECT = re.compile(r"(?<!\w)had\s+(?:not\s+|never\s+)?(?:been|\w+ed)(?!\w)", re.IGNORECASE)


def past_perfect_near(text: str, m: re.Match[str]) -> bool:
    """Whether a past perfect ("had not called", "had been") is in the sentence around ``m``."""
    lo = max((b.end() for b in P.SENTENCE_BREAK.finditer(text, max(0, m.start() - 150), m.start())), default=max(0, m.start() - 150))
    hi = next((b.start() for b in P.SENTENCE_BREAK.finditer(text, m.end(), m.end() + 150)), m.end() + 150)
    return PAST_PERFECT.search(text, lo, hi) is not None


def weekday(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
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
        elif rel == "the previous":
            # "down from the previous Friday": the one before the Friday just past.
            d = R.weekday(ctx.ref, isoday, R.PAST, strict=True) - dt.timedelta(days=7)
        elif rel in ("next", "coming", "this"):
            d = R.weekday(ctx.ref, isoday, R.FUTURE, strict=rel == "next")
        elif UNTIL_BEFORE.search(text, max(0, m.start() - 30), m.start()) and not past_perfect_near(text, m):
            d = R.weekday(ctx.ref, isoday, R.FUTURE)
        else:
            d = R.weekday(ctx.ref, isoday, ctx.towards(m))
        value = d.isoformat()
    if pod in WEEKDAY_PARTS_KEPT:
        # TimeBank types "Friday evening" a DATE, with the part of the day in its value, but
        # mostly leaves "night" and "morning" out of it.
        return Norm("DATE", f"{value}T{pod}", kind="day")
    return Norm("DATE", value, kind="day")


GENERIC_TODAY = re.compile(rf"['’]s\s+{P.alternation(LEX['generic_today']['nouns'])}\b", re.IGNORECASE)


def relative_day(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"today", "yesterday", "tomorrow", "tonight", "yesterday afternoon"; not the era of
    "today's youth"."""
    word = key(m.group("rd"))
    if word == "today" and GENERIC_TODAY.match(text, m.end()):
        return None
    pod = PARTS.get(key(m.group("pod") or "")) or mid_part(m.group("pre"))
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


def mid_part(text: str | None) -> str | None:
    """The part-of-day code of "mid-afternoon", "mid morning" (None for None)."""
    return PARTS.get(re.split(r"[\s-]", key(text))[-1].removeprefix("mid")) if text else None


def part_of_today(m: re.Match[str], ctx: Context) -> Norm | None:
    """"this morning", "last night", "overnight"."""
    pod = mid_part(m.group("mid")) or PARTS.get(key(m.group("pod") or "night"))
    rel = key(m.group("rel") or "")
    back = rel in ("last", "previous", "the previous") and pod == "NI"
    if ctx.ref is None:
        return Norm("TIME", f"XXXX-XX-XXT{pod}")
    if rel.endswith(("previous", "next", "following")):
        # "the next morning", "the previous evening": next to the day the story is at.
        base = ctx.narrative_day() or ctx.ref
        d = base + dt.timedelta(days=-1 if rel.endswith("previous") else 1)
    else:
        d = ctx.ref - dt.timedelta(days=1) if back else ctx.ref
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


# "the 1990s", "the late 1970s": written with the article, TimeBank mostly gives the TIMEX3
# decade ("199"); a bare "1990s" mostly the year with its last digit unknown ("199X").
ARTICLE_BEFORE_DECADE = re.compile(r"(?<!\w)the\s+(?:(?:early|late|mid)[\s-]*)?$", re.IGNORECASE)


def decade(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"the 1990s" (199), "1980s" (198X), "the '80s"."""
    if m.group("d"):
        digits = m.group("d")[:3]
    else:
        dd = int(m.group("dd"))
        century = "19" if ctx.ref is None or dd > ctx.ref.year % 100 else f"{ctx.ref.year:04d}"[:2]
        digits = f"{century}{dd // 10}"
    article = m.group().lower().startswith("the") or ARTICLE_BEFORE_DECADE.search(text, max(0, m.start() - 12), m.start())
    return Norm("DATE", digits if article else digits + "X")


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
    rel = key(m.group("rel") or "").removeprefix("this ")  # "this past spring" is the last one
    if m.group("y") or m.group("wyy") or m.group("wy2") or "thousand" in m.group().lower():
        year = written_year(m, ctx)
        return Norm("DATE", f"{year:04d}-{code}") if year else None
    if not rel and not re.search(r"(?:in|during|by|until|till|since|through|over|early|late|mid|this|next|last|of)[\s-]*$",
                                 text[max(0, m.start() - 12) : m.start()], re.I):
        return None
    if ctx.ref is None:
        return Norm("DATE", f"XXXX-{code}")
    offset = RELATIVE.get(rel, 0)
    return Norm("DATE", f"{R.season_year(ctx.ref, code, offset)}-{code}")


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


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence: only spaces and quotes after a stop, a line
    break, or the start of the text."""
    before = text[max(0, start - 12) : start].rstrip(" \t\"'`‘“’”")
    return (not before and start <= 12) or before[-1:] in (".", "!", "?", "\n")


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
        if word == "soon" and ctx.tense(m) == R.PAST:
            return None  # "prices soon rose": soon after the story's moment, not ahead of today
        if word in ("now", "currently") and after.startswith(",") and sentence_initial(text, m.start()):
            return None  # "Now, he says ...": a discourse connective, left out by TimeBank
        return Norm("DATE", value)

    return rule


def approximate_day(code: str) -> int:
    """The day of the month of a holiday code, or a late day for a movable one ("11-TH4")."""
    return int(code[3:]) if code[3:].isdigit() else 28


def holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    """"Christmas", "Thanksgiving Day 2016": fixed dates, "11-TH4" (fourth Thursday), or
    "11-MO1+1" (the day after the first Monday: the US Election Day)."""
    if not capitalised(m.group("hol")):
        return None
    code = LEX["holidays"][key(m.group("hol"))]
    month = int(code[:2])
    rel = key(m.group("rel") or "")
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.ref is not None and rel in ("last", "next"):
        year = R.month_year(ctx.ref, month, R.PAST if rel == "last" else R.FUTURE, approximate_day(code))
    else:
        # As a yearless date: the tense decides, else the nearer occurrence ("from now to
        # Election Day" a week before it is the coming one).
        year = yearless(ctx, m, month, approximate_day(code))
    if code[3:].isdigit():
        return Norm("DATE", f"{year:04d}-{code}" if year else f"XXXX-{code}", kind="day")
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}-XX")
    isoday = {"MO": 1, "TH": 4}[code[3:5]]
    n = -1 if code[5] == "L" else int(code[5])
    after = int(code[7:]) if code[6:7] == "+" else 0
    return Norm("DATE", (R.nth_weekday(year, month, isoday, n) + dt.timedelta(days=after)).isoformat(), kind="day")
