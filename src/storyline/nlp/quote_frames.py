"""Learned attribution frames: which words head a cue, and which of their dependents belong to the
source, the cue or the content.

The tables come from ``lexicons/quote_frames.json``, written by ``scripts/learn_quote_frames.py``
from PolNeAR's *train* split only. They hold counts, not rules:

- ``heads``: for a word with a given lemma, part of speech and *frame* (the kind of complement it
  takes: a clause, an object, a preposition's object …), how often it headed an annotated cue and
  how often it occurred at all. Its smoothed ratio is the probability that such a word is a cue.
- ``children``: for a dependent of a cue head, by relation, side and (for function words) word,
  how often its subtree was source, cue, content or none of these. This is how the annotation's
  boundary conventions are learned ("said Monday" and "wrote in an email" are whole cues; "that"
  opens the content).

Both are looked up from the most specific key to the most general one, so a rare lemma falls back
on what its frame usually does.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from storyline.lexicons import load

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ROLES = ("source", "cue", "content", "none")
HEAD_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Children whose own word matters for their role ("in an interview" is cue, "about" opens content).
_WORDED = frozenset({"prep", "advmod", "mark", "prt", "agent", "aux", "neg", "dative", "acomp"})
# A prior count pulled towards the back-off estimate: how much a key's own counts must outweigh it.
_SMOOTHING = 2.0
_OWN_MIN = 25


def frame(token: "Token") -> str:
    """The kind of complement a candidate cue word takes, most telling first."""
    deps = {c.dep_ for c in token.children}
    for dep in ("ccomp", "xcomp", "acl"):
        if dep in deps:
            return dep
    if token.dep_ == "parataxis":
        return "parataxis"
    if "dobj" in deps:
        return "dobj"
    for c in token.rights:
        if c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            return f"prep:{c.lower_}"
    if "attr" in deps or "acomp" in deps:
        return "attr"
    return "none"


def _has_subject(token: "Token") -> str:
    if any(c.dep_ in _SUBJECTS or c.dep_ == "poss" for c in token.children):
        return "subj"
    return "inherit" if token.dep_ in ("xcomp", "conj", "advcl", "relcl") else "nosubj"


def head_keys(token: "Token", fr: str | None = None) -> list[str]:
    """Lookup keys for ``token`` as a cue head, most specific first (``fr``: its frame, when known)."""
    lemma, pos, fr = token.lemma_.lower(), token.pos_, fr or frame(token)
    return [f"{lemma}|{pos}|{fr}|{_has_subject(token)}", f"{lemma}|{pos}|{fr}", f"{lemma}|{pos}"]


COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "acl"})


def side(child: "Token", head: "Token") -> str:
    """Where a dependent sits: L before the head; after it, M before the head's complement, A after
    the complement, E when no complement follows the head (a cue after its quotation)."""
    if child.i < head.i:
        return "L"
    comp = next((c for c in head.rights if c.dep_ in COMPLEMENTS), None)
    if comp is None:
        return "E"
    return "M" if child.i < comp.i else "A"


def child_keys(child: "Token", head: "Token", fr: str | None = None) -> list[str]:
    """Lookup keys for a dependent of a cue head, most specific first (``fr``: the head's frame,
    when known)."""
    side_ = side(child, head)
    general = f"{child.dep_}|{side_}"
    fr = (fr or frame(head)).split(":")[0]
    # The head's own lemma first: "told reporters" names the audience, "denied the charges" the content.
    own = f"{general}|@{head.lemma_.lower()}|{fr}"
    if child.dep_ in _WORDED:
        return [own, f"{general}|{child.lower_}|{fr}", f"{general}|{child.lower_}", f"{general}||{fr}", general]
    return [own, f"{general}||{fr}", general]


@cache
def tables() -> dict[str, Any]:
    """The learned tables (empty when the lexicon has not been trained)."""
    try:
        return load("quote_frames")
    except FileNotFoundError:
        return {"heads": {}, "children": {}, "threshold": 1.0}


def known(token: "Token") -> bool:
    """Whether the training data has seen ``token``'s lemma (as this part of speech) head a cue."""
    return f"{token.lemma_.lower()}|{token.pos_}" in tables()["heads"]


def cue_probability(token: "Token", held_out: bool | None = None, fr: str | None = None) -> float:
    """Probability that ``token`` heads an attribution cue; 0 for lemmas never seen as one.

    ``held_out`` (for training on the same data the tables count) takes this token's own
    occurrence, a cue head or not, out of the counts."""
    if token.pos_ not in HEAD_POS:
        return 0.0
    heads: dict[str, list[int]] = tables()["heads"]
    keys = head_keys(token, fr)
    if keys[-1] not in heads:
        return 0.0
    p = 0.0
    for key in reversed(keys):  # general to specific, each level smoothed towards the one above
        if key in heads:
            hits, total = heads[key]
            if held_out is not None:
                hits, total = hits - int(held_out), total - 1
            if total <= 0:
                continue
            p = (hits + _SMOOTHING * p) / (total + _SMOOTHING) if key != keys[-1] else hits / total
    return p


def child_role(child: "Token", head: "Token", fr: str | None = None) -> str:
    """The likeliest role (source, cue, content or none) of ``child``'s subtree for cue ``head``
    (``fr``: the head's frame, when known)."""
    children: dict[str, dict[str, int]] = tables()["children"]
    for key in child_keys(child, head, fr):
        counts = children.get(key)
        # A head's own lemma speaks for itself only with enough examples.
        if counts and sum(counts.values()) >= (_OWN_MIN if "|@" in key else 3):
            return max(ROLES, key=lambda r: counts.get(r, 0))
    return "none"


def roles(head: "Token") -> dict[int, str]:
    """The likeliest role of each dependent of ``head`` as a cue head, by token index."""
    fr = frame(head)
    return {c.i: child_role(c, head, fr) for c in head.children}
