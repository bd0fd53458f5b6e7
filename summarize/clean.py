"""Turn the lines of a pasted article into title, body paragraphs, metadata and removed lines.

This is the seam where boilerplate removal plugs in: it receives the article's non-empty lines
in order and returns what the pipeline should translate plus everything it dropped.  For now it
only finds the headline; the body is kept end to end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Cleaned", "clean_lines", "looks_like_headline"]

_MAX_HEADLINE_CHARS = 200
_MAX_HEADLINE_WORDS = 30
# A dateline ("TRIBUNNEWS.COM - ...", "Jakarta, IDN Times - ...") opens the body, not a title.
_DATELINE = re.compile(r"^[\w .,()]{2,40}\s[-–—]\s|^[A-Z]\w+:\s")


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def looks_like_headline(line: str) -> bool:
    """A headline is short, has no sentence-final period and is not a dateline-led lead."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADLINE_CHARS or len(text.split()) > _MAX_HEADLINE_WORDS:
        return False
    if text.endswith((".", ",", ";")) or _DATELINE.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3


def clean_lines(lines: list[str]) -> Cleaned:
    """Split the article into title and body; a headline is only taken when a body follows."""
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) >= 2 and looks_like_headline(lines[0]):
        return Cleaned(title=lines[0], paragraphs=lines[1:])
    return Cleaned(title=None, paragraphs=lines)
