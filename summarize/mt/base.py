"""Sentence translation: a small Translator interface and its implementations.

Sentences go to the model one per input row, never a whole paragraph: opus-mt-id-en and NLLB
both drop whole sentences from multi-sentence inputs.  Nothing is truncated either: a sentence
longer than the model's source limit is split at clause boundaries (then at word windows) and
the pieces' translations joined, so every source sentence gets exactly one translation.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from ..errors import InputError
from ..text.clauses import split_clauses

__all__ = [
    "DecodingOptions",
    "Translator",
    "IdentityTranslator",
    "BatchedTranslator",
    "translate_all",
    "split_to_limit",
]

log = logging.getLogger(__name__)


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
        if self.no_repeat_ngram_size < 0:
            raise InputError("no_repeat_ngram_size must be 0 (off) or more, "
                             f"not {self.no_repeat_ngram_size}.")
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
    for clause in split_clauses(sentence):
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


class BatchedTranslator:
    """Shared by the backends: split over-long sentences, batch by length, reassemble.

    Pieces are sorted by token count and packed under a token budget, so a batch holds
    sentences of similar length (little padding, bounded memory); every finished batch is
    yielded at once, in document indices.  The first batch is kept small so the first
    translations show up quickly.  Subclasses provide ``_count``, ``_limit`` and ``_generate``.

    Batch sizes are what ran fastest at beam 4 on 2 cores with opus-mt-id-en's architecture
    (bench/bench_speed.py): 16 for torch (32 ran at half the speed and needed 1.5 times the
    memory) and 8 per CTranslate2 worker, with one worker per core.
    """

    name: str
    backend: str
    decoding: DecodingOptions

    def __init__(self, *, batch_tokens: int, max_batch_size: int, first_batch_size: int = 4) -> None:
        self.batch_tokens = batch_tokens
        self.max_batch_size = max_batch_size
        self.first_batch_size = first_batch_size
        self.tokens_generated = 0  # since construction: lets callers compute tokens/s

    def _count(self, text: str) -> int:
        raise NotImplementedError

    def _limit(self) -> int:
        raise NotImplementedError

    def _generate(self, texts: list[str], longest: int) -> list[str]:
        raise NotImplementedError

    def _score(self, sources: list[str], targets: list[str]) -> list[float]:
        raise NotImplementedError

    def _count_target(self, text: str) -> int:
        """Tokens of an English text on the decoder's side (its vocabulary may split otherwise)."""
        return self._count(text)

    def _in_flight(self) -> int:
        """How many batches may be queued at once (1: one after the other)."""
        return 1

    def _submit(self, texts: list[str], longest: int) -> Any:
        return self._generate(texts, longest)

    def _collect(self, handle: Any) -> list[str]:
        return handle  # type: ignore[no-any-return]

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return translate_all(self, sentences)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
        """How likely the model finds each English ``targets[k]`` as the translation of
        ``sources[k]``: the summed natural-log probability of its tokens, teacher-forced (what a
        forced language code costs is not counted).  None where either side is empty or the
        source is over the model's limit (it would be translated in pieces, not scored whole).

        Scores of one target under different sources compare directly (same tokens); scores of
        different targets do not (a longer text is less likely).
        """
        if len(sources) != len(targets):
            raise ValueError(f"{len(sources)} sources but {len(targets)} targets")
        limit = max(8, self._limit() - 4)
        out: list[float | None] = [None] * len(sources)
        keep: list[int] = []
        lengths: list[int] = []
        # One English is usually scored under many sources (the model check): count it once.
        target_tokens = {t: self._count_target(t) for t in set(targets) if t.strip()}
        for k, (source, target) in enumerate(zip(sources, targets)):
            if not source.strip() or not target.strip():
                continue
            longest = max(self._count(source), target_tokens[target])
            if longest <= limit:
                keep.append(k)
                lengths.append(longest)
        for batch in self._batches(lengths):
            ks = [keep[b] for b in batch]
            for k, value in zip(ks, self._score([sources[k] for k in ks], [targets[k] for k in ks])):
                out[k] = value
        return out

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        if not sentences:
            return
        # Room for special tokens (EOS, NLLB's language code) inside the position limit.
        limit = max(8, self._limit() - 4)
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

        def finish(batch: list[int], texts: list[str]) -> Iterator[tuple[list[int], list[str]]]:
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

        # Batches are queued a few ahead (CTranslate2 decodes them on parallel workers) and
        # collected in order, so results still arrive shortest-first.
        window = max(1, self._in_flight())
        pending: deque[tuple[list[int], Any]] = deque()
        for batch in self._batches(lengths):
            longest = max(lengths[k] for k in batch)
            pending.append((batch, self._submit([pieces[k] for k in batch], longest)))
            if len(pending) >= window:
                done_batch, handle = pending.popleft()
                yield from finish(done_batch, self._collect(handle))
        while pending:
            done_batch, handle = pending.popleft()
            yield from finish(done_batch, self._collect(handle))

    def _batches(self, lengths: list[int]) -> Iterator[list[int]]:
        """Length-sorted batches under a token budget: little padding, bounded memory."""
        order = sorted(range(len(lengths)), key=lambda k: lengths[k])
        batch: list[int] = []
        longest = 0
        cap = max(1, min(self.first_batch_size, self.max_batch_size))
        for k in order:
            size = lengths[k] + 2
            too_many = len(batch) >= cap
            too_big = max(longest, size) * (len(batch) + 1) > self.batch_tokens
            if batch and (too_many or too_big):
                yield batch
                batch, longest, cap = [], 0, self.max_batch_size
            batch.append(k)
            longest = max(longest, size)
        if batch:
            yield batch

    def _max_new(self, longest: int, positions: int) -> int:
        opts = self.decoding
        return max(1, min(int(opts.max_length_ratio * longest + opts.max_length_offset), positions - 2))
