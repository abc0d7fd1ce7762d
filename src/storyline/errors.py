"""Typed errors. Raised inside the library, translated at the edge (CLI message, HTTP 4xx)."""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """One input (file, line, record) cannot be turned into an article. Batches log it and go on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(StorylineError):
    """The spaCy pipeline asked for cannot be loaded."""


class StoreError(StorylineError):
    """The database cannot be opened, is from a newer storyline, or a query is invalid."""


class NotFound(StorylineError):
    """A record asked for by id or name does not exist."""
