"""Regular expressions for temporal expressions, built once from the ``times`` lexicon.

Fragments (month names, number words, units) come from ``lexicons/times.json``; the patterns that
combine them are compiled here at import and shared by :mod:`storyline.nlp.timex_rules`. Every
pattern is case-insensitive; capitalisation of month and weekday names is checked by the rules.
Each pattern's ``x`` group, where it has one, is the TIMEX3 span; otherwise the whole match is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.lexicons import load

LEX = load("times")


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _abbreviated(names: dict[str, int], full: bool) -> list[str]:
    longest = {}
    for name, number in names.items():
        longest[number] = max(longest.get(number, ""), name, key=len)
    return [n for n in names if (longest[names[n]] == n) == full]


MONTH_FULL = alternation(_abbreviated(LEX["months"], full=True))
MONTH_ABBR = alternation(_abbreviated(LEX["months"], full=False))
# A month in a date: full name, or an abbreviation with or without its dot ("Dec. 29", "Dec 29").
MONTH = rf"(?:{MONTH_FULL}\b|{MONTH_ABBR}\b\.?)"
# A month standing alone: abbreviations only with their dot ("in Dec." but never "Dec").
MONTH_ALONE = rf"(?:{MONTH_FULL}\b|{MONTH_ABBR}\.)"
WEEKDAY_FULL = alternation(n for n in LEX["weekdays"] if n.endswith("day"))
WEEKDAY = rf"(?:{WEEKDAY_FULL}\b|{alternation(n for n in LEX['weekdays'] if not n.endswith('day'))}\b\.?)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d/]|:\d)\b"
YEAR = r"(?<![\d$£€#.,])(?:1[6-9]\d\d|20\d\d)(?![\d])"

_small = [w for w, v in LEX["numbers"].items() if isinstance(v, int) and v < 20 and " " not in w]
_small_words = alternation(w for w in _small if w not in ("a", "an"))
_tens = alternation(LEX["tens"])
WORD_NUMBER = (
    rf"(?:(?:{_tens}(?:[\s-]+{_small_words})?|{_small_words}|a|one)\s+(?:hundred|thousand)"
    rf"|{_tens}(?:[\s-]+{_small_words})?|{alternation(w for w in LEX['numbers'] if w not in ('a', 'an'))}|an?)"
)
DIGITS = r"(?<![\d.,$£€])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?(?![\d,]\d)"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})\b"
VAGUE = alternation(LEX["vague_numbers"])
QUANTITY = rf"(?:{NUMBER}(?:\s+(?:to|or)\s+{NUMBER}|-{DIGITS})?|{VAGUE})"
UNIT = alternation(LEX["units"]) + r"\b"
UNIT_SINGULAR = alternation(u for u in LEX["units"] if not u.endswith("s")) + r"\b"
UNIT_PLURAL = alternation(u for u in LEX["units"] if u.endswith("s") and u not in ("sessions",)) + r"\b"
CALENDAR_UNIT = r"(?:week(?:end)?|month|year|quarter|decade|century|fiscal\s+year)"
SEASON = alternation(LEX["seasons"]) + r"\b"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)\b"
MID_PART_OF_DAY = r"mid[\s-]?(?:morning|afternoon)\b"
ORDINAL = alternation(LEX["ordinals"])
RELATIVE = r"(?:last|this|next|past|coming|previous|following|current|prior|preceding|upcoming)"
TIMEZONE = alternation(LEX["timezones"]) + r"\b"
HOLIDAY = alternation(LEX["holidays"]) + r"\b"
FLAGS = re.IGNORECASE


def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled case-insensitively, with word boundaries around it."""
    return re.compile(rf"(?<![\w'’])(?:{pattern})(?![\w-]|['’](?!s\b)\w)", FLAGS)


