"""Terms: newsroom abbreviations, the user's glossary, and the prepare/restore steps around
the model.  May import numbers, text, settings and errors."""

from __future__ import annotations

from .abbreviations import ABBREVIATIONS
from .glossary import GlossaryEntry, TermsSource, load_abbreviations, load_glossary
from .prepare import Terms

__all__ = ["ABBREVIATIONS", "GlossaryEntry", "Terms", "TermsSource", "load_glossary", "load_abbreviations"]
