"""The last step of every ingest path: canonical text plus what was found → a dated Article."""

from __future__ import annotations

from storyline.model import Article, DateSource

from . import dates, outlets


def dated_article(
    article_id: str,
    text: str,
    *,
    fmt: str,
    source: str | None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    sitename: str | None = None,
    given: str | None = None,
    given_source: DateSource = "given",
    text_date: str | None = None,
) -> Article:
    """An :class:`Article` for ``text``, its outlet and publication date found by the one set of
    rules every format shares (given or metadata, URL, date line, dateline, inferred year)."""
    line = dates.dateline(text)
    dating = dates.publication(
        text, given=given, given_source=given_source, url=url, text_date=text_date, line=line
    )
    return Article(
        id=article_id,
        text=text,
        title=title,
        outlet=outlet or outlets.outlet(url=url, sitename=sitename, agency=line.agency if line else None),
        url=url,
        published=dating.published,
        date_source=dating.source,
        date_guess=dating.guess,
        date_span=dating.span,
        source=source,
        format=fmt,
    )
