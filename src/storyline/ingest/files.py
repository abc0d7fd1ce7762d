"""Files and folders to articles: walk, read, decode, dispatch by extension or content."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import InputError
from storyline.model import Article

from .decode import is_html_page, sniffed_format, text_of
from .records import csv_items, jsonl_items

Item = Article | InputError

_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}


# A folder's own notes are not articles (they are read when named explicitly).
_FOLDER_NOTES = re.compile(r"^(?:README|LICEN[CS]E|CHANGELOG)(?:\.(?:md|txt|rst|markdown))?$", re.I)


def read(paths: Iterable[str | os.PathLike], *, max_bytes: int = 5_000_000) -> Iterator[Item]:
    """Articles from files and folders (walked recursively in sorted order, hidden entries
    skipped): an :class:`Article` per good input and an :class:`InputError` per bad one, so that
    one bad file never stops a batch. JSONL and CSV files give one item per line or row; their
    size cap applies per line, so a large collection in one file is fine."""
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    for path in paths:
        yield from _items(Path(path), max_bytes)


def _items(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as err:
        yield InputError(str(path), _os_reason(err))
        return
    if not exists:
        yield InputError(str(path), "no such file or directory")
    elif is_dir:
        yield from _folder_items(path, max_bytes)
    else:
        yield from _file_items(path, max_bytes)


def _folder_items(folder: Path, max_bytes: int) -> Iterator[Item]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        yield InputError(str(folder), _os_reason(err))
        return
    for entry in entries:
        if not entry.name.startswith(".") and not _FOLDER_NOTES.match(entry.name):
            yield from _items(entry, max_bytes)


def _file_items(path: Path, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield InputError(source, "not a regular file")
            return
        if size == 0:
            yield InputError(source, "empty file")
            return
        if fmt == "jsonl":
            yield from jsonl_items(path, max_bytes=max_bytes)
            return
        if fmt == "csv":
            yield from csv_items(path, max_bytes=max_bytes)
            return
        if size > max_bytes:
            yield InputError(source, f"file is {size:,} bytes, over the {max_bytes:,}-byte cap")
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputError(source, _os_reason(err))
        return
    try:
        yield _article(data, source, fmt)
    except InputError as err:
        yield err


def _article(data: bytes, source: str, fmt: str | None) -> Article:
    from . import article_from_html, article_from_text

    text = text_of(data, source)
    if not text.strip():
        raise InputError(source, "empty file")
    fmt = fmt or sniffed_format(text)
    if fmt == "text" and is_html_page(text):  # a saved page named .txt
        fmt = "html"
    if fmt == "html":
        return article_from_html(text, source=source)
    return article_from_text(text, source=source, fmt=fmt)


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read: {err.strerror or err}"
