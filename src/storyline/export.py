"""Exports: any view as JSON lines (one object per record) or CSV (one row per record)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline import views
from storyline.errors import StorylineError
from storyline.store import Store


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of one kind, as JSON-ready dicts."""
    if what == "analyses":
        from storyline.contract import to_contract

        for analysis in store.analyses():
            yield to_contract(analysis)
    elif what == "articles":
        yield from views.articles(store)
    elif what == "entities":
        yield from views.entities(store)
    elif what == "quotes":
        yield from views.quotes(store, everything=True)  # exports keep every attribution
    elif what == "timeline":
        yield from views.timeline(store, include_statements=True)
    else:
        raise StorylineError(f"cannot export {what!r}: choose analyses, articles, entities, quotes or timeline")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export(store: Store, what: str, fmt: str, out: TextIO) -> int:
    """Write the records of kind ``what`` to ``out`` as ``jsonl`` or ``csv``; return how many."""
    if fmt == "csv" and what == "analyses":
        raise StorylineError("the per-article analyses are nested: export them as jsonl, or choose --what articles|entities|quotes|timeline for CSV")
    n = 0
    if fmt == "jsonl":
        for row in records(store, what):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt != "csv":
        raise StorylineError(f"unknown format {fmt!r}: choose jsonl or csv")
    writer: csv.DictWriter | None = None
    for row in records(store, what):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        n += 1
    return n
