"""Language of an article and of each paragraph (py3langid, packaged model, no downloads).

The translator only knows Indonesian → English, so an English quote box or a whole English page
must not be "translated".  py3langid alone is unreliable on short lines and confuses Indonesian
with Malay, so a label is only trusted when the text is long enough, the detector is confident
and closed-class words agree; otherwise the paragraph keeps the document's language.  Malay
counts as Indonesian: the model translates it well and the two are often indistinguishable.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from .wordlists import FUNCTION_WORDS_EN, FUNCTION_WORDS_ID

__all__ = ["LanguageGuess", "detect_language", "paragraph_languages", "INDONESIAN"]

log = logging.getLogger(__name__)

INDONESIAN = "id"
_SAME_AS_INDONESIAN = frozenset({"id", "ms"})
_MIN_WORDS_PARAGRAPH = 6
_MIN_WORDS_DOCUMENT = 8
_MIN_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_lock = threading.Lock()
_identifier: Any = None


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1; "id" also stands for Malay
    confidence: float  # 0..1; 0 when the text was too short to judge
    reliable: bool


def _classify(text: str) -> tuple[str, float]:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        code, prob = _identifier.classify(text)
    return str(code), float(prob)


def detect_language(text: str, *, min_words: int = _MIN_WORDS_DOCUMENT) -> LanguageGuess:
    """Best guess for ``text``; short or ambiguous text is reported as Indonesian, unreliable."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < min_words:
        return LanguageGuess(INDONESIAN, 0.0, False)
    fid = sum(1 for w in words if w in FUNCTION_WORDS_ID)
    fen = sum(1 for w in words if w in FUNCTION_WORDS_EN)
    code, prob = _classify(text)
    # Closed-class words settle what character n-grams cannot: names and loanwords in an
    # Indonesian paragraph fool the n-grams, "yang/dan/di" versus "the/of/and" do not.
    english_words = fen >= 2 and fen > 2 * fid
    if code == "en" and (prob >= _MIN_CONFIDENCE and fen > fid or english_words):
        return LanguageGuess("en", prob, True)
    if code not in _SAME_AS_INDONESIAN and english_words and fen >= 3 and fid == 0:
        return LanguageGuess("en", prob, True)
    if code in _SAME_AS_INDONESIAN or code == "en":
        return LanguageGuess(INDONESIAN, prob, code != "en")
    if prob >= _MIN_CONFIDENCE and fid * 10 < len(words):
        return LanguageGuess(code, prob, True)
    return LanguageGuess(INDONESIAN, prob, False)


def paragraph_languages(paragraphs: list[str]) -> list[str]:
    """One code per paragraph; a paragraph is only marked non-Indonesian on clear evidence."""
    out = []
    for text in paragraphs:
        guess = detect_language(text, min_words=_MIN_WORDS_PARAGRAPH)
        out.append(guess.code if guess.reliable else INDONESIAN)
    return out
