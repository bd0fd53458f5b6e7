"""Briefing: the extractive ranker (noise rules, features, fitted weights), grounding of
bullets in source sentences, and the abstractive summariser.  May import mt, terms, numbers,
text, models, document, settings and errors."""

from __future__ import annotations

from .abstractive import AbstractiveOutcome, AbstractiveSummarizer, summarizer_info
from .extractive import FEATURE_NAMES, rank_sentences, score_sentences, sentence_features
from .features import content_tokens, tfidf
from .grounding import extractive_bullets, ground, key_sentence_ids, key_sentences, unsupported_details
from .noise import is_noise
from .noise import tokens as word_tokens

__all__ = [
    "AbstractiveOutcome", "AbstractiveSummarizer", "summarizer_info", "FEATURE_NAMES", "rank_sentences",
    "score_sentences", "sentence_features", "is_noise", "extractive_bullets", "ground", "key_sentence_ids",
    "key_sentences", "unsupported_details", "content_tokens", "tfidf", "word_tokens",
]
