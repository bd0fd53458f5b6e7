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
        "1. Sudah ada 10 ribu pasukan Korut di Rusia",
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
