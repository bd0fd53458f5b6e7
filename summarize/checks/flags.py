"""Per-sentence translation checks: what a reader must not trust without looking at the source.

``check(source, translation)`` returns flag codes; ``check_details`` says what each one found.
The checks read only the Indonesian source and the English output, so they audit any system
(``summarize check SRC TRANSLATION``), not just ours.

What each flag means and how often it is right: ``bench/eval_qa.py`` measures them against a
bilingual annotator's judgement of every FLORES dev line of opus-mt and NLLB output.

* ``possible_omission`` (``coverage.py``): the English is far too short for its source, or one
  source sentence has no English (its length explains the English length better than the
  whole source does, and none of its numbers, names or shared words is in the English).
  Thresholds come from the 1,953 mt-news reference pairs, none from FLORES.
* ``number_mismatch`` (``number_flags.py``): a number of the source (digits read the Indonesian
  way, number words, ordinals, fractions) is missing or different in the English, or came out
  with a unit of another size ("4,800 miles" for 4.800 km), another part of the day ("11:29
  p.m." for pukul 11.29), day and month swapped, no currency, or still in Indonesian format
  ("5.000").  A quantity stated in another unit of the same size ("a mile" for 1,6 km) is fine.
  What may read either way (a bare "pukul 8" given as "8 p.m.", a date written month-first) is
  the note ``number_note``, not a flag.
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

from ..terms import GlossaryEntry, Terms, TermsSource, load_glossary
from ..text import FUNCTION_WORDS_EN, NOT_ENGLISH_ID
from .coverage import omission_coverage, omission_detail, sentence_count
from .number_flags import number_findings

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
    "number_note": "a time or date that readers may take either way: worth a look",
}
_SEVERITY = {"number_mismatch": 3, "glossary_miss": 3, "possible_omission": 2, "untranslated": 2,
             "repetition": 2}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<!\w)'[^']*'(?!\w)|\([^()]*\)")



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
    """How bad a set of flags is (the retry keeps the candidate with the lowest); notes weigh
    nothing."""
    return sum(0 if f in NOTES else _SEVERITY.get(f, 1) for f in flags)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _numbers_and_omission(source: str, translation: str, notes: bool) -> list[Issue]:
    findings = number_findings(source, translation)
    issues = [Issue("number_mismatch", "; ".join(findings.details))] if findings.details else []
    if notes and findings.notes:
        issues.append(Issue("number_note", "; ".join(findings.notes)))
    omission = omission_detail(source, translation)
    if omission:
        issues.append(Issue("possible_omission", omission))
    return issues


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
    # English the source itself quotes ("the show must go on") or puts in brackets comes
    # through as it is: it is no sign that the model copied the Indonesian.
    plain = [w.lower() for w in words if w[:1].islower() and not w.isdigit()
             and w.lower() not in FUNCTION_WORDS_EN]
    source_words = {w.lower() for w in _words(_QUOTED.sub(" ", source))}
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


def check_details(source: str, translation: str, *, glossary: GlossaryLike = None,
                  notes: bool = False) -> list[Issue]:
    """Every QA finding for one source sentence and its English translation; ``notes=True``
    adds the softer notes (``NOTES``) that point at something worth a look."""
    issues = _numbers_and_omission(source, translation, notes)
    for flag, finder in (("repetition", _repetition),
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
