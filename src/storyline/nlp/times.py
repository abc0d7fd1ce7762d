"""Temporal expressions: find them, type them and normalise them as TimeML TIMEX3.

``find(text, ref)`` works on a plain string with regular expressions only (no spaCy), so it is fast
and can be scored against TimeBank on its own (``storyline.evaluate.times``). ``times(doc, article)``
runs it over an article and lets the parse decide the direction of bare weekdays and months from
the tense of the verb they modify ("said Friday" is the past Friday, "will meet Tuesday" the next).

Spans follow TimeBank: leading prepositions are left out ("on Friday" → "Friday"), position and
quantity modifiers are kept ("the end of 2016" mod END, "about two weeks" mod APPROX).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.model import Article, Time
from storyline.nlp import timex_patterns as P
from storyline.nlp import timex_resolve as R
from storyline.nlp.timex_norm import Context, Norm, key
from storyline.nlp.timex_rules import RULES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

POSITION_MODS = {"early": "START", "earlier": "START", "beginning of": "START", "start of": "START",
                 "dawn of": "START", "late": "END", "later": "END", "end of": "END", "close of": "END",
                 "latter part of": "END", "mid": "MID", "middle of": "MID", "very early": "START",
                 "very late": "END", "first half of": "START", "second half of": "END",
                 "last half of": "END", "latter half of": "END", "turn of": None, "post": "AFTER",
                 "pre": "BEFORE"}
QUANTITY_MODS: dict[str, str] = P.LEX["quantity_mods"]
# Only these approximations apply to points in time ("around Nov. 1"); the rest need an amount.
POINT_APPROX = {"about", "around", "approximately", "roughly", "close to"}
# TimeBank's majority per word: "about two weeks" is annotated "two weeks" (mod APPROX), but
# "about two years ago" keeps "about"; the list names the kinds that keep the word in.
OUTSIDE_SPAN: dict[str, list[str]] = {k: v for k, v in P.LEX["quantity_mods_outside_span"].items() if k != "_doc"}
WEEKDAY_START = re.compile(rf"{P.WEEKDAY_FULL}\b", re.IGNORECASE)
# "earlier"/"later" attach only to an expression that is itself a point in the current frame.
# TimeBank leaves "earlier"/"later" out before a day ("Earlier Friday", "later today"), and
# before "this week" (every case in TimeBank-AQUAINT), but keeps "earlier this month/year".
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?!\d)")
EARLIER_TARGET = re.compile(r"(?:this|that)\b(?!\s+week\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Timex:
    """One temporal expression in a text: its span, TIMEX3 type, value and mod."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class _Found:
    start: int
    end: int
    norm: Norm


Direction = Callable[[int, int], "int | None"]


def find(text: str, ref: str | dt.date | None = None) -> list[Timex]:
    """The temporal expressions in ``text``, normalised against ``ref`` (a publication date).

    Pure string-level: weekdays are resolved in the past unless a future cue ("will",
    "scheduled") is nearer them in their sentence; a yearless date takes the year of a date
    written with one shortly before it (rolling forward), else the nearer occurrence. With ``ref=None`` relative values stay
    underspecified (``XXXX-12-25``, ``XXXX-WXX-5``, ``PRESENT_REF``).
    """
    return _find(text, R.reference(ref), lexical_direction(text))


def times(doc: "Doc", article: Article) -> list[Time]:
    """The article's temporal expressions as :class:`Time` records, spans into ``article.text``.

    The parse sets the direction of each expression: the tense of the verb it hangs from decides
    whether a bare "Friday" is the past one or the coming one; where the parse says nothing, the
    lexical cues of :func:`find` decide.
    """
    return [
        Time(article_id=article.id, span=(t.start, t.end), text=t.text, type=t.type, value=t.value, mod=t.mod)  # type: ignore[arg-type]
        for t in doc_times(doc, article.published)
    ]


