"""Per-article analysis: one spaCy pass, then our extractors, in dependency order.

``analyze`` is the function a cluster maps over shards and a laptop maps over a folder: it takes
articles and gives :class:`~storyline.model.Analysis` records, touching no database.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from storyline.model import Analysis, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def _safely(name: str, article: Article, fn: Any, *args: Any) -> list:
    # One odd construction in one article must not lose the article: log, keep the other records.
    try:
        return list(fn(*args))
    except Exception:  # noqa: BLE001 - deliberately broad, see above
        log.exception("%s failed on %s; its %s are left out", name, article.source or article.id, name)
        return []


def analyze_doc(doc: "Doc", article: Article) -> Analysis:
    """Run every extractor over the parsed ``doc`` of ``article.text``."""
    from storyline.nlp.events import events
    from storyline.nlp.mentions import mentions
    from storyline.nlp.quotes import quotes
    from storyline.nlp.roles import roles
    from storyline.nlp.times import times

    ms = _safely("mentions", article, mentions, doc, article)
    rs = _safely("roles", article, roles, doc, article, ms)
    ts = _safely("times", article, times, doc, article)
    qs = _safely("quotes", article, quotes, doc, article, ms, ts)
    es = _safely("events", article, events, doc, article, ms, ts)
    return Analysis(
        article=article, mentions=tuple(ms), quotes=tuple(qs), times=tuple(ts), events=tuple(es),
        roles=tuple(rs),
    )


def analyze(
    articles: Iterable[Article],
    nlp: "Language | None" = None,
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
) -> Iterator[Analysis]:
    """Analyse articles, in input order. ``jobs > 1`` runs whole analyses in worker processes,
    each with its own copy of the pipeline (plain multiprocessing, the single-machine default)."""
    if jobs > 1:
        yield from _analyze_parallel(articles, model=model, jobs=jobs, batch_size=batch_size)
        return
    if nlp is None:
        from storyline.nlp.pipeline import load

        nlp = load(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyze_doc(doc, article)


_worker_nlp: Any = None


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    from storyline.nlp.pipeline import load

    _worker_nlp = load(model)


def _analyze_batch(batch: list[Article]) -> list[Analysis]:
    return [analyze_doc(doc, a) for doc, a in _worker_nlp.pipe(((a.text, a) for a in batch), as_tuples=True)]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyze_parallel(articles: Iterable[Article], *, model: str | None, jobs: int, batch_size: int) -> Iterator[Analysis]:
    ctx = multiprocessing.get_context("fork")  # workers inherit the imported code; each loads its own pipeline
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for result in pool.imap(_analyze_batch, _batches(articles, batch_size)):
            yield from result
