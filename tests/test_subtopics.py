"""Articles grouped into stories by shared content words, names and numbers."""

from __future__ import annotations

from storyline.corpus.subtopics import story_groups, stories
from storyline.model import Article

QUAKE_A = ("A magnitude 6.1 earthquake struck the Varnholt valley on Tuesday, toppling chimneys in "
           "Eskeby and cutting power to 4,000 homes, the Varnholt seismic office said.")
QUAKE_A2 = ("Residents of Eskeby spent a second night outdoors after Tuesday's 6.1 earthquake in the "
            "Varnholt valley; the seismic office counted 40 aftershocks.")
QUAKE_B = ("A magnitude 4.8 earthquake shook the coastal town of Molvik in 2019, cracking the harbour "
           "wall; Molvik's mayor said no one was hurt.")
QUAKE_B2 = ("Engineers inspected the Molvik harbour wall after the 4.8 earthquake; the mayor promised "
            "repairs before winter.")


def test_two_stories_on_one_subject_are_told_apart():
    groups = story_groups([QUAKE_A, QUAKE_B, QUAKE_A2, QUAKE_B2])
    assert groups[0] == groups[2] and groups[1] == groups[3]
    assert groups[0] != groups[1]


def test_stories_keys_by_article_id():
    articles = [Article(id=f"x{i}", text=t) for i, t in enumerate([QUAKE_A, QUAKE_A2, QUAKE_B])]
    keys = stories(articles)
    assert keys["x0"] == keys["x1"] != keys["x2"]
    assert story_groups([]) == []
    assert story_groups([QUAKE_A]) == [0]
    # A threshold no pair reaches keeps every article apart.
    assert len(set(story_groups([QUAKE_A, QUAKE_A2], threshold=1.01))) == 2


def test_a_corpus_larger_than_a_block_is_blocked_by_telling_words():
    texts = [QUAKE_A, QUAKE_B, QUAKE_A2, QUAKE_B2]
    articles = [Article(id=f"x{i}", text=t) for i, t in enumerate(texts)]
    keys = stories(articles, block=3)  # four articles, blocks of at most three
    assert keys["x0"] == keys["x2"] and keys["x1"] == keys["x3"]
    assert keys["x0"] != keys["x1"]
    assert stories(articles) == {"x0": "story-0", "x1": "story-1", "x2": "story-0", "x3": "story-1"}
