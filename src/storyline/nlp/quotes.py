"""Quote and reported-speech attribution: who said what, how, and when.

Three passes over one article, in this order:

1. **direct** quotations: each quoted passage (see :mod:`storyline.nlp.quote_marks`) looks for a
   reporting verb right after it (``"…," Peskov explained``; ``"…" the letter read``) or right
   before it (``Peskov said: "…"``). A passage that follows in the same paragraph with only the cue
   clause between (``"…," he said, "…"``) becomes a second content span of the same quote. A
   quote-only paragraph with no cue takes the speaker of the attributed quote paragraph right after
   it, and only when that one is adjacent.
2. **indirect** speech from the dependency parse. A word the training data has seen head a cue
   is judged by the learned frames (:mod:`storyline.nlp.quote_frames`): it is a cue when such
   words with such a complement usually were, and its dependents fall to source, cue and content
   as they usually did ("said in an interview Monday that …", "called for …", "Varga's warning
   that …"). Other verbs of the hand lexicon (``cues.json``) with a clausal complement or object
   are read by rule. When the content holds a quoted passage the quote is **mixed**, and its
   content is the whole reported clause (as PolNeAR annotates it), quote marks included.
   ``according to X`` attributes the rest of its sentence to X; "SPEAKER: …" paragraphs and
   quotations signed off "― Name" are attributed to their label. Cues inside a quotation or inside
   another cue's content are left alone (the outermost attribution wins, unless the inner cue is
   much likelier), except where a learned model of the pair says PolNeAR would annotate both
   (:mod:`storyline.nlp.quote_nesting`: "said the board agreed and claimed that …"). The frames'
   probability may be vetoed by a model of the word's context (:mod:`storyline.nlp.quote_cues`),
   which dependents of the cue word join the cue ("said Monday", "said in an interview") is a
   learned decision (:mod:`storyline.nlp.quote_extent`), and where an indirect statement ends is
   chosen among the places it could stop by a learned model (:mod:`storyline.nlp.quote_bounds`):
   all are trained on PolNeAR train. A cue clause that ends its paragraph with a colon ("The
   governor added:") attributes the next paragraph, quoted or not.
3. **speakers** are resolved in article order, so that a pronoun can point back to the subject of
   the statement before it (:mod:`storyline.nlp.speakers`).

A statement is dated by a DATE expression in its cue's own clause ("told the media on Monday"),
else by the article's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from storyline.lexicons import load
from storyline.model import Article, CueClass, Mention, Quote, QuoteKind, Span, Time
from storyline.nlp import doc_arrays, quote_bounds, quote_cues, quote_extent, quote_frames, quote_nesting, speakers
from storyline.nlp.quote_marks import Quoted, paragraph_of, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_COMPLEMENTS = ("ccomp", "xcomp")
_SUBJECTS = ("nsubj",)
_INHERIT = ("conj", "advcl", "xcomp")
# Prepositions through which a gerund takes the subject of the verb they hang from.
_MANNER = frozenset({"by", "about", "after", "before", "without", "while", "since", "upon", "in", "despite"})
# Most words a cue clause may take between a quotation and its cue ("…," said Kremlin spokesman
# Dmitry Peskov).
_WINDOW = 10
_END_PUNCT = ".,;:!?"
# Tokens that are quotation marks (a doubled apostrophe is one token).
_MARK_TOKENS = frozenset({'"', "“", "”", "«", "»", "‘", "’", "'", "''", "``"})


@dataclass
class _Found:
    """An attribution before its speaker is resolved."""

    content: list[Span]
    kind: QuoteKind
    cue: Span | None
    cue_class: CueClass | None
    cue_token: "Token | None" = None
    speaker_head: "Token | None" = None
    method: str = "rules"
    passages: list[Quoted] = field(default_factory=list)
    carried_from: "_Found | None" = None
    likelihood: float = 0.5  # how likely the cue is one (learned frames), to settle nested cues
    speaker_span: Span | None = None  # when the speaker is not a parse subtree ("PENCE: …")


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(cue verbs for any statement, extra cue verbs that only count next to a quotation)."""
    cues = load("cues")
    return dict(cues["verbs"]), {**cues["verbs"], **cues["quote_verbs"]}


def _cue_class(token: "Token", direct: bool) -> str | None:
    verbs, quote_verbs = _lexicon()
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return (quote_verbs if direct else verbs).get(token.lemma_.lower())


def _trim(text: str, start: int, end: int, chars: str = "") -> Span:
    """``(start, end)`` narrowed past whitespace and any of ``chars`` at either end."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return (start, end)


def _cue_span(verb: "Token") -> Span:
    """The cue's characters: the verb with adjacent auxiliaries, negation and particle ("has
    learned", "pointed out"), and the dependents the training annotation counts as cue ("said in an
    interview on Monday")."""
    first, last = _cue_extent(verb, quote_frames.roles(verb))
    doc = verb.doc
    return (doc[first].idx, doc[last].idx + len(doc[last].text))


def _cue_extent(
    verb: "Token", roles: dict[int, str], exclude: "Token | None" = None, stop: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """(first, last) token of the cue around ``verb``: the run of it and its cue dependents (their
    whole subtrees), never crossing a quotation mark, a line break, the words of ``exclude`` (the
    source) or the tokens in ``stop`` (content found inside a cue dependent). Only dependents the
    run reaches are judged (:mod:`storyline.nlp.quote_extent`)."""
    doc = verb.doc
    excluded = ({t.i for t in exclude.subtree} if exclude is not None else set()) | stop
    context = quote_extent.head_context(verb)
    decided: dict[int, bool] = {}

    def joins(i: int) -> bool:
        if i < 0 or i >= len(doc) or i in excluded or _breaks(doc[i]):
            return False
        child = doc[i]
        while child.head.i != verb.i:  # up to the dependent of the cue word that holds token i
            if child.head.i == child.i:
                return False
            child = child.head
        if child.i not in decided:
            near = child.i in (verb.i - 1, verb.i + 1) and child.dep_ in ("aux", "auxpass", "neg", "prt")
            decided[child.i] = near or quote_extent.joins_cue(child, verb, roles.get(child.i, "none"), context)
        return decided[child.i]

    first = last = verb.i
    while joins(first - 1):
        first -= 1
    while joins(last + 1):
        last += 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < verb.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return first, last


def _breaks(token: "Token") -> bool:
    return token.text in _MARK_TOKENS or "\n" in token.text


def _subject(verb: "Token") -> "Token | None":
    """The verb's subject, or that of the verb it hangs from ("Peskov stressed, adding that …")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        prep = verb.head
        if verb.dep_ == "pcomp" and prep.lower_ in _MANNER and prep.head.pos_ in ("VERB", "AUX") and verb.tag_ == "VBG":
            verb = prep.head  # "began by saying", "set about persuading": the one who began speaks
            continue
        if verb.dep_ not in _INHERIT or verb.head is verb or verb.tag_ == "VBN":
            return None  # "…, when asked": a participle's subject is not the one who speaks
        verb = verb.head
    return None


def _inside(offset: int, spans: Sequence[Span]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _tokens_between(doc: "Doc", start: int, end: int) -> list["Token"]:
    """Tokens that start within ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if start <= t.idx < end]


