"""Where reported content ends: a learned choice among the places a statement could stop.

The parse gives a reported clause its whole subtree, but the training annotation often ends the
statement earlier (before a comma-set aside, a trailing "which …" clause, a second conjunct the
writer added) or, less often, later (to the end of the sentence). For the last fragment of an
indirect or mixed content, :func:`candidates` lists the token positions where the statement could
end: where a dependent subtree starts after a word of it (or a comma, dash or conjunction before
one), the parse's own end, and, past it, such places up to the end of the sentence. Each is
described by a few parse features (:func:`features`), and a conditional logit model whose weights
are in ``lexicons/quote_bounds.json`` picks one. The weights are written by
``scripts/train_quote_bounds.py`` from PolNeAR's *train* split only; without them the parse's end is
kept. Scoring is a sum of weights: no numpy at run time, deterministic.

Where a content that follows its cue *starts* is chosen the same way (:func:`best_start`): the parse
often hands the cue's object or addressee to the content ("urged Congress to act", "accused the
mayor of lying"), or a preposition the annotation counts as content to the cue ("responded by
…"). :func:`start_candidates` lists keeping the parse's start, cutting a leading run of whole
constituents off (left out, or joined to the cue when it follows the cue directly: "accused the
mayor of | lying"), and handing the cue's trailing preposition to the content.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp import linear

if TYPE_CHECKING:  # pragma: no cover
    from numpy import ndarray
    from spacy.tokens import Doc, Token

_BREAKS = frozenset({",", ";", "--", "-", "—", "–", "(", ":", "…"})
_QUOTES = frozenset({'"', "“", "”", "''", "``"})
# Words whose identity tells what a cut-off part is ("which", "including", "though", "and").
_WORDED = frozenset({"mark", "cc", "prep", "advmod", "det", "nsubj", "punct"})


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _attached(doc: "Doc", k: int, first: int) -> "Token | None":
    """The token whose subtree starts at ``k`` and hangs from a word in ``[first, k)``, if any."""
    for t in (doc[k], doc[k].head):
        if t.left_edge.i == k and first <= t.head.i < k:
            return t
    return None


def candidates(doc: "Doc", first: int, last: int, limit: int) -> list[int]:
    """Token positions (inclusive ends) where content starting at ``first`` may end: within
    ``[first, last]`` and past it up to ``limit`` (the end of the sentence, at most)."""
    out = []
    for j in range(first, limit):
        k = j + 1
        nxt = doc[k]
        if nxt.text in _BREAKS or nxt.dep_ == "cc" or _attached(doc, k, first) is not None:
            if not doc[j].is_punct and not doc[j].is_space:
                out.append(j)
    out.append(last)
    while limit > last and (doc[limit].is_punct or doc[limit].is_space):
        limit -= 1
    out.append(limit)
    return sorted(set(out))


def _cut_root(doc: "Doc", k: int, first: int) -> "Token":
    """The word that heads what follows position ``k``: past a comma, dash or conjunction."""
    while k < len(doc) - 1 and (doc[k].is_punct or doc[k].dep_ == "cc" or doc[k].is_space):
        k += 1
    return _attached(doc, k, first) or doc[k]


class _Counts:
    """Running counts of quotation marks and verbs over ``doc[first : limit + 1]``, made once per
    content so that scoring each candidate end needs no rescan of the words before it."""

    def __init__(self, doc: "Doc", first: int, limit: int) -> None:
        self.first = first
        self.marks, self.verbs = [0], [0]
        for t in doc[first : limit + 1]:
            self.marks.append(self.marks[-1] + (t.text in _QUOTES))
            self.verbs.append(self.verbs[-1] + (t.pos_ in ("VERB", "AUX")))

    def between(self, counts: list[int], a: int, b: int) -> int:
        """How many counted words lie in tokens ``a``..``b`` (inclusive; 0 when ``b < a``)."""
        return counts[b + 1 - self.first] - counts[a - self.first] if b >= a else 0


def features(
    doc: "Doc", first: int, last: int, j: int, cue: "Token | None", limit: int, counts: _Counts | None = None
) -> list[str]:
    """Features of ending the content that starts at ``first`` (the parse's end is ``last``, the
    furthest it may reach ``limit``) at token ``j``; ``cue`` is the cue word. ``counts`` (made
    once for all candidates of one content) only saves time."""
    counts = counts or _Counts(doc, first, limit)
    sent_end = limit
    while sent_end > j and (doc[sent_end].is_punct or doc[sent_end].is_space):
        sent_end -= 1
    where = "parse" if j == last else "cut" if j < last else "extend"
    feats = [f"w={where}", f"w={where}|len={_bucket(j - first + 1)}"]
    if j >= sent_end:
        feats.append(f"w={where}|sentend")
        return feats + _quote_features(counts, first, j, where)
    k = j + 1
    nxt = doc[k]
    root = _cut_root(doc, k, first)
    gap = "P" + nxt.text if nxt.is_punct else "cc" if nxt.dep_ == "cc" else "-"
    word = root.lower_ if root.dep_ in _WORDED or root.tag_ in ("WDT", "WP", "WRB", "VBG") else ""
    rest_end = last if j < last else sent_end
    head_is_root = root.head.i == first or root.head.dep_ in ("ccomp", "xcomp", "ROOT") or root.head is cue
    feats += [
        f"w={where}|gap={gap}",
        f"w={where}|dep={root.dep_}",
        f"w={where}|dep={root.dep_}|gap={gap}",
        f"w={where}|dep={root.dep_}|hpos={root.head.pos_}",
        f"w={where}|pos={root.pos_}|gap={gap}",
        f"w={where}|word={word}",
        f"w={where}|dep={root.dep_}|word={word}",
        f"w={where}|rest={_bucket(max(rest_end + 1 - k, 0))}",
        f"w={where}|verb={counts.between(counts.verbs, k, rest_end) > 0}|gap={gap}",
        f"w={where}|top={head_is_root}|dep={root.dep_}",
        f"w={where}|cuehead={cue is not None and root.head.i == cue.i}",
        f"w={where}|last={doc[j].pos_}",
        # A verb in the cue's own tense with its own subject is more often the writer's next
        # clause ("said … and warned …") than the source's.
        f"w={where}|dep={root.dep_}|cuetag={cue is not None and root.tag_ == cue.tag_}",
        f"w={where}|dep={root.dep_}|subj={any(c.dep_ in ('nsubj', 'nsubjpass') for c in root.children)}",
        f"w={where}|dep={root.dep_}|depth={_depth(root.head, first, last)}",
    ]
    return feats + _quote_features(counts, first, j, where)


_OPEN_CLASS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB"})


def _word(token: "Token") -> str:
    """A token as a feature value: function words by themselves, open-class words by lemma for
    verbs (what kind of verb heads a part tells a lot) and by part of speech otherwise."""
    if token.pos_ == "VERB":
        return "V:" + token.lemma_.lower()
    return token.pos_ if token.pos_ in _OPEN_CLASS else token.lower_


def _depth(token: "Token", first: int, last: int) -> str:
    """How far ``token`` sits below the top of the content (0: the top; 3: deeper)."""
    n = 0
    while first <= token.head.i <= last and token.head.i != token.i and n < 3:
        token, n = token.head, n + 1
    return str(n)


def _quote_features(counts: _Counts, first: int, j: int, where: str) -> list[str]:
    """Whether the end falls inside an open quotation (an odd number of marks before it)."""
    marks = counts.between(counts.marks, first, j)
    return [f"w={where}|openquote={marks % 2}"]


@cache
def weights() -> dict[str, float]:
    """The learned weights (empty when the model has not been trained)."""
    return linear.learned("quote_bounds")


def score(feats: list[str]) -> float:
    """The model's score for one candidate end."""
    return linear.total(weights(), feats)


