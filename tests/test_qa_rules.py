"""Every QA rule of issue 16, on constructed sentences: what it catches and what it lets pass.

The rules are general (no sentence of the evaluation data is here); their precision and recall
on real MT output are measured by ``bench/eval_qa.py``.
"""

from __future__ import annotations

import pytest

from summarize.checks import Reviewer, check, check_details
from summarize.checks.coverage import omission_detail
from summarize.document import Sentence
from summarize.mt import IdentityTranslator
from summarize.numbers import english_values, indonesian_numbers, unit_mismatches
from summarize.terms import Terms


def _detail(source: str, english: str, flag: str = "number_mismatch") -> str:
    return next((i.detail for i in check_details(source, english) if i.flag == flag), "")


# -- number words, ordinals, fractions, "se-" units ------------------------------------------

@pytest.mark.parametrize(("source", "wrong", "right"), [
    ("Tiga tahun kemudian ia kembali ke Bandung.", "Years later he returned to Bandung.",
     "Three years later he returned to Bandung."),
    ("Mereka ditahan selama empat tahun.", "They were held for years.", "They were held for four years."),
    ("Kelompok itu membebaskan enam sandera.", "The group freed the hostages.", "The group freed six hostages."),
    ("Ia finis di urutan keempat.", "He finished behind.", "He finished fourth."),
    ("Ia finis di urutan kelima.", "He finished behind.", "He finished 5th."),
    ("Ia bertugas di Divisi Ketujuh.", "He served in the Ketujuh Division.", "He served in the Seventh Division."),
    ("Koperasi itu memiliki sepertiga dari lahan desa.", "The cooperative owns much of the village land.",
     "The cooperative owns a third of the village land."),
    ("Semenit kemudian pesawat itu jatuh.", "Later the plane crashed.", "A minute later the plane crashed."),
    ("Ia menjadi orang pertama yang tiba.", "He was the person who arrived.", "He was the first person to arrive."),
])
def test_number_words_ordinals_and_fractions_are_read(source: str, wrong: str, right: str) -> None:
    assert "number_mismatch" in check(source, wrong)
    assert "number_mismatch" not in check(source, right)


@pytest.mark.parametrize(("source", "english"), [
    ("Pedagang kaki lima memenuhi trotoar.", "Street vendors filled the pavement."),  # an idiom
    ("Warga Kepulauan Seribu mengeluh.", "Residents of the Seribu Islands complained."),  # a name
    ("Stoknya mencapai belasan ton.", "The stock reached dozens of tons."),  # vague
    ("Kedua negara sepakat.", "The countries agreed."),  # collective "kedua": both
    ("Satu kajian baru terbit.", "A new study came out."),  # "satu" is "a"
    ("Pesertanya rata-rata berusia tiga puluhan.", "Most participants are in their thirties."),
    ("Enam setengah juta orang datang.", "Six and a half million people came."),
    ("Dari dua per tiga petani, satu per empat menanam padi.", "Of two-thirds of farmers, one-quarter grow rice."),
    ("Harganya naik empat kali lipat.", "The price quadrupled."),
    ("Ia menjadi terbaik kedua.", "He was the runner-up."),
])
def test_number_words_that_are_not_counts_or_are_said_otherwise_pass(source: str, english: str) -> None:
    assert "number_mismatch" not in check(source, english)


def test_ordinals_are_only_read_when_asked_for() -> None:
    # The story's figures read number words but no ordinals: "keempat" is no figure.
    assert [s.text for s in indonesian_numbers("urutan keempat", words=True)] == []
    [span] = indonesian_numbers("urutan keempat", words=True, ordinals=True)
    assert span.kind == "ordinal" and span.required == (frozenset({4.0}),)


# -- the English reader ------------------------------------------------------------------------

@pytest.mark.parametrize(("english", "value"), [
    ("Spain beat Italy four-nil.", 0.0), ("a five-three win", 3.0), ("two dozen eggs", 24.0),
    ("an M5.6 quake", 5.6), ("the crisis of '98", 1998.0), ("29¾ inches", 29.75), ("2 3/4 miles", 2.75),
    ("a third of them", 1 / 3), ("World War II", 2.0), ("a minute later", 1.0), ("Law No.11/2008", 11.0),
])
def test_english_readings(english: str, value: float) -> None:
    assert round(value, 6) in {round(v, 6) for v in english_values(english).values}


def test_scores_are_two_numbers_not_a_sum() -> None:
    assert 8.0 not in english_values("a five-three win").values
    assert check("Spanyol mengalahkan Italia 4-0 di final.", "Spain beat Italy four-nil in the final.") == []