def _chains(marks: list[Quoted]) -> list[list[Quoted]]:
    """Quoted passages grouped into quotations: a multi-paragraph quote is one group."""
    groups: list[list[Quoted]] = []
    for q in marks:
        if groups and groups[-1][-1].continues:
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _cue_after(doc: "Doc", text: str, group: list[Quoted]) -> "Token | None":
    """A cue verb right after the quotation, with its subject there too ("…," Peskov said)."""
    end = group[-1].marks[1]
    para_end = paragraph_of(text, max(end - 1, 0))[1]
    tokens = [t for t in _tokens_between(doc, end, para_end) if not t.is_space][: _WINDOW + 2]
    words = []
    for t in tokens:
        if t.text in _MARK_TOKENS:
            break
        words.append(t)
    # A passage ending mid-sentence ("…," he said, "…") may go on after the cue clause.
    split = text[group[-1].inner[0] : group[-1].inner[1]].rstrip()[-1:] not in (".", "!", "?")
    for t in words[:_WINDOW]:
        if t.is_punct:
            if t.text in ".!?" and t is not words[0]:
                return None
            continue
        if _cue_class(t, direct=True):
            if t.dep_ in ("relcl", "acl"):
                return None  # "… despite the strike that began …": another clause, not a cue
            reports = any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > t.i for c in t.children)
            resumes = reports and split and _quote_resumes(t)
            if reports and not resumes:
                return None  # "…." She said things such as …: the verb reports something else
            subject = _subject(t)
            if resumes:
                # Only a cue with its own speaker there closes a split quote ("…," she said, "…").
                return t if subject is not None and subject.idx >= end and subject.tag_ not in ("WDT", "WP", "WP$") else None
            if subject is not None and subject.tag_ in ("WDT", "WP", "WP$"):
                return None
            if subject is not None and subject.idx >= end:
                return t
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
                return t  # "…," said a spokesman: the parse may not call the speaker a subject
            return None
    return None


def _quote_resumes(cue: "Token") -> bool:
    """Whether a quotation opens again right after the cue's clause and a comma, in the same
    sentence and paragraph ("…," she told the host, "…"): then the cue's object or complement is
    that quotation or its addressee, not something else the verb reports. Words of a reported
    clause before the mark ("said that the plan "…"") make it a mixed quote instead."""
    doc = cue.doc
    clauses = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i]
    prev = cue
    for u in doc[cue.i + 1 : cue.i + 1 + _WINDOW + 4]:
        if u.text in _MARK_TOKENS:
            return not u.whitespace_ and prev.text == ","  # an opening mark after a comma
        if "\n" in u.text or (u.is_punct and u.text in ".!?"):
            return False
        if not (u.is_punct or u.is_space) and (not _governed_by(u, cue) or any(_in_subtree(u, c) for c in clauses)):
            return False
        prev = u if not u.is_space else prev
    return False


def _inverted_speaker(cue: "Token") -> "Token | None":
    """The speaker right after the cue ("said Peskov"), when the parse gave it another role."""
    doc = cue.doc
    for t in doc[cue.i + 1 : cue.i + 8]:
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i != t.i:
            head = t
            while head.head.i > cue.i and head.head.i < cue.i + 8 and head.head.pos_ in ("PROPN", "NOUN"):
                head = head.head
            return head
    return None


def _cue_before(doc: "Doc", text: str, group: list[Quoted]) -> "Token | None":
    """A cue verb right before the quotation (Peskov said: "…"), when the quotation is the
    statement itself rather than a phrase inside a reported clause."""
    start = group[0].marks[0]
    para_start = paragraph_of(text, start)[0]
    before = text[para_start:start].rstrip()
    sep = before[-1:] if before else ""
    end = group[-1].marks[1]
    rest = text[end : paragraph_of(text, max(end - 1, 0))[1]]
    inner_end = text[group[-1].inner[0] : group[-1].inner[1]].rstrip()
    ends_sentence = rest.strip()[:1] in ("", ".", "!", "?") or inner_end[-1:] in ".!?"
    if sep not in (":", ",") and not ends_sentence:
        return None
    tokens = [t for t in _tokens_between(doc, para_start, start) if not t.is_space]
    for t in reversed(tokens[-_WINDOW:]):
        if t.text in _MARK_TOKENS or (t.is_punct and t.text in ".!?"):
            return None
        if _cue_class(t, direct=True) and _subject(t) is not None:
            # Words between cue and quotation may belong to the cue ("told reporters:"), not to
            # the clause the quotation sits in ("said that the video did not give "…"" is mixed).
            between = [u for u in tokens if u.i > t.i]
            first_inside = next((u for u in doc[t.i :] if u.idx >= group[0].inner[0]), None)
            clause = _child_towards(t, first_inside)
            if all(u.is_punct or (_governed_by(u, t) and not _in_subtree(u, clause)) for u in between):
                return t
            return None
    return None


def _child_towards(head: "Token", token: "Token | None") -> "Token | None":
    """The child of ``head`` whose subtree holds ``token`` (None when it is not below ``head``)."""
    while token is not None and token.head.i != head.i:
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _in_subtree(token: "Token", root: "Token | None") -> bool:
    return root is not None and (token.i == root.i or _governed_by(token, root))


def _governed_by(token: "Token", head: "Token") -> bool:
    return any(a.i == head.i for a in token.ancestors)


def _quote_only_paragraph(text: str, group: list[Quoted]) -> bool:
    """Whether the quotation fills its paragraph (nothing but punctuation around it)."""
    p_start, p_end = paragraph_of(text, group[0].marks[0])
    last_end = paragraph_of(text, max(group[-1].marks[1] - 1, 0))[1]
    return not text[p_start : group[0].marks[0]].strip() and not text[group[-1].marks[1] : last_end].strip(
        _END_PUNCT + " \t\"”’»"
    )


