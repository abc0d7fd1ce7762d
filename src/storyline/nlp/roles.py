"""Titles and roles an article gives a person: "Port Spokeswoman Lena Ortiz", "Paul Varga,
the mayor's former deputy,", "Ortiz took office as the city's harbour master".

A role is dated by the article (``Role.date = article.published``): it was true as of then. The
title lexicon (``lexicons/titles.json``) decides what counts as a title word; the shape around a
person mention decides which words belong to the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from storyline.lexicons import load
from storyline.model import Article, Mention, Role

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Entity types whose words may sit inside a title ("Kremlin", "US", "Russian", "White House").
TITLE_ENT_TYPES = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC"})
# What may follow a post-apposition title: it must be closed off ("Kellogg, Flynn's aide, was").
CLOSERS = frozenset({",", ".", ";", ":", ")", "—", "–"})
ARTICLES = frozenset({"the", "a", "an"})


@cache
def _titles() -> dict:
    return load("titles")


@cache
def title_heads() -> frozenset[str]:
    """Single title words, lower case ("spokesman", "ambassador")."""
    return frozenset(_titles()["heads"])


@cache
def title_modifiers() -> frozenset[str]:
    """Words that may precede a title ("former", "acting", "ex")."""
    return frozenset(_titles()["modifiers"])


@cache
def title_phrases() -> tuple[tuple[str, ...], ...]:
    """Multi-word titles as lower-case token tuples, longest first ("chief", "of", "staff")."""
    phrases = (tuple(re.findall(r"\w+|[^\w\s]", p.lower())) for p in _titles()["phrases"])
    return tuple(sorted(phrases, key=len, reverse=True))


def title_mask(doc: "Doc") -> list[bool]:
    """For each token of ``doc``, whether it is a title word or part of a multi-word title."""
    heads = title_heads()
    mask = [t.lower_ in heads for t in doc]
    lowers = [t.lower_ for t in doc]
    for phrase in title_phrases():
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(lowers[i : i + n]) == phrase:
                mask[i : i + n] = [True] * n
    return mask


def _joined_hyphen(doc: "Doc", j: int) -> bool:
    # "ex-US", "Vice-President": a hyphen with no space on either side joins two words.
    tok = doc[j]
    return tok.text in {"-", "‐"} and not tok.whitespace_ and j > 0 and not doc[j - 1].whitespace_


def _namelike(tok: "Token") -> bool:
    # Proper words inside a title: "Kremlin", "US", "Russia", "White", "Presidential", "Russian".
    if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}:
        return False
    if tok.ent_type_ in TITLE_ENT_TYPES:
        return True
    return tok.tag_ in {"NNP", "NNPS"} and (tok.is_alpha or "." in tok.text)


def _person_tokens(doc: "Doc", mentions: Sequence[Mention]) -> set[int]:
    out: set[int] = set()
    for m in mentions:
        if m.label == "PERSON":
            span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def _chain_start(doc: "Doc", end: int, mask: list[bool], persons: set[int]) -> int:
    """Where a title chain ending just before token ``end`` starts, walking left (== end: none)."""
    mods = title_modifiers()
    connectives = frozenset(_titles()["connectives"])
    j = end - 1
    start = end
    while j >= 0:
        tok = doc[j]
        lower = tok.lower_
        if tok.is_space or (j + 1 < len(doc) and "\n" in tok.whitespace_):
            break
        if j in persons and not (j + 1 < end and doc[j + 1].tag_ == "POS"):
            break  # another person's name ends the title, unless possessive ("Flynn's aide")
        if lower in connectives or lower == "the":
            if any(mask[start:end]):
                break  # "a spokesman for Mayor Okafor": the title before the connective is another's
            # "Ambassador to the US", "Secretary of State": only right after a title word.
            k = j - 1
            if lower == "the" and k >= 0 and doc[k].lower_ in connectives:
                k -= 1
            elif lower == "the":
                break
            if k < 0 or not mask[k]:
                break
            j = k
            continue
        ok = (
            mask[j]
            or lower in mods
            or tok.tag_ == "POS"
            or _joined_hyphen(doc, j)
            or _namelike(tok)
        )
        if not ok:
            break
        start = j
        if tok.is_sent_start:
            break
        j -= 1
    # Whatever the walk took in, the title starts at a word, not at glue.
    while start < end and (doc[start].tag_ == "POS" or doc[start].is_punct):
        start += 1
    return start


def _is_title(doc: "Doc", start: int, end: int, mask: list[bool]) -> bool:
    """A chain is a title when it ends in a title word or links one to a complement ("to the US")."""
    if start >= end or not any(mask[start:end]):
        return False
    if mask[end - 1]:
        return True
    connectives = frozenset(_titles()["connectives"])
    return any(doc[k].lower_ in connectives and mask[k - 1] for k in range(start + 1, end))


def _post_chain_end(doc: "Doc", start: int, mask: list[bool], persons: set[int]) -> int:
    """Where an apposition title starting at ``start`` ends (exclusive), walking right."""
    mods = title_modifiers()
    connectives = frozenset(_titles()["connectives"])
    j = start
    while j < len(doc):
        tok = doc[j]
        lower = tok.lower_
        if j in persons and not (j + 1 < len(doc) and doc[j + 1].tag_ == "POS"):
            if not (j + 1 < len(doc) and j + 1 in persons):
                break
        if j == start and lower in ARTICLES:
            j += 1
            continue
        if lower in connectives or (lower == "the" and j > 0 and doc[j - 1].lower_ in connectives):
            j += 1
            continue
        ok = (
            mask[j]
            or lower in mods
            or tok.tag_ in {"POS", "JJ", "NNP", "NNPS"}
            or j in persons
            or _joined_hyphen(doc, j)
            or _namelike(tok)
        )
        if not ok:
            break
        j += 1
    return j


def _strip_articles(doc: "Doc", start: int, end: int) -> int:
    while start < end and doc[start].lower_ in ARTICLES:
        start += 1
    return start


def _as_role(doc: "Doc", start: int, end: int, mask: list[bool]) -> tuple[int, int] | None:
    """The title in "<person> was named as interim finance director" for a person whose
    tokens are ``start:end``: the object of an "as" that hangs off the person's verb."""
    verbs = frozenset(_titles()["role_verbs"])
    head = doc[start:end].root
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = head.head
    if verb.lemma_ not in verbs:
        return None
    for prep in verb.children:
        if prep.lower_ != "as" or prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            s, e = obj.left_edge.i, obj.right_edge.i + 1
            s = _strip_articles(doc, s, e)
            if _is_title(doc, s, e, mask):
                return s, e
    return None


