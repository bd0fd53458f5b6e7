"""The one reader of numbers in Indonesian text.

Indonesian writes ``5.000`` for five thousand, ``2,5`` for two and a half, ``pukul 20.00`` for a
time and ``Selasa (4/11/2025)`` for Tuesday 4 November; English readers (and MT models trained
mostly on English-formatted numbers) read the first three differently.  ``indonesian_numbers``
finds every number expression in a source sentence with its English rendering (used to prepare
the model input) and the values a faithful translation must contain (used by the QA).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache

from .common import (
    MONTHS_EN,
    RANGE_GAP_ID,
    RANGE_WORD_ID,
    SCALE_WORD_EN,
    SCALES_ID,
    VULGAR_FRACTIONS,
    WEEKDAYS_ID,
    NumberSpan,
    code_key,
    dec,
    format_decimal,
    group_digits,
    value_key,
)
from .words import ordinal_numbers, word_numbers

__all__ = ["indonesian_numbers", "normalise_numbers", "with_number_words"]


_END = r"(?!\d)(?![.,]\d)"


# Every reading starts with a digit, a letter or a currency sign after a non-word character
# (each alternative's own look-behind implies it): tested first, as one class and one
# look-behind, most positions of a long text cost two comparisons instead of the whole
# alternation.  For the same reason the plain number's branch first checks for a digit or the
# first letter of a currency, and letters and digits are taken possessively in codes (giving
# one back never lets a letter match a digit).
_ID_PATTERN = re.compile(
    rf"""
    (?=[\dA-Za-z$£€])(?<!\w)
    (?:
    (?P<mag>(?<![\w-])M(?P<magnitude>\d{{1,2}},\d)(?!\d))                 # M5,6 (earthquakes)
  | (?P<code>(?<![\w-])(?:(?:UTC|GMT)\s?[+−–-]\s?\d{{1,2}}(?::?\d{{2}})?    # UTC+7: a label
           | (?!(?:Rp|IDR|USD?)\.?\d)(?:[A-Za-z]++\d|\d++[A-Za-z]++\d)\w*))    # 9M729, G20
  | (?P<date>(?<![\w./,])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?(?![\w/]))
  | (?P<ref>(?<![\w,/])(?<!\d\.)\d{{1,4}}(?:/\d{{1,4}})+(?![\w/]))       # No.11/2008, 2/3
  | (?=[\dRIU$£€])(?:(?<![\w.,/])|(?<=[A-Za-z]{{2}}\.))(?:(?P<cur>Rp\.?|IDR|US\$|USD|\$|£|€)\s?)?
      (?P<num>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?{_END}                # 5.000 / 1.234,5
            | \d+,\d+{_END}                                     # 2,5
            | \d+\.\d{{1,2}}{_END}                              # 20.00 (time) or 1.5
            | \d+{_END})
      (?P<vulgar>[{''.join(VULGAR_FRACTIONS)}])?                    # 29¾
      (?P<scale>\s?(?:ribu|rb|puluh|ratus|juta|jt|miliar|milyar|triliun|kuadriliun)\b)?
      (?P<decade>-an\b)?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


# The searches in the few words before a number open with a look-ahead for their first letter,
# like _ID_PATTERN: they run once per number, and a text may have hundreds of thousands.
_TIME_BEFORE = re.compile(r"(?=[pj])(?:\bpukul|\bpkl\.?|\bjam)\s*$", re.IGNORECASE)


_TIME_AFTER = re.compile(r"^\s*(?:WIB|WITA|WIT|waktu setempat|GMT|UTC)\b")


# "10-15 ribu": the range's second end carries the scale word ("puluh" is a word, not a scale).
_SHARED_SCALE = re.compile(
    rf"^\s*{RANGE_WORD_ID}\s*(?:Rp\.?\s?)?\d[\d.,]*\s?"
    rf"({'|'.join(k for k in SCALES_ID if k != 'puluh')})\b", re.IGNORECASE)


_HEADLINE_SCALE = re.compile(r"\s?(M|T|Jt)\b")  # case matters: "m" after a number is metres


_WEEKDAY_BEFORE = re.compile(rf"(?=[SRKJMA])\b{WEEKDAYS_ID}\s*,?\s*\(?\s*$")


# Shapes of the digits of a match, compiled once: they are tested on every number of a text.
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_CLOCK_DIGITS = re.compile(r"\d{1,2}(?:[.:]\d{2})?")
_COMMA_THOUSANDS = re.compile(r"\d+,\d{3}")
_TWO_DIGITS = re.compile(r"\d{2}")
_DECADE_YEAR = re.compile(r"\d{3}0")


def _parse_id_number(num: str) -> tuple[list[Decimal], str, bool]:
    """Values (first = most likely), English digits, and whether the reading is certain."""
    if _GROUPED.fullmatch(num):
        whole, _, frac = num.partition(",")
        digits = whole.replace(".", "")
        value = dec(digits + (f".{frac}" if frac else ""))
        return [value], group_digits(digits) + (f".{frac}" if frac else ""), True
    if "," in num:
        whole, frac = num.split(",")
        value = dec(f"{whole}.{frac}")
        if len(frac) == 3 and whole != "0":
            # "1,200": an Indonesian decimal, or English thousands pasted into Indonesian text.
            return [value, dec(whole + frac)], num, False
        return [value], f"{whole}.{frac}", True
    if "." in num:  # 20.00 or 1.5: a time, or a decimal written the English way
        return [dec(num), dec(num.split(".")[0])], num, False
    return [dec(num)], num, True


def _scaled(values: list[Decimal], scale: int) -> list[Decimal]:
    return [v * scale for v in values]


def _english_with_scale(value: Decimal, english: str, scale_word: str) -> str:
    scale = SCALES_ID[scale_word.lower()]
    if scale in SCALE_WORD_EN:
        return f"{english} {SCALE_WORD_EN[scale]}"
    product = value * scale
    if product == product.to_integral_value():
        return format_decimal(product)
    return f"{english} {'thousand' if scale == 1000 else 'hundred' if scale == 100 else 'ten'}"


def _hour_alternatives(hour: int) -> frozenset[float]:
    alts = {float(hour)}
    if hour > 12:
        alts.add(float(hour - 12))
    if hour in (0, 12, 24):
        alts.update({0.0, 12.0, 24.0})
    return frozenset(alts)


def indonesian_numbers(text: str, *, words: bool = False, ordinals: bool = False) -> list[NumberSpan]:
    """Every number expression of an Indonesian sentence, in order.

    ``words=True`` also reads numbers written as words ("empat orang", "tiga ribu");
    ``ordinals=True`` also ordinals ("keempat", kind "ordinal"), fractions ("sepertiga", kind
    "fraction") and "se-" units of time ("semenit": 1), which the QA compares but which are no
    figures for a story.
    """
    spans = _digit_numbers(text)
    return with_number_words(text, spans, words=words, ordinals=ordinals) if words or ordinals else spans


def with_number_words(text: str, digits: list[NumberSpan], *, words: bool = True,
                      ordinals: bool = False) -> list[NumberSpan]:
    """What ``indonesian_numbers(text, words=..., ordinals=...)`` returns, given ``digits`` =
    ``indonesian_numbers(text)``: for a caller that needs both readings without reading the
    digits twice."""
    extra = (word_numbers(text) if words else []) + (ordinal_numbers(text) if ordinals else [])
    return _with_free_words(digits, extra) if extra else list(digits)


def _with_free_words(spans: list[NumberSpan], extra: list[NumberSpan]) -> list[NumberSpan]:
    """The digit spans plus every word span that overlaps no digit span and no word span taken
    before it (in order of start, the longer first).

    Bisection on the digit spans' starts and their running maximum end, and the largest end of
    the words taken so far, answer "does it overlap?" without comparing every pair of spans.
    """
    digits = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in digits]
    reach: list[int] = []  # reach[i]: the largest end among digits[: i + 1]
    for s in digits:
        reach.append(max(s.end, reach[-1]) if reach else s.end)
    out = list(spans)
    words_reach = -1
    for w in sorted(extra, key=lambda s: (s.start, -s.end)):
        before = bisect_left(starts, w.end)  # digit spans that start before the word ends
        if (before and reach[before - 1] > w.start) or words_reach > w.start:
            continue
        out.append(w)
        words_reach = max(words_reach, w.end)
    out.sort(key=lambda s: s.start)
    return out