def _direct(doc: "Doc", text: str, groups: list[list[Quoted]]) -> list[_Found]:
    """Direct quotations with their cue, split quotes merged, speakers carried back (pass 1)."""
    found: list[_Found] = []
    by_group: dict[int, _Found] = {}
    used: set[int] = set()
    starts = doc.to_array("IDX")  # token offsets, for finding a quotation's first word by bisection
    for g, group in enumerate(groups):
        if g in used:
            continue
        cue = _cue_after(doc, text, group)
        method = "rules-quote-cue"
        if cue is None:
            cue = _cue_before(doc, text, group)
            method = "rules-cue-quote"
        if cue is None:
            continue
        subject = _subject(cue)
        if subject is None or subject.idx < group[-1].marks[1] <= cue.idx:
            subject = _inverted_speaker(cue) if method == "rules-quote-cue" else subject
        f = _Found(
            content=[q.inner for q in group],
            kind="direct",
            cue=_cue_span(cue),
            cue_class=_cue_class(cue, direct=True),  # type: ignore[arg-type]
            cue_token=cue,
            speaker_head=subject,
            method=method,
            passages=list(group),
        )
        if method == "rules-quote-cue":
            lead = _lead_in(doc, text, group[0], starts)
            if lead is not None:
                # "The summit achieved "too little," he said": the quotation finishes a sentence
                # the writer began, so the statement is the whole sentence.
                f.kind = "mixed"
                f.content[0] = (lead, f.content[0][1])
            for h in range(g + 1, len(groups)):
                if not _continues(doc, text, f, groups[h]):
                    break
                f.content.extend(q.inner for q in groups[h])
                f.passages.extend(groups[h])
                used.add(h)
        found.append(f)
        by_group[g] = f
    found.extend(_carried_back(text, groups, by_group, used))
    return found


def _lead_in(doc: "Doc", text: str, q: Quoted, starts: Any) -> int | None:
    """Where the writer's own words start when a quotation begins mid-sentence, else None;
    ``starts`` are the tokens' character offsets (``doc.to_array("IDX")``)."""
    k = int(starts.searchsorted(q.inner[0]))
    if k >= len(doc):
        return None
    inside = doc[k]
    start = max(inside.sent.start_char, paragraph_of(text, q.marks[0])[0])
    lead = text[start : q.marks[0]]
    if not any(ch.isalnum() for ch in lead) or any(m in lead for m in _MARK_TOKENS):
        return None
    return _trim(text, start, q.marks[0])[0]


def _continues(doc: "Doc", text: str, f: _Found, group: list[Quoted]) -> bool:
    """Whether ``group`` goes on the statement ``f`` in the same paragraph, with nothing but the
    cue clause in between ("…," he said, "…")."""
    prev_end = f.passages[-1].marks[1]
    start = group[0].marks[0]
    if paragraph_of(text, prev_end - 1) != paragraph_of(text, start):
        return False
    cue = f.cue_token
    assert cue is not None
    between = _tokens_between(doc, prev_end, start)
    nxt = next((t for t in doc[between[-1].i + 1 :] if not (t.is_punct or t.is_space)), None) if between else None
    for t in between:
        if _opens_statement(t, cue, between, nxt):
            return False  # "…," he said, adding later, "…": the second passage is another statement
        if t.is_punct or t.is_space or t.i == cue.i or _governed_by(t, cue):
            continue
        return False
    return True


def _opens_statement(verb: "Token", cue: "Token", between: Sequence["Token"], first: "Token | None") -> bool:
    """Whether ``verb``, between two passages of a quotation, is a second cue whose statement
    holds the passage after it (``first`` is that passage's first word): "…," he said, adding
    (later|that) "…", or adding that the plan would "…"; not an aside ("…," she said, referring
    to the bill. "…")."""
    if verb.pos_ != "VERB" or verb.head.i != cue.i or verb.dep_ not in ("advcl", "conj"):
        return False
    rest = [t for t in between if t.i > verb.i and not (t.is_punct or t.is_space)]
    if len(rest) <= 1 and all(t.dep_ in ("mark", "advmod") for t in rest):
        return True
    clause = _child_towards(verb, first)
    return clause is not None and clause.dep_ in _COMPLEMENTS


def _carried_back(
    text: str, groups: list[list[Quoted]], by_group: dict[int, _Found], used: set[int]
) -> list[_Found]:
    """Quote-only paragraphs without a cue, attributed to the speaker of the attributed quote
    paragraph right after them; a gap of any other paragraph stops the carry."""
    out: list[_Found] = []
    for g in range(len(groups) - 2, -1, -1):
        if g in by_group or g in used or not _quote_only_paragraph(text, groups[g]):
            continue
        nxt = by_group.get(g + 1)
        if nxt is None or not _adjacent_paragraphs(text, groups[g][-1].marks[1], groups[g + 1][0].marks[0]):
            continue
        source = nxt.carried_from or nxt
        f = _Found(
            content=[q.inner for q in groups[g]],
            kind="direct",
            cue=source.cue,
            cue_class=source.cue_class,
            cue_token=source.cue_token,
            speaker_head=source.speaker_head,
            method="rules-carried",
            passages=list(groups[g]),
            carried_from=source,
        )
        by_group[g] = f
        out.append(f)
    return out


def _adjacent_paragraphs(text: str, end: int, start: int) -> bool:
    """Whether only the paragraph break separates two quotations."""
    return not text[end:start].strip(_END_PUNCT + " \t\n\"”’»") and text.count("\n", end, start) >= 1


def _complement(verb: "Token") -> "Token | None":
    """The verb's clausal complement within its own paragraph, preferring one after the verb."""
    candidates = [c for c in verb.children if c.dep_ in _COMPLEMENTS and _same_paragraph(verb, c)]
    after = [c for c in candidates if c.i > verb.i]
    return (after or candidates or [None])[0]


