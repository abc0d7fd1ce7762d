"""The views shared by the CLI, the web app and the report, over a hand-built store. No spaCy model."""

from __future__ import annotations

from storyline import views
from storyline.store import Store


def _said(rows: list[dict]) -> list[tuple[str | None, str]]:
    return [(q["speaker"], q["text"]) for q in rows]


def test_entity_lists_quotes_about_it_by_others(quoted_db):
    with Store(quoted_db, readonly=True) as store:
        brandt = views.entity(store, "Oskar Brandt")
        varga = views.entity(store, "Lena Varga")
    # what others said about him, in article order; not his own words about himself, nor an
    # attribution that is no statement ("urged")
    assert _said(brandt["quotes_about"]) == [
        ("Lena Varga", "Oskar Brandt had ignored the alarms"),
        ("Lena Varga", "Brandt knew for weeks,"),
        ("the crowd", "Brandt must go,"),
    ]
    assert _said(brandt["quotes"]) == [
        ("Oskar Brandt", "he had done nothing wrong"),
        ("Oskar Brandt", "Lena Varga had never visited the plant"),
    ]
    # the inspector: her own words are statements, not quotes about her; his answer is about her
    assert _said(varga["quotes_about"]) == [("Oskar Brandt", "Lena Varga had never visited the plant")]
    assert [q["text"] for q in varga["quotes"]] == ["Oskar Brandt had ignored the alarms", "Brandt knew for weeks,"]
    row = brandt["quotes_about"][0]
    assert row.keys() == brandt["quotes"][0].keys()
    assert (row["outlet"], row["published"], row["cue"]) == ("Harbour Post", "2025-04-02", "said")


def test_entity_lists_every_mention_with_its_article_and_span(quoted_db):
    with Store(quoted_db, readonly=True) as store:
        brandt = views.entity(store, "Brandt")
        texts = {a.id: a.text for a in store.articles()}
    rows = brandt["mention_list"]
    assert len(rows) == 29 and {m["article_id"] for m in rows} == {"q1", "q2", "q3"}
    assert all(texts[m["article_id"]][m["span"][0] : m["span"][1]] == m["text"] for m in rows)
    assert {m["text"] for m in rows} == {"Oskar Brandt", "Brandt", "he"}
