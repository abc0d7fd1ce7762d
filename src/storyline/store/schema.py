"""The SQLite schema, as an ordered list of migrations.

``PRAGMA user_version`` holds how many migrations a database has had; opening a database applies
the missing ones in one transaction each. Never edit a migration that has shipped: add a new one.

Every record table keeps a few columns to query and sort on, plus ``data``: the whole record as
JSON (``model.to_dict``), so a field added to a record needs no migration to be stored.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, per-article records, corpus-level entities, full-text search.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE articles (
        id           TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title        TEXT,
        outlet       TEXT,
        url          TEXT,
        published    TEXT,
        date_source  TEXT,
        date_guess   INTEGER NOT NULL DEFAULT 0,
        source       TEXT,
        format       TEXT,
        word_count   INTEGER NOT NULL,
        duplicate_of TEXT,
        text         TEXT NOT NULL,
        data         TEXT NOT NULL,
        ingested_at  TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        label TEXT NOT NULL, entity TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);

    CREATE TABLE roles (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        entity TEXT NOT NULL, title TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX roles_article ON roles(article_id);

    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        speaker_text TEXT, speaker_entity TEXT,
        kind TEXT NOT NULL, cue_class TEXT, date TEXT,
        content_text TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);

    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        type TEXT NOT NULL, value TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX times_article ON times(article_id);

    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        date TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_date ON events(date);

    -- Corpus level: recomputed from the per-article records after every ingest.
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL, label TEXT NOT NULL,
        mention_count INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE entity_links (
        article_id TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT NOT NULL,
        PRIMARY KEY (article_id, name)
    );
    CREATE INDEX entity_links_entity ON entity_links(entity_id);

    -- External-content full-text indexes: the text is stored once, in its table; the store adds
    -- index rows itself when it writes an article (articles are never edited once stored).
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content_text, speaker_text, content='quotes', content_rowid='rowid');
    """,
    # 2: a user's corrections to entity resolution, kept apart from everything derived, so they
    # survive re-analysis and are applied every time the corpus steps run.
    """
    CREATE TABLE entity_overrides (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (kind, a, b)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
