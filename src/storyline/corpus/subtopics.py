"""Articles grouped into stories by what they share: the same words, names and numbers.

A pile of articles on one subject often holds several stories: two earthquakes, two arrests of
one actress. Entity resolution needs the grouping, because an unnamed description ("the
suspect", "the host") is one person only within a story, while a name ("Lindsay Lohan") is one
person across them.

Each article becomes a TF-IDF vector of its content words and numbers (a year or a magnitude
tells two stories apart as well as a name does); articles are joined by average-link
agglomerative clustering while the mean cosine similarity of two groups stays at or above
``THRESHOLD`` (chosen on the ECB+ training topics, whose two sub-topics are two stories).

Clustering all pairs is quadratic, so a corpus of more than ``BLOCK`` articles is first cut into
blocks of articles sharing one of their most telling words, and each block is clustered alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Article

# Mean cosine similarity at which two groups of articles are one story (ECB+ train topics).
THRESHOLD = 0.05
# Most articles clustered all together; a larger corpus is blocked first (see stories()).
BLOCK = 300
# How many of an article's most telling words may join it to a block.
BLOCK_TERMS = 5
# Words too common in news to tell stories apart (a short list: TF-IDF discounts the rest).
STOPWORDS = frozenset(
    "about after again also against among been before being between both but could during each "
    "from have having here into just more most much must only other over said says same should "
    "some such than that their them then there these they this those through under until very "
    "were what when where which while will with would your year years told according".split()
)


TERM = re.compile(r"[a-z][a-z'-]{3,}|\d[\d.,]*\d|\d")


def _terms(text: str) -> Counter:
    """Content words (lower case, four letters or more) and numbers of ``text``."""
    counts = Counter(TERM.findall(text.lower()))
    for w in STOPWORDS & counts.keys():
        del counts[w]
    return counts


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear term frequency)."""
    counts = [_terms(t) for t in texts]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    return [_weighted(c, df, len(texts)) for c in counts]


def _weighted(counts: Counter, df: Counter, n: int) -> dict[str, float]:
    """One text's unit-length TF-IDF vector, given document frequencies over ``n`` texts."""
    v = {w: (1 + math.log(k)) * math.log((1 + n) / (1 + df[w])) for w, k in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items() if x > 0}


def _similarities(vectors: Sequence[dict[str, float]]):  # noqa: ANN202 - a numpy array
    """The matrix of cosine similarities of unit vectors (one sparse product, not a Python loop)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, v in enumerate(vectors):
        for w, x in v.items():
            rows.append(i)
            cols.append(index.setdefault(w, len(index)))
            values.append(x)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(vectors), max(1, len(index))))
    return np.asarray((matrix @ matrix.T).todense(), dtype=float)


def _average_link(vectors: Sequence[dict[str, float]], threshold: float) -> list[int]:
    """Average-link clustering of unit vectors: cluster number of each (0, 1, … by first member).
    Two groups merge while the mean cosine similarity of their members stays at or above
    ``threshold``; the mean of a merged group is updated from its parts (Lance–Williams), so each
    merge costs one row of the similarity matrix, not all pairs again."""
    import numpy as np  # lazy: only corpus steps need it

    n = len(vectors)
    if n == 0:
        return []
    sim = _similarities(vectors)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    # A merged-away group's row and column are set to -inf, so the best pair is always of live groups.
    while alive.sum() > 1:
        a, b = divmod(int(np.argmax(sim)), n)
        if sim[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        row = (size[a] * sim[a] + size[b] * sim[b]) / (size[a] + size[b])
        sim[a], sim[:, a] = row, row
        sim[a, a] = -np.inf
        size[a] += size[b]
        alive[b] = False
        sim[b], sim[:, b] = -np.inf, -np.inf
        members[a].extend(members[b])
    out = [0] * n
    groups = sorted((min(members[i]), i) for i in range(n) if alive[i])
    for k, (_, i) in enumerate(groups):
        for j in members[i]:
            out[j] = k
    return out


def story_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the number of its story (0, 1, …, in order of first appearance)."""
    return _average_link(_vectors(texts), threshold)


def _blocks(telling: Sequence[Sequence[str]], size: int) -> list[list[int]]:
    """Indices of articles that may share a story, each block at most ``size`` long: articles
    sharing one of their most telling words (``telling``: a name, a place, a number) are joined,
    the rarest words first, and never into a block larger than ``size`` (a word that common tells
    stories apart no better than the rest of the text would)."""
    parent = list(range(len(telling)))
    count = [1] * len(telling)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_term: dict[str, list[int]] = {}
    rank: Counter = Counter()  # how far down its holders' lists a word comes, in all
    for i, words in enumerate(telling):
        for k, w in enumerate(words):
            by_term.setdefault(w, []).append(i)
            rank[w] += k
    # Rarest words first; among equally rare ones, those their articles rank highest.
    for w in sorted(by_term, key=lambda w: (len(by_term[w]), rank[w] / len(by_term[w]), w)):
        holders = by_term[w]
        if len(holders) > size:
            break
        for j in holders[1:]:
            ra, rb = root(holders[0]), root(j)
            if ra != rb and count[ra] + count[rb] <= size:
                parent[rb] = ra
                count[ra] += count[rb]
    groups: dict[int, list[int]] = {}
    for i in range(len(telling)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def stories(articles: Sequence[Article], threshold: float = THRESHOLD, block: int = BLOCK) -> dict[str, str]:
    """Article id → a story key ("story-0", "story-1", …) for articles grouped by shared content
    (see the module docstring). Up to ``block`` articles are clustered all together; a larger
    corpus is first cut into blocks of articles that share a telling word (:func:`_blocks`), so
    time grows with the corpus, not its square, and only one block's vectors are held at a time."""
    articles = list(articles)
    if len(articles) <= block:
        numbers = _average_link(_vectors([a.text for a in articles]), threshold)
        return {a.id: f"story-{k}" for a, k in zip(articles, numbers, strict=True)}
    df: Counter = Counter()
    for a in articles:
        df.update(_terms(a.text).keys())
    n = len(articles)
    telling = []
    for a in articles:
        v = _weighted(_terms(a.text), df, n)
        shared = [w for w in v if df[w] > 1]  # a word no other article has joins nothing
        telling.append(sorted(shared, key=lambda w: (-v[w], w))[:BLOCK_TERMS])
    out: dict[str, str] = {}
    for b, indices in enumerate(_blocks(telling, block)):
        vectors = [_weighted(_terms(articles[i].text), df, n) for i in indices]
        for i, k in zip(indices, _average_link(vectors, threshold), strict=True):
            out[articles[i].id] = f"story-{b}-{k}"
    return out
