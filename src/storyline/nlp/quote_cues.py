"""Whether a word heads an attribution cue: a logistic model over the word's context in the parse.

The learned frames (:mod:`storyline.nlp.quote_frames`) give each lemma, part of speech and frame a
prior probability of being a cue. That prior cannot tell "she is sure that …" from "it is a
problem", or "officials said" from "the bill said to be dead": this model reweighs it with what
surrounds the word (its subject, the complement's head and marker, an adjective complement, its
own role in the sentence, quotation marks nearby). Weights are in ``lexicons/quote_cues.json``,
written by ``scripts/train_quote_cues.py`` from PolNeAR's *train* split only; without them the
prior is used as it is. Scoring is a sum of weights: deterministic and cheap.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp import linear, quote_frames
from storyline.nlp.doc_arrays import arrays

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Subject words the models see as themselves, not as a part of speech (also used by quote_nesting).
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who", "that", "which"})
_MARKS = frozenset({'"', "“", "”", "''", "``"})


def _logit(p: float) -> float:
    p = min(max(p, 0.005), 0.995)
    return math.log(p / (1 - p))


def _subject(token: "Token") -> "Token | None":
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "poss"):
            return c
    return None


def _subject_kind(subject: "Token | None") -> str:
    if subject is None:
        return "none"
    if subject.lower_ in SUBJECT_PRONOUNS:
        return subject.lower_
    if subject.ent_type_:
        return subject.ent_type_
    return f"{subject.pos_}:{subject.lemma_.lower()}" if subject.pos_ == "NOUN" else subject.pos_


def features(token: "Token", fr: str | None = None) -> list[str]:
    """Context features of ``token`` as a cue head (the prior's log-odds is added apart); ``fr``:
    its frame, when known."""
    lemma, fr = token.lemma_.lower(), fr or quote_frames.frame(token)
    subject = _subject(token)
    skind = _subject_kind(subject)
    feats = [
        f"lf={lemma}|{fr}",
        f"fr={fr}|dep={token.dep_}",
        f"fr={fr}|tag={token.tag_}",
        f"l={lemma}|dep={token.dep_}",
        f"l={lemma}|tag={token.tag_}",
        f"fr={fr}|subj={skind}",
        f"l={lemma}|subj={skind}",
    ]
    for c in token.children:
        if c.dep_ in ("ccomp", "xcomp"):
            mark = next((g.lower_ for g in c.children if g.dep_ in ("mark", "aux") and g.i < c.i), "")
            feats += [f"l={lemma}|{c.dep_}|mark={mark}", f"{c.dep_}|mark={mark}|pos={c.pos_}"]
            feats.append(f"{c.dep_}|subj={_subject_kind(_subject(c))}")
        elif c.dep_ in ("acomp", "attr", "dobj", "oprd"):
            feats.append(f"l={lemma}|{c.dep_}={c.lemma_.lower()}")
            if any(g.dep_ in ("ccomp", "xcomp") for g in c.children):
                feats.append(f"{c.dep_}={c.lemma_.lower()}|clause")
                feats.append(f"{c.dep_}|clause")
        elif c.dep_ in ("prep", "agent", "dative", "prt", "neg"):
            feats.append(f"l={lemma}|{c.dep_}={c.lower_}")
    if token.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl"):
        feats.append(f"l={lemma}|up={token.dep_}:{token.head.lemma_.lower()}")
        feats.append(f"up={token.dep_}:{token.head.lemma_.lower()}")
    sentence = arrays(token.doc).sentence_text(token.i)
    feats.append(f"fr={fr}|quotes={any(m in sentence for m in _MARKS)}")
    return feats


@cache
def weights() -> dict[str, float]:
    """The learned weights (empty when the model has not been trained)."""
    return linear.learned("quote_cues")


@cache
def threshold() -> float:
    """The probability from which a word is read as a cue."""
    return linear.setting("quote_cues", "threshold", 0.5) if weights() else quote_frames.tables()["threshold"]


def probability(token: "Token", prior: float | None = None, fr: str | None = None) -> float:
    """Probability that ``token`` heads a cue: the frames' prior reweighed by its context (``fr``:
    its frame, when known)."""
    if fr is None and token.pos_ in quote_frames.HEAD_POS:
        fr = quote_frames.frame(token)
    prior = quote_frames.cue_probability(token, fr=fr) if prior is None else prior
    w = weights()
    if not w or prior < threshold():
        return prior  # the context only vetoes, so a word the prior rejects needs no look
    z = w.get("_prior", 1.0) * _logit(prior) + w.get("_bias", 0.0)
    z += linear.total(w, features(token, fr))
    # The context only vetoes: used to raise the prior too it found more cues, but worse ones.
    return min(prior, linear.sigmoid(z))
