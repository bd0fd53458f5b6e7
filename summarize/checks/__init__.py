"""Checks: the per-sentence QA flags, and the review step that repairs, re-checks and retries
flagged sentences.  May import mt, terms, numbers, text, models, document, settings, errors."""

from __future__ import annotations

from .flags import FLAGS, NOTES, GlossaryLike, Issue, check, check_details, explain, omission_coverage, sentence_count, severity
from .review import Reviewer, safer_decoding, safer_translator

__all__ = [
    "FLAGS", "NOTES", "GlossaryLike", "Issue", "check", "check_details", "explain", "omission_coverage",
    "sentence_count", "severity", "Reviewer", "safer_decoding", "safer_translator",
]
