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

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from storyline.nlp import linear
from storyline.nlp.doc_arrays import DocArrays, arrays, pos_id, string_id

if TYPE_CHECKING:  # pragma: no cover
    from numpy import ndarray
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_BREAKS = frozenset({",", ";", "--", "-", "—", "–", "(", ":", "…"})
_QUOTES = frozenset({'"', "“", "”", "''", "``"})
# Words whose identity tells what a cut-off part is ("which", "including", "though", "and").
_WORDED = frozenset({"mark", "cc", "prep", "advmod", "det", "nsubj", "punct"})


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _attached_i(a: DocArrays, k: int, first: int) -> int | None:
    """The token whose subtree starts at ``k`` and hangs from a word in ``[first, k)``, if any
    (its index; ``a``: the Doc's arrays)."""
    heads, left = a.heads, a.left
    for t in (k, heads[k]):
        if left[t] == k and first <= heads[t] < k:
            return t
    return None


def candidates(doc: "Doc", first: int, last: int, limit: int) -> list[int]:
    """Token positions (inclusive ends) where content starting at ``first`` may end: within
    ``[first, last]`` and past it up to ``limit`` (the end of the sentence, at most)."""
    out = []
    a = arrays(doc)
    breaks, cc = _break_ids(), string_id("cc")
    for j in range(first, limit):
        k = j + 1
        if a.orth[k] in breaks or a.dep[k] == cc or _attached_i(a, k, first) is not None:
            if not a.blank[j]:
                out.append(j)
    out.append(last)
    while limit > last and a.blank[limit]:
        limit -= 1
    out.append(limit)
    return sorted(set(out))


@cache
def _break_ids() -> frozenset[int]:
    return frozenset(string_id(b) for b in _BREAKS)


@cache
def _quote_ids() -> frozenset[int]:
    return frozenset(string_id(q) for q in _QUOTES)


def _cut_root(doc: "Doc", k: int, first: int) -> "Token":
    """The word that heads what follows position ``k``: past a comma, dash or conjunction."""
    a = arrays(doc)
    cc = string_id("cc")
    while k < len(a.heads) - 1 and (a.blank[k] or a.dep[k] == cc):
        k += 1
    i = _attached_i(a, k, first)
    return doc[i if i is not None else k]


class _Counts:
    """Running counts of quotation marks and verbs over ``doc[first : limit + 1]``, made once per
    content so that scoring each candidate end needs no rescan of the words before it."""

    def __init__(self, doc: "Doc", first: int, limit: int) -> None:
        self.first = first
        self._roots: dict[int, "Token"] = {}
        self.marks, self.verbs = [0], [0]
        a = arrays(doc)
        marks, verbs = _quote_ids(), (pos_id("VERB"), pos_id("AUX"))
        for i in range(first, limit + 1):
            self.marks.append(self.marks[-1] + (a.orth[i] in marks))
            self.verbs.append(self.verbs[-1] + (a.pos[i] in verbs))

    def cut_root(self, doc: "Doc", k: int, first: int) -> "Token":
        """:func:`_cut_root` of ``k``, worked out once per content."""
        found = self._roots.get(k)
        if found is None:
            found = self._roots[k] = _cut_root(doc, k, first)
        return found

    def between(self, counts: list[int], a: int, b: int) -> int:
        """How many counted words lie in tokens ``a``..``b`` (inclusive; 0 when ``b < a``)."""
        return counts[b + 1 - self.first] - counts[a - self.first] if b >= a else 0


def features(
    doc: "Doc", first: int, last: int, j: int, cue: "Token | None", limit: int, counts: _Counts | None = None
) -> list[str]:
    """Features of ending the content that starts at ``first`` (the parse's end is ``last``, the
    furthest it may reach ``limit``) at token ``j``; ``cue`` is the cue word. ``counts`` (made
    once for all candidates of one content) only saves time."""
    return _feature_strings(_end_values(doc, first, last, j, cue, limit, counts or _Counts(doc, first, limit)))


