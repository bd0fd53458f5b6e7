"""Numbers in Indonesian news and in English translations: find, normalise, compare.

Indonesian writes ``5.000`` for five thousand, ``2,5`` for two and a half, ``pukul 20.00`` for a
time and ``Selasa (4/11/2025)`` for Tuesday 4 November; English readers (and MT models trained
mostly on English-formatted numbers) read the first three differently.  ``indonesian_numbers``
finds every number expression in a source sentence with its English rendering (used to prepare
the model input) and the values a faithful translation must contain (used by the QA);
``english_values`` reads what an English sentence actually says, digits and words alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "NumberSpan",
    "EnglishNumbers",
    "indonesian_numbers",
    "normalise_numbers",
    "english_values",
    "english_digit_numbers",
    "missing_numbers",
    "value_key",
]

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_WEEKDAYS_ID = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
_SCALES_ID = {"ribu": 10**3, "rb": 10**3, "puluh": 10, "ratus": 100, "juta": 10**6, "jt": 10**6,
              "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_SCALE_WORD_EN = {10**6: "million", 10**9: "billion", 10**12: "trillion"}

_END = r"(?!\d)(?![.,]\d)"
_ID_PATTERN = re.compile(
    rf"""
    (?P<code>(?<![\w-])(?!(?:Rp|IDR|USD?)\.?\d)(?:[A-Za-z]+\d|\d+[A-Za-z]+\d)\w*)  # 9M729, G20
  | (?P<date>(?<![\w./,])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?(?![\w/]))
  | (?<![\w.,/])(?:(?P<cur>Rp\.?|IDR|US\$|USD|\$)\s?)?
      (?P<num>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?{_END}                # 5.000 / 1.234,5
            | \d+,\d+{_END}                                     # 2,5
            | \d+\.\d{{1,2}}{_END}                              # 20.00 (time) or 1.5
            | \d+{_END})
      (?P<scale>\s?(?:ribu|rb|puluh|ratus|juta|jt|miliar|milyar|triliun)\b)?
      (?P<decade>-an\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TIME_BEFORE = re.compile(r"(?:\bpukul|\bpkl\.?|\bjam)\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s*(?:WIB|WITA|WIT|waktu setempat)\b")
_RANGE_WORD = r"(?:-|–|hingga|sampai|s/d|s\.d\.?)"
_RANGE_GAP = re.compile(rf"^\s*{_RANGE_WORD}\s*$", re.IGNORECASE)
# "10-15 ribu": the range's second end carries the scale word ("puluh" is a word, not a scale).
_SHARED_SCALE = re.compile(
    rf"^\s*{_RANGE_WORD}\s*(?:Rp\.?\s?)?\d[\d.,]*\s?"
    rf"({'|'.join(k for k in _SCALES_ID if k != 'puluh')})\b", re.IGNORECASE)
_HEADLINE_SCALE = re.compile(r"\s?(M|T|Jt)\b")  # case matters: "m" after a number is metres
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAYS_ID}\s*,?\s*\(?\s*$")


@dataclass(frozen=True)
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

    def describe(self) -> str:
        return self.english if self.english == self.text else f"{self.text} ({self.english})"


def value_key(value: float | Decimal) -> float:
    """Values compared after rounding to 9 significant digits (2.3e9 == 2_300_000_000)."""
    return float(f"{float(value):.9g}")


def _dec(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex only passes digits
        return Decimal(0)


def _group(int_digits: str) -> str:
    return f"{int(int_digits):,}" if int_digits else "0"


def _format_decimal(value: Decimal) -> str:
    """English digits: thousands commas, a decimal point, no exponent, no trailing zeros."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _, frac = text.partition(".")
    return sign + _group(whole) + (f".{frac}" if frac else "")


def _parse_id_number(num: str) -> tuple[list[Decimal], str, bool]:
    """Values (first = most likely), English digits, and whether the reading is certain."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", num):
        whole, _, frac = num.partition(",")
        digits = whole.replace(".", "")
        value = _dec(digits + (f".{frac}" if frac else ""))
        return [value], _group(digits) + (f".{frac}" if frac else ""), True
    if "," in num:
        whole, frac = num.split(",")
        value = _dec(f"{whole}.{frac}")
        if len(frac) == 3 and whole != "0":
            # "1,200": an Indonesian decimal, or English thousands pasted into Indonesian text.
            return [value, _dec(whole + frac)], num, False
        return [value], f"{whole}.{frac}", True
    if "." in num:  # 20.00 or 1.5: a time, or a decimal written the English way
        return [_dec(num), _dec(num.split(".")[0])], num, False
    return [_dec(num)], num, True


def _scaled(values: list[Decimal], scale: int) -> list[Decimal]:
    return [v * scale for v in values]


def _english_with_scale(value: Decimal, english: str, scale_word: str) -> str:
    scale = _SCALES_ID[scale_word.lower()]
    if scale in _SCALE_WORD_EN:
        return f"{english} {_SCALE_WORD_EN[scale]}"
    product = value * scale
    if product == product.to_integral_value():
        return _format_decimal(product)
    return f"{english} {'thousand' if scale == 1000 else 'hundred' if scale == 100 else 'ten'}"


def _hour_alternatives(hour: int) -> frozenset[float]:
    alts = {float(hour)}
    if hour > 12:
        alts.add(float(hour - 12))
    if hour in (0, 12, 24):
        alts.update({0.0, 12.0, 24.0})
    return frozenset(alts)


def indonesian_numbers(text: str) -> list[NumberSpan]:
    """Every number expression of an Indonesian sentence, in order."""
    spans: list[NumberSpan] = []
    previous_time_end = -1
    for m in _ID_PATTERN.finditer(text):
        start, end = m.span()
        if m.group("code"):
            token = m.group("code")
            dims = re.fullmatch(r"(\d+)[xX](\d+)", token)
            if dims:  # 8x15 (metres): two numbers
                required = tuple(frozenset({float(d)}) for d in dims.groups())
                spans.append(NumberSpan(start, end, token, token, "number", required))
            elif sum(c.isdigit() for c in token) >= 2:
                # G20, 9M729, H5N1 must come through as written; km2, CO2, G7 are words.
                spans.append(NumberSpan(start, end, token, token, "code", (), token.lower()))
            continue
        if m.group("date"):
            span = _date_span(text, m)
            if span is not None:
                spans.append(span)
            else:  # 1/5 as a fraction: two plain numbers
                d, mo = int(m.group("d")), int(m.group("m"))
                spans.append(NumberSpan(start, end, m.group(0), m.group(0), "number",
                                        (frozenset({float(d)}), frozenset({float(mo)}))))
            continue
        num = m.group("num")
        cur = m.group("cur") or ""
        scale = (m.group("scale") or "").strip()
        # Only the nearby text matters; slicing keeps long inputs linear.
        before, after = text[max(0, start - 40):start], text[end:end + 60]
        gap = text[previous_time_end:start] if previous_time_end >= 0 else ""
        is_time = (
            not cur and not scale and re.fullmatch(r"\d{1,2}(?:[.:]\d{2})?", num) is not None
            and (bool(_TIME_BEFORE.search(before)) or bool(_TIME_AFTER.match(after))
                 or bool(previous_time_end >= 0 and _RANGE_GAP.match(gap)))
        )
        if is_time:
            hour, _, minute = num.replace(":", ".").partition(".")
            if int(hour) <= 24 and (not minute or int(minute) < 60):
                spans.append(_time_span(start, end, m.group(0), int(hour), minute))
                previous_time_end = end
                continue
        values, english, _certain = _parse_id_number(num)
        shared = _SHARED_SCALE.match(after) if not scale else None
        headline_scale = _HEADLINE_SCALE.match(after) if cur and not scale else None
        if headline_scale:  # "Rp 40 M" in a headline: 40 miliar
            scale = {"M": "miliar", "T": "triliun"}.get(headline_scale.group(1), "juta")
            end += headline_scale.end()
        if scale and re.fullmatch(r"\d+,\d{3}", num):
            # "Rp 1,250 triliun": before a scale word the comma can only be a decimal.
            values, english = values[:1], _format_decimal(values[0])
        if scale:
            values = _scaled(values, _SCALES_ID[scale.lower()])
            english = _english_with_scale(values[0] / _SCALES_ID[scale.lower()], english, scale)
        elif shared:
            # "10-15 ribu": the scale belongs to both ends.  Either reading of the first number
            # counts ("10,000-15,000", "10 to 15 thousand"); English needs "10,000-15,000" but
            # reads "2-3 million" right.
            factor = _SCALES_ID[shared.group(1).lower()]
            if factor < 10**6:
                english = _english_with_scale(values[0], english, shared.group(1))
            values = values + _scaled(values, factor)
        if cur:
            english = ("Rp " if cur.lower().startswith("rp") else cur.strip() + " ") + english
            if cur.strip() == "$":
                english = "$" + english[2:]
        if m.group("decade") and not cur and not scale:
            english += "s"  # 30-an: "30s" (in his thirties), 1990-an: "1990s"
        keys = {value_key(v) for v in values}
        if m.group("decade") and re.fullmatch(r"\d{3}0", num):
            keys.add(float(int(num) % 100))  # 1970-an: "the 1970s" or "the 70s"
        spans.append(NumberSpan(start, end, text[start:end], english, "number", (frozenset(keys),)))
    return spans


def _date_span(text: str, m: re.Match[str]) -> NumberSpan | None:
    day, month, year = int(m.group("d")), int(m.group("m")), m.group("y")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    # d/m without a year is a date only right after a weekday: "Selasa (8/1)".
    if not year and not _WEEKDAY_BEFORE.search(text[max(0, m.start() - 40): m.start()]):
        return None
    english = f"{day} {MONTHS_EN[month - 1]}" + (f" {year}" if year else "")
    required = [frozenset({float(day)}), frozenset({float(month)})]
    if year:
        required.append(frozenset({float(year)}))
    return NumberSpan(m.start(), m.end(), m.group(0), english, "date", tuple(required))


def _time_span(start: int, end: int, text: str, hour: int, minute: str) -> NumberSpan:
    english = f"{hour:02d}:{minute}" if minute else str(hour)
    required = [_hour_alternatives(hour)]
    if minute and int(minute):
        required.append(frozenset({float(int(minute))}))
    return NumberSpan(start, end, text, english, "time", tuple(required))


def normalise_numbers(text: str, spans: list[NumberSpan] | None = None) -> str:
    """The sentence with every number written the English way (what the model should see)."""
    spans = indonesian_numbers(text) if spans is None else spans
    out: list[str] = []
    last = 0
    for span in spans:
        out.append(text[last:span.start])
        out.append(span.english)
        last = span.end
    out.append(text[last:])
    return "".join(out)


# -- English ---------------------------------------------------------------------------

_UNITS_EN = {
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
_SCALES_EN = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
              "trillion": 10**12}
_SCALE_ABBR_EN = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9,
                  "tn": 10**12}
