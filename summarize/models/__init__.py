"""Models: the preset registry, what is downloaded, fetching from the Hub (progress, resume,
verification), checking a model folder, loading, conversion to CTranslate2 and choosing a
preset for a machine.  May import only errors and settings."""

from __future__ import annotations

from .choose import Machine, Recommendation, machine, recommend
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
from .diagnose import (
    TRANSLATION_ARCHITECTURES,
    check_model_dir,
    fix_command,
    model_problems,
    read_json,
    source_limit,
)
from .fetch import (
    DownloadProgress,
    ProgressCallback,
    download_reporter,
    reporting_downloads,
    set_download_reporter,
)
from .hub import (
    download,
    has_weights,
    is_available,
    is_offline,
    iter_download,
    missing_message,
    model_fingerprint,
    weights_folder,
)
from .loading import (
    TARGET_TOKEN,
    LoadedModel,
    language_kwargs,
    load_seq2seq,
    source_prefix,
    torch_dtype,
    usable_cores,
)
from .registry import (
    ENV_FOR_TASK,
    ModelSpec,
    default_model,
    load_registry,
    registry_path,
    resolve,
)

__all__ = [
    "ModelSpec", "LoadedModel", "ENV_FOR_TASK", "QUANTIZATIONS", "META_FILE", "TARGET_TOKEN",
    "TRANSLATION_ARCHITECTURES",
    "registry_path", "load_registry", "default_model", "resolve",
    "is_offline", "is_available", "has_weights", "weights_folder", "model_fingerprint", "missing_message",
    "download", "iter_download", "DownloadProgress", "ProgressCallback", "set_download_reporter",
    "download_reporter", "reporting_downloads",
    "load_seq2seq", "torch_dtype", "usable_cores", "language_kwargs", "source_prefix",
    "check_model_dir", "model_problems", "fix_command", "read_json", "source_limit",
    "models_dir", "converted_dir", "is_ct2_dir", "read_meta", "find_converted", "ct2_available",
    "ct2_install_hint", "convert", "convert_model",
    "Machine", "Recommendation", "machine", "recommend",
]
