"""Every ``SUMMARIZE_*`` environment variable, and where summarize keeps its files.

One owner for each setting: the rest of the package calls these functions and never reads
``os.environ`` itself.  Values are read when a function is called, never at import time, so a
bad value cannot break ``import summarize``; it becomes an ``InputError`` naming the variable
the moment something uses it.  (Reading on each call also keeps tests that change the
environment honest.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import InputError

__all__ = [
    "VERSION",
    "SOURCE_ROOT",
    "INSTALLED_DATA_DIR",
    "data_file",
    "text_setting",
    "int_setting",
    "flag_setting",
    "mt_model",
    "summarizer",
    "backend",
    "cache_dir",
    "models_dir",
    "max_chars",
    "table_shard_rows",
    "threads",
    "torch_dtype",
    "url_timeout",
    "url_max_bytes",
    "allow_private_urls",
    "is_offline",
]

VERSION = "0.1.0"

# A checkout (or the editable install the Makefile does) keeps models/registry.toml and seeds/
# beside the package; a plain `pip install .` puts copies under <prefix>/share/summarize/
# (pyproject data-files).  Which one exists is only looked at when a file is asked for.
SOURCE_ROOT = Path(__file__).resolve().parent.parent
INSTALLED_DATA_DIR = Path(sys.prefix) / "share" / "summarize"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def data_file(relative: str) -> Path:
    """``models/registry.toml`` or ``seeds``: the checkout's copy, else the installed one."""
    source = SOURCE_ROOT / relative
    if source.exists():
        return source
    name = Path(relative).name if relative.startswith("models/") else relative
    return INSTALLED_DATA_DIR / name


def text_setting(name: str) -> str:
    """The variable's value, stripped; empty when unset."""
    return os.environ.get(name, "").strip()


def int_setting(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = text_setting(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {raw!r}. Fix or unset it.") from None
    if minimum is not None and value < minimum:
        raise InputError(f"{name} must be at least {minimum}, not {value}. Fix or unset it.")
    return value


def flag_setting(name: str) -> bool:
    raw = text_setting(name).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise InputError(f"{name} must be 1 or 0 (true/false), not {raw!r}. Fix or unset it.")


def mt_model() -> str:
    """``SUMMARIZE_MT_MODEL``: a preset, Hub id or directory; empty means the registry default."""
    return text_setting("SUMMARIZE_MT_MODEL")


def summarizer() -> str:
    """``SUMMARIZE_SUMMARIZER``: auto, extractive, abstractive or a summariser model."""
    return text_setting("SUMMARIZE_SUMMARIZER")


def backend() -> str:
    """``SUMMARIZE_BACKEND`` lower-cased (checked against the backend names by mt)."""
    return text_setting("SUMMARIZE_BACKEND").lower()


def cache_dir() -> Path:
    """Where summarize keeps caches: ``SUMMARIZE_CACHE_DIR``, else the platform's user cache."""
    override = text_setting("SUMMARIZE_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "summarize" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "summarize"
    xdg = text_setting("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "summarize"


def models_dir() -> Path:
    """Converted copies go under ``SUMMARIZE_MODELS_DIR``, else the checkout's models/, else
    (a plain install, whose prefix may not be writable) the user cache."""
    override = text_setting("SUMMARIZE_MODELS_DIR")
    if override:
        return Path(override).expanduser()
    if (SOURCE_ROOT / "models" / "registry.toml").is_file():
        return SOURCE_ROOT / "models"
    return cache_dir() / "models"


def max_chars(default: int) -> int:
    """``SUMMARIZE_MAX_CHARS``: the longest article accepted, in characters."""
    return int_setting("SUMMARIZE_MAX_CHARS", default, minimum=1)


def table_shard_rows(default: int = 200) -> int:
    """``SUMMARIZE_TABLE_SHARD_ROWS``: rows per finished shard of a table batch."""
    return int_setting("SUMMARIZE_TABLE_SHARD_ROWS", default, minimum=1)


def threads() -> int | None:
    """``SUMMARIZE_THREADS``: compute threads per model; None means every usable core."""
    value = int_setting("SUMMARIZE_THREADS", 0, minimum=0)
    return value or None


def torch_dtype() -> str:
    """``SUMMARIZE_TORCH_DTYPE``: auto, float32, bfloat16 or float16 (checked by the loader)."""
    return text_setting("SUMMARIZE_TORCH_DTYPE") or "auto"


def url_timeout(default: int) -> int:
    return int_setting("SUMMARIZE_URL_TIMEOUT", default, minimum=1)


def url_max_bytes(default: int) -> int:
    return int_setting("SUMMARIZE_URL_MAX_BYTES", default, minimum=1)


def allow_private_urls() -> bool:
    """``SUMMARIZE_ALLOW_PRIVATE_URLS``: fetch loopback and private addresses (off by default)."""
    return flag_setting("SUMMARIZE_ALLOW_PRIVATE_URLS")


def is_offline() -> bool:
    """The Hub's own switches, ``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``."""
    flags = (text_setting("HF_HUB_OFFLINE"), text_setting("TRANSFORMERS_OFFLINE"))
    return any(flag.lower() in _TRUE for flag in flags)
