"""Indonesian sentence splitting.

Written by hand because no maintained splitter knows Indonesian news conventions: thousands
separators and decimals (``5.000``, ``2,5``), clock times (``20.00 WIB``), dates
(``4/11/2025``), honorific, degree and address abbreviations (``Dr.``, ``H.``, ``S.H.``,
``Jl.``, ``dll.``), ordinals (``ke-25``), omission marks (``[...]``), quotes that close after the
punctuation, reporter initials (``(oln/tmt/*)``) and list markers.  A period only ends a sentence
when it is followed by whitespace and something that can start a sentence, and the word before it
is not a known abbreviation or an initial.

Measured with ``bench/eval_segment.py`` on IndoSum dev02, whose gold sentences set one
convention that is a choice rather than grammar: a list number that opens a paragraph
("1. Sudah ada ...") is a unit of its own (the pipeline copies it unchanged).  A quote and its
lower-case attribution stay one sentence (``"...," kata Lee.`` and ``"...!" kata Lee.``).
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "ABBREVIATIONS"]

# Abbreviations after which a period never ends a sentence (compared lower-cased, without the
# final period).  Titles, ranks and address words are followed by a name, so a capital letter
# after them is no evidence of a sentence boundary.  Only abbreviated forms belong here: full
# words such as "kota" or "ibu" end sentences ("... di Ibu Kota. Djarot ...").
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dr drs dra prof ir h hj kh st sdr sdri bpk bp ny nn tn yth u.p a.n s.d
    jl jln gg kav no kab kec kel prov rt rw kp ds
    kol letkol kapt lettu letda serma sertu bripka brigjen mayjen letjen jend
    laksma laksda laksdya marsma marsda marsdya kombes akbp akp ipda iptu aiptu aipda
    pt cv tbk ltd inc co corp
    rp usd hlm vol tgl tel telp fax
    mr mrs ms jr sr vs rep
    s.h s.e s.pd s.kom s.t s.sos s.ip s.ag s.ked s.farm m.si m.m m.h m.pd m.kom m.kes
    m.sc m.a ph.d dr.h sp sp.a sp.pd sp.kk sp.og
    """.split()
)

# Abbreviations that may also close a sentence: split after them only when a capital follows.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"dll", "dsb", "dst", "dkk", "tsb", "etc", "cs"})

_BOUNDARY = re.compile(
    r"""
    (?P<punct>[.!?…]+)               # terminal punctuation (one or more)
    (?P<close>["'”’)\]»]*)           # closing quotes / brackets that belong to this sentence
    (?P<space>\s+)                   # a boundary needs whitespace
    (?=(?P<next>\S))
    """,
    re.VERBOSE,
)
# The word before a period, matched at the start of the reversed text: a search for "[\w.]+$"
# would retry at every position of the window, and a long word would cost its length squared.
_WORD_REVERSED = re.compile(r"[\w.]+")
_LEADING_LIST_MARKER = re.compile(r"^\(?\d{1,2}[.)]\s+(?=\S)")
_BULLET = re.compile(r"\s(?=[•▪●◦‣·]\s)")
_OPENERS = "\"'“‘([«—–-•"
_LONE_QUOTE = re.compile(r"[\"'”’»]+(?=\s|$)")
_WINDOW = 400


def _can_start_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _last_word(before: str) -> str | None:
    """The run of word characters and periods that ends ``before`` (None when there is none)."""
    match = _WORD_REVERSED.match(before[::-1])
    return match.group()[::-1] if match else None


def _open_quote(segment: str) -> bool:
    """The sentence opened a double quote it has not closed yet."""
    curly = segment.count("“") - segment.count("”")
    straight = segment.count('"') % 2
    return curly > 0 or straight == 1


