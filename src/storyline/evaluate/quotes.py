"""Scoring quote attribution against PolNeAR (BRAT standoff: Source, Cue and Content spans).

For each role (source, cue, content) the gold items are the annotated spans (a discontinuous span is
one item made of several fragments) and the predicted items are each quote's speaker, cue and
content spans. Both sides are normalised by trimming whitespace, punctuation and quote marks from
both ends of every fragment. Two measures:

- **exact**: an item matches when a same-role item on the other side has identical fragments;
- **overlap**: an item matches when it shares characters with a same-role item on the other side.

Precision counts matched predictions, recall matched gold items.

Besides the scores, :func:`error_classes` sorts what went wrong into classes (missed cues by shape
and part of speech, boundary errors per role, spurious cues), so that the largest can be worked on.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.errors import InputError
from storyline.model import Article, Quote, Span

ROLES = ("source", "cue", "content")
_BRAT_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
_TRIM = string.whitespace + string.punctuation + "“”‘’«»—–…\u00a0"

Item = tuple[Span, ...]

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its source, cue and content items (an empty item when absent)."""

    source: Item
    cue: Item
    content: Item


def normalised(text: str, spans: Iterable[Span]) -> Item:
    """The fragments of an item narrowed past whitespace, punctuation and quote marks; empty
    fragments dropped."""
    out = []
    for start, end in spans:
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def brat_items(ann: str, text: str) -> dict[str, list[Item]]:
    """Gold items per role from the contents of a BRAT ``.ann`` file, normalised against ``text``."""
    items: dict[str, list[Item]] = {r: [] for r in ROLES}
    for kind, spans in _text_bounds(ann).values():
        role = _BRAT_ROLES.get(kind)
        item = normalised(text, spans) if role is not None else None
        if item:
            items[role].append(item)  # type: ignore[index]
    return items


def _text_bounds(ann: str) -> dict[str, tuple[str, list[Span]]]:
    """Text-bound annotations of a BRAT file: id → (type, spans)."""
    out = {}
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        try:
            tid, middle, _ = line.split("\t", 2)
        except ValueError:
            continue
        kind, _, offsets = middle.partition(" ")
        spans = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
        out[tid] = (kind, spans)
    return out


def brat_attributions(ann: str, text: str) -> list[Attribution]:
    """The gold attributions of a BRAT ``.ann`` file (its ``E`` lines), normalised against ``text``."""
    bounds = _text_bounds(ann)
    out = []
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles: dict[str, list[Span]] = {r: [] for r in ROLES}
        for arg in line.split("\t", 1)[-1].split():
            name, _, tid = arg.partition(":")
            role = _BRAT_ROLES.get(name.rstrip("0123456789"))
            if role is not None and tid in bounds:
                roles[role].extend(bounds[tid][1])
        out.append(Attribution(*(normalised(text, roles[r]) for r in ROLES)))
    return out


def quote_items(found: Sequence[Quote], text: str) -> dict[str, list[Item]]:
    """Predicted items per role (each distinct span once: carried quotes share a cue)."""
    seen: dict[str, set[Item]] = {r: set() for r in ROLES}
    for q in found:
        for role, spans in (("source", [q.speaker] if q.speaker else []), ("cue", [q.cue] if q.cue else []), ("content", list(q.content))):
            item = normalised(text, spans)
            if item:
                seen[role].add(item)
    return {r: sorted(v) for r, v in seen.items()}


def _overlaps(a: Item, b: Item) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def counts(gold: Sequence[Item], pred: Sequence[Item]) -> dict[str, dict[str, int]]:
    """Matched and total counts for one role of one article, under both measures."""
    exact = sum((Counter(gold) & Counter(pred)).values())
    return {
        "exact": {"pred_tp": exact, "gold_tp": exact, "pred": len(pred), "gold": len(gold)},
        "overlap": {
            "pred_tp": sum(any(_overlaps(p, g) for g in gold) for p in pred),
            "gold_tp": sum(any(_overlaps(g, p) for p in pred) for g in gold),
            "pred": len(pred),
            "gold": len(gold),
        },
    }


