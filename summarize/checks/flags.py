"""Per-sentence translation checks: what a reader must not trust without looking at the source.

``check(source, translation)`` returns flag codes; ``check_details`` says what each one found.
The checks read only the Indonesian source and the English output, so they audit any system
(``summarize check SRC TRANSLATION``), not just ours.

Calibration (see ``bench/eval_qa.py`` for the measured precision and recall):

* ``possible_omission``: an English translation of Indonesian news is about 0.94 times as long
  as its source in characters (median over the 1,953 mt-news reference pairs).  A translation
  shorter than the 1st percentile of that ratio (0.54 of the median) is flagged; so is one
  below the 2nd percentile (0.63) that also has fewer sentences than its source, because a
  dropped sentence is the commonest omission of opus-mt and NLLB.  No threshold was fitted
  on the FLORES lines the evaluation uses.
* ``number_mismatch``: every number of the source, read the Indonesian way (5.000, 2,5,
  "10 ribu", 4/11/2025, pukul 20.00), must be stated in the English, in digits or in words,
  or as the same quantity in another unit ("a mile" for 1,6 km); the same digits with a unit
  of another size ("4,800 miles" for 4.800 km) are a mismatch (``summarize.units``).
* ``repetition``: the same phrase looping (three times for one or two words, twice for longer
  phrases, or a long phrase recurring three times) when the source does not repeat itself.
* ``untranslated``: Indonesian function words, or the source copied through.
* ``glossary_miss``: a glossary term of the source whose required English is absent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Union

from ..numbers import indonesian_numbers, missing_numbers, stated_in_other_units, unit_mismatches
from ..terms import GlossaryEntry, Terms, TermsSource, load_glossary
from ..text import NOT_ENGLISH_ID

__all__ = ["FLAGS", "NOTES", "Issue", "check", "check_details", "explain", "severity", "omission_coverage", "sentence_count"]

FLAGS: dict[str, str] = {
    "number_mismatch": "a number of the source is missing or different in the English",
    "possible_omission": "the English looks too short for its source: part of it may be missing",
    "repetition": "the English repeats itself (the model looped)",
    "untranslated": "Indonesian was left in the English",
    "glossary_miss": "a glossary term was not translated with the required English",
}
# Notes that are not errors: shown with the text, never counted as a problem.
NOTES: dict[str, str] = {
    "source_english": "already English in the original: copied, not translated",
}
_SEVERITY = {"number_mismatch": 3, "glossary_miss": 3, "possible_omission": 2, "untranslated": 2,
             "repetition": 2}

# English/Indonesian character-length ratio of news references (median over mt-news) and the
# 1st and 2nd percentiles of a translation's length relative to it.
EN_ID_CHAR_RATIO = 0.9375
OMISSION_COVERAGE = 0.54
OMISSION_COVERAGE_SENTENCE_DROPPED = 0.63
_MIN_SOURCE_WORDS = 4

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)



@dataclass(frozen=True)
class Issue:
    """One finding: the flag code and what exactly was found."""

    flag: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"flag": self.flag, "detail": self.detail}


def explain(flag: str) -> str:
    return FLAGS.get(flag) or NOTES.get(flag) or flag.replace("_", " ")


def severity(flags: list[str]) -> int:
    """How bad a set of flags is (the retry keeps the candidate with the lowest)."""
    return sum(_SEVERITY.get(f, 1) for f in flags)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    return len([s for s in _SENTENCE_BREAK.split(text.strip()) if len(s.split()) >= 2])


def _chars(text: str) -> int:
    return len(re.sub(r"\s+", " ", text).strip())


def omission_coverage(source: str, translation: str) -> float:
    """Length of the translation relative to what a typical English rendering would have."""
    expected = EN_ID_CHAR_RATIO * _chars(source)
    return _chars(translation) / expected if expected else 1.0


def _numbers(source: str, translation: str) -> list[Issue]:
    """Source numbers the English lacks, and quantities whose unit changed size (km → miles).

    A number stated in another unit ("a mile" for 1,6 km) is not missing.
    """
    spans = indonesian_numbers(source)
    converted = stated_in_other_units(source, translation, spans)
    missing = [s for s in missing_numbers(source, translation, spans) if s not in converted]
    wrong_unit = unit_mismatches(source, translation, spans)
    details = []
    if missing:
        details.append("missing: " + ", ".join(s.describe() for s in missing))
    if wrong_unit:
        details.append("unit changed: " + ", ".join(m.describe() for m in wrong_unit))
    return [Issue("number_mismatch", "; ".join(details))] if details else []


def _omission(source: str, translation: str) -> str | None:
    if not _words(source):
        return None
    if not translation.strip():
        return "the translation is empty"
    if len(source.split()) < _MIN_SOURCE_WORDS:
        return None
    coverage = omission_coverage(source, translation)
    if coverage < OMISSION_COVERAGE:
        return f"the English is {coverage:.0%} of the expected length"
    dropped = sentence_count(source) - sentence_count(translation)
    if dropped > 0 and coverage < OMISSION_COVERAGE_SENTENCE_DROPPED:
        return (f"{dropped} sentence(s) fewer than the source and {coverage:.0%} of the "
                "expected length")
    return None


def _max_count(tokens: list[str], n: int) -> int:
    grams = Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return max(grams.values(), default=0)


def _consecutive_loop(tokens: list[str]) -> tuple[str, int] | None:
    """A phrase repeated back to back: three times for one or two words, twice for longer."""
    for n in range(1, 9):
        needed = 3 if n <= 2 else 2
        for i in range(0, len(tokens) - n * needed + 1):
            phrase = tokens[i:i + n]
            if n == 1 and not phrase[0].isalpha():
                continue
            repeats = 1
            while tokens[i + repeats * n: i + (repeats + 1) * n] == phrase:
                repeats += 1
            if repeats >= needed:
                return " ".join(phrase), repeats
    return None


def _repetition(source: str, translation: str) -> str | None:
    out = [w.lower() for w in _words(translation)]
    src = [w.lower() for w in _words(source)]
    found = _consecutive_loop(out)
    if found is not None and _consecutive_loop(src) is None:  # "bye bye bye" may be meant
        return f"“{found[0]}” {found[1]} times in a row"
    # A long phrase recurring: flagged only well beyond what the source repeats itself.
    source_repeats = max(1, _max_count(src, 2))
    for n in range(8, 3, -1):
        grams = Counter(tuple(out[i:i + n]) for i in range(len(out) - n + 1))
        if grams:
            phrase, count = grams.most_common(1)[0]
            if count >= 3 and count > 2 * source_repeats:
                return f"“{' '.join(phrase)}” {count} times"
    return None


def _untranslated(source: str, translation: str) -> str | None:
    words = _words(translation)
    if not words:
        return None
    indonesian = [w for w in words if w in NOT_ENGLISH_ID]  # lower case only: "Dan" is a name
    if len(set(indonesian)) >= 2 and len(indonesian) >= 0.1 * len(words):
        return "Indonesian words: " + ", ".join(dict.fromkeys(indonesian))
    plain = [w.lower() for w in words if w[:1].islower() and not w.isdigit()]
    source_words = {w.lower() for w in _words(source)}
    if len(plain) >= 4:
        copied = [w for w in plain if w in source_words]
        if len(copied) >= 0.6 * len(plain):
            return "the source was copied through"
    return None


def _glossary(source: str, translation: str, glossary: Terms | list[GlossaryEntry]) -> str | None:
    terms = glossary if isinstance(glossary, Terms) else Terms(abbreviations={}, glossary=glossary)
    misses = terms.glossary_misses(source, translation)
    if not misses:
        return None
    return "; ".join(f"{e.source} → {e.target}" for e in misses)


GlossaryLike = Union[Terms, list[GlossaryEntry], TermsSource]


def check_details(source: str, translation: str, *, glossary: GlossaryLike = None) -> list[Issue]:
    """Every QA finding for one source sentence and its English translation."""
    issues: list[Issue] = []
    issues.extend(_numbers(source, translation))
    for flag, finder in (("possible_omission", _omission), ("repetition", _repetition),
                         ("untranslated", _untranslated)):
        detail = finder(source, translation)
        if detail:
            issues.append(Issue(flag, detail))
    if glossary is not None:
        if not isinstance(glossary, (Terms, list)):
            glossary = load_glossary(glossary)[0]
        detail = _glossary(source, translation, glossary)
        if detail:
            issues.append(Issue("glossary_miss", detail))
    return issues


def check(source: str, translation: str, *, glossary: GlossaryLike = None) -> list[str]:
    """Flag codes for one sentence pair: number_mismatch, possible_omission, repetition,
    untranslated, glossary_miss (in that order; empty when nothing was found)."""
    return [issue.flag for issue in check_details(source, translation, glossary=glossary)]
