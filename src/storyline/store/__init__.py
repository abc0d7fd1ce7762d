"""The store: SQLite persistence. The only package that talks to the database."""

from storyline.store.database import SearchHit, Store, default_path, fts_query, quote_id

__all__ = ["SearchHit", "Store", "default_path", "fts_query", "quote_id"]
