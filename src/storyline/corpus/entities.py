"""Who is who across articles: one :class:`~storyline.model.Entity` per person, organisation or
place, whatever spelling each article uses.

Each article's mentions already carry a canonical name within that article (``Mention.entity``,
"Flynn" → "Michael Flynn"). Resolution links those local names across articles:

- People are blocked by surname (and generational suffix), so the work grows with the number of
  distinct names, not with their pairs. Within a block two full names are one person when their
  given names are equal, variants of each other in ``lexicons/names.json`` (Mike/Michael,
  Sergey/Sergei, Barak/Barack) or near spellings (same initial, one edit apart, both at least five
  letters: Dmitry/Dmitri). Different given names never merge (Donald/Ivanka Trump).
- A bare surname from an article with no full name for it joins the one full-name person with that
  surname where exactly one exists; otherwise it stays a person of its own, at lower confidence.
- A name a headline ran into other words ("Vera Lind Returns", "Hire Vera Lind") is the full name
  inside it that the corpus uses on its own ("Vera Lind").
- Organisations and places merge by folded name, their acronym (``lexicons/acronyms.json``:
  "FBI" = "Federal Bureau of Investigation") and place aliases ("US", "U.S.", "America" =
  "United States"); a one-word name joins the one longer name of its class that starts with it
  and ends in a company word ("Vantor" → "Vantor Chemicals"), that it abbreviates ("AMPAS") or
  else that ends with it ("Chargers" → "San Diego Chargers").

- A name the corpus mostly uses for a person is a person's also where a tagger said ORG ("Trump").
  One generational suffix for a surname is part of the name ("Comeaux Jr" = "Comeaux"); a Jr and
  a Sr stay two people.
- Unnamed descriptions ("the lawyer", "the suspect": only :func:`storyline.nlp.mentions.phrase_mentions`
  gives them) are grouped by head noun within a story (``stories``, from
  :mod:`storyline.corpus.subtopics`), or join the one person the story's articles give that noun
  ("lawyer Mark Tolland"). An unnamed organisation or place that the corpus also names the same
  way ("the navy", "Navy") is that named one.

``Entity.confidence`` is the weakest link that went into the entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from storyline.lexicons import load
from storyline.model import Analysis, Entity, Role, content_id
from storyline.nlp.mentions import (
    acronym_long_forms,
    fold,
    given_name_groups,
    initials,
    known_given_name,
    name_parts,
    organisation_aliases,
    outlet_names,
    person_name,
    place_aliases,
    pronoun_gender,
    word_gender,
)

# Confidence of each kind of link.
EXACT = 1.0
VARIANT = 0.95  # a lexicon variant: Mike/Michael, US/United States, FBI/Federal Bureau of ...
SURNAME_TO_FULL = 0.8  # "Flynn" alone in one article, "Michael Flynn" (only) in another
SURNAME_ALONE = 0.6  # a bare surname that could not be tied to one full name
DESCRIBED = 0.5  # an unnamed description ("the lawyer") tied to a name by its story's other articles
# Near spellings of a given name: both this long, same first letter, at most this many edits.
FUZZY_MIN_LENGTH = 5
FUZZY_MAX_EDITS = 1
# An unnamed "the driver" is the person its story is about when that person has at least this many
# mentions in the story and this many times as many as the next.
LEAD_MIN = 3
LEAD_RATIO = 2.0

LABEL_CLASS = {"ORG": "ORG", "FAC": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "PERSON": "PERSON"}


@dataclass(frozen=True)
class Resolution:
    """Canonical entities across articles, and which entity each article's local name is."""

    entities: tuple[Entity, ...]
    links: dict[tuple[str, str], str]  # (article_id, local canonical name) → Entity.id
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entities})

    def entity_for(self, article_id: str, name: str) -> Entity | None:
        """The entity that ``name`` (a ``Mention.entity`` in article ``article_id``) resolves to."""
        entity_id = self.links.get((article_id, name))
        return self._by_id.get(entity_id) if entity_id else None


