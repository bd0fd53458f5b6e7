"""The abstractive brief: an English summarisation model run over the translation, each
bullet kept only when grounded (see grounding.py), otherwise replaced by an extractive one."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..document import Bullet, Document, Sentence
from ..models import LoadedModel, ModelSpec, load_seq2seq, resolve
from ..mt import LoadedCT2, choose_backend, load_ct2
from ..text import split_sentences
from .grounding import extractive_bullets, ground, unsupported_details

__all__ = ["AbstractiveOutcome", "AbstractiveSummarizer", "summarizer_info"]

log = logging.getLogger(__name__)


@dataclass
class AbstractiveOutcome:
    bullets: list[Bullet]
    replaced: int
    chunks: int


class AbstractiveSummarizer:
    """An English summarisation model (distilbart-cnn by default) run over the translation.

    ``backend`` as for translation: a CTranslate2 copy (`summarize models convert
    distilbart-cnn`) is used when one exists, with all chunks decoded in one batch.
    """

    def __init__(
        self, model: str | ModelSpec, *, device: str = "auto", beam_size: int = 4, backend: str = "auto"
    ) -> None:
        self.spec = model if isinstance(model, ModelSpec) else resolve(model, "summarization")
        self.name = self.spec.id
        self.device = device
        self.beam_size = beam_size
        self.backend = backend

    @property
    def loaded(self) -> LoadedModel | LoadedCT2:
        chosen, folder = choose_backend(self.spec, self.backend)
        if chosen == "ctranslate2" and folder is not None:
            return load_ct2(self.spec, folder, self.device, parallel=False)
        return load_seq2seq(self.spec, self.device)

    def _chunks(self, sentences: list[str], limit: int) -> list[str]:
        # Whole sentences per chunk; a sentence over the limit is left to the tokenizer's
        # truncation because a summary only needs its gist, unlike a translation.
        tokenizer = self.loaded.tokenizer
        count = getattr(tokenizer, "count", None) or (
            lambda text: len(tokenizer(text, add_special_tokens=False)["input_ids"])
        )
        chunks: list[str] = []
        current: list[str] = []
        used = 0
        for s in sentences:
            cost = count(s) + 1
            if current and used + cost > limit:
                chunks.append(" ".join(current))
                current, used = [], 0
            current.append(s)
            used += cost
        if current:
            chunks.append(" ".join(current))
        return chunks

    def summarize(self, sentences: list[str]) -> tuple[list[str], int]:
        """Summary sentences of the English text, chunked to fit the model; and chunk count."""
        loaded = self.loaded
        limit = max(16, loaded.source_limit - 4)
        chunks = self._chunks([s for s in sentences if s.strip()], limit)
        summary: list[str] = []
        if not isinstance(loaded, LoadedModel):
            texts = self._generate_ct2(loaded, chunks, limit) if chunks else []
            for text in texts:
                summary.extend(s for s in split_sentences(text) if s not in summary)
            return summary, len(chunks)
        import torch

        positions = getattr(loaded.model.config, "max_position_embeddings", 1024) or 1024
        for chunk in chunks:
            with loaded.lock, torch.inference_mode():
                batch = loaded.tokenizer(
                    [chunk], return_tensors="pt", truncation=True, max_length=limit
                ).to(loaded.model.device)
                out = loaded.model.generate(
                    **batch,
                    num_beams=self.beam_size,
                    do_sample=False,
                    max_new_tokens=min(142, positions - 2),
                    no_repeat_ngram_size=3,
                )
            text = loaded.tokenizer.batch_decode(out, skip_special_tokens=True)[0]
            summary.extend(s for s in split_sentences(text) if s not in summary)
        return summary, len(chunks)

    def _generate_ct2(self, loaded: LoadedCT2, chunks: list[str], limit: int) -> list[str]:
        # generate() above picks up length_penalty and min_length from the model's generation
        # config; the conversion recorded them so both backends decode alike.
        settings = loaded.meta.get("generation", {})
        texts, _ = loaded.generate(
            [loaded.tokenizer.encode(c, max_length=limit) for c in chunks],  # type: ignore[call-arg]
            beam_size=self.beam_size,
            max_new_tokens=min(142, loaded.positions - 2),
            no_repeat_ngram_size=3,
            length_penalty=float(settings.get("length_penalty", 1.0)),
            min_decoding_length=int(settings.get("min_length", 0)),
        )
        return texts

    def bullets(
        self, doc: Document, translated: dict[str, Sentence], n: int
    ) -> AbstractiveOutcome:
        body = [s for sid, _ in doc.sentences() for s in [translated[sid]]]
        summary, chunks = self.summarize([s.translation for s in body])
        reference = " ".join(s.translation for s in body)
        fallback = extractive_bullets(doc, translated, max(n, 1) * 2)
        kept: list[Bullet] = []
        replaced = 0
        for text in summary:
            if len(kept) >= n:
                break
            sources = ground(text, body)
            if sources and not unsupported_details(text, reference):
                kept.append(Bullet(text=text, sources=sources))
                continue
            replaced += 1
            log.info("abstractive bullet replaced: ungrounded or invented detail")
            used = {sid for b in kept for sid in b.sources}
            spare = next((b for b in fallback if not used & set(b.sources)), None)
            if spare is not None:
                kept.append(spare)
                fallback.remove(spare)
        # A short summary is topped up with extractive bullets so the brief has n bullets.
        for spare in fallback:
            if len(kept) >= n:
                break
            used = {sid for b in kept for sid in b.sources}
            if not used & set(spare.sources):
                kept.append(spare)
        order = {sid: k for k, (sid, _) in enumerate(doc.sentences())}
        kept.sort(key=lambda b: min(order.get(s, 0) for s in b.sources))
        return AbstractiveOutcome(bullets=kept, replaced=replaced, chunks=chunks)


def summarizer_info(requested: str, used: str, model: str | None, reason: str) -> dict[str, Any]:
    return {"requested": requested, "used": used, "model": model, "reason": reason}
