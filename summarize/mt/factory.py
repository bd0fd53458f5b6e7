"""Choosing and building the translator a user gets (backend, cache) from a model name."""

from __future__ import annotations

import logging
from pathlib import Path

from .. import settings
from ..errors import InputError, ModelUnavailableError
from ..models import (
    ModelSpec,
    converted_dir,
    ct2_available,
    ct2_install_hint,
    default_model,
    find_converted,
    is_ct2_dir,
    resolve,
)
from .base import DecodingOptions, Translator
from .cache import CachedTranslator
from .ct2 import CT2Translator
from .hf import Seq2SeqTranslator

__all__ = ["BACKENDS", "choose_backend", "make_translator"]

log = logging.getLogger(__name__)

# The one list of backend names (CLI choices, SUMMARIZE_BACKEND, the web page).
BACKENDS = ("auto", "transformers", "ctranslate2")


def choose_backend(spec: ModelSpec, backend: str = "auto") -> tuple[str, Path | None]:
    """``("ctranslate2", dir)`` or ``("transformers", None)`` for this model and request.

    ``auto`` takes CTranslate2 whenever a converted copy exists and the package is installed:
    the fast path is the default as soon as `summarize models convert` has been run once.
    """
    from_env = backend == "auto"
    if from_env:
        backend = settings.backend() or "auto"
    if backend not in BACKENDS:
        raise InputError(
            f"Unknown backend {backend!r} (argument or SUMMARIZE_BACKEND); use one of "
            f"{', '.join(BACKENDS)}."
        )
    if spec.local_dir and is_ct2_dir(spec.local_dir):
        if backend == "transformers" and not from_env:  # a directory beats a general default
            raise InputError(
                f"{spec.local_dir} is a CTranslate2 model; use --backend ctranslate2 (or auto), "
                "or point --mt-model to the original Hugging Face directory."
            )
        if not ct2_available():
            raise ModelUnavailableError(
                f"{spec.local_dir} is a CTranslate2 model but ctranslate2 is not installed. "
                + ct2_install_hint(),
                model=spec.id,
            )
        return "ctranslate2", spec.local_dir
    if backend == "transformers":
        return "transformers", None
    found = find_converted(spec)
    if found is not None and ct2_available():
        return "ctranslate2", found
    if backend == "ctranslate2":
        if not ct2_available():
            raise ModelUnavailableError("The ctranslate2 backend is not installed. " + ct2_install_hint())
        ref = spec.id if spec.local_dir and spec.name == spec.local_dir.name else spec.name
        raise ModelUnavailableError(
            f"There is no CTranslate2 copy of {spec.id}. Run `summarize models convert "
            f"{ref}` (it writes {converted_dir(spec)}), or use --backend transformers.",
            model=spec.id,
        )
    return "transformers", None


def make_translator(
    model: str | ModelSpec | None = None,
    *,
    backend: str = "auto",
    device: str = "auto",
    decoding: DecodingOptions | None = None,
    cache: bool = True,
) -> Translator:
    """The translator a user gets: CTranslate2 when a converted copy exists, else transformers.

    ``backend="auto"`` honours ``SUMMARIZE_BACKEND``.  With ``cache`` the result answers
    repeated sentences from the persistent cache (see ``mt/cache.py``).
    """
    spec = model if isinstance(model, ModelSpec) else resolve(model or default_model("translation"))
    chosen, folder = choose_backend(spec, backend)
    translator: Translator
    if chosen == "ctranslate2":
        translator = CT2Translator(spec, folder, device=device, decoding=decoding)
    else:
        translator = Seq2SeqTranslator(spec, device=device, decoding=decoding)
    log.info("translation backend: %s", chosen)
    if cache:
        translator = CachedTranslator(translator)
    return translator
