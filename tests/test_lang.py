"""Language detection: English paragraphs pass through untranslated; non-Indonesian input is refused
unless the caller insists."""

from __future__ import annotations


import pytest

import summarize
from summarize import Document, InputError
from summarize.text import detect_language, paragraph_languages
from tests.conftest import FakeTranslator

ID_PARAGRAPHS = [
    "JAKARTA - Pemerintah resmi mengumumkan kenaikan harga bahan bakar minyak mulai Rabu. "
    "Harga baru ditetapkan Rp 12.500 per liter.",
    "Ia menambahkan, subsidi akan dialihkan ke bantuan langsung tunai bagi 20 juta keluarga.",
]
EN_PARAGRAPH = (
    "\"We have calculated the impact on inflation and we are ready to support the poorest families,\" "
    "the minister said in a statement."
)
EN_ARTICLE = (
    "North Korea has sent about 5,000 construction troops to Russia since September, a South Korean "
    "lawmaker said on Tuesday.\nThe troops are expected to help rebuild infrastructure in the Kursk "
    "region, which was damaged in the fighting.\nAnalysts say the deployment deepens the military "
    "ties between the two countries."
)


def Recorder() -> FakeTranslator:  # noqa: N802
    """Marks what it translated, so a test sees which units reached the model."""
    return FakeTranslator(transform=lambda s: f"EN<{s}>", name="recorder")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ID_PARAGRAPHS[0], "id"),
        (EN_PARAGRAPH, "en"),
        ("Kerajaan Malaysia telah mengumumkan bahawa sekolah akan dibuka semula minggu hadapan.", "id"),
        ("Der Hund ist sehr groß und schläft im Garten, weil es heute warm ist und die Sonne scheint.", "de"),
        ("Kalimat pertama. Kalimat kedua.", "id"),  # too short to judge: the document's language
        ("", "id"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text, min_words=6).code == code


def test_names_and_loanwords_do_not_make_a_paragraph_english() -> None:
    text = ("Holdbrooks menjadi pembicara di Muslim Legal Fund of America. Dia berkeliling AS untuk "
            "membuka mata masyarakat soal terorisme.")
    assert paragraph_languages([text, EN_PARAGRAPH]) == ["id", "en"]


def test_english_paragraph_passes_through_untranslated() -> None:
    doc = Document.from_text("\n".join([ID_PARAGRAPHS[0], EN_PARAGRAPH, ID_PARAGRAPHS[1]]))
    assert doc.meta["language"] == "id"
    assert doc.meta["paragraph_languages"] == ["id", "en", "id"]
    recorder = Recorder()
    result = summarize.Pipeline(translator=recorder, summarizer="extractive").run(doc, bullets=2)
    english = result.paragraphs[1]
    assert all(s.translation == s.source and "source_english" in s.flags for s in english)
    assert not any(s.source in recorder.seen for s in english)
    assert all(s.translation.startswith("EN<") for s in result.paragraphs[0] + result.paragraphs[2])


def test_list_numbers_are_copied_not_translated() -> None:
    recorder = Recorder()
    doc = Document.from_text("\n".join([ID_PARAGRAPHS[0], "1. Sudah ada 10 ribu pasukan Korut di Rusia",
                                        ID_PARAGRAPHS[1]]))
    result = summarize.Pipeline(translator=recorder, summarizer="extractive").run(doc, bullets=2)
    number = result.paragraphs[1][0]
    assert (number.source, number.translation, number.flags) == ("1.", "1.", [])
    assert "1." not in recorder.seen


def test_english_article_is_refused_unless_forced() -> None:
    doc = Document.from_text(EN_ARTICLE)
    assert doc.meta["language"] == "en"
    assert any("not Indonesian" in w for w in doc.meta["warnings"])
    with pytest.raises(InputError, match="English .*translate anyway"):
        summarize.Pipeline(translator=Recorder(), summarizer="extractive").run(doc)
    recorder = Recorder()
    result = summarize.Pipeline(translator=recorder, summarizer="extractive",
                                translate_anyway=True).run(doc, bullets=1)
    assert result.meta["language"] == "en" and result.meta["translated_anyway"] is True
    assert all(s.translation.startswith("EN<") for s in result.sentences())  # all sent to the model


def test_cli_force_language(tmp_path, capsys: pytest.CaptureFixture[str], tiny_models) -> None:
    from summarize.apps import main

    path = tmp_path / "english.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    args = ["translate", str(path), "--mt-model", str(tiny_models["marian"]), "--beam-size", "1"]
    assert main(args) == 2
    assert "--force-language" in capsys.readouterr().err
    assert main([*args, "--force-language"]) == 0
