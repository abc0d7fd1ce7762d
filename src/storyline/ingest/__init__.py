"""Ingest: files, strings and records to :class:`~storyline.model.Article`.

``read(paths)`` walks files and folders and yields an ``Article`` per good input and an
``InputError`` per bad one. ``article_from_text``, ``article_from_html`` and
``article_from_record`` turn one string or record into an article.
"""

from __future__ import annotations

from storyline.errors import InputError
from storyline.model import Article, content_id

from .assemble import dated_article
from .html import article_from_html
from .records import article_from_record
from .text import clean


def article_from_text(
    raw: str,
    *,
    source: str | None = None,
    fmt: str = "text",
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Article:
    """An article from plain text or Markdown (``fmt="markdown"``): boilerplate removed, title,
    URL and date line lifted out, outlet and publication date found or inferred.

    Raises :class:`InputError` where nothing is left once boilerplate is removed.
    """
    cleaned = clean(raw, fmt, title=title)
    if not cleaned.text:
        raise InputError(source or "<text>", "no article text")
    return dated_article(
        content_id(cleaned.text),
        cleaned.text,
        fmt=fmt,
        source=source,
        title=title or cleaned.title,
        url=url or cleaned.url,
        outlet=outlet,
        sitename=cleaned.outlet,
        given=published,
        text_date=cleaned.date,
    )

from .files import read  # noqa: E402  (files needs article_from_text defined first)

__all__ = ["article_from_html", "article_from_record", "article_from_text", "read"]
