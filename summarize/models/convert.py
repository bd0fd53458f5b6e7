"""`summarize models convert`: a Hugging Face model directory → a CTranslate2 directory.

The converter is CTranslate2's own (``TransformersConverter``), restricted to local files and
never running repository code.  Next to ``model.bin`` go the original tokenizer files and
``summarize-ct2.json``, which records the source model and the generation details the
conversion would otherwise lose (forced BOS/EOS tokens, position limit, summary settings).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..errors import InputError, ModelUnavailableError
from .converted import (
    META_FILE,
    converted_dir,
    ct2_available,
    ct2_install_hint,
    is_ct2_dir,
)
from .diagnose import check_model_dir, read_json, source_limit
from .hub import download, is_available, weights_folder
from .registry import ModelSpec, resolve

__all__ = ["QUANTIZATIONS", "convert", "convert_model"]

log = logging.getLogger(__name__)

QUANTIZATIONS = (
    "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32",
)
_TOKENIZER_FILES = (
    "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "tokenizer.json",
    "vocab.json", "merges.txt", "vocab.txt", "source.spm", "target.spm", "spiece.model",
    "sentencepiece.bpe.model", "sentencepiece.model", "target_vocab.json",
)


def _converter_class() -> Any:
    from ctranslate2.converters import TransformersConverter

    class _LocalConverter(TransformersConverter):  # type: ignore[misc]
        """Loads from local files only, and fills config fields newer transformers dropped."""

        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.pop("trust_remote_code", None)  # never run repository code
            model = model_class.from_pretrained(model_name_or_path, local_files_only=True, **kwargs)
            # transformers 5 no longer stores BART's post-norm defaults in the config.
            for attr, default in (("normalize_before", False), ("normalize_embedding", True)):
                if not hasattr(model.config, attr):
                    setattr(model.config, attr, default)
            return model

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.pop("trust_remote_code", None)
            tokenizer = tokenizer_class.from_pretrained(
                model_name_or_path, local_files_only=True, **kwargs
            )
            self.tokenizer_class_name = type(tokenizer).__name__
            return tokenizer

    return _LocalConverter


def convert_model(
    spec: ModelSpec, source: Path, out_dir: Path, *, quantization: str = "int8", force: bool = False
) -> Path:
    """Convert the Hugging Face model in ``source`` into a CTranslate2 directory ``out_dir``."""
    if quantization not in QUANTIZATIONS:
        raise InputError(
            f"Unknown quantization {quantization!r}; use one of {', '.join(QUANTIZATIONS)} "
            "(int8 is the fast choice on a CPU)."
        )
    if is_ct2_dir(source):
        raise InputError(f"{source} is already a CTranslate2 model; there is nothing to convert.")
    if not ct2_available():
        raise ModelUnavailableError("Converting needs the ctranslate2 package. " + ct2_install_hint())
    out_dir = Path(out_dir).expanduser()
    if out_dir.exists() and any(out_dir.iterdir()):
        if not force:
            raise InputError(f"{out_dir} already exists; pass --force to replace it, or --out elsewhere.")
        # --force replaces an earlier conversion, never a folder of someone's own files.
        if not (out_dir / META_FILE).is_file() and not (out_dir / "model.bin").is_file():
            raise InputError(f"{out_dir} is not a converted model (no {META_FILE} or model.bin), "
                             "so --force will not delete it. Choose another --out folder.")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    import ctranslate2

    # Convert into a scratch folder and move it in place last, so an interrupted conversion
    # never leaves a half-written directory that `auto` would pick up.
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        from transformers.utils import logging as hf_logging

        converter = _converter_class()(str(source))
        bars_were_on = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # the per-tensor "Loading weights" bar is noise here
        try:
            converter.convert(str(scratch / "model"), quantization=quantization, force=True)
        except (ValueError, NotImplementedError, KeyError, AttributeError) as exc:
            raise InputError(
                f"CTranslate2 cannot convert {spec.id}: {exc}. Use --backend transformers for it."
            ) from exc
        except OSError as exc:
            raise ModelUnavailableError(
                f"Model {spec.id} could not be read from {source}: {exc}", model=spec.id
            ) from exc
        finally:
            if bars_were_on:
                hf_logging.enable_progress_bar()
        target = scratch / "model"
        for name in _TOKENIZER_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, target / name)
        _ensure_tokenizer_class(target, getattr(converter, "tokenizer_class_name", None))
        meta = _conversion_meta(spec, source, quantization, ctranslate2.__version__)
        (target / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        target.rename(out_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    log.info("converted %s to %s (%s)", spec.id, out_dir, quantization)
    return out_dir


def _ensure_tokenizer_class(folder: Path, class_name: str | None) -> None:
    # Without config.json's model_type (CTranslate2 owns that file name now) AutoTokenizer
    # needs tokenizer_class to know what to build; the real opus-mt repos do not set it.
    path = folder / "tokenizer_config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except ValueError:
        config = {}
    if class_name and not config.get("tokenizer_class"):
        config["tokenizer_class"] = class_name.removesuffix("Fast")
        path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _conversion_meta(spec: ModelSpec, source: Path, quantization: str, version: str) -> dict[str, Any]:
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    try:
        generation = json.loads((source / "generation_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        generation = {}
    merged = {**config, **generation}
    tok_config = read_json(source / "tokenizer_config.json")
    vocab_tokens = _token_names(source)
    forced_bos = merged.get("forced_bos_token_id")
    return {
        "format": 1,
        "source": spec.id,
        "source_path": str(spec.local_dir) if spec.local_dir else str(source),
        "name": spec.name,
        "task": spec.task,
        "licence": spec.licence,
        "model_type": config.get("model_type"),
        "quantization": quantization,
        "ctranslate2": version,
        "max_position_embeddings": config.get("max_position_embeddings") or config.get("n_positions"),
        "source_limit": source_limit(config, tok_config.get("model_max_length"), spec.max_source_tokens),
        "source_prefix": spec.src_prefix or None,
        "src_lang": spec.src_lang,
        "tgt_lang": spec.tgt_lang,
        "forced_bos_token": vocab_tokens.get(forced_bos) if forced_bos is not None else None,
        "forced_eos": merged.get("forced_eos_token_id") is not None,
        "generation": {
            k: generation[k]
            for k in ("length_penalty", "min_length", "no_repeat_ngram_size", "max_length")
            if k in generation
        },
    }


def _token_names(source: Path) -> dict[int, str]:
    """id → token for the few special ids the metadata names (vocab.json or tokenizer.json)."""
    for name in ("vocab.json", "tokenizer.json"):
        try:
            data = json.loads((source / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        vocab = data.get("model", {}).get("vocab", {}) if name == "tokenizer.json" else data
        if isinstance(vocab, dict):
            return {int(i): t for t, i in vocab.items() if isinstance(i, int)}
    return {}


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
    spec = model if isinstance(model, ModelSpec) else resolve(str(model))
    source = spec.local_dir or weights_folder(spec)
    if source is None or not is_available(spec):
        source = download(spec)
    if not is_ct2_dir(source):
        check_model_dir(Path(source), spec, "any")  # one clear paragraph, not the converter's traceback
    target = Path(out_dir) if out_dir else converted_dir(spec)
    return convert_model(spec, Path(source), target, quantization=quantization, force=force)
