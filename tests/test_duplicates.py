"""Near-duplicate (wire copy) detection with MinHash LSH."""

from __future__ import annotations

from storyline.corpus.duplicates import near_duplicates, shingles
from storyline.model import Article, content_id

WIRE = (
    "OSLO, March 7. /NTB/. The harbour authority of Bergvik said on Tuesday that it would close the "
    "northern basin for dredging until the end of the summer, after a survey found that silt had "
    "built up faster than expected. Ferry operators were told to use the southern quay, and the "
    "authority said it would publish a new timetable within two weeks. Local fishermen criticised "
    "the decision, saying they had warned the board about the silt two years ago and had been "
    "ignored. The board's chair, Ingrid Dahl, said the work would cost about twelve million crowns."
)


def art(text: str, id_: str | None = None) -> Article:
    return Article(id=id_ or content_id(text), text=text)


def test_shingles() -> None:
    assert shingles("One two three four five six", size=5) == {b"one two three four five", b"two three four five six"}
    assert shingles("Too short", size=5) == {b"too short"}
    assert shingles("") == set()


def test_wire_copies_map_to_the_first_article() -> None:
    original = art(WIRE, "a")
    # A carrier adds a byline and a closing line: the same story.
    copy = art("By Staff Reporter\n\n" + WIRE + " The authority did not say who would pay.", "b")
    # A copy of the copy with its end cut still points at the original.
    copy_of_copy = art("By Staff Reporter\n\n" + WIRE[:-60], "c")
    other = art(
        "The city council of Riverside voted on Monday to build a second bridge across the river, "
        "despite warnings from engineers that the budget was too small and that the site flooded "
        "every spring. The mayor, Ana Ruiz, said construction would start next year.",
        "d",
    )
    assert near_duplicates([original, copy, other, copy_of_copy]) == {"b": "a", "c": "a"}


def test_threshold_and_exact_copies() -> None:
    first = art(WIRE, "a")
    same = art(WIRE, "b")  # an exact copy under another id is also a near-duplicate
    half = art(WIRE[: len(WIRE) // 2] + " Something else entirely was said about the weather today.", "c")
    assert near_duplicates([first, same, half]) == {"b": "a"}
    assert near_duplicates([first, half], threshold=0.3) == {"c": "a"}


def test_no_words_and_repeated_ids_are_ignored() -> None:
    assert near_duplicates([art("", "e"), art("...", "f"), art(WIRE, "a"), art(WIRE, "a")]) == {}
    assert near_duplicates([]) == {}


def test_jaccard_decides_not_the_estimate() -> None:
    from storyline.corpus.duplicates import jaccard

    assert jaccard({b"a", b"b"}, {b"b", b"c"}) == 1 / 3 and jaccard(set(), set()) == 0.0
    # A copy whose true similarity is just over the threshold is found, one just under is not.
    words = [f"w{i}" for i in range(200)]
    base = art(" ".join(words), "a")
    near = art(" ".join(words[:182] + [f"x{i}" for i in range(18)]), "b")  # 180/216 shingles ≈ 0.83
    far = art(" ".join(words[:170] + [f"y{i}" for i in range(30)]), "c")  # 168/228 ≈ 0.74
    assert near_duplicates([base, near, far]) == {"b": "a"}
