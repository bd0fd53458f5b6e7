"""CTranslate2 backend: detecting converted models, choosing the backend, loading, translating.

CTranslate2 runs the same Marian/NLLB/BART weights several times faster than transformers on
a CPU (int8 matrix products, no Python in the decoding loop, batches decoded side by side on
separate cores), and int8 weights take a quarter of float32's memory.
A converted directory holds ``model.bin`` + CTranslate2's ``config.json`` and vocabulary, the
original tokenizer files copied alongside, and ``summarize-ct2.json`` recording where it came
from and the generation details the converter drops (forced BOS/EOS, length limits).

``ctranslate2`` is imported only when a converted model is used or made, and a Marian model
is tokenised with SentencePiece directly, so the fast path never imports torch or
transformers: the first sentence appears about as soon as the weights are read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, ModelUnavailableError
from ..models import (
    ModelSpec,
    ct2_available,
    ct2_install_hint,
    fix_command,
    language_kwargs,
    model_fingerprint,
    read_meta,
    resolve,
    source_limit,
    source_prefix,
    usable_cores,
)
from .base import BatchedTranslator, DecodingOptions
from .tokenizer import HFTokenizer, MarianSpmTokenizer, load_tokenizer

__all__ = ["CT2Translator", "LoadedCT2", "load_ct2"]

log = logging.getLogger(__name__)


# -- loading ------------------------------------------------------------------------------
@dataclass
class LoadedCT2:
    """A CTranslate2 model with its tokenizer and the generation details of the original."""

    folder: Path
    translator: Any
    tokenizer: MarianSpmTokenizer | HFTokenizer
    meta: dict[str, Any]
    compute_type: str
    target_prefix: list[str] = field(default_factory=list)
    forced_eos: bool = False
    source_limit: int = 512
    positions: int = 512
    workers: int = 1  # batches CTranslate2 decodes at the same time
    source_prefix: str = ""  # put before every source sentence (MADLAD: "<2en> ")

    def submit(
        self,
        tokens: list[list[str]],
        *,
        beam_size: int,
        max_new_tokens: int,
        **options: Any,
    ) -> Callable[[], tuple[list[str], int]]:
        """Queue a batch on a free worker; the returned call waits for (texts, tokens generated)."""
        # transformers counts the forced final EOS in max_new_tokens; CTranslate2 does not
        # emit it, so one step less gives the same text when the limit is reached.
        limit = max(1, max_new_tokens - (1 if self.forced_eos else 0))
        prefix = [list(self.target_prefix) for _ in tokens] if self.target_prefix else None
        pending = self.translator.translate_batch(
            tokens,
            beam_size=beam_size,
            max_decoding_length=limit,
            target_prefix=prefix,
            max_input_length=0,  # callers split long inputs; never truncate silently here
            asynchronous=True,
            **options,
        )

        def wait() -> tuple[list[str], int]:
            texts: list[str] = []
            generated = 0
            for job in pending:
                hyp = job.result().hypotheses[0]
                generated += max(0, len(hyp) - len(self.target_prefix))
                texts.append(self.tokenizer.decode(hyp))
            return texts, generated

        return wait

    def score(self, sources: list[str], targets: list[str]) -> list[float]:
        """Summed log-probabilities of the English ``targets`` given ``sources`` (their EOS
        included, the forced language code not): CTranslate2's teacher-forced scoring."""
        src = [self.tokenizer.encode(self.source_prefix + s) for s in sources]
        tgt = [list(self.target_prefix) + self.tokenizer.encode_target(t) for t in targets]
        results = self.translator.score_batch(src, tgt, max_input_length=0,
                                              offset=len(self.target_prefix))
        return [float(sum(r.log_probs)) for r in results]

    def generate(self, tokens: list[list[str]], **options: Any) -> tuple[list[str], int]:
        """Decoded outputs and the number of tokens generated for them."""
        return self.submit(tokens, **options)()


_cache: dict[tuple[str, str, str, bool], LoadedCT2] = {}


_cache_lock = threading.Lock()