ISO_DATE = compiled(r"(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T(?P<hm>[0-2]\d:[0-5]\d))?")
NUMERIC_DATE = compiled(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
MONTH_DAY = compiled(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?"
)
DAY_MONTH = compiled(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"
)
# A year in words: "nineteen ninety-six", "two thousand", "the year two thousand".
WORD_YEAR = (
    rf"(?:the\s+year\s+)?(?:nineteen[\s-]+(?P<wyy>{_tens}(?:[\s-]+{_small_words})?|{_small_words})"
    r"|two\s+thousand(?:\s+and\s+(?P<wy2>one|two|three|four|five|six|seven|eight|nine))?)"
)
MONTH_YEAR = compiled(
    rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year|{WORD_YEAR})"
)
WORD_YEAR_DATE = compiled(WORD_YEAR)
# Not before a day number: "last Oct. 23" is the date "Oct. 23", not the month "last Oct.".
MONTH_ONLY = compiled(rf"(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{MONTH_ALONE})(?!\s+\d)")
WEEKDAY_ONLY = compiled(
    rf"(?:(?P<rel>last|this|next|past|coming|the\s+previous)\s+)?(?P<wd>{WEEKDAY_FULL})(?:\s+(?P<pod>{PART_OF_DAY}))?"
)
RELATIVE_DAY = compiled(
    rf"(?:(?P<pre>{MID_PART_OF_DAY})\s+)?"
    rf"(?P<rd>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    rf"(?:\s+(?P<pod>{PART_OF_DAY}))?"
)
PART_OF_TODAY = compiled(
    rf"(?P<rel>this|last|(?:the\s+)?(?:previous|next|following)|overnight)\s+(?P<pod>{PART_OF_DAY})|(?P<over>overnight)|(?P<mid>{MID_PART_OF_DAY})"
)
BARE_YEAR = compiled(
    rf"(?:(?P<fiscal>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?|the\s+year|(?:the\s+)?FY)\s*)?(?P<y>{YEAR})"
    r"(?!\s*(?:%|percent\b)|[.,]\d|-\d|/\d)"
)
DECADE = compiled(r"(?:the\s+)?(?:(?P<d>1[0-9]\d0|20\d0)'?s|'(?P<dd>\d0)s)")
CENTURY = compiled(
    rf"(?:the\s+)?(?:(?P<ord>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))|(?P<rel>this|last|next|past|previous))[\s-]+century"
)
SEASON_DATE = compiled(
    rf"(?:(?P<the>the)\s+)?(?:(?P<rel>this\s+past|last|this|next|past|coming)\s+)?(?P<s>{SEASON})"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})|\s+of\s+{WORD_YEAR})?"
)
_YEAR_PHRASE = rf"(?:(?:fiscal\s+)?(?P<{{g}}y>{YEAR})|(?P<{{g}}rel>this|last|next)\s+year|the\s+year)"
QUARTER = compiled(
    rf"(?:the\s+(?=year-|\d))?(?:(?P<ya>year-(?:ago|earlier))\s+|{_YEAR_PHRASE.format(g='p')}(?:'s|’s)?\s+)?"
    r"(?:the\s+(?=(?:fiscal[\s-]+|calendar[\s-]+)?\w+[\s-]))?(?:(?:fiscal|calendar)[\s-]+)?"
    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[\s-]+fiscal)?[\s-]+quarter"
    rf"(?:\s+of\s+{_YEAR_PHRASE.format(g='s')})?"
    rf"|(?P<qq>Q[1-4])(?:\s+(?P<qy>{YEAR}))?"
)
RELATIVE_QUARTER = compiled(
    r"(?P<rel>(?:the\s+)?(?:latest|most\s+recent|current|previous|prior|year-ago|year-earlier|comparable|same)"
    r"|last|this|next|the)\s+(?:fiscal\s+)?(?P<unit>quarter|period)"
    r"|(?P<ago>year-(?:earlier|ago))"
)
# "the 1988 period", "the 1989 quarter": the quarter under discussion, in another year.
YEAR_PERIOD = compiled(rf"the\s+(?P<y>{YEAR})\s+(?:period|quarter)")
# "the comparable year-ago quarter", "the corresponding period last year", "last year's quarter",
# "the quarter a year ago": the quarter under discussion, a year back.
YEAR_AGO_QUARTER = compiled(
    r"(?:the\s+)?(?:(?:comparable|corresponding|same|prior)\s+)?(?:year-(?:ago|earlier)\s+)?(?:quarter|period)"
    r"\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)|of\s+last\s+year)"
    r"|the\s+(?:comparable|corresponding)\s+(?:year-(?:ago|earlier)\s+)?(?:quarter|period)"
    r"|last\s+year(?:'s|’s)\s+(?:third|fourth|second|first)?\s*(?:quarter|period)"
)
# "that year", "that same day", "that quarter": the period of the date last written out in full.
THAT_UNIT = compiled(r"that\s+(?:same\s+)?(?P<unit>year|month|day|week|quarter)")
# "the week of March 6": the week that date falls in.
WEEK_OF = compiled(rf"the\s+week\s+of\s+(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<y>{YEAR}))?")
HALF = compiled(rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+{_YEAR_PHRASE.format(g='s')})?")
RELATIVE_UNIT = compiled(
    rf"(?:(?P<the>the)\s+)?(?P<rel>{RELATIVE})\s+(?P<unit>{CALENDAR_UNIT}|day)"
)
THE_UNIT = compiled(r"the\s+(?:(?P<adj>fiscal|full|calendar|entire|whole)\s+)?(?P<unit>year|week|weekend)(?!\s+(?:ago|earlier|before)\b)")
IN_THE_UNIT = compiled(r"(?P<el>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year|day|decade|quarter)")
POSITION_OF_UNIT = compiled(
    r"(?:the\s+)?(?P<pos>end|beginning|start|middle|close|rest|remainder|balance)\s+of\s+(?:the|this)\s+"
    r"(?P<unit>year|month|week|quarter|decade|century|day)"
    r"|(?P<ye>year(?:'s|’s)?[\s-]end)"
)
# No "later": TimeBank annotates "[three days] later" as the duration, not the date it lands on.
AGO = compiled(
    rf"(?P<n>{QUANTITY})(?:\s+(?:more|full))?[\s-]+(?P<unit>{UNIT})(?P<so>\s+or\s+so)?\s+"
    r"(?P<dir>ago|earlier|from\s+now|hence)"
)
DURATION = compiled(
    rf"(?:(?P<the>the)\s+(?![^\s-]+-))?(?:(?P<rel>past|last|next|first|coming|previous|final|latest|remaining|initial|following|preceding|same)\s+)?"
    rf"(?P<n>{QUANTITY})(?:\s+(?P<adj>more|additional|full|straight|consecutive|long|extra|further|trading|business|calendar))?"
    rf"(?P<ah>\s+and\s+a\s+half)?(?P<sep>[\s-]+)(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<so>\s+or\s+so)?"
    rf"|(?P<hf>half\s+an?)\s+(?P<hunit>{UNIT_SINGULAR})|(?P<ahf>an?\s+half[\s-]+)(?P<h2unit>{UNIT_SINGULAR})"
)
VAGUE_SPAN = compiled(
    rf"(?:(?P<the>the)\s+)?(?P<rel>recent|coming|past|next|last|previous|following|early|ensuing|intervening)"
    rf"\s+(?:(?:few|several|many)\s+)?(?P<unit>{UNIT_PLURAL})"
)
BARE_UNITS = compiled(
    r"(?:for|over|within|in|after|took|lasted)\s+(?P<x>(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes))"
    r"(?!\s+(?:of|ago|old|before|after|later|earlier|to\s+come)\b)"
)
# "in the weeks before the shooting": a stretch of time dated by an event, annotated on the unit.
UNITS_AROUND_EVENT = compiled(
    r"(?:in|during|over|on)\s+the\s+(?:(?:few|several)\s+)?(?P<x>(?P<unit>days|weeks|months))\s+"
    r"(?:before|after|following|preceding|leading\s+up\s+to|since)"
)
# "a day-long meeting", "a decades-long battle", "a two-week-long strike": a length of time.
LONG_ADJECTIVE = compiled(
    rf"(?:(?P<n>{NUMBER})-)?(?P<unit>day|week|month|year|decade|hour|century)(?P<pl>s)?-?long"
)
SET_EVERY = compiled(
    rf"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUMBER})\s+)?"
    rf"(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY_FULL})|(?P<mon>{MONTH_FULL})|(?P<pod>{PART_OF_DAY})|(?P<s>{SEASON}))"
)
# "Sundays", "Tuesday nights": a weekday (and part of it) every week.
SET_PLURAL_DAY = compiled(rf"(?P<wd>{WEEKDAY_FULL})(?:s|\s+(?P<pod>morning|afternoon|evening|night)s)")
SET_ADVERB = compiled(alternation(LEX["set_adverbs"]))
SET_RATE = compiled(
    rf"(?:(?P<times>once|twice|thrice|(?:{NUMBER})\s+times)\s+)?(?P<art>an?|per|each)\s+(?P<unit>{UNIT_SINGULAR})"
)
CLOCK = compiled(
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]\.m\b|[ap]m\b)"
    rf"(?:\s+(?P<tz>{TIMEZONE}))?"
    rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?:\s+(?P<tz24>{TIMEZONE}))"
    r"|(?<!high\s)(?P<cw>noon|midday|midnight)"  # not the idiom "high noon"
    rf"|(?P<hw>{WORD_NUMBER}|\d{{1,2}})(?:\s+o['’]clock|\s+in\s+the\s+(?P<ipod>morning|afternoon|evening))"
)
PRESENT_REF = compiled(alternation(LEX["present_ref"]))
PAST_REF = compiled(alternation(LEX["past_ref"]))
FUTURE_REF = compiled(alternation(LEX["future_ref"]))
HOLIDAYS = compiled(rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{HOLIDAY})(?:\s+(?P<y>{YEAR}))?")