@cache
def dense_weights() -> dict[str, "ndarray"]:
    """The learned weight vectors over the pipeline's token vectors (empty when there are none)."""
    return linear.learned_vectors("quote_bounds")


def _vectors(doc: "Doc") -> "ndarray | None":
    """The pipeline's token vectors (``doc.tensor``), one row per token, or None when the pipeline
    made none (a pipeline without tok2vec, a Doc read back without them)."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(doc):
        return None
    return tensor


def dense_slots(
    doc: "Doc", first: int, last: int, j: int, cue: "Token | None", limit: int
) -> list[tuple[str, "ndarray"]]:
    """The token vectors that describe ending the content at ``j``: the last word kept, the first
    token cut and the word heading the cut part (the parse features cannot tell "…, which" that
    belongs from one that does not; the contextual vectors see the words around), and the cue
    word's, weighed by whether the end cuts, keeps or extends the parse's (some cues' statements
    run on, others stop early). Empty when the pipeline made no vectors."""
    tensor = _vectors(doc)
    if tensor is None:
        return []
    where = "parse" if j == last else "cut" if j < last else "extend"
    out = [("last", tensor[j])]
    if cue is not None:
        out.append((f"cue|{where}", tensor[cue.i]))
    sent_end = limit
    while sent_end > j and (doc[sent_end].is_punct or doc[sent_end].is_space):
        sent_end -= 1
    if j < sent_end:
        out += [("cut", tensor[j + 1]), ("root", tensor[_cut_root(doc, j + 1, first).i])]
    return out


_RELATIVES = frozenset({"which", "who", "whom", "whose"})


def dense_applies(doc: "Doc", first: int, cands: list[int]) -> bool:
    """Whether the token vectors may weigh in on a statement's end: not when one of its candidate
    ends cuts a comma-set relative clause ("…, which surprised the engineers"). PolNeAR keeps such
    clauses about half the time, and vectors trained on that learn the average and hand the
    writer's comment to the speaker; the sparse features' choice is the safer one there."""
    for j in cands:
        if j + 2 < len(doc) and doc[j + 1].text == ",":
            # The parse does not always call it a relative clause ("…, which came as a relief").
            if doc[j + 2].lower_ in _RELATIVES or _cut_root(doc, j + 1, first).dep_ == "relcl":
                return False
    return True


def best_end(doc: "Doc", first: int, last: int, cue: "Token | None", limit: int) -> int:
    """The token where content from ``first`` to the parse's ``last`` should end, as learned;
    ``limit`` is the furthest it may reach."""
    if not weights():
        return last
    cands = candidates(doc, first, last, limit)
    counts = _Counts(doc, first, limit)
    dense = dense_weights() if dense_applies(doc, first, cands) else {}

    def total(j: int) -> float:
        z = score(features(doc, first, last, j, cue, limit, counts))
        return z + linear.dense_total(dense, dense_slots(doc, first, last, j, cue, limit)) if dense else z

    return max((total(j), -abs(j - last), j) for j in cands)[2]


# --- where content starts -----------------------------------------------------------------------

# How many tokens the start may move into the content (a cue's object rarely runs longer).
_START_WINDOW = 12
_GIVE = frozenset({"ADP", "PART", "SCONJ"})


def _closed(heads: list[int], words: list[bool], first: int, k: int, last: int) -> bool:
    """Whether tokens ``first``..``k-1`` can be cut off the front of ``first``..``last``: no later
    word hangs from them, except from the last of them ("accused the mayor of | lying").
    ``heads[i]`` and ``words[i]`` are token ``first + i``'s head and whether it is a word."""
    if any(first <= h < k - 1 for h in heads[k - first :]):
        return False
    # Nor may they hang from the rest: "the | harbour board" is no cut.
    if any(k <= h <= last for h in heads[: k - first]):
        return False
    return any(words[: k - first])


