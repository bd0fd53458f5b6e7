"""What is wrong with a folder that should hold a model, in one paragraph a user can act on.

Checked before any weights are read (cheap: small JSON files and the safetensors header):
the config, the weight files (present, complete, readable headers), the tokenizer files the
architecture needs, the architecture itself (a BERT classifier cannot translate) and, for
Marian models, the language direction their tokenizer config declares.  The message names the
command that fixes it, instead of whatever transformers would say ("You need to have
sentencepiece or tiktoken installed ...").  Also here: the source-length limit of a model,
read from its config.
"""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from .registry import ModelSpec

__all__ = ["TRANSLATION_ARCHITECTURES", "read_json", "source_limit", "model_problems", "check_model_dir",
           "fix_command"]

# Architectures with a tested translation code path (tiny fixtures of each in the tests).
TRANSLATION_ARCHITECTURES = frozenset({"marian", "m2m_100", "t5", "mt5"})
_SEQ2SEQ = TRANSLATION_ARCHITECTURES | {"bart", "mbart", "pegasus", "led", "fsmt", "umt5", "pegasus_x"}
_INDONESIAN = {"id", "ind", "in", "ms", "msa", "zsm", "zlm", "mul", "poz", "map"}
_ENGLISH = {"en", "eng"}
# Tokenizer files per architecture: any one group complete is enough.
_TOKENIZER_FILES: dict[str, tuple[tuple[str, ...], ...]] = {
    "marian": (("source.spm", "target.spm", "vocab.json"),),
    "m2m_100": (("tokenizer.json",), ("sentencepiece.bpe.model",)),
    "t5": (("tokenizer.json",), ("spiece.model",)),
    "mt5": (("tokenizer.json",), ("spiece.model",)),
    "bart": (("tokenizer.json",), ("vocab.json", "merges.txt")),
}
_ANY_TOKENIZER = (("tokenizer.json",), ("vocab.json",), ("vocab.txt",), ("spiece.model",),
                  ("sentencepiece.bpe.model",), ("source.spm",))


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``; ``{}`` when it is missing or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def source_limit(config: Mapping[str, Any], tokenizer_max: Any = None, cap: int | None = None) -> int:
    """Longest tokenised source the model accepts, special tokens included.

    From the config (Marian/NLLB ``max_position_embeddings``, T5 ``n_positions``), the
    tokenizer's ``model_max_length`` when it is a real limit, and a preset's cap; 512 when
    nothing says (T5 has relative positions and was trained on 512 tokens).
    """
    values = [config.get(k) for k in ("max_position_embeddings", "n_positions", "max_source_positions")]
    if isinstance(tokenizer_max, int) and tokenizer_max < 100_000:
        values.append(tokenizer_max)
    values.append(cap)
    usable = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    return min(usable) if usable else 512


def fix_command(spec: ModelSpec, converted: bool = False) -> str:
    """The sentence that tells the user how to get a working copy of ``spec``."""
    if converted:
        return (f"Convert it again with `summarize models convert {spec.name} --force`.")
    if spec.local_dir and spec.id == str(spec.local_dir):
        return ("Point --mt-model (or SUMMARIZE_MT_MODEL) to a complete model folder made by "
                "`summarize models download` or `save_pretrained`, or use a preset from "
                "`summarize models list`.")
    return f"Run `summarize models download {spec.name} --force` to fetch it again."


def _safetensors_problem(path: Path) -> str | None:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            raw = f.read(8)
            if len(raw) < 8:
                return f"{path.name} is empty or cut short"
            (length,) = struct.unpack("<Q", raw)
            if length > min(size - 8, 100_000_000):
                return f"{path.name} is not a safetensors file (corrupt or cut short)"
            header = json.loads(f.read(length))
    except (OSError, ValueError, UnicodeDecodeError):
        return f"{path.name} is not a safetensors file (corrupt or cut short)"
    ends = [int(v["data_offsets"][1]) for k, v in header.items()
            if k != "__metadata__" and isinstance(v, dict) and "data_offsets" in v]
    if 8 + length + max(ends, default=0) != size:
        return f"{path.name} is cut short or padded ({size:,} bytes; its header describes {8 + length + max(ends, default=0):,})"
    return None


