"""The table of TIMEX3 rules: each a compiled pattern from :mod:`storyline.nlp.timex_patterns` and a
function of the match and a :class:`~storyline.nlp.timex_norm.Context` (the reference date, the
tense at that point, what earlier expressions set) that returns a
:class:`~storyline.nlp.timex_norm.Norm`, or None to reject the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.nlp import timex_patterns as P
from storyline.nlp.timex_dates import (
    bare_year, century, clock, decade, full_date, holiday, iso_date, month_only, month_year,
    numeric_date, part_of_today, week_of, reference_word, relative_day, season, weekday, word_year,
)
from storyline.nlp.timex_norm import Norm
from storyline.nlp.timex_periods import (
    ago, bare_units, duration, half, in_the_unit, position_of_unit, quarter, relative_quarter,
    relative_unit, set_adverb, set_every, set_plural_day, set_rate, that_unit, the_unit, units_around_event, long_adjective, vague_span,
    year_ago_quarter, year_period,
)

# (pattern, rule, needs the text) in priority order: on equal spans, the earlier rule wins.
RULES: list[tuple[re.Pattern[str], Callable[..., Norm | None], bool]] = [
    (P.ISO_DATE, iso_date, False),
    (P.NUMERIC_DATE, numeric_date, False),
    (P.MONTH_DAY, full_date, False),
    (P.DAY_MONTH, full_date, False),
    (P.MONTH_YEAR, month_year, False),
    (P.HOLIDAYS, holiday, False),
    (P.QUARTER, quarter, False),
    (P.RELATIVE_QUARTER, relative_quarter, True),
    (P.YEAR_PERIOD, year_period, True),
    (P.YEAR_AGO_QUARTER, year_ago_quarter, False),
    (P.THAT_UNIT, that_unit, False),
    (P.WEEK_OF, week_of, False),
    (P.HALF, half, False),
    (P.WEEKDAY_ONLY, weekday, True),
    (P.RELATIVE_DAY, relative_day, True),
    (P.PART_OF_TODAY, part_of_today, False),
    (P.CLOCK, clock, False),
    (P.MONTH_ONLY, month_only, True),
    (P.DECADE, decade, True),
    (P.CENTURY, century, False),
    (P.SEASON_DATE, season, True),
    (P.BARE_YEAR, bare_year, True),
    (P.WORD_YEAR_DATE, word_year, False),
    (P.AGO, ago, True),
    (P.IN_THE_UNIT, in_the_unit, False),
    (P.THE_UNIT, the_unit, True),
    (P.POSITION_OF_UNIT, position_of_unit, False),
    (P.RELATIVE_UNIT, relative_unit, False),
    (P.SET_EVERY, set_every, False),
    (P.SET_PLURAL_DAY, set_plural_day, False),
    (P.SET_ADVERB, set_adverb, True),
    (P.SET_RATE, set_rate, True),
    (P.LONG_ADJECTIVE, long_adjective, False),
    (P.DURATION, duration, True),
    (P.VAGUE_SPAN, vague_span, False),
    (P.UNITS_AROUND_EVENT, units_around_event, False),
    (P.BARE_UNITS, bare_units, False),
    (P.PRESENT_REF, reference_word("PRESENT_REF"), True),
    (P.PAST_REF, reference_word("PAST_REF"), True),
    (P.FUTURE_REF, reference_word("FUTURE_REF"), True),
]

__all__ = ["RULES"]
