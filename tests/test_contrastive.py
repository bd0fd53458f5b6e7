"""The model check (contrastive conditioning): which part of the source the English lacks.

The rule is tested with a scorer built by hand (a toy "model" that knows a few word pairs), so
what it finds can be predicted; the backends' scoring is tested against transformers' own loss
and between transformers and CTranslate2, on the tiny random-weight models.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import summarize
from summarize.apps import main
from summarize.checks import NOTES
from summarize.checks.contrastive import (
    Unrendered,
    find_scorer,
    omitted_parts,
    source_parts,
    without_part,
)
from summarize.mt import CachedTranslator, DecodingOptions, Seq2SeqTranslator, TranslationCache

# The toy model's lexicon: an English word is "explained" by its Indonesian source word.
LEXICON = {"hamlin": "hamlin", "is": "tertinggal", "behind": "tertinggal", "twenty": "dua",
           "points": "poin", "ahead": "unggul", "five": "lima", "of": "dari", "bowyer": "bowyer",
           "prices": "harga", "rose": "naik", "rice": "beras", "in": "di", "jakarta": "jakarta",
           "residents": "warga", "complain": "mengeluh", "because": "karena", "said": "kata",
           "traders": "pedagang", "market": "pasar", "at": "di"}


def _words(text: str) -> list[str]:
    return [w.strip(".,;:()").lower() for w in text.split() if w.strip(".,;:()")]


def toy_score(sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
    """log P(English | source) of a model that expects every source word rendered (1 nat for
    each one the English lacks) and every English word grounded in the source (2 nats each)."""
    out: list[float | None] = []
    for source, target in zip(sources, targets):
        src, tgt = set(_words(source)), _words(target)
        rendered = {LEXICON.get(w) for w in tgt}
        unrendered = sum(1 for w in src if w in LEXICON.values() and w not in rendered)
        ungrounded = sum(1 for w in tgt if LEXICON.get(w) not in src)
        out.append(-1.0 * unrendered - 2.0 * ungrounded - 0.1 * len(tgt))
    return out


SOURCE = "Hamlin tertinggal dua puluh poin, tetapi unggul lima poin dari Bowyer."


def test_parts_are_clauses_asides_and_sentences_never_the_whole_text() -> None:
    assert source_parts(SOURCE) == ["Hamlin tertinggal dua puluh poin,", "tetapi unggul lima poin dari Bowyer."]
    aside = "Kecepatan angin mencapai 120 mil per jam (190 km/jam) di pantai."
    assert source_parts(aside) == ["(190 km/jam)"]
    two = "Harga beras naik di Jakarta. Pedagang di pasar mengeluh, kata warga."
    assert source_parts(two)[:2] == ["Harga beras naik di Jakarta.", "Pedagang di pasar mengeluh, kata warga."]
    assert source_parts("Harga beras naik.") == []  # too short to ask about


def test_a_deleted_part_leaves_a_tidy_sentence() -> None:
    first, last = source_parts(SOURCE)
    assert without_part(SOURCE, first) == "Tetapi unggul lima poin dari Bowyer."
    assert without_part(SOURCE, last) == "Hamlin tertinggal dua puluh poin."
    aside = "Kecepatan angin mencapai 120 mil per jam (190 km/jam) di pantai."
    assert without_part(aside, "(190 km/jam)") == "Kecepatan angin mencapai 120 mil per jam di pantai."
    assert without_part(aside, "tidak ada") == aside  # a part that is not there changes nothing


def test_the_clause_the_english_lacks_is_found() -> None:
    complete = "Hamlin is twenty points behind, but five points ahead of Bowyer."
    dropped = "Hamlin is twenty points behind."
    found = omitted_parts(toy_score, [(SOURCE, complete), (SOURCE, dropped)])
    assert found[0] is None
    assert isinstance(found[1], Unrendered)
    assert found[1].part == "tetapi unggul lima poin dari Bowyer."
    assert found[1].gain > 0
    assert "tetapi unggul lima poin" in found[1].detail()


def test_nothing_is_claimed_when_the_model_cannot_score() -> None:
    def no_scores(sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
        return [None] * len(sources)

    assert omitted_parts(no_scores, [(SOURCE, "Hamlin is twenty points behind.")]) == [None]
    assert omitted_parts(toy_score, [(SOURCE, ""), ("Pendek.", "Short.")]) == [None, None]


def test_the_scorer_is_found_through_the_cache(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    inner = Seq2SeqTranslator(str(tiny_models["marian"]), decoding=DecodingOptions(beam_size=1))
    cached = CachedTranslator(inner, cache=TranslationCache(tmp_path / "c.sqlite"))
    assert find_scorer(cached) == inner.score
    assert find_scorer(object()) is None


@pytest.mark.parametrize("name", ["marian", "nllb"])
def test_backends_score_alike(tiny_models: dict[str, Path], tmp_path: Path, name: str) -> None:
    pytest.importorskip("ctranslate2")
    from summarize import models
    from summarize.mt import CT2Translator

    greedy = DecodingOptions(beam_size=1)
    torch_side = Seq2SeqTranslator(str(tiny_models[name]), decoding=greedy, dtype="float32")
    ct2_dir = models.convert(str(tiny_models[name]), tmp_path / name, "float32")
    ct2_side = CT2Translator(str(ct2_dir), decoding=greedy, compute_type="float32")
    sources = [SOURCE, "Harga beras naik di Jakarta.", ""]
    targets = ["Hamlin is twenty points behind.", "Rice prices rose in Jakarta.", "Nothing."]
    a, b = torch_side.score(sources, targets), ct2_side.score(sources, targets)
    assert a[2] is None and b[2] is None  # an empty source is not scored
    for x, y in zip(a[:2], b[:2]):
        assert x is not None and y is not None and x < 0
        assert math.isclose(x, y, rel_tol=1e-3)


def test_marian_score_is_the_summed_token_log_probability(tiny_models: dict[str, Path]) -> None:
    import torch

    translator = Seq2SeqTranslator(str(tiny_models["marian"]), decoding=DecodingOptions(beam_size=1),
                                   dtype="float32")
    source, target = "Harga beras naik di Jakarta.", "Rice prices rose in Jakarta."
    loaded = translator.loaded
    batch = loaded.tokenizer([source], text_target=[target], return_tensors="pt")
    with torch.inference_mode():
        loss = loaded.model(**batch).loss  # mean negative log-likelihood over the label tokens
    expected = -float(loss) * batch["labels"].shape[1]
    assert math.isclose(translator.score([source], [target])[0], expected, rel_tol=1e-4)


COMPLAINT = "Warga Jakarta mengeluh karena harga beras naik, kata pedagang di pasar."


class ScoringFake:
    """A translator that drops a clause the text checks cannot miss (no number, no name, a
    plausible length) and scores like ``toy_score``."""

    name = "fake-scoring"
    fingerprint = "fake-scoring"

    def __init__(self) -> None:
        self.decoding = DecodingOptions(beam_size=4)

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        english = {COMPLAINT: "Jakarta residents complain because rice prices rose.",
                   "Harga beras naik di Jakarta.": "Rice prices rose in Jakarta."}
        if sentences:
            yield list(range(len(sentences))), [english.get(s, s) for s in sentences]

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
        return toy_score(sources, targets)


def test_pipeline_notes_the_missing_clause_only_when_asked() -> None:
    text = f"{COMPLAINT}\n\nHarga beras naik di Jakarta."
    plain = summarize.Pipeline(translator=ScoringFake(), summarizer="extractive", cache=False).run(text)
    assert all("omission_note" not in s.flags for p in plain.paragraphs for s in p)
    assert plain.meta["qa"]["model_checked"] == 0

    result = summarize.Pipeline(translator=ScoringFake(), summarizer="extractive", cache=False,
                                model_check=True).run(text)
    first = result.paragraphs[0][0]
    assert "omission_note" in first.flags and "omission_note" in NOTES
    qa = result.meta["qa"]
    assert qa["model_checked"] == 2
    assert qa["flagged"] == 0  # a note, never a flag: nothing is retried for it
    detail = qa["details"][first.id][-1]
    assert detail["flag"] == "omission_note" and "kata pedagang di pasar" in detail["detail"]
    assert "omission_note" in qa["legend"]
    assert result.paragraphs[1][0].flags == []


def test_cli_model_check_on_the_tiny_model(tiny_models: dict[str, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Korea Utara mengirim tentara ke perbatasan, kata pejabat itu pada Senin.\n",
                       encoding="utf-8")
    code = main(["run", str(article), "--format", "json", "--mt-model", str(tiny_models["marian"]),
                 "--summarizer", "extractive", "--beam-size", "1", "--model-check", "--no-cache"])
    assert code == 0
    qa = json.loads(capsys.readouterr().out)["meta"]["qa"]
    assert qa["model_checked"] >= 1  # the tiny model writes noise: only the mechanics are checked
    for details in qa["details"].values():
        for d in details:
            if d["flag"] == "omission_note":
                assert "it may be missing" in d["detail"]


def test_web_model_check_shows_the_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("gradio")
    import tempfile

    from summarize.apps import web

    asked: list[bool] = []

    def make(**options: object) -> summarize.Pipeline:
        asked.append(bool(options.get("model_check")))
        return summarize.Pipeline(translator=ScoringFake(), summarizer="extractive", cache=False,
                                  model_check=bool(options.get("model_check")))

    monkeypatch.setattr(web, "Pipeline", make)
    monkeypatch.setattr(web, "_download_folder", lambda: Path(tempfile.mkdtemp(dir=tmp_path)))
    outputs = list(web._run(f"{COMPLAINT}\n\nHarga beras naik di Jakarta.", bullets=1, model_check=True))
    page, _, as_json, _ = outputs[-1]
    assert asked == [True]
    assert any("Model check: asking the translation model" in o[0] for o in outputs)  # the status
    first = as_json["paragraphs"][0]["sentences"][0]
    assert first["flags"] == ["omission_note"]
    assert 'class="sz-s sz-note"' in page and "kata pedagang di pasar" in page


@pytest.mark.parametrize(("source", "part", "expected"), [
    # the quote that opens or closes a clause stays, and the stop stays inside it
    ('"Kami akan datang besok, kata dia, tetapi belum pasti."', "tetapi belum pasti.\"",
     '"Kami akan datang besok, kata dia."'),
    # a sentence ending in ? or ! keeps its own mark, never gets a second one
    ("Apa itu sel? Kata sel berasal dari kata Latin.", "Kata sel berasal dari kata Latin.", "Apa itu sel?"),
    ("Harga naik tajam, kata warga, (menurut data BPS) pada Senin.", "kata warga,",
     "Harga naik tajam (menurut data BPS) pada Senin."),
    # a new sentence start gets its capital
    ("Apa itu sel? Kata sel berasal dari kata Latin, yang berarti ruangan kecil.", "Kata sel berasal dari kata Latin,",
     "Apa itu sel? Yang berarti ruangan kecil."),
])
def test_joints_after_a_deleted_part(source: str, part: str, expected: str) -> None:
    assert without_part(source, part) == expected


def test_a_long_list_is_asked_about_a_bounded_number_of_parts() -> None:
    from summarize.checks.contrastive import MAX_PARTS

    listing = "Mereka membeli " + ", ".join(f"barang nomor {i} dari toko" for i in range(3000)) + "."
    parts = source_parts(listing)
    assert len(parts) == MAX_PARTS
    calls: list[int] = []

    def count(sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
        calls.append(len(sources))
        return [None] * len(sources)

    assert omitted_parts(count, [(listing, "They bought things.")]) == [None]
    assert calls == [MAX_PARTS + 1]


def test_a_failing_model_check_keeps_the_translation() -> None:
    class Broken(ScoringFake):
        def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
            raise RuntimeError("out of memory")

    result = summarize.Pipeline(translator=Broken(), summarizer="extractive", cache=False,
                                model_check=True).run(COMPLAINT)
    sentence = result.paragraphs[0][0]
    assert sentence.translation == "Jakarta residents complain because rice prices rose."
    assert "omission_note" not in sentence.flags


def test_the_model_check_reads_the_english_the_retry_kept() -> None:
    class Retried(ScoringFake):
        """First answer loops (flagged: repetition); the safer retry drops the last clause."""

        def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
            first = self.decoding.no_repeat_ngram_size == 0
            loop = "Jakarta residents residents residents residents residents residents complain."
            out = [loop if first and s == COMPLAINT else "Jakarta residents complain because rice prices rose."
                   for s in sentences]
            if sentences:
                yield list(range(len(sentences))), out

    scored: list[str] = []

    class Watching(Retried):
        def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float | None]:
            scored.extend(targets)
            return toy_score(sources, targets)

    result = summarize.Pipeline(translator=Watching(), summarizer="extractive", cache=False,
                                model_check=True).run(COMPLAINT)
    sentence = result.paragraphs[0][0]
    assert result.meta["qa"]["improved_by_retry"] == 1
    assert set(scored) == {sentence.translation}  # only the kept English was scored
    assert "omission_note" in sentence.flags


def test_resumed_batches_redo_outputs_when_the_model_check_is_switched(tmp_path: Path) -> None:
    from summarize.jobs.writes import settings_fingerprint

    plain = summarize.Pipeline(translator=ScoringFake(), summarizer="extractive", cache=False)
    checked = summarize.Pipeline(translator=ScoringFake(), summarizer="extractive", cache=False,
                                 model_check=True)
    assert settings_fingerprint(plain, 3, ["json"]) != settings_fingerprint(checked, 3, ["json"])
