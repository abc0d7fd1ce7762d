"""What users look at: JSON-ready views over a store, shared by the CLI, the web app and the report.

Each function takes a :class:`~storyline.store.Store` and returns plain dicts and lists, so the
terminal table, the web page and its ``.json`` twin show the same thing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from storyline.model import Article, Entity, Quote, Span, TimelineEntry
from storyline.store import Store


def _article_ref(a: Article | None) -> dict[str, Any]:
    if a is None:
        return {"article_id": None, "outlet": None, "title": None, "published": None}
    return {"article_id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published}


def article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "date_source": a.date_source,
        "date_guess": a.date_guess,
        "words": a.word_count,
        "url": a.url,
        "source": a.source,
        "duplicate_of": a.duplicate_of,
    }


def articles(store: Store, *, outlet: str | None = None) -> list[dict[str, Any]]:
    """Every stored article: title, outlet, date and how it was found, word count."""
    return [article_row(a) for a in store.articles(outlet=outlet)]


def article(store: Store, article_id: str) -> dict[str, Any]:
    """One article with its text and every record, spans included."""
    from storyline.contract import to_contract

    analysis = store.analysis(article_id)
    out = article_row(analysis.article)
    out["text"] = analysis.article.text
    out.update({k: v for k, v in to_contract(analysis).items() if k in ("entities", "quotes", "times", "events", "roles")})
    return out


def entity_row(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "label": e.label,
        "aliases": list(e.aliases),
        "roles": [
            {"title": r.title, "date": r.date, "article_id": r.article_id, "span": list(r.span)}
            for r in e.roles
        ],
        "mentions": e.mention_count,
        "articles": len(e.article_ids),
        "confidence": round(e.confidence, 3),
    }


def entities(store: Store, *, label: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
    """Canonical people, organisations and places with their aliases and roles."""
    return [entity_row(e) for e in store.entities(label=label, name=name)]


def entity(store: Store, key: str) -> dict[str, Any]:
    """One entity: aliases, roles, every mention, quotes by it and about it, co-occurring
    entities, timeline."""
    e = store.entity(key)
    names = store.entity_names()
    by_article: dict[str, list[tuple[str, str]]] = {}  # article → (local name, entity id) links
    for (aid, name), eid in store.entity_links().items():
        by_article.setdefault(aid, []).append((name, eid))
    local = {(aid, name) for aid, pairs in by_article.items() for name, eid in pairs if eid == e.id}
    own = sorted({aid for aid, _ in local})
    arts = _articles(store)
    found = [m for aid in own for m in store.mentions(aid) if (m.article_id, m.entity) in local]
    mentions = [{**_article_ref(arts.get(m.article_id)), "span": list(m.span), "text": m.text} for m in found]
    co: Counter[str] = Counter()
    for aid in own:
        co.update({names.get(eid, name) for name, eid in by_article[aid] if eid != e.id})
    out = entity_row(e)
    out["mention_list"] = mentions
    stated = [q for aid in own for q in store.quotes(article_id=aid) if is_statement(q)]
    said = [q for q in stated if (q.article_id, q.speaker_entity) in local]
    spans: dict[str, list[Span]] = {}
    for m in found:
        spans.setdefault(m.article_id, []).append(m.span)
    about = [
        q for q in stated
        if (q.article_id, q.speaker_entity) not in local and _holds_mention(q, spans.get(q.article_id, []))
    ]
    out["quotes"] = [quote_row(q, arts) for q in sorted(said, key=lambda q: _quote_order(q, arts))]
    out["quotes_about"] = [quote_row(q, arts) for q in sorted(about, key=lambda q: _quote_order(q, arts))]
    out["cooccurring"] = [{"name": n, "articles": c} for n, c in co.most_common(15)]
    out["timeline"] = timeline(store, entity=e.name, arts=arts)
    return out


def _holds_mention(q: Quote, mentions: list[Span]) -> bool:
    """Whether one of the ``mentions`` (spans in the quote's article) lies inside its content."""
    return any(s <= ms and me <= e for ms, me in mentions for s, e in q.content)


def _quote_order(q: Quote, arts: dict[str, Article]) -> tuple[str, str, int]:
    # By publication date (undated last), then article, then position in it.
    return (arts[q.article_id].published or "9999", q.article_id, q.content[0][0])


def _articles(store: Store) -> dict[str, Article]:
    """Every stored article by id: loaded once per view and handed to the views it calls."""
    return {a.id: a for a in store.articles()}


def quote_row(q: Quote, arts: dict[str, Article]) -> dict[str, Any]:
    a = arts.get(q.article_id)
    text = a.text if a else ""
    return {
        **_article_ref(a),
        "speaker": q.speaker_entity or q.speaker_text,
        "speaker_text": q.speaker_text,
        "cue": q.cue_text,
        "cue_class": q.cue_class,
        "kind": q.kind,
        "date": q.date,
        "date_source": q.date_source,
        "text": q.content_text(text),
        "content": [list(s) for s in q.content],
        "speaker_span": list(q.speaker) if q.speaker else None,
        "cue_span": list(q.cue) if q.cue else None,
        "confidence": round(q.confidence, 3),
    }


def is_statement(q: Quote) -> bool:
    """A statement in the everyday sense: a direct quotation, or reported speech whose cue is a
    known reporting word (said, denied, according to, …). The extractor also finds attributions
    in the benchmark's broader sense ("pleaded guilty", "refused to"); those stay in exports and
    the JSON contract, and show in views only when asked for."""
    return q.kind == "direct" or q.cue_class is not None


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    everything: bool = False,
) -> list[dict[str, Any]]:
    """Who said what, when, with the cue; filtered by speaker (any alias), outlet or kind;
    statements only unless ``everything`` (see :func:`is_statement`)."""
    arts = _articles(store)
    found = store.quotes(speaker=speaker, outlet=outlet, kind=kind)
    return [quote_row(q, arts) for q in found if everything or is_statement(q)]


