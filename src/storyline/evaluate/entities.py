"""Scoring cross-document entity coreference on ECB+ (Cybulska and Vossen, 2014).

Each ECB+ XML file holds one document: its tokens (``<token t_id sentence number>``), mention
markables (``<HUMAN_PART_PER m_id>`` with ``<token_anchor t_id>`` children), instance markables
(no tokens; ``instance_id`` for a cross-document instance) and relations: ``CROSS_DOC_COREF`` links
mentions to an instance, ``INTRA_DOC_COREF`` links them to a document-local one. A mention with no
relation is a singleton.

Scored here: mentions of people (``HUMAN_PART_PER``), organisations (``HUMAN_PART_ORG``) and
places (``LOC_GEO``, ``LOC_FAC``, ``LOC_OTHER``, and ``HUMAN_PART_GPE``, a place acting as a
participant), clustered within each topic (a folder: two sub-topics, ``*ecb.xml`` and
``*ecbplus.xml``), with MUC, B³, CEAF-e and CoNLL F1 (:mod:`storyline.evaluate.coref_metrics`),
singletons included, all topics pooled. The document text is its tokens joined by spaces, one
sentence a line. Two settings:

- **gold mentions**: every gold mention becomes a :class:`~storyline.model.Mention` with its name
  in the article (:func:`storyline.nlp.mentions.phrase_mentions`: names via storyline's own named
  mentions, pronouns via their antecedent, descriptions by head noun), then
  :func:`storyline.corpus.entities.resolve` clusters each topic, with the topic's articles
  grouped into stories by :func:`storyline.corpus.subtopics.stories` (no gold sub-topics);
- **storyline mentions**: storyline's own mention candidates
  (:func:`storyline.nlp.mentions.candidate_phrases`: its names, pronouns, and descriptions headed
  by a person or organisation noun, resolved or not) named by
  :func:`~storyline.nlp.mentions.phrase_mentions`, and resolution; a mention matches a gold one
  with the same span, else an overlapping one with the same last word. Only sentences with some
  gold annotation are scored (ECB+ annotates a selection of sentences), so a name in an
  unannotated sentence is not counted as spurious. Names that only modify a noun ("the Brooklyn
  teen") are left out, and "I", "we" and "us" are mentions, of the quote's speaker where known.

Both settings are scored twice: over every sentence with some annotation, and over the sentences
with a mention linked across documents only (:func:`selected`), the stand-in for the sentence
selection that the published ECB+ results are scored on.

Split: the usual ECB+ development topics (Cybulska and Vossen, 2015) are 2, 5, 12, 18, 21, 23, 34
and 35; the other topics up to 35 are training topics; 36-45 (the test split) are not here.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.etree import ElementTree

from storyline.errors import InputError
from storyline.evaluate.coref_metrics import clusters, conll
from storyline.model import Analysis, Article, Mention, Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# ECB+ mention tags scored, and the label storyline gives each.
ECB_LABELS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "LOC_GEO": "LOC",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
}
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
# storyline labels whose mentions are scored in the storyline-mentions setting.
PREDICTED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
SAMPLES = 30
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "i'm", "i'd", "i've", "we're"})


@dataclass(frozen=True)
class GoldMention:
    """One annotated mention: character offsets into its document's text, and its gold cluster."""

    doc: str
    m_id: str
    start: int
    end: int
    text: str
    label: str  # storyline's label for the ECB+ tag
    tag: str
    cluster: str  # instance_id, or "doc/m_id" of a within-document instance or a singleton


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document: its text, its gold entity mentions and the sentences annotated."""

    name: str
    topic: int
    text: str
    mentions: tuple[GoldMention, ...]
    annotated: tuple[tuple[int, int], ...]  # character ranges of sentences with any annotation
    # Character ranges of sentences with a mention (of an event or entity) linked across documents:
    # a stand-in for the sentences ECB+ selected for coreference (see ``selected``).
    linked: tuple[tuple[int, int], ...] = ()


# ECB+ keeps tokens, not the spaces between them. The text is rebuilt the way a news page writes
# it ("U.S.", "Calif.", "5:03pm", "hit-and-run", "(AP)", "Lohan's"), so that the parser sees
# ordinary prose rather than one word per space.
_NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "...", "''", "”", "’", "n't",
                              "'s", "'m", "'re", "'ve", "'d", "'ll", "’s", "’m", "’re", "’ve", "’d", "’ll"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "‘", "#", "@"})


def _glued(before2: str, before: str, word: str, quotes_open: bool) -> bool:
    """Whether ``word`` follows the tokens ``before2`` ``before`` with no space between it and
    ``before``."""
    if word == '"':
        return quotes_open  # a closing double quote
    if before == '"':
        return quotes_open  # an opening one (already toggled open by the caller)
    if before in _NO_SPACE_AFTER or word in _NO_SPACE_BEFORE:
        return True
    if word in {"s", "t"} and before in {"’", "'"}:
        return True  # "Lohan ’ s" → "Lohan’s"
    if before in {"’", "'"} and len(word) > 1:
        return False
    if word in {"-", "/"} or before in {"-", "/"}:
        return True  # "hit - and - run", "and / or", "2013 / 05"
    if before == "." and len(word) == 1 and word.isupper() and len(before2) == 1 and before2.isupper():
        return True  # "U . S ." → "U.S."
    if before == ":" and word[:1].isdigit():
        return True  # "5 : 03pm"
    return False


def read_ecb(source: str, name: str = "") -> EcbDocument:
    """An ECB+ document given as an XML string. Raises :class:`InputError` when it is not one."""
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as exc:
        raise InputError(name or "<string>", f"not ECB+ XML: {exc}") from exc
    name = name or root.get("doc_name", "")
    topic_match = re.match(r"(\d+)_", name)
    tokens = root.findall("token")
    if not tokens:
        raise InputError(name or "<string>", "no tokens")
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    sentences: dict[str, list[int]] = {}
    at, previous, last2, last_word = 0, None, "", ""
    quotes_open = curly_open = False
    run_on = 0
    for tok in tokens:
        sent = tok.get("sentence", "0")
        word = tok.text or ""
        if previous is not None:
            if sent != previous:  # a quotation left open runs on into the next sentence, a few at most
                run_on = run_on + 1 if quotes_open or curly_open else 0
                if run_on > 3:
                    quotes_open = curly_open = False
                sep = " " if quotes_open or curly_open else "\n"
            else:
                sep = "" if _glued(last2, last_word, word, quotes_open) else " "
            parts.append(sep)
            at += len(sep)
        if word == '"':
            quotes_open = not quotes_open
        elif word in {"“", "``"}:
            curly_open = True
        elif word in {"”", "''"}:
            curly_open = False
        offsets[tok.get("t_id", "")] = (at, at + len(word))
        sentence_of[tok.get("t_id", "")] = sent
        bounds = sentences.setdefault(sent, [at, at + len(word)])
        bounds[1] = at + len(word)
        parts.append(word)
        at += len(word)
        previous, last2, last_word = sent, last_word, word
    text = "".join(parts)
    markables = root.find("Markables")
    spans: dict[str, tuple[str, list[str]]] = {}
    instances: dict[str, str] = {}  # instance markable m_id → its instance id
    instance_tags: dict[str, str] = {}
    annotated: set[str] = set()
    for m in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in m.findall("token_anchor")]
        m_id = m.get("m_id", "")
        if anchors:
            spans[m_id] = (m.tag, [t for t in anchors if t in offsets])
            annotated.update(sentence_of[t] for t in anchors if t in sentence_of)
        else:
            instances[m_id] = m.get("instance_id") or f"{name}/{m_id}"
            instance_tags[m_id] = m.tag
    cluster_of: dict[str, str] = {}
    tag_of: dict[str, str] = {}
    linked: set[str] = set()
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for src in rel.findall("source"):
            cluster_of[src.get("m_id", "")] = instances[target.get("m_id", "")]
            if rel.tag == "CROSS_DOC_COREF":
                linked.update(sentence_of[t] for t in spans.get(src.get("m_id", ""), ("", []))[1] if t in sentence_of)
            if instance_tags[target.get("m_id", "")] in ECB_LABELS:
                tag_of[src.get("m_id", "")] = instance_tags[target.get("m_id", "")]
    gold = []
    for m_id, (tag, anchors) in spans.items():
        tag = tag_of.get(m_id, tag)  # the instance's tag corrects the mention's (see ECB+ README)
        if tag not in ECB_LABELS or not anchors:
            continue
        start = min(offsets[t][0] for t in anchors)
        end = max(offsets[t][1] for t in anchors)
        gold.append(GoldMention(name, m_id, start, end, text[start:end], ECB_LABELS[tag], tag,
                                cluster_of.get(m_id, f"{name}/{m_id}")))
    gold.sort(key=lambda g: (g.start, g.end))
    ranges = tuple(sorted(tuple(sentences[s]) for s in annotated if s in sentences))
    linked_ranges = tuple(sorted(tuple(sentences[s]) for s in linked if s in sentences))
    return EcbDocument(name, int(topic_match.group(1)) if topic_match else 0, text, tuple(gold), ranges, linked_ranges)


def selected(d: EcbDocument) -> EcbDocument:
    """``d`` cut down to its sentences with a cross-document link: their gold mentions, and only they
    scored. The published ECB+ results score the sentences ECB+ selected for coreference
    (``ECBplus_coreference_sentences.csv``, not in the data here); outside them ECB+ marks mentions
    without linking any, so a right merge there counts as wrong. On topics 1-35, 1,252 of the 8,380
    scored mentions lie outside the linked sentences, and none of them is linked across documents."""
    from dataclasses import replace

    inside = [g for g in d.mentions if _inside(d.linked, g.start, g.end)]
    return replace(d, mentions=tuple(inside), annotated=d.linked)


def documents(data_dir: Path, split: str = "all", limit: int | None = None) -> list[EcbDocument]:
    """ECB+ documents under ``data_dir`` (one folder per topic), of ``split`` ("dev", "train" or
    "all"), at most ``limit`` topics when given."""
    topics: dict[int, list[Path]] = defaultdict(list)
    for path in sorted(Path(data_dir).rglob("*.xml")):
        m = re.match(r"(\d+)_", path.name)
        if m:
            topics[int(m.group(1))].append(path)
    chosen = sorted(
        t for t in topics
        if split == "all" or (split == "dev") == (t in DEV_TOPICS)
    )
    if limit is not None:
        chosen = chosen[:limit]
    return [read_ecb(p.read_text(encoding="utf-8", errors="replace"), p.name) for t in chosen for p in topics[t]]


# ---------------------------------------------------------------------------------------------
# The two settings.


def _key(docs: Sequence[EcbDocument]) -> list[frozenset]:
    return clusters(((d.name, g.m_id), (d.topic, g.cluster)) for d in docs for g in d.mentions)


class Parsed(NamedTuple):
    """One ECB+ document with what storyline makes of it, worked out once for every setting."""

    d: EcbDocument
    doc: Any  # the spaCy Doc
    article: Article
    named: list[Mention]  # storyline's mentions (:func:`storyline.nlp.mentions.mentions`)
    said: tuple[Quote, ...]  # its quotes, where it has a first-person word for them to speak for it
    own: list[Mention]  # storyline's own candidate mentions, in every sentence (the second setting)


def _parsed(docs: Sequence[EcbDocument], nlp: "Language") -> Iterable[Parsed]:
    from storyline.nlp.mentions import mentions
    from storyline.nlp.quotes import quotes

    articles = [Article(id=d.name, text=d.text) for d in docs]
    for d, article, doc in zip(docs, articles, nlp.pipe(d.text for d in docs), strict=True):
        named = mentions(doc, article)
        said = tuple(quotes(doc, article, named)) if any(w in article.text for w in ("I", "me", "my")) else ()
        yield Parsed(d, doc, article, named, said, _own_mentions(doc, article, named, said))


def _own_mentions(doc: Any, article: Article, named: list[Mention], said: Sequence[Quote]) -> list[Mention]:
    """Storyline's own mention candidates (:func:`storyline.nlp.mentions.candidate_phrases`) named
    by :func:`~storyline.nlp.mentions.phrase_mentions`, with "I", "we" and "us": "I" in a quote is
    its speaker, any other a mention of someone unnamed."""
    from storyline.nlp.mentions import candidate_phrases, phrase_mentions, quoted_first_person

    found = [m for m in phrase_mentions(doc, article, candidate_phrases(doc, named), named) if m is not None]
    firsts = [(t.idx, t.idx + len(t.text), "PERSON") for t in doc if t.lower_ in {"i", "me", "myself", "we", "us"}]
    spoken = quoted_first_person(article, firsts, said)
    found += spoken.values()
    found += [Mention(article.id, (s, e), article.text[s:e], "PERSON", f"{article.text[s:e]}#{s}", kind="pronoun")
              for n, (s, e, _) in enumerate(firsts) if n not in spoken]
    return found


def _by_topic(docs: Sequence[EcbDocument]) -> dict[int, list[EcbDocument]]:
    out: dict[int, list[EcbDocument]] = defaultdict(list)
    for d in docs:
        out[d.topic].append(d)
    return out


def _inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _match(gold: Sequence[GoldMention], predicted: Sequence[Mention], text: str) -> dict[int, GoldMention]:
    """Predicted mention index → the gold mention it matches (same span; else overlapping with the
    same last word), one to one."""
    out: dict[int, GoldMention] = {}
    used: set[str] = set()
    exact = {(g.start, g.end): g for g in gold}
    for j, p in enumerate(predicted):
        g = exact.get(p.span)
        if g is not None and g.m_id not in used:
            out[j] = g
            used.add(g.m_id)
    last_word = re.compile(r"\S+$")
    for j, p in enumerate(predicted):
        if j in out:
            continue
        p_last = last_word.search(text[p.span[0] : p.span[1]])
        for g in gold:
            if g.m_id in used or g.end <= p.span[0] or p.span[1] <= g.start:
                continue
            g_last = last_word.search(g.text)
            if p_last and g_last and p.span[0] + p_last.start() == g.start + g_last.start():
                out[j] = g
                used.add(g.m_id)
                break
    return out


def _score(key: list[frozenset], response: list[frozenset], errors: dict[str, Any]) -> dict[str, Any]:
    result = conll(key, response)
    result["key_mentions"] = sum(len(c) for c in key)
    result["response_mentions"] = sum(len(c) for c in response)
    result["key_clusters"] = len(key)
    result["response_clusters"] = len(response)
    result["errors"] = errors
    return result


def _errors(docs: Sequence[EcbDocument], entity_of: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """Wrongly split and wrongly merged gold-mention pairs within each topic, by kind of phrase."""
    split: Counter = Counter()
    merged: Counter = Counter()
    samples_split: list[tuple[str, str]] = []
    samples_merged: list[tuple[str, str]] = []
    for topic_docs in _by_topic(docs).values():
        by_gold: dict[str, list[GoldMention]] = defaultdict(list)
        by_resp: dict[Any, list[GoldMention]] = defaultdict(list)
        for d in topic_docs:
            for g in d.mentions:
                by_gold[g.cluster].append(g)
                by_resp[entity_of.get((d.name, g.m_id), ("alone", d.name, g.m_id))].append(g)
        for members in by_gold.values():  # a representative of each response part of a gold cluster
            parts: dict[Any, GoldMention] = {}
            for g in members:
                parts.setdefault(entity_of.get((g.doc, g.m_id), ("alone", g.doc, g.m_id)), g)
            reps = list(parts.values())
            for a, b in zip(reps, reps[1:], strict=False):
                split[(a.label, _kind(a.text), _kind(b.text))] += 1
                if len(samples_split) < SAMPLES:
                    samples_split.append((a.text, b.text))
        for members in by_resp.values():
            parts2: dict[str, GoldMention] = {}
            for g in members:
                parts2.setdefault(g.cluster, g)
            reps = list(parts2.values())
            for a, b in zip(reps, reps[1:], strict=False):
                merged[(a.label, _kind(a.text), _kind(b.text))] += 1
                if len(samples_merged) < SAMPLES:
                    samples_merged.append((a.text, b.text))
    return {
        "split_top": [[" ".join(k), n] for k, n in split.most_common(12)],
        "merged_top": [[" ".join(k), n] for k, n in merged.most_common(12)],
        "split_samples": samples_split,
        "merged_samples": samples_merged,
    }


def _kind(text: str) -> str:
    from storyline.nlp.mentions import NEUTER_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS

    lower = text.lower().strip("\"'`")
    if lower in PERSON_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS | RELATIVE_PRONOUNS | FIRST_PERSON:
        return "pronoun"
    return "name" if any(w[:1].isupper() for w in text.split()) else "description"


def gold_mentions_setting(parsed: Sequence[Parsed]) -> dict[str, Any]:
    """Scores of :func:`~storyline.corpus.entities.resolve` clustering the gold mentions."""
    from storyline.corpus.entities import resolve
    from storyline.corpus.subtopics import stories
    from storyline.nlp.mentions import phrase_mentions, quoted_first_person

    docs = [p.d for p in parsed]
    entity_of: dict[tuple[str, str], Any] = {}
    by_topic: dict[int, list[tuple[EcbDocument, Analysis, list[Mention | None]]]] = defaultdict(list)
    for d, doc, article, named, said, _ in parsed:
        phrases = [(g.start, g.end, g.label) for g in d.mentions]
        local = phrase_mentions(doc, article, phrases, named)
        for n, m in quoted_first_person(article, phrases, said).items():
            if local[n] is None:
                local[n] = m
        kept = tuple(m for m in local if m is not None)
        by_topic[d.topic].append((d, Analysis(article=article, mentions=kept), local))
    for topic, items in by_topic.items():
        res = resolve([a for _, a, _ in items], stories=stories([a.article for _, a, _ in items]))
        for d, _, local in items:
            for g, m in zip(d.mentions, local, strict=True):
                if m is not None and (d.name, m.entity) in res.links:
                    entity_of[(d.name, g.m_id)] = (topic, res.links[(d.name, m.entity)])
    response = clusters(
        ((d.name, g.m_id), entity_of.get((d.name, g.m_id), ("alone", d.name, g.m_id)))
        for d in docs for g in d.mentions
    )
    return _score(_key(docs), response, _errors(docs, entity_of))


def predicted_mentions_setting(parsed: Sequence[Parsed]) -> dict[str, Any]:
    """Scores of storyline's own mentions and resolution, matched to the gold mentions."""
    from storyline.corpus.entities import resolve
    from storyline.corpus.subtopics import stories

    docs = [p.d for p in parsed]
    pairs: list[tuple[Any, Any]] = []
    entity_of: dict[tuple[str, str], Any] = {}
    matched = 0
    by_topic: dict[int, list[tuple[EcbDocument, list[Mention]]]] = defaultdict(list)
    for p in parsed:
        d = p.d
        scored = [m for m in p.own if m.label in PREDICTED_LABELS and _inside(d.annotated, *m.span)]
        by_topic[d.topic].append((d, scored))
    for topic, items in by_topic.items():
        articles = [Article(id=d.name, text=d.text) for d, _ in items]
        res = resolve([Analysis(article=a, mentions=tuple(ms)) for a, (_, ms) in zip(articles, items, strict=True)],
                      stories=stories(articles))
        for d, ms in items:
            found = _match(d.mentions, ms, d.text)
            matched += len(found)
            for j, m in enumerate(ms):
                cluster = (topic, res.links.get((d.name, m.entity), ("alone", d.name, j)))
                g = found.get(j)
                ident = (d.name, g.m_id) if g is not None else (d.name, f"pred{j}")
                pairs.append((ident, cluster))
                if g is not None:
                    entity_of[(d.name, g.m_id)] = cluster
    result = _score(_key(docs), clusters(pairs), _errors(docs, entity_of))
    result["matched_mentions"] = matched
    return result


