"""TIMEX3 rules for periods: quarters, halves, "last week", "two weeks ago", durations, and sets
("every Monday", "daily", "twice a week")."""

from __future__ import annotations

import datetime as dt
import re

from storyline.nlp import timex_patterns as P
from storyline.nlp import timex_resolve as R
from storyline.nlp.timex_norm import (
    ANCHOR_REACH, LEX, MONTHS, WEEKDAYS, ORDINALS, PARTS, RELATIVE, UNIT_GRANULARITY, UNKNOWN, Context, Norm, capitalised, key, number, period, unit_of,
)

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
        if m.group("ya") and ctx.ref is not None:
            year = ctx.ref.year - 1
        if year is None and (m.group("sy") or m.group("srel") or "of the year" in key(m.group())):
            year = year_phrase(m, ctx, "s")
    if year is None and ctx.ref is not None:
        current = (ctx.ref.month - 1) // 3 + 1
        year = ctx.ref.year - 1 if q > current and ctx.towards(m) == R.PAST else ctx.ref.year
    value = f"{year:04d}-Q{q}" if year else f"XXXX-Q{q}"
    if ctx.carry and reported(ctx, value):
        ctx.quarter = value
    return Norm("DATE", value)


def reported(ctx: Context, value: str) -> bool:
    """Whether a quarter just named becomes the one a report is about ("the quarter", "a year
    ago"): the first one named in the reference date's year (a report names its own quarter first
    and compares later), or failing one, the first named at all."""
    if "X" in value:
        return False
    if ctx.quarter is None:
        return True
    if ctx.ref is None:
        return False
    return int(ctx.quarter[:4]) != ctx.ref.year and int(value[:4]) == ctx.ref.year


# "the quarter ended Sept. 30": a quarter is named for the month it ends in, but a fiscal quarter
# ending in the first month of a calendar quarter is mostly reported as the one before.
ENDED = re.compile(rf"\s+(?:ended|ending)\s+(?P<mon>{P.MONTH})\s+(?P<day>{P.DAY})", re.IGNORECASE)
QUARTER_LAG_DAYS = 45


def quarter_ended(ctx: Context, text: str, end: int) -> str | None:
    """The calendar quarter of "... quarter ended Sept. 30" from the date after it, or None."""
    m = ENDED.match(text, end, end + 30)
    if m is None or ctx.ref is None or not capitalised(m.group("mon")):
        return None
    month, day = MONTHS[key(m.group("mon"))], int(re.match(r"\d+", m.group("day")).group())
    year = R.month_year(ctx.ref, month, R.PAST, day)
    d = R.safe_date(year, month, day)
    if d is None:
        return None
    return R.at(d - dt.timedelta(days=QUARTER_LAG_DAYS), R.QUARTER)


def shift_quarter(value: str, quarters: int) -> str:
    year, q = int(value[:4]), int(value[-1])
    index = year * 4 + q - 1 + quarters
    return f"{index // 4:04d}-Q{index % 4 + 1}"


# "For the nine months, net rose to $5 million from $3 million a year earlier": a comparison
# made in a sentence about a span of several quarters is with that span, a year back.
SEVERAL_QUARTERS = re.compile(
    r"(?<![\w-])(?:nine|six)\s+months|first\s+half|(?:first|latest)\s+(?:nine|six)\s+months|year\s+to\s+date",
    re.IGNORECASE,
)


def about_several_quarters(text: str, start: int) -> bool:
    """Whether the sentence up to ``start`` names a span of several quarters ("the nine months")."""
    before = text[max(0, start - 200) : start]
    cut = max((b.end() for b in P.SENTENCE_BREAK.finditer(before)), default=0)
    return SEVERAL_QUARTERS.search(before, cut) is not None


