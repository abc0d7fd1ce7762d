"""Plain text and Markdown to canonical article text.

The canonical text is the article's paragraphs separated by a blank line ("\\n\\n"), without its
title and without boilerplate: section labels, photo credits, "Related article: ..." lines, end
marks and the page's own URL. The title, a date line under it and the URL are returned apart.
Boilerplate words live in ``lexicons/boilerplate.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline import lexicons
from storyline.ingest.dates import date_line, dateline


@dataclass(frozen=True)
class Cleaned:
    """What cleaning a text article gives: its canonical text and what was lifted out of it."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO date of a standalone date line, if there was one
    outlet: str | None = None  # the outlet named in a masthead line under the title


@dataclass
class _Block:
    text: str
    heading: bool = False


@cache
def _boilerplate() -> dict[str, list[str]]:
    return lexicons.load("boilerplate")


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


# Markdown inline syntax. Links keep their text whatever their target ("[CNN](#)" → "CNN").
_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEF = re.compile(r"^\s*\[[^\]\n]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)(.+?)(?<=\S)__"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"`([^`\n]+)`"),
)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_URL_ONLY = re.compile(r"^<?((?:https?)://[^\s<>]+)>?$")
_CREDIT = re.compile(
    r"^[A-Z][\w.'’\-]*(?:\s+[A-Z&][\w.'’\-]*){0,4}"
    r"(?:\s*/\s*[A-Z][\w.'’\-]*(?:\s+[A-Z&][\w.'’\-]*){0,4})+$"
)


def _inline(line: str, markdown: bool) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    if markdown:
        for pattern in _EMPHASIS:
            line = pattern.sub(r"\1", line)
    return line


def _links_only(chunk: str) -> bool:
    # A row of links and nothing else ("[Timeline](#) · [Full report](#)") is navigation.
    rest = _LINK.sub("", chunk)
    return rest != chunk and not re.search(r"\w", _EMPHASIS[0].sub(r"\1", rest))


def _blocks(raw: str, markdown: bool) -> list[_Block]:
    """Paragraphs (runs of lines between blank lines), with Markdown syntax removed and hard-wrapped
    lines joined; list items keep their own lines."""
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", raw):
        lines = [ln.rstrip() for ln in chunk.split("\n") if ln.strip() and not _REF_DEF.match(ln)]
        if not lines or (len(lines) == 1 and _RULE.match(lines[0])) or _links_only(chunk):
            continue
        heading = False
        if len(lines) >= 2 and _SETEXT.match(lines[-1].strip()) and markdown:
            lines, heading = lines[:-1], True
        match = _HEADING.match(lines[0].strip())
        if match and len(lines) == 1:
            lines, heading = [match[1]], True
        joined = ""
        for ln in lines:
            ln = re.sub(r"^\s*>\s?", "", ln) if markdown else ln
            ln = _inline(ln.strip(), markdown)
            joined += ("\n" if joined and _LIST_ITEM.match(ln) else " " if joined else "") + ln
        text = re.sub(r"[ \t]+", " ", joined).strip()
        if text:
            blocks.append(_Block(text, heading))
    return blocks


def _lifted_url(blocks: list[_Block]) -> str | None:
    """The page's own URL, from an "Original url:" label or a URL alone at the end; the blocks
    that held it are removed."""
    for i, block in enumerate(blocks):
        folded = _folded(block.text)
        label = next((lb for lb in _folded_lexicon("url_labels") if folded.startswith(lb)), None)
        if label is None:
            continue
        rest = block.text[len(label) :].strip()
        found = _URL_ONLY.match(rest) if rest else None
        if found:
            del blocks[i]
            return found[1]
        if not rest and i + 1 < len(blocks) and _URL_ONLY.match(blocks[i + 1].text):
            url = _URL_ONLY.match(blocks[i + 1].text)[1]  # type: ignore[index]
            del blocks[i : i + 2]
            return url
    if blocks and len(blocks) > 1 and _URL_ONLY.match(blocks[-1].text):
        return _URL_ONLY.match(blocks.pop().text)[1]  # type: ignore[index]
    return None


