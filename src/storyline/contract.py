"""The machine-readable contract: one JSON object per article (see DESIGN.md).

Keep it stable: add fields freely, never rename or drop one without a deprecation.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Analysis, Span


def _span(span: Span | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None


def to_contract(analysis: Analysis) -> dict[str, Any]:
    """The contract object for one analysed article."""
    a = analysis.article
    text = a.text
    return {
        "id": a.id,
        "published": a.published,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "date_source": a.date_source,
        "date_guess": a.date_guess,
        "entities": [
            {"span": _span(m.span), "text": m.text, "label": m.label, "entity": m.entity}
            for m in analysis.mentions
        ],
        "quotes": [
            {
                "content": [_span(s) for s in q.content],
                "speaker": _span(q.speaker),
                "speaker_entity": q.speaker_entity,
                "cue": _span(q.cue),
                "kind": q.kind,
                "date": q.date,
                "confidence": round(q.confidence, 3),
                "speaker_text": q.speaker_text,
                "cue_text": q.cue_text,
                "cue_class": q.cue_class,
                "date_source": q.date_source,
                "text": q.content_text(text),
            }
            for q in analysis.quotes
        ],
        "times": [
            {"span": _span(t.span), "text": t.text, "type": t.type, "value": t.value, "mod": t.mod}
            for t in analysis.times
        ],
        "events": [
            {
                "span": _span(e.span),
                "text": e.text,
                "date": e.date,
                "participants": list(e.participants),
                "trigger": _span(e.trigger),
                "kind": getattr(e, "kind", "event"),
            }
            for e in analysis.events
        ],
        "roles": [
            {"span": _span(r.span), "entity": r.entity, "title": r.title, "date": r.date}
            for r in analysis.roles
        ],
    }
