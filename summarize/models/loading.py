"""Loading a transformers seq2seq model once per process, thread-safe, on the right device."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import InputError, ModelUnavailableError
from .diagnose import check_model_dir, fix_command, source_limit
from .hub import download, is_available, weights_folder
from .registry import ModelSpec

__all__ = ["LoadedModel", "load_seq2seq", "torch_dtype", "usable_cores", "language_kwargs", "source_prefix",
           "TARGET_TOKEN"]

TARGET_TOKEN = "<2en>"  # MADLAD-400's "translate into English" token

log = logging.getLogger(__name__)


@dataclass
class LoadedModel:
    spec: ModelSpec
    tokenizer: Any
    model: Any
    kind: str
    generate_kwargs: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    source_prefix: str = ""  # put before every source sentence (MADLAD: "<2en> ")

    @property
    def source_limit(self) -> int:
        """Longest tokenised input the model accepts, special tokens included: read from the
        config (positions), the tokenizer and the preset's cap (``max_source_tokens``)."""
        return source_limit(self.model.config.to_dict(), getattr(self.tokenizer, "model_max_length", None),
                            self.spec.max_source_tokens)

    @property
    def positions(self) -> int:
        """Longest sequence the decoder may produce (the same limits as the source)."""
        return source_limit(self.model.config.to_dict())


_cache: dict[tuple[str, ...], LoadedModel] = {}


_cache_lock = threading.Lock()


def load_seq2seq(spec: ModelSpec, device: str = "auto", dtype: str = "auto") -> LoadedModel:
    """Load tokenizer and model once per process; later calls return the same objects."""
    dtype = torch_dtype(device, dtype)
    # The folder is part of the key: a model downloaded again (or into another cache) is new.
    key = (spec.location, device, dtype, str(weights_folder(spec) or ""))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(spec, device, dtype)
        return _cache[key]


def _cpu_has_bf16() -> bool:
    # Read from the CPU flags rather than asked of torch, so deciding (and the cache key that
    # depends on it) costs no torch import.  Without native bf16 it is emulated, and slower.
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line for line in f if line.startswith("flags")), "")
    except OSError:
        return False
    return any(f" {flag}" in flags for flag in ("avx512_bf16", "amx_bf16"))


def torch_dtype(device: str = "auto", dtype: str = "auto") -> str:
    """``float32`` or ``bfloat16``: bf16 on CPUs with native support (``SUMMARIZE_TORCH_DTYPE``)."""
    if dtype == "auto":
        dtype = settings.torch_dtype()
    if dtype == "auto":
        return "bfloat16" if device in {"auto", "cpu"} and _cpu_has_bf16() else "float32"
    if dtype not in {"float32", "bfloat16", "float16"}:
        raise InputError(f"Unknown dtype {dtype!r}; use auto, float32, bfloat16 or float16.")
    return dtype


def _settle_device(device: str) -> str:
    import torch

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device not in {"cpu", "cuda"} and not device.startswith("cuda:"):
        raise InputError(f"Unknown device {device!r}; use auto, cpu or cuda.")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise InputError("A GPU was requested (device cuda) but this machine or torch build has "
                         "none; use --device cpu or auto.")
    return device


def _model_folder(spec: ModelSpec) -> Path:
    if spec.local_dir:
        return spec.local_dir
    if not is_available(spec):
        return download(spec)  # before importing torch: a missing model fails fast
    folder = weights_folder(spec)
    return folder if folder is not None else download(spec)


def _read(spec: ModelSpec, folder: Path) -> tuple[Any, Any]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    # The per-tensor "Loading weights" bar is noise next to our own progress display.
    bars_were_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, KeyError, RuntimeError, ImportError) as exc:
        log.debug("loading %s failed: %r", folder, exc)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelUnavailableError(
            f"Model {spec.id} could not be loaded from {folder} ({first[:300]}). "
            + fix_command(spec), model=spec.id,
        ) from exc
    finally:
        if bars_were_on:
            hf_logging.enable_progress_bar()
    return tokenizer, model


