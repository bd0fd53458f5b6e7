"""The one clause splitter: where a long sentence may be cut without cutting a phrase.

Used by the translator (a sentence over the model's limit is translated in pieces) and by the
review step (a flagged sentence is retried clause by clause).
"""

from __future__ import annotations

import re

__all__ = ["CLAUSE_BREAK", "split_clauses", "clauses"]

# After a comma, semicolon or colon; around a spaced dash ("kata — kata", "kata - kata").
CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–-]\s)|(?<=[—–])\s+")
_MIN_CLAUSE_WORDS = 3


def split_clauses(text: str) -> list[str]:
    """Every clause of ``text``, however short (empty pieces dropped)."""
    return [part for part in CLAUSE_BREAK.split(text) if part]


def clauses(text: str, min_words: int = _MIN_CLAUSE_WORDS) -> list[str]:
    """A sentence cut at commas, semicolons and dashes into pieces of a few words at least."""
    pieces: list[str] = []
    for part in CLAUSE_BREAK.split(text):
        if pieces and len(part.split()) < min_words:
            pieces[-1] = f"{pieces[-1]} {part}"
        elif pieces and len(pieces[-1].split()) < min_words:
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return [p.strip() for p in pieces if p.strip()]