def start_candidates(doc: "Doc", first: int, last: int, cue: "Token | None", cue_last: int) -> list[tuple[int, str]]:
    """(token, how) where content from ``first`` to ``last`` may start: ``keep`` the parse's start;
    ``none`` or ``cue`` for a later start, the words cut off left out or (only when they follow
    the cue's last token ``cue_last`` directly) joined to the cue; ``give`` for an earlier start
    that takes prepositions from the end of the cue ("responded | by …")."""
    out = [(first, "keep")]
    adjacent = cue is not None and cue_last + 1 == first
    content = doc[first : last + 1]
    heads = [t.head.i for t in content]
    words = [not (t.is_punct or t.is_space) for t in content]
    for k in range(first + 1, min(last, first + _START_WINDOW) + 1):
        if not words[k - first] or not _closed(heads, words, first, k, last):
            continue
        out.append((k, "none"))
        if adjacent and "\n" not in doc[first:k].text:
            out.append((k, "cue"))
    k = first
    while adjacent and k - 1 > cue.i and doc[k - 1].pos_ in _GIVE:  # type: ignore[union-attr]
        k -= 1
        out.append((k, "give"))
    return out


def _part(tokens: "Span | list[Token]") -> list[str]:
    """Feature values of a run of words moved between content, cue and neither."""
    toks = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not toks:
        return ["-", "-", "-", "-", "0"]
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    deps = "+".join(sorted({t.dep_ for t in roots}))
    ents = "+".join(sorted({t.ent_type_ for t in roots if t.ent_type_})) or "-"
    return [deps, _word(toks[0]), _word(toks[-1]), ents, _bucket(len(toks))]