# Text just before a found expression that belongs to it: "the end of", "early", "mid-".
POSITION_PREFIX = re.compile(
    r"(?<![\w-])(?:(?P<the>the)\s+)?(?P<pos>very\s+early|very\s+late|early|late|earlier|later|mid|post|pre|"
    r"middle\s+of|end\s+of|beginning\s+of|start\s+of|close\s+of|dawn\s+of|turn\s+of|latter\s+part\s+of|"
    r"(?:first|second|last|latter)\s+half\s+of)(?:\s+|\s*-\s*)$",
    FLAGS,
)
QUANTITY_PREFIX = re.compile(rf"(?<![\w-]){alternation(LEX['quantity_mods'])}\s+$", FLAGS)
# Separators between a clock time and the day it belongs to ("5 p.m. EST Nov. 9", "noon Saturday").
CLOCK_DAY_GAP = re.compile(r"\s*,?\s*(?:on\s+)?$")
# Case-sensitive: "may" is a cue, "May" a month.
FUTURE_CUE = re.compile(rf"(?<![\w']){alternation(LEX['future_cues'])}(?!\w)")
PAST_CUE = re.compile(rf"(?<!\w)(?:{alternation(LEX['past_cues'])}|\w{{3,}}(?<!need)ed)(?!\w)", FLAGS)
SENTENCE_BREAK = re.compile(r"[.!?;:]\s+|\n")
# Words before a bare "May" or "March" that make it a month, not a verb.
MONTH_CONTEXT = re.compile(
    r"(?:in|since|until|till|by|of|during|before|after|through|from|to|and|between|early|late|mid|"
    r"last|this|next|or|,)[\s-]*$",
    FLAGS,
)
# A quantity before "a year" / "a day" that makes it a rate (SET), not a duration.
RATE_CONTEXT = re.compile(
    r"(?:\d|million|billion|trillion|percent|%|dollars?|cents?|times|once|twice|pounds|euros|yen|"
    r"barrels|tons|units|people|cars|shares|visitors)\W{0,2}$",
    FLAGS,
)

