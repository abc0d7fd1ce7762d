"""Dated events within one article: the clause a date expression belongs to.

For every time expression with a specific calendar value (a year, a month or a day) we walk up the
dependency parse from the expression to the verb that governs it, and take that verb's clause as
the event: "The regional agency on March 29, 2025 fined the plant operator" is an event dated
2025-03-29 whose trigger is "fined". Three refinements:

- a reporting verb ("Peskov told the media on Monday") gives an event of kind ``"statement"``, so
  that the timeline can show or hide what was said as opposed to what happened;
- a date that premodifies a noun ("the December 2016 sanctions") dates that noun phrase, an event
  of kind ``"nominal"``, rather than the clause around it;
- a clause without a subject of its own ("..., having attended a banquet ... in 2015")
  borrows the participants of the subject it depends on.

Sentences without a time expression are not events in this version: precision over recall.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from storyline.lexicons import load as load_lexicon
from storyline.model import Article, Event, Mention, Span, Time

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as TokenSpan, Token

METHOD = "dep-clause"

# Specific calendar values only: "2016", "2016-12", "2016-12-29". Relative references
# (PRESENT_REF), unresolved years (XXXX-12-25), weeks, seasons and durations are not dates we can
# put on a timeline.
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_LEADING_JUNK = frozenset({"PUNCT", "CCONJ", "SCONJ", "SPACE"})
_TRAILING_JUNK = frozenset({"PUNCT", "CCONJ", "SPACE"})


def events(
    doc: "Doc",
    article: Article,
    mentions: Sequence[Mention] = (),
    times: Sequence[Time] = (),
) -> list[Event]:
    """The dated events of ``article``: one per clause that a calendar-dated time expression
    attaches to, in text order.

    ``doc`` is the spaCy parse of ``article.text``; ``times`` are its normalised time expressions
    and ``mentions`` its entity mentions (their ``entity`` names become the participants). When two
    dates attach to the same clause, the more specific one dates it.
    """
    by_anchor: dict[Span, Event] = {}
    for time in sorted(times, key=lambda t: t.span):
        date = calendar_date(time)
        if date is None or _in_dateline(article, time):
            continue
        tokens = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        event = _event(doc, article, tokens, time, date, mentions)
        if event is None:
            continue
        key = event.trigger or event.span
        prior = by_anchor.get(key)
        if prior is None or granularity(date) > granularity(prior.date or ""):
            by_anchor[key] = event
    lede = _lede_event(doc, article, mentions, times)
    if lede is not None and not any(e.span[0] < lede.span[1] and lede.span[0] < e.span[1] for e in by_anchor.values()):
        by_anchor[lede.span] = lede
    return sorted(by_anchor.values(), key=lambda e: (e.span, e.time_span or e.span))


LEDE_METHOD = "lede-perfect"
_PERFECT_AUX = frozenset({"has", "have"})


def _lede_event(doc: "Doc", article: Article, mentions: Sequence[Mention], times: Sequence[Time]) -> Event | None:
    """The news of the article: its first sentence, when that reports a present-perfect happening
    ("Flynn has resigned following …") with no date of its own. News writes the latest event that
    way, so it happened by the publication date, which dates it (``method`` says so)."""
    if not article.published:
        return None
    sent = next((s for s in doc.sents if any(t.pos_ in _VERBAL for t in s)), None)
    if sent is None:
        return None
    root = sent.root
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if root.tag_ != "VBN" or not auxes & _PERFECT_AUX or _is_statement(root) or not _has_subject(root):
        return None
    start, end = _trimmed(doc, sent.start, sent.end, sent)
    span = _char_span(doc, start, end)
    if any(span[0] < t.span[1] and t.span[0] < span[1] for t in times if calendar_date(t)):
        return None  # it carries its own date: the ordinary path dates it
    return Event(
        article_id=article.id,
        span=span,
        text=article.text[span[0] : span[1]],
        date=article.published,
        trigger=_trigger_span(root),
        participants=_participants(mentions, [span]),
        method=LEDE_METHOD,
        kind="event",
    )


@cache
def _words(key: str) -> frozenset[str]:
    """One word list of the ``events`` lexicon, as a set."""
    return frozenset(load_lexicon("events")[key])


def calendar_date(time: Time) -> str | None:
    """The calendar value ("2016", "2016-12", "2016-12-29") of a time expression, or None when it
    has none (durations, sets, PRESENT_REF, "XXXX-12-25", weeks). A TIME gives its date part."""
    if time.type == "DATE":
        value = time.value
    elif time.type == "TIME":
        value = time.value.split("T", 1)[0]
    else:
        return None
    return value if _CALENDAR.match(value) else None


def granularity(date: str) -> int:
    """How specific an ISO date is: 1 for a year, 2 for a month, 3 for a day, 0 for anything else."""
    return date.count("-") + 1 if _CALENDAR.match(date) else 0


def _in_dateline(article: Article, time: Time) -> bool:
    """A publication dateline ("MOSCOW, December 4") dates the article, not an event in it."""
    span = article.date_span
    return span is not None and span[0] < time.span[1] and time.span[0] < span[1]


def _event(
    doc: "Doc",
    article: Article,
    tokens: "TokenSpan",
    time: Time,
    date: str,
    mentions: Sequence[Mention],
) -> Event | None:
    sent = _line(doc, tokens)
    noun = _dated_noun(tokens, sent)
    verb = None if noun is not None else _governing_verb(tokens, sent)
    if noun is not None:
        kind, trigger_tok = "nominal", noun
        start, end = _trimmed(doc, noun.left_edge.i, noun.right_edge.i + 1, sent)
    elif verb is not None:
        kind = "statement" if _is_statement(verb) else "event"
        trigger_tok = _controlled(verb)
        start, end = _clause(doc, verb, sent)
    elif any(tok.pos_ in _VERBAL for tok in sent):
        kind, trigger_tok = "event", (sent.root if sent.root.pos_ in _VERBAL else None)
        start, end = _trimmed(doc, sent.start, sent.end, sent)
    else:
        # A verbless line ("February 14, 2017", a caption) reports no happening.
        return None
    span = _char_span(doc, start, end)
    if not (span[0] <= time.span[0] and time.span[1] <= span[1]):
        # The parse put the date outside its own clause: fall back to the whole sentence.
        span = _char_span(doc, *_trimmed(doc, sent.start, sent.end, sent))
    span = _closing_quote(article.text, span)
    regions = [span]
    if verb is not None and noun is None:
        regions.extend(_borrowed_subject(verb))
    return Event(
        article_id=article.id,
        span=span,
        text=article.text[span[0] : span[1]],
        date=date,
        trigger=_trigger_span(trigger_tok) if trigger_tok is not None else None,
        time_span=time.span,
        participants=_participants(mentions, regions),
        method=METHOD,
        kind=kind,
    )


def _dated_noun(tokens: "TokenSpan", sent: "TokenSpan") -> "Token | None":
    """The noun a date premodifies ("the December 2016 sanctions" → "sanctions"), if it does."""
    root = tokens.root
    head = root.head
    deps = _words("nominal_time_deps")
    if root.dep_ in deps and head.pos_ in _NOMINAL and tokens.end <= head.i < sent.end:
        return head
    return None


def _line(doc: "Doc", tokens: "TokenSpan") -> "TokenSpan":
    """The sentence holding the time expression, cut at line breaks: the parser sometimes runs a
    headline into the dateline below it, but a line break always ends a sentence in our text."""
    sent = tokens.root.sent
    start, end = sent.start, sent.end
    for tok in sent:
        # spaCy keeps a line break as a whitespace token of its own.
        if "\n" in tok.text:
            if tok.i < tokens.start:
                start = tok.i + 1
            elif tok.i >= tokens.end:
                end = tok.i
                break
    return doc[start:end]


def _governing_verb(tokens: "TokenSpan", sent: "TokenSpan") -> "Token | None":
    """The nearest verb above the time expression that heads a clause, or None (a fragment)."""
    skip = _words("non_clause_deps")
    inside = range(tokens.start, tokens.end)
    tok = tokens.root
    while sent.start <= tok.i < sent.end:
        if tok.i not in inside and tok.pos_ in _VERBAL and tok.dep_ not in skip:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _controlled(verb: "Token") -> "Token":
    """The verb that names the happening: "was forced to resign" happened as a resignation."""
    if verb.lemma_.lower() in _words("control_verbs"):
        for child in verb.rights:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                return child
    return verb


def _is_statement(verb: "Token") -> bool:
    return verb.lemma_.lower() in _words("statement_verbs")


def _clause(doc: "Doc", verb: "Token", sent: "TokenSpan") -> tuple[int, int]:
    """Token bounds of the verb's clause, without trailing clauses that have their own subject."""
    # A relative or participial clause describes its noun: "a meeting that took place on ...".
    top = verb.head if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in _NOMINAL else verb
    start, end = top.left_edge.i, top.right_edge.i + 1
    for child in verb.rights:
        if child.dep_ == "conj" and child.pos_ in _VERBAL and _has_subject(child):
            end = min(end, child.left_edge.i)
    return _trimmed(doc, start, end, sent)


