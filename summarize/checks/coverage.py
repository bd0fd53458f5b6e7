"""Is all of the source in the English?  Length, sentence by sentence, without a model.

opus-mt and NLLB drop whole sentences from two-sentence inputs more than anything else, and
what is left is a fluent translation of the other sentence: a length check on the whole line
misses it when the kept sentence is the long one.  So the check weighs two explanations of
the English length, "everything is there" and "source sentence i is missing", and flags the
second when it explains the length clearly better and nothing of sentence i (a number, a
name, a word both languages share) shows up in the English.

Calibration (nothing fitted on the FLORES lines ``bench/eval_qa.py`` measures on):

* An English translation of Indonesian news is about 0.94 times as long as its source in
  characters (median over the 1,953 mt-news reference pairs); the spread of log(English /
  expected) there is 0.18 (median absolute deviation × 1.4826).
* "Sentence i is missing" is flagged when its likelihood, under that spread, is at least
  ``DROP_ODDS`` = 2 times that of "everything is there" (twice as likely: a round number,
  not a fitted one; ``bench/eval_qa.py`` prints precision and recall for odds 1, 2, 4 and 9).
* The older whole-line rules stay: under 0.54 of the expected length (the mt-news 1st
  percentile), or under 0.63 (2nd percentile) with fewer sentences than the source.
"""

from __future__ import annotations

import math
import re
import unicodedata

from ..text import STOPWORDS_ID, split_sentences

__all__ = ["EN_ID_CHAR_RATIO", "omission_coverage", "omission_detail", "sentence_count"]

EN_ID_CHAR_RATIO = 0.9375
OMISSION_COVERAGE = 0.54
OMISSION_COVERAGE_SENTENCE_DROPPED = 0.63
LOG_RATIO_SPREAD = 0.18
DROP_ODDS = 2.0
_MIN_SOURCE_WORDS = 4
_MIN_DROPPED_WORDS = 3

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
# Hand-written spelling correspondences of Indonesian loanwords and their English source
# (kapiler/capillary, fisika/physics, teks/text): compared on a shared skeleton.
_SKELETON = (("ph", "f"), ("th", "t"), ("k", "c"), ("q", "c"), ("y", "i"), ("x", "cs"), ("z", "s"))
_ANCHOR_PREFIX = 5


def sentence_count(text: str) -> int:
    """Sentences of an English text (a break needs a capital after it; fragments of one word
    are not counted)."""
    return len([s for s in _SENTENCE_BREAK.split(text.strip()) if len(s.split()) >= 2])


def _chars(text: str) -> int:
    """Characters with every run of spaces counted as one and none at the ends."""
    return len(" ".join(text.split()))


def omission_coverage(source: str, translation: str) -> float:
    """Length of the translation relative to what a typical English rendering would have."""
    expected = EN_ID_CHAR_RATIO * _chars(source)
    return _chars(translation) / expected if expected else 1.0


def _skeleton(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    for a, b in _SKELETON:
        word = word.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", word)[:_ANCHOR_PREFIX]


def _anchors(sentence: str) -> set[str]:
    """What of a sentence may appear unchanged in English: numbers, names, long words."""
    return {_skeleton(w) for w in _TOKEN.findall(sentence)
            if (w.isdigit() or len(w) >= 4) and w.lower() not in STOPWORDS_ID}


def _dropped_sentence(source: str, translation: str, coverage: float) -> str | None:
    """The source sentence the English most likely lacks, when the length says so clearly and
    none of its anchors is in the English."""
    sentences = split_sentences(source)
    if len(sentences) < 2 or sentence_count(translation) >= len(sentences) or coverage <= 0:
        return None
    total = sum(_chars(s) for s in sentences)
    english = {_skeleton(w) for w in _TOKEN.findall(translation)}
    anchors = [_anchors(s) for s in sentences]
    observed = math.log(coverage)
    best: tuple[float, str] | None = None
    for i, sentence in enumerate(sentences):
        if len(sentence.split()) < _MIN_DROPPED_WORDS:
            continue
        own = anchors[i] - set().union(*(a for j, a in enumerate(anchors) if j != i))
        if own & english:
            continue  # a number, name or shared word of this sentence is in the English
        expected = math.log(max(1e-3, 1 - _chars(sentence) / total))
        # log likelihood ratio of "sentence i is missing" over "everything is there"
        ratio = (observed ** 2 - (observed - expected) ** 2) / (2 * LOG_RATIO_SPREAD ** 2)
        if ratio >= math.log(DROP_ODDS) and (best is None or ratio > best[0]):
            best = (ratio, sentence)
    return best[1] if best else None


def omission_detail(source: str, translation: str) -> str | None:
    """Why part of the source may be missing from the English, or None.  (A number that is
    gone is the number check's to report: one problem, one flag.)"""
    if not _WORD.search(source):
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
        return f"{dropped} sentence(s) fewer than the source and {coverage:.0%} of the expected length"
    sentence = _dropped_sentence(source, translation, coverage)
    if sentence is not None:
        short = sentence if len(sentence) <= 80 else sentence[:77].rstrip() + "…"
        return f"this source sentence seems to have no English: “{short}” ({coverage:.0%} of the expected length)"
    return None
