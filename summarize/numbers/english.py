"""The one reader of numbers in English text: digits (with scales), words, ordinals, months,
times.  Used by the QA checks, the unit reader, the terms restorer and the brief's grounding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .common import MONTH_VALUES, RANGE_GAP_EN, SCALE_ABBR_EN, SCALES_EN, VULGAR_FRACTIONS, code_key, dec, value_key

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


# Every word that can begin or end a spelled-out number: a text without one has none.
_NUMBER_WORDS = frozenset([*UNITS_EN, *SCALES_EN, *_ORDINALS_EN, *_DECADES_EN])


# Each pattern that scans a whole text opens with a look-ahead for the characters its matches
# can start with ("(?=\d)"): re has no fast scan for patterns that open with a look-behind or
# "\b", and without it every position of a megabyte runs the whole pattern.  Patterns that need
# a word ("half", "point") are not run at all when the lower-cased text lacks it (ASCII patterns,
# so lower-casing is exact).
_EN_NUMBER = re.compile(
    r"(?=\d)(?:(?<![\d.,A-Za-z])|(?<=Rp)|(?<=[A-Za-z]{2}\.))(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)(?![\d])"
    r"(?P<tail>(?:st|nd|rd|th|s)\b)?"
    r"(?:(?:\s|-)?(?P<scale>hundred|thousand|million|billion|trillion|quadrillion|k|mn|mln|m|bn|b|tn)\b)?"
    r"(?P<pm>\s?p\.?\s?m\b\.?)?",
    re.IGNORECASE,
)


_EN_CODE = re.compile(r"(?=[A-Za-z\d])(?<![\w-])(?:[A-Za-z]++\d|\d++[A-Za-z]++\d)\w*")  # possessive: see _ID_PATTERN
# "G-20", "F-16", "COVID-19": the same codes with a hyphen (compared without it).
_EN_HYPHEN_CODE = re.compile(r"(?=[A-Z])(?<![\w-])[A-Z][A-Za-z]{0,4}-\d+[A-Za-z]*(?![\w-])")
# Time-zone offsets are labels, not quantities: read as codes, so that the "(UTC+7)" the
# prepare stage adds after WIB cannot stand in for a count the model dropped.
_EN_OFFSET = re.compile(r"(?=[ug])\b(?:UTC|GMT)\s?[+−–-]\s?\d{1,2}(?::?\d{2})?", re.IGNORECASE)


_EN_WORD = re.compile(r"(?=[A-Za-z\d])(?:[A-Za-z]+|\d[\d,.]*)")


@dataclass(frozen=True)
class EnglishNumbers:
    values: frozenset[float]
    codes: frozenset[str]


def _word_runs(words: list[str]) -> list[float]:
    """Values of spelled-out numbers ("nine thousand", "twenty-five", "a hundred") in the
    lower-cased words of a text."""
    if _NUMBER_WORDS.isdisjoint(words):
        return []  # no word can start or end a number: both readings below would find nothing
    # "two hundred and fifty" is one number, "two million and three million" two: read both ways.
    return _word_values(words, and_joins=True) + _word_values(words, and_joins=False)


def _composes(current: int, unit: int) -> bool:
    """Whether a number word continues the number so far: "twenty" + "five", "hundred" + "ten";
    "five" + "three" does not (nor does anything after "nil")."""
    if current == 0:
        return True
    if current % 100 == 0:
        return unit < 100
    return current % 10 == 0 and 0 < unit < 10


def _word_values(words: list[str], *, and_joins: bool) -> list[float]:
    values: list[float] = []
    total = current = 0
    in_run = False
    prev = ""
    for low in [*words, ""]:
        if low == "dozen" and in_run:
            current = (current or 1) * 12  # "two dozen" is 24
        elif low in UNITS_EN and in_run and not _composes(current, UNITS_EN[low]):
            # "five-three", "four-nil": two numbers side by side (a score), not 8 or 4.
            values.append(float(total + current))
            total, current = 0, UNITS_EN[low]
        elif low in UNITS_EN:
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


_EN_DIMENSIONS = re.compile(r"(?=\d)(?<![\w.,])(\d+)\s?[x×]\s?(\d+)(?![\w])")


def _digit_word(word: str) -> str:
    return word if word.isdigit() else str(UNITS_EN[word.lower()])


def _spelled_decimals(text: str, lowered: str) -> str:
    if "half" in lowered:
        text = _EN_HALF.sub(lambda m: f"{_digit_word(m.group(1))}.5", text)
    if "point" in lowered:
        text = _EN_POINT.sub(lambda m: f"{_digit_word(m.group(1))}.{_digit_word(m.group(2))}", text)
    return text


_EN_SHORT_YEAR = re.compile(r"(?=['’])(?<![\w'’])['’](\d{2})(?![\d'’])")
_EN_VULGAR = re.compile(rf"(?<![\d.,])(\d+)?\s?([{''.join(VULGAR_FRACTIONS)}])")
_EN_MIXED_FRACTION = re.compile(r"(?=\d)(?<![\d.,/])(?:(\d+)\s)?(\d{1,2})/(\d{1,2})(?![\d/])")
_EN_CODE_NUMBER = re.compile(r"(?=[A-Z])(?<![\w-])[A-Z][A-Za-z]{0,4}-?(\d+)(?![\w.,]\d|\w)")
_EN_MAGNITUDE = re.compile(r"(?=M)(?<![\w.])M\s?(\d{1,2}\.\d)(?!\d)")
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_EN_FRACTION = re.compile(
    rf"(?=[aotfn])\b(a|an|one|two|three|four|nine)[\s-]+({'|'.join(_FRACTION_WORDS)})\b", re.IGNORECASE)
_EN_BARE_HALF = re.compile(r"(?=h)\bhalf\b", re.IGNORECASE)
_EN_QUARTER = re.compile(r"(?=q)\bquarter", re.IGNORECASE)
_EN_BOTH = re.compile(r"(?=b)\bboth\b", re.IGNORECASE)
_EN_RUNNER_UP = re.compile(r"(?=r)\brunners?[\s-]ups?\b", re.IGNORECASE)
_MULTIPLES = {"thrice": 3, "decade": 10, "decades": 10, "initially": 1, "originally": 1, "firstly": 1,
              "double": 2, "doubled": 2, "twofold": 2, "triple": 3, "tripled": 3, "threefold": 3,
              "quadruple": 4, "quadrupled": 4, "fourfold": 4, "fivefold": 5, "tenfold": 10}
_EN_MULTIPLE = re.compile(rf"(?=[{''.join(sorted({w[0] for w in _MULTIPLES}))}])\b({'|'.join(_MULTIPLES)})\b", re.IGNORECASE)
_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XX": 20}
# "World War II", "Elizabeth II", "Louis XIV"; a lone "I" only after "War" (else it is "I").
_EN_ROMAN = re.compile(rf"(?=[IVX])(?<=[A-Za-z] )(?:({'|'.join(sorted(_ROMAN, key=len, reverse=True))})|(?<=War )I)\b")
# "a minute", "per day", "daily": one of the unit, which Indonesian writes "semenit", "sehari".
_EN_ONE_UNIT = re.compile(
    r"(?=[apeohdnwmys])\b(?:(?:a|an|per|every|each|one)\s+(?:second|minute|hour|day|night|week|month|year|decade|"
    r"century|mile|kilomet(?:er|re)|met(?:er|re)|kilo(?:gram)?|ton(?:ne)?|lit(?:er|re)|time|ounce|pound|"
    r"inch|foot|acre|hectare|gallon)"
    r"|hourly|daily|nightly|weekly|monthly|yearly|annually|annual|single)\b", re.IGNORECASE)


def _other_readings(text: str) -> set[float]:
    """Values written in less common ways: '98, 29¾, 3/4, M5.6, a third, World War II, a day."""
    values: set[float] = set()
    for short in _EN_SHORT_YEAR.findall(text):  # '98 is 1998 (or 2098)
        values.update({float(short), 1900.0 + int(short), 2000.0 + int(short)})
    vulgar = any(fraction in text for fraction in VULGAR_FRACTIONS)  # cheaper than the scan
    for whole, fraction in _EN_VULGAR.findall(text) if vulgar else ():
        values.add(value_key(int(whole or 0) + VULGAR_FRACTIONS[fraction]))
    for whole, top, bottom in _EN_MIXED_FRACTION.findall(text):
        if int(bottom) and int(top) < int(bottom):
            values.add(value_key(int(whole or 0) + int(top) / int(bottom)))
    values.update(float(v) for v in _EN_MAGNITUDE.findall(text))
    # "G20", "MiG-29": the number of a code, for a source that writes it apart ("G-20").
    values.update(float(v) for v in _EN_CODE_NUMBER.findall(text))
    for top, bottom in _EN_FRACTION.findall(text):
        numerator = 1 if top.lower() in ("a", "an") else UNITS_EN[top.lower()]
        values.add(value_key(numerator / _FRACTION_WORDS[bottom.lower()]))
    if _EN_BARE_HALF.search(text):
        values.add(0.5)
    if _EN_QUARTER.search(text):
        values.add(0.25)  # "quarter-final", "a quarter of"
    # "empat kali" quadrupled, "sepuluh tahun" a decade, "pertama kali" initially
    values.update(float(_MULTIPLES[w.lower()]) for w in _EN_MULTIPLE.findall(text))
    if _EN_RUNNER_UP.search(text):
        values.add(2.0)  # "terbaik kedua": the runner-up
    if _EN_BOTH.search(text):
        values.add(2.0)  # "kedua negara": "both countries"
    for m in _EN_ROMAN.finditer(text):
        values.add(float(_ROMAN.get(m.group(0), 1)))
    if _EN_ONE_UNIT.search(text):
        values.add(1.0)
    return values