@cache
def _folded_lexicon(name: str) -> tuple[str, ...]:
    return tuple(_folded(x) for x in _boilerplate()[name])


def _is_boilerplate(text: str) -> bool:
    folded = _folded(text)
    words = len(text.split())
    if folded.rstrip(".:!") in _folded_lexicon("drop_lines"):
        return True
    if folded in _folded_lexicon("end_marks"):
        return True
    if words <= 40 and folded.startswith(_folded_lexicon("drop_prefixes")):
        return True
    if words <= 15 and folded.startswith(_folded_lexicon("credit_prefixes")):
        return True
    return words <= 10 and bool(_CREDIT.match(text))


def _without_end_mark(text: str) -> str:
    # Symbol marks ("■") close an article or a paragraph; word marks ("END") only stand alone.
    for mark in _boilerplate()["end_marks"]:
        if not mark[0].isalnum() and text.endswith(mark):
            return text[: -len(mark)].rstrip()
    return text


_SEPARATOR = re.compile(r"\s+[·|•—–]\s+")
_NAME = re.compile(r"^[A-Z][\w’'&.\-]*(?:[\s,]+[\w’'&.\-]+){0,6}$")
_BYLINE = re.compile(r"^by\s+[A-Z]", re.I)


def _is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text)) and len(text.split()) <= 14 and not text.endswith(".")


def _masthead(text: str) -> tuple[str | None, str | None] | None:
    """(outlet, ISO date) of a masthead line such as "The Courier · Saturday, March 1, 2025 · By
    Ann Lee" or "The Ledger — Business"; None for any other paragraph."""
    parts = _SEPARATOR.split(text)
    if len(parts) < 2 or len(text.split()) > 24:
        return None
    date = name = None
    meta = False
    for i, part in enumerate(parts):
        if date_line(part):
            date, meta = date or date_line(part), True
        elif _is_byline(part) or _folded(part) in _folded_lexicon("section_labels"):
            meta = True
        elif _NAME.match(part):
            name = name or (part if i == 0 else None)
        else:
            return None
    return (name, date) if meta else None


def _looks_like_title(block: _Block, rest: list[_Block]) -> bool:
    if block.heading:
        return True
    text = block.text
    return (
        bool(rest)
        and "\n" not in text
        and len(text.split()) <= 30
        and not re.search(r"[.!:;,][\"”’')]*$", text)
        and dateline(text + "\n") is None
        and date_line(text) is None
    )


def clean(raw: str, fmt: str = "text", *, title: str | None = None) -> Cleaned:
    """The canonical text of a plain-text or Markdown article, with its title, URL and date line
    lifted out. A ``title`` already known is removed from the top instead of guessed."""
    raw = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = _blocks(raw, markdown=fmt == "markdown")
    url = _lifted_url(blocks)
    blocks = [b for b in blocks if not _is_boilerplate(b.text)]
    for b in blocks:
        b.text = _without_end_mark(b.text)
    # A paragraph of punctuation alone ("<<>>" from a broken page) is no text.
    blocks = [b for b in blocks if re.search(r"[^\W\d_]{2}", b.text)]
    labels = _folded_lexicon("section_labels")
    while len(blocks) > 1 and not blocks[0].heading and _folded(blocks[0].text) in labels:
        blocks.pop(0)
    if title is not None:
        if blocks and _folded(blocks[0].text) == _folded(title):
            blocks.pop(0)
    elif blocks and _looks_like_title(blocks[0], blocks[1:]):
        title = blocks.pop(0).text
    date = masthead = None
    # Date lines, mastheads and bylines under the title; a standfirst may come first.
    for block in blocks[:4]:
        line_date = date_line(block.text)
        found = (None, line_date) if line_date else _masthead(block.text)
        if found is not None:
            masthead, date = masthead or found[0], date or found[1]
            blocks.remove(block)
        elif _is_byline(block.text):
            blocks.remove(block)
    return Cleaned("\n\n".join(b.text for b in blocks), title or None, url, date, masthead)
