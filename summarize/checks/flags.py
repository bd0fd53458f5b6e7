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

One note needs the translation model and is asked for (``Pipeline(model_check=True)``,
``--model-check``): ``omission_note``, a clause or aside of the source the model finds the
English as likely without (``contrastive.py``).
"""

from __future__ import annotations

import operator
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
    "omission_note": "the translation model finds the English as likely without part of the "
                     "source: that part may be missing (worth a look)",
}
_SEVERITY = {"number_mismatch": 3, "glossary_miss": 3, "possible_omission": 2, "untranslated": 2,
             "repetition": 2}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_OPENING = re.compile(r"[“\"‘'(]")
_BRACKET = re.compile(r"[()]")
_CLOSING = {"“": "”", '"': '"', "‘": "’"}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def _without_quoted(text: str) -> str:
    r"""The text with each quotation or bracket replaced by a space, read left to right: “…”,
    "…", ‘…’, '…' (not after a letter, and not closed before one: an apostrophe) and (…) with
    no bracket inside.

    It was the regex ``“[^”]*”|"[^"]*"|‘[^’]*’|(?<!\w)'[^']*'(?!\w)|\([^()]*\)`` (same
    result), which retries at every opening mark and runs to the end of the text when no closing
    mark follows: a paste that opens every quote with “ took quadratic time.  Here an opening
    mark whose closing mark occurs nowhere after it fails at once, and every other search stops
    at the next mark of its kind.
    """
    last = {opening: text.rfind(closing) for opening, closing in _CLOSING.items()}
    out: list[str] = []
    keep = pos = 0
    while (m := _OPENING.search(text, pos)) is not None:
        start, mark = m.start(), m.group()
        end = -1
        if mark in _CLOSING:
            if last[mark] > start:
                end = text.find(_CLOSING[mark], start + 1) + 1
        elif mark == "'":
            if not (start and _is_word(text[start - 1])):
                close = text.find("'", start + 1)
                if close != -1 and not (close + 1 < len(text) and _is_word(text[close + 1])):
                    end = close + 1
        else:  # "("
            bracket = _BRACKET.search(text, start + 1)
            if bracket is not None and bracket.group() == ")":
                end = bracket.end()
        if end > 0:
            out += [text[keep:start], " "]
            keep = pos = end
        else:
            pos = start + 1
    out.append(text[keep:])
    return "".join(out)



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


def _grams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def _max_count(tokens: list[str], n: int) -> int:
    return max(_grams(tokens, n).values(), default=0)


def _consecutive_loop(tokens: list[str]) -> tuple[str, int] | None:
    """A phrase repeated back to back: three times for one or two words, twice for longer.

    For each phrase length n, ``same[j]`` says whether word j equals word j + n; a phrase at i
    repeats ``needed`` times when ``same`` holds from i for n * (needed - 1) words in a row,
    found by a byte search instead of comparing slices at every position.
    """
    for n in range(1, 9):
        needed = 3 if n <= 2 else 2
        same = bytes(map(operator.eq, tokens, tokens[n:]))
        run = b"\x01" * (n * (needed - 1))
        i = same.find(run)
        while i != -1 and n == 1 and not tokens[i].isalpha():
            i = same.find(run, i + 1)
        if i != -1:
            phrase = tokens[i:i + n]
            repeats = 1
            while tokens[i + repeats * n: i + (repeats + 1) * n] == phrase:
                repeats += 1
            return " ".join(phrase), repeats
    return None


def _repetition(source: str, translation: str, words: list[str]) -> str | None:
    """``words``: the translation's words (read once for both checks that need them)."""
    out = [w.lower() for w in words]
    found = _consecutive_loop(out)
    # A long phrase recurring: flagged only well beyond what the source repeats itself.  No
    # phrase of more than four words recurs more often than the most frequent four words, so
    # when those fall short nothing longer is counted.
    shortest = _max_count(out, 4)
    if found is None and shortest < 3:
        return None  # the source's words are read only when the English repeats itself
    src = [w.lower() for w in _words(source)]
    if found is not None and _consecutive_loop(src) is None:  # "bye bye bye" may be meant
        return f"“{found[0]}” {found[1]} times in a row"
    if shortest < 3:
        return None
    source_repeats = max(1, _max_count(src, 2))
    if shortest <= 2 * source_repeats:
        return None
    for n in range(8, 3, -1):
        grams = _grams(out, n)
        if grams:
            phrase, count = grams.most_common(1)[0]
            if count >= 3 and count > 2 * source_repeats:
                return f"“{' '.join(phrase)}” {count} times"
    return None


def _untranslated(source: str, translation: str, words: list[str]) -> str | None:
    if not words:
        return None
    indonesian = [w for w in words if w in NOT_ENGLISH_ID]  # lower case only: "Dan" is a name
    if len(set(indonesian)) >= 2 and len(indonesian) >= 0.1 * len(words):
        return "Indonesian words: " + ", ".join(dict.fromkeys(indonesian))
    # English the source itself quotes ("the show must go on") or puts in brackets comes
    # through as it is: it is no sign that the model copied the Indonesian.
    plain = [w.lower() for w in words if w[:1].islower() and not w.isdigit()
             and w.lower() not in FUNCTION_WORDS_EN]
    if len(plain) >= 4:
        source_words = {w.lower() for w in _words(_without_quoted(source))}
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
    words = _words(translation)
    for flag, finder in (("repetition", _repetition),
                         ("untranslated", _untranslated)):
        detail = finder(source, translation, words)
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