def doc_times(doc: "Doc", ref: str | dt.date | None) -> list[Timex]:
    """The temporal expressions of a spaCy Doc (offsets into ``doc.text``) against ``ref``.

    With a dependency parse, the tense of the governing verb sets the direction of each
    expression; without one (or where it says nothing) the lexical cues of :func:`find` do.
    """
    text = doc.text
    fallback = lexical_direction(text)
    if not doc.has_annotation("DEP"):
        return _find(text, R.reference(ref), fallback)

    def direction(start: int, end: int) -> int | None:
        parsed = parsed_direction(doc, start, end)
        if parsed == NEAREST:
            return None  # None resolves to the nearer occurrence
        return parsed or fallback(start, end)

    return _find(text, R.reference(ref), direction)


def register() -> None:
    """Register the ``storyline_times`` spaCy factory (``nlp.add_pipe("storyline_times")``) and
    the ``Doc._.times`` / ``Doc._.dct`` extensions; see :mod:`storyline.nlp.timex_component`."""
    from storyline.nlp.timex_component import register as register_component

    register_component()


def _find(text: str, ref: dt.date | None, direction: Direction) -> list[Timex]:
    chosen = _candidates(text, ref)
    ctx = Context(ref=ref, direction=direction, carry=True)
    found = []
    # Normalise left to right, so that a yearless date can take the year of the one before it.
    for start, end, rule, m in chosen:
        norm = rule(m, ctx)
        if norm is not None:
            found.append(_Found(start, end, norm))
            if norm.kind == "day" and DAY_VALUE.match(norm.value):
                ctx.day = dt.date.fromisoformat(norm.value[:10])
            if norm.type in ("DATE", "TIME"):
                ctx.point = _point(norm.value) or ctx.point
    found = _with_clock_days(text, found)
    found = _with_coordinated_days(text, found)
    found = [_without_article(text, f) for f in found]
    found = [_with_prefix(text, f, found[i - 1].end if i else 0) for i, f in enumerate(found)]
    return [Timex(f.start, f.end, text[f.start : f.end], f.norm.type, f.norm.value, f.norm.mod) for f in found]


def _point(value: str) -> tuple[dt.date, str] | None:
    """The first day of the period a value names and its unit ("1989-03" is March 1989, "M")."""
    m = POINT_VALUE.match(value)
    if m is None:
        return None
    year, month, day, quarter = m.group("y", "m", "d", "q")
    if quarter:
        return dt.date(int(year), 3 * int(quarter) - 2, 1), R.QUARTER
    d = R.safe_date(int(year), int(month or 1), int(day or 1))
    unit = R.DAY if day else R.MONTH if month else R.YEAR
    return (d, unit) if d else None


POINT_VALUE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?|-Q(?P<q>[1-4]))?(?![\d-]|W)")


def _candidates(text: str, ref: dt.date | None) -> list[tuple[int, int, Callable, re.Match[str]]]:
    """Every rule's accepted matches, longest first, keeping those that overlap none kept before."""
    probe = Context(ref=ref, carry=False)
    matches = []
    for order, (pattern, rule, needs_text) in enumerate(RULES):
        bound = (lambda r: lambda m, c: r(m, c, text))(rule) if needs_text else rule
        for m in pattern.finditer(text):
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            if bound(m, probe) is not None:
                matches.append((start, end, order, bound, m))
    matches.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for start, end, _order, rule, m in matches:
        i = bisect.bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.append((start, end, rule, m))
    kept.sort(key=lambda c: c[0])
    return kept


