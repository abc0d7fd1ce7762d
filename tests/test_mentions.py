"""Mentions within one article: span fixes, labels, canonical names, acronyms."""

from __future__ import annotations

import pytest

from storyline.errors import InputError
from storyline.model import Article
from storyline.nlp.mentions import fold, mentions, name_parts, person_name


def _doc(words, ents, tags=None, pos=None):
    """A hand-built Doc (no model): words with spaces, BIO entity tags."""
    import spacy
    from spacy.tokens import Doc

    spaces = [True] * (len(words) - 1) + [False]
    for i, w in enumerate(words[1:], 1):  # no space before punctuation
        if w in {".", ",", "’s", "'s"}:
            spaces[i - 1] = False
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, ents=ents, tags=tags, pos=pos)


def _found(doc):
    article = Article(id="a", text=doc.text)
    return [(m.text, m.label, m.entity) for m in mentions(doc, article)]


def test_name_helpers():
    assert person_name("Mr. Dmitry Peskov’s") == "Dmitry Peskov"
    assert name_parts("Mr. Sergei Kislyak") == ("sergei", "kislyak", "")
    assert name_parts("Donald Trump Jr.") == ("donald", "trump", "jr")
    assert name_parts("Peskov") == ("", "peskov", "")
    assert fold("U.S.") == "us"
    assert fold("Zoë  Brandt") == "zoe brandt"