def load_ct2(
    spec: ModelSpec,
    folder: Path,
    device: str = "auto",
    compute_type: str = "default",
    *,
    parallel: bool = True,
) -> LoadedCT2:
    """Load a converted model once per process (thread-safe); later calls share it.

    ``parallel``: decode several batches at once, one per core (throughput: translation of
    many sentences); otherwise one batch at a time on all cores (latency: one summary).
    """
    key = (str(Path(folder).resolve()), device, compute_type, parallel)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(spec, Path(folder), device, compute_type, parallel)
        return _cache[key]


def _threads(parallel: bool) -> tuple[int, int]:
    """(workers, threads per worker) on this CPU.

    On opus-mt-id-en's architecture with 2 cores, two single-threaded workers decoding a batch
    of 8 each gave 1.8x the tokens/s of one two-threaded worker with batches of 16: a small
    model does not keep two threads busy inside one batch.
    """
    cores = usable_cores()
    if not parallel:
        return 1, cores
    per_worker = 1 if cores <= 4 else 2
    return max(1, cores // per_worker), per_worker


_NO_GPU = ("A GPU was requested (--device cuda) but CTranslate2 finds no CUDA device on this "
           "machine (no NVIDIA GPU or driver, or a CPU-only ctranslate2 build). There is no GPU to "
           "use: run with --device cpu (or auto, which picks the CPU here).")


def _device(device: str) -> tuple[str, int]:
    """``(device, index)`` for CTranslate2, refusing cuda where there is none (with the fix)."""
    import ctranslate2

    if device == "auto":
        return ("cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"), 0
    name, _, index = device.partition(":")
    if name not in {"cpu", "cuda"} or (index and not index.isdigit()):
        raise InputError(f"Unknown device {device!r}; use auto, cpu or cuda.")
    if name == "cuda" and ctranslate2.get_cuda_device_count() <= int(index or 0):
        raise InputError(_NO_GPU)
    return name, int(index or 0)


def _open(spec: ModelSpec, folder: Path, device: str, index: int, compute_type: str,
          threads: tuple[int, int], meta: dict[str, Any]) -> Any:
    import ctranslate2

    try:
        return ctranslate2.Translator(str(folder), device=device, device_index=index,
                                      compute_type=compute_type, inter_threads=threads[0],
                                      intra_threads=threads[1])
    except (RuntimeError, ValueError) as exc:
        if device == "cuda" and "cuda" in str(exc).lower():
            raise InputError(f"{_NO_GPU} ({str(exc).splitlines()[0]})") from exc
        named = spec if not meta.get("name") else ModelSpec(name=meta["name"], id=spec.id, task=spec.task)
        raise ModelUnavailableError(
            f"The CTranslate2 model in {folder} could not be loaded: {exc}. "
            + fix_command(named, converted=True),
            model=spec.id,
        ) from exc


def _prefixes(spec: ModelSpec, tokenizer: MarianSpmTokenizer | HFTokenizer, kind: str,
              meta: dict[str, Any]) -> tuple[list[str], str]:
    """(target prefix, source prefix): NLLB's forced English code, MADLAD's <2en>."""
    target: list[str] = []
    source = str(meta.get("source_prefix") or spec.src_prefix or "")
    if kind == "m2m_100" and isinstance(tokenizer, HFTokenizer):
        lang_spec = spec if spec.src_lang else ModelSpec(
            name=spec.name, id=spec.id, task=spec.task,
            src_lang=meta.get("src_lang"), tgt_lang=meta.get("tgt_lang"),
        )
        forced = language_kwargs(lang_spec, tokenizer.hf, kind)["forced_bos_token_id"]
        target = [tokenizer.hf.convert_ids_to_tokens(forced)]
    elif meta.get("forced_bos_token"):
        target = [meta["forced_bos_token"]]
    if not source and kind in {"t5", "mt5"} and isinstance(tokenizer, HFTokenizer) and spec.task == "translation":
        source = source_prefix(spec, tokenizer.hf, kind)
    return target, source


def _load(spec: ModelSpec, folder: Path, device: str, compute_type: str, parallel: bool) -> LoadedCT2:
    if not ct2_available():
        raise ModelUnavailableError("The ctranslate2 backend is not installed. " + ct2_install_hint())
    device, index = _device(device)
    meta = read_meta(folder)
    workers, per_worker = _threads(parallel) if device == "cpu" else (1, 0)
    translator = _open(spec, folder, device, index, compute_type, (workers, per_worker), meta)
    tokenizer, kind = load_tokenizer(folder, meta)
    prefix, src_prefix = _prefixes(spec, tokenizer, kind, meta)
    positions = int(meta.get("max_position_embeddings") or 512)
    tok_limit = getattr(getattr(tokenizer, "hf", None), "model_max_length", None)
    limit = meta.get("source_limit") or source_limit(
        {"max_position_embeddings": positions}, tok_limit, spec.max_source_tokens)
    if spec.max_source_tokens:
        limit = min(int(limit), spec.max_source_tokens)
    forced_eos = bool(meta.get("forced_eos", kind in {"marian", "bart"}))
    log.info("loaded CTranslate2 model %s on %s (%s, %d x %d threads)",
             folder.name, device, translator.compute_type, workers, per_worker)
    return LoadedCT2(
        folder=folder,
        translator=translator,
        tokenizer=tokenizer,
        meta=meta,
        compute_type=str(translator.compute_type),
        target_prefix=prefix,
        forced_eos=forced_eos,
        source_limit=int(limit),
        positions=positions,
        workers=workers,
        source_prefix=src_prefix,
    )


class CT2Translator(BatchedTranslator):
    """The same translation through CTranslate2 (a converted directory, int8 by default).

    Same splitting, length-sorted batching and decoding settings as ``Seq2SeqTranslator``; with
    greedy decoding in float32 and equal batches the output is the same (tested).  Batches are
    queued a few ahead so every worker stays busy.
    """

    backend = "ctranslate2"

    def __init__(
        self,
        model: str | ModelSpec,
        folder: Path | str | None = None,
        *,
        device: str = "auto",
        decoding: DecodingOptions | None = None,
        compute_type: str = "default",
        batch_tokens: int = 4096,
        max_batch_size: int = 8,
    ) -> None:
        super().__init__(batch_tokens=batch_tokens, max_batch_size=max_batch_size)
        self.spec = model if isinstance(model, ModelSpec) else resolve(model, "translation")
        self.folder = Path(folder) if folder else self.spec.local_dir
        if self.folder is None:
            raise InputError(f"{self.spec.id} is not a CTranslate2 directory; convert it first.")
        meta = read_meta(self.folder)
        source = meta.get("source") or self.spec.id
        self.name = f"{source} (ctranslate2 {meta.get('quantization') or 'converted'})"
        self.device = device
        self.compute_type = compute_type
        self.decoding = decoding or DecodingOptions()
        self._loaded: LoadedCT2 | None = None
        self._fingerprint: str | None = None

    @property
    def loaded(self) -> LoadedCT2:
        if self._loaded is None:
            self._loaded = load_ct2(self.spec, self.folder, self.device, self.compute_type)
        return self._loaded

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            files = model_fingerprint(self.spec, self.folder)
            self._fingerprint = f"ctranslate2:{self.device}:{self.compute_type}:{files}"
        return self._fingerprint

    def _count(self, text: str) -> int:
        return self.loaded.tokenizer.count(text)

    def _limit(self) -> int:
        return self.loaded.source_limit

    def _in_flight(self) -> int:
        # One more than the workers, so a worker never waits for the next batch to be queued.
        return self.loaded.workers + 1

    def _submit(self, texts: list[str], longest: int) -> Any:
        if not any(t.strip() for t in texts):
            return texts, None
        loaded = self.loaded
        opts = self.decoding
        wait = loaded.submit(
            [loaded.tokenizer.encode(loaded.source_prefix + t) for t in texts],
            beam_size=opts.beam_size,
            max_new_tokens=self._max_new(longest, loaded.positions),
            repetition_penalty=opts.repetition_penalty,
            no_repeat_ngram_size=opts.no_repeat_ngram_size,
        )
        return texts, wait

    def _collect(self, handle: Any) -> list[str]:
        texts, wait = handle
        if wait is None:
            return ["" for _ in texts]
        outputs, generated = wait()
        self.tokens_generated += generated
        return [o if t.strip() else "" for o, t in zip(outputs, texts)]

    def _generate(self, texts: list[str], longest: int) -> list[str]:
        return self._collect(self._submit(texts, longest))

    def _count_target(self, text: str) -> int:
        return len(self.loaded.tokenizer.encode_target(text))

    def _score(self, sources: list[str], targets: list[str]) -> list[float]:
        return self.loaded.score(sources, targets)