# "pukul 8 malam", "pukul 3 sore": an hour of the 12-hour clock after noon.
_AFTERNOON_AFTER = re.compile(r"^\s*(?:(?:WIB|WITA|WIT)\s*)?(?:siang|sore|petang|malam)\b", re.IGNORECASE)
_SHORT_YEAR_BEFORE = re.compile(r"(?=[t'’])(?:\btahun\s+|['’])$", re.IGNORECASE)


def _literal_span(text: str, m: re.Match[str]) -> NumberSpan | None:
    """A span for a match that is not a plain number: a magnitude, a code, a date, a reference."""
    start, end = m.span()
    if m.group("mag"):  # M5,6: an earthquake magnitude, 5.6 in English
        value = float(m.group("magnitude").replace(",", "."))
        return NumberSpan(start, end, m.group(0), f"M{value:g}", "number", (frozenset({value}),),
                          value=value)
    if m.group("code"):
        token = m.group("code")
        dims = re.fullmatch(r"(\d+)[xX](\d+)", token)
        if dims:  # 8x15 (metres): two numbers
            required = tuple(frozenset({float(d)}) for d in dims.groups())
            return NumberSpan(start, end, token, token, "number", required)
        if sum(c.isdigit() for c in token) >= 2 or token[:3].upper() in ("UTC", "GMT"):
            # G20, 9M729, H5N1, UTC+7 must come through as written; km2, CO2, G7 are words.
            return NumberSpan(start, end, token, token, "code", (), code_key(token))
        return None
    if m.group("date"):
        span = _date_span(text, m)
        if span is not None:
            return span
        # 1/5 as a fraction: two plain numbers
        d, mo = int(m.group("d")), int(m.group("m"))
        return NumberSpan(start, end, m.group(0), m.group(0), "number",
                          (frozenset({float(d)}), frozenset({float(mo)})))
    # "UU No.11/2008", "pasal 2/3": every part is a number the English must carry.
    parts = m.group("ref").split("/")
    return NumberSpan(start, end, m.group(0), m.group(0), "number",
                      tuple(frozenset({float(p)}) for p in parts))


