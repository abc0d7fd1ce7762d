"""The merged timeline: one entry per happening, listing every article that reports it.

Events are grouped by year, then clustered: two reports are the same happening when their dates
are equal and they share enough of who (participants, mapped to global names) and what (trigger
and content words). A coarser date ("2016-12") joins a finer one ("2016-12-29") only on strong
evidence (a shared participant and most content words), so that "in December" never swallows
every December event. Clustering is greedy within a year, finest dates first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from storyline.lexicons import load as load_lexicon
from storyline.model import Article, Event, Span, TimelineEntry, content_id
from storyline.nlp.events import LEDE_METHOD

# Thresholds tuned on hand-written pairs in tests/test_timeline.py: the same happening told by two
# outlets in different words shares its trigger or at least half of the shorter report's words;
# two happenings on one day share a participant but few words.
SAME_WORDS_OVERLAP = 0.5  # share of the shorter report's content words
SAME_WORDS_MIN = 2  # and at least this many words in common
STRANGERS_OVERLAP = 0.6  # when both name participants and none is shared
STRANGERS_MIN = 3
SHARED_CAST_MIN = 2  # reports naming the same two (or more) participants
SHARED_CAST_WORDS = 0.25  # need only this share of words in common
COARSE_OVERLAP = 0.5  # a coarser date joining a finer one needs a shared participant and this
COARSE_MIN = 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# Preference for the clause shown as an entry's text: a plain event, then a statement, then a
# bare noun phrase ("the December 2016 sanctions"), which is the least clear on its own.
_KIND_RANK = {"event": 0, "statement": 1, "nominal": 2}
_MIN_CLEAR_WORDS = 4


@dataclass
class _Report:
    """One event with what merging needs, precomputed once."""

    event: Event
    participants: tuple[str, ...]  # global names
    keys: frozenset[str]  # casefolded participants, for comparison
    words: frozenset[str]
    trigger: str
    order: tuple[str, str, int]  # (published, article id, start): source order


@dataclass
class _Cluster:
    date: str
    reports: list[_Report] = field(default_factory=list)


def timeline(
    events: Iterable[Event],
    articles: Mapping[str, Article],
    *,
    entity_of: Callable[[str, str], str] | None = None,
    include_statements: bool = False,
) -> list[TimelineEntry]:
    """The events of many articles merged into one dated timeline.

    Reports of the same happening (across outlets, or repeated within one article) become one
    :class:`TimelineEntry` listing every ``(article_id, span)``; ``sources[0]`` is the report whose
    clause is the entry's ``text``. ``entity_of(article_id, name)`` maps an article's canonical
    participant name to a global one, so that spellings that differ between outlets still match.
    Statements ("Peskov told the media on Monday") are left out unless ``include_statements``.
    Entries are sorted by the start of their date (a bare year before its months and days), then
    by their earliest source.
    """
    by_year: dict[str, list[_Report]] = defaultdict(list)
    for event in events:
        if not event.date or (event.kind == "statement" and not include_statements):
            continue
        by_year[event.date[:4]].append(_report(event, articles, entity_of))
    keyed = [
        (_entry_order(cluster), _entry(cluster, articles))
        for year in by_year
        for cluster in _clusters(by_year[year])
    ]
    return [entry for _, entry in sorted(keyed, key=lambda pair: pair[0])]


def for_entity(entries: Iterable[TimelineEntry], name: str) -> list[TimelineEntry]:
    """The entries that ``name`` takes part in (matched case-insensitively), in timeline order."""
    key = name.casefold()
    return [e for e in entries if any(p.casefold() == key for p in e.participants)]


def date_order(date: str) -> tuple[int, int, int]:
    """A sort key for an ISO date: by its start, a coarser date before the finer ones it holds
    ("2016" < "2016-12" < "2016-12-29"); anything unparsable last."""
    match = _DATE.match(date)
    if match is None:
        return (10_000, 0, 0)
    return tuple(int(part) if part else 0 for part in match.groups())  # type: ignore[return-value]


def _report(
    event: Event,
    articles: Mapping[str, Article],
    entity_of: Callable[[str, str], str] | None,
) -> _Report:
    names: list[str] = []
    for local in event.participants:
        name = entity_of(event.article_id, local) if entity_of else local
        if name and name not in names:
            names.append(name)
    article = articles.get(event.article_id)
    published = (article.published if article else None) or ""
    return _Report(
        event=event,
        participants=tuple(names),
        keys=frozenset(n.casefold() for n in names),
        words=_content_words(event),
        trigger=_trigger_stem(event, article),
        order=(published, event.article_id, event.span[0]),
    )


def _content_words(event: Event) -> frozenset[str]:
    """Stemmed content words of the event's clause, without its date expression."""
    text = event.text
    if event.time_span is not None:
        start = event.time_span[0] - event.span[0]
        end = event.time_span[1] - event.span[0]
        if 0 <= start <= end <= len(text):
            text = text[:start] + " " + text[end:]
    skip = _skipped_words()
    words = set()
    for match in _WORD.finditer(text.casefold()):
        word = re.sub(r"['’]s$", "", match.group())
        # A four-digit number is a year: part of some date, not of what happened.
        if word in skip or (word.isdigit() and len(word) == 4):
            continue
        words.add(stem(word))
    return frozenset(words)