def _codes(text: str) -> frozenset[str]:
    found = _EN_CODE.findall(text) + _EN_HYPHEN_CODE.findall(text) + _EN_OFFSET.findall(text)
    return frozenset(code_key(c) for c in found)


def english_values(text: str) -> EnglishNumbers:
    """Every value an English sentence states: digits (with scales), words, ordinals, months."""
    codes = _codes(text)
    text = _EN_OFFSET.sub(lambda m: " " * len(m.group(0)), text)
    values: set[float] = _other_readings(text)
    tokens = _EN_WORD.findall(text)
    lowered = [t.lower() for t in tokens]
    for variant in {text, _spelled_decimals(text, text.lower())}:
        values |= _digit_values(variant)
        # Words read from both variants: "one point three times" is also 1 and 3.
        words = lowered if variant == text else [t.lower() for t in _EN_WORD.findall(variant)]
        values.update(value_key(v) for v in _word_runs(words))
    for a, b in _EN_DIMENSIONS.findall(text):  # a 3x5 metre room states 3 and 5
        values.update({float(a), float(b)})
    values.update(float(int(h) + 12) for h in _EN_PM.findall(text) if int(h) < 12)
    for h, minute, meridiem in _EN_DOTTED_TIME.findall(text):
        # "7.30 pm", "19.30 WIB": a time with a dot states an hour and minutes, not 7.3.
        hour = int(h) + (12 if meridiem[:1].lower() == "p" and int(h) < 12 else 0)
        values.update({float(hour), float(int(minute))})
    values.update(_months(tokens, lowered))
    return EnglishNumbers(frozenset(values), codes)


