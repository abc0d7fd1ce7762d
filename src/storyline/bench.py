"""The benchmark: speed and memory of the per-article analysis, beside the spaCy pipeline alone.

Runs in one process on one core, so figures are per core. Not a timed test: a command whose
numbers go into notes and issues.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable
from os import PathLike
from typing import Any

from storyline.errors import StorylineError
from storyline.model import Article


def _peak_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(paths: Iterable[str | PathLike[str]], *, model: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Time the spaCy pipeline alone, then the whole analysis (pipeline + extractors), over the
    same articles; return rates, the extractors' share, and peak memory."""
    from storyline.analyze import analyze_doc
    from storyline.ingest import read
    from storyline.nlp.pipeline import load

    articles = [a for a in read(paths) if isinstance(a, Article)][:limit]
    if not articles:
        raise StorylineError("no articles to benchmark")
    words = sum(a.word_count for a in articles)
    nlp = load(model)
    nlp("warm up")  # first-call costs are not per-article costs

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    spacy_s = time.perf_counter() - started

    started = time.perf_counter()
    for doc, article in zip(docs, articles):
        analyze_doc(doc, article)
    extract_s = time.perf_counter() - started
    total = spacy_s + extract_s
    return {
        "articles": len(articles),
        "words": words,
        "spacy_seconds": round(spacy_s, 2),
        "extractors_seconds": round(extract_s, 2),
        "spacy_articles_per_s": round(len(articles) / spacy_s, 1),
        "articles_per_s": round(len(articles) / total, 1),
        "words_per_s": round(words / total),
        "extractors_over_spacy": round(extract_s / spacy_s, 3),
        "peak_rss_mib": round(_peak_mib(), 1),
        "model": nlp.meta.get("name"),
    }


__all__ = ["bench"]
