"""Whether a statement reported inside another's content is annotated as well.

When a cue sits inside another statement's content ("the mayor said the council *warned* that …";
"officials said, *adding* that …"), PolNeAR sometimes annotates both attributions and more often
only the outer one. A logistic model over the pair decides: the inner cue's and the outer cue's
words, their learned likelihoods and classes, how the inner cue hangs below the outer one in the
parse (a reported clause, a coordinated verb, a participle), and what the inner cue's subject is.
Weights are in ``lexicons/quote_nesting.json``, written by ``scripts/train_quote_nesting.py`` from
PolNeAR's *train* split only; without them a fixed rule is used (a clear reporting verb of high
likelihood whose content lies within the outer one's). Scoring is a sum of weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp import linear, quote_cues

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Without learned weights: how likely (learned frames) a reporting verb must be to stand inside
# another statement.
_LIKELIHOOD = 0.95
_CLASSES = frozenset({"assert", "deny", "claim", "report"})


@dataclass(frozen=True)
class Cue:
    """What the model sees of one statement: its cue word, the frames' likelihood, its class and
    where it came from (a learned frame or a rule)."""

    token: "Token | None"
    likelihood: float
    cue_class: str | None
    method: str


def _bucket(p: float) -> str:
    return f"{min(int(p * 10), 9)}"


def _path(inner: "Token", outer: "Token") -> str:
    """The relations from the inner cue word up to the outer one (at most three), or how they
    are apart."""
    deps = []
    t = inner
    for _ in range(3):
        if t.head.i == t.i:
            break
        deps.append(t.dep_)
        t = t.head
        if t.i == outer.i:
            return ">".join(deps)
    return "apart" if not any(a.i == outer.i for a in inner.ancestors) else "deep"


def _subject(token: "Token") -> str:
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if c.lower_ in quote_cues.SUBJECT_PRONOUNS:
                return c.lower_
            return c.ent_type_ or c.pos_
    return "none"


def features(inner: Cue, outer: Cue, within: bool) -> list[str]:
    """Features of keeping ``inner`` beside ``outer`` (``within``: the inner content lies inside
    the outer content)."""
    if inner.token is None or outer.token is None:
        return [f"within={within}", f"ip={_bucket(inner.likelihood)}", f"op={_bucket(outer.likelihood)}"]
    il, ol = inner.token.lemma_.lower(), outer.token.lemma_.lower()
    path = _path(inner.token, outer.token)
    ip, op = _bucket(inner.likelihood), _bucket(outer.likelihood)
    subj = _subject(inner.token)
    return [
        f"within={within}",
        f"ip={ip}",
        f"op={op}",
        f"ip={ip}|op={op}",
        f"ic={inner.cue_class}",
        f"oc={outer.cue_class}",
        f"ic={inner.cue_class}|ip={ip}",
        f"il={il}",
        f"ol={ol}",
        f"il={il}|ol={ol}",
        f"path={path}",
        f"path={path}|il={il}",
        f"path={path}|ip={ip}",
        f"path={path}|ic={inner.cue_class}",
        f"itag={inner.token.tag_}",
        f"itag={inner.token.tag_}|path={path}",
        f"isubj={subj}",
        f"isubj={subj}|path={path}",
        f"im={inner.method}|om={outer.method}",
    ]


@cache
def weights() -> dict[str, float]:
    """The learned weights (empty when the model has not been trained)."""
    return linear.learned("quote_nesting")


@cache
def threshold() -> float:
    """The probability from which both statements are kept."""
    return linear.setting("quote_nesting", "threshold", 0.5)


def probability(inner: Cue, outer: Cue, within: bool) -> float:
    """Probability that both statements are annotated."""
    return linear.probability(weights(), features(inner, outer, within))


def both(inner: Cue, outer: Cue, within: bool) -> bool:
    """Whether ``inner``, a statement whose cue lies inside ``outer``'s content, is kept beside it."""
    if not weights():
        return within and inner.cue_class in _CLASSES and inner.likelihood >= _LIKELIHOOD
    return probability(inner, outer, within) >= threshold()
