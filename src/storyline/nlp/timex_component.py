"""The ``storyline_times`` spaCy component: temporal expressions on ``Doc._.times``.

::

    import spacy
    import storyline.nlp.times  # registers the factory (spaCy already imported)

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("storyline_times", config={"ref": "2017-12-04"})
    doc = nlp("The aide said Friday that talks will resume Tuesday.")
    [(t.text, t.value) for t in doc._.times]  # [('Friday', '2017-12-01'), ('Tuesday', '2017-12-05')]

The reference date (the publication date that "Friday" and "last year" are resolved against) is,
in order: ``doc._.dct`` where it is set on the Doc before the component runs (a date or an ISO
string, e.g. ``doc = nlp.make_doc(text); doc._.dct = "2017-12-04"; nlp(doc)``), else the
component's ``ref`` setting, else none (values then stay underspecified: ``XXXX-WXX-5``).
Where the pipeline has a parser placed before the component, the tense of the governing verb
sets the direction of bare weekdays and months, as in :func:`storyline.nlp.times.times`.

Importing :mod:`storyline.nlp.times` registers the factory only where spaCy is already imported,
so that the string-level :func:`~storyline.nlp.times.find` stays light; otherwise call
:func:`register` (or :func:`storyline.nlp.times.register`) before ``add_pipe``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

FACTORY = "storyline_times"


class TimesComponent:
    """A pipeline step that sets ``doc._.times`` to the Doc's :class:`~storyline.nlp.times.Timex` list."""

    def __init__(self, name: str = FACTORY, ref: str | None = None) -> None:
        self.name = name
        self.ref = ref

    def __call__(self, doc: "Doc") -> "Doc":
        from storyline.nlp.times import doc_times

        doc._.times = doc_times(doc, reference_of(doc, self.ref))
        return doc


def reference_of(doc: "Doc", default: str | dt.date | None) -> str | dt.date | None:
    """The reference date of ``doc``: ``doc._.dct`` where set, else ``default``."""
    dct = getattr(doc._, "dct", None) if doc.has_extension("dct") else None
    return dct if dct else default


def make_times(nlp: "Language", name: str, ref: str | None) -> TimesComponent:
    """The factory spaCy calls for ``nlp.add_pipe("storyline_times", config={"ref": ...})``."""
    return TimesComponent(name, ref)


def register() -> None:
    """Register the ``storyline_times`` factory and the ``Doc._.times`` / ``Doc._.dct``
    extensions with spaCy (imported here). Safe to call more than once."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("times"):
        Doc.set_extension("times", default=None)
    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)
    if not Language.has_factory(FACTORY):
        Language.factory(
            FACTORY,
            default_config={"ref": None},
            assigns=["doc._.times"],
            func=make_times,
        )



# spaCy imports this module through the `spacy_factories` entry point (pyproject.toml) when a
# pipeline is created, and expects the import to register the factory; find() users never import it.
register()
