from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from summarize import Document, InputError
from tests.conftest import SEEDS


def test_title_and_paragraphs_from_text() -> None:
    doc = Document.from_text(
        "Korut Kirim Tentara ke Rusia\n\nKorea Utara mengirim 5.000 tentara. Mereka tiba kemarin.\n"
        "Paragraf kedua di sini.\n"
    )
    assert doc.title == "Korut Kirim Tentara ke Rusia"
    assert doc.paragraphs == [
        ["Korea Utara mengirim 5.000 tentara.", "Mereka tiba kemarin."],
        ["Paragraf kedua di sini."],
    ]
    assert doc.meta["language"] == "id"


def test_lead_sentence_is_not_taken_as_title() -> None:
    doc = Document.from_text("Korea Utara mengirim 5.000 tentara.\nMereka tiba kemarin.")
    assert doc.title is None
    assert len(doc.paragraphs) == 2


def test_single_line_is_body_not_title() -> None:
    doc = Document.from_text("Korut kirim tentara ke Rusia")
    assert doc.title is None
    assert doc.paragraphs == [["Korut kirim tentara ke Rusia"]]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
def test_empty_input_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        Document.from_text(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeds_are_kept_end_to_end(path: Path) -> None:
    """Cleaning drops boilerplate but loses nothing: title + body + removed hold every word."""
    raw = path.read_text(encoding="utf-8")
    doc = Document.from_file(path)
    kept = ([doc.title] if doc.title else []) + [s for p in doc.paragraphs for s in p]
    words = re.compile(r"\w+")
    assert Counter(words.findall(" ".join(kept + doc.removed))) == Counter(words.findall(raw))
    assert len(doc.meta["removed_reasons"]) == len(doc.removed)


def test_non_utf8_file_falls_back_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Judul Berita\nHarga naik \u201c5 persen\u201d di kafé.\n".encode("cp1252"))
    doc = Document.from_file(path)
    assert doc.paragraphs == [["Harga naik \u201c5 persen\u201d di kafé."]]
    assert any("cp1252" in w for w in doc.meta["warnings"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        Document.from_file(tmp_path / "nope.txt")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        Document.from_file(path)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("data")
    with pytest.raises(InputError, match="unsupported"):
        Document.from_file(path)


def test_size_limit_is_enforced_without_reading_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_MAX_CHARS", "1000")
    path = tmp_path / "big.txt"
    path.write_text("Kalimat panjang sekali. " * 2000, encoding="utf-8")
    with pytest.raises(InputError, match="SUMMARIZE_MAX_CHARS"):
        Document.from_file(path)
    with pytest.raises(InputError, match="limit"):
        Document.from_text("x" * 1001)


def test_markdown_syntax_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Judul Berita\n\n- **Korut** mengirim [tentara](http://x) ke Rusia.\n", encoding="utf-8")
    doc = Document.from_file(path)
    assert doc.title == "Judul Berita"
    assert doc.paragraphs == [["Korut mengirim tentara ke Rusia."]]
