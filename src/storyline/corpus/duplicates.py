"""Near-duplicate articles (a wire story carried by several outlets) by MinHash LSH over word
shingles. Exact duplicates share ``Article.content_hash`` and need none of this."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article

SHINGLE = 3  # words per shingle: shared phrases, not shared words, make a match; an edited
# sentence spoils few shingles
PERMUTATIONS = 128


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words, punctuation ignored); a
    text shorter than ``size`` words is one shingle."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    """Shared shingles over all shingles of two sets (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def near_duplicates(articles: Sequence[Article], threshold: float = 0.8) -> dict[str, str]:
    """Map the id of each near-duplicate article to the id of the first article (in input order)
    it copies, where the Jaccard similarity of their word shingles is at least ``threshold``.

    MinHash LSH finds candidates; their exact similarity decides, since a MinHash estimate can
    be a few points off. A copy of a copy maps to the first original. Articles with no words
    are left out.
    """
    from datasketch import MinHash, MinHashLSH

    articles = articles if isinstance(articles, Sequence) else list(articles)

    # A looser LSH threshold than the one asked for, so that the estimate's noise loses no pair.
    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.15), num_perm=PERMUTATIONS)
    position: dict[str, int] = {}  # id → index in ``articles`` of each article indexed so far
    copies: dict[str, str] = {}
    for i, article in enumerate(articles):
        grams = shingles(article.text)
        if not grams or article.id in position:
            continue
        mh = MinHash(num_perm=PERMUTATIONS, seed=1)
        mh.update_batch(list(grams))
        candidates = sorted(lsh.query(mh), key=position.__getitem__)
        # Candidates are few: recomputing their shingles costs less than keeping everyone's.
        texts = ((c, articles[position[c]].text) for c in candidates)
        first = next((c for c, text in texts if jaccard(shingles(text), grams) >= threshold), None)
        if first is not None:
            copies[article.id] = copies.get(first, first)
        position[article.id] = i
        lsh.insert(article.id, mh)
    return copies