def _end_values(doc: "Doc", first: int, last: int, j: int, cue: "Token | None", limit: int, counts: _Counts) -> tuple:
    """What :func:`features` says of ending at ``j``, as a tuple of values (a few words, numbers
    and flags, so that many candidate ends share one: :func:`_end_score` scores each tuple once)."""
    a = arrays(doc)
    sent_end = limit
    while sent_end > j and a.blank[sent_end]:
        sent_end -= 1
    where = "parse" if j == last else "cut" if j < last else "extend"
    openquote = counts.between(counts.marks, first, j) % 2  # inside an open quotation
    if j >= sent_end:
        return (where, _bucket(j - first + 1), openquote)
    k = j + 1
    nxt = doc[k]
    root = counts.cut_root(doc, k, first)
    head = doc[a.heads[root.i]]
    dep, head_dep = root.dep_, head.dep_
    rest_end = last if j < last else sent_end
    return (
        where,
        _bucket(j - first + 1),
        openquote,
        "P" + nxt.text if nxt.is_punct else "cc" if nxt.dep_ == "cc" else "-",  # the gap
        dep,
        head.pos_,
        root.pos_,
        root.lower_ if dep in _WORDED or root.tag_ in ("WDT", "WP", "WRB", "VBG") else "",  # the word
        _bucket(max(rest_end + 1 - k, 0)),
        counts.between(counts.verbs, k, rest_end) > 0,
        head.i == first or head_dep in ("ccomp", "xcomp", "ROOT") or head is cue,  # top
        cue is not None and head.i == cue.i,
        doc[j].pos_,
        cue is not None and root.tag_ == cue.tag_,
        root.i in a.heads_with(_SUBJECTS),
        _depth(a.heads, head.i, first, last),
    )


def _feature_strings(values: tuple) -> list[str]:
    """The feature strings of :func:`_end_values`' tuple, in the order the weights were fitted."""
    w = f"w={values[0]}"
    feats = [w, f"{w}|len={values[1]}"]
    if len(values) == 3:
        return [*feats, f"{w}|sentend", f"{w}|openquote={values[2]}"]
    _, _, openquote, gap, dep, hpos, pos, word, rest, verb, top, cuehead, last_pos, cuetag, subj, depth = values
    feats += [
        f"{w}|gap={gap}",
        f"{w}|dep={dep}",
        f"{w}|dep={dep}|gap={gap}",
        f"{w}|dep={dep}|hpos={hpos}",
        f"{w}|pos={pos}|gap={gap}",
        f"{w}|word={word}",
        f"{w}|dep={dep}|word={word}",
        f"{w}|rest={rest}",
        f"{w}|verb={verb}|gap={gap}",
        f"{w}|top={top}|dep={dep}",
        f"{w}|cuehead={cuehead}",
        f"{w}|last={last_pos}",
        # A verb in the cue's own tense with its own subject is more often the writer's next
        # clause ("said … and warned …") than the source's.
        f"{w}|dep={dep}|cuetag={cuetag}",
        f"{w}|dep={dep}|subj={subj}",
        f"{w}|dep={dep}|depth={depth}",
        f"{w}|openquote={openquote}",
    ]
    return feats


# The values repeat across candidate ends (about half of them on a first pass over PolNeAR dev):
# each tuple is scored once. Bounded, so that a long ingest keeps a few MB at most.
@lru_cache(maxsize=1 << 15)
def _end_score(values: tuple) -> float:
    return score(_feature_strings(values))


_OPEN_CLASS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB"})


def _word(token: "Token") -> str:
    """A token as a feature value: function words by themselves, open-class words by lemma for
    verbs (what kind of verb heads a part tells a lot) and by part of speech otherwise."""
    if token.pos_ == "VERB":
        return "V:" + token.lemma_.lower()
    return token.pos_ if token.pos_ in _OPEN_CLASS else token.lower_


def _depth(heads: list[int], i: int, first: int, last: int) -> str:
    """How far token ``i`` sits below the top of the content (0: the top; 3: deeper); ``heads``:
    each token's head index."""
    n = 0
    while first <= heads[i] <= last and heads[i] != i and n < 3:
        i, n = heads[i], n + 1
    return str(n)


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
    doc: "Doc", first: int, last: int, j: int, cue: "Token | None", limit: int, counts: _Counts | None = None
) -> list[tuple[str, "ndarray"]]:
    """The token vectors that describe ending the content at ``j``: the last word kept, the first
    token cut and the word heading the cut part (the parse features cannot tell "…, which" that
    belongs from one that does not; the contextual vectors see the words around), and the cue
    word's, weighed by whether the end cuts, keeps or extends the parse's (some cues' statements
    run on, others stop early). Empty when the pipeline made no vectors. ``counts`` (made once for
    all candidates of one content) only saves time."""
    tensor = _vectors(doc)
    if tensor is None:
        return []
    where = "parse" if j == last else "cut" if j < last else "extend"
    out = [("last", tensor[j])]
    if cue is not None:
        out.append((f"cue|{where}", tensor[cue.i]))
    blank = arrays(doc).blank
    sent_end = limit
    while sent_end > j and blank[sent_end]:
        sent_end -= 1
    if j < sent_end:
        root = counts.cut_root(doc, j + 1, first) if counts is not None else _cut_root(doc, j + 1, first)
        out += [("cut", tensor[j + 1]), ("root", tensor[root.i])]
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
        z = _end_score(_end_values(doc, first, last, j, cue, limit, counts))
        return z + linear.dense_total(dense, dense_slots(doc, first, last, j, cue, limit, counts)) if dense else z

    return max((total(j), -abs(j - last), j) for j in cands)[2]