def evaluate(
    data_dir: Path, limit: int | None = None, nlp: "Language | None" = None, split: str = "all"
) -> dict[str, Any]:
    """Cross-document entity coreference on the ECB+ topics under ``data_dir`` (e.g.
    ``../shared/data/ecbplus``), at most ``limit`` topics, in both settings (see module docstring)."""
    if nlp is None:
        from storyline.nlp.pipeline import load

        nlp = load()
    docs = documents(data_dir, split, limit)
    parsed = list(_parsed(docs, nlp))
    chosen = [p._replace(d=selected(p.d)) for p in parsed]
    return {
        "split": split,
        "topics": len({d.topic for d in docs}),
        "documents": len(docs),
        "gold_mentions": gold_mentions_setting(parsed),
        "storyline_mentions": predicted_mentions_setting(parsed),
        "linked_sentences": {
            "scored": "only sentences with a mention linked across documents, a stand-in for the sentences "
                      "ECB+ selected for coreference, which the published results score",
            "gold_mentions": gold_mentions_setting(chosen),
            "storyline_mentions": predicted_mentions_setting(chosen),
        },
    }


# ---------------------------------------------------------------------------------------------
# Scaling of resolve() on synthetic mentions.


def synthetic_analyses(articles: int, seed: int = 0) -> list[Analysis]:
    """``articles`` analyses with generated people, organisations and places, about 20 mentions
    each: full names, bare surnames, given-name variants and organisation short forms. Each text
    is its mentions followed by about 150 generated words: common ones, and a few of the words of
    one of ``articles // 5`` stories, so that grouping the articles into stories has work to do."""
    import random

    rng = random.Random(seed)
    vocabulary = [f"w{rng.getrandbits(40):x}" for _ in range(5000)]
    story_words = [[f"s{rng.getrandbits(40):x}" for _ in range(8)] for _ in range(max(1, articles // 5))]
    givens = ["Anna", "Boris", "Carla", "Dmitri", "Dmitry", "Elena", "Yelena", "Farid", "Greta", "Hugo",
              "Mike", "Michael", "Ines", "Jonas", "Katya", "Lars", "Mira", "Nils", "Olga", "Pavel"]
    syllables = ["ka", "lo", "mi", "ne", "ro", "sa", "ti", "va", "zu", "pe", "dor", "lin", "mar", "ste"]
    surnames = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()
                       for _ in range(20000)})
    orgs = [f"{s} {kind}" for s in surnames[:3000] for kind in ("Holdings", "Group")]
    places = [f"{s}ville" for s in surnames[3000:4000]]
    out = []
    for i in range(articles):
        aid = f"s{i}"
        ms: list[Mention] = []
        at = 0
        for _ in range(8):
            name = f"{rng.choice(givens)} {rng.choice(surnames)}"
            for text in (name, name.split()[-1]):
                ms.append(Mention(aid, (at, at + len(text)), text, "PERSON", name))
                at += len(text) + 1
        for _ in range(2):
            org = rng.choice(orgs)
            for text, entity in ((org, org), (org.split()[0], org.split()[0])):
                ms.append(Mention(aid, (at, at + len(text)), text, "ORG", entity))
                at += len(text) + 1
        for _ in range(2):
            place = rng.choice(places)
            ms.append(Mention(aid, (at, at + len(place)), place, "GPE", place))
            at += len(place) + 1
        words = rng.choices(vocabulary[:500], k=100) + rng.choices(vocabulary, k=40)
        words += rng.sample(rng.choice(story_words), 5) + [str(rng.randint(1, 5000))]
        text = " ".join(m.text for m in ms) + " " + " ".join(words)
        out.append(Analysis(article=Article(id=aid, text=text, content_hash="-"), mentions=tuple(ms)))
    return out


def scaling(sizes: Sequence[int] = (10_000, 50_000, 100_000)) -> list[dict[str, Any]]:
    """Seconds and peak memory of grouping synthetic corpora of ``sizes`` articles into stories
    (:func:`storyline.corpus.subtopics.stories`) and of ``resolve()`` with those stories, as
    :func:`storyline.jobs.refresh_corpus` runs them: seconds from one run, peak MiB of Python
    allocations made by the two steps from a second, traced run (the input articles and mentions
    themselves are not counted); generating them is not timed."""
    from storyline.corpus.entities import resolve
    from storyline.corpus.subtopics import stories

    out = []
    for n in sizes:
        analyses = synthetic_analyses(n)
        articles = [a.article for a in analyses]
        mentions = sum(len(a.mentions) for a in analyses)
        began = time.perf_counter()
        grouped = stories(articles)
        story_seconds = time.perf_counter() - began
        res = resolve(analyses, stories=grouped)
        seconds = time.perf_counter() - began
        del res, grouped
        # Memory in a second run: tracing allocations slows Python down too much to time it too.
        tracemalloc.start()
        res = resolve(analyses, stories=stories(articles))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.append({"articles": n, "mentions": mentions, "entities": len(res.entities),
                    "stories_seconds": round(story_seconds, 2), "seconds": round(seconds, 2),
                    "peak_mib": round(peak / 2**20, 1)})
        del analyses, articles, res
    return out


def write_results(data_dir: Path, path: Path, nlp: "Language | None" = None, sizes: Sequence[int] = ()) -> dict[str, Any]:
    """Evaluate the development and training topics (and, when ``sizes`` are given, the scaling of
    ``resolve()``) and write the figures to ``path`` as JSON."""
    import json

    out: dict[str, Any] = {
        "data": "ECB+ topics 1-35 from ../shared/data/ecbplus; dev = topics 2 5 12 18 21 23 34 35, train = the others",
        "scored": "cross-document coreference of person, organisation and place mentions within each topic, "
                  "singletons included, all topics pooled",
        "splits": {},
    }
    for split in ("dev", "train"):
        began = time.perf_counter()
        result = evaluate(data_dir, nlp=nlp, split=split)
        result["seconds"] = round(time.perf_counter() - began, 1)
        out["splits"][split] = result
    if sizes:
        out["scaling"] = scaling(sizes)
    Path(path).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
