"""Finding who speaks: the speaker phrase of a cue, and the canonical name it stands for.

A speaker phrase is a name ("Peskov" → "Dmitry Peskov"), a pronoun ("he" → the nearest suitable
person who was the subject of a preceding clause or attributed statement), a document ("the letter"
→ whoever the article says wrote it, else None) or a role or group ("Flynn's spokesperson", "Two
Washington Post sources"), which keeps its own words when it cannot be resolved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.lexicons import load
from storyline.model import Mention, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
_POSSESSIVE = ("'s", "’s", "'", "’")
_MARKS = frozenset({'"', "“", "”", "«", "»", "‘", "’", "'", "''", "``"})


@dataclass(frozen=True)
class Name:
    """A named mention usable as a speaker: its span, label and canonical name in the article."""

    span: Span
    label: str
    entity: str


@dataclass(frozen=True)
class Anchor:
    """A resolved subject at ``offset``: the candidates that later pronouns can point back to."""

    offset: int
    entity: str
    label: str


def _strip_possessive(name: str) -> str:
    for suffix in _POSSESSIVE:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class Names(list):
    """Names in span order, with the furthest end reached so far at each, so that :func:`name_at`
    looks at the few names near an offset instead of all of them (it is asked for every subject)."""

    def __init__(self, items: Iterable[Name] = ()) -> None:
        super().__init__(sorted(items, key=lambda n: n.span))
        self.starts = [n.span[0] for n in self]
        self.reach: list[int] = []
        for n in self:
            self.reach.append(max(n.span[1], self.reach[-1]) if self.reach else n.span[1])


def names(doc: "Doc", mentions: Sequence[Mention] = ()) -> Names:
    """Named mentions that can speak, from ``mentions`` or, when none are given, ``doc.ents``.

    Without mentions a person's canonical name is the longest name in the article that ends with the
    same surname ("Peskov" → "Dmitry Peskov").
    """
    if mentions:
        # Pronoun mentions are left out: a speaker's pronoun is resolved here, with the speakers of
        # the statements before it as antecedents, which general coreference does not know about.
        return Names(
            Name(m.span, m.label, m.entity)
            for m in mentions
            if m.label in NAME_LABELS and getattr(m, "kind", "name") != "pronoun"
        )
    ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
    people: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PERSON":
            full = _strip_possessive(e.text.strip())
            surname = full.split()[-1] if full.split() else full
            if len(full) > len(people.get(surname, "")):
                people[surname] = full
    out = []
    for e in ents:
        text = _strip_possessive(e.text.strip())
        words = text.split()
        label = e.label_
        if label != "PERSON" and text in people and people[text] != text:
            label = "PERSON"  # a lone surname the tagger mislabelled, of a person named in full
        entity = people.get(words[-1], text) if label == "PERSON" and words else text
        out.append(Name((e.start_char, e.end_char), label, entity))
    return Names(out)


def name_at(all_names: Sequence[Name], start: int, end: int) -> Name | None:
    """The name that overlaps ``[start, end)``, preferring the one that overlaps most (the first
    of equals)."""
    if isinstance(all_names, Names):
        best, overlap = None, 0
        i = bisect_left(all_names.starts, end) - 1  # the names from here back start before ``end``
        while i >= 0 and all_names.reach[i] > start:
            n = all_names[i]
            o = min(end, n.span[1]) - max(start, n.span[0])
            if o > 0 and o >= overlap:  # going back, so ">=" keeps the first of equals
                best, overlap = n, o
            i -= 1
        return best
    best, overlap = None, 0
    for n in all_names:
        o = min(end, n.span[1]) - max(start, n.span[0])
        if o > overlap:
            best, overlap = n, o
    return best


def speaker_tokens(head: "Token") -> tuple[int, int]:
    """(first, last) token indices of the speaker phrase headed by ``head``: its whole subtree, with
    appositions and relative clauses ("Chad Reyes, an economist at the bank,"), kept within the
    head's paragraph and outside quotation marks, without edge punctuation."""
    doc = head.doc
    if head.pos_ == "ADP":
        # "from his attorney", "among voters": the speaker is the preposition's object.
        head = next((c for c in head.children if c.dep_ == "pobj"), head)
    first, last = head.left_edge.i, _last_kept(head)
    for i in range(head.i - 1, first - 1, -1):
        if _breaks(doc[i]):
            first = i + 1
            break
    for i in range(head.i + 1, last + 1):
        if _breaks(doc[i]):
            last = i - 1
            break
    # "Even China", "only Ruiz": a focusing adverb before the name is not part of it (PolNeAR train).
    while first < head.i and (doc[first].is_punct or doc[first].is_space or _focus(doc[first])):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].is_space) and doc[last].text != ")":
        last -= 1
    return first, max(first, last)