def _digit_numbers(text: str) -> list[NumberSpan]:
    spans: list[NumberSpan] = []
    previous_time_end = -1
    for m in _ID_PATTERN.finditer(text):
        # A time is the start of a range ("pukul 10.00-12.00") only for the match right after
        # it: every match has a digit, so no gap across another match reads as a range word.
        # Forgetting it keeps the gap short and the loop linear.
        time_end, previous_time_end = previous_time_end, -1
        start, end = m.span()
        num, cur, scale, decade, vulgar = m.group("num", "cur", "scale", "decade", "vulgar")
        if num is None:
            literal = _literal_span(text, m)
            if literal is not None:
                spans.append(literal)
            continue
        cur = cur or ""
        scale = (scale or "").strip()
        # Only the nearby text matters; slicing keeps long inputs linear.
        after = text[end:end + 60]
        is_time = (
            not cur and not scale and _CLOCK_DIGITS.fullmatch(num) is not None
            and (bool(_TIME_BEFORE.search(text[max(0, start - 40):start])) or bool(_TIME_AFTER.match(after))
                 or bool(time_end >= 0 and RANGE_GAP_ID.match(text[time_end:start])))
        )
        if is_time:
            hour, _, minute = num.replace(":", ".").partition(".")
            if int(hour) <= 24 and (not minute or int(minute) < 60):
                afternoon = bool(_AFTERNOON_AFTER.match(after))
                spans.append(_time_span(start, end, m.group(0), int(hour), minute, afternoon))
                previous_time_end = end
                continue
        shared = _SHARED_SCALE.match(after) if not scale else None
        headline_scale = _HEADLINE_SCALE.match(after) if cur and not scale else None
        if headline_scale:  # "Rp 40 M" in a headline: 40 miliar
            scale = {"M": "miliar", "T": "triliun"}.get(headline_scale.group(1), "juta")
            end += headline_scale.end()
        english, keys, value = _reading(num, cur, scale, shared.group(1) if shared else "", decade or "",
                                        vulgar or "")
        if not cur and not scale and _TWO_DIGITS.fullmatch(num) and _SHORT_YEAR_BEFORE.search(
                text[max(0, start - 40):start]):
            keys |= {1900.0 + int(num), 2000.0 + int(num)}  # "tahun 98", "'98": 1998 (or 2098)
        spans.append(NumberSpan(start, end, text[start:end], english, "number", (keys,), value=value))
    return spans


