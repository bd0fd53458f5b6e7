"""The prepare stage: newsroom abbreviations, the user's glossary and numbers, before the model.

opus-mt-id-en and NLLB turn "Korut" into "Korut" or "Corut", "Kemhan" into nonsense and
"5.000" into "5.000" (five, to an English reader).  ``Terms.prepare`` rewrites a source
sentence into the text the model should see (kept as ``Sentence.mt_input``): abbreviations
expanded to their Indonesian full forms, glossary terms replaced by the English the user requires
(the models copy English names through), numbers and dates written the English way.
``Terms.restore`` repairs what a model still leaves behind (an Indonesian-formatted number, an
untranslated glossary term) and ``Terms.glossary_misses`` verifies the glossary afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import NumberSpan, english_values, indonesian_numbers, missing_numbers, normalise_numbers, repair_units
from .abbreviations import ABBREVIATIONS, expand_in, replace_in
from .glossary import GlossaryEntry, TermsSource, contains, load_abbreviations, load_glossary

__all__ = ["Terms"]


# Time zones are kept (readers know them from datelines) and given their UTC offset.
_MAX_NUMBER_REPAIRS = 40
_TIME_ZONES = {"WIB": "UTC+7", "WITA": "UTC+8", "WIT": "UTC+9"}


_TIME_ZONE = re.compile(r"(?=W)(?<![\w-])(WIB|WITA|WIT)(?![\w-])(?!\s*\((?:UTC|GMT))")  # (?=W): a fast scan


@dataclass
class Terms:
    """Abbreviation table plus glossary: what the prepare stage applies to every sentence."""

    abbreviations: dict[str, str] = field(default_factory=lambda: dict(ABBREVIATIONS))
    glossary: list[GlossaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        table = {k: v for k, v in self.abbreviations.items() if k and v}
        # (first word as written, lower-cased: a quick test before any regex; pattern; expansion)
        self._patterns: list[tuple[str, str, str]] = []
        for abbr in sorted(table, key=len, reverse=True):
            for variant in dict.fromkeys([abbr, abbr.upper()]):
                body = r"\s+".join(re.escape(p) for p in variant.split())
                self._patterns.append((variant.split()[0].lower(), body, table[abbr]))

    @classmethod
    def load(cls, glossary: TermsSource = None, abbreviations: TermsSource = None) -> Terms:
        entries, from_glossary = load_glossary(glossary)
        table = dict(ABBREVIATIONS)
        table.update(from_glossary)
        table.update(load_abbreviations(abbreviations))
        return cls(abbreviations=table, glossary=entries)

    # -- before the model ----------------------------------------------------------------
    def prepare(self, text: str) -> str:
        """The text to send to the model for one source sentence."""
        segments: list[tuple[str, bool]] = [(text, False)]
        for entry in self.glossary:
            segments = replace_in(segments, entry.pattern, entry.target)
        segments = self._expand(segments, text)
        out = []
        for segment, protected in segments:
            if not protected:
                segment = normalise_numbers(segment)
                segment = _TIME_ZONE.sub(lambda m: f"{m.group(1)} ({_TIME_ZONES[m.group(1)]})", segment)
            out.append(segment)
        return "".join(out)

    def expand_abbreviations(self, text: str) -> str:
        return "".join(s for s, _ in self._expand([(text, False)], text))

    def _expand(self, segments: list[tuple[str, bool]], text: str) -> list[tuple[str, bool]]:
        # Only the abbreviations the text contains: a hundred regex passes over every sentence
        # (or over one huge pasted line) would cost far more than the expansion itself.
        lower = text.lower()
        for first, pattern, expansion in self._patterns:
            if first in lower:
                segments = expand_in(segments, pattern, expansion)
        return segments

    # -- after the model -----------------------------------------------------------------
    def glossary_hits(self, source: str) -> list[GlossaryEntry]:
        return [e for e in self.glossary if e.pattern.search(source)]

    def glossary_misses(self, source: str, translation: str) -> list[GlossaryEntry]:
        """Glossary entries used in the source whose English is absent from the translation."""
        return [e for e in self.glossary_hits(source) if not contains(translation, e.target)]

    def restore(self, source: str, translation: str) -> str:
        """Repair what the model left Indonesian: glossary terms, Indonesian-formatted numbers."""
        for entry in self.glossary_misses(source, translation):
            translation = entry.pattern.sub(entry.target, translation)
        numbers = indonesian_numbers(source)  # read once: every step below compares with it
        translation = _english_numbers(numbers, translation)
        spans = {span.text: span for span in missing_numbers(source, translation, numbers)}
        if len(spans) > _MAX_NUMBER_REPAIRS:
            spans = {}  # a wall of numbers, not a sentence: each repair rescans the text
        for written, span in spans.items():
            if span.kind == "code" or span.english == written:
                continue
            digits = re.search(r"\d[\d.,]*\d|\d", written)
            english_digits = re.search(r"\d[\d.,]*\d|\d", span.english)
            if digits and english_digits and digits.group(0) != english_digits.group(0):
                bare = re.compile(rf"(?<![\w.,]){re.escape(digits.group(0))}(?![\w]|[.,]\d)")
                # "10 ribu warga dan 10 polisi": which 10 is which is unknowable; leave it.
                if len(bare.findall(source)) != 1 or len(bare.findall(translation)) != 1:
                    continue
                candidate = bare.sub(english_digits.group(0), translation)
                # Only keep the rewrite when it makes the number right, never to shuffle digits.
                if any(alt & english_values(candidate).values for alt in span.required):
                    translation = candidate
        return repair_units(source, translation, numbers)


def _english_numbers(spans: list[NumberSpan], translation: str) -> str:
    """"5.000", "2,5", "20.00", "4/11/2025" copied through: written the English way, in one pass."""
    english = {s.text: s.english for s in spans if s.kind != "code" and s.english != s.text}
    if not english:
        return translation
    alternatives = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
    written = re.compile(rf"(?<![\w.,/])(?:{alternatives})(?![\w/]|[.,]\d)")
    return written.sub(lambda m: english[m.group(0)], translation)
