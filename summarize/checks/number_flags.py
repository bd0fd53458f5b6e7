"""The number check: every quantity of the source, as an English reader will read it.

A number is wrong for the reader when it is missing, has another value, lost or changed its
unit ("4,800 miles" for 4.800 km, "2.2 million kilometres" for 2,2 juta km²), moved to another
part of the day ("11:29 p.m." for pukul 11.29), swapped day and month ("April 11" for 4/11),
or is still written the Indonesian way ("5.000", "1,5 hours").  Numbers written as words
("empat tahun"), ordinals ("keempat") and fractions ("sepertiga") count too; a source "satu"
(one) is left out, because English says "a" as often as "one".

Measured with ``bench/eval_qa.py`` against sentence-by-sentence judgements of opus-mt and NLLB
output (FLORES dev).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import (
    NumberSpan,
    currency_dropped,
    indonesian_format_copies,
    indonesian_numbers,
    missing_numbers,
    swapped_dates,
    time_of_day_mismatches,
    unit_findings,
    unsure_clock,
    with_number_words,
)

__all__ = ["NumberFindings", "number_findings", "number_details", "source_numbers"]


def source_numbers(source: str) -> list[NumberSpan]:
    """The numbers of a source sentence the English must carry: digits, words, ordinals."""
    digits = indonesian_numbers(source)
    spans = with_number_words(source, digits, ordinals=True)  # the digits are read once
    ids = {id(s) for s in digits}  # the same objects: no hashing of thousands of spans
    return [s for s in spans if id(s) in ids or _word_is_a_number(source, s)]


# Hand-written: number words that are not counts.  "pedagang kaki lima" is a street vendor,
# "tiga kali lipat" is threefold (read), "Kepulauan Seribu" is a name.
_IDIOM = re.compile(r"\bkaki", re.IGNORECASE)  # the word before the number, then a space
_NOUN_AFTER = re.compile(r"\s+(?!(?:dan|di|ke|dari|yang|untuk|dengan|pada|dalam|atau|adalah|ini|itu|"
                         r"kali|kalinya|tersebut|setelah|sebelum|sejak)\b)[a-z]{3,}")
_SENTENCE_OPENERS = '.!?:"“('


def _text_end(source: str, start: int) -> int:
    """Where the text before ``start`` ends once the spaces before ``start`` are left out.

    The checks below look only at what precedes a number word; finding it by stepping back over
    the spaces (not by slicing and searching everything before the word) keeps a text with
    thousands of number words linear.
    """
    end = start
    while end > 0 and source[end - 1].isspace():
        end -= 1
    return end


def _word_is_a_number(source: str, span: NumberSpan) -> bool:
    if span.value_max is not None:
        return False  # "belasan": a dozen or so, which English says many ways ("dozens of")
    if {w.lower() for w in span.text.split()} == {"satu"}:
        return False  # "satu" (one) is "a" or "an" in English as often as "one"
    if span.kind == "ordinal":
        # Before its noun "kedua"/"kelima" is collective ("kedua negara": both countries,
        # "kelima paus": the five whales), which English often leaves to "they" or "the".
        # After it, it is an ordinal, names included ("Armada Ketujuh": the Seventh Fleet).
        return not (span.text[:2].lower() == "ke" and _NOUN_AFTER.match(source, span.end))
    end = _text_end(source, span.start)
    if span.text[:1].isupper() and end > 0 and source[end - 1] not in _SENTENCE_OPENERS:
        return False  # capitalised inside a sentence: part of a name ("Pulau Seribu")
    return not (end < span.start and _IDIOM.fullmatch(source, max(0, end - 4), end))


@dataclass(frozen=True)
class NumberFindings:
    """What the number check found: one phrase per kind of problem, and what may read either
    way (said as a note, not counted as a problem)."""

    details: list[str]
    notes: list[str]


def number_findings(source: str, translation: str) -> NumberFindings:
    spans = source_numbers(source)
    if not spans:
        return NumberFindings([], [])
    converted, wrong_unit = unit_findings(source, translation, spans)
    missing = [s for s in missing_numbers(source, translation, spans) if s not in converted]
    details = []
    if missing:
        details.append("missing: " + ", ".join(s.describe() for s in missing))
    if wrong_unit:
        details.append("unit changed: " + ", ".join(m.describe() for m in wrong_unit))
    clock = time_of_day_mismatches(source, translation, spans)
    if clock:
        details.append("time of day changed: " + ", ".join(m.describe() for m in clock))
    swapped = swapped_dates(translation, spans)
    if swapped:
        details.append("day and month swapped: " + ", ".join(m.describe() for m in swapped))
    missing_set = set(missing)  # membership in a list of thousands of spans is quadratic
    money = [s for s in currency_dropped(translation, spans) if s not in missing_set]
    if money:
        details.append("currency missing: " + ", ".join(s.describe() for s in money))
    copies = [s for s in indonesian_format_copies(source, translation, spans) if s not in missing_set]
    if copies:
        details.append("written the Indonesian way (an English reader reads another number): "
                       + ", ".join(s.describe() for s in copies))
    unsure = unsure_clock(source, translation, spans)
    notes = ["may read another way: " + ", ".join(m.describe() for m in unsure)] if unsure else []
    return NumberFindings(details, notes)


def number_details(source: str, translation: str) -> list[str]:
    """What is wrong with the numbers of one sentence pair, one phrase per kind of problem."""
    return number_findings(source, translation).details