def _same_paragraph(a: "Token", b: "Token") -> bool:
    """Whether no line break lies between two tokens."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[lo:hi])


# A dateline opening a paragraph: "WASHINGTON ― ", "PORTSMOUTH, N.H. -- ".
_DATELINE = re.compile(r"[A-Z][A-Z.,'’ ]*[A-Z.][ \u00a0]+(?:―|--|—|–)[ \u00a0]+")


def _span_of(text: str, first: "Token", last: "Token", within: "Token | None" = None) -> Span:
    """The characters from ``first`` to ``last``, clipped to the paragraph of ``within`` and
    trimmed of edge punctuation."""
    start, end = first.idx, last.idx + len(last.text)
    if within is not None:
        para = paragraph_of(text, within.idx)
        start, end = max(start, para[0]), min(end, para[1])
    start, end = _trim(text, start, end, ",;:—–-()]#")
    dateline = _DATELINE.match(text, start) if start == 0 or text[start - 1] == "\n" else None
    if dateline is not None and dateline.end() < end:
        start = dateline.end()  # "WASHINGTON ― The senator …": where the story was filed
    # A final full stop belongs to the sentence, not the statement, unless a quote closes after it.
    while end > start and text[end - 1] in ".," and not text[start:end].count('"') % 2 == 1:
        end -= 1
    return (start, end)


_CUE_POS = quote_frames.HEAD_POS  # _reported needs a VERB or AUX, which HEAD_POS holds


def _indirect(
    doc: "Doc", text: str, groups: list[list[Quoted]], direct: list[_Found]
) -> list[_Found]:
    """Reported speech from the parse, mixed quotes and "according to" (pass 2)."""
    quoted = bytearray(len(text) + 1)  # 1 for each character inside a quotation: one look per word
    for q in (q for g in groups for q in g):
        quoted[q.inner[0] : q.inner[1]] = b"\x01" * (q.inner[1] - q.inner[0])
    used_cues = {f.cue_token.i for f in direct if f.cue_token is not None}
    found: list[_Found] = []
    # Both ways to a cue below need a verb, noun or adjective head ("according to" aside): the
    # rest are passed over in the Doc's arrays, without a Token made for each.
    a = doc_arrays.arrays(doc)
    cue_pos, according = {doc_arrays.pos_id(p) for p in _CUE_POS}, doc_arrays.string_id("according")
    for i in (i for i, (pos, low) in enumerate(zip(a.pos, a.lower)) if pos in cue_pos or low == according):
        t = doc[i]
        if i in used_cues or quoted[t.idx]:
            continue
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            f = _according(text, t)
        else:
            # The learned frames decide for every word the training data saw as a cue; the
            # hand-made lexicon covers the rest.
            f = _framed(text, t) if quote_frames.known(t) else _reported(text, t)
        if f is not None and not _overlaps_direct(f, direct):
            found.append(_bounded(doc, text, f))
    found = _outermost(found)
    for f in found:
        inner = [q for g in groups for q in g if any(_overlaps(q.inner, c) for c in f.content)]
        if inner:
            f.kind = "mixed"
            f.passages = inner
    return found


def _overlaps_direct(f: _Found, direct: Sequence[_Found]) -> bool:
    """Whether ``f``'s content takes in a passage that a direct quote attributes from outside it.
    A direct quote whose cue lies inside ``f``'s content is reported within ``f``'s statement
    ("said the party, which it calls "…", had won"), so it does not count."""
    for d in direct:
        if d.cue is not None and _inside(d.cue[0], f.content):
            continue
        if any(_overlaps(c, q.inner) for c in f.content for q in d.passages):
            return True
    return False


def content_tokens(doc: "Doc", span: Span) -> tuple[int, int] | None:
    """(first, last) token of a content fragment, or None when it does not align."""
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (tokens.start, tokens.end - 1) if tokens is not None and len(tokens) else None


def bound_limit(doc: "Doc", text: str, f: _Found, first: int, last: int) -> int:
    """The furthest token the content's last fragment may reach: the end of its sentence and
    paragraph, but never past its own cue or source."""
    limit = max(last, doc[first].sent.end - 1)
    para_end = paragraph_of(text, doc[last].idx)[1]
    stops = [t.i for t in (f.cue_token, f.speaker_head) if t is not None and t.i > last]
    if f.cue is not None:
        stops += [t.i for t in doc[last + 1 : limit + 1] if f.cue[0] <= t.idx < f.cue[1]]
    stops += [t.i for t in doc[last + 1 : limit + 1] if t.idx >= para_end]
    return min([limit] + [s - 1 for s in stops]) if stops else limit


def _bounded(doc: "Doc", text: str, f: _Found) -> _Found:
    """``f`` with its last content fragment ended where the learned boundary model puts it
    (:mod:`storyline.nlp.quote_bounds`)."""
    if f.method not in ("rules-frames", "rules-parse") or not f.content:
        return f
    tokens = content_tokens(doc, f.content[-1])
    if tokens is None:
        return f
    first, last = tokens
    end = quote_bounds.best_end(doc, first, last, f.cue_token, bound_limit(doc, text, f, first, last))
    if end != last:
        span = _span_of(text, doc[first], doc[end])
        span = (f.content[-1][0], span[1])
        if span[1] > span[0]:
            f.content[-1] = span
    return _started(doc, text, f)


def _started(doc: "Doc", text: str, f: _Found) -> _Found:
    """``f`` with its first content fragment, when it follows the cue, started where the learned
    start model puts it, the words between left out, joined to the cue or taken from it
    (:func:`storyline.nlp.quote_bounds.best_start`)."""
    tokens = content_tokens(doc, f.content[0])
    cue_tokens = content_tokens(doc, f.cue) if f.cue is not None else None
    if tokens is None or cue_tokens is None or f.cue_token is None or tokens[0] <= f.cue_token.i:
        return f
    (first, last), (cue_first, cue_last) = tokens, cue_tokens
    k, how = quote_bounds.best_start(doc, first, last, f.cue_token, cue_last)
    if how == "keep":
        return f
    start = _span_of(text, doc[k], doc[last])[0]
    if start >= f.content[0][1]:
        return f
    f.content[0] = (start, f.content[0][1])
    if how == "cue":
        f.cue = (f.cue[0], max(f.cue[1], _span_of(text, doc[cue_first], doc[k - 1])[1]))  # type: ignore[index]
    elif how == "give":
        f.cue = (f.cue[0], _span_of(text, doc[cue_first], doc[k - 1])[1])  # type: ignore[index]
    return f


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _object_class(verb: "Token") -> str | None:
    """The class of a verb that only reports through its object ("cited the report")."""
    if verb.pos_ != "VERB":
        return None
    objects: dict[str, str] = load("cues")["object_verbs"]
    lemma = verb.lemma_.lower()
    if lemma in objects:
        return objects[lemma]
    for child in verb.rights:
        if child.dep_ in ("prep", "prt") and f"{lemma} {child.lower_}" in objects:
            return objects[f"{lemma} {child.lower_}"]
    return None


def _object(verb: "Token") -> "Token | None":
    """The noun phrase a verb of the lexicon's ``object_verbs`` reports ("denied the charges",
    "called for an inquiry"), or None."""
    objects: dict[str, str] = load("cues")["object_verbs"]
    lemma = verb.lemma_.lower()
    for child in verb.rights:
        if child.dep_ == "dobj" and lemma in objects:
            return child
        if child.dep_ in ("prep", "prt") and f"{lemma} {child.lower_}" in objects:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _runs(tokens: Sequence["Token"]) -> list[tuple["Token", "Token"]]:
    """(first, last) of each run of consecutive tokens, runs joined across punctuation only."""
    runs: list[list["Token"]] = []
    if not tokens:
        return []
    a = doc_arrays.arrays(tokens[0].doc)
    blank, dep, cc = a.blank, a.dep, doc_arrays.string_id("cc")
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and all(blank[u] for u in range(runs[-1][-1].i + 1, t.i)):
            runs[-1].append(t)
        else:
            runs.append([t])
    out = []
    for r in runs:
        # A joining "and"/"but" at either edge links the statement to the text around it.
        lo, hi = 0, len(r) - 1
        while lo <= hi and (dep[r[lo].i] == cc or blank[r[lo].i]):
            lo += 1
        while hi >= lo and (dep[r[hi].i] == cc or blank[r[hi].i]):
            hi -= 1
        if lo <= hi:
            out.append((r[lo], r[hi]))
    return out


# Comma-set additions to a reported noun phrase ("the plan, which critics call costly"; "the
# report, the latest of many"): the writer's, not the source's, in the training annotation.
_ASIDES = frozenset({"relcl", "appos", "acl", "advcl"})


def _statement(child: "Token") -> list["Token"]:
    """The words of a content dependent, without a comma-set aside on a reported noun phrase."""
    if child.pos_ not in ("NOUN", "PROPN", "PRON") and child.dep_ not in ("prep", "pobj"):
        return list(child.subtree)
    roots = [child] + [g for g in child.children if g.dep_ == "pobj"]
    cut = {
        t.i
        for r in roots
        for a in r.children
        if a.dep_ in _ASIDES and a.i > r.i and a.left_edge.i > 0 and a.doc[a.left_edge.i - 1].text == ","
        for t in a.subtree
    }
    return [t for t in child.subtree if t.i not in cut]


_NO_STATEMENT = frozenset({"nothing", "little", "none", "nobody", "no one", "anything", "something", "much"})


def _framed(text: str, verb: "Token") -> _Found | None:
    """An attribution headed by ``verb`` as the learned frames see it (see
    :mod:`storyline.nlp.quote_frames`): the word is a likely cue for its frame, and its dependents
    split into source, cue and content by how the training annotation treated such dependents."""
    # The context only lowers the prior, so a word whose prior cannot reach the threshold in any
    # frame is turned down without working out its own (most words: a fifth of the time saved).
    if quote_frames.ceiling(verb) < quote_cues.threshold():
        return None
    fr = quote_frames.frame(verb)
    if quote_frames.ceiling(verb, fr) < quote_cues.threshold():
        return None
    p = quote_cues.probability(verb, fr=fr)
    if p < quote_cues.threshold():
        return None
    roles = quote_frames.roles(verb)
    doc = verb.doc
    content = [t for c in verb.children if roles[c.i] == "content" for t in _statement(c)]
    source = next((c for c in verb.children if roles[c.i] == "source"), None)
    if source is None:
        # The parser sometimes hangs the subject on the auxiliary ("Oslo has … dismissed").
        source = next((g for c in verb.children if c.dep_ == "aux" for g in c.children if g.dep_ in _SUBJECTS), None)
    if source is not None and source.dep_ == "agent":
        source = next((g for g in source.children if g.dep_ == "pobj"), None)  # "by officials": the officials
    # "said in a statement that …", "told a meeting of leaders that …": the parse may hang the
    # reported clause on the cue's own prepositional phrase or object.
    tucked = _tucked_clause(verb, roles) if not content else None
    if tucked is not None:
        content = list(tucked.subtree)
    stop = frozenset(t.i for t in tucked.subtree) if tucked is not None else frozenset()
    first, last = _cue_extent(verb, roles, exclude=source, stop=stop)
    if tucked is not None and last < tucked.left_edge.i:
        # The words that hold the clause belong to the cue ("says in a statement", "cling to the hope").
        between = doc[last + 1 : tucked.left_edge.i]
        if all(_governed_by(t, verb) and not (_breaks(t) or t.is_punct) for t in between):
            last = tucked.left_edge.i - 1
    # "called for an inquiry", "spoke of her plans": a preposition right after the cue is part of it.
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.head.i == verb.i and nxt.dep_ in ("prep", "agent") and roles[nxt.i] == "content":
        last += 1
    if content and verb.dep_ == "conj" and verb.head.i < min(t.i for t in content) and max(t.i for t in content) < verb.i:
        # "X had told police …, but the NYPD overruled it, the source added": the statement
        # reported before a coordinated cue takes in the clause it is coordinated with.
        mine = {t.i for t in verb.subtree}
        content = [t for t in verb.head.subtree if t.i not in mine] + content
    aside: set[int] = set()
    if not content and (verb.dep_ == "parataxis" and verb.i > verb.head.left_edge.i or _as_aside(verb)):
        # "Clinton will win, he said" / "As the paper noted, the vote was close": the statement is
        # the clause the cue interrupts or introduces.
        aside = {t.i for t in verb.subtree}
        content = [t for t in verb.head.subtree if t.i not in aside and not _link_before(t, verb)]
    if not content:
        return None
    # The content runs from its first to its last word, broken only by the cue and the source (and
    # the words of the cue's own clause when it interrupts the statement: "…, as police said, …").
    outside = set(range(first, last + 1)) | ({t.i for t in source.subtree} if source is not None else set())
    outside |= aside if _as_aside(verb) else set()
    lo, hi = min(t.i for t in content), max(t.i for t in content)
    content = [t for t in doc[lo : hi + 1] if t.i not in outside]
    para = paragraph_of(text, verb.idx)
    contents = [
        _span_of(text, a, b, within=verb) for a, b in _runs([t for t in content if para[0] <= t.idx < para[1]])
    ]
    contents = [c for c in contents if c[1] > c[0] and any(ch.isalnum() for ch in text[c[0] : c[1]])]
    if not contents or (len(contents) == 1 and text[slice(*contents[0])].lower() in _NO_STATEMENT):
        return None  # "said nothing", "told little": no statement is reported
    # A subject the training annotation does not count as source ("the plan seems costly", "it is
    # expected to pass") leaves the statement without one: it is no speaker to inherit either.
    own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    dropped = source is None and own is not None and roles[own.i] in ("content", "none")
    speaker = source if source is not None else None if dropped else _subject(verb)
    if speaker is None and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # "when asked about …": the one asked is not the one speaking
    # A word the training data calls a cue but the lexicon does not class ("addressed", "plans")
    # reports a stance or an act more than a statement: no class, and a lower confidence.
    cls = _cue_class(verb, direct=False) or _object_class(verb)
    return _Found(
        content=contents,
        kind="indirect",
        cue=(doc[first].idx, doc[last].idx + len(doc[last].text)),
        cue_class=cls,  # type: ignore[arg-type]
        cue_token=verb,
        speaker_head=speaker,
        method="rules-frames",
        likelihood=p,
    )


def _link_before(token: "Token", aside: "Token") -> bool:
    """Whether ``token`` is a lone linking word ("Yet", "If", "But") of the clause that ``aside``
    ("as X noted") comments on, before the aside: it joins the sentence, it is not the statement."""
    return (
        _as_aside(aside)
        and token.head.i == aside.head.i
        and token.i < aside.left_edge.i
        and token.dep_ in ("mark", "cc", "advmod")
        and token.left_edge.i == token.right_edge.i
        and all(t.is_punct or t.dep_ in ("mark", "cc", "advmod") for t in token.doc[token.head.left_edge.i : token.i])
    )


def _as_aside(verb: "Token") -> bool:
    """Whether ``verb`` heads an "as X noted" clause set in the sentence it comments on."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children)


