"""Model registry, name resolution, download and (cached, thread-safe) loading.

A model argument is a preset name from ``models/registry.toml``, a Hugging Face Hub id, or a
local directory.  Loading looks at local files first and only then at the Hub, so a machine
with the weights cached works offline without any setting; a machine without them gets a
``ModelUnavailableError`` that names the exact command which fixes it.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ModelUnavailableError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

__all__ = [
    "REGISTRY_PATH",
    "SOURCE_MODELS_DIR",
    "INSTALLED_DATA_DIR",
    "ModelSpec",
    "LoadedModel",
    "load_registry",
    "resolve",
    "default_model",
    "is_available",
    "is_offline",
    "download",
    "load_seq2seq",
    "model_fingerprint",
    "torch_dtype",
    "convert",
]

log = logging.getLogger(__name__)

# A checkout (or the editable install the Makefile does) keeps the registry in models/; a
# plain `pip install .` puts a copy under <prefix>/share/summarize/ (pyproject data-files).
SOURCE_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
INSTALLED_DATA_DIR = Path(sys.prefix) / "share" / "summarize"
REGISTRY_PATH = (SOURCE_MODELS_DIR / "registry.toml" if (SOURCE_MODELS_DIR / "registry.toml").is_file()
                 else INSTALLED_DATA_DIR / "registry.toml")
_ENV_FOR_TASK = {"translation": "SUMMARIZE_MT_MODEL", "summarization": "SUMMARIZE_SUMMARIZER"}
# Files worth downloading: configs, tokenizers, and one weight format (safetensors preferred).
_TOKENIZER_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.tiktoken"]
_SKIP_PATTERNS = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "*.tflite", "rust_model*"]


@dataclass(frozen=True)
class ModelSpec:
    """Where a model comes from and what the user must know about it (licence!)."""

    name: str
    id: str
    task: str
    licence: str = "unknown"
    notes: str = ""
    params: str = ""
    default: bool = False
    src_lang: str | None = None
    tgt_lang: str | None = None
    local_dir: Path | None = None

    @property
    def location(self) -> str:
        return str(self.local_dir) if self.local_dir else self.id


@dataclass
class LoadedModel:
    spec: ModelSpec
    tokenizer: Any
    model: Any
    kind: str
    generate_kwargs: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def source_limit(self) -> int:
        """Longest tokenised input the model accepts (positions), special tokens included."""
        limits = [getattr(self.model.config, "max_position_embeddings", None)]
        tok_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tok_limit, int) and tok_limit < 100_000:
            limits.append(tok_limit)
        usable = [x for x in limits if isinstance(x, int) and x > 0]
        return min(usable) if usable else 512


def load_registry(path: Path | None = None) -> dict[str, ModelSpec]:
    path = path or REGISTRY_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("model registry %s not found; only Hub ids and directories work", path)
        return {}
    known = set(ModelSpec.__dataclass_fields__) - {"name", "local_dir"}
    return {
        name: ModelSpec(name=name, **{k: v for k, v in entry.items() if k in known})
        for name, entry in data.items()
    }


def default_model(task: str, *, use_env: bool = True) -> str:
    """The model used when no argument names one: the environment's, else the registry's."""
    env = os.environ.get(_ENV_FOR_TASK.get(task, ""), "").strip() if use_env else ""
    if env:
        return env
    for spec in load_registry().values():
        if spec.task == task and spec.default:
            return spec.name
    raise ModelUnavailableError(f"No default {task} model is configured in {REGISTRY_PATH}.")


def resolve(ref: str, task: str = "translation") -> ModelSpec:
    """Map a preset name, Hub id or local directory to a ModelSpec."""
    ref = str(ref).strip()
    if not ref:
        raise InputError("An empty model name was given. Use a preset (`summarize models list`).")
    registry = load_registry()
    if ref in registry:
        spec = registry[ref]
        # A copy placed under models/<preset>/ wins over the Hub cache.
        local = REGISTRY_PATH.parent / ref
        if (local / "config.json").is_file():
            return _with_local(spec, local)
        return spec
    path = Path(ref).expanduser()
    if path.exists() or ref.startswith((".", "/", "~")):
        if not (path / "config.json").is_file():
            raise ModelUnavailableError(
                f"{path} is not a model directory (no config.json in it). Point to a folder "
                "made by `summarize models download` or `save_pretrained`, or use a preset "
                "name from `summarize models list`.",
                model=ref,
            )
        return ModelSpec(name=path.name, id=str(path), task=task, local_dir=path.resolve())
    for spec in registry.values():
        if spec.id == ref:
            return spec
    if "/" not in ref:
        names = ", ".join(sorted(registry)) or "none"
        raise InputError(
            f"Unknown model {ref!r}. Use a preset ({names}), a Hub id such as "
            "Helsinki-NLP/opus-mt-id-en, or a local model directory."
        )
    return ModelSpec(name=ref, id=ref, task=task)


def _with_local(spec: ModelSpec, local: Path) -> ModelSpec:
    fields = {k: getattr(spec, k) for k in ModelSpec.__dataclass_fields__}
    fields["local_dir"] = local.resolve()
    return ModelSpec(**fields)


def is_offline() -> bool:
    flags = (os.environ.get("HF_HUB_OFFLINE", ""), os.environ.get("TRANSFORMERS_OFFLINE", ""))
    return any(v.strip().lower() in {"1", "true", "yes", "on"} for v in flags)


def is_available(spec: ModelSpec) -> bool:
    """True when config and weights are on this machine (never touches the network)."""
    if spec.local_dir:
        return (spec.local_dir / "config.json").is_file() and _has_weights(spec.local_dir)
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(spec.id, "config.json")
    return isinstance(config, str) and _has_weights(Path(config).parent)


def _has_weights(folder: Path) -> bool:
    # model.bin: a CTranslate2 directory (see ct2.py).
    return (
        any(folder.glob("*.safetensors"))
        or (folder / "pytorch_model.bin").is_file()
        or (folder / "model.bin").is_file()
    )


def _weights_folder(spec: ModelSpec) -> Path | None:
    if spec.local_dir:
        return spec.local_dir
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(spec.id, "config.json")
    return Path(config).parent if isinstance(config, str) else None


def model_fingerprint(spec: ModelSpec, folder: Path | None = None) -> str:
    """Identifies the exact weights (files, sizes, dates) without reading them: a cache key part.

    Hub snapshots are named by commit, local directories change size or date when rewritten.
    """
    import hashlib

    folder = folder or _weights_folder(spec)
    if folder is None:
        return f"id:{spec.id}"
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for path in sorted(folder.iterdir()):
        if path.suffix in {".json", ".bin", ".safetensors", ".spm", ".model", ".txt"}:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{spec.id}@{digest.hexdigest()[:16]}"


def convert(
    model: str | ModelSpec,
    out_dir: Path | str | None = None,
    quantization: str = "int8",
    *,
    force: bool = False,
) -> Path:
    """Convert a model (preset, Hub id or directory) for the CTranslate2 backend.

    ``out_dir`` defaults to ``models/<name>-ct2``, where ``backend="auto"`` finds it.
    """
    from .ct2 import converted_dir
    from .convert import convert_model

    spec = model if isinstance(model, ModelSpec) else resolve(str(model))
    source = spec.local_dir or _weights_folder(spec)
    if source is None or not is_available(spec):
        source = download(spec)
    target = Path(out_dir) if out_dir else converted_dir(spec)
    return convert_model(spec, Path(source), target, quantization=quantization, force=force)


def _missing_message(spec: ModelSpec, reason: str) -> str:
    env = _ENV_FOR_TASK.get(spec.task, "SUMMARIZE_MT_MODEL")
    return (
        f"Model {spec.id} is not downloaded and {reason}. Run `summarize models download "
        f"{spec.name}` on a machine with internet (it stores the weights in the Hugging Face "
        f"cache, HF_HOME), or set {env} to a local model directory."
    )


def download(spec: ModelSpec) -> Path:
    """Fetch config, tokenizer and one weight format into the Hugging Face cache."""
    if spec.local_dir:
        return spec.local_dir
    if is_offline():
        raise ModelUnavailableError(
            _missing_message(spec, "offline mode is on (HF_HUB_OFFLINE=1)"), model=spec.id
        )
    _check_hub_reachable(spec)
    from huggingface_hub import HfApi, snapshot_download

    try:
        files = HfApi().list_repo_files(spec.id)
        weights = ["*.safetensors"] if any(f.endswith(".safetensors") for f in files) else [
            "pytorch_model.bin"
        ]
        path = snapshot_download(
            spec.id, allow_patterns=_TOKENIZER_PATTERNS + weights, ignore_patterns=_SKIP_PATTERNS
        )
    except Exception as exc:  # network, auth, missing repo: all mean "not available here"
        log.debug("download of %s failed: %r", spec.id, exc)
        raise ModelUnavailableError(
            _missing_message(spec, f"the Hub cannot be reached ({type(exc).__name__})"),
            model=spec.id,
        ) from exc
    return Path(path)


def _check_hub_reachable(spec: ModelSpec, timeout: float = 3.0) -> None:
    # huggingface_hub retries for half a minute and logs every attempt; one quick connection
    # attempt tells an offline machine apart in a moment and keeps the message to one paragraph.
    import socket
    from urllib.parse import urlparse

    from huggingface_hub import constants

    url = urlparse(constants.ENDPOINT)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname or "", port), timeout=timeout):
            return
    except OSError as exc:
        raise ModelUnavailableError(
            _missing_message(spec, "the Hub cannot be reached"), model=spec.id
        ) from exc


_cache: dict[tuple[str, str], LoadedModel] = {}
_cache_lock = threading.Lock()


def load_seq2seq(spec: ModelSpec, device: str = "auto", dtype: str = "auto") -> LoadedModel:
    """Load tokenizer and model once per process; later calls return the same objects."""
    dtype = torch_dtype(device, dtype)
    key = (spec.location, device, dtype)
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
        dtype = os.environ.get("SUMMARIZE_TORCH_DTYPE", "").strip() or "auto"
    if dtype == "auto":
        return "bfloat16" if device in {"auto", "cpu"} and _cpu_has_bf16() else "float32"
    if dtype not in {"float32", "bfloat16", "float16"}:
        raise InputError(f"Unknown dtype {dtype!r}; use auto, float32, bfloat16 or float16.")
    return dtype


def _load(spec: ModelSpec, device: str, dtype: str = "float32") -> LoadedModel:
    location = spec.location
    if not spec.local_dir and not is_available(spec):
        location = str(download(spec))  # before importing torch: a missing model fails fast
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    # Settle the device before reading hundreds of MB of weights it could not run on.
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device not in {"cpu", "cuda"} and not device.startswith("cuda:"):
        raise InputError(f"Unknown device {device!r}; use auto, cpu or cuda.")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise InputError("A GPU was requested (device cuda) but this machine or torch build has "
                         "none; use --device cpu or auto.")

    # The per-tensor "Loading weights" bar is noise next to our own progress display.
    bars_were_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(location, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        log.debug("loading %s failed: %r", location, exc)
        raise ModelUnavailableError(
            f"Model {spec.id} could not be loaded from {location}: {exc}. If the download was "
            f"interrupted, run `summarize models download {spec.name}` again.",
            model=spec.id,
        ) from exc
    finally:
        if bars_were_on:
            hf_logging.enable_progress_bar()
    if device == "cuda" and dtype == "bfloat16" and not torch.cuda.is_bf16_supported():
        dtype = "float32"
    model.to(device=device, dtype=getattr(torch, dtype))
    model.eval()
    # We always pass max_new_tokens (relative to the input); the config's absolute max_length
    # would only trigger a "both are set" warning on every call.
    model.generation_config.max_length = None
    torch.set_num_threads(_usable_cores())
    kind = model.config.model_type
    generate_kwargs = _language_kwargs(spec, tokenizer, kind)
    log.info("loaded %s (%s) on %s, %s", spec.id, kind, device, dtype)
    return LoadedModel(spec, tokenizer, model, kind, generate_kwargs)


def _usable_cores() -> int:
    # Containers often allow fewer cores than the host has; use what this process may run on.
    # SUMMARIZE_THREADS overrides (tiny models and busy machines run faster on one thread).
    if os.environ.get("SUMMARIZE_THREADS", "").strip().isdigit():
        return max(1, int(os.environ["SUMMARIZE_THREADS"]))
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _language_kwargs(spec: ModelSpec, tokenizer: Any, kind: str) -> dict[str, Any]:
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