def timeline_entries(
    store: Store, *, include_statements: bool = False, arts: dict[str, Article] | None = None
) -> list[TimelineEntry]:
    """The merged timeline over every stored event (``arts``: the articles, if already loaded)."""
    from storyline.corpus.timeline import timeline as merge

    links = store.entity_links()
    names = store.entity_names()

    def entity_of(article_id: str, name: str) -> str:
        eid = links.get((article_id, name))
        return names.get(eid, name) if eid else name

    arts = arts if arts is not None else _articles(store)
    return merge(store.events(), arts, entity_of=entity_of, include_statements=include_statements)


def timeline(
    store: Store,
    *,
    entity: str | None = None,
    include_statements: bool = False,
    arts: dict[str, Article] | None = None,
) -> list[dict[str, Any]]:
    """Dated events in order, each with its sources; optionally only those involving ``entity``."""
    arts = arts if arts is not None else _articles(store)
    wanted: set[str] | None = None
    if entity:
        e = store.entity(entity)
        wanted = {e.name, *e.aliases}
    rows = []
    for entry in timeline_entries(store, include_statements=include_statements, arts=arts):
        if wanted is not None and not wanted.intersection(entry.participants):
            continue
        rows.append(
            {
                "date": entry.date,
                "text": entry.text,
                "participants": list(entry.participants),
                "outlets": list(entry.outlets),
                "kind": getattr(entry, "kind", "event"),
                "sources": [
                    {**_article_ref(arts.get(aid)), "span": list(span)} for aid, span in entry.sources
                ],
            }
        )
    return rows


def search(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over articles and quotes."""
    return [
        {
            "kind": h.kind,
            "article_id": h.article_id,
            "title": h.title,
            "outlet": h.outlet,
            "published": h.published,
            "speaker": h.speaker,
            "snippet": h.snippet,
        }
        for h in store.search(query, limit=limit)
    ]


def summary(store: Store) -> dict[str, Any]:
    """An overview: counts, outlets, date range, most mentioned entities, most quoted speakers."""
    arts = store.articles()
    dates = sorted(a.published for a in arts if a.published)
    by_id = {a.id: a for a in arts}
    speakers = Counter(
        q.speaker_entity or q.speaker_text for q in store.quotes() if (q.speaker_entity or q.speaker_text) and is_statement(q)
    )
    return {
        "counts": store.stats(),
        "outlets": [{"outlet": o, "articles": n} for o, n in store.outlets()],
        "dates": {"first": dates[0] if dates else None, "last": dates[-1] if dates else None},
        "articles": [article_row(a) for a in arts],
        "top_entities": [entity_row(e) for e in store.entities()[:12]],
        "top_speakers": [{"speaker": s, "quotes": n} for s, n in speakers.most_common(10)],
        "timeline": timeline(store, arts=by_id)[:40],
    }
