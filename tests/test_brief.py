from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize.briefing import AbstractiveSummarizer, ground, unsupported_details
from summarize.mt import IdentityTranslator
from tests.conftest import SEEDS

ARTICLE = (
    "Korut Kirim Tentara ke Rusia\n"
    "Korea Utara mengirim 5.000 pasukan konstruksi ke Rusia sejak September.\n"
    "Pasukan itu disebut membantu rekonstruksi infrastruktur di wilayah Kursk.\n"
    "Baca juga: Rusia Menggila, Serangan Rudal ke Ukraina\n"
    "Badan intelijen Korea Selatan mengatakan 10.000 tentara Korut berada di dekat perbatasan.\n"
    "Setidaknya 600 tentara Korut tewas dalam perang Ukraina.\n"
    "(oln/tmt/*)\n"
)


def _identity(summarizer: str) -> summarize.Pipeline:
    return summarize.Pipeline(translator=IdentityTranslator(), summarizer=summarizer)


def test_key_sentences_empty_document() -> None:
    doc = summarize.Document(title=None, paragraphs=[])
    assert summarize.key_sentences(doc, n=3) == []


def test_key_sentences_in_document_order_and_skip_noise() -> None:
    doc = summarize.Document.from_text(ARTICLE)
    picked = summarize.key_sentences(doc, n=3)
    assert len(picked) == 3
    order = [s for _, s in doc.sentences()]
    assert [order.index(s) for s in picked] == sorted(order.index(s) for s in picked)
    assert not any(s.startswith("Baca juga") or s.startswith("(oln") for s in picked)


@pytest.mark.parametrize("n", [1, 3, 5])
def test_extractive_bullets_are_grounded_in_existing_ids(n: int) -> None:
    result = _identity("extractive").run(ARTICLE, bullets=n)
    ids = {s.id for s in result.sentences()}
    assert len(result.brief) == min(n, 4)
    for bullet in result.brief:
        assert bullet.sources and set(bullet.sources) <= ids
        assert bullet.text == result.sentence(bullet.sources[0]).translation
    assert result.meta["summarizer"]["used"] == "extractive"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_briefs_have_three_to_five_bullets(path: Path) -> None:
    result = _identity("extractive").run(summarize.Document.from_file(path), bullets=5)
    assert 3 <= len(result.brief) <= 5


def test_bullet_count_is_validated() -> None:
    with pytest.raises(summarize.InputError):
        _identity("extractive").run(ARTICLE, bullets=0)


def test_ground_links_to_overlapping_sentence() -> None:
    result = _identity("extractive").run(ARTICLE, bullets=3)
    # The cleaner drops the "Baca juga" line, so look the sentence's id up rather than fix it.
    target = next(s.id for s in result.sentences() if s.source.startswith("Setidaknya 600"))
    assert ground("Setidaknya 600 tentara Korut tewas", result.sentences()) == [target]
    assert ground("completely unrelated words here", result.sentences()) == []


def test_unsupported_details_catches_invented_numbers_and_names() -> None:
    ref = "North Korea sent 5,000 troops to Russia, Kim Jong Un said."
    assert unsupported_details("Korea sent 5.000 troops.", ref) == []
    assert unsupported_details("Korea sent 7,000 troops to Mars.", ref) == ["7,000", "Mars"]


def test_auto_falls_back_to_extractive_and_says_so() -> None:
    result = _identity("auto").run(ARTICLE, bullets=3)
    info = result.meta["summarizer"]
    assert info["requested"] == "auto" and info["used"] == "extractive"
    assert "not downloaded" in info["reason"]
    assert "(extractive)" in result.to_markdown()


def test_auto_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_SUMMARIZER", "auto")
    result = summarize.Pipeline(translator=IdentityTranslator()).run(ARTICLE, bullets=3)
    assert result.meta["summarizer"]["used"] == "extractive"


def test_abstractive_with_tiny_bart(tiny_models: dict[str, Path]) -> None:
    pipe = summarize.Pipeline(
        translator=IdentityTranslator(), summarizer=str(tiny_models["bart"]), beam_size=1
    )
    result = pipe.run(ARTICLE, bullets=4)
    ids = {s.id for s in result.sentences()}
    assert result.meta["summarizer"]["used"] == "abstractive"
    assert len(result.brief) == 4
    assert all(b.sources and set(b.sources) <= ids for b in result.brief)


def test_abstractive_bullet_with_invented_number_is_replaced(
    tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The identity "translation" is the prepared model input, where Korut reads Korea Utara.
    grounded = "Setidaknya 600 tentara Korea Utara tewas dalam perang Ukraina."
    invented = "Korea Utara mengirim 99.999 pasukan konstruksi ke Rusia sejak September."

    def fake_summary(self: AbstractiveSummarizer, sentences: list[str]) -> tuple[list[str], int]:
        return [invented, grounded], 1

    monkeypatch.setattr(AbstractiveSummarizer, "summarize", fake_summary)
    pipe = summarize.Pipeline(translator=IdentityTranslator(), summarizer=str(tiny_models["bart"]))
    result = pipe.run(ARTICLE, bullets=2)
    texts = [b.text for b in result.brief]
    assert invented not in texts
    assert grounded in texts
    assert result.meta["summarizer"]["replaced_bullets"] == 1
    assert all("99" not in t for t in texts)
