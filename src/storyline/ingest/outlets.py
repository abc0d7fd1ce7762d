"""Outlet names from a URL's domain, a site name or a dateline's agency tag.

Known domains and agencies are in ``lexicons/outlets.json``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from storyline import lexicons

# Subdomains that say nothing about the outlet.
_NOISE_SUBDOMAINS = ("www.", "www2.", "m.", "mobile.", "amp.", "en.", "eng.", "edition.")


def domain(url: str | None) -> str | None:
    """The host of a URL without "www." and the like ("https://www.tass.com/x" → "tass.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _NOISE_SUBDOMAINS:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def known_outlet(host: str | None) -> str | None:
    """The lexicon's name for a domain or any domain it is a subdomain of, or None."""
    if not host:
        return None
    domains = lexicons.load("outlets")["domains"]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = domains.get(".".join(parts[i:]))
        if name:
            return name
    return None


def agency_name(tag: str | None) -> str | None:
    """The name of the agency in a dateline tag ("TASS" → "TASS", "AP" → "Associated Press");
    the tag itself when the lexicon does not know it."""
    if not tag:
        return None
    tag = tag.strip()
    return lexicons.load("outlets")["agencies"].get(tag.upper(), tag)


def outlet(
    *, url: str | None = None, sitename: str | None = None, agency: str | None = None
) -> str | None:
    """The outlet that published an article: a known URL domain, then the site's own name, then
    the dateline's agency where the domain is its own ("Coastal Wire" at coastalwire.example),
    then the bare domain, then the agency anyway (a wire story carried as is)."""
    host = domain(url)
    name = known_outlet(host) or (sitename or "").strip()
    if name:
        return name
    agency = agency_name(agency)
    if host and agency and _squashed(agency) in _squashed(host):
        return agency
    return host or agency


def _squashed(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())
