"""The transformers backend: any Hugging Face encoder-decoder translating sentence batches."""

from __future__ import annotations

from typing import Any

from ..models import LoadedModel, ModelSpec, load_seq2seq, model_fingerprint, resolve, torch_dtype
from .base import BatchedTranslator, DecodingOptions

__all__ = ["Seq2SeqTranslator"]


class Seq2SeqTranslator(BatchedTranslator):
    """A transformers encoder-decoder (MarianMT, NLLB/M2M100, …) translating sentence batches.

    The model is loaded on first use, once per process (see ``models.load_seq2seq``), in
    bfloat16 where the CPU supports it natively (``dtype="float32"`` to force full precision).
    """

    backend = "transformers"

    def __init__(
        self,
        model: str | ModelSpec,
        *,
        device: str = "auto",
        decoding: DecodingOptions | None = None,
        batch_tokens: int = 4096,
        max_batch_size: int = 16,
        dtype: str = "auto",
    ) -> None:
        super().__init__(batch_tokens=batch_tokens, max_batch_size=max_batch_size)
        self.spec = model if isinstance(model, ModelSpec) else resolve(model, "translation")
        self.name = self.spec.id
        self.device = device
        self.dtype = torch_dtype(device, dtype)
        self.decoding = decoding or DecodingOptions()
        self._loaded: LoadedModel | None = None
        self._fingerprint: str | None = None

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            self._loaded = load_seq2seq(self.spec, self.device, self.dtype)
        return self._loaded

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = f"transformers:{self.dtype}:{model_fingerprint(self.spec)}"
        return self._fingerprint

    def _count(self, text: str) -> int:
        return len(self.loaded.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _limit(self) -> int:
        return self.loaded.source_limit

    def _generate(self, texts: list[str], longest: int) -> list[str]:
        import torch

        loaded = self.loaded
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        opts = self.decoding
        positions = loaded.positions
        if loaded.source_prefix:  # MADLAD: "<2en> " tells the model to answer in English
            texts = [loaded.source_prefix + t if t.strip() else t for t in texts]
        kwargs: dict[str, Any] = {
            "num_beams": opts.beam_size,
            "do_sample": False,
            "max_new_tokens": self._max_new(longest, positions),
            "repetition_penalty": opts.repetition_penalty,
            "no_repeat_ngram_size": opts.no_repeat_ngram_size,
            **loaded.generate_kwargs,
        }
        if opts.beam_size == 1:
            kwargs["early_stopping"] = False
        with loaded.lock, torch.inference_mode():
            batch = loaded.tokenizer(
                texts, return_tensors="pt", padding=True, truncation=False
            ).to(loaded.model.device)
            output = loaded.model.generate(**batch, **kwargs)
        # Generated = output minus the decoder start, padding after EOS excluded.
        pad = loaded.tokenizer.pad_token_id
        self.tokens_generated += int((output[:, 1:] != pad).sum()) if pad is not None else output[:, 1:].numel()
        decoded = loaded.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [d.strip() if t.strip() else "" for d, t in zip(decoded, texts)]

    def _count_target(self, text: str) -> int:
        return len(self.loaded.tokenizer(text_target=text, add_special_tokens=False)["input_ids"])

    def _score(self, sources: list[str], targets: list[str]) -> list[float]:
        import torch

        loaded = self.loaded
        tokenizer, model = loaded.tokenizer, loaded.model
        if loaded.source_prefix:
            sources = [loaded.source_prefix + s for s in sources]
        # The decoder sees what generate() would give it: its start token, the forced language
        # code (NLLB), the English, then EOS, which is scored too (stopping there is a choice).
        forced = loaded.generate_kwargs.get("forced_bos_token_id",
                                            model.generation_config.forced_bos_token_id)
        head = [forced] if forced is not None else []
        rows = [head + tokenizer(text_target=t, add_special_tokens=False)["input_ids"]
                + [tokenizer.eos_token_id] for t in targets]
        width = max(len(r) for r in rows)
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        labels = torch.full((len(rows), width), -100, dtype=torch.long)
        for k, row in enumerate(rows):
            labels[k, : len(row)] = torch.tensor(row)
        start = model.generation_config.decoder_start_token_id
        if start is None:
            start = model.config.decoder_start_token_id
        decoder_input = torch.full_like(labels, pad)
        decoder_input[:, 0] = start
        decoder_input[:, 1:] = labels[:, :-1].masked_fill(labels[:, :-1] == -100, pad)
        with loaded.lock, torch.inference_mode():
            batch = tokenizer(sources, return_tensors="pt", padding=True, truncation=False).to(model.device)
            logits = model(**batch, decoder_input_ids=decoder_input.to(model.device)).logits.float().cpu()
        logp = torch.log_softmax(logits, dim=-1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
        mask = labels != -100
        if head:
            mask[:, 0] = False
        return [float(v) for v in (logp * mask).sum(dim=1)]
