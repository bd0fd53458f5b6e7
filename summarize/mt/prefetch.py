"""Translating ahead: the sentences of a whole window of articles in shared, length-sorted
batches, answered later one article at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .base import Translator

__all__ = ["PrefetchingTranslator"]


class PrefetchingTranslator:
    """A translator that answers from sentences translated ahead for a whole window of files."""

    def __init__(self, inner: Translator) -> None:
        self.inner = inner
        self.name = inner.name
        self.memo: dict[str, str] = {}

    def prefetch(self, texts: Iterable[str]) -> None:
        missing = sorted({t for t in texts if t not in self.memo})
        for indices, outputs in self.inner.translate_iter(missing):
            for i, out in zip(indices, outputs):
                self.memo[missing[i]] = out

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        self.prefetch(sentences)
        if sentences:
            yield list(range(len(sentences))), [self.memo[s] for s in sentences]

    # The wrapped translator's identity, so a batch reports and fingerprints the same model
    # as `run` does (explicit, no attribute forwarding).
    @property
    def fingerprint(self) -> str:
        return str(getattr(self.inner, "fingerprint", self.inner.name))

    @property
    def backend(self) -> str | None:
        return getattr(self.inner, "backend", None)

    @property
    def decoding(self) -> Any:
        return getattr(self.inner, "decoding", None)
