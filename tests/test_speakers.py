"""Speaker phrases: how far they reach and which word heads them."""

from __future__ import annotations

import pytest

from storyline.nlp import speakers


def _token(doc, word: str, nth: int = 0):  # noqa: ANN001, ANN202 - spaCy objects
    return [t for t in doc if t.text == word][nth]


def _phrase(doc, head) -> str:  # noqa: ANN001
    first, last = speakers.speaker_tokens(head)
    return doc[first : last + 1].text


@pytest.mark.model
def test_apposition_and_title_are_kept(nlp) -> None:  # noqa: ANN001
    doc = nlp("Mayor Lena Varga, a former teacher, said on Friday that the bridge would open.")
    assert _phrase(doc, _token(doc, "Varga")) == "Mayor Lena Varga, a former teacher"


@pytest.mark.model
def test_possessive_apostrophe_does_not_stop_the_phrase(nlp) -> None:  # noqa: ANN001
    doc = nlp("Ana Ruiz, the head of the veterans' families fund, said the money had arrived.")
    assert _phrase(doc, _token(doc, "Ruiz")) == "Ana Ruiz, the head of the veterans' families fund"


@pytest.mark.model
def test_quotation_mark_still_stops_the_phrase(nlp) -> None:  # noqa: ANN001
    doc = nlp('"We are not done," said Tomas Brandt, "and we will not be."')
    head = _token(doc, "Brandt")
    assert _phrase(doc, head) == "Tomas Brandt"


@pytest.mark.model
def test_inherited_subject_inside_a_statement_gives_way_to_its_speaker(nlp) -> None:  # noqa: ANN001
    # The small pipeline hangs "arguing" on the reported "was", so "plan" looks like its subject.
    doc = nlp("Lena Varga said the plan was too costly, arguing that the city could not afford it.")
    cue = _token(doc, "arguing")
    assert cue.head.text == "was", "the parse changed: pick a sentence it misattaches"
    assert speakers.speaker_head(_token(doc, "plan"), cue).text == "Varga"
    # An own subject is left alone.
    said = _token(doc, "said")
    assert speakers.speaker_head(_token(doc, "Varga"), said).text == "Varga"


@pytest.mark.model
def test_time_stamp_subject_gives_way_to_the_name_before_the_cue(nlp) -> None:  # noqa: ANN001
    doc = nlp("4:10 p.m.\n\nMarta Okafor says the vote will be held on Monday.")
    cue = _token(doc, "says")
    stamp = _token(doc, "p.m.")
    assert speakers.speaker_head(stamp, cue).text == "Okafor"


def test_speaker_head_leaves_missing_heads_alone() -> None:
    assert speakers.speaker_head(None, None) is None
