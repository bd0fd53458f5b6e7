"""What both number readers share: scale words, month names, range words, the span type.

Hand-written (no maintained library reads Indonesian number conventions): Indonesian groups
thousands with dots and writes decimals with a comma, the reverse of English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "MONTHS_EN", "MONTH_VALUES", "WEEKDAYS_ID", "SCALES_ID", "SCALE_WORD_EN", "SCALES_EN", "SCALE_ABBR_EN",
    "RANGE_WORD_ID", "RANGE_WORD_EN", "RANGE_GAP_ID", "RANGE_GAP_EN", "RANGE_GAP_ANY",
    "NumberSpan", "value_key", "dec", "group_digits", "format_decimal", "code_key", "VULGAR_FRACTIONS",
]

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
MONTH_VALUES = {name.lower(): i + 1 for i, name in enumerate(MONTHS_EN)}
MONTH_VALUES.update({name.lower()[:3]: i + 1 for i, name in enumerate(MONTHS_EN)})
MONTH_VALUES["sept"] = 9
WEEKDAYS_ID = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
SCALES_ID = {"ribu": 10**3, "rb": 10**3, "puluh": 10, "ratus": 100, "juta": 10**6, "jt": 10**6,
             "miliar": 10**9, "milyar": 10**9, "triliun": 10**12, "kuadriliun": 10**15}
SCALE_WORD_EN = {10**6: "million", 10**9: "billion", 10**12: "trillion", 10**15: "quadrillion"}
SCALES_EN = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
             "trillion": 10**12, "quadrillion": 10**15}
SCALE_ABBR_EN = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9,
                 "tn": 10**12}

# The words between the two ends of a range ("10-15", "10 hingga 15", "10 to 15"): one list,
# three patterns (Indonesian text, English text, and a unit reader that sees both).
RANGE_WORD_ID = r"(?:-|–|hingga|sampai(?:\s+dengan)?|s/d|s\.d\.?)"
RANGE_WORD_EN = r"(?:-|–|to)"
# An em dash joins a range only written tight ("2018—2023"); spaced, it sets off a clause.
_TIGHT_DASH = "—"
RANGE_GAP_ID = re.compile(rf"^(?:\s*{RANGE_WORD_ID}\s*|{_TIGHT_DASH})$", re.IGNORECASE)
RANGE_GAP_EN = re.compile(rf"^(?:\s?{RANGE_WORD_EN}\s?|{_TIGHT_DASH})$")
RANGE_GAP_ANY = re.compile(rf"^(?:\s*(?:{RANGE_WORD_EN}|{RANGE_WORD_ID})\s*|{_TIGHT_DASH})$", re.IGNORECASE)


# Unicode fractions ("29¾"): both readers take them as part of the number before them.
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 0.2, "⅛": 0.125,
                    "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}


@dataclass(frozen=True, slots=True)  # slots: a long text has tens of thousands of spans
class NumberSpan:
    """One number expression in Indonesian text.

    ``english`` is how it reads in English (``5.000`` → ``5,000``); ``required`` lists, per
    number a faithful translation must carry, the set of values that count as that number
    (an hour may be written 20 or 8); ``code`` is set for literal tokens such as ``9M729``.
    """

    start: int
    end: int
    text: str
    english: str
    kind: str  # "number", "date", "time", "code"
    required: tuple[frozenset[float], ...] = ()
    code: str | None = None
    value: float | None = None  # the most likely reading of a "number" span (scale applied)
    value_max: float | None = None  # the upper end, for a vague word such as "belasan"

    def describe(self) -> str:
        return self.english if self.english == self.text else f"{self.text} ({self.english})"


def value_key(value: float | Decimal) -> float:
    """Values compared after rounding to 9 significant digits (2.3e9 == 2_300_000_000)."""
    number = float(value)
    if number.is_integer() and -1e9 < number < 1e9:
        return number  # nine digits or fewer: the rounding would change nothing (and costs more)
    return float(f"{number:.9g}")


def dec(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex only passes digits
        return Decimal(0)


def group_digits(int_digits: str) -> str:
    return f"{int(int_digits):,}" if int_digits else "0"


def format_decimal(value: Decimal) -> str:
    """English digits: thousands commas, a decimal point, no exponent, no trailing zeros."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _, frac = text.partition(".")
    return sign + group_digits(whole) + (f".{frac}" if frac else "")


def code_key(text: str) -> str:
    """A literal token as compared across languages: "G-20" = "G20", "UTC+7" = "utc +7"."""
    return re.sub(r"[\s\-‐‑–−]", "", text).lower()