def scores(c: dict[str, int]) -> dict[str, float | int]:
    """Precision, recall and F1 (percent, one decimal) with the counts they come from."""
    p = c["pred_tp"] / c["pred"] if c["pred"] else 0.0
    r = c["gold_tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {**c, "precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def _chars(item: Item) -> set[int]:
    return {i for s, e in item for i in range(s, e)}


def boundary(gold: Item, pred: Item) -> str:
    """How a predicted item's extent compares with the gold one's."""
    if not gold and not pred:
        return "both empty"
    if not pred:
        return "missing"
    if not gold:
        return "extra (gold has none)"
    if gold == pred:
        return "exact"
    g, p = _chars(gold), _chars(pred)
    if g < p:
        return "too long"
    if p < g:
        return "too short"
    return "shifted" if g & p else "wrong (no overlap)"


def _cue_head(doc: "Doc", cue: Item) -> Any:
    """The syntactic head of the gold cue's tokens (the one whose head lies outside them)."""
    tokens = [t for s, e in cue if (span := doc.char_span(s, e, alignment_mode="expand")) for t in span]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return (heads or tokens)[0]


def _cue_status(head: Any) -> str:
    """Why a cue word was not read: unknown to the learned frames and the lexicon, judged unlikely
    for its frame (by the frames' prior and the cue model's veto, :mod:`storyline.nlp.quote_cues`),
    or likely but its statement was not built (no content found, or dropped)."""
    from storyline.lexicons import load
    from storyline.nlp import quote_cues, quote_frames

    if quote_frames.known(head):
        likely = quote_cues.probability(head) >= quote_cues.threshold()
        return "likely but not built" if likely else "unlikely for its frame"
    return "in the hand lexicon" if head.lemma_.lower() in load("cues")["verbs"] else "never a cue in train"


def _missed_class(doc: "Doc", text: str, a: Attribution, pred_content: Sequence[Item]) -> tuple[str, str]:
    """(class, lemma) of a gold attribution no predicted cue touches."""
    cue_text = " ".join(text[s:e] for s, e in a.cue).lower()
    head = _cue_head(doc, a.cue)
    lemma = head.lemma_.lower() if head is not None else cue_text
    if "according" in cue_text:
        shape = "according to"
    elif not any(ch.isalnum() for ch in cue_text):
        shape = "punctuation cue"
    elif head is None:
        shape = "cue: unaligned"
    elif head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
        shape = ("verb" if head.pos_ in ("VERB", "AUX") else "noun") + " cue, " + _cue_status(head)
    else:
        shape = f"cue {head.pos_.lower()}"
    if a.cue and any(_chars(a.cue) <= _chars(c) for c in pred_content):
        shape += ", inside a predicted content"
    return shape, lemma


def error_classes(doc: "Doc", text: str, gold: Sequence[Attribution], found: Sequence[Quote]) -> dict[str, Counter]:
    """Counts of error classes for one article.

    ``missed``: gold attributions whose cue no prediction touches, by cue shape (with
    ``missed_lemmas``); ``source``/``cue``/``content``: for gold attributions whose cue a
    prediction touches, how that prediction's item compares (:func:`boundary`); ``spurious``:
    predicted quotes whose cue touches no gold cue, by where the cue sits (with
    ``spurious_lemmas``).
    """
    out: dict[str, Counter] = {k: Counter() for k in ("missed", "missed_lemmas", *ROLES, "spurious", "spurious_lemmas")}
    preds = [
        (q, normalised(text, [q.speaker] if q.speaker else []), normalised(text, [q.cue] if q.cue else []),
         normalised(text, q.content))
        for q in found
    ]
    pred_content = [p[3] for p in preds]
    for a in gold:
        match = next((p for p in preds if p[2] and a.cue and _overlaps(p[2], a.cue)), None)
        if match is None:
            shape, lemma = _missed_class(doc, text, a, pred_content)
            out["missed"][shape] += 1
            out["missed_lemmas"][f"{shape.split(', inside')[0]}: {lemma}"] += 1
            continue
        for role, g, p in (("source", a.source, match[1]), ("cue", a.cue, match[2]), ("content", a.content, match[3])):
            out[role][boundary(g, p)] += 1
    for q, _, cue, _ in preds:
        if not cue or any(a.cue and _overlaps(cue, a.cue) for a in gold):
            continue
        where = next(
            (f"inside gold {role}" for a in gold for role in ("content", "source") if _chars(cue) <= _chars(getattr(a, role))),
            "outside any attribution",
        )
        out["spurious"][f"{q.kind}, {where}"] += 1
        token = doc.char_span(*cue[0], alignment_mode="expand")
        out["spurious_lemmas"][token.root.lemma_.lower() if token is not None else text[slice(*cue[0])]] += 1
    return out


def pairs(data_dir: Path, split: str = "dev") -> list[tuple[Path, Path]]:
    """(text, annotation) file pairs of a PolNeAR split; where several annotators did an article,
    the first annotation in name order is used."""
    root = data_dir / "polnear" if (data_dir / "polnear").is_dir() else data_dir
    texts = root / split / "text"
    anns = root / split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(str(root / split), "no PolNeAR text/ and attributions/ folders here")
    out = []
    for txt in sorted(texts.glob("*.txt")):
        candidates = sorted(anns.glob(f"{txt.stem}_*.ann"))
        if candidates:
            out.append((txt, candidates[0]))
    return out


def evaluate(data_dir: Path, split: str = "dev", limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Scores of :func:`storyline.nlp.quotes.quotes` on a PolNeAR split, in one run:

    - precision, recall and F1 per role (source, cue, content), exact and overlap, with counts;
    - ``pronoun_sources``: PolNeAR's pronoun sources found and resolved to a name
      (:func:`polnear_pronouns`); ``pronouns_hand``: the share resolved to the *right* name on
      storyline's own hand-written cases (:func:`pronoun_resolution`);
    - ``speed``: seconds in the spaCy pipeline and in attribution over the same texts, and their
      ratio (attribution's inputs, mentions and times, are made by other extractors and not counted);
    - ``errors``: error classes (:func:`error_classes`).

    ``data_dir`` is the shared data folder (holding ``polnear/``) or the PolNeAR folder itself.
    """
    # Score what users get: the whole per-article analysis, whose mentions and times feed quotes.
    import time

    from storyline.analyze import analyze_doc
    from storyline.nlp.pipeline import load
    from storyline.nlp.quotes import quotes

    nlp = nlp or load()
    files = pairs(Path(data_dir), split)[:limit]
    totals = {m: {r: Counter() for r in ROLES} for m in ("exact", "overlap")}
    errors: dict[str, Counter] = {}
    pronouns: Counter = Counter()
    seconds = {"spacy": 0.0, "attribution": 0.0}
    for txt, ann in files:
        text = txt.read_text(encoding="utf-8")
        ann_text = ann.read_text(encoding="utf-8")
        gold = brat_items(ann_text, text)
        article = Article(id=txt.stem, text=text)
        start = time.perf_counter()
        doc = nlp(text)
        seconds["spacy"] += time.perf_counter() - start
        analysis = analyze_doc(doc, article)
        start = time.perf_counter()
        found = quotes(doc, article, analysis.mentions, analysis.times)
        seconds["attribution"] += time.perf_counter() - start
        pred = quote_items(found, text)
        for role in ROLES:
            for measure, c in counts(gold[role], pred[role]).items():
                totals[measure][role].update(c)
        attributions = brat_attributions(ann_text, text)
        for key, c in error_classes(doc, text, attributions, found).items():
            errors.setdefault(key, Counter()).update(c)
        pronouns.update(polnear_pronouns(found, attributions, text))
    return {
        "split": split,
        "files": len(files),
        **{m: {r: scores(dict(totals[m][r])) for r in ROLES} for m in totals},
        "pronoun_sources": dict(pronouns),
        "pronouns_hand": pronoun_resolution(nlp),
        "speed": {
            "spacy_s": round(seconds["spacy"], 2),
            "attribution_s": round(seconds["attribution"], 2),
            "ratio": round(seconds["attribution"] / seconds["spacy"], 3) if seconds["spacy"] else None,
        },
        "errors": {k: dict(c.most_common(30 if k.endswith("lemmas") else None)) for k, c in errors.items()},
    }


# Hand-written cases for pronoun speakers (storyline's own sentences, fictional people): PolNeAR
# marks sources but not what a pronoun refers to, so whether "he" was resolved to the right name is
# measured here. Each text has one statement whose speaker is the pronoun; the name is the answer.
PRONOUN_CASES: tuple[tuple[str, str], ...] = (
    ("Mayor Lena Varga opened the bridge on Friday. She said the work had cost less than planned.", "Lena Varga"),
    ("Tomas Brandt, the union leader, met the board.\n\n\"We are not done,\" he said.", "Tomas Brandt"),
    ("The council voted on Monday. Councillor Ana Ruiz was not present. She later told reporters that the "
     "vote was rushed.", "Ana Ruiz"),
    ("Okafor resigned after the audit. In a statement, he said he regretted the errors.", "Okafor"),
    ("Inspector Hal Brant visited the site with engineer Mia Sol. Brant left early. \"The site is unsafe,\" "
     "he wrote in his report.", "Hal Brant"),
    ("Dr. Ines Kolar leads the clinic. According to her, the waiting lists have doubled.", "Ines Kolar"),
    ("The Harbour Trust published its accounts. It said the losses were temporary.", "Harbour Trust"),
    ("Piet Laan was asked about the fines. He denied that the firm had broken the rules.", "Piet Laan"),
    ("Rosa Mendel chairs the committee. Asked about the delay, she said the report would come in June.",
     "Rosa Mendel"),
    ("Senator Karl Voss spoke after the vote.\n\n\"This is a bad law,\" he said. \"We will repeal it.\"",
     "Karl Voss"),
    ("Ortiz met Varga in March. Afterwards, he said the budget was safe.", "Ortiz"),
    ("Nadia Petrov, the minister, flew to Oslo. There she told the press that talks would resume.", "Nadia Petrov"),
    ("The farmers' cooperative Vesta Grain sued the county. It claimed the road had flooded its land.",
     "Vesta Grain"),
    ("Ruth Adler founded the firm in 1990. \"I never wanted to sell,\" she said, \"and I still don't.\"",
     "Ruth Adler"),
)


def pronoun_resolution(nlp: Any = None, cases: Sequence[tuple[str, str]] = PRONOUN_CASES) -> dict[str, Any]:
    """The share of pronoun speakers resolved to the right name on hand-written ``cases`` (text,
    expected name); a case counts as right when its pronoun-spoken statement names that person
    (for a group, the first of its members)."""
    from storyline.analyze import analyze_doc
    from storyline.nlp.pipeline import load

    nlp = nlp or load()
    right, wrong = 0, []
    for n, (text, expected) in enumerate(cases):
        found = analyze_doc(nlp(text), Article(id=f"pronoun-{n}", text=text)).quotes
        spoken = [q for q in found if (q.speaker_text or "").lower() in _PRONOUNS]
        if spoken and all(q.speaker_entity and expected in q.speaker_entity for q in spoken):
            right += 1
        else:
            wrong.append({"case": n, "got": [q.speaker_entity for q in spoken]})
    return {"cases": len(cases), "right": right, "share": round(100 * right / len(cases), 1), "wrong": wrong}


_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "we"})


def polnear_pronouns(found: Sequence[Quote], gold: Sequence[Attribution], text: str) -> Counter:
    """On PolNeAR: gold sources that are a pronoun, how many a prediction gives the same speaker
    span, and how many of those storyline resolved to a name (whether the *right* name cannot be
    told: PolNeAR has no coreference)."""
    c: Counter = Counter()
    for a in gold:
        if len(a.source) != 1 or text[slice(*a.source[0])].lower() not in _PRONOUNS:
            continue
        c["gold_pronoun_sources"] += 1
        same = [q for q in found if q.speaker and normalised(text, [q.speaker]) == a.source]
        if same:
            c["speaker_found"] += 1
            if any(q.speaker_entity and q.speaker_entity.lower() not in _PRONOUNS for q in same):
                c["resolved_to_a_name"] += 1
    return c


def speed(
    data_dir: Path, nlp: Any = None, split: str = "dev", limit: int | None = None, repeat: int = 3
) -> dict[str, Any]:
    """CPU seconds the spaCy pipeline takes over a PolNeAR split's texts, and CPU seconds
    attribution (:func:`storyline.nlp.quotes.quotes`) takes over the parsed documents (each the
    best of ``repeat`` runs, taken in turns), with their ratio. CPU time of this process,
    not wall time, so that other work on the machine moves the figures less.

    The mentions and times that attribution reads are made beforehand and not counted (they are
    other extractors' work; ``inputs_s`` gives their time for reference). Attribution's learned
    weights are loaded before timing, as the spaCy pipeline is (``load_s`` gives that one-time
    cost). One process, one core.
    """
    import time

    from storyline.nlp.mentions import mentions
    from storyline.nlp.pipeline import load
    from storyline.nlp.quotes import clear_caches, quotes
    from storyline.nlp.times import times

    nlp = nlp or load()
    clock = time.process_time
    start = clock()
    warm = "The mayor said on Monday that the port would stay open."
    quotes(nlp(warm), Article(id="speed-warm-up", text=warm))
    load_s = clock() - start
    texts = [txt.read_text(encoding="utf-8") for txt, _ in pairs(Path(data_dir), split)[:limit]]
    articles = [Article(id=f"speed-{n}", text=t) for n, t in enumerate(texts)]
    spacy_runs, runs = [], []
    inputs_s = 0.0
    for n in range(repeat):
        # Each side is timed ``repeat`` times, in turns, and each keeps its best run, so that a
        # slow spell on a shared machine does not fall on one side only.
        start = clock()
        docs = list(nlp.pipe(texts, batch_size=16))
        spacy_runs.append(clock() - start)
        if n == 0:
            start = clock()
            inputs = [(mentions(d, a), times(d, a)) for d, a in zip(docs, articles)]
            inputs_s = clock() - start
        clear_caches()  # what attribution reads from a Doc or remembers is part of its cost
        start = clock()
        count = sum(len(quotes(d, a, ms, ts)) for d, a, (ms, ts) in zip(docs, articles, inputs))
        runs.append(clock() - start)
    spacy_s, quotes_s = min(spacy_runs), min(runs)
    return {
        "files": len(texts),
        "words": sum(len(d) for d in docs),
        "quotes": count,
        "spacy_s": round(spacy_s, 2),
        "attribution_s": round(quotes_s, 2),
        "ratio": round(quotes_s / spacy_s, 3) if spacy_s else None,
        "inputs_s": round(inputs_s, 2),
        "load_s": round(load_s, 2),
    }
