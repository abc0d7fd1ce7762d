"""HTML rendering shared by the web app and the static report: Jinja2 templates and span markup."""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from storyline.model import Span


@cache
def _env() -> Any:
    import jinja2  # lazy: only HTML needs it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = lambda s, n=160: (s if s is None or len(s) <= n else s[: n - 1] + "…")
    # Search snippets mark hits with [ ]: escape the text, then bold the hits.
    env.filters["snippet"] = lambda s: jinja2.utils.markupsafe.Markup(
        html.escape(s or "").replace("[", "<b>").replace("]", "</b>")
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context``."""
    return _env().get_template(template).render(**context)


def stylesheet() -> str:
    """The one stylesheet, inlined by the report and served by the web app."""
    from importlib import resources

    return resources.files("storyline").joinpath("templates/style.css").read_text(encoding="utf-8")


def highlight(text: str, marks: list[tuple[Span, str, str]]) -> str:
    """``text`` as HTML with each ``(span, css_class, tooltip)`` wrapped in a ``<mark>``.

    Marks may nest or overlap: the text is cut at every boundary and each piece carries the
    classes of every mark covering it. Paragraph breaks become ``<p>``s.
    """
    cuts = {0, len(text)}
    for (s, e), _, _ in marks:
        if 0 <= s < e <= len(text):
            cuts.update((s, e))
    points = sorted(cuts)
    out: list[str] = []
    for s, e in zip(points, points[1:]):
        covering = [(cls, tip) for (ms, me), cls, tip in marks if ms <= s and e <= me]
        piece = html.escape(text[s:e]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        if covering:
            classes = " ".join(sorted({c for c, _ in covering}))
            tips = html.escape(" · ".join(dict.fromkeys(t for _, t in covering if t)))
            out.append(f'<mark class="{classes}" title="{tips}" data-span="{s}-{e}">{piece}</mark>')
        else:
            out.append(piece)
    return "<p>" + "".join(out) + "</p>"


def _date_ordinal(value: str) -> float | None:
    # "2016", "2016-12", "2016-12-29" (and longer values) → a day number at the period's middle.
    from datetime import date

    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 7, 1).toordinal()
        m = int(parts[1])
        d = int(parts[2]) if len(parts) > 2 else 15
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def timeline_svg(rows: list[dict[str, Any]], width: int = 1000) -> str:
    """A static SVG strip of timeline entries: one dot per entry on a time axis, sized by how many
    sources report it. No script, so it works in the offline report too."""
    points = [(o, r) for r in rows if (o := _date_ordinal(str(r.get("date", "")))) is not None]
    if not points:
        return ""
    lo = min(o for o, _ in points)
    hi = max(o for o, _ in points)
    span = max(hi - lo, 1)
    pad = 30
    h = 90
    from datetime import date

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {h}" width="100%" role="img" aria-label="timeline">',
             f'<line x1="{pad}" y1="50" x2="{width - pad}" y2="50" stroke="#9db6d6" stroke-width="2"/>']
    years = range(date.fromordinal(int(lo)).year, date.fromordinal(int(hi)).year + 2)
    for y in years:
        o = date(y, 1, 1).toordinal()
        if lo <= o <= hi:
            x = pad + (o - lo) / span * (width - 2 * pad)
            parts.append(f'<line x1="{x:.1f}" y1="40" x2="{x:.1f}" y2="60" stroke="#9db6d6"/>'
                         f'<text x="{x:.1f}" y="78" font-size="11" text-anchor="middle" fill="#5d6778">{y}</text>')
    for o, r in points:
        x = pad + (o - lo) / span * (width - 2 * pad)
        radius = 4 + 2 * min(len(r.get("sources", [])), 5)
        tip = html.escape(f"{r.get('date')}: {r.get('text', '')[:140]}")
        parts.append(f'<circle cx="{x:.1f}" cy="50" r="{radius}" fill="#1f5fae" fill-opacity="0.55"><title>{tip}</title></circle>')
    parts.append(f'<text x="{pad}" y="20" font-size="11" fill="#5d6778">{html.escape(str(points[0][1].get("date")))}'
                 f' … {html.escape(str(max(points, key=lambda p: p[0])[1].get("date")))}</text></svg>')
    return "".join(parts)


def article_html(view: dict[str, Any], *, anchors: bool = True) -> str:
    """An article's text as HTML with its quotes, speakers, cues, times and entities marked
    (``view`` is :func:`storyline.views.article` output)."""
    marks: list[tuple[Span, str, str]] = []
    for q in view.get("quotes", []):
        who = q.get("speaker_entity") or q.get("speaker_text") or "unattributed"
        for s in q["content"]:
            marks.append(((s[0], s[1]), "quote-content", f"{q['kind']} quote by {who}, {q.get('date') or 'undated'}"))
        if q.get("speaker"):
            marks.append((tuple(q["speaker"]), "speaker", f"speaker: {who}"))
        if q.get("cue"):
            marks.append((tuple(q["cue"]), "cue", f"cue ({q.get('cue_class') or '?'})"))
    for t in view.get("times", []):
        marks.append((tuple(t["span"]), "time", f"{t['type']} {t['value']}"))
    for m in view.get("entities", []):
        marks.append((tuple(m["span"]), "entity", f"{m['label']}: {m['entity']}"))
    body = highlight(view["text"], marks)  # type: ignore[arg-type]
    if anchors:
        # Let links point at a span: every mark gets an id from where it starts.
        import re

        body = re.sub(r'data-span="(\d+)-', r'id="s\1" data-span="\1-', body)
    return body
