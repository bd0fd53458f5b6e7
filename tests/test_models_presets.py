"""The quality presets: registry facts, every preset through both backends with a tiny model of
its architecture and file layout, source-length limits, choosing, and folders that are not models.

Tiny models translate garbage; what is tested is the code path each real model takes (NLLB's
language codes, MADLAD's <2en>, Marian's SentencePiece), conversion, parity and splitting.
Quality figures are the published ones in models/registry.toml, never measured here.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from summarize import InputError, models
from summarize.apps import main
from summarize.mt import CT2Translator, DecodingOptions, Seq2SeqTranslator
from tests.conftest import SEEDS
from tests.fixtures.make_tiny_models import MAX_LENGTH, build_t5

pytest.importorskip("ctranslate2")

GREEDY = DecodingOptions(beam_size=1)
PRESET_FIXTURE = {"opus-mt-id-en": "marian", "nllb-600m": "nllb", "nllb-1.3b": "nllb", "madlad-3b": "t5"}
SENTENCES = [
    "Korea Utara dilaporkan telah mengirim sekitar 5.000 pasukan konstruksi ke Rusia sejak September.",
    "Pyongyang tidak menanggapi tawaran itu.",
    "",
]


@pytest.fixture(scope="module")
def tiny(tiny_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {**tiny_models, "t5": build_t5(tmp_path_factory.mktemp("tiny-t5"))}


@pytest.fixture(scope="module")
def converted(tiny: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("presets-ct2")
    registry = models.load_registry()
    result = {}
    for preset, fixture in PRESET_FIXTURE.items():
        if fixture not in result:  # nllb-600m and nllb-1.3b share one tiny model
            spec = replace(registry[preset], local_dir=tiny[fixture])
            result[fixture] = models.convert_model(spec, tiny[fixture], out / fixture, quantization="float32")
    return result


def _preset(name: str, folder: Path) -> models.ModelSpec:
    """The preset exactly as the registry has it, its weights replaced by the tiny model's."""
    return replace(models.load_registry()[name], local_dir=folder)


# -- the registry ------------------------------------------------------------------------
def test_registry_has_the_four_translation_presets_with_their_facts() -> None:
    registry = models.load_registry()
    translation = {n for n, s in registry.items() if s.task == "translation"}
    assert translation == set(PRESET_FIXTURE)
    assert registry["opus-mt-id-en"].default and registry["distilbart-cnn"].default
    for name in translation:
        spec = registry[name]
        assert spec.params and spec.licence and spec.what and spec.architecture and spec.score_source
        assert spec.download_mb and spec.int8_mb and spec.int8_mb < spec.download_mb
        assert spec.architecture in models.TRANSLATION_ARCHITECTURES
    assert {n for n in translation if registry[n].non_commercial} == {"nllb-600m", "nllb-1.3b"}
    assert "NON-COMMERCIAL" in registry["nllb-1.3b"].licence_label
    assert registry["madlad-3b"].id == "google/madlad400-3b-mt" and registry["madlad-3b"].src_prefix == "<2en> "
    assert registry["madlad-3b"].scores_label == "unverified"  # no published figure was found
    assert registry["opus-mt-id-en"].scores_label == "BLEU 33.4 / chrF 61.2"
    assert "Mozilla" in registry["opus-mt-id-en"].score_source
    assert "OPUS-MT-leaderboard" in registry["nllb-1.3b"].score_source


def test_source_limits_come_from_the_config() -> None:
    assert models.source_limit({"max_position_embeddings": 512}, 512) == 512  # Marian
    assert models.source_limit({"max_position_embeddings": 1024}, 1024, 512) == 512  # NLLB + model card cap
    assert models.source_limit({"n_positions": 512}, int(1e30)) == 512  # MADLAD: tokenizer has no limit
    assert models.source_limit({}, None) == 512


# -- every preset, both backends ------------------------------------------------------------
@pytest.mark.parametrize("preset", sorted(PRESET_FIXTURE))
def test_preset_translates_through_both_backends_alike(preset: str, tiny: dict[str, Path],
                                                       converted: dict[str, Path]) -> None:
    fixture = PRESET_FIXTURE[preset]
    torch_side = Seq2SeqTranslator(_preset(preset, tiny[fixture]), decoding=GREEDY, dtype="float32",
                                   max_batch_size=8)
    ct2_side = CT2Translator(_preset(preset, converted[fixture]), converted[fixture], decoding=GREEDY,
                             compute_type="float32", max_batch_size=8)
    expected = torch_side.translate(SENTENCES)
    assert all(expected[:2]) and expected[2] == ""
    assert ct2_side.translate(SENTENCES) == expected
    if fixture == "t5":
        assert torch_side.loaded.source_prefix == ct2_side.loaded.source_prefix == "<2en> "
    if fixture == "nllb":
        assert ct2_side.loaded.target_prefix == ["eng_Latn"]
    assert torch_side.loaded.source_limit == ct2_side.loaded.source_limit == MAX_LENGTH


@pytest.mark.parametrize("fixture", ["marian", "nllb", "t5"])
def test_long_sentence_is_split_within_the_models_own_limit(fixture: str, tiny: dict[str, Path],
                                                            converted: dict[str, Path]) -> None:
    long = " ".join(SENTENCES[0].rstrip(".").split() * 12) + "."
    for translator in (Seq2SeqTranslator(str(tiny[fixture]), decoding=GREEDY, dtype="float32"),
                       CT2Translator(str(converted[fixture]), decoding=GREEDY, compute_type="float32")):
        limit = translator._limit()
        assert translator._count(long) > limit
        seen: list[int] = []
        original = translator._submit

        def spy(texts: list[str], longest: int, original=original, translator=translator,
                seen=seen) -> object:
            seen.extend(translator._count(t) for t in texts)
            return original(texts, longest)

        translator._submit = spy  # type: ignore[method-assign]
        out = translator.translate([long])
        assert len(out) == 1 and out[0]
        assert len(seen) > 1 and max(seen) <= limit - 4  # room for EOS, language code, <2en>