@dataclass
class _Local:
    """One article's canonical name for something, with what its mentions said."""

    article_id: str
    name: str
    labels: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)  # surface texts of its names
    named: int = 0  # mentions by a name, not a pronoun or description
    # Description nouns the article gives it ("lawyer" from "lawyer Mark Heller", "the lawyer"
    # resolved to him, or a role): what an unnamed "the lawyer" elsewhere in the story may mean.
    heads: Counter = field(default_factory=Counter)
    # Genders its pronouns and gendered descriptions gave it ("she", "the actress"): "f" or "m".
    genders: Counter = field(default_factory=Counter)

    relabel: str | None = None  # set by corpus-level evidence (see _relabel_bare_words)
    inner: str | None = None  # the name inside a headline's words ("Vera Lind" in "Hire Vera Lind")

    @property
    def described(self) -> bool:
        """Whether it is known only by a description's head noun ("host", "suspect"), never named."""
        return self.named == 0 and self.name[:1].islower()

    @property
    def label(self) -> str:
        if self.relabel:
            return self.relabel
        return max(self.labels, key=lambda lab: (self.labels[lab], lab == "PERSON", lab))

    @property
    def count(self) -> int:
        return sum(self.labels.values())


@dataclass
class _Group:
    """Locals found to be one entity, and the weakest link that joined them."""

    members: list[_Local]
    confidence: float = EXACT
    preferred: str | None = None  # a lexicon's canonical name, where one applies
    method: str = "resolve"  # "resolve+override" once a user's merge or split changed it


def _locals(
    analyses: Iterable[Analysis], publishers: dict[str, list[str]]
) -> tuple[list[_Local], dict[tuple[str, str], list[Role]]]:
    found: dict[tuple[str, str], _Local] = {}
    roles: dict[tuple[str, str], list[Role]] = defaultdict(list)
    for analysis in analyses:
        aid = analysis.article.id
        if analysis.article.outlet:
            publishers[_org_key(analysis.article.outlet)[0]].append(aid)
        text = analysis.article.text
        for m in analysis.mentions:
            if not m.entity:
                continue
            local = found.setdefault((aid, m.entity), _Local(aid, m.entity))
            local.labels[m.label] += 1
            gender = _mention_gender(m.text) if m.kind != "name" else None
            if gender:
                local.genders[gender] += 1
            if m.kind == "name":  # "he", "the company" are mentions, not aliases
                local.forms[m.text] += 1
                local.named += 1
                before = _word_before(text, m.span[0])
                if before and before in description_heads():
                    local.heads[before] += 1
            elif m.kind == "description" and m.entity != _head_key(m.entity):
                local.heads[_head_key(m.text.split()[-1] if m.text.split() else "")] += 1
        for r in analysis.roles:
            roles[(aid, r.entity)].append(r)
            words = r.title.split()
            if words and (aid, r.entity) in found:
                found[(aid, r.entity)].heads[_head_key(words[-1])] += 1
    return list(found.values()), roles


@cache
def description_heads() -> frozenset[str]:
    """Head nouns of person descriptions ("lawyer", "actress"), lower case and singular."""
    from storyline.nlp.mentions import description_nouns

    return frozenset(description_nouns()["PERSON"])


def _mention_gender(text: str) -> str | None:
    """"m" or "f" for a pronoun or a description whose last word tells it ("she", "the actress")."""
    words = text.lower().split()
    if not words:
        return None
    last = words[-1].strip("\"'`.,")
    return pronoun_gender(last) or word_gender(last)


