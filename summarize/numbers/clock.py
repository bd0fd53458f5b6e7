"""Times of day and calendar dates: the same digits can say another time or another day.

A digit comparison passes "11:29 p.m." for "pukul 11.29" (Indonesian news writes the 24-hour
clock: that is 11:29 in the morning) and "April 11" for "Selasa (4/11)" (4 November): the
digits are all there, the reader learns the wrong thing.  Hand-written: no library reads
Indonesian times of day ("pukul 8 malam", "01.15 dini hari").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import MONTH_VALUES, MONTHS_EN, NumberSpan

__all__ = ["ClockMismatch", "time_of_day_mismatches", "swapped_dates", "unsure_clock"]

# Indonesian parts of the day after a time ("pukul 8 malam", "01.15 WIB dini hari").
_DAY_PART_ID = re.compile(
    r"^\s*(?:(?:WIB|WITA|WIT|waktu setempat)\s*)?,?\s*(pagi|subuh|dini\s+hari|siang|sore|petang|malam)\b",
    re.IGNORECASE)
# English times whose part of the day is explicit: "11:29 p.m.", "8 in the evening", "12 noon".
_EN_TIME = re.compile(
    r"(?<![\d.,:])(?P<h>\d{1,2})(?:[:.](?P<min>[0-5]\d))?\s?(?:o'clock\s)?"
    r"(?P<part>a\.?\s?m\b\.?|p\.?\s?m\b\.?|noon\b|midnight\b|in the morning\b|in the afternoon\b"
    r"|in the evening\b|at night\b|tonight\b)",
    re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTH_VALUES, key=len, reverse=True))
_EN_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b\.?", re.IGNORECASE)
_EN_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[:.]\d)", re.IGNORECASE)


@dataclass(frozen=True)
class ClockMismatch:
    """A source time or date the English gives as another time of day or another day."""

    span: NumberSpan
    english: str

    def describe(self) -> str:
        return f"{self.span.text} became “{self.english}”"


def _source_hours(text: str, span: NumberSpan) -> tuple[int, int, set[int] | None]:
    """Hour (as written), minutes and the 24-hour readings the source allows (None: unsure)."""
    hour_text, _, minute = span.text.replace(":", ".").partition(".")
    hour, minutes = int(hour_text), int(minute or 0)
    part = _DAY_PART_ID.match(text[span.end:span.end + 30])
    if hour > 12 or hour == 0:
        return hour, minutes, {hour % 24}
    if part is None:
        # "11.29", "08.00": the 24-hour clock; a bare "pukul 8" may mean 8 in the evening.
        return hour, minutes, {hour % 24} if minute or hour_text.startswith("0") else None
    word = part.group(1).lower()
    if word in ("pagi", "subuh") or word.startswith("dini"):
        return hour, minutes, {hour % 12}
    if word == "siang":  # late morning to mid-afternoon
        return hour, minutes, {hour if hour >= 10 else hour + 12}
    if word == "malam" and (hour == 12 or hour <= 4):
        return hour, minutes, {hour % 12}  # "12 malam" is midnight, "2 malam" is 2 a.m.
    return hour, minutes, {hour % 12 + 12}


def _english_hour(m: re.Match[str]) -> int:
    hour, part = int(m.group("h")), m.group("part").lower()
    if part.startswith("a") or part == "in the morning":
        return hour % 12
    if part == "midnight":
        return 0
    if part == "noon":
        return 12
    if part == "at night" and hour <= 4:
        return hour
    return hour % 12 + 12


def _clock_matches(source: str, translation: str,
                   spans: list[NumberSpan]) -> list[tuple[NumberSpan, set[int] | None, int, str]]:
    """English times with an explicit part of the day, each with the source time it renders
    (its allowed 24-hour readings, None when the source does not say) and its own reading."""
    times = [(span, *_source_hours(source, span)) for span in spans if span.kind == "time"]
    found = []
    for m in _EN_TIME.finditer(translation) if times else ():
        h12, minutes = int(m.group("h")) % 12, int(m.group("min") or 0)
        if int(m.group("h")) > 12:
            continue  # "23:00 p.m." says 23 whatever the suffix
        same = [(span, allowed) for span, h, mins, allowed in times if h % 12 == h12 and mins == minutes]
        if same:
            unsure = any(allowed is None for _, allowed in same)
            allowed = None if unsure else set().union(*(a for _, a in same if a is not None))
            found.append((same[0][0], allowed, _english_hour(m), m.group(0).strip()))
    return found


def time_of_day_mismatches(source: str, translation: str, spans: list[NumberSpan]) -> list[ClockMismatch]:
    """Source times the English moves to another part of the day ("11.29" → "11:29 p.m.")."""
    return [ClockMismatch(span, text) for span, allowed, hour, text in _clock_matches(source, translation, spans)
            if allowed is not None and hour not in allowed]


_EN_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/\d{2,4})?(?![\d/])")


def unsure_clock(source: str, translation: str, spans: list[NumberSpan]) -> list[ClockMismatch]:
    """What a reader may take either way: a bare "pukul 8" given as "8 p.m." (the source does
    not say which part of the day), a day-first date written month-first ("11/4" for 4/11:
    4 November to an American, 11 April to a British reader)."""
    found = [ClockMismatch(span, text) for span, allowed, _hour, text in _clock_matches(source, translation, spans)
             if allowed is None]
    numeric = {(int(a), int(b)) for a, b in _EN_NUMERIC_DATE.findall(translation)}
    for span in spans:
        if span.kind == "date":
            day, month = int(min(span.required[0])), int(min(span.required[1]))
            if day <= 12 and day != month and (month, day) in numeric and (day, month) not in numeric:
                found.append(ClockMismatch(span, f"{month}/{day}"))
    return found


def _english_dates(translation: str) -> set[tuple[int, int]]:
    """(day, month) of every date written with a month name."""
    dates = {(int(d), MONTH_VALUES[mo.lower()]) for d, mo in _EN_DAY_MONTH.findall(translation)}
    dates |= {(int(d), MONTH_VALUES[mo.lower()]) for mo, d in _EN_MONTH_DAY.findall(translation)}
    return {(d, mo) for d, mo in dates if 1 <= d <= 31}


def swapped_dates(translation: str, spans: list[NumberSpan]) -> list[ClockMismatch]:
    """Source dates (4/11/2025 = 4 November) the English gives with day and month swapped
    ("April 11").  Numeric English dates (11/4) are left alone: the American order is a
    convention, not an error."""
    dates = [s for s in spans if s.kind == "date"]
    if not dates:
        return []
    english = _english_dates(translation)
    found = []
    for span in dates:
        day, month = int(min(span.required[0])), int(min(span.required[1]))
        if day > 12 or day == month or (day, month) in english or (month, day) not in english:
            continue
        found.append(ClockMismatch(span, f"{MONTHS_EN[day - 1]} {month}"))
    return found