def _digit_values(text: str) -> set[float]:
    """Values of the numbers written with digits, a range's shared scale included."""
    values: set[float] = set()
    found = [(m.start(), m.end(), *m.group("num", "scale", "pm")) for m in _EN_NUMBER.finditer(text)]
    for (_, end, num, scale, pm), following in zip(found, [*found[1:], None]):
        values |= _written_values(num, (scale or "").lower(), bool(pm))
        if following is not None and not scale and following[3] and RANGE_GAP_EN.match(text[end:following[0]]):
            # "Rp 50-100 million": the scale belongs to both ends of the range.
            shared = following[3].lower()
            factor = SCALES_EN.get(shared) or SCALE_ABBR_EN.get(shared, 1)
            values.add(value_key(dec(num.replace(",", "")) * factor))
    return values


def _months(tokens: list[str], lowered: list[str]) -> set[float]:
    """Months named next to a day or a year ("May" and "March" are also words)."""
    found: set[float] = set()
    if MONTH_VALUES.keys().isdisjoint(lowered):
        return found  # most texts name no month: no need to walk the words
    for i, low in enumerate(lowered):
        month = MONTH_VALUES.get(low)  # a token with a period is digits ("12."): no month
        if month is not None and any(n[:1].isdigit() for n in tokens[max(0, i - 2): i] + tokens[i + 1: i + 3]):
            found.add(float(month))
    return found


_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _en_match_values(m: re.Match[str]) -> frozenset[float]:
    return _written_values(m.group("num"), (m.group("scale") or "").lower(), bool(m.group("pm")))


@lru_cache(maxsize=4096)
def _written_values(written: str, scale: str, pm: bool) -> frozenset[float]:
    """The values a number written with digits may stand for.  Only the writing decides them,
    so each way of writing is read once: tables and lists repeat their figures."""
    if _COMMA_DECIMAL.fullmatch(written):  # 28,35: never English grouping, a decimal
        written = written.replace(",", ".")
    base = dec(written.replace(",", ""))
    out = {value_key(base)}
    if _DOT_THOUSANDS.fullmatch(written):
        # 20.000 in English output is Indonesian grouping copied through; readers take 20,000.
        out.add(value_key(dec(written.replace(".", ""))))
    if scale:
        factor = SCALES_EN.get(scale) or SCALE_ABBR_EN.get(scale, 1)
        out.add(value_key(base * factor))
        if scale in SCALES_EN and scale != "hundred":
            out.discard(value_key(base))  # "2.3 million" does not state 2.3
    if pm and base == base.to_integral_value() and int(base) < 12:
        out.add(float(int(base) + 12))
    return frozenset(out)


_EN_DOTTED_TIME = re.compile(
    r"(?=\d)(?<![\d.,])(\d{1,2})\.([0-5]\d)\s?(a\.?\s?m\b\.?|p\.?\s?m\b\.?|WIB\b|WITA\b|WIT\b|local time\b)",
    re.IGNORECASE)


_EN_PM = re.compile(r"(?=\d)(?<![\d.,])(\d{1,2})(?::\d{2})?\s?p\.?\s?m\b", re.IGNORECASE)


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

