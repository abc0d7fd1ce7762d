"""The ``storyline_times`` spaCy component: registration, reference dates, and Doc._.times."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline.nlp.times import Timex, register


@pytest.fixture()
def blank():
    """A tokenizer-only English pipeline with the component (no parse: lexical cues decide)."""
    import spacy

    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_times", config={"ref": "2017-12-04"})
    return nlp


def test_importing_times_does_not_import_spacy():
    code = "import sys, storyline.nlp.times as t; print('spacy' in sys.modules, callable(t.find))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_importing_times_after_spacy_registers_the_factory():
    code = (
        "import spacy, storyline.nlp.times\n"
        "nlp = spacy.blank('en'); nlp.add_pipe('storyline_times')\n"
        "print(nlp.pipe_names, nlp('It rained on Friday.')._.times[0].value)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['storyline_times'] XXXX-WXX-5"


def test_component_sets_doc_times_against_the_configured_reference(blank):
    doc = blank("Mira Solberg resigned on Friday, two weeks after the vote of 3 March 2017.")
    assert [(t.text, t.type, t.value) for t in doc._.times] == [
        ("Friday", "DATE", "2017-12-01"),
        ("two weeks", "DURATION", "P2W"),
        ("3 March 2017", "DATE", "2017-03-03"),
    ]
    for t in doc._.times:
        assert isinstance(t, Timex) and doc.text[t.start : t.end] == t.text


def test_doc_dct_wins_over_the_configured_reference(blank):
    doc = blank.make_doc("The depot closed last year.")
    doc._.dct = "2010-05-01"
    assert [(t.text, t.value) for t in blank(doc)._.times] == [("last year", "2009")]


def test_without_any_reference_values_stay_underspecified():
    import spacy

    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_times")
    assert [(t.text, t.value) for t in nlp("It reopens on Monday.")._.times] == [("Monday", "XXXX-WXX-1")]


def test_register_twice_is_harmless():
    register()
    register()


@pytest.mark.model
def test_component_after_the_parser_uses_the_tense(nlp):
    register()
    nlp.add_pipe("storyline_times", name="times_under_test", config={"ref": "2017-12-04"})
    try:
        doc = nlp("The envoy left on Friday. The committee will vote on Thursday.")
    finally:
        nlp.remove_pipe("times_under_test")  # the session pipeline is shared with other tests
    assert [(t.text, t.value) for t in doc._.times] == [("Friday", "2017-12-01"), ("Thursday", "2017-12-07")]