@cache
def _skipped_words() -> frozenset[str]:
    """Words that say nothing about what happened: function words and calendar words."""
    lexicon = load_lexicon("events")
    return frozenset(lexicon["stopwords"]) | frozenset(lexicon["time_words"])


def _trigger_stem(event: Event, article: Article | None) -> str:
    if event.trigger is None:
        return ""
    start, end = event.trigger
    if article is not None and end <= len(article.text):
        word = article.text[start:end]
    elif event.span[0] <= start and end <= event.span[1]:
        word = event.text[start - event.span[0] : end - event.span[0]]
    else:
        return ""
    return stem(word.split()[0].casefold()) if word.split() else ""


def stem(word: str) -> str:
    """A crude English stem, enough to match "imposed"/"imposes"/"impose" or "resigned"/
    "resignation" between two reports (no lexicon of irregular forms)."""
    for suffix, replacement in (
        ("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""),
        ("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "expell" (from "expelled") → "expel"
    return word


def _clusters(reports: Sequence[_Report]) -> list[_Cluster]:
    """Greedy clusters of one year's reports, finest dates first so coarse ones can join them."""
    clusters: list[_Cluster] = []
    by_date: dict[str, list[_Cluster]] = defaultdict(list)
    # Ledes dated by their article come last, so they can join the dated report they echo.
    ordered = sorted(reports, key=lambda r: (_dated_by_article(r), -_granularity(r.event.date or ""), r.order))
    for report in ordered:
        date = report.event.date or ""
        best, best_score = None, 0.0
        for cluster in by_date[date]:
            score = max(_same_day_score(report, other) for other in cluster.reports)
            if score > best_score:
                best, best_score = cluster, score
        if best is None and _dated_by_article(report):
            # "X has resigned" in an article of the 14th happened on or shortly before the 14th:
            # it is the same happening as a report dated the 13th with the same verb and people.
            for earlier in _days_before(date, LEDE_WINDOW_DAYS):
                for cluster in by_date[earlier]:
                    score = max(_same_day_score(report, other) for other in cluster.reports)
                    if score >= 1.0 and score > best_score:  # 1.0+: same trigger and people
                        best, best_score = cluster, score
        if best is None:
            for cluster in clusters:
                if cluster.date.startswith(date + "-"):
                    score = max(_coarse_score(report, other) for other in cluster.reports)
                    if score > best_score:
                        best, best_score = cluster, score
        if best is None:
            best = _Cluster(date=date)
            clusters.append(best)
            by_date[date].append(best)
        best.reports.append(report)
    return clusters


LEDE_WINDOW_DAYS = 7


def _dated_by_article(report: _Report) -> bool:
    return report.event.method == LEDE_METHOD


def _days_before(date: str, days: int) -> list[str]:
    """The ISO days from ``days`` before ``date`` up to the day before it (none for a coarse date)."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return []
    return [(day - dt.timedelta(days=n)).isoformat() for n in range(days, 0, -1)]


def _overlap(a: _Report, b: _Report) -> tuple[int, float]:
    """Content words in common, and their share of the shorter report's words."""
    common = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words))
    return common, (common / smaller if smaller else 0.0)


def _same_day_score(a: _Report, b: _Report) -> float:
    """How surely two equally dated reports tell the same happening (0 = they do not)."""
    common, share = _overlap(a, b)
    shared = len(a.keys & b.keys)
    if a.keys and b.keys and not shared:
        # Different people, or one person spelled differently with no mapping given: only a
        # near-identical wording merges them.
        ok = share >= STRANGERS_OVERLAP and common >= STRANGERS_MIN
        return share if ok else 0.0
    same_trigger = bool(a.trigger) and a.trigger == b.trigger
    if same_trigger and (shared or common >= SAME_WORDS_MIN):
        return 1.0 + share
    if share >= SAME_WORDS_OVERLAP and common >= SAME_WORDS_MIN:
        return share
    cast = shared / min(len(a.keys), len(b.keys)) if shared else 0.0
    if shared >= SHARED_CAST_MIN and cast >= 0.5 and share >= SHARED_CAST_WORDS:
        # "Berg met Volkov" / "Berg held talks with Volkov": the same people on the same day in
        # other words.
        return share
    return 0.0


def _coarse_score(coarse: _Report, fine: _Report) -> float:
    """How surely a report with a coarser date tells the same happening as a finer one."""
    common, share = _overlap(coarse, fine)
    if coarse.keys & fine.keys and share >= COARSE_OVERLAP and common >= COARSE_MIN:
        return share
    return 0.0


def _granularity(date: str) -> int:
    match = _DATE.match(date)
    return sum(1 for part in match.groups() if part) if match else 0


def _entry(cluster: _Cluster, articles: Mapping[str, Article]) -> TimelineEntry:
    reports = sorted(cluster.reports, key=lambda r: r.order)
    shown = min(reports, key=lambda r: _clarity(r, cluster.date))
    ordered = [shown] + [r for r in reports if r is not shown]
    sources: tuple[tuple[str, Span], ...] = tuple((r.event.article_id, r.event.span) for r in ordered)
    participants: list[str] = []
    outlets: list[str] = []
    for report in reports:
        participants.extend(p for p in report.participants if p not in participants)
        article = articles.get(report.event.article_id)
        if article is not None and article.outlet and article.outlet not in outlets:
            outlets.append(article.outlet)
    kinds = {r.event.kind for r in reports}
    kind = "statement" if kinds == {"statement"} else shown.event.kind
    return TimelineEntry(
        date=cluster.date,
        text=shown.event.text,
        sources=sources,
        participants=tuple(participants),
        outlets=tuple(outlets),
        kind=kind,
        id=content_id(cluster.date, *sorted(f"{a}:{s}:{e}" for a, (s, e) in sources)),
    )


def _clarity(report: _Report, date: str) -> tuple[int, int, int, int, tuple[str, str, int]]:
    """Sort key for the clause to show: the entry's own date, a plain event, a clause long enough
    to stand alone, then the shortest, then the earliest."""
    event = report.event
    words = len(event.text.split())
    return (
        0 if event.date == date else 1,
        _KIND_RANK.get(event.kind, 3),
        0 if words >= _MIN_CLEAR_WORDS else 1,
        len(event.text),
        report.order,
    )


def _entry_order(cluster: _Cluster) -> tuple[tuple[int, int, int], str, tuple[str, str, int]]:
    """Timeline order: the date's start (coarse first), then the earliest source (by the
    article's publication date, id and offset)."""
    return date_order(cluster.date), cluster.date, min(r.order for r in cluster.reports)


__all__ = ["date_order", "for_entity", "stem", "timeline"]
