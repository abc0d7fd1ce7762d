"""Titles attached to person mentions: pre-modifiers, appositions, "named as"."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.nlp.mentions import mentions
from storyline.nlp.roles import roles, title_mask


def test_title_mask_marks_words_and_phrases():
    import spacy

    doc = spacy.blank("en")("her former chief of staff and the Kremlin spokesman met a baker")
    marked = [t.text for t, m in zip(doc, title_mask(doc), strict=True) if m]
    assert marked == ["chief", "of", "staff", "spokesman"]


def _roles(nlp, text, published="2017-03-03"):
    article = Article(id="r", text=text, published=published)
    doc = nlp(text)
    found = roles(doc, article, mentions(doc, article))
    for r in found:
        assert text[r.span[0] : r.span[1]] == r.title
        assert r.date == published and r.article_id == "r"
    return {(r.entity, r.title, r.method) for r in found}


@pytest.mark.model
def test_a_title_before_for_belongs_to_someone_else(nlp):
    text = "A spokesman for Harbour Mayor Lena Ortiz said on Friday that the pier would reopen."
    found = _roles(nlp, text)
    assert ("Lena Ortiz", "Harbour Mayor", "premodifier") in found
    assert not any("spokesman" in title for _, title, _ in found)


@pytest.mark.model
def test_premodifier_titles(nlp):
    text = (
        "Letters between ex-US Presidential Trade Adviser Daniel Marsh and Poland’s retired Consul to "
        "the US Sergey Volkov never reached Russian President Ivan Petrov’s desk, Kremlin Spokesman "
        "Dmitry Orlov said on Tuesday. According to Special Counsel Robert Hale’s indictment, Marsh lied."
    )
    assert _roles(nlp, text) == {
        ("Daniel Marsh", "ex-US Presidential Trade Adviser", "premodifier"),
        ("Sergey Volkov", "Poland’s retired Consul to the US", "premodifier"),
        ("Ivan Petrov", "Russian President", "premodifier"),
        ("Dmitry Orlov", "Kremlin Spokesman", "premodifier"),
        ("Robert Hale", "Special Counsel", "premodifier"),  # not "According to Special Counsel"
    }


@pytest.mark.model
def test_apposition_and_as_role(nlp):
    text = (
        "Retired Army Lieutenant General Keith Dalton, Marsh's former chief of staff, was appointed "
        "as acting trade adviser, according to a note from Downing Street Press Secretary Sean Brody."
    )
    assert _roles(nlp, text) == {
        ("Keith Dalton", "Retired Army Lieutenant General", "premodifier"),
        ("Keith Dalton", "Marsh's former chief of staff", "apposition"),
        ("Keith Dalton", "acting trade adviser", "as-role"),
        ("Sean Brody", "Downing Street Press Secretary", "premodifier"),
    }


@pytest.mark.model
def test_title_before_a_comma_and_no_title(nlp):
    text = (
        "Former president, Carl Winters, expelled 35 diplomats. Marsh talked to Russia’s then US "
        "envoy, Sergey Volkov, at the end of 2016. Later Anna Berg arrived in Paris."
    )
    found = _roles(nlp, text)
    assert ("Carl Winters", "Former president", "pre-apposition") in found
    assert ("Sergey Volkov", "Russia’s then US envoy", "pre-apposition") in found
    assert not any(entity == "Anna Berg" for entity, _, _ in found)


def test_a_pronoun_mention_gets_no_title():
    import spacy

    from storyline.model import Article, Mention
    from storyline.nlp.roles import roles

    article = Article(id="a", text="Spokesman he said.")
    doc = spacy.blank("en")(article.text)
    he = Mention("a", (10, 12), "he", "PERSON", "Vera Lind", method="pronoun", kind="pronoun")
    assert roles(doc, article, [he]) == []
    named = Mention("a", (10, 12), "he", "PERSON", "Vera Lind")  # the same words as a name do get one
    assert [r.title for r in roles(doc, article, [named])] == ["Spokesman"]