def _head_key(word: str) -> str:
    """A description's head noun as a key: lower case, without possessive, singular ("Lawyers'"
    → "lawyer")."""
    key = re.sub(r"[’']s?$", "", word.strip(".,;:\"'").lower())
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and len(key) > 3:
        return key[:-1]
    return key


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` as a head key ("actress" before "Lindsay Lohan"), or ""."""
    # Same line only: a headline's last word is no title of the name opening the next line.
    m = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 30) : start])
    return _head_key(m.group(1)) if m else ""


# ---------------------------------------------------------------------------------------------
# People.


def translit_key(name: str) -> str:
    """A folded name with the usual romanisation variants of one Cyrillic spelling made equal:
    Yelena/Elena, Yevgeny/Evgeny, Sergey/Sergei, Dmitriy/Dmitry/Dmitri, Aleksandr/Alexandr,
    Mikhail/Mihail. Applied to given names only, where the surname already matched."""
    key = name.lower()
    if key.startswith("ye"):
        key = key[1:]
    key = key.replace("ks", "x").replace("kh", "h").replace("iy", "i").replace("ij", "i")
    return key.replace("y", "i")  # not j → i: Jan and Ian are different names


def given_similarity(a: str, b: str) -> float:
    """How surely two folded given names are the same person's (0.0: never)."""
    if a == b:
        return EXACT
    groups = given_name_groups()
    if a in groups and groups.get(b) == groups[a]:
        return VARIANT
    if min(len(a), len(b)) >= 4 and translit_key(a) == translit_key(b):
        return VARIANT
    if a[:1] != b[:1] or min(len(a), len(b)) < FUZZY_MIN_LENGTH:
        return 0.0
    from rapidfuzz.distance import JaroWinkler, Levenshtein  # lazy: only when names differ

    if Levenshtein.distance(a, b) > FUZZY_MAX_EDITS:
        return 0.0
    return round(min(VARIANT, JaroWinkler.normalized_similarity(a, b)), 3)


def _inner_names(people: list[_Local]) -> dict[int, str]:
    """Names with words a headline ran into them ("Vera Lind Returns", "Hire Vera Lind", "Agency
    Names Vera Lind"), each → the longest run of two or more of its words that is a full name of
    its own elsewhere in the corpus ("Vera Lind")."""
    full = {fold(p.name) for p in people if 2 <= len(p.name.split()) <= 3}
    out: dict[int, str] = {}
    for p in people:
        words = p.name.split()
        if len(words) < 3 or name_parts(p.name)[2]:
            continue  # "Arlo Quenby Jr" is a fuller name, not "Arlo Quenby" in a headline
        # Longest runs first; a run that drops a known given name is a shorter form of the same
        # name ("Boone Isaacs" of "Cheryl Boone Isaacs"), not the name inside a headline.
        runs = [
            " ".join(words[i : i + n]) for n in range(len(words) - 1, 1, -1) for i in range(len(words) - n + 1)
            if i == 0 or not known_given_name(words[0])
        ]
        inner = next((r for r in runs if fold(r) in full), None)
        if inner:
            out[id(p)] = p.inner = inner
    return out



def _middle_names_joined(people: list[_Local], parts: dict[int, tuple[str, str, str]]) -> None:
    """A name without its first given name ("Boone Isaacs") takes the parts of the one longer
    name it ends ("Cheryl Boone Isaacs"), where its first word is no known given name (a "Jay
    Heller" beside "Mark Jay Heller" may be his son)."""
    longer: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_name: dict[str, tuple[str, str, str]] = {}
    for p in people:
        if p.name.count(" ") < 2:  # cheap test first: most names have two words
            continue
        words = [fold(w) for w in person_name(p.name).split(" ")]
        if len(words) >= 3:
            longer[(words[-2], words[-1])].add(" ".join(words))
            by_name[" ".join(words)] = parts[id(p)]
    if not longer:
        return
    for p in people:
        words = person_name(p.name).split(" ") if p.name.count(" ") == 1 else ()
        if len(words) != 2 or known_given_name(words[0]):
            continue
        found = longer.get((fold(words[0]), fold(words[1])), set())
        if len(found) == 1:
            parts[id(p)] = by_name[next(iter(found))]


def _person_groups(people: list[_Local]) -> list[_Group]:
    blocks: dict[tuple[str, str], list[_Local]] = defaultdict(list)
    inner = _inner_names(people)
    parts = {id(p): name_parts(inner.get(id(p), p.name)) for p in people}
    _middle_names_joined(people, parts)
    suffixes: dict[str, set[str]] = defaultdict(set)
    for given, surname, suffix in parts.values():
        if suffix:
            suffixes[surname].add(suffix)
    for p in people:
        given, surname, suffix = parts[id(p)]
        # One suffix for a surname is a fuller form of the name ("Comeaux Jr" = "Comeaux"); a Jr
        # and a Sr in one corpus are father and son.
        blocks[(surname, suffix if len(suffixes[surname]) > 1 else "")].append(p)
    groups: list[_Group] = []
    for members in blocks.values():
        full = [p for p in members if len(parts[id(p)][0]) > 1]
        initials = [p for p in members if len(parts[id(p)][0]) == 1]
        bare = [p for p in members if not parts[id(p)][0]]
        clusters = _given_clusters(full, parts)
        unplaced: dict[str, _Group] = {}
        for p in initials:  # "M. Flynn": like a bare surname, among the given names with that initial
            initial = parts[id(p)][0]
            fits = [c for c in clusters if parts[id(c.members[0])][0][:1] == initial]
            if len(fits) == 1:
                fits[0].members.append(p)
                fits[0].confidence = min(fits[0].confidence, SURNAME_TO_FULL)
            else:
                unplaced.setdefault(initial, _Group([], SURNAME_ALONE)).members.append(p)
        groups.extend(unplaced.values())
        if bare and len(clusters) == 1:
            clusters[0].members.extend(bare)
            clusters[0].confidence = min(clusters[0].confidence, SURNAME_TO_FULL)
        elif bare:
            clusters.append(_Group(bare, SURNAME_ALONE))
        groups.extend(clusters)
    return groups


def _given_names_placed(groups: list[_Group], stories: Mapping[str, str]) -> list[_Group]:
    """``groups`` with each person known only by a given name ("Craig", where no one has that
    surname) joined to the one person of its story with that given name ("Craig Zadan")."""
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    alone: list[tuple[int, str]] = []
    for n, group in enumerate(groups):
        words = {fold(m.inner or m.name) for m in group.members}
        if len(words) == 1 and " " not in next(iter(words)) and known_given_name(next(iter(words))):
            alone.append((n, next(iter(words))))
            continue
        for m in group.members:
            given = name_parts(m.inner or m.name)[0]
            if len(given) > 1:
                owners[(stories.get(m.article_id, ""), given)].add(n)
    for n, given in alone:
        kept = []
        for m in groups[n].members:  # story by story: another story's "Craig" may be someone else
            found = owners.get((stories.get(m.article_id, ""), given), set())
            if len(found) == 1:
                target = groups[next(iter(found))]
                target.members.append(m)
                target.confidence = min(target.confidence, SURNAME_ALONE)
            else:
                kept.append(m)
        groups[n].members = kept
    return [g for g in groups if g.members]


def _given_clusters(full: list[_Local], parts: dict[int, tuple[str, str, str]]) -> list[_Group]:
    """Full names of one surname, clustered by given name (union–find over distinct given names)."""
    givens = sorted({parts[id(p)][0] for p in full})
    parent = {g: g for g in givens}
    weakest = {g: EXACT for g in givens}

    def root(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for i, a in enumerate(givens):
        for b in givens[i + 1 :]:
            score = given_similarity(a, b)
            if score > 0:
                ra, rb = root(a), root(b)
                low = min(weakest[ra], weakest[rb], score)
                parent[rb] = ra
                weakest[ra] = low
    by_root: dict[str, _Group] = {}
    for p in full:
        r = root(parts[id(p)][0])
        by_root.setdefault(r, _Group([], weakest[r])).members.append(p)
    return list(by_root.values())


# ---------------------------------------------------------------------------------------------
# Organisations and places.


def _org_key(name: str) -> tuple[str, str | None]:
    """A folded key for an organisation or place, and the lexicon's name for it where one applies."""
    plain = re.sub(r"[’']s$", "", re.sub(r"^the\s+", "", name.strip(), flags=re.I))
    key = _spelling_key(fold(plain))
    if key in place_aliases():
        canonical = place_aliases()[key]
        return fold(canonical), canonical
    if key in organisation_aliases():
        canonical = organisation_aliases()[key]
        return fold(canonical), canonical
    longs = acronym_long_forms()
    upper = plain.replace(".", "").upper()
    if plain.replace(".", "") == upper and upper in longs:
        return fold(longs[upper]), None
    outlets = outlet_names()
    if plain in outlets or name in outlets:
        canonical = outlets.get(name) or outlets[plain]
        return fold(canonical), canonical
    return key, None


# Abbreviated words of place names, folded: "Mt Cook" is "Mount Cook".
_PLACE_WORDS = {"mt": "mount", "ft": "fort", "pt": "point"}


@lru_cache(maxsize=65536)
def _spelling_key(key: str) -> str:
    """A folded name with British and American spellings and abbreviated place words made one:
    "Internationally Recognised" and "Recognized", "Lincoln Centre" and "Center", "Mt Cook" and
    "Mount Cook"."""
    words = [_PLACE_WORDS.get(w, w) for w in key.split(" ")]
    words = [re.sub(r"(?<=\w{3})is(e|ed|es|ing|ation)$", r"iz\1", w) for w in words]
    return " ".join(re.sub(r"(?<=\w{3})tre$", "ter", w) for w in words)


def _other_groups(others: list[_Local]) -> list[_Group]:
    blocks: dict[tuple[str, str], _Group] = {}
    for local in others:
        key, canonical = _org_key(local.name)
        group = blocks.setdefault((LABEL_CLASS.get(local.label, local.label), key), _Group([]))
        group.members.append(local)
        group.preferred = group.preferred or canonical
    for group in blocks.values():
        if len({fold(m.name) for m in group.members}) > 1:
            group.confidence = VARIANT
    return _short_forms_joined(blocks)


@cache
def company_suffixes() -> frozenset[str]:
    """Last words of a company's full name ("chemicals", "group", "inc"), lower case."""
    return frozenset(load("acronyms").get("company_suffixes", ()))


def _short_forms_joined(blocks: dict[tuple[str, str], _Group]) -> list[_Group]:
    """Organisations named by a short form elsewhere in the corpus joined to the long name:
    a one-word name that is the first word of exactly one longer name of its class ending in a
    company word ("Vantor" → "Vantor Chemicals"; never "Senate" → "Senate Committee"), an acronym
    that spells the initials of exactly one ("AMPAS"), or else the last word of exactly one
    ("Chargers" → "San Diego Chargers", "Navy" → "Coastland Navy")."""
    by_first: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_last: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cls, key in blocks:
        words = key.split()
        if cls != "ORG" or len(words) < 2:
            continue
        if words[-1] in company_suffixes():
            by_first[(cls, words[0])].add(key)
        by_last[(cls, words[-1])].add(key)
        by_initials[(cls, initials(key).lower())].add(key)
    out = dict(blocks)
    for (cls, key), group in blocks.items():
        if cls != "ORG" or " " in key:
            continue
        longer = by_first.get((cls, key), set())
        if len(longer) != 1 and len(key) >= 2 and any(m.name.isupper() for m in group.members):
            longer = by_initials.get((cls, key), set())
        if len(longer) != 1 and key not in company_suffixes():
            # "Chargers" where the corpus names only "San Diego Chargers" (not "Group" alone).
            longer = by_last.get((cls, key), set())
        if len(longer) != 1:
            continue
        target = out.get((cls, next(iter(longer))))
        if target is None or target is group:
            continue
        target.preferred = target.preferred or _other_name(target)  # the full name, however rare
        target.members.extend(group.members)
        target.confidence = min(target.confidence, group.confidence, SURNAME_TO_FULL)
        del out[(cls, key)]
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Unnamed descriptions ("the host", "the suspect", "the facility").


def _described_key(local: _Local, stories: Mapping[str, str]) -> tuple[str, str, str]:
    return stories.get(local.article_id, ""), LABEL_CLASS.get(local.label, local.label), local.name


def _with_descriptions(groups: list[_Group], described: list[_Local], stories: Mapping[str, str]) -> list[_Group]:
    """``groups`` with the unnamed descriptions placed: a description joins the one entity its
    story's articles give that head noun ("lawyer" → the "lawyer Mark Heller" of another article)
    where one clearly leads, else the same description in the same story ("the judge" in two
    articles of one story; never across stories)."""
    votes: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for n, group in enumerate(groups):
        for m in group.members:
            cls = LABEL_CLASS.get(m.label, m.label)
            for head in m.heads:
                votes[(stories.get(m.article_id, ""), cls, head)][n] += 1
    named: dict[tuple[str, str], int] = {}  # (class, folded name) → group, for things only
    for n, group in enumerate(groups):
        for m in group.members:
            if m.label != "PERSON":
                named.setdefault((LABEL_CLASS.get(m.label, m.label), fold(m.name)), n)
    alone: dict[tuple[str, str, str], _Group] = {}
    # Only the stories of unnamed person descriptions need their leading people.
    wanted = {stories.get(m.article_id, "") for m in described if m.label == "PERSON" and _singular_person(m.name)}
    leads = _story_leads(groups, stories, wanted) if wanted else {}
    for local in described:
        key = _described_key(local, stories)
        same = named.get((key[1], fold(local.name))) if key[1] != "PERSON" else None
        if same is not None:  # "the navy" where the corpus names "Navy", "Sixers" and "sixers"
            groups[same].members.append(local)
            groups[same].confidence = min(groups[same].confidence, DESCRIBED)
            continue
        ranked = votes.get(key, Counter()).most_common(2) + [(None, 0), (None, 0)]
        (best, n), (_, runner) = ranked[0], ranked[1]
        if best is None and key[1] == "PERSON" and _singular_person(local.name):
            # No article ties the noun to a name: "a woman", "the driver" of a story about one
            # person is that person, where one of the right gender clearly leads the story.
            best = leads.get((key[0], word_gender(local.name) or ""))
            n, runner = (1, 0) if best is not None else (0, 0)
        if best is not None and n >= 2 * runner + 1:
            groups[best].members.append(local)
            groups[best].confidence = min(groups[best].confidence, DESCRIBED)
        else:
            alone.setdefault(key, _Group([], DESCRIBED)).members.append(local)
    return groups + list(alone.values())


def _singular_person(head: str) -> bool:
    """Whether a description's head noun names one person ("woman", "driver"), not a group
    ("people", "drivers", "police")."""
    return head in description_heads() and head not in collective_heads()


@cache
def collective_heads() -> frozenset[str]:
    """Person nouns that name a group of people ("people", "staff", "children")."""
    return frozenset(load("names").get("descriptions", {}).get("collective", ()))


def _group_gender(group: _Group) -> str | None:
    """"m" or "f" where the group's given names, pronouns and gendered descriptions agree."""
    votes: Counter = Counter()
    for m in group.members:
        given = name_parts(m.name)[0] if m.named else ""
        if given and word_gender(given):
            votes[word_gender(given)] += 2
        votes.update(m.genders)
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n >= 3 * rest[0][1] else None


def _story_leads(
    groups: list[_Group], stories: Mapping[str, str], wanted: set[str]
) -> dict[tuple[str, str], int]:
    """(story, gender or "") → the group of the named person who leads that story by far, for the
    ``wanted`` stories: at least ``LEAD_MIN`` mentions and ``LEAD_RATIO`` times those of the next
    person (of a gender that fits)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    genders: dict[int, str | None] = {}
    for n, group in enumerate(groups):
        for m in group.members:
            story = stories.get(m.article_id, "")
            if m.label == "PERSON" and m.named and story in wanted:
                counts[story][n] += m.count
                if n not in genders:
                    genders[n] = _group_gender(group)
    out: dict[tuple[str, str], int] = {}
    for story, people in counts.items():
        for gender in ("", "m", "f"):
            fits = [(c, n) for n, c in people.items() if not gender or genders[n] in (gender, None)]
            fits.sort(reverse=True)
            if fits and fits[0][0] >= LEAD_MIN and (len(fits) == 1 or fits[0][0] >= LEAD_RATIO * fits[1][0]):
                out[(story, gender)] = fits[0][1]
    return out


# ---------------------------------------------------------------------------------------------
# Entities.


def _name_counts(group: _Group) -> Counter:
    """How often each member's name is used as a name (pronouns do not vote for a spelling)."""
    counts: Counter = Counter()
    for m in group.members:
        counts[m.inner or m.name] += m.named or 0
    return counts


def _person_name(group: _Group) -> str:
    """The most complete spelling, then the most frequent, then the longest."""
    counts = _name_counts(group)
    return max(counts, key=lambda n: (len(n.split()), counts[n], len(n), n))


def _other_name(group: _Group) -> str:
    counts = _name_counts(group)
    if group.preferred and group.preferred in counts:
        return group.preferred
    longs = set(acronym_long_forms().values())
    return max(counts, key=lambda n: (n in longs, counts[n], len(n), n))


def _entity_name(group: _Group) -> tuple[str, str]:
    labels: Counter = Counter()
    for m in group.members:
        labels[m.label] += m.count
    label = max(labels, key=lambda lab: (labels[lab], lab))
    return label, _person_name(group) if label == "PERSON" else _other_name(group)


def _entity(
    group: _Group, roles: dict[tuple[str, str], list[Role]], taken: set[str], publishers: dict[str, list[str]]
) -> Entity:
    forms: set[str] = set()
    for m in group.members:
        forms.update(m.forms)
        forms.add(m.name)
    label, name = _entity_name(group)
    entity_id = content_id(label, name)
    n = 1
    while entity_id in taken:  # two people left apart under one bare surname keep distinct ids
        n += 1
        entity_id = content_id(label, name, str(n))
    taken.add(entity_id)
    published: set[str] = set()
    if label != "PERSON":
        for key in {_org_key(m.name)[0] for m in group.members}:
            published.update(publishers.get(key, ()))
    found = [r for m in group.members for r in roles.get((m.article_id, m.name), ())]
    return Entity(
        id=entity_id,
        name=name,
        label=label,
        aliases=tuple(sorted(forms - {name})),
        roles=tuple(sorted(found, key=lambda r: (r.date or "", r.article_id, r.span))),
        mention_count=sum(m.count for m in group.members),
        article_ids=tuple(sorted({m.article_id for m in group.members})),
        confidence=group.confidence,
        method=group.method,
        published=tuple(sorted(published)),
    )


def _relabel_bare_words(found: list[_Local], roles: dict[tuple[str, str], list[Role]]) -> None:
    """Correct a common NER error with corpus evidence: a one-word "PERSON" ("Vantor", "Marl")
    that is never a surname of a full person name and has no title, but heads a multi-word
    organisation or place name elsewhere ("Vantor Chemicals", "Marl River"), takes that label."""
    surnames: set[str] = set()
    heads: dict[str, Counter] = defaultdict(Counter)
    for local in found:
        words = local.name.split()
        if local.label == "PERSON":
            if len(words) > 1:
                surnames.add(fold(words[-1]))
        elif local.label in ("ORG", "GPE", "LOC", "FAC"):
            key = fold(words[0]) if len(words) > 1 else fold(local.name)
            heads[key][local.label] += local.count
    for local in found:
        if local.label != "PERSON" or " " in local.name or roles.get((local.article_id, local.name)):
            continue
        key = fold(local.name)
        if key in heads and key not in surnames:
            local.relabel = heads[key].most_common(1)[0][0]


def _relabel_person_names(found: list[_Local]) -> None:
    """A name used mostly as a person's across the corpus is a person's also where an article's
    tagger took it for an organisation ("Trump" tagged ORG in one article, PERSON in others);
    known places, outlets and acronyms keep their label."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for local in found:
        if local.described:
            continue
        cls = "PERSON" if local.label == "PERSON" else "other"
        votes[fold(local.name)][cls] += local.count
        if cls == "PERSON" and " " in local.name:  # "Donald Trump" votes for a bare "Trump" too
            votes[name_parts(local.name)[1]]["PERSON"] += local.count
    protected = set(place_aliases()) | {fold(n) for n in outlet_names()} | {fold(a) for a in acronym_long_forms()}
    for local in found:
        if local.label not in ("ORG", "NORP", "FAC") or local.described:
            continue
        key = fold(local.name)
        counts = votes.get(key, Counter())
        if key not in protected and counts["PERSON"] > counts["other"]:
            local.relabel = "PERSON"


# ---------------------------------------------------------------------------------------------
# A user's corrections.


@dataclass(frozen=True)
class Override:
    """A user's correction, applied after automatic grouping, every time resolution runs:
    ``merge`` makes the entities ``a`` and ``b`` one; ``split`` takes the names matching ``b`` out
    of the entity holding ``a``. ``a`` and ``b`` are an entity id, or a name or alias as written
    (compared case- and accent-insensitively)."""

    kind: Literal["merge", "split"]
    a: str
    b: str


def _matches(local: _Local, ref: str) -> bool:
    key = fold(ref)
    return fold(local.name) == key or any(fold(f) == key for f in local.forms)


def _group_of(groups: list[_Group], ref: str) -> _Group | None:
    """The group ``ref`` names: by entity id, else the one with the most mentions under that name."""
    if re.fullmatch(r"[0-9a-f]{16}", ref):
        for g in groups:
            if ref == content_id(*_entity_name(g)):
                return g
    hits = [g for g in groups if any(_matches(m, ref) for m in g.members)]
    return max(hits, key=lambda g: (sum(m.count for m in g.members), _entity_name(g)), default=None)


def _overridden(groups: list[_Group], overrides: Sequence[Override]) -> list[_Group]:
    """``groups`` with each override applied in order (one naming nothing is skipped)."""
    groups = list(groups)
    for o in overrides:
        ga, gb = _group_of(groups, o.a), _group_of(groups, o.b)
        if ga is None or gb is None:
            continue
        if o.kind == "merge" and ga is not gb:
            ga.members.extend(gb.members)
            ga.confidence = min(ga.confidence, gb.confidence)
            ga.preferred = ga.preferred or gb.preferred
            ga.method = "resolve+override"
            groups.remove(gb)
        elif o.kind == "split" and ga is gb:
            moved = [m for m in ga.members if _matches(m, o.b) and not _matches(m, o.a)]
            if moved and len(moved) < len(ga.members):
                ga.members = [m for m in ga.members if m not in moved]
                ga.method = "resolve+override"
                groups.append(_Group(moved, ga.confidence, method="resolve+override"))
    return groups


def resolve(
    analyses: Iterable[Analysis], overrides: Sequence[Override] = (), stories: Mapping[str, str] | None = None
) -> Resolution:
    """Canonical entities across ``analyses``, merging spelling variants and partial names but
    never different people who share a surname (see the module docstring for the rules), then
    the user's ``overrides`` in order.

    ``stories`` maps article ids to a story (see :mod:`storyline.corpus.subtopics`): an unnamed
    description ("the suspect") is one entity only within a story, where it may also join the
    person the story's articles give that description. Without it the corpus is one story."""
    publishers: dict[str, list[str]] = defaultdict(list)
    found, roles = _locals(analyses, publishers)
    _relabel_person_names(found)  # first: a person name's ORG votes must not make the person an ORG
    _relabel_bare_words(found, roles)
    described = [m for m in found if m.described]
    people = [m for m in found if m.label == "PERSON" and not m.described]
    others = [m for m in found if m.label != "PERSON" and not m.described]
    groups = _given_names_placed(_person_groups(people), stories or {}) + _other_groups(others)
    groups = _overridden(_with_descriptions(groups, described, stories or {}), overrides)
    entities: list[Entity] = []
    links: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for group in sorted(groups, key=lambda g: min((m.article_id, m.name) for m in g.members)):
        entity = _entity(group, roles, taken, publishers)
        entities.append(entity)
        for m in group.members:
            links[(m.article_id, m.name)] = entity.id
    entities.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    return Resolution(entities=tuple(entities), links=links)
