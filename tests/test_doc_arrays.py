"""The Doc's parse as integer lists (storyline.nlp.doc_arrays) against spaCy's own answers, and
the indexed name lookup (speakers.Names) against a plain scan."""

from __future__ import annotations

import random

from storyline.nlp import doc_arrays
from storyline.nlp.speakers import Name, Names, name_at

TEXT = (
    "Harbour Mayor Ines Varga, who took office in May, said on Monday that the pier, which the "
    "council closed after the storm, would reopen; critics — among them two engineers — were not sure.\n\n"
    '"We will see," said Tom Albury, adding that the repairs had cost "far more than planned".'
)


def test_arrays_agree_with_the_parse(nlp) -> None:  # noqa: ANN001
    doc = nlp(TEXT)
    a = doc_arrays.arrays(doc)
    assert a.heads == [t.head.i for t in doc]
    assert a.left == [t.left_edge.i for t in doc]
    assert a.children == [[c.i for c in t.children] for t in doc]
    assert a.blank == [t.is_punct or t.is_space for t in doc]
    assert a.dep == [doc_arrays.string_id(t.dep_) for t in doc]
    assert a.orth == [doc_arrays.string_id(t.text) for t in doc]
    assert a.lower == [doc_arrays.string_id(t.lower_) for t in doc]
    assert a.pos == [doc_arrays.pos_id(t.pos_) for t in doc]
    assert a.heads_with(frozenset({"nsubj"})) == {t.head.i for t in doc if t.dep_ == "nsubj"}
    assert [a.sentence_text(t.i) for t in doc] == [t.sent.text for t in doc]
    assert doc_arrays.arrays(doc) is a  # kept while the Doc lives
    doc_arrays.clear()
    assert doc_arrays.arrays(doc) is not a


def test_left_edges_of_a_hand_made_tree() -> None:
    # 0 <- 1 -> 3, 2 <- 3 (3 heads 2, 1 heads 0 and 3; 1 is the root), 4 a second root
    assert doc_arrays.left_edges([1, 1, 3, 1, 4]) == [0, 0, 2, 2, 4]
    assert doc_arrays.left_edges([]) == []


def test_empty_doc(nlp) -> None:  # noqa: ANN001
    a = doc_arrays.arrays(nlp(""))
    assert a.heads == a.left == a.children == []


def test_indexed_name_lookup_matches_a_scan() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = sorted((s, s + rng.randint(1, 12)) for s in rng.sample(range(200), 15))
        names = [Name(span, "PERSON", f"n{i}") for i, span in enumerate(spans)]
        indexed = Names(names)
        for _ in range(20):
            start = rng.randint(0, 210)
            end = start + rng.randint(1, 10)
            assert name_at(indexed, start, end) == name_at(list(names), start, end)
