"""storyline: turn a pile of news articles into a sourced account of a story.

The public API::

    import storyline
    for obj in storyline.extract(["articles/"]):        # the JSON contract, no database
        ...
    with storyline.Store("story.db") as store:
        storyline.ingest(["articles/"], store)
        storyline.views.quotes(store, speaker="Peskov")

Everything is imported lazily, so importing storyline is cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Article": "storyline.model",
    "Analysis": "storyline.model",
    "Mention": "storyline.model",
    "Entity": "storyline.model",
    "Quote": "storyline.model",
    "Time": "storyline.model",
    "Event": "storyline.model",
    "Role": "storyline.model",
    "TimelineEntry": "storyline.model",
    "StorylineError": "storyline.errors",
    "InputError": "storyline.errors",
    "Store": "storyline.store",
    "ingest": "storyline.jobs",
    "extract": "storyline.jobs",
    "refresh_corpus": "storyline.jobs",
    "analyze": "storyline.analyze",
    "analyze_doc": "storyline.analyze",
    "to_contract": "storyline.contract",
    "read": "storyline.ingest",
    "load_pipeline": "storyline.nlp.pipeline",
}
_RENAMED = {"load_pipeline": "load"}


def __getattr__(name: str) -> Any:
    if name == "views":
        import importlib

        return importlib.import_module("storyline.views")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), _RENAMED.get(name, name))


__all__ = sorted([*_LAZY, "views"])
