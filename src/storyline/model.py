"""The data model: plain frozen dataclasses shared by every layer.

Every extracted record carries the ``article_id`` it came from, one or more spans ``(start, end)``
that are Python string offsets into that article's stored ``text`` (which never changes once
stored), and the name of the ``method`` that produced it. ``tests/test_spans.py`` checks, for every
record type, that ``text[start:end]`` is what the record says it covers.

This module imports nothing from the rest of storyline: it is the bottom layer.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, TypeVar

Span = tuple[int, int]
R = TypeVar("R")

QuoteKind = Literal["direct", "mixed", "indirect"]
CueClass = Literal["assert", "deny", "claim", "report", "believe"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

# Where an article's publication date came from. "inferred" means a yearless dateline whose year
# was worked out from the article's own evidence; ``Article.date_guess`` is then True.
DateSource = Literal["given", "metadata", "url", "text", "dateline", "inferred", "file"]


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id derived from content, so that re-running an ingest never duplicates."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def span_text(text: str, span: Span | None) -> str | None:
    """The characters a span covers, or None for no span."""
    if span is None:
        return None
    return text[span[0] : span[1]]


@dataclass(frozen=True)
class Article:
    """One news article as storyline stores it.

    ``text`` is the canonical plain text (boilerplate removed, title not included); every span of
    every record refers to it. ``id`` is the user's id for JSONL/CSV input, otherwise derived from
    the text. ``content_hash`` identifies exact duplicates whatever their id.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" when that is all)
    date_source: DateSource | None = None
    date_guess: bool = False  # True when the date (or its year) was inferred, not read
    date_span: Span | None = None  # where in ``text`` the date was read (a dateline), if anywhere
    source: str | None = None  # file path, URL or "file.jsonl:LINE" the article came from
    format: str | None = None  # "text", "markdown", "html", "jsonl", "csv"
    content_hash: str = ""
    duplicate_of: str | None = None  # near-duplicate (e.g. a wire copy) of this article id

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_id(self.text, length=20))

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Mention:
    """A mention of a named entity. ``entity`` is its canonical name within the article
    ("Flynn" → "Michael Flynn"); cross-article resolution maps that to an :class:`Entity`.

    ``kind`` is "name" for a name, "pronoun" ("he", "its", "who") or "description" ("the
    company", "the former adviser") for a phrase resolved to a named antecedent in the article;
    such a mention takes its antecedent's ``label`` and ``entity``."""

    article_id: str
    span: Span
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...
    entity: str
    method: str = "spacy-ner"
    kind: str = "name"  # "name", "pronoun" or "description"


@dataclass(frozen=True)
class Role:
    """A title or role an article gives an entity ("Kremlin Spokesman"), dated by the article."""

    entity: str  # canonical name within the article, as in Mention.entity
    title: str
    article_id: str
    span: Span  # the title's characters ("Kremlin Spokesman")
    date: str | None = None  # the article's date: a role is true as of then
    method: str = "rules"  # premodifier, apposition, pre-apposition, as-role


@dataclass(frozen=True)
class Entity:
    """A canonical person, organisation or place, merged across mentions and articles."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mention_count: int = 0
    article_ids: tuple[str, ...] = ()
    confidence: float = 1.0  # the weakest link that merged this entity's names
    method: str = "resolve"
    # Articles this entity published (an outlet as the publisher, as opposed to a source quoted or
    # cited inside another outlet's article, which is a mention).
    published: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """An attributed statement: who (speaker) said what (content) how (cue), and when (date)."""

    article_id: str
    content: tuple[Span, ...]  # one span per part of a split quote
    kind: QuoteKind
    speaker: Span | None = None
    speaker_text: str | None = None  # the text at ``speaker`` ("he", "Peskov", "the letter")
    speaker_entity: str | None = None  # resolved canonical name ("Dmitry Peskov")
    cue: Span | None = None
    cue_text: str | None = None
    cue_class: CueClass | None = None
    date: str | None = None  # date of the statement
    date_source: Literal["sentence", "article"] | None = None
    confidence: float = 0.5
    method: str = "rules"

    def content_text(self, text: str) -> str:
        return " … ".join(text[s:e] for s, e in self.content)


@dataclass(frozen=True)
class Time:
    """A temporal expression, typed and normalised as a TimeML TIMEX3."""

    article_id: str
    span: Span
    text: str
    type: TimeType
    value: str
    mod: str | None = None  # TimeML mod: START, END, MID, APPROX, BEFORE, AFTER, ...
    method: str = "rules"


@dataclass(frozen=True)
class Event:
    """Something that happened: a clause with a resolved date and its participants."""

    article_id: str
    span: Span  # the clause (or sentence) describing the event
    text: str
    date: str | None  # ISO value as in Time.value ("2016-12-29", "2017-01", "2015")
    trigger: Span | None = None  # the main verb
    time_span: Span | None = None  # the time expression that dated it
    participants: tuple[str, ...] = ()  # canonical entity names within the article
    method: str = "rules"
    # "event" (a dated clause), "statement" (a dated reporting clause: "Peskov told the media on
    # Monday"), or "nominal" (a dated noun phrase: "the December 2016 sanctions").
    kind: str = "event"


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article step extracts from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[Time, ...] = ()
    events: tuple[Event, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Story:
    """A group of articles about one story."""

    id: str
    article_ids: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One event on the merged timeline, with every article that reports it."""

    date: str
    text: str
    sources: tuple[tuple[str, Span], ...]  # (article_id, span) of each report
    participants: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    kind: str = "event"  # "statement" when every report of it is a statement
    id: str = ""  # derived from the date and sources, so re-running gives the same id


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of any record (tuples become lists)."""
    return asdict(record)


def _tuples(value: Any) -> Any:
    # JSON turns tuples (spans, tuples of spans, names) into lists; the records want tuples back.
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def from_dict(cls: type[R], data: dict[str, Any]) -> R:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output (e.g. read back from JSON).

    Keys the record does not know are ignored, so data written by a newer version still loads.
    """
    known = {f.name for f in fields(cls)}
    kwargs = {k: _tuples(v) for k, v in data.items() if k in known}
    if cls is Entity and "roles" in kwargs:
        kwargs["roles"] = tuple(
            r if isinstance(r, Role) else from_dict(Role, dict(r) if isinstance(r, dict) else r)
            for r in data["roles"]
        )
    return cls(**kwargs)


__all__ = [
    "Analysis",
    "Article",
    "CueClass",
    "DateSource",
    "Entity",
    "Event",
    "Mention",
    "Quote",
    "QuoteKind",
    "Role",
    "Span",
    "Story",
    "Time",
    "TimeType",
    "TimelineEntry",
    "content_id",
    "from_dict",
    "span_text",
    "to_dict",
]
