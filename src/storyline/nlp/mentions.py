"""Named-entity mentions within one article, with their canonical name in that article.

spaCy's entities are the starting point; the fixes below are the ones news text needs:

- spans lose a leading "the" (kept only inside a known outlet name, "The Washington Post"), a
  trailing possessive ("Trump’s" → "Trump"), honorifics ("Mr. Peskov" → "Peskov") and a title
  swallowed into a name ("Kremlin Spokesman Dmitry Peskov" → "Dmitry Peskov");
- a title alone is not an entity ("National Security Advisor"); a name run into a place is split
  ("the US Sergey Kislyak" → "US" + "Sergey Kislyak"), as are "Flynn-Kislyak" and photo credits
  ("Kathy Willens / AP");
- words a headline or page address ran into the front of a person's name go ("html Vera Lind",
  "Comedian Vera Lind", "Hire Vera Lind"), and a span of lower-case letters is no name ("cfm");
- known outlets are ORG; a word the article elsewhere uses as a person's name is a PERSON;
- a text with several non-person labels in one article takes the most frequent.

``Mention.entity`` is the canonical name within the article: a partial name ("Flynn", "Mr. Peskov")
maps to the full name in the article that ends with it ("Michael Flynn"). When two different full
names share it (Donald and Ivanka Trump), the bare surname maps to the one mentioned most recently
before it, or, when neither precedes it, to the more frequent one. A known given name alone
("Ellen") maps to the one full name in the article with that given name. Acronyms set up in the article
("the Federal Security Service, the FSB", "Federal Security Service (FSB)") and short forms ("the
Bureau" where FBI appears) map to the long form; place aliases ("U.S.", "America") map to one
name ("United States"). ``Mention.method`` lists the steps, e.g. ``spacy-ner+trim+surname``.

Pronouns and descriptions are mentions too (``Mention.kind`` "pronoun" or "description"), each
with its antecedent's label and canonical name, when the article gives one:

- "he", "she", "they", "its", "who": the nearest compatible name (or resolved phrase) within two
  sentences (paragraph breaks count), subjects first, names before unnamed descriptions, of the
  right gender where a given name or noun tells it (``names.json`` "gender": "Mark" is no "she"), never the subject of the pronoun's own verb
  ("Okafor praised him") nor the name its own phrase stands beside ("Okafor, her brother"); "it"
  is left alone (mostly a thing or an event);
- "the mayor", "the former adviser": a name in apposition or before "is", else the person the
  article gave that role (``roles()``: "Mayor Ruth Okafor"; a vice president is not "the
  president"), else, for "the …", the person most mentioned so far when one clearly leads;
- "the company", "the firm": the nearest organisation within three sentences that is not an outlet.

A pronoun or description with no such antecedent gives no mention: none becomes an entity of its
own. "I" inside a quote is its speaker (:func:`quoted_first_person`, given the article's quotes). A name spaCy took for an organisation that a person description stands beside ("Nadia Petrov,
the minister,") is relabelled PERSON.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from storyline.errors import InputError
from storyline.lexicons import load
from storyline.model import Article, Mention, Quote
from storyline.nlp.roles import title_mask, title_modifiers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Words skipped when reading an acronym off a long form ("Department of Justice" → DJ, not DOJ).
ACRONYM_GLUE = frozenset({"of", "the", "and", "for", "on", "in", "&"})


# ---------------------------------------------------------------------------------------------
# Name helpers, shared with corpus.entities (pure string functions, no spaCy).


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus: resolution folds each one many times
def fold(text: str) -> str:
    """A comparison key: case-folded, accents and dots removed, curly apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().casefold()


@cache
def _names() -> dict:
    return load("names")


@cache
def honorifics() -> frozenset[str]:
    """Honorifics in lower case without dots ("mr", "dr")."""
    return frozenset(_names()["honorifics"])


@cache
def name_suffixes() -> frozenset[str]:
    """Generational suffixes in lower case without dots ("jr", "iii")."""
    return frozenset(_names()["suffixes"])


@cache
def given_name_groups() -> dict[str, int]:
    """Each known given name (lower case) → the number of its variant group (Mike/Michael)."""
    return {name: i for i, group in enumerate(_names()["variants"]) for name in group}


def person_name(text: str) -> str:
    """A person's name as written, without honorifics, possessive or extra whitespace."""
    text = re.sub(r"[’']s$", "", re.sub(r"\s+", " ", text).strip())
    words = text.split(" ")
    while len(words) > 1 and fold(words[0]) in honorifics():
        words = words[1:]
    return " ".join(words).strip(" ,;:")


@lru_cache(maxsize=1 << 18)
def name_parts(name: str) -> tuple[str, str, str]:
    """``(given, surname, suffix)`` of a person's name, folded; given is "" for a bare surname."""
    words = [fold(w) for w in person_name(name).split(" ") if w.strip(".,")]
    suffix = ""
    if len(words) > 1 and words[-1].strip(",") in name_suffixes():
        suffix = words.pop().strip(",")
    if not words:
        return "", "", suffix
    given = words[0] if len(words) > 1 else ""
    return given, words[-1].strip(","), suffix


# ---------------------------------------------------------------------------------------------
# Lexicons of organisations and places.


@cache
def _acronyms() -> dict:
    return load("acronyms")


@cache
def place_aliases() -> dict[str, str]:
    """Folded place name or alias → canonical place name ("u s" → "United States")."""
    out: dict[str, str] = {}
    for name, aliases in _acronyms()["places"].items():
        for alias in (name, *aliases):
            out[fold(re.sub(r"^the\s+", "", alias, flags=re.I))] = name
    return out


@cache
def organisation_aliases() -> dict[str, str]:
    """Folded organisation name or alias → canonical name ("main directorate" → "Main
    Intelligence Directorate"), where the names are not acronyms of one another."""
    out: dict[str, str] = {}
    for name, aliases in _acronyms().get("organisations", {}).items():
        for alias in (name, *aliases):
            out[fold(re.sub(r"^the\s+", "", alias, flags=re.I))] = name
    return out


@cache
def acronym_long_forms() -> dict[str, str]:
    """Acronym → long form ("FBI" → "Federal Bureau of Investigation")."""
    return dict(_acronyms()["acronyms"])


@cache
def outlet_names() -> dict[str, str]:
    """An outlet's name as it may be written (case kept) → its canonical name."""
    try:
        data = load("outlets")
    except FileNotFoundError:  # the ingest lexicon is optional here
        return {}
    out: dict[str, str] = {}
    for name in (*data.get("domains", {}).values(), *data.get("agencies", {}).values()):
        out[name] = name
        if name.startswith("The "):
            out[name[4:]] = name
    for tag, name in data.get("agencies", {}).items():
        if tag.isupper() and len(tag) <= 5:  # "AP", "AFP", "TASS"; not "REUTERS"
            out.setdefault(tag, name)
    return out


# ---------------------------------------------------------------------------------------------
# Span fixing, on token ranges.


@dataclass
class _Piece:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    steps: list[str] = field(default_factory=lambda: ["spacy-ner"])
    entity: str = ""

    def step(self, name: str) -> None:
        if name not in self.steps:
            self.steps.append(name)


@dataclass
class _Context:
    doc: "Doc"
    mask: list[bool]
    person_words: set[str]  # folded single names and surnames spaCy gave as PERSON
    places: set[str]  # folded texts spaCy gave as GPE, plus the place lexicon


def _text(doc: "Doc", start: int, end: int) -> str:
    return doc[start:end].text if start < end else ""


def _is_outlet(doc: "Doc", start: int, end: int) -> bool:
    return _text(doc, start, end) in outlet_names()


def _is_glue(doc: "Doc", i: int) -> bool:
    tok = doc[i]
    return tok.is_punct or tok.is_space or tok.pos_ in {"ADP", "DET", "CCONJ", "PART"} or tok.tag_ == "POS"