def relative_quarter(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"the quarter", "the latest quarter", "last quarter", "the year-ago quarter", "year-earlier";
    "the quarter ended July 31" is the quarter that date closes, and the one reported from then on."""
    rel = key(m.group("rel") or m.group("ago") or "")
    if rel in ("the", "the latest", "the most recent") and ctx.carry:
        ended = quarter_ended(ctx, text, m.end())
        if ended:
            ctx.quarter = ended
            return Norm("DATE", ended)
    is_period = key(m.group("unit") or "") == "period"
    last_completed = R.at(R.shift(ctx.ref, -3, R.MONTH), R.QUARTER) if ctx.ref else "XXXX-QX"
    base = ctx.quarter or last_completed
    if rel in ("year-ago", "year-earlier", "the year-ago", "the year-earlier"):
        if ctx.ref is not None and about_several_quarters(text, m.start()):
            return Norm("DATE", f"{ctx.ref.year - 1:04d}")
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


FINENESS = [R.DAY, R.WEEK, R.MONTH, R.QUARTER, R.YEAR, R.DECADE, R.CENTURY]


def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"last week", "this month", "next year", "the previous day"; "the past year" is a duration."""
    rel, unit_word, the = key(m.group("rel")), key(m.group("unit")), bool(m.group("the"))
    if m.group("unit")[:1].isupper() and m.group("rel")[:1].isupper() and not m.group("unit").isupper():
        return None  # "ABC's "This Week"": a title, not a time
    unit = UNIT_GRANULARITY[unit_word]
    if unit_word == "day" and not (the and rel in ("previous", "next", "following", "preceding", "prior")):
        return None
    offset = RELATIVE[rel]
    if ctx.ref is None:
        return Norm("DATE", UNKNOWN[unit] + ("-WE" if unit_word == "weekend" else ""))
    # "the following year", "the previous day": counted from the date the narrative is at.
    narrative = the and rel in ("following", "previous", "preceding", "prior") or unit == R.DAY
    near = ctx.anchor is not None and 0 <= m.start() - ctx.anchor_at < ANCHOR_REACH
    base = ctx.anchor if the and narrative and ctx.carry and ctx.anchor and near else ctx.ref
    if the and narrative and ctx.carry and ctx.point and FINENESS.index(ctx.point[1]) <= FINENESS.index(unit):
        # "In March, ... The following month": the month after the last one named.
        base = ctx.point[0]
    if unit == R.DAY:
        base = ctx.narrative_day() or ctx.ref
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
    # "Police arrived Friday ... Later in the day": the day the story is at.
    base = ctx.narrative_day() if unit == R.DAY else ctx.ref
    return Norm("DATE", R.at(base, unit) if base else UNKNOWN[unit], mod)


def position_of_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the end of the year", "the beginning of this month", "year-end"."""
    pos = key(m.group("pos") or "end")
    unit = UNIT_GRANULARITY[key(m.group("unit") or "year")]
    mod = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}.get(pos)
    return Norm("DATE", R.at(ctx.ref, unit) if ctx.ref else UNKNOWN[unit], mod)


def ago(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"two weeks ago", "a year earlier", "three days later": a date at the unit's granularity."""
    n = number(m.group("n"))
    unit = unit_of(m.group("unit"))
    word = key(m.group("dir"))
    sign = LEX["ago_words"][word]
    mod = "APPROX" if m.group("so") else None
    if n is None or ctx.ref is None or unit in ("H", "S", "MIN"):
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, kind="ago")
    if (unit == R.YEAR and n == 1 and ctx.quarter and "X" not in ctx.quarter and word in ("ago", "earlier")
            and not about_several_quarters(text, m.start())):
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


def ahead_in_time(ctx: Context, m: re.Match[str], text: str) -> bool:
    """Whether "in two weeks" at ``m`` looks ahead from the reference date: its own clause is in
    the future ("would be redeemed in five years"), or, where the tense says nothing, no past
    cue comes earlier in the sentence ("was published in two weeks" counts a length of time)."""
    tense = ctx.tense(m)
    return tense == R.FUTURE or (tense is None and not past_in_sentence(text, m.start()))


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
        return None  # a rate after an amount ("$2 million a year") is mostly left unannotated in TimeBank
    mod = "APPROX" if m.group("so") else None
    if (re.search(r"(?<!\w)in\s$", text[max(0, m.start() - 4) : m.start()], re.I) and not m.group("the") and n is not None
            and ctx.ref is not None and unit not in ("H", "S", "MIN") and ahead_in_time(ctx, m, text)):
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


