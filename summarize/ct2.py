"""CTranslate2 backend: detecting converted models, choosing the backend, loading.

CTranslate2 runs the same Marian/NLLB/BART weights several times faster than transformers on
a CPU (int8 matrix products, no Python in the decoding loop) in a quarter of the memory.
A converted directory holds ``model.bin`` + CTranslate2's ``config.json`` and vocabulary, the
original tokenizer files copied alongside, and ``summarize-ct2.json`` recording where it came
from and the generation details the converter drops (forced BOS/EOS, length limits).

``ctranslate2`` is imported only when a converted model is used or made, and a Marian model
is tokenised with SentencePiece directly, so the fast path never imports torch or
transformers: the first sentence appears about as soon as the weights are read.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ModelUnavailableError
from .models import REGISTRY_PATH, ModelSpec, _language_kwargs, _usable_cores

__all__ = [
    "BACKENDS",
    "META_FILE",
    "HFTokenizer",
    "LoadedCT2",
    "MarianSpmTokenizer",
    "available",
    "choose_backend",
    "converted_dir",
    "find_converted",
    "is_ct2_dir",
    "load_ct2",
    "models_dir",
    "read_meta",
]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "transformers", "ctranslate2")
META_FILE = "summarize-ct2.json"
# Keys only CTranslate2's config.json has (a transformers config has model_type instead).
_CT2_CONFIG_KEYS = {"add_source_bos", "add_source_eos", "decoder_start_token", "layer_norm_epsilon"}
_MARIAN_SPECIALS = frozenset({"</s>", "<unk>", "<pad>"})


def available() -> bool:
    """True when the ctranslate2 package is installed (without importing it)."""
    return importlib.util.find_spec("ctranslate2") is not None


def _install_hint() -> str:
    return "Install it with `pip install ctranslate2` (CPU wheels for Linux, macOS and Windows)."


# -- where converted copies live -------------------------------------------------------------
def models_dir() -> Path:
    """Converted copies go next to the registry, or under ``SUMMARIZE_MODELS_DIR``."""
    override = os.environ.get("SUMMARIZE_MODELS_DIR", "").strip()
    return Path(override).expanduser() if override else REGISTRY_PATH.parent


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


def choose_backend(spec: ModelSpec, backend: str = "auto") -> tuple[str, Path | None]:
    """``("ctranslate2", dir)`` or ``("transformers", None)`` for this model and request.

    ``auto`` takes CTranslate2 whenever a converted copy exists and the package is installed:
    the fast path is the default as soon as `summarize models convert` has been run once.
    """
    from_env = backend == "auto"
    if from_env:
        backend = os.environ.get("SUMMARIZE_BACKEND", "").strip().lower() or "auto"
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
        if not available():
            raise ModelUnavailableError(
                f"{spec.local_dir} is a CTranslate2 model but ctranslate2 is not installed. "
                + _install_hint(),
                model=spec.id,
            )
        return "ctranslate2", spec.local_dir
    if backend == "transformers":
        return "transformers", None
    found = find_converted(spec)
    if found is not None and available():
        return "ctranslate2", found
    if backend == "ctranslate2":
        if not available():
            raise ModelUnavailableError("The ctranslate2 backend is not installed. " + _install_hint())
        ref = spec.id if spec.local_dir and spec.name == spec.local_dir.name else spec.name
        raise ModelUnavailableError(
            f"There is no CTranslate2 copy of {spec.id}. Run `summarize models convert "
            f"{ref}` (it writes {converted_dir(spec)}), or use --backend transformers.",
            model=spec.id,
        )
    return "transformers", None


# -- loading ------------------------------------------------------------------------------
class MarianSpmTokenizer:
    """MarianTokenizer's encode/decode with SentencePiece alone (no transformers import).

    Same pieces and the same decoded text as transformers' MarianTokenizer (checked in the
    tests); CTranslate2 maps the piece strings to ids itself.
    """

    def __init__(self, folder: Path, separate_vocabs: bool = False) -> None:
        import sentencepiece as spm

        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        # MarianTokenizer decodes with the source model when the vocabulary is shared.
        self.decoder = target if separate_vocabs else self.source

    @staticmethod
    def _split_code(text: str) -> tuple[list[str], str]:
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            return [text[: end + 2]], text[end + 2 :]
        return [], text

    def count(self, text: str) -> int:
        code, rest = self._split_code(text)
        return len(code) + len(self.source.encode(rest, out_type=str))

    def encode(self, text: str) -> list[str]:
        code, rest = self._split_code(text)
        return code + self.source.encode(rest, out_type=str) + ["</s>"]

    def decode(self, tokens: Sequence[str]) -> str:
        pieces = [t for t in tokens if t not in _MARIAN_SPECIALS]
        return self.decoder.decode_pieces(pieces).replace("\u2581", " ").strip()


class HFTokenizer:
    """A transformers tokenizer behind the same three calls (NLLB, BART, anything else)."""

    def __init__(self, tokenizer: Any) -> None:
        self.hf = tokenizer

    def count(self, text: str) -> int:
        return len(self.hf(text, add_special_tokens=False)["input_ids"])

    def encode(self, text: str, max_length: int | None = None) -> list[str]:
        kwargs: dict[str, Any] = {"truncation": True, "max_length": max_length} if max_length else {}
        return self.hf.convert_ids_to_tokens(self.hf(text, **kwargs)["input_ids"])

    def decode(self, tokens: Sequence[str]) -> str:
        ids = self.hf.convert_tokens_to_ids(list(tokens))
        return self.hf.decode(ids, skip_special_tokens=True).strip()


@dataclass
class LoadedCT2:
    """A CTranslate2 model with its tokenizer and the generation details of the original."""

    folder: Path
    translator: Any
    tokenizer: MarianSpmTokenizer | HFTokenizer
    meta: dict[str, Any]
    compute_type: str
    target_prefix: list[str] = field(default_factory=list)
    forced_eos: bool = False
    source_limit: int = 512
    positions: int = 512
    lock: threading.Lock = field(default_factory=threading.Lock)

    def generate(
        self,
        tokens: list[list[str]],
        *,
        beam_size: int,
        max_new_tokens: int,
        **options: Any,
    ) -> tuple[list[str], int]:
        """Decoded outputs and the number of tokens generated for them."""
        # transformers counts the forced final EOS in max_new_tokens; CTranslate2 does not
        # emit it, so one step less gives the same text when the limit is reached.
        limit = max(1, max_new_tokens - (1 if self.forced_eos else 0))
        prefix = [list(self.target_prefix) for _ in tokens] if self.target_prefix else None
        results = self.translator.translate_batch(
            tokens,
            beam_size=beam_size,
            max_decoding_length=limit,
            target_prefix=prefix,
            max_input_length=0,  # callers split long inputs; never truncate silently here
            **options,
        )
        texts: list[str] = []
        generated = 0
        for result in results:
            hyp = result.hypotheses[0]
            generated += max(0, len(hyp) - len(self.target_prefix))
            texts.append(self.tokenizer.decode(hyp))
        return texts, generated


_cache: dict[tuple[str, str, str], LoadedCT2] = {}
_cache_lock = threading.Lock()


def load_ct2(spec: ModelSpec, folder: Path, device: str = "auto", compute_type: str = "default") -> LoadedCT2:
    """Load a converted model once per process (thread-safe); later calls share it."""
    key = (str(Path(folder).resolve()), device, compute_type)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(spec, Path(folder), device, compute_type)
        return _cache[key]


def _load(spec: ModelSpec, folder: Path, device: str, compute_type: str) -> LoadedCT2:
    if not available():
        raise ModelUnavailableError("The ctranslate2 backend is not installed. " + _install_hint())
    import ctranslate2

    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    meta = read_meta(folder)
    try:
        translator = ctranslate2.Translator(
            str(folder),
            device=device,
            compute_type=compute_type,
            inter_threads=1,
            intra_threads=_usable_cores() if device == "cpu" else 0,
        )
    except (RuntimeError, ValueError) as exc:
        raise ModelUnavailableError(
            f"The CTranslate2 model in {folder} could not be loaded: {exc}. Convert it again "
            f"with `summarize models convert {meta.get('name') or spec.name} --force`.",
            model=spec.id,
        ) from exc
    tokenizer, kind = _load_tokenizer(folder, meta)
    prefix: list[str] = []
    if kind == "m2m_100" and isinstance(tokenizer, HFTokenizer):
        lang_spec = spec if spec.src_lang else ModelSpec(
            name=spec.name, id=spec.id, task=spec.task,
            src_lang=meta.get("src_lang"), tgt_lang=meta.get("tgt_lang"),
        )
        forced = _language_kwargs(lang_spec, tokenizer.hf, kind)["forced_bos_token_id"]
        prefix = [tokenizer.hf.convert_ids_to_tokens(forced)]
    elif meta.get("forced_bos_token"):
        prefix = [meta["forced_bos_token"]]
    positions = int(meta.get("max_position_embeddings") or 512)
    limits = [positions]
    tok_limit = getattr(getattr(tokenizer, "hf", None), "model_max_length", None)
    if isinstance(tok_limit, int) and tok_limit < 100_000:
        limits.append(tok_limit)
    forced_eos = bool(meta.get("forced_eos", kind in {"marian", "bart"}))
    log.info("loaded CTranslate2 model %s on %s (%s)", folder.name, device, translator.compute_type)
    return LoadedCT2(
        folder=folder,
        translator=translator,
        tokenizer=tokenizer,
        meta=meta,
        compute_type=str(translator.compute_type),
        target_prefix=prefix,
        forced_eos=forced_eos,
        source_limit=min(limits),
        positions=positions,
    )


def _load_tokenizer(folder: Path, meta: dict[str, Any]) -> tuple[MarianSpmTokenizer | HFTokenizer, str]:
    try:
        tok_config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        tok_config = {}
    cls = str(tok_config.get("tokenizer_class") or "")
    kind = str(meta.get("model_type") or "")
    if (folder / "source.spm").is_file() and (folder / "target.spm").is_file():
        kind = kind or "marian"
        if not tok_config.get("clean_up_tokenization_spaces"):
            return MarianSpmTokenizer(folder, bool(tok_config.get("separate_vocabs"))), kind
    if not kind:
        kind = "m2m_100" if ("Nllb" in cls or "M2M" in cls) else ""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelUnavailableError(
            f"The tokenizer files next to the CTranslate2 model in {folder} are missing or "
            f"broken ({exc}). Convert with `summarize models convert`, which copies them."
        ) from exc
    if not kind and "Nllb" in type(tokenizer).__name__:
        kind = "m2m_100"
    return HFTokenizer(tokenizer), kind
