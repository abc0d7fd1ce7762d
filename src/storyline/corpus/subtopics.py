"""Articles grouped into stories by what they share: the same words, names and numbers.

A pile of articles on one subject often holds several stories: two earthquakes, two arrests of
one actress. Entity resolution needs the grouping, because an unnamed description ("the
suspect", "the host") is one person only within a story, while a name ("Lindsay Lohan") is one
person across them.

Each article becomes a TF-IDF vector of its content words and numbers (a year or a magnitude
tells two stories apart as well as a name does); articles are joined by average-link
agglomerative clustering while the mean cosine similarity of two groups stays at or above
``THRESHOLD`` (chosen on the ECB+ training topics, whose two sub-topics are two stories).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Article

# Mean cosine similarity at which two groups of articles are one story (ECB+ train topics).
THRESHOLD = 0.05
# Words too common in news to tell stories apart (a short list: TF-IDF discounts the rest).
STOPWORDS = frozenset(
    "about after again also against among been before being between both but could during each "
    "from have having here into just more most much must only other over said says same should "
    "some such than that their them then there these they this those through under until very "
    "were what when where which while will with would your year years told according".split()
)


def _terms(text: str) -> Counter:
    """Content words (lower case, four letters or more) and numbers of ``text``."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]{3,}|\d[\d.,]*\d|\d", text)
    return Counter(w.lower() for w in words if w.lower() not in STOPWORDS)


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear term frequency)."""
    counts = [_terms(t) for t in texts]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(texts)
    out = []
    for c in counts:
        v = {w: (1 + math.log(k)) * math.log((1 + n) / (1 + df[w])) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items() if x > 0})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def story_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the number of its story (0, 1, …, in order of first appearance)."""
    n = len(texts)
    if n == 0:
        return []
    vectors = _vectors(texts)
    sim = [[_cosine(vectors[i], vectors[j]) if i != j else 1.0 for j in range(n)] for i in range(n)]
    groups: list[list[int]] = [[i] for i in range(n)]
    while len(groups) > 1:
        best, pair = -1.0, (0, 0)
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = sum(sim[i][j] for i in groups[a] for j in groups[b]) / (len(groups[a]) * len(groups[b]))
                if mean > best:
                    best, pair = mean, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a].extend(groups.pop(b))
    out = [0] * n
    for k, g in enumerate(sorted(groups, key=min)):
        for i in g:
            out[i] = k
    return out


def stories(articles: Sequence[Article], threshold: float = THRESHOLD) -> dict[str, str]:
    """Article id → a story key ("story-0", "story-1", …) for articles grouped by shared content
    (see the module docstring). Quadratic in the number of articles: meant for one topic or one
    search result at a time, not a whole corpus."""
    numbers = story_groups([a.text for a in articles], threshold)
    return {a.id: f"story-{k}" for a, k in zip(articles, numbers, strict=True)}
