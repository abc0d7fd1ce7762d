"""The store: the only code in storyline that talks to the database.

One SQLite file. Each article is written with all its records in one transaction, so an
interrupted ingest leaves whole articles or nothing. Ids derive from content, so writing the same
article again changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from storyline.errors import NotFound, StoreError
from storyline.model import (
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    Role,
    Time,
    content_id,
    from_dict,
    to_dict,
)
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_PATH = "storyline.db"


def default_path() -> str:
    """The database path from ``STORYLINE_DB``, else ``./storyline.db``."""
    return os.environ.get("STORYLINE_DB") or DEFAULT_PATH


def quote_id(quote: Quote) -> str:
    """A content-derived id for a quote: its article and its spans."""
    return content_id(quote.article_id, json.dumps(quote.content), str(quote.speaker), quote.kind)


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result: an article or a quote, with a highlighted snippet."""

    kind: str  # "article" or "quote"
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    quote_id: str | None = None
    speaker: str | None = None


def _json(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


def fts_query(text: str) -> str:
    """A safe FTS5 query for what a user typed: every word must occur (quoted, so punctuation or
    words like NOT cannot break the syntax); a trailing ``*`` keeps prefix search."""
    terms = []
    for word in re.findall(r"[\w*][\w'’*-]*", text):
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    if not terms:
        raise StoreError(f"nothing to search for in {text!r}")
    return " ".join(terms)


class Store:
    """A storyline database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> None:
        self.path = str(path or default_path())
        self._lock = threading.RLock()
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `storyline ingest` first, or give --db)")
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.path} is not a storyline database: {exc}") from exc

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer storyline (schema {version} > {SCHEMA_VERSION})"
            )
        for number in range(version, SCHEMA_VERSION):
            # executescript commits any open transaction first, so the script carries its own.
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def _transaction(self) -> "_Transaction":
        return _Transaction(self)

    # -- meta --------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction():
            self.db.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- writing -----------------------------------------------------------------------------

    def find_duplicate(self, article: Article) -> str | None:
        """The id of a stored article with the same id or the same text, if any."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE id = ? OR content_hash = ?",
            (article.id, article.content_hash),
        ).fetchone()
        return row[0] if row else None

    def save(self, analysis: Analysis) -> bool:
        """Store an article with all its records in one transaction.

        Returns False (and writes nothing) when the article, or one with the same text, is
        already stored.
        """
        a = analysis.article
        with self._transaction():
            if self.find_duplicate(a):
                return False
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            cur = self.db.execute(
                "INSERT INTO articles(id, content_hash, title, outlet, url, published, date_source,"
                " date_guess, source, format, word_count, duplicate_of, text, data, ingested_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id, a.content_hash, a.title, a.outlet, a.url, a.published, a.date_source,
                    int(a.date_guess), a.source, a.format, a.word_count, a.duplicate_of, a.text,
                    _json(_without_text(a)), now,
                ),
            )
            self.db.execute(
                "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                (cur.lastrowid, a.title or "", a.text),
            )
            self.db.executemany(
                'INSERT INTO mentions(article_id, start, "end", label, entity, data) VALUES (?,?,?,?,?,?)',
                [(a.id, m.span[0], m.span[1], m.label, m.entity, _json(m)) for m in analysis.mentions],
            )
            self.db.executemany(
                'INSERT INTO roles(article_id, start, "end", entity, title, data) VALUES (?,?,?,?,?,?)',
                [(a.id, r.span[0], r.span[1], r.entity, r.title, _json(r)) for r in analysis.roles],
            )
            self.db.executemany(
                'INSERT INTO times(article_id, start, "end", type, value, data) VALUES (?,?,?,?,?,?)',
                [(a.id, t.span[0], t.span[1], t.type, t.value, _json(t)) for t in analysis.times],
            )
            self.db.executemany(
                'INSERT INTO events(article_id, start, "end", date, data) VALUES (?,?,?,?,?)',
                [(a.id, e.span[0], e.span[1], e.date, _json(e)) for e in analysis.events],
            )
            for q in analysis.quotes:
                content = q.content_text(a.text)
                qcur = self.db.execute(
                    "INSERT OR IGNORE INTO quotes(id, article_id, start, speaker_text, speaker_entity,"
                    " kind, cue_class, date, content_text, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (
                        quote_id(q), a.id, q.content[0][0] if q.content else 0, q.speaker_text,
                        q.speaker_entity, q.kind, q.cue_class, q.date, content, _json(q),
                    ),
                )
                if qcur.rowcount:
                    self.db.execute(
                        "INSERT INTO quotes_fts(rowid, content_text, speaker_text) VALUES (?, ?, ?)",
                        (qcur.lastrowid, content, " ".join(filter(None, [q.speaker_text, q.speaker_entity]))),
                    )
        return True

    def set_duplicates(self, links: dict[str, str]) -> None:
        """Record near-duplicate links (copy id → original id), replacing earlier ones."""
        with self._transaction():
            self.db.execute("UPDATE articles SET duplicate_of = NULL")
            self.db.executemany(
                "UPDATE articles SET duplicate_of = ? WHERE id = ?",
                [(orig, copy) for copy, orig in links.items()],
            )

    def replace_entities(self, entities: Iterable[Entity], links: dict[tuple[str, str], str]) -> None:
        """Replace the corpus-level entities and the (article, local name) → entity links."""
        with self._transaction():
            self.db.execute("DELETE FROM entities")
            self.db.execute("DELETE FROM entity_links")
            self.db.executemany(
                "INSERT INTO entities(id, name, label, mention_count, data) VALUES (?,?,?,?,?)",
                [(e.id, e.name, e.label, e.mention_count, _json(e)) for e in entities],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO entity_links(article_id, name, entity_id) VALUES (?,?,?)",
                [(aid, name, eid) for (aid, name), eid in links.items()],
            )

    def add_override(self, kind: str, a: str, b: str) -> int:
        """Record that entities ``a`` and ``b`` (names or ids) must be merged or kept apart;
        return the override's id. Adding the same override twice changes nothing."""
        if kind not in ("merge", "split"):
            raise StoreError(f"unknown override {kind!r}: merge or split")
        a, b = sorted((a.strip(), b.strip()))
        if not a or not b or a.casefold() == b.casefold():
            raise StoreError(f"{kind} needs two different entities, got {a!r} and {b!r}")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO entity_overrides(kind, a, b, created_at) VALUES (?,?,?,?)",
                (kind, a, b, now),
            )
            return self.db.execute(
                "SELECT id FROM entity_overrides WHERE kind = ? AND a = ? AND b = ?", (kind, a, b)
            ).fetchone()[0]

    def remove_override(self, override_id: int) -> None:
        with self._transaction():
            if not self.db.execute("DELETE FROM entity_overrides WHERE id = ?", (override_id,)).rowcount:
                raise NotFound(f"no override {override_id}")

    def overrides(self) -> list[tuple[int, str, str, str]]:
        """Every override as ``(id, kind, a, b)``, oldest first (the order they are applied in)."""
        return [tuple(r) for r in self.db.execute("SELECT id, kind, a, b FROM entity_overrides ORDER BY id")]

    # -- reading -----------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in {"articles", "mentions", "quotes", "times", "events", "entities", "roles"}:
            raise StoreError(f"no table {table!r}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(self, *, outlet: str | None = None, limit: int | None = None) -> list[Article]:
        """Stored articles, oldest publication date first (undated last)."""
        sql = "SELECT text, duplicate_of, data FROM articles"
        args: list[Any] = []
        if outlet:
            sql += " WHERE outlet LIKE ?"
            args.append(f"%{outlet}%")
        sql += " ORDER BY published IS NULL, published, rowid"  # same day: in ingest order
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [_article(row) for row in self.db.execute(sql, args)]

    def article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT text, duplicate_of, data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT text, duplicate_of, data FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
            ).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id!r}")
        return _article(row)

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY rowid")]

    def _records(self, table: str, cls: type, article_id: str | None = None, order: str = "start") -> list:
        sql = f"SELECT data FROM {table}"
        args: tuple[Any, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args = (article_id,)
        sql += f" ORDER BY article_id, {order}"
        return [from_dict(cls, json.loads(r[0])) for r in self.db.execute(sql, args)]

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        return self._records("mentions", Mention, article_id)

    def roles(self, article_id: str | None = None) -> list[Role]:
        return self._records("roles", Role, article_id)

    def times(self, article_id: str | None = None) -> list[Time]:
        return self._records("times", Time, article_id)

    def events(self, article_id: str | None = None) -> list[Event]:
        return self._records("events", Event, article_id)

    def analysis(self, article_id: str) -> Analysis:
        """Everything stored for one article."""
        article = self.article(article_id)
        aid = article.id
        return Analysis(
            article=article,
            mentions=tuple(self.mentions(aid)),
            quotes=tuple(self.quotes(article_id=aid)),
            times=tuple(self.times(aid)),
            events=tuple(self.events(aid)),
            roles=tuple(self.roles(aid)),
        )

    def analyses(self) -> Iterator[Analysis]:
        """Every stored article's analysis, in storage order."""
        for aid in self.article_ids():
            yield self.analysis(aid)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        article_id: str | None = None,
        kind: str | None = None,
    ) -> list[Quote]:
        """Attributed quotes, by article date then position. ``speaker`` matches the speaker's
        words, the resolved name, or any alias of the entity it resolves to."""
        sql = "SELECT q.data FROM quotes q JOIN articles a ON a.id = q.article_id WHERE 1=1"
        args: list[Any] = []
        if article_id:
            sql += " AND q.article_id = ?"
            args.append(article_id)
        if outlet:
            sql += " AND a.outlet LIKE ?"
            args.append(f"%{outlet}%")
        if kind:
            sql += " AND q.kind = ?"
            args.append(kind)
        if speaker:
            like = f"%{speaker}%"
            ids = [e.id for e in self.entities(name=speaker)]
            marks = ",".join("?" * len(ids))
            sql += (
                " AND (q.speaker_entity LIKE ? OR q.speaker_text LIKE ? OR EXISTS ("
                " SELECT 1 FROM entity_links l WHERE l.article_id = q.article_id"
                f" AND l.name = q.speaker_entity AND l.entity_id IN ({marks})))"
            )
            args += [like, like, *ids]
        sql += " ORDER BY a.published IS NULL, a.published, q.article_id, q.start"
        return [from_dict(Quote, json.loads(r[0])) for r in self.db.execute(sql, args)]

    def entities(self, *, label: str | None = None, name: str | None = None) -> list[Entity]:
        """Corpus-level entities, most mentioned first. ``name`` matches the name or an alias."""
        sql = "SELECT data FROM entities WHERE 1=1"
        args: list[Any] = []
        if label:
            sql += " AND label = ?"
            args.append(label.upper())
        if name:
            sql += " AND (name LIKE ? OR data LIKE ?)"  # a coarse filter; the exact test follows
            args += [f"%{name}%", f"%{name}%"]
        sql += " ORDER BY mention_count DESC, name"
        found = [from_dict(Entity, json.loads(r[0])) for r in self.db.execute(sql, args)]
        if name:
            key = name.casefold()
            found = [e for e in found if any(key in n.casefold() for n in (e.name, *e.aliases))]
        return found

    def entity(self, key: str) -> Entity:
        """One entity by id, exact name, or unique partial name/alias."""
        row = self.db.execute(
            "SELECT data FROM entities WHERE id = ? OR name = ? COLLATE NOCASE "
            "ORDER BY mention_count DESC LIMIT 1",
            (key, key),
        ).fetchone()
        if row:
            return from_dict(Entity, json.loads(row[0]))
        found = self.entities(name=key)
        if not found:
            raise NotFound(f"no entity matches {key!r}")
        return found[0]

    def entity_links(self) -> dict[tuple[str, str], str]:
        return {(r[0], r[1]): r[2] for r in self.db.execute("SELECT article_id, name, entity_id FROM entity_links")}

    def entity_names(self) -> dict[str, str]:
        """Entity id → canonical name."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, name FROM entities")}

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article titles and texts, and over quotes and their speakers."""
        match = fts_query(query)
        hits: list[SearchHit] = []
        try:
            for r in self.db.execute(
                "SELECT a.id, a.title, a.outlet, a.published,"
                " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snip"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit),
            ):
                hits.append(SearchHit("article", r["id"], r["title"], r["outlet"], r["published"], r["snip"]))
            for r in self.db.execute(
                "SELECT q.id, q.article_id, a.title, a.outlet, a.published, q.speaker_entity,"
                " q.speaker_text, snippet(quotes_fts, 0, '[', ']', ' … ', 16) AS snip"
                " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
                " JOIN articles a ON a.id = q.article_id"
                " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit),
            ):
                hits.append(
                    SearchHit(
                        "quote", r["article_id"], r["title"], r["outlet"], r["published"], r["snip"],
                        quote_id=r["id"], speaker=r["speaker_entity"] or r["speaker_text"],
                    )
                )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {query!r}: {exc}") from exc
        return hits

    def stats(self) -> dict[str, int]:
        """Counts of every kind of record."""
        return {t: self.count(t) for t in ("articles", "mentions", "quotes", "times", "events", "entities")}

    def outlets(self) -> list[tuple[str, int]]:
        return [
            (r[0] or "(unknown)", r[1])
            for r in self.db.execute("SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY 2 DESC")
        ]


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (Ctrl-C included)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.nested = False

    def __enter__(self) -> None:
        self.store._lock.acquire()
        self.nested = self.store.db.in_transaction
        if not self.nested:
            self.store.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            if not self.nested:
                if exc_type is None:
                    self.store.db.execute("COMMIT")
                else:
                    self.store.db.execute("ROLLBACK")
        finally:
            self.store._lock.release()


def _without_text(article: Article) -> Article:
    # The text has its own column; keep it out of the JSON copy so it is stored once.
    from dataclasses import replace

    return replace(article, text="", content_hash=article.content_hash)


def _article(row: sqlite3.Row) -> Article:
    data = json.loads(row["data"])
    data["text"] = row["text"]
    data["duplicate_of"] = row["duplicate_of"]  # the column is the truth: links are recomputed
    return from_dict(Article, data)


def records_by_article(records: Sequence[Any]) -> dict[str, list[Any]]:
    """Group records by their ``article_id``."""
    grouped: dict[str, list[Any]] = {}
    for r in records:
        grouped.setdefault(r.article_id, []).append(r)
    return grouped
