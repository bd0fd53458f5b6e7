"""The model presets (``models/registry.toml``) and name resolution.

A model argument is a preset name from the registry, a Hugging Face Hub id, or a local
directory; ``resolve`` turns any of them into a ``ModelSpec``.  The registry file is found
when it is first needed (the checkout's copy, else the installed one), never at import time.
Quality figures in the registry are *published* scores with their source, never our own.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .. import settings
from ..errors import InputError, ModelUnavailableError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

__all__ = ["ModelSpec", "registry_path", "load_registry", "default_model", "resolve", "ENV_FOR_TASK"]

log = logging.getLogger(__name__)

ENV_FOR_TASK = {"translation": "SUMMARIZE_MT_MODEL", "summarization": "SUMMARIZE_SUMMARIZER"}
_SETTING_FOR_TASK = {"translation": settings.mt_model, "summarization": settings.summarizer}


def registry_path() -> Path:
    """``models/registry.toml`` of the checkout, else the copy a plain install put under
    ``<prefix>/share/summarize``."""
    return settings.data_file("models/registry.toml")


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
    what: str = ""
    architecture: str = ""
    commercial: bool | None = None  # None: not known (a Hub id or a directory)
    download_mb: int | None = None
    int8_mb: int | None = None
    bleu: float | None = None
    chrf: float | None = None
    score_source: str = ""
    src_prefix: str = ""
    max_source_tokens: int | None = None

    @property
    def location(self) -> str:
        return str(self.local_dir) if self.local_dir else self.id

    @property
    def non_commercial(self) -> bool:
        return self.commercial is False or "-NC" in self.licence.upper()

    @property
    def licence_label(self) -> str:
        """The licence as a user must read it: non-commercial ones say so."""
        if self.non_commercial:
            return f"{self.licence} (NON-COMMERCIAL use only)"
        return self.licence

    @property
    def scores_label(self) -> str:
        """``BLEU 33.4 / chrF 61.2`` (published figures), or ``unverified``."""
        if self.bleu is None and self.chrf is None:
            return "unverified"
        bleu = f"{self.bleu:.1f}" if self.bleu is not None else "?"
        chrf = f"{self.chrf:.1f}" if self.chrf is not None else "?"
        return f"BLEU {bleu} / chrF {chrf}"


_KNOWN = {f.name for f in fields(ModelSpec)} - {"name", "local_dir"}


def load_registry(path: Path | None = None) -> dict[str, ModelSpec]:
    path = path or registry_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("model registry %s not found; only Hub ids and directories work", path)
        return {}
    specs = {}
    for name, entry in data.items():
        values = {k: v for k, v in entry.items() if k in _KNOWN}
        if values.get("int8_mb") == 0:  # not measured yet
            values["int8_mb"] = None
        specs[name] = ModelSpec(name=name, **values)
    return specs


def default_model(task: str, *, use_env: bool = True) -> str:
    """The model used when no argument names one: the environment's, else the registry's."""
    read = _SETTING_FOR_TASK.get(task)
    env = read() if use_env and read else ""
    if env:
        return env
    for spec in load_registry().values():
        if spec.task == task and spec.default:
            return spec.name
    raise ModelUnavailableError(f"No default {task} model is configured in {registry_path()}.")


def resolve(ref: str, task: str = "translation") -> ModelSpec:
    """Map a preset name, Hub id or local directory to a ModelSpec."""
    ref = str(ref).strip()
    if not ref:
        raise InputError("An empty model name was given. Use a preset (`summarize models list`).")
    registry = load_registry()
    if ref in registry:
        spec = registry[ref]
        # A copy placed under models/<preset>/ wins over the Hub cache.
        local = registry_path().parent / ref
        if (local / "config.json").is_file():
            return replace(spec, local_dir=local.resolve())
        return spec
    path = Path(ref).expanduser()
    if path.exists() or ref.startswith((".", "/", "~")):
        if not path.is_dir():
            raise ModelUnavailableError(
                f"{path} is not a model directory ({'a file' if path.exists() else 'it does not exist'}). "
                "Point to a folder made by `summarize models download` or `save_pretrained`, or "
                "use a preset name from `summarize models list`.",
                model=ref,
            )
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
