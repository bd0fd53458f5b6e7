"""Tests for the extractive sentence ranker (summarize/extractive.py).

Run: cd /work/main && . .venv/bin/activate && python -m pytest tests/test_extractive.py -q

Documents are built in memory; no data files or models are needed.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.briefing import FEATURE_NAMES, is_noise, rank_sentences, score_sentences, sentence_features

LEAD = (
    "Jakarta - Korea Utara dilaporkan telah mengirim sekitar 5.000 pasukan konstruksi "
    "ke Rusia sejak September, menurut badan intelijen Korea Selatan."
)
BODY = [
    "Kabar ini disampaikan seorang anggota parlemen Korea Selatan pada Selasa (4/11/2025) "
    "setelah pengarahan oleh badan intelijen Seoul.",
    "Pasukan konstruksi itu disebut akan membantu rekonstruksi infrastruktur di wilayah "
    "Kursk yang rusak akibat perang.",
    "Sekitar 10.000 tentara Korea Utara diperkirakan saat ini dikerahkan di dekat perbatasan "
    "Rusia dan Ukraina.",
    "Setidaknya 600 tentara Korea Utara tewas dalam perang Ukraina dan ribuan lainnya "
    "menderita luka-luka.",
    "Para analis mengatakan Korea Utara menerima bantuan keuangan, teknologi militer, serta "
    "pasokan makanan dan energi dari Rusia.",
]


def _texts(paragraphs: list[list[str]], picks: list[tuple[int, int]]) -> list[str]:
    return [paragraphs[p][s] for p, s in picks]


def _article() -> list[list[str]]:
    return [[LEAD], [BODY[0], BODY[1]], [BODY[2]], [BODY[3], BODY[4]]]


# --- empty and degenerate input -------------------------------------------


def test_empty_input_returns_empty() -> None:
    assert rank_sentences([]) == []
    assert rank_sentences([[]]) == []
    assert rank_sentences([[], []], title="Judul") == []
    assert rank_sentences([[""], ["   "]]) == []
    assert score_sentences([]) == []
    assert score_sentences([[], ["x y"]]) == [[], [score_sentences([[], ["x y"]])[1][0]]]


def test_non_positive_n_returns_empty() -> None:
    assert rank_sentences(_article(), n=0) == []
    assert rank_sentences(_article(), n=-3) == []


def test_n_larger_than_sentence_count_returns_all_usable() -> None:
    paragraphs = [[LEAD], [BODY[0]]]
    picks = rank_sentences(paragraphs, n=10)
    assert picks == [(0, 0), (1, 0)]


def test_returns_exactly_n_when_enough_sentences() -> None:
    for n in (1, 3, 5):
        assert len(rank_sentences(_article(), n=n)) == n


# --- ordering ---------------------------------------------------------------


def test_output_is_in_document_order() -> None:
    paragraphs = _article()
    picks = rank_sentences(paragraphs, title="Korea Utara kirim pasukan ke Rusia", n=4)
    assert picks == sorted(picks)
    assert len(set(picks)) == len(picks)
    # The lead of a news article is the first thing a brief needs.
    assert picks[0] == (0, 0)


def test_score_sentences_has_input_shape() -> None:
    paragraphs = _article()
    scores = score_sentences(paragraphs)
    assert [len(p) for p in scores] == [len(p) for p in paragraphs]
    assert all(isinstance(v, float) for p in scores for v in p)


# --- noise never beats real sentences ---------------------------------------


def test_baca_juga_and_reporter_initials_never_picked() -> None:
    paragraphs = [
        ["Baca juga: Korea Utara Kirim 5.000 Pasukan Konstruksi ke Rusia"],
        [LEAD],
        ["Baca Juga: Rusia Menggila, Serangan Rudal ke Ukraina Capai Titik Tertinggi"],
        [BODY[0]],
        ["BACA JUGA:"],
        [BODY[1], "(oln/tmt/*)"],
        ["(ptr)"],
        [BODY[2]],
        ["(oln/tmt/*)"],
    ]
    noise = {(0, 0), (2, 0), (4, 0), (5, 1), (6, 0), (8, 0)}
    for n in (1, 3, 5, 20):
        for title in (None, "Korea Utara Kirim 5.000 Pasukan Konstruksi ke Rusia"):
            picks = rank_sentences(paragraphs, title=title, n=n)
            assert not noise & set(picks), (n, title, picks)
    # With room for everything, every real sentence comes back and no noise.
    assert rank_sentences(paragraphs, n=20) == [(1, 0), (3, 0), (5, 0), (7, 0)]


def test_photo_captions_and_headline_lines_never_picked() -> None:
    paragraphs = [
        ["Bendera Korea Utara. (pixabay.com/outsideclick)"],
        ["Foto: Shutterstock"],
        ["Korsel Sebut Korut Kirim Tentara ke Rusia, Menyamar Jadi Pekerja Bangunan"],
        ["Pemimpin Korea Utara mengawasi latihan para kadet di Pyongyang, 25 Februari 2025. (KCNA)"],
        [LEAD],
        ["Bendera Korea Utara.", "(pixabay.com/outsideclick)"],
        [BODY[0], BODY[1]],
        ["Intinya sih..."],
        [BODY[2]],
    ]
    picks = rank_sentences(paragraphs, n=20)
    assert picks == [(4, 0), (6, 0), (6, 1), (8, 0)]


def test_noise_scores_below_real_sentences() -> None:
    paragraphs = [["Baca juga: Judul Artikel Lain"], [LEAD], [BODY[0], "(ptr)"]]
    scores = score_sentences(paragraphs)
    assert scores[0][0] < min(scores[1][0], scores[2][0])
    assert scores[2][1] < min(scores[1][0], scores[2][0])


def test_is_noise_keeps_ordinary_sentences() -> None:
    assert is_noise("Baca juga: Apa Saja")
    assert is_noise("(oln/tmt/*)")
    assert is_noise("Foto: Reuters")
    assert not is_noise(LEAD)
    # Acronym expansions and dates in brackets are not credits.
    assert not is_noise("Kebijakan ini hanya untuk pemilik Kartu Jakarta Pintar (KJP).")
    assert not is_noise("Marquez menjadi yang tercepat pada sesi FP1, Jumat (8/9/2017).")
    # "Sumber" as a word, not a "Sumber:" label.
    assert not is_noise("Sumber di kepolisian mengatakan penyelidikan masih berlangsung.")


# --- redundancy -------------------------------------------------------------


def test_duplicate_headline_not_picked_twice() -> None:
    headline = "Korea Utara kirim 5.000 pasukan konstruksi ke Rusia sejak September."
    paragraphs = [[headline], [headline], [LEAD], [headline], [BODY[0], BODY[1]], [BODY[2]]]
    for title in (None, "Intelijen: Korea Utara kirim pasukan ke Rusia"):
        for n in (2, 3, 5):
            picks = rank_sentences(paragraphs, title=title, n=n)
            texts = _texts(paragraphs, picks)
            assert texts.count(headline) <= 1, (title, n, picks)
            assert len(texts) == len(set(texts))


def test_pasted_title_copy_not_picked() -> None:
    title = "Korea Utara Kirim 5.000 Personel Resimen Zeni Konstruksi ke Rusia"
    paragraphs = [[title], [LEAD], [title], [BODY[0]], [BODY[1]]]
    picks = rank_sentences(paragraphs, title=title, n=3)
    assert title not in _texts(paragraphs, picks)
    assert len(picks) == 3


# --- learned preferences ----------------------------------------------------


def test_quote_fragment_scores_below_plain_sentence() -> None:
    plain = [[LEAD], [BODY[0]], ["Ia menyebut situasi di perbatasan masih sangat tegang.", BODY[1]], [BODY[2]]]
    quoted = [
        [LEAD],
        [BODY[0]],
        ['"Ia menyebut situasi di perbatasan masih sangat tegang.', 'Kami terus memantau," kata dia.'],
        [BODY[2]],
    ]
    assert score_sentences(quoted)[2][1] < score_sentences(plain)[2][1]


def test_feature_matrix_matches_feature_names() -> None:
    positions, feats, noise = sentence_features(_article(), "Korea Utara")
    assert feats.shape == (len(positions), len(FEATURE_NAMES))
    assert len(noise) == len(positions)


def test_long_article_is_fast() -> None:
    # ~5,000 words: 250 sentences of 20 words with a varied vocabulary.
    words = [f"kata{i % 997}" for i in range(5000)]
    paragraphs = [
        [" ".join(words[j : j + 20]).capitalize() + "." for j in range(i, i + 100, 20)]
        for i in range(0, 5000, 100)
    ]
    rank_sentences(paragraphs, n=5)  # warm-up (regex compilation, numpy)
    start = time.perf_counter()
    picks = rank_sentences(paragraphs, title="Kata1 kata2 kata3", n=5)
    assert time.perf_counter() - start < 1.0
    assert len(picks) == 5


# --- property test ----------------------------------------------------------

_piece = st.sampled_from(
    list("abcXYZ 019.,!?:;\"'()[]/*-|“”\n") + ["Baca juga: ", "(ptr)", "http://x.id", "Korea ", "kata dia"]
)
_text = st.lists(_piece, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    paragraphs=st.lists(st.lists(_text, max_size=6), max_size=8),
    title=st.none() | _text,
    n=st.integers(min_value=-2, max_value=8),
)
def test_random_documents_never_crash(paragraphs: list[list[str]], title: str | None, n: int) -> None:
    picks = rank_sentences(paragraphs, title=title, n=n)
    assert isinstance(picks, list)
    assert len(picks) <= max(n, 0)
    assert picks == sorted(picks)
    assert len(set(picks)) == len(picks)
    for p, s in picks:
        assert isinstance(p, int) and isinstance(s, int)
        assert 0 <= p < len(paragraphs)
        assert 0 <= s < len(paragraphs[p])
    scores = score_sentences(paragraphs, title=title)
    assert [len(x) for x in scores] == [len(x) for x in paragraphs]


@settings(max_examples=100, deadline=None)
@given(paragraphs=st.lists(st.lists(st.text(max_size=40), max_size=5), max_size=6), n=st.integers(0, 6))
def test_arbitrary_unicode_never_crashes(paragraphs: list[list[str]], n: int) -> None:
    picks = rank_sentences(paragraphs, n=n)
    assert len(picks) <= n
    assert picks == sorted(set(picks))
