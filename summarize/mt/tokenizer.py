"""Tokenizers for CTranslate2 models: piece strings in, text out.

CTranslate2 takes and returns token *strings*, so a converted model needs only the encode and
decode halves of its tokenizer.  A Marian model is served by SentencePiece directly, which
keeps torch and transformers out of the fast path's start-up (about 3 s on our machines);
any other model uses its transformers tokenizer behind the same three calls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError

__all__ = ["MarianSpmTokenizer", "HFTokenizer", "load_tokenizer"]

_MARIAN_SPECIALS = frozenset({"</s>", "<unk>", "<pad>"})


class MarianSpmTokenizer:
    """MarianTokenizer's encode/decode with SentencePiece alone (no transformers import).

    Same pieces and the same decoded text as transformers' MarianTokenizer (checked in the
    tests); CTranslate2 maps the piece strings to ids itself.
    """

    def __init__(self, folder: Path, separate_vocabs: bool = False) -> None:
        import sentencepiece as spm

        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        # MarianTokenizer decodes with the source model when the vocabulary is shared.
        self.decoder = self.target if separate_vocabs else self.source

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

    def encode_target(self, text: str) -> list[str]:
        """English text as the decoder's pieces (MarianTokenizer's ``text_target``), no EOS."""
        return self.target.encode(text, out_type=str)

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

    def encode_target(self, text: str) -> list[str]:
        """English text as the decoder's tokens, without special tokens (no language code, no EOS)."""
        return self.hf.convert_ids_to_tokens(self.hf(text_target=text, add_special_tokens=False)["input_ids"])

    def decode(self, tokens: Sequence[str]) -> str:
        ids = self.hf.convert_tokens_to_ids(list(tokens))
        return self.hf.decode(ids, skip_special_tokens=True).strip()




def load_tokenizer(folder: Path, meta: dict[str, Any]) -> tuple[MarianSpmTokenizer | HFTokenizer, str]:
    """The tokenizer next to a converted model, and the model kind (marian, m2m_100, ...)."""
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
        kind = "m2m_100" if ("Nllb" in cls or "M2M" in cls) else "t5" if cls.startswith("T5") else ""
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
    elif not kind and type(tokenizer).__name__.startswith("T5"):
        kind = "t5"
    return HFTokenizer(tokenizer), kind