def test_time_zone_offset_is_a_label_not_a_count() -> None:
    source = "Tujuh orang tewas pada pukul 20.00 WIB."
    assert 7.0 not in english_values("People died at 20:00 WIB (UTC+7).").values
    assert "missing: Tujuh" in _detail(source, "People died at 20:00 WIB (UTC+7).")
    assert check("Ledakan terjadi pukul 11.00 waktu setempat (UTC+1).", "The blast came at 11:00 local time (UTC+1).") == []


# -- codes, references, magnitudes, years ------------------------------------------------------

@pytest.mark.parametrize(("source", "english"), [
    ("Dalam KTT G-20 di Bali.", "At the G20 summit in Bali."),
    ("Dalam KTT G20 di Bali.", "At the G-20 summit in Bali."),
    ("Gempa M5,6 mengguncang Cianjur.", "An M5.6 earthquake shook Cianjur."),
    ("Krisis tahun 98 memukul ekonomi.", "The 1998 crisis hit the economy."),
    ("Krisis 1998 memukul ekonomi.", "The '98 crisis hit the economy."),
    ("Sesuai UU No.11/2008 tentang ITE.", "Under Law No. 11/2008 on electronic transactions."),
    ("Sabtu pukul 01.15 dini hari bus melintas.", "On Saturday at 01.15 in the morning the bus passed."),
])
def test_codes_references_and_years_are_not_false_alarms(source: str, english: str) -> None:
    assert check(source, english) == []


def test_numbers_after_a_slash_or_a_dot_are_read() -> None:
    assert "11/2008" in _detail("Sesuai UU No.11/2008 tentang ITE.", "Under the ITE Law.")
    assert "number_mismatch" in check("Dalam KTT G20 di Bali.", "At the G-8 summit in Bali.")


# -- the reader reads another value ------------------------------------------------------------

def test_indonesian_grouping_and_decimal_comma_copied_into_english() -> None:
    detail = _detail("Lebih dari 4.000 beruang tinggal di sana.", "More than 4.000 bears live there.")
    assert "Indonesian way" in detail and "4.000 (4,000)" in detail
    assert "Indonesian way" in _detail("Desa itu (2,5 jam dari Medan) sepi.", "The village (2,5 hours from Medan) is quiet.")
    assert check("Lebih dari 4.000 beruang tinggal di sana.", "More than 4,000 bears live there.") == []
    assert check("Ada 1,200 orang.", "There were 1,200 people.") == []  # ambiguous: left alone


def test_day_and_month_swapped() -> None:
    source = "Rapat digelar pada Selasa (4/11/2025) di Jakarta."
    assert "day and month swapped" in _detail(source, "The meeting was held on Tuesday (April 11, 2025) in Jakarta.")
    assert check(source, "The meeting was held on Tuesday (November 4, 2025) in Jakarta.") == []
    # Month-first digits are the American convention: a softer note, not a flag.
    notes = check_details(source, "The meeting was held on Tuesday (11/4/2025) in Jakarta.", notes=True)
    assert [i.flag for i in notes] == ["number_note"]
    assert check(source, "The meeting was held on Tuesday (11/4/2025) in Jakarta.") == []


@pytest.mark.parametrize(("source", "wrong", "right"), [
    ("Sekitar pukul 10.45 massa bergerak.", "At about 10:45 p.m. the crowd moved.", "At about 10:45 a.m. the crowd moved."),
    ("Acara dimulai pukul 8 malam.", "The event starts at 8 a.m.", "The event starts at 8 p.m."),
    ("Acara dimulai pukul 7 pagi.", "The event starts at 7 in the evening.", "The event starts at 7 in the morning."),
    ("Pertemuan pukul 12.00 GMT.", "The meeting is at 12:00 a.m.", "The meeting is at 12 noon."),
    ("Ia tiba pukul 3 sore.", "He arrived at 3 a.m.", "He arrived at 15:00."),
])
def test_time_of_day_changed(source: str, wrong: str, right: str) -> None:
    assert "time of day changed" in _detail(source, wrong)
    assert check(source, right) == []


def test_a_bare_hour_given_a_part_of_the_day_is_only_a_note() -> None:
    source = "Rapat dimulai pukul 8 di balai kota."
    assert check(source, "The meeting began at 8 p.m. at city hall.") == []
    assert [i.flag for i in check_details(source, "The meeting began at 8 p.m. at city hall.", notes=True)] == ["number_note"]


def test_currency_dropped() -> None:
    source = "Klub itu membayar € 14 juta untuk pemain muda itu."
    assert "currency missing" in _detail(source, "The club paid 14 million for the young player.")
    assert check(source, "The club paid €14 million for the young player.") == []
    assert check("Biayanya Rp 2 miliar.", "It costs Rp2 billion.") == []


