from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize import split_sentences


def test_empty_input() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


@pytest.mark.parametrize(
    "text",
    [
        "Korea Utara mengirim 5.000 pasukan ke Rusia.",
        "Inflasi naik 2,5 persen tahun ini.",
        "Dia tiba pada Selasa (4/11/2025) di Seoul.",
        "Acara dimulai pukul 20.00 WIB di Jakarta.",
        "Rapat dipimpin Dr. Budi dan Prof. Ani di Jl. Sudirman No. 5 kemarin.",
        "Hadir pula H. Ahmad, Hj. Siti, dan Ir. Joko dari PT. Maju Tbk. Jakarta.",
        "Presiden Susilo B. Yudhoyono hadir.",
    ],
)
def test_never_splits_inside_numbers_dates_times_or_abbreviations(text: str) -> None:
    assert split_sentences(text) == [text]


def test_splits_at_real_boundaries() -> None:
    text = (
        "Korea Utara mengirim 5.000 pasukan. Mereka tiba pada 20.00 WIB! "
        "Apakah ini benar? \u201cYa, benar.\u201d Kata pejabat itu pada tahun 2024. Pada April lalu..."
    )
    assert split_sentences(text) == [
        "Korea Utara mengirim 5.000 pasukan.",
        "Mereka tiba pada 20.00 WIB!",
        "Apakah ini benar?",
        "\u201cYa, benar.\u201d",
        "Kata pejabat itu pada tahun 2024.",
        "Pada April lalu...",
    ]


def test_lowercase_after_period_is_not_a_boundary() -> None:
    assert split_sentences("Harga naik dll. lalu turun lagi.") == ["Harga naik dll. lalu turun lagi."]


@given(st.lists(st.text(min_size=0, max_size=40), max_size=8))
def test_splitting_keeps_every_word(parts: list[str]) -> None:
    text = " ".join(parts)
    assert " ".join(split_sentences(text)).split() == text.split()


@pytest.mark.parametrize(
    "text",
    [
        # abbreviations from the issue's list, each followed by a capitalised word
        "Peserta membawa buku, pensil, dll. untuk ujian.",
        "Rapat dihadiri Yth. Bapak Gubernur dan Sdr. Ahmad dari Kec. Cilandak.",
        "Kantornya di Jl. Sudirman Kav. 5, Kab. Bogor, Prov. Jawa Barat.",
        "Sambutan oleh Bpk. Joko, Hj. Siti dan H. Ahmad Dahlan.",
        "Dr. Budi, Prof. Ani dan Ir. Joko hadir bersama Budi Santoso, S.H., M.Si. di sana.",
        "Transfer a.n. Budi sebesar Rp. 5.000.000 ke rekening No. 123.",
        "Harga naik 2,5 persen menjadi Rp 1.000.000 per ton.",
        "Ia menjadi juara ke-25 pada 4/11/2025 pukul 20.00 WIB di Jakarta.",
        "Gol dicetak M. Salah dan J. Henderson.",
        "Ia berkata \"Kami siap bertanding,\" kata Lee di Seoul.",
        "\"Kami siap!\" kata Lee di Seoul.",
        "Ia mengutip surat itu: \"[...] Kami menolak usulan tersebut.\"",
        "Hasilnya sebagai berikut: 1. Satu hal, 2. Dua hal.",
        "Sprindik (Uu. B002/T008) diterbitkan kemarin.",
    ],
)
def test_issue_cases_stay_one_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peserta membawa buku, pensil, dll. Semua gratis.", ["Peserta membawa buku, pensil, dll.", "Semua gratis."]),
        ("Rapat selesai dsb. Kemudian peserta pulang.", ["Rapat selesai dsb.", "Kemudian peserta pulang."]),
        ("Ia tiba di Ibu Kota. Djarot menyambutnya.", ["Ia tiba di Ibu Kota.", "Djarot menyambutnya."]),
        ("Kabar itu beredar tsb. Polisi lalu menyelidiki.", ["Kabar itu beredar tsb.", "Polisi lalu menyelidiki."]),
        ("Ia menunggu... Lalu pergi.", ["Ia menunggu... Lalu pergi."]),
        ("\"Kami siap. Kami menang,\" kata Lee. Ia tersenyum.",
         ["\"Kami siap.", "Kami menang,\" kata Lee.", "Ia tersenyum."]),
        ("Polisi menemukan uang tunai. tak hanya itu, polisi juga menyita ponsel pelaku.",
         ["Polisi menemukan uang tunai.", "tak hanya itu, polisi juga menyita ponsel pelaku."]),
        ("Berdasarkan sanksi PBB, pekerja dilarang. (oln/tmt/*)",
         ["Berdasarkan sanksi PBB, pekerja dilarang.", "(oln/tmt/*)"]),
        ("Mereka kalah dari Prancis. \"", ["Mereka kalah dari Prancis. \""]),
        ("1. Sudah ada 10 ribu pasukan Korut di Rusia", ["1.", "Sudah ada 10 ribu pasukan Korut di Rusia"]),
        ("Poin penting: • Harga naik. • Stok aman.", ["Poin penting:", "• Harga naik.", "• Stok aman."]),
        ("Apa benar? Ya! Itu benar.", ["Apa benar?", "Ya!", "Itu benar."]),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab A.B.,!?\"'()[]…1/-• \n")), max_size=80))
def test_splitting_never_loses_or_reorders_characters(text: str) -> None:
    assert "".join("".join(split_sentences(text)).split()) == "".join(text.split())