def test_swallowed_title_moves_out_of_person():
    words = ["Kremlin", "Spokesman", "Dmitry", "Orlov", "said", "."]
    doc = _doc(words, ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert _found(doc) == [("Dmitry Orlov", "PERSON", "Dmitry Orlov")]


def test_honorific_and_possessive_trimmed_and_surname_mapped():
    words = ["Vera", "Lind", "spoke", ".", "Ms.", "Lind", "’s", "aide", "left", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"]
    tags = ["NNP", "NNP", "VBD", ".", "NNP", "NNP", "POS", "NN", "VBD", "."]
    found = _found(_doc(words, ents, tags=tags))
    assert found == [("Vera Lind", "PERSON", "Vera Lind"), ("Lind", "PERSON", "Vera Lind")]


def test_title_alone_is_not_an_entity():
    words = ["the", "incoming", "National", "Security", "Advisor", "spoke"]
    doc = _doc(words, ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"])
    assert _found(doc) == []


def test_doc_must_match_article():
    doc = _doc(["Vera", "Lind"], ["B-PERSON", "I-PERSON"])
    with pytest.raises(InputError):
        mentions(doc, Article(id="x", text="something else"))


SEED_SHAPED = (
    "MOSCOW, March 3. Letters between ex-US Presidential Trade Adviser Daniel Marsh and Poland’s "
    "retired Consul to the US Sergey Volkov never reached Russian President Ivan Petrov’s desk, "
    "Kremlin Spokesman Dmitry Orlov said on Tuesday. \"That is fiction,\" Orlov said. Marsh was "
    "later interviewed by the FBI. Under Special Counsel Robert Hale’s indictment, Marsh misled the Bureau."
)


@pytest.mark.model
def test_seed_shaped_sentence(nlp):
    article = Article(id="s", text=SEED_SHAPED)
    found = mentions(nlp(SEED_SHAPED), article)
    for m in found:
        assert SEED_SHAPED[m.span[0] : m.span[1]] == m.text
    by_text = {(m.text, m.label): m for m in found}
    people = {m.text: m.entity for m in found if m.label == "PERSON"}
    assert people == {
        "Daniel Marsh": "Daniel Marsh",
        "Sergey Volkov": "Sergey Volkov",
        "Ivan Petrov": "Ivan Petrov",
        "Dmitry Orlov": "Dmitry Orlov",
        "Orlov": "Dmitry Orlov",  # spaCy says ORG; the article uses it as a name
        "Robert Hale": "Robert Hale",  # possessive trimmed
        "Marsh": "Daniel Marsh",
    }
    assert by_text[("Kremlin", "ORG")].method.endswith("split")  # out of "Kremlin Spokesman Dmitry Orlov"
    assert by_text[("US", "GPE")].entity == "United States"
    assert by_text[("Bureau", "ORG")].entity == "FBI"
    assert not any("Spokesman" in m.text or "Adviser" in m.text for m in found)


@pytest.mark.model
def test_acronyms_and_outlets(nlp):
    text = (
        "The audit named the Federal Security Service, the FSB, as well as the Federal Customs "
        "Service (FCS). The Washington Post reported it first, and the Washington Post was right."
    )
    found = mentions(nlp(text), Article(id="o", text=text))
    entities = {(m.text, m.label): m.entity for m in found}
    assert entities[("FSB", "ORG")] == "Federal Security Service"
    assert entities[("FCS", "ORG")] == "Federal Customs Service"
    assert entities[("Federal Customs Service", "ORG")] == "Federal Customs Service"  # "the" trimmed
    assert entities[("The Washington Post", "ORG")] == "The Washington Post"  # outlet keeps "The"
    assert entities[("Washington Post", "ORG")] == "The Washington Post"


@pytest.mark.model
def test_shared_surname_maps_to_most_recent_full_name(nlp):
    text = (
        "Harold Benton met Clara Benton in Paris. Clara Benton left early. "
        "Later Benton said the trip went well."
    )
    found = mentions(nlp(text), Article(id="b", text=text))
    bare = [m for m in found if m.text == "Benton"]
    assert [m.entity for m in bare] == ["Clara Benton"]
    assert "surname" in bare[0].method
    assert {m.entity for m in found if m.label == "PERSON"} == {"Harold Benton", "Clara Benton"}


@pytest.mark.model
def test_a_title_tells_namesakes_apart(nlp):
    text = (
        "Senator Irene Calloway opened the session. Judge Victor Calloway, her cousin, watched from "
        "the gallery. Mayor Tomas Reed spoke next. Judge Calloway later said the ruling would stand."
    )
    found = mentions(nlp(text), Article(id="t", text=text))
    bare = [m for m in found if m.text == "Calloway"]
    # The most recent Calloway is Victor either way, so test the other order too below.
    assert [m.entity for m in bare] == ["Victor Calloway"]
    text = (
        "Judge Victor Calloway opened the session. Senator Irene Calloway, his cousin, watched from "
        "the gallery. Judge Calloway later said the ruling would stand."
    )
    found = mentions(nlp(text), Article(id="t2", text=text))
    assert [m.entity for m in found if m.text == "Calloway"] == ["Victor Calloway"]


@pytest.mark.model
def test_phrase_mentions_resolve_pronouns_relatives_and_descriptions(nlp):
    from storyline.nlp.mentions import mentions, phrase_mentions

    text = ("Olek Brandt visited the Korvale plant on Monday. He thanked the workers of Tessin Mills, "
            "which employs 300 people. The mayor left at noon. I was not there.")
    article = Article(id="p", text=text)
    doc = nlp(text)
    named = mentions(doc, article)

    i_was = text.index("I was")
    phrases = [_phrase(text, "He"), _phrase(text, "which", "ORG"), _phrase(text, "The mayor"),
               _phrase(text, "Olek Brandt"), (i_was, i_was + 1, "PERSON")]
    he, which, mayor, brandt, me = phrase_mentions(doc, article, phrases, named)
    assert he.entity == "Olek Brandt" and he.method == "phrase+pronoun"
    assert which.entity == "Tessin Mills" and which.method == "phrase+relative"
    assert mayor.entity == "mayor" and mayor.text == "The mayor"
    assert brandt.entity == "Olek Brandt"
    assert me is None  # a first-person pronoun is the speaker, not resolved here
    assert all(text[m.span[0] : m.span[1]] == m.text for m in (he, which, mayor, brandt))


# ---------------------------------------------------------------------------------------------
# Pronouns and descriptions resolved to a name in the article.

STORY = (
    "Ruth Okafor, the mayor of Lindenfeld, opened a bridge on Monday. She said the work had cost less "
    "than planned. Harbour Steel Group, which built it, said its workers finished early. The company "
    "will now build a school. Daniel Okafor, her brother, is a teacher. He thanked the workers. "
    "The mayor later left. Daniel Okafor praised him. Police said they had closed the road."
)


def _references(nlp, text):
    article = Article(id="a", text=text)
    found = mentions(nlp(text), article)
    return found, {(m.span[0], m.text): m for m in found if m.kind != "name"}


@pytest.mark.model
def test_pronouns_and_descriptions_take_their_antecedent(nlp):
    found, refs = _references(nlp, STORY)
    by_text = {}
    for (_, text), m in refs.items():
        by_text.setdefault(text, []).append(m)
    assert [m.entity for m in by_text["She"]] == ["Ruth Okafor"]
    assert by_text["She"][0].label == "PERSON" and by_text["She"][0].kind == "pronoun"
    assert [m.entity for m in by_text["the mayor"]] == ["Ruth Okafor"]  # apposition
    assert [m.entity for m in by_text["The mayor"]] == ["Ruth Okafor"]  # the role given earlier
    assert [(m.entity, m.label) for m in by_text["The company"]] == [("Harbour Steel Group", "ORG")]
    assert [m.entity for m in by_text["its"]] == ["Harbour Steel Group"]
    assert [m.entity for m in by_text["He"]] == ["Daniel Okafor"]
    # Not the subject of its own verb, and not the name its phrase stands beside.
    assert "him" not in by_text and all(m.entity != "Daniel Okafor" for m in by_text.get("her", []))
    # "they" after unnamed police: nothing to resolve to, so no mention.
    assert "they" not in by_text
    assert all(m.kind == "name" or m.entity in {n.entity for n in found if n.kind == "name"} for m in found)
    assert found == sorted(found, key=lambda m: m.span)


@pytest.mark.model
def test_unresolved_pronouns_and_descriptions_give_no_mention(nlp):
    _, refs = _references(nlp, "She said the company would appeal. They declined to comment.")
    assert refs == {}


@pytest.mark.model
def test_vice_president_is_not_the_president(nlp):
    text = ("Vice President Ruth Okafor met farmers on Monday. The president was abroad. "
            "The vice president spoke for an hour.")
    _, refs = _references(nlp, text)
    texts = {text: m.entity for (_, text), m in refs.items()}
    assert "The president" not in texts
    assert texts.get("The vice president") == "Ruth Okafor"


@pytest.mark.model
def test_a_name_with_a_person_description_beside_it_is_a_person(nlp):
    text = "Nadia Petrov, the minister, flew to Oslo. There she told the press that talks would resume."
    found, refs = _references(nlp, text)
    assert {m.label for m in found if m.entity == "Nadia Petrov"} == {"PERSON"}
    assert [m.entity for (_, t), m in refs.items() if t == "she"] == ["Nadia Petrov"]


def test_role_key():
    from storyline.nlp.mentions import role_key

    assert role_key(["Vice", "President"]) == "vice president"
    assert role_key(["the", "former", "presidential", "adviser"]) == "adviser"
    assert role_key(["mayor", "of", "Lindenfeld"]) == "mayor"
    assert role_key(["the", "bridge"]) == ""


# ---------------------------------------------------------------------------------------------
# Phrases given from outside (benchmarks), gender, headline descriptions, candidates.


def _phrase(text, word, label="PERSON", nth=0):
    """(start, end, label) of the ``nth`` occurrence of ``word`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return (i, i + len(word), label)


@pytest.mark.model
def test_phrase_mentions_use_the_given_labels_gender_and_the_phrase_core(nlp):
    from storyline.nlp.mentions import mentions, phrase_mentions

    text = ("Lena Varga met her lawyer Mark Tolland at the Orrin Ford Centre in Baytown on Monday. "
            "She said the talks went well. The prosecutors did not comment. "
            "Varga flew to Baytown and stayed at a clinic in Molvik.")
    article = Article(id="g", text=text)
    doc = nlp(text)
    named = mentions(doc, article)

    def at(word, label, nth=0):
        return _phrase(text, word, label, nth)

    phrases = [at("Lena Varga", "PERSON"), at("Mark Tolland", "PERSON"), at("Orrin Ford Centre", "FAC"),
               at("She", "PERSON"), at("prosecutors", "PERSON"), at("to Baytown", "GPE"),
               at("a clinic in Molvik", "FAC")]
    varga, tolland, centre, she, prosecutors, baytown, clinic = phrase_mentions(doc, article, phrases, named)
    assert she.entity == "Lena Varga" and she.kind == "pronoun"  # not "Mark" (male), not the centre
    assert prosecutors.entity == "prosecutors" and prosecutors.kind == "description"  # plural kept
    assert baytown.entity == "Baytown"  # the preposition does not head the phrase
    assert clinic.entity == "clinic"  # a description, not the town it is in
    assert varga.kind == "name" and tolland.entity == "Mark Tolland"


@pytest.mark.model
def test_a_headline_description_is_not_a_person(nlp):
    from spacy.tokens import Span

    text = "Texas Prison Escapee Caught Near Border. Police arrested Ruben Salgado on Friday."
    article = Article(id="h", text=text)
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 3, "PERSON"), Span(doc, 9, 11, "PERSON")]  # as a tagger may read a headline
    people = {m.entity for m in mentions(doc, article) if m.label == "PERSON" and m.kind == "name"}
    assert people == {"Ruben Salgado"}


@pytest.mark.model
def test_candidate_phrases_hold_names_pronouns_and_unresolved_descriptions(nlp):
    from storyline.nlp.mentions import candidate_phrases

    text = "Guards found the inmate near a farm. He had escaped from Ellis Unit, officials said."
    article = Article(id="c", text=text)
    doc = nlp(text)
    found = {text[s:e]: label for s, e, label in candidate_phrases(doc, mentions(doc, article))}
    assert found.get("He") == "PERSON"
    assert any(k.endswith("inmate") for k in found) and any(k.endswith("officials") for k in found)


@pytest.mark.model
def test_candidate_phrases_skip_modifier_names_and_take_places(nlp):
    from storyline.nlp.mentions import candidate_phrases

    text = ("The Harwick teen was held at the county jail, where guards watched him. "
            "Navy sailors seized 12 Somali pirates near the port. Lena Ostrova, the chief of staff, left.")
    article = Article(id="c", text=text)
    doc = nlp(text)
    found = {text[s:e]: label for s, e, label in candidate_phrases(doc, mentions(doc, article))}
    assert "Harwick" not in found  # a name that only modifies "teen"
    assert any(k.endswith("teen") for k in found)
    assert any(k.endswith("pirates") for k in found)  # a name inside ("Somali") no longer hides it
    assert found.get("where") in {"FAC", "LOC"}
    assert any(k.endswith("jail") and v == "FAC" for k, v in found.items())
    assert any(k.endswith("port") and v == "FAC" for k, v in found.items())
    assert "staff" not in found  # a word of the title "chief of staff"


@pytest.mark.model
def test_phrase_mentions_name_a_cut_phrase_by_its_noun(nlp):
    from storyline.nlp.mentions import mentions, phrase_mentions

    text = "An ex-employee opened fire at an office Christmas party in the Gulf of Aden, near the coast."
    article = Article(id="h", text=text)
    doc = nlp(text)

    phrases = [_phrase(text, "ex-employee"), _phrase(text, "an office", "FAC"),
               _phrase(text, "in the Gulf of Aden, near the coast", "LOC")]
    named = mentions(doc, article)
    worker, office, gulf = phrase_mentions(doc, article, phrases, named)
    assert worker.entity == "employee" and office.entity == "office"  # not "ex", "an"
    assert gulf.entity == "Gulf of Aden"


@pytest.mark.model
def test_headline_verbs_and_datelines_leave_names(nlp):
    from spacy.tokens import Span

    text = "Obama Overturns Vessen Rule On Fishing\nPatrol boats reached the Gulf of Tarsa Sat Nov 12 2011 at dawn."
    article = Article(id="hl", text=text)
    doc = nlp(text)
    assert doc[1].tag_ == "VBZ"  # as the tagger reads this headline
    doc.ents = [Span(doc, 0, 4, "PERSON"), Span(doc, 11, 18, "FAC")]  # as a tagger may run them together
    names = {m.entity for m in mentions(doc, article) if m.kind == "name"}
    assert "Obama" in names and not any("Overturns" in n for n in names)
    assert "Gulf of Tarsa" in names and not any("Nov" in n for n in names)


def test_headline_and_address_words_leave_a_person_name():
    words = ["html", "Vera", "Lindqvist", "and", "Comedian", "Tomas", "Hale", "met", "cfm", "."]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "O"]
    found = _found(_doc(words, ents))
    assert ("Vera Lindqvist", "PERSON", "Vera Lindqvist") in found
    assert ("Tomas Hale", "PERSON", "Tomas Hale") in found
    assert not any(text == "cfm" for text, _, _ in found)  # lower case letters are no name


def test_a_given_name_alone_is_the_one_person_with_it():
    words = ["Maria", "Lindqvist", "spoke", ".", "Maria", "Lindqvist", "Returns", "read", "a", "sign", ".",
             "Maria", "smiled", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "O",
            "B-PERSON", "O", "O"]
    assert _found(_doc(words, ents))[-1] == ("Maria", "PERSON", "Maria Lindqvist")
    # Two people with that given name: "Maria" stays as written.
    words = ["Maria", "Lindqvist", "met", "Maria", "Hale", ".", "Maria", "smiled", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O"]
    assert _found(_doc(words, ents))[-1] == ("Maria", "PERSON", "Maria")


def test_quoted_first_person_is_the_speaker():
    from storyline.model import Quote
    from storyline.nlp.mentions import quoted_first_person

    text = 'Hale said: "I will stay, and my team too." Later I left.'
    article = Article(id="a", text=text)
    start = text.index('"') + 1
    quote = Quote("a", ((start, text.index('."')),), "direct", speaker=(0, 4), speaker_entity="Tomas Hale")
    phrases = [(text.index("I will"), text.index("I will") + 1, "PERSON"), (text.index("my"), text.index("my") + 2,
               "PERSON"), (text.index("I left"), text.index("I left") + 1, "PERSON"), (start - 1, start + 1, "PERSON")]
    found = quoted_first_person(article, phrases, [quote])
    assert sorted(found) == [0, 1, 3]  # '"I' with its quotation mark too; not the "I" outside
    assert {m.entity for m in found.values()} == {"Tomas Hale"} and found[0].kind == "pronoun"
    assert quoted_first_person(article, phrases, [Quote("a", quote.content, "indirect", speaker_entity="X")]) == {}


def test_a_verb_run_into_a_person_name_leaves_it():
    words = ["Having", "Lindqvist", "host", "helped", ".", "Tomas", "Hale", "Returns", "today", ".",
             "Hale", "doesn", "agree", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O",
            "B-PERSON", "I-PERSON", "O", "O"]
    tags = ["VBG", "NNP", "NN", "VBD", ".", "NNP", "NNP", "VBZ", "NN", ".", "NNP", "NN", "VB", "."]
    found = _found(_doc(words, ents, tags=tags))
    assert ("Lindqvist", "PERSON", "Lindqvist") in found
    assert ("Tomas Hale", "PERSON", "Tomas Hale") in found
    assert ("Hale", "PERSON", "Tomas Hale") in found
    # A given name tagged as a verb stays ("Will" is a name here).
    words = ["Will", "Brandt", "spoke", "."]
    found = _found(_doc(words, ["B-PERSON", "I-PERSON", "O", "O"], tags=["VB", "NNP", "VBD", "."]))
    assert found == [("Will Brandt", "PERSON", "Will Brandt")]


@pytest.mark.model
def test_phrase_mentions_pronouns_follow_titles_and_the_given_phrases(nlp):
    from storyline.nlp.mentions import mentions, phrase_mentions

    text = ("Dara Voss, the singer, died on Sunday at home, spokesman Kit Ambrose said. "
            "Pictures of her in the Velden film made her famous. "
            "He said he's sure the film will return.")
    article = Article(id="g", text=text)
    doc = nlp(text)
    named = mentions(doc, article)

    def at(word, label="PERSON", nth=0):
        return _phrase(text, word, label, nth)

    phrases = [at("Dara Voss"), at("Kit Ambrose"), at("her"), at("He"), at("he's")]
    voss, ambrose, her, he, hes = phrase_mentions(doc, article, phrases, named)
    assert her.entity == "Dara Voss"  # a spokesman is no "her", though he is named nearer
    assert he.entity == "Kit Ambrose"
    assert hes is not None and hes.entity == "Kit Ambrose" and hes.kind == "pronoun"
