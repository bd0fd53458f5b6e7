"""The outlet of an article, by name: from the dateline, the page's site name, the URL's domain,
or the file name, in that order.

"TRIBUNNEWS.COM -" → Tribunnews, "Jakarta, IDN Times -" → IDN Times, "Internationalmedia.co.id –"
→ Internationalmedia, "TVRINews –" → TVRI, "https://www.medcom.id/…" → Medcom.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

__all__ = ["outlet_name", "unique_names"]

_SITE_MARK = re.compile(r"\.(?:com|co\.id|id|net|org|tv|news)\b|news$|times$|tv$|\bpost$", re.IGNORECASE)
_DOMAIN_SUFFIX = re.compile(r"\.(?:co\.id|or\.id|go\.id|com|id|net|org|tv|news|info)$", re.IGNORECASE)
# Subdomains that say nothing about the outlet.
_SUBDOMAINS = frozenset({"www", "m", "amp", "news", "nasional", "internasional", "regional", "mobile"})


def _tidy(name: str) -> str:
    name = _DOMAIN_SUFFIX.sub("", name.strip(" -–—:|"))
    if re.fullmatch(r"[A-Z]{3,}News", name):
        name = name[:-4]  # "TVRINews": the broadcaster TVRI
    if name.isupper() and len(name) > 4:
        name = name.capitalize()  # "TRIBUNNEWS" → "Tribunnews"
    elif name.islower():
        name = name[:1].upper() + name[1:]
    return name


def _from_dateline(dateline: str) -> str | None:
    # "Jakarta, IDN Times": the place comes first; the outlet is the part with a site mark.
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    for part in reversed(parts):
        if _SITE_MARK.search(part) or (part.isupper() and len(part) > 4):
            return _tidy(part)
    return None


def _from_url(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    labels = [p for p in host.split(".") if p]
    while labels and labels[0] in _SUBDOMAINS:
        labels = labels[1:]
    if not labels:
        return None
    return _tidy(".".join(labels)).split(".")[0].capitalize() or None


def outlet_name(meta: dict[str, Any], source: str | None) -> str:
    """The outlet's name for display; never empty."""
    if meta.get("outlet"):
        return str(meta["outlet"])
    if meta.get("dateline"):
        found = _from_dateline(str(meta["dateline"]))
        if found:
            return found
    if meta.get("site"):
        return _tidy(str(meta["site"]))
    for url in (meta.get("url"), source):
        if url and str(url).startswith(("http://", "https://")):
            found = _from_url(str(url))
            if found:
                return found
    if source and source.startswith("<"):
        return source.strip("<>")  # "<pasted article 5>": "pasted article 5"
    if source:
        return PurePath(source).stem
    return "unknown outlet"


def unique_names(names: list[str]) -> list[str]:
    """Two articles of one outlet stay apart: "Kompas", "Kompas (2)"."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
