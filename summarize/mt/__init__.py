"""Machine translation: the Translator protocol and decoding options, batching, the
transformers and CTranslate2 backends, the SentencePiece tokenizer, the persistent cache, the
batch prefetcher and the factory that picks a backend.  May import text, models, settings and
errors."""

from __future__ import annotations

from .base import BatchedTranslator, DecodingOptions, IdentityTranslator, Translator, split_to_limit, translate_all
from .cache import DEFAULT_MAX_ENTRIES, CachedTranslator, CacheStats, TranslationCache, normalize_sentence
from .ct2 import CT2Translator, LoadedCT2, load_ct2
from .factory import BACKENDS, choose_backend, make_translator
from .hf import Seq2SeqTranslator
from .prefetch import PrefetchingTranslator
from .tokenizer import HFTokenizer, MarianSpmTokenizer, load_tokenizer

__all__ = [
    "Translator", "DecodingOptions", "IdentityTranslator", "BatchedTranslator", "translate_all",
    "split_to_limit", "Seq2SeqTranslator", "CT2Translator", "LoadedCT2", "load_ct2",
    "BACKENDS", "choose_backend", "make_translator", "CachedTranslator", "TranslationCache",
    "CacheStats", "DEFAULT_MAX_ENTRIES", "normalize_sentence", "PrefetchingTranslator",
    "HFTokenizer", "MarianSpmTokenizer", "load_tokenizer",
]