def test_t5_input_starts_with_the_english_token(tiny: dict[str, Path]) -> None:
    loaded = models.load_seq2seq(models.resolve(str(tiny["t5"])), dtype="float32")
    ids = loaded.tokenizer(loaded.source_prefix + SENTENCES[1])["input_ids"]
    assert loaded.tokenizer.convert_tokens_to_ids("<2en>") in ids[:2]


def test_t5_without_the_english_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = build_t5(tmp_path, language_tokens=(), name="plain-t5")
    assert main(["translate", str(SEEDS[0]), "--mt-model", str(plain), "--backend", "transformers"]) == 3
    err = capsys.readouterr().err
    assert "no <2en> token" in err and "Traceback" not in err


# -- choosing --------------------------------------------------------------------------------
def test_models_list_is_a_table_with_licences_scores_and_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    for column in ("preset", "what", "licence", "download / int8", "FLORES id→en (published)",
                   "downloaded", "converted"):
        assert column in header
    rows = {line.split()[0]: line for line in out.splitlines()[2:7]}
    assert "NON-COMMERCIAL" in rows["nllb-600m"] and "NON-COMMERCIAL" not in rows["madlad-3b"]
    assert "unverified" in rows["madlad-3b"] and "BLEU 43.2 / chrF 66.9" in rows["nllb-1.3b"]
    assert "294 MB / 77 MB" in rows["opus-mt-id-en"] and rows["opus-mt-id-en"].rstrip().endswith("no")
    assert "Mozilla" in out and "OPUS-MT-leaderboard" in out


def test_recommend_by_memory_and_licence() -> None:
    big = models.Machine(32_000, 30_000, 16, True)
    any_use = models.recommend(big)
    assert any_use[0].chosen and any_use[0].spec.name == "nllb-1.3b"  # best published score that fits
    commercial = models.recommend(big, commercial=True)
    assert commercial[0].spec.name == "opus-mt-id-en"  # madlad-3b has no published score to beat it
    assert any(r.spec.name == "madlad-3b" and r.fits for r in commercial)
    assert not any(r.fits for r in commercial if r.spec.non_commercial)
    small = models.recommend(models.Machine(2_000, 900, 2, True))
    assert small[0].spec.name == "opus-mt-id-en" and small[0].fits
    assert not next(r for r in small if r.spec.name == "madlad-3b").fits
    none = models.recommend(models.Machine(300, 100, 1, True))
    assert none[0].chosen and not none[0].fits and none[0].spec.name == "opus-mt-id-en"


def test_cli_recommend(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "recommend", "--ram-mb", "1500", "--cores", "2"]) == 0
    out = capsys.readouterr().out
    assert "Any use: nllb-600m" in out and "For commercial use: opus-mt-id-en" in out
    assert main(["models", "recommend", "--commercial"]) == 0
    assert "Any use" not in capsys.readouterr().out


# -- folders that are not models (issue 18, item 8) ------------------------------------------
def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _fails(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["translate", str(SEEDS[0]), "--mt-model", str(folder), "--backend", "transformers",
                 "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "sentencepiece or tiktoken" not in err
    assert len(err.strip().splitlines()) == 1  # one paragraph
    return err


def test_folder_without_weights(tiny: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy(tiny["marian"], tmp_path / "no-weights")
    (folder / "model.safetensors").unlink()
    err = _fails(folder, capsys)
    assert "no weights" in err and "summarize models download" in err


def test_folder_with_truncated_weights(tiny: dict[str, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy(tiny["marian"], tmp_path / "cut")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    assert "model.safetensors is cut short" in _fails(folder, capsys)


def test_folder_without_tokenizer_files(tiny: dict[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy(tiny["marian"], tmp_path / "no-tokenizer")
    (folder / "source.spm").unlink()
    assert "tokenizer files are missing (expected source.spm + target.spm + vocab.json)" in _fails(folder, capsys)


def test_english_to_indonesian_model(tiny: dict[str, Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy(tiny["marian"], tmp_path / "opus-mt-en-id")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    config.update(source_lang="en", target_lang="id")
    (folder / "tokenizer_config.json").write_text(json.dumps(config))
    err = _fails(folder, capsys)
    assert "translates en → id, not Indonesian → English" in err and "summarize models list" in err


def test_bert_classifier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bert"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(
        {"model_type": "bert", "architectures": ["BertForSequenceClassification"], "vocab_size": 10}))
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n")
    (folder / "model.safetensors").write_bytes(b"")
    err = _fails(folder, capsys)
    assert "bert model (BertForSequenceClassification), not a translation model" in err


def test_conversion_of_a_folder_that_is_not_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "config.json").write_text("{}")
    assert main(["models", "convert", str(tmp_path / "x"), "--out", str(tmp_path / "y")]) == 3
    err = capsys.readouterr().err
    assert "config.json is empty or not readable JSON" in err and "Traceback" not in err


def test_ctranslate2_on_cuda_without_a_gpu_says_use_cpu(converted: dict[str, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18, item 9: this machine has no CUDA device."""
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA device")
    with pytest.raises(InputError, match="--device cpu"):
        CT2Translator(str(converted["marian"]), device="cuda").translate(["Korea Utara."])
    assert main(["translate", str(SEEDS[0]), "--mt-model", str(converted["marian"]), "--device", "cuda"]) == 2
    err = capsys.readouterr().err
    assert "There is no GPU to use: run with --device cpu" in err and "convert" not in err
