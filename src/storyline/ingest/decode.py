"""Bytes to text: UTF-8 first, else the encoding charset-normalizer detects; binary is refused."""

from __future__ import annotations

import re
import unicodedata

from storyline.errors import InputError

BINARY = "binary file, not text"

# Legacy encodings of English news are overwhelmingly Windows-1252; charset-normalizer often ties
# it with cp1250/cp1257 on short texts, so a tie goes to cp1252.
_PREFERRED = "cp1252"
_TIE = 0.01


def text_of(data: bytes, source: str) -> str:
    """``data`` decoded as text, or :class:`InputError` when it is binary or undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Notepad)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(source, BINARY) from err
    if b"\x00" in data:
        raise InputError(source, BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected(data, source)
    if _looks_binary(text):
        raise InputError(source, BINARY)
    return text


def encoding_of(sample: bytes) -> str:
    """The encoding of a sample of a file: "utf-8" where it decodes so (a multi-byte character cut
    at the sample's end is forgiven), else the detected one, else "cp1252"."""
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(sample) - 3:
            return "utf-8-sig"
    return _detected_encoding(sample) or _PREFERRED


def _detected(data: bytes, source: str) -> str:
    encoding = _detected_encoding(data)
    if encoding is None:
        raise InputError(source, BINARY)
    return data.decode(encoding, errors="replace")


def _detected_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        close = match.chaos <= best.chaos + _TIE and match.coherence >= best.coherence - _TIE
        if close and _PREFERRED in match.could_be_from_charset:
            return _PREFERRED
    return best.encoding


def _looks_binary(text: str) -> bool:
    # Control characters other than whitespace are rare in text and common in decoded binaries.
    sample = text[:20_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    return controls > max(2, len(sample) // 100)


_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"<(?:p|div|article|span|a\s+href|h[1-6]|br|meta|title|script)\b[^>]*>", re.I
)


def is_html_page(text: str) -> bool:
    """Whether ``text`` starts like an HTML page (a doctype, or an html, head or body tag)."""
    return bool(_HTML_START.match(text[:4096]))


def sniffed_format(text: str) -> str:
    """"html" for a text that is an HTML page, "markdown" for one with Markdown headings or links,
    else "text"."""
    head = text[:4096]
    if is_html_page(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if re.search(r"(?m)^#{1,6} \S", head) or re.search(r"\[[^\]\n]+\]\([^)\s]+\)", head):
        return "markdown"
    return "text"