def long_adjective(m: re.Match[str], ctx: Context) -> Norm | None:
    """"day-long" (P1D), "decades-long" (PXY), "two-week-long" (P2W)."""
    unit = unit_of(m.group("unit"))
    n = number(m.group("n")) if m.group("n") else (None if m.group("pl") else 1.0)
    return Norm("DURATION", period(n, unit), kind="duration")


def units_around_event(m: re.Match[str], ctx: Context) -> Norm | None:
    """"(in) the weeks before the shooting": a date near an event the text names, not a length
    of time; the month of the date last written in full, where one is, else unknown."""
    if ctx.carry and ctx.anchor is not None:
        return Norm("DATE", R.at(ctx.anchor, R.MONTH))
    return Norm("DATE", UNKNOWN[R.MONTH])


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
    part = "T" + PARTS[key(m.group("pod"))] if m.group("pod") else ""
    return Norm("SET", f"XXXX-WXX-{WEEKDAYS[key(m.group('wd'))]}{part}")


def set_adverb(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"daily", "weekly", "annually"; not a growth rate ("to rise 8.5% annually"), which
    TimeBank leaves unannotated."""
    if re.search(r"(?:%|\bpercent)\s*$", text[max(0, m.start() - 10) : m.start()], re.IGNORECASE):
        return None
    return Norm("SET", LEX["set_adverbs"][key(m.group())])


def set_rate(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"twice a week", "three times a year": a frequency. A bare rate ("$5 million a year",
    "instructions per second") is not: TimeBank mostly leaves it unannotated."""
    if not m.group("times"):
        return None
    return Norm("SET", period(1, unit_of(m.group("unit"))))


def year_period(m: re.Match[str], ctx: Context, text: str) -> Norm | None:
    """"the 1988 period": the quarter under discussion (else the last completed one) of that year;
    the year itself in a sentence about several quarters."""
    if about_several_quarters(text, m.start()):
        return Norm("DATE", m.group("y"))
    base = ctx.quarter or (R.at(R.shift(ctx.ref, -3, R.MONTH), R.QUARTER) if ctx.ref else None)
    if base is None or "X" in base:
        return Norm("DATE", m.group("y"))
    return Norm("DATE", f"{m.group('y')}-{base[-2:]}")


def year_ago_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the comparable year-ago quarter", "last year's quarter": the quarter discussed, a year back."""
    base = ctx.quarter or (R.at(R.shift(ctx.ref, -3, R.MONTH), R.QUARTER) if ctx.ref else None)
    if base is None or "X" in base:
        return Norm("DATE", "XXXX-QX")
    return Norm("DATE", shift_quarter(base, -4))


def that_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"that year", "that same day": the period of the last date written with its year."""
    unit = UNIT_GRANULARITY[key(m.group("unit"))]
    if unit == R.QUARTER and ctx.quarter:
        return Norm("DATE", ctx.quarter)
    kind = "day" if unit == R.DAY else ""
    if ctx.carry and ctx.point is not None:
        # The last date named, whatever its grain: "in 1988 ... that year", "last October ...
        # that same day" (a day of that month, which one unknown).
        return Norm("DATE", period_within(ctx.point, unit), kind=kind)
    if not (ctx.carry and ctx.anchor):
        return Norm("DATE", UNKNOWN[unit])
    return Norm("DATE", R.at(ctx.anchor, unit), kind=kind)


def period_within(point: tuple[dt.date, str], unit: str) -> str:
    """The value of the ``unit`` period of a date known to the grain ``point[1]``: the period
    itself where the date is as fine, else its known part with the rest unknown ("1998-10-XX")."""
    d, grain = point
    if FINENESS.index(grain) <= FINENESS.index(unit):
        return R.at(d, unit)
    if grain in (R.DECADE, R.CENTURY):
        return UNKNOWN[unit]
    # Only a year, or a year and month, carries over into a finer pattern ("1998-WXX").
    known = R.at(d, R.MONTH) if grain == R.MONTH and unit == R.DAY else f"{d.year:04d}"
    return known + UNKNOWN[unit][len(known):]