# -- units ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "english"), [
    ("Kapal itu berjarak sekitar 23 kilometer dari pantai.", "The ship was about 23 miles [23 km] from the coast."),
    ("Kebun itu seluas 80 hektare.", "The garden covers 80 acres [80 ha]."),
    ("Hutan itu seluas 3,4 juta km2.", "The forest covers 3.4 million kilometres."),
    ("Tangki itu berisi 75 meter kubik air.", "The tank holds 75 cubic feet of water."),
    ("Jalurnya sepanjang 3,2 km.", "The trail is nine miles [3.2 km] long."),
    ("Menara itu setinggi 152 meter.", "It is a 152-foot tower."),
])
def test_unit_changes_the_reader_cannot_see(source: str, english: str) -> None:
    assert "unit changed" in _detail(source, english)


@pytest.mark.parametrize(("source", "english"), [
    ("Jaraknya 200 kaki (61 m) dari gerbang.", "It is 200 feet (61 m) from the gate."),
    ("Celahnya 10 mm (2/5 inci) lebarnya.", "The gap is 10 mm (2/5 inch) wide."),
    ("Tangki itu berisi 75 meter kubik air.", "The tank holds 75 cubic metres of water."),
    ("Jalurnya sepanjang 3,2 km.", "The trail is two miles long."),
    ("Air naik 12,4 cm di alat ukur.", "The water rose 12.4 cm on a meter."),
    ("Beratnya 145 ton.", "It weighs one-hundred-and-forty-five tons."),
])
def test_right_units_pass(source: str, english: str) -> None:
    assert unit_mismatches(source, english) == []


def test_repair_does_not_rewrite_another_number() -> None:
    # "nine miles" is not the 3,2 km with another unit: the repair leaves it for the reader.
    assert Terms().restore("Jalurnya sepanjang 3,2 km.", "The trail is nine miles long.") == \
        "The trail is nine miles long."
    assert Terms().restore("Luasnya 3,4 juta km2.", "It covers 3.4 million kilometres.") == \
        "It covers 3.4 million square kilometres."


# -- omissions -----------------------------------------------------------------------------------

TWO = ("Bola lampu di ruang tamu rumah kami perlu segera diganti karena sudah lama mati. "
       "Mohon berhati-hati saat mengganti bola lampu itu.")


def test_a_dropped_sentence_is_found_by_its_length() -> None:
    detail = omission_detail(TWO, "The light bulb in our living room needs to be replaced soon because it has long been dead.")
    assert detail and "Mohon berhati-hati" in detail


def test_merged_sentences_are_not_an_omission() -> None:
    merged = ("The light bulb in our living room needs to be replaced soon because it has long been dead, "
              "so please be careful when changing it.")
    assert omission_detail(TWO, merged) is None


def test_a_sentence_whose_name_or_number_is_in_the_english_is_not_dropped() -> None:
    source = ("Pemerintah mengumumkan kebijakan baru untuk para petani di semua provinsi pada hari ini. "
              "Menteri Sudirman menjelaskan rinciannya.")
    # As short as a translation of the first sentence alone, but the second one's name is there.
    assert omission_detail(source, "The government announced a new policy for farmers in all provinces, "
                                   "said Sudirman.") is None
    detail = omission_detail(source, "The government announced a new policy today for the farmers in all of the provinces.")
    assert detail and "Menteri Sudirman" in detail


def test_omission_needs_clear_evidence() -> None:
    assert omission_detail("Halo semua.", "Hi.") is None  # too short to judge
    assert omission_detail("Ia pergi.", "") == "the translation is empty"


# -- untranslated and the retry ------------------------------------------------------------------

def test_english_quoted_in_the_source_is_not_untranslated() -> None:
    source = "Ia menyanyikan lagu \"I want to hold your hand\" di panggung."
    assert check(source, "She sang \"I want to hold your hand\" on stage.") == []
    copied = "Korea Utara telah mengirim tentara ke Rusia sejak September, menurut intelijen Seoul."
    assert check(copied, copied) == ["untranslated"]


def test_notes_are_not_retried_and_weigh_nothing() -> None:
    reviewer = Reviewer(Terms(), IdentityTranslator())
    s = Sentence(id="p0s0", source="Rapat dimulai pukul 8 di balai kota.",
                 translation="The meeting began at 8 p.m. at city hall.")
    reviewer.finish(s)
    assert s.flags == ["number_note"]
    assert reviewer.retry_flagged([s]) == [] and reviewer.retried == 0
    assert reviewer.report([s])["flagged"] == 0
