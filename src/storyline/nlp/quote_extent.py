"""How far a cue reaches: which dependents of the cue word join the cue span.

PolNeAR's annotation often counts more than the verb as the cue: a date ("said Monday"), the
occasion ("said in an interview", "wrote in an email"), the act's object ("issued a statement
saying"), a raising verb's complement ("appeared to suggest") or an adverb before it ("then
noted"); and often it does not ("said in Ohio", "voted Thursday"). The learned frames
(:mod:`storyline.nlp.quote_frames`) give each kind of dependent one majority role, which cannot tell
these apart. This model decides it word by word: for each dependent of the cue word that is neither
source nor content, a logistic model over the dependent's relation, side, words, entity type and
length, the cue's lemma and frame, and whether a statement follows, gives the probability that it
belongs to the cue. Weights are in ``lexicons/quote_extent.json``, written by
``scripts/train_quote_extent.py`` from PolNeAR's *train* split only; without them the frames' roles
are used as they are. Scoring is a sum of weights: deterministic and cheap.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp import linear, quote_frames

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Relations whose own word tells what the dependent is ("in", "then", "to").
_WORDED = frozenset({"prep", "advmod", "prt", "agent", "aux", "auxpass", "neg", "dative", "mark", "npadvmod"})
_STATEMENT = frozenset({"ccomp", "xcomp", "parataxis"})


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8+"


def _words(child: "Token") -> tuple[str, str]:
    """(the dependent's own word, the head noun of its object) as feature values."""
    word = child.lower_ if child.dep_ in _WORDED or child.pos_ in ("ADP", "PART", "ADV") else child.pos_
    obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
    if obj is None and child.pos_ in ("NOUN", "PROPN"):
        obj = child
    noun = (obj.ent_type_ or obj.lemma_.lower()) if obj is not None else "-"
    return word, noun


def head_context(head: "Token") -> tuple[str, str, int, int, int]:
    """What the features need of the cue word, worked out once for all its dependents: its lemma,
    its frame, where its complement starts (-1: none), where its last statement clause is and
    where its first auxiliary is (-1: none)."""
    comp = next((c.i for c in head.rights if c.dep_ in quote_frames.COMPLEMENTS), -1)
    statement = max((c.i for c in head.children if c.dep_ in _STATEMENT), default=-1)
    aux = min((c.i for c in head.lefts if c.dep_ in ("aux", "auxpass")), default=-1)
    return head.lemma_.lower(), quote_frames.frame(head).split(":")[0], comp, statement, aux


def features(child: "Token", head: "Token", role: str, context: tuple[str, str, int, int, int] | None = None) -> list[str]:
    """Features of ``child`` joining the cue of ``head``; ``role`` is the frames' majority role;
    ``context`` (:func:`head_context`, made once per cue word) only saves time."""
    lemma, fr, comp, statement, aux = context or head_context(head)
    side = "L" if child.i < head.i else "E" if comp < 0 else "M" if child.i < comp else "A"
    dep = child.dep_
    word, noun = _words(child)
    doc = head.doc
    subtree = doc[child.left_edge.i : child.right_edge.i + 1]
    ents = "+".join(sorted({t.ent_type_ for t in subtree if t.ent_type_})) or "-"
    comma = any(t.text == "," for t in doc[min(child.i, head.i) + 1 : max(child.i, head.i)])
    gap = "adj" if child.i in (head.i - 1, head.i + 1) or child.left_edge.i == head.i + 1 else "far"
    d = f"{dep}|{side}"
    # Between an auxiliary and the verb ("has *previously* been criticised"): nearly always cue.
    inside = 0 <= aux < child.i < head.i
    return [
        f"inaux={inside}",
        f"d={d}|inaux={inside}",
        f"role={role}",
        f"d={d}",
        f"d={d}|role={role}",
        f"d={d}|w={word}",
        f"d={d}|w={word}|n={noun}",
        f"d={d}|n={noun}",
        f"d={d}|ents={ents}",
        f"d={d}|len={_bucket(len(subtree))}",
        f"d={d}|comma={comma}",
        f"d={d}|gap={gap}",
        f"d={d}|stmt={statement > child.i}",
        f"d={d}|l={lemma}",
        f"d={d}|w={word}|l={lemma}",
        f"d={d}|fr={fr}",
        f"d={d}|w={word}|fr={fr}",
        f"d={d}|htag={head.tag_}",
    ]


@cache
def weights() -> dict[str, float]:
    """The learned weights (empty when the model has not been trained)."""
    return linear.learned("quote_extent")


def probability(child: "Token", head: "Token", role: str, context: tuple[str, str, int, int, int] | None = None) -> float:
    """Probability that ``child``'s subtree is part of ``head``'s cue."""
    return linear.probability(weights(), features(child, head, role, context))


def joins_cue(child: "Token", head: "Token", role: str, context: tuple[str, str, int, int, int] | None = None) -> bool:
    """Whether ``child`` (a dependent the frames call ``role``) belongs to ``head``'s cue: the
    learned decision for dependents that are neither source nor content, the frames' otherwise."""
    if role in ("source", "content") or not weights():
        return role == "cue"
    return probability(child, head, role, context) >= 0.5