# Dependents of a cue word under which the parse sometimes hangs the reported clause.
_TUCKING = frozenset({"prep", "dobj", "dative", "npadvmod"})


def _tucked_clause(verb: "Token", roles: dict[int, str]) -> "Token | None":
    """A "that"-clause the parse hung below one of the cue's non-content dependents rather than
    on the cue itself ("said in a statement that …"), or None. Only a clause opened by the
    complementiser "that" (tagged IN, not the relative pronoun) counts."""
    for c in verb.rights:
        if c.dep_ not in _TUCKING or roles.get(c.i) == "content":
            continue
        for t in c.subtree:
            if t.dep_ in ("acl", "relcl", "ccomp") and t.i > c.i:
                first = t.left_edge
                if first.lower_ == "that" and first.tag_ == "IN" and first.head.i == t.i:
                    return t
    return None


def _reported(text: str, verb: "Token") -> _Found | None:
    """An indirect statement headed by the cue ``verb``, or None when it has no content clause."""
    cls = _cue_class(verb, direct=False)
    if cls is None:
        cls = _object_class(verb)
    if cls is None:
        return None
    comp = _complement(verb)
    cue_end = None
    if comp is not None:
        first = comp.left_edge
        if comp.dep_ == "xcomp":
            # "urged Trump to stop": the one urged belongs to what is reported.
            obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i < comp.i), None)
            first = obj.left_edge if obj is not None else first
        content = _span_of(text, first, comp.right_edge, within=verb)
    elif verb.dep_ == "parataxis" and verb.i > verb.head.left_edge.i:
        # "Clinton will win, he said" / "The test, officials said, was a success": the statement
        # is the clause the cue interrupts, on either side of it.
        head, doc = verb.head, verb.doc
        parts = [(head.left_edge.i, verb.left_edge.i - 1), (verb.right_edge.i + 1, head.right_edge.i)]
        contents = [_span_of(text, doc[a], doc[b], within=verb) for a, b in parts if b >= a]
    else:
        obj = _object(verb)
        if obj is None:
            return None
        contents = [_span_of(text, obj.left_edge, obj.right_edge, within=verb)]
        if obj.head.i == verb.i + 1 and obj.head.dep_ in ("prep", "prt"):
            cue_end = obj.head.idx + len(obj.head.text)  # "called for"
    if comp is not None:
        contents = [content]
    contents = [c for c in contents if len(text[c[0] : c[1]].split()) >= 2]
    if not contents:
        return None
    subject = _subject(verb)
    if subject is None and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # "when asked if …": the one asked is not the one speaking
    cue = _cue_span(verb)
    return _Found(
        content=contents,
        kind="indirect",
        cue=(cue[0], max(cue[1], cue_end or 0)),
        cue_class=cls,  # type: ignore[arg-type]
        cue_token=verb,
        speaker_head=subject,
        method="rules-parse",
    )


