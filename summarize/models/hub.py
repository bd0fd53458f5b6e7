"""What is on this machine, and fetching what is not: the Hugging Face Hub side of models.

Loading looks at local files first and only then at the Hub, so a machine with the weights
cached works offline without any setting; a machine without them gets a
``ModelUnavailableError`` that names the exact command which fixes it.
"""

from __future__ import annotations

import hashlib
import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from .. import settings
from ..errors import ModelUnavailableError
from .fetch import (
    DownloadProgress,
    ProgressCallback,
    download_reporter,
    fetch_snapshot,
    iter_events,
)
from .registry import ENV_FOR_TASK, ModelSpec

__all__ = ["is_offline", "is_available", "has_weights", "weights_folder", "model_fingerprint",
           "missing_message", "download", "iter_download"]

log = logging.getLogger(__name__)

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


def download(spec: ModelSpec, *, progress: ProgressCallback | None = None, force: bool = False) -> Path:
    """Fetch config, tokenizer and one weight format into the Hugging Face cache.

    ``progress`` receives a ``DownloadProgress`` after every chunk (default: the reporter set
    with ``set_download_reporter``, e.g. the CLI's tqdm bars).  An interrupted download resumes
    on the next call; ``force`` fetches every file again.
    """
    if spec.local_dir:
        return spec.local_dir
    if is_offline():
        raise ModelUnavailableError(
            missing_message(spec, "offline mode is on (HF_HUB_OFFLINE=1)"), model=spec.id
        )
    _check_hub_reachable(spec)
    return fetch_snapshot(spec, progress or download_reporter(), force=force)


def iter_download(spec: ModelSpec, *, force: bool = False) -> Iterator[DownloadProgress]:
    """The same download as a generator of progress events (the last one has ``finished`` and
    ``path``), for a web page that shows "Downloading opus-mt-id-en: 120 / 300 MB"."""
    return iter_events(lambda callback: download(spec, progress=callback, force=force))


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
