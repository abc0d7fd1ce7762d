"""A Doc's parse as plain integer lists, read once per Doc.

Attribution asks the same few questions of many token positions (whose head is this, where does
its subtree start, is it punctuation); each ``doc[i].head.left_edge`` from Python builds three
Token objects. :func:`arrays` reads the answers for every token in one step from the Doc's own
arrays and keeps them while the Doc lives, so those questions become list lookups.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(frozen=True)
class DocArrays:
    """Per token ``i``: ``heads[i]`` its head's index, ``left[i]`` the first index of its subtree
    (spaCy's ``left_edge``), ``blank[i]`` whether it is punctuation or whitespace, ``dep[i]``,
    ``orth[i]``, ``lower[i]`` and ``pos[i]`` the ids of its dependency label, text, lower-case text
    and part of speech (compare with :func:`string_id`; parts of speech with :func:`pos_id`)."""

    heads: list[int]
    left: list[int]
    blank: list[bool]
    dep: list[int]
    orth: list[int]
    lower: list[int]
    pos: list[int]
    doc: "weakref.ref[Doc]"
    _heads_with: dict[frozenset[str], frozenset[int]] = field(default_factory=dict, repr=False)

    @cached_property
    def children(self) -> list[list[int]]:
        """Each token's children's indices, in order."""
        out: list[list[int]] = [[] for _ in self.heads]
        for i, h in enumerate(self.heads):
            if h != i:
                out[h].append(i)
        return out

    @cached_property
    def _sentences(self) -> tuple[list[int], list[str]]:
        doc = self.doc()
        assert doc is not None
        of, texts = [0] * len(self.heads), []
        for n, sent in enumerate(doc.sents):
            texts.append(sent.text)
            of[sent.start : sent.end] = [n] * (sent.end - sent.start)
        return of, texts

    def sentence_text(self, i: int) -> str:
        """The text of the sentence that holds token ``i`` (``doc[i].sent.text``, read once per Doc)."""
        of, texts = self._sentences
        return texts[of[i]]

    def heads_with(self, deps: frozenset[str]) -> frozenset[int]:
        """Indices of the tokens with a child whose dependency label is one of ``deps``."""
        found = self._heads_with.get(deps)
        if found is None:
            wanted = {string_id(d) for d in deps}
            found = self._heads_with[deps] = frozenset(self.heads[i] for i, d in enumerate(self.dep) if d in wanted)
        return found


_CACHE: "weakref.WeakKeyDictionary[Doc, DocArrays]" = weakref.WeakKeyDictionary()
# The Doc asked about last and its arrays: most calls in a row are about one Doc, and an identity
# check is cheaper than the weak dictionary's lookup.
_LAST: list = [lambda: None, None]


@cache
def string_id(string: str) -> int:
    """spaCy's id of ``string``: a symbol's number (dependency labels) or the string's hash."""
    from spacy.strings import get_string_id

    return get_string_id(string)


def left_edges(heads: list[int]) -> list[int]:
    """The first index of each token's subtree, from the head indices (a root is its own head)."""
    left = list(range(len(heads)))
    for i in range(len(heads)):
        j, steps = i, 0
        while heads[j] != j and steps < len(heads):  # a parse is a tree; the bound guards a bad one
            j, steps = heads[j], steps + 1
            if left[j] <= i:
                break  # reached from an earlier token already, and so were all above it
            left[j] = i
    return left


def arrays(doc: "Doc") -> DocArrays:
    """The parse of ``doc`` as integer lists (made on the first call, then kept with the Doc)."""
    if _LAST[0]() is doc:
        return _LAST[1]
    found = _CACHE.get(doc)
    if found is not None and len(found.heads) == len(doc):
        _LAST[:] = [found.doc, found]
        return found
    import numpy  # lazy: with spaCy, which made the Doc
    from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS

    n = len(doc)
    if n:
        table = doc.to_array([HEAD, DEP, IS_PUNCT, IS_SPACE, ORTH, POS, LOWER])
        heads = (numpy.arange(n, dtype="int64") + table[:, 0].astype("int64")).tolist()
        dep, orth, pos, lower = (table[:, c].tolist() for c in (1, 4, 5, 6))
        blank = ((table[:, 2] != 0) | (table[:, 3] != 0)).tolist()
    else:
        heads, dep, orth, pos, lower, blank = [], [], [], [], [], []
    out = DocArrays(heads, left_edges(heads), blank, dep, orth, lower, pos, weakref.ref(doc))
    _CACHE[doc] = out
    _LAST[:] = [out.doc, out]
    return out


@cache
def pos_id(tag: str) -> int:
    """spaCy's number for a universal part of speech ("VERB")."""
    from spacy.parts_of_speech import IDS

    return IDS[tag]


def clear() -> None:
    """Forget every Doc's arrays (for benchmarks that time the first reading too)."""
    _CACHE.clear()
    _LAST[:] = [lambda: None, None]
