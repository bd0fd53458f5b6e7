"""Comparing the numbers of a source sentence with those of its translation."""

from __future__ import annotations

from .common import NumberSpan
from .english import english_values
from .indonesian import indonesian_numbers

__all__ = ["missing_numbers"]


def missing_numbers(source: str, translation: str,
                    spans: list[NumberSpan] | None = None) -> list[NumberSpan]:
    """Source numbers (Indonesian conventions) that the English translation does not state."""
    english = english_values(translation)
    missing = []
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.code is not None:
            if span.code not in english.codes and span.code not in translation.lower():
                missing.append(span)
            continue
        if any(not (alternatives & english.values) for alternatives in span.required):
            missing.append(span)
    return missing