_MONTH_VALUES = {name.lower(): i + 1 for i, name in enumerate(MONTHS_EN)}
_MONTH_VALUES.update({name.lower()[:3]: i + 1 for i, name in enumerate(MONTHS_EN)})
_MONTH_VALUES["sept"] = 9
_EN_NUMBER = re.compile(
    r"(?:(?<![\d.,A-Za-z])|(?<=Rp))(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)(?![\d])"
    r"(?P<tail>(?:st|nd|rd|th|s)\b)?"
    r"(?:(?:\s|-)?(?P<scale>hundred|thousand|million|billion|trillion|k|mn|mln|m|bn|b|tn)\b)?"
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
        if low in _UNITS_EN:
            current += _UNITS_EN[low]
            in_run = True
        elif low in _SCALES_EN and (in_run or prev in ("a", "one")):
            scale = _SCALES_EN[low]
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
_EN_RANGE_GAP = re.compile(r"^\s?(?:-|–|to)\s?$")


def _digit_word(word: str) -> str:
    return word if word.isdigit() else str(_UNITS_EN[word.lower()])


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
                    and _EN_RANGE_GAP.match(variant[m.end():following.start()])):
                # "Rp 50-100 million": the scale belongs to both ends of the range.
                scale = following.group("scale").lower()
                factor = _SCALES_EN.get(scale) or _SCALE_ABBR_EN.get(scale, 1)
                values.add(value_key(_dec(m.group("num").replace(",", "")) * factor))
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
        month = _MONTH_VALUES.get(token.lower().rstrip("."))
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
    base = _dec(written.replace(",", ""))
    out = {value_key(base)}
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", written):
        # 20.000 in English output is Indonesian grouping copied through; readers take 20,000.
        out.add(value_key(_dec(written.replace(".", ""))))
    scale = (m.group("scale") or "").lower()
    if scale:
        factor = _SCALES_EN.get(scale) or _SCALE_ABBR_EN.get(scale, 1)
        out.add(value_key(base * factor))
        if scale in _SCALES_EN and scale != "hundred":
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


def missing_numbers(source: str, translation: str,
                    spans: list[NumberSpan] | None = None) -> list[NumberSpan]:
    """Source numbers (Indonesian conventions) that the English translation does not state."""
    english = english_values(translation)
    missing = []
    for span in indonesian_numbers(source) if spans is None else spans:
        if span.code is not None:
            if span.code not in english.codes and span.code not in translation.lower():
                missing.append(span)
            continue
        if any(not (alternatives & english.values) for alternatives in span.required):
            missing.append(span)
    return missing
