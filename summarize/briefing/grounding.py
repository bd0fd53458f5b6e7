"""The extractive brief and grounding: every bullet carries the ids of its source sentences.

An abstractive bullet is only kept when it is grounded in the translation and its numbers and
names occur there; the model must not invent figures.
"""

from __future__ import annotations

import re

from ..document import Bullet, Document, Sentence, sentence_id
from ..numbers import english_number_mentions, english_values
from .extractive import rank_sentences

__all__ = ["key_sentences", "key_sentence_ids", "extractive_bullets", "ground", "unsupported_details"]


_WORD = re.compile(r"\w+", re.UNICODE)


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’-]{2,}")


# Overlap below this is chance agreement on function words, not a source.
_MIN_GROUNDING = 0.3


_MAX_SOURCES = 3


def key_sentence_ids(doc: Document, n: int = 3) -> list[str]:
    """Ids of the ``n`` key sentences of the document, in document order."""
    picks = rank_sentences(doc.paragraphs, title=doc.title, n=n)
    return [sentence_id(i, j) for i, j in picks]


def key_sentences(doc: Document, n: int = 3) -> list[str]:
    """The ``n`` key source sentences, in document order (extractive brief before translation)."""
    picks = rank_sentences(doc.paragraphs, title=doc.title, n=n)
    return [doc.paragraphs[i][j] for i, j in picks]


def extractive_bullets(doc: Document, translated: dict[str, Sentence], n: int) -> list[Bullet]:
    """Bullets are the translations of the key sentences, each grounded in exactly its source."""
    bullets = []
    for sid in key_sentence_ids(doc, n):
        sentence = translated[sid]
        text = sentence.translation.strip() or sentence.source
        bullets.append(Bullet(text=text, sources=[sid]))
    return bullets


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2 or w.isdigit()}


def ground(text: str, sentences: list[Sentence]) -> list[str]:
    """Ids of the sentences a bullet overlaps most (share of the bullet's words found there)."""
    words = _tokens(text)
    if not words:
        return []
    scored = []
    for s in sentences:
        overlap = len(words & _tokens(s.translation)) / len(words)
        if overlap >= _MIN_GROUNDING:
            scored.append((overlap, s.id))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    best = scored[0][0]
    return [sid for score, sid in scored[:_MAX_SOURCES] if score >= 0.6 * best]


def unsupported_details(text: str, reference: str) -> list[str]:
    """Numbers and capitalised names in ``text`` that do not occur in ``reference``.

    Numbers are compared by value with the one English number reader, so "5.000" (Indonesian
    grouping copied through) matches "5,000" and "two million" matches "2,000,000".
    """
    ref_values = english_values(reference).values
    ref_lower = reference.lower()
    missing = [written for written, values in english_number_mentions(text) if not values & ref_values]
    missing += [name for name in _NAME.findall(text) if name.lower() not in ref_lower]
    return missing
