"""Sentence translation: a small Translator interface and its implementations.

Sentences go to the model one per input row, never a whole paragraph: opus-mt-id-en and NLLB
both drop whole sentences from multi-sentence inputs.  Nothing is truncated either: a sentence
longer than the model's source limit is split at clause boundaries (then at word windows) and
the pieces' translations joined, so every source sentence gets exactly one translation.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .errors import InputError
from .models import LoadedModel, ModelSpec, load_seq2seq, resolve

__all__ = [
    "DecodingOptions",
    "Translator",
    "IdentityTranslator",
    "Seq2SeqTranslator",
    "split_to_limit",
]

log = logging.getLogger(__name__)

_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)|(?<=[—–])\s+")


@dataclass(frozen=True)
class DecodingOptions:
    """Decoding settings; part of what identifies a translation (and, later, its cache key)."""

    beam_size: int = 4
    max_length_ratio: float = 2.0  # max new tokens = ratio * input tokens + offset
    max_length_offset: int = 10
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    def __post_init__(self) -> None:
        if self.beam_size < 1:
            raise InputError(f"beam_size must be at least 1, not {self.beam_size}.")
        if self.max_length_ratio <= 0:
            raise InputError("max_length_ratio must be positive.")
        if self.repetition_penalty <= 0:
            raise InputError("repetition_penalty must be positive (1.0 means none).")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Translator(Protocol):
    """Anything that turns a list of sentences into as many English sentences."""

    name: str

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        """Yield ``(indices, translations)`` per finished batch, in any order."""
        ...


class IdentityTranslator:
    """Returns the input unchanged: lets the pipeline, UI and tests run without a model."""

    name = "identity"

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        if sentences:
            yield list(range(len(sentences))), list(sentences)


def translate_all(translator: Translator, sentences: Sequence[str]) -> list[str]:
    out: list[str] = [""] * len(sentences)
    for indices, texts in translator.translate_iter(sentences):
        for i, text in zip(indices, texts):
            out[i] = text
    return out


def split_to_limit(sentence: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut a sentence into pieces of at most ``limit`` tokens: clauses first, then word windows."""
    if count(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for clause in _CLAUSE_BREAK.split(sentence):
        if not clause:
            continue
        candidate = f"{current} {clause}".strip()
        if count(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count(clause) <= limit:
            current = clause
        else:
            pieces.extend(_word_windows(clause, count, limit))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _word_windows(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    # Counting each word once keeps this linear even for a megabyte with no punctuation; the
    # sum of per-word counts is an upper bound for subword tokenizers, so windows stay legal.
    windows: list[str] = []
    words: list[str] = []
    used = 0
    for word in text.split():
        cost = max(1, count(word))
        if cost > limit:  # one absurdly long "word" (a URL, a hash): cut it by characters
            if words:
                windows.append(" ".join(words))
                words, used = [], 0
            step = max(1, len(word) * limit // cost)
            windows.extend(word[i : i + step] for i in range(0, len(word), step))
            continue
        if used + cost > limit and words:
            windows.append(" ".join(words))
            words, used = [], 0
        words.append(word)
        used += cost
    if words:
        windows.append(" ".join(words))
    return windows


class Seq2SeqTranslator:
    """A transformers encoder-decoder (MarianMT, NLLB/M2M100, …) translating sentence batches.

    The model is loaded on first use, once per process (see ``models.load_seq2seq``).
    """

    def __init__(
        self,
        model: str | ModelSpec,
        *,
        device: str = "auto",
        decoding: DecodingOptions | None = None,
        batch_tokens: int = 4096,
        max_batch_size: int = 32,
    ) -> None:
        self.spec = model if isinstance(model, ModelSpec) else resolve(model, "translation")
        self.name = self.spec.id
        self.device = device
        self.decoding = decoding or DecodingOptions()
        self.batch_tokens = batch_tokens
        self.max_batch_size = max_batch_size
        self._loaded: LoadedModel | None = None

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            self._loaded = load_seq2seq(self.spec, self.device)
        return self._loaded

    def _count(self, text: str) -> int:
        return len(self.loaded.tokenizer(text, add_special_tokens=False)["input_ids"])

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return translate_all(self, sentences)

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        if not sentences:
            return
        loaded = self.loaded
        # Room for special tokens (EOS, NLLB's language code) inside the position limit.
        limit = max(8, loaded.source_limit - 4)
        pieces: list[str] = []
        owner: list[int] = []
        for i, sentence in enumerate(sentences):
            parts = split_to_limit(sentence, self._count, limit) if sentence.strip() else [""]
            if len(parts) > 1:
                log.info("sentence %d split into %d pieces to fit the model limit", i, len(parts))
            pieces.extend(parts)
            owner.extend([i] * len(parts))
        lengths = [self._count(p) for p in pieces]
        remaining = Counter(owner)
        done: dict[int, list[tuple[int, str]]] = {}
        for batch in self._batches(lengths):
            texts = self._generate([pieces[k] for k in batch], max(lengths[k] for k in batch))
            finished_idx: list[int] = []
            finished_txt: list[str] = []
            for k, text in zip(batch, texts):
                src = owner[k]
                done.setdefault(src, []).append((k, text))
                remaining[src] -= 1
                if remaining[src] == 0:
                    parts = [t for _, t in sorted(done.pop(src))]
                    finished_idx.append(src)
                    finished_txt.append(" ".join(p for p in parts if p).strip())
            if finished_idx:
                yield finished_idx, finished_txt

    def _batches(self, lengths: list[int]) -> Iterator[list[int]]:
        """Length-sorted batches under a token budget: little padding, bounded memory."""
        order = sorted(range(len(lengths)), key=lambda k: lengths[k])
        batch: list[int] = []
        longest = 0
        for k in order:
            size = lengths[k] + 2
            too_many = len(batch) >= self.max_batch_size
            too_big = max(longest, size) * (len(batch) + 1) > self.batch_tokens
            if batch and (too_many or too_big):
                yield batch
                batch, longest = [], 0
            batch.append(k)
            longest = max(longest, size)
        if batch:
            yield batch

    def _generate(self, texts: list[str], longest: int) -> list[str]:
        import torch

        loaded = self.loaded
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        opts = self.decoding
        positions = getattr(loaded.model.config, "max_position_embeddings", 512) or 512
        max_new = min(int(opts.max_length_ratio * longest + opts.max_length_offset), positions - 2)
        kwargs: dict[str, Any] = {
            "num_beams": opts.beam_size,
            "do_sample": False,
            "max_new_tokens": max(1, max_new),
            "repetition_penalty": opts.repetition_penalty,
            "no_repeat_ngram_size": opts.no_repeat_ngram_size,
            **loaded.generate_kwargs,
        }
        if opts.beam_size == 1:
            kwargs["early_stopping"] = False
        with loaded.lock, torch.inference_mode():
            batch = loaded.tokenizer(
                texts, return_tensors="pt", padding=True, truncation=False
            ).to(loaded.model.device)
            output = loaded.model.generate(**batch, **kwargs)
        decoded = loaded.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [d.strip() if t.strip() else "" for d, t in zip(decoded, texts)]
