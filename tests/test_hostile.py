"""Hostile input: no exception on arbitrary Unicode, invariants that hold for any text, and
linear time on pathological megabytes (a generous bound here; bench/bench_hostile.py measures)."""

from __future__ import annotations

import re
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summarize
from summarize.checks import check_details
from summarize.numbers import english_values, indonesian_numbers, missing_numbers, source_quantities
from summarize.terms import Terms
from summarize.text import clean_lines, decode_bytes, normalise_text, split_sentences
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.bench_hostile import inputs, stages  # noqa: E402

# Control characters, RTL marks, emoji, combining marks, surrogate-free code points, digits and
# the punctuation the rules look at.
_ALPHABET = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"))
_NEWS_BITS = st.sampled_from([
    " ", "\n", ". ", ", ", "Rp", "5.000", "2,5", "ribu", "juta", "triliun", "pukul 20.00 WIB", "(4/11/2025)",
    "Korut", "Baca juga:", "“", "”", "\u200f", "\u202e", "😀", "km", "%", "sekitar", "empat", "belasan", "-",
])
TEXT = st.lists(st.one_of(st.text(_ALPHABET, max_size=12), _NEWS_BITS), max_size=40).map("".join)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORD = re.compile(r"\w+")


@FAST
@given(TEXT)
def test_document_never_raises_anything_but_input_error_and_loses_no_word(raw: str) -> None:
    try:
        doc = summarize.Document.from_text(raw)
    except summarize.InputError:
        return
    kept = " ".join([doc.title or "", *(" ".join(p) for p in doc.paragraphs), *doc.removed])
    words = set(_WORD.findall(normalise_text(raw).casefold()))
    assert words <= set(_WORD.findall(kept.casefold()))


@FAST
@given(TEXT)
def test_sentence_split_is_lossless_up_to_whitespace(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())


@FAST
@given(TEXT)
def test_number_readers_and_checks_never_raise(text: str) -> None:
    indonesian_numbers(text, words=True)
    english_values(text)
    source_quantities(text)
    check_details(text, text[::-1])
    clean_lines(text.split("\n"))


@FAST
@given(TEXT)
def test_restore_of_prepare_keeps_every_number(text: str) -> None:
    terms = Terms()
    restored = terms.restore(text, terms.prepare(text))
    assert missing_numbers(text, restored) == [] or missing_numbers(text, terms.prepare(text)) != []


@pytest.mark.parametrize("name", list(inputs(10)))
def test_text_stages_stay_linear_on_pathological_input(name: str) -> None:
    text = inputs(200_000)[name]
    for stage, fn in stages().items():
        started = time.perf_counter()
        try:
            fn(text)
        except summarize.InputError:
            pass
        # Generous: 2 s is the target for 1 MB on this machine; a quadratic stage takes minutes.
        assert time.perf_counter() - started < 20, (stage, name)


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_refuse_clearly(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data, name="upload")
        summarize.Document.from_text(text)
    except summarize.InputError:
        pass


def test_a_100k_character_line_of_mixed_unicode_is_handled() -> None:
    line = ("Korut 5.000 \u202e😀 \x07 " * 8000)[:100_000]
    try:
        doc = summarize.Document.from_text(line)
    except summarize.InputError:
        return
    assert doc.paragraphs
