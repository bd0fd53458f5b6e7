from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize.models import load_seq2seq, resolve
from summarize.mt import DecodingOptions, IdentityTranslator, Seq2SeqTranslator, split_to_limit
from tests.conftest import SEEDS


def _count_words(text: str) -> int:
    return len(text.split())


def test_split_to_limit_prefers_clauses() -> None:
    sentence = "satu dua tiga, empat lima enam, tujuh delapan sembilan sepuluh"
    assert split_to_limit(sentence, _count_words, 6) == [
        "satu dua tiga, empat lima enam,",
        "tujuh delapan sembilan sepuluh",
    ]


def test_split_to_limit_falls_back_to_word_windows_and_keeps_every_word() -> None:
    sentence = " ".join(f"kata{i}" for i in range(25))
    pieces = split_to_limit(sentence, _count_words, 10)
    assert all(_count_words(p) <= 10 for p in pieces)
    assert " ".join(pieces).split() == sentence.split()


def test_split_to_limit_short_sentence_untouched() -> None:
    assert split_to_limit("Halo dunia.", _count_words, 10) == ["Halo dunia."]


def test_identity_translator_runs_the_pipeline_without_a_model() -> None:
    pipe = summarize.Pipeline(translator=IdentityTranslator(), summarizer="extractive")
    result = pipe.run("Judul Berita\nKalimat pertama. Kalimat kedua.\nKalimat ketiga.", bullets=3)
    assert [s.translation for s in result.sentences()] == [s.source for s in result.sentences()]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_sentence_translated_once_in_order(path: Path, tiny_pipeline: summarize.Pipeline) -> None:
    doc = summarize.Document.from_file(path)
    result = tiny_pipeline.run(doc, bullets=3)
    expected = doc.sentences()
    got = [(s.id, s.source) for s in result.sentences()]
    assert got == expected
    assert all(s.translation.strip() for s in result.sentences())
    if doc.title:
        assert result.title is not None and result.title.translation.strip()


def test_over_long_sentence_is_split_not_truncated(tiny_models: dict[str, Path]) -> None:
    translator = Seq2SeqTranslator(str(tiny_models["marian"]), decoding=DecodingOptions(beam_size=1, max_length_ratio=0.5))
    limit = translator.loaded.source_limit
    words = ("pasukan konstruksi Korea Utara dikirim ke Rusia sejak September, "
             "menurut badan intelijen Seoul").split()
    long_sentence = " ".join(words * 20) + "."
    assert translator._count(long_sentence) > limit
    seen: list[int] = []
    original = translator._generate

    def spy(texts: list[str], longest: int) -> list[str]:
        seen.extend(translator._count(t) for t in texts)
        return original(texts, longest)

    translator._generate = spy  # type: ignore[method-assign]
    out = translator.translate([long_sentence, "Kalimat pendek."])
    assert len(out) == 2 and all(o for o in out)
    assert len(seen) > 2  # the long sentence became several pieces
    assert max(seen) <= limit  # and no piece was truncated by the model's limit


def test_nllb_language_codes_are_set(tiny_models: dict[str, Path]) -> None:
    spec = resolve(str(tiny_models["nllb"]), "translation")
    loaded = load_seq2seq(spec)
    eng = loaded.tokenizer.convert_tokens_to_ids("eng_Latn")
    assert loaded.generate_kwargs == {"forced_bos_token_id": eng}
    assert loaded.tokenizer.src_lang == "ind_Latn"
    ids = loaded.tokenizer("Korea Utara mengirim tentara.")["input_ids"]
    assert loaded.tokenizer.convert_tokens_to_ids("ind_Latn") in ids
    translator = Seq2SeqTranslator(spec, decoding=DecodingOptions(beam_size=1, max_length_ratio=0.5))
    out = translator.loaded.model.generate(
        **loaded.tokenizer(["Korea Utara mengirim tentara."], return_tensors="pt"),
        max_new_tokens=5, **loaded.generate_kwargs,
    )
    assert int(out[0, 1]) == eng  # first generated token is the forced English code
    assert translator.translate(["Korea Utara mengirim tentara."])[0].strip()


def test_decoding_options_validate() -> None:
    with pytest.raises(summarize.InputError):
        DecodingOptions(beam_size=0)


def test_model_is_loaded_once(tiny_models: dict[str, Path]) -> None:
    spec = resolve(str(tiny_models["marian"]), "translation")
    assert load_seq2seq(spec) is load_seq2seq(spec)
