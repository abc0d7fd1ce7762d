"""Near-duplicate articles (a wire story carried by several outlets) by MinHash LSH over word
shingles. Exact duplicates share ``Article.content_hash`` and need none of this."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article

SHINGLE = 5  # words per shingle: long enough that shared phrases, not shared words, make a match
PERMUTATIONS = 128


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words, punctuation ignored); a
    text shorter than ``size`` words is one shingle."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def near_duplicates(articles: Sequence[Article], threshold: float = 0.8) -> dict[str, str]:
    """Map the id of each near-duplicate article to the id of the first article (in input order)
    it copies, where their estimated Jaccard similarity of word shingles is at least ``threshold``.

    A copy of a copy maps to the first original. Articles with no words are left out.
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    order: dict[str, int] = {}
    hashes: dict[str, MinHash] = {}
    copies: dict[str, str] = {}
    for article in articles:
        grams = shingles(article.text)
        if not grams or article.id in order:
            continue
        mh = MinHash(num_perm=PERMUTATIONS, seed=1)
        mh.update_batch(list(grams))
        # LSH candidates are probable matches; the estimate decides.
        matches = [c for c in lsh.query(mh) if hashes[c].jaccard(mh) >= threshold]
        if matches:
            first = min(matches, key=order.__getitem__)
            copies[article.id] = copies.get(first, first)
        order[article.id] = len(order)
        hashes[article.id] = mh
        lsh.insert(article.id, mh)
    return copies
