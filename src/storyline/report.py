"""The self-contained HTML report: one file, inline CSS, no script or network needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from storyline import views
from storyline.render import article_html, render, stylesheet, timeline_svg
from storyline.store import Store


def _link(kind: str, ident: str | None = None, start: int | None = None) -> str:
    # The report is one page: every link is an anchor in it (to the article, not the span).
    if kind == "article" and ident:
        return f"#article-{ident}"
    if kind == "index":
        return "#top"
    return f"#{kind if kind != 'entity' else 'entities'}"


def report_html(store: Store) -> str:
    """The report as an HTML string."""
    s = views.summary(store)
    timeline = views.timeline(store)
    bodies: list[dict[str, Any]] = []
    for row in s["articles"]:
        view = views.article(store, row["id"])
        view["html"] = article_html(view, anchors=False)
        bodies.append(view)
    return render(
        "index.html",
        static=True,
        css=stylesheet(),
        link=_link,
        heading="storyline report",
        s=s,
        chart=timeline_svg(timeline),
        timeline=timeline,
        quotes=views.quotes(store),
        entities=views.entities(store),
        bodies=bodies,
    )


def write_report(store: Store, path: str | os.PathLike[str]) -> Path:
    """Write the report to ``path`` (atomically: a reader never sees half a file)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(report_html(store), encoding="utf-8")
    os.replace(tmp, target)
    return target
