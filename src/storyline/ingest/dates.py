"""Publication dates: read from metadata, URLs, date lines and datelines, or inferred.

A wire dateline often has no year ("MOSCOW, December 4. /TASS/."). :func:`infer_year` works the
year out from the article's own evidence: the years it mentions, and a relative weekday ("told the
media on Monday") that pins the day of the week the dateline falls on. Everything here is a pure
function of strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from storyline import lexicons
from storyline.model import DateSource, Span


@dataclass(frozen=True)
class Dateline:
    """A dateline starting a paragraph: "MOSCOW, December 4. /TASS/." or "LONDON (AP) —"."""

    span: Span  # the whole dateline, city to separator
    city: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    date_span: Span | None = None  # "December 4" (with the year, when there is one)
    agency: str | None = None  # the tag as written: "TASS", "Reuters", "AP"


@dataclass(frozen=True)
class Dating:
    """An article's publication date and where it came from."""

    published: str | None = None
    source: DateSource | None = None
    guess: bool = False
    span: Span | None = None
    confidence: float = 1.0


@cache
def _months() -> dict[str, int]:
    return dict(lexicons.load("months")["months"])


@cache
def _weekdays() -> dict[str, int]:
    return dict(lexicons.load("months")["weekdays"])


def _alternation(words: list[str]) -> str:
    # Longest first, so "September" wins over "Sep".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _month_re() -> str:
    return rf"(?i:{_alternation(list(_months()))})"


@cache
def _weekday_re() -> str:
    return rf"(?i:{_alternation(list(_weekdays()))})"


def month_number(name: str) -> int | None:
    """The month number of an English month name or abbreviation ("Dec.", "december"), or None."""
    return _months().get(name.lower().rstrip("."))


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None where it does not exist (31 April, 29 February 2017)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Dates written out in full


@cache
def _full_date_res() -> tuple[re.Pattern[str], ...]:
    m = _month_re()
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    return (
        # February 14, 2017 · Feb. 14 2017 · February 14th, 2017
        re.compile(rf"(?P<month>{m})\.?\s+{day},?\s+(?P<year>\d{{4}})"),
        # 14 February 2017 · 14th Feb. 2017
        re.compile(rf"{day}\s+(?P<month>{m})\.?,?\s+(?P<year>\d{{4}})"),
        # 2017-02-14 · 2017/02/14
        re.compile(r"(?P<year>\d{4})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})"),
        # 14.02.2017 (day first, as outside the US)
        re.compile(r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})"),
    )


def _iso_of(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = month_number(groups["month"]) if groups.get("month") else int(groups["mnum"])
    if month is None:
        return None
    date = valid_date(int(groups["year"]), month, int(groups["day"]))
    return date.isoformat() if date else None


def full_date(text: str) -> tuple[str, Span] | None:
    """The first complete date written in ``text`` as ISO, with its span; None if there is none."""
    best: tuple[str, Span] | None = None
    for pattern in _full_date_res():
        for match in pattern.finditer(text):
            iso = _iso_of(match)
            if iso and (best is None or match.start() < best[1][0]):
                best = (iso, match.span())
            if iso:
                break
    return best


_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|date|last\s+updated)(?:\s+on)?\s*:?\s*)?", re.I
)
_TIME_SUFFIX = re.compile(
    r"^[\s,|·•–—-]*(?:at\s+)?"
    r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})\)?)?\s*$",
    re.I,
)


def date_line(line: str) -> str | None:
    """The ISO date of a line that is nothing but a date ("February 14, 2017",
    "Published: Tuesday, 14 Feb 2017 10:32 GMT"), or None for any other line."""
    line = line.strip()
    if not line or len(line) > 80:
        return None
    rest = _DATE_LINE_PREFIX.sub("", line)
    rest = re.sub(rf"^{_weekday_re()},?\s+", "", rest)
    for pattern in _full_date_res():
        match = pattern.match(rest)
        if match and _TIME_SUFFIX.match(rest[match.end() :]):
            return _iso_of(match)
    return None