def _according(text: str, according: "Token") -> _Found | None:
    """"according to X": X said the rest of the sentence (one span each side of the phrase)."""
    to = next(c for c in according.children if c.lower_ == "to")
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    sent = according.sent
    phrase_end = obj.right_edge.i
    content = []
    if according.i > sent.start:
        content.append(_span_of(text, sent[0], according.doc[according.i - 1], within=according))
    if phrase_end + 1 < sent.end:
        content.append(_span_of(text, according.doc[phrase_end + 1], sent[-1], within=according))
    if content and according.i > sent.start and sent[0].dep_ == "cc":
        # "But the goal, according to X, is …": the joining word links the sentence to the one
        # before; PolNeAR train leaves it out of the content about three times in four.
        after = according.doc[sent[0].i + 1]
        content[0] = (_span_of(text, after, according.doc[max(after.i, according.i - 1)], within=according)[0], content[0][1])
    content = [c for c in content if c[1] > c[0] and len(text[c[0] : c[1]].split()) >= 2]
    if not content:
        return None
    return _Found(
        content=content,
        kind="indirect",
        cue=(according.idx, to.idx + len(to.text)),
        cue_class="report",
        cue_token=according,
        speaker_head=obj,
        method="rules-according",
    )


_NESTED_MARGIN = 1.0


# "PENCE: Well, look …", "Poll: Clinton leads": a short title-cased label, a colon, the statement.
_LABEL = re.compile(r"(?m)^[ \t]*((?:[A-Z][\w.’'-]*|of|the|and)(?:[ \t]+(?:[A-Z][\w.’'-]*|of|the|and)){0,6}):[ \t]+(?=\S)(.+)$")
# "“…” ― Ana Ruiz.": a quotation signed off after a dash, as in collected reader comments.
_SIGNED = re.compile(r"[”\"][ \t\u00a0]*[―—–][ \t\u00a0]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4})\.?[ \t\u00a0]*$", re.M)
# Labels that introduce a section, not a speaker.
_NOT_SPEAKERS = frozenset({"update", "note", "editor", "photo", "video", "watch", "read", "related", "source", "sources", "q", "a"})


