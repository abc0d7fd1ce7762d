"""JSONL and CSV records to articles. Record text is taken exactly as given (no cleaning), so that
offsets a user computed on it stay valid."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.model import Article, content_id

from . import dates
from .assemble import dated_article
from .decode import encoding_of

log = logging.getLogger(__name__)

Item = Article | InputError


def _field(rec: dict[str, Any], name: str) -> str | None:
    value = rec.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def article_from_record(rec: dict, *, source: str, fmt: str = "jsonl") -> Article:
    """An article from a record ``{"id", "text", "published"?, "outlet"?, "title"?, "url"?}``.

    The text is used exactly as given. A record without an id gets one derived from its text (and
    a log line says so). A given date is normalised to ISO (``date_source="given"``); without one
    the date is read or inferred from the URL and text like any other article's. Raises
    :class:`InputError` for a record without text.
    """
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = 'record has no "text"' if text is None else '"text" is empty or not a string'
        raise InputError(source, reason)
    rec_id = _field(rec, "id")
    if rec_id is None:
        rec_id = content_id(text)
        log.info("%s: record has no id; using %s, derived from its text", source, rec_id)
    url = _field(rec, "url")
    given = _field(rec, "published")
    if given and dates.iso_date(given) is None:
        log.warning("%s: cannot read the date %r; inferring one from the text", source, given)
    return dated_article(
        rec_id, text, fmt=fmt, source=source, title=_field(rec, "title"), url=url,
        outlet=_field(rec, "outlet"), given=given,
    )

def _item(rec: Any, source: str, fmt: str) -> Item:
    if not isinstance(rec, dict):
        return InputError(source, f"{fmt.upper()} record is not an object")
    try:
        return article_from_record(rec, source=source, fmt=fmt)
    except InputError as err:
        return err


def jsonl_items(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """One article or error per non-blank line of a JSONL file; the size cap is per line."""
    seen = False
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            seen = True
            where = f"{path}:{number}"
            if len(raw) > max_bytes:
                reason = f"line is {len(raw):,} bytes, over the {max_bytes:,}-byte cap"
                yield InputError(where, reason)
                continue
            try:
                rec = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield InputError(where, "line is not UTF-8, as JSON must be")
                continue
            except json.JSONDecodeError as err:
                yield InputError(where, f"invalid JSON: {err.msg} at column {err.colno}")
                continue
            yield _item(rec, where, "jsonl")
    if not seen:
        yield InputError(str(path), "no records in file")


def csv_items(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """One article or error per row of a CSV file with a header naming a "text" column."""
    with path.open("rb") as fh:
        encoding = encoding_of(fh.read(65_536))
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            header = reader.fieldnames
        except csv.Error as err:
            yield InputError(str(path), f"invalid CSV header: {err}")
            return
        if not header or "text" not in [h.strip().lower() for h in header]:
            yield InputError(str(path), 'CSV has no "text" column')
            return
        seen = False
        line = reader.line_num + 1
        while True:
            where = f"{path}:{line}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                yield InputError(where, f"invalid CSV row: {err}")
                break
            seen = True
            line = reader.line_num + 1
            rec = {(k or "").strip().lower(): v for k, v in row.items()}
            yield _item(rec, where, "csv")
    if not seen:
        yield InputError(str(path), "no records in file")
