"""Comparing the numbers of a source sentence with those of its translation."""

from __future__ import annotations

import re

from .common import NumberSpan, code_key
from .english import english_values
from .indonesian import indonesian_numbers

__all__ = ["missing_numbers", "indonesian_format_copies", "currency_dropped"]

# Written the Indonesian way and misread in English: "5.000" (five, to an English reader) and
# "2,5" / "28,35" (a comma before one or two digits is never English grouping).
_INDONESIAN_FORMAT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d{1,2}")


# Any mention of money in English: a symbol, a code or a currency word.
_CURRENCY_EN = re.compile(r"[$£€¥]|\b(?:Rp|IDR|USD|GBP|EUR|JPY)|\b(?:rupiahs?|dollars?|pounds?|euros?|yen|"
                          r"sterling|cents?|yuan|ringgit|riyals?|rupees?)\b", re.IGNORECASE)
_CURRENCY_FIRST = re.compile(r"^(?:Rp|IDR|US\$|USD|\$|£|€)")


def currency_dropped(translation: str, spans: list[NumberSpan]) -> list[NumberSpan]:
    """Amounts of money the English gives without any currency ("27 million" for £ 27 juta).
    Only when the English names no currency at all: which amount is which is not read."""
    money = [s for s in spans if s.kind == "number" and _CURRENCY_FIRST.match(s.english)]
    return money if money and not _CURRENCY_EN.search(translation) else []


def missing_numbers(source: str, translation: str,
                    spans: list[NumberSpan] | None = None) -> list[NumberSpan]:
    """Source numbers (Indonesian conventions) that the English translation does not state."""
    english = english_values(translation)
    literal = code_key(translation)
    missing = []
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.code is not None:
            if span.code not in english.codes and span.code not in literal:
                missing.append(span)
            continue
        # "pukul 01.15" copied as "01.15" is still that time to a reader.
        if any(not (alternatives & english.values) for alternatives in span.required) and not (
                span.kind == "time" and _copied(span.text, translation)):
            missing.append(span)
    return missing


def _copied(written: str, translation: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(written)}(?![\w]|[.,]\d)", translation) is not None


def indonesian_format_copies(source: str, translation: str,
                             spans: list[NumberSpan] | None = None) -> list[NumberSpan]:
    """Source numbers the English copies in Indonesian format ("5.000" left as is, "1,5 hours"),
    which an English reader takes for another value (5, or a list "1, 5")."""
    found = []
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.kind != "number" or span.english == span.text:
            continue
        digits = _INDONESIAN_FORMAT.search(span.text)
        if digits is None or digits.group(0) in span.english:
            continue
        if _copied(digits.group(0), translation):
            found.append(span)
    return found
