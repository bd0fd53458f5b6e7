"""Pipeline: ingest → translate (sentence by sentence) → brief → Result, with progress events.

``stream`` is the one implementation; ``run`` drains it.  The UI and CLI consume the events to
show sentences as they finish, so a long article never looks frozen.  ``cancel`` (a callable
polled between batches: translation batches, retry batches, before the brief) stops a stream
early, without a result: the web page's Stop really stops the work, not just the display.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import settings
from .briefing import AbstractiveSummarizer, extractive_bullets, summarizer_info
from .checks import NOTES, Reviewer
from .document import TITLE_ID, Document, Result, Sentence, sentence_id
from .errors import InputError, ModelUnavailableError, SummarizeError
from .models import ModelSpec, ct2_available, default_model, find_converted, is_available, is_offline, resolve
from .mt import BACKENDS, DecodingOptions, Translator, make_translator
from .story import FailedItem, StoryResult, Translated, build_stories, outlet_name, read_items
from .terms import Terms, TermsSource

__all__ = ["Pipeline", "ProgressEvent", "MAX_BULLETS"]

log = logging.getLogger(__name__)

MAX_BULLETS = 10
_SUMMARIZER_MODES = {"auto", "extractive", "abstractive"}
# Flagged sentences are retried this many at a time (one translation batch): a progress event
# and a cancellation check after each group, so Stop takes effect within about one batch.
_RETRY_GROUP = 16


@dataclass
class ProgressEvent:
    """One step of progress; the last event of a stream carries the Result."""

    stage: str  # "ingest", "load", "translate", "check", "model_check", "brief", "done"; "article", "story"
    # "translate": sentences translated / all; "check": flagged sentences retried / all flagged;
    # "article": articles done / all.
    done: int = 0
    total: int = 0
    sentences: list[Sentence] = field(default_factory=list)  # newly translated ones
    result: Result | None = None
    story: StoryResult | None = None  # the last event of ``story_stream``
    source: str | None = None  # the article being translated (``story_stream``)


def _has_converted(spec: ModelSpec) -> bool:
    return ct2_available() and find_converted(spec) is not None


def _never() -> bool:
    return False


class Pipeline:
    """Translate an Indonesian article sentence by sentence and brief it.

    ``mt_model`` and ``summarizer`` take a preset name, a Hub id or a local directory; when
    omitted they come from ``SUMMARIZE_MT_MODEL`` / ``SUMMARIZE_SUMMARIZER`` or the registry's
    defaults.  ``translator`` injects any ``Translator`` (tests, other backends).
    ``backend`` is auto (CTranslate2 when a converted copy exists, see `summarize models
    convert`), transformers or ctranslate2; ``cache=False`` skips the persistent cache.
    ``glossary`` and ``abbreviations`` (a TSV/YAML path or a mapping) feed the prepare stage
    (``terms/``); ``retry=False`` keeps flagged first translations without a second try.
    """

    def __init__(
        self,
        mt_model: str | None = None,
        summarizer: str | None = None,
        backend: str = "auto",
        device: str = "auto",
        *,
        beam_size: int = 4,
        max_length_ratio: float = 2.0,
        repetition_penalty: float = 1.0,
        no_repeat_ngram_size: int = 0,
        translator: Translator | None = None,
        max_chars: int | None = None,
        cache: bool = True,
        translate_anyway: bool = False,
        glossary: TermsSource = None,
        abbreviations: TermsSource = None,
        retry: bool = True,
        model_check: bool = False,  # ask the model which clause is missing: omission_note, slower
    ) -> None:
        if backend not in BACKENDS:
            raise InputError(f"Unknown backend {backend!r}; use {', '.join(BACKENDS)}.")
        self.backend = backend
        self.cache = cache
        self.device = device
        self.max_chars = max_chars
        self.translate_anyway = translate_anyway
        # Glossary (TSV/YAML path or mapping) and abbreviation overrides: the prepare stage.
        self.terms = Terms.load(glossary, abbreviations)
        self.retry, self.model_check = retry, model_check
        self.decoding = DecodingOptions(
            beam_size=beam_size,
            max_length_ratio=max_length_ratio,
            repetition_penalty=repetition_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size,
        )
        if translator is None:
            spec = resolve(mt_model or default_model("translation"), "translation")
            translator = make_translator(
                spec, backend=backend, device=device, decoding=self.decoding, cache=cache
            )
        self.translator = translator
        self.summarizer = (
            summarizer or settings.summarizer() or "auto"
        )
        # Check the summariser now, not after a long translation whose work would be lost.
        spec = self._summarizer_spec()
        if (spec is not None and self.summarizer != "auto" and is_offline()
                and not is_available(spec) and not _has_converted(spec)):
            raise ModelUnavailableError(
                f"Summarisation model {spec.id} is not downloaded and offline mode is on. Run "
                f"`summarize models download {spec.name}` on a machine with internet, or use "
                "--summarizer extractive.",
                model=spec.id,
            )

    # -- summariser choice -------------------------------------------------------------
    def _summarizer_spec(self) -> ModelSpec | None:
        mode = self.summarizer
        if mode == "extractive":
            return None
        # The environment variable was already read into self.summarizer (it may hold a mode).
        ref = default_model("summarization", use_env=False) if mode in _SUMMARIZER_MODES else mode
        return resolve(ref, "summarization")

    # -- running -----------------------------------------------------------------------
    def run(self, doc_or_text: Document | str, bullets: int = 5) -> Result:
        result = self._drain(doc_or_text, bullets, None)
        assert result is not None  # without ``cancel``, stream always ends with a result
        return result

    def _drain(self, doc_or_text: Document | str, bullets: int, cancel: Callable[[], bool] | None
               ) -> Result | None:
        result = None
        for event in self.stream(doc_or_text, bullets=bullets, cancel=cancel):
            result = event.result or result
        return result

    def stream(self, doc_or_text: Document | str, bullets: int = 5, *,
               cancel: Callable[[], bool] | None = None) -> Iterator[ProgressEvent]:
        """Progress events, the last one carrying the Result.

        ``cancel`` is called between translation batches, between groups of retried sentences
        and before the brief; once it returns true the stream ends there, with no result.
        """
        stopped = cancel or _never
        if not 1 <= bullets <= MAX_BULLETS:
            raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets}.")
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        doc = (
            doc_or_text
            if isinstance(doc_or_text, Document)
            else Document.from_text(doc_or_text, max_chars=self.max_chars)
        )
        if not doc.paragraphs:
            raise InputError("The input is empty: there is no article text to translate.")
        _check_language(doc, self.translate_anyway)
        timings["ingest"] = time.perf_counter() - t0
        sentences = self.prepare(doc)
        total = len(sentences)
        yield ProgressEvent("translate", 0, total)
        copied = [s for s in sentences.values() if s.translation]  # English / letterless units
        done = len(copied)
        if copied:
            yield ProgressEvent("translate", done, total, sentences=copied)
        ids = [sid for sid, s in sentences.items() if not s.translation]

        t1 = time.perf_counter()
        reviewer = Reviewer(self.terms, self.translator, retry=self.retry, model_check=self.model_check)
        if stopped() or not (yield from self._translate(sentences, ids, reviewer, done, stopped)):
            return
        timings["translate"] = time.perf_counter() - t1

        t_check = time.perf_counter()
        if not (yield from self._retry(reviewer, [sentences[i] for i in ids], stopped)):
            return
        timings["check"] = time.perf_counter() - t_check
        if stopped():
            return

        yield ProgressEvent("brief", total, total)
        t2 = time.perf_counter()
        brief, info = self._brief(doc, sentences, bullets)
        timings["brief"] = time.perf_counter() - t2
        timings["total"] = time.perf_counter() - t0

        result = Result(
            title=sentences[TITLE_ID] if doc.title else None,
            paragraphs=[
                [sentences[sentence_id(i, j)] for j in range(len(p))] for i, p in enumerate(doc.paragraphs)
            ],
            brief=brief,
            meta=self._meta(doc, info, timings),
        )
        result.meta["qa"] = reviewer.report([sentences[i] for i in ids])
        yield ProgressEvent("done", total, total, result=result)

    def _translate(self, sentences: dict[str, Sentence], ids: list[str], reviewer: Reviewer, done: int,
                   stopped: Callable[[], bool]) -> Iterator[ProgressEvent]:
        """The translate events; returns False when ``stopped`` interrupted them."""
        total = len(sentences)
        batches = self.translator.translate_iter([sentences[i].mt_input or "" for i in ids])
        try:
            for indices, texts in batches:
                finished = []
                for i, text in zip(indices, texts):
                    sentence = sentences[ids[i]]
                    sentence.translation = text
                    reviewer.finish(sentence)  # repair + QA flags, shown while the rest translates
                    finished.append(sentence)
                done += len(finished)
                yield ProgressEvent("translate", done, total, sentences=finished)
                if stopped():
                    return False
        finally:
            getattr(batches, "close", _never)()  # a stopped stream leaves no batch running
        return True

    def _retry(self, reviewer: Reviewer, units: list[Sentence], stopped: Callable[[], bool]
               ) -> Iterator[ProgressEvent]:
        """Check events: flagged sentences retried by groups, then the model check; False if stopped."""
        flagged = [s for s in units if any(f not in NOTES for f in s.flags)] if self.retry else []
        if flagged:
            yield ProgressEvent("check", 0, len(flagged))
        for start in range(0, len(flagged), _RETRY_GROUP):
            if stopped():
                return False
            group = flagged[start:start + _RETRY_GROUP]
            retried = reviewer.retry_flagged(group)
            yield ProgressEvent("check", start + len(group), len(flagged), sentences=retried)
        if reviewer.model_check and units:
            yield ProgressEvent("model_check", 0, len(units))
            yield ProgressEvent("model_check", len(units), len(units), sentences=reviewer.check_with_model(units))
        return True

    def story(self, items: Any, *, grouped: bool = True, bullets: int = 3) -> StoryResult:
        """Several articles (paths, a folder, URLs, texts, Documents; or ``{outlet: item}``) →
        one story per event, with figures, disagreements, a combined brief and a timeline."""
        result = None
        for event in self.story_stream(items, grouped=grouped, bullets=bullets):
            result = event.story or result
        assert result is not None  # story_stream always ends with the story
        return result

    def story_stream(self, items: Any, *, grouped: bool = True, bullets: int = 3,
                     cancel: Callable[[], bool] | None = None) -> Iterator[ProgressEvent]:
        """Each article is translated once (cache and all), then the stories are built; one
        ``article`` event per article, the last event carries the StoryResult.  ``cancel`` as
        for ``stream``: polled inside each article's translation and between articles."""
        stopped = cancel or _never
        inputs = read_items(items)
        translated: list[Translated] = []
        failed: list[FailedItem] = []
        for k, item in enumerate(inputs):
            yield ProgressEvent("article", k, len(inputs), source=item.source)
            if item.doc is None:
                failed.append(FailedItem(item.source, item.error or "unreadable"))
                continue
            try:
                result = self._drain(item.doc, bullets, stopped)
            except ModelUnavailableError:
                raise
            except SummarizeError as exc:
                failed.append(FailedItem(item.source, str(exc)))
                continue
            if result is None or stopped():
                return
            translated.append(Translated(item.doc, result, item.source, item.outlet))
        yield ProgressEvent("story", len(inputs), len(inputs))
        story = build_stories(translated, failed, grouped=grouped)
        yield ProgressEvent("done", len(inputs), len(inputs), story=story)

    def prepare(self, doc: Document) -> dict[str, Sentence]:
        """The translation units of a document in order (title first), with ``mt_input`` set
        to exactly the text the model will receive; batch processing prefetches these."""
        units = ([(TITLE_ID, doc.title)] if doc.title else []) + doc.sentences()
        sentences = {
            sid: Sentence(id=sid, source=text, mt_input=self.terms.prepare(text)) for sid, text in units
        }
        for sid, flags in _copied_units(doc).items():
            sentences[sid].translation = sentences[sid].source
            sentences[sid].mt_input = sentences[sid].source
            sentences[sid].flags.extend(flags)
        return sentences

    def model_inputs(self, doc: Document) -> list[str]:
        return [s.mt_input or "" for s in self.prepare(doc).values() if not s.translation]

    def _brief(
        self, doc: Document, sentences: dict[str, Sentence], n: int
    ) -> tuple[list, dict[str, Any]]:
        requested = self.summarizer
        spec = self._summarizer_spec()
        if spec is None:
            info = summarizer_info(requested, "extractive", None, "extractive requested")
            return extractive_bullets(doc, sentences, n), info
        if requested == "auto" and not is_available(spec) and not _has_converted(spec):
            reason = f"{spec.id} is not downloaded; used the extractive ranker"
            return extractive_bullets(doc, sentences, n), summarizer_info(
                requested, "extractive", None, reason
            )
        summarizer = AbstractiveSummarizer(
            spec, device=self.device, beam_size=self.decoding.beam_size,
            # --backend ctranslate2 is about translation: the summariser must not fail for want
            # of its own converted copy, so only "transformers" is passed on as a demand.
            backend="transformers" if self.backend == "transformers" else "auto",
        )
        outcome = summarizer.bullets(doc, sentences, n)
        info = summarizer_info(requested, "abstractive", spec.id, "summarisation model available")
        info["replaced_bullets"] = outcome.replaced
        info["chunks"] = outcome.chunks
        return outcome.bullets, info

    def _meta(
        self, doc: Document, info: dict[str, Any], timings: dict[str, float]
    ) -> dict[str, Any]:
        body = [s for p in doc.paragraphs for s in p]
        meta: dict[str, Any] = {
            "source": doc.meta.get("source"),
            "outlet": outlet_name(doc.meta, doc.meta.get("source")),
            **{k: doc.meta[k] for k in ("dateline", "site", "url") if doc.meta.get(k)},
            "date": doc.meta.get("date"),
            "author": doc.meta.get("author"),
            "language": doc.meta.get("language", "id"),
            "removed": list(doc.removed),
            **({"translated_anyway": True}
               if doc.meta.get("language", "id") != "id" and self.translate_anyway else {}),
            "models": {
                "mt": self.translator.name,
                "summarizer": info.get("model") or "extractive",
                "mt_backend": getattr(self.translator, "backend", "custom"),
            },
            "summarizer": info,
            "decoding": self.decoding.to_dict(),
            "stats": {
                "paragraphs": len(doc.paragraphs),
                "sentences": len(body),
                "characters": sum(len(s) for s in body),
                "words": sum(len(s.split()) for s in body),
            },
            "timings_s": {k: round(v, 3) for k, v in timings.items()},
        }
        if doc.meta.get("warnings"):
            meta["warnings"] = list(doc.meta["warnings"])
        return meta