def iso_date(value: str | None) -> str | None:
    """A given or metadata date normalised to ISO ("YYYY-MM-DD", or "YYYY-MM" / "YYYY" when that is
    all it says); None where it cannot be read."""
    if not value:
        return None
    value = str(value).strip()
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s]|$)", value)
    if match:
        year, month, day = match.groups()
        if day:
            date = valid_date(int(year), int(month), int(day))
            return date.isoformat() if date else None
        if month:
            return f"{year}-{month}" if 1 <= int(month) <= 12 else None
        return year
    found = full_date(value)
    if found:
        return found[0]
    return _dateparser_iso(value)


def _dateparser_iso(value: str) -> str | None:
    # dateparser only normalises a string we already know is a date; it is slow to import.
    import dateparser

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


# ---------------------------------------------------------------------------------------------
# URLs

_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?=/|$|[-_.])"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?=/|$|[-_.])"),
)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/")


def url_date(url: str | None) -> str | None:
    """The date in a URL's path ("/2017/02/14/" → "2017-02-14"; "/2017/02/" → "2017-02")."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?")[0].split("#")[0], flags=re.I)
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            date = valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if date:
                return date.isoformat()
    match = _URL_MONTH.search(path)
    if match and 1 <= int(match["month"]) <= 12:
        return f"{match['year']}-{int(match['month']):02d}"
    return None


# ---------------------------------------------------------------------------------------------
# Datelines


@cache
def _dateline_re() -> re.Pattern[str]:
    m = _month_re()
    city = r"(?P<city>[A-Z][A-Z'’.\-]*[A-Z.](?:\s+[A-Z][A-Z'’.\-]*)*)"
    region = rf"(?:,\s+(?!{m}\b)[A-Z][A-Za-z.\-]+(?:\s+[A-Z][A-Za-z.\-]+){{0,2}})?"
    date = (
        rf"(?:,\s+(?P<date>(?P<month>{m})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
        rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{m})(?:\s+(?P<year2>\d{{4}}))?))?"
    )
    agency = (
        r"(?:\s*\.?\s*(?:/(?P<agency>[A-Za-z][A-Za-z\- ]{0,24})/"
        r"|\((?P<agency2>[A-Za-z][A-Za-z\-. ]{0,24})\)))?"
    )
    end = r"\s*(?:\.|[-–—]+|:)?\s"
    return re.compile(rf"(?m)^{city}{region}{date}{agency}{end}")


def dateline(text: str, *, paragraphs: int = 4) -> Dateline | None:
    """The dateline starting one of the first ``paragraphs`` paragraphs of ``text``, or None.

    A dateline needs a date or an agency tag after the city in capitals: "MOSCOW, December 4.
    /TASS/.", "WASHINGTON, Dec. 4 (Reuters) -", "LONDON (AP) —", "PARIS, 3 March 2017 —".
    """
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)][: paragraphs - 1]
    pattern = _dateline_re()
    for start in starts:
        match = pattern.match(text, start)
        if not match or not (match["date"] or match["agency"] or match["agency2"]):
            continue
        if not (match["date"] or _agency_like(match["agency"] or match["agency2"])):
            continue
        month_name = match["month"] or match["month2"]
        year = match["year"] or match["year2"]
        return Dateline(
            span=(match.start(), match.end() - 1),
            city=match["city"],
            month=month_number(month_name) if month_name else None,
            day=int(match["day"] or match["day2"]) if month_name else None,
            year=int(year) if year else None,
            date_span=match.span("date") if match["date"] else None,
            agency=(match["agency"] or match["agency2"] or "").strip() or None,
        )
    return None


def _agency_like(tag: str | None) -> bool:
    # "(AP)" or "(Reuters)" is an agency; "(Photo)" after a capitalised word is not.
    return bool(tag) and (tag.isupper() or tag.upper() in lexicons.load("outlets")["agencies"])


# ---------------------------------------------------------------------------------------------
# Year inference


def mentioned_years(text: str) -> list[int]:
    """Every plausible year (1900–2099) written in ``text``, in order."""
    return [int(y) for y in re.findall(r"(?<![\d,.$€£])\b((?:19|20)\d{2})\b(?![,.]?\d)", text)]


def weekday_clue(text: str, start: int = 0) -> tuple[int, bool] | None:
    """The weekday (Monday = 0) an article's own day is tied to, and whether exactly.

    A weekday in the dateline's paragraph ("told the media on Monday") names the dateline day
    itself: exact. Failing that, the first weekday elsewhere in the text names a day of the past
    week: not exact. "next Monday" points forward and is no clue.
    """
    end = text.find("\n\n", start)
    paragraph = text[start : end if end >= 0 else len(text)]
    pattern = re.compile(rf"(?<!next )(?<!coming )\b({_weekday_re()})\b(?!\s+(?:week|next))")
    found = pattern.search(paragraph)
    if found and not re.search(r"\blast\s*$", paragraph[: found.start()], re.I):
        return _weekdays()[found[1].lower()], True
    found = found or pattern.search(text)
    if found:
        return _weekdays()[found[1].lower()], False
    return None


def infer_year(month: int, day: int, text: str, *, start: int = 0) -> tuple[int, float] | None:
    """The likeliest year of a yearless date (a dateline's "December 4") with a confidence in 0–1,
    from the article's own evidence; None where the text mentions no year at all.

    An article is published no earlier than the latest year it mentions, and usually in it. Where
    the dateline's paragraph names a weekday (from ``start``, the dateline's offset), take the
    first year from that latest one on in which month/day falls on that weekday; otherwise (or if
    no year near it fits) take the latest year mentioned.
    """
    years = mentioned_years(text)
    if not years:
        return None
    latest = max(years)
    clue = weekday_clue(text, start)
    # Four years on always include a leap year, for a yearless 29 February.
    candidates = [y for y in range(latest, latest + 5) if valid_date(y, month, day)]
    if not candidates:
        return None
    if clue and clue[1]:
        # The dateline day is that weekday, or a day or two after it (a statement reported late).
        gaps = {y: (dt.date(y, month, day).weekday() - clue[0]) % 7 for y in candidates[:2]}
        for year, confidence in zip(gaps, (0.9, 0.75)):
            if gaps[year] == 0:
                return year, confidence
        nearest = min(gaps, key=lambda y: (gaps[y], y))
        if gaps[nearest] <= 2:
            return nearest, 0.5
        return candidates[0], 0.4
    return candidates[0], 0.6 if candidates[0] == latest else 0.4


# ---------------------------------------------------------------------------------------------
# Putting it together


def publication(
    text: str,
    *,
    given: str | None = None,
    given_source: DateSource = "given",
    url: str | None = None,
    text_date: str | None = None,
    line: Dateline | None = None,
) -> Dating:
    """An article's publication date by precedence: given or metadata, the URL, a date line in the
    text, a dated dateline, and last a yearless dateline whose year is inferred."""
    iso = iso_date(given)
    if iso:
        return Dating(iso, given_source)
    iso = url_date(url)
    if iso:
        return Dating(iso, "url")
    if text_date:
        return Dating(text_date, "text")
    line = line if line is not None else dateline(text)
    if line is None or line.month is None or line.day is None:
        return Dating()
    if line.year is not None:
        date = valid_date(line.year, line.month, line.day)
        return Dating(date.isoformat(), "dateline", span=line.date_span) if date else Dating()
    inferred = infer_year(line.month, line.day, text, start=line.span[0])
    if inferred is None:
        return Dating()
    year, confidence = inferred
    return Dating(
        f"{year:04d}-{line.month:02d}-{line.day:02d}",
        "inferred",
        guess=True,
        span=line.date_span,
        confidence=confidence,
    )