def _title_spans(doc: "Doc", start: int, end: int, mask: list[bool], persons: set[int]) -> list[tuple[int, int, str]]:
    """Token ranges of titles attached to the person at tokens ``start:end``, with how found."""
    found: list[tuple[int, int, str]] = []
    s = _chain_start(doc, start, mask, persons)
    if _is_title(doc, s, start, mask):
        found.append((s, start, "premodifier"))
    elif start >= 2 and doc[start - 1].text == ",":
        # "Russia's then US envoy, Sergey Kislyak": a title set off by a comma before the name.
        s = _chain_start(doc, start - 1, mask, persons)
        if _is_title(doc, s, start - 1, mask):
            found.append((s, start - 1, "pre-apposition"))
    if end < len(doc) - 1 and doc[end].text == ",":
        e = _post_chain_end(doc, end + 1, mask, persons)
        s = _strip_articles(doc, end + 1, e)
        if e < len(doc) and doc[e].text in CLOSERS and _is_title(doc, s, e, mask):
            found.append((s, e, "apposition"))
    as_role = _as_role(doc, start, end, mask)
    if as_role:
        found.append((*as_role, "as-role"))
    return found


def roles(doc: "Doc", article: Article, mentions: Sequence[Mention]) -> list[Role]:
    """Titles the article gives each person mention, dated by the article's publication date.

    ``doc`` must be the parse of ``article.text``; ``mentions`` are that article's mentions (as from
    :func:`storyline.nlp.mentions.mentions`). Each Role's span covers the title's characters.
    """
    mask = title_mask(doc)
    mentions = [m for m in mentions if m.kind == "name"]  # a pronoun or description has no title
    persons = _person_tokens(doc, mentions)
    out: dict[tuple[str, tuple[int, int]], Role] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is None:
            continue
        for s, e, method in _title_spans(doc, span.start, span.end, mask, persons):
            chars = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
            key = (m.entity, chars)
            if key not in out:
                out[key] = Role(
                    entity=m.entity, title=article.text[chars[0] : chars[1]], article_id=article.id,
                    span=chars, date=article.published, method=method,
                )
    return sorted(out.values(), key=lambda r: (r.span, r.entity))
