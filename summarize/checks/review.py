"""The check stage: QA each translated sentence, repair what can be repaired, retry the rest once.

Every translation first goes through ``Terms.restore`` (an Indonesian-formatted number or an
untranslated glossary term is rewritten), then ``qa.check_details``.  Flagged sentences are
translated again, once, with safer decoding (beam search, repetition penalty, no repeated
trigrams) and, when a clause may have been dropped or the model looped, clause by clause; the
candidate with the least severe flags wins, the first translation on a tie.  Whatever is
still flagged stays on ``Sentence.flags`` for the reader (JSON, Markdown footnotes, UI).
"""

from __future__ import annotations

import copy
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..document import Sentence
from .contrastive import find_scorer, omitted_parts
from .flags import FLAGS, NOTES, Issue, check_details, severity
from ..mt import CachedTranslator, DecodingOptions, Translator, translate_all
from ..terms import Terms
from ..text import clauses

__all__ = ["Reviewer", "safer_decoding", "safer_translator"]

log = logging.getLogger(__name__)



def safer_decoding(options: DecodingOptions) -> DecodingOptions:
    """Beam search with repetition control: slower, but it rarely loops or stops early."""
    return replace(
        options,
        beam_size=max(4, options.beam_size),
        repetition_penalty=max(1.2, options.repetition_penalty),
        no_repeat_ngram_size=options.no_repeat_ngram_size or 3,
    )


def safer_translator(translator: Translator) -> Translator | None:
    """The same model with safer decoding, or None when the translator has no decoding knobs."""
    if isinstance(translator, CachedTranslator):
        inner = safer_translator(translator.inner)
        return CachedTranslator(inner, cache=translator.cache) if inner is not None else None
    wrapped = getattr(translator, "inner", None)
    if wrapped is not None:  # a wrapper (e.g. the batch prefetcher): retry with what it wraps
        return safer_translator(wrapped)
    decoding = getattr(translator, "decoding", None)
    if not isinstance(decoding, DecodingOptions):
        return None
    safer = safer_decoding(decoding)
    if safer == decoding:
        return None
    # A shallow copy shares the loaded model (models are loaded once per process anyway).
    clone = copy.copy(translator)
    clone.decoding = safer  # type: ignore[attr-defined]
    return clone




@dataclass
class Reviewer:
    """Holds the QA findings of one document while the pipeline translates it."""

    terms: Terms
    translator: Translator
    retry: bool = True
    model_check: bool = False
    details: dict[str, list[Issue]] = field(default_factory=dict)
    first_flags: Counter[str] = field(default_factory=Counter)
    retried: int = 0
    improved: int = 0
    repaired: int = 0
    model_checked: int = 0

    def finish(self, sentence: Sentence) -> None:
        """Repair and check one freshly translated sentence; sets ``sentence.flags``."""
        restored = self.terms.restore(sentence.source, sentence.translation)
        if restored != sentence.translation:
            self.repaired += 1
            sentence.translation = restored
        issues = self._check(sentence.source, sentence.translation)
        self.first_flags.update(i.flag for i in issues)
        self._set(sentence, issues)

    def check_with_model(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """With ``model_check``: ask the translation model which clause each sentence's English
        lacks (``contrastive.py``) and add ``omission_note`` there; returns those sentences.
        Sentences already flagged as short are left to that flag (one problem, one finding)."""
        if not self.model_check:
            return []
        score = find_scorer(self.translator)
        if score is None:
            log.info("the translator %s cannot score translations: no model check",
                     getattr(self.translator, "name", "?"))
            return []
        todo = [s for s in sentences if s.translation.strip() and "possible_omission" not in s.flags]
        try:
            found = omitted_parts(score, [(s.mt_input or s.source, s.translation) for s in todo])
        except (RuntimeError, ValueError, OSError, MemoryError) as exc:
            # An optional note must not cost the finished translation: it is left out.
            log.warning("the model check failed (%s); the translation is kept without it",
                        type(exc).__name__)
            return []
        self.model_checked += len(todo)
        noted = []
        for sentence, unrendered in zip(todo, found):
            if unrendered is None:
                continue
            note = Issue("omission_note", unrendered.detail())
            self._set(sentence, self.details.get(sentence.id, []) + [note])
            noted.append(sentence)
        return noted

    def retry_flagged(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """Translate flagged sentences once more; returns the sentences whose text changed."""
        # Notes are no problem to fix: only sentences with a flag are translated again.
        flagged = [s for s in sentences if any(f not in NOTES for f in s.flags)
                   and (s.mt_input or s.source).strip()]
        if not self.retry or not flagged:
            return []
        safer = safer_translator(self.translator)
        engine = safer or self.translator
        jobs: list[tuple[Sentence, list[str]]] = []
        if safer is not None:
            jobs += [(s, [s.mt_input or s.source]) for s in flagged]
        for s in flagged:
            pieces = clauses(s.mt_input or s.source)
            if len(pieces) > 1 and (safer is None or {"possible_omission", "repetition"} & set(s.flags)):
                jobs.append((s, pieces))
        if not jobs:
            return []
        texts = [piece for _, pieces in jobs for piece in pieces]
        log.info("retrying %d flagged sentences (%d model inputs)", len(flagged), len(texts))
        outputs = iter(translate_all(engine, texts))
        candidates: dict[str, list[str]] = {}
        for sentence, pieces in jobs:
            joined = " ".join(o for o in (next(outputs) for _ in pieces) if o).strip()
            candidates.setdefault(sentence.id, []).append(joined)
        self.retried += len(flagged)
        changed = []
        for sentence in flagged:
            best_issues = self.details.get(sentence.id, [])
            best_text = sentence.translation
            for text in candidates.get(sentence.id, []):
                text = self.terms.restore(sentence.source, text)
                issues = self._check(sentence.source, text)
                if severity([i.flag for i in issues]) < severity([i.flag for i in best_issues]):
                    best_text, best_issues = text, issues
            if best_text != sentence.translation:
                sentence.translation = best_text
                self._set(sentence, best_issues)
                self.improved += 1
                changed.append(sentence)
        return changed

    def _check(self, source: str, translation: str) -> list[Issue]:
        return check_details(source, translation, glossary=self.terms if self.terms.glossary else None,
                             notes=True)

    def _set(self, sentence: Sentence, issues: list[Issue]) -> None:
        sentence.flags = [i.flag for i in issues]
        if issues:
            self.details[sentence.id] = issues
        else:
            self.details.pop(sentence.id, None)

    def report(self, sentences: Sequence[Sentence]) -> dict[str, Any]:
        """``meta["qa"]``: counts, per-sentence details and what each flag means."""
        final = Counter(f for s in sentences for f in s.flags)
        return {
            "flagged": sum(1 for s in sentences if any(f not in NOTES for f in s.flags)),
            "flags": dict(final),
            "flagged_before_retry": dict(self.first_flags),
            "retried": self.retried,
            "improved_by_retry": self.improved,
            "repaired": self.repaired,
            "model_checked": self.model_checked,
            "glossary_terms": len(self.terms.glossary),
            "details": {
                s.id: [i.to_dict() for i in self.details.get(s.id, [])] for s in sentences if s.flags
            },
            "legend": {flag: FLAGS.get(flag) or NOTES[flag] for flag in final if flag in FLAGS or flag in NOTES},
        }