def _trimmed(p: _Piece, ctx: _Context) -> _Piece:
    """``p`` without a leading "the", honorifics, a trailing possessive or trailing glue."""
    doc = ctx.doc
    start, end = p.start, p.end
    while start < end:
        lower = doc[start].lower_.rstrip(".")
        if lower == "the" and not _is_outlet(doc, start, end):
            start += 1
        elif lower in honorifics() and end - start > 1:
            start += 1
        elif doc[start].text == "." or doc[start].is_space:
            start += 1
        else:
            break
    while end > start and _is_glue(doc, end - 1):
        end -= 1
    if (start, end) != (p.start, p.end):
        p = _Piece(start, end, p.label, p.steps + ["trim"])
    return p


# Lower-case words that belong to a name ("Ludwig van Beethoven", "Osama bin Laden").
NAME_PARTICLES = frozenset({"al", "bin", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn",
                            "la", "le", "st", "van", "von"})


def known_given_name(word: str) -> bool:
    """Whether ``word`` is a given name ``names.json`` knows ("Ellen", "Mike")."""
    key = fold(word)
    return key in given_name_groups() or word_gender(key) is not None


def _person_lead_trimmed(p: _Piece, ctx: _Context) -> _Piece:
    """A person's name without words a headline or a page address ran into its front, keeping at
    least two words: lower-case words ("html Vera Lind"), a capitalised person noun ("Comedian
    Vera Lind", "Receptionist Vera Lind") and an unknown word before a known given name ("Hire
    Vera Lind", "Nominates Vera Lind")."""
    doc = ctx.doc
    if p.label != "PERSON":
        return p
    start = p.start
    while p.end - start > 2:
        tok = doc[start]
        if tok.is_alpha and tok.text.islower() and tok.lower_ not in NAME_PARTICLES:
            start += 1
        elif tok.is_title and tok.lower_ in description_nouns()["PERSON"]:
            start += 1
        elif tok.is_title and not known_given_name(tok.text) and known_given_name(doc[start + 1].text):
            start += 1
        else:
            break
    if start == p.start:
        return p
    return _Piece(start, p.end, p.label, p.steps + ["trim"])


# Tags of verbs a headline runs into a name ("Having Vera Lind", "Lind Returns").
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


def _person_verbs_trimmed(p: _Piece, ctx: _Context) -> _Piece:
    """A person's name without a verb a headline ran into either end ("Having Lind", "Lind
    Returns") or a lower-case word after it ("Lind doesn"), where a word of the name is left and
    the verb is no known given name."""
    doc = ctx.doc
    if p.label != "PERSON":
        return p
    start, end = p.start, p.end

    def verb(tok) -> bool:  # noqa: ANN001 - a spaCy Token
        return tok.is_title and tok.tag_ in VERB_TAGS and not known_given_name(tok.text)

    while end - start > 1 and verb(doc[start]):
        start += 1
    while end - start > 1 and (verb(doc[end - 1]) or (
        doc[end - 1].is_alpha and doc[end - 1].text.islower() and doc[end - 1].lower_ not in NAME_PARTICLES
    )):
        end -= 1
    while end - start > 1 and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if (start, end) == (p.start, p.end) or not any(t.is_title for t in doc[start:end]):
        return p
    return _Piece(start, end, p.label, p.steps + ["trim"])