def _with_clock_days(text: str, found: list[_Found]) -> list[_Found]:
    """Join a clock time to the day right after it ("5 p.m. EST Nov. 9", "noon Saturday"), and
    date a lone clock time by a day named near it in the same sentence ("Friday at 3 p.m.")."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if f.norm.kind == "clock" and nxt and nxt.norm.kind == "day" and re.fullmatch(r"\s*,?\s*", text[f.end : nxt.start]):
            value = nxt.norm.value.split("T")[0] + "T" + f.norm.value.split("T")[1]
            out.append(_Found(f.start, nxt.end, Norm("TIME", value, kind="clock")))
            i += 2
            continue
        if f.norm.kind == "clock":
            day = _day_near(text, found, i)
            if day:
                f = _Found(f.start, f.end, Norm("TIME", day + "T" + f.norm.value.split("T")[1], f.norm.mod, "clock"))
        out.append(f)
        i += 1
    return out


# "April 24 and 25", "on May 3 or 4": the second day of the month named just before.
COORDINATED_DAY = re.compile(r"\s+(?:and|or|to|through)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                             r"(?=\s*[,.;:)]|\s*$|\s+(?:in|at|on|when|and|as|to|for)\b)")


def _with_coordinated_days(text: str, found: list[_Found]) -> list[_Found]:
    """``found`` plus the bare day numbers coordinated with a month-and-day date before them."""
    out: list[_Found] = []
    for f in found:
        out.append(f)
        m = COORDINATED_DAY.match(text, f.end)
        if (f.norm.kind == "day" and m and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", f.norm.value)
                and re.search(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?$", text[f.start : f.end])):
            value = f.norm.value[:8] + f"{int(m.group('d')):02d}"
            if value[0] == "X" or R.safe_date(int(value[:4]), int(value[5:7]), int(value[8:])):
                out.append(_Found(m.start("d"), m.end("d"), Norm("DATE", value, kind="day")))
    return out


ADJECTIVAL_DURATION = re.compile(
    r"(?P<the>the\s+)(?P<n>[\w.,]+)[\s-]+(?P<unit>day|week|month|year|hour|minute|decade)s?", re.IGNORECASE
)


def _without_article(text: str, f: _Found) -> _Found:
    """``f`` without a leading "the" where the duration describes a noun after it: TimeBank
    annotates "the [two day] rally" and "the [two days] of music", but "[the nine months]"."""
    if f.norm.type != "DURATION":
        return f
    m = ADJECTIVAL_DURATION.fullmatch(text, f.start, f.end)
    if m is None:
        return f
    singular = not m.group().lower().endswith("s") and key(m.group("n")) not in ("a", "an", "one", "1")
    if singular or re.match(r"\s+of\b", text[f.end : f.end + 4]):
        return _Found(m.end("the"), f.end, f.norm)
    return f


def _day_near(text: str, found: list[_Found], i: int) -> str | None:
    for j in (i - 1, i + 1):
        if 0 <= j < len(found) and found[j].norm.kind == "day" and found[j].norm.type in ("DATE", "TIME"):
            first, second = sorted((found[i], found[j]), key=lambda f: f.start)
            # Between the two only: "10:35 a.m. (0735 GMT) Friday" ends its clock with a dot.
            if second.start - first.start < 60 and not P.SENTENCE_BREAK.search(text, first.end, second.start):
                return found[j].norm.value.split("T")[0]
    return None


def _with_prefix(text: str, f: _Found, floor: int) -> _Found:
    """``f`` extended over a position modifier ("the end of", "early", "mid-") or a quantity one
    ("about", "more than") written just before it, with its TimeML mod."""
    window = text[max(floor, f.start - 30) : f.start]
    norm, start = f.norm, f.start
    if norm.type in ("DATE", "TIME") and norm.kind not in ("ago",):
        m = P.POSITION_PREFIX.search(window)
        if m and _position_fits(key(m.group("pos")), text[f.start : f.end]):
            pos = key(m.group("pos"))
            mod = POSITION_MODS.get(pos)
            value = norm.value
            if pos.endswith("half of") and re.fullmatch(r"\d{4}", value):
                value, mod = value + ("-H1" if pos.startswith("first") else "-H2"), None
            norm = Norm(norm.type, value, mod or norm.mod, norm.kind)
            start = f.start - len(window) + m.start()
            window = text[max(floor, start - 30) : start]
    m = P.QUANTITY_PREFIX.search(window)
    if m and _quantity_fits(key(m.group()), norm, text[f.start : f.end]):
        word = key(m.group())
        norm = Norm(norm.type, norm.value, QUANTITY_MODS[word], norm.kind)
        if word not in OUTSIDE_SPAN or norm.kind in OUTSIDE_SPAN[word]:
            start = start - len(window) + m.start()
    return _Found(start, f.end, norm)


def _position_fits(pos: str, covered: str) -> bool:
    if pos in ("earlier", "later"):
        return bool(EARLIER_TARGET.match(covered))
    return not covered.lower().startswith(("the past", "the last", "the next"))


def _quantity_fits(word: str, norm: Norm, covered: str) -> bool:
    if covered.lower().startswith("the "):
        # "at least the past 18 months" bounds the stretch; "about the quarter" does not.
        return word == "at least" and covered.lower().startswith(("the past ", "the last "))
    if norm.type == "DURATION" or norm.kind == "ago":
        return True
    # "around Nov. 9", "about 3 p.m."; never a weekday ("to get around Wednesday's ruling").
    return (word in POINT_APPROX and norm.type in ("DATE", "TIME") and norm.value[:1].isdigit()
            and not WEEKDAY_START.match(covered))


def lexical_direction(text: str) -> Direction:
    """A direction guess from words alone: FUTURE where a future cue ("will", "scheduled", "as
    soon as") is the cue nearest the expression within its sentence, else None.

    A past cue ("said", "-ed") nearer the expression only blocks a future one: on its own it is
    no evidence (TimeBank: "was extended to Nov. 16", "said it will redeem them on Dec. 7"), and
    None already means the past for weekdays and the nearer occurrence for yearless dates.
    """
    breaks = [m.end() for m in P.SENTENCE_BREAK.finditer(text)]

    def direction(start: int, end: int) -> int | None:
        i = bisect.bisect_right(breaks, start)
        lo = breaks[i - 1] if i else 0
        hi = breaks[i] if i < len(breaks) else len(text)
        best: tuple[int, int] | None = None
        for cue, sign in ((P.FUTURE_CUE, R.FUTURE), (P.PAST_CUE, R.PAST)):
            for m in cue.finditer(text, lo, hi):
                if start <= m.start() < end or (sign == R.FUTURE and m.group() in MODALS
                                                and (m.start() >= end or PERFECT_AFTER.match(text, m.end()))):
                    continue
                distance = start - m.end() if m.end() <= start else m.start() - end
                if best is None or distance < best[0]:
                    best = (distance, sign)
        return R.FUTURE if best and best[1] == R.FUTURE else None

    return direction


# Modals look ahead only from before the expression: in "warnings on Thursday that strikes could
# follow", the "could" is about what follows, not about Thursday.
MODALS = {"would", "should", "must", "could", "might", "may"}
# ... and a modal perfect looks back: "may have been responsible for a drop on Wednesday".
PERFECT_AFTER = re.compile(r"\s+(?:not\s+)?have\b", re.IGNORECASE)

NEAREST = 0  # a third verdict of parsed_direction: neither tense decides, take the nearer date

FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo", "would", "going"}
DEADLINE_PREPOSITIONS = {"to", "until", "till", "through", "by", "before"}
SCHEDULED_PRESENT = set(P.LEX["scheduled_present_verbs"]["verbs"])
FUTURE_GOVERNORS = {"plan", "expect", "schedule", "set", "due", "hope", "intend", "aim", "prepare", "want"}


def parsed_direction(doc: "Doc", start: int, end: int) -> int | None:
    """PAST or FUTURE from the tense of the verb governing the span ``[start, end)``, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.dep_ in ("compound", "nmod", "amod", "poss") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
        # "will ask about the February complaints", "to get around Wednesday's ruling": a date
        # that names an occasion the reader already knows is the nearer one, whatever the tense
        # of the clause around it.
        return NEAREST
    verb = governing_verb(root)
    tense = verb_direction(verb) if verb is not None else None
    if deadline_object(root):
        # "was extended to Nov. 16", "postponed until Tuesday": the clause's tense is when the
        # deadline was set, not where it lies; but "will double by August" looks ahead.
        return R.FUTURE if tense == R.FUTURE else NEAREST
    return tense


def deadline_object(root: "Token") -> bool:
    """Whether ``root`` is, or hangs by apposition from, the object of "until", "by", "to" ...
    ("until 5 p.m. EST Nov. 9": the date hangs from the clock time the preposition governs)."""
    token = root
    for _ in range(3):
        if token.dep_ == "pobj":
            return token.head.lower_ in DEADLINE_PREPOSITIONS
        if token.dep_ not in ("appos", "npadvmod", "compound", "nmod") or token.head is token:
            return False
        token = token.head
    return False


def governing_verb(root: "Token") -> "Token | None":
    """The verb or auxiliary a date's head word hangs from (at most four steps up), or None,
    also where an adjective comes between ("payable Dec. 1": the verb above does not date it)."""
    verb: Token | None = root
    for _ in range(4):
        if verb is None or verb.pos_ in ("VERB", "AUX"):
            break
        if verb is not root and verb.pos_ == "ADJ":
            return None
        verb = verb.head if verb.head is not verb else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb


def past_perfect(verb: "Token") -> bool:
    """Whether ``verb`` or the verb it complements is in the past perfect ("had been due to
    expire", "had been scheduled to expire", "had not called")."""
    v = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children):
            return True
        # "had been due to expire": the infinitive hangs from the adjective, the adjective from
        # the auxiliary that carries "had".
        if v.dep_ not in ("xcomp", "ccomp", "acomp") or v.head is v:
            return False
        v = v.head
    return False