_LANGUAGE_NAMES = {"en": "English", "ms": "Malay", "jv": "Javanese", "su": "Sundanese",
                   "zh": "Chinese", "ar": "Arabic", "nl": "Dutch", "fr": "French", "de": "German"}


def _check_language(doc: Document, translate_anyway: bool) -> None:
    """Refuse a text that is clearly not Indonesian unless the caller insists.

    Documents built in memory without ``meta["language"]`` are taken as Indonesian.
    """
    language = doc.meta.get("language", "id")
    if language == "id" or translate_anyway:
        return
    name = _LANGUAGE_NAMES.get(language, language)
    raise InputError(
        f"The text looks like {name} ({language}), not Indonesian, and the translator only knows "
        "Indonesian → English. If it is Indonesian after all, translate anyway: --force-language "
        "(CLI), Pipeline(translate_anyway=True) (Python), or tick \"Translate anyway\" (web page)."
    )


def _copied_units(doc: Document) -> dict[str, list[str]]:
    """Units passed through as they are, with their flags.

    Sentences of English paragraphs inside an Indonesian article (quotes, statements) are
    already English: translating them with an Indonesian model garbles them, so they are copied
    and flagged ``source_english``.  Units without letters ("1." list numbers, "***") are copied
    too: a model can only invent words for them.
    """
    out: dict[str, list[str]] = {}
    languages = doc.meta.get("paragraph_languages") or []
    mixed = doc.meta.get("language", "id") == "id" and len(languages) == len(doc.paragraphs)
    if doc.title and not any(c.isalpha() for c in doc.title):
        out[TITLE_ID] = []
    for i, paragraph in enumerate(doc.paragraphs):
        for j, text in enumerate(paragraph):
            if mixed and languages[i] == "en":
                out[sentence_id(i, j)] = ["source_english"]
            elif not any(c.isalpha() for c in text):
                out[sentence_id(i, j)] = []
    return out