# --- where content starts -----------------------------------------------------------------------

# How many tokens the start may move into the content (a cue's object rarely runs longer).
_START_WINDOW = 12
_GIVE = frozenset({"ADP", "PART", "SCONJ"})


def _closed_cuts(heads: list[int], words: list[bool], first: int, last: int, upto: int) -> list[int]:
    """The ``k`` in ``first + 1``..``upto`` for which tokens ``first``..``k-1`` can be cut off the
    front of ``first``..``last``: no later word hangs from them, except from the last of them
    ("accused the mayor of | lying"); nor do they hang from the rest ("the | harbour board" is no
    cut); and they hold a word. ``heads[i]`` and ``words[i]`` are token ``first + i``'s head and
    whether it is a word. One pass: the lowest head at or after ``first`` among the tokens from
    ``k`` on, and the highest head up to ``last`` among those before ``k``, decide each ``k``."""
    n = len(heads)
    far = last + 1
    lowest = [far] * (n + 1)  # lowest[i]: least head >= first of tokens first+i .. last
    for i in range(n - 1, -1, -1):
        h = heads[i]
        lowest[i] = min(lowest[i + 1], h) if h >= first else lowest[i + 1]
    out = []
    highest, word = -1, False  # over tokens first .. k-1: greatest head <= last; any word
    for k in range(first + 1, upto + 1):
        h = heads[k - 1 - first]
        if h <= last:
            highest = max(highest, h)
        word = word or words[k - 1 - first]
        if lowest[k - first] >= k - 1 and highest < k and word:
            out.append(k)
    return out


def start_candidates(doc: "Doc", first: int, last: int, cue: "Token | None", cue_last: int) -> list[tuple[int, str]]:
    """(token, how) where content from ``first`` to ``last`` may start: ``keep`` the parse's start;
    ``none`` or ``cue`` for a later start, the words cut off left out or (only when they follow
    the cue's last token ``cue_last`` directly) joined to the cue; ``give`` for an earlier start
    that takes prepositions from the end of the cue ("responded | by …")."""
    out = [(first, "keep")]
    adjacent = cue is not None and cue_last + 1 == first
    a = arrays(doc)
    heads = a.heads[first : last + 1]
    words = [not b for b in a.blank[first : last + 1]]
    for k in _closed_cuts(heads, words, first, last, min(last, first + _START_WINDOW)):
        if not words[k - first]:
            continue
        out.append((k, "none"))
        if adjacent and "\n" not in doc[first:k].text:
            out.append((k, "cue"))
    k = first
    while adjacent and k - 1 > cue.i and doc[k - 1].pos_ in _GIVE:  # type: ignore[union-attr]
        k -= 1
        out.append((k, "give"))
    return out


def _part(doc: "Doc", lo: int, hi: int) -> list[str]:
    """Feature values of the run of words ``doc[lo:hi]`` moved between content, cue and neither."""
    a = arrays(doc)
    toks = [i for i in range(lo, hi) if not a.blank[i]]
    if not toks:
        return ["-", "-", "-", "-", "0"]
    inside = set(toks)
    roots = [doc[i] for i in toks if a.heads[i] not in inside or a.heads[i] == i]
    deps = "+".join(sorted({t.dep_ for t in roots}))
    ents = "+".join(sorted({t.ent_type_ for t in roots if t.ent_type_})) or "-"
    return [deps, _word(doc[toks[0]]), _word(doc[toks[-1]]), ents, _bucket(len(toks))]


def start_features(
    doc: "Doc", first: int, last: int, k: int, how: str, cue: "Token | None", fr: str | None = None
) -> list[str]:
    """Features of starting the content (parsed as ``first``..``last``) at ``k``, ``how`` as in
    :func:`start_candidates`; ``cue`` is the cue word (``fr``: its frame, when known)."""
    from storyline.nlp.quote_frames import frame

    lo, hi = (first, k) if k > first else (k, first)  # the words moved
    deps, w0, w1, ents, n = _part(doc, lo, hi) if how != "keep" else _part(doc, first, first + 1)
    lemma = cue.lemma_.lower() if cue is not None else "-"
    fr = (fr or frame(cue)).split(":")[0] if cue is not None else "-"
    verbs = (pos_id("VERB"), pos_id("AUX"))
    at = doc[k]
    h = f"s={how}"
    return [
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
        f"{h}|verb={any(p in verbs for p in arrays(doc).pos[lo:hi])}|deps={deps}",
    ]


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


def clear_caches() -> None:
    """Forget the scores of the feature values seen so far."""
    _end_score.cache_clear()