def _bin_problem(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            head = f.read(2)
    except OSError as exc:
        return f"{path.name} cannot be read ({exc.strerror or exc})"
    if zipfile.is_zipfile(path) or head[:1] == b"\x80":  # torch zip format, or the legacy pickle
        return None
    return f"{path.name} is not a PyTorch checkpoint (corrupt or cut short)"


def _weight_problems(folder: Path) -> list[str]:
    index = next((folder / n for n in ("model.safetensors.index.json", "pytorch_model.bin.index.json")
                  if (folder / n).is_file()), None)
    if index is not None:
        shards = sorted({str(v) for v in read_json(index).get("weight_map", {}).values()})
        missing = [s for s in shards if not (folder / s).is_file()]
        if missing:
            return [f"weight files are missing ({', '.join(missing[:3])})"]
        files = [folder / s for s in shards]
    else:
        files = sorted(folder.glob("*.safetensors")) or [
            p for p in (folder / "pytorch_model.bin",) if p.is_file()]
    if not files:
        return ["there are no weights in it (no model.safetensors or pytorch_model.bin)"]
    problems = []
    for path in files:
        problem = _safetensors_problem(path) if path.suffix == ".safetensors" else _bin_problem(path)
        if problem:
            problems.append(problem)
    return problems


def _tokenizer_problem(folder: Path, kind: str) -> str | None:
    groups = _TOKENIZER_FILES.get(kind, _ANY_TOKENIZER)
    if any(all((folder / name).is_file() for name in group) for group in groups):
        return None
    wanted = " or ".join(" + ".join(group) for group in groups)
    return f"its tokenizer files are missing (expected {wanted})"


def _direction_problem(folder: Path, config: Mapping[str, Any]) -> str | None:
    tok = read_json(folder / "tokenizer_config.json")
    src, tgt = str(tok.get("source_lang") or ""), str(tok.get("target_lang") or "")
    if not (src and tgt):
        name = str(config.get("_name_or_path") or "")
        if "opus-mt-" in name:
            parts = name.rsplit("opus-mt-", 1)[1].split("-")
            src, tgt = (parts + ["", ""])[:2]
    src, tgt = src.lower(), tgt.lower()
    if src and tgt and (src not in _INDONESIAN or tgt not in _ENGLISH):
        return (f"it translates {src} → {tgt}, not Indonesian → English "
                "(source_lang/target_lang in its tokenizer_config.json)")
    return None


def _architecture_problem(config: Mapping[str, Any], task: str) -> str | None:
    kind = str(config.get("model_type") or "")
    arches = ", ".join(str(a) for a in config.get("architectures") or []) or "unknown class"
    wanted = TRANSLATION_ARCHITECTURES if task == "translation" else _SEQ2SEQ
    if kind in wanted:
        return None
    if kind in _SEQ2SEQ:
        return (f"it is a {kind} model ({arches}), which summarize cannot use for {task}; the "
                f"supported architectures are {', '.join(sorted(wanted))}")
    what = {"translation": "translation", "summarization": "summarisation"}.get(task, "text-to-text")
    return (f"it is {'a ' + kind if kind else 'an unknown'} model ({arches}), not a {what} model: it cannot "
            "generate text from a source sentence")


def model_problems(folder: Path, task: str = "translation") -> tuple[list[str], bool]:
    """What keeps ``folder`` from loading as a Hugging Face model for ``task``, and whether it
    is the wrong model altogether (architecture, language direction) rather than broken files."""
    if not (folder / "config.json").is_file():
        return ["there is no config.json in it"], False
    config = read_json(folder / "config.json")
    if not config:
        return ["its config.json is empty or not readable JSON"], False
    arch = _architecture_problem(config, task)
    if arch:
        return [arch], True  # weights and tokenizer of the wrong model are beside the point
    kind = str(config.get("model_type") or "")
    if task == "translation" and kind == "marian" and (d := _direction_problem(folder, config)):
        return [d], True
    problems = _weight_problems(folder)
    if tok := _tokenizer_problem(folder, kind):
        problems.append(tok)
    return problems, False


def check_model_dir(folder: Path, spec: ModelSpec, task: str | None = None) -> None:
    """Raise one ``ModelUnavailableError`` paragraph when ``folder`` cannot be ``spec``'s model.

    ``task`` overrides ``spec.task``; ``"any"`` accepts every encoder-decoder (conversion)."""
    task = task or spec.task
    problems, wrong_model = model_problems(folder, task)
    if not problems:
        return
    what = spec.id if not spec.local_dir else str(folder)
    if wrong_model:
        wanted = {"translation": "an Indonesian → English model",
                  "summarization": "a summarisation model"}.get(task, "an encoder-decoder model")
        fix = (f"Use {wanted} instead: a preset from `summarize models list`, or a folder "
               "holding one.")
    else:
        fix = fix_command(spec)
    raise ModelUnavailableError(
        f"{what} cannot be used{'' if task == 'any' else f' as a {task} model'}: {'; '.join(problems)} "
        f"(in {folder}). {fix}",
        model=spec.id,
    )
