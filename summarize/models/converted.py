"""Where converted CTranslate2 copies of models live, and recognising one on disk.

A converted directory holds ``model.bin`` + CTranslate2's ``config.json`` and vocabulary, the
original tokenizer files copied alongside, and ``summarize-ct2.json`` recording where it came
from and the generation details the converter drops (forced BOS/EOS, length limits).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

from .. import settings
from .registry import ModelSpec

__all__ = ["META_FILE", "ct2_available", "ct2_install_hint", "models_dir", "converted_dir", "is_ct2_dir",
           "read_meta", "find_converted"]

log = logging.getLogger(__name__)

META_FILE = "summarize-ct2.json"
# Keys only CTranslate2's config.json has (a transformers config has model_type instead).
_CT2_CONFIG_KEYS = {"add_source_bos", "add_source_eos", "decoder_start_token", "layer_norm_epsilon"}


def ct2_available() -> bool:
    """True when the ctranslate2 package is installed (without importing it)."""
    return importlib.util.find_spec("ctranslate2") is not None


def ct2_install_hint() -> str:
    return "Install it with `pip install ctranslate2` (CPU wheels for Linux, macOS and Windows)."


def models_dir() -> Path:
    """Converted copies go under ``SUMMARIZE_MODELS_DIR``, else the checkout's models/, else
    (a plain install, whose prefix may not be writable) the user cache."""
    return settings.models_dir()


def _slug(spec: ModelSpec) -> str:
    if spec.local_dir and spec.name == spec.local_dir.name:
        return spec.name  # a plain directory argument
    return spec.name.replace("/", "--")


def converted_dir(spec: ModelSpec) -> Path:
    """The conventional place of a model's converted copy: ``models/<name>-ct2``."""
    return models_dir() / f"{_slug(spec)}-ct2"


def is_ct2_dir(path: Path | str) -> bool:
    """Recognise a CTranslate2 model directory from its files, whoever converted it."""
    folder = Path(path)
    if not (folder / "model.bin").is_file():
        return False
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return (folder / "shared_vocabulary.json").is_file() or (
            folder / "source_vocabulary.json"
        ).is_file()
    return isinstance(config, dict) and "model_type" not in config and bool(
        _CT2_CONFIG_KEYS & set(config)
    )


def read_meta(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def find_converted(spec: ModelSpec) -> Path | None:
    """A converted copy of ``spec`` under models/, if one was made (and is for this model)."""
    if spec.local_dir and is_ct2_dir(spec.local_dir):
        return spec.local_dir
    folder = converted_dir(spec)
    if not is_ct2_dir(folder):
        return None
    meta = read_meta(folder)
    # A Hub id names one model wherever its files are; a directory argument only by its path.
    by_id = not Path(spec.id).expanduser().exists() and meta.get("source") == spec.id
    same = by_id or (spec.local_dir is not None and meta.get("source_path") == str(spec.local_dir))
    if meta and not same:
        log.debug("%s was converted from %s, not %s; ignored", folder, meta.get("source"), spec.id)
        return None
    return folder