def _load(spec: ModelSpec, device: str, dtype: str = "float32") -> LoadedModel:
    folder = _model_folder(spec)
    check_model_dir(folder, spec)  # one clear paragraph instead of a loader's traceback
    import torch

    # Settle the device before reading hundreds of MB of weights it could not run on.
    device = _settle_device(device)
    tokenizer, model = _read(spec, folder)
    if device == "cuda" and dtype == "bfloat16" and not torch.cuda.is_bf16_supported():
        dtype = "float32"
    model.to(device=device, dtype=getattr(torch, dtype))
    model.eval()
    # We always pass max_new_tokens (relative to the input); the config's absolute max_length
    # would only trigger a "both are set" warning on every call.
    model.generation_config.max_length = None
    torch.set_num_threads(usable_cores())
    kind = model.config.model_type
    generate_kwargs = language_kwargs(spec, tokenizer, kind) if spec.task == "translation" else {}
    prefix = source_prefix(spec, tokenizer, kind) if spec.task == "translation" else ""
    log.info("loaded %s (%s) on %s, %s", spec.id, kind, device, dtype)
    return LoadedModel(spec, tokenizer, model, kind, generate_kwargs, source_prefix=prefix)


def usable_cores() -> int:
    # Containers often allow fewer cores than the host has; use what this process may run on.
    # SUMMARIZE_THREADS overrides (tiny models and busy machines run faster on one thread).
    threads = settings.threads()
    if threads:
        return threads
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def language_kwargs(spec: ModelSpec, tokenizer: Any, kind: str) -> dict[str, Any]:
    """NLLB/M2M100 need the source code on the tokenizer and a forced English BOS token.

    A wrong or missing code does not fail: the model silently answers in another language,
    so the codes are checked against the vocabulary here.
    """
    if kind != "m2m_100":
        return {}
    unk = tokenizer.unk_token_id
    candidates = [(spec.src_lang, spec.tgt_lang)] if spec.src_lang else []
    candidates += [("ind_Latn", "eng_Latn"), ("__id__", "__en__")]
    for src, tgt in candidates:
        src_id = tokenizer.convert_tokens_to_ids(src)
        tgt_id = tokenizer.convert_tokens_to_ids(tgt)
        if src_id not in (None, unk) and tgt_id not in (None, unk):
            tokenizer.src_lang = src if not src.startswith("__") else src.strip("_")
            return {"forced_bos_token_id": tgt_id}
    raise ModelUnavailableError(
        f"Model {spec.id} is multilingual but its tokenizer knows neither ind_Latn/eng_Latn "
        "nor id/en language codes, so it cannot be told to translate Indonesian into English.",
        model=spec.id,
    )


def source_prefix(spec: ModelSpec, tokenizer: Any, kind: str) -> str:
    """MADLAD-400 (T5) translates into the language of a leading ``<2xx>`` token.

    A preset names its prefix; a directory gets ``<2en> `` when its vocabulary has that token.
    A T5 model without it was not trained to translate on request, and would answer with
    anything, so it is refused here with a clear message.
    """
    if spec.src_prefix:
        return spec.src_prefix
    if kind not in {"t5", "mt5", "umt5"}:
        return ""
    token_id = tokenizer.convert_tokens_to_ids(TARGET_TOKEN)
    ids = tokenizer(f"{TARGET_TOKEN} a", add_special_tokens=False)["input_ids"]
    if token_id in (None, tokenizer.unk_token_id) or token_id not in ids:
        raise ModelUnavailableError(
            f"Model {spec.id} is a T5 model whose tokenizer has no {TARGET_TOKEN} token, so it "
            "cannot be told to translate into English (MADLAD-400 models have it). Use a preset "
            "from `summarize models list`, such as madlad-3b.",
            model=spec.id,
        )
    return f"{TARGET_TOKEN} "