def _split_on(p: _Piece, ctx: _Context) -> list[_Piece]:
    """Photo credits ("Kathy Willens / AP"), paired names ("Flynn-Kislyak") and names a
    headline's verb ran together ("Obama Overturns Bush Rule") split in parts."""
    doc = ctx.doc
    cuts = [i for i in range(p.start, p.end) if doc[i].text in {"/", "|"}]
    cuts += [i for i in range(p.start + 1, p.end - 1) if doc[i].tag_ in {"VBZ", "VBD"} and doc[i].is_title
             and not known_given_name(doc[i].text)]
    hyphens = [i for i in range(p.start + 1, p.end - 1) if doc[i].text == "-"]
    if p.label == "PERSON" and not cuts and hyphens:
        bounds = [p.start, *hyphens, p.end]
        parts = [(a + (a != p.start), b) for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(b - a == 1 and fold(doc[a].text) in ctx.person_words for a, b in parts):
            cuts = hyphens
    if not cuts:
        return [p]
    bounds = [p.start - 1, *cuts, p.end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b > a + 1:
            label = "ORG" if _is_outlet(doc, a + 1, b) else p.label
            out.append(_Piece(a + 1, b, label, p.steps + ["split"]))
    return out


def _is_titleish(ctx: _Context, i: int) -> bool:
    tok = ctx.doc[i]
    return ctx.mask[i] or tok.lower_ in title_modifiers() or tok.text in {"-", "the", "The"}


def _without_title(p: _Piece, ctx: _Context) -> _Piece | None:
    """``p`` with a title moved out, or None where it is nothing but a title."""
    doc = ctx.doc
    if all(_is_titleish(ctx, i) for i in range(p.start, p.end)):
        return None  # "National Security Advisor" alone is not an entity
    if p.label == "PERSON":
        # "Kremlin Spokesman Dmitry Peskov": the name starts after the last title word.
        last = max((i for i in range(p.start, p.end - 1) if ctx.mask[i]), default=None)
        if last is not None:
            return _Piece(last + 1, p.end, p.label, p.steps + ["title-out"])
        return p
    # "Port Authority Spokeswoman | Lena Ortiz", "former State Energy | Commissioner Paul Varga": a
    # non-person span in a title chain in front of a person keeps only its entity part.
    after = p.end
    while after < len(doc) and _is_titleish(ctx, after):
        after += 1
    if after >= len(doc) or doc[after].ent_type_ != "PERSON":
        return p
    start, end = p.start, p.end
    while end > start and _is_titleish(ctx, end - 1):
        end -= 1
    while start < end and (doc[start].lower_ in title_modifiers() or doc[start].text == "-"):
        start += 1
    if start >= end:
        return None
    if (start, end) == (p.start, p.end):
        return p
    label = "GPE" if fold(_text(doc, start, end)) in place_aliases() else p.label
    return _Piece(start, end, label, p.steps + ["title-out"])


def _headline_description(p: _Piece, ctx: _Context) -> bool:
    """Whether a "PERSON" is a capitalised description, as in a headline ("Texas Prison Escapee",
    "Perennial Party Girl"): it ends on a person noun and starts with no known given name."""
    doc = ctx.doc
    if p.label != "PERSON" or p.end - p.start < 2:
        return False
    last, first = doc[p.end - 1].lower_, fold(doc[p.start].text)
    return (
        last in description_nouns()["PERSON"]
        and first not in given_name_groups() and word_gender(first) is None
        and all(t.is_title or not t.is_alpha for t in doc[p.start : p.end])
    )


def _lower_case_word(p: _Piece, ctx: _Context) -> bool:
    """Whether a span is letters without a capital ("html", "cfm" from a page address): no name."""
    text = _text(ctx.doc, p.start, p.end)
    return text.replace(" ", "").isalpha() and text.islower()


def _split_person_out(p: _Piece, ctx: _Context) -> list[_Piece]:
    """A person's name run into a non-person span: "US Sergey Kislyak" (after a place) or
    "Kremlin Spokesman Dmitry Peskov" (after a title) tagged as one ORG."""
    doc = ctx.doc
    if p.label == "PERSON" or p.end - p.start < 2:
        return [p]
    for k in range(p.start + 1, p.end):
        rest = doc[k : p.end]
        if not all(t.is_title and t.is_alpha for t in rest):
            continue
        named = fold(doc[k].text) in given_name_groups() or fold(doc[p.end - 1].text) in ctx.person_words
        after_title = ctx.mask[k - 1] and (named or len(rest) >= 2)
        after_place = named and len(rest) >= 2 and fold(_text(doc, p.start, k)) in ctx.places
        if not (after_title or after_place):
            continue
        head = k
        while head > p.start and _is_titleish(ctx, head - 1):
            head -= 1
        out = []
        if head > p.start:
            label = "GPE" if fold(_text(doc, p.start, head)) in ctx.places else p.label
            out.append(_Piece(p.start, head, label, p.steps + ["split"]))
        return [*out, _Piece(k, p.end, "PERSON", p.steps + ["split"])]
    return [p]


# Day and month abbreviations of a dateline run into the end of a name: "Gulf of Eden Sat Nov 12 2011".
_DATE_WORDS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb",
                         "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


def _in_headline(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether ``tok`` stands in a headline: a sentence of at least three words, nearly all of them
    capitalised."""
    words = [t for t in tok.sent if t.is_alpha]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _headline_tail_trimmed(p: _Piece, ctx: _Context) -> _Piece:
    """A name other than a person's without a dateline run into its end ("Gulf of Eden Sat Nov 12
    2011", while "Channel 4" keeps its number) and without a capitalised verb a headline ran into
    it ("Obama Overturns"), where a word is left."""
    doc = ctx.doc
    if p.label == "PERSON" or p.end - p.start < 2:
        return p
    end = p.end
    while end - p.start > 1 and (doc[end - 1].like_num or doc[end - 1].lower_ in _DATE_WORDS or doc[end - 1].is_punct):
        end -= 1
    if not any(t.lower_ in _DATE_WORDS for t in doc[end : p.end]):
        end = p.end  # "Channel 4", "Apollo 13" keep their numbers
    headline = _in_headline(doc[p.start])
    while end - p.start > 1 and doc[end - 1].is_title and (
        doc[end - 1].tag_ in {"VBZ", "VBD"} or (headline and doc[end - 1].tag_ == "VBP")
    ):
        end -= 1
    return p if end == p.end else _Piece(p.start, end, p.label, p.steps + ["trim"])


def _relabelled_person(p: _Piece, ctx: _Context) -> _Piece:
    """"Russia Sanctions" tagged PERSON: a place followed by a plural noun is the place."""
    doc = ctx.doc
    if (
        p.label == "PERSON"
        and p.end - p.start == 2
        and fold(doc[p.start].text) in ctx.places
        and doc[p.end - 1].tag_ == "NNPS"
    ):
        return _Piece(p.start, p.start + 1, "GPE", p.steps + ["relabel"])
    return p


def _fixed(p: _Piece, ctx: _Context) -> list[_Piece]:
    out: list[_Piece] = []
    for part in _split_on(p, ctx):
        part = _trimmed(part, ctx)
        if part.start >= part.end:
            continue
        cleared = _without_title(part, ctx)
        if cleared is None:
            continue
        cleared = _person_verbs_trimmed(_person_lead_trimmed(_trimmed(cleared, ctx), ctx), ctx)
        cleared = _headline_tail_trimmed(cleared, ctx)
        if _headline_description(cleared, ctx) or _lower_case_word(cleared, ctx):
            continue
        for piece in _split_person_out(cleared, ctx):
            piece = _relabelled_person(piece, ctx)
            if piece.start < piece.end:
                out.append(piece)
    return out


def _context(doc: "Doc") -> _Context:
    person_words: set[str] = set()
    places = set(place_aliases())
    for ent in doc.ents:
        if ent.label_ == "PERSON" and all(t.is_alpha or t.text.endswith(".") for t in ent):
            words = [t.text for t in ent if fold(t.text) not in honorifics()]
            if words:
                person_words.add(fold(words[-1]))
        elif ent.label_ == "GPE":
            places.add(fold(re.sub(r"^the\s+", "", ent.text, flags=re.I)))
    return _Context(doc, title_mask(doc), person_words, places)


def _outlet_pieces(doc: "Doc", pieces: list[_Piece]) -> list[_Piece]:
    """Known outlets, as ORG: found in the text (a capitalised "The" kept) or relabelled."""
    names = sorted(
        (n for n in outlet_names() if " " in n or (n.isupper() and len(n) > 1)), key=len, reverse=True
    )
    if not names:
        return pieces
    found: list[_Piece] = []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    for m in pattern.finditer(doc.text):
        span = doc.char_span(m.start(), m.end())
        if span is not None and not any(span.start < f.end and f.start < span.end for f in found):
            found.append(_Piece(span.start, span.end, "ORG", ["outlet"]))
    kept = []
    for p in pieces:
        inside = any(f.start <= p.start and p.end <= f.end for f in found)
        crossing = any(f.start < p.end and p.start < f.end for f in found)
        if inside:
            continue  # "Washington Post" inside "The Washington Post"
        if crossing:
            found = [f for f in found if not (f.start < p.end and p.start < f.end)]
        if _is_outlet(doc, p.start, p.end) and p.label != "ORG":
            p = _Piece(p.start, p.end, "ORG", p.steps + ["outlet"])
        kept.append(p)
    return sorted(kept + found, key=lambda p: p.start)


def _voted(pieces: list[_Piece], doc: "Doc") -> list[_Piece]:
    """Labels made consistent within the article."""
    person_words: set[str] = set()
    for p in pieces:
        if p.label == "PERSON":
            person_words.add(fold(doc[p.end - 1].text))
    protected = set(place_aliases()) | {fold(n) for n in outlet_names()} | {fold(a) for a in acronym_long_forms()}
    for p in pieces:
        key = fold(_text(doc, p.start, p.end))
        # A word used as a person's name elsewhere in the article ("Trump" tagged ORG).
        if p.label in {"ORG", "NORP", "FAC"} and key in person_words and key not in protected:
            p.label = "PERSON"
            p.step("relabel")
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in pieces:
        if p.label != "PERSON":
            votes[fold(_text(doc, p.start, p.end))][p.label] += 1
    for p in pieces:
        counts = votes.get(fold(_text(doc, p.start, p.end)))
        if p.label != "PERSON" and counts and len(counts) > 1:
            best, n = counts.most_common(1)[0]
            if n > counts[p.label]:
                p.label = best
                p.step("relabel")
    return pieces


# ---------------------------------------------------------------------------------------------
# Acronyms and short forms set up in the article.


def initials(text: str) -> str:
    """The capital initials of a name's words, without glue words ("Federal Security Service" →
    "FSS", "Academy of Motion Picture Arts and Sciences" → "AMPAS")."""
    return "".join(w[0] for w in re.findall(r"[\w’']+", text) if w.lower() not in ACRONYM_GLUE).upper()


def _acronym_pieces(doc: "Doc", pieces: list[_Piece]) -> tuple[list[_Piece], dict[str, str]]:
    """Acronyms set up after a long form, and the long form of each (acronym text → long text)."""
    text = doc.text
    longs = acronym_long_forms()
    by_start = {p.start: p for p in pieces}
    added: list[_Piece] = []
    links: dict[str, str] = {}
    after = re.compile(r"\s*(,\s*(?:the\s+)?|\(\s*)([A-Z][A-Z0-9]{1,6})\b(\)?)")
    for p in pieces:
        if p.label != "ORG" or p.end - p.start < 2:
            continue
        long_text = _text(doc, p.start, p.end)
        end_char = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        m = after.match(text, end_char)
        if not m:
            continue
        acronym = m.group(2)
        paren = m.group(1).startswith("(") and m.group(3) == ")"
        known = fold(longs.get(acronym, "")) == fold(long_text)
        if not (paren or known or initials(long_text) == acronym):
            continue  # "the FBI, the CIA and ..." is a list, not a definition
        span = doc.char_span(m.start(2), m.end(2))
        if span is None:
            continue
        if span.start not in by_start:
            added.append(_Piece(span.start, span.end, "ORG", ["acronym"]))
        links[acronym] = long_text
    return sorted(pieces + added, key=lambda p: p.start), links


def _short_form_pieces(doc: "Doc", pieces: list[_Piece]) -> list[_Piece]:
    """"the Bureau" as a mention of the FBI, where FBI appears in the article."""
    present = {_text(doc, p.start, p.end) for p in pieces}
    longs = acronym_long_forms()
    added = []
    for short, acronym in _acronyms()["short_forms"].items():
        if acronym not in present and longs.get(acronym) not in present:
            continue
        for m in re.finditer(r"\bthe\s+(" + re.escape(short) + r")\b", doc.text):
            span = doc.char_span(m.start(1), m.end(1))
            if span is not None and not any(p.start < span.end and span.start < p.end for p in pieces):
                piece = _Piece(span.start, span.end, "ORG", ["short-form"])
                piece.entity = longs[acronym] if longs.get(acronym) in present else acronym
                added.append(piece)
    return sorted(pieces + added, key=lambda p: p.start)


# ---------------------------------------------------------------------------------------------
# Canonical names within the article.


def _title_before(doc: "Doc", start: int, mask: Sequence[bool]) -> str:
    """The title word right before a name ("councillor" in "Councillor Okafor"), folded, or ""."""
    return fold(doc[start - 1].lemma_) if start > 0 and mask[start - 1] else ""


def _person_canonicals(pieces: list[_Piece], doc: "Doc", mask: Sequence[bool]) -> None:
    people = [p for p in pieces if p.label == "PERSON"]
    names = [person_name(_text(doc, p.start, p.end)) for p in people]
    titles = [_title_before(doc, p.start, mask) for p in people]
    words = [[fold(w) for w in n.split(" ")] for n in names]
    counts = Counter(names)
    for i, p in enumerate(people):
        mine = words[i]
        # Longer names in the article that end with this one ("Michael Flynn" for "Flynn").
        longer = {
            names[j] for j in range(len(people)) if len(words[j]) > len(mine) and words[j][-len(mine) :] == mine
        }
        # "Michael Flynn" and "Michael T. Flynn" are one name: keep the longest of each given name.
        by_given: dict[str, str] = {}
        for n in sorted(longer, key=len, reverse=True):
            by_given.setdefault(fold(n.split(" ")[0]), n)
        candidates = set(by_given.values())
        if len(mine) > 1:
            candidates = {c for c in candidates if fold(c.split(" ")[0]) == mine[0]}
        if not candidates and len(mine) == 1 and known_given_name(mine[0]):
            candidates = _given_name_owner(mine[0], names, words)
            if candidates:
                p.step("given")
        if not candidates:
            p.entity = names[i]
            continue
        if len(candidates) > 1 and titles[i]:
            # Namesakes told apart by their title: "Councillor Okafor" is the councillor.
            titled = {names[j] for j in range(len(people)) if names[j] in candidates and titles[j] == titles[i]}
            candidates = titled if len(titled) == 1 else candidates
        if len(candidates) > 1:
            before = [names[j] for j in range(i) if names[j] in candidates]
            choice = before[-1] if before else max(sorted(candidates), key=lambda c: counts[c])
        else:
            choice = next(iter(candidates))
        p.entity = choice
        if "given" not in p.steps:
            p.step("surname" if len(mine) == 1 else "longest")


def _given_name_owner(given: str, names: Sequence[str], words: Sequence[Sequence[str]]) -> set[str]:
    """The one full name of the article with this given name ("Ellen" → "Ellen Marsh"), as a set
    of one, or an empty set where none or several have it or a name ends with it."""
    if any(len(w) > 1 and w[-1] == given for w in words):
        return set()  # also someone's surname: "Neil" in "Neil Marsh" and "Ruth Neil"
    owners = {" ".join(w): n for n, w in zip(names, words, strict=True) if len(w) > 1 and w[0] == given}
    # "Ellen Marsh Returns" in a headline is "Ellen Marsh" again: keep the shortest forms.
    shortest = {k for k in owners if not any(o != k and k.startswith(o + " ") for o in owners)}
    if len({k.split(" ")[-1] for k in shortest}) != 1:
        return set()
    return {max((owners[k] for k in shortest), key=len)}


def _other_canonicals(pieces: list[_Piece], doc: "Doc", acronyms: dict[str, str]) -> None:
    casings: dict[str, Counter] = defaultdict(Counter)
    for p in pieces:
        if p.label != "PERSON":
            casings[fold(_text(doc, p.start, p.end))][_text(doc, p.start, p.end)] += 1
    for p in pieces:
        if p.label == "PERSON" or p.entity:
            continue
        text = _text(doc, p.start, p.end)
        if text in acronyms:
            p.entity = acronyms[text]
            p.step("acronym")
        elif text in outlet_names():
            p.entity = outlet_names()[text]
            if p.entity != text:
                p.step("outlet")
        elif p.label in PLACE_LABELS and fold(text) in place_aliases():
            p.entity = place_aliases()[fold(text)]
            if p.entity != text:
                p.step("alias")
        else:
            # "MOSCOW" in a dateline takes the article's usual spelling, "Moscow".
            forms = casings[fold(text)]
            best = max(forms, key=lambda f: (forms[f], not f.isupper(), f))
            p.entity = re.sub(r"\s+", " ", best)


def mentions(doc: "Doc", article: Article) -> list[Mention]:
    """The article's mentions of people, organisations and places, each with its canonical name
    within the article (see the module docstring for the fixes applied to spaCy's entities), and
    the pronouns and descriptions resolved to one of them (``kind`` "pronoun", "description").

    ``doc`` must be the parse of ``article.text``.
    """
    if doc.text != article.text:
        raise InputError(article.id, "the parsed text differs from the article text")
    ctx = _context(doc)
    pieces: list[_Piece] = []
    for ent in doc.ents:
        if ent.label_ in LABELS:
            pieces.extend(_fixed(_Piece(ent.start, ent.end, ent.label_), ctx))
    pieces = _outlet_pieces(doc, pieces)
    pieces = _voted(pieces, doc)
    pieces, acronyms = _acronym_pieces(doc, pieces)
    pieces = _short_form_pieces(doc, pieces)
    _person_canonicals(pieces, doc, ctx.mask)
    _other_canonicals(pieces, doc, acronyms)
    out = []
    for p in pieces:
        start = doc[p.start].idx
        end = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        out.append(
            Mention(
                article_id=article.id, span=(start, end), text=article.text[start:end], label=p.label,
                entity=p.entity, method="+".join(p.steps),
            )
        )
    out = _relabelled_by_description(doc, out)
    return sorted(out + _reference_mentions(doc, article, out), key=lambda m: m.span)


def _looks_personal(name: str) -> bool:
    """Two or three capitalised words, none a company word, not a known place or outlet."""
    words = name.split()
    suffixes = frozenset(_acronyms().get("company_suffixes", ()))
    return (
        2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
        and not any(w.lower() in suffixes for w in words)
        and fold(name) not in place_aliases() and name not in outlet_names()
    )


def _relabelled_by_description(doc: "Doc", named: list[Mention]) -> list[Mention]:
    """Names spaCy took for an organisation that a person description stands beside ("Nadia
    Petrov, the minister,"), relabelled PERSON throughout the article."""
    from dataclasses import replace

    if not doc.has_annotation("DEP"):
        return named
    people: set[str] = set()
    for m in named:
        if m.label == "PERSON" or not _looks_personal(m.entity):
            continue
        span = _phrase_span(doc, m.span[0], m.span[1])
        if span is None:
            continue
        root = span.root
        beside = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        if any(t.pos_ == "NOUN" and t.tag_ == "NN" and description_label(t) == "PERSON" for t in beside):
            people.add(m.entity)
    if not people:
        return named
    return [replace(m, label="PERSON", method=m.method + "+relabel") if m.entity in people else m for m in named]


# ---------------------------------------------------------------------------------------------
# Pronouns and descriptions, resolved to a named antecedent in the article.

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
# "the office where he worked": "where" stands for the place its clause hangs on.
RELATIVE_PLACE = frozenset({"where"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
# Pronouns storyline resolves on its own: "it" is left out (mostly an event, a thing or
# pleonastic: "it was raining"), "its" kept (an organisation's, as a rule).
RESOLVED_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | frozenset({"its", "who", "whom", "whose"})
# How many sentences back a pronoun may find its antecedent.
PRONOUN_WINDOW = 2
# How many sentences back "the company" may find its organisation.
DESCRIPTION_WINDOW = 3
DEFINITE = frozenset({"the", "this", "that"})
# Nouns for a group of people that the tagger may call singular: never a "he" or "she".
COLLECTIVE_NOUNS = frozenset({"police", "crew", "personnel", "family", "team", "public", "audience",
                              "committee", "jury", "panel", "government", "administration", "military"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@cache
def description_nouns() -> dict[str, frozenset[str]]:
    """Head nouns of descriptions, by the label they describe: "PERSON" (the person nouns of
    ``names.json`` and the title heads of ``titles.json``) and "ORG"."""
    from storyline.nlp.roles import title_heads

    data = _names().get("descriptions", {})
    return {
        "PERSON": frozenset(data.get("person", ())) | title_heads(),
        "ORG": frozenset(data.get("organisation", ())),
    }


@cache
def place_nouns() -> dict[str, frozenset[str]]:
    """Head nouns of descriptions of places, by label: "FAC" (``names.json``'s buildings and other
    facilities: "the prison") and "LOC" (its areas: "the region", "the scene")."""
    data = _names().get("descriptions", {})
    return {"FAC": frozenset(data.get("building", ())), "LOC": frozenset(data.get("area", ()))}


def place_label(root) -> str | None:  # noqa: ANN001 - a spaCy Token
    """"FAC" or "LOC" for a noun heading a description of a place, else None."""
    if root.pos_ != "NOUN":
        return None
    words = {root.lower_, root.lemma_.lower()}
    return next((label for label, nouns in place_nouns().items() if words & nouns), None)


def description_label(root) -> str | None:  # noqa: ANN001 - a spaCy Token
    """"PERSON" or "ORG" for a noun heading a description ("actress", "company"), else None."""
    words = {root.lower_, root.lemma_.lower()}
    for label, nouns in description_nouns().items():
        if words & nouns:
            return label
    return None


# Words that make a different post of a title: a vice president is not the president.
RANKS = frozenset({"vice", "deputy", "assistant", "under", "lieutenant", "associate", "co"})


def role_key(words: Sequence[str]) -> str:
    """What a title or description must share to be one role: its last person noun with the rank
    word before it ("Vice President" → "vice president", "the former adviser" → "adviser"), or ""."""
    lower = [w.lower().removesuffix("'s").removesuffix("’s") for w in words]
    nouns = description_nouns()["PERSON"]
    at = max((i for i, w in enumerate(lower) if w in nouns), default=None)
    if at is None:
        return ""
    head = lower[at][:-1] if lower[at].endswith("s") and lower[at][:-1] in nouns else lower[at]
    rank = lower[at - 1] if at > 0 and lower[at - 1].rstrip("-") in RANKS else ""
    return f"{rank.rstrip('-')} {head}".strip()


# Descriptions any company may go by; other organisation nouns must be in the name ("the agency").
COMPANY_NOUNS = frozenset({"company", "firm", "corporation", "maker", "manufacturer", "group", "business"})


def _org_fits(root, name: str) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether the organisation ``name`` can be called by the description headed by ``root``:
    "the agency" an Agency, "the company" a name ending in a company word ("Vantor Chemicals")."""
    words = [w.lower() for w in re.findall(r"[\w&]+", name)]
    head = root.lemma_.lower()
    if head in words or root.lower_ in words:
        return True
    suffixes = frozenset(_acronyms().get("company_suffixes", ()))
    return head in COMPANY_NOUNS and len(words) > 1 and words[-1] in suffixes


def is_reference(m: Mention) -> bool:
    """Whether ``m`` is a pronoun or description standing for a name, not a name itself."""
    return m.kind != "name"


@dataclass
class _Phrase:
    start: int  # char offsets
    end: int
    label: str
    entity: str | None = None
    method: str = ""
    subject: bool = False
    sentence: int = 0
    plural: bool = False
    kind: str = "name"


def _phrase_span(doc: "Doc", start: int, end: int):  # noqa: ANN202 - a spaCy Span
    return doc.char_span(start, end, alignment_mode="expand")


def _attached_to_head(tok, root) -> bool:  # noqa: ANN001 - spaCy Tokens
    """Whether ``tok`` belongs to the head of its phrase (``root``) rather than to a modifier
    clause or a prepositional phrase: "Tara Reid" in "party girl Tara Reid", not "Malibu" in "a
    rehab facility in Malibu"."""
    while tok.i != root.i:
        if tok.dep_ in {"prep", "pobj", "agent", "relcl", "acl", "advcl", "pcomp"}:
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _named_inside(span, named: Sequence[Mention]) -> Mention | None:  # noqa: ANN001
    """The named mention a phrase is about: one holding the phrase's syntactic head, else one
    ending on its last word where that word hangs on the head ("Perennial party girl Tara Reid" →
    "Tara Reid"; not "Malibu" for "a rehab facility in Malibu")."""
    head = _span_head(span)
    last = span[-1]
    last_ok = _attached_to_head(last, head)
    best: Mention | None = None
    for m in named:
        if m.span[1] <= span.start_char or m.span[0] >= span.end_char:
            continue
        covers_head = m.span[0] <= head.idx < m.span[1]
        ends_last = last_ok and m.span[0] <= last.idx < m.span[1]
        if covers_head or ends_last:
            if best is None or (m.span[1] - m.span[0]) > (best.span[1] - best.span[0]):
                best = m
    return best


def _compatible(pronoun: str, candidate: _Phrase) -> bool:
    if pronoun in PERSON_PRONOUNS:
        return candidate.label == "PERSON" and not candidate.plural
    if pronoun in NEUTER_PRONOUNS:
        return candidate.label != "PERSON" and not candidate.plural
    if pronoun in PLURAL_PRONOUNS:  # "Democrats", "Russians"; "they" for one organisation is too loose
        return candidate.plural
    return False


@cache
def _gendered_words() -> dict[str, str]:
    data = _names().get("gender", {})
    return {**{w: "f" for w in data.get("female", ())}, **{w: "m" for w in data.get("male", ())}}


def word_gender(word: str) -> str | None:
    """"f" or "m" for a given name or person noun used mostly for women or men ("Lindsay",
    "actress"; "Mark", "spokesman"), else None."""
    return _gendered_words().get(fold(word))


def pronoun_gender(pronoun: str) -> str | None:
    """"m" or "f" for a personal pronoun ("he", "her"), else None."""
    if pronoun in MALE_PRONOUNS:
        return "m"
    return "f" if pronoun in PERSON_PRONOUNS else None


def _antecedent(
    p: _Phrase, pronoun: str, before: Sequence[_Phrase], genders: dict[str, str]
) -> _Phrase | None:
    """The nearest compatible earlier phrase with a name, subjects first, within a few sentences;
    a person an earlier pronoun showed to be of the other gender is not one."""
    gender = pronoun_gender(pronoun)
    options = [
        c for c in before
        if c.entity and c.end <= p.start and p.sentence - c.sentence <= PRONOUN_WINDOW and _compatible(pronoun, c)
        and (gender is None or genders.get(c.entity, gender) == gender)
    ]
    if not options:
        return None
    # An unnamed description ("the lawyer" left unresolved) yields to a name in the same sentence.
    return min(options, key=lambda c: (p.sentence - c.sentence, c.kind == "head", not c.subject, -c.start))


def _covering(phrases: Sequence[_Phrase], offset: int) -> _Phrase | None:
    for c in phrases:
        if c.entity and c.start <= offset < c.end:
            return c
    return None


def _relative_antecedent(span, phrases: Sequence[_Phrase]) -> _Phrase | None:  # noqa: ANN001
    """"Reid, who …": the phrase the relative clause hangs on."""
    verb = span.root.head
    if verb.dep_ != "relcl":
        return None
    return _covering(phrases, verb.head.idx)


def _determiner(span) -> str:  # noqa: ANN001 - a spaCy Span
    """The determiner of a description, lower case, also where the span is only its head noun
    ("actress" marked inside "the troubled actress"), else ""."""
    if span[0].lower_ in DEFINITE:
        return span[0].lower_
    for c in span.root.children:
        if c.dep_ in {"det", "poss"} and c.i < span.root.i:
            return c.lower_
    return ""


def _span_head(span):  # noqa: ANN001, ANN202 - spaCy Span and Token
    """The head of a phrase that need not be whole in the parse: of its words whose head lies
    outside it, the last noun, name or pronoun ("office" in "an office" cut from "an office
    party", "employee" in a misparsed "ex-employee"), else spaCy's root."""
    tops = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    nominal = [t for t in tops if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
    return nominal[-1] if nominal else span.root


def _description_name(span) -> str:  # noqa: ANN001
    """A description's name in the article: its head noun's lemma ("the 31-year-old actress" →
    "actress"), plural kept ("prosecutors"); descriptions with one head noun in one article are
    taken as one referent."""
    root = _span_head(span)
    if not root.is_alpha or root.tag_ in {"NNS", "NNPS"}:
        return root.lower_  # "prosecutors" are not "the prosecutor"
    return root.lemma_.lower()


def _title_genders(doc: "Doc", people: Sequence[Mention], found: Sequence[object]) -> list[tuple[str, str]]:
    """``(entity, "m" or "f")`` for people whose honorific or title tells their gender: the word
    right before a name ("Mr. Heller", "Ms . Okafor", "actress Vera Lind") and the last word of a
    title the article gives them ("Heller, a spokesman,")."""
    out: list[tuple[str, str]] = []
    for m in people:
        before = doc.text[max(0, m.span[0] - 20) : m.span[0]]
        word = re.search(r"([A-Za-z]+)\s*\.?\s*$", before)
        if word is None:
            continue
        key = word.group(1).lower()
        gender = word_gender(key) if key in honorifics() or key in description_nouns()["PERSON"] else None
        if gender:
            out.append((m.entity, gender))
    for r in found:
        words = re.findall(r"[A-Za-z]+", getattr(r, "title", ""))
        gender = word_gender(words[-1]) if words else None
        if gender:
            out.append((getattr(r, "entity", ""), gender))
    return out


class _Resolver:
    """Antecedents in one article: its named mentions, then pronouns and descriptions in text
    order, each resolved one joining the phrases later ones may point back to."""

    def __init__(
        self, doc: "Doc", article: Article, named: Sequence[Mention], wanted: set[str] | None = None
    ) -> None:
        from storyline.nlp.roles import roles

        self.doc = doc
        self.named = list(named)
        # Sentences, and paragraphs: a photo credit run into the next sentence is not its subject.
        self.starts = sorted({s.start_char for s in doc.sents} | {m.end() for m in re.finditer(r"\n\s*\n", doc.text)})
        self.phrases = [self._named_phrase(m) for m in named]
        # Where set, the only names a personal pronoun may point back to (see phrase_mentions).
        self.wanted = wanted
        self.genders: dict[str, str] = {}
        people = [m for m in named if m.label == "PERSON"]
        found = roles(doc, article, people)
        # "Ms. Okafor", "spokesman Mark Heller", "Heller, a spokesman,": the title tells the gender
        # better than a given name does (Leslie, Jordan), so it goes first.
        for entity, gender in _title_genders(doc, people, found):
            self.genders.setdefault(entity, gender)
        for m in people:  # "Mark Heller" is no "she"
            given = name_parts(m.entity)[0]
            if given and word_gender(given):
                self.genders.setdefault(m.entity, word_gender(given) or "")
        # A role's head word → (offset, entity) of the people the article gives it ("adviser").
        self.role_heads: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in found:
            key = role_key(re.findall(r"[A-Za-z][\w-]*", r.title))
            if key:
                self.role_heads[key].append((r.span[0], r.entity))

    def sentence(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _named_phrase(self, m: Mention) -> _Phrase:
        span = _phrase_span(self.doc, m.span[0], m.span[1])
        subject = span is not None and span.root.dep_ in SUBJECT_DEPS
        # "Democrats" is plural; "Vantor Chemicals" is one company.
        plural = span is not None and m.label == "NORP" and span.root.tag_ in {"NNS", "NNPS"}
        return _Phrase(m.span[0], m.span[1], m.label, m.entity, "named", subject, self.sentence(m.span[0]), plural)

    def phrase(self, span, label: str) -> _Phrase:  # noqa: ANN001
        """A phrase for ``span``, not yet resolved."""
        return _Phrase(
            span.start_char, span.end_char, label, sentence=self.sentence(span.start_char),
            subject=span.root.dep_ in SUBJECT_DEPS,
            plural=span.root.tag_ in {"NNS", "NNPS"} or span.root.lower_ in COLLECTIVE_NOUNS,
        )

    def add(self, p: _Phrase) -> None:
        """``p``, resolved, becomes a possible antecedent of later phrases."""
        if p.entity:
            self.phrases.append(p)

    def pronoun(self, p: _Phrase, span) -> _Phrase | None:  # noqa: ANN001
        """The antecedent of the pronoun ``span``."""
        word = span.text.lower()
        if word in RELATIVE_PRONOUNS | RELATIVE_PLACE:
            return _relative_antecedent(span, self.phrases)
        barred = self._barred(span.root)
        gone = {c.entity for c in self.phrases if any(c.start <= t.idx < c.end for t in barred)}
        options = [
            c for c in self.phrases
            if c.entity not in gone and (self.wanted is None or c.method != "named" or c.entity in self.wanted)
        ]
        c = _antecedent(p, word, options, self.genders)
        if c is not None and pronoun_gender(word):
            self.genders.setdefault(c.entity or "", pronoun_gender(word) or "")
        return c

    @staticmethod
    def _barred(tok) -> list:  # noqa: ANN001, ANN205 - spaCy Tokens
        """Tokens a pronoun cannot refer to by the shape of the sentence: the noun phrase it sits in
        ("Daniel Okafor, her brother": not Daniel Okafor), and for "him" or "her" as an object the
        subject of its own verb ("Okafor thanked him": not Okafor)."""
        out = []
        head = tok.head
        while head.i != tok.i and head.pos_ not in {"VERB", "AUX"}:
            out.append(head)
            if head.head.i == head.i:  # the root (spaCy makes a new Token object each time)
                break
            tok, head = head, head.head
        if tok.dep_ in {"dobj", "pobj", "dative"} and not tok.lower_.endswith("self"):
            out.extend(c for c in tok.head.children if c.dep_ in SUBJECT_DEPS)
        return out

    def description(self, p: _Phrase, span, salient: bool = False) -> tuple[_Phrase | None, str]:  # noqa: ANN001
        """The named antecedent of a description, and how found: its apposition or copula ("Ines
        Varga, the mayor,", "Varga is the mayor"), a person given that role in the article ("the
        mayor" where "Mayor Ines Varga" appears), or for "the company" the nearest organisation
        before it. With ``salient``, a definite person description with no other evidence is the
        most mentioned person so far."""
        root = span.root
        label = description_label(root)
        linked = self._linked(root)
        if linked is not None and linked.entity and word_gender(root.lower_):
            # "Ines Varga, a grandmother,": a later "he" is someone else.
            self.genders.setdefault(linked.entity, word_gender(root.lower_) or "")
        if linked is not None:
            key = role_key([t.text for t in span])
            if label == "PERSON" and linked.entity and key:  # "Varga, the mayor,": a later "the mayor" too
                self.role_heads[key].append((p.start, linked.entity))
            return linked, "apposition"
        if p.plural or any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
            return None, ""  # "his advisers", "the administration of …": not one named antecedent
        if label == "PERSON":
            key = role_key([t.text for t in span])
            entity = self._by_role(key, p.start)
            if entity:
                return _Phrase(p.start, p.end, "PERSON", entity), "role"
            # "The president" where only a vice president was named is someone else.
            rival = any(k.split(" ")[-1] == key.split(" ")[-1] for k in self.role_heads) if key else False
            if salient and not rival and not p.plural and _determiner(span) in DEFINITE:
                c = self._salient_person(p.start)
                if c is not None:
                    return c, "salient"
        elif label == "ORG" and not p.plural and _determiner(span) in DEFINITE | {"its", "their"}:
            options = [
                c for c in self.phrases
                if c.kind == "name" and c.label == "ORG" and c.end <= p.start
                and p.sentence - c.sentence <= DESCRIPTION_WINDOW and c.entity not in outlet_names().values()
                and _org_fits(root, c.entity or "")
            ]
            if options:
                return max(options, key=lambda c: c.start), "nearest"
        return None, ""

    def _linked(self, root) -> _Phrase | None:  # noqa: ANN001
        """A name in apposition with the description's head, or its subject where it is the
        complement of "be"."""
        named = [c for c in self.phrases if c.kind == "name"]
        if root.dep_ == "appos":
            found = _covering(named, root.head.idx)
            if found is not None:
                return found
        for child in root.children:
            if child.dep_ == "appos":
                found = _covering(named, child.idx)
                if found is not None:
                    return found
        if root.dep_ == "attr" and root.head.lemma_ == "be":
            for child in root.head.children:
                if child.dep_ in SUBJECT_DEPS:
                    found = _covering(named, child.idx)
                    if found is not None:
                        return found
        return None

    def _by_role(self, key: str, offset: int) -> str | None:
        """The person the article gave this role before ``offset``, the latest where several."""
        before = [e for at, e in self.role_heads.get(key, ()) if at < offset]
        return before[-1] if before else None

    def _salient_person(self, offset: int) -> _Phrase | None:
        counts: Counter = Counter()
        last: dict[str, _Phrase] = {}
        for c in self.phrases:
            if c.label == "PERSON" and c.kind == "name" and c.end <= offset and c.entity:
                counts[c.entity] += 1 + c.subject  # the subject of a sentence is what it is about
                last[c.entity] = c
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2) + [("", 0)]
        if n < 2 or n <= rest[0][1]:
            return None
        return last[best]


def _reference_candidates(doc: "Doc", named: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Token ranges of pronouns and descriptions not inside a name, with "pronoun" or
    "description", in text order."""
    taken = sorted(m.span for m in named)
    starts = [s for s, _ in taken]

    def inside_name(start: int, end: int) -> bool:
        k = bisect.bisect_right(starts, end - 1) - 1
        return k >= 0 and taken[k][1] > start

    out: list[tuple[int, int, str]] = []
    for tok in doc:
        if tok.lower_ in RESOLVED_PRONOUNS and tok.tag_ in {"PRP", "PRP$", "WP", "WP$"}:
            out.append((tok.i, tok.i + 1, "pronoun"))
    for chunk in doc.noun_chunks:
        root = chunk.root
        if description_label(root) is None:
            continue
        if root.pos_ != "NOUN" and not (root.pos_ == "PROPN" and chunk[0].lower_ == "the"):
            continue  # "The retired Lieutenant General" is a description, "General Motors" is not
        if root.dep_ == "pobj" and root.head.lower_ == "of" and description_label(root.head.head) == "PERSON":
            continue  # part of a title: "staff" in "chief of staff"
        start = chunk.start
        while start < root.i and (doc[start].is_punct or doc[start].tag_ == "POS"):
            start += 1
        end = root.i + 1  # the head ends the description: "the company's" → "the company"
        # Its head must lie outside any name; a name may modify it ("23 Somali pirates").
        if not inside_name(root.idx, root.idx + len(root.text)):
            out.append((start, end, "description"))
    return sorted(out)


def _reference_mentions(doc: "Doc", article: Article, named: Sequence[Mention]) -> list[Mention]:
    """Pronouns and descriptions resolved to a named mention of the article; the others none."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("SENT_START"):
        return []  # without a parse there is no phrase to resolve
    resolver = _Resolver(doc, article, named)
    out: list[Mention] = []
    for start, end, kind in _reference_candidates(doc, named):
        span = doc[start:end]
        p = resolver.phrase(span, "PERSON")
        if kind == "pronoun":
            c, how = resolver.pronoun(p, span), "pronoun"
        else:
            c, how = resolver.description(p, span, salient=True)
            how = f"description+{how}"
        if c is None or not c.entity:
            continue
        p.entity, p.label, p.kind, p.method = c.entity, c.label, kind, how
        p.plural = p.plural or c.plural
        resolver.add(p)
        out.append(Mention(article.id, (p.start, p.end), article.text[p.start : p.end], p.label, p.entity,
                           method=how, kind=kind))
    return out


def candidate_phrases(doc: "Doc", named: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Noun phrases that may mention a person, organisation or place, as ``(start, end, label)``
    in characters for :func:`phrase_mentions`: the names of ``named`` except those that only
    modify a noun ("the Brooklyn teen"), personal pronouns, descriptions headed by a person or
    organisation noun ("the suspect", "23 Somali pirates", "the company"), resolved or not,
    descriptions of places ("the prison", "the scene") and a relative "where". Meant for scoring
    mention detection against benchmarks that mark every such phrase; :func:`mentions` keeps only
    those tied to a name."""
    names = [m for m in named if not is_reference(m)]
    out = [(m.span[0], m.span[1], m.label) for m in names if not _modifier_only(doc, m)]
    for start, end, kind in _reference_candidates(doc, names):
        span = doc[start:end]
        word = span.text.lower()
        if kind == "pronoun":
            if span.root.tag_ in {"PRP$", "WP$"} or word in RELATIVE_PRONOUNS:
                continue  # "his", "its", "who" are not marked as mentions in the usual benchmarks
            label = "ORG" if word in NEUTER_PRONOUNS else "PERSON"
        else:
            label = description_label(span.root) or "PERSON"
        out.append((span.start_char, span.end_char, label))
    taken = sorted((s, e) for s, e, _ in out)
    for tok in doc:  # "the office where he worked"
        if tok.lower_ in RELATIVE_PLACE and tok.dep_ == "advmod" and tok.head.dep_ == "relcl":
            out.append((tok.idx, tok.idx + len(tok.text), place_label(tok.head.head) or "FAC"))
    for chunk in doc.noun_chunks:  # places: "the prison", "the scene"
        label = place_label(chunk.root)
        start = next((t for t in chunk if not (t.is_punct or t.tag_ == "POS")), chunk.root)
        span = (start.idx, chunk.root.idx + len(chunk.root.text))
        if label and not any(s < span[1] and span[0] < e for s, e in taken):
            out.append((*span, label))
    return sorted(out)


# Dependency labels of a noun that heads a noun phrase.
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "iobj", "dative", "attr", "appos", "conj", "compound",
                          "npadvmod", "poss", "oprd", "nmod"})


def _modifier_only(doc: "Doc", m: Mention) -> bool:
    """Whether a name only modifies another noun ("the Brooklyn teen", "a Kraft Foods plant"):
    such a name is a word of a longer phrase, not a mention of its own (ECB+ train marks 17% of
    them, against half or more of names in any other position)."""
    span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
    if span is None or span.root.dep_ not in {"compound", "nmod", "amod"} or span.root.head.i < span.end:
        return False
    return span.root.head.dep_ in NOMINAL_DEPS  # not "have Ellen DeGeneres host the show", a verb misread


def _core_span(doc: "Doc", start: int, end: int):  # noqa: ANN202 - a spaCy Span
    """The phrase at ``[start, end)`` without leading prepositions ("to Baytown", "in prison":
    benchmarks may mark a place with its preposition, which would otherwise head the phrase)."""
    span = _phrase_span(doc, start, end)
    if span is None:
        return None
    first = span.start
    while first < span.end - 1 and doc[first].pos_ in {"ADP", "SCONJ"} and doc[first].dep_ in {"prep", "mark", "ROOT"}:
        first += 1
    return doc[first : span.end] if first != span.start else span


def _proper_run(span) -> str:  # noqa: ANN001 - a spaCy Span
    """The run of proper nouns holding a phrase's head, where its head is one ("Promises", "Us
    Weekly" that the tagger missed as names), else ""."""
    root = span.root
    if root.pos_ != "PROPN" or not root.text[:1].isupper() or description_label(root):
        return ""  # "Host" in a title-case headline is a description
    first, last = root.i, root.i + 1
    while first > span.start and span.doc[first - 1].pos_ == "PROPN":
        first -= 1
    while last < span.end and span.doc[last].pos_ == "PROPN":
        last += 1
    return person_name(span.doc[first:last].text)


def _relabelled_by_phrases(
    names: Sequence[Mention], spans: Sequence[object], labels: Sequence[str]
) -> list[Mention]:
    """Named mentions relabelled by the labels the caller gave the phrases holding them, for all
    mentions of the same entity: "Betty Ford" inside a phrase given as a place is no one "she" can
    point back to."""
    from dataclasses import replace

    votes: dict[str, Counter] = defaultdict(Counter)
    for span, label in zip(spans, labels, strict=True):
        if span is None:
            continue
        m = _named_inside(span, names)
        if m is not None:
            votes[m.entity][label] += 1
    out = []
    for m in names:
        counts = votes.get(m.entity)
        if counts:
            best = counts.most_common(1)[0][0]
            if best != m.label and (best == "PERSON" or m.label == "PERSON"):
                m = replace(m, label=best)
        out.append(m)
    return out


# Pronouns that stand for whoever speaks or is spoken to.
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
                              "you", "your", "yours", "yourself", "yourselves"})
SINGULAR_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def _speaker_pronoun(span) -> bool:  # noqa: ANN001 - a spaCy Span
    """Whether a phrase is a first- or second-person pronoun, with any quotation mark or
    contraction marked with it ('"I', "I'm")."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and words[0].lower_ in SPEAKER_PRONOUNS and all(
        t.pos_ in {"AUX", "PART", "VERB"} or t.lower_.startswith(("'", "’")) for t in words[1:]
    )


def quoted_first_person(
    article: Article, phrases: Sequence[tuple[int, int, str]], quotes: Sequence[Quote]
) -> dict[int, Mention]:
    """For each phrase (``(start, end, label)`` in characters) that is "I", "me", "my" or "myself"
    inside the words of a quote whose speaker is known: a mention of that speaker, by index.
    A quote's "I" is its speaker, whatever the article calls them elsewhere ("we" may be a group,
    and is left alone). ``quotes`` are the article's (:func:`storyline.nlp.quotes.quotes`)."""
    spoken = sorted(
        (s, e, q.speaker_entity) for q in quotes if q.speaker_entity and q.kind != "indirect" for s, e in q.content
    )
    starts = [s for s, _, _ in spoken]
    out: dict[int, Mention] = {}
    for n, (start, end, _) in enumerate(phrases):
        word = re.search(r"[A-Za-z]+", article.text[start:end])
        if word is None or word.group().lower() not in SINGULAR_FIRST_PERSON:
            continue
        at = start + word.start()  # a quotation mark marked with it may lie outside the quote
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and spoken[k][1] >= at + len(word.group()):
            out[n] = Mention(article.id, (start, end), article.text[start:end], "PERSON", spoken[k][2],
                             method="quote-speaker", kind="pronoun")
    return out


def _known_name(run: str, names: Sequence[Mention]) -> str:
    """The article's canonical name for a name spaCy missed: the most frequent named entity whose
    name ends with it ("Marsh" where "Ellen Marsh" is named), else the run itself."""
    words = fold(run).split(" ")
    counts = Counter(
        m.entity for m in names if m.entity and fold(m.entity).split(" ")[-len(words):] == words
    )
    return max(counts, key=lambda e: (counts[e], len(e), e)) if counts else run


def _pronoun_core(span):  # noqa: ANN001, ANN202 - spaCy Spans
    """The pronoun alone of a phrase that is a pronoun with punctuation or a contraction marked with
    it ('" He', "he 's", "she 'd"), else the phrase as it is."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) == len(span) == 1:
        return span
    contracted = all(t.pos_ in {"AUX", "PART", "VERB"} and t.lower_.startswith(("'", "’")) for t in words[1:])
    if len(words) == 1 or (words[0].lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS and contracted):
        return span.doc[words[0].i : words[0].i + 1]
    return span


def _phrase_entities(names: Sequence[Mention], spans: Sequence[object]) -> set[str]:
    """The entities of the named mentions that the given phrases hold: "he" and "she" point back
    to one of the caller's mentions, not to a name the caller left out ("Ted" the film)."""
    return {m.entity for span in spans if span is not None for m in [_named_inside(span, names)] if m is not None}


def phrase_mentions(
    doc: "Doc", article: Article, phrases: Sequence[tuple[int, int, str]], named: Sequence[Mention] = ()
) -> list[Mention | None]:
    """Mentions for given noun phrases (``(start, end, label)`` in characters), each with its
    canonical name in the article, or None where a pronoun has no antecedent.

    A phrase holding a named mention (``named``, as from :func:`mentions`) takes that mention's
    name; a pronoun takes the name of the nearest compatible earlier phrase (subjects first) within
    ``PRONOUN_WINDOW`` sentences, a relative pronoun the phrase its clause hangs on; a description
    takes a named antecedent where the article gives one (apposition, a role, the nearest
    organisation: see :class:`_Resolver`), else it is named by its head noun ("the actress" →
    "actress"). The result is in the order of ``phrases``.
    """
    if doc.text != article.text:
        raise InputError(article.id, "the parsed text differs from the article text")
    names = [m for m in named if not is_reference(m)]
    items: list[tuple[int, _Phrase, object]] = []
    spans = [_core_span(doc, start, end) for start, end, _ in phrases]
    names = _relabelled_by_phrases(names, spans, [label for _, _, label in phrases])
    resolver = _Resolver(doc, article, names, wanted=_phrase_entities(names, spans))
    for n, ((start, end, label), span) in enumerate(zip(phrases, spans, strict=True)):
        p = resolver.phrase(span, label) if span is not None else _Phrase(start, end, label)
        p.start, p.end, p.label = start, end, label
        items.append((n, p, span))
    for _, p, span in sorted(items, key=lambda t: (t[1].start, t[1].end)):
        if span is None:
            p.entity, p.method = re.sub(r"\s+", " ", article.text[p.start : p.end]), "text"
            continue
        m = _named_inside(span, names)
        span = _pronoun_core(span) if m is None else span
        word = span.text.lower()
        if m is not None:
            p.entity, p.method, p.plural = m.entity, "named", False
        elif word in RELATIVE_PRONOUNS | RELATIVE_PLACE | PERSON_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS:
            c = resolver.pronoun(p, span)
            if c is not None:
                p.entity, p.method, p.kind = c.entity, "pronoun", "pronoun"
                if word in RELATIVE_PRONOUNS | RELATIVE_PLACE:
                    p.label, p.plural, p.method = c.label, c.plural, "relative"
        elif all(t.pos_ == "PRON" for t in span) or _speaker_pronoun(span):
            pass  # "I", "we", "you": the speaker (see quoted_first_person), not resolved here
        elif _proper_run(span):  # a name spaCy missed
            p.entity, p.method, p.kind = _known_name(_proper_run(span), names), "proper", "name"
        else:
            c, how = resolver.description(p, span)
            if c is not None and c.label == p.label:
                p.entity, p.method, p.kind = c.entity, f"description+{how}", "description"
            else:
                p.entity, p.method, p.kind = _description_name(span), "description", "head"
                if word_gender(span.root.lower_):  # "the actress" is a "she"
                    resolver.genders.setdefault(p.entity, word_gender(span.root.lower_) or "")
        resolver.add(p)
    out: list[Mention | None] = []
    for _, p, _ in items:
        if p.entity is None:
            out.append(None)
            continue
        kind = "description" if p.kind == "head" else p.kind
        out.append(Mention(article.id, (p.start, p.end), article.text[p.start : p.end], p.label, p.entity,
                           method=f"phrase+{p.method}", kind=kind))
    return out
