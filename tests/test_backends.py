"""The CTranslate2 backend: conversion, detection, backend choice and parity with transformers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import summarize
from summarize import models
from summarize.briefing import AbstractiveSummarizer
from summarize.apps import main
from summarize.models import converted_dir, find_converted, is_ct2_dir
from summarize.mt import (
    CT2Translator,
    DecodingOptions,
    MarianSpmTokenizer,
    Seq2SeqTranslator,
    choose_backend,
    make_translator,
)

pytest.importorskip("ctranslate2")

GREEDY = DecodingOptions(beam_size=1)


@pytest.fixture(scope="module")
def converted(tiny_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """float32 copies (for exact parity) of the tiny models, converted once per module."""
    out = tmp_path_factory.mktemp("ct2")
    return {
        name: models.convert(str(tiny_models[name]), out / name, "float32")
        for name in ("marian", "nllb", "bart")
    }


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    doc = summarize.Document.from_file(sorted(Path("seeds").glob("*.txt"))[3])
    sentences = [s for _, s in doc.sentences()]
    # One sentence far over the tiny models' 128-token limit: splitting must agree too.
    return sentences + [" ".join(sentences[:6])]


@pytest.mark.parametrize("name", ["marian", "nllb"])
def test_backends_agree_with_greedy_decoding(
    name: str, tiny_models: dict[str, Path], converted: dict[str, Path], seed_sentences: list[str]
) -> None:
    # Same batches on both sides: a batch's length bound depends on its longest member.
    torch_side = Seq2SeqTranslator(str(tiny_models[name]), decoding=GREEDY, dtype="float32",
                                   max_batch_size=8)
    ct2_side = CT2Translator(str(converted[name]), decoding=GREEDY, compute_type="float32",
                             max_batch_size=8)
    expected = torch_side.translate(seed_sentences)
    assert all(expected)
    assert ct2_side.translate(seed_sentences) == expected
    assert ct2_side.tokens_generated > 0


def test_summariser_backends_agree(tiny_models: dict[str, Path], converted: dict[str, Path],
                                   seed_sentences: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_TORCH_DTYPE", "float32")
    torch_side = AbstractiveSummarizer(str(tiny_models["bart"]), beam_size=2, backend="transformers")
    ct2_side = AbstractiveSummarizer(str(converted["bart"]), beam_size=2)
    assert ct2_side.summarize(seed_sentences[:12]) == torch_side.summarize(seed_sentences[:12])


def test_marian_spm_tokenizer_matches_transformers(tiny_models: dict[str, Path],
                                                   seed_sentences: list[str]) -> None:
    hf = models.load_seq2seq(models.resolve(str(tiny_models["marian"]))).tokenizer
    native = MarianSpmTokenizer(tiny_models["marian"])
    vocab = {i: t for t, i in hf.get_vocab().items()}
    for sentence in seed_sentences[:10]:
        ids = hf(sentence)["input_ids"]
        assert native.encode(sentence) == hf.convert_ids_to_tokens(ids)
        assert native.count(sentence) == len(ids) - 1
        assert native.decode([vocab[i] for i in ids]) == hf.decode(ids, skip_special_tokens=True)


def test_conversion_layout_and_detection(tiny_models: dict[str, Path], converted: dict[str, Path]) -> None:
    folder = converted["marian"]
    assert {"model.bin", "config.json", "source.spm", "target.spm", "tokenizer_config.json",
            "summarize-ct2.json"} <= {p.name for p in folder.iterdir()}
    meta = json.loads((folder / "summarize-ct2.json").read_text())
    assert meta["quantization"] == "float32" and meta["model_type"] == "marian"
    assert is_ct2_dir(folder)
    assert not any(is_ct2_dir(tiny_models[n]) for n in ("marian", "nllb", "bart"))
    assert models.is_available(models.resolve(str(folder)))


def test_hand_converted_directory_is_detected(converted: dict[str, Path], tmp_path: Path) -> None:
    # As ct2-transformers-converter leaves it: no summarize metadata.
    bare = tmp_path / "bare"
    shutil.copytree(converted["marian"], bare)
    (bare / "summarize-ct2.json").unlink()
    assert is_ct2_dir(bare)
    spec = models.resolve(str(bare))
    assert choose_backend(spec, "auto") == ("ctranslate2", spec.local_dir)
    assert CT2Translator(spec, decoding=GREEDY).translate(["Korea Utara mengirim tentara."])[0]


def test_backend_choice(tiny_models: dict[str, Path], converted: dict[str, Path]) -> None:
    hf_spec = models.resolve(str(tiny_models["marian"]))
    ct2_spec = models.resolve(str(converted["marian"]))
    assert choose_backend(hf_spec, "auto") == ("transformers", None)
    assert choose_backend(ct2_spec, "auto")[0] == "ctranslate2"
    with pytest.raises(summarize.ModelUnavailableError, match="summarize models convert"):
        choose_backend(hf_spec, "ctranslate2")
    with pytest.raises(summarize.InputError, match="CTranslate2 model"):
        choose_backend(ct2_spec, "transformers")
    with pytest.raises(summarize.InputError):
        summarize.Pipeline(mt_model=str(tiny_models["marian"]), backend="onnx")


def test_auto_uses_a_converted_copy_under_models(tiny_models: dict[str, Path], converted: dict[str, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    spec = models.resolve(str(tiny_models["marian"]))
    assert find_converted(spec) is None
    shutil.copytree(converted["marian"], converted_dir(spec))  # as `models convert` places it
    assert find_converted(spec) == converted_dir(spec)
    assert make_translator(spec, cache=False).backend == "ctranslate2"
    assert make_translator(spec, backend="transformers", cache=False).backend == "transformers"
    monkeypatch.setenv("SUMMARIZE_BACKEND", "transformers")
    assert make_translator(spec, cache=False).backend == "transformers"


def test_converted_copy_of_another_model_is_ignored(tiny_models: dict[str, Path],
                                                    converted: dict[str, Path]) -> None:
    spec = models.resolve(str(tiny_models["nllb"]))
    shutil.copytree(converted["marian"], converted_dir(spec))  # a Marian copy under nllb's name
    assert find_converted(spec) is None


def test_pipeline_on_a_converted_model(converted: dict[str, Path], seed_texts: dict[str, str]) -> None:
    pipe = summarize.Pipeline(mt_model=str(converted["marian"]), summarizer="extractive", beam_size=2)
    result = pipe.run(next(iter(seed_texts.values())), bullets=3)
    assert all(s.translation for s in result.sentences())
    assert result.meta["models"]["mt_backend"] == "ctranslate2"
    assert "ctranslate2" in result.meta["models"]["mt"]


def test_cli_convert_then_translate(tiny_models: dict[str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "marian-int8"
    assert main(["models", "convert", str(tiny_models["marian"]), "--out", str(out)]) == 0
    assert is_ct2_dir(out) and "int8" in capsys.readouterr().out
    assert main(["models", "convert", str(tiny_models["marian"]), "--out", str(out)]) == 2  # exists
    assert main(["models", "convert", str(out)]) == 2  # already converted
    assert main(["models", "convert", str(tiny_models["marian"]), "--quantization", "int3",
                 "--out", str(tmp_path / "x")]) == 2
    capsys.readouterr()
    source = sorted(Path("seeds").glob("*.txt"))[2]
    code = main(["translate", str(source), "--mt-model", str(out), "--backend", "ctranslate2",
                 "--beam-size", "1", "--no-cache"])
    assert code == 0 and capsys.readouterr().out.strip()
    code = main(["translate", str(source), "--mt-model", str(tiny_models["marian"]),
                 "--backend", "ctranslate2"])
    assert code == 3 and "summarize models convert" in capsys.readouterr().err


def test_batches_sorted_by_length_under_budget_and_order_restored(
    converted: dict[str, Path], seed_sentences: list[str]
) -> None:
    translator = CT2Translator(str(converted["marian"]), decoding=GREEDY, compute_type="float32",
                               batch_tokens=400, max_batch_size=8)
    batches: list[list[int]] = []
    original = translator._submit

    def spy(texts: list[str], longest: int) -> object:
        batches.append([translator._count(t) for t in texts])
        handle = original(texts, longest)
        return [f"<{t}>" for t in texts], handle  # echo: shows where each result lands

    translator._submit = spy  # type: ignore[method-assign]
    translator._collect = lambda handle: handle[0]  # type: ignore[method-assign]
    sentences = seed_sentences[:-1]  # no split pieces: one model input per sentence
    streamed = list(translator.translate_iter(sentences))
    assert len(batches[0]) <= translator.first_batch_size  # the first result comes quickly
    assert all(len(b) <= 8 and (max(b) + 2) * len(b) <= 400 for b in batches)
    flat = [n for b in batches for n in b]
    assert flat == sorted(flat)
    in_order = [""] * len(sentences)
    for indices, texts in streamed:
        for i, text in zip(indices, texts):
            in_order[i] = text
    assert in_order == [f"<{s}>" for s in sentences]


def test_a_plain_install_keeps_converted_models_in_the_user_cache(monkeypatch, tmp_path) -> None:
    from summarize import settings

    monkeypatch.delenv("SUMMARIZE_MODELS_DIR", raising=False)
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    assert models.models_dir() == settings.SOURCE_ROOT / "models"  # a checkout: models/
    monkeypatch.setattr(settings, "SOURCE_ROOT", tmp_path / "site-packages")  # a plain install
    assert models.models_dir() == tmp_path / "cache" / "models"
    monkeypatch.setenv("SUMMARIZE_MODELS_DIR", str(tmp_path / "mine"))
    assert models.models_dir() == tmp_path / "mine"
