"""The one reader of numbers in English text: digits (with scales), words, ordinals, months,
times.  Used by the QA checks, the unit reader, the terms restorer and the brief's grounding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import MONTH_VALUES, RANGE_GAP_EN, SCALE_ABBR_EN, SCALES_EN, dec, value_key

__all__ = ["EnglishNumbers", "UNITS_EN", "english_values", "english_digit_numbers", "english_number_mentions"]


UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "nil": 0, "nought": 0,
}


_DECADES_EN = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
               "seventies": 70, "eighties": 80, "nineties": 90}


_ORDINALS_EN = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "once": 1, "twice": 2, "noon": 12, "midnight": 24,
}


_EN_NUMBER = re.compile(
    r"(?:(?<![\d.,A-Za-z])|(?<=Rp))(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)(?![\d])"
    r"(?P<tail>(?:st|nd|rd|th|s)\b)?"
    r"(?:(?:\s|-)?(?P<scale>hundred|thousand|million|billion|trillion|quadrillion|k|mn|mln|m|bn|b|tn)\b)?"
    r"(?P<pm>\s?p\.?\s?m\b\.?)?",
    re.IGNORECASE,
)


_EN_CODE = re.compile(r"(?<![\w-])(?:[A-Za-z]+\d|\d+[A-Za-z]+\d)\w*")


_EN_WORD = re.compile(r"[A-Za-z]+|\d[\d,.]*")


@dataclass(frozen=True)
class EnglishNumbers:
    values: frozenset[float]
    codes: frozenset[str]


def _word_runs(text: str) -> list[float]:
    """Values of spelled-out numbers: "nine thousand", "twenty-five", "a hundred"."""
    words = [w.lower() for w in _EN_WORD.findall(text)]
    # "two hundred and fifty" is one number, "two million and three million" two: read both ways.
    return _word_values(words, and_joins=True) + _word_values(words, and_joins=False)


def _word_values(words: list[str], *, and_joins: bool) -> list[float]:
    values: list[float] = []
    total = current = 0
    in_run = False
    prev = ""
    for low in [*words, ""]:
        if low in UNITS_EN:
            current += UNITS_EN[low]
            in_run = True
        elif low in SCALES_EN and (in_run or prev in ("a", "one")):
            scale = SCALES_EN[low]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            in_run = True
        elif low == "and" and in_run and and_joins:
            pass
        else:
            if low in _ORDINALS_EN and in_run and _ORDINALS_EN[low] < 10:
                current += _ORDINALS_EN[low]  # twenty-first
                values.append(float(total + current))
            elif in_run:
                values.append(float(total + current))
            elif low in _ORDINALS_EN:
                values.append(float(_ORDINALS_EN[low]))
            elif low in _DECADES_EN:
                values.append(float(_DECADES_EN[low]))
            total = current = 0
            in_run = False
        prev = low
    return values


_EN_DIGIT_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")


# Broadcast-style numbers written out: "six-and-a-half-million", "one-point-three-billion".
# ASCII: under plain IGNORECASE "ſix" would match "six" and miss the table.
_EN_HALF = re.compile(rf"\b({_EN_DIGIT_WORDS}|\d+)[\s-]+and[\s-]+(?:a[\s-]+)?half\b",
                      re.IGNORECASE | re.ASCII)


_EN_POINT = re.compile(rf"\b({_EN_DIGIT_WORDS}|\d+)[\s-]+point[\s-]+({_EN_DIGIT_WORDS}|\d+)\b",
                       re.IGNORECASE | re.ASCII)


_EN_DIMENSIONS = re.compile(r"(?<![\w.,])(\d+)\s?[x×]\s?(\d+)(?![\w])")


def _digit_word(word: str) -> str:
    return word if word.isdigit() else str(UNITS_EN[word.lower()])


def _spelled_decimals(text: str) -> str:
    text = _EN_HALF.sub(lambda m: f"{_digit_word(m.group(1))}.5", text)
    return _EN_POINT.sub(lambda m: f"{_digit_word(m.group(1))}.{_digit_word(m.group(2))}", text)


def english_values(text: str) -> EnglishNumbers:
    """Every value an English sentence states: digits (with scales), words, ordinals, months."""
    values: set[float] = set()
    for variant in {text, _spelled_decimals(text)}:
        matches = list(_EN_NUMBER.finditer(variant))
        for i, m in enumerate(matches):
            values.update(_en_match_values(m))
            following = matches[i + 1] if i + 1 < len(matches) else None
            if (following is not None and not m.group("scale") and following.group("scale")
                    and RANGE_GAP_EN.match(variant[m.end():following.start()])):
                # "Rp 50-100 million": the scale belongs to both ends of the range.
                scale = following.group("scale").lower()
                factor = SCALES_EN.get(scale) or SCALE_ABBR_EN.get(scale, 1)
                values.add(value_key(dec(m.group("num").replace(",", "")) * factor))
        # Words read from both variants: "one point three times" is also 1 and 3.
        values.update(value_key(v) for v in _word_runs(variant))
    for a, b in _EN_DIMENSIONS.findall(text):  # a 3x5 metre room states 3 and 5
        values.update({float(a), float(b)})
    values.update(float(int(h) + 12) for h in _EN_PM.findall(text) if int(h) < 12)
    for h, minute, meridiem in _EN_DOTTED_TIME.findall(text):
        # "7.30 pm", "19.30 WIB": a time with a dot states an hour and minutes, not 7.3.
        hour = int(h) + (12 if meridiem[:1].lower() == "p" and int(h) < 12 else 0)
        values.update({float(hour), float(int(minute))})
    tokens = _EN_WORD.findall(text)
    for i, token in enumerate(tokens):
        month = MONTH_VALUES.get(token.lower().rstrip("."))
        if month is None:
            continue
        neighbours = tokens[max(0, i - 2): i] + tokens[i + 1: i + 3]
        # "May" and "March" are also words: a month only next to a day or year.
        if any(n[:1].isdigit() for n in neighbours):
            values.add(float(month))
    codes = frozenset(c.lower() for c in _EN_CODE.findall(text))
    return EnglishNumbers(frozenset(values), codes)


def _en_match_values(m: re.Match[str]) -> set[float]:
    written = m.group("num")
    if re.fullmatch(r"\d+,\d{1,2}", written):  # 28,35: never English grouping, a decimal
        written = written.replace(",", ".")
    base = dec(written.replace(",", ""))
    out = {value_key(base)}
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", written):
        # 20.000 in English output is Indonesian grouping copied through; readers take 20,000.
        out.add(value_key(dec(written.replace(".", ""))))
    scale = (m.group("scale") or "").lower()
    if scale:
        factor = SCALES_EN.get(scale) or SCALE_ABBR_EN.get(scale, 1)
        out.add(value_key(base * factor))
        if scale in SCALES_EN and scale != "hundred":
            out.discard(value_key(base))  # "2.3 million" does not state 2.3
    if m.group("pm") and base == base.to_integral_value() and int(base) < 12:
        out.add(float(int(base) + 12))
    return out


_EN_DOTTED_TIME = re.compile(
    r"(?<![\d.,])(\d{1,2})\.([0-5]\d)\s?(a\.?\s?m\b\.?|p\.?\s?m\b\.?|WIB\b|WITA\b|WIT\b|local time\b)",
    re.IGNORECASE)


_EN_PM = re.compile(r"(?<![\d.,])(\d{1,2})(?::\d{2})?\s?p\.?\s?m\b", re.IGNORECASE)


def english_digit_numbers(text: str) -> list[frozenset[float]]:
    """Numbers written with digits in English text, each as the values it may stand for.

    Minutes ``:00`` are dropped (11:00 and 11am say the same); used for reference-side truth.
    """
    found: list[frozenset[float]] = []
    for m in _EN_NUMBER.finditer(text):
        if m.group("num") == "00" and text[max(0, m.start() - 1): m.start()] == ":":
            continue
        found.append(frozenset(_en_match_values(m)))
    return found


def english_number_mentions(text: str) -> list[tuple[str, frozenset[float]]]:
    """Each number written with digits in ``text``, as written, with the values it may stand for."""
    return [(m.group(0).strip(), frozenset(_en_match_values(m))) for m in _EN_NUMBER.finditer(text)]
