"""Indonesian sentence splitting.

Written by hand because no maintained splitter knows Indonesian news conventions: thousands
separators and decimals (``5.000``, ``2,5``), clock times (``20.00 WIB``), dates
(``4/11/2025``), honorific and address abbreviations (``Dr.``, ``H.``, ``Jl.``, ``dll.``) and
numbered subheadings (``1. Sudah ada ...``).  A period only ends a sentence when it is followed by
whitespace and something that can start a sentence, and the word before it is not a known
abbreviation or an initial.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "ABBREVIATIONS"]

# Abbreviations after which a period never ends a sentence (compared lower-cased, without the
# final period).  Titles, ranks and address words are followed by a name, so a capital letter
# after them is no evidence of a sentence boundary.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dr drs dra prof ir h hj kh st sdr sdri bpk bp ibu ny nn tn yth an u.p a.n s.d sd
    jl jln gg kav no nomor kab kec kel kota prov rt rw kp ds
    kol letkol mayor kapt lettu letda serma sertu bripka brigjen mayjen letjen jend jenderal
    laksma laksda laksdya marsma marsda marsdya kombes akbp akp ipda iptu aiptu aipda
    pt cv tbk persero ltd inc co corp
    rp usd hlm hal vol bab pasal ayat tgl tel telp hp fax
    mr mrs ms jr sr vs no st
    s.h s.e s.pd s.kom s.t s.sos s.ip m.si m.m m.h m.pd m.kom ph.d dr.h
    """.split()
)

# Abbreviations that may also close a sentence: split after them only when a capital follows.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"dll", "dsb", "dst", "dkk", "etc", "cs"})

_BOUNDARY = re.compile(
    r"""
    (?P<punct>[.!?…]+|\.\.\.)        # terminal punctuation (one or more)
    (?P<close>["'”’)\]»]*)           # closing quotes / brackets that belong to this sentence
    (?P<space>\s+)                   # a boundary needs whitespace
    (?=(?P<next>\S))
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LIST_MARKER = re.compile(r"^\s*\(?\d{1,2}$")
_OPENERS = "\"'“‘([«—–-"


def _can_start_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _is_boundary(text: str, match: re.Match[str], start: int) -> bool:
    punct = match.group("punct")
    nxt = match.group("next")
    if not _can_start_sentence(nxt):
        # "... kata dia. lalu ..." or an ellipsis inside a sentence: not a boundary.
        return False
    if punct != ".":
        return True  # "!", "?", "..." followed by a capital: a boundary.
    if match.group("close"):
        return True  # '."' closes a quoted sentence.
    before = text[start : match.start()]
    word_match = _WORD_BEFORE.search(before)
    if not word_match:
        return True
    word = word_match.group(1)
    bare = word.lower().strip(".")
    if _LIST_MARKER.match(before):
        return False  # "1. Sudah ada ..." is a numbered subheading, not a sentence.
    if bare in ABBREVIATIONS:
        return False
    if bare in _SENTENCE_FINAL_ABBREVIATIONS:
        return nxt.isupper()
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():
        return False  # An initial: "Susilo B. Yudhoyono".
    if "." in word.strip(".") and all(len(p) <= 2 for p in word.strip(".").split(".")):
        return False  # Dotted abbreviations such as "a.n." or "S.H.".
    return True


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of Indonesian (or English) text into sentences.

    Line breaks inside the text are treated as spaces: paragraphs are split by the ingest stage,
    and a pasted sentence is often wrapped across lines.
    """
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match, start):
            end = match.end("close")
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
