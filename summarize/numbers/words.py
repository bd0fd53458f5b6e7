"""Indonesian numbers written as words: "empat orang", "dua puluh lima", "tiga ribu", "belasan".

Hand-written: no maintained library reads Indonesian number words.  The grammar is small and
regular: units (satu … sembilan), "se-" for one (sepuluh, seratus, seribu), "belas" for the
teens, "puluh", "ratus" and the scale words; "belasan" (a dozen or more) is read as 11-19.
Vaguer words ("puluhan", "ratusan", "ribuan": tens, hundreds, thousands of) are not figures
and are not read.
"""

from __future__ import annotations

import re

from .common import NumberSpan, value_key

__all__ = ["UNITS_ID", "word_numbers", "ordinal_numbers"]

UNITS_ID = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
            "delapan": 8, "sembilan": 9}
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 10**6}
_SMALL_SCALES = {"belas": None, "puluh": 10, "ratus": 100}
_BIG_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_WORDS = sorted([*UNITS_ID, *_SE, *_SMALL_SCALES, *_BIG_SCALES], key=len, reverse=True)


def _first_letters(words: list[str]) -> str:
    """A look-ahead for the letters the words start with, put before a scan's look-behind: re has
    no fast scan for a pattern that opens with a look-behind, so without it every position of a
    megabyte tries every word."""
    return f"(?=[{''.join(sorted({w[0] for w in words}))}])"


_RUN = re.compile(rf"{_first_letters(_WORDS)}(?<![\w-])(?:{'|'.join(_WORDS)})(?:\s+(?:{'|'.join(_WORDS)}))*(?![\w-])", re.IGNORECASE)
_BELASAN = re.compile(r"(?=b)(?<![\w-])belasan(?![\w-])", re.IGNORECASE)
# Words that make "satu" not a count: "salah satu" (one of), "satu sama lain" (each other);
# and a vague multiple after a number ("dua puluhan": in their twenties) is no count of two,
# nor is "enam" in "enam setengah juta" (six and a half million) or "dua koma lima" (2.5).
_NOT_A_COUNT_BEFORE = re.compile(r"(?:salah|nomor|urutan)\s+$", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"^(?:-|\s+sama\s+lain|\s+(?:puluhan|ratusan|ribuan|jutaan|setengah|koma)\b)",
                                re.IGNORECASE)


def _value(words: list[str]) -> int | None:
    """The value of a run of number words, or None when the run is not one number."""
    total = current = 0
    seen = False
    for word in words:
        if word in UNITS_ID:
            current += UNITS_ID[word]
        elif word in _SE:
            value = _SE[word]
            if value >= 1000:
                total += (current or 1) * value if current else value
                current = 0
            else:
                current += value
        elif word == "belas":
            if not current:
                return None
            current += 10
        elif word in _SMALL_SCALES:
            if not current:
                return None
            current *= _SMALL_SCALES[word] or 1
        else:  # ribu, juta, …
            if not current and not total:
                return None
            total = (total + current) * _BIG_SCALES[word] if current else total * _BIG_SCALES[word]
            current = 0
        seen = True
    return total + current if seen else None


def word_numbers(text: str) -> list[NumberSpan]:
    """Number words of an Indonesian sentence as spans (the English is left to the model)."""
    spans: list[NumberSpan] = []
    for m in _RUN.finditer(text):
        words = m.group(0).lower().split()
        # A run is one number only if its words compose ("tiga ribu"); "dua tiga" is two.
        value = _value(words)
        if value is None or _NOT_A_COUNT_BEFORE.search(text[max(0, m.start() - 12):m.start()]) \
                or _NOT_A_COUNT_AFTER.match(text[m.end():m.end() + 12]):
            continue
        spans.append(NumberSpan(m.start(), m.end(), m.group(0), m.group(0), "number",
                                (frozenset({value_key(value)}),), value=float(value)))
    for m in _BELASAN.finditer(text):
        spans.append(NumberSpan(m.start(), m.end(), m.group(0), m.group(0), "number",
                                (frozenset(float(v) for v in range(11, 20)),), value=11.0, value_max=19.0))
    return sorted(spans, key=lambda s: s.start)


# Ordinals: "pertama" (first), "kesatu", "kedua" … "kesepuluh", "kedua belas", "keseratus".
# "kedua" is also "both" ("kedua negara"): the English reader takes "both" as 2.
_ORDINAL = re.compile(rf"(?=[kp])(?<![\w-])(?:pertama|ke(?:satu|{'|'.join(w for w in _WORDS if w != 'satu')})"
                      rf"(?:\s+(?:belas|puluh|ratus))?)(?![\w-])", re.IGNORECASE)
# Fractions: "sepertiga" (a third), "seperempat", "dua pertiga", "tiga perempat".  "setengah" and
# "separuh" are left out: mostly idioms ("setengah hati") or "half an hour" (30 minutes).
_FRACTION = re.compile(rf"{_first_letters(['se', *UNITS_ID])}(?<![\w-])(se|{'|'.join(UNITS_ID)})\s?per\s?(tiga|empat|lima|sepuluh|seratus)(?![\w-])",
                       re.IGNORECASE)
_DENOMINATORS = {"tiga": 3, "empat": 4, "lima": 5, "sepuluh": 10, "seratus": 100}
# "Se-" with a unit of time: "semenit" (a minute), "sejam", "seminggu", "setahun".  Not
# "semalam" (last night) nor "sehari" ("all day", "the day before" as often as "a day").
_ONE_UNIT = re.compile(r"(?=s)(?<![\w-])se(detik|menit|jam|minggu|pekan|bulan|tahun|abad|dekade)(?![\w-])",
                       re.IGNORECASE)


def ordinal_numbers(text: str) -> list[NumberSpan]:
    """Ordinals, fractions and "se-" units of time, each with the values its English may show:
    "keempat" 4 ("fourth", "4th"), "sepertiga" 1/3 ("a third", "33%"), "semenit" 1 ("a minute")."""
    spans: list[NumberSpan] = []
    for m in _ORDINAL.finditer(text):
        word = m.group(0).lower()
        value = 1 if word == "pertama" else _value(f"{word[2:]}".split())
        if value:
            spans.append(NumberSpan(m.start(), m.end(), m.group(0), m.group(0), "ordinal",
                                    (frozenset({float(value)}),), value=float(value)))
    for m in _FRACTION.finditer(text):
        top = 1 if m.group(1).lower() == "se" else UNITS_ID[m.group(1).lower()]
        bottom = _DENOMINATORS[m.group(2).lower()]
        if not 0 < top < bottom:
            continue
        share = top / bottom
        readings = {value_key(share), value_key(100 * share), round(100 * share, 1), float(round(100 * share))}
        if top == 1:
            readings.add(float(bottom))  # "a third" also reads as the ordinal 3
        spans.append(NumberSpan(m.start(), m.end(), m.group(0), m.group(0), "fraction",
                                (frozenset(readings),), value=share))
    for m in _ONE_UNIT.finditer(text):
        spans.append(NumberSpan(m.start(), m.end(), m.group(0), m.group(0), "number",
                                (frozenset({1.0}),), value=1.0))
    return sorted(spans, key=lambda s: s.start)
