"""Entity resolution across articles: variants merge, different people never do."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.corpus.entities import Resolution, given_similarity, resolve
from storyline.model import Analysis, Article, Mention, Role, content_id

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _analysis(article_id, *names, roles=()):
    """An analysis whose mentions are ``(text, label, entity)`` triples (spans are not checked here)."""
    text = " ".join(t for t, _, _ in names)
    mentions, at = [], 0
    for t, label, entity in names:
        mentions.append(Mention(article_id, (at, at + len(t)), t, label, entity))
        at += len(t) + 1
    return Analysis(article=Article(id=article_id, text=text), mentions=tuple(mentions), roles=tuple(roles))


def _person(text, entity=None):
    return (text, "PERSON", entity or text)


def _names(res: Resolution, label="PERSON"):
    return sorted(e.name for e in res.entities if e.label == label)


def test_given_similarity():
    assert given_similarity("sergey", "sergei") > 0.9  # lexicon variant
    assert given_similarity("mike", "michael") == 0.95
    assert given_similarity("stanislav", "stanislaw") > 0.9  # one edit, not in the lexicon
    assert given_similarity("ivan", "ivanka") == 0.0
    assert given_similarity("donald", "ronald") == 0.0
    assert given_similarity("bill", "hillary") == 0.0
    # romanisation variants of one Cyrillic spelling, not listed in the lexicon
    assert given_similarity("yelena", "elena") == 0.95
    assert given_similarity("yevgeny", "evgeniy") == 0.95
    assert given_similarity("aleksandr", "alexandr") == 0.95
    assert given_similarity("jan", "ian") == 0.0  # too short to trust the fold


def test_spelling_variants_merge():
    res = resolve([
        _analysis("a", _person("Sergey Kislov"), _person("Kislov", "Sergey Kislov"), _person("Barack Oden"),
                  _person("Michael Pell")),
        _analysis("b", _person("Sergei Kislov"), _person("Barak Oden"), _person("Mike Pell")),
    ])
    assert _names(res) == ["Barack Oden", "Michael Pell", "Sergey Kislov"]
    kislov = res.entity_for("b", "Sergei Kislov")
    assert kislov is res.entity_for("a", "Sergey Kislov")
    assert kislov.aliases == ("Kislov", "Sergei Kislov")
    assert kislov.mention_count == 3 and kislov.article_ids == ("a", "b")
    assert kislov.confidence == 0.95
    assert kislov.id == content_id("PERSON", "Sergey Kislov")


def test_shared_surname_never_merges_different_people():
    res = resolve([
        _analysis("a", _person("Donald Tramp"), _person("Ivanka Tramp"), _person("Bill Clanton")),
        _analysis("b", _person("Hillary Clanton"), _person("Ivan Tramp")),
    ])
    assert _names(res) == ["Bill Clanton", "Donald Tramp", "Hillary Clanton", "Ivan Tramp", "Ivanka Tramp"]


def test_bare_surname_links_only_to_a_single_full_name():
    res = resolve([
        _analysis("a", _person("Vera Lind")),
        _analysis("b", _person("Lind")),
        _analysis("c", _person("Donald Tramp"), _person("Ivanka Tramp")),
        _analysis("d", _person("Tramp")),
    ])
    lind = res.entity_for("b", "Lind")
    assert lind.name == "Vera Lind" and lind.confidence == 0.8
    tramp = res.entity_for("d", "Tramp")
    assert tramp.name == "Tramp" and tramp.confidence == 0.6
    assert res.entity_for("c", "Donald Tramp").name == "Donald Tramp"
    assert res.entity_for("zz", "Tramp") is None


def test_orgs_and_places_merge_by_alias_and_acronym():
    res = resolve([
        _analysis("a", ("FBI", "ORG", "FBI"), ("U.S.", "GPE", "United States"), ("Kremlin", "ORG", "Kremlin")),
        _analysis("b", ("Federal Bureau of Investigation", "ORG", "Federal Bureau of Investigation"),
                  ("US", "GPE", "US"), ("America", "GPE", "America"), ("Kremlin", "FAC", "Kremlin")),
    ])
    assert _names(res, "ORG") == ["Federal Bureau of Investigation", "Kremlin"]
    fbi = res.entity_for("a", "FBI")
    assert fbi is res.entity_for("b", "Federal Bureau of Investigation")
    assert fbi.aliases == ("FBI",)
    us = res.entity_for("b", "America")
    assert us.name == "United States" and us is res.entity_for("a", "United States")
    assert res.entity_for("b", "Kremlin").article_ids == ("a", "b")


def test_place_spellings_and_abbreviations_merge():
    res = resolve([
        _analysis("a", ("Mt Kestrel", "LOC", "Mt Kestrel"), ("Harbour Centre", "FAC", "Harbour Centre"),
                  ("Organisation of Ports", "ORG", "Organisation of Ports")),
        _analysis("b", ("Mount Kestrel", "LOC", "Mount Kestrel"), ("Harbour Center", "FAC", "Harbour Center"),
                  ("Organization of Ports", "ORG", "Organization of Ports"), ("Mount Kestrel Lodge", "FAC", "Mount Kestrel Lodge")),
    ])
    assert res.entity_for("a", "Mt Kestrel") is res.entity_for("b", "Mount Kestrel")
    assert res.entity_for("a", "Harbour Centre") is res.entity_for("b", "Harbour Center")
    assert res.entity_for("a", "Organisation of Ports") is res.entity_for("b", "Organization of Ports")
    assert res.entity_for("b", "Mount Kestrel Lodge") is not res.entity_for("b", "Mount Kestrel")


def test_roles_collected_on_the_entity():
    role_a = Role("Vera Lind", "Foreign Minister", "a", (0, 16), "2017-02-01")
    role_b = Role("Vera Lind", "former minister", "b", (0, 15), "2018-01-01")
    res = resolve([
        _analysis("a", _person("Vera Lind"), roles=[role_a]),
        _analysis("b", _person("Vera Lind"), _person("Lind", "Vera Lind"), roles=[role_b]),
    ])
    (lind,) = res.entities
    assert lind.roles == (role_a, role_b)
    assert lind.mention_count == 3


@pytest.mark.model
def test_seeds_resolve(nlp):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    from storyline.nlp.mentions import mentions
    from storyline.nlp.roles import roles

    analyses = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = Article(id=path.stem, text=path.read_text(encoding="utf-8"))
        doc = nlp(article.text)
        found = mentions(doc, article)
        analyses.append(Analysis(article=article, mentions=tuple(found), roles=tuple(roles(doc, article, found))))
    res = resolve(analyses)
    people = {e.name: e for e in res.entities if e.label == "PERSON"}
    assert set(people["Sergey Kislyak"].aliases) >= {"Sergei Kislyak", "Kislyak"}
    assert "Barak Obama" in people["Barack Obama"].aliases
    assert "Mike Pence" in people["Michael Pence"].aliases
    assert len(people["Michael Flynn"].article_ids) == 2
    for name in ("Sergey Kislyak", "Barack Obama", "Michael Pence", "Michael Flynn"):
        assert len(people[name].article_ids) == 2
    # No two distinct people merged: every full-name alias of a person shares the entity's surname
    # and no entity holds two people of the story.
    story = ["Flynn", "Kislyak", "Obama", "Pence", "Putin", "Peskov", "Kellogg", "Spicer", "Mueller"]
    for e in people.values():
        assert sum(s in " ".join((e.name, *e.aliases)) for s in story) <= 1, e
    assert any(r.title == "Kremlin Spokesman" for r in people["Dmitry Peskov"].roles)
    assert any(r.title == "Flynn's former chief of staff" for r in people["Keith Kellogg"].roles)


def test_initial_links_to_the_one_matching_given_name():
    res = resolve([
        _analysis("a", _person("Donald Tramp"), _person("Melania Tramp")),
        _analysis("b", _person("D. Tramp"), _person("K. Tramp")),
    ])
    assert res.entity_for("b", "D. Tramp").name == "Donald Tramp"
    assert res.entity_for("b", "K. Tramp").name == "K. Tramp"
    assert _names(res) == ["Donald Tramp", "K. Tramp", "Melania Tramp"]


def test_bare_word_heading_an_organisation_is_not_a_person():
    res = resolve([
        _analysis("a", ("Vantor Chemicals", "ORG", "Vantor Chemicals"), ("Marl River", "LOC", "Marl River"),
                  _person("Vantor"), _person("Marl"), _person("Dana Pryce")),
        _analysis("b", _person("Vantor"), _person("Pryce", "Pryce"), _person("Harlan Ives"), _person("Ives")),
        # "Ives" heads an organisation too, but is a known surname: stays a person
        _analysis("c", ("Ives Logistics", "ORG", "Ives Logistics")),
    ])
    assert "Vantor" not in _names(res) and "Marl" not in _names(res)
    assert res.entity_for("b", "Vantor").label == "ORG"
    assert res.entity_for("a", "Marl").label == "LOC"
    assert res.entity_for("b", "Ives").label == "PERSON"
    assert res.entity_for("b", "Pryce").label == "PERSON"  # no organisation called Pryce …


def test_organisation_short_form_joins_its_one_full_name():
    res = resolve([
        _analysis("a", ("Vantor Chemicals", "ORG", "Vantor Chemicals"), ("Senate Ethics Committee", "ORG",
                  "Senate Ethics Committee")),
        _analysis("b", ("Vantor", "ORG", "Vantor"), ("Senate", "ORG", "Senate")),
        _analysis("c", _person("Vantor"), ("Academy of Stage Arts", "ORG", "Academy of Stage Arts")),
        _analysis("d", ("ASA", "ORG", "ASA"), ("Holm Group", "ORG", "Holm Group"), ("Holm Bank", "ORG", "Holm Bank"),
                  ("Holm", "ORG", "Holm")),
    ])
    vantor = res.entity_for("a", "Vantor Chemicals")
    assert res.entity_for("b", "Vantor") is vantor and res.entity_for("c", "Vantor") is vantor
    assert vantor.confidence == 0.8 and vantor.name == "Vantor Chemicals"
    # a sub-organisation is not the whole: "Senate" stays apart from "Senate Ethics Committee"
    assert res.entity_for("b", "Senate") is not res.entity_for("a", "Senate Ethics Committee")
    assert res.entity_for("d", "ASA") is res.entity_for("c", "Academy of Stage Arts")
    # two companies start with "Holm": the short form is ambiguous and stays apart
    assert res.entity_for("d", "Holm").name == "Holm"


def test_possessive_organisation_names_merge():
    res = resolve([
        _analysis("a", ("Tessin Mills", "ORG", "Tessin Mills")),
        _analysis("b", ("Tessin Mills's", "ORG", "Tessin Mills's")),
    ])
    assert res.entity_for("a", "Tessin Mills") is res.entity_for("b", "Tessin Mills's")


def test_outlet_as_publisher_and_as_source():
    ledger = Article(id="a", text="The Harbour Ledger said so.", outlet="The Harbour Ledger")
    other = Article(id="b", text="According to the Harbour Ledger, it was so.", outlet="Coast Wire")
    res = resolve([
        Analysis(article=ledger, mentions=(Mention("a", (0, 18), "The Harbour Ledger", "ORG", "The Harbour Ledger"),)),
        Analysis(article=other, mentions=(Mention("b", (13, 30), "the Harbour Ledger", "ORG", "Harbour Ledger"),)),
    ])
    ledger_entity = res.entity_for("b", "Harbour Ledger")
    assert ledger_entity is res.entity_for("a", "The Harbour Ledger")
    assert ledger_entity.published == ("a",)  # a source in b, the publisher of a
    assert ledger_entity.article_ids == ("a", "b")


def test_overrides_merge_and_split_after_grouping():
    from storyline.corpus.entities import Override

    analyses = [
        _analysis("a", _person("Vera Lind"), _person("Lind", "Vera Lind"), _person("Tomas Ek")),
        _analysis("b", _person("V. Lind"), _person("Tom Eck")),
    ]
    auto = resolve(analyses)
    assert auto.entity_for("b", "V. Lind") is auto.entity_for("a", "Vera Lind")
    assert auto.entity_for("b", "Tom Eck") is not auto.entity_for("a", "Tomas Ek")
    fixed = resolve(analyses, overrides=[Override("merge", "Tomas Ek", "tom eck"), Override("split", "Vera Lind", "V. Lind")])
    ek = fixed.entity_for("a", "Tomas Ek")
    assert fixed.entity_for("b", "Tom Eck") is ek and ek.method == "resolve+override"
    assert fixed.entity_for("b", "V. Lind") is not fixed.entity_for("a", "Vera Lind")
    # by id, and deterministic: the same input and overrides give the same entities
    by_id = resolve(analyses, overrides=[Override("merge", auto.entity_for("a", "Tomas Ek").id, "Tom Eck")])
    assert by_id.entity_for("b", "Tom Eck") is by_id.entity_for("a", "Tomas Ek")
    assert resolve(analyses, overrides=[Override("merge", "Tomas Ek", "tom eck")]).entities == resolve(
        analyses, overrides=[Override("merge", "Tomas Ek", "tom eck")]).entities
    # an override naming nobody changes nothing
    assert resolve(analyses, overrides=[Override("merge", "Nobody", "Tomas Ek")]).entities == auto.entities


def test_organisation_aliases_from_the_lexicon():
    res = resolve([
        _analysis("a", ("GRU", "ORG", "Main Intelligence Directorate"), ("Main Intelligence Directorate", "ORG",
                  "Main Intelligence Directorate")),
        _analysis("b", ("Main Directorate", "ORG", "Main Directorate"), ("GRU", "ORG", "GRU")),
    ])
    gru = res.entity_for("b", "Main Directorate")
    assert gru is res.entity_for("b", "GRU") is res.entity_for("a", "Main Intelligence Directorate")
    assert gru.name == "Main Intelligence Directorate"


def test_pronouns_and_descriptions_count_but_are_not_aliases_or_names():
    a = _analysis("a", _person("Vera Lind"), _person("Lind", "Vera Lind"))
    refs = (
        Mention("a", (20, 22), "He", "PERSON", "Vera Lind", method="pronoun", kind="pronoun"),
        Mention("a", (30, 40), "the mayor", "PERSON", "Vera Lind", method="description+role", kind="description"),
        Mention("a", (50, 52), "he", "PERSON", "Lind", method="pronoun", kind="pronoun"),
        Mention("a", (60, 62), "he", "PERSON", "Lind", method="pronoun", kind="pronoun"),
    )
    a = Analysis(article=a.article, mentions=a.mentions + refs)
    (lind,) = resolve([a]).entities
    assert lind.name == "Vera Lind"  # the bare surname's pronouns do not vote for "Lind"
    assert lind.aliases == ("Lind",)
    assert lind.mention_count == 6


# ---------------------------------------------------------------------------------------------
# Names a tagger labelled two ways, suffixes, unnamed descriptions within a story.


def test_a_name_used_mostly_as_a_person_is_a_person():
    res = resolve([
        _analysis("a", _person("Varden"), _person("Varden"), _person("Olek Brandt")),
        _analysis("b", ("Varden", "ORG", "Varden"), ("Harbour Steel Group", "ORG", "Harbour Steel Group")),
    ])
    assert _names(res) == ["Olek Brandt", "Varden"]
    assert res.entity_for("b", "Varden") is res.entity_for("a", "Varden")
    assert _names(res, "ORG") == ["Harbour Steel Group"]  # an organisation named once stays one


def test_one_generational_suffix_is_a_fuller_name_two_are_two_people():
    res = resolve([
        _analysis("a", _person("Arlo Quenby Jr"), _person("Quenby", "Arlo Quenby Jr")),
        _analysis("b", _person("Arlo Quenby"), _person("Mira Quenby")),
    ])
    assert _names(res) == ["Arlo Quenby Jr", "Mira Quenby"]
    res = resolve([_analysis("a", _person("Arlo Quenby Jr")), _analysis("b", _person("Arlo Quenby Sr"))])
    assert _names(res) == ["Arlo Quenby Jr", "Arlo Quenby Sr"]


def _described(article_id, *items):
    """Like ``_analysis``; an item whose entity is lower case is an unnamed description."""
    analysis = _analysis(article_id, *items)
    mentions = tuple(
        Mention(m.article_id, m.span, m.text, m.label, m.entity, kind="description") if m.entity.islower() else m
        for m in analysis.mentions
    )
    return Analysis(article=analysis.article, mentions=mentions)


def test_unnamed_descriptions_merge_within_a_story_only():
    analyses = [
        _described("a1", ("the suspect", "PERSON", "suspect"), _person("Teodor Lind")),
        _described("a2", ("the suspect", "PERSON", "suspect")),
        _described("b1", ("the suspect", "PERSON", "suspect")),
    ]
    res = resolve(analyses, stories={"a1": "s1", "a2": "s1", "b1": "s2"})
    assert res.entity_for("a1", "suspect") is res.entity_for("a2", "suspect")
    assert res.entity_for("b1", "suspect") is not res.entity_for("a1", "suspect")
    assert res.entity_for("a1", "suspect").confidence == 0.5
    # Without stories the corpus is one story.
    res = resolve(analyses)
    assert res.entity_for("b1", "suspect") is res.entity_for("a1", "suspect")


def test_a_description_joins_the_person_its_story_gives_that_noun():
    analyses = [
        Analysis(article=Article(id="a", text="lawyer Tomas Hale said"),
                 mentions=(Mention("a", (7, 17), "Tomas Hale", "PERSON", "Tomas Hale"),)),
        _described("b", ("lawyer", "PERSON", "lawyer"), ("lawyers", "PERSON", "lawyers")),
        _described("c", ("lawyer", "PERSON", "lawyer")),
    ]
    res = resolve(analyses, stories={"a": "s", "b": "s", "c": "other"})
    hale = res.entity_for("a", "Tomas Hale")
    assert res.entity_for("b", "lawyer") is hale and hale.confidence == 0.5
    assert res.entity_for("b", "lawyers") is not hale  # a plural is a group, not him
    assert res.entity_for("c", "lawyer") is not hale  # another story's lawyer


def test_refresh_corpus_groups_stored_articles_into_stories(tmp_path):
    """The product resolves with the stories of the stored articles, as the evaluation does: the
    unnamed "suspect" of a flood story is not the "suspect" of a bank robbery."""
    from storyline.jobs import refresh_corpus
    from storyline.store import Store

    flood = ("Floodwater from the Ilse river covered the Harnow quay on Monday; a suspect was held "
             "after sluice gates at the Harnow weir were opened by hand, the river authority said.")
    flood2 = ("The Harnow weir sluice gates opened by hand flooded the quay; the river authority said the "
              "suspect held on Monday worked at the weir for years.")
    robbery = ("Masked robbers took cash from the Corvale savings bank on Friday; a suspect in a grey van "
               "was arrested near the Corvale ring road, detectives said.")
    analyses = []
    for aid, text in (("f1", flood), ("f2", flood2), ("r1", robbery)):
        at = text.index("suspect")
        analyses.append(Analysis(
            article=Article(id=aid, text=text),
            mentions=(Mention(aid, (at, at + 7), "suspect", "PERSON", "suspect", kind="description"),),
        ))
    with Store(tmp_path / "s.db") as store:
        for a in analyses:
            store.save(a)
        refresh_corpus(store)
        links = store.entity_links()
    assert links[("f1", "suspect")] == links[("f2", "suspect")]
    assert links[("r1", "suspect")] != links[("f1", "suspect")]


def test_headline_words_around_a_name_are_not_another_person():
    res = resolve([
        _analysis("a", _person("Vera Lindqvist"), _person("Lindqvist", "Vera Lindqvist")),
        _analysis("b", _person("Vera Lindqvist Returns"), _person("Hire Vera Lindqvist")),
        _analysis("c", _person("Lindqvist")),
        _analysis("d", _person("Maria Bell Tamm"), _person("Bell Tamm")),
    ])
    vera = res.entity_for("a", "Vera Lindqvist")
    assert vera.name == "Vera Lindqvist"
    assert res.entity_for("b", "Vera Lindqvist Returns") is vera is res.entity_for("b", "Hire Vera Lindqvist")
    assert res.entity_for("c", "Lindqvist") is vera  # one person with that surname, not three
    # A shorter form that drops a known given name is the same name, not a headline's.
    assert res.entity_for("d", "Maria Bell Tamm").name == "Maria Bell Tamm"


def test_organisation_short_forms_by_last_word_and_lower_case_descriptions():
    res = resolve([
        _analysis("a", ("Port Avel Herons", "ORG", "Port Avel Herons")),
        _described("b", ("Herons", "ORG", "Herons"), ("Group", "ORG", "Group")),
        _analysis("c", ("Harbour Steel Group", "ORG", "Harbour Steel Group"), ("Vale Mining Group", "ORG",
                                                                               "Vale Mining Group")),
        _described("d", ("navy", "ORG", "navy")),
        _analysis("e", ("Navy", "ORG", "Navy")),
    ])
    herons = res.entity_for("a", "Port Avel Herons")
    assert res.entity_for("b", "Herons") is herons
    assert res.entity_for("b", "Group") is not res.entity_for("c", "Harbour Steel Group")
    assert res.entity_for("d", "navy") is res.entity_for("e", "Navy")


def _gendered(article_id, *items):
    """An analysis of ``(text, label, entity, kind)`` mentions (kind "name", "pronoun" or
    "description"), spans laid out one after another."""
    text = " ".join(t for t, _, _, _ in items)
    mentions, at = [], 0
    for t, label, entity, kind in items:
        mentions.append(Mention(article_id, (at, at + len(t)), t, label, entity, kind=kind))
        at += len(t) + 1
    return Analysis(article=Article(id=article_id, text=text), mentions=tuple(mentions))


def test_an_unnamed_description_is_the_person_its_story_is_about():
    nadia = ("Nadia Orlov", "PERSON", "Nadia Orlov", "name")
    she = ("she", "PERSON", "Nadia Orlov", "pronoun")
    kemp = ("Ivo Kemp", "PERSON", "Ivo Kemp", "name")
    analyses = [
        _gendered("a", nadia, she, nadia, kemp),
        _gendered("b", nadia, ("Orlov", "PERSON", "Nadia Orlov", "name")),
        _gendered("c", ("woman", "PERSON", "woman", "description"), ("driver", "PERSON", "driver", "description"),
                  ("witnesses", "PERSON", "witnesses", "description")),
        _gendered("d", ("woman", "PERSON", "woman", "description")),
    ]
    res = resolve(analyses, stories={"a": "s", "b": "s", "c": "s", "d": "other"})
    orlov = res.entity_for("a", "Nadia Orlov")
    assert res.entity_for("c", "woman") is orlov and orlov.confidence == 0.5  # she leads the story
    assert res.entity_for("c", "driver") is orlov  # no gender: the one person who leads by far
    assert res.entity_for("c", "witnesses") is not orlov  # a plural is a group
    assert res.entity_for("d", "woman") is not orlov  # another story
    # Two people with about as many mentions: "the driver" is neither.
    analyses[1] = _gendered("b", kemp, kemp, ("he", "PERSON", "Ivo Kemp", "pronoun"))
    res = resolve(analyses, stories={"a": "s", "b": "s", "c": "s", "d": "other"})
    assert res.entity_for("c", "driver") not in (res.entity_for("a", "Nadia Orlov"), res.entity_for("a", "Ivo Kemp"))
    # A "man" never joins the woman who leads the story.
    analyses[1] = _gendered("b", nadia, ("man", "PERSON", "man", "description"))
    res = resolve(analyses, stories={"a": "s", "b": "s", "c": "s", "d": "other"})
    assert res.entity_for("b", "man") is not res.entity_for("a", "Nadia Orlov")


def test_a_name_without_its_first_given_name_joins_the_full_name():
    res = resolve([
        _analysis("a", _person("Maria Lenk Dubois")),
        _analysis("b", _person("Lenk Dubois")),
        _analysis("c", _person("Mark Jay Heller")),
        _analysis("d", _person("Jay Heller")),  # a known given name: maybe his son
    ])
    assert res.entity_for("b", "Lenk Dubois") is res.entity_for("a", "Maria Lenk Dubois")
    assert res.entity_for("d", "Jay Heller") is not res.entity_for("c", "Mark Jay Heller")


def test_a_given_name_alone_joins_the_one_person_of_its_story_with_it():
    analyses = [
        _analysis("a", _person("Craig Dunmore"), _person("Neil Varo"), _person("Neil Sadik")),
        _analysis("b", _person("Craig"), _person("Neil")),
        _analysis("c", _person("Craig")),
    ]
    res = resolve(analyses, stories={"a": "s", "b": "s", "c": "t"})
    assert res.entity_for("b", "Craig").name == "Craig Dunmore"
    assert res.entity_for("b", "Neil").name == "Neil"  # two people called Neil
    assert res.entity_for("c", "Craig").name == "Craig"  # no Craig in that story
