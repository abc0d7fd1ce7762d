"""Ingest: files, strings and records to :class:`~storyline.model.Article`.

``read(paths)`` walks files and folders and yields an ``Article`` per good input and an
``InputError`` per bad one. ``article_from_text``, ``article_from_html`` and
``article_from_record`` turn one string or record into an article.
"""

from __future__ import annotations

from storyline.errors import InputError
from storyline.model import Article, content_id

from . import dates, outlets
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
    url = url or cleaned.url
    line = dates.dateline(cleaned.text)
    dating = dates.publication(
        cleaned.text, given=published, url=url, text_date=cleaned.date, line=line
    )
    return Article(
        id=content_id(cleaned.text),
        text=cleaned.text,
        title=title or cleaned.title,
        outlet=outlet
        or outlets.outlet(url=url, sitename=cleaned.outlet, agency=line.agency if line else None),
        url=url,
        published=dating.published,
        date_source=dating.source,
        date_guess=dating.guess,
        date_span=dating.span,
        source=source,
        format=fmt,
    )


from .files import read  # noqa: E402  (files needs article_from_text defined first)

__all__ = ["article_from_html", "article_from_record", "article_from_text", "read"]