def _breaks(token: "Token") -> bool:
    """Whether a speaker phrase stops at ``token``: a line break or a quotation mark, but not an
    apostrophe that marks a possessive ("the veterans' families")."""
    return "\n" in token.text or (token.text in _MARKS and token.tag_ != "POS")


def _last_kept(head: "Token") -> int:
    """The last token of ``head``'s subtree before a comma-set participle ("Ruiz, speaking to
    reporters,"): PolNeAR's train split leaves such a clause out of the source every time."""
    doc = head.doc
    for child in head.rights:
        start = child.left_edge.i
        if child.dep_ == "acl" and child.tag_ == "VBG" and start > 0 and doc[start - 1].text == ",":
            return max(head.i, start - 1)
    return head.right_edge.i


def _focus(token: "Token") -> bool:
    # Only before a name or pronoun: before a number it is part of the quantity ("only 52 percent").
    return (
        token.dep_ in ("advmod", "preconj")
        and token.pos_ in ("ADV", "CCONJ")
        and token.i < token.head.i
        and token.head.pos_ in ("PROPN", "PRON")
    )


def _pronoun_kind(token: "Token") -> str | None:
    pronouns: dict[str, str] = load("cues")["pronouns"]
    word = token.lower_
    if word in ("his", "him", "himself"):
        word = "he"
    elif word in ("her", "hers", "herself"):
        word = "she"
    elif word in ("their", "them"):
        word = "they"
    elif word == "its":
        word = "it"
    return pronouns.get(word) if token.pos_ in ("PRON", "DET") or word in pronouns else None


def antecedent(offset: int, kind: str, anchors: Sequence[Anchor], all_names: Sequence[Name]) -> str | None:
    """The canonical name a pronoun of ``kind`` at ``offset`` refers to: the nearest preceding
    suitable subject, else the nearest preceding suitable name."""
    labels = {"PERSON"} if kind == "PERSON" else GROUP_LABELS if kind in ("ORG", "GROUP") else set()
    if not labels:
        return None
    for a in reversed(anchors):
        if a.offset < offset and a.label in labels:
            return a.entity
    for n in reversed(all_names):
        if n.span[1] <= offset and n.label in labels:
            return n.entity
    return None


