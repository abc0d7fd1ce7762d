"""Scanning quotation marks: where the quoted passages of a text are.

Pure string logic, no spaCy. Handles straight and curly double quotes, curly (and, carefully,
straight) single quotes used as quotation marks, and guillemets. Quotes nest (only the outermost
passage is returned); apostrophes are told apart from closing single quotes by what follows them.

A quotation never runs past the end of its paragraph: an unclosed one stops there, so that a stray
mark cannot swallow the rest of an article. The exception is the multi-paragraph convention, where a
long quotation leaves its paragraph unclosed and the next paragraph opens with a quote mark again;
such a passage is marked ``continues`` and the caller may chain it to the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.model import Span

# Quote-mark styles: opening characters, closing characters. The straight marks are ambiguous and
# decided by their neighbours.
_OPENERS = {"“": "double", "„": "double", "«": "guillemet", "‘": "single", "‚": "single"}
_CLOSERS = {"”": "double", "»": "guillemet", "’": "single"}
_STRAIGHT = {'"': "double", "'": "single-straight"}
# A straight single quote is only a quotation mark in this narrow pattern; otherwise it is an
# apostrophe (don't, Clinton's, '90s, voters').
_OPEN_BEFORE = " \t([{—–-/\u00a0"
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quoted:
    """One quoted passage: ``marks`` spans the quote marks too, ``inner`` only what is inside.

    ``closed`` is False when the paragraph ended first; ``continues`` is True when, besides, the
    next paragraph opens with a quote mark (a multi-paragraph quotation).
    """

    marks: Span
    inner: Span
    closed: bool = True
    continues: bool = False


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, i: int, open_styles: list[str], width: int = 1) -> tuple[str, str] | None:
    """("open"|"close", style) for the mark at ``text[i]``, or None when it is no quote mark here.
    A doubled apostrophe (``''``, some wire styles' double quote; ``width`` 2) acts as ``"``."""
    ch = '"' if width == 2 else text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if ch in _OPENERS:
        if ch == "‘" and not (before in _OPEN_BEFORE or before in "\"“«\n" or not before.strip()):
            return None  # a mis-typed apostrophe inside a word
        return ("open", _OPENERS[ch])
    if ch == "’":
        # An apostrophe unless nothing word-like follows, and a single quote is open.
        if _is_word(after) or "single" not in open_styles:
            return None
        return ("close", "single")
    if ch in _CLOSERS:
        return ("close", _CLOSERS[ch])
    if ch == '"':
        # Straight double marks toggle; one followed by a space with nothing open is stray.
        if "double" in open_styles:
            return ("close", "double")
        return ("open", "double") if after.strip() else None
    if ch == "'":
        if (before in _OPEN_BEFORE or before in "\"“«" or not before.strip()) and _is_word(after):
            return ("open", "single-straight")
        if "single-straight" in open_styles and not _is_word(after) and before.strip():
            return ("close", "single-straight")
    return None


_ANY_MARK = re.compile("[\"'“”„«»‘’‚]")


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, int, int, bool]]:
    """Outermost quoted passages of ``text[start:end]`` as (open index, open width, close index or
    paragraph end, close width, closed)."""
    found: list[tuple[int, int, int, int, bool]] = []
    stack: list[tuple[str, int, int]] = []
    i = start
    while i < end:
        # Straight to the next mark: only marks change anything, and a paragraph has few.
        m = _ANY_MARK.search(text, i, end)
        if m is None:
            break
        i = m.start()
        width = 2 if text.startswith("''", i) else 1
        role = _role(text, i, [s for s, _, _ in stack], width)
        mark = '"' if width == 2 else text[i]
        if role is not None:
            kind, style = role
            if kind == "open":
                top = stack[-1] if stack else None
                if not (top and top[0] == style and _mark(text, top) == mark):
                    stack.append((style, i, width))  # the same mark cannot nest directly
            elif style in [s for s, _, _ in stack]:
                while stack and stack[-1][0] != style:
                    stack.pop()
                _, opened, opened_width = stack.pop()
                if not stack:
                    found.append((opened, opened_width, i, width, True))
        i += width
    if stack:
        found.append((stack[0][1], stack[0][2], end, 0, False))
    return found


def _mark(text: str, entry: tuple[str, int, int]) -> str:
    return '"' if entry[2] == 2 else text[entry[1]]


def quoted(text: str) -> list[Quoted]:
    """Every outermost quoted passage of ``text``, in order, each within one paragraph."""
    out: list[Quoted] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for n, (start, end) in enumerate(paragraphs):
        for opened, open_w, closed_at, close_w, closed in _paragraph_quotes(text, start, end):
            inner = _trim(text, opened + open_w, closed_at)
            if closed:
                out.append(Quoted((opened, closed_at + close_w), inner))
                continue
            nxt = text[paragraphs[n + 1][0] :].lstrip()[:1] if n + 1 < len(paragraphs) else ""
            out.append(Quoted((opened, closed_at), inner, closed=False, continues=bool(nxt) and nxt in "\"“„«‘'"))
    return [q for q in out if q.inner[1] > q.inner[0]]


def _trim(text: str, start: int, end: int) -> Span:
    """(start, end) narrowed past surrounding whitespace, and past a trailing comma (which stands
    in for the full stop when a cue follows: "That's absurd," he said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end)


def paragraph_of(text: str, offset: int) -> Span:
    """The paragraph (line) of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return (start, len(text) if end < 0 else end)