@lru_cache(maxsize=4096)
def _reading(num: str, cur: str, scale: str, shared: str, decade: str, vulgar: str) -> tuple[str, frozenset[float], float]:
    """The English, the values a translation may show and the likeliest value of a written number
    (``shared``: the scale word the second end of its range carries).

    Only the written parts decide it, so it is computed once per way of writing: a table or a
    list repeats its figures, and the arithmetic costs more than the rest of the reading.
    """
    values, english, _certain = _parse_id_number(num)
    likely = 0
    if scale and _COMMA_THOUSANDS.fullmatch(num):
        # "Rp 1,250 triliun": before a scale word the comma can only be a decimal.
        values, english = values[:1], format_decimal(values[0])
    if scale:
        values = _scaled(values, SCALES_ID[scale.lower()])
        english = _english_with_scale(values[0] / SCALES_ID[scale.lower()], english, scale)
    elif shared:
        # "10-15 ribu": the scale belongs to both ends.  Either reading of the first number
        # counts ("10,000-15,000", "10 to 15 thousand"); English needs "10,000-15,000" but
        # reads "2-3 million" right.
        factor = SCALES_ID[shared.lower()]
        if factor < 10**6:
            english = _english_with_scale(values[0], english, shared)
        likely = len(values)  # the scaled reading of the first end
        values = values + _scaled(values, factor)
    if cur:
        english = ("Rp " if cur.lower().startswith("rp") else cur.strip() + " ") + english
        if cur.strip() in ("$", "£", "€"):
            english = cur.strip() + english[2:]
    if decade and not cur and not scale:
        english += "s"  # 30-an: "30s" (in his thirties), 1990-an: "1990s"
    if vulgar:  # 29¾ = 29.75
        values, likely = [v + Decimal(str(VULGAR_FRACTIONS[vulgar])) for v in values[:1]], 0
        english = format_decimal(Decimal(f"{float(values[0]):.4g}"))
    keys = {value_key(v) for v in values}
    if decade and _DECADE_YEAR.fullmatch(num):
        keys.add(float(int(num) % 100))  # 1970-an: "the 1970s" or "the 70s"
    return english, frozenset(keys), float(values[likely])


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


def _time_span(start: int, end: int, text: str, hour: int, minute: str,
               afternoon: bool = False) -> NumberSpan:
    english = f"{hour:02d}:{minute}" if minute else str(hour)
    required = [_hour_alternatives(hour)]
    if afternoon and 0 < hour < 12:  # "pukul 8 malam" is 20:00 as well as 8 p.m.
        required = [required[0] | {float(hour + 12)}]
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