def _is_boundary(text: str, match: re.Match[str], start: int, brackets: _Brackets) -> bool:
    """``brackets`` tells whether a "(" or "[" opened since the sentence began is still open."""
    punct, close, nxt = match.group("punct", "close", "next")
    starts = _can_start_sentence(nxt)
    if not starts and not (punct == "." and not close and nxt.isalpha()):
        # Lower case continues the sentence: a quote and its attribution ('"...!" kata Lee.')
        # stay together.  Checked first because it is cheap: a run of dots ends here.
        return False
    # Only the last words matter; a bounded window keeps a run-on megabyte linear.
    before = text[max(start, match.start() - _WINDOW) : match.start()]
    if close and close[-1] in ")]" and "." in punct and before.rstrip().endswith(("(", "[")):
        return False  # "[...]" / "(...)" marks an omission inside a quotation.
    rest = text[match.end() : match.end() + 200]  # bounded: paragraphs can be huge
    if (")" in rest or "]" in rest) and brackets.open_at(match.end("punct")):
        return False
    if not starts:
        return _lowercase_restart(before, rest)  # "... togel. tak hanya itu", but "dll. lalu"
    if set(punct) <= {".", "…"} and len(punct) > 1 or punct == "…":
        # "mengubah… Kalau ...": an ellipsis trails off inside a sentence more often than it
        # ends one; it ends a sentence only when a quote closes with it.
        return bool(close)
    if punct != ".":
        return True  # "!", "?" followed by a capital: a boundary.
    if close:
        return True  # '."' closes a quoted sentence.
    word = _last_word(before)
    if not word:
        return True
    bare = word.lower().strip(".")
    if bare in ABBREVIATIONS:
        return False
    if bare.isdigit() and len(bare) <= 2 and before[: len(before) - len(word)].rstrip().endswith((":", ";", ",")):
        return False  # An inline list: "sebagai berikut: 1. Satu, 2. Dua".
    if bare in _SENTENCE_FINAL_ABBREVIATIONS:
        return nxt.isupper()
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():
        return False  # An initial: "Susilo B. Yudhoyono".
    if "." in word.strip(".") and all(len(p) <= 2 for p in word.strip(".").split(".")):
        return False  # Dotted abbreviations such as "a.n." or "S.H.".
    return True


def _lowercase_restart(before: str, rest: str) -> bool:
    """A period, a space and a lower-case word: a sentence whose writer forgot the capital?

    Pasted news has these typos ("... togel. tak hanya itu, ...") and brand names that start in
    lower case ("iPad", "kumparan").  It is a boundary only when the period follows an ordinary
    word (not an abbreviation, initial, domain or number) and a real sentence follows.
    """
    word = _last_word(before)
    if not word:
        return False
    bare = word.lower().strip(".")
    if (
        "." in word
        or len(bare) < 3
        or not bare.isalpha()
        or bare in ABBREVIATIONS
        or bare in _SENTENCE_FINAL_ABBREVIATIONS
    ):
        return False
    following = rest.split(None, 4)
    if not following or len(following) < 4:
        return False  # "simamaung. com" and other domains broken by a space.
    first = following[0]
    return first.isalpha() and len(first) > 2


def _attach_lone_quotes(sentences: list[str]) -> list[str]:
    """A closing quote left alone after the split ('Prancis. "') belongs to the sentence before."""
    out: list[str] = []
    for sentence in sentences:
        lone = _LONE_QUOTE.match(sentence)
        if out and lone and (lone.end() == len(sentence) or _open_quote(out[-1])):
            out[-1] = f"{out[-1]} {sentence[: lone.end()]}"
            sentence = sentence[lone.end() :].strip()
            if not sentence:
                continue
        out.append(sentence)
    return out


class _Brackets:
    """Open "(" and "[" of the current sentence, counted once per character (linear time).

    Asked only when a closing bracket follows a candidate boundary; the count catches up from
    where it was last asked, so skipped questions cost nothing.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.reset(0)

    def reset(self, start: int) -> None:
        self.pos, self.round, self.square = start, 0, 0

    def open_at(self, end: int) -> bool:
        chunk = self.text[self.pos:end]
        self.round += chunk.count("(") - chunk.count(")")
        self.square += chunk.count("[") - chunk.count("]")
        self.pos = max(self.pos, end)
        return self.round > 0 or self.square > 0


def _split_run(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    brackets = _Brackets(text)
    for match in _BOUNDARY.finditer(text):
        if match.start() < start:
            continue
        if _is_boundary(text, match, start, brackets):
            end = match.end("close")
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
            brackets.reset(start)
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of Indonesian (or English) text into sentences.

    Line breaks inside the text are treated as spaces: paragraphs are split by the ingest stage,
    and a pasted sentence is often wrapped across lines.  No character other than whitespace is
    ever dropped or reordered.
    """
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    marker = _LEADING_LIST_MARKER.match(text)
    if marker and any(c.isalpha() for c in text[marker.end() :]):
        sentences.append(marker.group().strip())
        text = text[marker.end() :]
    for run in _BULLET.split(text):
        sentences.extend(_split_run(run.strip()))
    return _attach_lone_quotes([s for s in sentences if s])
