"""Regression tests for problems found by reviewing the product as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.jobs import batch
from summarize.errors import InputError
from summarize.checks import check
from summarize.terms import Terms


@pytest.mark.parametrize(("source", "expected"), [
    ("Korban mencapai 10-15 ribu orang.", "Korban mencapai 10,000-15,000 orang."),
    ("Sebanyak 10 hingga 15 ribu warga.", "Sebanyak 10,000 hingga 15,000 warga."),
    ("Sekitar 2-3 juta orang.", "Sekitar 2-3 million orang."),
    ("Pria berusia 30-an itu ditangkap.", "Pria berusia 30s itu ditangkap."),
    ("Pada era 80-an dan 1990-an.", "Pada era 80s dan 1990s."),
    ("Kerugian negara mencapai Rp 1,250 triliun.", "Kerugian negara mencapai Rp 1.25 trillion."),
    ("Ia bermain untuk AS Roma sejak 2019.", "Ia bermain untuk AS Roma sejak 2019."),
    ("Presiden AS Donald Trump tiba.", "Presiden Amerika Serikat Donald Trump tiba."),
    ("Ketua DPD Partai Golkar hadir.", "Ketua DPD Partai Golkar hadir."),
    ("Dewan Keamanan PBB (DK PBB) bersidang.", "Dewan Keamanan Perserikatan Bangsa-Bangsa bersidang."),
    ("Kepala Polri (Kapolri) hadir.", "Kepala Kepolisian Negara Republik Indonesia hadir."),
    ("Kementerian Luar Negeri RI (Kemlu RI) menyatakan.",
     "Kementerian Luar Negeri Indonesia menyatakan."),
])
def test_prepare_reads_ranges_decades_and_long_forms(source: str, expected: str) -> None:
    assert Terms().prepare(source) == expected


@pytest.mark.parametrize(("source", "english"), [
    ("Korban mencapai 10-15 ribu orang.", "Victims reached 10,000-15,000 people."),
    ("Sekitar 20-30 ribu warga.", "About 20,000 to 30,000 residents."),
    ("Sekitar 2-3 juta orang.", "About 2 million to 3 million people."),
    ("Sebanyak 10 hingga 15 ribu warga.", "Between 10,000 and 15,000 residents."),
])
def test_ranges_with_a_shared_scale_are_not_false_alarms(source: str, english: str) -> None:
    assert "number_mismatch" not in check(source, english)


def test_range_with_a_wrong_end_is_still_flagged() -> None:
    assert "number_mismatch" in check("Korban mencapai 10-15 ribu orang.", "Victims reached 15,000 people.")


def test_glossary_terms_match_whole_words_only() -> None:
    terms = Terms.load(glossary={"PBB": "UN", "Kemhan": "MoD"})
    assert "glossary_miss" in check("Sekjen PBB bertemu.", "The United Nations chief met.", glossary=terms)
    assert "glossary_miss" in check("Kemhan membeli drone.", "The ministry bought modern drones.",
                                    glossary=terms)
    assert "glossary_miss" not in check("Sekjen PBB bertemu.", "The UN chief met.", glossary=terms)


def test_restore_leaves_an_ambiguous_bare_number_alone() -> None:
    terms = Terms()
    kept = "As many as 10 residents and 10 police."
    assert terms.restore("Sebanyak 10 ribu warga dan 10 polisi.", kept) == kept
    assert terms.restore("Sebanyak 10 ribu warga mengungsi.", "As many as 10 residents fled.") == (
        "As many as 10,000 residents fled.")


def test_glossary_file_that_is_not_utf8_is_a_clear_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tsv"
    path.write_bytes("Korut\tNorth Korea\nBandara Soekarno-Hatta\taéroport\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        Terms.load(glossary=path)


def test_batch_refuses_to_write_into_its_input_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Korut meluncurkan rudal pada Selasa.", encoding="utf-8")
    with pytest.raises(InputError, match="output folder is the input folder"):
        next(iter(batch(tmp_path, tmp_path)))


def test_utf16_text_with_a_bom_is_decoded() -> None:
    from summarize.text import decode_bytes

    text, warnings = decode_bytes("Korut meluncurkan rudal.".encode("utf-16"))
    assert text == "Korut meluncurkan rudal." and warnings == []


def test_pasted_page_source_is_read_as_html() -> None:
    from summarize.apps import read_input

    page = ("<!DOCTYPE html><html><head><title>Korut luncurkan rudal</title></head><body><article>"
            "<h1>Korut luncurkan rudal balistik</h1>"
            "<p>Korea Utara meluncurkan rudal balistik ke arah laut pada Selasa pagi, kata militer "
            "Korea Selatan dalam sebuah pernyataan resmi.</p>"
            "<p>Peluncuran itu adalah yang ketiga bulan ini dan terjadi menjelang latihan militer "
            "gabungan antara Korea Selatan dan Amerika Serikat.</p></article></body></html>")
    doc = read_input(page, None, None)
    body = " ".join(src for _sid, src in doc.sentences())
    assert "<p>" not in body and "Korea Utara meluncurkan" in body


@pytest.mark.parametrize("english", [
    "The earthquake occurred at 7.30 pm Western Indonesia Time.",
    "The earthquake occurred at 19.30 WIB.",
    "The earthquake occurred at 7:30 pm.",
])
def test_dotted_times_in_english_are_read_as_times(english: str) -> None:
    assert "number_mismatch" not in check("Gempa terjadi pukul 19.30 WIB.", english)


def test_a_wrong_dotted_time_is_still_flagged() -> None:
    assert "number_mismatch" in check("Gempa terjadi pukul 19.30 WIB.", "The quake hit at 7.45 pm.")


def test_negative_no_repeat_ngram_size_is_an_input_error() -> None:
    from summarize.mt import DecodingOptions

    with pytest.raises(InputError, match="no_repeat_ngram_size"):
        DecodingOptions(no_repeat_ngram_size=-3)


def test_source_english_is_a_note_not_a_warning() -> None:
    from summarize.document import Sentence
    from summarize.checks import explain
    from summarize.apps import flag_legend as _flag_legend, sentence_span as _span

    note = Sentence(id="p0s0", source="We will win.", translation="We will win.",
                    flags=["source_english"])
    assert "copied, not translated" in explain("source_english")
    assert _flag_legend([note]) == ""
    assert "sz-note" in _span(note, note.translation, 1, warn=True)
    assert "⚠" not in _span(note, note.translation, 1, warn=True)