def _labelled(doc: "Doc", text: str, found: list[_Found]) -> list[_Found]:
    """Statements set out with a label rather than a verb: "SPEAKER: …" paragraphs and headlines,
    and quotations signed off with a dash and a name."""
    taken = [c for f in found for c in f.content] + [f.cue for f in found if f.cue]
    out = []
    for m in _LABEL.finditer(text):
        label = m.group(1)
        if label.split()[0].lower().strip(".") in _NOT_SPEAKERS or _inside(m.start(2), taken):
            continue
        out.append(_label_found(doc, text, m.span(1), (m.end(1), m.end(1) + 1), m.span(2), "rules-label"))
    for m in _SIGNED.finditer(text):
        para = paragraph_of(text, m.start())
        opener = text[para[0] : m.start()].lstrip()[:1]
        if opener not in "“\"”" or _inside(m.start(), taken):  # some sites open with a closing mark
            continue
        content = (para[0] + len(text[para[0] : m.start()]) - len(text[para[0] : m.start()].lstrip()), m.start() + 1)
        out.append(_label_found(doc, text, m.span(1), (m.start() + 1, m.start(1)), content, "rules-signed"))
    return [f for f in out if f is not None]


def _label_found(doc: "Doc", text: str, speaker: Span, cue: Span, content: Span, method: str) -> _Found | None:
    speaker = _trim(text, *speaker, chars=".,;:")
    head_span = doc.char_span(*speaker, alignment_mode="expand")
    if head_span is None or not len(head_span):
        return None
    content = _trim(text, *content, chars=_END_PUNCT + "\"“”")
    if content[1] <= content[0]:
        return None
    return _Found(
        content=[content],
        kind="direct",
        cue=_trim(text, *cue),
        cue_class="assert",
        cue_token=None,
        speaker_head=head_span.root,
        method=method,
        speaker_span=speaker,
    )


def _cue_of(f: _Found) -> quote_nesting.Cue:
    return quote_nesting.Cue(f.cue_token, f.likelihood, f.cue_class, f.method)


def _nested(inner: _Found, outer: _Found) -> bool:
    """Whether ``inner`` is a statement reported within ``outer``'s content that PolNeAR would
    annotate as well (:mod:`storyline.nlp.quote_nesting`)."""
    within = all(any(o[0] <= c[0] and c[1] <= o[1] for o in outer.content) for c in inner.content)
    return quote_nesting.both(_cue_of(inner), _cue_of(outer), within)


def _outermost(found: list[_Found]) -> list[_Found]:
    """One attribution per stretch of text, as PolNeAR annotates: a statement whose cue sits inside
    another's content gives way to it, unless its own cue is the likelier one ("vied for the title
    …, saying …": the participle is the statement). "according to" frames do not count as
    containing (in "according to CNN, Flynn said …" both are kept)."""

    containers = [g for g in found if g.method != "rules-according"]

    def holders(f: _Found) -> int:
        at = f.cue[0]  # type: ignore[index]
        return sum(1 for g in containers if g is not f and any(s <= at < e for s, e in g.content))

    kept: list[_Found] = []
    # An inner cue must be clearly likelier than its container's to win.
    for f in sorted(found, key=lambda f: (-round(f.likelihood / _NESTED_MARGIN), holders(f) if f.cue else 0)):
        if f.cue is not None and f.method != "rules-according":
            others = [g for g in kept if g.method != "rules-according" and g.cue is not None]
            if any(_inside(f.cue[0], g.content) and not _nested(f, g) for g in others):
                continue
            if any(_inside(g.cue[0], f.content) and not _nested(g, f) for g in others):  # type: ignore[index]
                continue
        kept.append(f)
    return [f for f in found if any(f is k for k in kept)]


# A colon that ends its paragraph.
_COLON_END = re.compile(r":[ \t]*\n")


def _colon_led(doc: "Doc", text: str, groups: list[list[Quoted]], found: list[_Found]) -> list[_Found]:
    """``found`` with statements set out in the paragraph after a cue clause that ends in a colon
    ("The governor added:" / "Reuters reports:", then the statement, quoted or not). Such a
    paragraph is the statement's content; a quotation there attributed only by carrying a later
    speaker back gives way."""
    out = list(found)
    for m in _COLON_END.finditer(text):
        span = doc.char_span(m.start(), m.start() + 1)
        if span is None or len(span) != 1:
            continue
        colon = span[0]
        verb = _colon_cue(colon)
        if verb is None:
            continue
        start = colon.idx + 1
        while start < len(text) and text[start].isspace():
            start += 1
        if start >= len(text):
            continue
        group = next((g for g in groups if g[0].marks[0] == start), None)
        if group is not None:
            content = [q.inner for q in group]
        else:
            para = paragraph_of(text, start)
            content = [_trim(text, *para, chars=_END_PUNCT + "\"“”")]
        if content[0][1] <= content[0][0] or len(text[slice(*content[0])].split()) < 3:
            continue
        if any(f.method != "rules-carried" and _overlaps(f.content[0], content[0]) for f in out):
            continue
        out = [f for f in out if not _overlaps(f.content[0], content[0])]
        out.append(
            _Found(
                content=content,
                kind="direct",
                cue=_cue_span(verb),
                cue_class=_cue_class(verb, direct=True) or "assert",  # type: ignore[arg-type]
                cue_token=verb,
                speaker_head=_subject(verb),
                method="rules-colon",
                passages=list(group or []),
            )
        )
    return out


def _colon_cue(colon: "Token") -> "Token | None":
    """The reporting verb of a clause that ends in ``colon`` at the end of its paragraph, with its
    subject there ("Limbaugh added:"), or None."""
    verb = colon.head
    if verb.i >= colon.i or verb.pos_ not in ("VERB", "AUX") or _subject(verb) is None:
        return None
    if "\n" in colon.doc[verb.i : colon.i].text or not _cue_class(verb, direct=True):
        return None
    if any(c.dep_ in _COMPLEMENTS and c.i < colon.i for c in verb.children):
        return None  # "The bias begins to show when …:": the clause reports something else
    # Only the cue clause's own words between the verb and the colon ("said in a statement:").
    if any(not _governed_by(t, verb) for t in colon.doc[verb.i + 1 : colon.i] if not t.is_punct):
        return None
    return verb


# Children that open another clause: a date in them ("when asked about the December 2016
# sanctions") dates something else, not the statement.
_OTHER_CLAUSE = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "conj"})


def _own_clause(verb: "Token") -> list["Token"]:
    """The verb and what hangs from it, without descending into subordinate or coordinate clauses."""
    out, stack = [], [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _OTHER_CLAUSE)
    return out