def _has_subject(verb: "Token") -> bool:
    return any(child.dep_ in _SUBJECTS for child in verb.children)


def _trimmed(doc: "Doc", start: int, end: int, sent: "TokenSpan") -> tuple[int, int]:
    """Token bounds clamped to the sentence, minus leading/trailing punctuation and conjunctions."""
    start, end = max(start, sent.start), min(end, sent.end)
    while start < end and doc[start].pos_ in _LEADING_JUNK:
        start += 1
    while end > start and doc[end - 1].pos_ in _TRAILING_JUNK:
        end -= 1
    if start >= end:
        return sent.start, sent.end
    return start, end


def _char_span(doc: "Doc", start: int, end: int) -> Span:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _closing_quote(text: str, span: Span) -> Span:
    """Keep a quotation's closing mark when trimming punctuation cut it off (`"hysteria."`)."""
    start, end = span
    inner = text[start:end]
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        opened = inner.count(opening) - (inner.count(closing) if opening != closing else 0)
        unbalanced = opened % 2 == 1 if opening == closing else opened > 0
        if unbalanced:
            at = text.find(closing, end)
            if at != -1 and not text[end:at].strip(" .,;:!?"):
                return start, at + 1
    return span


def _trigger_span(tok: "Token") -> Span:
    """The trigger word, with an adjacent particle ("stepped down")."""
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return tok.idx, end


def _borrowed_subject(verb: "Token") -> list[Span]:
    """Character spans of the subject a subjectless clause depends on ("Flynn ..., having
    appeared ..." → "Flynn"), found up the chain of advcl/xcomp/conj heads."""
    borrowing = _words("borrowed_subject_deps")
    tok = verb
    while not _has_subject(tok) and tok.dep_ in borrowing and tok.head.i != tok.i:
        tok = tok.head
    if tok is verb:
        return []
    return [
        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
        for child in tok.children
        if child.dep_ in _SUBJECTS
    ]


def _participants(mentions: Sequence[Mention], regions: Sequence[Span]) -> tuple[str, ...]:
    """Canonical names of the mentions inside any region, de-duplicated, in text order."""
    names: list[str] = []
    for mention in sorted(mentions, key=lambda m: m.span):
        inside = any(s <= mention.span[0] and mention.span[1] <= e for s, e in regions)
        if inside and mention.entity and mention.entity not in names:
            names.append(mention.entity)
    return tuple(names)


__all__ = ["calendar_date", "events", "granularity"]
