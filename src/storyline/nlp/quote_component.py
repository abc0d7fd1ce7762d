"""storyline's attribution as a spaCy pipeline component, for users of spaCy.

    import spacy
    import storyline.nlp.quote_component  # registers the factory

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("storyline_quotes", config={"published": "2017-12-04"})
    doc = nlp(text)
    for q in doc._.quotes:
        print(q.speaker_text, q.cue_text, q.content_text(doc.text), q.date)

The component puts :class:`~storyline.model.Quote` records on ``Doc._.quotes``, exactly what
:func:`storyline.nlp.quotes.quotes` returns for the text. It needs a tagger, lemmatizer and
dependency parser before it (named entities help to name speakers). A statement is dated from its
sentence, else from the article's date: ``doc._.published`` when set, else the ``published`` of
the component's config.

Importing this module registers the factory (and so imports spaCy); nothing else in storyline
imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.model import Article, Quote, Time, content_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

FACTORY = "storyline_quotes"


class QuoteAttributor:
    """The pipeline component: finds every attributed statement of a Doc (see the module doc)."""

    def __init__(self, published: str | None = None, dates: bool = True) -> None:
        self.published = published
        self.dates = dates

    def __call__(self, doc: "Doc") -> "Doc":
        doc._.quotes = self.quotes(doc)
        return doc

    def quotes(self, doc: "Doc") -> list[Quote]:
        """The Quote records of ``doc`` (what the component stores on ``doc._.quotes``)."""
        from storyline.nlp.quotes import quotes

        # With storyline_times earlier in the pipeline, its reference date and times are reused.
        dct = doc._.get("dct") if doc.has_extension("dct") else None
        published = doc._.published or (str(dct) if dct else None) or self.published
        article = Article(id=content_id(doc.text), text=doc.text, published=published)
        found_times = []
        if self.dates:
            tagged = doc._.get("times") if doc.has_extension("times") else None
            if tagged is not None:  # Timex objects from storyline_times: as Time records here
                found_times = [Time(article.id, (t.start, t.end), t.text, t.type, t.value, t.mod) for t in tagged]
            else:
                from storyline.nlp.times import times

                found_times = times(doc, article)
        from storyline.nlp.mentions import mentions  # canonical names: "Mayor Ines Varga" → "Ines Varga"

        return quotes(doc, article, mentions(doc, article), found_times)


def make_quote_attributor(nlp: "Language", name: str, published: str | None, dates: bool) -> QuoteAttributor:
    """spaCy factory for :class:`QuoteAttributor` (``nlp.add_pipe("storyline_quotes")``)."""
    return QuoteAttributor(published=published, dates=dates)


def register() -> None:
    """Register the factory and the ``Doc._.quotes`` / ``Doc._.published`` extensions (idempotent;
    done when this module is imported)."""
    from spacy.language import Language  # lazy: only users of the component pay for spaCy here
    from spacy.tokens import Doc

    for name in ("quotes", "published"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Language.has_factory(FACTORY):
        Language.factory(
            FACTORY,
            default_config={"published": None, "dates": True},
            assigns=["doc._.quotes"],
            requires=["token.dep", "token.lemma", "token.pos"],
            func=make_quote_attributor,
        )


register()
