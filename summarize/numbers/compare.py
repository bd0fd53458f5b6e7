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
    copies = _Copies(translation)
    missing = []
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.code is not None:
            if span.code not in english.codes and span.code not in literal:
                missing.append(span)
            continue
        # "pukul 01.15" copied as "01.15" is still that time to a reader.
        if any(not (alternatives & english.values) for alternatives in span.required) and not (
                span.kind == "time" and span.text in copies):
            missing.append(span)
    return missing


def _copied(written: str, translation: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(written)}(?![\w]|[.,]\d)", translation) is not None


# A number of digits with single separators ("5.000", "1,5"), between the boundaries _copied
# asks for.  Where such a number is copied, this pattern matches it exactly (no two copies can
# overlap: a copy never follows a digit or a separator), so one scan of the English answers
# _copied for every number of the source.
_NUMBER_SHAPE = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_TOKEN = re.compile(r"(?=\d)(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)")


class _Copies:
    """``written in copies``: whether the English copies ``written`` as it is (``_copied``).

    Asked for each number of a source: one search of the English per number would make a
    text with thousands of numbers quadratic.
    """

    def __init__(self, translation: str) -> None:
        self.translation = translation
        self._tokens: set[str] | None = None
        self._other: dict[str, bool] = {}

    def __contains__(self, written: str) -> bool:
        if _NUMBER_SHAPE.fullmatch(written):
            if self._tokens is None:
                self._tokens = {m.group(0) for m in _NUMBER_TOKEN.finditer(self.translation)}
            return written in self._tokens
        if written not in self._other:  # "10:30": read as _copied does
            self._other[written] = _copied(written, self.translation)
        return self._other[written]


def indonesian_format_copies(source: str, translation: str,
                             spans: list[NumberSpan] | None = None) -> list[NumberSpan]:
    """Source numbers the English copies in Indonesian format ("5.000" left as is, "1,5 hours"),
    which an English reader takes for another value (5, or a list "1, 5")."""
    found = []
    copies = _Copies(translation)
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.kind != "number" or span.english == span.text:
            continue
        digits = _INDONESIAN_FORMAT.search(span.text)
        if digits is None or digits.group(0) in span.english:
            continue
        if digits.group(0) in copies:
            found.append(span)
    return found
