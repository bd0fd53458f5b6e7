"""Models: the preset registry, what is downloaded, fetching from the Hub, loading, and
conversion to CTranslate2.  May import only errors and settings."""

from __future__ import annotations

from .convert import QUANTIZATIONS, convert, convert_model
from .converted import (
    META_FILE,
    converted_dir,
    ct2_available,
    ct2_install_hint,
    find_converted,
    is_ct2_dir,
    models_dir,
    read_meta,
)
from .hub import download, has_weights, is_available, is_offline, missing_message, model_fingerprint, weights_folder
from .loading import LoadedModel, language_kwargs, load_seq2seq, torch_dtype, usable_cores
from .registry import ENV_FOR_TASK, ModelSpec, default_model, load_registry, registry_path, resolve

__all__ = [
    "ModelSpec", "LoadedModel", "ENV_FOR_TASK", "QUANTIZATIONS", "META_FILE",
    "registry_path", "load_registry", "default_model", "resolve",
    "is_offline", "is_available", "has_weights", "weights_folder", "model_fingerprint", "missing_message",
    "download", "load_seq2seq", "torch_dtype", "usable_cores", "language_kwargs",
    "models_dir", "converted_dir", "is_ct2_dir", "read_meta", "find_converted", "ct2_available",
    "ct2_install_hint", "convert", "convert_model",
]
