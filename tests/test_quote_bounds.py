"""Where reported content starts and ends (the learned boundary models), and speaker extents."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from storyline.model import Article


def run(nlp, text: str):  # type: ignore[no-untyped-def]
    from storyline.nlp.quotes import quotes

    return quotes(nlp(text), Article(id="t", text=text))


def token(doc, word: str, nth: int = 0):  # type: ignore[no-untyped-def]
    return [t for t in doc if t.text == word][nth]


# --- content starts --------------------------------------------------------------------------


def test_start_model_ships_with_the_package():
    from storyline.nlp import quote_bounds

    assert len(quote_bounds.start_weights()) > 1000


@pytest.mark.model
def test_start_candidates_cut_whole_constituents_only(nlp):
    from storyline.nlp import quote_bounds

    doc = nlp("Mayor Lena Varga urged the harbour board to reopen the ferry line.")
    urged = token(doc, "urged")
    first, last = token(doc, "the").i, token(doc, "line").i
    cands = quote_bounds.start_candidates(doc, first, last, urged, urged.i)
    starts = {k for k, _ in cands}
    assert (first, "keep") in cands
    assert token(doc, "to").i in starts  # after "the harbour board"
    assert token(doc, "harbour").i not in starts  # inside the object
    assert all(first <= k <= last and not doc[k].is_punct for k, how in cands if how != "give")
    # Words cut off may join the cue only when they follow it directly.
    assert not any(how == "cue" for _, how in quote_bounds.start_candidates(doc, first, last, urged, urged.i - 1))


@pytest.mark.model
def test_start_candidates_can_hand_a_trailing_preposition_to_the_content(nlp):
    from storyline.nlp import quote_bounds

    doc = nlp("The ministry responded by closing every harbour in the south.")
    responded, by = token(doc, "responded"), token(doc, "by")
    first, last = by.i + 1, token(doc, "south").i
    cands = quote_bounds.start_candidates(doc, first, last, responded, by.i)
    assert (by.i, "give") in cands
    assert not any(how == "give" for _, how in quote_bounds.start_candidates(doc, first, last, responded, responded.i))


@pytest.mark.model
def test_start_features_describe_what_is_cut(nlp):
    from storyline.nlp import quote_bounds

    doc = nlp("Mayor Lena Varga urged the harbour board to reopen the ferry line.")
    urged = token(doc, "urged")
    first, last, k = token(doc, "the").i, token(doc, "line").i, token(doc, "to").i
    feats = quote_bounds.start_features(doc, first, last, k, "none", urged)
    assert "s=none" in feats and "s=none|cue=urge" in feats
    keep = quote_bounds.start_features(doc, first, last, first, "keep", urged)
    assert "s=keep" in keep and not any(f.startswith("s=none") for f in keep)


@pytest.mark.model
def test_start_model_off_keeps_the_parse_start(nlp, monkeypatch):
    from storyline.nlp import quote_bounds

    monkeypatch.setattr(quote_bounds, "start_weights", lambda: {})
    doc = nlp("Mayor Lena Varga urged the harbour board to reopen the ferry line.")
    urged = token(doc, "urged")
    first, last = token(doc, "the").i, token(doc, "line").i
    assert quote_bounds.best_start(doc, first, last, urged, urged.i) == (first, "keep")


@pytest.mark.model
def test_a_moved_start_keeps_spans_consistent(nlp):
    text = (
        "Councillor Ana Ruiz accused the harbour board of hiding the audit. "
        "The ministry responded by closing every harbour in the south."
    )
    for q in run(nlp, text):
        for s, e in q.content:
            assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()
        assert q.cue is not None and q.cue_text == text[q.cue[0] : q.cue[1]]
        # Content and cue never overlap, whichever way the words between them went.
        assert not any(s < q.cue[1] and q.cue[0] < e for s, e in q.content)


# --- speaker extents ---------------------------------------------------------------------------


@pytest.mark.model
def test_speaker_leaves_out_a_comma_set_participle(nlp):
    text = "Ana Ruiz, speaking to reporters at the quay, said the ferry would run again in May."
    (q,) = [q for q in run(nlp, text) if q.cue_text and "said" in q.cue_text]
    assert q.speaker_text == "Ana Ruiz"


@pytest.mark.model
def test_speaker_keeps_an_apposition(nlp):
    text = "Tomas Brandt, the head of the dock union, said the strike would end on Friday."
    (q,) = [q for q in run(nlp, text) if q.cue_text and "said" in q.cue_text]
    assert q.speaker_text == "Tomas Brandt, the head of the dock union"


@pytest.mark.model
def test_speaker_drops_a_focusing_adverb_before_a_name_only(nlp):
    from storyline.nlp import speakers

    doc = nlp("Even Varga said the bridge was too expensive.")
    first, last = speakers.speaker_tokens(token(doc, "Varga"))
    assert doc[first : last + 1].text == "Varga"
    doc = nlp("Only twelve voters said the bridge was too expensive.")
    first, last = speakers.speaker_tokens(token(doc, "voters"))
    assert doc[first : last + 1].text == "Only twelve voters"


@pytest.mark.model
def test_speaker_of_a_preposition_is_its_object(nlp):
    from storyline.nlp import speakers

    doc = nlp("There was a warning from the port authority.")
    first, last = speakers.speaker_tokens(token(doc, "from"))
    assert doc[first : last + 1].text == "the port authority"


# --- training ----------------------------------------------------------------------------------


def _script(name: str = "train_quote_bounds"):  # type: ignore[no-untyped-def]
    """A training script under scripts/, loaded as a module."""
    path = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_is_deterministic_and_learns_the_labelled_choice():
    train = _script().train_sparse
    data = [([["a", "x"], ["b", "y"]], 1), ([["a"], ["b"]], 1), ([["b", "x"], ["a"]], 0)] * 5
    first, second = train(data), train(data)
    assert first == second
    assert first["b"] > first["a"]


def test_training_learns_weight_vectors_for_token_vector_slots():
    import numpy as np

    train = _script().train
    up, down = np.array([1.0, 0.0], dtype="float32"), np.array([0.0, 1.0], dtype="float32")
    # The chosen candidate's "last" vector points up, the other's down; the sparse features are alike.
    data = [([["a"], ["a"]], [[("last", down)], [("last", up)]], 1), ([["a"], ["a"]], [[("last", up)], [("last", down)]], 0)] * 5
    (sparse, dense), again = train(data, l2_dense=1.0), train(data, l2_dense=1.0)
    assert (sparse, dense) == again
    assert set(dense) == {"last"} and len(dense["last"]) == 2
    assert dense["last"][0] > dense["last"][1]


def test_end_model_ships_weight_vectors_of_the_pipelines_width():
    from storyline.nlp import quote_bounds

    vectors = quote_bounds.dense_weights()
    assert {"last", "cut", "root"} <= set(vectors)
    assert all(v.shape == (96,) for v in vectors.values())


@pytest.mark.model
def test_dense_slots_describe_the_candidate_end(nlp):
    from storyline.nlp import quote_bounds

    doc = nlp("Mayor Lena Varga said the ferry line would reopen, which surprised the harbour board.")
    said = token(doc, "said")
    first, last, limit = token(doc, "the").i, token(doc, "board").i, token(doc, ".").i
    cut = token(doc, "reopen").i
    slots = dict(quote_bounds.dense_slots(doc, first, last, cut, said, limit))
    assert {"last", "cut", "root", "cue|cut"} <= set(slots)
    assert (slots["last"] == doc.tensor[cut]).all() and (slots["cut"] == doc.tensor[cut + 1]).all()
    # At the sentence's end nothing is cut.
    end = dict(quote_bounds.dense_slots(doc, first, last, last, said, limit))
    assert "cut" not in end and "cue|parse" in end


@pytest.mark.model
def test_end_choice_works_without_token_vectors(nlp):
    from storyline.nlp import quote_bounds

    doc = nlp("Mayor Lena Varga said the ferry line would reopen, which surprised the harbour board.")
    said = token(doc, "said")
    first, last, limit = token(doc, "the").i, token(doc, "board").i, token(doc, ".").i
    with_vectors = quote_bounds.best_end(doc, first, last, said, limit)
    doc.tensor = doc.tensor[:0]  # a Doc read back without its vectors
    assert quote_bounds.dense_slots(doc, first, last, last, said, limit) == []
    without = quote_bounds.best_end(doc, first, last, said, limit)
    assert first <= with_vectors <= limit and first <= without <= limit


# --- how far a cue reaches ------------------------------------------------------------------


def test_extent_model_ships_with_the_package():
    from storyline.nlp import quote_extent

    assert len(quote_extent.weights()) > 1000


@pytest.mark.model
def test_extent_never_takes_the_source_or_the_content(nlp, monkeypatch):
    from storyline.nlp import quote_extent

    doc = nlp("Senator Karl Voss said on Monday that the bridge would open.")
    said, monday = token(doc, "said"), token(doc, "on")
    monkeypatch.setattr(quote_extent, "weights", lambda: {"_bias": 9.0})  # a model that takes everything
    assert quote_extent.joins_cue(monday, said, "none")
    assert not quote_extent.joins_cue(monday, said, "content")
    assert not quote_extent.joins_cue(token(doc, "Voss"), said, "source")


@pytest.mark.model
def test_without_extent_weights_the_frames_roles_decide(nlp, monkeypatch):
    from storyline.nlp import quote_extent

    doc = nlp("Senator Karl Voss said on Monday that the bridge would open.")
    said, on = token(doc, "said"), token(doc, "on")
    monkeypatch.setattr(quote_extent, "weights", lambda: {})
    assert quote_extent.joins_cue(on, said, "cue") and not quote_extent.joins_cue(on, said, "none")


@pytest.mark.model
def test_extent_features_describe_the_dependent(nlp):
    from storyline.nlp import quote_extent

    doc = nlp("Senator Karl Voss said in an interview that the bridge would open.")
    feats = quote_extent.features(token(doc, "in"), token(doc, "said"), "none")
    assert "role=none" in feats and "d=prep|M|w=in|n=interview" in feats and "d=prep|M|stmt=True" in feats
    assert 0.0 < quote_extent.probability(token(doc, "in"), token(doc, "said"), "none") < 1.0


def test_extent_training_is_deterministic_and_learns_the_labels():
    train = _script("train_quote_extent").train
    data = [(["a", "x"], 1), (["b", "x"], 0), (["a", "y"], 1), (["b", "y"], 0)] * 5
    first, second = train(data), train(data)
    assert first == second
    assert first["a"] > 0 > first["b"]


@pytest.mark.model
def test_vectors_stay_out_of_a_trailing_which_clause(nlp):
    from storyline.nlp import quote_bounds

    aside = nlp("Pell said the ferry would sail on Friday, which came as a relief to the island.")
    plain = nlp("Pell said the ferry would sail on Friday from the old harbour.")
    # Content runs from "the" (2) to the word before the full stop; every end is a candidate.
    assert not quote_bounds.dense_applies(aside, 2, list(range(2, len(aside) - 1)))
    assert quote_bounds.dense_applies(plain, 2, list(range(2, len(plain) - 1)))


def _closed(heads: list[int], words: list[bool], first: int, k: int, last: int) -> bool:
    """The definition, one scan per cut: tokens first..k-1 can be cut off the front of first..last
    when no later word hangs from them (except from the last of them), they hang from none of the
    rest, and they hold a word."""
    if any(first <= h < k - 1 for h in heads[k - first :]):
        return False
    if any(k <= h <= last for h in heads[: k - first]):
        return False
    return any(words[: k - first])


def test_closed_cuts_in_one_pass_match_the_scan_per_cut():
    import random

    from storyline.nlp import quote_bounds

    rng = random.Random(3)
    for _ in range(3000):
        first, n = rng.randint(0, 20), rng.randint(1, 25)
        last = first + n - 1
        heads = [rng.randint(max(0, first - 5), last + 5) for _ in range(n)]
        words = [rng.random() > 0.2 for _ in range(n)]
        upto = min(last, first + 12)
        scan = [k for k in range(first + 1, upto + 1) if _closed(heads, words, first, k, last)]
        assert quote_bounds._closed_cuts(heads, words, first, last, upto) == scan