def _date(f: _Found, times: Sequence[Time], article: Article) -> tuple[str | None, str | None]:
    """The statement's date: a DATE in the cue's own clause, else the article's date."""
    verb = f.cue_token
    if verb is not None and f.method != "rules-according":
        excluded = list(f.content) + [q.marks for q in f.passages]
        dates = [
            time
            for time in times
            # "XXXX-WXX-1" (Monday, with no article date) is no calendar date
            if time.type == "DATE" and time.value[:4].isdigit() and not any(_overlaps(time.span, c) for c in excluded)
        ]
        own = _own_clause(verb) if dates else []  # the clause is only worth walking with a date to find
        clause = [(t.idx, t.idx + len(t.text)) for t in own if not _inside(t.idx, excluded)]
        for time in dates:
            if any(_overlaps(time.span, c) for c in clause):
                return time.value, "sentence"
    if article.published:
        return article.published, "article"
    return None, None


def _confidence(f: _Found, how: str) -> float:
    """Higher for direct quotes with a named speaker, lower for guesses (carried, unresolved)."""
    base = {"direct": 0.8, "mixed": 0.75, "indirect": 0.65}[f.kind]
    if f.method == "rules-carried":
        base -= 0.25
    if f.method == "rules-frames" and f.cue_class is None:
        base = 0.25 + 0.3 * f.likelihood
    bonus = {"name": 0.15, "pronoun": 0.05, "document": 0.05, "role": 0.05, "none": -0.1}[how]
    if f.speaker_head is None:
        bonus = -0.2
    return round(max(0.05, min(0.99, base + bonus)), 2)


def _subject_anchors(
    doc: "Doc", names: Sequence[speakers.Name], excluded: Sequence[Span]
) -> list[speakers.Anchor]:
    """Named subjects of main clauses outside quotations and reported content: what a later "he"
    or "they" may refer to (a subject inside someone's statement is not a good antecedent)."""
    out = []
    subjects = {doc_arrays.string_id("nsubj"), doc_arrays.string_id("nsubjpass")}
    for i in (i for i, dep in enumerate(doc_arrays.arrays(doc).dep) if dep in subjects):
        t = doc[i]
        if t.head.dep_ != "ROOT" or _inside(t.idx, excluded):
            continue
        name = speakers.name_at(names, t.idx, t.idx + len(t.text))
        if name is not None:
            out.append(speakers.Anchor(t.idx, name.entity, name.label))
        elif t.pos_ == "PROPN" and t.ent_type_ == "":
            # A proper-noun subject the tagger did not name ("Okafor resigned"): most often a person.
            words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
            same = [n.entity for n in names if n.label == "PERSON" and n.entity.split()[-1] == t.text]
            entity = max(same, key=len) if same else " ".join(w.text for w in words)
            out.append(speakers.Anchor(t.idx, entity, "PERSON"))
    return out


def clear_caches() -> None:
    """Forget what attribution keeps between articles (each Doc's arrays, the scores of feature
    values already seen), so that a benchmark times a first pass as a fresh process would."""
    doc_arrays.clear()
    quote_bounds.clear_caches()
    quote_frames.clear_caches()


def quotes(
    doc: "Doc",
    article: Article,
    mentions: Sequence[Mention] = (),
    times: Sequence[Time] = (),
) -> list[Quote]:
    """Every attributed statement of ``article``: direct, mixed and indirect quotes, in text order.

    ``doc`` is the spaCy Doc of ``article.text``; ``mentions`` give canonical names (else
    ``doc.ents`` are used); ``times`` date statements made "on Monday" rather than on the article's
    date.
    """
    text = article.text
    groups = _chains(quoted(text))
    direct = _direct(doc, text, groups)
    found = direct + _indirect(doc, text, groups, direct)
    found += _labelled(doc, text, found)
    found = _colon_led(doc, text, groups, found)
    found = [f for f in found if not _only_time(doc, f.content, times)]
    found.sort(key=lambda f: (f.content[0][0], f.cue or (0, 0)))

    names = speakers.names(doc, mentions)
    excluded = [q.inner for g in groups for q in g] + [c for f in found for c in f.content]
    anchors = _subject_anchors(doc, names, excluded)
    resolved: dict[int, tuple[str | None, str]] = {}
    out = []
    for f in sorted(found, key=lambda f: f.speaker_head.idx if f.speaker_head is not None else f.content[0][0]):
        speaker = speaker_text = None
        entity, how = None, "none"
        head = speakers.speaker_head(f.speaker_head, f.cue_token)
        if head is not None:
            first, last = speakers.speaker_tokens(head)
            speaker = f.speaker_span or (doc[first].idx, doc[last].idx + len(doc[last].text))
            speaker_text = text[speaker[0] : speaker[1]]
            if head.i in resolved:
                entity, how = resolved[head.i]
            else:
                entity, how = speakers.speaker_entity(head, speaker, anchors, names)
                resolved[head.i] = (entity, how)
                if entity is not None and how in ("pronoun", "document", "name"):
                    label = _label_of(entity, names, how)
                    anchors.append(speakers.Anchor(head.idx, entity, label))
                    anchors.sort(key=lambda a: a.offset)
        date, date_source = _date(f, times, article)
        out.append(
            Quote(
                article_id=article.id,
                content=tuple(f.content),
                kind=f.kind,
                speaker=speaker,
                speaker_text=speaker_text,
                speaker_entity=entity,
                cue=f.cue,
                cue_text=text[f.cue[0] : f.cue[1]] if f.cue else None,
                cue_class=f.cue_class,
                date=date,
                date_source=date_source,  # type: ignore[arg-type]
                confidence=_confidence(f, how),
                method=f.method,
            )
        )
    out.sort(key=lambda q: q.content[0])
    return out


def _only_time(doc: "Doc", content: Sequence[Span], times: Sequence[Time]) -> bool:
    """True when a statement's content is nothing but when it was said ("… told reporters on
    Monday." read as the cue's complement): such a 'statement' says nothing, so it is dropped."""
    spans = [t.span for t in times]
    for start, end in content:
        tokens = doc.char_span(start, end, alignment_mode="expand")
        if tokens is None:
            return False
        for tok in tokens:
            inside = any(s <= tok.idx < e for s, e in spans)
            if not inside and tok.pos_ not in ("ADP", "DET", "PUNCT", "SPACE"):
                return False
    return bool(spans)


def _label_of(entity: str, names: Sequence[speakers.Name], how: str) -> str:
    """The label of a resolved speaker: a name's own, a person for pronouns and documents."""
    for n in names:
        if n.entity == entity:
            return n.label
    return "PERSON" if how in ("pronoun", "document") else "ORG"
