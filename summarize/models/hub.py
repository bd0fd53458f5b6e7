"""What is on this machine, and fetching what is not: the Hugging Face Hub side of models.

Loading looks at local files first and only then at the Hub, so a machine with the weights
cached works offline without any setting; a machine without them gets a
``ModelUnavailableError`` that names the exact command which fixes it.
"""

from __future__ import annotations

import hashlib
import logging
import socket
from pathlib import Path
from urllib.parse import urlparse

from .. import settings
from ..errors import ModelUnavailableError
from .registry import ENV_FOR_TASK, ModelSpec

__all__ = ["is_offline", "is_available", "has_weights", "weights_folder", "model_fingerprint",
           "missing_message", "download"]

log = logging.getLogger(__name__)

# Files worth downloading: configs, tokenizers, and one weight format (safetensors preferred).
_TOKENIZER_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.tiktoken"]
_SKIP_PATTERNS = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "*.tflite", "rust_model*"]


def is_offline() -> bool:
    return settings.is_offline()


def is_available(spec: ModelSpec) -> bool:
    """True when config and weights are on this machine (never touches the network)."""
    if spec.local_dir:
        return (spec.local_dir / "config.json").is_file() and has_weights(spec.local_dir)
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(spec.id, "config.json")
    return isinstance(config, str) and has_weights(Path(config).parent)


def has_weights(folder: Path) -> bool:
    # model.bin: a CTranslate2 directory (see models/converted.py).
    return (
        any(folder.glob("*.safetensors"))
        or (folder / "pytorch_model.bin").is_file()
        or (folder / "model.bin").is_file()
    )


def weights_folder(spec: ModelSpec) -> Path | None:
    if spec.local_dir:
        return spec.local_dir
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(spec.id, "config.json")
    return Path(config).parent if isinstance(config, str) else None


def model_fingerprint(spec: ModelSpec, folder: Path | None = None) -> str:
    """Identifies the exact weights (files, sizes, dates) without reading them: a cache key part.

    Hub snapshots are named by commit, local directories change size or date when rewritten.
    """
    folder = folder or weights_folder(spec)
    if folder is None:
        return f"id:{spec.id}"
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for path in sorted(folder.iterdir()):
        if path.suffix in {".json", ".bin", ".safetensors", ".spm", ".model", ".txt"}:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{spec.id}@{digest.hexdigest()[:16]}"


def missing_message(spec: ModelSpec, reason: str) -> str:
    env = ENV_FOR_TASK.get(spec.task, "SUMMARIZE_MT_MODEL")
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
            missing_message(spec, "offline mode is on (HF_HUB_OFFLINE=1)"), model=spec.id
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
            missing_message(spec, f"the Hub cannot be reached ({type(exc).__name__})"),
            model=spec.id,
        ) from exc
    return Path(path)


def _check_hub_reachable(spec: ModelSpec, timeout: float = 3.0) -> None:
    # huggingface_hub retries for half a minute and logs every attempt; one quick connection
    # attempt tells an offline machine apart in a moment and keeps the message to one paragraph.
    from huggingface_hub import constants

    url = urlparse(constants.ENDPOINT)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname or "", port), timeout=timeout):
            return
    except OSError as exc:
        raise ModelUnavailableError(
            missing_message(spec, "the Hub cannot be reached"), model=spec.id
        ) from exc
