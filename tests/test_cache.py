"""The persistent translation cache: hits, misses, keys, bounds, and failure tolerance."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import summarize
from summarize.mt import CachedTranslator, TranslationCache, normalize_sentence
from summarize.settings import cache_dir
from tests.conftest import FakeTranslator
from summarize.mt import Seq2SeqTranslator

ARTICLE = "Judul Berita\nKalimat pertama di sini. Kalimat kedua di sana.\nKalimat pertama di sini."


def CountingTranslator(fingerprint: str = "fp1", beam_size: int = 4) -> FakeTranslator:  # noqa: N802
    """Upper-cases its input and remembers every sentence it was asked to translate."""
    return FakeTranslator(transform=str.upper, name="counting", fingerprint=fingerprint, beam_size=beam_size)


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("SUMMARIZE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "xdg" / "summarize"


def test_misses_then_hits(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "t.sqlite3")
    inner = CountingTranslator()
    first = CachedTranslator(inner, cache).translate(["satu dua", "tiga", "satu  dua", ""])
    assert first == ["SATU DUA", "TIGA", "SATU DUA", ""]
    assert inner.seen == ["satu dua", "tiga", ""]  # the repeat (after normalising) went once
    inner.seen.clear()
    again = CachedTranslator(inner, cache)
    assert again.translate(["tiga", "satu dua", "empat"]) == ["TIGA", "SATU DUA", "EMPAT"]
    assert inner.seen == ["empat"]
    assert (again.stats.hits, again.stats.misses) == (2, 1)
    assert len(cache) == 3


def test_key_depends_on_model_and_decoding(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "t.sqlite3")
    CachedTranslator(CountingTranslator(), cache).translate(["tiga"])
    for other in (CountingTranslator(fingerprint="fp2"), CountingTranslator(beam_size=1)):
        CachedTranslator(other, cache).translate(["tiga"])
        assert other.seen == ["tiga"]


def test_cache_survives_reopening_and_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    CachedTranslator(CountingTranslator(), TranslationCache(path)).translate(["a1", "a2", "a3"])
    reopened = TranslationCache(path, max_entries=2)
    inner = CountingTranslator()
    CachedTranslator(inner, reopened).translate(["a1", "a2", "a3"])
    assert inner.seen == []
    reopened.prune()
    assert len(reopened) == 2


def test_broken_cache_file_does_not_stop_translation(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "t.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    inner = CountingTranslator()
    assert CachedTranslator(inner, TranslationCache(path)).translate(["satu"]) == ["SATU"]
    assert "disabled" in caplog.text


def test_normalize_sentence() -> None:
    assert normalize_sentence("  Halo\u00a0 dunia\n") == "Halo dunia"
    assert normalize_sentence("Cafe\u0301") == "Caf\u00e9"


def test_second_pipeline_run_does_not_call_the_model(tiny_models: dict[str, Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = summarize.Pipeline(mt_model=str(tiny_models["marian"]), summarizer="extractive", beam_size=1)
    first = pipe.run(ARTICLE, bullets=1)

    def no_model(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("the model was called for a cached sentence")

    monkeypatch.setattr(Seq2SeqTranslator, "_generate", no_model)
    again = summarize.Pipeline(mt_model=str(tiny_models["marian"]), summarizer="extractive", beam_size=1)
    second = again.run(ARTICLE, bullets=1)
    assert [s.translation for s in second.sentences()] == [s.translation for s in first.sentences()]
    assert second.title and first.title and second.title.translation == first.title.translation
    uncached = summarize.Pipeline(mt_model=str(tiny_models["marian"]), summarizer="extractive",
                                  beam_size=1, cache=False)
    with pytest.raises(AssertionError, match="cached sentence"):
        uncached.run(ARTICLE, bullets=1)
