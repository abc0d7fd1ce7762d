"""The store: transactions, content-derived ids, migrations, search, filters. No spaCy model."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.errors import NotFound, StoreError
from storyline.model import Analysis, Article, Entity, Event, Mention, Quote, Role, Time
from storyline.store import Store, fts_query
from storyline.store.schema import SCHEMA_VERSION

TEXT = 'Mayor Ruth Okafor said on Monday that the river was safe. "We acted fast," she said.'


def _analysis(text: str = TEXT, aid: str = "a1", outlet: str = "Coastal Wire") -> Analysis:
    art = Article(id=aid, text=text, title="River safe, mayor says", outlet=outlet, published="2025-03-03")
    s = text.index("Ruth Okafor")
    q1 = text.index("the river was safe")
    q2 = text.index("We acted fast")
    w = text.index("day that") - 3  # "Monday" or "Tuesday"'s last six letters: any 6 chars will do
    return Analysis(
        article=art,
        mentions=(Mention(aid, (s, s + 11), "Ruth Okafor", "PERSON", "Ruth Okafor"),),
        roles=(Role("Ruth Okafor", "Mayor", aid, (0, 5), "2025-03-03"),),
        quotes=(
            Quote(aid, ((q1, q1 + 18),), "indirect", speaker=(s, s + 11), speaker_text="Ruth Okafor",
                  speaker_entity="Ruth Okafor", cue_text="said", cue_class="assert", date="2025-03-03",
                  date_source="sentence"),
            Quote(aid, ((q2, q2 + 13),), "direct", speaker_text="she", speaker_entity="Ruth Okafor",
                  date="2025-03-03", date_source="article"),
        ),
        times=(Time(aid, (w, w + 6), text[w : w + 6], "DATE", "2025-03-03"),),
        events=(Event(aid, (0, 56), text[:56], "2025-03-03"),),
    )


def test_save_is_idempotent_and_round_trips(tmp_path):
    db = tmp_path / "s.db"
    a = _analysis()
    with Store(db) as store:
        assert store.save(a) is True
        assert store.save(a) is False  # same id
        assert store.save(_analysis(aid="other")) is False  # same text, other id
        back = store.analysis("a1")
    assert back.article == a.article
    assert back.mentions == a.mentions and back.roles == a.roles
    assert back.times == a.times and back.events == a.events
    assert sorted(back.quotes, key=lambda q: q.content) == sorted(a.quotes, key=lambda q: q.content)
    with Store(db) as store:
        assert store.stats()["articles"] == 1 and store.stats()["quotes"] == 2


def test_interrupted_write_leaves_nothing(tmp_path):
    store = Store(tmp_path / "s.db")
    bad = _analysis()
    # A mention with a missing column value makes the INSERT fail half way through the article.
    broken = Analysis(article=bad.article, mentions=(Mention("a1", (0, 1), "M", None, "M"),))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.save(broken)
    assert store.stats()["articles"] == 0 and store.stats()["mentions"] == 0
    assert store.save(bad) is True  # a re-run finishes the job


def test_search_articles_and_quotes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(_analysis())
        hits = store.search("acted fast")
        kinds = {h.kind for h in hits}
        assert kinds == {"article", "quote"}
        quote_hit = next(h for h in hits if h.kind == "quote")
        assert quote_hit.speaker == "Ruth Okafor" and "[acted]" in quote_hit.snippet
        assert store.search("nonexistentword") == []
        # punctuation and FTS operators typed by a user do not break the query
        assert store.search('"safe river) OR') == []  # every word must occur
        assert store.search('"safe river') != []


def test_fts_query_quotes_every_term():
    assert fts_query('Okafor\'s "river" NOT') == '"Okafor\'s" "river" "NOT"'
    assert fts_query("pesk*") == '"pesk"*'
    with pytest.raises(StoreError):
        fts_query("  ... ")


def test_quote_filters_use_entity_aliases(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(_analysis())
        store.save(_analysis(text=TEXT.replace("Monday", "Tuesday"), aid="a2", outlet="The Ledger"))
        ent = Entity(id="e1", name="Ruth Okafor", label="PERSON", aliases=("R. Okafor-Smith",), mention_count=2)
        store.replace_entities([ent], {("a1", "Ruth Okafor"): "e1", ("a2", "Ruth Okafor"): "e1"})
        assert len(store.quotes(speaker="Okafor-Smith")) == 4  # via the alias
        assert len(store.quotes(speaker="okafor", outlet="ledger")) == 2
        assert len(store.quotes(kind="direct")) == 2
        assert store.quotes(speaker="Nobody") == []
        assert store.entity("ruth okafor").id == "e1"
        assert store.entity("Okafor-Smith").id == "e1"
        with pytest.raises(NotFound):
            store.entity("Nobody")


def test_migrations_version_and_newer_database_refused(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer storyline"):
        Store(db)


def test_not_a_database_and_missing_database(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a storyline database"):
        Store(junk)
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.db", readonly=True)


def test_duplicates_links_replace(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(_analysis())
        store.save(_analysis(text=TEXT + " Extra.", aid="a2"))
        store.set_duplicates({"a2": "a1"})
        assert store.article("a2").duplicate_of == "a1"
        store.set_duplicates({})
        assert store.article("a2").duplicate_of is None
        assert store.article("a").id in {"a1", "a2"}  # id prefix lookup


def test_entity_overrides_are_kept_once_and_removable(tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = store.add_override("merge", "Vantor", "Vantor Chemicals")
        assert store.add_override("merge", "Vantor Chemicals", "Vantor") == first  # same pair, either order
        split = store.add_override("split", "Ruth Okafor", "Daniel Okafor")
        assert store.overrides() == [(first, "merge", "Vantor", "Vantor Chemicals"),
                                     (split, "split", "Daniel Okafor", "Ruth Okafor")]
        with pytest.raises(StoreError):
            store.add_override("merge", "Vantor", "vantor")
        with pytest.raises(StoreError):
            store.add_override("join", "A", "B")
        store.remove_override(first)
        assert [o[1] for o in store.overrides()] == ["split"]
        with pytest.raises(NotFound):
            store.remove_override(first)


def test_an_older_database_is_migrated_in_place(tmp_path):
    from storyline.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    con.close()
    with Store(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.add_override("split", "A B", "C B")  # the table of migration 2 is there
        assert store.save(_analysis()) is True
