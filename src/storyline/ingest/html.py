"""HTML pages to articles with trafilatura (imported here only, and only when needed)."""

from __future__ import annotations

import logging

from storyline.errors import InputError
from storyline.model import Article, content_id

from .assemble import dated_article
from .text import clean

log = logging.getLogger(__name__)


def article_from_html(
    raw: str,
    *,
    source: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> Article:
    """An article from an HTML page: main text, title, date, URL and site name by trafilatura.

    Raises :class:`InputError` where the page is malformed or has no article text.
    """
    import trafilatura

    where = source or url or "<html>"
    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as err:  # trafilatura and lxml raise many kinds on broken pages
        raise InputError(where, f"malformed HTML: {type(err).__name__}: {err}") from err
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(where, "no article text found in HTML")
    title = (doc.title or "").strip() or None
    # trafilatura gives one paragraph a line, the page's own headline first.
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    cleaned = clean("\n\n".join(paragraphs), "text", title=title or "")
    if not cleaned.text:
        raise InputError(where, "no article text found in HTML")
    page_url = url or doc.url or None
    return dated_article(
        content_id(cleaned.text),
        cleaned.text,
        fmt="html",
        source=source,
        title=title,
        url=page_url,
        outlet=outlet,
        sitename=doc.sitename,
        given=published or doc.date,
        given_source="given" if published else "metadata",
        text_date=cleaned.date,
    )