def verb_direction(verb: "Token") -> int | None:
    """PAST, FUTURE, NEAREST or None for one verb: its auxiliaries, its form, and what governs it."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX:
        return R.FUTURE
    if past_perfect(verb):
        # "had been due to expire Friday", "had been set to expire Nov. 6": a plan overtaken by
        # events, dated either side of the writer's day; the nearer one.
        return NEAREST
    if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re", "am"}:
        return R.FUTURE  # "is meeting Tuesday": a plan
    if verb.tag_ == "VBN" and verb.lemma_ in FUTURE_GOVERNORS and auxes & {"is", "are", "'s", "'re"}:
        return R.FUTURE  # "is scheduled for Tuesday"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_GOVERNORS:
        return R.FUTURE
    if verb.tag_ == "VBN" and verb.lemma_ in FUTURE_GOVERNORS:
        return None  # "was planned for early March": a plan made then, for a date either side of now
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes & {"had", "was", "were"}):
        return R.PAST
    if verb.tag_ in ("VBP", "VBZ") and not auxes and verb.lemma_ in SCHEDULED_PRESENT:
        return R.FUTURE  # "the leaders meet Monday": news copy's present for a fixed plan
    if verb.tag_ == "VB" and not auxes and verb.dep_ in ("ccomp", "xcomp") and verb.head.tag_ == "VBD":
        # A bare infinitive after a past verb ("let the offensive begin Saturday night", "saw
        # prices fall Friday") happened then.
        return R.PAST
    # A bare participle ("a summit set for April", "is heard in May", "has scheduled ... Thursday")
    # says nothing about where the date lies.
    return None


# Registering needs spaCy; where a user has already imported it, importing this module is enough
# for nlp.add_pipe("storyline_times"). Otherwise find() stays free of spaCy's import time.
if "spacy" in sys.modules:
    register()
