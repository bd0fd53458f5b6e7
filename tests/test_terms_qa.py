"""Prepare stage (abbreviations, glossary, numbers) and the check stage (QA flags, retry)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import jsonschema
import pytest

import summarize
from summarize.apps import main
from summarize.document import Sentence
from summarize.numbers import english_values, indonesian_numbers, missing_numbers
from summarize.checks import check, check_details
from summarize.checks import Reviewer
from summarize.text import clauses
from summarize.terms import Terms, load_glossary
from summarize.mt import DecodingOptions, IdentityTranslator
from tests.conftest import SEEDS, FakeTranslator
from tests.result_schema import RESULT_SCHEMA

UNEXPANDED = re.compile(r"(?<![\w])(Korut|Korsel|AS)(?![\w])")


RecordingTranslator = FakeTranslator  # canned English per input (or the input itself)


class DecodingTranslator(RecordingTranslator):
    """Drops the number with greedy decoding and keeps it with the safer retry settings."""

    def __init__(self) -> None:
        super().__init__()
        self.decoding = DecodingOptions(beam_size=1)

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        self.seen.extend(sentences)
        safe = self.decoding.no_repeat_ngram_size > 0
        out = ["North Korea sent 5,000 troops to Russia." if safe else "North Korea sent troops to Russia."
               for _ in sentences]
        if sentences:
            yield list(range(len(sentences))), out


# -- prepare stage ------------------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_no_abbreviation_reaches_the_model_unexpanded(path: Path) -> None:
    recorder = RecordingTranslator()
    pipe = summarize.Pipeline(translator=recorder, summarizer="extractive", retry=False)
    result = pipe.run(summarize.Document.from_file(path), bullets=1)
    assert recorder.seen, "the seed produced no model input"
    for text in recorder.seen:
        assert not UNEXPANDED.search(text), text
        assert "Korea Selatan (Korea Selatan)" not in text and "Korea Utara (Korea Utara)" not in text
    units = ([result.title] if result.title else []) + result.sentences()
    for s in units:
        if UNEXPANDED.search(s.source) and not s.translation == s.source:
            assert s.to_dict()["mt_input"] != s.source


@pytest.mark.parametrize(
    ("written", "expected"),
    [("5.000", "5,000"), ("10.000", "10,000"), ("2,5 Tahun", "2.5 Tahun"), ("(4/11/2025)", "(4 November 2025)")],
)
def test_seed_numbers_come_through_right_in_mt_input(written: str, expected: str, seed_texts: dict[str, str]) -> None:
    terms = Terms()
    lines = [line for text in seed_texts.values() for line in text.splitlines() if written in line]
    assert lines, f"no seed line contains {written!r}"
    for line in lines:
        prepared = terms.prepare(line)
        assert expected in prepared and written not in prepared, prepared
    # And through the pipeline, for the sentences the cleaner keeps.
    pipe = summarize.Pipeline(translator=IdentityTranslator(), summarizer="extractive", retry=False)
    kept = [s for path in SEEDS for s in pipe.prepare(summarize.Document.from_file(path)).values()
            if written in s.source]
    for s in kept:
        assert expected in (s.mt_input or "")
    if written != "2,5 Tahun":  # that one only occurs in "Baca juga" links the cleaner drops
        assert kept


def test_abbreviations_expand_once_and_respect_context() -> None:
    terms = Terms()
    assert terms.prepare("Korea Selatan (Korsel) dan Korut") == "Korea Selatan dan Korea Utara"
    assert terms.prepare("Presiden Amerika Serikat (AS) Donald Trump") == "Presiden Amerika Serikat Donald Trump"
    assert terms.prepare("Korsel (Korea Selatan) menolak") == "Korea Selatan menolak"
    assert terms.prepare("Dewan Keamanan PBB dan DK PBB") == (
        "Dewan Keamanan Perserikatan Bangsa-Bangsa dan Dewan Keamanan Perserikatan Bangsa-Bangsa")
    # AS only as a standalone capital token; ASEAN, "as" and "AS-nya" compounds are other words.
    assert terms.prepare("ASEAN bukan AS") == "ASEAN bukan Amerika Serikat"
    assert terms.prepare("pukul 20.00 WIB") == "pukul 20:00 WIB (UTC+7)"
    assert terms.prepare("pukul 09.30 WITA (UTC+8)") == "pukul 09:30 WITA (UTC+8)"


def test_user_abbreviations_extend_and_switch_off(tmp_path: Path) -> None:
    table = tmp_path / "abbr.tsv"
    table.write_text("# mine\nNIS\tBadan Intelijen Nasional Korea Selatan\nAS\t\n", encoding="utf-8")
    terms = Terms.load(abbreviations=table)
    assert terms.prepare("NIS dan AS") == "Badan Intelijen Nasional Korea Selatan dan AS"


def test_numbers_and_magnitudes_are_written_the_english_way() -> None:
    terms = Terms()
    assert terms.prepare("Sudah ada 10 ribu pasukan") == "Sudah ada 10,000 pasukan"
    assert terms.prepare("anggaran Rp 1,2 triliun") == "anggaran Rp 1.2 trillion"
    assert terms.prepare("harga Rp 6 ribu") == "harga Rp 6,000"
    assert terms.prepare("naik 2,5 persen menjadi 1.234.567,8") == "naik 2.5 persen menjadi 1,234,567.8"
    assert terms.prepare("US$ 2,3 miliar") == "US$ 2.3 billion"
    # A fraction is not a date; a weekday makes d/m one.
    assert terms.prepare("tebal 1/5 inci") == "tebal 1/5 inci"
    assert terms.prepare("ujar Sri, Kamis (15/11).") == "ujar Sri, Kamis (15 November)."


def test_number_readings() -> None:
    [time] = indonesian_numbers("pukul 20.00 WIB")
    assert time.kind == "time" and 20.0 in time.required[0] and 8.0 in time.required[0]
    assert {2.3e9} <= english_values("a $2.3 billion fortune").values
    assert {9000.0} <= english_values("a nine thousand-year lease").values
    assert {20.0} <= english_values("at 8 p.m.").values
    assert not missing_numbers("sekitar 5.000 tentara pada 4/11/2025", "about 5,000 soldiers on 4 November 2025")
    assert [s.text for s in missing_numbers("sekitar 5.000 tentara", "about 5.000 soldiers")] == []  # read both ways
    assert [s.text for s in missing_numbers("2,3 miliar dolar", "2.3 million dollars")] == ["2,3 miliar"]
    assert [s.text for s in missing_numbers("rudal 9M729", "the 9M72 missile")] == ["9M729"]


# -- glossary -----------------------------------------------------------------------------

GLOSSARY = {"Badan Intelijen Nasional": "National Intelligence Service", "Zeni": "Corps of Engineers"}


def test_glossary_files_tsv_and_yaml(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("Badan Intelijen Nasional\tNational Intelligence Service\n", encoding="utf-8")
    yml = tmp_path / "g.yaml"
    yml.write_text("glossary:\n  Zeni: Corps of Engineers\nabbreviations:\n  NIS: Badan Intelijen Nasional\n",
                   encoding="utf-8")
    assert load_glossary(tsv)[0][0].target == "National Intelligence Service"
    entries, abbreviations = load_glossary(yml)
    assert entries[0].source == "Zeni" and abbreviations == {"NIS": "Badan Intelijen Nasional"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(summarize.InputError, match="line 1"):
        load_glossary(bad)
    with pytest.raises(summarize.InputError, match="does not exist"):
        summarize.Pipeline(translator=IdentityTranslator(), glossary=tmp_path / "missing.tsv")


def test_glossary_enforced_and_verified_with_the_tiny_model(tiny_models: dict[str, Path]) -> None:
    text = ("Judul Berita\nBadan Intelijen Nasional melaporkan pasukan Zeni dikirim ke Rusia. "
            "Kalimat kedua tanpa istilah.")
    pipe = summarize.Pipeline(mt_model=str(tiny_models["marian"]), summarizer="extractive", beam_size=1,
                              max_length_ratio=0.5, glossary=GLOSSARY, cache=False)
    result = pipe.run(text, bullets=1)
    first = result.sentences()[0]
    assert "National Intelligence Service" in first.mt_input and "Corps of Engineers" in first.mt_input
    # The random tiny model cannot keep the terms: verification catches it and says which.
    assert "glossary_miss" in first.flags
    details = result.meta["qa"]["details"][first.id]
    assert any(d["flag"] == "glossary_miss" and "Zeni" in d["detail"] for d in details)
    assert "glossary_miss" not in result.sentences()[1].flags
    # A model that copies the protected terms through passes the same verification.
    copying = summarize.Pipeline(translator=IdentityTranslator(), summarizer="extractive", glossary=GLOSSARY)
    assert "glossary_miss" not in copying.run(text, bullets=1).sentences()[0].flags


def test_glossary_term_left_in_indonesian_is_restored() -> None:
    source = "Badan Intelijen Nasional melaporkan 5.000 tentara."
    fake = RecordingTranslator({})
    pipe = summarize.Pipeline(translator=fake, summarizer="extractive", glossary=GLOSSARY)
    fake.answers = {pipe.terms.prepare(source): "The Badan Intelijen Nasional reported 5.000 troops."}
    s = pipe.run(source, bullets=1).sentences()[0]
    assert s.translation == "The National Intelligence Service reported 5,000 troops."
    assert "glossary_miss" not in s.flags and "number_mismatch" not in s.flags


# -- QA flags -----------------------------------------------------------------------------

SOURCE = "Korea Utara telah mengirim sekitar 5.000 tentara ke Rusia sejak September, menurut badan intelijen Seoul."
GOOD = "North Korea has sent about 5,000 troops to Russia since September, according to Seoul's intelligence agency."


def test_good_translation_has_no_flags() -> None:
    assert check(SOURCE, GOOD) == []
    assert check("", "") == [] and check("Halo.", "") == ["possible_omission"]


def test_number_mismatch() -> None:
    wrong = GOOD.replace("5,000", "500")
    assert check(SOURCE, wrong) == ["number_mismatch"]
    assert "5.000 (5,000)" in check_details(SOURCE, wrong)[0].detail
    # The same digits, but day and month swapped: the reader learns another date (issue 16).
    assert check("pada Selasa (4/11/2025)", "on Tuesday (11 April 2025)") == ["number_mismatch"]
    assert check("pada Selasa (4/11/2025)", "on Tuesday (4 November 2025)") == []
    assert check("pada Selasa (4/11/2025)", "on Tuesday (4 November 2024)") == ["number_mismatch"]


def test_possible_omission() -> None:
    assert check(SOURCE, "North Korea has sent about 5,000 troops.") == ["possible_omission"]
    two = "Korea Utara mengirim tentara ke Rusia. Mereka akan membantu membangun kembali infrastruktur di Kursk."
    assert check(two, "North Korea sent troops to Russia.") == ["possible_omission"]
    assert check(two, "North Korea sent troops to Russia. They will help rebuild infrastructure in Kursk.") == []


def test_repetition() -> None:
    looped = "North Korea has sent about 5,000 troops troops troops troops to Russia since September."
    assert "repetition" in check(SOURCE, looped)
    phrase = ("North Korea has sent about 5,000 troops to Russia since September, to Russia since "
              "September, according to Seoul's intelligence.")
    assert "repetition" in check(SOURCE, phrase)
    assert "repetition" not in check("Selamat tinggal, tinggal, tinggal!", "Goodbye, bye, bye, bye!")


def test_untranslated() -> None:
    # Copied through, "5.000" is also still in Indonesian format (issue 16): both are flagged.
    assert check(SOURCE, SOURCE) == ["number_mismatch", "untranslated"]
    mixed = "North Korea has sent about 5,000 tentara yang dikirim ke Russia since September, menurut Seoul."
    assert "untranslated" in check(SOURCE, mixed)


def test_glossary_miss() -> None:
    source = "Badan Intelijen Nasional Korea Selatan melaporkan hal itu."
    assert check(source, "South Korea's spy agency reported it.", glossary=GLOSSARY) == ["glossary_miss"]
    assert check(source, "South Korea's National Intelligence Service reported it.", glossary=GLOSSARY) == []


# -- check stage in the pipeline ----------------------------------------------------------

def test_retry_with_safer_decoding_fixes_a_flagged_sentence() -> None:
    translator = DecodingTranslator()
    pipe = summarize.Pipeline(translator=translator, summarizer="extractive")
    events = list(pipe.stream("Korea Utara mengirim 5.000 tentara ke Rusia.", bullets=1))
    assert "check" in [e.stage for e in events]
    result = events[-1].result
    s = result.sentences()[0]
    assert s.translation == "North Korea sent 5,000 troops to Russia." and s.flags == []
    qa = result.meta["qa"]
    assert qa["flagged_before_retry"] == {"number_mismatch": 1}
    assert qa["retried"] == 1 and qa["improved_by_retry"] == 1 and qa["flagged"] == 0
    assert translator.decoding.no_repeat_ngram_size == 0  # the pipeline's own translator is untouched


def test_retry_by_clauses_when_the_model_drops_one_and_flags_what_stays_wrong() -> None:
    source = "Korea Utara mengirim 5.000 tentara ke Rusia, menurut laporan intelijen Korea Selatan pada hari Selasa."
    fake = RecordingTranslator()
    pipe = summarize.Pipeline(translator=fake, summarizer="extractive")
    prepared = pipe.terms.prepare(source)
    first, second = clauses(prepared)
    fake.answers = {
        prepared: "North Korea sent troops.",  # drops the number and a clause
        first: "North Korea sent 5,000 troops to Russia,",
        second: "according to a South Korean intelligence report on Tuesday.",
    }
    s = pipe.run(source, bullets=1).sentences()[0]
    assert s.translation == ("North Korea sent 5,000 troops to Russia, according to a South Korean "
                             "intelligence report on Tuesday.")
    assert s.flags == []
    # When no candidate is better, the first translation and its flags stay.
    fake.answers = {prepared: "North Korea sent troops.", first: "North Korea sent troops,",
                    second: "according to a report."}
    s = pipe.run(source, bullets=1).sentences()[0]
    assert s.translation == "North Korea sent troops."
    assert set(s.flags) == {"number_mismatch", "possible_omission"}
    no_retry = summarize.Pipeline(translator=fake, summarizer="extractive", retry=False).run(source, bullets=1)
    assert no_retry.meta["qa"]["retried"] == 0


def test_reviewer_restores_indonesian_numbers() -> None:
    reviewer = Reviewer(Terms(), IdentityTranslator())
    s = Sentence(id="p0s0", source="Harga naik 2,5 persen menjadi Rp 6.000.", translation="Prices rose 2,5 percent to Rp 6.000.")
    reviewer.finish(s)
    assert s.translation == "Prices rose 2.5 percent to Rp 6,000." and s.flags == []
    assert reviewer.repaired == 1


def test_flags_in_json_and_markdown() -> None:
    fake = RecordingTranslator()
    pipe = summarize.Pipeline(translator=fake, summarizer="extractive", retry=False)
    source = "Judul: Korut Kirim Tentara\nKorea Utara mengirim 5.000 tentara ke Rusia. Mereka tiba kemarin."
    fake.answers = {pipe.terms.prepare("Korea Utara mengirim 5.000 tentara ke Rusia."): "North Korea sent troops to Russia.",
                    "Mereka tiba kemarin.": "They arrived yesterday."}
    result = pipe.run(source, bullets=1)
    data = result.to_dict()
    jsonschema.validate(data, RESULT_SCHEMA)
    flagged = [s for p in data["paragraphs"] for s in p["sentences"] if s["flags"]]
    assert any(s["flags"] == ["number_mismatch"] for s in flagged)
    assert data["meta"]["qa"]["legend"]["number_mismatch"]
    md = result.to_markdown(side_by_side=True)
    assert "North Korea sent troops to Russia.[^" in md
    assert "## Flags" in md and "number mismatch" in md and "5.000 (5,000)" in md


def test_ui_shows_flags_with_an_explanation() -> None:
    from summarize.apps import render_columns

    doc = summarize.Document(title=None, paragraphs=[["Korea Utara mengirim 5.000 tentara."]])
    s = Sentence(id="p0s0", source=doc.paragraphs[0][0], translation="North Korea sent troops.",
                 flags=["number_mismatch"])
    html = render_columns(doc, {"p0s0": s})
    assert "sz-flag" in html and "⚠" in html
    assert "a number of the source is missing or different" in html


# -- summarize check ----------------------------------------------------------------------

def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "src.id", tmp_path / "out.en"
    src.write_text(f"{SOURCE}\n{SOURCE}\n", encoding="utf-8")
    out.write_text(f"{GOOD}\n{GOOD.replace('5,000', '50')}\n", encoding="utf-8")
    assert main(["check", str(src), str(out)]) == 1
    text = capsys.readouterr().out
    assert "2: number_mismatch: missing: 5.000 (5,000)" in text
    assert "2 lines checked, 1 flagged" in text
    assert main(["check", str(src), str(out), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"lines": 2, "flagged": 1, "flags": {"number_mismatch": 1}}
    out.write_text(f"{GOOD}\n{GOOD}\n", encoding="utf-8")
    assert main(["check", str(src), str(out)]) == 0
    out.write_text(f"{GOOD}\n", encoding="utf-8")
    assert main(["check", str(src), str(out)]) == 2
    assert "line-aligned" in capsys.readouterr().err


def test_glossary_option_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("Zeni\tCorps of Engineers\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Pasukan Zeni Korut tiba di Rusia pada Selasa.\n", encoding="utf-8")
    import summarize.pipeline as pipeline_module

    fake = FakeTranslator()
    seen = fake.seen
    original = pipeline_module.make_translator
    pipeline_module.make_translator = lambda *a, **k: fake  # type: ignore[assignment]
    try:
        assert main(["run", str(article), "--format", "json", "--glossary", str(glossary),
                     "--summarizer", "extractive", "--mt-model", "opus-mt-id-en"]) == 0
    finally:
        pipeline_module.make_translator = original
    data = json.loads(capsys.readouterr().out)
    assert any("Corps of Engineers" in t and "Korea Utara" in t for t in seen)
    assert data["meta"]["qa"]["glossary_terms"] == 1


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Sekitar 6,5 juta orang bermain setiap hari.", "Some six-and-a-half-million people play each day."),
        ("Total penduduk 1,3 miliar jiwa.", "A population of one-point-three-billion people."),
        ("Eropa mengurangi bantuan sebesar 1,5%.", "Europe cut its aid by one-and-half percent."),
        ("Biayanya sekitar Rp 50 juta hingga Rp 100 juta.", "It costs around Rp 50-100 million."),
        ("Gerobak berukuran 1x3 meter.", "A 1x3 metre cart."),
        ("PMI DKI Minta Tambahan Anggaran Rp 40 M", "Jakarta PMI asks for an extra Rp 40 billion"),
    ],
)
def test_numbers_written_the_way_english_newsrooms_do(source: str, english: str) -> None:
    assert check(source, english) == []


def test_headline_rupiah_scale_letters() -> None:
    [span] = indonesian_numbers("Anggaran Rp 40 M")
    assert span.english == "Rp 40 billion" and span.text == "Rp 40 M"
    assert check("Anggaran Rp 40 M", "A budget of Rp 40 million") == ["number_mismatch"]
    assert [s.kind for s in indonesian_numbers("jalan 5 m")] == ["number"]  # metres stay metres
