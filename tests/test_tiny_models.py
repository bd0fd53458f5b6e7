"""The offline tiny-model fixtures load like the real Hub repos and generate text."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from tests.fixtures.make_tiny_models import MAX_LENGTH, SAMPLE_SENTENCE, build_all, build_marian

pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")

EXPECTED_FILES: dict[str, set[str]] = {
    "marian": {
        "config.json",
        "generation_config.json",
        "vocab.json",
        "source.spm",
        "target.spm",
        "tokenizer_config.json",
        "model.safetensors",
    },
    "nllb": {
        "config.json",
        "generation_config.json",
        "sentencepiece.bpe.model",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "model.safetensors",
    },
    "bart": {
        "config.json",
        "generation_config.json",
        "vocab.json",
        "merges.txt",
        "tokenizer_config.json",
        "model.safetensors",
    },
}

EXPECTED_CLASSES: dict[str, tuple[set[str], str]] = {
    # name -> (acceptable tokenizer class names, model class name)
    "marian": ({"MarianTokenizer"}, "MarianMTModel"),
    "nllb": ({"NllbTokenizer", "NllbTokenizerFast"}, "M2M100ForConditionalGeneration"),
    "bart": ({"BartTokenizer", "BartTokenizerFast", "RobertaTokenizer"}, "BartForConditionalGeneration"),
}


@pytest.fixture(scope="module", autouse=True)
def _single_thread() -> Iterator[None]:
    """Tiny models are far faster single-threaded (thread spin-up dominates on busy CPUs)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh build_all() for this module (independent of conftest's session fixture)."""
    return build_all(tmp_path_factory.mktemp("tiny_models_under_test"))


def _load(path: Path, **tokenizer_kwargs: object) -> tuple[object, torch.nn.Module]:
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True, **tokenizer_kwargs)
    model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
    model.eval()
    return tokenizer, model


def test_build_all_returns_the_three_dirs(built: dict[str, Path]) -> None:
    assert set(built) == {"marian", "nllb", "bart"}
    for name, path in built.items():
        assert path.is_dir()
        assert path.name == name


@pytest.mark.parametrize("name", ["marian", "nllb", "bart"])
def test_expected_files_exist(built: dict[str, Path], name: str) -> None:
    present = {p.name for p in built[name].iterdir()}
    assert EXPECTED_FILES[name] <= present, EXPECTED_FILES[name] - present
    assert not any(p.suffix == ".bin" for p in built[name].iterdir())  # safetensors only


@pytest.mark.parametrize("name", ["marian", "nllb", "bart"])
def test_loads_and_generates_non_empty_text(built: dict[str, Path], name: str) -> None:
    tokenizer_kwargs = {"src_lang": "ind_Latn"} if name == "nllb" else {}
    tokenizer, model = _load(built[name], **tokenizer_kwargs)

    tokenizer_classes, model_class = EXPECTED_CLASSES[name]
    assert type(tokenizer).__name__ in tokenizer_classes
    assert type(model).__name__ == model_class
    assert tokenizer.model_max_length == MAX_LENGTH
    assert model.config.max_position_embeddings == MAX_LENGTH
    assert model.config.vocab_size == len(tokenizer)

    generate_kwargs: dict[str, int] = {}
    if name == "nllb":
        generate_kwargs["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids("eng_Latn")

    inputs = tokenizer(SAMPLE_SENTENCE, return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**inputs, max_new_tokens=40, num_beams=1, do_sample=False, **generate_kwargs)

    text = tokenizer.decode(output[0], skip_special_tokens=True)
    assert text.strip(), f"{name} decoded to an empty string: {output[0].tolist()}"
    if name == "nllb":
        # decoder_start (</s>) then the forced target-language code
        assert output[0][:2].tolist() == [model.config.decoder_start_token_id, generate_kwargs["forced_bos_token_id"]]


def test_nllb_language_codes(built: dict[str, Path]) -> None:
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    tokenizer = AutoTokenizer.from_pretrained(built["nllb"], local_files_only=True)
    ind_id, eng_id = tokenizer.convert_tokens_to_ids(["ind_Latn", "eng_Latn"])
    assert ind_id != eng_id
    assert tokenizer.unk_token_id not in (ind_id, eng_id)

    code_ids = tokenizer.convert_tokens_to_ids(list(FAIRSEQ_LANGUAGE_CODES))
    assert len(set(code_ids)) == len(FAIRSEQ_LANGUAGE_CODES)
    assert tokenizer.unk_token_id not in code_ids

    tokenizer.src_lang = "ind_Latn"
    ids = tokenizer(SAMPLE_SENTENCE)["input_ids"]
    assert ids[0] == ind_id
    assert ids[-1] == tokenizer.eos_token_id

    tokenizer.src_lang = "eng_Latn"
    assert tokenizer(SAMPLE_SENTENCE)["input_ids"][0] == eng_id


def test_over_long_input_exceeds_model_max_length(built: dict[str, Path]) -> None:
    """A paragraph of seed text is longer than 128 tokens, so callers must split it."""
    tokenizer = AutoTokenizer.from_pretrained(built["marian"], local_files_only=True)
    long_text = " ".join([SAMPLE_SENTENCE] * 8)
    assert len(tokenizer(long_text)["input_ids"]) > MAX_LENGTH


def test_build_is_deterministic_and_idempotent(tmp_path: Path) -> None:
    def digest(path: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())}

    first = digest(build_marian(tmp_path))
    second = digest(build_marian(tmp_path))  # overwrite in place
    assert first == second
