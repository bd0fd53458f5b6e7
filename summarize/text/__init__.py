"""Text: word lists, Indonesian news boilerplate rules, cleaning a paste into an article,
sentence and clause splitting, language identification, Unicode and byte decoding.  Imports
nothing of the package but errors."""

from __future__ import annotations

from .boilerplate import analyse, boilerplate_reason, parse_byline, parse_date, split_dateline
from .clauses import clauses, split_clauses
from .clean import Cleaned, clean_lines, clean_title_hint, looks_like_headline
from .lang import INDONESIAN, LanguageGuess, detect_language, paragraph_languages
from .normalise import decode_bytes, normalise_text
from .segment import split_sentences
from .wordlists import FUNCTION_WORDS_EN, FUNCTION_WORDS_ID, NOT_ENGLISH_ID, STOPWORDS_ID
from .wordlists import MONTHS as MONTHS_ID

__all__ = [
    "analyse", "boilerplate_reason", "parse_byline", "parse_date", "split_dateline",
    "clauses", "split_clauses", "Cleaned", "clean_lines", "clean_title_hint", "looks_like_headline",
    "INDONESIAN", "LanguageGuess", "detect_language", "paragraph_languages", "decode_bytes",
    "normalise_text", "split_sentences", "FUNCTION_WORDS_EN", "FUNCTION_WORDS_ID", "NOT_ENGLISH_ID",
    "STOPWORDS_ID", "MONTHS_ID",
]