def start_features(
    doc: "Doc", first: int, last: int, k: int, how: str, cue: "Token | None", fr: str | None = None
) -> list[str]:
    """Features of starting the content (parsed as ``first``..``last``) at ``k``, ``how`` as in
    :func:`start_candidates`; ``cue`` is the cue word (``fr``: its frame, when known)."""
    from storyline.nlp.quote_frames import frame

    moved = doc[first:k] if k > first else doc[k:first]
    deps, w0, w1, ents, n = _part(moved) if how != "keep" else _part([doc[first]])
    lemma = cue.lemma_.lower() if cue is not None else "-"
    fr = (fr or frame(cue)).split(":")[0] if cue is not None else "-"
    at = doc[k]
    h = f"s={how}"
    feats = [
        h,
        f"{h}|deps={deps}",
        f"{h}|deps={deps}|frame={fr}",
        f"{h}|first={w0}",
        f"{h}|last={w1}",
        f"{h}|deps={deps}|last={w1}",
        f"{h}|ents={ents}",
        f"{h}|len={n}",
        f"{h}|at={at.dep_}",
        f"{h}|at={_word(at)}",
        f"{h}|at={at.dep_}|head={'cue' if cue is not None and at.head.i == cue.i else _word(at.head)}",
        f"{h}|cue={lemma}",
        f"{h}|cue={lemma}|deps={deps}",
        f"{h}|frame={fr}|at={at.dep_}",
        f"{h}|verb={any(t.pos_ in ('VERB', 'AUX') for t in moved)}|deps={deps}",
    ]
    return feats


@cache
def start_weights() -> dict[str, float]:
    """The learned start weights (empty when the model has not been trained)."""
    return linear.learned("quote_bounds", "start_weights")


def best_start(doc: "Doc", first: int, last: int, cue: "Token | None", cue_last: int) -> tuple[int, str]:
    """(token, how) where content parsed as ``first``..``last`` should start, as learned; ``how``
    says what becomes of the words between (see :func:`start_candidates`)."""
    w = start_weights()
    if not w:
        return first, "keep"
    cands = start_candidates(doc, first, last, cue, cue_last)
    from storyline.nlp.quote_frames import frame

    fr = frame(cue) if cue is not None else None
    scored = [
        (linear.total(w, start_features(doc, first, last, k, how, cue, fr)), -abs(k - first), k, how)
        for k, how in cands
    ]
    best = max(scored)
    return best[2], best[3]
