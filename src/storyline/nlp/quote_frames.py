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

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from storyline.lexicons import load
from storyline.nlp.doc_arrays import arrays, string_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ROLES = ("source", "cue", "content", "none")
HEAD_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SUBJECTS_OR_POSS = _SUBJECTS | {"poss"}
# Children whose own word matters for their role ("in an interview" is cue, "about" opens content).
_WORDED = frozenset({"prep", "advmod", "mark", "prt", "agent", "aux", "neg", "dative", "acomp"})
# A prior count pulled towards the back-off estimate: how much a key's own counts must outweigh it.
_SMOOTHING = 2.0
_OWN_MIN = 25


def frame(token: "Token") -> str:
    """The kind of complement a candidate cue word takes, most telling first."""
    a = arrays(token.doc)
    kids, dep, ids = a.children, a.dep, _dep_ids()
    deps = {dep[c] for c in kids[token.i]}
    for name in ("ccomp", "xcomp", "acl"):
        if ids[name] in deps:
            return name
    if dep[token.i] == ids["parataxis"]:
        return "parataxis"
    if ids["dobj"] in deps:
        return "dobj"
    objects = (ids["pobj"], ids["pcomp"])
    for c in kids[token.i]:
        if c > token.i and dep[c] == ids["prep"] and any(dep[g] in objects for g in kids[c]):
            return f"prep:{token.doc[c].lower_}"
    if ids["attr"] in deps or ids["acomp"] in deps:
        return "attr"
    return "none"


@cache
def _dep_ids() -> dict[str, int]:
    names = ("ccomp", "xcomp", "acl", "parataxis", "dobj", "pobj", "pcomp", "prep", "attr", "acomp")
    return {n: string_id(n) for n in names}


def _has_subject(token: "Token") -> str:
    if token.i in arrays(token.doc).heads_with(_SUBJECTS_OR_POSS):
        return "subj"
    return "inherit" if token.dep_ in ("xcomp", "conj", "advcl", "relcl") else "nosubj"


def head_keys(token: "Token", fr: str | None = None) -> list[str]:
    """Lookup keys for ``token`` as a cue head, most specific first (``fr``: its frame, when known)."""
    lemma, pos, fr = token.lemma_.lower(), token.pos_, fr or frame(token)
    return [f"{lemma}|{pos}|{fr}|{_has_subject(token)}", f"{lemma}|{pos}|{fr}", f"{lemma}|{pos}"]


COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "acl"})


def side(child: "Token", head: "Token", comp: "Token | None | bool" = False) -> str:
    """Where a dependent sits: L before the head; after it, M before the head's complement, A after
    the complement, E when no complement follows the head (a cue after its quotation). ``comp``:
    the head's complement (:func:`complement`), when already known."""
    if child.i < head.i:
        return "L"
    if comp is False:
        comp = complement(head)
    if comp is None:
        return "E"
    return "M" if child.i < comp.i else "A"


def complement(head: "Token") -> "Token | None":
    """The first dependent after ``head`` that is its complement (a clause or an object)."""
    return next((c for c in head.rights if c.dep_ in COMPLEMENTS), None)


def child_keys(child: "Token", head: "Token", fr: str | None = None, comp: "Token | None | bool" = False) -> list[str]:
    """Lookup keys for a dependent of a cue head, most specific first (``fr``: the head's frame,
    ``comp``: its complement, when known)."""
    side_ = side(child, head, comp)
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


@cache
def _ceilings() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """For each ``lemma|POS`` the training data saw as a cue: the highest probability
    :func:`cue_probability` can give it over every frame and subject its counts hold; the same
    per ``lemma|POS|frame``; and the bare ``lemma|POS`` estimate (what a frame never counted gets)."""
    heads: dict[str, list[int]] = tables()["heads"]
    levels: dict[str, dict[int, dict[str, list[int]]]] = {}
    for key, counts in heads.items():
        parts = key.split("|")
        levels.setdefault("|".join(parts[:2]), {}).setdefault(len(parts), {})[key] = counts
    anywhere, in_frame, bare = {}, {}, {}
    for base, by_level in levels.items():
        if base not in heads or heads[base][1] <= 0:
            continue
        hits, total = heads[base]
        p0 = bare[base] = hits / total
        framed = {}
        for key, (hits, total) in by_level.get(3, {}).items():
            framed[key] = in_frame[key] = (hits + _SMOOTHING * p0) / (total + _SMOOTHING)
        for key, (hits, total) in by_level.get(4, {}).items():
            fkey = key.rsplit("|", 1)[0]
            p = (hits + _SMOOTHING * framed.get(fkey, p0)) / (total + _SMOOTHING)
            in_frame[fkey] = max(in_frame.get(fkey, p0), p)
        anywhere[base] = max([p0, *(in_frame[k] for k in in_frame if k.startswith(base + "|"))])
    return anywhere, in_frame, bare


def ceiling(token: "Token", fr: str | None = None) -> float:
    """An upper bound of :func:`cue_probability` for ``token``, so that most words are turned down
    before their context is looked at (0 when not :func:`known`). Without ``fr`` (its frame) the
    bound needs no look at the parse; with it, it is tighter."""
    anywhere, in_frame, bare = _ceilings()
    base = f"{token.lemma_.lower()}|{token.pos_}"
    if fr is None:
        return anywhere.get(base, 0.0)
    return in_frame.get(f"{base}|{fr}", bare.get(base, 0.0))


def child_role(child: "Token", head: "Token", fr: str | None = None, comp: "Token | None | bool" = False) -> str:
    """The likeliest role (source, cue, content or none) of ``child``'s subtree for cue ``head``
    (``fr``: the head's frame, ``comp``: its complement, when known)."""
    return _role_of(tuple(child_keys(child, head, fr, comp)))


@lru_cache(maxsize=1 << 15)  # bounded: a long ingest meets ever new lemma and word keys
def _role_of(keys: tuple[str, ...]) -> str:
    children: dict[str, dict[str, int]] = tables()["children"]
    for key in keys:
        counts = children.get(key)
        # A head's own lemma speaks for itself only with enough examples.
        if counts and sum(counts.values()) >= (_OWN_MIN if "|@" in key else 3):
            return max(ROLES, key=lambda r: counts.get(r, 0))
    return "none"


def roles(head: "Token") -> dict[int, str]:
    """The likeliest role of each dependent of ``head`` as a cue head, by token index."""
    fr, comp = frame(head), complement(head)
    return {c.i: child_role(c, head, fr, comp) for c in head.children}


def clear_caches() -> None:
    """Forget the roles of the dependent keys seen so far."""
    _role_of.cache_clear()
