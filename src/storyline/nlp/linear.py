"""The learned linear models of attribution, shipped as JSON weights in ``lexicons/``.

Each model (cue check, cue extent, content bounds, nesting) is a map from feature strings to
weights, written by its training script under ``scripts/``. This module holds what they share:
reading the weights (none when the file is absent, so each model falls back to its rule) and
turning a feature list into a probability. Scoring is a sum of weights, plus, for models that
have them, dot products with the pipeline's own token vectors (``doc.tensor``, computed by spaCy
anyway): deterministic and cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING

from storyline.lexicons import load

if TYPE_CHECKING:  # pragma: no cover
    from numpy import ndarray


def learned(name: str, key: str = "weights") -> dict[str, float]:
    """The weights stored under ``key`` in ``lexicons/<name>.json`` (empty when not trained)."""
    try:
        return dict(load(name).get(key, {}))
    except FileNotFoundError:
        return {}


def setting(name: str, key: str, default: float) -> float:
    """A number stored beside the weights (a threshold), or ``default`` when there is none."""
    try:
        return float(load(name).get(key, default))
    except FileNotFoundError:
        return default


def total(weights: dict[str, float], features: Iterable[str]) -> float:
    """The sum of the features' weights (a feature the model never saw weighs nothing)."""
    return sum(map(weights.get, features, repeat(0.0)))  # the same sum, in C


def sigmoid(z: float) -> float:
    """The logistic function, clipped so that extreme scores cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def probability(weights: dict[str, float], features: Iterable[str]) -> float:
    """A logistic model's probability: ``_bias`` plus the features' weights, through the sigmoid."""
    return sigmoid(weights.get("_bias", 0.0) + total(weights, features))


def learned_vectors(name: str, key: str = "dense") -> dict[str, "ndarray"]:
    """Weight vectors over the pipeline's token vectors (``doc.tensor``), stored under ``key`` in
    ``lexicons/<name>.json`` as lists of floats, one per named slot ("token", "head" …); empty when
    the model has none."""
    import numpy  # lazy: only the models with dense weights need it

    try:
        stored = load(name).get(key, {})
    except FileNotFoundError:
        return {}
    return {k: numpy.asarray(v, dtype="float32") for k, v in stored.items()}


def dense_total(vectors: dict[str, "ndarray"], slots: Iterable[tuple[str, "ndarray | None"]]) -> float:
    """The sum of dot products between each named weight vector and the token vector filling its
    slot (a row of ``doc.tensor``). A slot whose vector is missing or of another width (a pipeline
    other than the one the model was trained with) weighs nothing, so the model falls back on its
    sparse features."""
    z = 0.0
    for name, vec in slots:
        w = vectors.get(name)
        if w is None or vec is None or vec.shape != w.shape:
            continue
        z += float(w.dot(vec))
    return z