def _possessor(noun: "Token") -> "Token | None":
    """Whose a document is: its possessive ("his resignation") or "from"/"by" object."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _person_of(token: "Token", anchors: Sequence[Anchor], all_names: Sequence[Name]) -> str | None:
    kind = _pronoun_kind(token)
    if kind:
        return antecedent(token.idx, kind, anchors, all_names)
    name = name_at(all_names, token.idx, token.idx + len(token.text))
    return name.entity if name else None


def author(head: "Token", anchors: Sequence[Anchor], all_names: Sequence[Name]) -> str | None:
    """Who wrote the document ``head`` ("the letter"): its own possessor, else that of the nearest
    earlier mention of the same kind of document, else of any document nearby; else None."""
    documents = set(load("cues")["documents"])
    owner = _possessor(head)
    if owner is not None:
        return _person_of(owner, anchors, all_names)
    doc = head.doc
    fallback = None
    for token in reversed(doc[: head.i]):
        if token.lemma_.lower() not in documents:
            continue
        owner = _possessor(token)
        if owner is None:
            continue
        if token.lemma_.lower() == head.lemma_.lower():
            return _person_of(owner, anchors, all_names)
        if fallback is None and head.idx - token.idx < 2000:
            fallback = owner
    return _person_of(fallback, anchors, all_names) if fallback is not None else None


def speaker_entity(
    head: "Token", span: Span, anchors: Sequence[Anchor], all_names: Sequence[Name]
) -> tuple[str | None, str]:
    """(canonical name or None, how it was found) for the speaker phrase ``span`` headed by ``head``.

    ``how`` is "name", "pronoun", "document", "role" or "none".
    """
    name = name_at(all_names, head.idx, head.idx + len(head.text))
    if name is not None:
        return name.entity, "name"
    kind = _pronoun_kind(head)
    if kind:
        found = antecedent(head.idx, kind, anchors, all_names)
        return found, "pronoun" if found else "none"
    if head.lemma_.lower() in set(load("cues")["documents"]):
        found = author(head, anchors, all_names)
        return found, "document" if found else "none"
    if head.pos_ == "PROPN":
        # A surname the tagger missed here but found elsewhere in the article.
        same = [n.entity for n in all_names if n.label == "PERSON" and n.entity.split()[-1] == head.text]
        return (max(same, key=len) if same else _text_of(head, span)), "name"
    return _text_of(head, span), "role"


def _text_of(head: "Token", span: Span) -> str:
    """The characters ``span`` of ``head``'s document (without rebuilding the whole text)."""
    tokens = head.doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None:
        return head.text
    return tokens.text[span[0] - tokens.start_char : span[1] - tokens.start_char]


_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
_WHEN = frozenset({"DATE", "TIME"})
# What may stand between a subject and its verb ("Ruiz has *once again* said").
_BETWEEN = frozenset({"aux", "auxpass", "neg", "advmod", "punct"})


def speaker_head(head: "Token | None", cue: "Token | None") -> "Token | None":
    """The word heading the speaker phrase of the statement cued by ``cue``: ``head`` as the
    attribution pass found it, corrected where the parse misleads it. A time, or a subject
    across a line break or a colon ("12:15 p.m. ⏎ Ruiz says"), gives way to the subject next to
    the cue; a subject inherited inside another statement ("Ruiz said the plan failed *and
    warned* …") to that statement's speaker."""
    if cue is None or head is None:
        return head
    if head.ent_type_ in _WHEN or _apart(head, cue):
        return _next_to(cue) or head
    return _outer_speaker(head, cue) or head


def _apart(head: "Token", cue: "Token") -> bool:
    """Whether a line break or a colon lies between a subject and the cue before it: the subject
    is a heading's, not the statement's ("The Latest: Ruiz urges …")."""
    if head.i > cue.i:
        return False
    return any("\n" in t.text or t.text == ":" for t in head.doc[head.i + 1 : cue.i])


def _next_to(cue: "Token") -> "Token | None":
    """The noun phrase right before ``cue`` in its own line ("⏎ Ana Ruiz *is once again* saying"):
    its head word, or None."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].dep_ in _BETWEEN and doc[i].head.i == cue.i and "\n" not in doc[i].text:
        i -= 1
    if i < 0 or doc[i].pos_ not in _NOMINAL or doc[i].ent_type_ in _WHEN:
        return None
    word = doc[i]
    while word.head.i < cue.i and word.head.i > word.i and word.head.pos_ in _NOMINAL:
        word = word.head
    return word


def _outer_speaker(head: "Token", cue: "Token") -> "Token | None":
    """The speaker of the statement that holds ``cue``'s clause, when ``cue`` only inherited its
    subject from a verb inside that statement ("Ruiz said [the plan failed] and *warned* …":
    Ruiz warned, not the plan), else None."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) or cue.dep_ not in ("conj", "advcl"):
        return None
    verb = cue.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or not (head.i == verb.i or verb.is_ancestor(head)):
        return None
    outer = verb.head
    if outer.lemma_.lower() not in load("cues")["verbs"]:
        return None
    return next((c for c in outer.children if c.dep_ == "nsubj" and c.pos_ in _NOMINAL), None)
